#include "explain/explain_painting.h"

#include <QFontMetrics>
#include <QtMath>
#include <algorithm>
#include <cmath>

namespace fusebench::widgets {

QStringList explanationMethods() {
  return {QStringLiteral("integrated_gradients"), QStringLiteral("gradcam"), QStringLiteral("occlusion"),
          QStringLiteral("smoothgrad"), QStringLiteral("saliency")};
}

QString methodTitle(const QString& m) {
  if (m == QLatin1String("integrated_gradients")) return ExplainPainting::tr("Integrated Gradients");
  if (m == QLatin1String("gradcam")) return QStringLiteral("Grad-CAM");
  if (m == QLatin1String("occlusion")) return ExplainPainting::tr("Occlusion");
  if (m == QLatin1String("smoothgrad")) return QStringLiteral("SmoothGrad");
  if (m == QLatin1String("saliency")) return ExplainPainting::tr("Saliency (gradient)");
  return m;
}

QString modalityKindName(const QString& kind) {
  if (kind == QLatin1String("image")) return ExplainPainting::tr("image");
  if (kind == QLatin1String("text")) return ExplainPainting::tr("text");
  if (kind == QLatin1String("audio")) return ExplainPainting::tr("audio");
  if (kind == QLatin1String("tabular")) return ExplainPainting::tr("values");
  return kind;
}

bool methodIsSigned(const QString& m) {
  return m == QLatin1String("integrated_gradients") || m == QLatin1String("occlusion");
}

QStringList colorMapNames() {
  return {QStringLiteral("Inferno"), QStringLiteral("Jet"), QStringLiteral("Viridis"), QStringLiteral("Gray")};
}

ColorMap colorMapFromName(const QString& n) {
  if (n == QLatin1String("Jet")) return ColorMap::Jet;
  if (n == QLatin1String("Viridis")) return ColorMap::Viridis;
  if (n == QLatin1String("Gray")) return ColorMap::Gray;
  return ColorMap::Inferno;
}

namespace {

QColor lerpStops(const std::initializer_list<QColor>& stops, double t) {
  const std::vector<QColor> s(stops);
  t = std::clamp(t, 0.0, 1.0) * static_cast<double>(s.size() - 1);
  const auto i = std::min(static_cast<std::size_t>(t), s.size() - 2);
  const double f = t - static_cast<double>(i);
  const QColor& a = s[i];
  const QColor& b = s[i + 1];
  return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * f),
                          static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * f),
                          static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * f));
}

float peakOf(const QVector<float>& v) {
  float peak = 0;
  for (float x : v)
    if (std::isfinite(x)) peak = std::max(peak, std::abs(x));
  return peak;
}

}  // namespace

QColor mapColor(ColorMap map, double t) {
  switch (map) {
    case ColorMap::Jet:
      return lerpStops({QColor(0, 0, 143), QColor(0, 0, 255), QColor(0, 255, 255), QColor(255, 255, 0), QColor(255, 0, 0),
                        QColor(128, 0, 0)}, t);
    case ColorMap::Viridis:
      return lerpStops({QColor(68, 1, 84), QColor(59, 82, 139), QColor(33, 145, 140), QColor(94, 201, 98), QColor(253, 231, 37)}, t);
    case ColorMap::Gray:
      return lerpStops({QColor(0, 0, 0), QColor(255, 255, 255)}, t);
    case ColorMap::Inferno:
    default:
      return lerpStops({QColor(0, 0, 4), QColor(87, 16, 110), QColor(188, 55, 84), QColor(249, 142, 9), QColor(252, 255, 164)}, t);
  }
}

QColor divergingColor(double v) {
  v = std::clamp(v, -1.0, 1.0);
  return v >= 0 ? lerpStops({QColor(255, 255, 255), QColor(244, 165, 130), QColor(202, 0, 32)}, v)
                : lerpStops({QColor(255, 255, 255), QColor(146, 197, 222), QColor(5, 113, 176)}, -v);
}

