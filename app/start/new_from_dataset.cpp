#include "start/new_from_dataset.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include "data/column_guess.h"
#include "data/dataset.h"
#include "data/decode/decoders.h"
#include "data/starter_graph.h"
#include "engine_text.h"
#include "jobs/job_tracker.h"
#include "start/column_roles_dialog.h"

namespace fusebench::app {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QList<widgets::ProposedColumn> toView(const data::TableProposal& p) {
  QList<widgets::ProposedColumn> out;
  for (const auto& c : p.columns) {
    widgets::ProposedColumn v;
    v.name = q(c.spec.name);
    v.role = QString::fromLatin1(data::roleName(c.spec.role));
    v.task = QString::fromLatin1(data::taskName(c.spec.task));
    v.reason = engineText(c.reason);
    for (const auto& e : c.examples) v.examples << q(e);
    v.missing = static_cast<int>(c.missing);
    out << v;
  }
  return out;
}

// The user's choices as column specs (the view speaks dataset.json's role and task names).
std::vector<data::ColumnSpec> fromView(const QList<widgets::ProposedColumn>& chosen) {
  using data::ColumnRole;
  using data::TargetTask;
  std::vector<data::ColumnSpec> out;
  for (const auto& c : chosen) {
    data::ColumnSpec s;
    s.name = c.name.toStdString();
    for (ColumnRole r : {ColumnRole::Image, ColumnRole::Audio, ColumnRole::Text, ColumnRole::Numeric, ColumnRole::Categorical,
                         ColumnRole::Target, ColumnRole::Split, ColumnRole::Id, ColumnRole::Ignore})
      if (c.role == QLatin1String(data::roleName(r))) s.role = r;
    for (TargetTask t : {TargetTask::Classification, TargetTask::MultiLabel, TargetTask::Regression})
      if (c.task == QLatin1String(data::taskName(t))) s.task = t;
    out.push_back(std::move(s));
  }
  return out;
}

// What the worker hands back: the project to open, or why there is none.
struct StarterResult {
  QString error;
  ProjectFile project;
};

StarterResult makeStarterProject(const QString& folder) {
  StarterResult r;
  auto opened = data::Dataset::open(folder.toStdString());
  if (!opened.dataset) {
    r.error = opened.errors.empty() ? NewFromDataset::tr("%1 cannot be opened as a dataset").arg(folder)
                                    : diagnosticText(opened.errors.front());
    return r;
  }
  r.project.name = opened.dataset->description().name.empty() ? QFileInfo(folder).fileName().toStdString()
                                                              : opened.dataset->description().name;
  r.project.dataset_path = QDir::cleanPath(QFileInfo(folder).absoluteFilePath()).toStdString();
  r.project.graph = data::starterGraph(*opened.dataset, data::mediaDecoders());
  if (r.project.graph.nodes.empty())
    r.error = NewFromDataset::tr("%1 has no column a model can read (image, audio, text, numeric or categorical)").arg(folder);
  return r;
}

}  // namespace

NewFromDataset::NewFromDataset(QWidget* window, widgets::JobTracker* jobs, std::function<void(const ProjectFile&)> open)
    : QObject(window), window_(window), jobs_(jobs), open_(std::move(open)) {
  confirm_ = [](widgets::ColumnRolesDialog& dialog) { return dialog.exec() == QDialog::Accepted; };
}

void NewFromDataset::chooseAndStart() {
  const QString dir = QFileDialog::getExistingDirectory(window_, tr("Dataset folder (its files and a table: manifest.csv, .jsonl or one .csv)"));
  if (!dir.isEmpty()) start(dir);
}

void NewFromDataset::start(const QString& path) {
  if (QFileInfo(path).isDir() && QFileInfo::exists(QDir(path).filePath(QStringLiteral("dataset.json")))) {
    buildProject(path);  // described already: its roles are the ones to use
    return;
  }
  Q_EMIT statusMessage(tr("Reading %1…").arg(path));
  const std::string p = path.toStdString();
  jobs_->run(QStringLiteral("new-from-dataset"), tr("Reading %1").arg(QFileInfo(path).fileName()),
             [p] { return data::proposeColumns(p); },
             [this](const data::TableProposal& proposal) {
               if (!proposal.errors.empty()) return fail(diagnosticText(proposal.errors.front()));
               widgets::ColumnRolesDialog dialog(q(proposal.manifest), static_cast<int>(proposal.rows), toView(proposal), window_);
               if (!confirm_(dialog)) return;
               const data::DatasetDescription d = data::describeProposal(proposal, fromView(dialog.chosen()));
               std::string error;
               if (!data::writeDescription(proposal.folder, d, error)) return fail(q(error));
               buildProject(q(proposal.folder));
             },
             widgets::JobTracker::Policy::Always);
}

void NewFromDataset::buildProject(const QString& folder) {
  jobs_->run(QStringLiteral("new-from-dataset"), tr("Building a first model for %1").arg(QFileInfo(folder).fileName()),
             [folder] { return makeStarterProject(folder); },
             [this, folder](const StarterResult& r) {
               if (!r.error.isEmpty()) return fail(r.error);
               Q_EMIT statusMessage(tr("A first model for %1: edit it, then save the project.").arg(folder));
               open_(r.project);
             },
             widgets::JobTracker::Policy::Always);
}

void NewFromDataset::fail(const QString& message) {
  Q_EMIT statusMessage(message);
  Q_EMIT failed(message);
  auto* box = new QMessageBox(QMessageBox::Warning, tr("New Project from Dataset"), message, QMessageBox::Ok, window_);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();  // not modal: nothing waits on it
}

}  // namespace fusebench::app
