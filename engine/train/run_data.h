#pragma once
// The data side of one training run: the dataset and its splits, the pipeline fitted on the training
// split, the memory and disk caches, the first pass that fits image statistics by streaming over the
// training split, and the three loaders. Engine-internal (includes torch through the loader).
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

#include "data/loader.h"
#include "data/splits.h"
#include "project/project_file.h"
#include "train/train_config.h"
#include "train/trainer.h"

namespace fusebench::train {

class RunData {
 public:
  using Say = std::function<void(MessageLevel, const std::string&)>;
  explicit RunData(Say say) : say_(std::move(say)) {}

  // Opens the dataset, assigns the splits and fits the pipeline (vocabularies, tabular statistics) on
  // the training split from the manifest alone. False with `error`.
  bool open(const ProjectFile& project, const std::string& project_path, const TrainConfig& c, std::string& error);
  // The memory cache (byte budget) and the disk cache (when the inputs have media and it is wanted).
  void openCaches(const TrainConfig& c);
  // The first pass, when an image input normalizes: prepares the training split in order on the loader's
  // threads, adds up the image moments, fills the caches; progress goes to the listener. False when
  // `cancel` stopped it (nothing is fitted then).
  bool fitStatistics(const TrainConfig& c, TrainListener* listener, const std::atomic<bool>* cancel);
  // Data parallel: rank `shard_rank` of `shard_count` gets its share of the training split (padded so that
  // every rank takes as many steps) and of the validation and test splits (not padded: they are gathered).
  void makeLoaders(const TrainConfig& c, int shard_rank = 0, int shard_count = 1);
  // The disk cache's problems since the last call go to the log as warnings.
  void reportCacheProblems();
  // What the memory cache holds and what did not fit ("" without a memory cache), for the log after an
  // epoch: samples that do not fit are read from the disk cache or prepared again, never dropped.
  std::string memoryCacheReport() const;
  // Training samples per class from their labels (for balanced class weights).
  std::vector<double> classCounts() const;

  const data::Dataset& dataset() const { return *ds_; }
  const data::Pipeline& pipeline() const { return *pipeline_; }
  const data::SplitAssignment& splits() const { return splits_; }
  data::Loader& train() { return *train_; }
  data::Loader& val() { return *val_; }
  data::Loader& test() { return *test_; }
  // The training split in order and without augmentation (the similar-cases index), with the same caches.
  data::Loader& trainInOrder() { return *trainInOrder_; }
  bool hasValidation() const { return !splits_.indices("val").empty(); }

 private:
  Say say_;
  std::optional<data::Dataset> ds_;
  std::optional<data::Pipeline> pipeline_;
  data::SplitAssignment splits_;
  std::shared_ptr<data::SampleCache> memory_;
  std::shared_ptr<data::DiskCache> disk_;
  std::unique_ptr<data::Loader> train_, val_, test_, trainInOrder_;
};

// The memory cache's budget in bytes for this configuration (see TrainConfig::cache_mb).
std::size_t memoryCacheBudget(const TrainConfig& c, bool disk_cache_in_use);

}  // namespace fusebench::train
