#include "inspector/node_inspector.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fusebench::widgets {

NodeInspector::NodeInspector(QWidget* parent) : QWidget(parent) {
  // Everything scrolls: a short dock keeps each row at its natural height instead of squeezing the editors.
  auto* content = new QWidget;
  header_ = new QLabel(content);
  header_->setWordWrap(true);
  messages_ = new QLabel(content);
  messages_->setWordWrap(true);
  messages_->setStyleSheet(QStringLiteral("color: #c62828"));
  provenance_ = new QLabel(content);
  provenance_->setWordWrap(true);
  provenance_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  provenance_->setObjectName(QStringLiteral("provenance"));
  warning_ = new QLabel(content);
  warning_->setWordWrap(true);
  warning_->setObjectName(QStringLiteral("warning"));
  warning_->setStyleSheet(QStringLiteral("color: #8d5a00; background: #fff4d6; padding: 4px; border-radius: 3px"));
  form_ = new QWidget(content);
  layout_ = new QFormLayout(form_);
  auto* column = new QVBoxLayout(content);
  column->setContentsMargins(6, 6, 6, 6);
  column->addWidget(header_);
  column->addWidget(warning_);
  column->addWidget(provenance_);
  column->addWidget(form_);
  column->addWidget(messages_);
  column->addStretch(1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(content);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // text wraps to the dock's width
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(scroll);
  setMinimumWidth(340);  // the editors and the file's digest need this much; the dock can grow wider
  clear();
}

void NodeInspector::clear() {
  data_ = InspectorData{};
  rebuild();
}

void NodeInspector::setNode(const InspectorData& data) {
  data_ = data;
  rebuild();
}

bool NodeInspector::editText(const QString& param, const QString& text) {
  for (const auto& p : data_.params) {
    if (p.name != param) continue;
    QString json = text.trimmed();
    if (p.kind == ParamEditorData::IntList) {
      // "64, 32" or "[64, 32]": a list of integers in range; anything else is refused here.
      QString inner = json;
      inner.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
      QStringList parts = inner.split(QLatin1Char(','), Qt::SkipEmptyParts);
      QStringList out;
      for (auto& s : parts) {
        bool ok = false;
        const qlonglong v = s.trimmed().toLongLong(&ok);
        if (!ok || v < p.min || v > p.max) {
          messages_->setText(tr("'%1': '%2' is not a list of integers in %3 .. %4").arg(param, text).arg(p.min).arg(p.max));
          return false;
        }
        out << QString::number(v);
      }
      json = QLatin1Char('[') + out.join(QStringLiteral(", ")) + QLatin1Char(']');
    } else if (p.kind == ParamEditorData::String || p.kind == ParamEditorData::Choice) {
      if (p.kind == ParamEditorData::Choice && !p.choices.contains(json)) return false;
      json = QLatin1Char('"') + QString(json).replace(QLatin1Char('"'), QStringLiteral("\\\"")) + QLatin1Char('"');
    }
    emitEdit(p, json);
    return true;
  }
  return false;
}

void NodeInspector::emitEdit(const ParamEditorData& p, const QString& json) {
  if (p.training) Q_EMIT trainingEdited(data_.node, p.name, json);
  else Q_EMIT parameterEdited(data_.node, p.name, json);
}

// One editor from the schema; its edits come back through emitEdit (or editText, which converts text to JSON).
QWidget* NodeInspector::editorFor(const ParamEditorData& p) {
  const QString name = p.name;
  switch (p.kind) {
    case ParamEditorData::Int: {
      auto* spin = new QSpinBox(form_);
      spin->setRange(static_cast<int>(std::max(p.min, -2e9)), static_cast<int>(std::min(p.max, 2e9)));
      if (!p.minimumText.isEmpty()) spin->setSpecialValueText(p.minimumText);
      spin->setValue(p.valueJson.toInt());
      connect(spin, &QSpinBox::editingFinished, this, [this, spin, p] { emitEdit(p, QString::number(spin->value())); });
      return spin;
    }
    case ParamEditorData::Float: {
      auto* spin = new QDoubleSpinBox(form_);
      spin->setDecimals(4);
      spin->setRange(std::max(p.min, -1e9), std::min(p.max, 1e9));
      spin->setSingleStep(p.max <= 1.0 ? 0.05 : 0.1);
      spin->setValue(p.valueJson.toDouble());
      connect(spin, &QDoubleSpinBox::editingFinished, this,
              [this, spin, p] { emitEdit(p, QString::number(spin->value(), 'g', 10)); });
      return spin;
    }
    case ParamEditorData::Bool: {
      auto* check = new QCheckBox(form_);
      check->setChecked(p.valueJson == QStringLiteral("true"));
      connect(check, &QCheckBox::toggled, this,
              [this, p](bool on) { emitEdit(p, on ? QStringLiteral("true") : QStringLiteral("false")); });
      return check;
    }
    case ParamEditorData::Choice: {
      auto* combo = new QComboBox(form_);
      combo->addItems(p.choices);
      QString current = p.valueJson;
      current.remove(QLatin1Char('"'));
      combo->setCurrentText(current);
      connect(combo, &QComboBox::currentTextChanged, this, [this, name](const QString& text) { editText(name, text); });
      return combo;
    }
    case ParamEditorData::IntList:
    case ParamEditorData::String: {
      auto* line = new QLineEdit(form_);
      QString text = p.valueJson;
      if (p.kind == ParamEditorData::String) text = text.mid(1, text.size() - 2);
      else text = text.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
      line->setText(text);
      connect(line, &QLineEdit::editingFinished, this, [this, line, name] { editText(name, line->text()); });
      return line;
    }
  }
  return nullptr;
}

void NodeInspector::rebuild() {
  // The edit that triggered this rebuild may still be inside one of these editors' signals: delete later.
  while (layout_->rowCount() > 0) {
    const auto row = layout_->takeRow(0);
    for (auto* item : {row.labelItem, row.fieldItem}) {
      if (!item) continue;
      if (item->widget()) item->widget()->deleteLater();
      delete item;
    }
  }
  warning_->setText(data_.warning);
  warning_->setVisible(!data_.warning.isEmpty());
  provenance_->setText(data_.provenance);
  provenance_->setVisible(!data_.provenance.isEmpty());
  if (data_.node.isEmpty()) {
    header_->setText(tr("<i>Select a node to edit its parameters.</i>"));
    messages_->clear();
    return;
  }
  header_->setText(QStringLiteral("<b>%1</b> · %2<br><span style='color:gray'>%3</span>")
                       .arg(data_.node.toHtmlEscaped(), data_.title.toHtmlEscaped(), data_.doc.toHtmlEscaped()));
  messages_->setText(data_.errors);
  bool trainingSection = false;
  for (const auto& p : data_.params) {
    if (p.training && !trainingSection) {
      trainingSection = true;
      auto* title = new QLabel(tr("<b>Training</b>"), form_);
      title->setToolTip(tr("How training treats this node; not part of the model's shape"));
      layout_->addRow(title);
    }
    QWidget* editor = editorFor(p);
    editor->setToolTip(p.doc);
    editor->setObjectName(p.name);
    auto* label = new QLabel(p.isDefault ? p.name : QStringLiteral("<b>%1</b>").arg(p.name), form_);
    label->setToolTip(p.doc + (p.isDefault ? QString() : tr(" (changed from the default)")));
    layout_->addRow(label, editor);
  }
}

}  // namespace fusebench::widgets
