// The Explain page from the GUI classes (offscreen), on a model trained in seconds on a real four-modality
// dataset (image, speech, title, values) with cross-modal attention: every modality's section and overlay,
// what-if switches and text edits explained again off the GUI thread (stale results dropped), the case
// report's pages, explaining from a confusion-matrix cell, and the message when there is no model.
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMediaPlayer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QComboBox>
#include <QTest>
#include <filesystem>

#include "explain/explain_area.h"
#include "explain/explanation_view.h"
#include "explain/new_case_dialog.h"
#include "fixtures.h"
#include "main_window.h"
#include "training/training_area.h"

using fusebench::app::ExplainArea;
using fusebench::app::MainWindow;
namespace fs = std::filesystem;

namespace {

QString writeProject(const std::string& name) {
  const fs::path dataset = fusebench::testing::writeCleanDataset(name + "_data", 8);
  const fs::path dir = fusebench::testing::freshDir(name + "_project");
  const std::string text = R"({"format": "fusebench-project", "version": 1, "name": "four modalities",
  "dataset": {"path": ")" + dataset.string() + R"("},
  "training": {"epochs": 4, "batch_size": 8, "lr": 0.01, "threads": 1, "seed": 5},
  "graph": {"schema_version": 1, "nodes": [
    {"id": "image", "type": "input.image", "params": {"channels": 1, "height": 8, "width": 8}, "position": [0, 0]},
    {"id": "speech", "type": "input.audio", "params": {"field": "audio", "representation": "logmel", "sample_rate": 8000,
     "seconds": 0.25, "n_mels": 16, "hop_length": 80, "n_fft": 128}, "position": [0, 100]},
    {"id": "title", "type": "input.text", "params": {"field": "title", "max_length": 4, "vocab_size": 20}, "position": [0, 200]},
    {"id": "tab", "type": "input.tabular", "position": [0, 300]},
    {"id": "ie", "type": "image.small_cnn", "params": {"depth": 1, "width": 4}, "position": [200, 0]},
    {"id": "ae", "type": "audio.spectrogram_cnn", "params": {"depth": 1, "width": 4}, "position": [200, 100]},
    {"id": "te", "type": "text.bag_of_embeddings", "params": {"dim": 4}, "position": [200, 200]},
    {"id": "tm", "type": "tabular.mlp", "params": {"hidden": [4]}, "position": [200, 300]},
    {"id": "fuse", "type": "fusion.cross_attention", "params": {"heads": 2}, "position": [400, 100]},
    {"id": "head", "type": "head.classification", "params": {"num_classes": 4}, "position": [600, 100]}],
   "edges": [{"from": "image.out", "to": "ie.in"}, {"from": "speech.out", "to": "ae.in"}, {"from": "title.out", "to": "te.in"},
             {"from": "tab.out", "to": "tm.in"}, {"from": "ie.tokens", "to": "fuse.query"},
             {"from": "te.tokens", "to": "fuse.context0"}, {"from": "ae.tokens", "to": "fuse.context1"},
             {"from": "tm.features", "to": "fuse.context2"}, {"from": "fuse.features", "to": "head.in"}]}})";
  fusebench::testing::writeText(dir / "four.fbproj", text);
  return QString::fromStdString((dir / "four.fbproj").string());
}

void train(MainWindow& w) {
  QSignalSpy finished(w.trainingArea(), &fusebench::app::TrainingArea::runFinished);
  QString error;
  if (!w.trainingArea()->startTraining(&error)) qFatal("start failed: %s", qPrintable(error));
  if (!finished.wait(120000)) qFatal("the run did not finish");
}

// Explains (or re-explains after a what-if edit) and waits for the result on the page.
bool waitShown(ExplainArea* area, const std::function<void()>& trigger) {
  QSignalSpy shown(area, &ExplainArea::explanationShown);
  trigger();
  return shown.wait(60000);
}

}  // namespace

