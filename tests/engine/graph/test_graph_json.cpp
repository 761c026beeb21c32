#include <gtest/gtest.h>

#include "graph/graph_json.h"
#include "graph_builder.h"

namespace fusebench {
namespace {

const char* kGraph = R"({
  "schema_version": 1,
  "name": "demo",
  "nodes": [
    {
      "id": "img",
      "type": "input.image",
      "params": {
        "width": 28,
        "height": 28,
        "channels": 1
      },
      "position": [
        -12.5,
        0.1
      ]
    },
    {
      "id": "cnn",
      "type": "image.small_cnn",
      "params": {},
      "position": [
        200.0,
        3.0000000000000004
      ]
    }
  ],
  "edges": [
    {
      "from": "img.out",
      "to": "cnn.in"
    }
  ]
}
)";

TEST(GraphJson, TextRoundTripIsExact) {
  auto r = graphFromText(kGraph);
  ASSERT_TRUE(r.graph) << r.errors[0].format();
  EXPECT_EQ(graphToText(*r.graph), kGraph);
}

TEST(GraphJson, SpecRoundTripIsEqualAndKeepsParameterOrder) {
  auto g = testing::GraphBuilder()
               .node("a", "input.tabular", R"({"num_numeric": 3, "field": "vitals", "categorical": [2, 5]})")
               .node("b", "tabular.mlp", R"({"hidden": [8], "dropout": 0.25})")
               .edge("a.out", "b.in")
               .build();
  g.name = "ünïcödé name";
  g.nodes[1].x = 1.0 / 3.0;
  auto back = graphFromText(graphToText(g));
  ASSERT_TRUE(back.graph);
  EXPECT_EQ(*back.graph, g);
  EXPECT_EQ(back.graph->nodes[0].params.begin().key(), "num_numeric");
  EXPECT_EQ(back.graph->nodes[1].x, 1.0 / 3.0);
}

TEST(GraphJson, SyntaxErrorNamesLineAndColumn) {
  auto r = graphFromText("{\n  \"schema_version\": 1,\n  \"nodes\": [,]\n}");
  ASSERT_FALSE(r.graph);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("line 3"), std::string::npos) << r.errors[0].message;
}

TEST(GraphJson, StructuralErrorsNameTheirPath) {
  auto r = graphFromText(R"({"schema_version": 1, "nodes": [{"id": "a"}, {"id": 3, "type": "x"}, 7,
    {"id": "b", "type": "input.image", "params": [], "position": [1]}],
    "edges": [{"from": "a", "to": "b.in"}, {"from": "a.out"}], "extra": true})");
  ASSERT_FALSE(r.graph);
  std::vector<std::string> messages;
  for (const auto& e : r.errors) messages.push_back(e.message);
  auto has = [&](const std::string& text) {
    return std::any_of(messages.begin(), messages.end(), [&](const auto& m) { return m.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("nodes[0]: 'type' is missing"));
  EXPECT_TRUE(has("nodes[1].id: expected a string, found number"));
  EXPECT_TRUE(has("nodes[2]: expected an object"));
  EXPECT_TRUE(has("nodes[3].params: expected an object"));
  EXPECT_TRUE(has("nodes[3].position: expected [x, y]"));
  EXPECT_TRUE(has("edges[0].from: 'a' is not of the form node.port"));
  EXPECT_TRUE(has("edges[1]: 'to' is missing"));
  EXPECT_TRUE(has("unknown key 'extra'"));
}

TEST(GraphJson, NewerSchemaVersionIsRefusedClearly) {
  auto r = graphFromText(R"({"schema_version": 99, "nodes": [], "edges": []})");
  ASSERT_FALSE(r.graph);
  EXPECT_NE(r.errors[0].message.find("unsupported graph schema version 99"), std::string::npos);
}

TEST(GraphJson, LoadGraphFileReadsProjectsAndReportsMissingFiles) {
  auto r = loadGraphFile(std::string(FUSEBENCH_SOURCE_DIR) + "/projects/image_text_concat.fbproj");
  ASSERT_TRUE(r.graph);
  EXPECT_EQ(r.graph->nodes.size(), 7u);
  auto missing = loadGraphFile("/nonexistent/graph.json");
  ASSERT_FALSE(missing.graph);
  EXPECT_NE(missing.errors[0].message.find("cannot open '/nonexistent/graph.json'"), std::string::npos);
}

TEST(GraphJson, PortRefParsing) {
  PortRef r;
  EXPECT_TRUE(parsePortRef("fuse.in0", r));
  EXPECT_EQ(r.node, "fuse");
  EXPECT_EQ(r.port, "in0");
  EXPECT_FALSE(parsePortRef("fuse", r));
  EXPECT_FALSE(parsePortRef(".in", r));
  EXPECT_FALSE(parsePortRef("fuse.", r));
}

}  // namespace
}  // namespace fusebench
