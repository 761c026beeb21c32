#include "dataset/sample_detail_view.h"

#include <QAudioOutput>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>

#include "dataset/dataset_terms.h"
#include "dataset/patient_data.h"
#include <QMetaObject>
#include <QPushButton>
#include <QComboBox>
#include <QSlider>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "dataset/image_render.h"
#include "dataset/media_views.h"

namespace fusebench::widgets {

struct SampleDetailView::Decoded {
  int row = -1;
  bool hasImage = false, hasAudio = false;
  DecodedImage image;
  QString imageError;
  DecodedAudio audio;
  QString audioError;
  ModelSpectrogram spectrogram;
  QString spectrogramError;
};

namespace {
constexpr int kSliderSteps = 1000;
}

SampleDetailView::SampleDetailView(QWidget* parent) : QWidget(parent) {
  pool_.setMaxThreadCount(1);  // one sample at a time; newer selections supersede older ones
  header_ = new QLabel(this);
  header_->setWordWrap(true);
  header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  canvas_ = new ImageCanvas(this);

  levelSlider_ = new QSlider(Qt::Horizontal, this);
  levelSlider_->setRange(0, kSliderSteps);
  levelSlider_->setToolTip(tr("Level: the pixel value shown as mid-gray"));
  windowSlider_ = new QSlider(Qt::Horizontal, this);
  windowSlider_->setRange(1, kSliderSteps);
  windowSlider_->setToolTip(tr("Window: the range of pixel values spread from black to white"));
  windowLabel_ = new QLabel(this);
  auto* autoButton = new QPushButton(tr("Auto"), this);
  autoButton->setToolTip(tr("Window the 1st to 99th percentile of this image"));
  auto* resetButton = new QPushButton(tr("Full range"), this);
  presets_ = new QComboBox(this);
  presets_->setObjectName(QStringLiteral("windowPresets"));
  presets_->setToolTip(tr("Radiology windows in the scan's own units (Hounsfield units for CT)"));
  connect(presets_, QOverload<int>::of(&QComboBox::activated), this, [this](int i) {
    if (i == 0 && image_.windowWidth > 0) setWindowLevel(image_.windowCenter, image_.windowWidth);
    else if (i > 0 && i <= image_.presets.size()) setWindowLevel(image_.presets[i - 1].level, image_.presets[i - 1].window);
  });
  auto onSlider = [this] {
    level_ = static_cast<double>(levelSlider_->value()) / kSliderSteps;
    window_ = static_cast<double>(windowSlider_->value()) / kSliderSteps;
    renderImage();
  };
  connect(levelSlider_, &QSlider::valueChanged, this, onSlider);
  connect(windowSlider_, &QSlider::valueChanged, this, onSlider);
  connect(autoButton, &QPushButton::clicked, this, [this] { autoWindowLevel(); });
  connect(resetButton, &QPushButton::clicked, this, [this] { setWindowLevel(0.5, 1.0); });

  attributes_ = new QLabel(this);
  attributes_->setObjectName(QStringLiteral("imageAttributes"));
  attributes_->setWordWrap(true);
  attributes_->setTextFormat(Qt::RichText);
  attributes_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  connect(&PatientDataSwitch::instance(), &PatientDataSwitch::changed, this, [this] { showAttributes(); });

  values_ = new QLabel(this);
  values_->setWordWrap(true);
  values_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  values_->setAlignment(Qt::AlignTop | Qt::AlignLeft);

  waveform_ = new WaveformView(this);
  spectrogram_ = new SpectrogramView(this);
  playButton_ = new QPushButton(tr("\u25B6 Play"), this);
  playButton_->setEnabled(false);
  positionLabel_ = new QLabel(this);
  connect(playButton_, &QPushButton::clicked, this, [this] {
    if (playbackState() == QMediaPlayer::PlayingState)
      stop();
    else
      play();
  });
  connect(waveform_, &WaveformView::seekRequested, this, [this](double s) {
    ensurePlayer();
    player_->setPosition(static_cast<qint64>(s * 1000));
    waveform_->setCursorSeconds(s);
    spectrogram_->setCursorSeconds(s);
  });
  cursorTimer_ = new QTimer(this);
  cursorTimer_->setInterval(33);  // ~30 redraws per second while playing
  connect(cursorTimer_, &QTimer::timeout, this, [this] { updateCursor(); });

  // Layout: header; image with its controls beside the values; audio below.
  auto* imageBox = new QGroupBox(tr("Image"), this);
  imageBox_ = imageBox;
  auto* imageLayout = new QVBoxLayout(imageBox);
  imageLayout->addWidget(canvas_, 1);
  auto* wl = new QFormLayout;
  wl->addRow(tr("Level"), levelSlider_);
  wl->addRow(tr("Window"), windowSlider_);
  imageLayout->addLayout(wl);
  auto* wlButtons = new QHBoxLayout;
  wlButtons->addWidget(windowLabel_, 1);
  wlButtons->addWidget(presets_);
  wlButtons->addWidget(autoButton);
  wlButtons->addWidget(resetButton);
  imageLayout->addLayout(wlButtons);

  auto* valuesBox = new QGroupBox(tr("Text and values"), this);
  auto* valuesLayout = new QVBoxLayout(valuesBox);
  // The scan's attributes beside it, where they do not squeeze the image; the column scrolls when long.
  auto* valuesContent = new QWidget(this);
  auto* contentLayout = new QVBoxLayout(valuesContent);
  contentLayout->setContentsMargins(0, 0, 0, 0);
  contentLayout->addWidget(attributes_);
  contentLayout->addWidget(values_, 1);
  auto* valuesScroll = new QScrollArea(this);
  valuesScroll->setWidgetResizable(true);
  valuesScroll->setFrameShape(QFrame::NoFrame);
  valuesScroll->setWidget(valuesContent);
  valuesLayout->addWidget(valuesScroll, 1);

  auto* top = new QHBoxLayout;
  top->addWidget(imageBox, 3);
  top->addWidget(valuesBox, 2);

  auto* audioBox = new QGroupBox(tr("Audio: waveform, and the spectrogram the model sees"), this);
  audioBox_ = audioBox;
  auto* audioLayout = new QVBoxLayout(audioBox);
  auto* playRow = new QHBoxLayout;
  playRow->addWidget(playButton_);
  playRow->addWidget(positionLabel_, 1);
  audioLayout->addLayout(playRow);
  audioLayout->addWidget(waveform_, 1);
  audioLayout->addWidget(spectrogram_, 1);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(header_);
  layout->addLayout(top, 3);
  layout->addWidget(audioBox, 2);
  syncWindowControls();
  clear();
}

void SampleDetailView::showPanesFor(const QList<BrowserColumn>& columns) {
  auto has = [&columns](BrowserColumn::Kind kind) {
    return std::any_of(columns.begin(), columns.end(), [kind](const BrowserColumn& c) { return c.kind == kind; });
  };
  const bool known = !columns.isEmpty();
  imageBox_->setVisible(!known || has(BrowserColumn::Kind::Image));
  audioBox_->setVisible(!known || has(BrowserColumn::Kind::Audio));
}

bool SampleDetailView::showsImagePane() const { return !imageBox_->isHidden(); }
bool SampleDetailView::showsAudioPane() const { return !audioBox_->isHidden(); }

SampleDetailView::~SampleDetailView() {
  ++generation_;
  pool_.clear();  // decodes still queued are of no use to anyone now
  pool_.waitForDone();
}

void SampleDetailView::setSource(std::shared_ptr<const SampleMediaSource> source) {
  source_ = std::move(source);
  clear();
}

void SampleDetailView::clear() {
  ++generation_;
  pool_.clear();
  row_ = -1;
  loaded_ = false;
  if (player_) player_->stop();
  audioPath_.clear();
  playButton_->setEnabled(false);
  header_->setText(tr("<i>Select a sample to see it in full.</i>"));
  values_->clear();
  image_ = {};
  showAttributes();
  windowLabel_->clear();
  canvas_->setImage({}, tr("No sample selected"));
  waveform_->setAudio({}, QString());
  spectrogram_->setSpectrogram({}, 0, QString());
  positionLabel_->clear();
}

void SampleDetailView::showSample(const BrowserDataset& ds, int row, const QStringList& problems) {
  if (row < 0 || row >= ds.size()) {
    clear();
    return;
  }
  if (player_) player_->stop();
  const int generation = ++generation_;
  pool_.clear();  // holding an arrow key queues one decode per row: only the newest matters
  row_ = row;
  loaded_ = false;
  const BrowserSample s = ds.sample(row);
  headline_ = tr("<b>%1</b> · row %2 (line %3) · split <b>%4</b> · %5 <b>%6</b>")
                     .arg(s.id.toHtmlEscaped())
                     .arg(row + 1)
                     .arg(s.line)
                     .arg(s.split.isEmpty() ? tr("unknown") : splitTitle(s.split))
                     .arg(ds.targetName.isEmpty() ? tr("target") : ds.targetName.toHtmlEscaped())
                     .arg(s.target.isEmpty() ? tr("missing") : s.target.toHtmlEscaped());
  setProblems(problems);

  // Text, numbers and categories right away; media decode on the worker.
  QString html = QStringLiteral("<table cellspacing='4'>");
  QString imagePath, audioColumn;
  audioPath_.clear();
  for (int c = 0; c < ds.columns.size(); ++c) {
    const BrowserColumn& col = ds.columns[c];
    const QString v = s.values.value(c);
    if (col.kind == BrowserColumn::Kind::Image) {
      if (imagePath.isEmpty()) imagePath = v.isEmpty() ? QStringLiteral("\x01") : v;  // \x01: column exists, value missing
      continue;
    }
    if (col.kind == BrowserColumn::Kind::Audio) {
      if (audioColumn.isEmpty()) {
        audioColumn = col.name;
        audioPath_ = v;
      }
      continue;
    }
    html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                .arg(col.name.toHtmlEscaped(), v.isEmpty() ? tr("<i>missing</i>") : v.toHtmlEscaped());
  }
  html += QStringLiteral("</table>");
  values_->setText(html);
  canvas_->setImage({}, imagePath.isEmpty() ? tr("No image column") : tr("Decoding…"));
  waveform_->setAudio({}, audioColumn.isEmpty() ? tr("No audio column") : tr("Decoding…"));
  spectrogram_->setSpectrogram({}, 0, audioColumn.isEmpty() ? QString() : tr("Computing…"));
  playButton_->setEnabled(!audioPath_.isEmpty());
  playButton_->setText(tr("\u25B6 Play"));
  positionLabel_->clear();

  if (!source_) return;
  auto source = source_;
  pool_.start([this, source, generation, row, imagePath, audioColumn, audioPath = audioPath_] {
    auto d = std::make_shared<Decoded>();
    d->row = row;
    if (imagePath == QLatin1String("\x01")) {
      d->imageError = tr("This sample has no image (missing value).");
    } else if (!imagePath.isEmpty()) {
      d->hasImage = source->image(imagePath, d->image, d->imageError);
      if (!d->hasImage) d->imageError = tr("Cannot show %1: %2").arg(imagePath, d->imageError);
    }
    if (!audioColumn.isEmpty()) {
      if (audioPath.isEmpty()) {
        d->audioError = tr("This sample has no audio (missing value).");
      } else {
        d->hasAudio = source->audio(audioPath, d->audio, d->audioError);
        if (!d->hasAudio) d->audioError = tr("Cannot play %1: %2").arg(audioPath, d->audioError);
        else if (!source->spectrogram(row, audioColumn, d->spectrogram, d->spectrogramError))
          d->spectrogram = {};
      }
    }
    QMetaObject::invokeMethod(this, [this, generation, d] { deliver(generation, d); }, Qt::QueuedConnection);
  });
}

void SampleDetailView::deliver(int generation, std::shared_ptr<Decoded> d) {
  if (generation != generation_) return;  // the user has moved on to another sample
  loaded_ = true;
  image_ = d->hasImage ? d->image : DecodedImage{};
  presets_->clear();
  presets_->setVisible(!image_.presets.isEmpty());
  if (!image_.presets.isEmpty()) {
    presets_->addItem(image_.windowWidth > 0 ? tr("File's window") : tr("Presets…"));
    for (const auto& p : image_.presets) presets_->addItem(p.name);
  }
  showAttributes();
  if (d->hasImage) {
    if (d->image.windowWidth > 0)
      setWindowLevel(d->image.windowCenter, d->image.windowWidth);  // the file's own window (DICOM)
    else if (d->image.bitDepth > 8)
      autoWindowLevel();  // 16-bit: the full range is mostly black
    else
      setWindowLevel(0.5, 1.0);  // not the narrow window of the scan shown before
  } else {
    canvas_->setImage({}, d->imageError.isEmpty() ? tr("No image column") : d->imageError);
    windowLabel_->clear();
  }
  if (d->hasAudio) {
    waveform_->setAudio(d->audio);
    audioSeconds_ = waveform_->duration();
    spectrogram_->setSpectrogram(d->spectrogram, audioSeconds_, d->spectrogramError);
    positionLabel_->setText(tr("%1 s").arg(audioSeconds_, 0, 'f', 2));
  } else if (!d->audioError.isEmpty()) {
    waveform_->setAudio({}, d->audioError);
    spectrogram_->setSpectrogram({}, 0, QString());
    playButton_->setEnabled(false);
  }
  Q_EMIT sampleLoaded(d->row);
}

void SampleDetailView::showAttributes() {
  QStringList parts;
  bool hidden = false;
  for (const auto& a : image_.attributes) {
    if (a.identifying && !PatientDataSwitch::instance().shown()) {
      hidden = true;
      continue;  // not even the name of what is hidden next to a value: the count below says it
    }
    parts << QStringLiteral("%1: <b>%2</b>").arg(a.name.toHtmlEscaped(), a.value.toHtmlEscaped());
  }
  QString text = parts.join(QStringLiteral("<br>"));
  if (hidden)
    text += (text.isEmpty() ? QString() : QStringLiteral("<br>")) +
            tr("<span style='color:#666'>Patient data hidden (Dataset › Show Patient Data).</span>");
  attributes_->setText(text);
  attributes_->setVisible(!text.isEmpty());
}

void SampleDetailView::setProblems(const QStringList& problems) {
  QString head = headline_;
  for (const QString& p : problems) head += QStringLiteral("<br><span style='color:#c62828'>%1</span>").arg(p.toHtmlEscaped());
  header_->setText(head);
}

const QImage& SampleDetailView::renderedImage() const { return canvas_->image(); }

void SampleDetailView::setWindowLevel(double level, double window) {
  level_ = std::clamp(level, 0.0, 1.0);
  window_ = std::clamp(window, 1.0 / kSliderSteps, 1.0);
  syncWindowControls();
  renderImage();
}

void SampleDetailView::autoWindowLevel() {
  double level = 0.5, window = 1.0;
  autoWindow(image_, level, window);
  setWindowLevel(level, window);
}

void SampleDetailView::syncWindowControls() {
  const QSignalBlocker a(levelSlider_), b(windowSlider_);
  levelSlider_->setValue(static_cast<int>(std::lround(level_ * kSliderSteps)));
  windowSlider_->setValue(static_cast<int>(std::lround(window_ * kSliderSteps)));
}

void SampleDetailView::renderImage() {
  if (image_.pixels.isEmpty()) return;
  canvas_->setImage(widgets::renderImage(image_, level_, window_));
  if (image_.valueScale != 0) {  // in the modality's own units (HU for CT), as a radiologist reads them
    windowLabel_->setText(tr("%1×%2, %3-bit · L %4 W %5")
                              .arg(image_.width)
                              .arg(image_.height)
                              .arg(image_.bitDepth)
                              .arg(std::lround(level_ * image_.valueScale + image_.valueOffset))
                              .arg(std::lround(window_ * std::abs(image_.valueScale))));
    return;
  }
  const double scale = image_.bitDepth == 16 ? 65535.0 : 255.0;
  windowLabel_->setText(tr("%1×%2, %3-bit · L %4 W %5")
                            .arg(image_.width)
                            .arg(image_.height)
                            .arg(image_.bitDepth)
                            .arg(std::lround(level_ * scale))
                            .arg(std::lround(window_ * scale)));
}

void SampleDetailView::ensurePlayer() {
  if (player_) return;
  player_ = new QMediaPlayer(this);
  audioOutput_ = new QAudioOutput(this);
  player_->setAudioOutput(audioOutput_);
  connect(player_, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState s) {
    playButton_->setText(s == QMediaPlayer::PlayingState ? tr("\u25A0 Stop") : tr("\u25B6 Play"));
    if (s == QMediaPlayer::PlayingState)
      cursorTimer_->start();
    else
      cursorTimer_->stop();
    updateCursor();
    Q_EMIT playbackStateChanged(s);
  });
  connect(player_, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString& message) {
    playbackError_ = message;
    positionLabel_->setText(tr("Cannot play %1: %2").arg(audioPath_, message));
  });
}

void SampleDetailView::play() {
  if (audioPath_.isEmpty()) return;
  ensurePlayer();
  playbackError_.clear();
  const QUrl url = QUrl::fromLocalFile(audioPath_);
  if (player_->source() != url) player_->setSource(url);
  player_->play();
}

void SampleDetailView::stop() {
  if (player_) player_->stop();
}

QMediaPlayer::PlaybackState SampleDetailView::playbackState() const {
  return player_ ? player_->playbackState() : QMediaPlayer::StoppedState;
}

void SampleDetailView::updateCursor() {
  if (!player_) return;
  const bool playing = player_->playbackState() == QMediaPlayer::PlayingState;
  const double s = playing ? static_cast<double>(player_->position()) / 1000.0 : -1.0;
  waveform_->setCursorSeconds(s);
  spectrogram_->setCursorSeconds(s);
  if (playing) positionLabel_->setText(tr("%1 / %2 s").arg(s, 0, 'f', 2).arg(audioSeconds_, 0, 'f', 2));
}

}  // namespace fusebench::widgets