float mapPeak(const HeatMap& m) { return peakOf(m.values); }

QImage heatImage(const HeatMap& m, const OverlayStyle& style) {
  QImage img(m.cols, m.rows, QImage::Format_ARGB32);
  const float peak = std::max(peakOf(m.values), 1e-12f);
  const bool signedMap = methodIsSigned(style.method);
  for (int r = 0; r < m.rows; ++r) {
    auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
    for (int c = 0; c < m.cols; ++c) {
      const float v = std::isfinite(m.at(r, c)) ? m.at(r, c) / peak : 0.0f;
      QColor col = signedMap ? divergingColor(v) : mapColor(style.map, std::max(0.0f, v));
      // Transparent where nothing is attributed, so the picture shows through.
      // Signed maps are sparse: the square root keeps weak evidence visible. Unsigned maps (Grad-CAM) cover
      // everything a little: linear, so only what stands out tints the picture.
      const double strength = signedMap ? std::sqrt(std::abs(v)) : std::max(0.0f, v);
      col.setAlphaF(static_cast<float>(std::clamp(style.opacity * strength, 0.0, 1.0)));
      line[c] = col.rgba();
    }
  }
  return img;
}

QRect paintImageOverlay(QPainter& p, const QRect& r, const QImage& image, const HeatMap* map, const OverlayStyle& style) {
  if (image.isNull()) return {};
  QSize s = image.size().scaled(r.size(), Qt::KeepAspectRatio);
  QRect target(QPoint(r.x() + (r.width() - s.width()) / 2, r.y() + (r.height() - s.height()) / 2), s);
  p.save();
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);  // model pixels stay visible as pixels
  p.drawImage(target, image);
  if (map && !map->isEmpty()) {
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    p.drawImage(target, heatImage(*map, style));
  }
  p.setPen(QPen(QColor(0, 0, 0, 60)));
  p.drawRect(target.adjusted(0, 0, -1, -1));
  p.restore();
  return target;
}

void paintLegend(QPainter& p, const QRect& r, const OverlayStyle& style, float peak) {
  p.save();
  const bool signedMap = methodIsSigned(style.method);
  const QRect bar(r.x(), r.y(), r.width(), std::min(10, r.height() / 2));
  for (int x = 0; x < bar.width(); ++x) {
    const double t = static_cast<double>(x) / std::max(1, bar.width() - 1);
    p.setPen(signedMap ? divergingColor(2 * t - 1) : mapColor(style.map, t));
    p.drawLine(bar.x() + x, bar.top(), bar.x() + x, bar.bottom());
  }
  p.setPen(QColor(0, 0, 0, 90));
  p.setBrush(Qt::NoBrush);
  p.drawRect(bar.adjusted(0, 0, -1, -1));
  p.setPen(Qt::black);
  QFont f = p.font();
  f.setPointSizeF(f.pointSizeF() * 0.85);
  p.setFont(f);
  const QRect text(r.x(), bar.bottom() + 2, r.width(), r.height() - bar.height() - 2);
  const QString amount = QString::number(static_cast<double>(peak), 'g', 2);
  if (signedMap) {
    p.drawText(text, Qt::AlignLeft | Qt::AlignTop, ExplainPainting::tr("against (−%1)").arg(amount));
    p.drawText(text, Qt::AlignHCenter | Qt::AlignTop, QStringLiteral("0"));
    p.drawText(text, Qt::AlignRight | Qt::AlignTop, ExplainPainting::tr("for (+%1)").arg(amount));
  } else {
    p.drawText(text, Qt::AlignLeft | Qt::AlignTop, QStringLiteral("0"));
    p.drawText(text, Qt::AlignRight | Qt::AlignTop, ExplainPainting::tr("%1 (strongest)").arg(amount));
  }
  p.restore();
}

