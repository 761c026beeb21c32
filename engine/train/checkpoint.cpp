#include "train/checkpoint.h"

#include <filesystem>
#include <mutex>

#include "util/files.h"
#include "util/torch_error_text.h"

namespace fusebench::train {

std::string previousCheckpointPath(const std::string& path) { return path + ".previous"; }

bool writeArchive(torch::serialize::OutputArchive& archive, const std::string& path, std::string& error,
                  const std::string& keepPreviousAs) {
  // Serialized in memory first: LibTorch's file writer throws from its destructor when the disk fills up
  // (std::terminate), and a failed write is reported and cleaned up the same way as every other file here.
  std::string bytes;
  try {
    archive.save_to([&bytes](const void* data, std::size_t n) {
      bytes.append(static_cast<const char*>(data), n);
      return n;
    });
  } catch (const std::exception& e) {
    error = "cannot write '" + path + "': " + torchErrorText(e);
    return false;
  }
  return writeFileAtomic(path, bytes, error, keepPreviousAs);
}

bool writeCheckpoint(const std::string& target, torch::nn::Module& model, TrainingOptimizer& optimizer, const Progress& pr,
                     std::string& error) {
  torch::serialize::OutputArchive archive;
  try {
    model.save(archive);
    torch::serialize::OutputArchive opt;
    optimizer.save(opt);
    archive.write("optimizer", opt);
    archive.write("progress", torch::tensor({pr.epoch, pr.batch, pr.step, pr.since_best, pr.world_size}, torch::kLong));
    archive.write("best", torch::tensor(std::vector<double>{pr.best, pr.best_loss, static_cast<double>(pr.best_epoch)},
                                        torch::kDouble));
    // The global generator drives dropout and modality dropout; restoring it makes a resumed run exact.
    {
      at::Generator generator = at::detail::getDefaultCPUGenerator();
      std::lock_guard<std::mutex> lock(generator.mutex());
      archive.write("rng", generator.get_state());
    }
  } catch (const std::exception& e) {
    error = "cannot write checkpoint '" + target + "': " + torchErrorText(e);
    return false;
  }
  return writeArchive(archive, target, error, previousCheckpointPath(target));
}

bool readCheckpoint(const std::string& p, const torch::Device& device, torch::nn::Module& model, TrainingOptimizer& optimizer,
                    Progress& pr, std::string& error) {
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(p, device);  // a checkpoint written on another device resumes on this one
    model.load(archive);
    torch::serialize::InputArchive opt;
    archive.read("optimizer", opt);
    optimizer.load(opt);
    torch::Tensor progress, best, rng;
    archive.read("progress", progress);
    archive.read("best", best);
    archive.read("rng", rng);
    pr.epoch = progress[0].item<int64_t>();
    pr.batch = progress[1].item<int64_t>();
    pr.step = progress[2].item<int64_t>();
    pr.since_best = progress[3].item<int64_t>();
    pr.world_size = progress.numel() > 4 ? progress[4].item<int64_t>() : 1;  // older checkpoints: one process
    // Checkpoints before the tie-break held the metric alone.
    best = best.flatten();
    pr.best = best[0].item<double>();
    pr.best_loss = best.numel() > 1 ? best[1].item<double>() : HUGE_VAL;
    pr.best_epoch = best.numel() > 2 ? static_cast<int64_t>(best[2].item<double>()) : 0;
    at::Generator generator = at::detail::getDefaultCPUGenerator();  // a handle to the global generator
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(rng.to(torch::kCPU));  // the CPU generator's state, wherever the archive was mapped
  } catch (const std::exception& e) {
    error = "cannot read checkpoint '" + p + "': " + torchErrorText(e);
    return false;
  }
  return true;
}

bool readCheckpointWeights(const std::string& p, const torch::Device& device, torch::nn::Module& model) {
  if (!std::filesystem::exists(p)) return false;
  torch::serialize::InputArchive archive;
  archive.load_from(p, device);
  model.load(archive);
  return true;
}

}  // namespace fusebench::train
