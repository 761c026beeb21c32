#pragma once
// Explains single predictions of a trained model bundle. Opening the bundle once and explaining many
// samples (the GUI's what-if edits) avoids reloading weights and the dataset's manifest each time.
// Plain header: torch stays behind the pimpl. Not thread-safe: one explanation at a time per Explainer.
#include <memory>
#include <string>

#include "explain/explanation.h"

namespace fusebench::explain {

class Explainer {
 public:
  // A bundle folder or a run folder; nullptr with `error` set when it cannot be used.
  static std::unique_ptr<Explainer> open(const std::string& bundle, std::string& error);
  ~Explainer();

  Explanation explain(const SampleInput& input, const ExplainOptions& options = {});

  const std::vector<std::string>& classes() const;
  std::vector<ModalityInfo> modalities() const;
  std::string datasetDir() const;  // the dataset the model was trained on
  std::string modelName() const;

 private:
  Explainer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The modalities a bundle's model reads and its classes, from bundle.json alone (no weights loaded): for
// forms that ask for a new case's files and values.
bool readBundleInputs(const std::string& bundle, std::vector<ModalityInfo>& modalities, std::vector<std::string>& classes,
                      std::string& error);

// Heat-map overlays and spectrogram/token figures as PNG files in `dir` (one per modality and method);
// returns the files written. Needs the media build (OpenCV).
std::vector<std::string> writeOverlayImages(const Explanation& e, const std::string& dir, std::string& error);

}  // namespace fusebench::explain
