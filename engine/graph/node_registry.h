#pragma once
// The catalogue of node types: one entry per type with its ports, its parameter schema, its shape
// inference and its module factory. The GUI palette, the inspector, the validator and the compiler are
// all generated from it, so adding a node type means adding one entry (in the node's own source file).
// Plain header: no torch. The factory returns a module type that is only forward-declared here.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "graph/diagnostic.h"
#include "graph/graph_spec.h"
#include "graph/port_shape.h"

namespace fusebench {

namespace nodes {
class NodeModuleImpl;  // torch::nn::Module subclass, see nodes/node_module.h
}

enum class ParamType { Int, Float, Bool, Choice, IntList, String };
const char* paramTypeName(ParamType t);

struct ParamDecl {
  std::string name;
  ParamType type = ParamType::Int;
  nlohmann::ordered_json default_value;
  double min = -1e300, max = 1e300;  // inclusive range for Int, Float and each IntList element
  std::vector<std::string> choices;  // for Choice
  std::string doc;                   // one line for tooltips and --help
};

struct PortDecl {
  std::string name;
  std::vector<PortKind> kinds;  // accepted (inputs) or possible (outputs) kinds
  bool required = true;
  bool variadic = false;  // connected as name0, name1, ...; order is the index
  int min_count = 0, max_count = 0;  // for variadic ports
  std::string doc;
  std::string kindsStr() const;  // "features or tokens"
};

// A node's parameters with the registry's defaults filled in. Validation has checked types and ranges.
class Params {
 public:
  Params(const std::vector<ParamDecl>& decls, const ParamMap& user);
  int64_t i(const std::string& name) const;
  double f(const std::string& name) const;
  bool b(const std::string& name) const;
  std::string s(const std::string& name) const;
  std::vector<int64_t> ints(const std::string& name) const;
  const ParamMap& values() const { return values_; }

 private:
  const nlohmann::ordered_json& at(const std::string& name) const;
  ParamMap values_;
};

struct InferContext {
  InferContext(const NodeSpec& n, const Params& p, Diagnostics* errs)
      : node(n), params(p), errors(errs), initial_errors_(errs ? errs->size() : 0) {}
  const NodeSpec& node;
  const Params& params;
  std::map<std::string, PortShape> inputs;  // by concrete port name: "in", "in0", "query", ...
  const PortShape* dataset_shape = nullptr; // input nodes: the shape the dataset declares, if known
  Diagnostics* errors = nullptr;
  std::string base_dir;  // GraphSpec::base_dir

  // A file parameter's value as a path to open: absolute as is, relative from base_dir.
  std::string resolvePath(const std::string& path) const;
  // Connected instances of a variadic port in index order: {"in0", "in1", ...}.
  std::vector<std::string> variadic(const std::string& base) const;
  const PortShape& in(const std::string& port) const { return inputs.at(port); }
  bool has(const std::string& port) const { return inputs.count(port) > 0; }
  // Problems worded by FB_TEXT patterns and their values: shown translated in the GUI.
  void error(const std::string& port, const Wording& w, const std::string& code = "incompatible-dims");
  void paramError(const std::string& param, const char* pattern, std::vector<std::string> args = {});
  // A problem whose sentence comes from elsewhere (a library's error text): shown as it is.
  void error(const std::string& port, const std::string& message, const std::string& expected = {},
             const std::string& found = {}, const std::string& code = "incompatible-dims");
  void paramError(const std::string& param, const std::string& message);
  bool failed() const;

 private:
  std::size_t initial_errors_;
};

using InferFn = std::function<std::map<std::string, PortShape>(InferContext&)>;

struct BuildContext {
  const NodeSpec& node;
  const Params& params;
  const std::map<std::string, PortShape>& inputs;
  const std::map<std::string, PortShape>& outputs;
  std::string base_dir;  // GraphSpec::base_dir
  std::string resolvePath(const std::string& path) const;
  std::vector<std::string> variadic(const std::string& base) const;
};

using ModuleFactory = std::function<std::shared_ptr<nodes::NodeModuleImpl>(const BuildContext&)>;

enum class NodeRole { Input, Encoder, Fusion, Block, Head };

struct NodeTypeInfo {
  std::string type;      // "image.small_cnn"
  std::string title;     // "Small CNN"
  std::string category;  // palette group: "Inputs", "Image encoders", "Fusion", ...
  NodeRole role = NodeRole::Block;
  std::string doc;       // one paragraph
  std::vector<PortDecl> inputs;
  std::vector<PortDecl> outputs;
  std::vector<ParamDecl> params;
  InferFn infer;
  ModuleFactory factory;

  const ParamDecl* param(const std::string& name) const;
  const PortDecl* output(const std::string& name) const;
  // Resolves a concrete input port name ("in2") to its declaration; sets index for variadic ports.
  const PortDecl* input(const std::string& concrete, int* index = nullptr) const;
};

class NodeRegistry {
 public:
  void add(NodeTypeInfo info);  // later additions replace earlier ones of the same type
  const NodeTypeInfo* find(const std::string& type) const;
  const std::vector<NodeTypeInfo>& all() const { return types_; }
  std::vector<std::string> categories() const;  // in first-registered order

 private:
  std::vector<NodeTypeInfo> types_;
};

// Every built-in node type (defined in nodes/register_all.cpp).
const NodeRegistry& builtinRegistry();

}  // namespace fusebench
