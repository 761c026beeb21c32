// The registry drives the palette, the inspector and validation: every entry must be complete.
#include <gtest/gtest.h>

#include "graph/validate.h"

namespace fusebench {
namespace {

TEST(Registry, HasEveryPlannedNodeType) {
  const std::vector<std::string> expected = {
      "input.image", "input.text", "input.audio", "input.tabular", "image.small_cnn", "image.vgg", "image.resnet",
      "text.bag_of_embeddings", "text.rnn", "text.transformer", "audio.spectrogram_cnn", "audio.waveform_cnn",
      "tabular.mlp", "fusion.concat", "fusion.sum", "fusion.weighted_sum", "fusion.gmu", "fusion.film",
      "fusion.tensor", "fusion.low_rank_tensor", "fusion.mfb", "fusion.cross_attention", "fusion.transformer",
      "fusion.late", "head.classification", "head.multilabel", "head.regression", "block.linear", "block.mlp",
      "block.dropout", "block.layer_norm", "image.torchscript", "text.torchscript", "audio.torchscript"};
  for (const auto& t : expected) EXPECT_NE(builtinRegistry().find(t), nullptr) << t;
  EXPECT_EQ(builtinRegistry().all().size(), expected.size());
}

TEST(Registry, EveryEntryIsDocumentedAndItsDefaultsAreValid) {
  for (const auto& t : builtinRegistry().all()) {
    SCOPED_TRACE(t.type);
    EXPECT_FALSE(t.title.empty());
    EXPECT_FALSE(t.category.empty());
    EXPECT_FALSE(t.doc.empty());
    EXPECT_TRUE(t.infer);
    EXPECT_TRUE(t.factory);
    EXPECT_FALSE(t.outputs.empty());
    for (const auto& p : t.inputs) EXPECT_FALSE(p.doc.empty()) << p.name;
    for (const auto& p : t.outputs) EXPECT_FALSE(p.doc.empty()) << p.name;
    // Writing every default explicitly must be accepted by the schema itself.
    NodeSpec n;
    n.id = "n";
    n.type = t.type;
    for (const auto& p : t.params) {
      EXPECT_FALSE(p.doc.empty()) << p.name;
      n.params[p.name] = p.default_value;
    }
    Diagnostics errors;
    validateParams(n, t, errors);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].format());
  }
}

TEST(Registry, CategoriesComeInPaletteOrder) {
  EXPECT_EQ(builtinRegistry().categories(),
            (std::vector<std::string>{"Inputs", "Image encoders", "Text encoders", "Audio encoders", "Tabular encoders",
                                      "Fusion", "Heads", "Blocks"}));
}

TEST(Registry, VariadicPortNamesResolve) {
  const auto* t = builtinRegistry().find("fusion.cross_attention");
  int index = -1;
  EXPECT_EQ(t->input("context3", &index)->name, "context");
  EXPECT_EQ(index, 3);
  EXPECT_EQ(t->input("query")->name, "query");
  EXPECT_EQ(t->input("context"), nullptr);
  EXPECT_EQ(t->input("context01"), nullptr);
  EXPECT_EQ(t->input("contextx"), nullptr);
}

}  // namespace
}  // namespace fusebench
