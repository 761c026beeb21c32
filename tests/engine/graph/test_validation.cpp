// Every validation error a user can make, each checked for its code and for naming node, port,
// expected and found.
#include <gtest/gtest.h>

#include <optional>

#include "graph/graph_json.h"
#include "graph/validate.h"
#include "graph_builder.h"

namespace fusebench {
namespace {

using testing::GraphBuilder;

// image -> small cnn -> classification head: valid.
GraphBuilder imageGraph() {
  return GraphBuilder()
      .node("img", "input.image", R"({"channels": 1, "height": 28, "width": 28})")
      .node("cnn", "image.small_cnn", R"({"depth": 2, "width": 8})")
      .node("head", "head.classification", R"({"num_classes": 10})")
      .edge("img.out", "cnn.in")
      .edge("cnn.features", "head.in");
}

// Every graph problem is worded by patterns the GUI translates, and its English texts are those patterns
// filled with its values.
void expectWorded(const Diagnostic& e) {
  EXPECT_FALSE(e.message_pattern.empty()) << e.code << ": " << e.message;
  EXPECT_EQ(fillPattern(e.message_pattern, e.args), e.message);
  EXPECT_EQ(fillPattern(e.expected_pattern, e.args), e.expected);
  EXPECT_EQ(fillPattern(e.found_pattern, e.args), e.found);
}

// A copy, so it may outlive the report (several tests validate inline).
std::optional<Diagnostic> find(const ShapeReport& r, const std::string& code) {
  for (const auto& e : r.errors)
    if (e.code == code) {
      expectWorded(e);
      return e;
    }
  return std::nullopt;
}

std::string all(const ShapeReport& r) {
  std::string s;
  for (const auto& e : r.errors) s += e.code + ": " + e.format() + "\n";
  return s;
}

TEST(Validation, ValidGraphInfersEveryShape) {
  auto r = validateGraph(imageGraph().build());
  ASSERT_TRUE(r.ok()) << all(r);
  EXPECT_EQ(r.order, (std::vector<std::string>{"img", "cnn", "head"}));
  EXPECT_EQ(r.outputs["cnn"]["features"].dims, (std::vector<int64_t>{16}));
  EXPECT_EQ(r.outputs["cnn"]["tokens"].dims, (std::vector<int64_t>{49, 16}));
  EXPECT_EQ(r.outputs["head"]["out"].dims, (std::vector<int64_t>{10}));
  EXPECT_EQ(r.head, "head");
}

TEST(Validation, ExampleProjectsAreValid) {
  for (const char* f : {"image_text_concat.fbproj", "image_audio_weighted.fbproj", "image_text_audio_attention.fbproj"}) {
    auto g = loadGraphFile(std::string(FUSEBENCH_SOURCE_DIR) + "/projects/" + f);
    ASSERT_TRUE(g.graph) << f;
    auto r = validateGraph(*g.graph);
    EXPECT_TRUE(r.ok()) << f << "\n" << all(r);
  }
}

TEST(Validation, WrongModalityIntoEncoder) {
  auto g = imageGraph().node("txt", "input.text").node("rnn", "text.rnn").edge("txt.out", "rnn.in").build();
  g.edges[0].from = {"txt", "out"};  // text into the image CNN
  auto r = validateGraph(g);
  auto e = find(r, "wrong-kind");
  ASSERT_TRUE(e) << all(r);
  EXPECT_EQ(e->node, "cnn");
  EXPECT_EQ(e->port, "in");
  EXPECT_EQ(e->expected, "image");
  EXPECT_EQ(e->found, "text [64] vocab 10000");
  EXPECT_NE(e->message.find("txt.out"), std::string::npos);
}

TEST(Validation, Cycle) {
  auto g = imageGraph()
               .node("a", "block.linear")
               .node("b", "block.linear")
               .edge("a.out", "b.in")
               .edge("b.out", "a.in")
               .build();
  auto r = validateGraph(g);
  auto e = find(r, "cycle");
  ASSERT_TRUE(e) << all(r);
  EXPECT_NE(e->message.find("a, b"), std::string::npos) << e->message;
}

TEST(Validation, UnconnectedRequiredPort) {
  auto g = imageGraph().build();
  g.edges.pop_back();
  auto r = validateGraph(g);
  auto e = find(r, "unconnected-port");
  ASSERT_TRUE(e) << all(r);
  EXPECT_EQ(e->node, "head");
  EXPECT_EQ(e->port, "in");
  EXPECT_EQ(e->expected, "features or logits");
  EXPECT_EQ(e->found, "nothing");
}

TEST(Validation, TooFewInputsOnAFusion) {
  auto g = imageGraph().node("fuse", "fusion.concat").edge("cnn.features", "fuse.in0").build();
  auto r = validateGraph(g);
  auto e = find(r, "unconnected-port");
  ASSERT_TRUE(e) << all(r);
  EXPECT_EQ(e->node, "fuse");
  EXPECT_EQ(e->expected, "at least 2");
  EXPECT_EQ(e->found, "1");
}

TEST(Validation, VariadicGapAndTooManyInputs) {
  auto g = imageGraph().node("fuse", "fusion.concat").edge("cnn.features", "fuse.in0").edge("cnn.features", "fuse.in2").build();
  auto e = find(validateGraph(g), "variadic-gap");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->port, "in");
  auto t = imageGraph().node("t", "fusion.tensor");
  for (int i = 0; i < 5; ++i) t.edge("cnn.features", "t.in" + std::to_string(i));
  auto r = validateGraph(t.build());
  auto m = find(r, "too-many-inputs");
  ASSERT_TRUE(m) << all(r);
  EXPECT_EQ(m->expected, "at most 4");
  EXPECT_EQ(m->found, "5");
}

TEST(Validation, IncompatibleDimensions) {
  auto g = imageGraph()
               .node("tab", "input.tabular", R"({"num_numeric": 3})")
               .node("mlp", "tabular.mlp", R"({"hidden": [12]})")
               .node("sum", "fusion.sum")
               .edge("tab.out", "mlp.in")
               .edge("cnn.features", "sum.in0")
               .edge("mlp.features", "sum.in1")
               .build();
  auto r = validateGraph(g);
  auto e = find(r, "incompatible-dims");
  ASSERT_TRUE(e) << all(r);
  EXPECT_EQ(e->node, "sum");
  EXPECT_EQ(e->port, "in1");
  EXPECT_EQ(e->expected, "features [16]");
  EXPECT_EQ(e->found, "features [12]");
}

TEST(Validation, ImageTooSmallForDepth) {
  auto g = imageGraph().build();
  g.nodes[1].params["depth"] = 6;  // 28 -> 0 after 5 halvings
  auto r = validateGraph(g);
  auto e = find(r, "incompatible-dims");
  ASSERT_TRUE(e) << all(r);
  EXPECT_EQ(e->node, "cnn");
  EXPECT_EQ(e->expected, "height and width >= 64");
  EXPECT_EQ(e->found, "image [1, 28, 28]");
}

TEST(Validation, LateFusionLogitsMustMatchHead) {
  auto g = imageGraph()
               .node("late", "fusion.late", R"({"num_classes": 4})")
               .edge("cnn.features", "late.in0")
               .edge("cnn.features", "late.in1")
               .build();
  g.edges[1] = EdgeSpec{{"late", "out"}, {"head", "in"}};
  auto r = validateGraph(g);
  auto e = find(r, "incompatible-dims");
  ASSERT_TRUE(e) << all(r);
  EXPECT_EQ(e->node, "head");
  EXPECT_EQ(e->expected, "10");
  EXPECT_EQ(e->found, "4");
}

TEST(Validation, NoHeadAndSeveralHeads) {
  auto g = imageGraph().build();
  g.nodes.pop_back();
  g.edges.pop_back();
  EXPECT_TRUE(find(validateGraph(g), "no-head"));
  auto two = imageGraph().node("head2", "head.regression").edge("cnn.features", "head2.in").build();
  auto e = find(validateGraph(two), "several-heads");
  ASSERT_TRUE(e);
  EXPECT_NE(e->message.find("head, head2"), std::string::npos);
}

TEST(Validation, ParameterOutOfRangeWrongTypeAndBadChoice) {
  auto g = imageGraph().build();
  g.nodes[1].params["depth"] = 0;
  g.nodes[1].params["width"] = "wide";
  g.nodes[1].params["pooling"] = "median";
  g.nodes[2].params["num_classes"] = 1;
  auto r = validateGraph(g);
  std::map<std::string, const Diagnostic*> byPort;
  for (const auto& e : r.errors) byPort[e.node + "." + e.port] = &e;
  ASSERT_TRUE(byPort.count("cnn.depth")) << all(r);
  EXPECT_EQ(byPort["cnn.depth"]->code, "param-out-of-range");
  EXPECT_EQ(byPort["cnn.depth"]->expected, "1 .. 8");
  EXPECT_EQ(byPort["cnn.depth"]->found, "0");
  ASSERT_TRUE(byPort.count("cnn.width"));
  EXPECT_EQ(byPort["cnn.width"]->code, "bad-param");
  EXPECT_EQ(byPort["cnn.width"]->found, "\"wide\"");
  ASSERT_TRUE(byPort.count("cnn.pooling"));
  EXPECT_EQ(byPort["cnn.pooling"]->expected, "max|avg|none");
  ASSERT_TRUE(byPort.count("head.num_classes"));
  EXPECT_EQ(byPort["head.num_classes"]->expected, "2 .. 100000");
}

TEST(Validation, NodeSpecificParameterRules) {
  auto g = GraphBuilder()
               .node("txt", "input.text")
               .node("tf", "text.transformer", R"({"dim": 30, "heads": 4})")
               .node("head", "head.classification")
               .edge("txt.out", "tf.in")
               .edge("tf.features", "head.in")
               .build();
  auto r = validateGraph(g);
  auto e = find(r, "param-out-of-range");
  ASSERT_TRUE(e) << all(r);
  EXPECT_EQ(e->node, "tf");
  EXPECT_EQ(e->port, "heads");
  EXPECT_NE(e->message.find("heads must divide dim (30)"), std::string::npos);
}

TEST(Validation, UnknownTypeParameterNodeAndPort) {
  auto g = imageGraph().node("mystery", "image.transformer9000").build();
  g.nodes[1].params["dpeth"] = 3;
  g.edges.push_back(EdgeSpec{{"ghost", "out"}, {"head", "in"}});
  g.edges.push_back(EdgeSpec{{"cnn", "feature"}, {"head", "in"}});
  g.edges.push_back(EdgeSpec{{"img", "out"}, {"cnn", "input"}});
  auto r = validateGraph(g);
  auto type = find(r, "unknown-type");
  ASSERT_TRUE(type) << all(r);
  EXPECT_EQ(type->node, "mystery");
  EXPECT_EQ(type->found, "image.transformer9000");
  auto param = find(r, "unknown-param");
  ASSERT_TRUE(param);
  EXPECT_EQ(param->node, "cnn");
  EXPECT_EQ(param->port, "dpeth");
  EXPECT_NE(param->expected.find("depth"), std::string::npos);
  auto node = find(r, "unknown-node");
  ASSERT_TRUE(node);
  EXPECT_EQ(node->node, "ghost");
  int ports = 0;
  for (const auto& e : r.errors)
    if (e.code == "unknown-port") {
      ++ports;
      EXPECT_TRUE((e.node == "cnn" && e.port == "feature" && e.expected == "one of features, tokens") ||
                  (e.node == "cnn" && e.port == "input" && e.expected == "one of in"))
          << e.format();
    }
  EXPECT_EQ(ports, 2);
}

TEST(Validation, PortConnectedTwice) {
  auto g = imageGraph().edge("cnn.features", "head.in").build();
  auto e = find(validateGraph(g), "port-connected-twice");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->node, "head");
  EXPECT_EQ(e->port, "in");
}

