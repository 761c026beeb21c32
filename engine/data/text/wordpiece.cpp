#include "data/text/wordpiece.h"

#include <sstream>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "util/files.h"

namespace fusebench::data {

// One character of the text being tokenized, with the bytes of the original text it came from (accent
// stripping and lower-casing keep the source of every character they produce).
struct CodePoint {
  UChar32 c;
  std::size_t begin, end;
};

namespace {

constexpr std::size_t kMaxWordCharacters = 100;  // BERT's max_input_chars_per_word

bool isBertWhitespace(UChar32 c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || u_charType(c) == U_SPACE_SEPARATOR;
}
bool isBertControl(UChar32 c) {
  if (c == '\t' || c == '\n' || c == '\r') return false;
  const int8_t t = u_charType(c);  // Unicode general categories C*: Cc, Cf, Cn, Co, Cs
  return t == U_CONTROL_CHAR || t == U_FORMAT_CHAR || t == U_UNASSIGNED || t == U_PRIVATE_USE_CHAR ||
         t == U_SURROGATE;
}
bool isBertPunctuation(UChar32 c) {
  // BERT counts every non-letter, non-number ASCII character as punctuation ("$", "^", "`"), and P* elsewhere.
  if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) return true;
  return u_ispunct(c);
}
bool isCjkIdeograph(UChar32 c) {  // the blocks BERT's _is_chinese_char lists
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
         (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

std::string utf8Of(const std::vector<CodePoint>& cps, std::size_t from, std::size_t to) {
  icu::UnicodeString u;
  for (std::size_t i = from; i < to; ++i) u.append(cps[i].c);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Clean, split on spaces and around ideographs: BERT's basic tokenizer up to the punctuation split.
std::vector<std::vector<CodePoint>> spaceSeparatedWords(const std::string& text) {
  std::vector<std::vector<CodePoint>> words(1);
  auto flush = [&] {
    if (!words.back().empty()) words.emplace_back();
  };
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    const auto begin = static_cast<std::size_t>(i);
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c <= 0 || c == 0xFFFD || isBertControl(c)) continue;  // invalid bytes, NUL, U+FFFD, controls vanish
    const CodePoint cp{c, begin, static_cast<std::size_t>(i)};
    if (isBertWhitespace(c)) {
      flush();
    } else if (isCjkIdeograph(c)) {
      flush();
      words.back().push_back(cp);
      flush();
    } else {
      words.back().push_back(cp);
    }
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

// Lower-case and strip accents (NFD, then no non-spacing marks), each character separately so that every
// character that comes out keeps its source.
std::vector<CodePoint> uncased(const std::vector<CodePoint>& word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  std::vector<CodePoint> out;
  for (const auto& cp : word) {
    icu::UnicodeString one(u_tolower(cp.c));
    if (nfd && U_SUCCESS(status)) one = nfd->normalize(one, status);
    for (int32_t k = 0; k < one.length();) {
      const UChar32 c = one.char32At(k);
      k += U16_LENGTH(c);
      if (u_charType(c) != U_NON_SPACING_MARK) out.push_back({c, cp.begin, cp.end});
    }
  }
  return out;
}

std::vector<std::vector<CodePoint>> splitOnPunctuation(const std::vector<CodePoint>& word) {
  std::vector<std::vector<CodePoint>> out;
  bool start_new = true;
  for (const auto& cp : word) {
    if (isBertPunctuation(cp.c)) {
      out.push_back({cp});
      start_new = true;
    } else {
      if (start_new) out.emplace_back();
      start_new = false;
      out.back().push_back(cp);
    }
  }
  return out;
}

bool isSpecialPiece(const std::string& p) { return p.size() > 2 && p.front() == '[' && p.back() == ']'; }

}  // namespace

std::optional<WordPieceVocabulary> WordPieceVocabulary::fromLines(const std::vector<std::string>& lines,
                                                                  const std::string& source, std::string& error) {
  WordPieceVocabulary v;
  bool any_upper = false;
  for (std::string line : lines) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    const auto id = static_cast<int64_t>(v.pieces_.size());
    v.ids_.emplace(line, id);
    if (!isSpecialPiece(line))
      for (char ch : line) any_upper |= ch >= 'A' && ch <= 'Z';
    v.pieces_.push_back(std::move(line));
  }
  auto idOf = [&](const char* piece) {
    auto it = v.ids_.find(piece);
    return it == v.ids_.end() ? int64_t{-1} : it->second;
  };
  v.unk_ = idOf("[UNK]"), v.pad_ = idOf("[PAD]"), v.cls_ = idOf("[CLS]"), v.sep_ = idOf("[SEP]");
  v.lower_case_ = !any_upper;
  if (v.pieces_.empty()) {
    error = source + ": the WordPiece vocabulary is empty";
    return std::nullopt;
  }
  if (v.unk_ < 0) {
    error = source + ": not a WordPiece vocabulary (no line reads [UNK]; " + std::to_string(v.pieces_.size()) +
            " lines)";
    return std::nullopt;
  }
  return v;
}

std::optional<WordPieceVocabulary> WordPieceVocabulary::read(const std::string& path, std::string& error) {
  std::string text;
  if (!readWholeFile(path, text, error)) {
    error = "cannot open the WordPiece vocabulary '" + path + "'";
    return std::nullopt;
  }
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  return fromLines(lines, path, error);
}

void WordPieceVocabulary::wordToPieces(const std::vector<CodePoint>& word, std::vector<TextPiece>& out) const {
  auto unknown = [&] { out.push_back({pieces_[static_cast<std::size_t>(unk_)], word.front().begin, word.back().end, unk_}); };
  if (word.size() > kMaxWordCharacters) return unknown();
  std::vector<TextPiece> pieces;
  for (std::size_t start = 0; start < word.size();) {
    // The longest piece from `start` the vocabulary has; continuations are spelled with "##".
    std::size_t end = word.size();
    int64_t found = -1;
    for (; end > start; --end) {
      const std::string piece = (start > 0 ? "##" : "") + utf8Of(word, start, end);
      auto it = ids_.find(piece);
      if (it != ids_.end()) {
        found = it->second;
        break;
      }
    }
    if (found < 0) return unknown();  // BERT makes the whole word [UNK], not just the rest
    pieces.push_back({pieces_[static_cast<std::size_t>(found)], word[start].begin, word[end - 1].end, found});
    start = end;
  }
  out.insert(out.end(), pieces.begin(), pieces.end());
}

std::vector<TextPiece> WordPieceVocabulary::tokenize(const std::string& text) const {
  std::vector<TextPiece> out;
  if (addsSpecialPieces()) out.push_back({pieces_[static_cast<std::size_t>(cls_)], 0, 0, cls_});
  for (const auto& spaced : spaceSeparatedWords(text))
    for (const auto& word : splitOnPunctuation(lower_case_ ? uncased(spaced) : spaced))
      if (!word.empty()) wordToPieces(word, out);
  if (addsSpecialPieces()) out.push_back({pieces_[static_cast<std::size_t>(sep_)], text.size(), text.size(), sep_});
  return out;
}

}  // namespace fusebench::data
