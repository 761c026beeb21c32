#pragma once
// One sample in full: the image with a window / level control (16-bit and medical images), the text and
// tabular values, the audio's waveform and the spectrogram the model is given after preprocessing, and
// playback with a moving cursor. Decoding runs on a worker thread; a newer selection drops older results.
#include <QMediaPlayer>
#include <QThreadPool>
#include <QWidget>
#include <memory>

#include "dataset/browser_data.h"
#include "dataset/media_source.h"

class QAudioOutput;
class QLabel;
class QPushButton;
class QComboBox;
class QSlider;
class QTimer;

namespace fusebench::widgets {

class ImageCanvas;
class SpectrogramView;
class WaveformView;

class SampleDetailView : public QWidget {
  Q_OBJECT
 public:
  explicit SampleDetailView(QWidget* parent = nullptr);
  ~SampleDetailView() override;

  void setSource(std::shared_ptr<const SampleMediaSource> source);
  void showSample(const BrowserDataset& dataset, int row, const QStringList& problems);
  void clear();
  // Shows only the panes the dataset has: no image box for a dataset without images, no audio box without
  // audio (both shown before a dataset is known).
  void showPanesFor(const QList<BrowserColumn>& columns);
  bool showsImagePane() const;
  bool showsAudioPane() const;
  // The shown sample's validation problems changed (validation finished): no new decode.
  void setProblems(const QStringList& problems);
  int row() const { return row_; }

  // Playback of the sample's audio column (Qt Multimedia).
  void play();
  void stop();
  QMediaPlayer::PlaybackState playbackState() const;
  QString playbackError() const { return playbackError_; }
  bool hasAudio() const { return !audioPath_.isEmpty(); }

  // Window / level over [0, 1] pixel values.
  void setWindowLevel(double level, double window);
  void autoWindowLevel();
  double level() const { return level_; }
  double window() const { return window_; }

  // For tests: the current views.
  const QImage& renderedImage() const;
  bool loaded() const { return loaded_; }  // the decode of the current sample has arrived
  WaveformView* waveform() const { return waveform_; }
  SpectrogramView* spectrogram() const { return spectrogram_; }

 Q_SIGNALS:
  void sampleLoaded(int row);
  void playbackStateChanged(QMediaPlayer::PlaybackState state);

 private:
  struct Decoded;
  void deliver(int generation, std::shared_ptr<Decoded> decoded);
  void renderImage();
  void syncWindowControls();
  void updateCursor();
  void ensurePlayer();

  std::shared_ptr<const SampleMediaSource> source_;
  QThreadPool pool_;
  int generation_ = 0, row_ = -1;
  bool loaded_ = false;
  QString audioPath_, playbackError_;
  QString headline_;  // id, row, split and target of the shown sample
  DecodedImage image_;
  double level_ = 0.5, window_ = 1.0;
  double audioSeconds_ = 0;

  QLabel* header_;
  QWidget* imageBox_;
  QWidget* audioBox_;
  QLabel* values_;
  ImageCanvas* canvas_;
  QSlider* levelSlider_;
  QSlider* windowSlider_;
  QComboBox* presets_;  // radiology windows (grayscale DICOM only)
  QLabel* windowLabel_;
  QLabel* attributes_;  // DICOM attributes; identifying values only while patient data is switched on
  void showAttributes();
  WaveformView* waveform_;
  SpectrogramView* spectrogram_;
  QPushButton* playButton_;
  QLabel* positionLabel_;
  QMediaPlayer* player_ = nullptr;
  QAudioOutput* audioOutput_ = nullptr;
  QTimer* cursorTimer_;
};

}  // namespace fusebench::widgets