QVector<QRect> paintTokens(QPainter& p, const QRect& r, const QStringList& tokens, const QVector<bool>& known,
                           const QVector<float>& scores, bool signedScores, int* height, const QVector<bool>& joined) {
  QVector<QRect> boxes;
  p.save();
  const float peak = std::max(peakOf(scores), 1e-12f);
  QFont normal = p.font(), italic = p.font();
  italic.setItalic(true);
  const QFontMetrics fm(normal), fmi(italic);
  const int h = fm.height() + 8, gap = 4;
  int x = r.x(), y = r.y();
  for (int i = 0; i < tokens.size(); ++i) {
    const bool isKnown = i < known.size() ? known[i] : true;
    if (i > 0 && i < joined.size() && joined[i]) x -= gap - 1;  // written without a space: chips touch
    const int w = (isKnown ? fm : fmi).horizontalAdvance(tokens[i]) + 12;
    if (x + w > r.right() && x > r.x()) x = r.x(), y += h + gap;
    const QRect box(x, y, w, h);
    const double v = i < scores.size() ? scores[i] / peak : 0.0;
    p.setPen(QPen(QColor(0, 0, 0, 70)));
    p.setBrush(signedScores ? divergingColor(v) : mapColor(ColorMap::Inferno, 0.35 + 0.65 * std::max(0.0, v)).lighter(100 + static_cast<int>(80 * (1 - std::max(0.0, v)))));
    p.drawRoundedRect(box, 4, 4);
    p.setPen(Qt::black);
    p.setFont(isKnown ? normal : italic);
    p.drawText(box, Qt::AlignCenter, tokens[i]);
    boxes.push_back(box);
    x += w + gap;
  }
  p.restore();
  if (height) *height = tokens.isEmpty() ? 0 : y + h - r.y();
  return boxes;
}

void paintSpectrogram(QPainter& p, const QRect& r, const AudioExplanationData& a, const OverlayStyle& style, double cursor) {
  p.save();
  const int curveH = std::max(30, r.height() / 4);
  const QRect spec(r.x(), r.y(), r.width(), r.height() - curveH - 4);
  const QRect curve(r.x(), spec.bottom() + 4, r.width(), curveH);
  if (!a.input.isEmpty()) {
    float lo = a.input.values[0], hi = lo;
    for (float v : a.input.values) lo = std::min(lo, v), hi = std::max(hi, v);
    QImage img(a.input.cols, a.input.rows, QImage::Format_RGB32);
    for (int m = 0; m < a.input.rows; ++m)
      for (int t = 0; t < a.input.cols; ++t)
        img.setPixel(t, a.input.rows - 1 - m, mapColor(ColorMap::Gray, (a.input.at(m, t) - lo) / std::max(1e-6f, hi - lo)).rgb());
    p.drawImage(spec, img);
    auto it = a.maps.find(style.method);
    if (it != a.maps.end() && !it->isEmpty()) p.drawImage(spec, heatImage(*it, style).mirrored(false, true));
  }
  p.setPen(QColor(0, 0, 0, 80));
  p.setBrush(Qt::NoBrush);
  p.drawRect(spec.adjusted(0, 0, -1, -1));
  // Per-frame curve: how much each moment mattered.
  p.fillRect(curve, QColor(248, 248, 248));
  auto ot = a.overTime.find(style.method);
  if (ot != a.overTime.end() && !ot->isEmpty()) {
    const auto& v = *ot;
    const float peak = std::max(peakOf(v), 1e-12f);
    const bool signedCurve = methodIsSigned(style.method);
    const double zeroY = signedCurve ? curve.center().y() : curve.bottom();
    const double scale = signedCurve ? curve.height() / 2.0 - 2 : curve.height() - 2;
    for (int i = 0; i < v.size(); ++i) {
      const double x0 = curve.x() + curve.width() * static_cast<double>(i) / v.size();
      const double x1 = curve.x() + curve.width() * static_cast<double>(i + 1) / v.size();
      const double val = v[i] / peak;
      const double top = zeroY - val * scale;
      p.fillRect(QRectF(x0, std::min(top, zeroY), std::max(1.0, x1 - x0), std::abs(top - zeroY)),
                 signedCurve ? divergingColor(val) : mapColor(style.map, std::max(0.0, val)));
    }
    p.setPen(QColor(0, 0, 0, 60));
    p.drawLine(QPointF(curve.x(), zeroY), QPointF(curve.right(), zeroY));
  }
  p.setPen(QColor(0, 0, 0, 80));
  p.drawRect(curve.adjusted(0, 0, -1, -1));
  // Time ticks every 0.25 s (or 1 s for long clips).
  const double step = a.seconds > 4 ? 1.0 : 0.25;
  QFont f = p.font();
  f.setPointSizeF(f.pointSizeF() * 0.8);
  p.setFont(f);
  for (double t = 0; a.seconds > 0 && t <= a.seconds + 1e-9; t += step) {
    const int x = r.x() + static_cast<int>(r.width() * t / a.seconds);
    p.setPen(QColor(0, 0, 0, 120));
    p.drawLine(x, curve.bottom() - 3, x, curve.bottom());
    p.drawText(QRect(x + 2, curve.bottom() - 14, 50, 12), Qt::AlignLeft, QStringLiteral("%1 s").arg(t, 0, 'f', 2));
  }
  if (cursor >= 0 && a.seconds > 0) {
    const int x = r.x() + static_cast<int>(r.width() * std::min(1.0, cursor / a.seconds));
    p.setPen(QPen(QColor(0, 160, 255), 2));
    p.drawLine(x, r.top(), x, r.bottom());
  }
  p.restore();
}

