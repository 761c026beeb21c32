#include "dataset/engine_media_source.h"

#include <QObject>

#include "engine_text.h"
#include "data/decode/decoders.h"
#include "data/image_window.h"

#include <cmath>
#include "data/splits.h"

namespace fusebench::app {

EngineMediaSource::EngineMediaSource(std::shared_ptr<const data::Dataset> dataset, data::SplitOptions splits)
    : dataset_(std::move(dataset)), splits_(splits) {}

void EngineMediaSource::setGraph(const GraphSpec& graph) {
  // Only the input nodes shape the preprocessing: moving a card or editing an encoder keeps the fitted pipeline.
  std::string inputs;
  for (const auto& n : graph.nodes)
    if (n.type.rfind("input.", 0) == 0) inputs += n.id + " " + n.type + " " + n.params.dump() + "\n";
  std::lock_guard lock(mutex_);
  graph_ = graph;
  hasGraph_ = true;
  if (inputs == inputsKey_) return;
  inputsKey_ = inputs;
  pipeline_.reset();
  pipelineError_.clear();
  pipelineTried_ = false;
}

bool EngineMediaSource::image(const QString& path, widgets::DecodedImage& out, QString& error) const {
  const auto& dec = data::mediaDecoders();
  if (!dec.image) {
    error = QObject::tr("this build has no image decoder");
    return false;
  }
  data::Image img;
  std::string why = dataset_->outsideProblem(path.toStdString());  // never opened: see Dataset::readablePath
  if (!why.empty() || !dec.image(path.toStdString(), img, why)) {
    error = QString::fromStdString(why);
    return false;
  }
  out.width = img.width;
  out.height = img.height;
  out.channels = img.channels;
  out.bitDepth = img.bit_depth;
  out.pixels = QList<float>(img.pixels.begin(), img.pixels.end());
  out.windowCenter = img.window_center;
  out.windowWidth = img.window_width;
  out.valueScale = img.value_scale;
  for (const auto& a : img.attributes)
    out.attributes.append({QString::fromStdString(a.name), QString::fromStdString(a.value), a.identifying});
  out.valueOffset = img.value_offset;
  if (img.value_scale != 0 && img.channels == 1) {
    for (const auto& p : data::windowPresets()) {  // the HU windows in this image's [0, 1] units
      const double a = (p.center - p.width / 2 - img.value_offset) / img.value_scale;
      const double b = (p.center + p.width / 2 - img.value_offset) / img.value_scale;
      QString name = QString::fromLatin1(p.name);
      name[0] = name[0].toUpper();
      name.replace(QLatin1Char('_'), QLatin1Char(' '));
      out.presets.append({QStringLiteral("%1 (L %2, W %3)").arg(name).arg(p.center).arg(p.width), (a + b) / 2, std::abs(b - a)});
    }
  }
  return true;
}

bool EngineMediaSource::audio(const QString& path, widgets::DecodedAudio& out, QString& error) const {
  const auto& dec = data::mediaDecoders();
  if (!dec.audio) {
    error = QObject::tr("this build has no audio decoder");
    return false;
  }
  data::Audio a;
  std::string why = dataset_->outsideProblem(path.toStdString());
  if (!why.empty() || !dec.audio(path.toStdString(), dataset_->description().sample_rate, a, why)) {
    error = QString::fromStdString(why);
    return false;
  }
  out.sampleRate = a.sample_rate;
  out.samples = QList<float>(a.samples.begin(), a.samples.end());
  return true;
}

std::shared_ptr<const data::Pipeline> EngineMediaSource::pipeline(QString& error) const {
  std::lock_guard lock(mutex_);
  if (!pipelineTried_) {
    pipelineTried_ = true;
    if (!hasGraph_) {
      pipelineError_ = QObject::tr("No project graph: the model's preprocessing is not known.");
    } else {
      // Fitted on the training split, as training does (vocabularies and statistics only; cheap).
      const auto splits = data::assignSplits(*dataset_, splits_);
      auto created = data::Pipeline::create(*dataset_, graph_, splits.indices("train"));
      if (created.pipeline) {
        pipeline_ = std::make_shared<const data::Pipeline>(std::move(*created.pipeline));
      } else {
        QStringList reasons;
        for (const auto& e : created.errors) reasons << diagnosticText(e);
        pipelineError_ = QObject::tr("The project's inputs do not fit this dataset: ") + reasons.join(QStringLiteral("; "));
      }
    }
  }
  error = pipelineError_;
  return pipeline_;
}

bool EngineMediaSource::spectrogram(int row, const QString& column, widgets::ModelSpectrogram& out, QString& error) const {
  const auto p = pipeline(error);
  if (!p) return false;
  const auto& bindings = p->bindings();
  std::size_t b = 0;
  for (; b < bindings.size(); ++b)
    if (bindings[b].kind == PortKind::Spectrogram && bindings[b].column == column.toStdString()) break;
  if (b == bindings.size()) {
    error = QObject::tr("The model has no spectrogram input reading column '%1'.").arg(column);
    return false;
  }
  const data::PreparedSample s = p->prepare(*dataset_, static_cast<std::size_t>(row), data::mediaDecoders(), false);
  const data::PreparedField& f = s.fields.at(b);
  if (!f.present || f.values.empty()) {
    error = s.problem.empty() ? QObject::tr("No audio for this sample.") : QString::fromStdString(s.problem);
    return false;
  }
  const nlohmann::json& params = bindings[b].params;
  const int mels = params.value("n_mels", 64);
  if (mels <= 0 || f.values.size() % static_cast<std::size_t>(mels) != 0) {
    error = QObject::tr("Unexpected spectrogram size %1 for %2 mel bands.").arg(f.values.size()).arg(mels);
    return false;
  }
  out.mels = mels;
  out.frames = static_cast<int>(f.values.size() / static_cast<std::size_t>(mels));
  const std::vector<float> values = f.values.toFloat();
  out.values = QList<float>(values.begin(), values.end());
  out.description = QObject::tr("log-mel %1 bands × %2 frames, n_fft %3, hop %4 (input node '%5')")
                        .arg(mels)
                        .arg(out.frames)
                        .arg(params.value("n_fft", 0))
                        .arg(params.value("hop_length", 0))
                        .arg(QString::fromStdString(bindings[b].node));
  return true;
}

}  // namespace fusebench::app
