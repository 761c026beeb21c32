#include "export/npy.h"

#include <fstream>
#include <iterator>
#include <sstream>

#include "util/files.h"

namespace fusebench::onnx_export {

namespace {

const char* descrOf(torch::ScalarType t) {
  switch (t) {
    case torch::kLong: return "<i8";
    case torch::kInt: return "<i4";
    case torch::kBool: return "|b1";
    default: return "<f4";
  }
}

}  // namespace

std::string npyBytes(const torch::Tensor& tensor) {
  auto t = tensor.detach().to(torch::kCPU);
  if (t.scalar_type() != torch::kLong && t.scalar_type() != torch::kInt && t.scalar_type() != torch::kBool)
    t = t.to(torch::kFloat);
  t = t.contiguous();
  std::ostringstream shape;
  shape << "(";
  for (int64_t d = 0; d < t.dim(); ++d) shape << t.size(d) << (t.dim() == 1 || d + 1 < t.dim() ? "," : "");
  shape << ")";
  std::string header = std::string("{'descr': '") + descrOf(t.scalar_type()) + "', 'fortran_order': False, 'shape': " +
                       shape.str() + ", }";
  // Magic (6) + version (2) + length (2) + header + '\n', padded with spaces to a multiple of 64.
  const std::size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>((header.size() >> 8) & 0xff);
  out += header;
  out.append(static_cast<const char*>(t.data_ptr()), static_cast<std::size_t>(t.numel()) * t.element_size());
  return out;
}

bool writeNpy(const std::string& path, const torch::Tensor& t, std::string& error) {
  return writeFile(path, npyBytes(t), error);
}

std::optional<torch::Tensor> readNpy(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) {
    error = path + ": not a .npy file";
    return std::nullopt;
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  std::size_t len = 0, start = 0;
  if (major == 1) {
    len = static_cast<unsigned char>(bytes[8]) | (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    start = 10;
  } else {
    if (bytes.size() < 12) return error = path + ": truncated .npy header", std::nullopt;
    for (int i = 0; i < 4; ++i) len |= static_cast<std::size_t>(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
    start = 12;
  }
  if (bytes.size() < start + len) return error = path + ": truncated .npy header", std::nullopt;
  const std::string header = bytes.substr(start, len);
  auto field = [&](const std::string& key) {
    auto k = header.find("'" + key + "'");
    return k == std::string::npos ? std::string() : header.substr(header.find(':', k) + 1);
  };
  const std::string descr = field("descr"), shapeText = field("shape");
  torch::ScalarType type;
  if (descr.find("<f4") != std::string::npos) type = torch::kFloat;
  else if (descr.find("<i8") != std::string::npos) type = torch::kLong;
  else if (descr.find("<i4") != std::string::npos) type = torch::kInt;
  else if (descr.find("|b1") != std::string::npos) type = torch::kBool;
  else return error = path + ": unsupported .npy dtype " + descr.substr(0, descr.find(',')), std::nullopt;
  if (field("fortran_order").find("True") == 0 || field("fortran_order").find(" True") == 0)
    return error = path + ": Fortran-ordered .npy", std::nullopt;
  std::vector<int64_t> dims;
  const auto open = shapeText.find('('), close = shapeText.find(')');
  std::istringstream s(shapeText.substr(open + 1, close - open - 1));
  std::string part;
  while (std::getline(s, part, ','))
    if (part.find_first_not_of(' ') != std::string::npos) dims.push_back(std::stoll(part));
  auto t = torch::empty(dims, torch::TensorOptions().dtype(type));
  const std::size_t n = static_cast<std::size_t>(t.numel()) * t.element_size();
  if (bytes.size() < start + len + n) return error = path + ": truncated .npy data", std::nullopt;
  std::memcpy(t.data_ptr(), bytes.data() + start + len, n);
  return t;
}

}  // namespace fusebench::onnx_export
