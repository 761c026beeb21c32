#include "train/uncertainty.h"

#include <cmath>
#include <algorithm>
#include <cstdio>

namespace fusebench::train {

namespace {
constexpr double kUnsureTop = 0.6, kUnsureEntropy = 0.5;

std::string percent(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100 * p);
  return buf;
}
double entropy(const float* p, std::size_t k) {
  double h = 0;
  for (std::size_t j = 0; j < k; ++j)
    if (p[j] > 0) h -= p[j] * std::log(static_cast<double>(p[j]));
  return h;
}
}  // namespace

nlohmann::json PredictionCertainty::toJson() const {
  nlohmann::json j = {{"entropy", entropy}, {"normalized_entropy", normalized_entropy}, {"top_probability", top},
                      {"margin", top - second}, {"unsure", unsure}};
  if (!sentence.empty()) j["sentence"] = sentence;
  return j;
}

PredictionCertainty predictionCertainty(const std::vector<float>& p, const std::vector<std::string>& classes) {
  PredictionCertainty c;
  if (p.empty()) return c;
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (p[k] > 0) c.entropy -= p[k] * std::log(static_cast<double>(p[k]));
    if (p[k] > p[c.top_class]) c.top_class = k;
  }
  c.top = p[c.top_class];
  c.second_class = c.top_class == 0 && p.size() > 1 ? 1 : 0;
  for (std::size_t k = 0; k < p.size(); ++k)
    if (k != c.top_class && p[k] > p[c.second_class]) c.second_class = k;
  c.second = p.size() > 1 ? p[c.second_class] : 0;
  c.normalized_entropy = p.size() > 1 ? c.entropy / std::log(static_cast<double>(p.size())) : 0;
  c.unsure = p.size() > 1 && (c.top < kUnsureTop || c.normalized_entropy >= kUnsureEntropy);
  if (c.unsure) {
    auto name = [&](std::size_t k) { return k < classes.size() ? "'" + classes[k] + "'" : "class " + std::to_string(k); };
    c.sentence = "The model is unsure: it gives " + name(c.top_class) + " " + percent(c.top) + " and " +
                 name(c.second_class) + " " + percent(c.second) + ".";
  }
  return c;
}

nlohmann::json PredictionSpread::toJson() const {
  nlohmann::json j = {{"kind", kind},   {"members", members}, {"mean", mean},           {"stddev", stddev},
                      {"top", top},     {"agree", agree},     {"mutual_information", mutual_information},
                      {"sentence", sentence}};
  if (!models.empty()) j["models"] = models;
  return j;
}

PredictionSpread spreadOf(const std::string& kind, const std::vector<std::vector<float>>& probabilities,
                          const std::vector<std::string>& classes) {
  PredictionSpread s;
  s.kind = kind;
  s.members = static_cast<int>(probabilities.size());
  if (probabilities.empty() || probabilities[0].empty()) return s;
  const std::size_t k = probabilities[0].size();
  s.mean.assign(k, 0.f);
  s.stddev.assign(k, 0.f);
  double meanEntropy = 0;
  for (const auto& p : probabilities) {
    for (std::size_t j = 0; j < k; ++j) s.mean[j] += p[j] / static_cast<float>(probabilities.size());
    meanEntropy += entropy(p.data(), k) / static_cast<double>(probabilities.size());
  }
  for (const auto& p : probabilities)
    for (std::size_t j = 0; j < k; ++j) s.stddev[j] += (p[j] - s.mean[j]) * (p[j] - s.mean[j]) / static_cast<float>(probabilities.size());
  for (auto& v : s.stddev) v = std::sqrt(v);
  s.top = std::max_element(s.mean.begin(), s.mean.end()) - s.mean.begin();
  for (const auto& p : probabilities) s.agree += (std::max_element(p.begin(), p.end()) - p.begin()) == s.top;
  s.mutual_information = std::max(0.0, entropy(s.mean.data(), k) - meanEntropy);
  const std::string name = s.top < static_cast<int64_t>(classes.size()) ? "'" + classes[static_cast<std::size_t>(s.top)] + "'" : "class " + std::to_string(s.top);
  const std::string range = percent(s.mean[static_cast<std::size_t>(s.top)]) + " ± " + percent(s.stddev[static_cast<std::size_t>(s.top)]);
  s.sentence = kind == "ensemble"
                   ? std::to_string(s.agree) + " of " + std::to_string(s.members) + " separately trained models answer " + name +
                         " (on average " + range + ")."
                   : "Asked " + std::to_string(s.members) + " times with parts of the model switched off at random, it answers " +
                         name + " in " + std::to_string(s.agree) + " of " + std::to_string(s.members) + " (probability " + range + ").";
  return s;
}

}  // namespace fusebench::train
