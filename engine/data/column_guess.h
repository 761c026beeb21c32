#pragma once
// New Project from Dataset: a folder of files with a table (manifest.csv or .jsonl), but no dataset.json yet.
// Each column's role is proposed from its content (file paths and what the files are, numbers, short
// repeated words, free text, split names, unique ids) and its name (label, target, split, id), with the
// reason in words, for the user to confirm before dataset.json is written.
#include <cstddef>
#include <string>
#include <vector>

#include "data/dataset_description.h"
#include "graph/diagnostic.h"

namespace fusebench::data {

struct ColumnProposal {
  ColumnSpec spec;                      // the proposed role (and a target's task and classes)
  std::string reason;                   // "file paths of PNG images", "12 distinct words", …
  std::vector<std::string> examples;    // a few of its values, as written
  std::size_t missing = 0;              // empty cells
};

struct TableProposal {
  std::string folder;    // the dataset folder (the table's)
  std::string manifest;  // the table's file name, relative to folder
  std::size_t rows = 0;
  std::vector<ColumnProposal> columns;  // in the table's order
  Diagnostics errors;                   // the table could not be read (names the file and line)
};

// `path`: a dataset folder holding manifest.csv / manifest.jsonl (or exactly one .csv / .jsonl), or the
// table file itself. Reads at most `max_rows` rows for the proposal.
TableProposal proposeColumns(const std::string& path, std::size_t max_rows = 5000);

// The description the (possibly user-edited) proposal stands for: a target's classes are read again
// from the whole table for the chosen column.
DatasetDescription describeProposal(const TableProposal& proposal, const std::vector<ColumnSpec>& chosen);

// Writes `folder`/dataset.json; refuses to replace one (the message names it).
bool writeDescription(const std::string& folder, const DatasetDescription& description, std::string& error);

}  // namespace fusebench::data
