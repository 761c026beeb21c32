#include "data/importers.h"

#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>

#include "data/dataset_description.h"
#include "data/decode/decoders.h"
#include "data/idx_file.h"
#include "data/manifest.h"
#include "data/png_file.h"
#include "util/files.h"

namespace fusebench::data {

namespace fs = std::filesystem;

namespace {

bool writeText(const fs::path& p, const std::string& text, std::string& error) {
  return writeFileAtomic(p.string(), text, error);
}

std::string padded(std::size_t n) {
  std::string s = std::to_string(n);
  return std::string(s.size() < 6 ? 6 - s.size() : 0, '0') + s;
}

}  // namespace

ImportResult importIdx(const IdxImportOptions& o, const ImportProgress& progress) {
  ImportResult r;
  struct Part {
    std::string images, labels, split;
  };
  std::vector<Part> parts{{o.images, o.labels, o.test_images.empty() ? "" : "train"}};
  if (!o.test_images.empty() || !o.test_labels.empty()) {
    if (o.test_images.empty() || o.test_labels.empty()) {
      r.error = "--test-images and --test-labels go together";
      return r;
    }
    parts.push_back({o.test_images, o.test_labels, "test"});
  }
  std::vector<std::pair<IdxArray, IdxArray>> arrays;
  std::size_t total = 0;
  for (const auto& p : parts) {
    std::string error;
    auto images = readIdx(p.images, error);
    if (!images) {
      r.error = error;
      return r;
    }
    auto labels = readIdx(p.labels, error);
    if (!labels) {
      r.error = error;
      return r;
    }
    if (images->dims.size() != 3) {
      r.error = p.images + ": expected images of shape [n, rows, cols]";
      return r;
    }
    if (labels->dims.size() != 1 || labels->count() != images->count()) {
      r.error = p.labels + ": expected " + std::to_string(images->count()) + " labels, one per image";
      return r;
    }
    total += images->count();
    arrays.emplace_back(std::move(*images), std::move(*labels));
  }
  if (o.val_count > 0 && o.val_count >= arrays[0].first.count()) {
    r.error = "--val " + std::to_string(o.val_count) + " leaves no training image (" + o.images + " holds " +
              std::to_string(arrays[0].first.count()) + ")";
    return r;
  }
  const bool splitColumn = parts.size() > 1 || o.val_count > 0;
  int maxLabel = 0;
  for (const auto& [img, lab] : arrays)
    for (auto v : lab.data) maxLabel = std::max<int>(maxLabel, v);
  std::vector<std::string> classes = o.class_names;
  if (classes.empty())
    for (int c = 0; c <= maxLabel; ++c) classes.push_back(std::to_string(c));
  if (static_cast<int>(classes.size()) <= maxLabel) {
    r.error = "--class-names lists " + std::to_string(classes.size()) + " names but the labels go up to " + std::to_string(maxLabel);
    return r;
  }

  const fs::path out(o.out);
  std::error_code ec;
  fs::create_directories(out / "images", ec);
  if (ec) {
    r.error = "cannot create '" + (out / "images").string() + "': " + ec.message();
    return r;
  }
  std::string manifest = splitColumn ? "id,image,label,split\n" : "id,image,label\n";
  std::size_t done = 0;
  for (std::size_t k = 0; k < arrays.size(); ++k) {
    const auto& [img, lab] = arrays[k];
    const int rows = img.dims[1], cols = img.dims[2];
    const std::string prefix = parts[k].split.empty() ? "train" : parts[k].split;
    fs::create_directories(out / "images" / prefix, ec);
    for (std::size_t i = 0; i < img.count(); ++i) {
      cv::Mat m(rows, cols, CV_8UC1, const_cast<uint8_t*>(img.data.data() + i * img.itemSize()));
      const std::string id = prefix + "_" + padded(i + 1);
      const std::string rel = "images/" + prefix + "/" + padded(i + 1) + ".png";
      if (!writePng((out / rel).string(), m, r.error)) return r;
      manifest += id + "," + rel + "," + csvEscape(classes[lab.data[i]]);
      const bool val = k == 0 && i >= img.count() - o.val_count;
      manifest += splitColumn ? "," + std::string(val ? "val" : k == 0 ? "train" : parts[k].split) + "\n" : "\n";
      ++r.written;
      if (progress && (++done % 1000 == 0 || done == total)) progress(done, total);
    }
  }
  DatasetDescription d;
  d.name = o.name;
  d.provenance = "Imported from IDX files: " + o.images + (parts.size() > 1 ? ", " + o.test_images : "");
  d.columns.push_back({"id", ColumnRole::Id, TargetTask::Classification, {}, ";"});
  d.columns.push_back({"image", ColumnRole::Image, TargetTask::Classification, {}, ";"});
  d.columns.push_back({"label", ColumnRole::Target, TargetTask::Classification, classes, ";"});
  if (splitColumn) d.columns.push_back({"split", ColumnRole::Split, TargetTask::Classification, {}, ";"});
  if (!writeText(out / "manifest.csv", manifest, r.error) || !writeText(out / "dataset.json", descriptionToText(d), r.error))
    return r;
  r.ok = true;
  return r;
}

ImportResult importFolders(const std::string& src, const std::string& out, const ImportProgress& progress) {
  ImportResult r;
  std::error_code ec;
  if (!fs::is_directory(src, ec)) {
    r.error = "'" + src + "' is not a folder";
    return r;
  }
  std::vector<std::string> classes;
  for (const auto& e : fs::directory_iterator(src, ec))
    if (e.is_directory()) classes.push_back(e.path().filename().string());
  std::sort(classes.begin(), classes.end());
  if (classes.empty()) {
    r.error = "'" + src + "' has no class folders (expected SRC/<class>/<images>)";
    return r;
  }
  std::vector<std::pair<std::string, fs::path>> files;
  for (const auto& c : classes) {
    std::vector<fs::path> inClass;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(src) / c, ec))
      if (e.is_regular_file()) inClass.push_back(e.path());
    std::sort(inClass.begin(), inClass.end());
    for (auto& p : inClass) files.emplace_back(c, p);
  }
  fs::create_directories(fs::path(out) / "images", ec);
  if (ec) {
    r.error = "cannot create '" + (fs::path(out) / "images").string() + "': " + ec.message();
    return r;
  }
  std::string manifest = "image,label\n";
  const auto& decode = mediaDecoders().image;
  std::size_t done = 0;
  for (const auto& [cls, path] : files) {
    Image img;
    std::string error;
    if (!decode(path.string(), img, error)) {
      ++r.skipped;
      r.skipped_files.push_back(path.string() + ": " + error);
    } else {
      const fs::path rel = fs::path("images") / cls / fs::relative(path, fs::path(src) / cls);
      fs::create_directories((fs::path(out) / rel).parent_path(), ec);
      fs::copy_file(path, fs::path(out) / rel, fs::copy_options::overwrite_existing, ec);
      if (ec) {
        r.error = "cannot copy '" + path.string() + "' to '" + (fs::path(out) / rel).string() + "': " + ec.message();
        std::error_code ignored;
        fs::remove(fs::path(out) / rel, ignored);  // a partial copy (a full disk) would look like a damaged image
        return r;
      }
      manifest += csvEscape(rel.generic_string()) + "," + csvEscape(cls) + "\n";
      ++r.written;
    }
    if (progress && (++done % 200 == 0 || done == files.size())) progress(done, files.size());
  }
  DatasetDescription d;
  d.name = fs::path(src).filename().string();
  d.provenance = "Imported from the class folders of " + fs::absolute(src).string();
  d.columns.push_back({"image", ColumnRole::Image, TargetTask::Classification, {}, ";"});
  d.columns.push_back({"label", ColumnRole::Target, TargetTask::Classification, classes, ";"});
  if (!writeText(fs::path(out) / "manifest.csv", manifest, r.error) ||
      !writeText(fs::path(out) / "dataset.json", descriptionToText(d), r.error))
    return r;
  r.ok = true;
  return r;
}

}  // namespace fusebench::data
