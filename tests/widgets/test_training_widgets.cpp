// The training widgets with hand-made view data: monitor (every point kept, redraws coalesced, CSV
// export, overlays), confusion matrix (counts, row shares, clicks), evaluation panel (per-class table,
// cell drill-down sorted by confidence, robustness drops) and runs panel (newest first, changes, resumable).
#include <QElapsedTimer>
#include <QFile>
#include <qcustomplot.h>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "training/confusion_matrix_view.h"
#include "training/evaluation_panel.h"
#include "training/reliability_view.h"
#include "training/runs_panel.h"
#include "training/training_monitor.h"

using namespace fusebench::widgets;

namespace {
EvaluationView threeClassEvaluation() {
  EvaluationView e;
  e.valid = true;
  e.title = QStringLiteral("test");
  e.classes = {QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("bird")};
  e.confusion = {{8, 2, 0}, {1, 9, 0}, {0, 0, 10}};
  e.samples = 30;
  e.accuracy = 27.0 / 30;
  for (const QString& c : e.classes) {
    ClassMetricsView m;
    m.name = c;
    m.precision = m.recall = m.f1 = 0.9;
    m.support = 10;
    m.roc.valid = true;
    m.roc.x = {0, 0.1, 1};
    m.roc.y = {0, 0.9, 1};
    m.roc.auc = 0.95;
    e.perClass << m;
  }
  // Two cats predicted as dogs, with different confidence.
  for (float conf : {0.55f, 0.9f}) {
    SamplePredictionView p;
    p.sample = static_cast<int>(e.predictions.size());
    p.id = QStringLiteral("cat-as-dog-%1").arg(conf);
    p.label = 0;
    p.predicted = 1;
    p.probabilities = {1 - conf - 0.05f, conf, 0.05f};
    e.predictions << p;
  }
  return e;
}
}  // namespace

