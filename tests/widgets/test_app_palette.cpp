// The light and dark palettes: bundled, complete, readable (text stands out from its background in both),
// and followed by what is painted in code (the node canvas' background, the plots).
#include <QApplication>
#include <QTest>
#include <cmath>
#include <qcustomplot.h>

#include "editor/graph_scene.h"
#include "style/app_palette.h"
#include "training/plot_style.h"

using namespace fusebench::widgets;

namespace {

// WCAG's contrast ratio of two colours (1 to 21); 4.5 is the floor for body text.
double contrast(const QColor& a, const QColor& b) {
  auto luminance = [](const QColor& c) {
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
  };
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace

class TestAppPalette : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void bothPalettesAreBundledAndReadable() {
    for (const QString& name : {QStringLiteral("light"), QStringLiteral("dark")}) {
      QPalette p;
      QString error;
      QVERIFY2(loadPalette(name, p, &error), qPrintable(error));
      QCOMPARE(isDark(p), name == QLatin1String("dark"));
      QVERIFY2(contrast(p.color(QPalette::Text), p.color(QPalette::Base)) >= 7, qPrintable(name));
      QVERIFY2(contrast(p.color(QPalette::WindowText), p.color(QPalette::Window)) >= 7, qPrintable(name));
      QVERIFY2(contrast(p.color(QPalette::ButtonText), p.color(QPalette::Button)) >= 7, qPrintable(name));
      QVERIFY2(contrast(p.color(QPalette::HighlightedText), p.color(QPalette::Highlight)) >= 3, qPrintable(name));
      QVERIFY2(contrast(p.color(QPalette::Disabled, QPalette::Text), p.color(QPalette::Base)) < 
                   contrast(p.color(QPalette::Text), p.color(QPalette::Base)),
               qPrintable(name));  // disabled text reads as disabled
    }
    QPalette none;
    QString error;
    QVERIFY(!loadPalette(QStringLiteral("sepia"), none, &error));
    QVERIFY2(error.contains(QStringLiteral("sepia")), qPrintable(error));
  }

  void whatIsPaintedInCodeFollowsTheTheme() {
    QCOMPARE(applyTheme(QStringLiteral("dark")), QStringLiteral("dark"));
    QVERIFY(isDark(QApplication::palette()));
    GraphScene dark;
    QVERIFY(dark.backgroundBrush().color().lightness() < 128);
    QCustomPlot plot;
    stylePlot(&plot);
    plot.resize(200, 150);
    QCOMPARE(plot.toPixmap(200, 150).toImage().pixelColor(2, 2).rgb(), QApplication::palette().color(QPalette::Base).rgb());
    QCOMPARE(plot.xAxis->tickLabelColor(), QApplication::palette().color(QPalette::Text));
    QCOMPARE(applyTheme(QStringLiteral("light")), QStringLiteral("light"));
    GraphScene light;
    QVERIFY(light.backgroundBrush().color().lightness() > 200);
  }
};

QTEST_MAIN(TestAppPalette)
#include "test_app_palette.moc"
