#pragma once
// Reads a manifest: CSV (RFC 4180: quoted fields, embedded commas, quotes and newlines, CRLF) or JSON Lines.
// Every cell is kept as text plus, for JSON arrays, its items; an empty cell or JSON null is "missing".
#include <optional>
#include <string>
#include <vector>

#include "graph/diagnostic.h"

namespace fusebench::data {

struct Cell {
  std::string text;
  std::vector<std::string> items;  // JSON array values (multi-label targets)
  bool missing = true;
  bool is_array = false;
};

struct Manifest {
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;  // each row has header.size() cells
  std::vector<std::size_t> lines;       // 1-based line of each row in the file, for messages
  int column(const std::string& name) const;  // -1 when absent
};

struct ManifestLoadResult {
  std::optional<Manifest> manifest;
  Diagnostics errors;  // fatal: the manifest cannot be read; messages name file and line
};

ManifestLoadResult readCsv(const std::string& text, const std::string& path_for_messages);
ManifestLoadResult readJsonLines(const std::string& text, const std::string& path_for_messages);
ManifestLoadResult loadManifest(const std::string& path);  // by extension

std::string csvEscape(const std::string& field);  // quotes when needed

}  // namespace fusebench::data
