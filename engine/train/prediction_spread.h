#pragma once
// Monte-Carlo dropout (the same model, its dropout layers left on, N passes; Gal and Ghahramani 2016).
// The spread it gives is PredictionSpread (train/uncertainty.h). Torch side.
#include <optional>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "data/dataset_description.h"
#include "train/uncertainty.h"
#include "model/fusion_model.h"

namespace fusebench::train {

// Monte-Carlo dropout on a prepared batch of one: `passes` rows through the model with its dropout layers in
// training mode (batch norm and everything else stay in eval), seeded (the global generator is restored
// afterwards). Nothing when the model has no dropout layer with p > 0.
std::optional<PredictionSpread> monteCarloDropout(FusionModelImpl& model, const TensorMap& inputs, data::TargetTask task,
                                                  double temperature, int passes, uint64_t seed,
                                                  const std::vector<std::string>& classes);

}  // namespace fusebench::train
