#pragma once
// Importers that write a Fusebench dataset folder (images as PNG, manifest.csv, dataset.json).
#include <functional>
#include <string>
#include <vector>

namespace fusebench::data {

using ImportProgress = std::function<void(std::size_t done, std::size_t total)>;

struct ImportResult {
  bool ok = false;
  std::string error;      // why the import failed, naming the file
  std::size_t written = 0;
  std::size_t skipped = 0;
  std::vector<std::string> skipped_files;  // import-folders: files that are not decodable images
};

struct IdxImportOptions {
  std::string images, labels;            // training pair (required)
  std::string test_images, test_labels;  // optional test pair (split column "test")
  // The last N training images become the validation split (split column "val"): what the best checkpoint
  // and the calibration temperature are chosen on, kept apart from the official test images.
  std::size_t val_count = 0;
  std::vector<std::string> class_names;  // default: the label values "0".."9"
  std::string out;
  std::string name = "IDX import";
};

ImportResult importIdx(const IdxImportOptions& options, const ImportProgress& progress = {});

// SRC/<class>/<image files>: every decodable image becomes a sample of that class.
ImportResult importFolders(const std::string& src, const std::string& out, const ImportProgress& progress = {});

}  // namespace fusebench::data
