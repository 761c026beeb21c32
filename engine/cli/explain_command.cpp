// fusebench-cli explain: why a trained model predicted what it did for one sample. Writes the attributions
// (explanation.json) and overlay PNGs, and prints the prediction and each modality's contribution.
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "data/dataset.h"
#include "explain/explainer.h"
#include "util/files.h"

namespace fusebench::cli {

void addExplainCommand(CLI::App& app, int* exit_code) {
  static std::string model, sample, dataset, target, out;
  static std::vector<std::string> inputs, methods, masked;
  static explain::ExplainOptions options;
  static bool json = false;
  auto* cmd = app.add_subcommand("explain", "Explain one prediction: attributions per modality, modality contributions, "
                                            "fusion internals; writes explanation.json and overlay PNGs");
  cmd->add_option("MODEL", model, "Model bundle or run folder")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--sample,-s", sample, "Dataset sample: its id, or its row number (1-based) with a leading '#'");
  cmd->add_option("--dataset", dataset, "Dataset folder for --sample (default: the one the model was trained on)");
  cmd->add_option("--input,-i", inputs, "column=value instead of --sample: a file path (image, audio), text or a number; repeat");
  cmd->add_option("--method,-m", methods, "saliency, smoothgrad, integrated_gradients, gradcam, occlusion (repeat; default all)");
  cmd->add_option("--target,-t", target, "Class to explain, by name or index (default: the predicted class)");
  cmd->add_option("--steps", options.ig_steps, "Integrated Gradients steps (doubled while the attributions miss "
                                               "completeness by more than --tolerance)")->check(CLI::Range(1, 4096));
  cmd->add_option("--tolerance", options.ig_tolerance, "Completeness tolerance, a fraction of f(x) - f(baseline); 0 = fixed steps");
  cmd->add_option("--baseline", options.image_baseline, "Image baseline for Integrated Gradients and occlusion")
      ->check(CLI::IsMember({"black", "blurred", "mean"}));
  cmd->add_option("--audio-baseline", options.audio_baseline, "Spectrogram baseline: background (each band's median) or silence")
      ->check(CLI::IsMember({"background", "silence"}));
  cmd->add_option("--score", options.attribution_score, "What attributions explain: logit or probability")
      ->check(CLI::IsMember({"logit", "probability"}));
  cmd->add_option("--gradcam-layer", options.gradcam_layer, "Grad-CAM layer of the encoders: stage1, stage2, … (default: the deepest with at least 7 cells on its shorter side)");
  cmd->add_option("--patch", options.occlusion_patch, "Occlusion patch side in model pixels (default: about 1/7 of the image)");
  cmd->add_option("--stride", options.occlusion_stride, "Occlusion stride in model pixels (default: half the patch)");
  cmd->add_option("--similar", options.similar_cases, "Most similar training samples to list (by the fused representation; 0 = none)")
      ->check(CLI::Range(0, 100));
  cmd->add_option("--mc-dropout", options.mc_dropout, "Monte-Carlo dropout passes (models with dropout layers; 0 = none)")
      ->check(CLI::Range(0, 1000));
  cmd->add_option("--ensemble", options.ensemble, "Another trained model (run or bundle) to compare answers with; repeat");
  cmd->add_option("--mask", masked, "Switch this input field off (what-if); repeat");
  cmd->add_option("--threads", options.threads, "Intra-op threads (0 = default)");
  cmd->add_option("--out,-o", out, "Folder for explanation.json and the PNGs")->required();
  cmd->add_flag("--json", json, "Print explanation.json to stdout too");
  cmd->callback([exit_code] {
    std::string error;
    auto explainer = explain::Explainer::open(model, error);
    if (!explainer) {
      std::cerr << "error: " << error << "\n";
      *exit_code = 1;
      return;
    }
    explain::SampleInput in;
    in.masked_fields = masked;
    if (!sample.empty() == !inputs.empty()) {
      std::cerr << "error: give either --sample or --input\n";
      *exit_code = 2;
      return;
    }
    for (const auto& kv : inputs) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) {
        std::cerr << "error: --input '" << kv << "' is not column=value\n";
        *exit_code = 2;
        return;
      }
      in.values[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    if (!sample.empty()) {
      in.dataset = dataset.empty() ? explainer->datasetDir() : dataset;
      auto opened = data::Dataset::open(in.dataset);
      if (!opened.dataset) {
        std::cerr << "error: dataset '" << in.dataset << "': " << (opened.errors.empty() ? "unreadable" : opened.errors[0].message) << "\n";
        *exit_code = 1;
        return;
      }
      const auto& ds = *opened.dataset;
      if (sample[0] == '#') {
        try {
          in.row = std::stoll(sample.substr(1)) - 1;
        } catch (const std::exception&) {
          in.row = -2;
        }
        if (in.row < 0 || static_cast<std::size_t>(in.row) >= ds.size()) {
          std::cerr << "error: --sample " << sample << ": rows are #1 to #" << ds.size() << "\n";
          *exit_code = 2;
          return;
        }
      } else {
        for (std::size_t i = 0; i < ds.size() && in.row < 0; ++i)
          if (ds.id(i) == sample) in.row = static_cast<int64_t>(i);
        if (in.row < 0) {
          std::cerr << "error: dataset '" << in.dataset << "' has no sample with id '" << sample << "' (use #N for row N)\n";
          *exit_code = 2;
          return;
        }
      }
    }
    if (!target.empty()) {
      const auto& classes = explainer->classes();
      auto it = std::find(classes.begin(), classes.end(), target);
      if (it != classes.end()) {
        options.target = it - classes.begin();
      } else {
        try {
          std::size_t used = 0;
          options.target = std::stoll(target, &used);
          if (used != target.size()) throw std::invalid_argument(target);
        } catch (const std::exception&) {
          std::cerr << "error: --target '" << target << "' is neither a class name nor an index\n";
          *exit_code = 2;
          return;
        }
      }
    }
    options.methods = methods;
    auto e = explainer->explain(in, options);
    if (!e.ok) {
      std::cerr << "error: " << e.error << "\n";
      *exit_code = 1;
      return;
    }
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    const auto j = explain::toJson(e);
    if (!writeFileAtomic((std::filesystem::path(out) / "explanation.json").string(), j.dump(1) + "\n", error)) {
      std::cerr << "error: " << error << "\n";
      *exit_code = 1;
      return;
    }
    auto pngs = explain::writeOverlayImages(e, out, error);
    if (!error.empty()) std::cerr << "warning: " << error << "\n";
    if (json) {
      std::cout << j.dump(2) << "\n";
      return;
    }
    std::cout << std::fixed << std::setprecision(3);
    std::cout << "sample " << e.sample;
    if (e.label >= 0) std::cout << " (label " << e.classes[static_cast<std::size_t>(e.label)] << ")";
    std::cout << "\n";
    if (e.predicted >= 0)
      std::cout << "predicted " << e.classes[static_cast<std::size_t>(e.predicted)] << " (" << e.scores[static_cast<std::size_t>(e.predicted)]
                << (e.calibrated ? ", calibrated" : "") << "); explaining " << e.classes[static_cast<std::size_t>(e.target)]
                << " (" << e.f << ")\n";
    if (!e.certainty.empty()) std::cout << e.certainty << "\n";
    for (const auto& s : e.spreads)
      if (s.agree * 5 >= s.members * 4) std::cout << s.sentence << "\n";  // unsure ones are in the sentence above
    const double p = e.scores[static_cast<std::size_t>(e.target)];
    const std::string unit = e.task == "regression" ? "output" : "probability";
    if (e.task == "regression")
      std::cout << "output " << e.target << ": " << p << "\n";
    std::cout << "modality contributions to the " << unit << " (Shapley; " << unit << " without the modality):\n";
    for (const auto& m : e.modalities)
      std::cout << "  " << std::left << std::setw(14) << m.field
                << (m.present ? "" : "  missing") << std::right << std::setw(8) << m.shapley << "  " << std::setw(8)
                << (p - m.removal) << "\n";
    std::cout << "without any modality: " << e.p_none << "; Integrated Gradients (" << e.attribution_score << ") sum "
              << e.ig_total << " vs expected " << (e.f - e.f_baseline) << " (" << e.ig_steps << " steps)\n";
    if (!e.similar_cases.empty()) {
      std::cout << "most similar training samples (cosine of the fused representation):\n";
      for (const auto& c : e.similar_cases)
        std::cout << "  " << std::left << std::setw(14) << c.id << std::setw(16) << c.label << std::right << c.similarity << "\n";
    }
    if (!e.index_note.empty()) std::cout << e.index_note << "\n";
    for (const auto& n : e.notes) std::cout << "note: " << n << "\n";
    std::cout << "wrote " << (std::filesystem::path(out) / "explanation.json").string() << " and " << pngs.size()
              << " images in " << std::setprecision(0) << e.milliseconds["total"] << " ms\n";
  });
}

}  // namespace fusebench::cli
