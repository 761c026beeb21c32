// fusebench_render_icon SVG OUT_DIR NAME SIZE...: renders the application's SVG icon at the PNG sizes
// desktops look for (OUT_DIR/<N>x<N>/apps/NAME.png, the hicolor layout), at build time. It reads the SVG
// with Qt's SVG image plugin (Debian's libqt6svg6), the one the app draws its window icon with.
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <cstdio>

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");  // a build machine has no display
  QGuiApplication app(argc, argv);
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s SVG OUT_DIR NAME SIZE...\n", argv[0]);
    return 2;
  }
  const QString svg = QString::fromLocal8Bit(argv[1]), out = QString::fromLocal8Bit(argv[2]), name = QString::fromLocal8Bit(argv[3]);
  for (int i = 4; i < argc; ++i) {
    const int size = QString::fromLatin1(argv[i]).toInt();
    QImageReader reader(svg);
    reader.setScaledSize(QSize(size, size));
    const QImage image = reader.read();
    if (image.isNull()) {
      std::fprintf(stderr, "%s: cannot render at %d px: %s (Qt's SVG image plugin comes with libqt6svg6)\n", argv[1], size,
                   qPrintable(reader.errorString()));
      return 1;
    }
    const QString dir = QStringLiteral("%1/%2x%2/apps").arg(out).arg(size);
    const QString file = QStringLiteral("%1/%2.png").arg(dir, name);
    if (!QDir().mkpath(dir) || !image.save(file)) {
      std::fprintf(stderr, "cannot write %s\n", qPrintable(file));
      return 1;
    }
  }
  return 0;
}
