#pragma once
// Plain view data for the training monitor, the evaluation views and the runs panel. app/ fills them from
// the engine's events and run folders; widgets never see the engine or torch.
#include <QList>
#include <QString>
#include <QStringList>

namespace fusebench::widgets {

struct StepPoint {
  qint64 step = 0, epoch = 0, stepsPerEpoch = 0, totalSteps = 0;
  double loss = 0, lr = 0, samplesPerSecond = 0, etaSeconds = 0, memoryMiB = 0;
};

struct EpochPoint {
  qint64 epoch = 0;
  double trainLoss = 0, valLoss = 0, valAccuracy = 0, lr = 0, seconds = 0;
  bool best = false, hasValidation = true;
  int skipped = 0;
};

// A whole run's curves (a finished run read back, or another run to overlay).
struct RunCurvesView {
  QString name;
  QList<double> step, stepLoss, stepLr;
  QList<double> epoch, trainLoss, valLoss, valAccuracy;
};

struct CurveView {
  QList<double> x, y;
  double auc = 0;
  bool valid = false;
};

struct ClassMetricsView {
  QString name;
  double precision = 0, recall = 0, f1 = 0;
  qint64 support = 0;
  CurveView roc, pr;  // pr.auc is the average precision
};

struct SamplePredictionView {
  int sample = 0;  // dataset row (0-based)
  QString id;
  int label = -1, predicted = -1;
  QList<float> probabilities;
  float confidence() const { return predicted >= 0 && predicted < probabilities.size() ? probabilities[predicted] : 0.f; }
};

// Calibration of one split: reliability bins and expected calibration error, with the model's own
// probabilities and after the bundle's temperature scaling.
struct ReliabilityBinView {
  double lower = 0, upper = 0, confidence = 0, accuracy = 0;
  qint64 count = 0;
};

struct CalibrationView {
  bool valid = false;   // the evaluation reported calibration (classification)
  bool fitted = false;  // a temperature was fitted at training; false: "after" equals "before"
  double temperature = 1, ece = 0, eceCalibrated = 0, classwiseEce = 0, classwiseEceCalibrated = 0;
  qint64 samples = 0;
  QList<ReliabilityBinView> before, after;
};

// A classification evaluation of one split (after an epoch, or on demand for a run).
struct EvaluationView {
  QString title;  // "run fashion-20261128-101500 · test split" or "epoch 3 · validation"
  QString split;
  bool valid = false;
  QString error;  // why there is no evaluation
  qint64 samples = 0, skipped = 0;
  double accuracy = 0, macroF1 = 0, weightedF1 = 0, macroRocAuc = 0;
  double macroPrecision = 0, macroRecall = 0, weightedPrecision = 0, weightedRecall = 0;
  QStringList classes;
  QList<QList<qint64>> confusion;  // [true][predicted]
  QList<ClassMetricsView> perClass;
  QList<SamplePredictionView> predictions;  // empty for per-epoch evaluations
  CalibrationView calibration;
};

struct RobustnessView {
  QString metric;  // "accuracy" or "rmse"
  double baseline = 0;
  QStringList modalities;  // "image (column image)"
  QList<double> scores;    // with that modality missing
  QString error;
};

struct RunSummaryView {
  QString dir, name, state, error, started;
  double seconds = 0;
  qint64 epochsRun = 0, epochs = 0;
  double bestValAccuracy = -1, testAccuracy = -1;
  qint64 bestEpoch = 0;  // 0: not known (runs from before the rule was recorded)
  QString bestMetric;
  bool bestHigherIsBetter = true;  // the rule: highest (or lowest) bestMetric, ties broken by the lower val_loss
  double bestValue = 0, bestValLoss = -1;
  QStringList changes;  // configuration difference to the previous run
  bool resumable = false;
};

}  // namespace fusebench::widgets
