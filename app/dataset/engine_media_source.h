#pragma once
// The dataset browser's media, decoded by the engine's own decoders (OpenCV, libsndfile), so the browser
// shows exactly what training reads; the spectrogram comes from the project's preprocessing pipeline,
// fitted on the training split like training does. Thread-safe: the browser calls it from workers.
#include <memory>
#include <mutex>
#include <optional>

#include "data/dataset.h"
#include "data/splits.h"
#include "data/pipeline.h"
#include "dataset/media_source.h"
#include "graph/graph_spec.h"

namespace fusebench::app {

class EngineMediaSource : public widgets::SampleMediaSource {
 public:
  explicit EngineMediaSource(std::shared_ptr<const data::Dataset> dataset, data::SplitOptions splits = {});
  // The graph whose input nodes define the spectrogram settings; the pipeline is rebuilt lazily.
  void setGraph(const GraphSpec& graph);

  bool image(const QString& path, widgets::DecodedImage& out, QString& error) const override;
  bool audio(const QString& path, widgets::DecodedAudio& out, QString& error) const override;
  bool spectrogram(int row, const QString& column, widgets::ModelSpectrogram& out, QString& error) const override;

 private:
  std::shared_ptr<const data::Pipeline> pipeline(QString& error) const;

  std::shared_ptr<const data::Dataset> dataset_;
  data::SplitOptions splits_;  // the project's: the pipeline is fitted on its training split
  mutable std::mutex mutex_;
  GraphSpec graph_;
  bool hasGraph_ = false;
  mutable std::shared_ptr<const data::Pipeline> pipeline_;
  mutable QString pipelineError_;
  mutable bool pipelineTried_ = false;
  std::string inputsKey_;  // the input nodes the pipeline was made for
};

}  // namespace fusebench::app