class TestExplainArea : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    window_ = new MainWindow();
    QVERIFY(window_->openProject(writeProject("gui_explain")));
    window_->resize(1400, 1100);
    window_->show();
    train(*window_);
  }
  void cleanupTestCase() { delete window_; }

  void everyModalityIsExplainedOffTheGuiThread() {
    auto* area = window_->explainArea();
    QString error;
    QVERIFY(waitShown(area, [&] {
      QVERIFY2(area->explainSample(2, QString(), &error), qPrintable(error));
      QVERIFY(area->busy());  // handed to the worker; the GUI thread goes on
    }));
    QCOMPARE(window_->workspace()->currentWidget(), static_cast<QWidget*>(area->view()));
    const auto& e = area->view()->explanation();
    QVERIFY2(e.ok, qPrintable(e.error));
    QCOMPARE(e.row, 2);
    QCOMPARE(area->view()->sections(), (QStringList{QStringLiteral("image:image"), QStringLiteral("text:title"),
                                                     QStringLiteral("audio:audio"), QStringLiteral("tabular:tabular"),
                                                     QStringLiteral("attention:fuse")}));
    QCOMPARE(e.modalities.size(), 4);
    double shapley = 0;
    for (const auto& m : e.modalities) shapley += m.shapley;
    QVERIFY(std::abs(shapley - (e.targetProbability() - e.pNone)) < 1e-4);
    QVERIFY(std::abs(e.igTotal - (e.f - e.fBaseline)) <= 0.01 * std::abs(e.f - e.fBaseline) + 1e-4);
    // Attention keys are labelled by modality: the title's words, the clip's moments, the values.
    QCOMPARE(e.attention.size(), 1);
    QVERIFY(e.attention[0].keys.first().startsWith(QStringLiteral("title '")));
    QVERIFY(e.attention[0].keys.join(QLatin1Char('|')).contains(QStringLiteral(" s")));
    QCOMPARE(e.attention[0].keys.last(), QStringLiteral("tabular"));
    QCOMPARE(e.images[0].maps.size(), 5);  // every method
    QVERIFY(!e.audios[0].maps.value(QStringLiteral("integrated_gradients")).isEmpty());
    QCOMPARE(e.texts[0].tokens.size(), e.texts[0].scores.value(QStringLiteral("occlusion")).size());
  }

  void overlaysAreDrawnAndFollowTheControls() {
    auto* view = window_->explainArea()->view();
    QVERIFY(view->explanation().ok);
    view->setMethod(QStringLiteral("gradcam"));
    view->setOpacity(0.0);
    const QImage none = view->grab().toImage();
    view->setOpacity(1.0);
    const QImage full = view->grab().toImage();
    view->setMethod(QStringLiteral("integrated_gradients"));
    const QImage ig = view->grab().toImage();
    QVERIFY(none != full);  // the overlay shows
    QVERIFY(full != ig);    // and changes with the method
    view->setOpacity(0.6);
  }

  void theGradCamLayerCanBeChosenAndIsKept() {
    auto* area = window_->explainArea();
    auto* view = area->view();
    auto* box = view->gradcamLayerBox();
    QVERIFY(box->count() >= 2);  // automatic, then each stage of the image encoder
    const QString automatic = view->explanation().images[0].gradcamLayer;
    const int last = box->count() - 1;
    const QString deepest = box->itemData(last).toString();
    QVERIFY(waitShown(area, [&] {
      box->setCurrentIndex(last);
      Q_EMIT box->activated(last);
    }));
    QVERIFY(view->explanation().images[0].gradcamLayer.endsWith(QStringLiteral(".") + deepest));
    QVERIFY(waitShown(area, [&] { QVERIFY(area->explainSample(3)); }));
    QCOMPARE(view->requestedGradcamLayer(), deepest);  // kept for the next sample
    QVERIFY(view->explanation().images[0].gradcamLayer.endsWith(QStringLiteral(".") + deepest));
    QVERIFY(waitShown(area, [&] {
      box->setCurrentIndex(0);
      Q_EMIT box->activated(0);
    }));
    QCOMPARE(view->explanation().images[0].gradcamLayer, automatic);
    QVERIFY(waitShown(area, [&] { QVERIFY(area->explainSample(2)); }));  // as the next tests expect
  }

  void thePlayButtonPlaysAndStopsTheClip() {
    auto* view = window_->explainArea()->view();
    auto* play = view->playButton(QStringLiteral("audio"));
    QVERIFY(play && play->isEnabled());
    play->click();
    QTRY_VERIFY_WITH_TIMEOUT(view->player()->playbackState() == QMediaPlayer::PlayingState || view->player()->error() != QMediaPlayer::NoError, 10000);
    if (view->player()->error() != QMediaPlayer::NoError)
      QSKIP(qPrintable(QStringLiteral("this platform cannot play audio: ") + view->player()->errorString()));
    QVERIFY(view->player()->source().toLocalFile().endsWith(QStringLiteral(".wav")));
    QCOMPARE(play->text(), QStringLiteral("■ Stop"));
    play->click();  // stops
    QTRY_COMPARE(view->player()->playbackState(), QMediaPlayer::StoppedState);
  }

  void switchingAModalityOffChangesThePrediction() {
    auto* area = window_->explainArea();
    auto* view = area->view();
    const auto before = view->explanation();
    QVERIFY(waitShown(area, [&] { view->modalitySwitch(QStringLiteral("image"))->setChecked(false); }));
    const auto& after = view->explanation();
    QVERIFY2(after.ok, qPrintable(after.error));
    QCOMPARE(after.masked, QStringList{QStringLiteral("image")});
    QVERIFY(!after.images[0].present);
    QVERIFY(!after.modalities[0].present);
    QVERIFY(after.scores != before.scores);
    QVERIFY(view->headline()->text().contains(QStringLiteral("switched off: image")));
    QVERIFY(waitShown(area, [&] { view->modalitySwitch(QStringLiteral("image"))->setChecked(true); }));
    QCOMPARE(view->explanation().scores, before.scores);  // back to the recorded sample
  }

  void editingTheTextExplainsTheNewText() {
    auto* area = window_->explainArea();
    auto* editor = area->view()->textEditor(QStringLiteral("title"));
    QVERIFY(editor);
    QVERIFY(waitShown(area, [&] {
      editor->setText(QStringLiteral("loud purring zebra"));
      editor->setModified(true);
      Q_EMIT editor->returnPressed();
    }));
    const auto& e = area->view()->explanation();
    QCOMPARE(e.texts[0].tokens, (QStringList{QStringLiteral("loud"), QStringLiteral("purring"), QStringLiteral("zebra")}));
    QCOMPARE(e.texts[0].known, (QVector<bool>{true, true, false}));
    QCOMPARE(e.overrides.value(QStringLiteral("title")), QStringLiteral("loud purring zebra"));
    editor->setModified(false);
  }

  void onlyTheNewestOfQuickEditsIsShown() {
    auto* area = window_->explainArea();
    auto* view = area->view();
    QSignalSpy shown(area, &ExplainArea::explanationShown);
    for (const char* f : {"audio", "title", "tabular"}) view->modalitySwitch(QLatin1String(f))->setChecked(false);
    view->modalitySwitch(QStringLiteral("title"))->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(!area->busy() && shown.count() >= 1, 60000);
    QTest::qWait(100);
    QCOMPARE(view->explanation().masked, (QStringList{QStringLiteral("audio"), QStringLiteral("tabular")}));
    QCOMPARE(shown.count(), 1);  // the first job's result was dropped, the middle states never computed
    for (const char* f : {"audio", "tabular"}) view->modalitySwitch(QLatin1String(f))->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(!area->busy() && view->explanation().masked.isEmpty(), 60000);
  }

  void anotherSampleStartsFromItsRecordedValues() {
    auto* area = window_->explainArea();
    auto* view = area->view();
    auto* editor = view->textEditor(QStringLiteral("title"));
    QVERIFY(waitShown(area, [&] {
      editor->setText(QStringLiteral("loud"));
      editor->setModified(true);
      view->modalitySwitch(QStringLiteral("audio"))->setChecked(false);
    }));
    QCOMPARE(view->explanation().masked, QStringList{QStringLiteral("audio")});
    QVERIFY(waitShown(area, [&] { area->explainSample(7); }));
    const auto& e = view->explanation();
    QCOMPARE(e.row, 7);
    QVERIFY(e.masked.isEmpty());
    QVERIFY(e.overrides.isEmpty());
    QVERIFY(view->modalitySwitch(QStringLiteral("audio"))->isChecked());
    QCOMPARE(editor->text(), e.texts[0].text);  // the new sample's own title
  }

  void aNewCaseFromFilesAndValuesIsExplained() {
    auto* area = window_->explainArea();
    const fs::path data = fs::temp_directory_path() / "fusebench_test_gui_explain_data";
    // The form asks for every column the model reads.
    const QVector<fusebench::widgets::ModalityData> form = {
        {QStringLiteral("image"), QStringLiteral("image"), QStringLiteral("image"), {QStringLiteral("image")}},
        {QStringLiteral("tabular"), QStringLiteral("tabular"), QStringLiteral("size, colour"), {QStringLiteral("size"), QStringLiteral("colour")}}};
    fusebench::widgets::NewCaseDialog dialog(form);
    QVERIFY(dialog.editor(QStringLiteral("colour")));
    dialog.editor(QStringLiteral("image"))->setText(QString::fromStdString((data / "img" / "dog1.png").string()));
    dialog.editor(QStringLiteral("size"))->setText(QStringLiteral(" 1.6 "));
    QCOMPARE(dialog.values().value(QStringLiteral("size")), QStringLiteral("1.6"));
    QVERIFY(!dialog.values().contains(QStringLiteral("colour")));  // empty: missing
    QString refused;
    QVERIFY(!area->explainValues({}, QString(), &refused));  // an empty case is refused, not ignored
    QVERIFY(refused.contains(QStringLiteral("empty")));
    auto values = dialog.values();
    values[QStringLiteral("title")] = QStringLiteral("loud barking fetch");
    QVERIFY(waitShown(area, [&] { QVERIFY(area->explainValues(values)); }));
    const auto& e = area->view()->explanation();
    QVERIFY2(e.ok, qPrintable(e.error));
    QCOMPARE(e.sample, QStringLiteral("new case"));
    QCOMPARE(e.row, -1);
    QVERIFY(e.images[0].present);
    QVERIFY(!e.audios[0].present);  // not given: missing
    QCOMPARE(e.texts[0].tokens, (QStringList{QStringLiteral("loud"), QStringLiteral("barking"), QStringLiteral("fetch")}));
    // What-if edits work on a new case too.
    QVERIFY(waitShown(area, [&] { area->view()->modalitySwitch(QStringLiteral("image"))->setChecked(false); }));
    QVERIFY(!area->view()->explanation().images[0].present);
    QCOMPARE(area->view()->explanation().sample, QStringLiteral("new case"));
    QVERIFY(waitShown(area, [&] { area->explainSample(2); }));  // back to a dataset row, all modalities on
    QVERIFY(area->view()->explanation().masked.isEmpty());
  }

  void theCaseReportHasItsPages() {
    auto* area = window_->explainArea();
    const QString path = QString::fromStdString((fusebench::testing::freshDir("gui_explain_report") / "case.pdf").string());
    QString error;
    QVERIFY2(area->exportReport(path, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray pdf = f.readAll();
    QVERIFY(pdf.startsWith("%PDF"));
    const int pages = static_cast<int>(QString::fromLatin1(pdf).count(QRegularExpression(QStringLiteral("/Type\\s*/Page[^s]"))));
    QVERIFY2(pages >= 1 && pages <= 2, qPrintable(QString::number(pages)));
    QVERIFY(pdf.size() > 20000);  // pictures are in it
    QVERIFY(!area->exportReport(QStringLiteral("/nonexistent/dir/case.pdf"), &error));
    QVERIFY(error.contains(QStringLiteral("/nonexistent/dir/case.pdf")));
  }

  void saveAsKeepsTheExplanation() {
    auto* area = window_->explainArea();
    QVERIFY(area->view()->explanation().ok);
    const int row = area->view()->explanation().row;
    const QString path = QString::fromStdString((fusebench::testing::freshDir("gui_explain_saveas") / "copy.fbproj").string());
    QVERIFY(window_->saveDocumentAs(path));
    QTest::qWait(50);
    QVERIFY(area->view()->explanation().ok);
    QCOMPARE(area->view()->explanation().row, row);
    QVERIFY(!area->modelRun().isEmpty());
  }

  void aConfusionMatrixSampleOpensItsExplanation() {
    window_->showPage(QStringLiteral("training"));
    auto* area = window_->explainArea();
    QVERIFY(waitShown(area, [&] { Q_EMIT window_->trainingArea()->explainSampleRequested(5); }));
    QCOMPARE(area->view()->explanation().row, 5);
    QCOMPARE(window_->workspace()->currentWidget(), static_cast<QWidget*>(area->view()));
  }

  void withoutATrainedModelTheUserIsToldWhy() {
    MainWindow fresh;
    QVERIFY(fresh.openProject(writeProject("gui_explain_untrained")));
    QString error;
    QVERIFY(!fresh.explainArea()->explainSample(0, QString(), &error));
    QVERIFY2(error.contains(QStringLiteral("No trained model")), qPrintable(error));
  }

 private:
  MainWindow* window_ = nullptr;
};

QTEST_MAIN(TestExplainArea)
#include "test_explain_area.moc"
