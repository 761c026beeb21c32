#pragma once
// The model a user draws: plain data, no torch. The editor, the validator and the compiler all read this.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fusebench {

// Parameters keep the order the user wrote them in, so a load/save round-trip is exact.
using ParamMap = nlohmann::ordered_json;

struct NodeSpec {
  std::string id;    // unique within the graph; [A-Za-z_][A-Za-z0-9_]*
  std::string type;  // registry name, e.g. "image.small_cnn"
  ParamMap params = ParamMap::object();  // only what the user set; defaults come from the registry
  double x = 0.0, y = 0.0;               // editor position
  // How training treats an encoder (not part of the model's shape): start from node `init_node` (empty: the one
  // of the same id) of another run or bundle (`init_model`, relative to the project file), and keep the
  // parameters fixed, batch norm in eval mode, for the first `freeze_epochs` epochs (-1: always; 0: trainable).
  // JSON: "init_from": {"model": …, "node": …}, "freeze": true | false | N.
  std::string init_model, init_node;
  int64_t freeze_epochs = 0;
  // The node's parameters learn at this multiple of the run's learning rate (differential learning rates: a
  // pretrained backbone at 0.1 while the new head learns at 1). JSON: "lr_multiplier": x, written when not 1.
  double lr_multiplier = 1.0;

  bool operator==(const NodeSpec& o) const {
    return id == o.id && type == o.type && params == o.params && x == o.x && y == o.y && init_model == o.init_model &&
           init_node == o.init_node && freeze_epochs == o.freeze_epochs && lr_multiplier == o.lr_multiplier;
  }
};

// A file parameter's value (a TorchScript encoder's "file") as a path to open: absolute as is, else relative to
// `base_dir` (GraphSpec::base_dir; empty: the working directory). Validation, building, bundles and the inspector
// all resolve through this one rule.
std::string resolveGraphPath(const std::string& base_dir, const std::string& path);

struct PortRef {
  std::string node;
  std::string port;  // variadic ports are indexed: "in0", "in1", ...
  std::string str() const { return node + "." + port; }
  bool operator==(const PortRef& o) const { return node == o.node && port == o.port; }
};

struct EdgeSpec {
  PortRef from;  // an output port
  PortRef to;    // an input port
  bool operator==(const EdgeSpec& o) const { return from == o.from && to == o.to; }
};

struct GraphSpec {
  static constexpr int kSchemaVersion = 1;
  int schema_version = kSchemaVersion;
  std::string name;
  std::vector<NodeSpec> nodes;
  std::vector<EdgeSpec> edges;
  // Where relative file parameters (a TorchScript encoder's "file") are found: the project file's folder, or a
  // bundle's. Set by whoever loads the graph; not saved, not part of equality. Empty: the working directory.
  std::string base_dir;

  const NodeSpec* find(const std::string& id) const;
  bool operator==(const GraphSpec& o) const {
    return schema_version == o.schema_version && name == o.name && nodes == o.nodes && edges == o.edges;
  }
};

}  // namespace fusebench
