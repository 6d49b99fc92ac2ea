#include "ingest/internal/csv_reader.h"

#include <gtest/gtest.h>

namespace cordon::ingest::internal {
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

}  // namespace
}  // namespace cordon::ingest::internal
