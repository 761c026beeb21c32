#pragma once
// Planted text-only datasets where one key word decides the class, written without spaces in Chinese (the
// case the space-splitting tokenizer failed: test accuracy at chance) and with spaces in English. Three
// classes: 肺炎 / pneumonia, 骨折 / fracture, 正常 / normal; the key at a random place among filler words,
// fillers drawn from a pool that holds the keys' own characters (炎, 骨, 常, ...) so that no single
// character gives the class away.
#include <filesystem>
#include <string>
#include <vector>

namespace fusebench::testing {

struct PlantedNote {
  int label = 0;
  std::string text;
  std::size_t key_begin = 0, key_end = 0;  // the key word's bytes in text
};

// Writes dataset.json and manifest.csv (columns id, note, label) into dir.
std::vector<PlantedNote> writeClinicalNotes(const std::filesystem::path& dir, int samples, unsigned seed, bool chinese);

}  // namespace fusebench::testing
