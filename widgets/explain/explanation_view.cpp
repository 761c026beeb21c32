#include "explain/explanation_view.h"

#include "explain/explanation_sentences.h"

#include <QAudioOutput>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMediaPlayer>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QSplitter>
#include <QToolTip>
#include <QUrl>
#include <QVBoxLayout>
#include <functional>

namespace fusebench::widgets {

namespace {

// A widget that paints through a function (the shared painters) at a fixed height, with optional tooltips.
class PaintBox : public QWidget {
 public:
  using Painter = std::function<void(QPainter&, const QRect&)>;
  using Tip = std::function<QString(const QPoint&)>;
  PaintBox(int height, Painter paint, Tip tip = {}, QWidget* parent = nullptr)
      : QWidget(parent), height_(height), paint_(std::move(paint)), tip_(std::move(tip)) {
    setMinimumHeight(height);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  }
  QSize sizeHint() const override { return {400, height_}; }
  void setHeight(int h) {
    height_ = h;
    setMinimumHeight(h);
    updateGeometry();
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    paint_(p, rect().adjusted(4, 2, -4, -2));
  }
  bool event(QEvent* e) override {
    if (e->type() == QEvent::ToolTip && tip_) {
      auto* he = static_cast<QHelpEvent*>(e);
      const QString t = tip_(he->pos());
      if (t.isEmpty()) QToolTip::hideText();
      else QToolTip::showText(he->globalPos(), t, this);
      return true;
    }
    return QWidget::event(e);
  }

 private:
  int height_;
  Painter paint_;
  Tip tip_;
};

QLabel* sectionTitle(const QString& text) {
  auto* l = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()));
  l->setContentsMargins(0, 8, 0, 2);
  return l;
}

QString fmt(double v) { return QString::number(v, 'f', 3); }

const QString kHowToStart = QStringLiteral(
    "Pick a sample to explain: select it on the Data page and press Ctrl+E (Explain › Explain Selected Sample), "
    "right-click a sample of a confusion-matrix cell (Explain This Prediction), or give a new case (Explain › "
    "Explain New Case…).");

}  // namespace

