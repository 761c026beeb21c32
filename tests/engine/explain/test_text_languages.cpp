// Text in languages written without spaces: a Chinese note where one key word decides the class trains to
// the accuracy the English one does, with every tokenizer; explanations point at the key word and give the
// tokens back as written. Prints each tokenizer's test accuracy (README's table is this output).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "clinical_notes_dataset.h"
#include "data/dataset.h"
#include "data/splits.h"
#include "explain/explainer.h"
#include "graph_builder.h"
#include "project/project_file.h"
#include "train/trainer.h"

namespace fusebench::train {  // (in the explain tests: it needs the explainer too)
namespace {

namespace fs = std::filesystem;

struct NotesRun {
  fs::path root;
  std::string run;
  double accuracy = 0;
  std::vector<testing::PlantedNote> notes;
  std::vector<std::size_t> test;
  ~NotesRun() { fs::remove_all(root); }
};

std::unique_ptr<NotesRun> trainNotes(bool chinese, const std::string& tokenizer, const std::string& subword_type = "unigram",
                                     int max_length = 24) {
  auto r = std::make_unique<NotesRun>();
  r->root = fs::temp_directory_path() / ("fusebench_test_notes_" + tokenizer + subword_type + (chinese ? "_zh_" : "_en_") + std::to_string(::getpid()));
  fs::remove_all(r->root);
  r->notes = testing::writeClinicalNotes(r->root / "data", 450, 31, chinese);
  ProjectFile p;
  p.name = "notes";
  p.dataset_path = (r->root / "data").string();
  p.graph = testing::GraphBuilder()
                .node("note", "input.text", R"({"field": "note", "vocab_size": 200, "max_length": )" + std::to_string(max_length) +
                          R"(, "tokenizer": ")" + tokenizer + R"(", "subword_type": ")" + subword_type + R"("})")
                .node("words", "text.rnn", R"({"dim": 16, "hidden": 16, "cell": "gru"})")
                .node("head", "head.classification", R"({"num_classes": 3})")
                .edge("note.out", "words.in")
                .edge("words.features", "head.in")
                .build();
  TrainConfig c;
  c.epochs = 15;
  c.batch_size = 16;
  c.lr = 0.01;
  c.threads = 1;
  c.seed = 3;
  c.val_fraction = 0.15;
  c.test_fraction = 0.2;
  r->run = (r->root / "run").string();
  auto result = trainProject(p, "", c, r->run);
  EXPECT_TRUE(result.ok) << result.error;
  r->accuracy = result.test.value("accuracy", 0.0);
  auto ds = data::Dataset::open((r->root / "data").string());
  auto splits = data::assignSplits(*ds.dataset, {c.val_fraction, c.test_fraction, c.seed});
  for (std::size_t i = 0; i < ds.dataset->size(); ++i)
    if (splits.split[i] == "test") r->test.push_back(i);
  std::printf("planted notes, %s, tokenizer %s (%s), max_length %d: test accuracy %.3f\n", chinese ? "Chinese" : "English",
              tokenizer.c_str(), subword_type.c_str(), max_length, r->accuracy);
  return r;
}

TEST(TextLanguages, ChineseNotesTrainWithEveryTokenizer) {
  for (const std::string tokenizer : {"words", "characters", "subwords"}) {
    const auto r = trainNotes(true, tokenizer);
    EXPECT_GE(r->accuracy, 0.95) << tokenizer;
  }
}

TEST(TextLanguages, EnglishNotesTrainWithWordsAndSubwords) {
  EXPECT_GE(trainNotes(false, "words")->accuracy, 0.95);
  EXPECT_GE(trainNotes(false, "subwords", "bpe")->accuracy, 0.95);
  // SentencePiece's unigram keeps only a few dozen short pieces when a corpus has this few distinct words (its
  // Python build does the same), so a note takes ~3 pieces a word: it needs the longer max_length to keep its key.
  EXPECT_GE(trainNotes(false, "subwords", "unigram", 64)->accuracy, 0.95);
}

TEST(TextLanguages, ExplanationsPointAtTheChineseKeyWordAndKeepTheTextAsWritten) {
  const auto r = trainNotes(true, "words");
  std::string error;
  auto x = explain::Explainer::open(r->run, error);
  ASSERT_TRUE(x) << error;
  int n = 0, hits = 0;
  for (auto row : r->test) {
    explain::SampleInput in;
    in.row = static_cast<int64_t>(row);
    explain::ExplainOptions o;
    o.methods = {explain::kIntegratedGradients};
    o.modality_shapley = false;
    o.target = r->notes[row].label;
    const auto e = x->explain(in, o);
    ASSERT_TRUE(e.ok) << e.error;
    const auto& t = e.texts.at(0);
    // The tokens are the note's own characters, in order, without spaces put in between.
    std::string joined;
    for (std::size_t i = 0; i < t.tokens.size(); ++i) {
      EXPECT_EQ(t.text.substr(t.spans[i].first, t.spans[i].second - t.spans[i].first), t.tokens[i]);
      joined += t.tokens[i];
    }
    EXPECT_EQ(joined + "。", t.text);
    const auto& ig = t.scores.at(explain::kIntegratedGradients);
    const auto top = static_cast<std::size_t>(std::max_element(ig.begin(), ig.end()) - ig.begin());
    ++n;
    hits += t.spans[top].first == r->notes[row].key_begin && t.spans[top].second == r->notes[row].key_end;
  }
  std::printf("Chinese key word found by Integrated Gradients: %d of %d\n", hits, n);
  ASSERT_GT(n, 50);
  EXPECT_GE(hits, 0.9 * n);
}

}  // namespace
}  // namespace fusebench::train
