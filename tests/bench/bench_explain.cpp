// How long one sample's full explanation takes: every modality, every method (Integrated Gradients at 64
// steps with refinement, SmoothGrad 16, Grad-CAM, occlusion) and exact modality Shapley values, on a trained
// model bundle. Prints the median, 90th percentile and maximum over the samples, and a per-method median.
// Usage: bench_explain BUNDLE_OR_RUN [--samples N] [--threads T]
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "explain/explainer.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_explain BUNDLE_OR_RUN [--samples N] [--threads T]\n");
    return 2;
  }
  int samples = 30, threads = 2;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--samples")) samples = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
  }
  std::string error;
  auto x = fusebench::explain::Explainer::open(argv[1], error);
  if (!x) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  if (samples < 1) {
    std::fprintf(stderr, "--samples must be at least 1\n");
    return 2;
  }
  fusebench::explain::ExplainOptions o;
  o.threads = threads;
  std::vector<double> total;
  std::map<std::string, std::vector<double>> per;
  int refined = 0;
  for (int s = 0; s <= samples; ++s) {  // sample 0 warms up and is not counted
    fusebench::explain::SampleInput in;
    in.row = s * 7;
    auto e = x->explain(in, o);
    if (!e.ok) {
      std::fprintf(stderr, "error: sample %d: %s\n", s, e.error.c_str());
      return 1;
    }
    if (s == 0) continue;
    total.push_back(e.milliseconds["total"]);
    for (const auto& [k, v] : e.milliseconds) per[k].push_back(v);
    if (e.ig_steps > o.ig_steps) ++refined;
  }
  auto pct = [](std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
  };
  std::printf("full explanation, %d samples, %d threads: median %.0f ms, p90 %.0f ms, max %.0f ms (target < 2000 ms)\n",
              samples, threads, pct(total, 0.5), pct(total, 0.9), pct(total, 1.0));
  std::printf("Integrated Gradients refined beyond 64 steps on %d of %d samples\n", refined, samples);
  for (const auto& [k, v] : per)
    if (k != "total") std::printf("  %-22s median %.0f ms\n", k.c_str(), pct(v, 0.5));
  return 0;
}
