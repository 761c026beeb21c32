#pragma once
// The training samples of a model by its fused representation (the input of its head: what the model bases
// its answer on), for "which known cases does this one resemble?". Every training sample's representation,
// L2-normalized, in one [N, D] matrix, so a query is one matrix-vector product and a top-k. Built at the end
// of training (one pass over the training split) and kept beside the bundle (cases.index), stamped with the
// weights' and the manifest's size and modification time; a stale, cut or foreign file is not read.
// Torch side.
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "data/dataset.h"
#include "data/loader.h"
#include "model/fusion_model.h"

namespace fusebench::train {

// The head's input for each row of a forward pass ([B, D]; token sequences averaged over real tokens).
torch::Tensor fusedRepresentation(const FusionModelImpl& model, const ModelOutput& out);

class CaseIndex {
 public:
  // One pass of `loader` (the training split, unshuffled, not augmented) through the model. Unreadable
  // samples are left out and counted. nullptr with `error` when there is nothing to index.
  // `device`: where the model is (the batches are moved there).
  static std::unique_ptr<CaseIndex> build(FusionModelImpl& model, data::Loader& loader, const data::Dataset& ds,
                                          const std::vector<std::string>& classes, std::string& error,
                                          const torch::Device& device = torch::kCPU);
  // From in-memory representations (tests, benchmarks): rows and labels per row of `embeddings` [N, D].
  CaseIndex(torch::Tensor embeddings, std::vector<int64_t> rows, std::vector<int64_t> labels);

  // The k most similar samples to `embedding` [D], excluding dataset row `exclude` (the sample itself).
  struct Hit {
    int64_t row = -1, label = -1;
    double similarity = 0;
  };
  std::vector<Hit> query(const torch::Tensor& embedding, int k, int64_t exclude = -1) const;

  std::size_t size() const { return rows_.size(); }
  int64_t dimension() const { return matrix_.defined() ? matrix_.size(1) : 0; }
  std::size_t skipped() const { return skipped_; }
  bool save(const std::string& file, const std::string& stamp, std::string& error) const;
  static std::unique_ptr<CaseIndex> load(const std::string& file, const std::string& stamp);

 private:
  torch::Tensor matrix_;  // [N, D] float, rows L2-normalized
  std::vector<int64_t> rows_, labels_;
  std::size_t skipped_ = 0;
};

// Where a bundle's index lives, and what it must match: the bundle's weights, the dataset's manifest and the
// split settings (paths are not part of it: a run folder opened by another path keeps its index).
std::string caseIndexFile(const std::string& bundle_dir);
std::string caseIndexStamp(const std::string& bundle_dir, const data::Dataset& ds, uint64_t seed, double val_fraction,
                           double test_fraction);

// Builds the index from `loader` (the training split in order) and writes it beside the bundle with its stamp.
// `message` is the log line: what was indexed and how long it took, or why not (then false: an explanation
// will build the index itself).
bool writeCaseIndex(FusionModelImpl& model, data::Loader& loader, const data::Dataset& ds, const std::vector<std::string>& classes,
                    const torch::Device& device, const std::string& bundle_dir, uint64_t seed, double val_fraction,
                    double test_fraction, std::string& message);

}  // namespace fusebench::train
