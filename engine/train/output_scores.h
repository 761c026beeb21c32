#pragma once
// The head's raw output turned into what a reader sees, in one place for training, evaluation, prediction,
// explanation and export checks: class probabilities softmax(output / T) for classification (T: the
// bundle's calibration temperature, 1 = as trained), independent sigmoid probabilities per label for
// multi-label, the values themselves for regression. Torch side.
#include <torch/torch.h>

#include "data/dataset_description.h"

namespace fusebench::train {

inline torch::Tensor outputScores(const torch::Tensor& output, data::TargetTask task, double temperature = 1.0,
                                  int64_t classDim = 1) {
  switch (task) {
    case data::TargetTask::Classification:
      return torch::softmax(temperature == 1.0 ? output : output / temperature, classDim);
    case data::TargetTask::MultiLabel: return torch::sigmoid(output);
    case data::TargetTask::Regression: break;
  }
  return output;
}

}  // namespace fusebench::train
