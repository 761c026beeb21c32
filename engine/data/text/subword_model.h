#pragma once
// Subword pieces through SentencePiece (Debian's libsentencepiece-dev): a unigram or BPE model trained on
// the training split's texts, or a pretrained model file (a .model, the format SentencePiece writes), so
// rare words and misspellings are read as pieces of known words instead of "unknown", and languages
// without spaces need no word list. Models trained here use Fusebench's ids (0 = padding, 1 = unknown) and
// NFKC with case folding (SentencePiece's nmt_nfkc_cf rule); a pretrained file keeps its own ids.
// SentencePiece itself lives in a module loaded on first use (sentencepiece_api.h says why); where the module
// cannot be loaded, every call says so in its error.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/text/unicode_text.h"

namespace fusebench::data {

struct SubwordTraining {
  int64_t vocab_size = 8000;    // the most pieces (a soft limit: small data gets fewer)
  std::string type = "unigram";  // unigram | bpe
  uint32_t seed = 17;           // SentencePiece's sampling of sentences and pieces
};

class SubwordModel {
 public:
  // Deterministic for the same texts, settings and seed (training is serialized: SentencePiece's seed is
  // process-wide).
  static std::optional<SubwordModel> train(const std::vector<std::string>& texts, const SubwordTraining& how,
                                           std::string& error);
  // `serialized`: a model file's bytes; `source` names it in messages.
  static std::optional<SubwordModel> load(const std::string& serialized, const std::string& source, std::string& error);
  static std::optional<SubwordModel> read(const std::string& path, std::string& error);

  // Pieces with their ids and byte spans in `text` (SentencePiece tracks them through its normalization).
  std::vector<TextPiece> tokenize(const std::string& text) const;

  int64_t size() const;
  int64_t unknownId() const;
  int64_t padId() const;  // -1 when the model has none
  std::string piece(int64_t id) const;
  const std::string& serialized() const { return serialized_; }

 private:
  std::shared_ptr<const void> sp_;  // a SentencePieceProcessor in the module; encoding is thread-safe
  std::string serialized_;
};

}  // namespace fusebench::data
