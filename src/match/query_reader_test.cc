#include "match/query_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <tuple>

namespace cordon::match {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Every record of `text`, or the first error.
Result<std::vector<Query>> ReadAll(std::string text, std::string name = "input.csv") {
  std::unique_ptr<QueryReader> reader = QueryReader::FromString(std::move(text), std::move(name));
  std::vector<Query> out;
  while (true) {
    Query query;
    ASSIGN_OR_RETURN(bool more, reader->Next(query));
    if (!more) return out;
    out.push_back(std::move(query));
  }
}

model::PartialDate Date(int year, int month = 0, int day = 0) {
  return {static_cast<int16_t>(year), static_cast<int8_t>(month), static_cast<int8_t>(day)};
}

TEST(QueryReaderTest, CsvColumnsByNameIgnoringCase) {
  auto queries = ReadAll(
      "ID,Full Name,Schema,Date_Of_Birth,Nationality,Notes\n"
      "c1,\"PUTIN, Vladimir\",person,1952-10-07,Russia,\"likes, commas\"\n"
      "c2,Sovcomflot,Company,,RU;ua,\n");
  ASSERT_TRUE(queries.ok()) << queries.status().ToString();
  ASSERT_EQ(queries->size(), 2u);
  const Query& putin = (*queries)[0];
  EXPECT_EQ(putin.id, "c1");
  EXPECT_THAT(putin.names, ElementsAre("PUTIN, Vladimir"));
  EXPECT_EQ(putin.schema, model::Schema::kPerson);
  EXPECT_THAT(putin.birth_dates, ElementsAre(Date(1952, 10, 7)));
  EXPECT_THAT(putin.countries, ElementsAre("RU"));
  const Query& company = (*queries)[1];
  EXPECT_EQ(company.schema, model::Schema::kCompany);
  EXPECT_TRUE(company.birth_dates.empty());
  EXPECT_THAT(company.countries, ElementsAre("RU", "UA"));
}

TEST(QueryReaderTest, Latin1FieldsAreReadAsWindows1252WithAWarning) {
  // "Müller" and "Gonçalves" as a Latin-1 export writes them: ü = 0xFC, ç = 0xE7.
  auto queries = ReadAll(
      "id,name\nc1,Hans M\xFCller\nc2,Ana Gon\xE7"
      "alves\nc3,Plain Name\n",
      "latin1.csv");
  ASSERT_TRUE(queries.ok()) << queries.status().ToString();
  ASSERT_EQ(queries->size(), 3u);
  EXPECT_THAT((*queries)[0].names, ElementsAre("Hans M\xC3\xBCller"));
  EXPECT_THAT((*queries)[0].warnings,
              ElementsAre("latin1.csv:2: name: not UTF-8; read as Windows-1252"));
  EXPECT_THAT((*queries)[1].names, ElementsAre("Ana Gon\xC3\xA7\x61lves"));
  EXPECT_EQ((*queries)[1].warnings.size(), 1u);
  EXPECT_TRUE((*queries)[2].warnings.empty());
}

TEST(QueryReaderTest, NamePartsAreJoinedWhenThereIsNoName) {
  auto queries = ReadAll(
      "id,first_name,middle_name,last_name,name\n"
      "1,Ivan,Ivanovich,Petrov,\n"
      "2,Anna,,Smirnova,\n"
      "3,X,,Y,Given Name Wins\n");
  ASSERT_TRUE(queries.ok()) << queries.status().ToString();
  ASSERT_EQ(queries->size(), 3u);
  EXPECT_THAT((*queries)[0].names, ElementsAre("Ivan Ivanovich Petrov"));
  EXPECT_THAT((*queries)[1].names, ElementsAre("Anna Smirnova"));
  EXPECT_THAT((*queries)[2].names, ElementsAre("Given Name Wins"));
}

TEST(QueryReaderTest, DatesInEveryAcceptedForm) {
  auto queries = ReadAll(
      "name,dob\n"
      "a,1971\n"
      "b,1971-03\n"
      "c,1971-03-21\n"
      "d,21/03/1971\n"
      "e,21.03.1971\n"
      "f,1971; 1972\n");
  ASSERT_TRUE(queries.ok()) << queries.status().ToString();
  ASSERT_EQ(queries->size(), 6u);
  EXPECT_THAT((*queries)[0].birth_dates, ElementsAre(Date(1971)));
  EXPECT_THAT((*queries)[1].birth_dates, ElementsAre(Date(1971, 3)));
  EXPECT_THAT((*queries)[2].birth_dates, ElementsAre(Date(1971, 3, 21)));
  EXPECT_THAT((*queries)[3].birth_dates, ElementsAre(Date(1971, 3, 21)));
  EXPECT_THAT((*queries)[4].birth_dates, ElementsAre(Date(1971, 3, 21)));
  EXPECT_THAT((*queries)[5].birth_dates, ElementsAre(Date(1971), Date(1972)));
}

TEST(QueryReaderTest, VesselIdentifiersWithoutAName) {
  auto queries = ReadAll("schema;imo;mmsi\nVessel;9187629;273350730\n");  // ';' delimited
  ASSERT_TRUE(queries.ok()) << queries.status().ToString();
  ASSERT_EQ(queries->size(), 1u);
  const Query& q = (*queries)[0];
  EXPECT_TRUE(q.names.empty());
  EXPECT_EQ(q.schema, model::Schema::kVessel);
  ASSERT_EQ(q.identifiers.size(), 2u);
  EXPECT_EQ(q.identifiers[0].type, model::IdentifierType::kImo);
  EXPECT_EQ(q.identifiers[0].value, "9187629");
  EXPECT_EQ(q.identifiers[1].type, model::IdentifierType::kMmsi);
  EXPECT_EQ(q.identifiers[1].value, "273350730");
}

TEST(QueryReaderTest, QuotedFieldsHoldCommasQuotesAndLineBreaksAndLinesAreCounted) {
  std::unique_ptr<QueryReader> reader = QueryReader::FromString(
      "\xEF\xBB\xBFid,name\r\n"
      "1,\"Line\nBreak \"\"Co\"\"\"\r\n"
      "\r\n"
      "2,Second\r\n",
      "crlf.csv");
  Query q;
  ASSERT_TRUE(*reader->Next(q));
  EXPECT_EQ(reader->format(), "csv");
  EXPECT_EQ(q.id, "1");
  EXPECT_THAT(q.names, ElementsAre("Line Break \"Co\""));  // whitespace collapsed
  EXPECT_EQ(reader->row(), 1);
  EXPECT_EQ(reader->line(), 2);
  ASSERT_TRUE(*reader->Next(q));
  EXPECT_EQ(q.id, "2");
  EXPECT_EQ(reader->row(), 2);
  EXPECT_EQ(reader->line(), 5);
  Result<bool> end = reader->Next(q);
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
}

TEST(QueryReaderTest, BadRecordNamesFileLineAndFieldAndReadingGoesOn) {
  std::unique_ptr<QueryReader> reader = QueryReader::FromString(
      "id,name,date_of_birth,country\n"
      "1,Good,1970,RU\n"
      "2,Bad Date,31/31/1980,RU\n"
      "3,Bad Country,1970,Atlantis\n"
      "4,,,\n"
      "5,Too,Many,Fields,Here\n"
      "6,Last,,\n",
      "customers.csv");
  Query q;
  ASSERT_TRUE(*reader->Next(q));
  // A field that cannot be read is left out with a warning; the record is still screened.
  Result<bool> bad_date = reader->Next(q);
  ASSERT_TRUE(bad_date.ok());
  EXPECT_THAT(q.names, ElementsAre("Bad Date"));
  EXPECT_TRUE(q.birth_dates.empty());
  EXPECT_THAT(q.countries, ElementsAre("RU"));
  EXPECT_THAT(q.warnings, ElementsAre("customers.csv:3: date_of_birth: '31/31/1980' is not a date "
                                      "(YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY), ignored"));
  EXPECT_EQ(reader->row(), 2);
  Result<bool> bad_country = reader->Next(q);
  ASSERT_TRUE(bad_country.ok());
  EXPECT_TRUE(q.countries.empty());
  EXPECT_THAT(q.warnings,
              ElementsAre("customers.csv:4: country: unknown country 'Atlantis', ignored"));
  Result<bool> nameless = reader->Next(q);
  ASSERT_FALSE(nameless.ok());
  EXPECT_EQ(nameless.status().message(),
            "customers.csv:5: the record has no name and no identifier");
  Result<bool> too_many = reader->Next(q);
  ASSERT_FALSE(too_many.ok());
  EXPECT_THAT(too_many.status().message(),
              HasSubstr("customers.csv:6: 5 fields, but the header has 4"));
  ASSERT_TRUE(*reader->Next(q));
  EXPECT_EQ(q.id, "6");
  EXPECT_EQ(reader->row(), 6);
}

TEST(QueryReaderTest, HeaderWithoutNameColumnEndsTheRead) {
  std::unique_ptr<QueryReader> reader =
      QueryReader::FromString("customer|label\n1|Ivan\n", "pipes.csv");
  Query q;
  Result<bool> first = reader->Next(q);
  ASSERT_FALSE(first.ok());
  EXPECT_THAT(first.status().message(),
              HasSubstr("pipes.csv:1: the header has no name, first_name/last_name or "
                        "identifier column (it has: customer|label)"));
  EXPECT_EQ(reader->Next(q).status(), first.status());
}

TEST(QueryReaderTest, UnterminatedQuoteEndsTheReadWithItsLine) {
  auto queries = ReadAll("name\nA\n\"B\nC\n");
  ASSERT_FALSE(queries.ok());
  EXPECT_EQ(queries.status().message(), "input.csv:3: unterminated quoted field");
}

TEST(QueryReaderTest, JsonLinesInFtmShape) {
  auto queries = ReadAll(
      R"({"id": "q1", "schema": "Person", "properties": {"name": ["Vladimir Putin", "Putin V."],)"
      R"( "birthDate": ["1952-10-07"], "nationality": ["ru"], "passportNumber": ["123"]}})"
      "\n\n"
      R"({"id": 7, "schema": "Vessel", "properties": {"imoNumber": "9187629", "flag": ["Panama"]}})"
      "\n"
      R"({"schema": "Person", "properties": {"firstName": ["Ivan"], "lastName": ["Petrov"]}})"
      "\n"
      R"({"name": "Flat Form Ltd", "country": "GB"})",
      "in.jsonl");
  ASSERT_TRUE(queries.ok()) << queries.status().ToString();
  ASSERT_EQ(queries->size(), 4u);
  const Query& putin = (*queries)[0];
  EXPECT_EQ(putin.id, "q1");
  EXPECT_EQ(putin.schema, model::Schema::kPerson);
  EXPECT_THAT(putin.names, ElementsAre("Vladimir Putin", "Putin V."));
  EXPECT_THAT(putin.birth_dates, ElementsAre(Date(1952, 10, 7)));
  EXPECT_THAT(putin.countries, ElementsAre("RU"));
  ASSERT_EQ(putin.identifiers.size(), 1u);
  EXPECT_EQ(putin.identifiers[0].type, model::IdentifierType::kPassport);
  const Query& vessel = (*queries)[1];
  EXPECT_EQ(vessel.id, "7");
  EXPECT_TRUE(vessel.names.empty());
  EXPECT_THAT(vessel.countries, ElementsAre("PA"));
  ASSERT_EQ(vessel.identifiers.size(), 1u);
  EXPECT_EQ(vessel.identifiers[0].type, model::IdentifierType::kImo);
  EXPECT_THAT((*queries)[2].names, ElementsAre("Ivan Petrov"));
  EXPECT_THAT((*queries)[3].names, ElementsAre("Flat Form Ltd"));
  EXPECT_THAT((*queries)[3].countries, ElementsAre("GB"));
}

// The reader takes FtM's properties from the one table the FtM list parser reads (model/ftm.h):
// an identifier a list entity would carry is read from a query too, typed by the schema.
TEST(QueryReaderTest, FtmPropertiesAreReadAsTheListParserReadsThem) {
  auto queries =
      ReadAll(R"({"schema": "Company", "properties": {"name": "Rosneft", "vatCode": "DE1",)"
              R"( "idNumber": "77", "kppCode": "K9", "mainCountry": "ru", "birthCountry": "de"}})"
              "\n"
              R"({"properties": {"name": "Ivan Petrov", "idNumber": "4509"}})",
              "in.jsonl");
  ASSERT_TRUE(queries.ok()) << queries.status().ToString();
  ASSERT_EQ(queries->size(), 2u);
  const Query& company = (*queries)[0];
  EXPECT_THAT(company.countries, ElementsAre("RU"));  // a birth country is not a nationality
  ASSERT_EQ(company.identifiers.size(), 3u);
  // A company's idNumber is looked up as the lists file it (OFAC: "National ID No.").
  EXPECT_EQ(company.identifiers[0].type, model::IdentifierType::kNationalId);
  EXPECT_EQ(company.identifiers[1].type, model::IdentifierType::kTaxId);  // vatCode
  EXPECT_EQ(company.identifiers[2].value, "K9");
  ASSERT_EQ((*queries)[1].identifiers.size(), 1u);
  EXPECT_EQ((*queries)[1].identifiers[0].type, model::IdentifierType::kNationalId);
}

TEST(QueryReaderTest, BadJsonLineNamesLineAndField) {
  std::unique_ptr<QueryReader> reader = QueryReader::FromString(
      "  {\"properties\": {\"name\": [\"A\"]}}\n"
      "{\"properties\": {\"name\": [\"B\"], \"birthDate\": [\"yesterday\"]}}\n"
      "{\"properties\": {\"name\": [1.5, {\"x\": 1}]}}\n"
      "{not json\n"
      "{\"schema\": \"Thing\", \"properties\": {\"name\": [\"C\"]}}\n"
      "{\"properties\": {\"name\": [\"D\"]}}\n",
      "in.jsonl");
  Query q;
  ASSERT_TRUE(*reader->Next(q));
  EXPECT_EQ(reader->format(), "jsonl");
  ASSERT_TRUE(*reader->Next(q));
  ASSERT_EQ(q.warnings.size(), 1u);
  EXPECT_THAT(q.warnings[0],
              HasSubstr("in.jsonl:2: properties.birthDate: 'yesterday' is not a date"));
  EXPECT_EQ(reader->Next(q).status().message(), "in.jsonl:3: properties.name: expected strings");
  EXPECT_THAT(reader->Next(q).status().message(), HasSubstr("in.jsonl:4: not a JSON object"));
  EXPECT_THAT(reader->Next(q).status().message(), HasSubstr("in.jsonl:5: schema: 'Thing'"));
  ASSERT_TRUE(*reader->Next(q));
  EXPECT_THAT(q.names, ElementsAre("D"));
  EXPECT_EQ(reader->row(), 6);
}

// Many rows across many blocks: row and line numbers and quoted line breaks survive the
// block boundaries, and every record comes back once, in order.
TEST(QueryReaderTest, LargeCsvIsReadInBlocksWithExactLineNumbers) {
  std::string csv = "id,name,country\n";
  const int kRows = 60000;  // about 3 MiB: several blocks
  for (int i = 1; i <= kRows; ++i) {
    if (i % 1000 == 0) {
      csv += std::to_string(i) + ",\"Multi\nLine \"\"" + std::to_string(i) + "\"\"\",RU\n";
    } else {
      csv += std::to_string(i) + ",Person Number " + std::to_string(i) + ",DE\n";
    }
  }
  std::unique_ptr<QueryReader> reader = QueryReader::FromString(csv, "big.csv");
  Query q;
  int64_t expected_line = 2;
  for (int i = 1; i <= kRows; ++i) {
    Result<bool> r = reader->Next(q);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(*r) << i;
    ASSERT_EQ(q.id, std::to_string(i));
    ASSERT_EQ(reader->row(), i);
    ASSERT_EQ(reader->line(), expected_line) << i;
    if (i % 1000 == 0) {
      ASSERT_THAT(q.names, ElementsAre("Multi Line \"" + std::to_string(i) + "\""));
      expected_line += 2;
    } else {
      expected_line += 1;
    }
  }
  EXPECT_FALSE(*reader->Next(q));
}

// Blocks of every small size cut the input everywhere: inside quotes, between doubled quotes,
// in CRLF pairs and in the byte order mark. The records and their lines must not change.
TEST(QueryReaderTest, EveryBlockSizeReadsTheSameRecords) {
  const std::string csv =
      "\xEF\xBB\xBFid,name,nationality\r\n"
      "1,\"A \"\"q\"\"\nB\",RU\r\n"
      "\r\n"
      "2,\"\"\"\"\"\",DE\n"
      "3,C,\"United Kingdom\"\n"
      "4,\"D,E\",";
  const std::string jsonl =
      "{\"id\":\"1\",\"properties\":{\"name\":[\"A\"]}}\r\n\n"
      "{\"id\":\"2\",\"properties\":{\"name\":[\"B\\nC\"]}}";
  for (size_t block = 1; block <= 24; ++block) {
    std::unique_ptr<QueryReader> reader =
        QueryReader::FromString(csv, "small.csv", {.block_bytes = block});
    std::vector<std::tuple<std::string, std::string, std::string, int64_t>> got;
    Query q;
    while (true) {
      Result<bool> r = reader->Next(q);
      ASSERT_TRUE(r.ok()) << "block " << block << ": " << r.status().ToString();
      if (!*r) break;
      got.emplace_back(q.id, q.names.empty() ? "" : q.names[0],
                       q.countries.empty() ? "" : q.countries[0], reader->line());
    }
    using Row = std::tuple<std::string, std::string, std::string, int64_t>;
    EXPECT_THAT(got, ElementsAre(Row{"1", "A \"q\" B", "RU", 2}, Row{"2", "\"\"", "DE", 5},
                                 Row{"3", "C", "GB", 6}, Row{"4", "D,E", "", 7}))
        << "block " << block;

    reader = QueryReader::FromString(jsonl, "small.jsonl", {.block_bytes = block});
    ASSERT_TRUE(*reader->Next(q));
    EXPECT_EQ(q.id, "1");
    ASSERT_TRUE(*reader->Next(q)) << "block " << block;
    EXPECT_EQ(q.id, "2");
    EXPECT_THAT(q.names, ElementsAre("B C"));
    EXPECT_EQ(reader->line(), 3);
    EXPECT_FALSE(*reader->Next(q));
  }
}

TEST(QueryReaderTest, EmptyInputHasNoRecords) {
  auto queries = ReadAll("  \n");
  ASSERT_TRUE(queries.ok());
  EXPECT_TRUE(queries->empty());
}

TEST(QueryReaderTest, OpenReportsAMissingFile) {
  Result<std::unique_ptr<QueryReader>> reader = QueryReader::Open("/nonexistent/customers.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(reader.status().message(), HasSubstr("/nonexistent/customers.csv"));
}

TEST(QueryReaderTest, OpenReadsAFile) {
  const auto path = std::filesystem::temp_directory_path() / "cordon_query_reader_test.csv";
  std::ofstream(path) << "name\nIvan Petrov\n";
  Result<std::unique_ptr<QueryReader>> reader = QueryReader::Open(path.string());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Query q;
  ASSERT_TRUE(*(*reader)->Next(q));
  EXPECT_THAT(q.names, ElementsAre("Ivan Petrov"));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace cordon::match
