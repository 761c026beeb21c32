#include "clinical_notes_dataset.h"

#include <fstream>
#include <random>

namespace fusebench::testing {

namespace {

const std::vector<std::string> kChineseKeys = {"肺炎", "骨折", "正常"};
// Single characters and common words of reports; the keys' characters among them.
const std::vector<std::string> kChineseFillers = {"报", "告", "未", "今", "上", "度", "异", "影", "结", "轻", "炎", "骨",
                                                  "常", "正", "肺", "折", "患者", "检查", "右侧", "左侧", "可见", "建议",
                                                  "复查", "胸部", "提示", "明显"};
const std::vector<std::string> kEnglishKeys = {"pneumonia", "fracture", "normal"};
const std::vector<std::string> kEnglishFillers = {"patient", "report", "shows", "mild", "right", "left", "chest", "review",
                                                  "suggest", "follow", "up", "no", "change", "lung", "bone", "film"};
const char* kClasses[] = {"pneumonia", "fracture", "normal"};

// Every key appears once in all, and that is the sample's own key at `at` (no "正" + "常" by chance).
bool onlyKeyAt(const std::string& text, const std::vector<std::string>& keys, int label, std::size_t at) {
  for (std::size_t k = 0; k < keys.size(); ++k)
    for (std::size_t pos = text.find(keys[k]); pos != std::string::npos; pos = text.find(keys[k], pos + 1))
      if (static_cast<int>(k) != label || pos != at) return false;
  return text.find(keys[static_cast<std::size_t>(label)]) == at;
}

}  // namespace

std::vector<PlantedNote> writeClinicalNotes(const std::filesystem::path& dir, int samples, unsigned seed, bool chinese) {
  std::filesystem::create_directories(dir);
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  const auto& keys = chinese ? kChineseKeys : kEnglishKeys;
  const auto& fillers = chinese ? kChineseFillers : kEnglishFillers;
  const std::string sep = chinese ? "" : " ";
  std::ofstream(dir / "dataset.json") << R"({
  "format": "fusebench-dataset", "version": 1, "name": "planted-notes", "manifest": "manifest.csv",
  "columns": [
    {"name": "id", "role": "id"}, {"name": "note", "role": "text"},
    {"name": "label", "role": "target", "task": "classification", "classes": ["pneumonia", "fracture", "normal"]}
  ]
})";
  std::ofstream manifest(dir / "manifest.csv");
  manifest << "id,note,label\n";
  std::vector<PlantedNote> out;
  for (int i = 0; i < samples; ++i) {
    PlantedNote n;
    n.label = i % 3;
    // Fillers before and after the key, drawn again until no other key appears by chance.
    std::string lead, trail;
    do {
      std::string before, after;
      const std::size_t count = 6 + pick(7), at = pick(count + 1);
      for (std::size_t w = 0; w < count; ++w) {
        std::string& side = w < at ? before : after;
        side += (side.empty() ? "" : sep) + fillers[pick(fillers.size())];
      }
      lead = before.empty() ? "" : before + sep, trail = after.empty() ? "" : sep + after;
      n.text = lead + keys[static_cast<std::size_t>(n.label)] + trail + (chinese ? "。" : ".");
    } while (!onlyKeyAt(n.text, keys, n.label, lead.size()));
    n.key_begin = lead.size(), n.key_end = lead.size() + keys[static_cast<std::size_t>(n.label)].size();
    manifest << "n" << i << "," << n.text << "," << kClasses[n.label] << "\n";
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace fusebench::testing
