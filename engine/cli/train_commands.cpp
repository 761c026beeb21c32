// fusebench-cli train PROJECT: trains in this process, or as one rank of a distributed run (torchrun's or
// SLURM's variables, or --nproc-per-node N to start N local ranks); Ctrl-C stops cleanly at the next step.
#include <algorithm>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "cli/local_ranks.h"
#include "dist/group.h"
#include "dist/launch_env.h"
#include "train/best_checkpoint.h"
#include "train/run_index.h"
#include "train/trainer.h"

namespace fusebench::cli {
namespace {

train::TrainControl* gControl = nullptr;
extern "C" void onInterrupt(int) {
  if (gControl) gControl->stop = true;  // an atomic store: safe in a signal handler
}

// A progress bar with ETA on a terminal, plain lines (one per epoch) otherwise.
// A rank other than 0 shows problems only, each line naming the rank (`problemsOf`).
class ConsoleListener : public train::TrainListener {
 public:
  explicit ConsoleListener(bool quiet, std::string problemsOf = {})
      : tty_(::isatty(2) != 0), quiet_(quiet || !problemsOf.empty()), rank_(std::move(problemsOf)) {}
  void onStep(const train::StepEvent& e) override {
    // FUSEBENCH_STOP_AT_STEP=N: Ctrl-C after step N, for scripts and tests that stop a run at a known point.
    if (stopAtStep_ > 0 && e.step >= stopAtStep_ && gControl) gControl->stop = true;
    if (!tty_ || quiet_) return;
    const int width = 30;
    const auto inEpoch = (e.step - 1) % std::max<int64_t>(1, e.steps_per_epoch) + 1;
    const int filled = static_cast<int>(width * inEpoch / std::max<int64_t>(1, e.steps_per_epoch));
    std::cerr << "\r epoch " << e.epoch << " [" << std::string(filled, '=') << std::string(width - filled, ' ') << "] "
              << inEpoch << "/" << e.steps_per_epoch << "  loss " << std::fixed << std::setprecision(4) << e.loss
              << "  " << std::setprecision(0) << e.samples_per_s << " samples/s  ETA " << eta(e.eta_s) << "   " << std::flush;
  }
  void onEpoch(const train::EpochEvent&) override {
    if (tty_ && !quiet_) std::cerr << "\r" << std::string(100, ' ') << "\r";
  }
  void onPreparing(const train::PrepareEvent& e) override {
    if (quiet_) return;
    if (tty_) {
      std::cerr << "\r first pass: " << e.done << "/" << e.total << " training samples (" << e.from_cache
                << " in the disk cache)  ETA " << eta(e.eta_s) << "   " << std::flush;
      if (e.done == e.total) std::cerr << "\r" << std::string(100, ' ') << "\r";
    }
  }
  void onMessage(train::MessageLevel level, const std::string& m) override {
    if (!rank_.empty() && level != train::MessageLevel::Info) {
      errorsShown_.push_back(m);
      std::cerr << rank_ << ": " << train::messageLevelName(level) << ": " << m << "\n";
    }
    if (quiet_) return;
    if (level == train::MessageLevel::Error) errorsShown_.push_back(m);
    if (level != train::MessageLevel::Info) std::cerr << train::messageLevelName(level) << ": ";
    std::cerr << m << "\n";
  }
  // The run's error, unless this listener has already printed it (a failed run reports it both ways).
  void printError(const std::string& error) const {
    if (!rank_.empty() && std::find(errorsShown_.begin(), errorsShown_.end(), error) == errorsShown_.end())
      std::cerr << rank_ << ": error: " << error << "\n";
    else if (!rank_.empty()) return;
    else if (quiet_ || std::find(errorsShown_.begin(), errorsShown_.end(), error) == errorsShown_.end())
      std::cerr << "error: " << error << "\n";
  }

