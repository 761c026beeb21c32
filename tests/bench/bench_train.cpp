// Training steps per second of a compiled graph on fixed synthetic batches (no data loading), for the side-
// by-side comparison with the same architecture in PyTorch (tests/bench/run_train_bench.sh). A step is the
// trainer's: zero the gradients, forward, loss, read the loss, backward, the gradients' norm (the trainer's
// finiteness check and clipping), the optimizer's update.
//   bench_train conv|fusion [--threads N] [--steps N] [--device cpu|cuda[:i]] [--precision fp32|bf16]
//               [--libtorch-adamw] [--ops]
// --precision bf16: the trainer's mixed precision (forward and loss under bfloat16 autocast, float32 weights);
// --libtorch-adamw: libtorch's own AdamW and clip_grad_norm_ instead of the trainer's flat optimizer, to show
// what the flat buffers save; --ops: count the operators one step dispatches.
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>

#include <ATen/record_function.h>

#include "graph/graph_json.h"
#include "model/fusion_model.h"
#include "train/device_support.h"
#include "train/optimizer.h"

using namespace fusebench;

static const char* kConv = R"({"schema_version": 1, "name": "conv", "nodes": [
  {"id": "image", "type": "input.image", "params": {"channels": 1, "height": 28, "width": 28}},
  {"id": "cnn", "type": "image.vgg", "params": {"depth": 2, "convs_per_stage": 2, "width": 32}},
  {"id": "mlp", "type": "block.mlp", "params": {"hidden": [128], "dropout": 0.3}},
  {"id": "head", "type": "head.classification", "params": {"num_classes": 10}}],
  "edges": [{"from": "image.out", "to": "cnn.in"}, {"from": "cnn.features", "to": "mlp.in"}, {"from": "mlp.out", "to": "head.in"}]})";

static const char* kFusion = R"({"schema_version": 1, "name": "fusion", "nodes": [
  {"id": "a", "type": "input.tabular", "params": {"field": "a", "num_numeric": 16}},
  {"id": "b", "type": "input.tabular", "params": {"field": "b", "num_numeric": 16}},
  {"id": "ea", "type": "tabular.mlp", "params": {"hidden": [64]}},
  {"id": "eb", "type": "tabular.mlp", "params": {"hidden": [64]}},
  {"id": "fuse", "type": "fusion.concat"},
  {"id": "mlp", "type": "block.mlp", "params": {"hidden": [64]}},
  {"id": "head", "type": "head.classification", "params": {"num_classes": 4}}],
  "edges": [{"from": "a.out", "to": "ea.in"}, {"from": "b.out", "to": "eb.in"}, {"from": "ea.features", "to": "fuse.in0"},
            {"from": "eb.features", "to": "fuse.in1"}, {"from": "fuse.out", "to": "mlp.in"}, {"from": "mlp.out", "to": "head.in"}]})";

int main(int argc, char** argv) {
  std::string which = argc > 1 ? argv[1] : "conv";
  int threads = 2, steps = 60;
  std::string deviceName = "cpu", precision = "fp32";
  bool countOps = false, libtorchAdamW = false;
  for (int i = 2; i < argc; ++i) {
    const bool hasValue = i + 1 < argc;
    if (!std::strcmp(argv[i], "--ops"))
      countOps = true;
    else if (!std::strcmp(argv[i], "--libtorch-adamw"))
      libtorchAdamW = true;
    else if (!std::strcmp(argv[i], "--threads") && hasValue)
      threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--steps") && hasValue)
      steps = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--device") && hasValue)
      deviceName = argv[++i];
    else if (!std::strcmp(argv[i], "--precision") && hasValue)
      precision = argv[++i];
    else {
      std::cerr << "bench_train: unknown or incomplete option '" << argv[i] << "'\n";
      return 2;
    }
  }
  const torch::Device device(deviceName);
  if (precision != "fp32" && precision != "bf16") {
    std::cerr << "bench_train: --precision is fp32 or bf16, not '" << precision << "'\n";
    return 2;
  }
  if (precision == "bf16" && !train::bf16Refusal(device).empty()) {
    std::cerr << "bench_train: " << train::bf16Refusal(device) << "\n";
    return 1;
  }
  at::set_num_threads(threads);
  torch::manual_seed(0);
  auto g = graphFromText(which == "conv" ? kConv : kFusion);
  auto compiled = compileGraph(*g.graph);
  if (!compiled.ok()) {
    std::cerr << compiled.shapes.errors[0].format() << "\n";
    return 1;
  }
  auto model = compiled.model;
  const int64_t batch = which == "conv" ? 128 : 64;
  model->to(device);
  auto inputs = exampleInputs(*model, batch, 1);
  for (auto& [k, t] : inputs) t = t.to(device);
  auto target = torch::randint(0, which == "conv" ? 10 : 4, {batch}, torch::kLong).to(device);
  train::TrainConfig config;
  config.optimizer = "adamw";
  config.lr = 1e-3;
  config.weight_decay = 1e-4;
  std::unique_ptr<train::TrainingOptimizer> flat;
  std::unique_ptr<torch::optim::AdamW> plain;
  if (libtorchAdamW)
    plain = std::make_unique<torch::optim::AdamW>(model->parameters(), torch::optim::AdamWOptions(1e-3).weight_decay(1e-4));
  else
    flat = std::make_unique<train::TrainingOptimizer>(config, model->parameters());
  model->train();
  auto step = [&] {
    if (plain)
      plain->zero_grad();
    else
      flat->zeroGrad();
    torch::Tensor loss;
    {
      train::AutocastScope autocast(precision == "bf16", device);
      loss = torch::nn::functional::cross_entropy(model->forward(inputs).prediction.to(torch::kFloat), target);
    }
    const double value = loss.item<double>();
    loss.backward();
    const double norm = plain ? torch::nn::utils::clip_grad_norm_(model->parameters(), 1e30) : flat->clipGradNorm(0);
    if (!std::isfinite(norm)) std::abort();
    if (plain)
      plain->step();
    else
      flat->step();
    return value;
  };
  for (int i = 0; i < 5; ++i) step();
  if (countOps) {  // --ops: which operators one step dispatches (all threads, nested calls included)
    static std::mutex mu;
    static std::map<std::string, int> counts;
    auto handle = at::addGlobalCallback(at::RecordFunctionCallback([](const at::RecordFunction& fn) -> std::unique_ptr<at::ObserverContext> {
      std::lock_guard<std::mutex> lock(mu);
      ++counts[fn.name()];
      return nullptr;
    }));
    step();
    at::removeCallback(handle);
    int total = 0;
    for (const auto& [name, n] : counts) total += n;
    std::multimap<int, std::string, std::greater<>> byCount;
    for (const auto& [name, n] : counts) byCount.emplace(n, name);
    std::cerr << total << " op records per step\n";
    for (const auto& [n, name] : byCount) std::cerr << "  " << n << "  " << name << "\n";
  }
  const auto t0 = std::chrono::steady_clock::now();
  double last = 0;
  for (int i = 0; i < steps; ++i) last = step();  // item() synchronizes, so the time includes the device work
  (void)last;
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "{\"framework\": \"fusebench\", \"device\": \"" << deviceName << "\", \"model\": \"" << which
            << "\", \"precision\": \"" << precision << "\", \"threads\": " << threads
            << ", \"batch\": " << batch << ", \"optimizer\": \"" << (libtorchAdamW ? "libtorch" : "flat")
            << "\", \"steps_per_s\": " << steps / s << "}\n";
  return 0;
}
