#pragma once
// The run folder's two metrics tables: metrics_steps.csv (one row per optimizer step) and
// metrics_epochs.csv (one row per epoch). Losses are written with 17 digits, so runs compare bit for bit.
// A resumed run appends to them. Plain header.
#include <cstdint>
#include <fstream>
#include <string>

namespace fusebench::train {

struct EpochEvent;

class MetricsCsv {
 public:
  // Opens both files in `dir` (truncating and writing headers, or appending when `append`).
  MetricsCsv(const std::string& dir, bool append);
  void step(int64_t step, int64_t epoch, double loss, double lr, double samples_per_s);
  void epoch(const EpochEvent& e, double rss_mib);  // flushes both files
  void flush();
  // False once a write failed (a full disk): the trainer says so once; the run itself goes on.
  bool ok() const { return steps_.good() && epochs_.good(); }

 private:
  std::ofstream steps_, epochs_;
};

}  // namespace fusebench::train
