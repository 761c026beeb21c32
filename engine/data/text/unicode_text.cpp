#include "data/text/unicode_text.h"

#include <memory>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace fusebench::data {

namespace {

// Break iterators are costly to make (the dictionaries load once per process) and not thread-safe to share:
// one clone per thread of a prototype made once.
enum class Breaks { Words, Characters };

icu::BreakIterator* breakIterator(Breaks kind) {
  thread_local std::unique_ptr<icu::BreakIterator> words, characters;
  auto& slot = kind == Breaks::Words ? words : characters;
  if (!slot) {
    UErrorCode status = U_ZERO_ERROR;
    slot.reset(kind == Breaks::Words ? icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status)
                                     : icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) slot.reset();
  }
  return slot.get();
}

// Segments into [begin, end) byte spans and keeps those `keep` accepts. ICU reads the UTF-8 in place
// (UText), so its boundaries are byte offsets of the original text.
template <class Keep>
std::vector<TextPiece> segments(const std::string& utf8, Breaks kind, Keep keep) {
  std::vector<TextPiece> out;
  icu::BreakIterator* it = breakIterator(kind);
  if (!it || utf8.empty()) return out;
  UErrorCode status = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  if (U_FAILURE(status)) return out;
  it->setText(text, status);
  if (U_SUCCESS(status)) {
    int32_t begin = it->first();
    for (int32_t end = it->next(); end != icu::BreakIterator::DONE; begin = end, end = it->next()) {
      if (!keep(*it, utf8, begin, end)) continue;
      TextPiece p;
      p.begin = static_cast<std::size_t>(begin), p.end = static_cast<std::size_t>(end);
      p.key = normalizeForLookup(utf8.substr(p.begin, p.end - p.begin));
      out.push_back(std::move(p));
    }
  }
  // The iterator must not keep pointing at the UText closed here.
  icu::UnicodeString empty;
  it->setText(empty);
  utext_close(text);
  return out;
}

UChar32 firstCodePoint(const std::string& s, int32_t begin, int32_t end) {
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), begin, end, c);
  return c;
}

}  // namespace

std::string normalizeForLookup(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return utf8;
  const icu::UnicodeString folded = nfkc_cf->normalize(icu::UnicodeString::fromUTF8(utf8), status);
  if (U_FAILURE(status)) return utf8;
  std::string out;
  folded.toUTF8String(out);
  return out;
}

std::vector<TextPiece> wordPieces(const std::string& utf8) {
  // Rule status UBRK_WORD_NONE ([0, 100)) marks spaces and punctuation; numbers, letters, kana and
  // ideographs have their own ranges above it.
  return segments(utf8, Breaks::Words, [](icu::BreakIterator& it, const std::string&, int32_t, int32_t) {
    return it.getRuleStatus() >= UBRK_WORD_NONE_LIMIT;
  });
}

std::vector<std::size_t> wordBoundaries(const std::string& utf8) {
  std::vector<std::size_t> out{0};
  for (const auto& p : segments(utf8, Breaks::Words, [](icu::BreakIterator&, const std::string&, int32_t, int32_t) { return true; }))
    out.push_back(p.end);
  if (out.back() != utf8.size()) out.push_back(utf8.size());
  return out;
}

std::vector<TextPiece> characterPieces(const std::string& utf8) {
  return segments(utf8, Breaks::Characters, [](icu::BreakIterator&, const std::string& s, int32_t b, int32_t e) {
    const UChar32 c = firstCodePoint(s, b, e);
    return c >= 0 && !u_isUWhiteSpace(c) && !u_ispunct(c) && !u_iscntrl(c);
  });
}

}  // namespace fusebench::data
