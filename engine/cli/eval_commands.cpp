// fusebench-cli eval and predict: from a model bundle (or a run folder), without the project.
#include <unistd.h>

#include <algorithm>
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "train/batch_predict.h"
#include "train/bundle.h"
#include "train/uncertainty.h"

namespace fusebench::cli {

void addEvalCommands(CLI::App& app, int* exit_code) {
  static train::EvalRequest req;
  static bool json = false;
  auto* eval = app.add_subcommand("eval", "Evaluate a trained model (bundle or run folder) on a dataset split");
  eval->add_option("MODEL", req.bundle, "Model bundle or run folder")->required()->check(CLI::ExistingDirectory);
  eval->add_option("--dataset", req.dataset, "Dataset folder (default: the one the model was trained on)");
  eval->add_option("--split", req.split, "train, val, test or all")->check(CLI::IsMember({"train", "val", "test", "all"}));
  eval->add_option("--threads", req.threads, "Intra-op threads (0 = default)");
  eval->add_flag("--json", json, "Print the metrics as JSON");
  eval->callback([exit_code] {
    auto r = train::evaluateBundle(req);
    if (!r.ok) {
      std::cerr << "error: " << r.error << "\n";
      *exit_code = 1;
      return;
    }
    if (json) {
      for (auto& c : r.metrics["classes"]) c.erase("roc"), c.erase("pr");
      std::cout << r.metrics.dump(2) << "\n";
      return;
    }
    std::cout << std::fixed << std::setprecision(4);
    if (r.metrics.contains("accuracy")) {
      std::cout << req.split << ": accuracy " << r.metrics["accuracy"].get<double>() << ", macro F1 "
                << r.metrics["macro"]["f1"].get<double>() << ", macro ROC AUC " << r.metrics["macro"]["roc_auc"].get<double>()
                << " (" << r.metrics["used"] << " samples, " << r.metrics["skipped"] << " skipped)\n";
      for (const auto& c : r.metrics["classes"])
        std::cout << "  " << std::left << std::setw(16) << c["name"].get<std::string>() << " precision "
                  << c["precision"].get<double>() << "  recall " << c["recall"].get<double>() << "  F1 "
                  << c["f1"].get<double>() << "  support " << c["support"] << "\n";
      if (const auto cal = r.metrics.find("calibration"); cal != r.metrics.end()) {
        std::cout << "  calibration: expected calibration error " << (*cal)["ece"].get<double>();
        if ((*cal)["fitted"].get<bool>())
          std::cout << " -> " << (*cal)["ece_calibrated"].get<double>() << " at temperature "
                    << (*cal)["temperature"].get<double>() << " (fitted on the validation split)\n";
        else
          std::cout << " (no temperature fitted: probabilities are the model's own)\n";
      }
    } else {
      std::cout << r.metrics.dump(2) << "\n";
    }
  });

  addPredictCommand(app, exit_code);
}

namespace {

// A bar on a terminal, redrawn in place; elsewhere (logs) nothing until the summary.
void drawProgress(std::size_t done, std::size_t total) {
  if (!isatty(STDERR_FILENO) || total == 0) return;
  const int width = 30, filled = static_cast<int>(width * done / total);
  std::cerr << "\rpredicting [" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done << "/"
            << total << std::flush;
  if (done >= total) std::cerr << "\n";
}

int predictDatasetCommand(train::BatchPredictRequest& req) {
  req.progress = drawProgress;
  auto r = train::predictDataset(req);
  if (!r.ok) {
    std::cerr << "error: " << r.error << "\n";
    return 1;
  }
  std::cout << "wrote " << req.out << ": " << r.predicted << " predictions (columns: ";
  for (std::size_t i = 0; i < r.columns.size() && i < 4; ++i) std::cout << (i ? ", " : "") << r.columns[i];
  std::cout << (r.columns.size() > 4 ? ", …" : "") << ")\n";
  if (r.calibrated) std::cout << "probabilities calibrated: divided by temperature " << r.temperature << " before the softmax\n";
  for (const auto& f : r.dumped) std::cout << "wrote " << f << "\n";
  if (!r.skipped.empty()) {
    std::cerr << "skipped " << r.skipped.size() << " sample(s) that could not be read:\n";
    for (std::size_t i = 0; i < r.skipped.size() && i < 20; ++i) std::cerr << "  " << r.skipped[i] << "\n";
    if (r.skipped.size() > 20) std::cerr << "  … and " << r.skipped.size() - 20 << " more\n";
  }
  return 0;
}

// The other models' answers on the same values beside the first one's: "uncertainty"."ensemble".
bool addEnsemble(const std::string& model, train::PredictOutcome& first, const std::vector<std::string>& others) {
  if (!first.prediction.contains("probabilities") || !first.prediction.contains("uncertainty")) {
    std::cerr << "error: --ensemble compares classification models\n";
    return false;
  }
  std::vector<std::string> classes;
  auto byClass = [&](const nlohmann::json& probabilities, std::vector<float>& out) {
    out.assign(classes.size(), -1.f);
    for (const auto& c : probabilities) {
      const auto it = std::find(classes.begin(), classes.end(), c["class"].get<std::string>());
      if (it != classes.end()) out[static_cast<std::size_t>(it - classes.begin())] = c["probability"].get<float>();
    }
    return probabilities.size() == classes.size() && std::count(out.begin(), out.end(), -1.f) == 0;
  };
  for (const auto& c : first.prediction["probabilities"]) classes.push_back(c["class"].get<std::string>());
  std::vector<std::vector<float>> members(1);
  byClass(first.prediction["probabilities"], members[0]);
  std::vector<std::string> models{model};
  for (const auto& other : others) {
    const auto r = train::predictWithBundle(other, first.values);
    std::vector<float> p;
    if (!r.ok || !byClass(r.prediction["probabilities"], p)) {
      std::cerr << "error: --ensemble " << other << ": " << (r.ok ? "its classes are not the first model's" : r.error) << "\n";
      return false;
    }
    members.push_back(std::move(p));
    models.push_back(other);
  }
  auto s = train::spreadOf("ensemble", members, classes);
  s.models = models;
  first.prediction["uncertainty"]["ensemble"] = s.toJson();
  first.prediction["uncertainty"]["ensemble"]["classes"] = classes;  // the order of mean and stddev
  return true;
}

}  // namespace

void addPredictCommand(CLI::App& app, int* exit_code) {
  static std::string model;
  static std::vector<std::string> inputs, ensemble;
  static train::BatchPredictRequest batch;
  auto* predict = app.add_subcommand(
      "predict", "Predict with a trained model: one sample given on the command line (prints JSON), or a dataset (CSV)");
  predict->add_option("MODEL", model, "Model bundle or run folder")->required()->check(CLI::ExistingDirectory);
  auto* one = predict->add_option("--input,-i", inputs, "column=value: a file path (image, audio), text or a number; repeat");
  auto* dataset = predict->add_option("--dataset", batch.dataset, "Predict every sample of this dataset folder (labels not needed)")
                      ->check(CLI::ExistingDirectory);
  predict->add_option("--split", batch.split, "With --dataset: train, val, test (the model's split settings) or all")
      ->check(CLI::IsMember({"train", "val", "test", "all"}));
  predict->add_option("--limit", batch.limit, "With --dataset: at most this many samples, in dataset order");
  predict->add_option("--out", batch.out, "With --dataset: the predictions CSV (id, predicted, p_<class>…)");
  predict->add_option("--dump-inputs", batch.dump_inputs,
                      "With --dataset: write the model inputs as <input>.npy, named like the ONNX export's inputs");
  predict->add_option("--threads", batch.threads, "Intra-op threads (0 = default)");
  auto* others = predict->add_option("--ensemble", ensemble, "With --input: another trained model (same classes) to compare answers with; repeat");
  one->excludes(dataset);
  others->excludes(dataset);
  predict->callback([exit_code] {
    if (!batch.dataset.empty()) {
      if (batch.out.empty()) {
        std::cerr << "error: --dataset needs --out FILE.csv\n";
        *exit_code = 2;
        return;
      }
      batch.bundle = model;
      *exit_code = predictDatasetCommand(batch);
      return;
    }
    if (inputs.empty()) {
      std::cerr << "error: give the sample as --input column=value (repeat), or a dataset with --dataset DIR --out FILE.csv\n";
      *exit_code = 2;
      return;
    }
    std::map<std::string, std::string> values;
    for (const auto& kv : inputs) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) {
        std::cerr << "error: --input '" << kv << "' is not column=value\n";
        *exit_code = 2;
        return;
      }
      values[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    auto r = train::predictWithBundle(model, values);
    if (!r.ok) {
      std::cerr << "error: " << r.error << "\n";
      *exit_code = 1;
      return;
    }
    if (!ensemble.empty() && !addEnsemble(model, r, ensemble)) {
      *exit_code = 1;
      return;
    }
    std::cout << r.prediction.dump(2) << "\n";
  });
}

}  // namespace fusebench::cli
