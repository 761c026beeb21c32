#include "data/manifest.h"

#include "util/files.h"

#include <nlohmann/json.hpp>

namespace fusebench::data {

int Manifest::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

std::string_view Manifest::text(std::size_t row, std::size_t column) const {
  if (row >= rowCount() || column >= header.size()) return {};
  const std::size_t cell = row * header.size() + column;
  const std::uint64_t from = start(cell), to = ends_[cell] & ~kArrayBit;
  return std::string_view(arena_).substr(from, to - from);
}

Cell Manifest::cell(std::size_t row, std::size_t column) const {
  Cell c;
  c.text = std::string(text(row, column));
  c.missing = c.text.empty();
  if (row < rowCount() && column < header.size() && (ends_[row * header.size() + column] & kArrayBit)) {
    c.is_array = true;
    const auto items = nlohmann::json::parse(c.text, nullptr, /*allow_exceptions=*/false);
    if (items.is_array())
      for (const auto& x : items) c.items.push_back(x.is_string() ? x.get<std::string>() : x.dump());
  }
  return c;
}

std::size_t Manifest::bytes() const {
  return arena_.capacity() + ends_.capacity() * sizeof(std::uint64_t) + lines_.capacity() * sizeof(std::size_t);
}

void Manifest::appendCell(std::string_view text, bool isArray) {
  arena_.append(text);
  ends_.push_back(static_cast<std::uint64_t>(arena_.size()) | (isArray ? kArrayBit : 0));
}

void Manifest::endRow(std::size_t line) {
  while (pendingCells() < header.size()) appendCell({});  // a short row is padded with missing cells
  lines_.push_back(line);
}

void Manifest::dropPartialRow() {
  ends_.resize(rowCount() * header.size());
  arena_.resize(ends_.empty() ? 0 : ends_.back() & ~kArrayBit);
}

static Diagnostic manifestError(const std::string& path, std::size_t line, const std::string& msg) {
  return Diagnostic{"manifest", "", "", path + (line ? ":" + std::to_string(line) : "") + ": " + msg, {}, {}};
}

namespace {

// Splits CSV text into records one field at a time and hands each finished record to `onRecord`
// (fields, the line it starts on). Returns false for an unterminated quoted field (its line in `badLine`).
template <typename OnRecord>
bool scanCsv(const std::string& text, OnRecord&& onRecord, std::size_t& badLine) {
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, fieldStarted = false;
  std::size_t line = 1, recordLine = 1;
  std::size_t i = 0;
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF)
    i = 3;  // UTF-8 byte order mark
  std::size_t fields = 0;  // fields of the current record; `record` is reused so its strings keep their capacity
  auto endField = [&] {
    if (record.size() <= fields) record.emplace_back();
    record[fields++].swap(field);
    field.clear();
    fieldStarted = false;
  };
  auto endRecord = [&] {
    endField();
    if (!(fields == 1 && record[0].empty())) onRecord(record, fields, recordLine);  // blank lines are skipped
    fields = 0;
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
      endField();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      endRecord();
      ++line;
      recordLine = line;
    } else {
      // The common case: an unquoted run up to the next separator, copied at once.
      std::size_t j = i;
      while (j < text.size() && text[j] != ',' && text[j] != '\n' && text[j] != '\r' && text[j] != '"') ++j;
      if (j == i) j = i + 1;  // a lone '\r' or a '"' inside an unquoted field is kept as it is
      field.append(text, i, j - i);
      i = j - 1;
      fieldStarted = true;
    }
  }
  if (quoted) {
    badLine = recordLine;
    return false;
  }
  if (fieldStarted || fields > 0) endRecord();
  return true;
}

}  // namespace

ManifestLoadResult readCsv(const std::string& text, const std::string& path) {
  ManifestLoadResult r;
  Manifest m;
  bool haveHeader = false;
  auto onRecord = [&](const std::vector<std::string>& record, std::size_t fields, std::size_t line) {
    if (!haveHeader) {
      m.header.assign(record.begin(), record.begin() + static_cast<std::ptrdiff_t>(fields));
      haveHeader = true;
      return;
    }
    if (fields != m.header.size()) {
      r.errors.push_back(manifestError(path, line, "expected " + std::to_string(m.header.size()) + " fields, found " +
                                                       std::to_string(fields)));
      return;
    }
    if (!r.errors.empty()) return;  // only the errors matter now
    for (std::size_t f = 0; f < fields; ++f) m.appendCell(record[f]);
    m.endRow(line);
  };
  std::size_t badLine = 0;
  if (!scanCsv(text, onRecord, badLine)) {
    r.errors.push_back(manifestError(path, badLine, "unterminated quoted field"));
    return r;
  }
  if (!haveHeader) {
    r.errors.push_back(manifestError(path, 0, "empty manifest: no header line"));
    return r;
  }
  if (r.errors.empty()) r.manifest = std::move(m);
  return r;
}

ManifestLoadResult readJsonLines(const std::string& text, const std::string& path) {
  ManifestLoadResult r;
  Manifest m;
  // The header is every key in order of first appearance, so rows are kept sparse until the last line is read:
  // per row, (column, text, is-array) in one buffer.
  struct SparseCell {
    std::uint32_t column;
    bool isArray;
    std::uint64_t from, to;
  };
  std::string texts;
  std::vector<SparseCell> cells;
  std::vector<std::size_t> rowFirst, lines;
  std::size_t line = 0, pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string_view lineText(text.data() + pos, eol - pos);
    pos = eol + 1;
    ++line;
    if (!lineText.empty() && lineText.back() == '\r') lineText.remove_suffix(1);
    if (lineText.find_first_not_of(" \t") == std::string_view::npos) continue;
    const auto j = nlohmann::ordered_json::parse(lineText.begin(), lineText.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      r.errors.push_back(manifestError(path, line, "invalid JSON"));
      continue;
    }
    if (!j.is_object()) {
      r.errors.push_back(manifestError(path, line, "each line must be a JSON object"));
      continue;
    }
    if (!r.errors.empty()) continue;
    rowFirst.push_back(cells.size());
    lines.push_back(line);
    for (auto it = j.begin(); it != j.end(); ++it) {
      int c = m.column(it.key());
      if (c < 0) {
        m.header.push_back(it.key());
        c = static_cast<int>(m.header.size()) - 1;
      }
      if (it->is_null()) continue;
      const std::uint64_t from = texts.size();
      texts += it->is_string() ? it->get_ref<const std::string&>() : it->dump();
      cells.push_back({static_cast<std::uint32_t>(c), it->is_array(), from, texts.size()});
    }
  }
  if (!r.errors.empty()) return r;
  rowFirst.push_back(cells.size());
  std::vector<const SparseCell*> dense(m.header.size());
  for (std::size_t k = 0; k + 1 < rowFirst.size(); ++k) {
    std::fill(dense.begin(), dense.end(), nullptr);
    for (std::size_t c = rowFirst[k]; c < rowFirst[k + 1]; ++c) dense[cells[c].column] = &cells[c];
    for (const SparseCell* c : dense)
      c ? m.appendCell(std::string_view(texts).substr(c->from, c->to - c->from), c->isArray) : m.appendCell({});
    m.endRow(lines[k]);
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
