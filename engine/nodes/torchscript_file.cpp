#include "nodes/torchscript_file.h"

#include <filesystem>
#include <list>
#include <map>
#include <mutex>

#include "util/torch_error_text.h"

namespace fusebench::nodes {

namespace fs = std::filesystem;

namespace {

// Backbones are large (ResNet-50: about 100 MB), so only the files of the last few versions stay loaded.
constexpr std::size_t kLoadedFiles = 6;
constexpr std::size_t kProbes = 256;

struct Loaded {
  std::shared_ptr<const ScriptFile> file;
  std::string error;
};

std::mutex& cacheMutex() {
  static std::mutex m;
  return m;
}

std::list<std::pair<std::string, Loaded>>& loadedFiles() {  // most recent first
  static std::list<std::pair<std::string, Loaded>> files;
  return files;
}

std::map<std::string, ProbeResult>& probes() {
  static std::map<std::string, ProbeResult> results;
  return results;
}

// LibTorch's reasons, said the way a user can act on them.
std::string whyNotLoadable(const std::string& path, const std::string& reason) {
  const std::string where = "'" + path + "'";
  if (reason.find("constants.pkl") != std::string::npos || reason.find("code/") != std::string::npos)
    return where + " is a PyTorch file but not TorchScript (probably torch.save of a state dict or of a model object): "
                   "save it with torch.jit.script(model).save(path), or use tools/torchscript/convert_torchvision.py";
  if (reason.find("central directory") != std::string::npos || reason.find("zip archive") != std::string::npos)
    return where + " is not a TorchScript file (TorchScript files are zip archives written by torch.jit.save)";
  if (reason.find("version") != std::string::npos)
    return where + " was written by a newer PyTorch than this build's LibTorch " + TORCH_VERSION +
           " reads; save it again with PyTorch " + TORCH_VERSION + " or older (" + reason + ")";
  return where + " could not be loaded as TorchScript: " + reason;
}

Loaded load(const std::string& path) {
  Loaded out;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    out.error = "'" + path + "' does not exist" + (fs::exists(path, ec) ? " as a file" : "");
    return out;
  }
  auto file = std::make_shared<ScriptFile>();
  file->path = path;
  try {
    file->module = torch::jit::load(path, torch::Device(torch::kCPU));
  } catch (const std::exception& e) {
    out.error = whyNotLoadable(path, torchErrorText(e));
    return out;
  }
  if (!file->module.find_method("forward")) {
    out.error = "'" + path + "' holds TorchScript without a forward method";
    return out;
  }
  for (const auto& p : file->module.parameters()) file->parameters += p.numel();
  out.file = std::move(file);
  return out;
}

}  // namespace

std::string fileVersion(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return {};
  const auto time = fs::last_write_time(path, ec);
  if (ec) return {};
  return path + "|" + std::to_string(size) + "|" + std::to_string(time.time_since_epoch().count());
}

std::shared_ptr<const ScriptFile> loadScriptFile(const std::string& path, std::string& error) {
  const std::string version = fileVersion(path);
  std::lock_guard<std::mutex> lock(cacheMutex());
  auto& files = loadedFiles();
  if (!version.empty()) {
    for (auto it = files.begin(); it != files.end(); ++it) {
      if (it->first != version) continue;
      files.splice(files.begin(), files, it);
      error = it->second.error;
      return it->second.file;
    }
  }
  Loaded loaded = load(path);  // under the lock: two threads asking for one big file load it once
  error = loaded.error;
  if (!version.empty()) {
    files.emplace_front(version, loaded);
    if (files.size() > kLoadedFiles) files.pop_back();
  }
  return loaded.file;
}

torch::jit::Module cloneScript(const ScriptFile& file) {
  std::lock_guard<std::mutex> lock(cacheMutex());
  // Without the guard the copies of parameters that require grad would be outputs of clone(), not leaves, and
  // would never receive a gradient.
  const torch::NoGradGuard noGrad;
  auto copy = file.module.clone();
  copy.eval();
  return copy;
}

namespace {

std::string describe(const c10::IValue& v) {
  if (v.isTensor()) return "a tensor " + c10::str(v.toTensor().sizes());
  if (v.isTuple()) return "a tuple of " + std::to_string(v.toTupleRef().elements().size());
  if (v.isList()) return "a list of " + std::to_string(v.toListRef().size());
  if (v.isGenericDict()) return "a dict of " + std::to_string(v.toGenericDict().size());
  return "a " + v.tagKind();
}

torch::Tensor tensorOrError(const c10::IValue& v, const std::string& what, std::string& error) {
  if (v.isTensor()) return v.toTensor();
  error = what + " is " + describe(v) + ", not a tensor";
  return {};
}

torch::Tensor element(const std::vector<c10::IValue>& items, const std::string& select, const std::string& kind,
                      std::string& error) {
  std::size_t index = 0;
  if (!select.empty()) {
    if (select.find_first_not_of("0123456789") != std::string::npos || select.size() > 6) {
      error = "the result is a " + kind + "; 'output' must be an element index (0 to " +
              std::to_string(items.size() - 1) + "), not '" + select + "'";
      return {};
    }
    index = std::stoul(select);
  }
  if (index >= items.size()) {
    error = "the result is a " + kind + " of " + std::to_string(items.size()) + ", so it has no element " +
            std::to_string(index);
    return {};
  }
  return tensorOrError(items[index], "element " + std::to_string(index) + " of the result", error);
}

}  // namespace

torch::Tensor selectOutput(const c10::IValue& result, const std::string& select, std::string& error) {
  if (result.isTensor()) {
    if (!select.empty()) error = "the result is a single tensor: leave 'output' empty (it is '" + select + "')";
    return select.empty() ? result.toTensor() : torch::Tensor();
  }
  if (result.isTuple()) return element(result.toTupleRef().elements().vec(), select, "tuple", error);
  if (result.isList()) return element(result.toListRef().vec(), select, "list", error);
  if (result.isGenericDict()) {
    const auto dict = result.toGenericDict();
    std::string keys;
    for (const auto& item : dict)
      keys += (keys.empty() ? "" : ", ") + (item.key().isString() ? item.key().toStringRef() : describe(item.key()));
    if (select.empty() && dict.size() == 1) return tensorOrError(dict.begin()->value(), "the result's only entry", error);
    for (const auto& item : dict)
      if (item.key().isString() && item.key().toStringRef() == select)
        return tensorOrError(item.value(), "entry '" + select + "' of the result", error);
    error = "the result is a dict (keys " + keys + "): set 'output' to one of them" +
            (select.empty() ? "" : " (it is '" + select + "')");
    return {};
  }
  error = "the result is " + describe(result) + ", not a tensor";
  return {};
}

ProbeResult cachedProbe(const std::string& key, const std::function<ProbeResult()>& run) {
  {
    std::lock_guard<std::mutex> lock(cacheMutex());
    if (auto it = probes().find(key); it != probes().end()) return it->second;
  }
  ProbeResult r = run();  // outside the lock: a large backbone's dry run takes a while
  std::lock_guard<std::mutex> lock(cacheMutex());
  if (probes().size() >= kProbes) probes().clear();
  probes()[key] = r;
  return r;
}

}  // namespace fusebench::nodes