TEST(Validation, BadAndDuplicateIds) {
  auto g = imageGraph().node("cnn", "block.dropout").node("has.dot", "block.dropout").build();
  auto r = validateGraph(g);
  ASSERT_TRUE(find(r, "duplicate-id")) << all(r);
  auto bad = find(r, "bad-id");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->node, "has.dot");
}

TEST(Validation, DatasetShapesOverrideInputNodes) {
  InputShapes dataset;
  dataset["image"] = PortShape{PortKind::Image, {3, 32, 32}, {}};
  auto r = validateGraph(imageGraph().build(), builtinRegistry(), &dataset);
  ASSERT_TRUE(r.ok()) << all(r);
  EXPECT_EQ(r.outputs["img"]["out"].dims, (std::vector<int64_t>{3, 32, 32}));
  dataset["image"] = PortShape{PortKind::Text, {10}, {100}};
  auto wrong = validateGraph(imageGraph().build(), builtinRegistry(), &dataset);
  auto e = find(wrong, "wrong-kind");
  ASSERT_TRUE(e) << all(wrong);
  EXPECT_EQ(e->node, "img");
}

TEST(Validation, ErrorsComeInGraphOrder) {
  auto g = imageGraph().node("txt", "input.text").build();
  g.nodes[2].params["num_classes"] = 1;  // head: found in the parameter pass
  g.edges[0].from = {"txt", "out"};      // cnn: wrong kind, found later in the shape pass
  auto r = validateGraph(g);
  ASSERT_GE(r.errors.size(), 2u) << all(r);
  EXPECT_EQ(r.errors[0].node, "cnn");
  EXPECT_EQ(r.errors.back().node, "head");
}