ExplanationView::ExplanationView(QWidget* parent) : QWidget(parent) {
  auto* outer = new QVBoxLayout(this);
  headline_ = new QLabel(tr("No sample explained yet."));
  headline_->setWordWrap(true);
  headline_->setTextFormat(Qt::RichText);
  outer->addWidget(headline_);

  auto* controls = new QHBoxLayout();
  target_ = new QComboBox();
  target_->setToolTip(tr("The class whose evidence is shown"));
  method_ = new QComboBox();
  for (const auto& m : explanationMethods()) method_->addItem(methodTitle(m), m);
  method_->setToolTip(tr("Integrated Gradients and Occlusion are signed: red supports the class, blue speaks against "
                         "it. Grad-CAM, SmoothGrad and Saliency show where the model looked."));
  camLayer_ = new QComboBox();
  camLayer_->setToolTip(tr("The convolutional stage Grad-CAM reads: deeper stages are more about the class, shallower "
                           "ones locate it more finely. Automatic: the deepest with at least 7 cells on a side."));
  camLayer_->addItem(tr("Grad-CAM layer: automatic"), QString());
  connect(camLayer_, &QComboBox::activated, this, [this] {
    chosenCamLayer_ = camLayer_->currentData().toString();
    Q_EMIT whatIfChanged();  // explained again at that layer
  });
  colors_ = new QComboBox();
  colors_->addItems(colorMapNames());
  colors_->setToolTip(tr("Colours of unsigned maps (Grad-CAM, SmoothGrad, Saliency)"));
  opacity_ = new QSlider(Qt::Horizontal);
  opacity_->setRange(0, 100);
  opacity_->setValue(60);
  opacity_->setMaximumWidth(140);
  opacity_->setToolTip(tr("Overlay opacity"));
  export_ = new QPushButton(tr("Export Case Report…"));
  export_->setEnabled(false);
  controls->addWidget(new QLabel(tr("Explain class")));
  controls->addWidget(target_);
  controls->addSpacing(12);
  controls->addWidget(new QLabel(tr("Method")));
  controls->addWidget(method_);
  controls->addWidget(camLayer_);
  controls->addWidget(new QLabel(tr("Colours")));
  controls->addWidget(colors_);
  controls->addWidget(new QLabel(tr("Opacity")));
  controls->addWidget(opacity_);
  controls->addStretch(1);
  controls->addWidget(export_);
  outer->addLayout(controls);
  status_ = new QLabel();
  status_->setStyleSheet(QStringLiteral("color: #555"));
  outer->addWidget(status_);

  auto* split = new QSplitter(Qt::Horizontal);
  auto* sideScroll = new QScrollArea();
  sideScroll->setWidgetResizable(true);
  side_ = new QWidget();
  sideScroll->setWidget(side_);
  sideScroll->setMinimumWidth(330);
  scroll_ = new QScrollArea();
  scroll_->setWidgetResizable(true);
  split->addWidget(sideScroll);
  split->addWidget(scroll_);
  split->setStretchFactor(1, 1);
  split->setSizes({360, 900});
  outer->addWidget(split, 1);

  player_ = new QMediaPlayer(this);
  audioOut_ = new QAudioOutput(this);
  player_->setAudioOutput(audioOut_);
  connect(player_, &QMediaPlayer::positionChanged, this, [this](qint64 ms) {
    cursor_ = static_cast<double>(ms) / 1000.0;
    for (auto* box : audioBoxes_) box->update();
  });
  connect(player_, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState s) {
    if (s == QMediaPlayer::StoppedState) {
      cursor_ = -1;
      playing_.clear();
      for (auto* b : playButtons_) b->setText(tr("▶ Play"));
      if (scroll_->widget()) scroll_->widget()->update();
    }
  });
  connect(player_, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString& message) {
    status_->setText(tr("Cannot play %1: %2").arg(player_->source().toLocalFile(), message));
  });

  connect(method_, &QComboBox::currentIndexChanged, this, [this] { restyle(); });
  connect(colors_, &QComboBox::currentIndexChanged, this, [this] { restyle(); });
  connect(opacity_, &QSlider::valueChanged, this, [this] { restyle(); });
  connect(export_, &QPushButton::clicked, this, &ExplanationView::exportReportRequested);
  connect(target_, &QComboBox::currentIndexChanged, this, [this] {
    if (!updatingTarget_) Q_EMIT targetChanged(requestedTarget());
  });
  rebuild();
}

ExplanationView::~ExplanationView() { player_->stop(); }

OverlayStyle ExplanationView::style() const {
  OverlayStyle s;
  s.method = method_->currentData().toString();
  s.map = colorMapFromName(colors_->currentText());
  s.opacity = opacity_->value() / 100.0;
  return s;
}

void ExplanationView::setMethod(const QString& m) {
  const int i = method_->findData(m);
  if (i >= 0) method_->setCurrentIndex(i);
}

void ExplanationView::setOpacity(double o) { opacity_->setValue(static_cast<int>(o * 100 + 0.5)); }

int ExplanationView::requestedTarget() const { return target_->currentIndex() <= 0 ? -1 : target_->currentIndex() - 1; }

QStringList ExplanationView::maskedFields() const {
  QStringList out;
  for (auto it = switches_.begin(); it != switches_.end(); ++it)
    if (!it.value()->isChecked()) out << it.key();
  return out;
}

QMap<QString, QString> ExplanationView::textOverrides() const {
  QMap<QString, QString> out;
  for (const auto& m : modalities_) {
    auto* e = editors_.value(m.field);
    if (e && e->isModified()) out[m.column] = e->text();
  }
  return out;
}

