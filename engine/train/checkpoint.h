#pragma once
#include <cmath>
// A run's checkpoints (checkpoints/last.pt and best.pt): the model's weights, the optimizer's state, where
// the run stands and the global random generator, so a resumed run continues exactly where it stopped.
// Written to a temporary file and renamed (a crash leaves the old checkpoint or the new one). Engine-internal.
#include <string>

#include <torch/torch.h>

#include "train/optimizer.h"

namespace fusebench::train {

// Where a run stands; saved in every checkpoint so a resumed run continues exactly where it stopped.
struct Progress {
  int64_t epoch = 0;  // the epoch in progress (0-based)
  int64_t batch = 0;  // batches of that epoch already trained
  int64_t step = 0;   // optimizer steps so far
  double best = 0;       // the monitored metric at the best epoch
  double best_loss = HUGE_VAL;  // its validation loss (breaks ties in the metric)
  int64_t best_epoch = 0;  // 1-based; 0 = none yet
  int64_t since_best = 0;
  int64_t world_size = 1;  // ranks that trained it (`batch` counts each rank's batches)
};

// Writes a LibTorch archive atomically (util/files.h): on a full disk, the previous file stays, no temporary is
// left and `error` names the file and the system's reason.
// `keepPreviousAs`: see writeFileAtomic.
bool writeArchive(torch::serialize::OutputArchive& archive, const std::string& path, std::string& error,
                  const std::string& keepPreviousAs = {});

// The checkpoint it replaces is kept as `<path>.previous`: a last checkpoint found damaged on resume falls back
// to it (readCheckpoint does not; the trainer decides and says so).
bool writeCheckpoint(const std::string& path, torch::nn::Module& model, TrainingOptimizer& optimizer,
                     const Progress& progress, std::string& error);
std::string previousCheckpointPath(const std::string& path);
// Loads onto `device` (a checkpoint written on another device resumes on this one).
bool readCheckpoint(const std::string& path, const torch::Device& device, torch::nn::Module& model,
                    TrainingOptimizer& optimizer, Progress& progress, std::string& error);
// The weights alone; false when the file does not exist.
bool readCheckpointWeights(const std::string& path, const torch::Device& device, torch::nn::Module& model);

}  // namespace fusebench::train
