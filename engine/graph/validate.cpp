#include "graph/validate.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace fusebench {
namespace {

using Json = nlohmann::ordered_json;

std::string jsonStr(const Json& j) { return j.dump(); }

void checkValue(const NodeSpec& node, const ParamDecl& d, const Json& v, Diagnostics& errors) {
  auto bad = [&](const std::string& msg, const std::string& expected) {
    errors.push_back(Diagnostic{"bad-param", node.id, d.name, msg, expected, jsonStr(v)});
  };
  auto range = [&](double x) {
    if (x < d.min || x > d.max) {
      auto fmt = [](double b) {
        return std::floor(b) == b ? std::to_string(static_cast<long long>(b)) : std::to_string(b);
      };
      std::string expected = d.max >= 1e299 ? ">= " + fmt(d.min) : fmt(d.min) + " .. " + fmt(d.max);
      errors.push_back(Diagnostic{"param-out-of-range", node.id, d.name, "parameter out of range", expected,
                                  jsonStr(v)});
    }
  };
  switch (d.type) {
    case ParamType::Int:
      if (!v.is_number_integer()) return bad("parameter must be an integer", "integer");
      range(static_cast<double>(v.get<int64_t>()));
      break;
    case ParamType::Float:
      if (!v.is_number()) return bad("parameter must be a number", "number");
      range(v.get<double>());
      break;
    case ParamType::Bool:
      if (!v.is_boolean()) return bad("parameter must be true or false", "boolean");
      break;
    case ParamType::String:
      if (!v.is_string()) return bad("parameter must be a string", "string");
      break;
    case ParamType::Choice: {
      std::string all;
      for (const auto& c : d.choices) all += (all.empty() ? "" : "|") + c;
      if (!v.is_string()) return bad("parameter must be one of the choices", all);
      if (std::find(d.choices.begin(), d.choices.end(), v.get<std::string>()) == d.choices.end())
        errors.push_back(Diagnostic{"param-out-of-range", node.id, d.name, "not one of the allowed choices", all,
                                    jsonStr(v)});
      break;
    }
    case ParamType::IntList:
      if (!v.is_array()) return bad("parameter must be a list of integers", "list of integers");
      for (const auto& e : v) {
        if (!e.is_number_integer()) return bad("parameter must be a list of integers", "list of integers");
        range(static_cast<double>(e.get<int64_t>()));
      }
      break;
  }
}

// Graph-level problems first, then node problems in the order the nodes appear in the file, so a user
// reads them top to bottom; problems of one node keep the order they were found in.
void sortByNodeOrder(const GraphSpec& graph, Diagnostics& errors) {
  std::map<std::string, std::size_t> rank;
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) rank.emplace(graph.nodes[i].id, i + 1);
  std::stable_sort(errors.begin(), errors.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    auto ra = a.node.empty() ? 0 : (rank.count(a.node) ? rank[a.node] : graph.nodes.size() + 1);
    auto rb = b.node.empty() ? 0 : (rank.count(b.node) ? rank[b.node] : graph.nodes.size() + 1);
    return ra < rb;
  });
}

}  // namespace

