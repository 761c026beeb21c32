// The dataset browser against a fake media source: virtualized table, off-thread thumbnails, filters,
// histogram, detail view with window / level, and errors shown where they happen.
#include <QAtomicInt>
#include <QSet>
#include <QTableView>
#include <QSignalSpy>
#include <QComboBox>
#include <QLabel>
#include <QTest>
#include <QThread>
#include <cmath>
#include <functional>
#include <mutex>

#include "dataset/class_histogram.h"
#include "dataset/dataset_browser.h"
#include "dataset/image_render.h"
#include "dataset/media_views.h"
#include "dataset/patient_data.h"
#include "dataset/sample_detail_view.h"
#include "dataset/sample_table_model.h"
#include "dataset/thumbnail_loader.h"

using namespace fusebench::widgets;

namespace {

// Images are 8x4 gradients (16-bit when the path says so); "bad" paths fail like a truncated file.
class FakeSource : public SampleMediaSource {
 public:
  bool image(const QString& path, DecodedImage& out, QString& error) const override {
    record();
    if (path.contains(QLatin1String("bad"))) {
      error = QStringLiteral("truncated PNG");
      return false;
    }
    out.width = 8;
    out.height = 4;
    out.channels = 1;
    out.bitDepth = path.contains(QLatin1String("16bit")) ? 16 : 8;
    const float scale = out.bitDepth == 16 ? 0.05f : 1.0f;  // a 16-bit scan uses a sliver of the range
    for (int i = 0; i < 32; ++i) out.pixels << scale * static_cast<float>(i % 8) / 7.0f;
    if (path.contains(QLatin1String("dicom"))) {  // a DICOM file brings its own display window
      out.windowCenter = 0.01;
      out.windowWidth = 0.02;
    }
    if (path.contains(QLatin1String("ct-attr"))) {  // and its attributes, and radiology presets
      out.valueScale = 4096, out.valueOffset = -1024;  // HU = pixel * 4096 - 1024
      out.presets = {{QStringLiteral("Lung (L -600, W 1500)"), 424.0 / 4096, 1500.0 / 4096},
                     {QStringLiteral("Bone (L 400, W 1800)"), 1424.0 / 4096, 1800.0 / 4096}};
      out.attributes = {{QStringLiteral("Modality"), QStringLiteral("CT"), false},
                        {QStringLiteral("Patient Name"), QStringLiteral("Doe^Jane"), true},
                        {QStringLiteral("Patient ID"), QStringLiteral("PID-4711"), true}};
    }
    return true;
  }
  bool audio(const QString&, DecodedAudio& out, QString&) const override {
    record();
    out.sampleRate = 8000;
    for (int i = 0; i < 8000; ++i) out.samples << static_cast<float>(std::sin(i * 0.3));
    return true;
  }
  bool spectrogram(int, const QString&, ModelSpectrogram& out, QString&) const override {
    out.mels = 4;
    out.frames = 10;
    for (int i = 0; i < 40; ++i) out.values << static_cast<float>(i);
    out.description = QStringLiteral("fake");
    return true;
  }
  void record() const {
    std::lock_guard lock(mutex);
    threads.insert(QThread::currentThread());
  }
  mutable std::mutex mutex;
  mutable QSet<QThread*> threads;
};

QList<BrowserSample> makeSamples(int n);

BrowserDataset makeDataset(int n, const std::function<void(QList<BrowserSample>&)>& edit = {}) {
  BrowserDataset ds;
  ds.name = QStringLiteral("fake");
  ds.dir = QStringLiteral("/fake");
  ds.columns = {{QStringLiteral("image"), BrowserColumn::Kind::Image},
                {QStringLiteral("audio"), BrowserColumn::Kind::Audio},
                {QStringLiteral("title"), BrowserColumn::Kind::Text}};
  ds.targetName = QStringLiteral("label");
  ds.classes = {QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("fish")};
  QList<BrowserSample> samples = makeSamples(n);
  if (edit) edit(samples);
  ds.setSamples(std::move(samples));
  return ds;
}

QList<BrowserSample> makeSamples(int n) {
  const QStringList classes = {QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("fish")};
  QList<BrowserSample> samples;
  const QStringList splits = {QStringLiteral("train"), QStringLiteral("train"), QStringLiteral("val"), QStringLiteral("test")};
  for (int i = 0; i < n; ++i) {
    BrowserSample s;
    s.id = QStringLiteral("s%1").arg(i);
    s.line = i + 2;
    s.split = splits[i % 4];
    s.target = classes[i % 3];
    s.values = {i == 7 ? QStringLiteral("/fake/bad.png") : QStringLiteral("/fake/img%1.png").arg(i),
                i % 10 == 9 ? QString() : QStringLiteral("/fake/a%1.wav").arg(i),
                i % 5 == 0 ? QStringLiteral("red zebra") : QStringLiteral("blue whale")};
    samples << s;
  }
  return samples;
}

// A million rows made up on the fly (nothing stored), counting which rows the browser asks about.
class GeneratedRows final : public BrowserRows {
 public:
  explicit GeneratedRows(int n) : n_(n) {}
  int count() const override { return n_; }
  QString id(int row) const override {
    touch(row);
    return QStringLiteral("g%1").arg(row);
  }
  int line(int row) const override { return row + 2; }
  QString split(int row) const override { return row % 10 == 0 ? QStringLiteral("val") : QStringLiteral("train"); }
  QString target(int row) const override { return row % 2 ? QStringLiteral("dog") : QStringLiteral("cat"); }
  QString value(int row, int) const override {
    touch(row);
    return QStringLiteral("note %1").arg(row % 1000);
  }
  QSet<int> touched() const { return touched_; }
  void forget() { touched_.clear(); }