int signedBarsHeight(int count) { return count * 22 + 6; }

void paintSignedBars(QPainter& p, const QRect& r, const QStringList& labels, const QVector<double>& values,
                     const QStringList& annotations) {
  p.save();
  const QFontMetrics fm(p.font());
  int labelW = 0;
  for (const auto& l : labels) labelW = std::max(labelW, fm.horizontalAdvance(l));
  labelW = std::min(labelW + 8, r.width() / 3);
  int noteW = 0;
  for (const auto& a : annotations) noteW = std::max(noteW, fm.horizontalAdvance(a));
  noteW = annotations.isEmpty() ? 0 : std::min(noteW + 8, r.width() / 3);
  double peak = 1e-12;
  for (double v : values)
    if (std::isfinite(v)) peak = std::max(peak, std::abs(v));
  const QRect plot(r.x() + labelW, r.y(), r.width() - labelW - noteW - 56, r.height());
  const double zero = plot.x() + plot.width() / 2.0;
  for (int i = 0; i < labels.size(); ++i) {
    const int y = r.y() + 3 + i * 22;
    p.setPen(Qt::black);
    p.drawText(QRect(r.x(), y, labelW - 6, 18), Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(labels[i], Qt::ElideMiddle, labelW - 6));
    const double v = i < values.size() ? values[i] : 0.0;
    if (!std::isfinite(v)) {  // e.g. a categorical feature under a gradient method
      p.setPen(QColor(120, 120, 120));
      p.drawText(QRectF(zero + 4, y, plot.width() / 2.0, 18), Qt::AlignLeft | Qt::AlignVCenter, ExplainPainting::tr("n/a (see Occlusion)"));
      continue;
    }
    const double w = v / peak * (plot.width() / 2.0 - 4);
    const QRectF bar(v >= 0 ? zero : zero + w, y + 2, std::max(1.0, std::abs(w)), 14);
    p.fillRect(bar, v >= 0 ? QColor(202, 0, 32) : QColor(5, 113, 176));
    const QString text = QString::number(v, 'f', 3);
    p.drawText(QRectF(v >= 0 ? bar.right() + 4 : bar.left() - 54, y, 50, 18), (v >= 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter, text);
    if (i < annotations.size()) {
      p.setPen(QColor(90, 90, 90));
      p.drawText(QRect(r.right() - noteW + 4, y, noteW - 4, 18), Qt::AlignLeft | Qt::AlignVCenter, annotations[i]);
    }
  }
  p.setPen(QColor(0, 0, 0, 100));
  p.drawLine(QPointF(zero, r.y()), QPointF(zero, r.y() + signedBarsHeight(static_cast<int>(labels.size())) - 4));
  p.restore();
}

void paintProbabilities(QPainter& p, const QRect& r, const ExplanationData& e, int top) {
  p.save();
  if (e.task == QLatin1String("regression")) {  // values, not probabilities: no bars to compare
    for (int i = 0; i < std::min<int>(top, static_cast<int>(e.scores.size())); ++i) {
      QFont f = p.font();
      f.setBold(i == e.target);
      p.setFont(f);
      p.drawText(QRect(r.x(), r.y() + i * 20, r.width(), 18), Qt::AlignLeft | Qt::AlignVCenter,
                 ExplainPainting::tr("output %1: %2").arg(i).arg(static_cast<double>(e.scores[i]), 0, 'g', 4));
    }
    p.restore();
    return;
  }
  QVector<int> order(e.scores.size());
  for (int i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](int a, int b) { return e.scores[a] > e.scores[b]; });
  QFont bold = p.font();
  bold.setBold(true);
  const QFontMetrics fm(bold);
  int labelW = 0;
  for (const auto& c : e.classes) labelW = std::max(labelW, fm.horizontalAdvance(c + ExplainPainting::tr("  (true)")));
  labelW = std::min(labelW + 10, r.width() / 2);
  const int n = std::min<int>(top, static_cast<int>(order.size()));
  for (int k = 0; k < n; ++k) {
    const int i = order[k];
    const int y = r.y() + k * 20;
    QFont f = p.font();
    f.setBold(i == e.predicted);
    p.setFont(f);
    p.setPen(Qt::black);
    QString name = e.className(i) + (i == e.label ? ExplainPainting::tr("  (true)") : QString());
    p.drawText(QRect(r.x(), y, labelW - 6, 18), Qt::AlignRight | Qt::AlignVCenter, name);
    const int w = static_cast<int>((r.width() - labelW - 50) * std::clamp<double>(e.scores[i], 0, 1));
    p.fillRect(QRect(r.x() + labelW, y + 3, std::max(1, w), 13), i == e.target ? QColor(202, 0, 32) : QColor(150, 150, 150));
    p.drawText(QRect(r.x() + labelW + w + 4, y, 48, 18), Qt::AlignLeft | Qt::AlignVCenter, QString::number(e.scores[i], 'f', 3));
  }
  p.restore();
}

