#include "train/metrics_csv.h"

#include <filesystem>
#include <iomanip>

#include "train/trainer.h"

namespace fusebench::train {

MetricsCsv::MetricsCsv(const std::string& dir, bool append) {
  const auto mode = std::ios::out | (append ? std::ios::app : std::ios::trunc);
  steps_.open(std::filesystem::path(dir) / "metrics_steps.csv", mode);
  epochs_.open(std::filesystem::path(dir) / "metrics_epochs.csv", mode);
  steps_ << std::setprecision(17);
  epochs_ << std::setprecision(17);
  if (!append) {
    steps_ << "step,epoch,loss,lr,samples_per_s\n";
    epochs_ << "epoch,train_loss,val_loss,val_accuracy,lr,seconds,skipped,rss_mib\n";
  }
}

void MetricsCsv::step(int64_t step, int64_t epoch, double loss, double lr, double samplesPerS) {
  steps_ << step << "," << epoch << "," << loss << "," << lr << "," << samplesPerS << "\n";
}

void MetricsCsv::epoch(const EpochEvent& e, double rssMiB) {
  epochs_ << e.epoch << "," << e.train_loss << "," << e.val_loss << "," << e.val_accuracy << "," << e.lr << ","
          << e.seconds << "," << e.skipped << "," << rssMiB << "\n";
  flush();
}

void MetricsCsv::flush() {
  epochs_.flush();
  steps_.flush();
}

}  // namespace fusebench::train
