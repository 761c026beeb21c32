#include "train/prediction_spread.h"

#include <cmath>
#include <cstdio>
#include <mutex>

#include "train/output_scores.h"

namespace fusebench::train {

namespace {

// The dropout layers of the model (nn::Dropout with p > 0), whatever node they sit in.
std::vector<torch::nn::Module*> dropoutLayers(FusionModelImpl& model) {
  std::vector<torch::nn::Module*> out;
  for (const auto& m : model.modules(/*include_self=*/false))
    if (auto* d = dynamic_cast<torch::nn::DropoutImpl*>(m.get()); d && d->options.p() > 0) out.push_back(d);
  return out;
}

}  // namespace

std::optional<PredictionSpread> monteCarloDropout(FusionModelImpl& model, const TensorMap& inputs, data::TargetTask task,
                                                  double temperature, int passes, uint64_t seed,
                                                  const std::vector<std::string>& classes) {
  if (passes < 2 || task != data::TargetTask::Classification) return std::nullopt;
  const auto layers = dropoutLayers(model);
  if (layers.empty()) return std::nullopt;
  TensorMap batch;
  for (const auto& [name, t] : inputs) {
    auto sizes = t.sizes().vec();
    sizes[0] = passes;
    batch[name] = t.expand(sizes).contiguous();  // each row gets its own dropout masks
  }
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  torch::Tensor saved;
  {
    std::lock_guard<std::mutex> lock(generator.mutex());
    saved = generator.get_state();
    generator.set_current_seed(seed + 7919);
  }
  torch::Tensor p;
  try {
    torch::NoGradGuard noGrad;
    for (auto* l : layers) l->train(true);
    p = outputScores(model.forward(batch).prediction, task, temperature).to(torch::kFloat).contiguous();
  } catch (...) {
    for (auto* l : layers) l->train(false);
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(saved);
    throw;
  }
  for (auto* l : layers) l->train(false);
  {
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(saved);
  }
  std::vector<std::vector<float>> rows;
  const int64_t k = p.size(1);
  for (int64_t r = 0; r < passes; ++r) rows.emplace_back(p[r].data_ptr<float>(), p[r].data_ptr<float>() + k);
  return spreadOf("mc_dropout", rows, classes);
}

}  // namespace fusebench::train