class TestTrainingWidgets : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void monitorKeepsEveryPointAndCoalescesRedraws() {
    TrainingMonitor m;
    m.resize(900, 700);
    m.show();
    m.beginRun(QStringLiteral("r1"), 5000, 500);
    const int before = m.redraws();
    QElapsedTimer clock;
    clock.start();
    for (int i = 1; i <= 5000; ++i) {
      StepPoint s;
      s.step = i;
      s.epoch = 1 + (i - 1) / 500;
      s.totalSteps = 5000;
      s.stepsPerEpoch = 500;
      s.loss = 2.0 / (1 + i * 0.001);
      s.lr = 0.001;
      m.addSteps({s});  // one delivery per step: the worst case for the GUI
      if (i % 500 == 0) {
        EpochPoint e;
        e.epoch = i / 500;
        e.valLoss = s.loss;
        e.valAccuracy = 0.5 + e.epoch * 0.04;
        m.addEpochs({e});
      }
      if (i % 50 == 0) QCoreApplication::processEvents();
    }
    QTest::qWait(60);
    QCOMPARE(m.stepCount(), 5000);
    QCOMPARE(m.epochCount(), 10);
    const int redraws = m.redraws() - before;
    QVERIFY(redraws >= 1);
    QVERIFY2(redraws <= clock.elapsed() / 33 + 2, qPrintable(QStringLiteral("%1 redraws in %2 ms").arg(redraws).arg(clock.elapsed())));
    QVERIFY(m.progressText().contains(QStringLiteral("epoch 10/10 · step 5000/5000")));

    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("c.csv"));
    QVERIFY(m.exportCsv(csv));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QCOMPARE(text.count(QStringLiteral("\ntrain_loss,")), 5000);
    QCOMPARE(text.count(QStringLiteral("\nval_accuracy,")), 10);
    QVERIFY(text.contains(QStringLiteral("\nval_accuracy,10,0.9\n")));
    QString error;
    QVERIFY(!m.exportCsv(QStringLiteral("/nonexistent/dir/c.csv"), &error));
    QVERIFY(error.contains(QStringLiteral("/nonexistent/dir/c.csv")));

    RunCurvesView other;
    other.name = QStringLiteral("r0");
    other.step = {1, 2, 3};
    other.stepLoss = {2, 1.5, 1};
    other.epoch = {1};
    other.valAccuracy = {0.4};
    const int graphs = m.lossPlot()->graphCount();
    m.setOverlays({other});
    QCOMPARE(m.lossPlot()->graphCount(), graphs + 1);
    m.setOverlays({});
    QCOMPARE(m.lossPlot()->graphCount(), graphs);
  }

  void confusionMatrixShowsCountsOrRowSharesAndReportsClicks() {
    ConfusionMatrixView v;
    v.resize(400, 400);
    v.setMatrix({QStringLiteral("a"), QStringLiteral("b")}, {{3, 1}, {0, 4}});
    QCOMPARE(v.cellText(0, 1), QStringLiteral("1"));
    v.setNormalized(true);
    QCOMPARE(v.cellText(0, 0), QStringLiteral("75%"));
    QCOMPARE(v.cellText(1, 1), QStringLiteral("100%"));
    QSignalSpy spy(&v, &ConfusionMatrixView::cellActivated);
    QTest::mouseClick(&v, Qt::LeftButton, {}, v.cellRect(1, 0).center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().at(0).toInt(), 1);
    QCOMPARE(spy.first().at(1).toInt(), 0);
  }

  void evaluationPanelListsACellsSamplesMostConfidentFirst() {
    EvaluationPanel p;
    p.resize(1000, 700);
    p.setEvaluation(threeClassEvaluation());
    QCOMPARE(p.classTable()->rowCount(), 3 + 2);  // classes, macro and weighted averages
    QVERIFY(p.headline().contains(QStringLiteral("0.9000")));
    p.showCell(0, 1);
    QCOMPARE(p.sampleList()->rowCount(), 2);
    QCOMPARE(p.sampleList()->item(0, 0)->text(), QStringLiteral("cat-as-dog-0.9"));
    QCOMPARE(p.sampleList()->item(0, 2)->text(), QStringLiteral("cat → dog"));
    QSignalSpy open(&p, &EvaluationPanel::sampleActivated);
    Q_EMIT p.sampleList()->cellDoubleClicked(1, 0);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.first().at(0).toInt(), 0);  // the less confident one is sample 0
    p.showCell(2, 2);
    QCOMPARE(p.sampleList()->rowCount(), 0);

    RobustnessView r;
    r.metric = QStringLiteral("accuracy");
    r.baseline = 0.9;
    r.modalities = {QStringLiteral("image"), QStringLiteral("audio")};
    r.scores = {0.6, 0.85};
    p.setRobustness(r);
    QVERIFY(p.robustnessText().contains(QStringLiteral("without <b>image</b>: 0.6000 (− 0.3000)")));
    EvaluationView bad;
    bad.error = QStringLiteral("Evaluation failed: missing file");
    p.setEvaluation(bad);
    QVERIFY(p.headline().contains(QStringLiteral("missing file")));
  }

  void calibrationTabShowsBothReliabilityDiagramsAndTheErrorInWords() {
    EvaluationPanel p;
    p.resize(1000, 700);
    auto e = threeClassEvaluation();
    e.calibration.valid = true;
    e.calibration.fitted = true;
    e.calibration.temperature = 1.8;
    e.calibration.ece = 0.142, e.calibration.eceCalibrated = 0.031;
    e.calibration.samples = 10;
    for (int b = 0; b < 15; ++b) {
      ReliabilityBinView v;
      v.lower = b / 15.0, v.upper = (b + 1) / 15.0;
      v.count = b >= 10 ? 2 : 0;  // five non-empty bins
      v.accuracy = 0.5, v.confidence = v.upper;
      e.calibration.before << v;
      e.calibration.after << v;
    }
    p.setEvaluation(e);
    int tab = -1;
    for (int i = 0; i < p.tabs()->count(); ++i)
      if (p.tabs()->tabText(i) == QStringLiteral("Calibration")) tab = i;
    QVERIFY(tab >= 0);
    QVERIFY(p.reliability()->summary().contains(QStringLiteral("<b>0.142</b>")));
    QVERIFY(p.reliability()->summary().contains(QStringLiteral("→ <b>0.031</b> after temperature scaling (T = 1.800")));
    QCOMPARE(p.reliability()->plot()->plottableCount(), 3);  // the diagonal and two bar sets
    auto* bars = qobject_cast<QCPBars*>(p.reliability()->plot()->plottable(1));
    QVERIFY(bars);
    QCOMPARE(bars->data()->size(), 5);  // empty bins draw no bar
    e.calibration.fitted = false;
    p.setEvaluation(e);
    QCOMPARE(p.reliability()->plot()->plottableCount(), 2);
    QVERIFY(p.reliability()->summary().contains(QStringLiteral("No temperature was fitted")));
    EvaluationView bad;
    p.setEvaluation(bad);
    QVERIFY(p.reliability()->summary().contains(QStringLiteral("No calibration")));
  }

  void runsPanelShowsNewestFirstWithChangesAndResumableRuns() {
    RunsPanel panel;
    QList<RunSummaryView> runs;
    for (int i = 0; i < 3; ++i) {
      RunSummaryView r;
      r.dir = QStringLiteral("/runs/r%1").arg(i);
      r.name = QStringLiteral("r%1").arg(i);
      r.state = i == 1 ? QStringLiteral("stopped") : QStringLiteral("finished");
      r.resumable = i == 1;
      r.epochsRun = 2;
      r.epochs = 4;
      if (i == 2) r.changes = {QStringLiteral("lr 0.001 → 0.003")};
      if (i == 2) {
        r.bestEpoch = 2;
        r.bestMetric = QStringLiteral("val_accuracy");
        r.bestValue = 0.9125;
        r.bestValLoss = 0.231;
      }
      runs << r;
    }
    panel.setRuns(runs);
    QCOMPARE(panel.count(), 3);
    QCOMPARE(panel.tree()->topLevelItem(0)->text(0), QStringLiteral("r2"));
    QCOMPARE(panel.tree()->topLevelItem(0)->text(7), QStringLiteral("lr 0.001 → 0.003"));
    QCOMPARE(panel.tree()->topLevelItem(0)->text(4), QStringLiteral("epoch 2 (val_accuracy 0.9125, val_loss 0.231)"));
    QVERIFY(panel.tree()->topLevelItem(0)->toolTip(4).contains(QStringLiteral("ties broken by the lower val_loss")));
    QCOMPARE(panel.tree()->topLevelItem(1)->text(4), QStringLiteral("–"));  // not recorded
    QCOMPARE(panel.tree()->topLevelItem(1)->text(1), QStringLiteral("stopped (resumable)"));
    QCOMPARE(panel.tree()->topLevelItem(2)->text(7), QStringLiteral("(first run)"));
    QSignalSpy spy(&panel, &RunsPanel::selectionChanged);
    panel.selectRun(QStringLiteral("/runs/r1"));
    QCOMPARE(spy.count(), 0);  // programmatic: no signal
    QCOMPARE(panel.selectedRuns(), QStringList{QStringLiteral("/runs/r1")});
    panel.tree()->topLevelItem(0)->setSelected(true);  // as a user's ctrl-click
    QVERIFY(spy.count() >= 1);
    QCOMPARE(panel.selectedRuns().size(), 2);
    panel.setRuns({});
    QCOMPARE(panel.count(), 0);
  }
};

QTEST_MAIN(TestTrainingWidgets)
#include "test_training_widgets.moc"
