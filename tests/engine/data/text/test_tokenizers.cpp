// Tokenizers: ICU words and characters against ICU's documented behaviour (UAX #29 with dictionary
// segmentation for Chinese, Japanese and Thai), SentencePiece against the same library driven from Python
// with the same options, WordPiece against a reference written from BERT's tokenization.py
// (tests/reference/make_text_golden.py writes the goldens).
#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "data/text/text_tokenizer.h"
#include "util/base64.h"

using namespace fusebench::data;

namespace {

const std::string kGolden = std::string(FUSEBENCH_SOURCE_DIR) + "/tests/reference/golden/text/";

nlohmann::json golden(const std::string& name) {
  std::ifstream in(kGolden + name);
  EXPECT_TRUE(in) << kGolden + name;
  return nlohmann::json::parse(in);
}

std::vector<std::string> corpus() {
  std::ifstream in(kGolden + "corpus.txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> keys(const std::vector<TextPiece>& pieces) {
  std::vector<std::string> out;
  for (const auto& p : pieces) out.push_back(p.key);
  return out;
}

std::vector<std::string> surfaces(const std::string& text, const std::vector<TextPiece>& pieces) {
  std::vector<std::string> out;
  for (const auto& p : pieces) out.push_back(text.substr(p.begin, p.end - p.begin));
  return out;
}

std::vector<int64_t> ids(const std::vector<TextPiece>& pieces) {
  std::vector<int64_t> out;
  for (const auto& p : pieces) out.push_back(p.id);
  return out;
}

// Python gives SentencePiece's spans in characters, C++ in bytes.
std::size_t charactersBefore(const std::string& s, std::size_t byte) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < byte && i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

TokenizerSettings settings(TokenizerKind kind, int64_t vocab_size = 10000) {
  TokenizerSettings s;
  s.kind = kind;
  s.vocab_size = vocab_size;
  return s;
}

}  // namespace

TEST(UnicodeText, ChineseJapaneseAndThaiAreSegmentedByDictionary) {
  // ICU's dictionary-based break engines: CJ by the CJK dictionary, Thai by its own word list.
  EXPECT_EQ(keys(wordPieces("我们今天去公园散步。")), (std::vector<std::string>{"我们", "今天", "去", "公园", "散步"}));
  EXPECT_EQ(keys(wordPieces("今日は良い天気ですね")), (std::vector<std::string>{"今日", "は", "良い", "天気", "です", "ね"}));
  EXPECT_EQ(keys(wordPieces("สวัสดีครับ ผมชื่อสมชาย")),
            (std::vector<std::string>{"สวัสดี", "ครับ", "ผม", "ชื่อ", "สมชาย"}));
  EXPECT_EQ(keys(wordPieces("患者主诉咳嗽，右下肺可见斑片影，考虑肺炎。")).back(), "肺炎");
}

TEST(UnicodeText, MixedScriptKeepsNumbersAndContractionsAndDropsPunctuation) {
  const std::string text = "The CT shows 肺炎 (pneumonia), don't worry! 3.5 mg";
  const auto pieces = wordPieces(text);
  // UAX #29: "don't" and "3.5" are one word each (WB6/WB7, WB11/WB12); brackets, commas and spaces are none.
  EXPECT_EQ(keys(pieces), (std::vector<std::string>{"the", "ct", "shows", "肺炎", "pneumonia", "don't", "worry", "3.5", "mg"}));
  EXPECT_EQ(surfaces(text, pieces)[1], "CT");  // spans are the text as written
  EXPECT_EQ(surfaces(text, pieces)[3], "肺炎");
}

TEST(UnicodeText, KeysAreNfkcCaseFolded) {
  EXPECT_EQ(normalizeForLookup("Ｆｕｌｌ-Width"), "full-width");
  EXPECT_EQ(normalizeForLookup("Straße"), "strasse");
  EXPECT_EQ(normalizeForLookup("ﬁle"), "file");
  EXPECT_EQ(normalizeForLookup("e\xCC\x81"), "\xC3\xA9");  // e + combining acute composes to é
  EXPECT_EQ(keys(wordPieces("ＣＴ：肺炎")), (std::vector<std::string>{"ct", "肺炎"}));  // full-width letters and colon
}

TEST(UnicodeText, CharactersAreGraphemesWithoutSpacesOrPunctuation) {
  const std::string text = "肺炎, e\xCC\x81 ok!";
  const auto pieces = characterPieces(text);
  EXPECT_EQ(keys(pieces), (std::vector<std::string>{"肺", "炎", "\xC3\xA9", "o", "k"}));
  EXPECT_EQ(surfaces(text, pieces)[2], "e\xCC\x81");  // one user-perceived character, two code points
}

TEST(TextTokenizer, WordVocabularyFromTheTrainingSplitByFrequency) {
  std::string error;
  auto s = settings(TokenizerKind::Words, 5);
  auto t = TextTokenizer::fit(s, {"The cat, the CAT!", "a dog", "the bird"}, error);
  ASSERT_TRUE(t) << error;
  EXPECT_EQ(t->size(), 5);  // pad, unk + 3 words: the (3), cat (2), then "a" (byte-order tie-break)
  int64_t length = 0;
  EXPECT_EQ(t->encode("THE cat sat", 5, &length), (std::vector<int64_t>{2, 3, 1, 0, 0}));
  EXPECT_EQ(length, 3);
  EXPECT_EQ(t->encode("the the the the", 2), (std::vector<int64_t>{2, 2}));
  EXPECT_FALSE(t->hasTokens(" ... !"));
  bool has_text = true;
  t->encode(" ... !", 4, nullptr, &has_text);
  EXPECT_FALSE(has_text);
  t->encode("the cat sat", 1, nullptr, &has_text);  // judged on the whole text, before the cut
  EXPECT_TRUE(has_text);
  s.min_frequency = 2;
  EXPECT_EQ(TextTokenizer::fit(s, {"x y y"}, error)->size(), 3);
  auto back = TextTokenizer::fromJson(t->toJson(), error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->encode("cat the", 3), (std::vector<int64_t>{3, 2, 0}));
}

TEST(TextTokenizer, LegacyBundlesReadTheirTextsAsBefore) {
  EXPECT_EQ(legacyTokenize("Crème-brûlée, 2 pièces"), (std::vector<std::string>{"crème", "brûlée", "2", "pièces"}));
  EXPECT_EQ(legacyTokenize("don't 肺炎今天"), (std::vector<std::string>{"don", "t", "肺炎今天"}));
  std::string error;
  auto t = TextTokenizer::fit(settings(TokenizerKind::LegacyWords), {"don't stop", "stop"}, error);
  ASSERT_TRUE(t) << error;
  const std::string text = "Stop, DON'T";
  const auto pieces = t->tokens(text, 10);
  EXPECT_EQ(keys(pieces), (std::vector<std::string>{"stop", "don", "t"}));
  EXPECT_EQ(surfaces(text, pieces), (std::vector<std::string>{"Stop", "DON", "T"}));
}

TEST(TextTokenizer, ChineseNotesBecomeWordsNotOneUnknownToken) {
  std::string error;
  auto t = TextTokenizer::fit(settings(TokenizerKind::Words), {"报告未见肺炎", "双肺清晰正常", "右下肺骨折"}, error);
  ASSERT_TRUE(t) << error;
  const auto pieces = t->tokens("复查未见肺炎", 16);
  ASSERT_GE(pieces.size(), 3u);
  EXPECT_EQ(pieces.back().key, "肺炎");
  EXPECT_TRUE(t->isKnown(pieces.back()));
}

TEST(SubwordModel, TrainingMatchesSentencePieceDrivenFromPython) {
  for (const std::string type : {"unigram", "bpe"}) {
    const auto g = golden("subwords_" + type + ".json");
    std::string error;
    auto m = SubwordModel::train(corpus(), {g["options"]["vocab_size"].get<int64_t>(), type, g["seed"].get<uint32_t>()}, error);
    ASSERT_TRUE(m) << type << ": " << error;
    const auto pieces = g["pieces"].get<std::vector<std::string>>();
    ASSERT_EQ(m->size(), static_cast<int64_t>(pieces.size())) << type;
    for (std::size_t i = 0; i < pieces.size(); ++i) EXPECT_EQ(m->piece(static_cast<int64_t>(i)), pieces[i]) << type << " id " << i;
    for (const auto& c : g["cases"]) {
      const std::string text = c["text"];
      const auto got = m->tokenize(text);
      EXPECT_EQ(ids(got), c["ids"].get<std::vector<int64_t>>()) << type << ": " << text;
      EXPECT_EQ(keys(got), c["pieces"].get<std::vector<std::string>>()) << type << ": " << text;
    }
    EXPECT_EQ(m->unknownId(), 1);
    EXPECT_EQ(m->padId(), 0);
  }
}

TEST(TextTokenizer, LearnedSubwordsNeverSpanTwoWords) {
  std::string error;
  auto t = TextTokenizer::fit(settings(TokenizerKind::Subwords, 300), corpus(), error);
  ASSERT_TRUE(t) << error;
  const std::string text = "患者主诉咳嗽，右下肺可见斑片影，考虑肺炎。";
  const auto bounds = wordBoundaries(text);
  for (const auto& p : t->tokens(text, 64)) {
    for (auto b : bounds) EXPECT_FALSE(b > p.begin && b < p.end) << p.key << " spans " << text.substr(p.begin, p.end - p.begin);
  }
}

TEST(SubwordModel, TrainingIsDeterministicAndTheModelTravelsInTheBundle) {
  std::string error;
  const auto texts = corpus();
  auto s = settings(TokenizerKind::Subwords, 300);
  auto a = TextTokenizer::fit(s, texts, error), b = TextTokenizer::fit(s, texts, error);
  ASSERT_TRUE(a && b) << error;
  EXPECT_EQ(a->toJson().dump(), b->toJson().dump());
  auto back = TextTokenizer::fromJson(nlohmann::json::parse(a->toJson().dump()), error);
  ASSERT_TRUE(back) << error;
  const std::string text = "患者主诉咳嗽，考虑肺炎 pnuemonia";
  EXPECT_EQ(back->encode(text, 32), a->encode(text, 32));
  EXPECT_EQ(back->kind(), TokenizerKind::Subwords);
  // Spans are the written words: the space SentencePiece counts into "▁word" is not part of it.
  const auto pieces = a->tokens(text, 32);
  for (const auto& p : pieces) EXPECT_NE(text[p.begin], ' ');
  // A misspelling is read as pieces, not as one unknown word.
  for (const auto& p : a->tokens("pnuemonia", 8)) EXPECT_TRUE(a->isKnown(p)) << p.key;
}

TEST(SubwordModel, PretrainedModelFileKeepsItsOwnIdsAndSaysWhatIdZeroIs) {
  const auto g = golden("pretrained.json");
  TokenizerSettings s = settings(TokenizerKind::SentencePiece, 1000);
  s.vocabulary_file = kGolden + "pretrained.model";
  std::string error;
  auto t = TextTokenizer::fit(s, {}, error);
  ASSERT_TRUE(t) << error;
  EXPECT_EQ(t->size(), g["pieces"].get<int64_t>());
  EXPECT_EQ(t->unknownId(), g["unk_id"].get<int64_t>());
  ASSERT_EQ(t->warnings().size(), 1u);  // SentencePiece's default: id 0 is <unk>
  EXPECT_NE(t->warnings()[0].find("id 0 is '<unk>'"), std::string::npos) << t->warnings()[0];
  for (const auto& c : g["cases"]) {
    const std::string text = c["text"];
    const auto got = t->tokens(text, 1000);
    EXPECT_EQ(ids(got), c["ids"].get<std::vector<int64_t>>()) << text;
    const auto spans = c["spans"];
    for (std::size_t i = 0; i < got.size() && i < spans.size(); ++i)
      EXPECT_LE(charactersBefore(text, got[i].end), spans[i][1].get<std::size_t>()) << text << " piece " << i;
  }
  s.vocab_size = 100;
  EXPECT_FALSE(TextTokenizer::fit(s, {}, error));
  EXPECT_NE(error.find("set the text input's vocab_size to at least " + std::to_string(g["pieces"].get<int64_t>())),
            std::string::npos) << error;
}

TEST(WordPiece, MatchesTheReferenceTokenizer) {
  const auto g = golden("wordpiece.json");
  TokenizerSettings s = settings(TokenizerKind::WordPiece);
  s.vocabulary_file = kGolden + "vocab.txt";
  std::string error;
  auto t = TextTokenizer::fit(s, {}, error);
  ASSERT_TRUE(t) << error;
  EXPECT_TRUE(t->warnings().empty());  // [PAD] is id 0
  for (const auto& c : g["cases"]) {
    const std::string text = c["text"];
    const auto got = t->tokens(text, 1000);
    EXPECT_EQ(keys(got), c["pieces"].get<std::vector<std::string>>()) << text;
    EXPECT_EQ(ids(got), c["ids"].get<std::vector<int64_t>>()) << text;
  }
  // Cut to max_length, the text still ends with [SEP]; pieces keep the spans of what they came from.
  const std::string text = "Patient reports mild cough and fever.";
  const auto cut = t->tokens(text, 4);
  EXPECT_EQ(keys(cut), (std::vector<std::string>{"[CLS]", "pati", "##ent", "[SEP]"}));
  EXPECT_EQ(surfaces(text, cut), (std::vector<std::string>{"", "Pati", "ent", ""}));
}

TEST(WordPiece, CasedVocabulariesAreDetectedAndBadFilesNamed) {
  std::string error;
  auto cased = WordPieceVocabulary::fromLines({"[PAD]", "[UNK]", "The", "the", "##re"}, "v.txt", error);
  ASSERT_TRUE(cased) << error;
  EXPECT_FALSE(cased->lowerCases());
  EXPECT_EQ(keys(cased->tokenize("The there")), (std::vector<std::string>{"The", "the", "##re"}));
  EXPECT_FALSE(WordPieceVocabulary::fromLines({"a", "b"}, "words.txt", error));
  EXPECT_NE(error.find("words.txt: not a WordPiece vocabulary (no line reads [UNK]"), std::string::npos) << error;
  TokenizerSettings s = settings(TokenizerKind::WordPiece);
  s.vocabulary_file = "/nonexistent/vocab.txt";
  EXPECT_FALSE(TextTokenizer::fit(s, {}, error));
  EXPECT_NE(error.find("cannot open the WordPiece vocabulary '/nonexistent/vocab.txt'"), std::string::npos) << error;
  EXPECT_FALSE(TokenizerSettings::fromParams({{"tokenizer", "wordpiece"}}, "", error));
  EXPECT_NE(error.find("set vocabulary_file"), std::string::npos) << error;
  EXPECT_FALSE(TokenizerSettings::fromParams({{"tokenizer", "spaces"}}, "", error));
  EXPECT_NE(error.find("unknown tokenizer 'spaces'"), std::string::npos) << error;
}

TEST(Base64, RoundTripsAndRefusesGarbage) {
  for (const std::string s : {std::string(), std::string("a"), std::string("ab"), std::string("abc"), std::string("\0\xff\x10z", 4)})
    EXPECT_EQ(fusebench::util::fromBase64(fusebench::util::toBase64(s)), s);
  EXPECT_EQ(fusebench::util::toBase64("Man"), "TWFu");
  EXPECT_EQ(fusebench::util::toBase64("Ma"), "TWE=");
  EXPECT_FALSE(fusebench::util::fromBase64("TWF"));
  EXPECT_FALSE(fusebench::util::fromBase64("TW=u"));
  EXPECT_FALSE(fusebench::util::fromBase64("T*Fu"));
}
