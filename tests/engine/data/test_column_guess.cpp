// New Project from Dataset: the roles proposed for a table without dataset.json are the ones a person wrote
// for the same table (the fixture's dataset.json, removed first); the starter graph built on them is valid,
// binds to the data, and sizes its inputs from the files; files are told by content, not by extension.
#include <gtest/gtest.h>

#include <filesystem>

#include "data/column_guess.h"
#include "data/decode/decoders.h"
#include "data/pipeline.h"
#include "data/starter_graph.h"
#include "fixtures.h"
#include "graph/validate.h"

namespace fusebench::data {
namespace {

namespace fs = std::filesystem;
using namespace fusebench::testing;

std::vector<ColumnSpec> specs(const TableProposal& p) {
  std::vector<ColumnSpec> out;
  for (const auto& c : p.columns) out.push_back(c.spec);
  return out;
}

TEST(ColumnGuess, ProposesTheRolesAPersonWroteForTheSameTable) {
  const fs::path dir = writeCleanDataset("guess_roles", 4, /*split=*/true);
  const auto written = loadDescription((dir / "dataset.json").string());
  ASSERT_TRUE(written.description);
  fs::remove(dir / "dataset.json");

  const TableProposal p = proposeColumns(dir.string());
  ASSERT_TRUE(p.errors.empty()) << p.errors[0].message;
  EXPECT_EQ(p.manifest, "manifest.csv");
  EXPECT_EQ(p.rows, 12u);
  ASSERT_EQ(p.columns.size(), written.description->columns.size());
  for (std::size_t i = 0; i < p.columns.size(); ++i) {
    EXPECT_EQ(p.columns[i].spec.name, written.description->columns[i].name);
    EXPECT_EQ(roleName(p.columns[i].spec.role), std::string(roleName(written.description->columns[i].role)))
        << p.columns[i].spec.name << ": " << p.columns[i].reason;
    EXPECT_FALSE(p.columns[i].reason.empty());
  }
  EXPECT_EQ(p.columns[6].spec.task, TargetTask::Classification);
  EXPECT_NE(p.columns[1].reason.find("read from the first one"), std::string::npos) << p.columns[1].reason;

  // Written as proposed: a dataset that opens, its classes read from the whole table.
  const DatasetDescription d = describeProposal(p, specs(p));
  EXPECT_EQ(d.target()->classes, (std::vector<std::string>{"bird", "cat", "dog"}));
  std::string error;
  ASSERT_TRUE(writeDescription(dir.string(), d, error)) << error;
  EXPECT_FALSE(writeDescription(dir.string(), d, error));  // never replaces one
  EXPECT_NE(error.find("exists already"), std::string::npos) << error;
  EXPECT_TRUE(Dataset::open(dir.string()).dataset);
}

TEST(ColumnGuess, FilesAreToldByContentAndRegressionAndMultiLabelTargetsByTheirValues) {
  const fs::path dir = freshDir("guess_content");
  std::string manifest = "scan,score,tags\n";
  for (int i = 0; i < 30; ++i) {
    const fs::path png = dir / "s" / (std::to_string(i) + ".png");
    writeGrayPng(png, 8, 8, 10 * i);
    fs::rename(png, dir / "s" / (std::to_string(i) + ".dat"));  // a PNG named .dat
    manifest += "s/" + std::to_string(i) + ".dat," + std::to_string(0.37 * i) + "," + (i % 2 ? "a;b" : "b") + "\n";
  }
  writeText(dir / "table.csv", manifest);
  const TableProposal p = proposeColumns((dir / "table.csv").string());
  ASSERT_TRUE(p.errors.empty()) << p.errors[0].message;
  EXPECT_EQ(p.columns[0].spec.role, ColumnRole::Image) << p.columns[0].reason;
  EXPECT_EQ(p.columns[1].spec.role, ColumnRole::Numeric);
  // No column named like a target: the last categorical one is, several labels per row.
  EXPECT_EQ(p.columns[2].spec.role, ColumnRole::Target);
  EXPECT_EQ(p.columns[2].spec.task, TargetTask::MultiLabel);
  EXPECT_EQ(describeProposal(p, specs(p)).target()->classes, (std::vector<std::string>{"a", "b"}));
}

TEST(ColumnGuess, AFolderWithoutATableIsNamedInTheMessage) {
  const fs::path dir = freshDir("guess_empty");
  const TableProposal p = proposeColumns(dir.string());
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_NE(p.errors[0].message.find(dir.string()), std::string::npos);
  EXPECT_NE(p.errors[0].message.find("no table found"), std::string::npos);
}

TEST(StarterGraph, IsValidBindsToTheDataAndIsSizedFromTheFiles) {
  const fs::path dir = writeCleanDataset("starter_graph", 4, true);
  auto opened = Dataset::open(dir.string());
  ASSERT_TRUE(opened.dataset);
  const GraphSpec g = starterGraph(*opened.dataset, mediaDecoders());
  const ShapeReport report = validateGraph(g);
  EXPECT_TRUE(report.ok()) << report.errors[0].format();
  auto node = [&g](const std::string& id) -> const NodeSpec* {
    for (const auto& n : g.nodes)
      if (n.id == id) return &n;
    return nullptr;
  };
  ASSERT_TRUE(node("image") && node("image_cnn") && node("audio") && node("title") && node("tabular") && node("fuse"));
  EXPECT_EQ(node("image")->params["channels"], 1);   // the fixture's PNGs are gray, 12..14 x 10
  EXPECT_EQ(node("image")->params["height"], 10);
  EXPECT_EQ(node("image")->params["width"], 12);
  EXPECT_EQ(node("audio")->params["sample_rate"], 8000);  // the dataset's rate
  EXPECT_EQ(node("audio")->params["seconds"], 0.5);       // 0.25 s clips, rounded up to half a second
  EXPECT_EQ(node("title")->params["max_length"], 8);      // three words, at least 8
  EXPECT_EQ(node("tabular")->params["num_numeric"], 1);
  EXPECT_EQ(node("tabular")->params["categorical"], ParamMap::array({3}));  // red, blue and the unknown value
  EXPECT_EQ(node("head")->type, "head.classification");
  EXPECT_EQ(node("head")->params["num_classes"], 4);
  std::vector<std::size_t> train;
  for (std::size_t i = 0; i < opened.dataset->size(); ++i) train.push_back(i);
  const auto pipeline = Pipeline::create(*opened.dataset, g, train);
  EXPECT_TRUE(pipeline.errors.empty()) << pipeline.errors[0].message;
}

}  // namespace
}  // namespace fusebench::data
