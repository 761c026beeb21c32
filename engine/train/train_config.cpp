#include "train/train_config.h"

#include <cmath>
#include <set>

#include "train/best_checkpoint.h"
#include "util/error_text.h"

namespace fusebench::train {

nlohmann::json TrainConfig::toJson() const {
  return {{"epochs", epochs}, {"batch_size", batch_size}, {"seed", seed}, {"threads", threads},
          {"loader_threads", loader_threads}, {"device", device}, {"precision", precision}, {"optimizer", optimizer}, {"lr", lr},
          {"momentum", momentum}, {"nesterov", nesterov}, {"weight_decay", weight_decay}, {"schedule", schedule},
          {"warmup_steps", warmup_steps}, {"step_epochs", step_epochs}, {"gamma", gamma}, {"grad_clip", grad_clip},
          {"label_smoothing", label_smoothing}, {"class_weights", class_weights}, {"regression_loss", regression_loss},
          {"early_stopping", early_stopping}, {"patience", patience}, {"best_metric", best_metric},
          {"sample_policy", sample_policy},
          {"cache_mb", cache_mb < 0 ? nlohmann::json("auto") : nlohmann::json(cache_mb)}, {"disk_cache", disk_cache}, {"augment", augment}, {"val_fraction", val_fraction},
          {"test_fraction", test_fraction}, {"only_inputs", only_inputs}};
}

namespace {
TrainConfig readTrainConfig(const nlohmann::json& j, Diagnostics& errors) {
  TrainConfig c;
  if (j.is_null()) return c;
  if (!j.is_object()) {
    errors.push_back(Diagnostic{"training", "", "", "training: expected an object", {}, {}});
    return c;
  }
  const std::set<std::string> known = [&] {
    std::set<std::string> k;
    const auto defaults = c.toJson();
    for (auto it = defaults.begin(); it != defaults.end(); ++it) k.insert(it.key());
    return k;
  }();
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!known.count(it.key())) errors.push_back(Diagnostic{"training", "", it.key(), "training: unknown setting '" + it.key() + "'", {}, {}});
  auto bad = [&](const char* key, const std::string& expected) {
    errors.push_back(Diagnostic{"training", "", key, std::string("training.") + key + ": invalid value", expected, j[key].dump()});
  };
  auto num = [&](const char* key, auto& field, double lo, double hi) {
    if (!j.contains(key)) return;
    if (!j[key].is_number() || j[key].get<double>() < lo || j[key].get<double>() > hi)
      return bad(key, "a number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    field = j[key].get<std::decay_t<decltype(field)>>();
  };
  auto choice = [&](const char* key, std::string& field, std::set<std::string> allowed) {
    if (!j.contains(key)) return;
    std::string all;
    for (const auto& a : allowed) all += (all.empty() ? "" : "|") + a;
    if (!j[key].is_string() || !allowed.count(j[key].get<std::string>())) return bad(key, all);
    field = j[key].get<std::string>();
  };
  num("epochs", c.epochs, 1, 100000);
  num("batch_size", c.batch_size, 2, 65536);  // batch normalization cannot train on one sample
  num("seed", c.seed, 0, 1.8e19);
  num("threads", c.threads, 0, 1024);
  num("loader_threads", c.loader_threads, 1, 256);
  num("lr", c.lr, 1e-9, 100);
  num("momentum", c.momentum, 0, 1);
  num("weight_decay", c.weight_decay, 0, 10);
  num("warmup_steps", c.warmup_steps, 0, 1e9);
  num("step_epochs", c.step_epochs, 1, 100000);
  num("gamma", c.gamma, 0, 1);
  num("grad_clip", c.grad_clip, 0, 1e6);
  num("label_smoothing", c.label_smoothing, 0, 0.99);
  num("patience", c.patience, 1, 100000);
  num("val_fraction", c.val_fraction, 0, 0.9);
  num("test_fraction", c.test_fraction, 0, 0.9);
  choice("optimizer", c.optimizer, {"sgd", "adam", "adamw"});
  choice("schedule", c.schedule, {"constant", "step", "cosine", "onecycle"});
  choice("class_weights", c.class_weights, {"none", "balanced"});
  choice("regression_loss", c.regression_loss, {"mse", "huber"});
  choice("early_stopping", c.early_stopping, {"", "val_loss", "val_accuracy"});
  choice("best_metric", c.best_metric, {CheckpointRule::allMetrics().begin(), CheckpointRule::allMetrics().end()});
  choice("sample_policy", c.sample_policy, {"fail", "skip"});
  choice("precision", c.precision, {"fp32", "bf16"});
  if (j.contains("device")) {
    const auto d = j["device"].is_string() ? j["device"].get<std::string>() : "";
    if (d == "cpu" || d.rfind("cuda", 0) == 0) c.device = d;
    else bad("device", "cpu, cuda or cuda:N");
  }
  if (j.contains("nesterov")) {
    if (!j["nesterov"].is_boolean()) bad("nesterov", "true or false");
    else c.nesterov = j["nesterov"].get<bool>();
  }
  if (j.contains("cache_mb")) {
    if (j["cache_mb"] == "auto") c.cache_mb = -1;
    else if (!j["cache_mb"].is_number() || j["cache_mb"].get<double>() < 0 || j["cache_mb"].get<double>() > 1e8)
      bad("cache_mb", "\"auto\" or a number of MiB in [0, 100000000]");
    else c.cache_mb = j["cache_mb"].get<double>();
  }
  if (j.contains("disk_cache")) {
    if (!j["disk_cache"].is_boolean()) bad("disk_cache", "true or false");
    else c.disk_cache = j["disk_cache"].get<bool>();
  }
  if (j.contains("augment")) {
    if (!j["augment"].is_boolean()) bad("augment", "true or false");
    else c.augment = j["augment"].get<bool>();
  }
  if (j.contains("only_inputs")) {
    if (!j["only_inputs"].is_array()) bad("only_inputs", "a list of input fields");
    else
      for (const auto& f : j["only_inputs"]) c.only_inputs.push_back(f.get<std::string>());
  }
  return c;
}
}  // namespace

TrainConfig TrainConfig::fromJson(const nlohmann::json& j, Diagnostics& errors) {
  try {
    return readTrainConfig(j, errors);
  } catch (const nlohmann::json::exception& e) {  // a value of the wrong type or out of range
    errors.push_back(Diagnostic{"training", "", "", "training: " + jsonErrorText(e), {}, {}});
    return TrainConfig{};
  }
}

double learningRate(const TrainConfig& c, int64_t step, int64_t total, int64_t stepsPerEpoch) {
  const double pi = 3.14159265358979323846;
  if (c.schedule == "onecycle") {
    // PyTorch's OneCycleLR (cosine annealing, pct_start 0.3, div_factor 25, final_div_factor 1e4), peak = lr.
    const double initial = c.lr / 25.0, minimum = initial / 1e4;
    const double up = 0.3 * static_cast<double>(total) - 1.0;
    const double s = static_cast<double>(step);
    auto anneal = [&](double from, double to, double pct) { return to + (from - to) / 2.0 * (std::cos(pi * pct) + 1.0); };
    if (s <= up) return anneal(initial, c.lr, up > 0 ? s / up : 1.0);
    const double down = static_cast<double>(total) - 1.0 - up;
    return anneal(c.lr, minimum, down > 0 ? (s - up) / down : 1.0);
  }
  if (step < c.warmup_steps) return c.lr * static_cast<double>(step + 1) / static_cast<double>(c.warmup_steps);
  if (c.schedule == "step") {
    const int64_t epoch = stepsPerEpoch > 0 ? step / stepsPerEpoch : 0;
    return c.lr * std::pow(c.gamma, static_cast<double>(epoch / c.step_epochs));
  }
  if (c.schedule == "cosine") {
    const double span = static_cast<double>(std::max<int64_t>(1, total - c.warmup_steps));
    const double progress = std::min(1.0, static_cast<double>(step - c.warmup_steps) / span);
    return 0.5 * c.lr * (1.0 + std::cos(pi * progress));
  }
  return c.lr;
}

}  // namespace fusebench::train
