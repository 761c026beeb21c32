#pragma once
// Unicode-aware pieces of text for the tokenizers, on ICU (the library Qt itself uses; Debian's libicu-dev).
// Words follow ICU's word break rules (UAX #29), with dictionaries for languages written without spaces
// (Chinese, Japanese, Thai, Khmer, Lao, Burmese). Every piece keeps its byte span in the original UTF-8
// text, so an explanation can show the words as they were written and join them back without inventing
// spaces; the key a vocabulary looks up is the piece after NFKC normalization and case folding.
#include <cstddef>
#include <string>
#include <vector>

namespace fusebench::data {

struct TextPiece {
  std::string key;         // what a vocabulary looks up (normalized), or a subword model's piece
  std::size_t begin = 0;   // byte span [begin, end) of the original text; begin == end: a piece the
  std::size_t end = 0;     //   tokenizer added (BERT's [CLS] and [SEP])
  long long id = -1;       // filled in by tokenizers that give ids themselves (subword models, WordPiece)
};

// NFKC normalization and Unicode case folding (ICU's NFKC_Casefold): "Ｆｕｌｌ-width" and "full-width",
// "Straße" and "strasse", "ﬁ" and "fi" meet. Invalid UTF-8 comes back with U+FFFD in place.
std::string normalizeForLookup(const std::string& utf8);

// The words of a text (letters, numbers, ideographs, kana; spaces and punctuation between them dropped).
std::vector<TextPiece> wordPieces(const std::string& utf8);

// Every word boundary ICU finds (0 and the text's size included), between words and around spaces and
// punctuation alike.
std::vector<std::size_t> wordBoundaries(const std::string& utf8);

// The user-perceived characters (grapheme clusters) that are not spaces or punctuation.
std::vector<TextPiece> characterPieces(const std::string& utf8);

}  // namespace fusebench::data
