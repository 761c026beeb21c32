#pragma once
// TorchScript files for the *.torchscript encoders (nodes/torchscript_encoders.cpp). A file is loaded once per
// version (path, size, modification time) and shared by validation's dry runs and every model build, each of
// which takes its own deep copy; dry-run results are cached too, since the editor validates on every edit.
// Thread-safe: training threads and the GUI validate and build at the same time.
#include <torch/script.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace fusebench::nodes {

// The loaded original. Never run or trained: take a copy with cloneScript().
struct ScriptFile {
  std::string path;
  torch::jit::Module module;
  int64_t parameters = 0;  // number of values
};

// The file at `path` (resolved), loaded or from the cache. nullptr with `error` saying what is wrong with the file:
// missing, not TorchScript (a state dict or a pickled model: how to make one), no forward method, or written by a
// PyTorch newer than this LibTorch reads.
std::shared_ptr<const ScriptFile> loadScriptFile(const std::string& path, std::string& error);

// A private deep copy: its own parameters, in eval mode.
torch::jit::Module cloneScript(const ScriptFile& file);

// One tensor of a script's result: the result itself when it is a tensor; element `select` of a tuple or list (an
// index; "" = the first); entry `select` of a dict (""= its only entry). Empty tensor with `error` naming what
// the result holds otherwise.
torch::Tensor selectOutput(const c10::IValue& result, const std::string& select, std::string& error);

// A dry run's outcome: the per-sample dims (batch removed) of the selected output, or why there is none.
struct ProbeResult {
  std::vector<int64_t> dims;
  std::string error;
};

// `run` once per key (the key names the file version, the input shape and every setting that changes the
// output); later calls with the same key get the remembered result.
ProbeResult cachedProbe(const std::string& key, const std::function<ProbeResult()>& run);

// "path|size|mtime": changes whenever the file does; "" when it cannot be read.
std::string fileVersion(const std::string& path);

}  // namespace fusebench::nodes
