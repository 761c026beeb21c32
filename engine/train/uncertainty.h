#pragma once
// How sure one prediction is, in numbers and in a sentence a domain expert can read. Plain values, no torch.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fusebench::train {

struct PredictionCertainty {
  double entropy = 0;             // predictive entropy of the probabilities, in nats
  double normalized_entropy = 0;  // entropy / log(classes): 0 = certain, 1 = every class equally likely
  double top = 0, second = 0;     // the two largest probabilities
  std::size_t top_class = 0, second_class = 0;
  bool unsure = false;            // top < 0.6, or normalized entropy >= 0.5
  // Set when unsure: "The model is unsure: it gives 'pneumonia' 52% and 'normal' 41%."
  std::string sentence;
  nlohmann::json toJson() const;
};

// How much a prediction moves when the model is asked again in a slightly different form: Monte-Carlo
// dropout (prediction_spread.h) or an ensemble of separately trained models the user picked. The mean
// probabilities, their spread per class, how often the passes or members agree on the top class, and the
// mutual information between answer and pass (the part of the entropy that disagreement causes).
struct PredictionSpread {
  std::string kind;  // "mc_dropout" | "ensemble"
  int members = 0;   // passes or models
  std::vector<std::string> models;  // ensemble: each member's bundle
  std::vector<float> mean, stddev;  // per class
  int64_t top = -1;                 // argmax of the mean
  int agree = 0;                    // members whose own top class is `top`
  double mutual_information = 0;    // entropy(mean) - mean(entropy), nats
  std::string sentence;             // plain words, with the class names
  nlohmann::json toJson() const;
};

// From each member's probabilities (all of the same classes). `kind` as above.
PredictionSpread spreadOf(const std::string& kind, const std::vector<std::vector<float>>& probabilities,
                          const std::vector<std::string>& classes);

// Classification probabilities (summing to 1) and their class names.
PredictionCertainty predictionCertainty(const std::vector<float>& probabilities, const std::vector<std::string>& classes);

}  // namespace fusebench::train
