#pragma once
// The case report: one explained prediction as a PDF a domain expert can read without the app (Qt's PDF
// writer): identification (model, run, dataset, sample, date), the prediction, each modality's contribution,
// every overlay with its legend, and how to read them. One or two A4 pages.
#include <QString>

#include "explain/explain_painting.h"
#include "explain/explanation_data.h"

namespace fusebench::widgets {

struct CaseReportResult {
  bool ok = false;
  QString error;
  int pages = 0;
};

// `style` is the method and colours the user chose on screen; the report adds Integrated Gradients and
// Grad-CAM for images when the chosen method is another one.
CaseReportResult writeCaseReport(const ExplanationData& e, const OverlayStyle& style, const QString& path);

}  // namespace fusebench::widgets
