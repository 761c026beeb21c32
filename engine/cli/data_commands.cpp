// fusebench-cli data: validate, summary, import-idx, import-folders, deidentify, make-example.
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "data/dataset_check.h"
#include "data/decode/decoders.h"
#ifdef FUSEBENCH_HAS_MEDIA
#include "data/deidentify.h"
#include "data/example_dataset.h"
#include "data/importers.h"
#include "project/project_file.h"
#endif

namespace fusebench::cli {
namespace {

// Exit codes of `data validate`: 0 clean, 1 problems found, 2 the dataset cannot be read at all.
constexpr int kClean = 0, kProblems = 1, kUnreadable = 2;

std::optional<data::Dataset> openOrReport(const std::string& dir) {
  auto r = data::Dataset::open(dir);
  for (const auto& e : r.errors) std::cerr << "error: " << e.message << "\n";
  return std::move(r.dataset);
}

#ifdef FUSEBENCH_HAS_MEDIA
std::vector<std::string> splitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(item);
  return out;
}

void printProgress(std::size_t done, std::size_t total) {
  std::cerr << "\r  " << done << " / " << total << std::flush;
  if (done == total) std::cerr << "\n";
}

#endif

}  // namespace

void addDataCommands(CLI::App& app, int* exit_code) {
  auto* dataCmd = app.add_subcommand("data", "Dataset folders: validate, summarize, import");
  dataCmd->require_subcommand(1);

  struct Options {
    std::string dir;
    bool json = false;
    int threads = 2;
  };
  static Options validateOpts, summaryOpts;

  auto* validate = dataCmd->add_subcommand(
      "validate", "Check every sample; list each problem with row/id, column, file and reason. "
                  "Exit 0 clean, 1 problems found, 2 unreadable dataset");
  validate->add_option("DIR", validateOpts.dir, "Dataset folder (dataset.json + manifest)")->required();
  validate->add_flag("--json", validateOpts.json, "Machine-readable report on stdout");
  validate->add_option("--threads", validateOpts.threads, "Decoding threads")->check(CLI::Range(1, 64));
  validate->callback([exit_code] {
    auto ds = openOrReport(validateOpts.dir);
    if (!ds) {
      *exit_code = kUnreadable;
      return;
    }
    auto report = data::checkDataset(*ds, data::mediaDecoders(), data::makeCheckOptions(validateOpts.threads));
    if (validateOpts.json) {
      std::cout << report.toJson().dump(2) << "\n";
    } else {
      for (const auto& p : report.problems) std::cout << p.format() << "\n";
      for (const auto& w : report.warnings()) std::cout << "warning: " << w << "\n";
      std::cout << validateOpts.dir << ": " << report.samples << " samples, " << report.badSamples()
                << " with problems, " << report.problems.size() << " problem"
                << (report.problems.size() == 1 ? "" : "s") << "\n";
    }
    *exit_code = report.problems.empty() ? kClean : kProblems;
  });

  auto* summary = dataCmd->add_subcommand("summary", "Counts per split and class, availability per modality, "
                                                     "image sizes, audio durations, text lengths, vocabulary");
  summary->add_option("DIR", summaryOpts.dir, "Dataset folder")->required();
  summary->add_flag("--json", summaryOpts.json, "Machine-readable summary on stdout");
  summary->add_option("--threads", summaryOpts.threads, "Decoding threads")->check(CLI::Range(1, 64));
  summary->callback([exit_code] {
    auto ds = openOrReport(summaryOpts.dir);
    if (!ds) {
      *exit_code = kUnreadable;
      return;
    }
    auto report = data::checkDataset(*ds, data::mediaDecoders(), data::makeCheckOptions(summaryOpts.threads));
    if (summaryOpts.json) std::cout << report.toJson().dump(2) << "\n";
    else std::cout << report.summaryText(*ds);
    *exit_code = kClean;
  });

#ifdef FUSEBENCH_HAS_MEDIA
  static data::IdxImportOptions idx;
  static std::string classNames;
  auto* importIdx = dataCmd->add_subcommand("import-idx", "Import MNIST-style IDX files (plain or .gz) as a dataset folder");
  importIdx->add_option("--images", idx.images, "Training images IDX file")->required()->check(CLI::ExistingFile);
  importIdx->add_option("--labels", idx.labels, "Training labels IDX file")->required()->check(CLI::ExistingFile);
  importIdx->add_option("--test-images", idx.test_images, "Test images IDX file")->check(CLI::ExistingFile);
  importIdx->add_option("--test-labels", idx.test_labels, "Test labels IDX file")->check(CLI::ExistingFile);
  importIdx->add_option("--val", idx.val_count, "The last N training images become the validation split (best checkpoint, calibration)");
  importIdx->add_option("--class-names", classNames, "Comma-separated class names in label order");
  importIdx->add_option("--name", idx.name, "Dataset name");
  importIdx->add_option("--out", idx.out, "Output dataset folder")->required();
  importIdx->callback([exit_code] {
    idx.class_names = splitList(classNames);
    auto r = data::importIdx(idx, printProgress);
    if (!r.ok) {
      std::cerr << "error: " << r.error << "\n";
      *exit_code = 1;
      return;
    }
    std::cout << "wrote " << r.written << " samples to " << idx.out << "\n";
  });

  static std::string deidSrc, deidOut, deidSalt;
  auto* deidentify = dataCmd->add_subcommand(
      "deidentify", "Copy a folder with every DICOM file de-identified (PS3.15 E.1 basic profile attribute list)");
  deidentify->add_option("SRC", deidSrc, "Folder to copy (a dataset, or any tree of DICOM files)")->required();
  deidentify->add_option("--out", deidOut, "New folder for the copy")->required();
  deidentify->add_option("--salt", deidSalt, "Secret mixed into the Patient ID pseudonyms (default: random per run)");
  deidentify->callback([exit_code] {
    data::DeidentifyOptions o;
    o.salt = deidSalt;
    auto r = data::deidentifyFolder(deidSrc, deidOut, o);
    if (!r.ok) {
      std::cerr << "error: " << r.error << "\n";
      *exit_code = 1;
      return;
    }
    for (const auto& p : r.problems) std::cerr << "not de-identified: " << p << "\n";
    std::cout << "de-identified " << r.dicom << " DICOM file" << (r.dicom == 1 ? "" : "s") << " of " << r.patients
              << " patient" << (r.patients == 1 ? "" : "s") << ", copied " << r.copied << " other files to " << deidOut
              << "\n(names, IDs as pseudonyms, dates, institutions, physicians, private attributes and UIDs replaced; "
                 "text burnt into the pixels is not removed)\n";
    *exit_code = r.problems.empty() ? 0 : 1;
  });

  static std::string folderSrc, folderOut;
  auto* importFolders = dataCmd->add_subcommand("import-folders", "Import SRC/<class>/<image> trees as a dataset folder");
  importFolders->add_option("SRC", folderSrc, "Folder with one sub-folder per class")->required();
  importFolders->add_option("--out", folderOut, "Output dataset folder")->required();
  importFolders->callback([exit_code] {
    auto r = data::importFolders(folderSrc, folderOut, printProgress);
    if (!r.ok) {
      std::cerr << "error: " << r.error << "\n";
      *exit_code = 1;
      return;
    }
    for (const auto& s : r.skipped_files) std::cerr << "skipped: " << s << "\n";
    std::cout << "wrote " << r.written << " samples to " << folderOut << ", skipped " << r.skipped << " files\n";
  });

  static data::ExampleDatasetOptions example;
  // The installed CLI (whose source checkout is gone) writes into the user's data folder, where the installed
  // example projects look for it.
  example.out = exampleDataDir(examplesDirOfThisProgram(FUSEBENCH_EXAMPLES_DIR));
  auto* makeExample = dataCmd->add_subcommand(
      "make-example", "Generate the example three-modality dataset (Fashion-MNIST images, espeak-ng speech, "
                      "product titles); reuses it when already complete");
  makeExample->add_option("--out", example.out, "Output folder")->capture_default_str();
  makeExample->add_option("--train", example.train, "Training samples")->capture_default_str()->check(CLI::Range(10, 60000));
  makeExample->add_option("--val", example.val, "Validation samples")->capture_default_str()->check(CLI::Range(0, 10000));
  makeExample->add_option("--test", example.test, "Test samples")->capture_default_str()->check(CLI::Range(0, 10000));
  makeExample->add_option("--seed", example.seed, "Random seed")->capture_default_str();
  makeExample->add_option("--fashion-mnist", example.fashion_mnist_dir, "Folder with the Fashion-MNIST IDX files")->capture_default_str();
  makeExample->callback([exit_code] {
    auto r = data::makeExampleDataset(example, [](const std::string& s) { std::cerr << s << "\n"; });
    if (!r.ok) {
      std::cerr << "error: " << r.error << "\n";
      *exit_code = 1;
      return;
    }
    if (r.reused) std::cout << example.out << ": already complete (" << r.samples << " samples)\n";
    else std::cout << "wrote " << r.samples << " samples to " << example.out << " in " << r.seconds << " s\n";
  });
#endif
}

}  // namespace fusebench::cli
