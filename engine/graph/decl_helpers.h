#pragma once
// Short constructors for registry entries, so a node type's declaration reads like a table.
#include "graph/node_registry.h"

namespace fusebench::decl {

inline ParamDecl intParam(std::string name, int64_t def, double min, double max, std::string doc) {
  ParamDecl p;
  p.name = std::move(name);
  p.type = ParamType::Int;
  p.default_value = def;
  p.min = min;
  p.max = max;
  p.doc = std::move(doc);
  return p;
}
inline ParamDecl floatParam(std::string name, double def, double min, double max, std::string doc) {
  ParamDecl p = intParam(std::move(name), 0, min, max, std::move(doc));
  p.type = ParamType::Float;
  p.default_value = def;
  return p;
}
inline ParamDecl boolParam(std::string name, bool def, std::string doc) {
  ParamDecl p;
  p.name = std::move(name);
  p.type = ParamType::Bool;
  p.default_value = def;
  p.doc = std::move(doc);
  return p;
}
inline ParamDecl choiceParam(std::string name, std::string def, std::vector<std::string> choices, std::string doc) {
  ParamDecl p;
  p.name = std::move(name);
  p.type = ParamType::Choice;
  p.default_value = def;
  p.choices = std::move(choices);
  p.doc = std::move(doc);
  return p;
}
inline ParamDecl intListParam(std::string name, std::vector<int64_t> def, double min, double max, std::string doc) {
  ParamDecl p = intParam(std::move(name), 0, min, max, std::move(doc));
  p.type = ParamType::IntList;
  p.default_value = def;
  return p;
}
inline ParamDecl stringParam(std::string name, std::string def, std::string doc) {
  ParamDecl p;
  p.name = std::move(name);
  p.type = ParamType::String;
  p.default_value = def;
  p.doc = std::move(doc);
  return p;
}
inline PortDecl port(std::string name, std::vector<PortKind> kinds, std::string doc, bool required = true) {
  PortDecl p;
  p.name = std::move(name);
  p.kinds = std::move(kinds);
  p.doc = std::move(doc);
  p.required = required;
  return p;
}
inline PortDecl variadicPort(std::string name, std::vector<PortKind> kinds, int min, int max, std::string doc) {
  PortDecl p = port(std::move(name), std::move(kinds), std::move(doc));
  p.variadic = true;
  p.min_count = min;
  p.max_count = max;
  return p;
}
inline PortShape shape(PortKind kind, std::vector<int64_t> dims, std::vector<int64_t> cards = {}) {
  PortShape s;
  s.kind = kind;
  s.dims = std::move(dims);
  s.cardinalities = std::move(cards);
  return s;
}

// Common parameter of every fusion node.
inline ParamDecl modalityDropoutParam() {
  return floatParam("modality_dropout", 0.0, 0.0, 0.9,
                    "Training only: probability of dropping each whole modality of a sample (one always stays)");
}

}  // namespace fusebench::decl
