#pragma once
// Engine explanation (plain types) -> the explanation view's data (Qt values).
#include "explain/explanation.h"
#include "explain/explanation_data.h"

namespace fusebench::app {

widgets::ExplanationData toViewData(const explain::Explanation& e);
QVector<widgets::ModalityData> toViewData(const std::vector<explain::ModalityInfo>& modalities);

}  // namespace fusebench::app
