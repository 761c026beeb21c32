// fusebench-onnx-opencv: runs an ONNX file in OpenCV's DNN module, the second runtime the export check uses where
// ONNX Runtime is not installed. A separate program on purpose: OpenCV 4.6's DNN has crashed the process on some
// models (in a TBB worker), and a crash here must only mean "not checked", never the end of the app.
//
//   fusebench-onnx-opencv JOB.json     (the job format of export/onnx_runtime.cpp: the model, the outputs to fetch,
//                                       per case its float32 .npy inputs; writes out<k>.npy + outputs.json per case)
//   fusebench-onnx-opencv --version
// Exit 0: done; 1: OpenCV refused the model or an input (its message on stderr, first line naming the layer).
#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

// .npy, float32 only (the caller converts every input), C order, format 1.0 or 2.0.
cv::Mat readNpy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 12 || bytes.compare(1, 5, "NUMPY") != 0) throw std::runtime_error(path + ": not a .npy file");
  const bool v1 = bytes[6] == 1;
  const std::size_t len = v1 ? (uint8_t(bytes[8]) | uint8_t(bytes[9]) << 8)
                             : (uint8_t(bytes[8]) | uint8_t(bytes[9]) << 8 | uint8_t(bytes[10]) << 16 | std::size_t(uint8_t(bytes[11])) << 24);
  const std::size_t start = v1 ? 10 : 12;
  const std::string header = bytes.substr(start, len);
  if (header.find("'<f4'") == std::string::npos) throw std::runtime_error(path + ": not float32");
  std::smatch m;
  if (!std::regex_search(header, m, std::regex("'shape':\\s*\\(([^)]*)\\)"))) throw std::runtime_error(path + ": no shape");
  std::vector<int> shape;
  std::stringstream dims(m[1].str());
  for (std::string d; std::getline(dims, d, ',');)
    if (d.find_first_not_of(" ") != std::string::npos) shape.push_back(std::stoi(d));
  if (shape.empty()) shape.push_back(1);
  cv::Mat mat(static_cast<int>(shape.size()), shape.data(), CV_32F);
  const std::size_t need = mat.total() * sizeof(float);
  if (bytes.size() < start + len + need) throw std::runtime_error(path + ": truncated");
  std::memcpy(mat.data, bytes.data() + start + len, need);
  return mat;
}

void writeNpy(const std::string& path, const cv::Mat& mat) {
  cv::Mat m = mat.isContinuous() ? mat : mat.clone();
  if (m.depth() != CV_32F) m.convertTo(m, CV_32F);
  std::string shape = "(";
  for (int i = 0; i < m.dims; ++i) shape += std::to_string(m.size[i]) + (m.dims == 1 || i + 1 < m.dims ? "," : "");
  shape += ")";
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
  header += std::string((64 - (10 + header.size() + 1) % 64) % 64, ' ') + "\n";
  std::ofstream out(path, std::ios::binary);
  out.write("\x93NUMPY\x01\x00", 8);
  const char len[2] = {static_cast<char>(header.size() & 0xff), static_cast<char>(header.size() >> 8)};
  out.write(len, 2);
  out << header;
  out.write(reinterpret_cast<const char*>(m.data), static_cast<std::streamsize>(m.total() * sizeof(float)));
  if (!out) throw std::runtime_error("cannot write " + path);
}

int run(const std::string& jobFile) {
  std::ifstream in(jobFile);
  const auto job = nlohmann::json::parse(in);
  cv::dnn::Net net = cv::dnn::readNetFromONNX(job.at("model").get<std::string>());
  net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
  net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
  const auto outputs = job.at("outputs").get<std::vector<std::string>>();
  for (const auto& c : job.at("cases")) {
    for (const auto& [name, file] : c.at("inputs").items()) net.setInput(readNpy(file.get<std::string>()), name);
    std::vector<cv::Mat> results;
    net.forward(results, outputs);
    nlohmann::json listed = nlohmann::json::object();
    for (std::size_t k = 0; k < outputs.size(); ++k) {
      const std::string file = c.at("dir").get<std::string>() + "/out" + std::to_string(k) + ".npy";
      writeNpy(file, results.at(k));
      listed[outputs[k]] = file;
    }
    std::ofstream(c.at("dir").get<std::string>() + "/outputs.json") << listed.dump();
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--version") {
    std::cout << CV_VERSION << "\n";
    return 0;
  }
  if (argc != 2) {
    std::cerr << "usage: fusebench-onnx-opencv JOB.json | --version\n";
    return 2;
  }
  try {
    return run(argv[1]);
  } catch (const cv::Exception& e) {
    std::cerr << e.what() << "\n";  // "...: error: (-2:Unspecified error) ... Can't create layer ... of type ..."
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
  }
  return 1;
}
