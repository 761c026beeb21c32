#include "dataset/dataset_area.h"

#include "dataset/patient_data.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMetaObject>
#include <QPointer>
#include <QProgressDialog>
#include <QThread>

#include "data/importers.h"
#include "dataset/dataset_browser.h"
#include "dataset/dataset_loading.h"
#include "dataset/engine_media_source.h"
#include "dataset/import_idx_dialog.h"

namespace fusebench::app {

DatasetArea::DatasetArea(QWidget* window) : QObject(window), window_(window) {
  browser_ = new widgets::DatasetBrowser(window);
  validationThreads_ = std::max(1, QThread::idealThreadCount() - 1);
  connect(browser_, &widgets::DatasetBrowser::validateRequested, this, &DatasetArea::validate);
  createMenu();
}

DatasetArea::~DatasetArea() {
  if (cancelValidation_) cancelValidation_->store(true);
  jobs_.shutDown();  // before the members its callbacks use are gone
}

QWidget* DatasetArea::page() const { return browser_; }

std::shared_ptr<const widgets::SampleMediaSource> DatasetArea::mediaSource() const { return source_; }

void DatasetArea::openDataset(const QString& dir, const QString& emptyMessage) {
  jobs_.supersede(QStringLiteral("open"));
  jobs_.supersede(QStringLiteral("validate"));
  if (cancelValidation_) cancelValidation_->store(true);
  dir_ = dir;
  dataset_.reset();
  source_.reset();
  browser_->setMediaSource(nullptr);
  if (dir.isEmpty()) {
    browser_->showMessage(emptyMessage.isEmpty() ? tr("This project names no dataset. Open a dataset folder (Dataset menu).")
                                                 : emptyMessage);
    return;
  }
  browser_->showMessage(tr("Opening %1…").arg(dir));
  jobs_.run(QStringLiteral("open"), tr("Opening %1").arg(QFileInfo(dir).fileName()),
         [dir, splits = splits_] { return openDatasetForBrowser(dir, splits); },
         [this, dir](OpenedDataset opened) {
           if (!opened.dataset) {
             QString message = tr("Cannot open the dataset: %1").arg(opened.error);
             if (dir.endsWith(QStringLiteral("fashion_trimodal")))
               message += tr("\nGenerate the example dataset with: fusebench-cli data make-example");
             browser_->showMessage(message);
             Q_EMIT statusMessage(message);
             return;
           }
           dataset_ = opened.dataset;
           source_ = std::make_shared<EngineMediaSource>(dataset_, splits_);
           if (hasGraph_) source_->setGraph(graph_);
           browser_->setMediaSource(source_);
           browser_->setDataset(opened.view);
           Q_EMIT datasetOpened(dir, opened.view.size());
           validate();
         });
}

void DatasetArea::setGraph(const GraphSpec& graph) {
  graph_ = graph;
  hasGraph_ = true;
  if (source_) source_->setGraph(graph);
}

void DatasetArea::validate() {
  if (!dataset_) return;
  if (cancelValidation_) cancelValidation_->store(true);
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  cancelValidation_ = cancel;
  auto dataset = dataset_;
  const int threads = validationThreads_;
  const int total = static_cast<int>(dataset->size());
  browser_->setValidationProgress(0, total);
  QPointer<widgets::DatasetBrowser> browser(browser_);
  // Progress is throttled by the engine (every 64 samples) and delivered queued to the browser.
  auto progress = [browser, cancel](int done, int all) {
    if (cancel->load()) return;
    QMetaObject::invokeMethod(browser, [browser, done, all] {
      if (browser) browser->setValidationProgress(done, all);
    }, Qt::QueuedConnection);
  };
  jobs_.run(QStringLiteral("validate"), tr("Validating %1").arg(QFileInfo(dir_).fileName()),
         [dataset, threads, progress, cancel] { return validateForBrowser(*dataset, threads, progress, cancel.get()); },
         [this, cancel](widgets::BrowserValidation v) {
           if (cancel->load() || !v.complete) return;
           browser_->setValidationProgress(static_cast<int>(dataset_->size()), static_cast<int>(dataset_->size()));
           browser_->setValidation(v);
           Q_EMIT validationFinished(static_cast<int>(v.sampleProblems.size()));
         });
}

QPointer<QProgressDialog> DatasetArea::progressDialog(const QString& title, const QString& label) {
  auto* dialog = new QProgressDialog(label, QString(), 0, 100, window_);
  dialog->setWindowTitle(title);
  dialog->setMinimumDuration(300);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  return dialog;
}

// Called on the import's worker thread: forwards the count to the dialog, queued to the GUI thread.
std::function<void(std::size_t, std::size_t)> DatasetArea::progressCallback(QPointer<QProgressDialog> guard) {
  return [guard](std::size_t done, std::size_t total) {
    QMetaObject::invokeMethod(guard, [guard, done, total] {
      if (guard) {
        guard->setMaximum(static_cast<int>(total));
        guard->setValue(static_cast<int>(done));
      }
    }, Qt::QueuedConnection);
  };
}

void DatasetArea::importIdx(const widgets::IdxImportRequest& r) {
  data::IdxImportOptions o;
  o.images = r.images.toStdString();
  o.labels = r.labels.toStdString();
  o.test_images = r.testImages.toStdString();
  o.test_labels = r.testLabels.toStdString();
  for (const QString& c : r.classNames) o.class_names.push_back(c.toStdString());
  o.out = r.out.toStdString();
  if (!r.name.isEmpty()) o.name = r.name.toStdString();
  QPointer<QProgressDialog> guard = progressDialog(tr("Import IDX"), tr("Importing %1…").arg(QFileInfo(r.images).fileName()));
  const QString out = r.out;
  const data::ImportProgress progress = progressCallback(guard);
  jobs_.run(QStringLiteral("import"), tr("Importing %1").arg(QFileInfo(r.images).fileName()),
         [o, progress] { return data::importIdx(o, progress); },
         [this, guard, out](data::ImportResult result) {
           if (guard) guard->close();
           const QString message = result.ok ? tr("Imported %1 samples into %2").arg(result.written).arg(out)
                                             : tr("Import failed: %1").arg(QString::fromStdString(result.error));
           Q_EMIT statusMessage(message);
           Q_EMIT importFinished(result.ok, out, message);
           if (result.ok) openDataset(out);
         },
         widgets::JobTracker::Policy::Always);
}

void DatasetArea::importFolders(const QString& source, const QString& out) {
  QPointer<QProgressDialog> guard = progressDialog(tr("Import class folders"), tr("Importing %1…").arg(source));
  const data::ImportProgress progress = progressCallback(guard);
  const std::string src = source.toStdString(), dst = out.toStdString();
  jobs_.run(QStringLiteral("import"), tr("Importing %1").arg(QFileInfo(source).fileName()),
         [src, dst, progress] { return data::importFolders(src, dst, progress); },
         [this, guard, out](data::ImportResult result) {
           if (guard) guard->close();
           QString message = result.ok ? tr("Imported %1 images into %2").arg(result.written).arg(out)
                                       : tr("Import failed: %1").arg(QString::fromStdString(result.error));
           if (result.ok && result.skipped > 0) {
             // Nothing is lost silently: the skipped files are named.
             QStringList names;
             for (std::size_t i = 0; i < result.skipped_files.size() && i < 20; ++i)
               names << QString::fromStdString(result.skipped_files[i]);
             message += tr("; %n file(s) skipped (not decodable images)", nullptr, static_cast<int>(result.skipped));
             // Non-modal: the import is done; the list is there to read, not to block on.
             auto* box = new QMessageBox(QMessageBox::Information, tr("Import class folders"),
                                         message + QStringLiteral(":\n") + names.join(QLatin1Char('\n')) +
                                             (result.skipped > 20 ? tr("\n…") : QString()),
                                         QMessageBox::Ok, window_);
             box->setAttribute(Qt::WA_DeleteOnClose);
             box->open();
           }
           Q_EMIT statusMessage(message);
           Q_EMIT importFinished(result.ok, out, message);
           if (result.ok) openDataset(out);
         },
         widgets::JobTracker::Policy::Always);
}

void DatasetArea::createMenu() {
  menu_ = new QMenu(tr("&Dataset"), window_);
  menu_->addAction(tr("&Open Dataset Folder…"), this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(window_, tr("Open Dataset Folder"), dir_);
    if (!dir.isEmpty()) openDataset(dir);
  });
  menu_->addAction(tr("Import &IDX (MNIST-style)…"), this, [this] {
    const QString out = QDir::home().filePath(QStringLiteral("fusebench-datasets/idx-import"));
    widgets::ImportIdxDialog dialog(QStringLiteral("/usr/share/datasets/fashion-mnist"), out, window_);
    if (dialog.exec() == QDialog::Accepted) importIdx(dialog.request());
  });
  menu_->addAction(tr("Import &Class Folders…"), this, [this] {
    const QString src = QFileDialog::getExistingDirectory(window_, tr("Folder with one sub-folder per class"));
    if (src.isEmpty()) return;
    const QString out = QFileDialog::getExistingDirectory(window_, tr("Output dataset folder (empty)"));
    if (!out.isEmpty()) importFolders(src, out);
  });
  menu_->addSeparator();
  menu_->addAction(tr("&Validate"), this, [this] { validate(); });
  menu_->addAction(tr("&Use for This Project"), this, [this] {
    if (!dir_.isEmpty() && dataset_) Q_EMIT useForProjectRequested(dir_);
  });
  menu_->addSeparator();
  // Off at every start, never saved (widgets/dataset/patient_data.h says why).
  patientData_ = menu_->addAction(tr("Show &Patient Data (until Fusebench closes)"));
  patientData_->setCheckable(true);
  patientData_->setToolTip(tr("Show the patient's name, ID, birth date and other identifying attributes of medical images"));
  connect(patientData_, &QAction::toggled, this, [](bool on) { widgets::PatientDataSwitch::instance().setShown(on); });
}

}  // namespace fusebench::app
