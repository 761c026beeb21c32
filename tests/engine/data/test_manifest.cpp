#include <gtest/gtest.h>

#include "data/dataset_description.h"
#include "data/manifest.h"

namespace fusebench::data {
namespace {

TEST(Csv, QuotesEmbeddedSeparatorsNewlinesCrlfAndBom) {
  auto r = readCsv("\xEF\xBB\xBFid,text,label\r\n1,\"hello, \"\"world\"\"\",a\r\n2,\"two\nlines\",b\r\n\r\n3,,c\n", "m.csv");
  ASSERT_TRUE(r.manifest) << r.errors[0].message;
  const auto& m = *r.manifest;
  EXPECT_EQ(m.header, (std::vector<std::string>{"id", "text", "label"}));
  ASSERT_EQ(m.rowCount(), 3u);
  EXPECT_EQ(m.cell(0, 1).text, "hello, \"world\"");
  EXPECT_EQ(m.cell(1, 1).text, "two\nlines");
  EXPECT_TRUE(m.cell(2, 1).missing);
  EXPECT_EQ(m.line(0), 2u);
  EXPECT_EQ(m.line(1), 3u);
  EXPECT_EQ(m.line(2), 6u);
}

TEST(Csv, WrongFieldCountAndUnterminatedQuoteNameTheLine) {
  auto r = readCsv("a,b\n1,2\n3\n4,5,6\n", "m.csv");
  ASSERT_FALSE(r.manifest);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].message, "m.csv:3: expected 2 fields, found 1");
  EXPECT_EQ(r.errors[1].message, "m.csv:4: expected 2 fields, found 3");
  auto q = readCsv("a,b\n1,\"open\n", "q.csv");
  ASSERT_FALSE(q.manifest);
  EXPECT_EQ(q.errors[0].message, "q.csv:2: unterminated quoted field");
  EXPECT_FALSE(readCsv("", "e.csv").manifest);
}

TEST(CsvEscape, RoundTrips) {
  const std::string nasty = "a,\"b\"\nc";
  auto r = readCsv("x\n" + csvEscape(nasty) + "\n", "m.csv");
  ASSERT_TRUE(r.manifest);
  EXPECT_EQ(r.manifest->cell(0, 0).text, nasty);
  EXPECT_EQ(csvEscape("plain"), "plain");
}

TEST(JsonLines, ArraysNullsNumbersAndBadLines) {
  auto r = readJsonLines("{\"id\": 1, \"labels\": [\"a\", \"b\"], \"text\": null}\n\n{\"id\": 2, \"text\": \"hi\", \"extra\": 3.5}\n", "m.jsonl");
  ASSERT_TRUE(r.manifest);
  const auto& m = *r.manifest;
  EXPECT_EQ(m.header, (std::vector<std::string>{"id", "labels", "text", "extra"}));
  EXPECT_TRUE(m.cell(0, 1).is_array);
  EXPECT_EQ(m.cell(0, 1).items, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(m.cell(0, 2).missing);
  EXPECT_TRUE(m.cell(0, 3).missing);
  EXPECT_EQ(m.cell(1, 3).text, "3.5");
  EXPECT_EQ(m.line(0), 1u);
  EXPECT_EQ(m.line(1), 3u);
  auto bad = readJsonLines("{\"a\": 1}\n[1, 2]\n{oops\n", "b.jsonl");
  ASSERT_FALSE(bad.manifest);
  EXPECT_EQ(bad.errors[0].message, "b.jsonl:2: each line must be a JSON object");
  EXPECT_EQ(bad.errors[1].message, "b.jsonl:3: invalid JSON");
}

TEST(Csv, LoneQuotesAndCarriageReturnsInsideUnquotedFieldsAreKept) {
  auto r = readCsv("a,b\nsay \"hi\",x\ry\n", "m.csv");
  ASSERT_TRUE(r.manifest) << r.errors[0].message;
  EXPECT_EQ(r.manifest->cell(0, 0).text, "say \"hi\"");
  EXPECT_EQ(r.manifest->cell(0, 1).text, "x\ry");
}

TEST(Manifest, HoldsLittleMoreThanItsTextAndEightBytesACell) {
  std::string csv = "id,path,label,score\n";
  for (int i = 0; i < 20000; ++i)
    csv += std::to_string(i) + ",images/sample-" + std::to_string(i) + ".png,class" + std::to_string(i % 7) + ",0.5\n";
  auto r = readCsv(csv, "m.csv");
  ASSERT_TRUE(r.manifest);
  EXPECT_EQ(r.manifest->rowCount(), 20000u);
  EXPECT_EQ(r.manifest->text(19999, 1), "images/sample-19999.png");
  // Text, 8 bytes a cell and 8 a row; vectors may hold up to twice what they use.
  const std::size_t tight = csv.size() + 20000 * (4 * 8 + 8);
  EXPECT_LT(r.manifest->bytes(), 2 * tight);
}

TEST(JsonLines, OutOfRangeNumbersAreInvalidJsonNotACrash) {
  auto r = readJsonLines("{\"a\": 1}\n{\"a\": 1e309}\n", "big.jsonl");
  ASSERT_FALSE(r.manifest);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "big.jsonl:2: invalid JSON");
}

