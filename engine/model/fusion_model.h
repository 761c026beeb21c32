#pragma once
// A validated GraphSpec compiled into one torch::nn::Module. Torch-facing: app/ and widgets/ use
// model_summary.h instead.
#include <map>
#include <string>

#include "graph/validate.h"
#include "nodes/node_module.h"

namespace fusebench {

// Batch tensors by field name. For a field F: "F" the data ([B, ...]); optional "F.present" [B] bool;
// text: optional "F.mask" [B, L] bool (default: id != 0); tabular: "F.categorical" [B, K] int64.
using TensorMap = std::map<std::string, torch::Tensor>;

struct ModelOutput {
  torch::Tensor prediction;                     // the head's output [B, K]
  std::map<std::string, nodes::PortValue> ports;  // every node output, keyed "node.port"
  std::map<std::string, torch::Tensor> internals;  // fusion internals etc., keyed "node.name"
};

class FusionModelImpl : public torch::nn::Module {
 public:
  // The report must come from validateGraph(graph) and be ok(); use compileGraph() rather than this.
  FusionModelImpl(GraphSpec graph, ShapeReport shapes, const NodeRegistry& registry);

  ModelOutput forward(const TensorMap& inputs);

  // The model in eval mode as ONNX operators (export/onnx_graph.h). Declares the graph inputs as the batch
  // names above, for every input node's field F: "F" (float, or int64 token ids), "F.present" (bool [B]) and,
  // for tabular fields with categorical columns, "F.categorical" (int64 [B, K]); the batch axis is dynamic.
  // Returns the head's output. Throws onnx_export::Unsupported naming the node that has no ONNX form.
  std::string toOnnx(onnx_export::OnnxGraph& g);

  std::shared_ptr<nodes::NodeModuleImpl> node(const std::string& id) const;
  int64_t parameterCount(const std::string& node_id) const;
  int64_t parameterCount() const;
  const GraphSpec& graph() const { return graph_; }
  const ShapeReport& shapes() const { return shapes_; }

 private:
  struct Step {
    std::string id;
    bool is_input = false;
    std::string field;  // input nodes
    std::vector<std::pair<std::string, PortRef>> feeds;  // concrete input port <- source
    std::shared_ptr<nodes::NodeModuleImpl> module;
  };
  GraphSpec graph_;
  ShapeReport shapes_;
  std::vector<Step> steps_;  // topological order
};
TORCH_MODULE(FusionModel);

struct CompileResult {
  FusionModel model{nullptr};
  ShapeReport shapes;  // errors, when any, are in shapes.errors
  bool ok() const { return shapes.ok() && !model.is_empty(); }
};

// Validates, then builds the module. Never throws for a user's mistake: errors come back in the report.
CompileResult compileGraph(const GraphSpec& graph, const NodeRegistry& registry = builtinRegistry(),
                           const InputShapes* dataset_shapes = nullptr);

// Random but valid inputs for every input node (seeded): for previews, summaries and tests.
TensorMap exampleInputs(const FusionModelImpl& model, int64_t batch, uint64_t seed = 0);

}  // namespace fusebench
