#pragma once
// status.json of a run folder: running / finished / stopped / failed, with times, progress and the error,
// as the runs panel reads it. A session's time adds to its earlier sessions' (a resumed run). Plain header.
#include <string>

#include "train/trainer.h"

namespace fusebench::train {

// Rewrites status.json atomically, keeping what earlier sessions wrote; best effort (a run is not failed
// because its status could not be written).
void writeRunStatus(const std::string& dir, const std::string& state, bool resume, const TrainResult* result);

}  // namespace fusebench::train
