#include "data/splits.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

namespace fusebench::data {

void seededShuffle(std::vector<std::size_t>& v, uint64_t seed) {
  std::mt19937_64 rng(seed);
  for (std::size_t i = v.size(); i > 1; --i) {
    // Unbiased integer in [0, i) by rejection, so every platform draws the same numbers.
    const uint64_t bound = i;
    const uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % bound;
    uint64_t x;
    do x = rng();
    while (x >= limit);
    std::swap(v[i - 1], v[static_cast<std::size_t>(x % bound)]);
  }
}

std::string canonicalSplit(const std::string& value) {
  std::string v;
  for (char c : value) v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (v == "train" || v == "training") return "train";
  if (v == "val" || v == "valid" || v == "validation" || v == "dev") return "val";
  if (v == "test" || v == "testing") return "test";
  return {};
}

std::vector<std::size_t> SplitAssignment::indices(const std::string& name) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < split.size(); ++i)
    if (split[i] == name) out.push_back(i);
  return out;
}

SplitAssignment assignSplits(const Dataset& ds, const SplitOptions& options) {
  SplitAssignment a;
  a.split.assign(ds.size(), "");
  auto splitCols = ds.description().withRole(ColumnRole::Split);
  if (!splitCols.empty()) {
    a.from_column = true;
    for (std::size_t i = 0; i < ds.size(); ++i) {
      const Cell& c = ds.cell(i, splitCols[0]->name);
      a.split[i] = canonicalSplit(c.text);
      if (a.split[i].empty())
        a.problems.push_back(Diagnostic{"bad-split", "", splitCols[0]->name,
                                        ds.describe(i) + ": unknown split '" + c.text + "' (train, val or test)", {}, {}});
    }
    return a;
  }
  // Stratify by class for single-label classification; otherwise one group.
  const ColumnSpec* target = ds.description().target();
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < ds.size(); ++i) {
    const bool byClass = target && target->task == TargetTask::Classification;
    groups[byClass ? ds.cell(i, target->name).text : std::string()].push_back(i);
  }
  uint64_t groupSeed = options.seed;
  for (auto& [key, members] : groups) {
    seededShuffle(members, groupSeed++);
    const auto n = static_cast<double>(members.size());
    const auto nTest = static_cast<std::size_t>(std::llround(n * options.test));
    const auto nVal = static_cast<std::size_t>(std::llround(n * options.val));
    for (std::size_t k = 0; k < members.size(); ++k)
      a.split[members[k]] = k < nTest ? "test" : k < nTest + nVal ? "val" : "train";
  }
  return a;
}

}  // namespace fusebench::data
