// fusebench-cli eval and predict: from a model bundle (or a run folder), without the project.
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "train/bundle.h"

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
    } else {
      std::cout << r.metrics.dump(2) << "\n";
    }
  });

  static std::string model;
  static std::vector<std::string> inputs;
  auto* predict = app.add_subcommand("predict", "Predict one sample with a trained model; prints JSON");
  predict->add_option("MODEL", model, "Model bundle or run folder")->required()->check(CLI::ExistingDirectory);
  predict->add_option("--input,-i", inputs, "column=value: a file path (image, audio), text or a number; repeat")
      ->required();
  predict->callback([exit_code] {
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
    std::cout << r.prediction.dump(2) << "\n";
  });
}

}  // namespace fusebench::cli
