#pragma once
// A vocabulary of words (or characters) built from the training split only.
// Ids: 0 = padding, 1 = unknown, then words by decreasing frequency (ties in byte order).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fusebench::data {

// The tokenizer of bundles made before ICU words (kept so they read their texts exactly as they were
// trained): lower-cases ASCII letters and splits on anything that is not a letter, a digit or a non-ASCII
// byte (so UTF-8 words stay whole, and a Chinese note is one "word").
std::vector<std::string> legacyTokenize(const std::string& text);

class TextVocabulary {
 public:
  static constexpr int64_t kPad = 0, kUnknown = 1;
  // Keeps words seen at least min_frequency times, the most frequent first, up to max_size ids in all.
  static TextVocabulary fromCounts(const std::map<std::string, int64_t>& counts, int64_t min_frequency,
                                   int64_t max_size);

  int64_t size() const { return static_cast<int64_t>(words_.size()) + 2; }
  int64_t id(const std::string& word) const;
  const std::string& word(int64_t id) const;

  nlohmann::json toJson() const;
  static TextVocabulary fromJson(const nlohmann::json& j);

 private:
  std::vector<std::string> words_;  // index i has id i + 2
  std::map<std::string, int64_t> ids_;
};

}  // namespace fusebench::data
