// Explanations checked where the right answer is known: models trained for seconds on datasets whose class
// is decided by evidence planted at a known place (planted_dataset.h). Attributions must point at it, the
// Integrated Gradients must add up, Shapley values must add up and rank the one informative modality first.
#include <gtest/gtest.h>

#include <cmath>
#include <unistd.h>

#include <filesystem>

#include "data/dataset.h"
#include "data/splits.h"
#include "explain/explain_context.h"
#include "explain/explainer.h"
#include "graph_builder.h"
#include "planted_dataset.h"
#include "project/project_file.h"
#include "train/trainer.h"

namespace fusebench::explain {
namespace {

namespace fs = std::filesystem;
using testing::PlantedSample;

struct TrainedModel {
  std::string run;
  std::vector<PlantedSample> truth;
  std::vector<std::size_t> test;  // test split rows
  double accuracy = 0;
};

const char* kImage = R"({"channels": 1, "height": 16, "width": 16})";
const char* kAudio = R"({"field": "audio", "representation": "logmel", "sample_rate": 8000, "seconds": 0.5, "n_mels": 32, "hop_length": 80, "n_fft": 256})";
const char* kTitle = R"({"field": "title", "max_length": 8, "vocab_size": 64})";

TrainedModel train(const std::string& name, const GraphSpec& graph, const std::set<std::string>& signal, int64_t epochs) {
  TrainedModel m;
  // Per process: ctest runs the tests of this file in parallel processes, each training its own copy.
  const fs::path root = fs::temp_directory_path() / ("fusebench_test_explain_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(root);
  m.truth = testing::writePlantedDataset(root / "data", 400, signal, 11);
  ProjectFile p;
  p.name = name;
  p.dataset_path = (root / "data").string();
  p.graph = graph;
  train::TrainConfig c;
  c.epochs = epochs;
  c.batch_size = 16;
  c.lr = 0.01;
  c.threads = 1;  // ctest runs two test processes at once on 2 cores: more threads only spin against each other
  c.seed = 3;
  c.val_fraction = 0.1;
  c.test_fraction = 0.2;
  m.run = (root / "run").string();
  auto r = train::trainProject(p, "", c, m.run);
  EXPECT_TRUE(r.ok) << r.error;
  m.accuracy = r.test.value("accuracy", 0.0);
  auto ds = data::Dataset::open((root / "data").string());
  auto splits = data::assignSplits(*ds.dataset, {c.val_fraction, c.test_fraction, c.seed});
  for (std::size_t i = 0; i < ds.dataset->size(); ++i)
    if (splits.split[i] == "test") m.test.push_back(i);
  return m;
}

// Index of the largest value.
template <class V>
std::size_t argmax(const V& v) {
  return static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin());
}

class ExplainPlanted : public ::testing::Test {
 protected:
  // Each model is trained when a test first needs it: ctest runs every test in its own process.
  static const TrainedModel& imageModel() {
    using testing::GraphBuilder;
    if (!image_) image_ = new TrainedModel(train("image",
                                    GraphBuilder()
                                        .node("image", "input.image", kImage)
                                        .node("cnn", "image.small_cnn", R"({"depth": 2, "width": 8})")
                                        .node("head", "head.classification", R"({"num_classes": 2})")
                                        .edge("image.out", "cnn.in")
                                        .edge("cnn.features", "head.in")
                                        .build(),
                                    {"image", "text", "audio"}, 25));
    return *image_;
  }
  static const TrainedModel& textModel() {
    using testing::GraphBuilder;
    if (!text_) text_ = new TrainedModel(train("text",
                                   GraphBuilder()
                                       .node("title", "input.text", kTitle)
                                       .node("words", "text.rnn", R"({"dim": 16, "hidden": 16, "cell": "gru"})")
                                       .node("head", "head.classification", R"({"num_classes": 2})")
                                       .edge("title.out", "words.in")
                                       .edge("words.features", "head.in")
                                       .build(),
                                   {"image", "text", "audio"}, 25));
    return *text_;
  }
  static const TrainedModel& audioModel() {
    using testing::GraphBuilder;
    if (!audio_) audio_ = new TrainedModel(train("audio",
                                    GraphBuilder()
                                        .node("speech", "input.audio", kAudio)
                                        .node("cnn", "audio.spectrogram_cnn", R"({"depth": 2, "width": 8})")
                                        .node("head", "head.classification", R"({"num_classes": 2})")
                                        .edge("speech.out", "cnn.in")
                                        .edge("cnn.features", "head.in")
                                        .build(),
                                    {"image", "text", "audio"}, 25));
    return *audio_;
  }
  static const TrainedModel& fusedModel() {
    using testing::GraphBuilder;
    if (!fused_) fused_ = new TrainedModel(train("fused",
                                    GraphBuilder()
                                        .node("image", "input.image", kImage)
                                        .node("speech", "input.audio", kAudio)
                                        .node("title", "input.text", kTitle)
                                        .node("tab", "input.tabular")
                                        .node("ie", "image.small_cnn", R"({"depth": 2, "width": 8})")
                                        .node("ae", "audio.spectrogram_cnn", R"({"depth": 2, "width": 8})")
                                        .node("te", "text.bag_of_embeddings", R"({"dim": 8})")
                                        .node("tm", "tabular.mlp", R"({"hidden": [8]})")
                                        .node("fuse", "fusion.gmu", R"({"dim": 16, "modality_dropout": 0.3})")
                                        .node("head", "head.classification", R"({"num_classes": 2})")
                                        .edge("image.out", "ie.in")
                                        .edge("speech.out", "ae.in")
                                        .edge("title.out", "te.in")
                                        .edge("tab.out", "tm.in")
                                        .edge("ie.features", "fuse.in0")
                                        .edge("ae.features", "fuse.in1")
                                        .edge("te.features", "fuse.in2")
                                        .edge("tm.features", "fuse.in3")
                                        .edge("fuse.out", "head.in")
                                        .build(),
                                    {"tabular"}, 25));
    return *fused_;
  }
  static void TearDownTestSuite() {
    for (auto* m : {image_, text_, audio_, fused_})
      if (m) fs::remove_all(fs::path(m->run).parent_path());
    delete image_, delete text_, delete audio_, delete fused_;
  }

