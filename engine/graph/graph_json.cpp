#include "graph/graph_json.h"

#include <filesystem>

#include "util/error_text.h"
#include "util/files.h"


namespace fusebench {
namespace {

using Json = nlohmann::ordered_json;

Diagnostic jsonError(const std::string& path, const std::string& message) {
  Diagnostic d;
  d.code = "json";
  d.message = (path.empty() ? "" : path + ": ") + message;
  return d;
}

// Line and column (1-based) of a byte offset, for syntax errors a user can find in an editor.
std::string lineColumn(const std::string& text, std::size_t byte) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

const char* typeName(const Json& j) { return j.type_name(); }

bool readString(const Json& obj, const char* key, const std::string& path, std::string& out,
                Diagnostics& errors, bool required = true) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) errors.push_back(jsonError(path, std::string("'") + key + "' is missing"));
    return false;
  }
  if (!it->is_string()) {
    errors.push_back(jsonError(path + "." + key, std::string("expected a string, found ") + typeName(*it)));
    return false;
  }
  out = it->get<std::string>();
  return true;
}

}  // namespace

bool parsePortRef(const std::string& text, PortRef& out) {
  auto dot = text.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= text.size()) return false;
  out.node = text.substr(0, dot);
  out.port = text.substr(dot + 1);
  return true;
}

// "init_from": {"model": PATH, "node": ID}, "freeze": true | false | epochs and "lr_multiplier": x (NodeSpec).
static bool readTrainingKeys(const Json& jn, const std::string& path, NodeSpec& n, Diagnostics& errors) {
  bool ok = true;
  if (auto f = jn.find("init_from"); f != jn.end()) {
    const bool shaped = f->is_object() && f->contains("model") && (*f)["model"].is_string() && f->contains("node") &&
                        (*f)["node"].is_string() && !(*f)["model"].get<std::string>().empty();
    if (!shaped) {
      errors.push_back(jsonError(path + ".init_from", "expected {\"model\": run or bundle folder, \"node\": node id}"));
      ok = false;
    } else {
      n.init_model = (*f)["model"].get<std::string>();
      n.init_node = (*f)["node"].get<std::string>();
    }
  }
  if (auto f = jn.find("freeze"); f != jn.end()) {
    if (f->is_boolean()) {
      n.freeze_epochs = f->get<bool>() ? -1 : 0;
    } else if (f->is_number_integer() && f->get<int64_t>() >= 0) {
      n.freeze_epochs = f->get<int64_t>();
    } else {
      errors.push_back(jsonError(path + ".freeze", "expected true, false or a number of epochs"));
      ok = false;
    }
  }
  if (auto f = jn.find("lr_multiplier"); f != jn.end()) {
    if (f->is_number() && f->get<double>() >= 0 && f->get<double>() <= 100) {
      n.lr_multiplier = f->get<double>();
    } else {
      errors.push_back(jsonError(path + ".lr_multiplier", "expected a number from 0 to 100"));
      ok = false;
    }
  }
  return ok;
}

Json graphToJson(const GraphSpec& graph) {
  Json j = Json::object();
  j["schema_version"] = graph.schema_version;
  j["name"] = graph.name;
  Json nodes = Json::array();
  for (const auto& n : graph.nodes) {
    Json jn = Json::object();
    jn["id"] = n.id;
    jn["type"] = n.type;
    jn["params"] = n.params.is_null() ? Json::object() : n.params;
    jn["position"] = Json::array({n.x, n.y});
    if (!n.init_model.empty()) jn["init_from"] = Json{{"model", n.init_model}, {"node", n.init_node}};
    if (n.freeze_epochs != 0) jn["freeze"] = n.freeze_epochs < 0 ? Json(true) : Json(n.freeze_epochs);
    if (n.lr_multiplier != 1.0) jn["lr_multiplier"] = n.lr_multiplier;
    nodes.push_back(std::move(jn));
  }
  j["nodes"] = std::move(nodes);
  Json edges = Json::array();
  for (const auto& e : graph.edges) edges.push_back(Json{{"from", e.from.str()}, {"to", e.to.str()}});
  j["edges"] = std::move(edges);
  return j;
}

std::string graphToText(const GraphSpec& graph) { return graphToJson(graph).dump(2) + "\n"; }

