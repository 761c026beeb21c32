#include "data/dataset_description.h"

#include "util/error_text.h"
#include "util/files.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace fusebench::data {

using Json = nlohmann::ordered_json;

namespace {
struct RoleName {
  ColumnRole role;
  const char* name;
};
constexpr RoleName kRoles[] = {{ColumnRole::Image, "image"},   {ColumnRole::Audio, "audio"},
                               {ColumnRole::Text, "text"},     {ColumnRole::Numeric, "numeric"},
                               {ColumnRole::Categorical, "categorical"}, {ColumnRole::Target, "target"},
                               {ColumnRole::Split, "split"},   {ColumnRole::Id, "id"},
                               {ColumnRole::Ignore, "ignore"}};
}  // namespace

const char* roleName(ColumnRole r) {
  for (const auto& k : kRoles)
    if (k.role == r) return k.name;
  return "?";
}

const char* taskName(TargetTask t) {
  switch (t) {
    case TargetTask::Classification: return "classification";
    case TargetTask::MultiLabel: return "multilabel";
    case TargetTask::Regression: return "regression";
  }
  return "?";
}

const ColumnSpec* DatasetDescription::column(const std::string& n) const {
  for (const auto& c : columns)
    if (c.name == n) return &c;
  return nullptr;
}

const ColumnSpec* DatasetDescription::target() const {
  for (const auto& c : columns)
    if (c.role == ColumnRole::Target) return &c;
  return nullptr;
}

std::vector<const ColumnSpec*> DatasetDescription::withRole(ColumnRole role) const {
  std::vector<const ColumnSpec*> out;
  for (const auto& c : columns)
    if (c.role == role) out.push_back(&c);
  return out;
}

namespace {
DescriptionLoadResult readDescription(const std::string& text, const std::string& path) {
  DescriptionLoadResult r;
  auto err = [&](const std::string& where, const std::string& msg) {
    r.errors.push_back(Diagnostic{"dataset-description", "", "", path + ": " + (where.empty() ? "" : where + ": ") + msg, {}, {}});
  };
  Json j;
  try {
    j = Json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    err("", "invalid JSON: " + jsonErrorText(e));
    return r;
  }
  if (!j.is_object() || j.value("format", std::string()) != "fusebench-dataset") {
    err("", "not a Fusebench dataset description (expected \"format\": \"fusebench-dataset\")");
    return r;
  }
  DatasetDescription d;
  const int version = j.value("version", 0);
  if (version < 1 || version > DatasetDescription::kFormatVersion) {
    err("version", "unsupported dataset format version " + std::to_string(version));
    return r;
  }
  d.name = j.value("name", std::string());
  d.manifest = j.value("manifest", d.manifest);
  d.provenance = j.value("provenance", std::string());
  if (j.contains("sample_rate")) {
    if (!j["sample_rate"].is_number_integer() || j["sample_rate"].get<int>() < 1000)
      err("sample_rate", "must be an integer >= 1000");
    else
      d.sample_rate = j["sample_rate"].get<int>();
  }
  if (j.contains("allow_outside_paths")) {
    if (!j["allow_outside_paths"].is_boolean()) err("allow_outside_paths", "must be true or false");
    else d.allow_outside_paths = j["allow_outside_paths"].get<bool>();
  }
  const auto ext = d.manifest.size() >= 4 ? d.manifest.substr(d.manifest.rfind('.') == std::string::npos ? 0 : d.manifest.rfind('.')) : "";
  if (ext != ".csv" && ext != ".jsonl") err("manifest", "'" + d.manifest + "' must end in .csv or .jsonl");
  if (!j.contains("columns") || !j["columns"].is_array() || j["columns"].empty()) {
    err("columns", "missing, empty or not an array");
    return r;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < j["columns"].size(); ++i) {
    const Json& jc = j["columns"][i];
    const std::string where = "columns[" + std::to_string(i) + "]";
    if (!jc.is_object() || !jc.contains("name") || !jc["name"].is_string() || !jc.contains("role") || !jc["role"].is_string()) {
      err(where, "each column needs a string 'name' and 'role'");
      continue;
    }
    ColumnSpec c;
    c.name = jc["name"].get<std::string>();
    const std::string role = jc["role"].get<std::string>();
    bool known = false;
    for (const auto& k : kRoles)
      if (role == k.name) {
        c.role = k.role;
        known = true;
      }
    if (!known) {
      err(where + ".role", "unknown role '" + role + "' (image, audio, text, numeric, categorical, target, split, id, ignore)");
      continue;
    }
    if (!names.insert(c.name).second) err(where, "column '" + c.name + "' is declared twice");
    if (c.role == ColumnRole::Target) {
      const std::string task = jc.value("task", std::string("classification"));
      if (task == "classification") c.task = TargetTask::Classification;
      else if (task == "multilabel") c.task = TargetTask::MultiLabel;
      else if (task == "regression") c.task = TargetTask::Regression;
      else err(where + ".task", "unknown task '" + task + "' (classification, multilabel, regression)");
      if (jc.contains("classes")) {
        if (!jc["classes"].is_array()) {
          err(where + ".classes", "must be an array of names");
        } else {
          for (const auto& x : jc["classes"]) {
            if (!x.is_string()) {
              err(where + ".classes", "class names must be strings");
              break;
            }
            c.classes.push_back(x.get<std::string>());
          }
        }
      }
      c.label_separator = jc.value("separator", c.label_separator);
    }
    d.columns.push_back(c);
  }
  // No target: an unlabeled dataset, which models predict on (training refuses it, naming the missing target).
  if (d.withRole(ColumnRole::Target).size() > 1) err("columns", "at most one column may have the role 'target'");
  if (d.withRole(ColumnRole::Split).size() > 1) err("columns", "at most one column may have the role 'split'");
  if (d.withRole(ColumnRole::Id).size() > 1) err("columns", "at most one column may have the role 'id'");
  if (r.errors.empty()) r.description = std::move(d);
  return r;
}

}  // namespace

