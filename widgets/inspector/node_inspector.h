#pragma once
// The inspector: the selected node's parameters as editors generated from the parameter schema (spin boxes
// with the allowed range, check boxes, choices, lists), with each parameter's doc as tooltip and the node's
// validation messages underneath. An edit is reported as JSON text; the document applies it (undoably).
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
};

struct InspectorData {
  QString node, title, type, doc, errors;
  QList<ParamEditorData> params;
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

 Q_SIGNALS:
  void parameterEdited(const QString& node, const QString& param, const QString& json);

 private:
  void rebuild();
  InspectorData data_;
  QLabel* header_;
  QLabel* messages_;
  QWidget* form_;
  QFormLayout* layout_;
};

}  // namespace fusebench::widgets
