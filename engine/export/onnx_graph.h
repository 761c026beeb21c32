#pragma once
// An ONNX graph under construction, as plain data (no protobuf here): the nodes, each node module's emitted
// operators and the weights they use. Node modules emit into it next to their forward (NodeModuleImpl::toOnnx),
// so the two stay side by side; export/onnx_writer.cpp turns it into an ONNX ModelProto. Every value is named
// "<node>/<what>_<n>", so a failing operator in a runtime's message points at the Fusebench node.
#include <torch/torch.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace fusebench::onnx_export {

// ONNX TensorProto element types used here.
enum class ElemType : int { Float = 1, Int32 = 6, Int64 = 7, Bool = 9 };

struct Attribute {
  enum class Kind { Int, Float, Ints, Floats, String } kind = Kind::Int;
  std::string name;
  int64_t i = 0;
  float f = 0;
  std::vector<int64_t> ints;
  std::vector<float> floats;
  std::string s;
};
Attribute attr(const std::string& name, int64_t v);
Attribute attr(const std::string& name, int v);
Attribute attr(const std::string& name, float v);
Attribute attr(const std::string& name, std::vector<int64_t> v);
Attribute attr(const std::string& name, std::vector<float> v);
Attribute attr(const std::string& name, const std::string& v);

struct OpNode {
  std::string op, name;
  std::vector<std::string> inputs, outputs;  // an empty input name is an omitted optional input
  std::vector<Attribute> attributes;
};

// A graph input or output: dims of -1 are the dynamic batch axis ("batch"), -2 any size ("?").
struct ValueInfo {
  std::string name;
  ElemType type = ElemType::Float;
  std::vector<int64_t> dims;
  std::string doc;
};

// What travels along one edge, as ONNX value names (as nodes::PortValue; an empty name is an undefined tensor).
struct OnnxPort {
  std::string value;    // float data, or int64 token ids / categorical ids
  std::string present;  // [B] bool
  std::string mask;     // [B, L] bool for text and tokens
  std::string aux;      // tabular categorical ids [B, K] int64
  int rank = 0;         // of value: 2 for [B, D], 3 for tokens [B, L, D], ...
};
using OnnxPorts = std::map<std::string, OnnxPort>;

// A node the exporter cannot express in ONNX; the message says which and why.
struct Unsupported : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class OnnxGraph {
 public:
  // Names of what follows start with this node id.
  void setScope(const std::string& node_id) { scope_ = node_id; }
  const std::string& scope() const { return scope_; }

  // One operator; returns its (first) output's name. Outputs are named after the scope and `what`.
  std::string op(const std::string& type, std::vector<std::string> inputs, std::vector<Attribute> attributes = {},
                 const std::string& what = "");
  std::vector<std::string> ops(const std::string& type, std::vector<std::string> inputs, int outputs,
                               std::vector<Attribute> attributes = {}, const std::string& what = "");

  // One operator whose single output gets exactly `output` as its name (graph outputs).
  std::string opNamed(const std::string& type, std::vector<std::string> inputs, const std::string& output,
                      std::vector<Attribute> attributes = {});

  // Constants (initializers): a weight (copied, float32 or int64), small int64 vectors and scalars.
  std::string weight(const torch::Tensor& t, const std::string& what);
  std::string ints(const std::vector<int64_t>& v);
  std::string scalar(float v);  // a rank-0 float
  std::string boolScalar(bool v);

  void addInput(ValueInfo v) { inputs_.push_back(std::move(v)); }
  void addOutput(ValueInfo v) { outputs_.push_back(std::move(v)); }

  // The same computation for runtimes that take only float inputs and cannot fetch an Identity's output (OpenCV's
  // DNN module): each bool or int64 input F becomes a float input "F.float" followed by a Cast back to its type,
  // and a graph output made by an Identity is produced by the Identity's source operator directly. Inputs named
  // in `drop` (those no output depends on) are left out: such a runtime refuses inputs its network does not read.
  OnnxGraph forFloatRuntime(const std::vector<std::string>& drop = {}) const;

  const std::vector<OpNode>& nodes() const { return nodes_; }
  const std::vector<std::pair<std::string, torch::Tensor>>& initializers() const { return initializers_; }
  const std::vector<ValueInfo>& inputs() const { return inputs_; }
  const std::vector<ValueInfo>& outputs() const { return outputs_; }

 private:
  std::string fresh(const std::string& what);
  std::string sharedConstant(const std::string& key, const torch::Tensor& t, const std::string& what);
  std::string scope_ = "graph";
  std::map<std::string, int> counters_;
  std::map<std::string, std::string> constants_;  // deduplicated small constants by content key
  std::vector<OpNode> nodes_;
  std::vector<std::pair<std::string, torch::Tensor>> initializers_;
  std::vector<ValueInfo> inputs_, outputs_;
};

}  // namespace fusebench::onnx_export
