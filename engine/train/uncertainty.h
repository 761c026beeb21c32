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

// Classification probabilities (summing to 1) and their class names.
PredictionCertainty predictionCertainty(const std::vector<float>& probabilities, const std::vector<std::string>& classes);

}  // namespace fusebench::train
