#pragma once
// The inspector: the selected node's parameters as editors generated from the parameter schema (spin boxes
// with the allowed range, check boxes, choices, lists), with each parameter's doc as tooltip and the node's
// validation messages underneath; below them the training settings (init_from, freeze, learning-rate multiplier)
// and, for nodes that read a file, where it comes from. An edit is reported as JSON text; the document applies it
// (undoably).
#include <QWidget>

class QFormLayout;
class QLabel;

namespace fusebench::widgets {

struct ParamEditorData {
  QString name, doc;
  enum Kind { Int, Float, Bool, Choice, IntList, String } kind = Int;
  QString valueJson;  // current value as JSON text ("3", "0.1", "true", "\"max\"", "[64, 64]")
  double min = -1e300, max = 1e300;
  QStringList choices;
  bool isDefault = true;
  bool training = false;   // how training treats the node (init_from, freeze, lr_multiplier), not a parameter
  QString minimumText;     // shown instead of the minimum (Int): "always" for freeze = -1
};

struct InspectorData {
  QString node, title, type, doc, errors;
  QString provenance;  // where a node's file comes from (path, size, SHA-256), one item per line
  QString warning;     // shown in amber: a TorchScript file runs its author's code
  QList<ParamEditorData> params;  // parameters, then the training settings
};

class NodeInspector : public QWidget {
  Q_OBJECT
 public:
  explicit NodeInspector(QWidget* parent = nullptr);
  void setNode(const InspectorData& data);  // an empty node id clears the inspector
  void clear();
  QString node() const { return data_.node; }
  // For tests and keyboard users: edit a parameter as if through its editor (JSON text for lists/strings).
  bool editText(const QString& param, const QString& text);
  // The width the dock opens with: the scroll area inside would otherwise ask for almost none.
  QSize sizeHint() const override { return {440, 520}; }

 Q_SIGNALS:
  void parameterEdited(const QString& node, const QString& param, const QString& json);
  void trainingEdited(const QString& node, const QString& setting, const QString& json);

 private:
  void rebuild();
  QWidget* editorFor(const ParamEditorData& p);
  void emitEdit(const ParamEditorData& p, const QString& json);
  InspectorData data_;
  QLabel* header_;
  QLabel* provenance_;
  QLabel* warning_;
  QLabel* messages_;
  QWidget* form_;
  QFormLayout* layout_;
};

}  // namespace fusebench::widgets