void ExplanationView::setModel(const QString& title, const QVector<ModalityData>& modalities, const QStringList& classes) {
  player_->stop();
  modalities_ = modalities;
  explanation_ = ExplanationData();
  updatingTarget_ = true;
  target_->clear();
  target_->addItem(tr("Predicted class"));
  target_->addItems(classes);
  updatingTarget_ = false;
  headline_->setText(title.isEmpty() ? tr("No sample explained yet.")
                                     : tr("Model <b>%1</b>: no sample explained yet.").arg(title.toHtmlEscaped()));
  // What-if switches: one per modality, and an editor per text input.
  qDeleteAll(side_->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
  delete side_->layout();
  switches_.clear();
  editors_.clear();
  auto* layout = new QVBoxLayout(side_);
  layout->setObjectName(QStringLiteral("sideLayout"));
  auto* box = new QGroupBox(tr("What if…"));
  box->setVisible(!modalities_.isEmpty());
  whatIf_ = new QVBoxLayout(box);
  for (const auto& m : modalities_) {
    auto* c = new QCheckBox(tr("%1 (%2: %3)").arg(m.field, m.kind, m.column));
    c->setChecked(true);
    c->setToolTip(tr("Untick to explain the prediction as if this modality were missing"));
    connect(c, &QCheckBox::toggled, this, &ExplanationView::whatIfChanged);
    switches_[m.field] = c;
    whatIf_->addWidget(c);
    if (m.kind == QLatin1String("text")) {
      auto* e = new QLineEdit();
      e->setPlaceholderText(tr("Edit the %1 text and press Enter").arg(m.column));
      connect(e, &QLineEdit::returnPressed, this, &ExplanationView::whatIfChanged);
      editors_[m.field] = e;
      whatIf_->addWidget(e);
    }
  }
  auto* reset = new QPushButton(tr("Reset to the sample"));
  connect(reset, &QPushButton::clicked, this, [this] {
    for (auto* c : switches_) c->blockSignals(true), c->setChecked(true), c->blockSignals(false);
    // Unmodified editors take the sample's own text from the next explanation.
    for (auto* e : editors_) e->setModified(false);
    Q_EMIT whatIfChanged();
  });
  whatIf_->addWidget(reset);
  layout->addWidget(box);
  layout->addStretch(1);
  rebuild();
}

void ExplanationView::resetWhatIf() {
  for (auto* c : switches_) {
    const QSignalBlocker block(c);
    c->setChecked(true);
  }
  for (auto* e : editors_) e->setModified(false);
  const QSignalBlocker block(target_);
  target_->setCurrentIndex(0);
}

void ExplanationView::setBusy(const QString& message) { status_->setText(message); }

QString ExplanationView::requestedGradcamLayer() const { return chosenCamLayer_; }

// The layers of the explanation's first image with Grad-CAM (the usual one-image model), the chosen one kept.
void ExplanationView::fillCamLayers() {
  const QSignalBlocker block(camLayer_);
  while (camLayer_->count() > 1) camLayer_->removeItem(1);
  for (const auto& img : explanation_.images) {
    if (img.gradcamLayers.isEmpty()) continue;
    for (int i = 0; i < img.gradcamLayers.size(); ++i)
      camLayer_->addItem(tr("Grad-CAM layer: %1 (%2)").arg(img.gradcamLayers[i], img.gradcamLayerSizes.value(i)), img.gradcamLayers[i]);
    break;
  }
  const int i = camLayer_->findData(chosenCamLayer_);
  camLayer_->setCurrentIndex(i >= 0 ? i : 0);
  camLayer_->setEnabled(camLayer_->count() > 1);
}

void ExplanationView::setExplanation(const ExplanationData& e) {
  player_->stop();
  explanation_ = e;
  fillCamLayers();
  if (!e.ok) {
    status_->setText(tr("Cannot explain: %1").arg(e.error));
    export_->setEnabled(false);
    rebuild();
    return;
  }
  // Text editors show what the model read (unless the user is editing).
  for (const auto& t : e.texts)
    if (auto* ed = editors_.value(t.field); ed && !ed->isModified()) ed->setText(t.text);
  updatingTarget_ = true;
  if (target_->count() != e.classes.size() + 1) {
    target_->clear();
    target_->addItem(tr("Predicted class"));
    target_->addItems(e.classes);
  }
  updatingTarget_ = false;
  QString head = tr("<b>Sample %1</b>").arg(e.sample.toHtmlEscaped());
  if (e.row >= 0) head += tr(" (row %1)").arg(e.row + 1);
  if (e.label >= 0) head += tr(" · true class <b>%1</b>").arg(e.className(e.label).toHtmlEscaped());
  if (e.predicted >= 0) {
    const bool right = e.label < 0 || e.label == e.predicted;
    head += tr(" · predicted <b style='color:%1'>%2</b> (%3)")
                .arg(right ? QStringLiteral("#1a7f37") : QStringLiteral("#c62828"), e.className(e.predicted).toHtmlEscaped(),
                     fmt(e.scores.value(e.predicted)));
  }
  if (e.target != e.predicted) head += tr(" · explaining <b>%1</b>").arg(e.className(e.target).toHtmlEscaped());
  if (!e.masked.isEmpty()) head += tr(" · switched off: %1").arg(e.masked.join(QStringLiteral(", ")).toHtmlEscaped());
  if (!e.overrides.isEmpty()) head += tr(" · text edited");
  headline_->setText(head);
  status_->setText(tr("Model %6 (run %7). Explained in %1 ms. Attributions explain the class's %2; Integrated "
                      "Gradients sum to %3, expected %4 (%5 steps).")
                       .arg(e.milliseconds, 0, 'f', 0)
                       .arg(e.attributionScore, fmt(e.igTotal), fmt(e.f - e.fBaseline))
                       .arg(e.igSteps)
                       .arg(e.model, QFileInfo(e.run).fileName()));
  export_->setEnabled(true);
  rebuild();
}

void ExplanationView::restyle() {
  if (scroll_->widget()) scroll_->widget()->update();
  side_->update();
}

void ExplanationView::play(const QString& field, const QString& path) {
  if (playing_ == field && player_->playbackState() == QMediaPlayer::PlayingState) {
    player_->stop();
    return;
  }
  player_->stop();
  playing_ = field;
  player_->setSource(QUrl::fromLocalFile(path));
  player_->play();
  if (auto* b = playButtons_.value(field)) b->setText(tr("■ Stop"));
}

void ExplanationView::rebuild() {
  sections_.clear();
  playButtons_.clear();
  audioBoxes_.clear();
  auto* content = new QWidget();
  auto* col = new QVBoxLayout(content);
  const auto& e = explanation_;
  // Side column: prediction, contributions, fusion internals (the what-if box stays as built).
  auto* sideLayout = qobject_cast<QVBoxLayout*>(side_->layout());
  for (auto* w : side_->findChildren<QWidget*>(QStringLiteral("explanationSide"), Qt::FindDirectChildrenOnly)) delete w;
  if (sideLayout && e.ok) {
    auto* info = new QWidget(side_);
    info->setObjectName(QStringLiteral("explanationSide"));
    auto* il = new QVBoxLayout(info);
    il->setContentsMargins(0, 0, 0, 0);
    il->addWidget(sectionTitle(tr("Prediction")));
    const int top = std::min<int>(5, static_cast<int>(e.scores.size()));
    il->addWidget(new PaintBox(top * 20 + 4, [this, top](QPainter& p, const QRect& r) { paintProbabilities(p, r, explanation_, top); }));
    if (e.task == QLatin1String("classification")) {
      auto* certainty = new QLabel(info);
      certainty->setObjectName(QStringLiteral("certainty"));
      certainty->setWordWrap(true);
      certainty->setTextFormat(Qt::RichText);
      const QString unsure = certaintySentence(e);
      QString text = unsure.isEmpty() ? QString() : QStringLiteral("<span style='color:#b26a00'>%1</span>").arg(unsure.toHtmlEscaped());
      for (const QString& s : spreadSentences(e)) text += (text.isEmpty() ? QString() : QStringLiteral("<br>")) + s.toHtmlEscaped();
      text += (text.isEmpty() ? QString() : QStringLiteral("<br>")) +
              (e.calibrated ? tr("<small>Calibrated probabilities (temperature %1, fitted on the validation split).</small>").arg(e.temperature, 0, 'f', 2)
                            : tr("<small>The model's own probabilities (no calibration fitted).</small>"));
      certainty->setText(text);
      il->addWidget(certainty);
    }
    il->addWidget(sectionTitle(tr("Modality contributions")));
    QStringList labels, notes;
    QVector<double> values;
    for (const auto& m : e.modalities) {
      labels << m.field;
      values << m.shapley;
      notes << (m.present ? tr("without: %1").arg(fmt(e.targetProbability() - m.removal)) : tr("missing"));
    }
    il->addWidget(new PaintBox(signedBarsHeight(static_cast<int>(labels.size())),
                               [labels, values, notes](QPainter& p, const QRect& r) { paintSignedBars(p, r, labels, values, notes); }));
    const QString unit = e.task == QLatin1String("regression") ? tr("in output %1").arg(e.target)
                                                               : tr("in probability of <i>%1</i>").arg(e.className(e.target).toHtmlEscaped());
    auto* expl = new QLabel(tr("Shapley values: each modality's share of the change from %1 (no modality) to %2 "
                               "(all), %3.")
                                .arg(fmt(e.pNone), fmt(e.targetProbability()), unit));
    expl->setWordWrap(true);
    il->addWidget(expl);
    for (const auto& w : e.fusionWeights) {
      il->addWidget(sectionTitle(w.kind == QLatin1String("gates")            ? tr("Gates of %1").arg(w.node)
                                 : w.kind == QLatin1String("modality_votes") ? tr("Votes for the class in %1").arg(w.node)
                                                                             : tr("Modality weights of %1").arg(w.node)));
      QVector<double> v;
      for (float x : w.values) v << x;
      const QStringList mods = w.modalities;
      il->addWidget(new PaintBox(signedBarsHeight(static_cast<int>(mods.size())), [mods, v](QPainter& p, const QRect& r) { paintSignedBars(p, r, mods, v); }));
    }
    if (!e.similarCases.isEmpty()) {
      il->addWidget(sectionTitle(tr("Similar training cases")));
      const auto cases = e.similarCases;
      il->addWidget(new PaintBox(similarCasesHeight(static_cast<int>(cases.size())),
                                 [cases](QPainter& p, const QRect& r) { paintSimilarCases(p, r, cases); }));
    }
    if (!e.notes.isEmpty()) {
      auto* n = new QLabel(e.notes.join(QStringLiteral("\n")));
      n->setWordWrap(true);
      n->setStyleSheet(QStringLiteral("color: #8a5a00"));
      il->addWidget(n);
    }
    sideLayout->insertWidget(0, info);
  }

  if (!e.ok) {
    auto* l = new QLabel(e.error.isEmpty()
                             ? tr("No explanation yet.<br><br>%1<br><br>The model is the run selected in the Runs dock, "
                                  "else the project's latest run with a trained model. Explanations are computed on a "
                                  "worker thread; the window stays responsive.").arg(kHowToStart)
                             : tr("Cannot explain: %1").arg(e.error.toHtmlEscaped()));
    l->setTextFormat(Qt::RichText);
    l->setWordWrap(true);
    col->addWidget(l);
  }
  for (int i = 0; e.ok && i < e.images.size(); ++i) {
    const auto& img = e.images[i];
    sections_ << QStringLiteral("image:") + img.field;
    col->addWidget(sectionTitle(tr("Image · %1 (%2)").arg(img.field, QFileInfo(img.source).fileName())));
    if (!img.present) {
      col->addWidget(new QLabel(tr("Missing or switched off: the model saw no image.")));
      continue;
    }
    col->addWidget(new PaintBox(300, [this, i](QPainter& p, const QRect& r) {
      const auto& im = explanation_.images[i];
      const auto s = style();
      const int w = (r.width() - 12) / 2;
      const QRect left(r.x(), r.y() + 16, w, r.height() - 52), right(r.x() + w + 12, r.y() + 16, w, r.height() - 52);
      p.drawText(QRect(left.x(), r.y(), w, 14), Qt::AlignCenter, tr("original (%1×%2, model sees %3×%4)")
                                                                      .arg(im.original.width()).arg(im.original.height())
                                                                      .arg(im.image.width()).arg(im.image.height()));
      const auto found = im.maps.constFind(s.method);
      const HeatMap* map = found != im.maps.constEnd() ? &found.value() : nullptr;
      p.drawText(QRect(right.x(), r.y(), w, 14), Qt::AlignCenter,
                 map ? methodTitle(s.method) + (s.method == QLatin1String("gradcam") ? QStringLiteral(" (%1)").arg(im.gradcamLayer) : QString())
                     : tr("%1: not available for images").arg(methodTitle(s.method)));
      paintImageOverlay(p, left, im.image, nullptr, s);
      const QRect shown = paintImageOverlay(p, right, im.image, map, s);
      float peak = 0;
      if (map) peak = mapPeak(*map), paintLegend(p, QRect(shown.x(), shown.bottom() + 6, std::max(shown.width(), 220), 28), s, peak);
    }));
  }
  for (int i = 0; e.ok && i < e.texts.size(); ++i) {
    const auto& t = e.texts[i];
    sections_ << QStringLiteral("text:") + t.field;
    col->addWidget(sectionTitle(tr("Text · %1").arg(t.field)));
    if (!t.present) {
      col->addWidget(new QLabel(tr("Missing or switched off: the model read no text.")));
      continue;
    }
    auto boxes = std::make_shared<QVector<QRect>>();
    auto* box = new PaintBox(
        60,
        [this, i, boxes](QPainter& p, const QRect& r) {
          const auto& tx = explanation_.texts[i];
          const auto s = style();
          const QString m = tx.scores.contains(s.method) ? s.method : QStringLiteral("integrated_gradients");
          int h = 0;
          *boxes = paintTokens(p, r.adjusted(0, 0, 0, -18), tx.tokens, tx.known, tx.scores.value(m), methodIsSigned(m), &h, tx.joined);
          p.setPen(QColor(90, 90, 90));
          p.drawText(QRect(r.x(), r.y() + h + 4, r.width(), 14), Qt::AlignLeft,
                     tr("%1 · italic: not in the training vocabulary · hover a word for its value").arg(methodTitle(m)));
        },
        [this, i, boxes](const QPoint& pos) {
          const auto& tx = explanation_.texts[i];
          const auto s = style();
          const QString m = tx.scores.contains(s.method) ? s.method : QStringLiteral("integrated_gradients");
          for (int k = 0; k < boxes->size(); ++k)
            if ((*boxes)[k].contains(pos) && k < tx.scores.value(m).size())
              return tr("'%1': %2 %3%4").arg(tx.tokens[k], methodTitle(m), QString::number(tx.scores.value(m)[k], 'g', 3),
                                             tx.known.value(k, true) ? QString() : tr(" (unknown word)"));
          return QString();
        });
    col->addWidget(box);
  }
  for (int i = 0; e.ok && i < e.audios.size(); ++i) {
    const auto& a = e.audios[i];
    sections_ << QStringLiteral("audio:") + a.field;
    auto* head = new QHBoxLayout();
    head->addWidget(sectionTitle(tr("Audio · %1 (%2 s, %3)").arg(a.field).arg(a.seconds).arg(QFileInfo(a.source).fileName())));
    head->addStretch(1);
    auto* playButton = new QPushButton(tr("▶ Play"));
    playButton->setEnabled(!a.source.isEmpty());
    const QString field = a.field, source = a.source;
    connect(playButton, &QPushButton::clicked, this, [this, field, source] { play(field, source); });
    playButtons_[a.field] = playButton;
    head->addWidget(playButton);
    col->addLayout(head);
    if (!a.present) {
      col->addWidget(new QLabel(tr("Missing or switched off: the model heard nothing.")));
      continue;
    }
    auto* audioBox = new PaintBox(230, [this, i](QPainter& p, const QRect& r) {
      const auto& au = explanation_.audios[i];
      auto s = style();
      if (!au.maps.contains(s.method) && !au.overTime.contains(s.method)) s.method = QStringLiteral("integrated_gradients");
      paintSpectrogram(p, r.adjusted(0, 0, 0, -34), au, s, playing_ == au.field ? cursor_ : -1.0);
      float peak = 0;
      if (au.maps.contains(s.method)) peak = mapPeak(au.maps.value(s.method));
      paintLegend(p, QRect(r.x(), r.bottom() - 28, 260, 28), s, peak);
      p.drawText(QRect(r.x() + 280, r.bottom() - 28, r.width() - 280, 28), Qt::AlignLeft | Qt::AlignVCenter,
                 tr("%1 · log-mel spectrogram, low pitches at the bottom; the bars below: how much each moment mattered")
                     .arg(methodTitle(s.method)));
    });
    audioBoxes_ << audioBox;
    col->addWidget(audioBox);
  }
  for (int i = 0; e.ok && i < e.tabular.size(); ++i) {
    const auto& t = e.tabular[i];
    sections_ << QStringLiteral("tabular:") + t.field;
    col->addWidget(sectionTitle(tr("Values · %1").arg(t.field)));
    if (!t.present) {
      col->addWidget(new QLabel(tr("Missing or switched off.")));
      continue;
    }
    QStringList labels;
    for (int k = 0; k < t.features.size(); ++k)
      labels << QStringLiteral("%1 = %2").arg(t.features[k], t.values.value(k).isEmpty() ? tr("missing") : t.values.value(k));
    col->addWidget(new PaintBox(signedBarsHeight(static_cast<int>(labels.size())) + 16, [this, i, labels](QPainter& p, const QRect& r) {
      const auto& tb = explanation_.tabular[i];
      auto s = style();
      const QString m = tb.scores.contains(s.method) ? s.method : QStringLiteral("integrated_gradients");
      QVector<double> v;
      for (float x : tb.scores.value(m)) v << x;
      paintSignedBars(p, r.adjusted(0, 0, 0, -16), labels, v);
      p.setPen(QColor(90, 90, 90));
      p.drawText(QRect(r.x(), r.bottom() - 14, r.width(), 14), Qt::AlignLeft,
                 m == QLatin1String("occlusion") ? tr("Ablation: the change when a value is replaced by the training mean")
                                                 : methodTitle(m));
    }));
  }
  for (int i = 0; e.ok && i < e.attention.size(); ++i) {
    const auto& a = e.attention[i];
    sections_ << QStringLiteral("attention:") + a.node;
    col->addWidget(sectionTitle(tr("Attention in %1 (rows attend to columns)").arg(a.node)));
    col->addWidget(new PaintBox(std::min(420, 80 + 18 * a.weights.rows), [this, i](QPainter& p, const QRect& r) {
      paintAttention(p, r, explanation_.attention[i]);
    }));
  }
  col->addStretch(1);
  scroll_->setWidget(content);
}

}  // namespace fusebench::widgets