 private:
  static std::string eta(double s) {
    const auto t = static_cast<long>(s);
    std::ostringstream os;
    os << t / 60 << ":" << std::setw(2) << std::setfill('0') << t % 60;
    return os.str();
  }
  bool tty_, quiet_;
  std::string rank_;
  int64_t stopAtStep_ = std::getenv("FUSEBENCH_STOP_AT_STEP") ? std::atoll(std::getenv("FUSEBENCH_STOP_AT_STEP")) : 0;
  std::vector<std::string> errorsShown_;
};

struct DistOptions {
  int nprocPerNode = 1;
  std::string backend = "auto";
  int timeout = 120;
  void add(CLI::App* cmd) {
    cmd->add_option("--nproc-per-node", nprocPerNode,
                    "Start this many ranks on this machine (data parallel; one per GPU, or CPU processes sharing the cores)")
        ->check(CLI::Range(1, 1024));
    cmd->add_option("--dist-backend", backend, "Distributed backend: auto (NCCL on CUDA where built in, else Gloo), gloo, nccl")
        ->check(CLI::IsMember({"auto", "gloo", "nccl"}));
    cmd->add_option("--dist-timeout", timeout,
                    "Seconds within which a lost or hung rank is reported by the others (and for every rank to arrive)")
        ->check(CLI::Range(5, 86400));
  }
};

// Where this process stands: one process (group stays null), a distributed rank (group joined; a CUDA device
// becomes cuda:LOCAL_RANK), or the launcher of local ranks (launched: the ranks have run). Returns false with
// *exit_code set when it cannot go on.
bool joinDistributedRun(const DistOptions& d, std::string& device, std::unique_ptr<dist::Group>& group, bool& launched,
                        int* exit_code) {
  launched = false;
  dist::LaunchEnv env;
  std::string error;
  if (!dist::readLaunchEnv(env, error)) {
    std::cerr << "error: the distributed launch variables are wrong: " << error << "\n";
    *exit_code = 2;
    return false;
  }
  if (d.nprocPerNode > 1 && !env.distributed) {
    *exit_code = runLocalRanks(d.nprocPerNode, commandLine(), d.timeout + 15);
    launched = true;
    return false;
  }
  if (!env.distributed) return true;
  if (device == "cuda" || (device.rfind("cuda", 0) == 0 && env.local_world_size > 1))
    device = "cuda:" + std::to_string(env.local_rank);  // one GPU per local rank
  try {
    group = dist::Group::connect(env, {d.backend, d.timeout}, torch::Device(device), error);
  } catch (const std::exception&) {
    error = "'" + device + "' is not a device (cpu, cuda or cuda:N)";
  }
  if (!group) {
    std::cerr << "error: " << error << "\n";
    *exit_code = 1;
    return false;
  }
  return true;
}

}  // namespace

void addTrainCommands(CLI::App& app, int* exit_code) {
  struct Options {
    std::string project, out, device, precision, bestMetric;
    int64_t epochs = 0, batch = 0;
    uint64_t seed = 0;
    int threads = -1;
    double cacheMb = -2;
    double lr = 0;
    bool json = false, noDiskCache = false;
    std::vector<std::string> only;
  };
  static Options o;
  static DistOptions dist;
  auto* train = app.add_subcommand("train", "Train a project's graph on its dataset; writes a run folder");
  dist.add(train);
  train->add_option("PROJECT", o.project, "Project file (.fbproj)")->required()->check(CLI::ExistingFile);
  train->add_option("--epochs", o.epochs, "Epochs (default: the project's training section)");
  train->add_option("--seed", o.seed, "Seed for initialization, shuffling, augmentation and splits");
  train->add_option("--device", o.device, "cpu, cuda or cuda:N");
  train->add_option("--precision", o.precision,
                    "fp32, or bf16: mixed precision (CUDA, or a CPU with AVX512-BF16 or AMX; default: the project's)")
      ->check(CLI::IsMember({"fp32", "bf16"}));
  train->add_option("--threads", o.threads, "Intra-op threads (0 = all cores)");
  train->add_option("--batch-size", o.batch, "Batch size");
  train->add_option("--lr", o.lr, "Learning rate");
  train->add_option("--best-metric", o.bestMetric,
                    "Which epoch's weights the model keeps (ties broken by the lower val_loss): auto, val_loss, "
                    "val_accuracy, val_macro_f1, val_balanced_accuracy, val_roc_auc, val_mae, val_rmse, val_r2")
      ->check(CLI::IsMember(train::CheckpointRule::allMetrics()));
  train->add_option("--cache-mb", o.cacheMb,
                    "Memory cache of prepared samples in MiB (0 = none; default: the project's cache_mb, else auto)")
      ->check(CLI::Range(int64_t{0}, int64_t{100000000}));
  train->add_flag("--no-disk-cache", o.noDiskCache, "Do not read or write the disk cache beside the dataset");
  train->add_option("--only", o.only, "Train and evaluate with only these input fields (others masked as missing)");
  train->add_option("--out", o.out, "Run folder (default: runs/<project>-<time> beside the project)");
  train->add_flag("--json", o.json, "Print the final metrics as JSON on stdout");
  train->callback([exit_code] {
    auto loaded = loadProjectFile(o.project);
    if (!loaded.project) {
      for (const auto& e : loaded.errors) std::cerr << "error: " << e.message << "\n";
      *exit_code = 2;
      return;
    }
    Diagnostics errors;
    const auto it = loaded.project->other.find("training");
    auto config = train::TrainConfig::fromJson(
        it == loaded.project->other.end() ? nlohmann::json() : nlohmann::json::parse(it->dump()), errors);
    for (const auto& e : errors) std::cerr << "error: " << o.project << ": " << e.format() << "\n";
    if (!errors.empty()) {
      *exit_code = 2;
      return;
    }
    if (o.epochs > 0) config.epochs = o.epochs;
    if (o.seed > 0) config.seed = o.seed;
    if (!o.device.empty()) config.device = o.device;
    if (!o.precision.empty()) config.precision = o.precision;
    if (o.threads >= 0) config.threads = o.threads;
    if (o.batch > 0) config.batch_size = o.batch;
    if (o.lr > 0) config.lr = o.lr;
    if (!o.bestMetric.empty()) config.best_metric = o.bestMetric;
    if (o.cacheMb >= 0) config.cache_mb = o.cacheMb;
    if (o.noDiskCache) config.disk_cache = false;
    if (!o.only.empty()) config.only_inputs = o.only;
    std::unique_ptr<dist::Group> group;
    bool launched = false;
    if (!joinDistributedRun(dist, config.device, group, launched, exit_code)) return;
    const bool leader = !group || group->leader();
    std::string runDir = o.out.empty() ? train::defaultRunDir(o.project) : o.out;
    train::TrainControl control;
    gControl = &control;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    ConsoleListener listener(false, leader ? std::string() : "rank " + std::to_string(group->rank()));
    auto r = train::trainProject(*loaded.project, o.project, config, runDir, &listener, &control, group.get());
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    gControl = nullptr;
    if (!r.ok) {
      listener.printError(r.error);
      *exit_code = 1;
      return;
    }
    if (!leader) return;  // rank 0 reports the run
    if (o.json) {
      nlohmann::json out = {{"run_dir", r.run_dir}, {"epochs", r.epochs_run}, {"steps", r.steps},
                            {"seconds", r.seconds}, {"stopped", r.stopped}, {"train_used", r.train_used},
                            {"train_skipped", r.train_skipped}, {"data_wait_share", r.data_wait_share}, {"test", r.test}};
      if (r.test.contains("accuracy")) out["test_accuracy"] = r.test["accuracy"];
      // Curves make the JSON long; the run folder's eval.json keeps them.
      if (out["test"].contains("classes"))
        for (auto& c : out["test"]["classes"]) c.erase("roc"), c.erase("pr");
      std::cout << out.dump(2) << "\n";
    } else if (r.stopped) {
      std::cout << "stopped; resume from " << r.run_dir << "\n";
    } else if (r.test.contains("accuracy")) {
      std::cout << "test accuracy " << std::fixed << std::setprecision(4) << r.test["accuracy"].get<double>()
                << " (macro F1 " << r.test["macro"]["f1"].get<double>() << ", " << r.test["samples"] << " samples), run "
                << r.run_dir << "\n";
    } else if (r.test.value("samples", 0) == 0) {
      std::cout << "no test samples (the dataset's test split is empty), run " << r.run_dir << "\n";
    } else {
      std::cout << "test " << r.test.dump() << "\nrun " << r.run_dir << "\n";
    }
  });
}

void addResumeCommand(CLI::App& app, int* exit_code) {
  static std::string runDir;
  static DistOptions dist;
  auto* resume = app.add_subcommand("resume", "Continue a stopped or interrupted run from its last checkpoint");
  resume->add_option("RUNDIR", runDir, "Run folder")->required()->check(CLI::ExistingDirectory);
  dist.add(resume);
  resume->callback([exit_code] {
    std::unique_ptr<dist::Group> group;
    bool launched = false;
    std::string device = "cpu";  // the run's own device is in its config.json; a CUDA run's ranks are told apart below
    {
      nlohmann::json saved;
      std::ifstream in(std::filesystem::path(runDir) / "config.json");
      if (in) saved = nlohmann::json::parse(in, nullptr, false);
      if (saved.is_object() && saved.value("device", "cpu").rfind("cuda", 0) == 0) device = "cuda";
    }
    if (!joinDistributedRun(dist, device, group, launched, exit_code)) return;
    const bool leader = !group || group->leader();
    train::TrainControl control;
    gControl = &control;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    ConsoleListener listener(false, leader ? std::string() : "rank " + std::to_string(group->rank()));
    auto r = train::resumeRun(runDir, &listener, &control, group.get());
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    gControl = nullptr;
    if (!r.ok) {
      listener.printError(r.error);
      *exit_code = 1;
      return;
    }
    if (!leader) return;
    if (r.stopped) std::cout << "stopped again; resume from " << r.run_dir << "\n";
    else if (r.test.contains("accuracy"))
      std::cout << "test accuracy " << r.test["accuracy"].get<double>() << ", run " << r.run_dir << "\n";
  });
}

}  // namespace fusebench::cli
