#include "data/text/text_tokenizer.h"

#include <filesystem>

#include "util/base64.h"

namespace fusebench::data {

namespace {

struct KindName {
  TokenizerKind kind;
  const char* name;
};
constexpr KindName kKinds[] = {{TokenizerKind::Words, "words"},           {TokenizerKind::Characters, "characters"},
                               {TokenizerKind::Subwords, "subwords"},     {TokenizerKind::SentencePiece, "sentencepiece"},
                               {TokenizerKind::WordPiece, "wordpiece"},   {TokenizerKind::LegacyWords, "legacy_words"}};

bool kindFromName(const std::string& name, TokenizerKind& kind) {
  for (const auto& k : kKinds)
    if (name == k.name) return kind = k.kind, true;
  return false;
}

bool isSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// SentencePiece counts the space before a word into the word's piece ("▁lung" spans " lung"): spans shown to
// the user cover the written word only.
void trimSpan(const std::string& text, TextPiece& p) {
  while (p.begin < p.end && p.begin < text.size() && isSpaceByte(text[p.begin])) ++p.begin;
  while (p.end > p.begin && isSpaceByte(text[p.end - 1])) --p.end;
}

std::vector<TextPiece> legacyPieces(const std::string& text) {
  // The old tokenizer kept no positions: find each word again, in order (it lower-cased ASCII only).
  std::vector<TextPiece> out;
  std::string lowered = text;
  for (auto& ch : lowered) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::size_t from = 0;
  for (auto& w : legacyTokenize(text)) {
    const std::size_t at = lowered.find(w, from);
    TextPiece p{w, at == std::string::npos ? from : at, 0, -1};
    p.end = at == std::string::npos ? from : at + w.size();
    from = p.end;
    out.push_back(std::move(p));
  }
  return out;
}

// Subwords learned here never span two words: SentencePiece splits at spaces only, and a Chinese note has
// none, so its pieces would glue the end of one word to the next ("肺炎今" learned as one piece, and then
// "肺炎" elsewhere is another). The text goes to SentencePiece with a space at every ICU word boundary that
// has none; `origin` maps each byte back to the original text (inserted spaces: npos).
struct WordSeparated {
  std::string text;
  std::vector<std::size_t> origin;
};

WordSeparated separateWords(const std::string& text) {
  WordSeparated w;
  const auto bounds = wordBoundaries(text);
  for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
    const std::size_t b = bounds[k], e = bounds[k + 1];
    if (!w.text.empty() && !isSpaceByte(w.text.back()) && !isSpaceByte(text[b])) {
      w.text += ' ';
      w.origin.push_back(std::string::npos);
    }
    for (std::size_t i = b; i < e; ++i) w.text += text[i], w.origin.push_back(i);
  }
  return w;
}

// A piece's span in the separated text as a span of the original (empty where it holds inserted spaces only).
void mapBack(const WordSeparated& w, TextPiece& p) {
  std::size_t begin = std::string::npos, last = std::string::npos;
  for (std::size_t i = p.begin; i < p.end && i < w.origin.size(); ++i) {
    if (w.origin[i] == std::string::npos) continue;
    if (begin == std::string::npos) begin = w.origin[i];
    last = w.origin[i];
  }
  if (begin == std::string::npos) {  // the next original byte, as an empty span
    std::size_t at = p.end;
    while (at < w.origin.size() && w.origin[at] == std::string::npos) ++at;
    p.begin = p.end = at < w.origin.size() ? w.origin[at] : (w.origin.empty() ? 0 : w.origin.back() + 1);
    return;
  }
  p.begin = begin, p.end = last + 1;
}

std::string fileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace

const char* tokenizerName(TokenizerKind k) {
  for (const auto& n : kKinds)
    if (n.kind == k) return n.name;
  return "?";
}

std::optional<TokenizerSettings> TokenizerSettings::fromParams(const nlohmann::json& params, const std::string& base_dir,
                                                               std::string& error) {
  TokenizerSettings s;
  const std::string name = params.value("tokenizer", std::string("words"));
  if (!kindFromName(name, s.kind) || s.kind == TokenizerKind::LegacyWords) {
    error = "unknown tokenizer '" + name + "' (words, characters, subwords, sentencepiece or wordpiece)";
    return std::nullopt;
  }
  s.vocab_size = params.value("vocab_size", int64_t{10000});
  s.min_frequency = params.value("min_frequency", int64_t{1});
  s.subword_type = params.value("subword_type", std::string("unigram"));
  const std::string file = params.value("vocabulary_file", std::string());
  if (s.kind == TokenizerKind::SentencePiece || s.kind == TokenizerKind::WordPiece) {
    if (file.empty()) {
      error = std::string("the ") + name + " tokenizer reads a pretrained vocabulary: set vocabulary_file (" +
              (s.kind == TokenizerKind::WordPiece ? "a BERT vocab.txt" : "a SentencePiece .model file") + ")";
      return std::nullopt;
    }
    const std::filesystem::path p(file);
    s.vocabulary_file = p.is_absolute() || base_dir.empty() ? file : (std::filesystem::path(base_dir) / p).string();
  }
  return s;
}

std::optional<TextTokenizer> TextTokenizer::fit(const TokenizerSettings& s, const std::vector<std::string>& train_texts,
                                                std::string& error) {
  TextTokenizer t;
  t.kind_ = s.kind;
  switch (s.kind) {
    case TokenizerKind::Words:
    case TokenizerKind::Characters:
    case TokenizerKind::LegacyWords: {
      std::map<std::string, int64_t> counts;
      for (const auto& text : train_texts) {
        if (s.kind == TokenizerKind::LegacyWords) {
          for (auto& w : legacyTokenize(text)) counts[w]++;
        } else {
          for (auto& p : s.kind == TokenizerKind::Words ? wordPieces(text) : characterPieces(text)) counts[p.key]++;
        }
      }
      t.vocabulary_ = TextVocabulary::fromCounts(counts, s.min_frequency, s.vocab_size);
      return t;
    }
    case TokenizerKind::Subwords: {
      t.subword_type_ = s.subword_type;
      std::vector<std::string> separated;
      separated.reserve(train_texts.size());
      for (const auto& text : train_texts) separated.push_back(separateWords(text).text);
      t.subwords_ = SubwordModel::train(separated, {s.vocab_size, s.subword_type, 17}, error);
      if (!t.subwords_) return std::nullopt;
      return t;
    }
    case TokenizerKind::SentencePiece:
      t.subwords_ = SubwordModel::read(s.vocabulary_file, error);
      if (!t.subwords_) return std::nullopt;
      break;
    case TokenizerKind::WordPiece:
      t.wordpiece_ = WordPieceVocabulary::read(s.vocabulary_file, error);
      if (!t.wordpiece_) return std::nullopt;
      break;
  }
  // A pretrained vocabulary: its ids are the embedding's rows.
  t.source_ = fileName(s.vocabulary_file);
  if (t.size() > s.vocab_size) {
    error = s.vocabulary_file + " has " + std::to_string(t.size()) + " pieces: set the text input's vocab_size to at least " +
            std::to_string(t.size());
    return std::nullopt;
  }
  const int64_t pad = t.subwords_ ? t.subwords_->padId() : t.wordpiece_->padId();
  if (pad != 0) {
    const std::string zero = t.subwords_ ? t.subwords_->piece(0) : t.wordpiece_->pieces().front();
    t.warnings_.push_back(t.source_ + ": id 0 is '" + zero + "', not padding; Fusebench pads with id 0 and masks it, "
                          "so a '" + zero + "' in a text is read as padding");
  }
  return t;
}

TextTokenizer TextTokenizer::legacy(TextVocabulary vocabulary) {
  TextTokenizer t;
  t.kind_ = TokenizerKind::LegacyWords;
  t.vocabulary_ = std::move(vocabulary);
  return t;
}

std::vector<TextPiece> TextTokenizer::allPieces(const std::string& text) const {
  std::vector<TextPiece> pieces;
  switch (kind_) {
    case TokenizerKind::Words: pieces = wordPieces(text); break;
    case TokenizerKind::Characters: pieces = characterPieces(text); break;
    case TokenizerKind::LegacyWords: pieces = legacyPieces(text); break;
    case TokenizerKind::Subwords: {
      const auto separated = separateWords(text);
      pieces = subwords_->tokenize(separated.text);
      for (auto& p : pieces) mapBack(separated, p);
      break;
    }
    case TokenizerKind::SentencePiece: pieces = subwords_->tokenize(text); break;
    case TokenizerKind::WordPiece: pieces = wordpiece_->tokenize(text); break;
  }
  for (auto& p : pieces) {
    if (p.id < 0) p.id = vocabulary_.id(p.key);
    trimSpan(text, p);
  }
  return pieces;
}

namespace {
bool anyText(const std::vector<TextPiece>& pieces) {
  for (const auto& p : pieces)
    if (p.end > p.begin) return true;  // [CLS]/[SEP] alone are not a text
  return false;
}
}  // namespace

std::vector<TextPiece> TextTokenizer::truncated(std::vector<TextPiece> pieces, int64_t max_length) const {
  const auto limit = static_cast<std::size_t>(std::max<int64_t>(0, max_length));
  if (pieces.size() > limit) {
    const bool keep_last = kind_ == TokenizerKind::WordPiece && wordpiece_->addsSpecialPieces() && limit > 1;
    TextPiece last = pieces.back();
    pieces.resize(limit);
    if (keep_last) pieces.back() = last;  // [SEP] closes the text as BERT was trained
  }
  return pieces;
}

std::vector<TextPiece> TextTokenizer::tokens(const std::string& text, int64_t max_length) const {
  return truncated(allPieces(text), max_length);
}

std::vector<int64_t> TextTokenizer::encode(const std::string& text, int64_t max_length, int64_t* length,
                                           bool* has_text) const {
  std::vector<int64_t> ids(static_cast<std::size_t>(std::max<int64_t>(0, max_length)), TextVocabulary::kPad);
  auto pieces = allPieces(text);
  if (has_text) *has_text = anyText(pieces);
  pieces = truncated(std::move(pieces), max_length);
  for (std::size_t i = 0; i < pieces.size(); ++i) ids[i] = pieces[i].id;
  if (length) *length = static_cast<int64_t>(pieces.size());
  return ids;
}

bool TextTokenizer::hasTokens(const std::string& text) const { return anyText(allPieces(text)); }

int64_t TextTokenizer::size() const {
  if (subwords_) return subwords_->size();
  if (wordpiece_) return wordpiece_->size();
  return vocabulary_.size();
}

int64_t TextTokenizer::unknownId() const {
  if (subwords_) return subwords_->unknownId();
  if (wordpiece_) return wordpiece_->unknownId();
  return TextVocabulary::kUnknown;
}

std::string TextTokenizer::describe() const {
  const std::string n = std::to_string(size());
  switch (kind_) {
    case TokenizerKind::Words: return "ICU words, " + n + " ids (padding and unknown included)";
    case TokenizerKind::Characters: return "characters, " + n + " ids (padding and unknown included)";
    case TokenizerKind::LegacyWords: return "words split on ASCII punctuation (a bundle made before ICU words), " + n + " ids";
    case TokenizerKind::Subwords: return "SentencePiece " + subword_type_ + " subwords learned from the training split, " + n + " pieces";
    case TokenizerKind::SentencePiece: return "SentencePiece model " + source_ + ", " + n + " pieces";
    case TokenizerKind::WordPiece:
      return "WordPiece vocabulary " + source_ + ", " + n + " pieces" + (wordpiece_->lowerCases() ? " (uncased)" : " (cased)");
  }
  return n;
}

nlohmann::json TextTokenizer::toJson() const {
  nlohmann::json j{{"kind", tokenizerName(kind_)}};
  if (subwords_) j["model"] = util::toBase64(subwords_->serialized());
  else if (wordpiece_) j["pieces"] = wordpiece_->pieces();
  else j["words"] = vocabulary_.toJson()["words"];
  if (!source_.empty()) j["source"] = source_;
  if (!subword_type_.empty()) j["subword_type"] = subword_type_;
  if (!warnings_.empty()) j["warnings"] = warnings_;
  return j;
}

std::optional<TextTokenizer> TextTokenizer::fromJson(const nlohmann::json& j, std::string& error) {
  TextTokenizer t;
  const std::string kind = j.value("kind", std::string());
  if (!kindFromName(kind, t.kind_)) {
    error = "unknown tokenizer '" + kind + "'";
    return std::nullopt;
  }
  t.source_ = j.value("source", std::string());
  t.subword_type_ = j.value("subword_type", std::string());
  if (j.contains("warnings")) t.warnings_ = j["warnings"].get<std::vector<std::string>>();
  if (j.contains("model")) {
    const auto bytes = util::fromBase64(j["model"].get<std::string>());
    if (!bytes) {
      error = "the tokenizer's subword model is not valid base64";
      return std::nullopt;
    }
    t.subwords_ = SubwordModel::load(*bytes, "the bundle's subword model", error);
    if (!t.subwords_) return std::nullopt;
  } else if (j.contains("pieces")) {
    t.wordpiece_ = WordPieceVocabulary::fromLines(j["pieces"].get<std::vector<std::string>>(), "the bundle's WordPiece vocabulary", error);
    if (!t.wordpiece_) return std::nullopt;
  } else {
    t.vocabulary_ = TextVocabulary::fromJson(j);
  }
  const bool needs_model = t.kind_ == TokenizerKind::Subwords || t.kind_ == TokenizerKind::SentencePiece;
  if ((needs_model && !t.subwords_) || (t.kind_ == TokenizerKind::WordPiece && !t.wordpiece_)) {
    error = "the " + kind + " tokenizer's model is missing from the bundle";
    return std::nullopt;
  }
  return t;
}

}  // namespace fusebench::data