DescriptionLoadResult descriptionFromText(const std::string& text, const std::string& path) {
  try {
    return readDescription(text, path);
  } catch (const nlohmann::json::exception& e) {  // a value of the wrong type or out of range, anywhere in it
    DescriptionLoadResult r;
    r.errors.push_back(Diagnostic{"dataset-description", "", "", path + ": " + jsonErrorText(e), {}, {}});
    return r;
  }
}

DescriptionLoadResult loadDescription(const std::string& path) {
  std::string text, error;
  if (!readWholeFile(path, text, error)) {
    DescriptionLoadResult r;
    r.errors.push_back(Diagnostic{"dataset-description", "", "", error, {}, {}});
    return r;
  }
  return descriptionFromText(text, path);
}

std::string descriptionToText(const DatasetDescription& d) {
  Json j = Json::object();
  j["format"] = "fusebench-dataset";
  j["version"] = DatasetDescription::kFormatVersion;
  j["name"] = d.name;
  if (!d.provenance.empty()) j["provenance"] = d.provenance;
  j["manifest"] = d.manifest;
  j["sample_rate"] = d.sample_rate;
  if (d.allow_outside_paths) j["allow_outside_paths"] = true;
  Json cols = Json::array();
  for (const auto& c : d.columns) {
    Json jc = {{"name", c.name}, {"role", roleName(c.role)}};
    if (c.role == ColumnRole::Target) {
      jc["task"] = taskName(c.task);
      if (!c.classes.empty()) jc["classes"] = c.classes;
      if (c.task == TargetTask::MultiLabel) jc["separator"] = c.label_separator;
    }
    cols.push_back(jc);
  }
  j["columns"] = cols;
  return j.dump(2) + "\n";
}

}  // namespace fusebench::data
