#include "dataset/media_views.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace fusebench::widgets {

namespace {
void drawPlaceholder(QPainter& p, const QRect& r, const QString& text, const QPalette& pal) {
  p.setPen(pal.color(QPalette::Disabled, QPalette::Text));
  p.drawText(r.adjusted(6, 6, -6, -6), Qt::AlignCenter | Qt::TextWordWrap, text);
}

// A perceptually ordered dark-to-bright map (black, purple, orange, pale yellow), as spectrograms use.
QRgb heat(double t) {
  static const double stops[][3] = {{0, 0, 4}, {80, 18, 123}, {183, 55, 121}, {252, 137, 97}, {252, 253, 191}};
  t = std::clamp(t, 0.0, 1.0) * 4.0;
  const int i = std::min(3, static_cast<int>(t));
  const double f = t - i;
  auto mix = [&](int k) { return static_cast<int>(stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f); };
  return qRgb(mix(0), mix(1), mix(2));
}
}  // namespace

ImageCanvas::ImageCanvas(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setMinimumSize(120, 120);
}

void ImageCanvas::setImage(const QImage& image, const QString& placeholder) {
  image_ = image;
  placeholder_ = placeholder;
  update();
}

void ImageCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(0x20, 0x20, 0x20));
  if (image_.isNull()) {
    drawPlaceholder(p, rect(), placeholder_, palette());
    return;
  }
  const QSize fitted = image_.size().scaled(size(), Qt::KeepAspectRatio);
  const QRect target(QPoint((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted);
  // Enlarged small images stay crisp: each pixel is a visible square, as a radiologist expects.
  p.setRenderHint(QPainter::SmoothPixmapTransform, fitted.width() < image_.width());
  p.drawImage(target, image_);
}

WaveformView::WaveformView(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
  setMinimumHeight(60);
  setCursor(Qt::PointingHandCursor);
}

void WaveformView::setAudio(const DecodedAudio& audio, const QString& placeholder) {
  audio_ = audio;
  envelope_.clear();
  placeholder_ = placeholder;
  cursor_ = -1;
  update();
}

double WaveformView::duration() const {
  return audio_.sampleRate > 0 ? static_cast<double>(audio_.samples.size()) / audio_.sampleRate : 0.0;
}

void WaveformView::setCursorSeconds(double seconds) {
  cursor_ = seconds;
  update();
}

void WaveformView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().color(QPalette::Base));
  if (audio_.samples.isEmpty()) {
    drawPlaceholder(p, rect(), placeholder_, palette());
    return;
  }
  const int w = std::max(1, width()), mid = height() / 2;
  const qsizetype n = audio_.samples.size();
  // Min/max envelope per pixel column: every peak stays visible however long the clip. Computed once per
  // width, not on each of the ~30 repaints a second the playback cursor causes.
  if (envelope_.size() != w) {
    envelope_.resize(w);
    for (int x = 0; x < w; ++x) {
      const qsizetype a = n * x / w, b = std::max(a + 1, n * (x + 1) / w);
      float lo = 0, hi = 0;
      for (qsizetype i = a; i < b && i < n; ++i) {
        lo = std::min(lo, audio_.samples[i]);
        hi = std::max(hi, audio_.samples[i]);
      }
      envelope_[x] = {lo, hi};
    }
  }
  p.setPen(QColor(0x3B, 0x7D, 0xD8));
  for (int x = 0; x < w; ++x)
    p.drawLine(x, mid - static_cast<int>(envelope_[x].second * (mid - 2)), x, mid - static_cast<int>(envelope_[x].first * (mid - 2)));
  p.setPen(palette().color(QPalette::Mid));
  p.drawLine(0, mid, w, mid);
  p.setPen(palette().color(QPalette::Text));
  p.drawText(rect().adjusted(4, 2, -4, -2), Qt::AlignRight | Qt::AlignTop,
             tr("%1 s · %2 Hz").arg(duration(), 0, 'f', 2).arg(audio_.sampleRate));
  if (cursor_ >= 0 && duration() > 0) {
    const int x = static_cast<int>(cursor_ / duration() * w);
    p.setPen(QPen(QColor(0xC6, 0x28, 0x28), 2));
    p.drawLine(x, 0, x, height());
  }
}

void WaveformView::mousePressEvent(QMouseEvent* event) {
  if (duration() > 0 && event->button() == Qt::LeftButton)
    Q_EMIT seekRequested(std::clamp(event->position().x() / std::max(1, width()), 0.0, 1.0) * duration());
}

SpectrogramView::SpectrogramView(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
  setMinimumHeight(80);
}

void SpectrogramView::setSpectrogram(const ModelSpectrogram& s, double seconds, const QString& placeholder) {
  placeholder_ = placeholder;
  description_ = s.description;
  seconds_ = seconds;
  cursor_ = -1;
  image_ = {};
  if (s.mels > 0 && s.frames > 0 && s.values.size() == static_cast<qsizetype>(s.mels) * s.frames) {
    const auto [lo, hi] = std::minmax_element(s.values.begin(), s.values.end());
    const double range = std::max(1e-6, static_cast<double>(*hi - *lo));
    image_ = QImage(s.frames, s.mels, QImage::Format_RGB32);
    for (int m = 0; m < s.mels; ++m) {
      auto* line = reinterpret_cast<QRgb*>(image_.scanLine(s.mels - 1 - m));  // low bands at the bottom
      for (int f = 0; f < s.frames; ++f) line[f] = heat((s.values[m * s.frames + f] - *lo) / range);
    }
  }
  update();
}

void SpectrogramView::setCursorSeconds(double seconds) {
  cursor_ = seconds;
  update();
}

void SpectrogramView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(0, 0, 4));
  if (image_.isNull()) {
    p.fillRect(rect(), palette().color(QPalette::Base));
    drawPlaceholder(p, rect(), placeholder_, palette());
    return;
  }
  p.setRenderHint(QPainter::SmoothPixmapTransform);
  p.drawImage(rect(), image_);
  p.setPen(Qt::white);
  p.drawText(rect().adjusted(4, 2, -4, -2), Qt::AlignLeft | Qt::AlignTop, description_);
  if (cursor_ >= 0 && seconds_ > 0) {
    const int x = static_cast<int>(cursor_ / seconds_ * width());
    p.setPen(QPen(Qt::white, 2));
    p.drawLine(x, 0, x, height());
  }
}

}  // namespace fusebench::widgets
