#pragma once
// WordPiece, the subword scheme of BERT and its kin, so that a pretrained text encoder gets the token ids
// its weights were trained with. Reads the model's vocab.txt (one piece per line; the line number is the id)
// and tokenizes as BERT does: drop control characters, split around CJK ideographs, on spaces and on
// punctuation, lower-case and strip accents for an uncased vocabulary, then split each word greedily into
// the longest pieces the vocabulary has ("pneumonia" -> "pneu", "##monia"); a word that cannot be split, or
// has more than 100 characters, is [UNK]. [CLS] and [SEP] are added around the text when the vocabulary
// has them. Checked against a reference in Python (tests/reference/make_text_golden.py).
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "data/text/unicode_text.h"

namespace fusebench::data {

struct CodePoint;  // a character with its bytes in the original text (wordpiece.cpp)

class WordPieceVocabulary {
 public:
  // One piece per line. `source` names the vocabulary in messages (its file). Refused: no [UNK] piece,
  // duplicates are kept at their first line (as BERT's loader does).
  static std::optional<WordPieceVocabulary> fromLines(const std::vector<std::string>& lines, const std::string& source,
                                                      std::string& error);
  static std::optional<WordPieceVocabulary> read(const std::string& path, std::string& error);

  // Pieces with their ids and byte spans in `text`; [CLS] and [SEP] (when present) have empty spans.
  std::vector<TextPiece> tokenize(const std::string& text) const;

  int64_t size() const { return static_cast<int64_t>(pieces_.size()); }
  int64_t unknownId() const { return unk_; }
  int64_t padId() const { return pad_; }  // -1 when the vocabulary has no [PAD]
  bool lowerCases() const { return lower_case_; }  // uncased: no piece (but [SPECIAL] ones) has an upper-case letter
  bool addsSpecialPieces() const { return cls_ >= 0 && sep_ >= 0; }
  const std::vector<std::string>& pieces() const { return pieces_; }

 private:
  void wordToPieces(const std::vector<CodePoint>& word, std::vector<TextPiece>& out) const;

  std::vector<std::string> pieces_;
  std::unordered_map<std::string, int64_t> ids_;
  int64_t unk_ = -1, pad_ = -1, cls_ = -1, sep_ = -1;
  bool lower_case_ = true;
};

}  // namespace fusebench::data