  // Explains every test sample for its true class; calls check(explanation, truth) and counts successes.
  static void forEachTest(const TrainedModel& m, const std::function<void(const Explanation&, const PlantedSample&)>& check,
                          ExplainOptions o = {}) {
    std::string error;
    auto x = Explainer::open(m.run, error);
    ASSERT_TRUE(x) << error;
    for (auto row : m.test) {
      SampleInput in;
      in.row = static_cast<int64_t>(row);
      o.target = m.truth[row].label;
      auto e = x->explain(in, o);
      ASSERT_TRUE(e.ok) << e.error;
      check(e, m.truth[row]);
    }
  }

  static TrainedModel *image_, *text_, *audio_, *fused_;
};

TrainedModel *ExplainPlanted::image_ = nullptr, *ExplainPlanted::text_ = nullptr, *ExplainPlanted::audio_ = nullptr,
             *ExplainPlanted::fused_ = nullptr;

// Integrated Gradients completeness: the attributions add up to f(x) - f(baseline) within 1% at 64 steps.
void expectComplete(const Explanation& e) {
  const double expected = e.f - e.f_baseline;
  EXPECT_NEAR(e.ig_total, expected, std::max(0.01 * std::abs(expected), 1e-4)) << "sample " << e.sample;
}

// At exactly 64 steps (no refinement) on the models with max-pooling CNNs, the ones whose gradients jump
// most along the path: nearly every sample adds up within 1%, and none is far off.
TEST_F(ExplainPlanted, IntegratedGradientsAt64FixedStepsNearlyAlwaysAddUp) {
  ExplainOptions o;
  o.ig_tolerance = 0;
  o.methods = {kIntegratedGradients};
  o.image_baseline = "mean";
  int n = 0, within = 0;
  double worst = 0;
  for (const auto* m : {&imageModel(), &fusedModel()})
    forEachTest(*m, [&](const Explanation& e, const PlantedSample&) {
      EXPECT_EQ(e.ig_steps, 64);
      const double expected = e.f - e.f_baseline, gap = std::abs(e.ig_total - expected) / std::max(1e-6, std::abs(expected));
      ++n;
      if (gap <= 0.01) ++within;
      worst = std::max(worst, gap);
    }, o);
  EXPECT_GE(within, 0.95 * n) << within << " of " << n;
  EXPECT_LT(worst, 0.03);
  std::printf("64 fixed steps: %d of %d within 1%%, worst %.2f%%\n", within, n, 100 * worst);
}

TEST(GaussLegendre, IntegratesPolynomialsUpToDegree2nMinus1Exactly) {
  for (int n : {1, 2, 5, 64}) {
    std::vector<double> x, w;
    gaussLegendre(n, x, w);
    for (int degree : {0, 1, 2 * n - 1}) {
      double sum = 0;
      for (int i = 0; i < n; ++i) sum += w[static_cast<std::size_t>(i)] * std::pow(x[static_cast<std::size_t>(i)], degree);
      EXPECT_NEAR(sum, 1.0 / (degree + 1), 1e-12) << "n " << n << " degree " << degree;
    }
  }
}

TEST_F(ExplainPlanted, ImageAttributionsFallOnThePlantedSquare) {
  ASSERT_GE(imageModel().accuracy, 0.9);
  std::map<std::string, int> hits;
  int n = 0;
  // The baseline is the training mean: a black baseline cannot attribute the dark squares (x - baseline = 0
  // there), which is how Integrated Gradients and occlusion are defined, not a fault.
  ExplainOptions o;
  o.image_baseline = "mean";
  forEachTest(imageModel(), [&](const Explanation& e, const PlantedSample& s) {
    ASSERT_EQ(e.images.size(), 1u);
    const auto& img = e.images[0];
    EXPECT_EQ(img.gradcam_layer, "cnn.stage1");  // 8 x 8 cells; stage2 is 4 x 4
    ++n;
    // Margins: 1 pixel for pixel-level maps (occlusion patches straddle the border), 2 for Grad-CAM, whose
    // map is upsampled from an 8 x 8 feature map.
    for (const auto& [method, margin] : std::map<std::string, int>{{kIntegratedGradients, 1}, {kOcclusion, 1}, {kGradCam, 2}, {kSaliency, 1}}) {
      const auto& m = img.maps.at(method);
      const auto top = static_cast<int>(argmax(m.values));
      const int y = top / static_cast<int>(m.cols), x = top % static_cast<int>(m.cols);
      if (x >= s.square_x - margin && x < s.square_x + testing::kSquare + margin && y >= s.square_y - margin &&
          y < s.square_y + testing::kSquare + margin)
        ++hits[method];
    }
    expectComplete(e);
  }, o);
  ASSERT_GT(n, 30);
  for (const auto* method : {kIntegratedGradients, kOcclusion, kGradCam})
    EXPECT_GE(hits[method], 0.9 * n) << method << ": " << hits[method] << " of " << n;
  std::printf("square found (IG / occlusion / Grad-CAM / saliency): %d / %d / %d / %d of %d\n", hits[kIntegratedGradients],
              hits[kOcclusion], hits[kGradCam], hits[kSaliency], n);
}

TEST_F(ExplainPlanted, TextAttributionsFindTheKeyWord) {
  ASSERT_GE(textModel().accuracy, 0.9);
  std::map<std::string, int> hits;
  int n = 0;
  forEachTest(textModel(), [&](const Explanation& e, const PlantedSample& s) {
    ASSERT_EQ(e.texts.size(), 1u);
    const auto& t = e.texts[0];
    ASSERT_EQ(t.tokens.size(), 6u);
    EXPECT_TRUE(t.tokens[static_cast<std::size_t>(s.word_position)] == "alpha" || t.tokens[static_cast<std::size_t>(s.word_position)] == "omega");
    ++n;
    for (const auto* method : {kIntegratedGradients, kOcclusion})
      if (argmax(t.scores.at(method)) == static_cast<std::size_t>(s.word_position)) ++hits[method];
    expectComplete(e);
  });
  for (const auto* method : {kIntegratedGradients, kOcclusion})
    EXPECT_GE(hits[method], 0.9 * n) << method << ": " << hits[method] << " of " << n;
  std::printf("key word found (IG / occlusion): %d / %d of %d\n", hits[kIntegratedGradients], hits[kOcclusion], n);
}

TEST_F(ExplainPlanted, AudioAttributionsPointAtTheToneInTime) {
  ASSERT_GE(audioModel().accuracy, 0.9);
  std::map<std::string, int> hits;
  int n = 0;
  forEachTest(audioModel(), [&](const Explanation& e, const PlantedSample& s) {
    ASSERT_EQ(e.audios.size(), 1u);
    const auto& a = e.audios[0];
    EXPECT_TRUE(a.spectrogram);
    EXPECT_DOUBLE_EQ(a.seconds_per_frame, 80.0 / 8000.0);
    EXPECT_EQ(a.maps.at(kIntegratedGradients).rows, 32);
    ++n;
    // A frame covers n_fft = 256 samples (32 ms) centred on it; Grad-CAM's time resolution is 4 frames.
    const double margin = 0.035;
    for (const auto* method : {kIntegratedGradients, kOcclusion, kGradCam}) {
      const double t = (static_cast<double>(argmax(a.over_time.at(method))) + 0.5) * a.seconds_per_frame;
      if (t >= s.tone_start - margin && t <= s.tone_end + margin) ++hits[method];
    }
    expectComplete(e);
  });
  for (const auto* method : {kIntegratedGradients, kOcclusion, kGradCam})
    EXPECT_GE(hits[method], 0.9 * n) << method << ": " << hits[method] << " of " << n;
  std::printf("tone found in time (IG / occlusion / Grad-CAM): %d / %d / %d of %d\n", hits[kIntegratedGradients],
              hits[kOcclusion], hits[kGradCam], n);
}

TEST_F(ExplainPlanted, TheOnlyInformativeModalityRanksFirstAndShapleyAddsUp) {
  ASSERT_GE(fusedModel().accuracy, 0.9);
  int n = 0, shapleyFirst = 0, removalFirst = 0, featureIg = 0, featureAblation = 0;
  forEachTest(fusedModel(), [&](const Explanation& e, const PlantedSample&) {
    ASSERT_EQ(e.modalities.size(), 4u);
    ++n;
    double sum = 0;
    std::vector<double> shapley, removal;
    for (const auto& m : e.modalities) sum += m.shapley, shapley.push_back(m.shapley), removal.push_back(m.removal);
    EXPECT_NEAR(sum, e.scores[static_cast<std::size_t>(e.target)] - e.p_none, 1e-5);
    if (e.modalities[argmax(shapley)].field == "tabular") ++shapleyFirst;
    if (e.modalities[argmax(removal)].field == "tabular") ++removalFirst;
    ASSERT_EQ(e.tabular.size(), 1u);
    std::vector<float> absIg;
    for (float v : e.tabular[0].scores.at(kIntegratedGradients)) absIg.push_back(std::abs(v));
    if (argmax(absIg) == testing::kSignalFeature) ++featureIg;
    if (argmax(e.tabular[0].scores.at(kOcclusion)) == testing::kSignalFeature) ++featureAblation;
    // The GMU's gates are a softmax over the four modalities.
    ASSERT_EQ(e.fusion_weights.size(), 1u);
    EXPECT_EQ(e.fusion_weights[0].kind, "gates");
    EXPECT_EQ(e.fusion_weights[0].modalities, (std::vector<std::string>{"image", "audio", "title", "tabular"}));
    double gates = 0;
    for (float g : e.fusion_weights[0].values) gates += g;
    EXPECT_NEAR(gates, 1.0, 1e-4);
    expectComplete(e);
  });
  EXPECT_GE(shapleyFirst, 0.9 * n) << shapleyFirst << " of " << n;
  EXPECT_GE(removalFirst, 0.9 * n) << removalFirst << " of " << n;
  EXPECT_GE(featureIg, 0.9 * n) << featureIg << " of " << n;
  EXPECT_GE(featureAblation, 0.9 * n) << featureAblation << " of " << n;
  std::printf("informative modality first (Shapley / removal): %d / %d of %d; feature f2 first (IG / ablation): %d / %d\n",
              shapleyFirst, removalFirst, n, featureIg, featureAblation);
}

TEST_F(ExplainPlanted, WhatIfEditsChangeThePredictionAndTheTokens) {
  std::string error;
  auto x = Explainer::open(fusedModel().run, error);
  ASSERT_TRUE(x) << error;
  const auto row = static_cast<int64_t>(fusedModel().test[0]);
  SampleInput in;
  in.row = row;
  auto full = x->explain(in);
  ASSERT_TRUE(full.ok) << full.error;
  in.masked_fields = {"tabular"};
  in.overrides = {{"title", "alpha brand new words"}};
  auto edited = x->explain(in);
  ASSERT_TRUE(edited.ok) << edited.error;
  EXPECT_FALSE(edited.modalities[3].present);
  EXPECT_EQ(edited.tabular[0].present, false);
  EXPECT_GT(std::abs(edited.scores[0] - full.scores[0]), 0.05);  // the deciding modality is gone
  EXPECT_EQ(edited.texts[0].tokens, (std::vector<std::string>{"alpha", "brand", "new", "words"}));
  EXPECT_EQ(edited.texts[0].known, (std::vector<bool>{true, false, false, false}));
  // The same sample from column values gives the same prediction as from its row.
  auto ds = data::Dataset::open(x->datasetDir());
  SampleInput byValues;
  for (const auto* c : {"image", "audio"}) byValues.values[c] = ds.dataset->path(static_cast<std::size_t>(row), c);
  for (const auto* c : {"title", "f0", "f1", "f2", "f3"}) byValues.values[c] = ds.dataset->cell(static_cast<std::size_t>(row), c).text;
  auto again = x->explain(byValues);
  ASSERT_TRUE(again.ok) << again.error;
  EXPECT_NEAR(again.scores[0], full.scores[0], 1e-5);
}

TEST_F(ExplainPlanted, MissingModalitiesAndUnknownWordsAreExplainedToo) {
  std::string error;
  std::vector<ModalityInfo> inputs;
  std::vector<std::string> classes;
  ASSERT_TRUE(readBundleInputs(fusedModel().run, inputs, classes, error)) << error;  // bundle.json only
  ASSERT_EQ(inputs.size(), 4u);
  EXPECT_EQ(inputs[3].kind, "tabular");
  EXPECT_EQ(inputs[3].columns, (std::vector<std::string>{"f0", "f1", "f2", "f3"}));
  EXPECT_EQ(classes, (std::vector<std::string>{"low", "high"}));
  EXPECT_FALSE(readBundleInputs("/nonexistent", inputs, classes, error));
  EXPECT_NE(error.find("/nonexistent"), std::string::npos);
  auto x = Explainer::open(fusedModel().run, error);
  ASSERT_TRUE(x) << error;
  SampleInput in;
  in.row = static_cast<int64_t>(fusedModel().test[1]);
  in.overrides = {{"title", ""}, {"image", ""}};  // both missing
  auto e = x->explain(in);
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_FALSE(e.texts[0].present);
  EXPECT_TRUE(e.texts[0].tokens.empty());
  EXPECT_FALSE(e.images[0].present);
  EXPECT_TRUE(e.images[0].maps.empty());  // nothing to attribute in a missing picture
  EXPECT_FALSE(e.modalities[0].present);
  EXPECT_EQ(e.modalities[0].shapley, 0.0);
  double sum = 0;
  for (const auto& m : e.modalities) sum += m.shapley;
  EXPECT_NEAR(sum, e.scores[static_cast<std::size_t>(e.target)] - e.p_none, 1e-5);
  in.overrides = {{"title", "qqq zzz"}};  // words the model never saw
  e = x->explain(in);
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_EQ(e.texts[0].known, (std::vector<bool>{false, false}));
  EXPECT_EQ(e.texts[0].scores.at(kOcclusion).size(), 2u);
  expectComplete(e);
}

// The other encoders with taps or without: a Transformer over the title (embeddings tapped under the
// position encoding) and a 1D CNN over the raw waveform (attributions per sample of the clip, no Grad-CAM).
TEST(ExplainEncoders, TransformerTextAndRawWaveformAreExplained) {
  using testing::GraphBuilder;
  auto m = train("transformer_waveform",
                 GraphBuilder()
                     .node("title", "input.text", kTitle)
                     .node("image", "input.image", R"({"channels": 1, "height": 8, "width": 12, "resize": "center_crop"})")
                     .node("cnn", "image.small_cnn", R"({"depth": 2, "width": 4})")
                     .node("speech", "input.audio", R"({"field": "audio", "representation": "waveform", "sample_rate": 8000, "seconds": 0.5})")
                     .node("words", "text.transformer", R"({"dim": 16, "heads": 2, "layers": 1, "ff_dim": 32})")
                     .node("wave", "audio.waveform_cnn", R"({"depth": 2, "width": 8})")
                     .node("fuse", "fusion.concat")
                     .node("head", "head.classification", R"({"num_classes": 2})")
                     .edge("title.out", "words.in")
                     .edge("speech.out", "wave.in")
                     .edge("image.out", "cnn.in")
                     .edge("words.features", "fuse.in0")
                     .edge("wave.features", "fuse.in1")
                     .edge("cnn.features", "fuse.in2")
                     .edge("fuse.out", "head.in")
                     .build(),
                 {"text", "audio"}, 4);
  std::string error;
  auto x = Explainer::open(m.run, error);
  ASSERT_TRUE(x) << error;
  SampleInput in;
  in.row = static_cast<int64_t>(m.test[0]);
  auto e = x->explain(in);
  ASSERT_TRUE(e.ok) << e.error;
  ASSERT_EQ(e.texts.size(), 1u);
  EXPECT_EQ(e.texts[0].scores.at(kIntegratedGradients).size(), 6u);
  ASSERT_EQ(e.audios.size(), 1u);
  EXPECT_FALSE(e.audios[0].spectrogram);
  EXPECT_EQ(e.audios[0].over_time.at(kIntegratedGradients).size(), 4000u);
  EXPECT_EQ(e.audios[0].over_time.at(kOcclusion).size(), 4000u);
  EXPECT_FALSE(e.audios[0].over_time.count(kGradCam));
  // A 16 x 16 picture centre-cropped to 8 x 12: scaled by 0.75 to 12 x 12, then 2 rows cut top and bottom.
  ASSERT_EQ(e.images.size(), 1u);
  const auto& img = e.images[0];
  EXPECT_EQ(img.resize, "center_crop");
  EXPECT_EQ(img.original_height, 16);
  EXPECT_DOUBLE_EQ(img.scale_x, 0.75);
  EXPECT_DOUBLE_EQ(img.scale_y, 0.75);
  EXPECT_DOUBLE_EQ(img.offset_x, 0.0);
  EXPECT_DOUBLE_EQ(img.offset_y, 2.0);
  EXPECT_EQ(img.maps.at(kGradCam).rows, 8);
  EXPECT_EQ(img.maps.at(kGradCam).cols, 12);
  EXPECT_NEAR(e.ig_total, e.f - e.f_baseline, std::max(0.01 * std::abs(e.f - e.f_baseline), 1e-4));
  fs::remove_all(fs::path(m.run).parent_path());
}

TEST_F(ExplainPlanted, MistakesAreNamed) {
  std::string error;
  EXPECT_FALSE(Explainer::open("/nonexistent/bundle", error));
  EXPECT_NE(error.find("/nonexistent/bundle"), std::string::npos) << error;
  auto x = Explainer::open(fusedModel().run, error);
  ASSERT_TRUE(x);
  SampleInput in;
  in.row = 100000;
  auto e = x->explain(in);
  EXPECT_FALSE(e.ok);
  EXPECT_NE(e.error.find("there is no sample 100001"), std::string::npos) << e.error;
  in.row = 0;
  in.masked_fields = {"smell"};
  e = x->explain(in);
  EXPECT_NE(e.error.find("no input field 'smell'"), std::string::npos) << e.error;
  in.masked_fields = {};
  ExplainOptions o;
  o.methods = {"lime"};
  e = x->explain(in, o);
  EXPECT_NE(e.error.find("unknown method 'lime'"), std::string::npos) << e.error;
  o.methods = {};
  o.target = 7;
  e = x->explain(in, o);
  EXPECT_NE(e.error.find("target 7 does not exist"), std::string::npos) << e.error;
  SampleInput bad;
  bad.values = {{"image", "/nonexistent.png"}};
  e = x->explain(bad);
  EXPECT_FALSE(e.ok);
  EXPECT_NE(e.error.find("/nonexistent.png"), std::string::npos) << e.error;
}

}  // namespace
}  // namespace fusebench::explain
