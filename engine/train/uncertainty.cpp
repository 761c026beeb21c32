#include "train/uncertainty.h"

#include <cmath>
#include <cstdio>

namespace fusebench::train {

namespace {
constexpr double kUnsureTop = 0.6, kUnsureEntropy = 0.5;

std::string percent(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100 * p);
  return buf;
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

}  // namespace fusebench::train