namespace {
GraphLoadResult readGraph(const Json& j) {
  GraphLoadResult result;
  Diagnostics& errors = result.errors;
  if (!j.is_object()) {
    errors.push_back(jsonError("", std::string("a graph must be a JSON object, found ") + typeName(j)));
    return result;
  }
  GraphSpec g;
  auto version = j.find("schema_version");
  if (version == j.end() || !version->is_number_integer()) {
    errors.push_back(jsonError("schema_version", "missing or not an integer"));
    return result;
  }
  g.schema_version = version->get<int>();
  if (g.schema_version > GraphSpec::kSchemaVersion || g.schema_version < 1) {
    errors.push_back(jsonError("schema_version", "unsupported graph schema version " +
                                                     std::to_string(g.schema_version) + " (this build reads 1.." +
                                                     std::to_string(GraphSpec::kSchemaVersion) + ")"));
    return result;
  }
  readString(j, "name", "", g.name, errors, /*required=*/false);

  auto nodes = j.find("nodes");
  if (nodes == j.end() || !nodes->is_array()) {
    errors.push_back(jsonError("nodes", "missing or not an array"));
  } else {
    for (std::size_t i = 0; i < nodes->size(); ++i) {
      const Json& jn = (*nodes)[i];
      const std::string path = "nodes[" + std::to_string(i) + "]";
      if (!jn.is_object()) {
        errors.push_back(jsonError(path, std::string("expected an object, found ") + typeName(jn)));
        continue;
      }
      NodeSpec n;
      bool ok = readString(jn, "id", path, n.id, errors);
      ok = readString(jn, "type", path, n.type, errors) && ok;
      if (auto p = jn.find("params"); p != jn.end()) {
        if (!p->is_object()) {
          errors.push_back(jsonError(path + ".params", std::string("expected an object, found ") + typeName(*p)));
          ok = false;
        } else {
          n.params = *p;
        }
      }
      if (auto pos = jn.find("position"); pos != jn.end()) {
        if (!pos->is_array() || pos->size() != 2 || !(*pos)[0].is_number() || !(*pos)[1].is_number()) {
          errors.push_back(jsonError(path + ".position", "expected [x, y] numbers"));
          ok = false;
        } else {
          n.x = (*pos)[0].get<double>();
          n.y = (*pos)[1].get<double>();
        }
      }
      ok = readTrainingKeys(jn, path, n, errors) && ok;
      for (auto it = jn.begin(); it != jn.end(); ++it) {
        if (it.key() != "id" && it.key() != "type" && it.key() != "params" && it.key() != "position" &&
            it.key() != "init_from" && it.key() != "freeze" && it.key() != "lr_multiplier")
          errors.push_back(jsonError(path, "unknown key '" + it.key() + "'"));
      }
      if (ok) g.nodes.push_back(std::move(n));
    }
  }

  auto edges = j.find("edges");
  if (edges == j.end() || !edges->is_array()) {
    errors.push_back(jsonError("edges", "missing or not an array"));
  } else {
    for (std::size_t i = 0; i < edges->size(); ++i) {
      const Json& je = (*edges)[i];
      const std::string path = "edges[" + std::to_string(i) + "]";
      if (!je.is_object()) {
        errors.push_back(jsonError(path, std::string("expected an object, found ") + typeName(je)));
        continue;
      }
      std::string from, to;
      bool ok = readString(je, "from", path, from, errors);
      ok = readString(je, "to", path, to, errors) && ok;
      if (!ok) continue;
      EdgeSpec e;
      if (!parsePortRef(from, e.from)) {
        errors.push_back(jsonError(path + ".from", "'" + from + "' is not of the form node.port"));
        continue;
      }
      if (!parsePortRef(to, e.to)) {
        errors.push_back(jsonError(path + ".to", "'" + to + "' is not of the form node.port"));
        continue;
      }
      g.edges.push_back(std::move(e));
    }
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    const auto& k = it.key();
    if (k != "schema_version" && k != "name" && k != "nodes" && k != "edges")
      errors.push_back(jsonError("", "unknown key '" + k + "'"));
  }
  if (errors.empty()) result.graph = std::move(g);
  return result;
}

}  // namespace

GraphLoadResult graphFromJson(const Json& j) {
  try {
    return readGraph(j);
  } catch (const nlohmann::json::exception& e) {  // a value of the wrong type or out of range, anywhere in it
    GraphLoadResult r;
    r.errors.push_back(jsonError("", jsonErrorText(e)));
    return r;
  }
}

GraphLoadResult graphFromText(const std::string& text) {
  Json j;
  try {
    j = Json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    GraphLoadResult r;
    r.errors.push_back(jsonError("", "invalid JSON at " + lineColumn(text, e.byte == 0 ? 0 : e.byte - 1)));
    return r;
  } catch (const nlohmann::json::exception& e) {  // a number out of range (1e309)
    GraphLoadResult r;
    r.errors.push_back(jsonError("", "invalid JSON: " + jsonErrorText(e)));
    return r;
  }
  return graphFromJson(j);
}

GraphLoadResult loadGraphFile(const std::string& path) {
  std::string text, error;
  if (!readWholeFile(path, text, error)) {
    GraphLoadResult r;
    r.errors.push_back(jsonError("", error));
    return r;
  }
  Json j;
  try {
    j = Json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    GraphLoadResult r;
    r.errors.push_back(jsonError("", path + ": invalid JSON at " + lineColumn(text, e.byte == 0 ? 0 : e.byte - 1)));
    return r;
  } catch (const nlohmann::json::exception& e) {  // a number out of range (1e309)
    GraphLoadResult r;
    r.errors.push_back(jsonError("", path + ": invalid JSON: " + jsonErrorText(e)));
    return r;
  }
  GraphLoadResult r;
  if (j.is_object() && j.contains("graph")) {
    r = graphFromJson(j["graph"]);
    for (auto& d : r.errors) d.message = path + ": graph: " + d.message;
  } else {
    r = graphFromJson(j);
    for (auto& d : r.errors) d.message = path + ": " + d.message;
  }
  if (r.graph) {  // relative file parameters are the file's own
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(path, ec);
    r.graph->base_dir = (ec ? std::filesystem::path(path) : absolute).parent_path().lexically_normal().string();
  }
  return r;
}

}  // namespace fusebench
