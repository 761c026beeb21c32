#pragma once
// The explanation page: one prediction explained across all its modalities. Left: the probabilities, each
// modality's contribution, the what-if switches (modalities off, text edited) and the fusion internals.
// Right: each modality with its attribution (image overlay beside the original, tokens shaded, spectrogram
// with the moments that mattered and playback, tabular bars) and the attention map. The view computes
// nothing: app/ explains off the GUI thread and calls setExplanation().
#include <QMap>
#include <QWidget>

#include "explain/explain_painting.h"
#include "explain/explanation_data.h"

class QAudioOutput;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMediaPlayer;
class QPushButton;
class QScrollArea;
class QSlider;
class QVBoxLayout;

namespace fusebench::widgets {

class ExplanationView : public QWidget {
  Q_OBJECT
 public:
  explicit ExplanationView(QWidget* parent = nullptr);
  ~ExplanationView() override;

  // The modalities of the model in use (builds the what-if switches); clears the shown explanation.
  void setModel(const QString& title, const QVector<ModalityData>& modalities, const QStringList& classes);
  void setExplanation(const ExplanationData& e);
  void setBusy(const QString& message);  // "Explaining sample 12…" while a job runs
  const ExplanationData& explanation() const { return explanation_; }

  OverlayStyle style() const;
  void setMethod(const QString& method);
  void setOpacity(double opacity);  // 0 … 1

  // What-if state the next explanation should use.
  QStringList maskedFields() const;
  QMap<QString, QString> textOverrides() const;
  int requestedTarget() const;  // -1: the predicted class
  // The Grad-CAM layer chosen ("stage2"), "" for the automatic choice; kept from one sample to the next.
  QString requestedGradcamLayer() const;
  QComboBox* gradcamLayerBox() const { return camLayer_; }
  // Every modality on, texts as recorded, the predicted class: for a new sample (emits nothing).
  void resetWhatIf();

  QComboBox* methodBox() const { return method_; }
  QSlider* opacitySlider() const { return opacity_; }
  QCheckBox* modalitySwitch(const QString& field) const { return switches_.value(field); }
  QLineEdit* textEditor(const QString& field) const { return editors_.value(field); }
  QPushButton* playButton(const QString& field) const { return playButtons_.value(field); }
  QPushButton* exportButton() const { return export_; }
  QLabel* headline() const { return headline_; }
  // Sections shown for the current explanation, e.g. "image:image", "text:title", "audio:audio",
  // "tabular:tabular", "attention:fuse" (for tests).
  QStringList sections() const { return sections_; }
  QMediaPlayer* player() const { return player_; }

 Q_SIGNALS:
  void whatIfChanged();          // a switch or a text edit changed: explain again
  void targetChanged(int target);
  void exportReportRequested();

 private:
  void rebuild();
  void restyle();
  void play(const QString& field, const QString& path);

  ExplanationData explanation_;
  QVector<ModalityData> modalities_;
  QLabel* headline_ = nullptr;
  QLabel* status_ = nullptr;
  QComboBox* target_ = nullptr;
  QComboBox* method_ = nullptr;
  QComboBox* camLayer_ = nullptr;
  QString chosenCamLayer_;  // survives the combo's refill for each explanation
  void fillCamLayers();
  QComboBox* colors_ = nullptr;
  QSlider* opacity_ = nullptr;
  QPushButton* export_ = nullptr;
  QWidget* side_ = nullptr;
  QVBoxLayout* whatIf_ = nullptr;
  QScrollArea* scroll_ = nullptr;
  QMap<QString, QCheckBox*> switches_;
  QMap<QString, QLineEdit*> editors_;
  QMap<QString, QPushButton*> playButtons_;
  QList<QWidget*> audioBoxes_;  // repainted as the playback cursor moves
  QStringList sections_;
  QMediaPlayer* player_ = nullptr;
  QAudioOutput* audioOut_ = nullptr;
  QString playing_;     // field being played
  double cursor_ = -1;  // seconds
  bool updatingTarget_ = false;
};

}  // namespace fusebench::widgets
