#pragma once
// A model's evaluation on one split: headline metrics, the confusion matrix (counts or row-normalized),
// per-class precision / recall / F1, ROC and PR curves with AUC, and missing-modality robustness. Clicking
// a confusion cell lists its samples (thumbnail, text, audio, probabilities) sorted by confidence; a
// sample opens in the dataset browser.
#include <QMultiHash>
#include <QWidget>
#include <memory>

#include "dataset/browser_data.h"
#include "dataset/media_source.h"
#include "training/training_data.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace fusebench::widgets {

class ConfusionMatrixView;
class ReliabilityView;
class ThumbnailLoader;

class EvaluationPanel : public QWidget {
  Q_OBJECT
 public:
  explicit EvaluationPanel(QWidget* parent = nullptr);

  void setEvaluation(const EvaluationView& evaluation);
  void setRobustness(const RobustnessView& robustness);
  void setRobustnessMessage(const QString& message);
  QString robustnessText() const;
  void setBusy(const QString& message);  // "Evaluating the test split…"
  // The dataset behind the predictions, for thumbnails and texts in the sample list.
  void setDataset(const BrowserDataset& dataset, std::shared_ptr<const SampleMediaSource> source);
  void showCell(int trueClass, int predicted);  // fills the sample list, as a click on the cell does

  const EvaluationView& evaluation() const { return evaluation_; }
  ConfusionMatrixView* confusion() const { return confusion_; }
  QTableWidget* classTable() const { return classTable_; }
  QTableWidget* sampleList() const { return samples_; }
  QCustomPlot* rocPlot() const { return roc_; }
  QCustomPlot* robustnessPlot() const { return robustnessPlot_; }
  QTabWidget* tabs() const { return tabs_; }
  ReliabilityView* reliability() const { return reliability_; }
  QString headline() const;

 Q_SIGNALS:
  void evaluateRequested(const QString& split);
  void robustnessRequested(const QString& split);
  void sampleActivated(int sample, bool play);
  void explainRequested(int sample);  // "Explain This Prediction" on a sample of a cell

 private:
  void fillClassTable();
  void fillCurves();
  QString currentSplit() const;

  EvaluationView evaluation_;
  BrowserDataset dataset_;
  QLabel* headline_;
  QComboBox* split_;
  QPushButton* evaluate_;
  QPushButton* robustness_;
  QCheckBox* normalize_;
  QTabWidget* tabs_;
  ConfusionMatrixView* confusion_;
  QLabel* cellTitle_;
  QTableWidget* samples_;
  QTableWidget* classTable_;
  QComboBox* curveClass_;
  QCustomPlot* roc_;
  QCustomPlot* pr_;
  QCustomPlot* robustnessPlot_;
  ReliabilityView* reliability_;
  QLabel* robustnessText_;
  ThumbnailLoader* thumbnails_;
  QMultiHash<QString, int> rowsOfPath_;  // image path -> rows of the sample list
  int imageColumn_ = -1, audioColumn_ = -1, textColumn_ = -1;
};

}  // namespace fusebench::widgets
