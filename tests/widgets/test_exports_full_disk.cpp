// The desktop's exports (case report PDF, curves CSV and PNG) where they cannot be written: the message names
// the file and the system's reason, the file written before stays as it was, no temporary is left.
// On a real full file system when FUSEBENCH_FULL_DISK_DIR names a folder on one (tests/reliability/full_disk.sh
// mounts a small tmpfs, writes the previous files and fills it); otherwise into a folder that does not exist.
#include <QDir>
#include <QFile>
#include <QTest>

#include "explain/case_report.h"
#include "training/training_monitor.h"

using namespace fusebench::widgets;

namespace {

QByteArray contents(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

ExplanationData smallExplanation() {
  ExplanationData e;
  e.ok = true;
  e.model = QStringLiteral("model");
  e.sample = QStringLiteral("s00001");
  e.task = QStringLiteral("classification");
  e.classes = {QStringLiteral("cat"), QStringLiteral("dog")};
  e.scores = {0.3f, 0.7f};
  e.predicted = e.target = 1;
  ImageExplanationData image;
  image.field = image.column = QStringLiteral("image");
  image.present = true;
  image.image = QImage(28, 28, QImage::Format_Grayscale8);
  image.image.fill(128);
  HeatMap map;
  map.rows = map.cols = 28;
  map.values = QVector<float>(28 * 28, 0.5f);
  image.maps.insert(QStringLiteral("integrated_gradients"), map);
  e.images.push_back(image);
  e.when = QDateTime::currentDateTime();
  return e;
}

void fillMonitor(TrainingMonitor& m) {
  m.beginRun(QStringLiteral("r"), 20, 10);
  QList<StepPoint> steps;
  for (int i = 1; i <= 20; ++i) {
    StepPoint s;
    s.step = i;
    s.epoch = (i - 1) / 10 + 1;
    s.loss = 2.0 / i;
    steps.push_back(s);
  }
  m.addSteps(steps);
  QTest::qWait(60);  // the monitor draws the points it was given on its timer
}

}  // namespace

class TestExportsFullDisk : public QObject {
  Q_OBJECT
 private:
  // The folder to write into and whether it is on a full file system.
  static QString target(bool* full) {
    const QString dir = qEnvironmentVariable("FUSEBENCH_FULL_DISK_DIR");
    *full = !dir.isEmpty();
    return *full ? dir : QDir::temp().filePath(QStringLiteral("fusebench_no_such_folder/sub"));
  }

  static void checkRefused(bool ok, const QString& error, const QString& path, const QByteArray& before, bool full) {
    QVERIFY2(!ok, qPrintable(path));
    QVERIFY2(error.contains(QStringLiteral("'%1'").arg(path)), qPrintable(error));
    if (full) {
      QVERIFY2(error.contains(QStringLiteral("No space left on device")), qPrintable(error));
      QCOMPARE(contents(path), before);  // the previous export, untouched
    }
  }

  static void checkNoTemporaries(const QString& dir) {
    for (const QString& name : QDir(dir).entryList(QDir::Files))
      QVERIFY2(name == QStringLiteral("report.pdf") || name == QStringLiteral("curves.csv") ||
                   name == QStringLiteral("curves.png") || name == QStringLiteral("filler"),
               qPrintable(name));
  }

 private Q_SLOTS:
  void theCaseReportIsRefusedWithItsReason() {
    bool full = false;
    const QString dir = target(&full);
    const QString path = QDir(dir).filePath(QStringLiteral("report.pdf"));
    const QByteArray before = contents(path);
    const auto r = writeCaseReport(smallExplanation(), OverlayStyle{QStringLiteral("integrated_gradients")}, path);
    checkRefused(r.ok, r.error, path, before, full);
    if (full) checkNoTemporaries(dir);
  }

  void theCurvesAreRefusedWithTheirReason() {
    bool full = false;
    const QString dir = target(&full);
    TrainingMonitor monitor;
    monitor.resize(800, 500);
    fillMonitor(monitor);
    QString error;
    const QString csv = QDir(dir).filePath(QStringLiteral("curves.csv"));
    const QByteArray csvBefore = contents(csv);
    checkRefused(monitor.exportCsv(csv, &error), error, csv, csvBefore, full);
    const QString png = QDir(dir).filePath(QStringLiteral("curves.png"));
    const QByteArray pngBefore = contents(png);
    checkRefused(monitor.exportPng(png, &error), error, png, pngBefore, full);
    if (full) checkNoTemporaries(dir);
  }

  // Where there is room the PNG (encoded in memory, then written) is the monitor as drawn.
  void theCurvesPngIsTheMonitorAsDrawn() {
    if (!qEnvironmentVariableIsEmpty("FUSEBENCH_FULL_DISK_DIR")) QSKIP("a full disk has no room for it");
    TrainingMonitor monitor;
    monitor.resize(800, 500);
    monitor.show();
    fillMonitor(monitor);
    const QString png = QDir::temp().filePath(QStringLiteral("fusebench_exports_curves.png"));
    QString error;
    QVERIFY2(monitor.exportPng(png, &error), qPrintable(error));
    const QImage image(png);
    QCOMPARE(image.size(), monitor.size() * monitor.devicePixelRatio());
    QVERIFY(image.pixelColor(10, 10) != image.pixelColor(image.width() / 2, image.height() / 3) ||
            image.pixelColor(image.width() / 3, image.height() / 4) != image.pixelColor(10, 10));
  }
};

QTEST_MAIN(TestExportsFullDisk)
#include "test_exports_full_disk.moc"
