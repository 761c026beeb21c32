#pragma once
// Train/val/test assignment: from the split column when the dataset has one, otherwise a seeded,
// stratified split (per class for classification). Same seed, same split, on every platform: the
// shuffle uses its own Fisher-Yates over mt19937_64, not std::shuffle (whose result is library-defined).
#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace fusebench::data {

struct SplitOptions {
  double val = 0.1;
  double test = 0.1;  // train gets the rest
  uint64_t seed = 42;
};

struct SplitAssignment {
  std::vector<std::string> split;  // per sample: "train", "val", "test", or "" when the split value is unknown
  bool from_column = false;
  Diagnostics problems;  // unknown split values, with row
  std::vector<std::size_t> indices(const std::string& name) const;
};

SplitAssignment assignSplits(const Dataset& dataset, const SplitOptions& options);

// Deterministic shuffle used wherever Fusebench shuffles (splits, epochs).
void seededShuffle(std::vector<std::size_t>& v, uint64_t seed);

// Normalizes split names: train/training, val/valid/validation/dev, test/testing; "" if unknown.
std::string canonicalSplit(const std::string& value);

}  // namespace fusebench::data
