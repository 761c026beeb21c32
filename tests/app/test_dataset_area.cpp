// The dataset area with the real engine: a dataset with one sample per kind of problem opens off the GUI
// thread, validation marks exactly the bad rows, the detail view shows the model's spectrogram, audio
// plays, a class-folder import opens its result, and "use for this project" is one undoable edit.
#include <QDir>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <filesystem>

#include "dataset/dataset_area.h"
#include "dataset/dataset_browser.h"
#include "dataset/media_views.h"
#include "dataset/sample_detail_view.h"
#include "dataset/sample_table_model.h"
#include "fixtures.h"
#include "data/splits.h"
#include "graph/graph_json.h"
#include "main_window.h"

using fusebench::app::DatasetArea;
namespace fs = std::filesystem;

namespace {
QString qs(const fs::path& p) { return QString::fromStdString(p.string()); }
}  // namespace

class TestDatasetArea : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void validationMarksEveryBadRowAndFiltersThem() {
    std::vector<fusebench::testing::ExpectedProblem> expected;
    const fs::path dir = fusebench::testing::writeProblemDataset("app_problem_dataset", &expected);
    QWidget window;
    DatasetArea area(&window);
    QSignalSpy opened(&area, &DatasetArea::datasetOpened);
    QSignalSpy validated(&area, &DatasetArea::validationFinished);
    area.openDataset(qs(dir));
    QVERIFY(area.busy());  // the manifest is read on a worker, not in openDataset()
    QVERIFY(validated.wait(20000));
    QCOMPARE(opened.count(), 1);
    auto* browser = area.browser();
    QCOMPARE(browser->dataset().size(), 26);
    QSet<int> badRows;
    for (const auto& p : expected)
      if (p.row > 0) badRows.insert(static_cast<int>(p.row) - 1);
    QCOMPARE(validated.first().first().toInt(), badRows.size());
    browser->setProblemsOnly(true);
    QCOMPARE(browser->visibleSamples(), badRows.size());
    for (int i = 0; i < browser->visibleSamples(); ++i) QVERIFY(badRows.contains(browser->sampleAt(i)));
    // Each problem is named in its row's problems cell.
    auto* model = browser->table()->model();
    for (const auto& p : expected) {
      if (p.row == 0) continue;
      int visible = -1;
      for (int i = 0; i < browser->visibleSamples(); ++i)
        if (browser->sampleAt(i) == static_cast<int>(p.row) - 1) visible = i;
      QVERIFY(visible >= 0);
      const QString tip = model->index(visible, model->columnCount() - 1).data(Qt::ToolTipRole).toString();
      QVERIFY2(tip.contains(QString::fromStdString(p.reason)), qPrintable(tip));
    }
    QVERIFY(browser->statusText().contains(QStringLiteral("with problems")));
  }

  void theBrowserShowsTheSplitsTheProjectTrainsWith() {
    // No split column: the split comes from the project's seed and fractions, as in training.
    const fs::path data = fusebench::testing::writeCleanDataset("app_split_dataset", 10);
    const fs::path dir = fusebench::testing::freshDir("app_split_project");
    fusebench::testing::writeText(dir / "p.fbproj", R"({"format": "fusebench-project", "version": 1, "name": "splits",
      "dataset": {"path": ")" + data.string() + R"("}, "training": {"seed": 9, "val_fraction": 0.3, "test_fraction": 0.2},
      "graph": {"schema_version": 1, "nodes": [], "edges": []}})");
    fusebench::app::MainWindow w;
    QSignalSpy opened(w.datasetArea(), &DatasetArea::datasetOpened);
    QVERIFY(w.openProject(qs(dir / "p.fbproj")));
    QVERIFY(opened.wait(20000));
    const auto ds = fusebench::data::Dataset::open(data.string());
    const auto expected = fusebench::data::assignSplits(*ds.dataset, {0.3, 0.2, 9});
    const auto defaults = fusebench::data::assignSplits(*ds.dataset, {});
    QVERIFY(expected.split != defaults.split);  // the check below can tell them apart
    const auto& shown = w.datasetArea()->browser()->dataset();
    QCOMPARE(static_cast<std::size_t>(shown.size()), expected.split.size());
    for (int i = 0; i < shown.size(); ++i)
      QCOMPARE(shown.rows->split(i), QString::fromStdString(expected.split[static_cast<std::size_t>(i)]));
    // The dataset dock counts the same splits.
    int val = 0;
    for (const auto& s : w.project().dataset.splits)
      if (s.first == QStringLiteral("val")) val = s.second;
    QCOMPARE(val, static_cast<int>(expected.indices("val").size()));
  }

  void detailShowsTheSpectrogramTheModelSeesAndAudioPlays() {
    const fs::path dir = fusebench::testing::writeCleanDataset("app_clean_dataset", 3, true);
    QWidget window;
    DatasetArea area(&window);
    auto graph = fusebench::graphFromText(R"({"schema_version": 1, "nodes": [{"id": "speech", "type": "input.audio", "params":
        {"field": "audio", "representation": "logmel", "sample_rate": 8000, "seconds": 0.25, "n_mels": 16,
         "hop_length": 80, "n_fft": 128}}], "edges": []})");
    QVERIFY2(graph.graph, graph.errors.empty() ? "" : graph.errors[0].format().c_str());
    area.setGraph(*graph.graph);
    QSignalSpy validated(&area, &DatasetArea::validationFinished);
    area.openDataset(qs(dir));
    QVERIFY(validated.wait(20000));
    QCOMPARE(validated.first().first().toInt(), 0);
    auto* detail = area.browser()->detail();
    area.browser()->selectSample(4);
    QVERIFY(QTest::qWaitFor([&] { return detail->loaded(); }, 10000));
    QCOMPARE(detail->row(), 4);
    QCOMPARE(detail->renderedImage().height(), 10);
    QCOMPARE(detail->spectrogram()->image().height(), 16);           // n_mels
    QCOMPARE(detail->spectrogram()->image().width(), 1 + 2000 / 80);  // frames of 0.25 s at 8 kHz
    QVERIFY(detail->waveform()->duration() > 0.24);

    QVERIFY(detail->hasAudio());
    detail->play();
    const bool playing = QTest::qWaitFor([&] {
      return detail->playbackState() == QMediaPlayer::PlayingState || !detail->playbackError().isEmpty();
    }, 10000);
    if (!detail->playbackError().isEmpty())
      QSKIP(qPrintable(QStringLiteral("this platform cannot play audio: ") + detail->playbackError()));
    QVERIFY2(playing, "the player neither played nor reported an error");
    QCOMPARE(detail->playbackState(), QMediaPlayer::PlayingState);
    detail->stop();
  }

  void aClassFolderImportOpensItsResultAndNamesSkippedFiles() {
    const fs::path src = fusebench::testing::freshDir("app_import_src");
    for (const char* cls : {"ant", "bee"})
      for (int i = 0; i < 2; ++i)
        fusebench::testing::writeGrayPng(src / cls / (std::string(cls) + std::to_string(i) + ".png"), 8, 8, 100);
    fusebench::testing::writeText(src / "bee" / "notes.txt", "not an image");
    const fs::path out = fusebench::testing::freshDir("app_import_out");
    QWidget window;
    DatasetArea area(&window);
    QSignalSpy finished(&area, &DatasetArea::importFinished);
    QSignalSpy opened(&area, &DatasetArea::datasetOpened);
    area.importFolders(qs(src), qs(out));
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().at(0).toBool());
    QVERIFY2(finished.first().at(2).toString().contains(QStringLiteral("1 file(s) skipped")),
             qPrintable(finished.first().at(2).toString()));
    QVERIFY(opened.count() == 1 || opened.wait(10000));
    QCOMPARE(area.browser()->dataset().size(), 4);
    QCOMPARE(area.browser()->dataset().classes, QStringList({QStringLiteral("ant"), QStringLiteral("bee")}));
    area.waitForJobs();
  }

  void aMissingDatasetSaysWhatIsWrong() {
    QWidget window;
    DatasetArea area(&window);
    QSignalSpy status(&area, &DatasetArea::statusMessage);
    area.openDataset(QStringLiteral("/nonexistent/dataset"));
    QVERIFY(status.wait(10000));
    QVERIFY2(status.first().first().toString().contains(QStringLiteral("/nonexistent/dataset")),
             qPrintable(status.first().first().toString()));
    QVERIFY(area.browser()->dataset().empty());
  }

  void usingADatasetForTheProjectIsUndoable() {
    fusebench::app::MainWindow w;
    w.setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
    QVERIFY(w.openProject(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/image_text_concat.fbproj")));
    const QString before = w.document()->datasetDir();
    const fs::path dir = fusebench::testing::writeCleanDataset("app_use_dataset", 2, true);
    w.document()->setDatasetPath(qs(dir));
    QCOMPARE(QDir::cleanPath(w.document()->datasetDir()), QDir::cleanPath(qs(dir)));
    QVERIFY(w.document()->isModified());
    QCOMPARE(w.datasetArea()->currentDir(), qs(dir));
    w.document()->undoStack()->undo();
    QCOMPARE(w.document()->datasetDir(), before);
    QVERIFY(!w.document()->isModified());
    w.datasetArea()->waitForJobs();
  }
};

QTEST_MAIN(TestDatasetArea)
#include "test_dataset_area.moc"