bool isValidNodeId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(id[0])) return false;
  return std::all_of(id.begin(), id.end(), [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

void validateParams(const NodeSpec& node, const NodeTypeInfo& type, Diagnostics& errors) {
  if (!node.params.is_object()) return;
  for (auto it = node.params.begin(); it != node.params.end(); ++it) {
    const ParamDecl* d = type.param(it.key());
    if (!d) {
      std::string known;
      for (const auto& p : type.params) known += (known.empty() ? "" : ", ") + p.name;
      errors.push_back(Diagnostic{"unknown-param", node.id, it.key(),
                                  "unknown parameter for type '" + type.type + "'",
                                  known.empty() ? "no parameters" : "one of " + known, it.key()});
      continue;
    }
    checkValue(node, *d, *it, errors);
  }
}

ShapeReport validateGraph(const GraphSpec& graph, const NodeRegistry& registry, const InputShapes* dataset_shapes) {
  ShapeReport r;
  Diagnostics& errors = r.errors;

  // 1. Nodes: ids, types, parameters.
  std::map<std::string, const NodeSpec*> byId;
  std::map<std::string, const NodeTypeInfo*> typeOf;
  for (const auto& n : graph.nodes) {
    if (!isValidNodeId(n.id)) {
      errors.push_back(Diagnostic{"bad-id", n.id, "",
                                  "node id must start with a letter or '_' and hold only letters, digits and '_'",
                                  "identifier", "'" + n.id + "'"});
    }
    if (byId.count(n.id)) {
      errors.push_back(Diagnostic{"duplicate-id", n.id, "", "two nodes share this id", "unique ids", n.id});
      continue;
    }
    byId[n.id] = &n;
    const NodeTypeInfo* t = registry.find(n.type);
    if (!t) {
      errors.push_back(Diagnostic{"unknown-type", n.id, "", "unknown node type", "a registered type", n.type});
      continue;
    }
    typeOf[n.id] = t;
    validateParams(n, *t, errors);
    if ((!n.init_model.empty() || n.freeze_epochs != 0) && t->role != NodeRole::Encoder)
      errors.push_back(Diagnostic{"not-an-encoder", n.id, n.init_model.empty() ? "freeze" : "init_from",
                                  "only encoder nodes start from another model's weights or are frozen", "an encoder",
                                  n.type});
  }

  // 2. Edges: endpoints exist, ports exist, each input port fed once.
  std::map<std::string, std::map<std::string, PortRef>> feeds;  // node -> concrete input port -> source
  std::map<std::string, std::set<std::string>> successors;
  for (const auto& e : graph.edges) {
    const std::string where = e.from.str() + " -> " + e.to.str();
    bool ok = true;
    for (const PortRef* ref : {&e.from, &e.to}) {
      if (!byId.count(ref->node)) {
        errors.push_back(Diagnostic{"unknown-node", ref->node, "", "edge " + where + " names a node that does not exist", {}, {}});
        ok = false;
      }
    }
    if (!ok) continue;
    const NodeTypeInfo* ft = typeOf.count(e.from.node) ? typeOf[e.from.node] : nullptr;
    const NodeTypeInfo* tt = typeOf.count(e.to.node) ? typeOf[e.to.node] : nullptr;
    if (ft && !ft->output(e.from.port)) {
      std::string known;
      for (const auto& p : ft->outputs) known += (known.empty() ? "" : ", ") + p.name;
      errors.push_back(Diagnostic{"unknown-port", e.from.node, e.from.port, "edge " + where + ": no such output port",
                                  known.empty() ? "no outputs" : "one of " + known, e.from.port});
      ok = false;
    }
    if (tt && !tt->input(e.to.port)) {
      std::string known;
      for (const auto& p : tt->inputs) known += (known.empty() ? "" : ", ") + p.name + (p.variadic ? "0.." : "");
      errors.push_back(Diagnostic{"unknown-port", e.to.node, e.to.port, "edge " + where + ": no such input port",
                                  known.empty() ? "no inputs" : "one of " + known, e.to.port});
      ok = false;
    }
    if (!ok) continue;
    auto& slot = feeds[e.to.node];
    if (slot.count(e.to.port)) {
      errors.push_back(Diagnostic{"port-connected-twice", e.to.node, e.to.port,
                                  "input port has more than one incoming edge", "one edge",
                                  slot[e.to.port].str() + " and " + e.from.str()});
      continue;
    }
    slot[e.to.port] = e.from;
    successors[e.from.node].insert(e.to.node);
  }

  // 3. Cycles (Kahn's algorithm; what remains lies on or behind a cycle).
  {
    std::map<std::string, int> indegree;
    for (const auto& n : graph.nodes) indegree[n.id] = 0;
    for (const auto& [node, succ] : successors)
      for (const auto& s : succ) indegree[s]++;
    std::vector<std::string> ready;
    for (const auto& n : graph.nodes)  // file order keeps the result stable
      if (indegree[n.id] == 0 && byId[n.id] == &n) ready.push_back(n.id);
    std::vector<std::string> order;
    std::set<std::string> seen;
    while (!ready.empty()) {
      std::string id = ready.front();
      ready.erase(ready.begin());
      if (!seen.insert(id).second) continue;
      order.push_back(id);
      for (const auto& s : successors[id])
        if (--indegree[s] == 0) ready.push_back(s);
    }
    if (order.size() < byId.size()) {
      std::string members;
      for (const auto& [id, deg] : indegree)
        if (!seen.count(id) && deg > 0) members += (members.empty() ? "" : ", ") + id;
      errors.push_back(Diagnostic{"cycle", "", "", "the graph has a cycle through nodes " + members,
                                  "a directed acyclic graph", "a cycle"});
      sortByNodeOrder(graph, errors);
      return r;  // shapes cannot be inferred around a cycle
    }
    r.order = order;
  }

  // 4. Required ports, variadic counts and contiguity.
  for (const auto& [id, type] : typeOf) {
    const auto& slot = feeds[id];
    for (const auto& p : type->inputs) {
      if (!p.variadic) {
        if (p.required && !slot.count(p.name))
          errors.push_back(Diagnostic{"unconnected-port", id, p.name, "required input port is not connected",
                                      p.kindsStr(), "nothing"});
        continue;
      }
      int count = 0, highest = -1;
      for (const auto& [port, src] : slot) {
        int index = -1;
        if (type->input(port, &index) == &p) {
          ++count;
          highest = std::max(highest, index);
        }
      }
      if (highest + 1 != count) {
        errors.push_back(Diagnostic{"variadic-gap", id, p.name,
                                    "inputs of a variadic port must be numbered from 0 without gaps",
                                    p.name + "0.." + p.name + std::to_string(count - 1),
                                    "highest index " + std::to_string(highest)});
      }
      if (count < p.min_count)
        errors.push_back(Diagnostic{"unconnected-port", id, p.name,
                                    "too few inputs connected", "at least " + std::to_string(p.min_count),
                                    std::to_string(count)});
      if (p.max_count > 0 && count > p.max_count)
        errors.push_back(Diagnostic{"too-many-inputs", id, p.name, "too many inputs connected",
                                    "at most " + std::to_string(p.max_count), std::to_string(count)});
    }
  }

  // 5. Exactly one head.
  std::vector<std::string> heads;
  for (const auto& n : graph.nodes)
    if (typeOf.count(n.id) && byId[n.id] == &n && typeOf[n.id]->role == NodeRole::Head) heads.push_back(n.id);
  if (heads.empty()) {
    errors.push_back(Diagnostic{"no-head", "", "", "the graph has no head (classification, multi-label or regression)",
                                "one head", "none"});
  } else if (heads.size() > 1) {
    std::string all;
    for (const auto& h : heads) all += (all.empty() ? "" : ", ") + h;
    errors.push_back(Diagnostic{"several-heads", "", "", "the graph has several heads: " + all, "one head",
                                std::to_string(heads.size())});
  } else {
    r.head = heads[0];
  }

  // 6. Shapes, in topological order. A node whose inputs are unknown (upstream error) is skipped quietly:
  // the upstream error is the one to fix.
  for (const auto& id : r.order) {
    auto tIt = typeOf.find(id);
    if (tIt == typeOf.end()) continue;
    const NodeTypeInfo& type = *tIt->second;
    const NodeSpec& node = *byId[id];
    Params params(type.params, node.params);
    InferContext ctx(node, params, &errors);
    ctx.base_dir = graph.base_dir;
    bool inputsKnown = true;
    for (const auto& [port, src] : feeds[id]) {
      auto outs = r.outputs.find(src.node);
      if (outs == r.outputs.end() || !outs->second.count(src.port)) {
        inputsKnown = false;
        continue;
      }
      const PortShape& shape = outs->second.at(src.port);
      const PortDecl* decl = type.input(port);
      if (std::find(decl->kinds.begin(), decl->kinds.end(), shape.kind) == decl->kinds.end()) {
        errors.push_back(Diagnostic{"wrong-kind", id, port,
                                    "input from " + src.str() + " has the wrong kind for a " + type.title,
                                    decl->kindsStr(), shape.str()});
        inputsKnown = false;
        continue;
      }
      ctx.inputs[port] = shape;
    }
    if (!inputsKnown) continue;
    // Unconnected required ports were reported in step 4; without them the node's shape is unknowable.
    bool complete = true;
    for (const auto& p : type.inputs) {
      if (!p.variadic && p.required && !ctx.has(p.name)) complete = false;
      if (p.variadic) {
        const auto n = static_cast<int>(ctx.variadic(p.name).size());
        int connected = 0;
        for (const auto& [port, shape] : ctx.inputs)
          if (type.input(port) == &p) ++connected;
        if (n < p.min_count || n != connected || (p.max_count > 0 && n > p.max_count)) complete = false;
      }
    }
    if (!complete) continue;
    // Input nodes may take their shape from the dataset.
    if (type.role == NodeRole::Input && dataset_shapes && type.param("field")) {
      auto it = dataset_shapes->find(params.s("field"));
      if (it != dataset_shapes->end()) ctx.dataset_shape = &it->second;
    }
    // Parameter errors on this node make its shapes meaningless; report them only.
    bool paramErrors = std::any_of(errors.begin(), errors.end(), [&](const Diagnostic& d) {
      return d.node == id && (d.code == "bad-param" || d.code == "param-out-of-range");
    });
    if (paramErrors) continue;
    r.inputs[id] = ctx.inputs;
    auto outs = type.infer(ctx);
    if (!ctx.failed()) r.outputs[id] = std::move(outs);
  }
  sortByNodeOrder(graph, errors);
  return r;
}

}  // namespace fusebench
