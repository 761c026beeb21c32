// Batch prediction from a bundle: an unlabeled dataset (no target column) is predicted in full, the CSV's
// probabilities are the ones evaluation computes for the same samples, --limit and --split are honoured, the
// dumped inputs are the ONNX export's input names with one row per prediction, and training on an unlabeled
// dataset is refused with the reason.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "export/npy.h"
#include "fixtures.h"
#include "tiny_project.h"
#include "data/dataset.h"
#include "train/batch_predict.h"
#include "train/bundle.h"
#include "train/trainer.h"

namespace fusebench::train {
namespace {

namespace fs = std::filesystem;
using namespace fusebench::testing;

// The same samples without their labels: the target column's role becomes "ignore".
fs::path unlabeledCopy(const fs::path& labeled, const std::string& name) {
  const auto dir = freshDir(name);
  fs::copy(labeled, dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  std::ifstream in(dir / "dataset.json");
  auto j = nlohmann::json::parse(in);
  for (auto& c : j["columns"])
    if (c.value("role", "") == "target") c = {{"name", c["name"]}, {"role", "ignore"}};
  writeText(dir / "dataset.json", j.dump(2));
  return dir;
}

std::vector<std::vector<std::string>> readCsv(const std::string& file) {
  std::ifstream in(file);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream s(line);
    std::string cell;
    while (std::getline(s, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

class BatchPredict : public ::testing::Test {
 protected:
  // ctest runs each test in its own process, two at a time: each process trains its own run.
  static void SetUpTestSuite() {
    const std::string pid = std::to_string(getpid());
    dataset_ = writeCleanDataset("batch_predict_" + pid, 10);
    run_ = freshDir("batch_predict_run_" + pid);
    auto r = trainProject(tinyProject(dataset_), "", quick(4), run_.string());
    ASSERT_TRUE(r.ok) << r.error;
  }
  static void TearDownTestSuite() {
    fs::remove_all(dataset_);
    fs::remove_all(run_);
  }
  static fs::path dataset_, run_;
};
fs::path BatchPredict::dataset_, BatchPredict::run_;

TEST_F(BatchPredict, AnUnlabeledDatasetIsPredictedAsEvaluationWouldScoreIt) {
  const auto unlabeled = unlabeledCopy(dataset_, "batch_predict_unlabeled");
  BatchPredictRequest req;
  req.bundle = run_.string();
  req.dataset = unlabeled.string();
  req.out = (freshDir("batch_predict_out") / "predictions.csv").string();
  std::size_t lastDone = 0, total = 0;
  req.progress = [&](std::size_t d, std::size_t t) { lastDone = d, total = t; };
  const auto r = predictDataset(req);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_TRUE(r.skipped.empty());
  const std::size_t n = data::Dataset::open(dataset_.string()).dataset->size();
  EXPECT_EQ(r.predicted, n);
  EXPECT_EQ(lastDone, total);
  const auto rows = readCsv(req.out);
  ASSERT_EQ(rows.size(), n + 1);
  EXPECT_EQ(rows[0].at(0), "id");
  EXPECT_EQ(rows[0].at(1), "predicted");
  ASSERT_EQ(rows[0].size(), 6u);  // id, predicted, four classes
  EXPECT_EQ(rows[0].at(2).rfind("p_", 0), 0u);

  // The labeled dataset's evaluation over all samples: same scores, same order.
  EvalRequest eval;
  eval.bundle = run_.string();
  eval.dataset = dataset_.string();
  eval.split = "all";
  eval.keep_predictions = true;
  const auto e = evaluateBundle(eval);
  ASSERT_TRUE(e.ok) << e.error;
  ASSERT_EQ(e.predictions.size(), n);
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_EQ(rows[i + 1][0], e.predictions[i].id);
    EXPECT_EQ(rows[i + 1][1], e.classes.at(static_cast<std::size_t>(e.predictions[i].predicted)));
    for (std::size_t c = 0; c < 4; ++c) EXPECT_NEAR(std::stod(rows[i + 1][2 + c]), e.predictions[i].scores[c], 2e-6);
  }
}

TEST_F(BatchPredict, LimitSplitAndDumpedInputsNamedLikeTheOnnxInputs) {
  BatchPredictRequest req;
  req.bundle = run_.string();
  req.dataset = dataset_.string();
  req.split = "train";
  req.limit = 7;
  const auto out = freshDir("batch_predict_dump");
  req.out = (out / "p.csv").string();
  req.dump_inputs = (out / "inputs").string();
  const auto r = predictDataset(req);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.predicted, 7u);
  std::vector<std::string> names;
  for (const auto& f : r.dumped) names.push_back(fs::path(f).filename().string());
  EXPECT_EQ(names, (std::vector<std::string>{"image.npy", "image.present.npy", "tabular.npy", "tabular.categorical.npy",
                                             "tabular.present.npy", "title.npy", "title.present.npy"}));
  std::string error;
  for (const auto& f : r.dumped) {
    auto t = onnx_export::readNpy(f, error);
    ASSERT_TRUE(t) << error;
    EXPECT_EQ(t->size(0), 7) << f;
    if (f.find(".present") != std::string::npos) {
      EXPECT_EQ(t->scalar_type(), torch::kBool);
    }
    if (f.find("title.npy") != std::string::npos) {
      EXPECT_EQ(t->scalar_type(), torch::kLong);
    }
  }
}

TEST_F(BatchPredict, AnEmptySplitAndAMissingDatasetAreNamed) {
  BatchPredictRequest req;
  req.bundle = run_.string();
  req.dataset = "/nonexistent/dataset";
  req.out = (freshDir("batch_predict_bad") / "p.csv").string();
  auto r = predictDataset(req);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("/nonexistent/dataset"), std::string::npos) << r.error;
  EXPECT_FALSE(fs::exists(req.out));

  // A bundle.json without its pipeline: a message, not an exception out of openBundle.
  const auto broken = freshDir("batch_predict_broken_bundle");
  std::ifstream in(run_ / "model" / "bundle.json");
  auto j = nlohmann::json::parse(in);
  j.erase("pipeline");
  writeText(broken / "bundle.json", j.dump());
  req.bundle = broken.string();
  req.dataset = dataset_.string();
  r = predictDataset(req);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("not a usable model bundle"), std::string::npos) << r.error;
}

TEST_F(BatchPredict, TrainingOnAnUnlabeledDatasetIsRefusedWithTheReason) {
  const auto unlabeled = unlabeledCopy(dataset_, "batch_predict_unlabeled_train");
  auto r = trainProject(tinyProject(unlabeled), "", quick(1), freshDir("batch_predict_refused").string());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("no target column"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace fusebench::train
