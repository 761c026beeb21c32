// Similar cases at scale: one query against an index of N training samples (cosine over L2-normalized rows,
// top 5), for the budget of 200 ms at 100,000 samples. Random representations: the time depends
// only on N and the dimension. Prints the median and the maximum of 50 queries, and the index's size.
// Usage: bench_similar_cases [N] [D] [threads]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <vector>

#include "explain/similar_cases.h"

int main(int argc, char** argv) {
  const int64_t n = argc > 1 ? std::atoll(argv[1]) : 100000, d = argc > 2 ? std::atoll(argv[2]) : 256;
  const int threads = argc > 3 ? std::atoi(argv[3]) : 2;
  if (n < 1 || d < 1) {
    std::fprintf(stderr, "usage: bench_similar_cases [N >= 1] [D >= 1] [threads]\n");
    return 2;
  }
  at::set_num_threads(threads);
  torch::manual_seed(0);
  std::vector<int64_t> rows(static_cast<std::size_t>(n)), labels(static_cast<std::size_t>(n), 0);
  std::iota(rows.begin(), rows.end(), 0);
  fusebench::explain::CaseIndex index(torch::randn({n, d}), rows, labels);
  std::vector<double> ms;
  for (int q = 0; q <= 50; ++q) {  // query 0 warms up
    const auto query = torch::randn({d});
    const auto t0 = std::chrono::steady_clock::now();
    const auto hits = index.query(query, 5, -1);
    const double t = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (hits.size() != 5) return 1;
    if (q > 0) ms.push_back(t);
  }
  std::sort(ms.begin(), ms.end());
  std::printf("similar cases: %lld samples x %lld dims (%.0f MiB), %d threads: query median %.2f ms, max %.2f ms (target < 200 ms)\n",
              static_cast<long long>(n), static_cast<long long>(d), static_cast<double>(n * d * 4) / (1 << 20), threads,
              ms[ms.size() / 2], ms.back());
  return 0;
}