void paintAttention(QPainter& p, const QRect& r, const AttentionData& a) {
  if (a.weights.isEmpty()) return;
  p.save();
  QFont f = p.font();
  f.setPointSizeF(f.pointSizeF() * 0.8);
  p.setFont(f);
  const QFontMetrics fm(f);
  int qW = 0;
  for (const auto& q : a.queries) qW = std::max(qW, fm.horizontalAdvance(q));
  qW = std::min(qW + 6, r.width() / 4);
  const int keyLabelH = 70;
  const QRect grid(r.x() + qW, r.y() + keyLabelH, r.width() - qW, r.height() - keyLabelH);
  const double cw = static_cast<double>(grid.width()) / a.weights.cols;
  const double ch = std::min(18.0, static_cast<double>(grid.height()) / a.weights.rows);
  float peak = 1e-12f;
  for (float v : a.weights.values) peak = std::max(peak, v);
  for (int q = 0; q < a.weights.rows; ++q)
    for (int k = 0; k < a.weights.cols; ++k)
      p.fillRect(QRectF(grid.x() + k * cw, grid.y() + q * ch, cw + 0.5, ch + 0.5), mapColor(ColorMap::Viridis, a.weights.at(q, k) / peak));
  // Legend in the corner above the query labels: the colour ramp from 0 to the largest weight.
  if (qW >= 40) {
    const QRect ramp(r.x(), r.y() + keyLabelH - 26, qW - 8, 8);
    for (int x = 0; x < ramp.width(); ++x) {
      p.setPen(mapColor(ColorMap::Viridis, static_cast<double>(x) / std::max(1, ramp.width() - 1)));
      p.drawLine(ramp.x() + x, ramp.top(), ramp.x() + x, ramp.bottom());
    }
    p.setPen(Qt::black);
    p.drawText(QRect(r.x(), ramp.bottom() + 1, qW - 8, 14), Qt::AlignLeft, QStringLiteral("0"));
    p.drawText(QRect(r.x(), ramp.bottom() + 1, qW - 8, 14), Qt::AlignRight, QString::number(static_cast<double>(peak), 'f', 2));
    p.drawText(QRect(r.x(), ramp.top() - 14, qW - 8, 14), Qt::AlignLeft, ExplainPainting::tr("weight"));
  }
  p.setPen(Qt::black);
  for (int q = 0; q < a.weights.rows && q < a.queries.size(); ++q)
    p.drawText(QRectF(r.x(), grid.y() + q * ch, qW - 4, ch), Qt::AlignRight | Qt::AlignVCenter, a.queries[q]);
  // Key labels rotated; only as many as fit.
  const int every = std::max(1, static_cast<int>(std::ceil(fm.height() / std::max(1.0, cw))));
  for (int k = 0; k < a.weights.cols && k < a.keys.size(); k += every) {
    p.save();
    p.translate(grid.x() + (k + 0.5) * cw + fm.height() / 3.0, grid.y() - 3);
    p.rotate(-60);
    p.drawText(0, 0, fm.elidedText(a.keys[k], Qt::ElideRight, keyLabelH + 10));
    p.restore();
  }
  p.restore();
}

