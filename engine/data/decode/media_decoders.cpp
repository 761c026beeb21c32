// OpenCV and libsndfile behind the plain decoder interface. Neither library's failure mode escapes:
// cv::imread's empty Mat and cv::Exception, libsndfile's null handle and short reads all become reasons.
#include <sndfile.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "data/decode/decoders.h"
#include "data/decode/dicom.h"

namespace fusebench::data {
namespace {

namespace fs = std::filesystem;

bool missingFile(const std::string& path, std::string& error) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    error = "missing file";
    return true;
  }
  if (fs::is_directory(path, ec)) {
    error = "is a folder, not a file";
    return true;
  }
  return false;
}

// libjpeg fills a truncated JPEG with grey and only warns; a complete one ends with the EOI marker
// (some writers add padding bytes after it).
bool jpegComplete(const std::vector<unsigned char>& file) {
  if (file.size() < 4) return false;
  const std::size_t window = std::min<std::size_t>(file.size(), 64);
  for (std::size_t i = file.size() - window; i + 1 < file.size(); ++i)
    if (file[i] == 0xFF && file[i + 1] == 0xD9) return true;
  return false;
}

// The file read once (OpenCV decodes from memory): the DICOM check and the JPEG check need no second open.
bool readFile(const std::string& path, std::vector<unsigned char>& out, std::string& error) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    error = "unreadable file";
    return false;
  }
  const auto size = static_cast<std::streamoff>(in.tellg());
  out.resize(static_cast<std::size_t>(std::max<std::streamoff>(0, size)));
  in.seekg(0);
  if (size > 0 && !in.read(reinterpret_cast<char*>(out.data()), size)) {
    error = "unreadable file";
    return false;
  }
  return true;
}

// Formats are told by their bytes, never by their names: a PNG named .jpg is a PNG, a JPEG named .png a JPEG.
bool startsWith(const std::vector<unsigned char>& file, std::initializer_list<unsigned char> magic) {
  return file.size() >= magic.size() && std::equal(magic.begin(), magic.end(), file.begin());
}
bool isJpeg(const std::vector<unsigned char>& file) { return startsWith(file, {0xFF, 0xD8, 0xFF}); }
bool isKnownImage(const std::vector<unsigned char>& file) {  // what OpenCV reads, by signature
  return isJpeg(file) || startsWith(file, {0x89, 'P', 'N', 'G'}) || startsWith(file, {'I', 'I', 0x2A, 0x00}) ||
         startsWith(file, {'M', 'M', 0x00, 0x2A}) || startsWith(file, {'B', 'M'}) ||
         (startsWith(file, {'R', 'I', 'F', 'F'}) && file.size() >= 12 && std::memcmp(file.data() + 8, "WEBP", 4) == 0);
}
// DICOM: the "DICM" marker after the 128-byte preamble; a file named .dcm without one (an old, preamble-less
// file) is DICOM too unless its bytes say it is a known picture format.
bool isDicom(const std::vector<unsigned char>& file, const std::string& path) {
  if (file.size() >= 132 && std::memcmp(file.data() + 128, "DICM", 4) == 0) return true;
  return hasDicomExtension(path) && !isKnownImage(file);
}

// Decodes a picture file's bytes (not DICOM) into an OpenCV matrix, refusing what OpenCV would misread quietly.
bool decodeMat(const std::vector<unsigned char>& file, cv::Mat& m, std::string& error) {
  try {
    m = cv::imdecode(file, cv::IMREAD_UNCHANGED);
  } catch (const cv::Exception& e) {
    error = "unreadable image (" + std::string(e.err) + ")";
    return false;
  }
  if (m.empty()) {
    error = "unreadable or truncated image";
    return false;
  }
  if (isJpeg(file) && !jpegComplete(file)) {
    error = "truncated JPEG (no end-of-image marker)";
    return false;
  }
  if (m.channels() != 1 && m.channels() != 3 && m.channels() != 4) {
    error = "unsupported channel count " + std::to_string(m.channels());
    return false;
  }
  return true;
}

// Gray stays, BGR and BGRA become RGB.
cv::Mat toRgb(const cv::Mat& m) {
  cv::Mat rgb;
  if (m.channels() == 1) rgb = m;
  else cv::cvtColor(m, rgb, m.channels() == 3 ? cv::COLOR_BGR2RGB : cv::COLOR_BGRA2RGB);
  return rgb;
}

bool floatImage(const cv::Mat& m, Image& out, std::string& error) {
  double scale = 1.0;
  switch (m.depth()) {
    case CV_8U: out.bit_depth = 8; scale = 1.0 / 255.0; break;
    case CV_16U: out.bit_depth = 16; scale = 1.0 / 65535.0; break;
    case CV_32F: out.bit_depth = 32; scale = 1.0; break;
    default: error = "unsupported pixel type (OpenCV depth " + std::to_string(m.depth()) + ")"; return false;
  }
  cv::Mat f;
  toRgb(m).convertTo(f, CV_32F, scale);
  out.width = f.cols;
  out.height = f.rows;
  out.channels = f.channels();
  out.pixels.assign(static_cast<std::size_t>(out.width) * out.height * out.channels, 0.0f);
  const std::size_t plane = static_cast<std::size_t>(out.width) * out.height;
  for (int y = 0; y < f.rows; ++y) {
    const float* row = f.ptr<float>(y);
    for (int x = 0; x < f.cols; ++x)
      for (int c = 0; c < out.channels; ++c)
        out.pixels[c * plane + static_cast<std::size_t>(y) * out.width + x] = row[x * out.channels + c];
  }
  return true;
}

