#pragma once
// How an input.text node turns a note into token ids: the node's `tokenizer` parameter chooses
//   words       ICU words (UAX #29 with dictionaries for Chinese, Japanese, Thai...), NFKC + case folded,
//               and a vocabulary of the training split's most frequent words (the default);
//   characters  every character (grapheme) but spaces and punctuation, with a vocabulary as for words;
//   subwords    a SentencePiece model (unigram or BPE) learned from the training split, vocab_size pieces,
//               none across an ICU word boundary;
//   sentencepiece, wordpiece  a pretrained model's own vocabulary (`vocabulary_file`: a SentencePiece .model
//               or a BERT vocab.txt), so ids match a pretrained text encoder's weights.
// Ids 0 = padding (the token mask is ids != 0) and, for vocabularies made here, 1 = unknown. The fitted
// tokenizer travels in the bundle whole (vocabulary, model bytes), so a bundle needs no other file.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/text/subword_model.h"
#include "data/text/unicode_text.h"
#include "data/text/wordpiece.h"
#include "data/text_vocabulary.h"

namespace fusebench::data {

enum class TokenizerKind { Words, Characters, Subwords, SentencePiece, WordPiece, LegacyWords };
const char* tokenizerName(TokenizerKind k);

struct TokenizerSettings {
  TokenizerKind kind = TokenizerKind::Words;
  int64_t vocab_size = 10000;     // the input's vocabulary (embedding rows), padding and unknown included
  int64_t min_frequency = 1;      // words, characters
  std::string subword_type = "unigram";
  std::string vocabulary_file;    // sentencepiece, wordpiece: the file, resolved
  // From an input.text node's resolved parameters; relative files from `base_dir` (the project's folder).
  static std::optional<TokenizerSettings> fromParams(const nlohmann::json& params, const std::string& base_dir,
                                                     std::string& error);
};

class TextTokenizer {
 public:
  // Learns what must come from the training split (vocabulary, subword model) or reads the pretrained file.
  static std::optional<TextTokenizer> fit(const TokenizerSettings& settings, const std::vector<std::string>& train_texts,
                                          std::string& error);
  // Bundles written before the tokenizer parameter: the old ASCII tokenizer and its vocabulary.
  static TextTokenizer legacy(TextVocabulary vocabulary);

  // The pieces the model reads, at most max_length (a WordPiece text keeps its closing [SEP]), each with its
  // id and its span in `text` (spaces around it excluded).
  std::vector<TextPiece> tokens(const std::string& text, int64_t max_length) const;
  // Token ids padded with 0 or cut to max_length; `length` receives the number of real tokens and `has_text`
  // whether the whole text held any (hasTokens, without tokenizing twice).
  std::vector<int64_t> encode(const std::string& text, int64_t max_length, int64_t* length = nullptr,
                              bool* has_text = nullptr) const;
  // Whether a text yields any piece at all (an empty note is reported, not trained on silently).
  bool hasTokens(const std::string& text) const;

  TokenizerKind kind() const { return kind_; }
  int64_t size() const;       // ids in use: 0 .. size() - 1
  int64_t unknownId() const;  // what token dropout writes and unknown pieces read as
  bool isKnown(const TextPiece& p) const { return p.id != unknownId(); }
  std::string describe() const;  // for the log: "ICU words, 812 in the vocabulary"
  // Things the user should know (a pretrained vocabulary whose id 0 is not padding, for one).
  const std::vector<std::string>& warnings() const { return warnings_; }

  nlohmann::json toJson() const;
  static std::optional<TextTokenizer> fromJson(const nlohmann::json& j, std::string& error);

 private:
  std::vector<TextPiece> allPieces(const std::string& text) const;
  std::vector<TextPiece> truncated(std::vector<TextPiece> pieces, int64_t max_length) const;

  TokenizerKind kind_ = TokenizerKind::Words;
  TextVocabulary vocabulary_;                 // words, characters, legacy words
  std::optional<SubwordModel> subwords_;      // subwords, sentencepiece
  std::optional<WordPieceVocabulary> wordpiece_;
  std::string source_;                        // a pretrained vocabulary's file name
  std::string subword_type_;
  std::vector<std::string> warnings_;
};

}  // namespace fusebench::data
