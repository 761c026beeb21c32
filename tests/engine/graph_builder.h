#pragma once
// Builds GraphSpecs in tests: node("cnn", "image.small_cnn", R"({"depth": 2})").edge("img.out", "cnn.in").
#include "graph/graph_json.h"
#include "graph/graph_spec.h"

namespace fusebench::testing {

class GraphBuilder {
 public:
  GraphBuilder& node(const std::string& id, const std::string& type, const std::string& params = "{}") {
    NodeSpec n;
    n.id = id;
    n.type = type;
    n.params = ParamMap::parse(params);
    n.x = 10.0 * static_cast<double>(graph_.nodes.size());
    graph_.nodes.push_back(std::move(n));
    return *this;
  }
  GraphBuilder& edge(const std::string& from, const std::string& to) {
    EdgeSpec e;
    parsePortRef(from, e.from);
    parsePortRef(to, e.to);
    graph_.edges.push_back(std::move(e));
    return *this;
  }
  GraphSpec build() const { return graph_; }
  GraphSpec& spec() { return graph_; }

 private:
  GraphSpec graph_;
};

}  // namespace fusebench::testing