// The file read once; DICOM is told before OpenCV sees it, which does not read DICOM and may misread one as
// another format (seen in a test).
// `dicom` is set (and `dicomBytes` holds the file) when the bytes are DICOM; else `m` is the decoded picture.
bool readPicture(const std::string& path, cv::Mat& m, bool& dicom, std::string& dicomBytes, std::string& error) {
  std::vector<unsigned char> file;
  if (missingFile(path, error) || !readFile(path, file, error)) return false;
  dicom = isDicom(file, path);
  if (dicom) dicomBytes.assign(file.begin(), file.end());
  return dicom || decodeMat(file, m, error);
}

bool decodeImage(const std::string& path, Image& out, std::string& error) {
  cv::Mat m;
  bool dicom = false;
  std::string dicomBytes;
  if (!readPicture(path, m, dicom, dicomBytes, error)) return false;
  if (dicom) return decodeDicomBytes(dicomBytes, out, error);
  return floatImage(m, out, error);
}

bool decodeImageBytes(const std::string& path, Image& out, std::string& error) {
  cv::Mat m;
  bool dicom = false;
  std::string dicomBytes;
  if (!readPicture(path, m, dicom, dicomBytes, error)) return false;
  if (dicom) return decodeDicomBytes(dicomBytes, out, error);
  if (m.depth() != CV_8U) return floatImage(m, out, error);
  const cv::Mat rgb = toRgb(m);
  out.bit_depth = 8;
  out.width = rgb.cols;
  out.height = rgb.rows;
  out.channels = rgb.channels();
  const std::size_t plane = static_cast<std::size_t>(out.width) * out.height;
  out.bytes.resize(plane * static_cast<std::size_t>(out.channels));
  std::vector<cv::Mat> planes;  // headers over the output: cv::split writes each channel in place
  for (int c = 0; c < out.channels; ++c) planes.emplace_back(rgb.rows, rgb.cols, CV_8U, out.bytes.data() + c * plane);
  if (out.channels == 1) rgb.copyTo(planes[0]);
  else cv::split(rgb, planes);
  for (int c = 0; c < out.channels; ++c)  // should OpenCV have reallocated a plane, copy it into place
    if (planes[c].data != out.bytes.data() + c * plane)
      std::memcpy(out.bytes.data() + c * plane, planes[c].data, plane);
  return true;
}

bool decodeImageFrame(const std::string& path, int frame, Image& out, std::string& error) {
  cv::Mat m;
  bool dicom = false;
  std::string dicomBytes;
  if (!readPicture(path, m, dicom, dicomBytes, error)) return false;
  if (dicom) return decodeDicomBytes(dicomBytes, out, error, frame);
  if (frame != 0) {
    error = "frame " + std::to_string(frame) + " asked for, but only DICOM files hold several frames";
    return false;
  }
  return floatImage(m, out, error);
}

bool decodeAudio(const std::string& path, int rate, Audio& out, std::string& error) {
  if (missingFile(path, error)) return false;
  SF_INFO info{};
  SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
  if (!f) {
    error = std::string("unsupported or corrupt audio (") + sf_strerror(nullptr) + ")";
    return false;
  }
  // libsndfile reads a truncated WAV/AIFF by shrinking the frame count to what is there; its log says so.
  char log[4096] = {0};
  sf_command(f, SFC_GET_LOG_INFO, log, sizeof(log));
  const std::string logText(log);
  if (logText.find("should be") != std::string::npos || logText.find("truncated") != std::string::npos ||
      logText.find("Unexpected EOF") != std::string::npos) {
    sf_close(f);
    error = "truncated audio file (data shorter than its header says)";
    return false;
  }
  if (info.frames <= 0 || info.channels <= 0) {
    sf_close(f);
    error = "empty audio (no samples)";
    return false;
  }
  std::vector<float> interleaved(static_cast<std::size_t>(info.frames) * info.channels);
  const sf_count_t got = sf_readf_float(f, interleaved.data(), info.frames);
  sf_close(f);
  if (got < info.frames) {
    error = "truncated audio (read " + std::to_string(got) + " of " + std::to_string(info.frames) + " frames)";
    return false;
  }
  std::vector<float> mono(static_cast<std::size_t>(info.frames));
  for (sf_count_t i = 0; i < info.frames; ++i) {
    double s = 0.0;
    for (int c = 0; c < info.channels; ++c) s += interleaved[static_cast<std::size_t>(i) * info.channels + c];
    mono[static_cast<std::size_t>(i)] = static_cast<float>(s / info.channels);
  }
  out.file_rate = info.samplerate;
  out.file_channels = info.channels;
  out.sample_rate = rate;
  out.samples = resample(mono, info.samplerate, rate);
  return true;
}

}  // namespace

const Decoders& mediaDecoders() {
  static const Decoders d{decodeImage, decodeAudio, decodeImageBytes, decodeImageFrame};
  return d;
}

}  // namespace fusebench::data
