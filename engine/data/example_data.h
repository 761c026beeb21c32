#pragma once
// The example projects' datasets, made on this machine from what Debian packages carry (nothing is
// downloaded): which dataset folder each example project needs, and how to make it. The welcome page offers
// to make a missing one, with progress; `fusebench-cli data make-example` and `data import-idx` make the same.
#include <cstddef>
#include <functional>
#include <string>

namespace fusebench::data {

struct ExampleDataRecipe {
  std::string folder;    // the dataset folder's name as the example project names it ("fashion_trimodal")
  std::string contents;  // what it holds, for the user deciding whether to make it
  bool makeable = true;  // false: a script of the source tree makes it (`command` says which)
  std::string command;   // the same from a terminal
};

// The recipe for an example project's dataset folder (by its last path component); null when none.
const ExampleDataRecipe* findExampleData(const std::string& folder);

struct ExampleDataResult {
  bool ok = false;
  std::string error;  // names the file or the missing package
  std::size_t samples = 0;
};

// Makes the dataset of recipe `folder` in `out`. `progress(step, done, total)` is called from this thread;
// total 0 while the amount of work is not known yet.
// `sample_limit` > 0 makes a smaller fashion_trimodal (for a quick look, and tests); the others ignore it.
using ExampleDataProgress = std::function<void(const std::string& step, std::size_t done, std::size_t total)>;
ExampleDataResult makeExampleData(const std::string& folder, const std::string& out, const ExampleDataProgress& progress = {},
                                  std::size_t sample_limit = 0);

}  // namespace fusebench::data
