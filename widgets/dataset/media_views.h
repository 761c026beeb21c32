#pragma once
// Painters for decoded media in the sample detail view: an image scaled to fit (crisp pixels when
// enlarged), a waveform envelope and the model's spectrogram, both with a playback cursor.
#include <QImage>
#include <QWidget>

#include "dataset/browser_data.h"

namespace fusebench::widgets {

class ImageCanvas : public QWidget {
  Q_OBJECT
 public:
  explicit ImageCanvas(QWidget* parent = nullptr);
  void setImage(const QImage& image, const QString& placeholder = {});
  const QImage& image() const { return image_; }
  QSize sizeHint() const override { return {280, 280}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QImage image_;
  QString placeholder_;
};

// Time-based views share the cursor: seconds into the clip, or < 0 for none.
class WaveformView : public QWidget {
  Q_OBJECT
 public:
  explicit WaveformView(QWidget* parent = nullptr);
  void setAudio(const DecodedAudio& audio, const QString& placeholder = {});
  void setCursorSeconds(double seconds);
  double duration() const;
  QSize sizeHint() const override { return {360, 90}; }

 Q_SIGNALS:
  void seekRequested(double seconds);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  DecodedAudio audio_;
  QList<QPair<float, float>> envelope_;  // (min, max) per pixel column, for the current width
  QString placeholder_;
  double cursor_ = -1;
};

class SpectrogramView : public QWidget {
  Q_OBJECT
 public:
  explicit SpectrogramView(QWidget* parent = nullptr);
  void setSpectrogram(const ModelSpectrogram& spectrogram, double seconds, const QString& placeholder = {});
  void setCursorSeconds(double seconds);
  const QImage& image() const { return image_; }
  QSize sizeHint() const override { return {360, 120}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QImage image_;  // low frequencies at the bottom, magma-like colours
  QString placeholder_, description_;
  double seconds_ = 0, cursor_ = -1;
};

}  // namespace fusebench::widgets
