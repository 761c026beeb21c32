#include "data/text_vocabulary.h"

#include <algorithm>

namespace fusebench::data {

std::vector<std::string> legacyTokenize(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      cur += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

TextVocabulary TextVocabulary::fromCounts(const std::map<std::string, int64_t>& counts, int64_t min_frequency,
                                          int64_t max_size) {
  std::vector<std::pair<std::string, int64_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  TextVocabulary v;
  for (const auto& [w, n] : sorted) {
    if (n < min_frequency || v.size() >= max_size) break;
    v.ids_[w] = v.size();
    v.words_.push_back(w);
  }
  return v;
}

int64_t TextVocabulary::id(const std::string& word) const {
  auto it = ids_.find(word);
  return it == ids_.end() ? kUnknown : it->second;
}

const std::string& TextVocabulary::word(int64_t id) const {
  static const std::string pad = "<pad>", unk = "<unk>";
  if (id == kPad) return pad;
  if (id < 2 || id >= size()) return unk;
  return words_[static_cast<std::size_t>(id - 2)];
}

nlohmann::json TextVocabulary::toJson() const { return nlohmann::json{{"words", words_}}; }

TextVocabulary TextVocabulary::fromJson(const nlohmann::json& j) {
  TextVocabulary v;
  for (const auto& w : j.at("words")) {
    v.ids_[w.get<std::string>()] = v.size();
    v.words_.push_back(w.get<std::string>());
  }
  return v;
}

}  // namespace fusebench::data
