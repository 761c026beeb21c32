#pragma once
// The dataset browser: a filter bar, the virtualized sample table (thumbnails, text, audio play symbols,
// values, target, problems) and, beside it, the selected sample in full, the class histogram per split
// and the validation report. It shows what app/ gives it; it never reads files on the GUI thread.
#include <QWidget>
#include <memory>

#include "dataset/browser_data.h"
#include "dataset/media_source.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QTableView;
class QTabWidget;

namespace fusebench::widgets {

class ClassHistogram;
class SampleDetailView;
class SampleFilter;
class SampleTableModel;
class ThumbnailLoader;

class DatasetBrowser : public QWidget {
  Q_OBJECT
 public:
  explicit DatasetBrowser(QWidget* parent = nullptr);

  void setMediaSource(std::shared_ptr<const SampleMediaSource> source);
  void setDataset(const BrowserDataset& dataset);
  // "Opening…", or why the dataset cannot be shown; clears the table.
  void showMessage(const QString& message);
  void setValidationProgress(int done, int total);
  void setValidation(const BrowserValidation& validation);

  // Filters (also driven by the filter bar).
  void setSplitFilter(const QString& split);
  void setClassFilter(const QString& cls);
  void setProblemsOnly(bool on);
  void setSearchText(const QString& text);
  void selectSample(int row);  // in the table, and shown in the detail view

  int visibleSamples() const;
  int sampleAt(int visibleRow) const;  // dataset row of a visible table row
  int currentSample() const;           // dataset row of the selected sample, -1 when none
  const BrowserDataset& dataset() const;
  QTableView* table() const { return table_; }
  SampleDetailView* detail() const { return detail_; }
  ClassHistogram* histogram() const { return histogram_; }
  ThumbnailLoader* thumbnails() const { return thumbnails_; }
  QString statusText() const;

 Q_SIGNALS:
  void validateRequested();

 private:
  void updateStatus();
  void updateHistogram();
  void showCurrent();

  ThumbnailLoader* thumbnails_;
  SampleTableModel* model_;
  SampleFilter* filter_;
  int keptSample_ = -1;  // the current sample across a filter's reset
  QLabel* title_;
  QComboBox* splitCombo_;
  QComboBox* classCombo_;
  QCheckBox* problemsOnly_;
  QLineEdit* search_;
  QLabel* status_;
  QProgressBar* progress_;
  QTableView* table_;
  QTabWidget* tabs_;
  SampleDetailView* detail_;
  ClassHistogram* histogram_;
  QPlainTextEdit* report_;
  QString message_;
  int validationDone_ = 0, validationTotal_ = 0;
};

}  // namespace fusebench::widgets