TEST(Validation, ErrorsDoNotCascadeDownstream) {
  auto g = imageGraph().build();
  g.nodes[1].params["depth"] = 99;
  auto r = validateGraph(g);
  EXPECT_EQ(r.errors.size(), 1u) << all(r);
}

TEST(Diagnostic, FormatNamesEverything) {
  Diagnostic d{"wrong-kind", "fuse", "in1", "wrong kind", "features", "tokens [4, 8]"};
  EXPECT_EQ(d.format(), "node 'fuse', port 'in1': wrong kind (expected features, found tokens [4, 8])");
  Diagnostic p{"param-out-of-range", "cnn", "depth", "parameter out of range", "1 .. 8", "0"};
  EXPECT_EQ(p.format(), "node 'cnn', parameter 'depth': parameter out of range (expected 1 .. 8, found 0)");
  Diagnostic g{"cycle", "", "", "the graph has a cycle", "", ""};
  EXPECT_EQ(g.format(), "the graph has a cycle");
}

TEST(Diagnostic, PatternsAreFilledByNumber) {
  EXPECT_EQ(fillPattern("heads must divide %1 (%2)", {"dim", "30"}), "heads must divide dim (30)");
  EXPECT_EQ(fillPattern("%2 before %1", {"a", "b"}), "b before a");
  EXPECT_EQ(fillPattern("%10..%1%2", {"in", "3"}), "in0..in3");  // %1 then a literal 0
  EXPECT_EQ(fillPattern("100% sure, %3 unknown", {"a"}), "100% sure, %3 unknown");
  const Diagnostic d = worded("cycle", "", "", {"through %1", "a DAG", "%2", {"a, b", "a cycle"}});
  EXPECT_EQ(d.format(), "through a, b (expected a DAG, found a cycle)");
  EXPECT_EQ(d.message_pattern, "through %1");
}

}  // namespace
}  // namespace fusebench
