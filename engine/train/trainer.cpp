#include "train/trainer.h"

#include "train/run.h"

namespace fusebench::train {

const char* messageLevelName(MessageLevel level) {
  switch (level) {
    case MessageLevel::Info: return "info";
    case MessageLevel::Warning: return "warning";
    case MessageLevel::Error: return "error";
  }
  return "info";
}

namespace detail {

void Run::writeStatus(const std::string& state, const TrainResult* r) {
  if (writes()) writeRunStatus(dir_.string(), state, resume_, r);  // best effort: the run matters more
}

TrainResult Run::execute() {
  TrainResult r = executeSteps();
  r.run_dir = dir_.string();
  if (!log_.is_open()) return r;  // the folder could not be created (or another rank writes it)
  // A resumed run stopped before it trained keeps its earlier sessions' epochs, steps and time.
  const bool keepProgress = resume_ && r.stopped_before_training;
  writeStatus(!r.ok ? "failed" : r.stopped ? "stopped" : "finished", keepProgress ? nullptr : &r);
  return r;
}

}  // namespace detail

TrainResult trainProject(const ProjectFile& project, const std::string& projectPath, const TrainConfig& config,
                         const std::string& runDir, TrainListener* listener, TrainControl* control, dist::Group* group) {
  detail::Run run(project, projectPath, config, runDir, listener, control, /*resume=*/false, group);
  return run.execute();
}

TrainResult resumeRun(const std::string& runDir, TrainListener* listener, TrainControl* control, dist::Group* group) {
  TrainResult r;
  r.run_dir = runDir;
  SavedRun saved;
  if (!readSavedRun(runDir, saved, r.error)) return r;
  detail::Run run(saved.project, saved.project_path, saved.config, runDir, listener, control, /*resume=*/true, group);
  return run.execute();
}

}  // namespace fusebench::train
