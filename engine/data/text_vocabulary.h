#pragma once
// Word-level tokenization and a vocabulary built from the training split only.
// Ids: 0 = padding, 1 = unknown, then words by decreasing frequency (ties alphabetical).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fusebench::data {

// Lower-cases ASCII letters and splits on anything that is not a letter, a digit or a non-ASCII byte
// (so UTF-8 words stay whole).
std::vector<std::string> tokenize(const std::string& text);

class TextVocabulary {
 public:
  static constexpr int64_t kPad = 0, kUnknown = 1;
  static TextVocabulary build(const std::vector<std::string>& texts, int64_t min_frequency, int64_t max_size);

  int64_t size() const { return static_cast<int64_t>(words_.size()) + 2; }
  int64_t id(const std::string& word) const;
  const std::string& word(int64_t id) const;
  // Token ids padded with 0 or cut to max_length; `length` receives the number of real tokens.
  std::vector<int64_t> encode(const std::string& text, int64_t max_length, int64_t* length = nullptr) const;

  nlohmann::json toJson() const;
  static TextVocabulary fromJson(const nlohmann::json& j);

 private:
  std::vector<std::string> words_;  // index i has id i + 2
  std::map<std::string, int64_t> ids_;
};

}  // namespace fusebench::data
