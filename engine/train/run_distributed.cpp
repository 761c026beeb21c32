// What the ranks of a data-parallel run agree on: the same setup (fingerprints of graph, recipe and data),
// rank 0's weights, each step's loss and whether to stop, and evaluations gathered from every shard.
#include "train/run.h"

#include <cstdio>
#include <map>

#include "graph/graph_json.h"

namespace fusebench::train::detail {

namespace {

// FNV-1a, 64 bits, as hex: the same on every host for the same text.
std::string digest(const std::string& text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

// The manifest's cells and the split each row went to: rows, labels and file names must agree.
std::string datasetText(const data::Dataset& ds, const data::SplitAssignment& splits) {
  std::string text;
  const auto& m = ds.manifest();
  for (const auto& h : m.header) text += h + "\t";
  for (std::size_t row = 0; row < m.rowCount(); ++row) {
    text += "\n";
    for (std::size_t col = 0; col < m.header.size(); ++col) (text += m.text(row, col)) += '\t';
  }
  for (const char* split : {"train", "val", "test"}) {
    text += std::string("\n") + split + ":";
    for (auto i : splits.indices(split)) text += std::to_string(i) + ",";
  }
  return text;
}

// "host-a (ranks 0-1), host-b (ranks 2-3)"
std::string hostsOf(const std::vector<std::string>& hosts) {
  std::map<std::string, std::vector<int>> ranks;
  std::vector<std::string> order;
  for (int r = 0; r < static_cast<int>(hosts.size()); ++r) {
    if (!ranks.count(hosts[r])) order.push_back(hosts[r]);
    ranks[hosts[r]].push_back(r);
  }
  std::string s;
  for (const auto& h : order) {
    const auto& rs = ranks[h];
    s += (s.empty() ? "" : ", ") + h + " (rank" + (rs.size() > 1 ? "s " : " ") + std::to_string(rs.front()) +
         (rs.size() > 1 ? "-" + std::to_string(rs.back()) : "") + ")";
  }
  return s;
}

}  // namespace

bool Run::joinRanks(TrainResult& r) {
  if (!group_) return true;
  nlohmann::json recipe = c_.toJson();
  for (const char* perRank : {"device", "threads", "loader_threads"}) recipe.erase(perRank);  // may differ by host
  const std::string differs = group_->compareWithLeader({
      {"graph", digest(graphToText(project_.graph))},
      {"training configuration", digest(recipe.dump())},
      {"dataset", digest(datasetText(data_.dataset(), data_.splits()))},
      {"fitted preprocessing", digest(pipeline_->state().dump())},
  });
  if (!differs.empty())
    return fail(r, "the ranks were not started alike: " + differs +
                       ". Every rank must train the same project, configuration and dataset (on a cluster: the same "
                       "files on a shared file system)");
  shareWeightsFromLeader();
  averager_ = std::make_unique<dist::GradientAverager>(*group_);
  averager_->track(model_->parameters());
  const auto world = static_cast<int64_t>(group_->size());
  const std::size_t trainSamples = data_.splits().indices("train").size();
  const std::size_t perRank = data_.train().samplesPerEpoch();
  const std::size_t repeated = perRank * static_cast<std::size_t>(world) - trainSamples;
  say("distributed: " + std::to_string(world) + " ranks (" + group_->backend() + ", launched by " + group_->env().launcher +
      ") on " + hostsOf(group_->hosts()) + "; global batch " + std::to_string(c_.batch_size * world) + " = " +
      std::to_string(c_.batch_size) + " per rank x " + std::to_string(world) +
      " ranks; the learning rate is used as configured, not scaled with the global batch");
  say("distributed: each epoch the training split's " + std::to_string(trainSamples) + " samples are shuffled alike on every rank and dealt out, " +
      std::to_string(perRank) + " per rank" +
      (repeated ? " (" + std::to_string(repeated) + " repeated so that every rank takes as many steps, as PyTorch's DistributedSampler does)" : "") +
      "; gradients averaged in " + averager_->describe() + ", while backward runs; batch norm normalizes with each rank's own " +
      "batch, and rank 0's running statistics are evaluated and saved; validation and test passes are shared out and gathered");
  return true;
}

void Run::shareWeightsFromLeader() {
  if (!group_) return;
  torch::NoGradGuard noGrad;
  std::vector<torch::Tensor> tensors;
  for (const auto& p : model_->parameters()) tensors.push_back(p);
  for (const auto& b : model_->buffers()) tensors.push_back(b);
  group_->broadcast(tensors);
}

void Run::adaptProgressToWorldSize(Progress& pr) {
  const int64_t now = group_ ? group_->size() : 1;
  if (pr.world_size == now || pr.batch == 0) return;
  // The epoch goes on after as many of its samples as were trained; the new shards deal them differently,
  // so a few of the epoch's samples may be seen twice or not at all this once.
  const int64_t samplesDone = pr.batch * c_.batch_size * pr.world_size;
  const int64_t batch = std::min(stepsPerEpoch_, samplesDone / (c_.batch_size * now));
  say("the run was trained by " + std::to_string(pr.world_size) + " process(es) and resumes with " + std::to_string(now) +
      ": epoch " + std::to_string(pr.epoch + 1) + " goes on after about " + std::to_string(samplesDone) +
      " of its samples (batch " + std::to_string(batch) + " of " + std::to_string(stepsPerEpoch_) +
      " per rank); the step count and the learning-rate schedule follow the new steps per epoch");
  pr.batch = batch;
  pr.step = pr.epoch * stepsPerEpoch_ + batch;
}

Run::PendingAgreement Run::startAgreement(double loss, std::size_t samples, bool stop) {
  PendingAgreement p;
  p.local = {loss, samples, stop};
  if (!group_) return p;
  const bool finite = std::isfinite(loss);
  p.values = torch::tensor({finite ? loss * static_cast<double>(samples) : 0.0, static_cast<double>(samples), stop ? 1.0 : 0.0,
                            finite ? 0.0 : 1.0},
                           torch::kDouble)
                 .to(device_);
  p.work = group_->startAllReduceSum(p.values);
  return p;
}

Run::StepAgreement Run::finishAgreement(PendingAgreement& p) {
  if (!group_) return p.local;
  p.work->wait();
  const auto v = p.values.to(torch::kCPU);
  const double* sum = v.data_ptr<double>();
  StepAgreement a;
  a.samples = static_cast<std::size_t>(sum[1]);
  a.loss = sum[3] > 0 ? std::nan("") : sum[1] > 0 ? sum[0] / sum[1] : 0.0;
  a.stop = sum[2] > 0;
  return a;
}

void Run::gatherEvaluation(torch::Tensor& outputs, torch::Tensor& targets, double& lossSum, std::size_t& used,
                           std::size_t& skipped) {
  outputs = group_->gatherRows(outputs.to(torch::kFloat).contiguous());
  targets = group_->gatherRows(targets.contiguous());
  const auto v = group_->sum({lossSum, static_cast<double>(used), static_cast<double>(skipped)});
  lossSum = v[0];
  used = static_cast<std::size_t>(v[1]);
  skipped = static_cast<std::size_t>(v[2]);
}

}  // namespace fusebench::train::detail
