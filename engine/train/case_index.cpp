#include "train/case_index.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "util/files.h"
#include "util/torch_error_text.h"

namespace fusebench::train {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[] = "FBCASES1\n";

// Size and modification time: a file rewritten in place gets a new stamp.
std::string fileStamp(const fs::path& p) {
  std::error_code ec;
  const auto size = fs::file_size(p, ec);
  if (ec) return "missing";
  const auto time = fs::last_write_time(p, ec);
  return std::to_string(size) + ":" + std::to_string(time.time_since_epoch().count());
}

// The class index of each row's target cell (-1 when missing or unknown).
int64_t labelOf(const data::Dataset& ds, std::size_t row, const std::vector<std::string>& classes) {
  const auto* target = ds.description().target();
  if (!target) return -1;
  const auto cell = ds.cell(row, target->name);
  const auto it = std::find(classes.begin(), classes.end(), cell.text);
  return cell.missing || it == classes.end() ? -1 : static_cast<int64_t>(it - classes.begin());
}

template <class T>
void append(std::string& out, const T* data, std::size_t n) {
  out.append(reinterpret_cast<const char*>(data), n * sizeof(T));
}

template <class T>
bool take(std::ifstream& in, T* data, std::size_t n) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(data), static_cast<std::streamsize>(n * sizeof(T))));
}

}  // namespace

torch::Tensor fusedRepresentation(const FusionModelImpl& model, const ModelOutput& out) {
  const auto& head = model.shapes().head;
  for (const auto& e : model.graph().edges) {
    if (e.to.node != head) continue;
    const auto it = out.ports.find(e.from.node + "." + e.from.port);
    if (it == out.ports.end()) continue;
    auto v = it->second.value.to(torch::kFloat);
    if (v.dim() == 3) {  // tokens: the mean over real ones
      if (it->second.mask.defined()) {
        auto m = it->second.mask.to(torch::kFloat).unsqueeze(2);
        v = (v * m).sum(1) / m.sum(1).clamp_min(1);
      } else {
        v = v.mean(1);
      }
    } else if (v.dim() == 4) {
      v = v.mean({2, 3});
    }
    return v.flatten(1);
  }
  return {};
}

CaseIndex::CaseIndex(torch::Tensor embeddings, std::vector<int64_t> rows, std::vector<int64_t> labels)
    : matrix_(torch::nn::functional::normalize(embeddings.to(torch::kFloat), torch::nn::functional::NormalizeFuncOptions().dim(1))
                  .contiguous()),
      rows_(std::move(rows)), labels_(std::move(labels)) {}

std::unique_ptr<CaseIndex> CaseIndex::build(FusionModelImpl& model, data::Loader& loader, const data::Dataset& ds,
                                            const std::vector<std::string>& classes, std::string& error,
                                            const torch::Device& device) {
  std::vector<torch::Tensor> parts;
  std::vector<int64_t> rows, labels;
  std::size_t skipped = 0;
  try {
    torch::NoGradGuard noGrad;
    model.eval();
    loader.startEpoch(0);
    while (auto batch = loader.next()) {
      if (!device.is_cpu())
        for (auto& [name, t] : batch->inputs) t = t.to(device);
      auto rep = fusedRepresentation(model, model.forward(batch->inputs));
      if (!rep.defined()) {
        error = "the model's head has no input to compare samples by";
        return nullptr;
      }
      parts.push_back(rep.to(torch::kCPU));
      for (auto s : batch->samples) rows.push_back(static_cast<int64_t>(s)), labels.push_back(labelOf(ds, s, classes));
    }
    skipped = loader.skipped().size();
  } catch (const std::exception& e) {
    error = "indexing the training samples failed: " + torchErrorText(e);
    return nullptr;
  }
  if (parts.empty()) {
    error = "none of the training samples could be read";
    return nullptr;
  }
  auto index = std::make_unique<CaseIndex>(torch::cat(parts), std::move(rows), std::move(labels));
  index->skipped_ = skipped;
  return index;
}

