#include "explain/explain_area.h"

#include <QAction>
#include <QActionGroup>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QTableView>
#include <filesystem>
#include <mutex>
#include <optional>

#include "dataset/dataset_area.h"
#include "dataset/dataset_browser.h"
#include "document/project_document.h"
#include "explain/case_report.h"
#include "i18n/translations.h"
#include "explain/explain_adapter.h"
#include "explain/explainer.h"
#include "explain/explanation_view.h"
#include "explain/new_case_dialog.h"
#include "train/run_index.h"
#include "training/runs_panel.h"
#include "training/training_area.h"

namespace fusebench::app {

struct ExplainJob {
  std::string run;
  explain::SampleInput input;
  explain::ExplainOptions options;
};

// The opened model, kept between explanations: only the explain channel's one job at a time uses it.
struct ExplainWorkerState {
  std::mutex mutex;  // belt and braces: the Coalesce policy already runs one job at a time
  std::unique_ptr<explain::Explainer> explainer;
  std::string explainerRun;
};

namespace {

// What one explanation brings back to the GUI thread.
struct ExplainResult {
  widgets::ExplanationData data;
  QVector<widgets::ModalityData> modalities;
  QStringList classes;
  QString run, title;
};

ExplainResult explainOnWorker(ExplainWorkerState& state, const ExplainJob& j) {
  std::lock_guard<std::mutex> lock(state.mutex);
  explain::Explanation e;
  std::vector<explain::ModalityInfo> modalities;
  std::vector<std::string> classes;
  std::string title;
  if (!state.explainer || state.explainerRun != j.run) {
    state.explainer = explain::Explainer::open(j.run, e.error);
    state.explainerRun = state.explainer ? j.run : std::string();
  }
  if (state.explainer) {
    e = state.explainer->explain(j.input, j.options);
    modalities = state.explainer->modalities();
    classes = state.explainer->classes();
    title = state.explainer->modelName();
  }
  ExplainResult r;
  r.data = toViewData(e);
  r.modalities = toViewData(modalities);
  for (const auto& c : classes) r.classes << QString::fromStdString(c);
  r.run = QString::fromStdString(j.run);
  r.title = QString::fromStdString(title);
  return r;
}

}  // namespace

ExplainArea::ExplainArea(QWidget* window, ProjectDocument* document, DatasetArea* data, TrainingArea* training)
    : QObject(window), window_(window), document_(document), data_(data), training_(training),
      state_(std::make_shared<ExplainWorkerState>()) {
  view_ = new widgets::ExplanationView(window);
  menu_ = new QMenu(tr("E&xplain"), window);
  explainAction_ = menu_->addAction(tr("&Explain Selected Sample"), this, [this] {
    const int row = data_->browser()->currentSample();
    QString error;
    if (row < 0) Q_EMIT statusMessage(tr("Select a sample in the dataset browser first."));
    else if (!explainSample(row, QString(), &error)) Q_EMIT statusMessage(error);
  });
  explainAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  newCaseAction_ = menu_->addAction(tr("Explain &New Case…"), this, [this] { explainNewCase(); });
  exportAction_ = menu_->addAction(tr("Export &Case Report…"), this, [this] {
    const QString suggested = QDir(QFileInfo(document_->path()).absolutePath())
                                  .filePath(QStringLiteral("case-%1.pdf").arg(view_->explanation().sample));
    const QString path = QFileDialog::getSaveFileName(window_, tr("Export Case Report"), suggested, tr("PDF (*.pdf)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportReport(path, &error)) Q_EMIT statusMessage(error);
  });
  exportAction_->setEnabled(false);
  addReportLanguageMenu();
  // The browser's context menu offers it too.
  data_->browser()->table()->setContextMenuPolicy(Qt::ActionsContextMenu);
  data_->browser()->table()->addAction(explainAction_);

  connect(view_, &widgets::ExplanationView::whatIfChanged, this, [this] { request(); });
  connect(view_, &widgets::ExplanationView::targetChanged, this, [this] { request(); });
  connect(view_, &widgets::ExplanationView::exportReportRequested, exportAction_, &QAction::trigger);
  // Another dataset: row numbers no longer mean the same samples. (Another project: MainWindow calls reset();
  // Save As keeps the project, and the explanation.)
  connect(document_, &ProjectDocument::datasetChanged, this, [this] {
    if (QDir(document_->datasetDir()).canonicalPath() != dataset_) reset();
  });
  connect(training_, &TrainingArea::explainSampleRequested, this, [this](int sample) {
    QString error;
    if (!explainSample(sample, training_->selectedOrLastRun(), &error)) Q_EMIT statusMessage(error);
  });
}

QWidget* ExplainArea::page() const { return view_; }

ExplainArea::~ExplainArea() {
  jobs_.shutDown();  // a result on its way is dropped; only the explanation already running is waited for
}

void ExplainArea::reset() {
  jobs_.supersede(QStringLiteral("explain"));
  run_.clear();
  shownModel_.clear();
  sample_ = -1;
  values_.clear();
  dataset_ = QDir(document_->datasetDir()).canonicalPath();
  view_->setModel(QString(), {}, {});
  exportAction_->setEnabled(false);
}

bool ExplainArea::busy() const {
  return jobs_.busy();
}

QString ExplainArea::modelForExplaining(const QString& preferred) const {
  namespace fs = std::filesystem;
  auto hasModel = [](const QString& run) { return !run.isEmpty() && fs::exists(fs::path(run.toStdString()) / "model" / "bundle.json"); };
  if (hasModel(preferred)) return preferred;
  if (const QString selected = training_->selectedOrLastRun(); hasModel(selected)) return selected;
  const auto runs = train::listRuns(document_->path().toStdString());
  for (auto it = runs.rbegin(); it != runs.rend(); ++it)
    if (hasModel(QString::fromStdString(it->dir))) return QString::fromStdString(it->dir);
  return QString();
}

bool ExplainArea::explainSample(int sample, const QString& run, QString* error) {
  return start(run, sample, {}, error);
}

bool ExplainArea::explainValues(const QMap<QString, QString>& values, const QString& run, QString* error) {
  if (values.isEmpty()) {
    if (error) *error = tr("The new case is empty: give at least one file, text or value.");
    return false;
  }
  return start(run, -1, values, error);
}

bool ExplainArea::start(const QString& run, int sample, const QMap<QString, QString>& values, QString* error) {
  const QString model = modelForExplaining(run);
  if (model.isEmpty()) {
    if (error) *error = tr("No trained model to explain with: train the project first (Training › Start), or select a "
                           "finished run in the Runs dock.");
    return false;
  }
  if (model != run_) {
    view_->setModel(QFileInfo(model).fileName(), {}, {});
    shownModel_.clear();  // the next result brings the model's modalities and classes
  }
  // What-if edits belong to one case: another sample, a new case or another model starts from its own values.
  if (model != run_ || sample != sample_ || !values.isEmpty() || !values_.isEmpty()) view_->resetWhatIf();
  run_ = model;
  sample_ = sample;
  values_ = values;
  Q_EMIT showPageRequested();
  request();
  return true;
}

void ExplainArea::explainNewCase() {
  const QString model = modelForExplaining(QString());
  std::vector<explain::ModalityInfo> modalities;
  std::vector<std::string> classes;
  std::string error;
  if (model.isEmpty() || !explain::readBundleInputs(model.toStdString(), modalities, classes, error)) {
    Q_EMIT statusMessage(model.isEmpty() ? tr("No trained model to explain with: train the project first.")
                                         : QString::fromStdString(error));
    return;
  }
  widgets::NewCaseDialog dialog(toViewData(modalities), window_);
  if (dialog.exec() != QDialog::Accepted) return;
  QString refused;
  if (!explainValues(dialog.values(), model, &refused)) Q_EMIT statusMessage(refused);
}

void ExplainArea::request() {
  if (run_.isEmpty() || (sample_ < 0 && values_.isEmpty())) return;
  ExplainJob job;
  job.run = run_.toStdString();
  job.input.row = sample_;
  if (sample_ >= 0) job.input.dataset = document_->datasetDir().toStdString();
  for (auto it = values_.begin(); it != values_.end(); ++it) job.input.values[it.key().toStdString()] = it.value().toStdString();
  for (const auto& f : view_->maskedFields()) job.input.masked_fields.push_back(f.toStdString());
  const auto overrides = view_->textOverrides();
  for (auto it = overrides.begin(); it != overrides.end(); ++it) job.input.overrides[it.key().toStdString()] = it.value().toStdString();
  job.options.target = view_->requestedTarget();
  job.options.gradcam_layer = view_->requestedGradcamLayer().toStdString();
  // Several finished runs selected in the Runs dock: the others answer too, as an ensemble.
  namespace fs = std::filesystem;
  for (const QString& r : training_->runsPanel()->selectedRuns())
    if (r != run_ && fs::exists(fs::path(r.toStdString()) / "model" / "bundle.json")) job.options.ensemble.push_back(r.toStdString());
  const QString busy = sample_ >= 0 ? tr("Explaining sample %1 with %2…").arg(sample_ + 1).arg(QFileInfo(run_).fileName())
                                     : tr("Explaining the new case with %1…").arg(QFileInfo(run_).fileName());
  view_->setBusy(busy);
  jobs_.run(QStringLiteral("explain"), busy, [state = state_, job] { return explainOnWorker(*state, job); },
            [this](const ExplainResult& r) { deliver(r.data, r.run, r.title, r.modalities, r.classes); },
            widgets::JobTracker::Policy::Coalesce);
}

void ExplainArea::deliver(const widgets::ExplanationData& data, const QString& run, const QString& title,
                          const QVector<widgets::ModalityData>& modalities, const QStringList& classes) {
  if (shownModel_ != run && !modalities.isEmpty()) {
    view_->setModel(title + QStringLiteral(" · ") + QFileInfo(run).fileName(), modalities, classes);
    shownModel_ = run;
  }
  view_->setExplanation(data);
  exportAction_->setEnabled(data.ok);
  Q_EMIT statusMessage(data.ok ? tr("Explained sample %1 in %2 ms").arg(data.sample).arg(data.milliseconds, 0, 'f', 0)
                               : tr("Cannot explain: %1").arg(data.error));
  Q_EMIT explanationShown();
}

// Explain › Report Language: a clinician may read another language than the one the model builder works in.
void ExplainArea::addReportLanguageMenu() {
  QMenu* languages = menu_->addMenu(tr("Report &Language"));
  auto* group = new QActionGroup(languages);
  for (widgets::LanguageChoice choice : widgets::availableLanguages()) {
    if (choice.code.isEmpty()) choice.nativeName = tr("Same as the interface");
    QAction* a = languages->addAction(choice.nativeName);
    a->setCheckable(true);
    a->setChecked(choice.code == reportLanguage_);
    a->setData(choice.code);
    group->addAction(a);
    connect(a, &QAction::triggered, this, [this, code = choice.code] { reportLanguage_ = code; });
  }
}

void ExplainArea::setReportLanguage(const QString& code) {
  reportLanguage_ = code;
  for (QAction* a : menu_->findChildren<QAction*>())
    if (a->isCheckable() && a->data().isValid()) a->setChecked(a->data().toString() == code);
}

bool ExplainArea::exportReport(const QString& path, QString* error) {
  const QLocale language = reportLanguage_.isEmpty() ? QLocale() : QLocale(reportLanguage_);
  auto r = widgets::writeCaseReport(view_->explanation(), view_->style(), path, language);
  if (!r.ok) {
    if (error) *error = tr("Case report not written: %1").arg(r.error);
    return false;
  }
  Q_EMIT statusMessage(tr("Case report written: %1 (%2 pages)").arg(path).arg(r.pages));
  return true;
}

}  // namespace fusebench::app
