// fusebench-cli export MODEL --onnx FILE: a trained model as ONNX, checked in ONNX Runtime against LibTorch.
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#ifdef FUSEBENCH_HAS_ONNX
#include "export/onnx_export.h"
#endif

namespace fusebench::cli {

#ifdef FUSEBENCH_HAS_ONNX
namespace {

void printOutcome(const onnx_export::OnnxExportOutcome& r) {
  std::cout << "wrote " << r.file << " (" << r.bytes << " bytes, " << r.operators << " operators, opset 17)\n";
  if (!r.sidecar.empty()) std::cout << "wrote " << r.sidecar << " (inputs, outputs, preprocessing, classes)\n";
  std::cout << "inputs:\n";
  for (const auto& i : r.inputs) std::cout << "  " << std::left << std::setw(28) << i["name"].get<std::string>() << " " << i["type"].get<std::string>() << " " << i["shape"].dump() << "  " << i["doc"].get<std::string>() << "\n";
  std::cout << "outputs:\n";
  for (const auto& o : r.outputs) std::cout << "  " << std::left << std::setw(28) << o["name"].get<std::string>() << " " << o["type"].get<std::string>() << " " << o["shape"].dump() << "  " << o["doc"].get<std::string>() << "\n";
  const auto& v = r.verification;
  if (!v.ran) {
    if (!v.not_run.empty()) std::cout << "not checked: " << v.not_run << "\n";
    return;
  }
  if (!v.error.empty()) return;
  std::cout << "checked in " << v.runtime << " on " << v.samples << " samples (" << v.missing_cases
            << " with a modality missing), batch 1 and batch " << v.samples << ":\n" << std::scientific << std::setprecision(2);
  for (const auto& o : v.outputs)
    std::cout << "  " << std::left << std::setw(14) << o.output << " max |difference| " << o.batch1 << " (batch 1), "
              << o.batchN << " (batch " << v.samples << ")\n";
  std::cout << (v.passed() ? "passed" : "FAILED") << ": largest difference " << v.max_difference << " (tolerance "
            << v.tolerance << ")\n" << std::defaultfloat;
}

}  // namespace
#endif

void addExportCommand(CLI::App& app, int* exit_code) {
  static std::string model, onnx;
  static int64_t opset = 17;
  static int samples = 8;
  static bool json = false;
  auto* cmd = app.add_subcommand("export", "Export a trained model (bundle or run folder) for deployment");
  cmd->add_option("MODEL", model, "Model bundle or run folder")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--onnx", onnx, "Write an ONNX file (and FILE.json describing inputs and preprocessing)")->required();
  cmd->add_option("--opset", opset, "ONNX opset (17)");
  cmd->add_option("--check-samples", samples, "Samples run in ONNX Runtime against LibTorch (0 = no check)")
      ->check(CLI::Range(0, 4096));
  cmd->add_flag("--json", json, "Print the outcome as JSON");
  cmd->callback([exit_code] {
#ifdef FUSEBENCH_HAS_ONNX
    onnx_export::ModelExportOptions o;
    o.opset = opset;
    o.verify_samples = samples;
    auto r = onnx_export::exportBundle(model, onnx, o);
    if (json) {
      nlohmann::json j{{"ok", r.ok}, {"file", r.file}, {"sidecar", r.sidecar}, {"bytes", r.bytes}, {"operators", r.operators},
                       {"inputs", r.inputs}, {"outputs", r.outputs}, {"verification", r.verification.json()}};
      if (!r.error.empty()) j["error"] = r.error;
      std::cout << j.dump(2) << "\n";
    } else if (r.bytes > 0) {
      printOutcome(r);
    }
    if (!r.ok) {
      std::cerr << "error: " << r.error << "\n";
      *exit_code = 1;
    }
#else
    std::cerr << "error: this build has no ONNX export: install libonnx-dev and libprotobuf-dev, then rebuild\n";
    *exit_code = 1;
#endif
  });
}

}  // namespace fusebench::cli
