#include "explain/explain_adapter.h"

#include <QImageReader>

#include <algorithm>
#include <cctype>

namespace fusebench::app {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

// Whether each token follows the one before it in the note without white space between them (Chinese words,
// a word's subword pieces): the chips are then drawn touching, so the text reads as it was written.
QVector<bool> joinedTokens(const explain::TextAttribution& t) {
  QVector<bool> out(static_cast<int>(t.tokens.size()), false);
  for (std::size_t i = 1; i < t.tokens.size() && i < t.spans.size(); ++i) {
    const auto [prevBegin, prevEnd] = t.spans[i - 1];
    const auto [begin, end] = t.spans[i];
    if (prevBegin == prevEnd || begin == end || begin < prevEnd || end > t.text.size()) continue;  // added by the tokenizer
    bool space = false;
    for (std::size_t b = prevEnd; b < begin; ++b) space = space || std::isspace(static_cast<unsigned char>(t.text[b]));
    out[static_cast<int>(i)] = !space && begin - prevEnd <= 3;  // at most a dropped punctuation mark between them
  }
  return out;
}

QStringList list(const std::vector<std::string>& v) {
  QStringList out;
  for (const auto& s : v) out << q(s);
  return out;
}

QVector<float> floats(const std::vector<float>& v) { return QVector<float>(v.begin(), v.end()); }

widgets::HeatMap heat(const explain::Map2D& m) {
  widgets::HeatMap h;
  h.rows = static_cast<int>(m.rows);
  h.cols = static_cast<int>(m.cols);
  h.values = floats(m.values);
  return h;
}

template <class M>
QMap<QString, widgets::HeatMap> heats(const M& maps) {
  QMap<QString, widgets::HeatMap> out;
  for (const auto& [k, v] : maps) out[q(k)] = heat(v);
  return out;
}

template <class M>
QMap<QString, QVector<float>> vectors(const M& maps) {
  QMap<QString, QVector<float>> out;
  for (const auto& [k, v] : maps) out[q(k)] = floats(v);
  return out;
}

// C*H*W floats in [0, 1] -> an 8-bit picture (gray or RGB).
QImage picture(const explain::ImageAttribution& img) {
  const int H = static_cast<int>(img.height), W = static_cast<int>(img.width), C = static_cast<int>(img.channels);
  if (img.pixels.size() < static_cast<std::size_t>(C * H * W) || H == 0 || W == 0) return {};
  QImage out(W, H, QImage::Format_RGB32);
  auto at = [&](int c, int y, int x) {
    return static_cast<int>(255.0f * std::clamp(img.pixels[static_cast<std::size_t>((c * H + y) * W + x)], 0.0f, 1.0f) + 0.5f);
  };
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      const int r = at(0, y, x), g = C >= 3 ? at(1, y, x) : r, b = C >= 3 ? at(2, y, x) : r;
      out.setPixel(x, y, qRgb(r, g, b));
    }
  return out;
}

}  // namespace

