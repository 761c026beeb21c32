#pragma once
// Engine results (JSON metrics, run folders, bundle evaluations) as the training widgets' plain view data.
#include <nlohmann/json.hpp>

#include "train/bundle.h"
#include "train/run_index.h"
#include "training/training_data.h"

namespace fusebench::app {

// A classification report as written by the engine (eval.json, per-epoch validation, bundle eval).
widgets::EvaluationView evaluationFromJson(const nlohmann::json& metrics, const QString& title, const QString& split);
widgets::EvaluationView evaluationFromOutcome(const train::EvalOutcome& outcome, const QString& title, const QString& split);
widgets::RobustnessView robustnessFromOutcome(const train::RobustnessOutcome& outcome);
// The runs oldest first, each with its configuration difference to the run before it.
QList<widgets::RunSummaryView> runSummaries(const std::vector<train::RunInfo>& runs);
widgets::RunCurvesView curvesView(const QString& name, const train::RunCurves& curves);

}  // namespace fusebench::app
