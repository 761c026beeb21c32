#include <algorithm>
#include <thread>

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#include "train/build_versions.h"
#include "util/cpu_features.h"
#include "train/device_support.h"
#include "train/trainer.h"

#ifdef FUSEBENCH_WITH_CUDA
#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDAFunctions.h>
#endif

namespace fusebench::train {

void toDevice(data::Batch& b, const torch::Device& d) {
  if (d.is_cpu()) return;
  for (auto& [k, t] : b.inputs) t = t.to(d, /*non_blocking=*/true);
  if (b.target.defined()) b.target = b.target.to(d, true);
}

// LibTorch 2.4 folded the per-device switches into calls that take the device type.
AutocastScope::AutocastScope(bool on, const torch::Device& device) : on_(on), cpu_(device.is_cpu()) {
  if (!on_) return;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
  const auto type = cpu_ ? at::kCPU : at::kCUDA;
  at::autocast::set_autocast_dtype(type, at::kBFloat16);
  at::autocast::set_autocast_enabled(type, true);
#else
  if (cpu_) {
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    at::autocast::set_cpu_enabled(true);
  } else {
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(true);
  }
#endif
}

AutocastScope::~AutocastScope() {
  if (!on_) return;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
  at::autocast::set_autocast_enabled(cpu_ ? at::kCPU : at::kCUDA, false);
#else
  if (cpu_)
    at::autocast::set_cpu_enabled(false);
  else
    at::autocast::set_enabled(false);
#endif
  at::autocast::clear_cache();  // the casts of weights cached for this step
}

std::string bf16Refusal(const torch::Device& device) {
  if (!device.is_cpu()) return "";
  const auto& cpu = util::cpuBf16Support();
  if (cpu.native) return "";
  return "precision 'bf16' (mixed precision) is refused on the CPU: " + cpu.reason + "; train in fp32";
}

void useDeviceInThisThread(const std::string& device) {
#ifdef FUSEBENCH_WITH_CUDA
  if (device != "cpu") {
    const torch::Device d(device);
    const int index = d.has_index() ? d.index() : 0;
    if (index < static_cast<int>(torch::cuda::device_count())) c10::cuda::set_device(static_cast<c10::DeviceIndex>(index));
  }
#else
  (void)device;
#endif
}

std::string torchVersion() { return TORCH_VERSION; }

std::vector<std::string> availableDevices() {
  std::vector<std::string> out = {"cpu"};
  const auto n = torch::cuda::is_available() ? torch::cuda::device_count() : 0;
  for (std::size_t i = 0; i < n; ++i) out.push_back("cuda:" + std::to_string(i));
  return out;
}

std::string deviceDescription(const std::string& device) {
  if (device == "cpu") return "CPU, " + std::to_string(std::max(1u, std::thread::hardware_concurrency())) + " cores";
#ifdef FUSEBENCH_WITH_CUDA
  try {
    const torch::Device d(device);
    const int index = d.has_index() ? d.index() : 0;
    const cudaDeviceProp* p = at::cuda::getDeviceProperties(index);
    return device + ": " + p->name + ", " + std::to_string(p->totalGlobalMem >> 30) + " GiB";
  } catch (const std::exception&) {
  }
#endif
  return device;
}

}  // namespace fusebench::train