TEST(Description, ReadsRolesTasksAndClasses) {
  auto r = descriptionFromText(R"({"format": "fusebench-dataset", "version": 1, "manifest": "rows.jsonl",
    "columns": [{"name": "img", "role": "image"}, {"name": "tags", "role": "target", "task": "multilabel",
    "classes": ["a", "b"], "separator": "|"}, {"name": "fold", "role": "split"}]})", "d.json");
  ASSERT_TRUE(r.description) << r.errors[0].message;
  EXPECT_EQ(r.description->target()->task, TargetTask::MultiLabel);
  EXPECT_EQ(r.description->target()->label_separator, "|");
  EXPECT_EQ(r.description->withRole(ColumnRole::Split).size(), 1u);
  auto back = descriptionFromText(descriptionToText(*r.description), "again.json");
  ASSERT_TRUE(back.description);
  EXPECT_EQ(back.description->target()->classes, (std::vector<std::string>{"a", "b"}));
}

TEST(Description, ErrorsNameFileAndPlace) {
  auto r = descriptionFromText(R"({"format": "fusebench-dataset", "version": 1, "manifest": "x.txt",
    "columns": [{"name": "a", "role": "picture"}, {"name": "b"}, {"name": "c", "role": "target", "task": "ranking"}]})", "d.json");
  ASSERT_FALSE(r.description);
  std::string all;
  for (const auto& e : r.errors) all += e.message + "\n";
  EXPECT_NE(all.find("d.json: manifest: 'x.txt' must end in .csv or .jsonl"), std::string::npos) << all;
  EXPECT_NE(all.find("d.json: columns[0].role: unknown role 'picture'"), std::string::npos) << all;
  EXPECT_NE(all.find("d.json: columns[1]: each column needs"), std::string::npos) << all;
  EXPECT_NE(all.find("d.json: columns[2].task: unknown task 'ranking'"), std::string::npos) << all;
  auto two = descriptionFromText(R"({"format": "fusebench-dataset", "version": 1, "columns": [{"name": "a", "role": "image"},
    {"name": "b", "role": "target"}, {"name": "c", "role": "target"}]})", "n.json");
  ASSERT_FALSE(two.description);
  EXPECT_NE(two.errors[0].message.find("at most one column may have the role 'target'"), std::string::npos);
}

TEST(Description, AnUnlabeledDatasetHasNoTarget) {  // for prediction; training refuses it (test_pipeline)
  auto r = descriptionFromText(R"({"format": "fusebench-dataset", "version": 1, "columns": [{"name": "a", "role": "image"}]})", "n.json");
  ASSERT_TRUE(r.description);
  EXPECT_EQ(r.description->target(), nullptr);
}

}  // namespace
}  // namespace fusebench::data
