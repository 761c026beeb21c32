#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include "problems/problems_panel.h"
#include "summary/model_summary_view.h"

using namespace fusebench::widgets;

class TestModelSummaryView : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void showsRowsShapesAndTotal() {
    SummaryData d;
    d.nodes.append({QStringLiteral("img"), QStringLiteral("input.image"), QStringLiteral("Image input"),
                    QStringLiteral("Inputs"), {{QStringLiteral("out"), QStringLiteral("image [1, 28, 28]")}}, 0, false});
    d.nodes.append({QStringLiteral("cnn"), QStringLiteral("image.small_cnn"), QStringLiteral("Small CNN"),
                    QStringLiteral("Image encoders"),
                    {{QStringLiteral("features"), QStringLiteral("features [64]")},
                     {QStringLiteral("tokens"), QStringLiteral("tokens [9, 64]")}},
                    23408, false});
    d.totalParameters = 23408;
    ModelSummaryView view;
    view.setSummary(d);
    QCOMPARE(view.rowCount(), 2);
    auto* tree = view.findChild<QTreeWidget*>();
    QVERIFY(tree);
    QCOMPARE(tree->topLevelItem(1)->text(2), QStringLiteral("features [64]\ntokens [9, 64]"));
    QCOMPARE(tree->topLevelItem(0)->text(2), QStringLiteral("out: image [1, 28, 28]"));
    QVERIFY(view.totalText().contains(QLocale().toString(23408)));
  }

  void errorRowsAreMarkedAndUnknownParametersShownAsDash() {
    SummaryData d;
    d.nodes.append({QStringLiteral("head"), QStringLiteral("head.classification"), QStringLiteral("Classification head"),
                    QStringLiteral("Heads"), {}, -1, true});
    d.problems.append({QStringLiteral("head"), QStringLiteral("num_classes"), QStringLiteral("too few classes")});
    ModelSummaryView view;
    view.setSummary(d);
    auto* item = view.findChild<QTreeWidget*>()->topLevelItem(0);
    QCOMPARE(item->text(3), QStringLiteral("–"));
    QCOMPARE(item->toolTip(0), QStringLiteral("too few classes"));
    QVERIFY(item->foreground(0).color() != QColor(Qt::black));
    QVERIFY(view.totalText().contains(QStringLiteral("fix the problems")));
  }

  void activatingAProblemSelectsItsNode() {
    SummaryData d;
    d.nodes.append({QStringLiteral("a"), QStringLiteral("block.linear"), {}, QStringLiteral("Blocks"), {}, -1, false});
    d.nodes.append({QStringLiteral("b"), QStringLiteral("block.linear"), {}, QStringLiteral("Blocks"), {}, -1, true});
    ModelSummaryView view;
    view.setSummary(d);
    ProblemsPanel panel;
    panel.setProblems({{QString(), QString(), QStringLiteral("graph-level")}, {QStringLiteral("b"), QStringLiteral("in"), QStringLiteral("b broken")}});
    QCOMPARE(panel.count(), 2);
    connect(&panel, &ProblemsPanel::nodeActivated, &view, &ModelSummaryView::selectNode);
    QSignalSpy spy(&panel, &ProblemsPanel::nodeActivated);
    panel.activate(0);  // graph-level: no node to select
    QCOMPARE(spy.count(), 0);
    panel.activate(1);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(view.selectedNode(), QStringLiteral("b"));
  }

  void emptyProblemListSaysTheGraphIsValid() {
    ProblemsPanel panel;
    panel.setProblems({});
    QCOMPARE(panel.count(), 0);
    QVERIFY(panel.textAt(0).contains(QStringLiteral("valid")));
  }
};

QTEST_MAIN(TestModelSummaryView)
#include "test_model_summary_view.moc"
