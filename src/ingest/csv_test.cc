#include "ingest/csv.h"

#include <gtest/gtest.h>

namespace cordon::ingest {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view input, CsvOptions options = {}) {
  CsvReader reader(input, options);
  CsvRecord record;
  std::vector<std::vector<std::string>> out;
  while (reader.Next(&record)) out.emplace_back(record.fields.begin(), record.fields.end());
  EXPECT_TRUE(reader.status().ok()) << reader.status().ToString();
  return out;
}

TEST(CsvReaderTest, OfacLegacyLineWithNullsAndDosEof) {
  auto rows = ReadAll("306,\"BANCO NACIONAL DE CUBA\",-0- ,\"CUBA\"\r\n\x1A");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"306", "BANCO NACIONAL DE CUBA", "-0- ", "CUBA"}));
}

TEST(CsvReaderTest, QuotedDelimitersNewlinesAndDoubledQuotes) {
  auto rows = ReadAll("a,\"b,\"\"c\"\"\nd\",e\nf,g\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][1], "b,\"c\"\nd");
  EXPECT_EQ(rows[1][0], "f");
}

TEST(CsvReaderTest, LineNumbersCountEmbeddedNewlines) {
  CsvReader reader("x,\"1\n2\"\n\ny\n");
  CsvRecord record;
  ASSERT_TRUE(reader.Next(&record));
  EXPECT_EQ(record.line, 1);
  ASSERT_TRUE(reader.Next(&record));
  EXPECT_EQ(record.line, 4);
  EXPECT_EQ(record.fields[0], "y");
  EXPECT_FALSE(reader.Next(&record));
}

TEST(CsvReaderTest, TabSeparatedAndTrailingEmptyField) {
  auto rows = ReadAll("\"a\"\t\"\"\t\n", {.delimiter = '\t'});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "", ""}));
}

TEST(CsvReaderTest, UnterminatedQuoteIsCorruptionWithLine) {
  CsvReader reader("a,b\nc,\"oops\n");
  CsvRecord record;
  ASSERT_TRUE(reader.Next(&record));
  EXPECT_FALSE(reader.Next(&record));
  EXPECT_EQ(reader.status().code(), StatusCode::kCorruption);
  EXPECT_NE(reader.status().message().find("line 2"), std::string::npos);
}

CsvRecord Record(std::string_view line, CsvOptions options = {}) {
  CsvReader reader(line, options);
  CsvRecord record;
  EXPECT_TRUE(reader.Next(&record));
  return record;
}

TEST(CsvHeaderTest, ColumnsAreFoundWithoutCaseOrBlanks) {
  // OFSI writes "Name 6", the CSL "name", the DPL "Name" in quotes; a hand-made file may pad.
  const CsvRecord header_record = Record("\"Name\", NAME  6 ,_id,source\n");
  const CsvHeader header(header_record);
  EXPECT_EQ(header.size(), 4u);
  EXPECT_EQ(header.Find("name"), 0);
  EXPECT_EQ(header.Find("Name 6"), 1);
  EXPECT_EQ(header.Find(" _ID "), 2);
  EXPECT_EQ(header.Find("country"), -1);
  EXPECT_EQ(header.FindAll(std::array<std::string_view, 3>{"source", "missing", "name"}),
            (std::array<int, 3>{3, -1, 0}));
}

TEST(CsvHeaderTest, TheFirstOfTwoColumnsWithOneNameCounts) {
  // The EU FSF 1.0 header repeats Entity_logical_id in each group; the first is the entity's.
  const CsvHeader header(Record("Entity_logical_id;x;Entity_logical_id\n", {.delimiter = ';'}));
  EXPECT_EQ(header.Find("entity_logical_id"), 0);
}

TEST(CsvHeaderTest, FieldIsStrippedAndEmptyWhenTheColumnIsMissing) {
  const CsvRecord row = Record("  a  ,b\n");
  EXPECT_EQ(CsvHeader::Field(row, 0), "a");
  EXPECT_EQ(CsvHeader::Field(row, 1), "b");
  EXPECT_EQ(CsvHeader::Field(row, 2), "");   // a short row
  EXPECT_EQ(CsvHeader::Field(row, -1), "");  // a column the header lacks
}

TEST(CsvHeaderTest, ARepeatedHeaderLineIsRecognisedByteForByte) {
  const CsvHeader header(Record("name,source\n"));
  EXPECT_TRUE(header.IsRepeatedBy(Record("name,source\n")));
  EXPECT_FALSE(header.IsRepeatedBy(Record("Name,source\n")));
  EXPECT_FALSE(header.IsRepeatedBy(Record("name,source,extra\n")));
}

TEST(CsvHeaderTest, TheHeaderOwnsItsNames) {
  CsvHeader header;
  {
    const std::string input = "owner,asset\n";
    header = CsvHeader(Record(input));
  }  // the input and the record are gone
  EXPECT_EQ(header.Find("asset"), 1);
  EXPECT_TRUE(header.IsRepeatedBy(Record("owner,asset\n")));
}

}  // namespace
}  // namespace cordon::ingest
