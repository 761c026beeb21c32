#pragma once
// Pretrained and frozen encoders (NodeSpec::init_model / freeze_epochs): a node starts from the weights of a node
// of the same type and shape in another run or bundle, and stays fixed (no gradient, batch norm in eval mode) for
// its first epochs. Torch side of the trainer.
#include <set>
#include <string>
#include <vector>

#include "model/fusion_model.h"
#include "train/optimizer.h"

namespace fusebench::train {

// Copies every parameter and buffer of each init_from node from its source. project_path locates relative model
// folders. False with `error` naming the node, the source and what differs (a missing node, another type, a
// parameter of another shape).
bool initEncodersFrom(FusionModelImpl& model, const std::string& project_path, std::string& error);

// The model's parameters grouped by their node's lr_multiplier: the 1.0 group first (every node without one), then
// one group per other multiplier in graph order. A single group when no node sets one.
std::vector<ParameterGroup> parameterGroups(FusionModelImpl& model);

class FreezeSchedule {
 public:
  explicit FreezeSchedule(const GraphSpec& graph);
  // Frozen for this epoch: requires_grad off and eval mode for those nodes, on for the others with a schedule.
  void apply(FusionModelImpl& model, int64_t epoch);
  // model.train(), with the nodes frozen now kept in eval mode (their batch-norm statistics do not move).
  void trainMode(FusionModelImpl& model) const;
  bool empty() const { return nodes_.empty(); }
  const std::set<std::string>& frozen() const { return frozen_; }

 private:
  std::vector<std::pair<std::string, int64_t>> nodes_;  // id, freeze_epochs (-1 always)
  std::set<std::string> frozen_;
};

}  // namespace fusebench::train
