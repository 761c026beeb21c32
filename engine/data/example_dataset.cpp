#include "data/example_dataset.h"

#include <sndfile.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <sstream>

#include "data/dataset_description.h"
#include "data/decode/decoders.h"
#include "data/idx_file.h"
#include "data/manifest.h"
#include "data/png_file.h"
#include "util/files.h"

extern char** environ;

namespace fusebench::data {
namespace {

namespace fs = std::filesystem;

constexpr int kRate = 8000;
constexpr double kClipSeconds = 1.5;
constexpr int kVersion = 3;  // bump when the generator changes what it writes (3: the source column)

const std::vector<std::string> kClasses = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                           "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
const std::vector<std::string> kSpoken = {"t-shirt", "trousers", "pullover", "dress", "coat",
                                          "sandal",  "shirt",    "sneaker",  "bag",   "ankle boot"};

// Title words. Each hint word is shared by two or three classes, so a title narrows the class down but
// rarely decides it; filler words carry no information at all.
const std::vector<std::pair<std::string, std::vector<int>>> kHints = {
    {"cotton", {0, 3, 6}},   {"crew", {0, 2}},       {"sleeve", {0, 2, 6}}, {"denim", {1, 4}},
    {"slim", {1, 3}},        {"knit", {2, 6}},       {"wool", {2, 4}},      {"midi", {3, 6}},
    {"floral", {3, 8}},      {"hooded", {4, 2}},     {"warm", {4, 9}},      {"strappy", {5, 3}},
    {"open", {5, 8}},        {"button", {6, 4}},     {"collar", {6, 0}},    {"running", {7, 1}},
    {"lace", {7, 9, 5}},     {"canvas", {7, 8}},     {"leather", {8, 9, 4}}, {"zip", {8, 4, 9}},
    {"heel", {9, 5}},        {"suede", {9, 7}},      {"summer", {5, 3, 0}}, {"sport", {7, 1, 0}}};
const std::vector<std::string> kFiller = {"new", "classic", "womens", "mens", "black", "white", "grey", "navy",
                                          "red", "soft",    "casual", "style", "size", "sale", "basic", "premium"};
const std::vector<std::string> kVoices = {"en-us", "en-gb", "en-gb-scotland", "en-029", "en-gb-x-rp"};
const std::vector<std::string> kVariants = {"", "+m1", "+m3", "+f2", "+f3", "+f4"};

bool runProgram(const std::vector<std::string>& args, std::string& error) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  const int rc = posix_spawnp(&pid, args[0].c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    error = "cannot run '" + args[0] + "' (install espeak-ng)";
    return false;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    error = "'" + args[0] + "' failed";
    return false;
  }
  return true;
}

bool writeFlac(const std::string& path, const std::vector<float>& samples, std::string& error) {
  SF_INFO info{};
  info.samplerate = kRate;
  info.channels = 1;
  info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
  SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
  if (!f) {
    error = "cannot write '" + path + "': " + sf_strerror(nullptr);
    return false;
  }
  // A full disk shows as a short write or as an error when the last block is flushed on close.
  const bool whole = sf_write_float(f, samples.data(), static_cast<sf_count_t>(samples.size())) ==
                     static_cast<sf_count_t>(samples.size());
  const std::string why = whole ? "the file cannot be completed" : sf_strerror(f);
  if (sf_close(f) == 0 && whole) return true;
  error = "cannot write '" + path + "': " + why;
  std::remove(path.c_str());
  return false;
}

std::string pad(std::size_t n, int width) {
  std::string s = std::to_string(n);
  return std::string(s.size() < static_cast<std::size_t>(width) ? width - s.size() : 0, '0') + s;
}

std::string settingsKey(const ExampleDatasetOptions& o) {
  return "v" + std::to_string(kVersion) + " seed " + std::to_string(o.seed) + " split " + std::to_string(o.train) +
         "/" + std::to_string(o.val) + "/" + std::to_string(o.test);
}

}  // namespace