 private:
  void touch(int row) const {
    if (tracking) touched_.insert(row);
  }
  int n_;
  mutable QSet<int> touched_;

 public:
  bool tracking = true;
};

template <typename Pred>
bool waitFor(Pred pred, int ms = 5000) {
  return QTest::qWaitFor(pred, ms);
}

}  // namespace

class TestDatasetBrowser : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void windowLevelMapsValuesLinearlyAndClamps() {
    DecodedImage img;
    img.width = 3;
    img.height = 1;
    img.channels = 1;
    img.pixels = {0.2f, 0.3f, 0.4f};
    const QImage full = renderImage(img, 0.5, 1.0);
    QCOMPARE(qGray(full.pixel(0, 0)), 51);  // 0.2 * 255
    const QImage narrow = renderImage(img, 0.3, 0.2);  // [0.2, 0.4] -> black..white
    QCOMPARE(qGray(narrow.pixel(0, 0)), 0);
    QCOMPARE(qGray(narrow.pixel(1, 0)), 128);
    QCOMPARE(qGray(narrow.pixel(2, 0)), 255);
    double level = 0, window = 0;
    autoWindow(img, level, window);
    QVERIFY(std::abs(level - 0.3) < 0.01);
    QVERIFY(std::abs(window - 0.2) < 0.01);
    // A layout that does not match its size is refused, not read out of bounds.
    img.pixels.removeLast();
    QVERIFY(renderImage(img).isNull());
  }

  void tableShowsEverySampleAndLoadsThumbnailsOffTheGuiThread() {
    auto source = std::make_shared<FakeSource>();
    DatasetBrowser b;
    b.resize(1200, 700);
    b.setMediaSource(source);
    b.setDataset(makeDataset(1000));
    QCOMPARE(b.visibleSamples(), 1000);
    auto* model = b.table()->model();
    const QModelIndex img = model->index(0, SampleTableModel::kLeadingColumns);
    QVERIFY(img.data(Qt::DecorationRole).isNull());  // queued, not decoded in data()
    QVERIFY(waitFor([&] { return !img.data(Qt::DecorationRole).value<QImage>().isNull(); }));
    QCOMPARE(img.data(Qt::DecorationRole).value<QImage>().height(), b.thumbnails()->size() / 2);  // 8x4 fitted
    {
      std::lock_guard lock(source->mutex);
      QVERIFY(!source->threads.contains(QThread::currentThread()));
      QVERIFY(!source->threads.isEmpty());
    }
    // A file that cannot be decoded says why in its cell.
    const QModelIndex bad = model->index(7, SampleTableModel::kLeadingColumns);
    bad.data(Qt::DecorationRole);
    QVERIFY(waitFor([&] { return bad.data(Qt::DisplayRole).toString() == QStringLiteral("truncated PNG"); }));
    QVERIFY(bad.data(Qt::ToolTipRole).toString().contains(QStringLiteral("truncated PNG")));
    // Missing values say so.
    QCOMPARE(model->index(9, SampleTableModel::kLeadingColumns + 1).data().toString(), QStringLiteral("missing"));
    QCOMPARE(model->index(1, SampleTableModel::kLeadingColumns + 1).data().toString(), QStringLiteral("\u25B6 a1.wav"));
  }

  void filtersCombineSplitClassSearchAndProblems() {
    DatasetBrowser b;
    b.setMediaSource(std::make_shared<FakeSource>());
    b.setDataset(makeDataset(120));
    b.selectSample(8);
    b.setSplitFilter(QStringLiteral("train"));
    QCOMPARE(b.visibleSamples(), 60);
    QCOMPARE(b.currentSample(), 8);  // still shown, so still selected
    // Sorting: text as text (s97 after s117), numbers as numbers, and back to manifest order.
    b.table()->sortByColumn(SampleTableModel::IdColumn, Qt::DescendingOrder);
    QCOMPARE(b.sampleAt(0), 97);  // the train ids (i % 4 < 2) sorted as text: s97 is last
    QCOMPARE(b.currentSample(), 8);
    b.table()->sortByColumn(SampleTableModel::RowColumn, Qt::DescendingOrder);
    QCOMPARE(b.sampleAt(0), 117);  // the last train sample (117 % 4 == 1)
    b.table()->sortByColumn(-1, Qt::AscendingOrder);
    QCOMPARE(b.sampleAt(0), 0);
    b.setClassFilter(QStringLiteral("dog"));  // i % 3 == 1 and i % 4 in {0, 1}
    int expected = 0;
    for (int i = 0; i < 120; ++i) expected += (i % 3 == 1 && i % 4 < 2);
    QCOMPARE(b.visibleSamples(), expected);
    b.setSplitFilter(QString());
    b.setClassFilter(QString());
    b.setSearchText(QStringLiteral("ZEBRA"));
    QCOMPARE(b.visibleSamples(), 24);  // case-insensitive, every 5th title
    b.setSearchText(QStringLiteral("s11"));
    QCOMPARE(b.visibleSamples(), 11);  // s11, s110..s119
    b.setSearchText(QString());
    BrowserValidation v;
    v.complete = true;
    v.sampleProblems[7] << QStringLiteral("column 'image', file '/fake/bad.png': truncated PNG");
    v.sampleProblems[42] << QStringLiteral("column 'title': empty text") << QStringLiteral("column 'label': unknown class");
    b.setValidation(v);
    b.setProblemsOnly(true);
    QCOMPARE(b.visibleSamples(), 2);
    QCOMPARE(b.sampleAt(0), 7);
    QCOMPARE(b.sampleAt(1), 42);
    QVERIFY(b.statusText().contains(QStringLiteral("2 with problems")));
    auto* model = b.table()->model();
    QCOMPARE(model->index(1, model->columnCount() - 1).data().toString(), QStringLiteral("2 problems"));
    QVERIFY(model->index(1, model->columnCount() - 1).data(Qt::ToolTipRole).toString().contains(QStringLiteral("unknown class")));
  }

  void aMillionRowsAreReadOnlyWhereTheTableShowsThem() {
    auto rows = std::make_shared<GeneratedRows>(1000000);
    BrowserDataset ds;
    ds.name = QStringLiteral("generated");
    ds.columns = {{QStringLiteral("note"), BrowserColumn::Kind::Text}};
    ds.targetName = QStringLiteral("label");
    ds.classes = {QStringLiteral("cat"), QStringLiteral("dog")};
    ds.rows = rows;
    ds.classCounts = countClasses(*rows, ds.classes);
    QCOMPARE(ds.classCounts.value(QStringLiteral("val")).value(0), 100000);  // rows 0, 10, 20, ... are even
    DatasetBrowser b;
    b.resize(1000, 600);
    b.show();
    b.setDataset(ds);
    QVERIFY(QTest::qWaitForWindowExposed(&b));
    QCoreApplication::processEvents();
    QCOMPARE(b.visibleSamples(), 1000000);
    // Shown rows only (a screenful, and the first sample in the detail view), not the million.
    QVERIFY2(rows->touched().size() < 200, qPrintable(QString::number(rows->touched().size())));
    QVERIFY(!b.table()->isSortingEnabled());  // a million rows: manifest order, said in the status line
    QVERIFY(b.statusText().contains(QStringLiteral("sorting off")));
    rows->tracking = false;  // the filter reads every row's split by design
    b.setSplitFilter(QStringLiteral("val"));
    QCOMPARE(b.visibleSamples(), 100000);
    b.setSearchText(QStringLiteral("g99999"));
    QCOMPARE(b.visibleSamples(), 1);
    QCOMPARE(b.sampleAt(0), 999990);
  }

  // A first-time user's stumble: a text-only dataset showed an empty image box with level / window sliders.
  void theSamplePaneShowsOnlyTheModalitiesTheDatasetHas() {
    DatasetBrowser b;
    b.resize(1000, 600);
    b.show();
    b.setDataset(makeDataset(4));  // image, audio and text
    QVERIFY(b.detail()->showsImagePane());
    QVERIFY(b.detail()->showsAudioPane());
    BrowserDataset textOnly = makeDataset(4);
    textOnly.columns = {{QStringLiteral("title"), BrowserColumn::Kind::Text}};
    b.setDataset(textOnly);
    QVERIFY(!b.detail()->showsImagePane());
    QVERIFY(!b.detail()->showsAudioPane());
    BrowserDataset imagesAndText = makeDataset(4);
    imagesAndText.columns.removeAt(1);  // no audio column
    b.setDataset(imagesAndText);
    QVERIFY(b.detail()->showsImagePane());
    QVERIFY(!b.detail()->showsAudioPane());
  }

  void histogramCountsEachClassPerSplit() {
    DatasetBrowser b;
    b.setDataset(makeDataset(120));
    int trainCats = 0;
    for (int i = 0; i < 120; ++i) trainCats += (i % 3 == 0 && i % 4 < 2);
    QCOMPARE(b.histogram()->count(QStringLiteral("train"), 0), trainCats);
    QCOMPARE(b.histogram()->count(QStringLiteral("test"), 2), 10);
  }

  void detailViewDecodesTheSelectedSampleAndWindowsSixteenBitImages() {
    auto source = std::make_shared<FakeSource>();
    DatasetBrowser b;
    b.setMediaSource(source);
    b.setDataset(makeDataset(20, [](QList<BrowserSample>& s) { s[3].values[0] = QStringLiteral("/fake/scan-16bit.png"); }));
    b.selectSample(3);
    SampleDetailView* d = b.detail();
    QCOMPARE(d->row(), 3);
    QVERIFY(waitFor([&] { return d->loaded(); }));
    QCOMPARE(d->renderedImage().size(), QSize(8, 4));
    // 16-bit: the view windows the used range, so the gradient spans black to white.
    QVERIFY(d->window() < 0.1);
    QCOMPARE(qGray(d->renderedImage().pixel(0, 0)), 0);
    QCOMPARE(qGray(d->renderedImage().pixel(7, 0)), 255);
    d->setWindowLevel(0.5, 1.0);  // full range: the same scan is nearly black
    QVERIFY(qGray(d->renderedImage().pixel(7, 0)) < 20);
    QVERIFY(std::abs(d->waveform()->duration() - 1.0) < 1e-9);
    QCOMPARE(d->spectrogram()->image().size(), QSize(10, 4));
    QVERIFY(d->hasAudio());
    // A file with its own window (DICOM) opens with that window, not the percentile one.
    b.setDataset(makeDataset(20, [](QList<BrowserSample>& s) {
      s[3].values[0] = QStringLiteral("/fake/scan-16bit.png");
      s[6].values[0] = QStringLiteral("/fake/ct-16bit-dicom.dcm");
    }));
    b.selectSample(6);
    QVERIFY(waitFor([&] { return d->loaded() && d->row() == 6; }));
    QVERIFY(std::abs(d->level() - 0.01) < 1e-9);
    QVERIFY(std::abs(d->window() - 0.02) < 1e-9);
    QCOMPARE(qGray(d->renderedImage().pixel(0, 0)), 0);    // 0.0 is below the window
    QCOMPARE(qGray(d->renderedImage().pixel(7, 0)), 255);  // 0.05 is above it
    // A newer selection wins over a decode still in flight.
    b.selectSample(4);
    b.selectSample(5);
    QVERIFY(waitFor([&] { return d->loaded(); }));
    QCOMPARE(d->row(), 5);
    // A sample without audio says so and cannot play.
    b.selectSample(9);
    QVERIFY(waitFor([&] { return d->loaded(); }));
    QVERIFY(!d->hasAudio());
  }

  void patientDataStaysHiddenUntilSwitchedOnAndPresetsSetTheWindow() {
    auto source = std::make_shared<FakeSource>();
    DatasetBrowser b;
    b.setMediaSource(source);
    b.setDataset(makeDataset(10, [](QList<BrowserSample>& s) { s[2].values[0] = QStringLiteral("/fake/ct-attr.dcm"); }));
    b.selectSample(2);
    SampleDetailView* d = b.detail();
    QVERIFY(waitFor([&] { return d->loaded() && d->row() == 2; }));
    auto* attributes = d->findChild<QLabel*>(QStringLiteral("imageAttributes"));
    QVERIFY(attributes);
    QVERIFY(attributes->text().contains(QStringLiteral("Modality: <b>CT</b>")));
    QVERIFY(!attributes->text().contains(QStringLiteral("Doe")));  // neither the value …
    QVERIFY(!attributes->text().contains(QStringLiteral("Patient Name")));  // … nor what is hidden next to a value
    QVERIFY(attributes->text().contains(QStringLiteral("Patient data hidden")));
    PatientDataSwitch::instance().setShown(true);
    QVERIFY(attributes->text().contains(QStringLiteral("Patient Name: <b>Doe^Jane</b>")));
    QVERIFY(attributes->text().contains(QStringLiteral("PID-4711")));
    PatientDataSwitch::instance().setShown(false);
    QVERIFY(!attributes->text().contains(QStringLiteral("Doe")));
    // The presets menu: the file's window first, then each preset, which sets level and window.
    auto* presets = d->findChild<QComboBox*>(QStringLiteral("windowPresets"));
    QVERIFY(presets && !presets->isHidden());
    QCOMPARE(presets->count(), 3);
    QCOMPARE(presets->itemText(2), QStringLiteral("Bone (L 400, W 1800)"));
    presets->setCurrentIndex(1);
    Q_EMIT presets->activated(1);
    QVERIFY(std::abs(d->level() - 424.0 / 4096) < 1e-9);
    QVERIFY(std::abs(d->window() - 1500.0 / 4096) < 1e-9);
    // Another sample without attributes shows none.
    b.selectSample(3);
    QVERIFY(waitFor([&] { return d->loaded() && d->row() == 3; }));
    QVERIFY(attributes->isHidden());
  }

  void aNewDatasetDropsThumbnailsOfTheOldOne() {
    auto source = std::make_shared<FakeSource>();
    ThumbnailLoader loader(32);
    loader.setSource(source);
    for (int i = 0; i < 300; ++i) loader.thumbnail(QStringLiteral("/fake/x%1.png").arg(i));
    QVERIFY(loader.queued() <= 256 + QThread::idealThreadCount());  // the queue is bounded
    loader.clear();
    QSignalSpy spy(&loader, &ThumbnailLoader::thumbnailReady);
    loader.waitForIdle();
    QCoreApplication::processEvents();
    QCOMPARE(spy.count(), 0);  // late results of the old dataset are dropped
    QVERIFY(loader.thumbnail(QStringLiteral("/fake/new.png")).isNull());
    QVERIFY(waitFor([&] { return !loader.thumbnail(QStringLiteral("/fake/new.png")).isNull(); }));
  }
};

QTEST_MAIN(TestDatasetBrowser)
#include "test_dataset_browser.moc"
