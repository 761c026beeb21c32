#include "graph/node_registry.h"

#include <algorithm>
#include <stdexcept>

namespace fusebench {

const char* paramTypeName(ParamType t) {
  switch (t) {
    case ParamType::Int: return "integer";
    case ParamType::Float: return "number";
    case ParamType::Bool: return "boolean";
    case ParamType::Choice: return "choice";
    case ParamType::IntList: return "list of integers";
    case ParamType::String: return "string";
  }
  return "?";
}

std::string PortDecl::kindsStr() const {
  std::string s;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (i) s += (i + 1 == kinds.size()) ? " or " : ", ";
    s += kindName(kinds[i]);
  }
  return s;
}

Params::Params(const std::vector<ParamDecl>& decls, const ParamMap& user) {
  values_ = ParamMap::object();
  for (const auto& d : decls) {
    auto it = user.is_object() ? user.find(d.name) : user.end();
    values_[d.name] = (user.is_object() && it != user.end()) ? *it : d.default_value;
  }
}

const nlohmann::ordered_json& Params::at(const std::string& name) const {
  auto it = values_.find(name);
  // A missing name is a bug in a node's own code (it asked for a parameter it never declared).
  if (it == values_.end()) throw std::logic_error("undeclared parameter '" + name + "'");
  return *it;
}

int64_t Params::i(const std::string& name) const { return at(name).get<int64_t>(); }
double Params::f(const std::string& name) const { return at(name).get<double>(); }
bool Params::b(const std::string& name) const { return at(name).get<bool>(); }
std::string Params::s(const std::string& name) const { return at(name).get<std::string>(); }
std::vector<int64_t> Params::ints(const std::string& name) const { return at(name).get<std::vector<int64_t>>(); }

static std::vector<std::string> variadicNames(const std::map<std::string, PortShape>& ports, const std::string& base) {
  std::vector<std::string> names;
  for (int i = 0;; ++i) {
    std::string n = base + std::to_string(i);
    if (!ports.count(n)) break;
    names.push_back(n);
  }
  return names;
}

std::vector<std::string> InferContext::variadic(const std::string& base) const { return variadicNames(inputs, base); }
std::vector<std::string> BuildContext::variadic(const std::string& base) const { return variadicNames(inputs, base); }


std::string InferContext::resolvePath(const std::string& path) const { return resolveGraphPath(base_dir, path); }
std::string BuildContext::resolvePath(const std::string& path) const { return resolveGraphPath(base_dir, path); }

void InferContext::error(const std::string& port, const std::string& message, const std::string& expected,
                         const std::string& found, const std::string& code) {
  if (!errors) return;
  errors->push_back(Diagnostic{code, node.id, port, message, expected, found});
}

void InferContext::paramError(const std::string& param, const std::string& message) {
  error(param, message, {}, {}, "param-out-of-range");
}

void InferContext::error(const std::string& port, const Wording& w, const std::string& code) {
  if (errors) errors->push_back(worded(code, node.id, port, w));
}

void InferContext::paramError(const std::string& param, const char* pattern, std::vector<std::string> args) {
  error(param, Wording{pattern, "", "", std::move(args)}, "param-out-of-range");
}

bool InferContext::failed() const { return errors && errors->size() > initial_errors_; }

const ParamDecl* NodeTypeInfo::param(const std::string& name) const {
  for (const auto& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

const PortDecl* NodeTypeInfo::output(const std::string& name) const {
  for (const auto& p : outputs)
    if (p.name == name) return &p;
  return nullptr;
}

const PortDecl* NodeTypeInfo::input(const std::string& concrete, int* index) const {
  for (const auto& p : inputs) {
    if (!p.variadic) {
      if (p.name == concrete) return &p;
      continue;
    }
    if (concrete.size() <= p.name.size() || concrete.compare(0, p.name.size(), p.name) != 0) continue;
    const std::string digits = concrete.substr(p.name.size());
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    if (digits.size() > 1 && digits[0] == '0') continue;  // "in01" is not "in1"
    if (digits.size() > 6) continue;
    if (index) *index = std::stoi(digits);
    return &p;
  }
  return nullptr;
}

void NodeRegistry::add(NodeTypeInfo info) {
  for (auto& t : types_)
    if (t.type == info.type) {
      t = std::move(info);
      return;
    }
  types_.push_back(std::move(info));
}

const NodeTypeInfo* NodeRegistry::find(const std::string& type) const {
  for (const auto& t : types_)
    if (t.type == type) return &t;
  return nullptr;
}

std::vector<std::string> NodeRegistry::categories() const {
  std::vector<std::string> out;
  for (const auto& t : types_)
    if (std::find(out.begin(), out.end(), t.category) == out.end()) out.push_back(t.category);
  return out;
}

}  // namespace fusebench
