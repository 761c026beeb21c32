#include "training/training_adapter.h"

#include "train/best_checkpoint.h"

#include <QObject>

namespace fusebench::app {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }

QList<double> doubles(const nlohmann::json& j) {
  QList<double> out;
  if (!j.is_array()) return out;
  out.reserve(static_cast<qsizetype>(j.size()));
  for (const auto& v : j) out << (v.is_number() ? v.get<double>() : 0.0);
  return out;
}

QList<double> doubles(const std::vector<double>& v) { return QList<double>(v.begin(), v.end()); }
QList<widgets::ReliabilityBinView> bins(const nlohmann::json& j) {
  QList<widgets::ReliabilityBinView> out;
  if (!j.is_array()) return out;
  for (const auto& b : j) {
    if (!b.is_object()) continue;
    widgets::ReliabilityBinView v;
    v.lower = b.value("lower", 0.0), v.upper = b.value("upper", 0.0);
    v.confidence = b.value("confidence", 0.0), v.accuracy = b.value("accuracy", 0.0);
    v.count = b.value("count", int64_t{0});
    out << v;
  }
  return out;
}

widgets::CalibrationView calibrationFromJson(const nlohmann::json& c) {
  widgets::CalibrationView v;
  if (!c.is_object() || !c.contains("ece")) return v;
  v.valid = true;
  v.fitted = c.value("fitted", false);
  v.temperature = c.value("temperature", 1.0);
  v.ece = c.value("ece", 0.0), v.eceCalibrated = c.value("ece_calibrated", v.ece);
  v.classwiseEce = c.value("classwise_ece", 0.0), v.classwiseEceCalibrated = c.value("classwise_ece_calibrated", v.classwiseEce);
  v.samples = c.value("samples", int64_t{0});
  v.before = bins(c.value("bins", nlohmann::json()));
  v.after = bins(c.value("bins_calibrated", nlohmann::json()));
  return v;
}
}  // namespace

widgets::EvaluationView evaluationFromJson(const nlohmann::json& m, const QString& title, const QString& split) {
  widgets::EvaluationView e;
  e.title = title;
  e.split = split;
  if (!m.is_object() || !m.contains("confusion")) {
    e.error = m.is_object() && m.contains("rmse")
                  ? QObject::tr("Regression model: MAE %1, RMSE %2, R² %3 (no confusion matrix)")
                        .arg(m.value("mae", 0.0))
                        .arg(m.value("rmse", 0.0))
                        .arg(m.value("r2", 0.0))
                  : QObject::tr("No classification results for %1.").arg(title);
    return e;
  }
  e.valid = true;
  e.samples = m.value("samples", int64_t{0});
  e.skipped = m.value("skipped", int64_t{0});
  e.accuracy = m.value("accuracy", 0.0);
  if (m.contains("macro")) {
    e.macroPrecision = m["macro"].value("precision", 0.0);
    e.macroRecall = m["macro"].value("recall", 0.0);
    e.macroF1 = m["macro"].value("f1", 0.0);
    e.macroRocAuc = m["macro"].value("roc_auc", 0.0);
  }
  if (m.contains("weighted")) {
    e.weightedPrecision = m["weighted"].value("precision", 0.0);
    e.weightedRecall = m["weighted"].value("recall", 0.0);
    e.weightedF1 = m["weighted"].value("f1", 0.0);
  }
  for (const auto& row : m["confusion"]) {
    QList<qint64> r;
    for (const auto& v : row) r << v.get<qint64>();
    e.confusion << r;
  }
  for (const auto& c : m.value("classes", nlohmann::json::array())) {
    widgets::ClassMetricsView v;
    v.name = q(c.value("name", std::string()));
    v.precision = c.value("precision", 0.0);
    v.recall = c.value("recall", 0.0);
    v.f1 = c.value("f1", 0.0);
    v.support = c.value("support", int64_t{0});
    if (c.contains("roc")) {
      v.roc.x = doubles(c["roc"]["fpr"]);
      v.roc.y = doubles(c["roc"]["tpr"]);
      v.roc.auc = c["roc"].value("auc", 0.0);
      v.roc.valid = true;
    }
    if (c.contains("pr")) {
      v.pr.x = doubles(c["pr"]["recall"]);
      v.pr.y = doubles(c["pr"]["precision"]);
      v.pr.auc = c["pr"].value("average_precision", 0.0);
      v.pr.valid = true;
    }
    e.classes << v.name;
    e.perClass << v;
  }
  e.calibration = calibrationFromJson(m.value("calibration", nlohmann::json()));
  return e;
}

widgets::EvaluationView evaluationFromOutcome(const train::EvalOutcome& o, const QString& title, const QString& split) {
  if (!o.ok) {
    widgets::EvaluationView e;
    e.title = title;
    e.split = split;
    e.error = QObject::tr("Evaluation failed: %1").arg(q(o.error));
    return e;
  }
  widgets::EvaluationView e = evaluationFromJson(o.metrics, title, split);
  e.predictions.reserve(static_cast<qsizetype>(o.predictions.size()));
  for (const auto& p : o.predictions) {
    widgets::SamplePredictionView v;
    v.sample = static_cast<int>(p.sample);
    v.id = q(p.id);
    v.label = static_cast<int>(p.label);
    v.predicted = static_cast<int>(p.predicted);
    v.probabilities = QList<float>(p.scores.begin(), p.scores.end());
    e.predictions << v;
  }
  return e;
}

widgets::RobustnessView robustnessFromOutcome(const train::RobustnessOutcome& o) {
  widgets::RobustnessView r;
  if (!o.ok) {
    r.error = QObject::tr("Robustness check failed: %1").arg(q(o.error));
    return r;
  }
  r.metric = q(o.metric);
  r.baseline = o.baseline;
  for (const auto& e : o.entries) {
    r.modalities << (e.column.empty() || e.column == e.field ? q(e.field) : QStringLiteral("%1 (%2)").arg(q(e.field), q(e.column)));
    r.scores << e.score;
  }
  return r;
}

QList<widgets::RunSummaryView> runSummaries(const std::vector<train::RunInfo>& runs) {
  QList<widgets::RunSummaryView> out;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& r = runs[i];
    widgets::RunSummaryView v;
    v.dir = q(r.dir);
    v.name = q(r.name);
    v.state = q(r.state);
    v.error = q(r.error);
    v.started = q(r.started);
    v.seconds = r.seconds;
    v.epochsRun = r.epochs_run;
    v.epochs = r.epochs;
    v.bestValAccuracy = r.best_val_accuracy;
    v.testAccuracy = r.test_accuracy;
    v.bestEpoch = r.best_epoch;
    v.bestMetric = q(r.best_metric);
    v.bestHigherIsBetter = train::CheckpointRule::higherIsBetter(r.best_metric);
    v.bestValue = r.best_value;
    v.bestValLoss = r.best_val_loss;
    v.resumable = r.resumable;
    if (i > 0)
      for (const auto& c : train::configDifference(runs[i - 1].config, r.config)) v.changes << q(c);
    out << v;
  }
  return out;
}

widgets::RunCurvesView curvesView(const QString& name, const train::RunCurves& c) {
  widgets::RunCurvesView v;
  v.name = name;
  v.step = doubles(c.step);
  v.stepLoss = doubles(c.step_loss);
  v.stepLr = doubles(c.step_lr);
  v.epoch = doubles(c.epoch);
  v.trainLoss = doubles(c.train_loss);
  v.valLoss = doubles(c.val_loss);
  v.valAccuracy = doubles(c.val_accuracy);
  return v;
}

}  // namespace fusebench::app
