#include "start/column_roles_dialog.h"

#include <QComboBox>
#include <algorithm>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "dataset/dataset_terms.h"

namespace fusebench::widgets {

namespace {

// The role choices: a target comes with its task, so the user chooses both in one place.
struct RoleChoice {
  const char* role;
  const char* task;
};
constexpr RoleChoice kChoices[] = {{"image", ""},       {"audio", ""},          {"text", ""},
                                   {"numeric", ""},     {"categorical", ""},    {"target", "classification"},
                                   {"target", "multilabel"}, {"target", "regression"}, {"split", ""},
                                   {"id", ""},          {"ignore", ""}};

QString choiceTitle(const RoleChoice& c) {
  const QString role = roleTitle(QString::fromLatin1(c.role));
  if (QLatin1String(c.task) == QLatin1String("classification")) return ColumnRolesDialog::tr("%1: one class per row").arg(role);
  if (QLatin1String(c.task) == QLatin1String("multilabel")) return ColumnRolesDialog::tr("%1: several labels per row").arg(role);
  if (QLatin1String(c.task) == QLatin1String("regression")) return ColumnRolesDialog::tr("%1: a number (regression)").arg(role);
  return role;
}

bool isInput(const QString& role) {
  return role == QLatin1String("image") || role == QLatin1String("audio") || role == QLatin1String("text") ||
         role == QLatin1String("numeric") || role == QLatin1String("categorical");
}

}  // namespace

ColumnRolesDialog::ColumnRolesDialog(const QString& table, int rows, const QList<ProposedColumn>& columns, QWidget* parent)
    : QDialog(parent), columns_(columns) {
  setWindowTitle(tr("New Project from Dataset"));
  auto* intro = new QLabel(tr("Fusebench read %n row(s) of %1 and proposes what each column is. Change a role where it "
                              "is wrong; dataset.json is then written beside the table, and a first model is built "
                              "on it.",
                              nullptr, rows)
                               .arg(table),
                           this);
  intro->setWordWrap(true);
  table_ = new QTableWidget(static_cast<int>(columns.size()), 4, this);
  table_->setHorizontalHeaderLabels({tr("Column"), tr("Values"), tr("Role"), tr("Why")});
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  for (int r = 0; r < columns.size(); ++r) {
    const ProposedColumn& c = columns[r];
    table_->setItem(r, 0, new QTableWidgetItem(c.name));
    QString values = c.examples.join(QStringLiteral(" · "));
    if (c.missing > 0) values += tr(" (%n empty)", nullptr, c.missing);
    table_->setItem(r, 1, new QTableWidgetItem(values));
    auto* combo = new QComboBox(table_);
    for (const RoleChoice& choice : kChoices) combo->addItem(choiceTitle(choice), QStringLiteral("%1/%2").arg(QLatin1String(choice.role), QLatin1String(choice.task)));
    const int proposed = combo->findData(QStringLiteral("%1/%2").arg(c.role, c.role == QLatin1String("target") ? c.task : QString()));
    combo->setCurrentIndex(std::max(0, proposed));
    connect(combo, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this] { check(); });
    table_->setCellWidget(r, 2, combo);
    roles_ << combo;
    table_->setItem(r, 3, new QTableWidgetItem(c.reason));
  }
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);
  problem_ = new QLabel(this);
  problem_->setStyleSheet(QStringLiteral("color: #c62828"));
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons_->button(QDialogButtonBox::Ok)->setText(tr("Write dataset.json and Build a Model"));
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addWidget(table_, 1);
  layout->addWidget(problem_);
  layout->addWidget(buttons_);
  resize(900, 520);
  check();
}

QList<ProposedColumn> ColumnRolesDialog::chosen() const {
  QList<ProposedColumn> out = columns_;
  for (int r = 0; r < out.size(); ++r) {
    const QStringList parts = roles_[r]->currentData().toString().split(QLatin1Char('/'));
    out[r].role = parts.value(0);
    out[r].task = parts.value(1);
  }
  return out;
}

void ColumnRolesDialog::setRole(int row, const QString& role, const QString& task) {
  const int i = roles_.value(row) ? roles_[row]->findData(QStringLiteral("%1/%2").arg(role, task)) : -1;
  if (i >= 0) roles_[row]->setCurrentIndex(i);
}

QString ColumnRolesDialog::problem() const { return problem_->text(); }

void ColumnRolesDialog::check() {
  int targets = 0, inputs = 0;
  for (const ProposedColumn& c : chosen()) {
    targets += c.role == QLatin1String("target");
    inputs += isInput(c.role);
  }
  QString why;
  if (targets == 0) why = tr("Choose the column the model is to predict (a target).");
  else if (targets > 1) why = tr("Choose one target: %1 columns are targets.").arg(targets);
  else if (inputs == 0) why = tr("Choose at least one column the model reads (image, audio, text, numeric or categorical).");
  problem_->setText(why);
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

}  // namespace fusebench::widgets
