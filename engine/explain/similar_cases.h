#pragma once
// "Which known cases does this one resemble?": the training samples nearest to a sample by the model's
// fused representation (the input of its head: what the model bases its answer on), by cosine similarity.
// The index holds every training sample's representation, L2-normalized, in one [N, D] matrix, so a query
// is one matrix-vector product and a top-k. It is built once per bundle and dataset (a pass over the
// training split) and kept beside the bundle (cases.index), stamped with the weights' and the manifest's
// size and modification time; a stale or damaged file is rebuilt. Engine-internal (torch).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "data/dataset.h"
#include "explain/explanation.h"
#include "model/fusion_model.h"
#include "train/bundle_writer.h"

namespace fusebench::explain {

// The head's input for each row of a forward pass ([B, D]; token sequences averaged over real tokens).
torch::Tensor fusedRepresentation(const FusionModelImpl& model, const ModelOutput& out);

class CaseIndex {
 public:
  // A pass over the bundle's training split of `ds` (the split the bundle records). Unreadable samples are
  // left out and counted. nullptr with `error` when there is nothing to index.
  static std::unique_ptr<CaseIndex> build(train::OpenedBundle& bundle, const data::Dataset& ds, std::string& error);
  // The cached index for this bundle and dataset, else a new one (written beside the bundle when it can be).
  // `note` says what happened ("built from 2400 training samples in 3.1 s", "cannot be cached: …").
  static std::unique_ptr<CaseIndex> open(train::OpenedBundle& bundle, const std::string& bundle_dir, const data::Dataset& ds,
                                         std::string& error, std::string& note);
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

// The similar cases of one explanation, with what a reader needs to recognise them (label name, the first
// image column's file, a text snippet).
std::vector<SimilarCase> describeCases(const std::vector<CaseIndex::Hit>& hits, const data::Dataset& ds,
                                       const std::vector<std::string>& classes);

}  // namespace fusebench::explain
