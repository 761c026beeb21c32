#pragma once
// The Start page: what a first-time user sees. Recent projects (missing ones said so), the example projects
// with whether their data is here (and a button that makes it, with progress, then opens the project), and
// the ways to begin: new, open, new from a dataset. Plain view data; app/start fills it from the engine.
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace fusebench::widgets {

struct WelcomeExample {
  enum class Data {
    Ready,        // its dataset is here: Open
    Missing,      // not made yet, and Fusebench can make it: Make Data and Open
    NotMakeable,  // not made yet, a script of the source tree makes it (`command`)
    Absent,       // its dataset folder is missing and no recipe makes it
    None,         // the project names no dataset (a model to look at)
  };
  QString projectPath, name;
  QString contents;  // what its dataset holds (for Missing: how big, how long)
  Data data = Data::None;
  QString dataDir, command;
  bool operator==(const WelcomeExample& o) const {
    return projectPath == o.projectPath && name == o.name && contents == o.contents && data == o.data &&
           dataDir == o.dataDir && command == o.command;
  }
};

class WelcomePage : public QWidget {
  Q_OBJECT
 public:
  explicit WelcomePage(QWidget* parent = nullptr);

  void setRecentProjects(const QStringList& paths);  // newest first; missing files are shown as such
  void setExamples(const QList<WelcomeExample>& examples);
  // While an example's data is made: its step and progress (total 0: not known yet).
  void setProgress(const QString& projectPath, const QString& step, int done, int total);
  void setMakingFinished(const QString& projectPath, bool ok, const QString& message);

  // For tests and scripts.
  QListWidget* recentList() const { return recent_; }
  QPushButton* exampleButton(const QString& projectPath) const;
  QProgressBar* exampleProgress(const QString& projectPath) const;
  QString exampleStatus(const QString& projectPath) const;

 Q_SIGNALS:
  void openRequested(const QString& projectPath);
  void makeDataRequested(const QString& projectPath);  // make its dataset, then open it
  void newProjectRequested();
  void openDialogRequested();
  void newFromDatasetRequested();

 private:
  struct Card {
    QPushButton* button = nullptr;
    QProgressBar* progress = nullptr;
    QLabel* status = nullptr;
    WelcomeExample example = {};
  };
  QWidget* makeCard(const WelcomeExample& example);
  static QString statusText(const WelcomeExample& example);

  QListWidget* recent_;
  QVBoxLayout* examplesLayout_;
  QLabel* noExamples_;
  QMap<QString, Card> cards_;
  QList<WelcomeExample> shown_;
};

}  // namespace fusebench::widgets