int similarCasesHeight(int count) { return count * 46 + 4; }

void paintSimilarCases(QPainter& p, const QRect& r, const QVector<SimilarCaseData>& cases) {
  p.save();
  QFont base = p.font();
  for (int i = 0; i < cases.size(); ++i) {
    const auto& c = cases[i];
    const QRect row(r.x(), r.y() + i * 46, r.width(), 44);
    const QRect thumb(row.x(), row.y() + 2, 40, 40);
    if (!c.thumbnail.isNull()) {
      const QImage scaled = c.thumbnail.scaled(thumb.size(), Qt::KeepAspectRatio, Qt::SmoothTransformation);
      p.drawImage(QPoint(thumb.x() + (40 - scaled.width()) / 2, thumb.y() + (40 - scaled.height()) / 2), scaled);
    } else {
      p.fillRect(thumb, QColor(235, 235, 235));
    }
    QFont bold = base;
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(Qt::black);
    const QRect textArea(thumb.right() + 8, row.y(), row.width() - 48, 20);
    p.drawText(textArea, Qt::AlignLeft | Qt::AlignVCenter,
               c.label.isEmpty() ? c.id : QStringLiteral("%1 · %2").arg(c.label, c.id));
    p.setFont(base);
    p.drawText(textArea, Qt::AlignRight | Qt::AlignVCenter, ExplainPainting::tr("similarity %1").arg(c.similarity, 0, 'f', 2));
    if (!c.text.isEmpty()) {
      p.setPen(QColor(90, 90, 90));
      const QRect snippet(textArea.x(), row.y() + 20, textArea.width(), 22);
      p.drawText(snippet, Qt::AlignLeft | Qt::AlignTop, p.fontMetrics().elidedText(c.text, Qt::ElideRight, snippet.width()));
    }
  }
  p.restore();
}

}  // namespace fusebench::widgets
