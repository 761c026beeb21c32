#include "fixtures.h"

#include <sndfile.h>

#include <cmath>
#include <fstream>
#include <opencv2/imgcodecs.hpp>

namespace fusebench::testing {

namespace fs = std::filesystem;

fs::path freshDir(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("fusebench_test_" + name);
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

void writeGrayPng(const fs::path& p, int w, int h, int value, bool sixteenBit) {
  fs::create_directories(p.parent_path());
  cv::Mat m(h, w, sixteenBit ? CV_16UC1 : CV_8UC1, cv::Scalar(value));
  cv::imwrite(p.string(), m);
}

void writeColorImage(const fs::path& p, int w, int h) {
  fs::create_directories(p.parent_path());
  cv::Mat m(h, w, CV_8UC3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) m.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(x * 7), static_cast<uchar>(y * 5), 200);  // BGR
  cv::imwrite(p.string(), m);
}

void writeSine(const fs::path& p, int rate, double seconds, double hz, int channels, int format) {
  fs::create_directories(p.parent_path());
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format = format ? format : (SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  SNDFILE* f = sf_open(p.string().c_str(), SFM_WRITE, &info);
  if (!f) throw std::runtime_error("cannot write " + p.string() + ": " + sf_strerror(nullptr));
  const auto n = static_cast<std::size_t>(rate * seconds);
  std::vector<float> data(n * static_cast<std::size_t>(channels));
  for (std::size_t i = 0; i < n; ++i)
    for (int c = 0; c < channels; ++c)  // channel c carries amplitude 0.5 / (c + 1): the mix-down is their mean
      data[i * channels + c] = static_cast<float>(0.5 / (c + 1) * std::sin(2 * M_PI * hz * static_cast<double>(i) / rate));
  sf_writef_float(f, data.data(), static_cast<sf_count_t>(n));
  sf_close(f);
}

void truncateFile(const fs::path& p, double keep) {
  const auto size = fs::file_size(p);
  fs::resize_file(p, static_cast<std::uintmax_t>(static_cast<double>(size) * keep));
}

void writeText(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

static const char* kDescription = R"({
  "format": "fusebench-dataset", "version": 1, "name": "fixture", "manifest": "manifest.csv", "sample_rate": 8000,
  "columns": [
    {"name": "id", "role": "id"}, {"name": "image", "role": "image"}, {"name": "audio", "role": "audio"},
    {"name": "title", "role": "text"}, {"name": "size", "role": "numeric"}, {"name": "colour", "role": "categorical"},
    {"name": "label", "role": "target", "task": "classification", "classes": ["cat", "dog", "bird", "fish"]}%SPLIT%
  ]
})";

fs::path writeCleanDataset(const std::string& name, int perClass, bool split) {
  const fs::path dir = freshDir(name);
  std::string desc = kDescription;
  desc.replace(desc.find("%SPLIT%"), 7, split ? R"(, {"name": "split", "role": "split"})" : "");
  writeText(dir / "dataset.json", desc);
  std::string manifest = std::string("id,image,audio,title,size,colour,label") + (split ? ",split" : "") + "\n";
  const char* classes[] = {"cat", "dog", "bird"};
  const char* words[] = {"soft purring whiskers", "loud barking fetch", "small singing feathers"};
  for (int c = 0; c < 3; ++c)
    for (int k = 0; k < perClass; ++k) {
      const std::string id = std::string(classes[c]) + std::to_string(k);
      writeGrayPng(dir / "img" / (id + ".png"), 12 + k % 3, 10, 40 + 60 * c);
      writeSine(dir / "snd" / (id + ".wav"), 8000, 0.25, 300.0 + 200.0 * c);
      manifest += id + ",img/" + id + ".png,snd/" + id + ".wav," + words[c] + "," + std::to_string(1.5 * c + 0.1 * k) +
                  "," + (k % 2 ? "red" : "blue") + "," + classes[c];
      if (split) manifest += std::string(",") + (k == 0 ? "test" : k == 1 ? "val" : "train");
      manifest += "\n";
    }
  writeText(dir / "manifest.csv", manifest);
  return dir;
}

fs::path writeProblemDataset(const std::string& name, std::vector<ExpectedProblem>* problems) {
  const fs::path dir = writeCleanDataset(name, 4);
  std::string manifest;
  {
    std::ifstream in(dir / "manifest.csv");
    manifest.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::size_t row = 12;  // 3 classes x 4 good rows come first
  auto add = [&](const std::string& line, const std::string& column, const std::string& reason) {
    manifest += line + "\n";
    ++row;
    if (!column.empty() || !reason.empty()) problems->push_back({row, column, reason});
  };
  writeGrayPng(dir / "img" / "trunc.png", 40, 40, 128);
  truncateFile(dir / "img" / "trunc.png", 0.5);
  writeColorImage(dir / "img" / "trunc.jpg", 64, 64);
  truncateFile(dir / "img" / "trunc.jpg", 0.6);
  writeText(dir / "snd" / "noise.wav", "RIFF this is not really audio at all");
  writeSine(dir / "snd" / "short.wav", 8000, 1.0, 440);
  truncateFile(dir / "snd" / "short.wav", 0.5);
  add("m1,img/nothere.png,snd/cat0.wav,ok words,1,red,cat", "image", "missing file");
  add("m2,img/trunc.png,snd/cat0.wav,ok words,1,red,cat", "image", "unreadable or truncated image");
  add("m3,img/trunc.jpg,snd/cat0.wav,ok words,1,red,cat", "image", "truncated JPEG");
  add("m4,img/cat0.png,snd/noise.wav,ok words,1,red,cat", "audio", "unsupported or corrupt audio");
  add("m5,img/cat0.png,snd/short.wav,ok words,1,red,cat", "audio", "truncated audio");
  add("m6,img/cat0.png,snd/cat0.wav,\xff\xfe bad bytes,1,red,cat", "title", "not valid UTF-8");
  add("m7,img/cat0.png,snd/cat0.wav,\" ... \",1,red,cat", "title", "empty text");
  add("m8,img/cat0.png,snd/cat0.wav,ok words,1,red,zebra", "label", "unknown class name 'zebra'");
  add("m9,img/cat0.png,snd/cat0.wav,ok words,heavy,red,cat", "size", "not a number: 'heavy'");
  add("m10,img/cat0.png,snd/cat0.wav,ok words,nan,red,cat", "size", "NaN or infinite");
  add("m11,img/cat0.png,snd/cat0.wav,ok words,inf,red,cat", "size", "NaN or infinite");
  add("cat0,img/cat0.png,snd/cat0.wav,ok words,1,red,cat", "id", "duplicate id 'cat0' (first at row 1)");
  add("m13,,,,,,dog", "", "all modalities missing");
  add("m14,img/cat0.png,snd/cat0.wav,ok words,1,red,fish", "", "");  // fish: one sample only
  problems->push_back({0, "label", "class 'fish' has 1 sample"});
  writeText(dir / "manifest.csv", manifest);
  return dir;
}

}  // namespace fusebench::testing
