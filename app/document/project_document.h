#pragma once
// The open project: its file, its graph, and the undo stack that every edit goes through. Views (summary,
// and later the node editor) observe graphChanged() and never hold the truth themselves.
#include <QMap>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QTimer>
#include <QUndoStack>

#include "project/project_file.h"

namespace fusebench::app {

class ProjectDocument : public QObject {
  Q_OBJECT
 public:
  explicit ProjectDocument(QObject* parent = nullptr);
  ~ProjectDocument() override;

  bool load(const QString& path, QString* error);
  void reset(const QString& name);  // a new, empty, unsaved project (no path until Save As)
  // A new unsaved project with this content (New Project from Dataset): modified until saved, so closing
  // asks first; nothing to undo before it.
  void resetTo(const ProjectFile& project);
  bool save(QString* error);  // atomic; marks the undo stack clean
  bool saveAs(const QString& path, QString* error);

  const ProjectFile& project() const { return project_; }
  const GraphSpec& graph() const { return project_.graph; }
  QString path() const { return path_; }
  QUndoStack* undoStack() { return &undo_; }
  bool isModified() const { return !undo_.isClean(); }

  // Edits. Each is one undoable command; the graph's JSON before the command is restored exactly by undo.
  QString addNode(const QString& type, QPointF position);  // returns the new node's id ("image_cnn", "image_cnn_2", …)
  void removeNodes(const QStringList& ids);               // with every edge touching them
  // A drag sends many moves; consecutive moves of the same nodes merge into one command.
  void moveNodes(const QMap<QString, QPointF>& positions);
  // Refused (false, with the reason) when the edge would be invalid: unknown port, wrong kind, cycle, port taken.
  bool connectPorts(const PortRef& from, const PortRef& to, QString* reason);
  void disconnectPorts(const EdgeSpec& edge);
  void setParameter(const QString& node, const QString& name, const nlohmann::ordered_json& value);
  // init_from.model, init_from.node, freeze (-1 always, 0 trainable, N epochs) or lr_multiplier; false with
  // `reason` when the value does not fit the setting.
  bool setTrainingSetting(const QString& node, const QString& setting, const nlohmann::ordered_json& value,
                          QString* reason = nullptr);
  // The nodes and the edges among them as JSON (the clipboard format); paste renames ids that are taken,
  // keeps the inner edges and offsets positions, all as one command. Returns the pasted ids.
  QString copyNodes(const QStringList& ids) const;
  QStringList pasteNodes(const QString& json, QPointF offset, QString* error = nullptr);
  QStringList duplicateNodes(const QStringList& ids);
  // Columns by depth from the inputs, rows in file order; one command.
  void autoLayout();
  // The project's dataset folder, stored relative to the project file when it lies beside it; undoable.
  void setDatasetPath(const QString& dir);
  QString datasetDir() const;  // resolved (absolute) folder, or empty

  // Crash safety: while modified, the project is written every `ms` to "<file>.autosave" (atomically);
  // saving or discarding removes it. A newer autosave found on load can be recovered as one undoable step.
  void setAutosaveInterval(int ms);
  QString autosavePath() const;
  bool writeAutosave(QString* error = nullptr);
  void removeAutosave();
  bool hasNewerAutosave() const;
  bool recoverAutosave(QString* error);

  // Used by the commands: replace the graph / the dataset path and notify.
  void applyGraph(const GraphSpec& graph);
  void applyDatasetPath(const std::string& path);

 Q_SIGNALS:
  void graphChanged();
  void datasetChanged();
  void modifiedChanged(bool modified);
  // The timer's autosave could not be written (a full disk): said once until an autosave succeeds again.
  void autosaveFailed(const QString& message);

 private:
  void push(const QString& text, const GraphSpec& after);

  ProjectFile project_;
  QString path_;
  QUndoStack undo_;
  QTimer autosave_;
  bool autosaveFailing_ = false;
};

}  // namespace fusebench::app
