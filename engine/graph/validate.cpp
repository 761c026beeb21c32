#include "graph/validate.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace fusebench {
namespace {

using Json = nlohmann::ordered_json;

std::string jsonStr(const Json& j) { return j.dump(); }

void checkValue(const NodeSpec& node, const ParamDecl& d, const Json& v, Diagnostics& errors) {
  auto bad = [&](const char* message, const char* expected, const std::string& allowed = {}) {
    errors.push_back(worded("bad-param", node.id, d.name, {message, expected, "%2", {allowed, jsonStr(v)}}));
  };
  auto range = [&](double x) {
    if (x < d.min || x > d.max) {
      auto fmt = [](double b) {
        return std::floor(b) == b ? std::to_string(static_cast<long long>(b)) : std::to_string(b);
      };
      std::string expected = d.max >= 1e299 ? ">= " + fmt(d.min) : fmt(d.min) + " .. " + fmt(d.max);
      errors.push_back(worded("param-out-of-range", node.id, d.name,
                              {FB_TEXT("parameter out of range"), "%1", "%2", {expected, jsonStr(v)}}));
    }
  };
  switch (d.type) {
    case ParamType::Int:
      if (!v.is_number_integer()) return bad(FB_TEXT("parameter must be an integer"), FB_TEXT("integer"));
      range(static_cast<double>(v.get<int64_t>()));
      break;
    case ParamType::Float:
      if (!v.is_number()) return bad(FB_TEXT("parameter must be a number"), FB_TEXT("number"));
      range(v.get<double>());
      break;
    case ParamType::Bool:
      if (!v.is_boolean()) return bad(FB_TEXT("parameter must be true or false"), FB_TEXT("boolean"));
      break;
    case ParamType::String:
      if (!v.is_string()) return bad(FB_TEXT("parameter must be a string"), FB_TEXT("string"));
      break;
    case ParamType::Choice: {
      std::string all;
      for (const auto& c : d.choices) all += (all.empty() ? "" : "|") + c;
      if (!v.is_string()) return bad(FB_TEXT("parameter must be one of the choices"), "%1", all);
      if (std::find(d.choices.begin(), d.choices.end(), v.get<std::string>()) == d.choices.end())
        errors.push_back(worded("param-out-of-range", node.id, d.name,
                                {FB_TEXT("not one of the allowed choices"), "%1", "%2", {all, jsonStr(v)}}));
      break;
    }
    case ParamType::IntList:
      if (!v.is_array()) return bad(FB_TEXT("parameter must be a list of integers"), FB_TEXT("list of integers"));
      for (const auto& e : v) {
        if (!e.is_number_integer()) return bad(FB_TEXT("parameter must be a list of integers"), FB_TEXT("list of integers"));
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
      errors.push_back(worded("unknown-param", node.id, it.key(),
                              {FB_TEXT("unknown parameter for type '%1'"),
                               known.empty() ? FB_TEXT("no parameters") : FB_TEXT("one of %2"), "%3",
                               {type.type, known, it.key()}}));
      continue;
    }
    checkValue(node, *d, *it, errors);
  }
}

namespace {

// What validation knows of the graph once its nodes and edges are read.
struct GraphIndex {
  std::map<std::string, const NodeSpec*> byId;
  std::map<std::string, const NodeTypeInfo*> typeOf;
  std::map<std::string, std::map<std::string, PortRef>> feeds;  // node -> concrete input port -> source
  std::map<std::string, std::set<std::string>> successors;
};

// 1. Nodes: ids, types, parameters.
void indexNodes(const GraphSpec& graph, const NodeRegistry& registry, GraphIndex& g, Diagnostics& errors) {
  auto& byId = g.byId;
  auto& typeOf = g.typeOf;
  for (const auto& n : graph.nodes) {
    if (!isValidNodeId(n.id)) {
      errors.push_back(worded("bad-id", n.id, "",
                              {FB_TEXT("node id must start with a letter or '_' and hold only letters, digits and '_'"),
                               FB_TEXT("identifier"), "'%1'", {n.id}}));
    }
    if (byId.count(n.id)) {
      errors.push_back(worded("duplicate-id", n.id, "", {FB_TEXT("two nodes share this id"), FB_TEXT("unique ids"), "%1", {n.id}}));
      continue;
    }
    byId[n.id] = &n;
    const NodeTypeInfo* t = registry.find(n.type);
    if (!t) {
      errors.push_back(worded("unknown-type", n.id, "", {FB_TEXT("unknown node type"), FB_TEXT("a registered type"), "%1", {n.type}}));
      continue;
    }
    typeOf[n.id] = t;
    validateParams(n, *t, errors);
    if ((!n.init_model.empty() || n.freeze_epochs != 0) && t->role != NodeRole::Encoder)
      errors.push_back(worded("not-an-encoder", n.id, n.init_model.empty() ? "freeze" : "init_from",
                              {FB_TEXT("only encoder nodes start from another model's weights or are frozen"),
                               FB_TEXT("an encoder"), "%1", {n.type}}));
  }
}

// 2. Edges: endpoints exist, ports exist, each input port fed once.
void indexEdges(const GraphSpec& graph, GraphIndex& g, Diagnostics& errors) {
  auto& byId = g.byId;
  auto& typeOf = g.typeOf;
  auto& feeds = g.feeds;
  auto& successors = g.successors;
  for (const auto& e : graph.edges) {
    const std::string where = e.from.str() + " -> " + e.to.str();
    bool ok = true;
    for (const PortRef* ref : {&e.from, &e.to}) {
      if (!byId.count(ref->node)) {
        errors.push_back(worded("unknown-node", ref->node, "", {FB_TEXT("edge %1 names a node that does not exist"), "", "", {where}}));
        ok = false;
      }
    }
    if (!ok) continue;
    const NodeTypeInfo* ft = typeOf.count(e.from.node) ? typeOf[e.from.node] : nullptr;
    const NodeTypeInfo* tt = typeOf.count(e.to.node) ? typeOf[e.to.node] : nullptr;
    if (ft && !ft->output(e.from.port)) {
      std::string known;
      for (const auto& p : ft->outputs) known += (known.empty() ? "" : ", ") + p.name;
      errors.push_back(worded("unknown-port", e.from.node, e.from.port,
                              {FB_TEXT("edge %1: no such output port"), known.empty() ? FB_TEXT("no outputs") : FB_TEXT("one of %2"),
                               "%3", {where, known, e.from.port}}));
      ok = false;
    }
    if (tt && !tt->input(e.to.port)) {
      std::string known;
      for (const auto& p : tt->inputs) known += (known.empty() ? "" : ", ") + p.name + (p.variadic ? "0.." : "");
      errors.push_back(worded("unknown-port", e.to.node, e.to.port,
                              {FB_TEXT("edge %1: no such input port"), known.empty() ? FB_TEXT("no inputs") : FB_TEXT("one of %2"),
                               "%3", {where, known, e.to.port}}));
      ok = false;
    }
    if (!ok) continue;
    auto& slot = feeds[e.to.node];
    if (slot.count(e.to.port)) {
      errors.push_back(worded("port-connected-twice", e.to.node, e.to.port,
                              {FB_TEXT("input port has more than one incoming edge"), FB_TEXT("one edge"), FB_TEXT("%1 and %2"),
                               {slot[e.to.port].str(), e.from.str()}}));
      continue;
    }
    slot[e.to.port] = e.from;
    successors[e.from.node].insert(e.to.node);
  }
}

// 3. Cycles (Kahn's algorithm; what remains lies on or behind a cycle). False: a cycle, reported.
bool topologicalOrder(const GraphSpec& graph, GraphIndex& g, std::vector<std::string>& order, Diagnostics& errors) {
  auto& byId = g.byId;
  auto& successors = g.successors;
  std::map<std::string, int> indegree;
  for (const auto& n : graph.nodes) indegree[n.id] = 0;
  for (const auto& [node, succ] : successors)
    for (const auto& s : succ) indegree[s]++;
  std::vector<std::string> ready;
  for (const auto& n : graph.nodes)  // file order keeps the result stable
    if (indegree[n.id] == 0 && byId[n.id] == &n) ready.push_back(n.id);
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
    errors.push_back(worded("cycle", "", "", {FB_TEXT("the graph has a cycle through nodes %1"),
                                              FB_TEXT("a directed acyclic graph"), FB_TEXT("a cycle"), {members}}));
    order.clear();
    return false;
  }
  return true;
}

// 4. Required ports, variadic counts and contiguity.
void checkPortCounts(GraphIndex& g, Diagnostics& errors) {
  auto& feeds = g.feeds;
  for (const auto& [id, type] : g.typeOf) {
    const auto& slot = feeds[id];
    for (const auto& p : type->inputs) {
      if (!p.variadic) {
        if (p.required && !slot.count(p.name))
          errors.push_back(worded("unconnected-port", id, p.name, {FB_TEXT("required input port is not connected"), "%1",
                                                                   FB_TEXT("nothing"), {p.kindsStr()}}));
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
        errors.push_back(worded("variadic-gap", id, p.name,
                                {FB_TEXT("inputs of a variadic port must be numbered from 0 without gaps"), "%10..%1%2",
                                 FB_TEXT("highest index %3"), {p.name, std::to_string(count - 1), std::to_string(highest)}}));
      }
      if (count < p.min_count)
        errors.push_back(worded("unconnected-port", id, p.name, {FB_TEXT("too few inputs connected"), FB_TEXT("at least %1"),
                                                                 "%2", {std::to_string(p.min_count), std::to_string(count)}}));
      if (p.max_count > 0 && count > p.max_count)
        errors.push_back(worded("too-many-inputs", id, p.name, {FB_TEXT("too many inputs connected"), FB_TEXT("at most %1"),
                                                                "%2", {std::to_string(p.max_count), std::to_string(count)}}));
    }
  }
}

// 5. Exactly one head: its id, or empty (reported).
std::string findHead(const GraphSpec& graph, GraphIndex& g, Diagnostics& errors) {
  auto& byId = g.byId;
  auto& typeOf = g.typeOf;
  std::vector<std::string> heads;
  for (const auto& n : graph.nodes)
    if (typeOf.count(n.id) && byId[n.id] == &n && typeOf[n.id]->role == NodeRole::Head) heads.push_back(n.id);
  if (heads.empty()) {
    errors.push_back(worded("no-head", "", "", {FB_TEXT("the graph has no head (classification, multi-label or regression)"),
                                               FB_TEXT("one head"), FB_TEXT("none"), {}}));
    return {};
  }
  if (heads.size() > 1) {
    std::string all;
    for (const auto& h : heads) all += (all.empty() ? "" : ", ") + h;
    errors.push_back(worded("several-heads", "", "", {FB_TEXT("the graph has several heads: %1"), FB_TEXT("one head"), "%2",
                                                     {all, std::to_string(heads.size())}}));
    return {};
  }
  return heads[0];
}

// 6. Shapes, in topological order. A node whose inputs are unknown (upstream error) is skipped quietly:
// the upstream error is the one to fix.
void inferShapes(const GraphSpec& graph, GraphIndex& g, const InputShapes* dataset_shapes, ShapeReport& r) {
  Diagnostics& errors = r.errors;
  auto& byId = g.byId;
  auto& typeOf = g.typeOf;
  auto& feeds = g.feeds;
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
        errors.push_back(worded("wrong-kind", id, port, {FB_TEXT("input from %1 has the wrong kind for this node"), "%2", "%3",
                                                         {src.str(), decl->kindsStr(), shape.str()}}));
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
}

}  // namespace

ShapeReport validateGraph(const GraphSpec& graph, const NodeRegistry& registry, const InputShapes* dataset_shapes) {
  ShapeReport r;
  GraphIndex g;
  indexNodes(graph, registry, g, r.errors);
  indexEdges(graph, g, r.errors);
  if (topologicalOrder(graph, g, r.order, r.errors)) {  // shapes cannot be inferred around a cycle
    checkPortCounts(g, r.errors);
    r.head = findHead(graph, g, r.errors);
    inferShapes(graph, g, dataset_shapes, r);
  }
  sortByNodeOrder(graph, r.errors);
  return r;
}

}  // namespace fusebench
