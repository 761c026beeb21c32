#include "data/manifest.h"

#include "util/files.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace fusebench::data {

int Manifest::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

static Diagnostic manifestError(const std::string& path, std::size_t line, const std::string& msg) {
  return Diagnostic{"manifest", "", "", path + (line ? ":" + std::to_string(line) : "") + ": " + msg, {}, {}};
}

ManifestLoadResult readCsv(const std::string& text, const std::string& path) {
  ManifestLoadResult r;
  std::vector<std::vector<std::string>> records;
  std::vector<std::size_t> lines;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, fieldStarted = false;
  std::size_t line = 1, recordLine = 1;
  std::size_t i = 0;
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF)
    i = 3;  // UTF-8 byte order mark
  auto endRecord = [&] {
    record.push_back(field);
    field.clear();
    fieldStarted = false;
    if (!(record.size() == 1 && record[0].empty())) {  // skip blank lines
      records.push_back(record);
      lines.push_back(recordLine);
    }
    record.clear();
  };
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
      fieldStarted = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      endRecord();
      ++line;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) {
    r.errors.push_back(manifestError(path, recordLine, "unterminated quoted field"));
    return r;
  }
  if (fieldStarted || !record.empty()) endRecord();
  if (records.empty()) {
    r.errors.push_back(manifestError(path, 0, "empty manifest: no header line"));
    return r;
  }
  Manifest m;
  m.header = records[0];
  for (std::size_t k = 1; k < records.size(); ++k) {
    if (records[k].size() != m.header.size()) {
      r.errors.push_back(manifestError(path, lines[k], "expected " + std::to_string(m.header.size()) +
                                                           " fields, found " + std::to_string(records[k].size())));
      continue;
    }
    std::vector<Cell> row;
    for (auto& f : records[k]) {
      Cell c;
      c.missing = f.empty();
      c.text = std::move(f);
      row.push_back(std::move(c));
    }
    m.rows.push_back(std::move(row));
    m.lines.push_back(lines[k]);
  }
  if (r.errors.empty()) r.manifest = std::move(m);
  return r;
}

ManifestLoadResult readJsonLines(const std::string& text, const std::string& path) {
  ManifestLoadResult r;
  Manifest m;
  std::istringstream in(text);
  std::string lineText;
  std::size_t line = 0;
  std::vector<nlohmann::ordered_json> objects;
  std::vector<std::size_t> lines;
  while (std::getline(in, lineText)) {
    ++line;
    if (!lineText.empty() && lineText.back() == '\r') lineText.pop_back();
    if (lineText.find_first_not_of(" \t") == std::string::npos) continue;
    try {
      auto j = nlohmann::ordered_json::parse(lineText);
      if (!j.is_object()) {
        r.errors.push_back(manifestError(path, line, "each line must be a JSON object"));
        continue;
      }
      for (auto it = j.begin(); it != j.end(); ++it)
        if (m.column(it.key()) < 0) m.header.push_back(it.key());
      objects.push_back(std::move(j));
      lines.push_back(line);
    } catch (const nlohmann::json::parse_error& e) {
      r.errors.push_back(manifestError(path, line, "invalid JSON"));
    }
  }
  if (!r.errors.empty()) return r;
  for (std::size_t k = 0; k < objects.size(); ++k) {
    std::vector<Cell> row(m.header.size());
    for (std::size_t c = 0; c < m.header.size(); ++c) {
      auto it = objects[k].find(m.header[c]);
      if (it == objects[k].end() || it->is_null()) continue;
      Cell& cell = row[c];
      if (it->is_string()) {
        cell.text = it->get<std::string>();
        cell.missing = cell.text.empty();
      } else if (it->is_array()) {
        cell.is_array = true;
        for (const auto& x : *it) cell.items.push_back(x.is_string() ? x.get<std::string>() : x.dump());
        cell.text = it->dump();
        cell.missing = false;
      } else {
        cell.text = it->dump();
        cell.missing = false;
      }
    }
    m.rows.push_back(std::move(row));
    m.lines.push_back(lines[k]);
  }
  r.manifest = std::move(m);
  return r;
}

ManifestLoadResult loadManifest(const std::string& path) {
  std::string text, error;
  if (!readWholeFile(path, text, error)) {
    ManifestLoadResult r;
    r.errors.push_back(manifestError(path, 0, "cannot open the manifest"));
    return r;
  }
  const bool jsonl = path.size() >= 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0;
  return jsonl ? readJsonLines(text, path) : readCsv(text, path);
}

std::string csvEscape(const std::string& f) {
  if (f.find_first_of(",\"\n\r") == std::string::npos) return f;
  std::string out = "\"";
  for (char c : f) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace fusebench::data
