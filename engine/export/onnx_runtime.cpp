#include "export/onnx_runtime.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "export/npy.h"
#include "util/files.h"

namespace fusebench::onnx_export {

namespace fs = std::filesystem;

namespace {

// The runner: job.json lists the model and, per case, its input .npy files; each output is written as
// <case dir>/out<k>.npy and listed in <case dir>/outputs.json. Errors go to stderr with exit code 1.
const char* kRunner = R"JS('use strict';
const fs = require('fs');
const path = require('path');
const ort = require(process.argv[2]);
const job = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));

const TYPES = { '<f4': ['float32', Float32Array, 4], '<i8': ['int64', BigInt64Array, 8],
                '<i4': ['int32', Int32Array, 4], '|b1': ['bool', Uint8Array, 1] };

function readNpy(file) {
  const buf = fs.readFileSync(file);
  const major = buf[6];
  const len = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.toString('latin1', start, start + len);
  const descr = /'descr':\s*'([^']+)'/.exec(header)[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)[1].split(',').filter(s => s.trim() !== '').map(Number);
  const [type, Ctor, size] = TYPES[descr];
  const n = shape.reduce((a, b) => a * b, 1);
  const bytes = Buffer.from(buf.subarray(start + len, start + len + n * size));  // an aligned copy
  return new ort.Tensor(type, new Ctor(bytes.buffer, bytes.byteOffset, n), shape);
}

function writeNpy(file, t) {
  const descr = { float32: '<f4', int64: '<i8', int32: '<i4', bool: '|b1' }[t.type];
  if (!descr) throw new Error('output of type ' + t.type + ' is not supported');
  const shape = '(' + t.dims.join(',') + (t.dims.length === 1 ? ',' : '') + ')';
  let header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ', }';
  header += ' '.repeat((64 - (10 + header.length + 1) % 64) % 64) + '\n';
  const pre = Buffer.alloc(10);
  pre.write('\x93NUMPY', 0, 'latin1'); pre[6] = 1; pre[7] = 0; pre.writeUInt16LE(header.length, 8);
  const data = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  fs.writeFileSync(file, Buffer.concat([pre, Buffer.from(header, 'latin1'), data]));
}

(async () => {
  const session = await ort.InferenceSession.create(job.model, { graphOptimizationLevel: 'all' });
  for (const c of job.cases) {
    const feeds = {};
    for (const [name, file] of Object.entries(c.inputs)) feeds[name] = readNpy(file);
    const out = await session.run(feeds);
    const listed = {};
    Object.keys(out).forEach((name, k) => {
      const file = path.join(c.dir, 'out' + k + '.npy');
      writeNpy(file, out[name]);
      listed[name] = file;
    });
    fs.writeFileSync(path.join(c.dir, 'outputs.json'), JSON.stringify(listed));
  }
})().catch(e => { process.stderr.write(String(e && e.message || e) + '\n'); process.exit(1); });
)JS";

std::string shellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs a shell command; its stdout and stderr together, and its exit status (128 + N when killed by signal N).
int runCommand(const std::string& command, std::string& output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) output.append(buf, n);
  const int status = pclose(pipe);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);  // as a shell reports it, whether or not sh exec'd
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::optional<std::string> packageIn(const fs::path& dir) {
  for (const auto& p : {dir / "node_modules" / "onnxruntime-node", dir}) {
    if (fs::exists(p / "package.json") && fs::exists(p / "dist") && p.filename() == "onnxruntime-node") return p.string();
  }
  return std::nullopt;
}

std::string versionOf(const std::string& package) {
  std::ifstream in(fs::path(package) / "package.json");
  try {
    return nlohmann::json::parse(in).value("version", std::string("?"));
  } catch (const std::exception&) {
    return "?";
  }
}

// A fresh private folder under the system's temporary folder.
std::string scratchDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto p = fs::temp_directory_path() / ("fusebench-ort-" + std::to_string(rd()));
    std::error_code ec;
    if (fs::create_directory(p, ec)) return p.string();
  }
  return {};
}

struct RemoveOnExit {
  std::string dir;
  ~RemoveOnExit() {
    std::error_code ec;
    if (!dir.empty()) fs::remove_all(dir, ec);
  }
};

}  // namespace

std::optional<RuntimeLocation> findOnnxRuntime(std::string& why) {
  std::vector<fs::path> candidates;
  if (const char* e = std::getenv("FUSEBENCH_ONNXRUNTIME")) candidates.emplace_back(e);
  if (const char* home = std::getenv("HOME")) candidates.push_back(fs::path(home) / ".local/share/fusebench/onnxruntime");
#ifdef FUSEBENCH_SOURCE_DIR
  candidates.push_back(fs::path(FUSEBENCH_SOURCE_DIR) / "tools" / "onnxruntime");
#endif
  RuntimeLocation where;
  for (const auto& c : candidates) {
    if (auto p = packageIn(c)) {
      where.package = *p;
      break;
    }
  }
  if (where.package.empty()) {
    why = "ONNX Runtime (npm package onnxruntime-node) not found in";
    for (const auto& c : candidates) why += " " + c.string();
    return std::nullopt;
  }
  const char* node = std::getenv("FUSEBENCH_NODE");
  where.node = node ? node : "node";
  std::string out;
  if (runCommand(shellQuote(where.node) + " --version", out) != 0) {
    why = "Node.js ('" + where.node + "') does not run; ONNX Runtime's npm package needs it";
    return std::nullopt;
  }
  where.version = versionOf(where.package);
  return where;
}

