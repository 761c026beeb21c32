#pragma once
// Reads a manifest: CSV (RFC 4180: quoted fields, embedded commas, quotes and newlines, CRLF) or JSON Lines.
// Every cell is kept as text plus, for JSON arrays, its items; an empty cell or JSON null is "missing".
//
// A manifest of a million rows must open in about a second and cost little more than its file, so the
// cells are not objects: their texts lie end to end in one buffer and each cell is an 8-byte end offset
// (the top bit marks a JSON array, whose items are parsed again when asked for). A cell is "missing"
// exactly when its text is empty.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/diagnostic.h"

namespace fusebench::data {

struct Cell {
  std::string text;
  std::vector<std::string> items;  // JSON array values (multi-label targets)
  bool missing = true;
  bool is_array = false;
};

class Manifest {
 public:
  std::vector<std::string> header;
  int column(const std::string& name) const;  // -1 when absent

  std::size_t rowCount() const { return lines_.size(); }
  std::size_t line(std::size_t row) const { return lines_.at(row); }  // 1-based line in the file, for messages
  std::string_view text(std::size_t row, std::size_t column) const;   // no copy; empty when missing
  bool missing(std::size_t row, std::size_t column) const { return text(row, column).empty(); }
  Cell cell(std::size_t row, std::size_t column) const;               // a copy, with a JSON array's items
  std::size_t bytes() const;  // what the cells hold in memory, for the browser's figures

  // Building a manifest row by row (readers, one-sample datasets).
  void appendCell(std::string_view text, bool isArray = false);
  void endRow(std::size_t line);          // the cells appended since the last row form this row
  void dropPartialRow();                  // forgets the cells appended since the last endRow
  std::size_t pendingCells() const { return ends_.size() - rowCount() * header.size(); }

 private:
  static constexpr std::uint64_t kArrayBit = std::uint64_t{1} << 63;
  std::uint64_t start(std::size_t cell) const { return cell == 0 ? 0 : ends_[cell - 1] & ~kArrayBit; }
  std::string arena_;                 // every cell's text, end to end
  std::vector<std::uint64_t> ends_;   // per cell, row-major: end offset in arena_, | kArrayBit for JSON arrays
  std::vector<std::size_t> lines_;    // per row
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
