#pragma once
// Drawing of explanations, shared by the on-screen view and the PDF case report (any QPainter device):
// heat-map overlays with their legend, tokens shaded by attribution, spectrograms with attributions and a
// time curve, signed bar charts, probability bars and attention heat maps.
#include <QColor>
#include <QCoreApplication>
#include <QPainter>
#include <QRect>

#include "explain/explanation_data.h"

namespace fusebench::widgets {

// Translation context "ExplainPainting" for what the drawings write (legends, method names, units).
struct ExplainPainting {
  Q_DECLARE_TR_FUNCTIONS(ExplainPainting)
};

enum class ColorMap { Inferno, Jet, Viridis, Gray };
QStringList colorMapNames();
ColorMap colorMapFromName(const QString& name);

// t in [0, 1] through an unsigned colour map.
QColor mapColor(ColorMap map, double t);
// v in [-1, 1]: blue (against) - white - red (for).
QColor divergingColor(double v);

struct OverlayStyle {
  QString method;
  ColorMap map = ColorMap::Inferno;
  double opacity = 0.6;
};

// The map as an ARGB image: signed methods diverge around 0 and fade to transparent at 0; unsigned ones go
// through the colour map, transparent at 0. Scaled by the largest magnitude (mapPeak).
QImage heatImage(const HeatMap& m, const OverlayStyle& style);

// The largest finite magnitude of a map (what its legend's ends stand for).
float mapPeak(const HeatMap& m);

// The picture (aspect kept, centred in `r`) with the heat map over it; returns the picture's rectangle.
QRect paintImageOverlay(QPainter& p, const QRect& r, const QImage& image, const HeatMap* map, const OverlayStyle& style);
// A colour bar with its meaning: "against ← 0 → for" (signed) or "0 … max" (unsigned).
void paintLegend(QPainter& p, const QRect& r, const OverlayStyle& style, float peak);

// Tokens as boxes shaded by their attribution, wrapped to r's width; unknown words in italics. Returns the
// boxes (for tooltips) and the height used. `joined[i]`: token i was written right after token i-1 (no space), so
// their boxes touch and a Chinese sentence or a word's pieces read as written.
QVector<QRect> paintTokens(QPainter& p, const QRect& r, const QStringList& tokens, const QVector<bool>& known,
                           const QVector<float>& scores, bool signedScores, int* height = nullptr,
                           const QVector<bool>& joined = {});

// Spectrogram (low frequencies at the bottom) with the attribution over it, the per-frame curve below, and
// a cursor at `cursorSeconds` (< 0: none).
void paintSpectrogram(QPainter& p, const QRect& r, const AudioExplanationData& a, const OverlayStyle& style,
                      double cursorSeconds);

// Horizontal signed bars: a label column, bars around a zero line, values at the bar ends.
void paintSignedBars(QPainter& p, const QRect& r, const QStringList& labels, const QVector<double>& values,
                     const QStringList& annotations = {});
int signedBarsHeight(int count);

// Class probabilities, largest first (at most `top`), the predicted class bold, the true label marked.
void paintProbabilities(QPainter& p, const QRect& r, const ExplanationData& e, int top);

// Attention weights [queries x keys] as a heat map with labels.
void paintAttention(QPainter& p, const QRect& r, const AttentionData& a);

// Similar training cases, one row each: thumbnail, id, class, similarity and a text snippet.
void paintSimilarCases(QPainter& p, const QRect& r, const QVector<SimilarCaseData>& cases);
int similarCasesHeight(int count);

}  // namespace fusebench::widgets
