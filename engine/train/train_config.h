#pragma once
// A training recipe: the project's "training" section. Plain types; every field has a default, every
// bad value is reported with its name.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "graph/diagnostic.h"

namespace fusebench::train {

struct TrainConfig {
  int64_t epochs = 10;
  int64_t batch_size = 64;
  uint64_t seed = 42;
  int threads = 0;         // intra-op threads for the model; 0 = every core
  int loader_threads = 2;  // decoding threads
  std::string device = "cpu";
  std::string precision = "fp32";  // fp32 | bf16 (autocast on CUDA, or on a CPU with AVX512-BF16 or AMX)

  std::string optimizer = "adamw";  // sgd | adam | adamw
  double lr = 1e-3;
  double momentum = 0.9;  // sgd
  bool nesterov = false;  // sgd
  double weight_decay = 1e-4;
  std::string schedule = "cosine";  // constant | step | cosine | onecycle
  int64_t warmup_steps = 0;         // linear warm-up (constant, step, cosine)
  int64_t step_epochs = 10;         // step: multiply by gamma every step_epochs epochs
  double gamma = 0.1;
  double grad_clip = 0.0;           // max global L2 norm; 0 = off

  double label_smoothing = 0.0;          // classification
  std::string class_weights = "none";    // none | balanced (inverse training frequency)
  std::string regression_loss = "mse";   // mse | huber
  std::string early_stopping = "";       // "" (off) | val_loss | val_accuracy
  int64_t patience = 5;
  // Which checkpoint is "best" (ties broken by the lower val_loss): auto (val_accuracy for classification,
  // else val_loss) | val_loss | val_accuracy | val_macro_f1 | val_balanced_accuracy | val_roc_auc | val_mae |
  // val_rmse | val_r2.
  std::string best_metric = "auto";

  std::string sample_policy = "fail";  // fail | skip
  // Memory cache of prepared samples, in MiB; -1 ("auto"): none while the disk cache is used (the kernel's
  // page cache already keeps its hot shards in RAM, and gives them back under pressure), else a quarter
  // of the machine's RAM.
  double cache_mb = -1;  // MiB (fractions allowed); < 0: auto
  bool disk_cache = true;  // prepared samples of media inputs kept in <dataset>/.fusebench-cache
  bool augment = false;
  double val_fraction = 0.1, test_fraction = 0.1;  // when the dataset has no split column
  std::vector<std::string> only_inputs;  // ablation: every other input field is masked as missing

  nlohmann::json toJson() const;
  // Reads what is present, keeps defaults for the rest; unknown keys and bad values become errors.
  static TrainConfig fromJson(const nlohmann::json& j, Diagnostics& errors);
};

// Learning rate at optimizer step `step` (0-based) of `total` steps.
double learningRate(const TrainConfig& c, int64_t step, int64_t total, int64_t steps_per_epoch);

}  // namespace fusebench::train