std::vector<CaseIndex::Hit> CaseIndex::query(const torch::Tensor& embedding, int k, int64_t exclude) const {
  std::vector<Hit> out;
  if (!matrix_.defined() || k <= 0 || rows_.empty()) return out;
  auto q = torch::nn::functional::normalize(embedding.to(torch::kFloat).flatten().unsqueeze(0),
                                            torch::nn::functional::NormalizeFuncOptions().dim(1))
               .squeeze(0);
  if (q.size(0) != matrix_.size(1)) return out;
  torch::NoGradGuard noGrad;
  const auto sims = matrix_.mv(q);
  const int64_t want = std::min<int64_t>(static_cast<int64_t>(rows_.size()), k + 1);
  const auto [values, indices] = sims.topk(want);
  for (int64_t j = 0; j < want && static_cast<int>(out.size()) < k; ++j) {
    const auto i = static_cast<std::size_t>(indices[j].item<int64_t>());
    if (rows_[i] == exclude) continue;
    out.push_back({rows_[i], labels_[i], values[j].item<double>()});
  }
  return out;
}

bool CaseIndex::save(const std::string& file, const std::string& stamp, std::string& error) const {
  std::string bytes(kMagic);
  bytes += stamp + "\n";
  const int64_t header[2] = {static_cast<int64_t>(rows_.size()), dimension()};
  append(bytes, header, 2);
  append(bytes, rows_.data(), rows_.size());
  append(bytes, labels_.data(), labels_.size());
  append(bytes, matrix_.data_ptr<float>(), static_cast<std::size_t>(matrix_.numel()));
  return writeFileAtomic(file, bytes, error);
}

std::unique_ptr<CaseIndex> CaseIndex::load(const std::string& file, const std::string& stamp) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  char magic[sizeof kMagic - 1];
  std::string storedStamp;
  if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof magic) != 0 || !std::getline(in, storedStamp) ||
      storedStamp != stamp)
    return nullptr;
  int64_t header[2];
  if (!take(in, header, 2) || header[0] <= 0 || header[1] <= 0 || header[0] > (int64_t{1} << 31) || header[1] > 65536)
    return nullptr;
  const auto n = static_cast<std::size_t>(header[0]);
  // The rest of the file must hold exactly what the header says, before anything that size is allocated.
  const auto here = static_cast<std::uintmax_t>(in.tellg());
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  const auto expected = static_cast<std::uintmax_t>(n) * (2 * sizeof(int64_t) + static_cast<std::uintmax_t>(header[1]) * sizeof(float));
  if (ec || size < here || size - here != expected) return nullptr;
  std::vector<int64_t> rows(n), labels(n);
  auto matrix = torch::empty({header[0], header[1]}, torch::kFloat);
  if (!take(in, rows.data(), n) || !take(in, labels.data(), n) ||
      !take(in, matrix.data_ptr<float>(), static_cast<std::size_t>(matrix.numel())))
    return nullptr;  // cut short: rebuilt
  auto index = std::make_unique<CaseIndex>(matrix, std::move(rows), std::move(labels));
  return index;
}

std::string caseIndexFile(const std::string& bundleDir) { return (fs::path(bundleDir) / "cases.index").string(); }

std::string caseIndexStamp(const std::string& bundleDir, const data::Dataset& ds, uint64_t seed, double valFraction,
                           double testFraction) {
  return fileStamp(fs::path(bundleDir) / "weights.pt") + "|" + fileStamp(fs::path(ds.dir()) / ds.description().manifest) +
         "|" + std::to_string(seed) + ":" + std::to_string(valFraction) + ":" + std::to_string(testFraction);
}

bool writeCaseIndex(FusionModelImpl& model, data::Loader& loader, const data::Dataset& ds, const std::vector<std::string>& classes,
                    const torch::Device& device, const std::string& bundleDir, uint64_t seed, double valFraction,
                    double testFraction, std::string& message) {
  const auto t0 = std::chrono::steady_clock::now();
  std::string error;
  auto index = CaseIndex::build(model, loader, ds, classes, error, device);
  if (index && index->save(caseIndexFile(bundleDir), caseIndexStamp(bundleDir, ds, seed, valFraction, testFraction), error)) {
    char line[160];
    std::snprintf(line, sizeof line, "similar cases: indexed %zu training samples in %.1f s", index->size(),
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    message = line;
    if (index->skipped()) message += " (" + std::to_string(index->skipped()) + " unreadable, left out)";
    return true;
  }
  message = "similar cases: not indexed (" + error + "); the first explanation will index them";
  return false;
}

}  // namespace fusebench::train