widgets::ExplanationData toViewData(const explain::Explanation& e) {
  widgets::ExplanationData d;
  d.ok = e.ok;
  d.error = q(e.error);
  if (!e.ok) return d;
  d.model = q(e.model);
  d.run = q(e.bundle);
  d.dataset = q(e.dataset);
  d.sample = q(e.sample);
  d.task = q(e.task);
  d.attributionScore = q(e.attribution_score);
  d.imageBaseline = q(e.image_baseline);
  d.audioBaseline = q(e.audio_baseline);
  d.row = static_cast<int>(e.row);
  d.classes = list(e.classes);
  d.scores = floats(e.scores);
  d.predicted = static_cast<int>(e.predicted);
  d.target = static_cast<int>(e.target);
  d.label = static_cast<int>(e.label);
  d.calibrated = e.calibrated;
  d.temperature = e.temperature;
  d.normalizedEntropy = e.normalized_entropy;
  d.unsure = e.unsure;
  for (const auto& s : e.spreads) {
    const auto top = static_cast<std::size_t>(std::max<int64_t>(0, s.top));
    d.spreads.append({q(s.kind), s.members, s.agree, static_cast<int>(s.top), top < s.mean.size() ? s.mean[top] : 0.0,
                      top < s.stddev.size() ? s.stddev[top] : 0.0});
  }
  d.f = e.f;
  d.fBaseline = e.f_baseline;
  d.igTotal = e.ig_total;
  d.igSteps = e.ig_steps;
  d.pNone = e.p_none;
  d.masked = list(e.masked);
  for (const auto& [k, v] : e.overrides) d.overrides[q(k)] = q(v);
  d.notes = list(e.notes);
  d.milliseconds = e.milliseconds.count("total") ? e.milliseconds.at("total") : 0.0;
  d.when = QDateTime::currentDateTime();
  for (const auto& c : e.similar_cases) {
    widgets::SimilarCaseData x;
    x.row = static_cast<int>(c.row);
    x.id = q(c.id), x.label = q(c.label), x.text = q(c.text), x.image = q(c.image);
    x.similarity = c.similarity;
    if (!c.image.empty()) {  // a small thumbnail, read here on the worker thread
      QImageReader reader(x.image);
      const QSize size = reader.size();
      if (size.isValid()) reader.setScaledSize(size.scaled(80, 80, Qt::KeepAspectRatio));
      x.thumbnail = reader.read();
    }
    d.similarCases << x;
  }
  for (const auto& i : e.images) {
    widgets::ImageExplanationData x;
    x.field = q(i.field), x.column = q(i.column), x.source = q(i.source), x.present = i.present;
    x.image = picture(i);
    x.original = QSize(static_cast<int>(i.original_width), static_cast<int>(i.original_height));
    x.maps = heats(i.maps);
    x.gradcamLayer = q(i.gradcam_layer);
    for (const auto& l : i.gradcam_layers)
      x.gradcamLayers << q(l.name), x.gradcamLayerSizes << QStringLiteral("%1 × %2").arg(l.height).arg(l.width);
    d.images << x;
  }
  for (const auto& t : e.texts) {
    widgets::TextExplanationData x;
    x.field = q(t.field), x.column = q(t.column), x.text = q(t.text), x.present = t.present;
    x.tokens = list(t.tokens);
    x.joined = joinedTokens(t);
    for (bool k : t.known) x.known << k;
    x.scores = vectors(t.scores);
    d.texts << x;
  }
  for (const auto& a : e.audios) {
    widgets::AudioExplanationData x;
    x.field = q(a.field), x.column = q(a.column), x.source = q(a.source), x.present = a.present, x.spectrogram = a.spectrogram;
    x.sampleRate = static_cast<int>(a.sample_rate), x.seconds = a.seconds, x.secondsPerFrame = a.seconds_per_frame;
    x.input = heat(a.input);
    x.waveform = floats(a.waveform);
    x.maps = heats(a.maps);
    x.overTime = vectors(a.over_time);
    d.audios << x;
  }
  for (const auto& t : e.tabular) {
    widgets::TabularExplanationData x;
    x.field = q(t.field), x.present = t.present;
    x.features = list(t.features), x.values = list(t.values);
    x.scores = vectors(t.scores);
    d.tabular << x;
  }
  for (const auto& m : e.modalities)
    d.modalities << widgets::ModalityContributionData{q(m.field), q(m.kind), q(m.column), m.present, m.removal, m.shapley};
  for (const auto& a : e.attention) d.attention << widgets::AttentionData{q(a.node), list(a.queries), list(a.keys), heat(a.weights)};
  for (const auto& w : e.fusion_weights) d.fusionWeights << widgets::FusionWeightsData{q(w.node), q(w.kind), list(w.modalities), floats(w.values)};
  return d;
}

QVector<widgets::ModalityData> toViewData(const std::vector<explain::ModalityInfo>& modalities) {
  QVector<widgets::ModalityData> out;
  for (const auto& m : modalities) out << widgets::ModalityData{q(m.field), q(m.kind), q(m.column), list(m.columns)};
  return out;
}

}  // namespace fusebench::app
