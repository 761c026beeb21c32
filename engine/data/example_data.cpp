#include "data/example_data.h"

#include <algorithm>
#include <array>

#include "data/example_dataset.h"
#include "data/importers.h"
#include "graph/diagnostic.h"  // FB_TEXT: the Start page shows these translated

namespace fusebench::data {
namespace {

const std::string kFashionMnist = "/usr/share/datasets/fashion-mnist";

const std::array<ExampleDataRecipe, 3>& recipes() {
  static const std::array<ExampleDataRecipe, 3> all{{
      {"fashion_trimodal",
       FB_TEXT("3,200 samples: Fashion-MNIST pictures, the class name spoken by espeak-ng, and a noisy product "
               "title (about 70 MB)"),
       true, "fusebench-cli data make-example"},
      {"fashion_mnist",
       FB_TEXT("70,000 Fashion-MNIST pictures: 55,000 for training, 5,000 for validation, the official 10,000 "
               "for testing (a few minutes to write)"),
       true, "fusebench-cli data import-idx (see the README)"},
      {"fashion_pretrain",
       FB_TEXT("12,000 other Fashion-MNIST pictures, for pretraining the example's image encoder"),
       false, "python3 tools/examples/make_pretrain_dataset.py"},
  }};
  return all;
}

ExampleDataResult fromImport(const ImportResult& r) {
  ExampleDataResult out;
  out.ok = r.ok;
  out.error = r.error;
  out.samples = r.written;
  return out;
}

ExampleDataResult makeFashionMnist(const std::string& out, const ExampleDataProgress& progress) {
  IdxImportOptions o;
  o.images = kFashionMnist + "/train-images-idx3-ubyte.gz";
  o.labels = kFashionMnist + "/train-labels-idx1-ubyte.gz";
  o.test_images = kFashionMnist + "/t10k-images-idx3-ubyte.gz";
  o.test_labels = kFashionMnist + "/t10k-labels-idx1-ubyte.gz";
  o.val_count = 5000;
  o.class_names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
  o.out = out;
  o.name = "Fashion-MNIST";
  ExampleDataResult r = fromImport(importIdx(o, [&progress](std::size_t done, std::size_t total) {
    if (progress) progress("writing Fashion-MNIST pictures", done, total);
  }));
  if (!r.ok && r.error.find(kFashionMnist) != std::string::npos) r.error += " (install the Debian package dataset-fashion-mnist)";
  return r;
}

ExampleDataResult makeTrimodal(const std::string& out, const ExampleDataProgress& progress, std::size_t limit) {
  ExampleDatasetOptions o;
  o.out = out;
  const std::size_t full = static_cast<std::size_t>(o.train + o.val + o.test);
  if (limit > 0 && limit < full) {  // the same 6:1:1 proportions, at least one sample per class to train on
    o.train = std::max(10, static_cast<int>(limit * 6 / 8));
    o.val = static_cast<int>(limit / 8);
    o.test = static_cast<int>(limit / 8);
  }
  std::string step = "starting";
  const ExampleDatasetResult made = makeExampleDataset(
      o, [&](const std::string& s) { if (s.rfind("  ", 0) != 0) step = s; },
      [&](std::size_t done, std::size_t total) {
        if (progress) progress(step, done, total);
      });
  ExampleDataResult r;
  r.ok = made.ok;
  r.error = made.error;
  r.samples = made.samples;
  return r;
}

}  // namespace

const ExampleDataRecipe* findExampleData(const std::string& folder) {
  for (const ExampleDataRecipe& r : recipes())
    if (r.folder == folder) return &r;
  return nullptr;
}

ExampleDataResult makeExampleData(const std::string& folder, const std::string& out, const ExampleDataProgress& progress,
                                  std::size_t sample_limit) {
  const ExampleDataRecipe* recipe = findExampleData(folder);
  ExampleDataResult r;
  if (!recipe) {
    r.error = "no recipe makes an example dataset named '" + folder + "'";
    return r;
  }
  if (!recipe->makeable) {
    r.error = "the dataset '" + folder + "' is made by a script of the source tree: " + recipe->command;
    return r;
  }
  if (progress) progress("starting", 0, 0);
  return folder == "fashion_mnist" ? makeFashionMnist(out, progress) : makeTrimodal(out, progress, sample_limit);
}

}  // namespace fusebench::data
