#pragma once
// A small three-input project (image, title, tabular) and a quick recipe, shared by the trainer tests.
#include <filesystem>

#include "graph_builder.h"
#include "project/project_file.h"
#include "train/train_config.h"

namespace fusebench::train {

inline ProjectFile tinyProject(const std::filesystem::path& datasetDir) {
  ProjectFile p;
  p.name = "tiny";
  p.dataset_path = datasetDir.string();
  p.graph = fusebench::testing::GraphBuilder()
                .node("image", "input.image", R"({"channels": 1, "height": 8, "width": 8})")
                .node("title", "input.text", R"({"field": "title", "max_length": 4, "vocab_size": 20})")
                .node("tab", "input.tabular")
                .node("ie", "image.small_cnn", R"({"depth": 1, "width": 4})")
                .node("te", "text.bag_of_embeddings", R"({"dim": 4})")
                .node("tm", "tabular.mlp", R"({"hidden": [4]})")
                .node("fuse", "fusion.concat")
                .node("head", "head.classification", R"({"num_classes": 4})")
                .edge("image.out", "ie.in")
                .edge("title.out", "te.in")
                .edge("tab.out", "tm.in")
                .edge("ie.features", "fuse.in0")
                .edge("te.features", "fuse.in1")
                .edge("tm.features", "fuse.in2")
                .edge("fuse.out", "head.in")
                .build();
  return p;
}

inline TrainConfig quick(int64_t epochs) {
  TrainConfig c;
  c.epochs = epochs;
  c.batch_size = 8;
  c.lr = 0.01;
  c.threads = 1;
  c.loader_threads = 2;
  c.seed = 5;
  return c;
}

}  // namespace fusebench::train
