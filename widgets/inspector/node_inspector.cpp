#include "inspector/node_inspector.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fusebench::widgets {

NodeInspector::NodeInspector(QWidget* parent) : QWidget(parent) {
  header_ = new QLabel(this);
  header_->setWordWrap(true);
  messages_ = new QLabel(this);
  messages_->setWordWrap(true);
  messages_->setStyleSheet(QStringLiteral("color: #c62828"));
  form_ = new QWidget(this);
  layout_ = new QFormLayout(form_);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(6, 6, 6, 6);
  outer->addWidget(header_);
  outer->addWidget(form_);
  outer->addWidget(messages_);
  outer->addStretch(1);
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
    Q_EMIT parameterEdited(data_.node, param, json);
    return true;
  }
  return false;
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
  if (data_.node.isEmpty()) {
    header_->setText(tr("<i>Select a node to edit its parameters.</i>"));
    messages_->clear();
    return;
  }
  header_->setText(QStringLiteral("<b>%1</b> · %2<br><span style='color:gray'>%3</span>")
                       .arg(data_.node.toHtmlEscaped(), data_.title.toHtmlEscaped(), data_.doc.toHtmlEscaped()));
  messages_->setText(data_.errors);
  const QString node = data_.node;
  for (const auto& p : data_.params) {
    QWidget* editor = nullptr;
    const QString name = p.name;
    switch (p.kind) {
      case ParamEditorData::Int: {
        auto* spin = new QSpinBox(form_);
        spin->setRange(static_cast<int>(std::max(p.min, -2e9)), static_cast<int>(std::min(p.max, 2e9)));
        spin->setValue(p.valueJson.toInt());
        connect(spin, &QSpinBox::editingFinished, this, [this, spin, node, name] {
          Q_EMIT parameterEdited(node, name, QString::number(spin->value()));
        });
        editor = spin;
        break;
      }
      case ParamEditorData::Float: {
        auto* spin = new QDoubleSpinBox(form_);
        spin->setDecimals(4);
        spin->setRange(std::max(p.min, -1e9), std::min(p.max, 1e9));
        spin->setSingleStep(p.max <= 1.0 ? 0.05 : 0.1);
        spin->setValue(p.valueJson.toDouble());
        connect(spin, &QDoubleSpinBox::editingFinished, this, [this, spin, node, name] {
          Q_EMIT parameterEdited(node, name, QString::number(spin->value(), 'g', 10));
        });
        editor = spin;
        break;
      }
      case ParamEditorData::Bool: {
        auto* check = new QCheckBox(form_);
        check->setChecked(p.valueJson == QStringLiteral("true"));
        connect(check, &QCheckBox::toggled, this, [this, node, name](bool on) {
          Q_EMIT parameterEdited(node, name, on ? QStringLiteral("true") : QStringLiteral("false"));
        });
        editor = check;
        break;
      }
      case ParamEditorData::Choice: {
        auto* combo = new QComboBox(form_);
        combo->addItems(p.choices);
        QString current = p.valueJson;
        current.remove(QLatin1Char('"'));
        combo->setCurrentText(current);
        connect(combo, &QComboBox::currentTextChanged, this, [this, name](const QString& text) { editText(name, text); });
        editor = combo;
        break;
      }
      case ParamEditorData::IntList:
      case ParamEditorData::String: {
        auto* line = new QLineEdit(form_);
        QString text = p.valueJson;
        if (p.kind == ParamEditorData::String) text = text.mid(1, text.size() - 2);
        else text = text.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
        line->setText(text);
        connect(line, &QLineEdit::editingFinished, this, [this, line, name] { editText(name, line->text()); });
        editor = line;
        break;
      }
    }
    editor->setToolTip(p.doc);
    auto* label = new QLabel(p.isDefault ? name : QStringLiteral("<b>%1</b>").arg(name), form_);
    label->setToolTip(p.doc + (p.isDefault ? QString() : tr(" (changed from the default)")));
    layout_->addRow(label, editor);
  }
}

}  // namespace fusebench::widgets