ExampleDatasetResult makeExampleDataset(const ExampleDatasetOptions& o,
                                        const std::function<void(const std::string&)>& progress,
                                        const std::function<void(std::size_t done, std::size_t total)>& counted) {
  ExampleDatasetResult r;
  const auto start = std::chrono::steady_clock::now();
  const fs::path out(o.out);
  const fs::path stamp = out / ".complete";
  {
    std::ifstream in(stamp);
    std::string key;
    if (in && std::getline(in, key) && key == settingsKey(o)) {
      r.ok = r.reused = true;
      r.samples = static_cast<std::size_t>(o.train + o.val + o.test);
      return r;
    }
  }
  auto say = [&](const std::string& s) {
    if (progress) progress(s);
  };
  std::error_code ec;
  fs::remove_all(out, ec);
  for (const char* sub : {"images", "audio", "speech"}) fs::create_directories(out / sub, ec);
  if (ec) {
    r.error = "cannot create '" + out.string() + "': " + ec.message();
    return r;
  }

  say("reading Fashion-MNIST from " + o.fashion_mnist_dir);
  std::string error;
  auto images = readIdx((fs::path(o.fashion_mnist_dir) / "train-images-idx3-ubyte.gz").string(), error);
  auto labels = images ? readIdx((fs::path(o.fashion_mnist_dir) / "train-labels-idx1-ubyte.gz").string(), error) : std::nullopt;
  if (!images || !labels) {
    r.error = error + " (install the Debian package dataset-fashion-mnist)";
    return r;
  }

  // Speech: every class name in every voice variant, once; samples then draw from these takes.
  say("speaking class names with espeak-ng");
  std::mt19937_64 rng(o.seed);
  auto uniform = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  std::vector<std::vector<std::vector<float>>> takes(kClasses.size());
  const std::size_t takesPerClass = 8, speechSteps = kClasses.size() * takesPerClass;
  const std::size_t steps = speechSteps + static_cast<std::size_t>(o.train + o.val + o.test);
  const auto& decode = mediaDecoders().audio;
  for (std::size_t c = 0; c < kClasses.size(); ++c) {
    for (std::size_t t = 0; t < takesPerClass; ++t) {
      const std::string voice = kVoices[rng() % kVoices.size()] + kVariants[rng() % kVariants.size()];
      const std::string wav = (out / "speech" / (std::to_string(c) + "_" + std::to_string(t) + ".wav")).string();
      if (!runProgram({o.espeak, "-v", voice, "-s", std::to_string(120 + rng() % 80), "-p",
                       std::to_string(25 + rng() % 50), "-w", wav, kSpoken[c]},
                      error)) {
        r.error = error;
        return r;
      }
      Audio a;
      if (!decode(wav, kRate, a, error)) {
        // espeak-ng exits 0 with a cut-short file when the disk is full: name the real reason.
        r.error = noSpaceLeftAt(wav) ? "cannot write '" + wav + "': No space left on device (espeak-ng's speech is cut short)"
                                     : wav + ": " + error;
        return r;
      }
      // Trim espeak's leading and trailing silence so the placement below is what varies.
      std::size_t b = 0, e = a.samples.size();
      while (b < e && std::abs(a.samples[b]) < 1e-3f) ++b;
      while (e > b && std::abs(a.samples[e - 1]) < 1e-3f) --e;
      takes[c].emplace_back(a.samples.begin() + static_cast<long>(b), a.samples.begin() + static_cast<long>(e));
      if (counted) counted(c * takesPerClass + t + 1, steps);
    }
  }
  fs::remove_all(out / "speech", ec);

  // Stratified draw of Fashion-MNIST training images: equal counts per class and split.
  std::vector<std::vector<std::size_t>> byClass(kClasses.size());
  for (std::size_t i = 0; i < labels->count(); ++i) byClass[labels->data[i]].push_back(i);
  for (auto& v : byClass) std::shuffle(v.begin(), v.end(), rng);
  struct Row {
    std::size_t source;
    int cls;
    std::string split;
  };
  std::vector<Row> rows;
  const int perSplit[3] = {o.train, o.val, o.test};
  const char* splitNames[3] = {"train", "val", "test"};
  std::vector<std::size_t> used(kClasses.size(), 0);
  for (int s = 0; s < 3; ++s)
    for (int k = 0; k < perSplit[s]; ++k) {
      const int c = k % static_cast<int>(kClasses.size());
      rows.push_back({byClass[c][used[c]++], c, splitNames[s]});
    }
  std::shuffle(rows.begin(), rows.end(), rng);

  say("writing " + std::to_string(rows.size()) + " samples");
  std::ostringstream manifest;
  // `source` names the Fashion-MNIST training image each sample was drawn from, so another dataset built from
  // Fashion-MNIST (a pretraining set) can prove it shares no image with this one.
  manifest << "id,image,audio,title,label,split,source\n";
  const std::size_t item = images->itemSize();
  const std::size_t clip = static_cast<std::size_t>(kRate * kClipSeconds);
  std::normal_distribution<double> gauss(0.0, 1.0);
  for (std::size_t n = 0; n < rows.size(); ++n) {
    const Row& row = rows[n];
    const std::string id = "s" + pad(n + 1, 5);
    // Which modalities this sample lacks: image 4%, audio 5%, title 15%; never all three.
    bool hasImage = uniform(0, 1) >= 0.04;
    const bool hasAudio = uniform(0, 1) >= 0.05;
    const bool hasTitle = uniform(0, 1) >= 0.15;
    if (!hasImage && !hasAudio && !hasTitle) hasImage = true;
    // Image: 40% degraded (strong noise or a large occlusion).
    std::string imageRel;
    if (hasImage) {
      cv::Mat m(28, 28, CV_8UC1);
      std::copy_n(images->data.begin() + static_cast<long>(row.source * item), item, m.data);
      const double d = uniform(0, 1);
      if (d < 0.2) {
        for (int p = 0; p < 28 * 28; ++p) m.data[p] = cv::saturate_cast<uchar>(m.data[p] + 110.0 * gauss(rng));
      } else if (d < 0.4) {
        const int w = 14 + static_cast<int>(rng() % 10), h = 14 + static_cast<int>(rng() % 10);
        const int x = static_cast<int>(rng() % (29 - w)), y = static_cast<int>(rng() % (29 - h));
        m(cv::Rect(x, y, w, h)).setTo(cv::Scalar(static_cast<double>(rng() % 256)));
      }
      imageRel = "images/" + id + ".png";
      if (!writePng((out / imageRel).string(), m, r.error)) return r;
    }
    // Audio: a take of the class name at a random offset and gain, noise at SNR in [-12, 18] dB.
    std::string audioRel;
    if (hasAudio) {
      const auto& take = takes[row.cls][rng() % takes[row.cls].size()];
      std::vector<float> wave(clip, 0.0f);
      const std::size_t len = std::min(take.size(), clip);
      const std::size_t offset = clip > len ? rng() % (clip - len + 1) : 0;
      const double gain = uniform(0.3, 1.0);
      double power = 0;
      for (std::size_t t = 0; t < len; ++t) {
        wave[offset + t] = static_cast<float>(take[t] * gain);
        power += wave[offset + t] * wave[offset + t];
      }
      const double snr = uniform(-12, 18);
      const double sigma = std::sqrt(power / static_cast<double>(clip) / std::pow(10.0, snr / 10.0));
      for (auto& v : wave) v = std::clamp(static_cast<float>(v + sigma * gauss(rng)), -1.0f, 1.0f);
      audioRel = "audio/" + id + ".flac";
      if (!writeFlac((out / audioRel).string(), wave, error)) {
        r.error = error;
        return r;
      }
    }
    // Title: 1-6 words; usually hints that include the true class (but also others), plus filler.
    std::string title;
    if (hasTitle) {
      std::vector<std::string> words;
      std::vector<std::size_t> hints;
      for (std::size_t h = 0; h < kHints.size(); ++h)
        if (std::find(kHints[h].second.begin(), kHints[h].second.end(), row.cls) != kHints[h].second.end()) hints.push_back(h);
      const int nHints = uniform(0, 1) < 0.25 ? 0 : (uniform(0, 1) < 0.7 ? 1 : 2);
      for (int k = 0; k < nHints && !hints.empty(); ++k) words.push_back(kHints[hints[rng() % hints.size()]].first);
      if (uniform(0, 1) < 0.3) words.push_back(kHints[rng() % kHints.size()].first);  // a misleading hint
      const int nFill = 1 + static_cast<int>(rng() % 3);
      for (int k = 0; k < nFill; ++k) words.push_back(kFiller[rng() % kFiller.size()]);
      std::shuffle(words.begin(), words.end(), rng);
      for (const auto& w : words) title += (title.empty() ? "" : " ") + w;
    }
    manifest << id << "," << imageRel << "," << audioRel << "," << csvEscape(title) << "," << csvEscape(kClasses[row.cls])
             << "," << row.split << ",fashion-mnist/train:" << row.source << "\n";
    if (counted && ((n + 1) % 50 == 0 || n + 1 == rows.size())) counted(speechSteps + n + 1, steps);
    if (progress && (n + 1) % 500 == 0) say("  " + std::to_string(n + 1) + " / " + std::to_string(rows.size()));
  }
  // The manifest and description last, each written whole or not at all: a dataset folder that has them is
  // complete.
  if (!writeFileAtomic((out / "manifest.csv").string(), manifest.str(), r.error)) return r;
  DatasetDescription d;
  d.name = "Fashion trimodal (example)";
  d.provenance = "Images: Fashion-MNIST training set (Debian package dataset-fashion-mnist; Zalando Research, MIT "
                 "licence), 40% degraded by noise or occlusion. Audio: class names spoken by espeak-ng with varied "
                 "voices, speed and pitch, mixed with white noise at SNR -12..18 dB. Text: synthetic product titles "
                 "whose words overlap across classes. Generated by `fusebench-cli data make-example`, " + settingsKey(o) + ".";
  d.sample_rate = kRate;
  d.columns = {{"id", ColumnRole::Id, TargetTask::Classification, {}, ";"},
               {"image", ColumnRole::Image, TargetTask::Classification, {}, ";"},
               {"audio", ColumnRole::Audio, TargetTask::Classification, {}, ";"},
               {"title", ColumnRole::Text, TargetTask::Classification, {}, ";"},
               {"label", ColumnRole::Target, TargetTask::Classification, kClasses, ";"},
               {"split", ColumnRole::Split, TargetTask::Classification, {}, ";"},
               {"source", ColumnRole::Ignore, TargetTask::Classification, {}, ";"}};
  if (!writeFileAtomic((out / "dataset.json").string(), descriptionToText(d), r.error) ||
      !writeFileAtomic(stamp.string(), settingsKey(o) + "\n", r.error))
    return r;
  r.ok = true;
  r.samples = rows.size();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace fusebench::data