namespace {

// Writes the job (the model, the outputs to fetch, each case's inputs as .npy), runs `command JOBFILE` and reads
// back every case's outputs. `who` names the runtime in messages; `status` gets the command's exit status (a
// shell reports a crash by signal N as 128 + N).
std::optional<std::vector<NamedTensors>> runJob(const std::string& command, const std::string& who,
                                                const std::string& model_file, const std::vector<std::string>& outputs,
                                                const std::vector<NamedTensors>& cases, std::string& error, int& status) {
  RemoveOnExit scratch{scratchDir()};
  if (scratch.dir.empty()) {
    error = "cannot create a temporary folder for " + who + "'s inputs";
    return std::nullopt;
  }
  nlohmann::json job;
  job["model"] = fs::absolute(model_file).string();
  job["outputs"] = outputs;
  for (std::size_t c = 0; c < cases.size(); ++c) {
    const auto dir = fs::path(scratch.dir) / ("case" + std::to_string(c));
    fs::create_directory(dir);
    nlohmann::json entry{{"dir", dir.string()}, {"inputs", nlohmann::json::object()}};
    int k = 0;
    for (const auto& [name, t] : cases[c]) {
      const auto file = (dir / ("in" + std::to_string(k++) + ".npy")).string();
      if (!writeNpy(file, t, error)) return std::nullopt;
      entry["inputs"][name] = file;
    }
    job["cases"].push_back(entry);
  }
  const auto jobFile = (fs::path(scratch.dir) / "job.json").string();
  if (!writeFile(jobFile, job.dump(), error)) return std::nullopt;
  std::string output;
  status = runCommand(command + " " + shellQuote(jobFile), output);
  if (status != 0) {
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
    error = who + " could not run the model: " + (output.empty() ? "no message" : output);
    return std::nullopt;
  }
  std::vector<NamedTensors> results;
  for (const auto& entry : job["cases"]) {
    std::ifstream in(fs::path(entry["dir"].get<std::string>()) / "outputs.json");
    NamedTensors outs;
    nlohmann::json listed;
    try {
      listed = nlohmann::json::parse(in);
    } catch (const std::exception&) {
      error = who + " wrote no outputs";
      return std::nullopt;
    }
    for (const auto& [name, file] : listed.items()) {
      auto t = readNpy(file.get<std::string>(), error);
      if (!t) return std::nullopt;
      outs[name] = *t;
    }
    results.push_back(std::move(outs));
  }
  return results;
}

}  // namespace

std::optional<std::vector<NamedTensors>> runOnnxRuntime(const RuntimeLocation& where, const std::string& model_file,
                                                         const std::vector<NamedTensors>& cases, std::string& error) {
  RemoveOnExit scratch{scratchDir()};
  const auto runner = (fs::path(scratch.dir) / "run.cjs").string();
  if (scratch.dir.empty() || !writeFile(runner, kRunner, error)) {
    if (error.empty()) error = "cannot create a temporary folder for ONNX Runtime's runner";
    return std::nullopt;
  }
  int status = 0;
  return runJob(shellQuote(where.node) + " " + shellQuote(runner) + " " + shellQuote(where.package),
                "ONNX Runtime " + where.version, model_file, {}, cases, error, status);
}

std::optional<OpenCvChecker> findOpenCvChecker(std::string& why) {
  std::vector<fs::path> candidates;
  if (const char* e = std::getenv("FUSEBENCH_OPENCV_CHECKER")) candidates.emplace_back(e);
  std::error_code ec;
  const auto self = fs::read_symlink("/proc/self/exe", ec);  // installed beside fusebench and fusebench-cli
  if (!ec) candidates.push_back(self.parent_path() / "fusebench-onnx-opencv");
#ifdef FUSEBENCH_OPENCV_CHECKER
  candidates.emplace_back(FUSEBENCH_OPENCV_CHECKER);  // the build tree's
#endif
  for (const auto& c : candidates) {
    std::string version;
    if (!fs::is_regular_file(c, ec) || runCommand(shellQuote(c.string()) + " --version", version) != 0) continue;
    while (!version.empty() && (version.back() == '\n' || version.back() == '\r')) version.pop_back();
    return OpenCvChecker{c.string(), version};
  }
  why = "fusebench-onnx-opencv (OpenCV's DNN module) not found in";
  for (const auto& c : candidates) why += " " + c.string();
  return std::nullopt;
}

std::optional<std::vector<NamedTensors>> runOpenCvChecker(const OpenCvChecker& checker, const std::string& model_file,
                                                          const std::vector<std::string>& outputs,
                                                          const std::vector<NamedTensors>& cases, std::string& error,
                                                          bool& crashed) {
  std::vector<NamedTensors> floats;  // the model is a forFloatRuntime() variant: F -> "F.float" for bool and int64
  for (const auto& c : cases) {
    NamedTensors f;
    for (const auto& [name, t] : c)
      f[t.scalar_type() == torch::kFloat ? name : name + ".float"] = t.to(torch::kFloat);
    floats.push_back(std::move(f));
  }
  int status = 0;
  auto results = runJob(shellQuote(checker.program), "OpenCV " + checker.version + " DNN", model_file, outputs, floats,
                        error, status);
  crashed = status > 128;
  if (crashed) error = "OpenCV " + checker.version + " DNN crashed (signal " + std::to_string(status - 128) + ") on the model";
  return results;
}

}  // namespace fusebench::onnx_export
