#pragma once
// What the explanation view shows, as plain Qt values (app/ converts the engine's Explanation into these).
#include <QDateTime>
#include <QImage>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

namespace fusebench::widgets {

struct HeatMap {
  int rows = 0, cols = 0;
  QVector<float> values;  // row-major
  bool isEmpty() const { return values.isEmpty(); }
  float at(int r, int c) const { return values[r * cols + c]; }
};

struct ImageExplanationData {
  QString field, column, source;
  bool present = false;
  QImage image;       // the picture as the model saw it (model resolution, before normalization)
  QSize original;     // the file's size
  QMap<QString, HeatMap> maps;  // method -> map at model resolution
  QString gradcamLayer;
  QStringList gradcamLayers;      // "stage2": every layer Grad-CAM could use, shallow to deep
  QStringList gradcamLayerSizes;  // "8 × 8", one per layer
};

struct TextExplanationData {
  QString field, column, text;
  bool present = false;
  QStringList tokens;
  QVector<bool> joined;  // token i follows token i-1 with no space in the text (CJK words, subword pieces)
  QVector<bool> known;
  QMap<QString, QVector<float>> scores;  // method -> per token
};

struct AudioExplanationData {
  QString field, column, source;
  bool present = false, spectrogram = true;
  int sampleRate = 0;
  double seconds = 0, secondsPerFrame = 0;
  HeatMap input;             // log-mel [mels, frames]
  QVector<float> waveform;
  QMap<QString, HeatMap> maps;             // method -> [mels, frames]
  QMap<QString, QVector<float>> overTime;  // method -> per frame
};

struct TabularExplanationData {
  QString field;
  bool present = false;
  QStringList features, values;
  QMap<QString, QVector<float>> scores;
};

struct ModalityContributionData {
  QString field, kind, column;
  bool present = false;
  double removal = 0, shapley = 0;
};

struct AttentionData {
  QString node;
  QStringList queries, keys;
  HeatMap weights;
};

struct FusionWeightsData {
  QString node, kind;
  QStringList modalities;
  QVector<float> values;
};

// One modality the model reads (for the what-if switches).
struct ModalityData {
  QString field, kind, column;
  QStringList columns;  // every column the input reads (tabular: several)
};

// A training sample close to the explained one (by the model's fused representation).
struct SimilarCaseData {
  int row = -1;
  QString id, label, text, image;  // image: the file of its first image column
  double similarity = 0;           // cosine
  QImage thumbnail;                // loaded off the GUI thread; null when there is no image or it cannot be read
};

// How far repeated answers spread: Monte-Carlo dropout passes or an ensemble's members.
struct SpreadData {
  QString kind;  // "mc_dropout" | "ensemble"
  int members = 0, agree = 0, top = -1;  // `agree` members answer `top`, the class of the mean
  double mean = 0, stddev = 0;           // the probability of `top`
};

struct ExplanationData {
  bool ok = false;
  QString error;
  QString model, run, dataset, sample, task, attributionScore, imageBaseline, audioBaseline;
  int row = -1;
  QStringList classes;
  QVector<float> scores;
  int predicted = -1, target = -1, label = -1;
  bool calibrated = false;  // scores are divided by the bundle's temperature before the softmax
  double temperature = 1, normalizedEntropy = 0;
  bool unsure = false;
  QVector<SpreadData> spreads;  // Monte-Carlo dropout / ensemble (sentences: explanation_sentences.h)
  double f = 0, fBaseline = 0, igTotal = 0, pNone = 0;
  int igSteps = 0;
  QStringList masked;
  QMap<QString, QString> overrides;
  QVector<ImageExplanationData> images;
  QVector<TextExplanationData> texts;
  QVector<AudioExplanationData> audios;
  QVector<TabularExplanationData> tabular;
  QVector<ModalityContributionData> modalities;
  QVector<AttentionData> attention;
  QVector<FusionWeightsData> fusionWeights;
  QVector<SimilarCaseData> similarCases;
  QStringList notes;
  double milliseconds = 0;
  QDateTime when;
  double targetProbability() const { return target >= 0 && target < scores.size() ? scores[target] : 0.0; }
  QString className(int i) const { return i >= 0 && i < classes.size() ? classes[i] : QString(); }
};

// Method identifiers (as the engine names them) and their titles.
QStringList explanationMethods();
QString methodTitle(const QString& method);
// "image", "text", "audio", "tabular" as the reader says them.
QString modalityKindName(const QString& kind);
bool methodIsSigned(const QString& method);  // signed: for (red) and against (blue) the class

}  // namespace fusebench::widgets
