#include "dataset/dataset_browser.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QTabWidget>
#include <QVBoxLayout>

#include "dataset/class_histogram.h"
#include "dataset/sample_detail_view.h"
#include "dataset/sample_filter.h"
#include "dataset/sample_table_model.h"
#include "dataset/dataset_terms.h"
#include "dataset/thumbnail_loader.h"

namespace fusebench::widgets {

namespace {
constexpr int kThumb = 44;
// Sorting reads every row's value and sorts on the GUI thread: above this many rows that would stall the window
// for seconds, so the table keeps manifest order there (filters still work).
constexpr int kSortableRows = 250000;
const QStringList kSplits = {QStringLiteral("train"), QStringLiteral("val"), QStringLiteral("test")};
}  // namespace

DatasetBrowser::DatasetBrowser(QWidget* parent) : QWidget(parent) {
  thumbnails_ = new ThumbnailLoader(kThumb, this);
  model_ = new SampleTableModel(thumbnails_, this);
  filter_ = new SampleFilter(this);
  filter_->setSourceModel(model_);

  title_ = new QLabel(this);
  title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  splitCombo_ = new QComboBox(this);
  splitCombo_->addItem(tr("All splits"), QString());
  for (const QString& s : kSplits) splitCombo_->addItem(splitTitle(s), s);
  classCombo_ = new QComboBox(this);
  classCombo_->setMinimumContentsLength(12);
  problemsOnly_ = new QCheckBox(tr("Only samples with problems"), this);
  search_ = new QLineEdit(this);
  search_->setPlaceholderText(tr("Search id or text…"));
  search_->setClearButtonEnabled(true);
  auto* validate = new QPushButton(tr("Validate"), this);
  validate->setToolTip(tr("Decode every file and list each problem (as `fusebench-cli data validate`)"));
  connect(validate, &QPushButton::clicked, this, &DatasetBrowser::validateRequested);
  connect(splitCombo_, &QComboBox::currentIndexChanged, this,
          [this] { setSplitFilter(splitCombo_->currentData().toString()); });
  connect(classCombo_, &QComboBox::currentIndexChanged, this,
          [this] { setClassFilter(classCombo_->currentData().toString()); });
  connect(problemsOnly_, &QCheckBox::toggled, this, [this](bool on) { setProblemsOnly(on); });
  // Typing filters after a short pause, not on every keystroke (a pass over 70,000 rows each time).
  auto* searchDelay = new QTimer(this);
  searchDelay->setSingleShot(true);
  searchDelay->setInterval(150);
  connect(search_, &QLineEdit::textChanged, searchDelay, qOverload<>(&QTimer::start));
  connect(searchDelay, &QTimer::timeout, this, [this] { setSearchText(search_->text()); });

  status_ = new QLabel(this);
  progress_ = new QProgressBar(this);
  progress_->setMaximumWidth(180);
  progress_->setFormat(tr("Validating %p%"));
  progress_->hide();

  table_ = new QTableView(this);
  table_->setModel(filter_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setSortingEnabled(true);
  table_->sortByColumn(-1, Qt::AscendingOrder);  // manifest order until the user sorts
  table_->setWordWrap(false);
  table_->setIconSize(QSize(kThumb, kThumb));
  table_->verticalHeader()->hide();
  // Fixed row heights keep the view virtualized: it never measures rows it does not show.
  table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  table_->verticalHeader()->setDefaultSectionSize(kThumb + 4);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { showCurrent(); });
  // A new filter resets the table: the sample being looked at stays selected when it is still shown. (Not
  // across a new dataset: the sample model's own reset forgets it, after the filter's reset has noted it.)
  connect(filter_, &QAbstractItemModel::modelAboutToBeReset, this, [this] { keptSample_ = currentSample(); });
  connect(model_, &QAbstractItemModel::modelAboutToBeReset, this, [this] { keptSample_ = -1; });
  connect(filter_, &QAbstractItemModel::modelReset, this, [this] {
    const QModelIndex kept = keptSample_ >= 0 ? filter_->mapFromSource(model_->index(keptSample_, 0)) : QModelIndex();
    keptSample_ = -1;
    if (!kept.isValid()) return;
    table_->setCurrentIndex(kept);
    table_->scrollTo(kept, QAbstractItemView::PositionAtCenter);
  });
  connect(table_, &QTableView::clicked, this, [this](const QModelIndex& index) {
    // The audio cell is the play button.
    const int dc = model_->datasetColumn(index.column());
    if (dc >= 0 && model_->dataset().columns[dc].kind == BrowserColumn::Kind::Audio &&
        !index.data(SampleTableModel::MediaPathRole).toString().isEmpty()) {
      selectSample(index.data(SampleTableModel::SampleRole).toInt());
      detail_->play();
    }
  });

  detail_ = new SampleDetailView(this);
  histogram_ = new ClassHistogram(this);
  auto* histogramScroll = new QScrollArea(this);
  histogramScroll->setWidget(histogram_);
  histogramScroll->setWidgetResizable(true);
  report_ = new QPlainTextEdit(this);
  report_->setReadOnly(true);
  report_->setLineWrapMode(QPlainTextEdit::NoWrap);
  tabs_ = new QTabWidget(this);
  tabs_->addTab(detail_, tr("Sample"));
  tabs_->addTab(histogramScroll, tr("Classes"));
  tabs_->addTab(report_, tr("Validation"));

  auto* bar = new QHBoxLayout;
  bar->addWidget(splitCombo_);
  bar->addWidget(classCombo_);
  bar->addWidget(problemsOnly_);
  bar->addWidget(search_, 1);
  bar->addWidget(validate);
  auto* statusRow = new QHBoxLayout;
  statusRow->addWidget(title_);
  statusRow->addStretch(1);
  statusRow->addWidget(status_);
  statusRow->addWidget(progress_);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->addWidget(table_);
  splitter->addWidget(tabs_);
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({560, 440});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(statusRow);
  layout->addLayout(bar);
  layout->addWidget(splitter, 1);
  showMessage(tr("No dataset"));
}

void DatasetBrowser::setMediaSource(std::shared_ptr<const SampleMediaSource> source) {
  thumbnails_->setSource(source);
  detail_->setSource(source);
}

const BrowserDataset& DatasetBrowser::dataset() const { return model_->dataset(); }

void DatasetBrowser::setDataset(const BrowserDataset& ds) {
  message_.clear();
  thumbnails_->clear();
  detail_->clear();
  detail_->showPanesFor(ds.columns);
  table_->setSortingEnabled(false);
  table_->sortByColumn(-1, Qt::AscendingOrder);
  model_->setDataset(ds);
  table_->setSortingEnabled(ds.size() <= kSortableRows);
  table_->sortByColumn(-1, Qt::AscendingOrder);  // manifest order until the user sorts
  filter_->setLabelSeparator(QStringLiteral(";"));
  {
    const QSignalBlocker block(classCombo_);
    classCombo_->clear();
    classCombo_->addItem(tr("All classes"), QString());
    for (const QString& c : ds.classes) classCombo_->addItem(c, c);
  }
  filter_->setTargetClass(QString());
  title_->setWordWrap(false);
  title_->setText(tr("<b>%1</b> — %2").arg(ds.name.toHtmlEscaped(), ds.dir.toHtmlEscaped()));
  title_->setToolTip(ds.provenance);
  // Rows as tall as a thumbnail only when there are thumbnails: a tabular set shows three times the rows.
  const bool thumbnails = std::any_of(ds.columns.begin(), ds.columns.end(),
                                      [](const BrowserColumn& c) { return c.kind == BrowserColumn::Kind::Image; });
  table_->verticalHeader()->setDefaultSectionSize(thumbnails ? kThumb + 4 : table_->fontMetrics().height() + 8);
  // Size columns once from the header and a fixed width per kind (measuring 10,000 rows would stall).
  for (int c = 0; c < model_->columnCount(); ++c) {
    const int dc = model_->datasetColumn(c);
    int w = 80;
    if (c == SampleTableModel::RowColumn)  // as wide as the largest row number: "999991", not "999…"
      w = std::max(48, table_->fontMetrics().horizontalAdvance(QLocale().toString(ds.size())) + 16);
    if (c == model_->splitColumn()) w = 50;
    if (c == model_->problemsColumn()) w = 160;
    if (dc >= 0) {
      switch (ds.columns[dc].kind) {
        case BrowserColumn::Kind::Image: w = kThumb + 16; break;
        case BrowserColumn::Kind::Audio: w = 130; break;
        case BrowserColumn::Kind::Text: w = 180; break;
        default: w = 80; break;
      }
    }
    table_->setColumnWidth(c, w);
  }
  report_->setPlainText(tr("Not validated yet. Validation decodes every file; it starts when the dataset opens."));
  validationDone_ = validationTotal_ = 0;
  progress_->hide();
  updateHistogram();
  updateStatus();
  if (filter_->rowCount() > 0) selectSample(filter_->index(0, 0).data(SampleTableModel::SampleRole).toInt());
}

void DatasetBrowser::showMessage(const QString& message) {
  message_ = message;
  thumbnails_->clear();
  detail_->clear();
  model_->setDataset({});
  title_->setText(QStringLiteral("<b>%1</b>").arg(message.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
  title_->setWordWrap(true);
  report_->setPlainText(message);
  progress_->hide();
  updateHistogram();
  updateStatus();
}

void DatasetBrowser::setValidationProgress(int done, int total) {
  validationDone_ = done;
  validationTotal_ = total;
  progress_->setRange(0, std::max(1, total));
  progress_->setValue(done);
  progress_->setVisible(done < total);
  updateStatus();
}

void DatasetBrowser::setValidation(const BrowserValidation& validation) {
  model_->setValidation(validation);  // its dataChanged makes the filter re-evaluate the rows
  progress_->setVisible(!validation.complete);
  QString text = validation.summary;
  if (!validation.datasetProblems.isEmpty())
    text += tr("\n\nDataset problems:\n  ") + validation.datasetProblems.join(QStringLiteral("\n  "));
  constexpr int kListed = 2000;  // the table's "only samples with problems" filter shows them all
  int total = 0, shown = 0;
  QString samples;
  for (auto it = validation.sampleProblems.constBegin(); it != validation.sampleProblems.constEnd(); ++it)
    for (const QString& p : it.value()) {
      if (++total > kListed) continue;
      samples += QStringLiteral("\n  %1: %2").arg(model_->dataset().rows->id(it.key()), p);
      ++shown;
    }
  if (!samples.isEmpty()) text += tr("\n\nSample problems:") + samples;
  if (total > shown) text += tr("\n  … and %1 more (filter the table by \"only samples with problems\")").arg(total - shown);
  report_->setPlainText(text);
  updateStatus();
  if (detail_->row() >= 0) detail_->setProblems(validation.sampleProblems.value(detail_->row()));
}

void DatasetBrowser::setSplitFilter(const QString& split) {
  filter_->setSplit(split);
  const int i = splitCombo_->findData(split);
  if (i >= 0 && i != splitCombo_->currentIndex()) {
    const QSignalBlocker b(splitCombo_);
    splitCombo_->setCurrentIndex(i);
  }
  updateStatus();
}

void DatasetBrowser::setClassFilter(const QString& cls) {
  filter_->setTargetClass(cls);
  const int i = classCombo_->findData(cls);
  if (i >= 0 && i != classCombo_->currentIndex()) {
    const QSignalBlocker b(classCombo_);
    classCombo_->setCurrentIndex(i);
  }
  updateStatus();
}

void DatasetBrowser::setProblemsOnly(bool on) {
  filter_->setProblemsOnly(on);
  if (problemsOnly_->isChecked() != on) {
    const QSignalBlocker b(problemsOnly_);
    problemsOnly_->setChecked(on);
  }
  updateStatus();
}

void DatasetBrowser::setSearchText(const QString& text) {
  filter_->setSearchText(text);
  if (search_->text() != text) {
    const QSignalBlocker b(search_);
    search_->setText(text);
  }
  updateStatus();
}

void DatasetBrowser::selectSample(int row) {
  const QModelIndex source = model_->index(row, 0);
  QModelIndex proxy = filter_->mapFromSource(source);
  if (!proxy.isValid()) {
    detail_->showSample(model_->dataset(), row, model_->validation().sampleProblems.value(row));
    return;
  }
  table_->setCurrentIndex(proxy);
  table_->scrollTo(proxy);
  if (detail_->row() != row) showCurrent();
}

int DatasetBrowser::visibleSamples() const { return filter_->rowCount(); }

int DatasetBrowser::currentSample() const {
  const QModelIndex current = table_->currentIndex();
  return current.isValid() ? current.data(SampleTableModel::SampleRole).toInt() : -1;
}

int DatasetBrowser::sampleAt(int visibleRow) const {
  return filter_->index(visibleRow, 0).data(SampleTableModel::SampleRole).toInt();
}

void DatasetBrowser::showCurrent() {
  const QModelIndex current = table_->currentIndex();
  if (!current.isValid()) return;
  const int row = current.data(SampleTableModel::SampleRole).toInt();
  detail_->showSample(model_->dataset(), row, model_->validation().sampleProblems.value(row));
}

void DatasetBrowser::updateHistogram() {
  const BrowserDataset& ds = model_->dataset();
  QStringList splits;
  for (const QString& s : kSplits) {
    const QList<int> counts = ds.classCounts.value(s);
    if (std::any_of(counts.begin(), counts.end(), [](int n) { return n > 0; })) splits << s;
  }
  histogram_->setCounts(ds.classes, splits, ds.classCounts);
}

QString DatasetBrowser::statusText() const { return status_->text(); }

void DatasetBrowser::updateStatus() {
  const BrowserDataset& ds = model_->dataset();
  if (ds.empty()) {
    status_->setText(message_.isEmpty() ? tr("Empty dataset") : QString());
    return;
  }
  const QLocale loc;
  QString text = tr("Showing %1 of %2 samples").arg(loc.toString(filter_->rowCount()), loc.toString(ds.size()));
  if (ds.size() > kSortableRows) text += tr(" · sorting off above %1 rows").arg(loc.toString(kSortableRows));
  const BrowserValidation& v = model_->validation();
  if (v.complete) {
    text += tr(" · %n with problems", nullptr, static_cast<int>(v.sampleProblems.size()));
    if (!v.datasetProblems.isEmpty()) text += tr(" · %n dataset problem(s)", nullptr, static_cast<int>(v.datasetProblems.size()));
  } else if (validationTotal_ > 0) {
    text += tr(" · validating %1 of %2").arg(loc.toString(validationDone_), loc.toString(validationTotal_));
  } else {
    text += tr(" · not validated");
  }
  status_->setText(text);
}

}  // namespace fusebench::widgets
