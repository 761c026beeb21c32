#include "start/welcome_page.h"

#include <QDir>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace fusebench::widgets {

namespace {

QLabel* wrappedLabel(const QString& text, QWidget* parent) {
  auto* l = new QLabel(text, parent);
  l->setWordWrap(true);
  return l;
}

}  // namespace

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("welcomePage"));
  auto* title = new QLabel(tr("<h1>Welcome to Fusebench</h1>"), this);
  auto* intro = wrappedLabel(tr("Build models that combine images, text, audio and tabular values; train them here, "
                                "on the CPU or a GPU; evaluate them and explain single predictions to the people "
                                "who decide with them."),
                             this);

  // Begin: the three ways in.
  auto* begin = new QGroupBox(tr("Begin"), this);
  auto* beginLayout = new QVBoxLayout(begin);
  auto* newButton = new QPushButton(tr("New Project"), begin);
  auto* openButton = new QPushButton(tr("Open Project…"), begin);
  auto* fromDataset = new QPushButton(tr("New Project from Dataset…"), begin);
  fromDataset->setObjectName(QStringLiteral("newFromDataset"));
  connect(fromDataset, &QPushButton::clicked, this, &WelcomePage::newFromDatasetRequested);
  connect(newButton, &QPushButton::clicked, this, &WelcomePage::newProjectRequested);
  connect(openButton, &QPushButton::clicked, this, &WelcomePage::openDialogRequested);
  beginLayout->addWidget(newButton);
  beginLayout->addWidget(openButton);
  beginLayout->addWidget(fromDataset);
  beginLayout->addWidget(wrappedLabel(tr("A dataset of your own: point New Project from Dataset at a folder with your "
                                         "files and a table (CSV or JSON Lines). Fusebench proposes what each column "
                                         "is for you to confirm, writes dataset.json and builds a first model."),
                                      begin));
  beginLayout->addStretch(1);

  auto* recentBox = new QGroupBox(tr("Recent projects"), this);
  auto* recentLayout = new QVBoxLayout(recentBox);
  recent_ = new QListWidget(recentBox);
  recent_->setObjectName(QStringLiteral("recentProjects"));
  connect(recent_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    if (item && (item->flags() & Qt::ItemIsEnabled)) Q_EMIT openRequested(item->data(Qt::UserRole).toString());
  });
  recentLayout->addWidget(recent_);

  auto* examplesBox = new QGroupBox(tr("Example projects"), this);
  auto* examplesOuter = new QVBoxLayout(examplesBox);
  auto* scroll = new QScrollArea(examplesBox);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* examplesContent = new QWidget(scroll);
  examplesLayout_ = new QVBoxLayout(examplesContent);
  examplesLayout_->setContentsMargins(0, 0, 0, 0);
  noExamples_ = wrappedLabel(tr("No example projects were found beside the program."), examplesContent);
  noExamples_->setVisible(false);
  examplesLayout_->addWidget(noExamples_);
  examplesLayout_->addStretch(1);
  scroll->setWidget(examplesContent);
  examplesOuter->addWidget(scroll);

  auto* columns = new QHBoxLayout;
  columns->addWidget(begin, 2);
  columns->addWidget(recentBox, 3);
  columns->addWidget(examplesBox, 5);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(24, 16, 24, 16);
  layout->addWidget(title);
  layout->addWidget(intro);
  layout->addLayout(columns, 1);
}

void WelcomePage::setRecentProjects(const QStringList& paths) {
  recent_->clear();
  for (const QString& path : paths) {
    const bool exists = QFileInfo::exists(path);
    auto* item = new QListWidgetItem(exists ? QStringLiteral("%1\n%2").arg(QFileInfo(path).completeBaseName(), QDir::toNativeSeparators(path))
                                            : tr("%1 (not found)\n%2").arg(QFileInfo(path).completeBaseName(),
                                                                           QDir::toNativeSeparators(path)),
                                     recent_);
    item->setData(Qt::UserRole, path);
    item->setToolTip(exists ? tr("Open %1").arg(path) : tr("%1 was moved or deleted").arg(path));
    if (!exists) item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
  }
  if (paths.isEmpty()) {
    auto* item = new QListWidgetItem(tr("None yet: open an example project, or start a new one."), recent_);
    item->setFlags(Qt::NoItemFlags);
  }
}

void WelcomePage::setExamples(const QList<WelcomeExample>& examples) {
  if (examples == shown_ && !cards_.isEmpty()) return;  // the same: keep the cards (and a finished one's message)
  shown_ = examples;
  for (auto it = cards_.begin(); it != cards_.end(); ++it) it->button->parentWidget()->deleteLater();
  cards_.clear();
  for (const WelcomeExample& e : examples) examplesLayout_->insertWidget(examplesLayout_->count() - 1, makeCard(e));
  noExamples_->setVisible(examples.isEmpty());
}

QString WelcomePage::statusText(const WelcomeExample& e) {
  switch (e.data) {
    case WelcomeExample::Data::Ready:
      return tr("Data ready in %1").arg(QDir::toNativeSeparators(e.dataDir));
    case WelcomeExample::Data::Missing:
      return tr("Its data is not made yet: %1. Fusebench makes it from Debian's packages, nothing is downloaded.")
          .arg(e.contents);
    case WelcomeExample::Data::NotMakeable:
      return tr("Its data is not made yet: %1. A script of the source tree makes it: %2").arg(e.contents, e.command);
    case WelcomeExample::Data::Absent:
      return tr("Its dataset folder %1 is missing: open the dataset (Dataset › Open Dataset Folder…), then choose "
                "Use for This Project.")
          .arg(QDir::toNativeSeparators(e.dataDir));
    case WelcomeExample::Data::None:
      break;
  }
  return tr("A model to look at and edit: it names no dataset.");
}

QWidget* WelcomePage::makeCard(const WelcomeExample& e) {
  auto* card = new QFrame(this);
  card->setFrameShape(QFrame::StyledPanel);
  auto* layout = new QGridLayout(card);
  auto* name = new QLabel(QStringLiteral("<b>%1</b>").arg(e.name.toHtmlEscaped()), card);
  name->setObjectName(QStringLiteral("exampleName"));  // the project file's own name: content, not interface
  auto* status = wrappedLabel(statusText(e), card);
  status->setObjectName(QStringLiteral("exampleStatus"));
  const bool make = e.data == WelcomeExample::Data::Missing;
  auto* button = new QPushButton(make ? tr("Make Data and Open") : tr("Open"), card);
  button->setEnabled(e.data != WelcomeExample::Data::NotMakeable);  // Absent: open it, then point it at its data
  auto* progress = new QProgressBar(card);
  progress->setVisible(false);
  layout->addWidget(name, 0, 0);
  layout->addWidget(button, 0, 1, Qt::AlignRight);
  layout->addWidget(status, 1, 0, 1, 2);
  layout->addWidget(progress, 2, 0, 1, 2);
  const QString path = e.projectPath;
  connect(button, &QPushButton::clicked, this, [this, path] {
    const auto c = cards_.constFind(path);
    if (c == cards_.constEnd()) return;
    if (c->example.data == WelcomeExample::Data::Missing)
      Q_EMIT makeDataRequested(path);
    else
      Q_EMIT openRequested(path);
  });
  cards_.insert(path, Card{button, progress, status, e});
  return card;
}

void WelcomePage::setProgress(const QString& projectPath, const QString& step, int done, int total) {
  auto it = cards_.find(projectPath);
  if (it == cards_.end()) return;
  it->button->setEnabled(false);
  it->progress->setVisible(true);
  it->progress->setRange(0, total);  // 0..0: busy, amount unknown
  it->progress->setValue(done);
  it->status->setText(tr("Making its data: %1…").arg(step));
}

void WelcomePage::setMakingFinished(const QString& projectPath, bool ok, const QString& message) {
  auto it = cards_.find(projectPath);
  if (it == cards_.end()) return;
  it->progress->setVisible(false);
  it->button->setEnabled(true);
  if (ok) {
    it->example.data = WelcomeExample::Data::Ready;
    it->button->setText(tr("Open"));
  }
  it->status->setText(ok ? statusText(it->example) : tr("<span style='color:#c62828'>Could not make its data: %1</span>")
                                                         .arg(message.toHtmlEscaped()));
}

QPushButton* WelcomePage::exampleButton(const QString& projectPath) const {
  return cards_.contains(projectPath) ? cards_[projectPath].button : nullptr;
}

QProgressBar* WelcomePage::exampleProgress(const QString& projectPath) const {
  return cards_.contains(projectPath) ? cards_[projectPath].progress : nullptr;
}

QString WelcomePage::exampleStatus(const QString& projectPath) const {
  return cards_.contains(projectPath) ? cards_[projectPath].status->text() : QString();
}

}  // namespace fusebench::widgets
