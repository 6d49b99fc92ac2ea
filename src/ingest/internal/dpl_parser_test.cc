#include "ingest/internal/dpl_parser.h"

#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <string>

#include "ingest/internal/test_support.h"

namespace cordon::ingest::internal {
namespace {

using model::CountryRole;
using model::NameKind;
using model::Regime;
using model::Schema;

constexpr char kSource[] = "us_bis_dpl";

// Parsed once: the tests below only read it.
const ParsedList& ParseRealDpl() {
  static const ParsedList list = [] {
    const std::string bytes = ReadRealList("export_controls/dpl.txt");
    std::unique_ptr<ListParser> parser = NewDplParser();
    return ParseDocument(*parser, kSource, "dpl.txt", bytes);
  }();
  return list;
}

ParsedList ParseText(const std::string& name, const std::string& text) {
  std::unique_ptr<ListParser> parser = NewDplParser();
  return ParseDocument(*parser, kSource, name, text);
}

const Diagnostic* FindDiagnostic(const ParsedList& list, int64_t line, const std::string& part) {
  for (const Diagnostic& d : list.diagnostics.diagnostics()) {
    if (d.line == line && d.message.find(part) != std::string::npos) return &d;
  }
  return nullptr;
}

TEST(DplParserTest, FormatNameIsStable) { EXPECT_EQ(NewDplParser()->format(), "us-bis-dpl"); }

// 665 rows; rows of one denial (same name up to punctuation, same Effective_Date) are one entity.
TEST(DplParserTest, RealFileGroupsRowsIntoDenials) {
  const ParsedList& list = ParseRealDpl();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities.size(), 546u);
  std::map<Schema, int> by_schema;
  for (const model::Entity& e : list.entities) ++by_schema[e.schema];
  EXPECT_EQ(by_schema[Schema::kLegalEntity], 460);
  EXPECT_EQ(by_schema[Schema::kCompany], 70);
  EXPECT_EQ(by_schema[Schema::kPerson], 16);
  EXPECT_EQ(CheckEntityInvariants(list, kSource), "");
  EXPECT_EQ(list.metadata.published, "2023-11-28");  // latest plausible Last_Update
  EXPECT_EQ(list.metadata.declared_count, -1);
}

// The real file's dirty data: each defect is a warning and the record is kept.
TEST(DplParserTest, RealFileDirtyDataGivesFiveWarnings) {
  const ParsedList& list = ParseRealDpl();
  EXPECT_EQ(list.diagnostics.error_count(), 0u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.warning_count(), 5u) << list.DiagnosticsText();
  const Diagnostic* d = FindDiagnostic(list, 316, "Last_Update '3033-09-30'");
  ASSERT_NE(d, nullptr) << list.DiagnosticsText();
  EXPECT_EQ(d->file, "dpl.txt");
  EXPECT_EQ(d->record_id, "JOSE-ERNESTO-GARCIA-20220926");
  EXPECT_EQ(d->severity, Diagnostic::Severity::kWarning);
  EXPECT_NE(FindDiagnostic(list, 26, "Last_Update '1023-11-01'"), nullptr);
  EXPECT_NE(FindDiagnostic(list, 218, "Last_Update '1023-11-01'"), nullptr);
  EXPECT_NE(FindDiagnostic(list, 57, "before the Effective_Date '11/30/2021'"), nullptr);
  EXPECT_NE(FindDiagnostic(list, 593, "Country 'NM' is a US state code"), nullptr);
  EXPECT_NE(list.Find("us_bis_dpl:JOSE-ERNESTO-GARCIA-20220926"), nullptr);
}

// Lines 665-666: one person, a US address without a country and a Chinese one.
TEST(DplParserTest, ZimoShengHasBothAddressesOfHisDenial) {
  const ParsedList& list = ParseRealDpl();
  const model::Entity* e = list.Find("us_bis_dpl:ZIMO-SHENG-20200316");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kLegalEntity);  // the list does not say person or company
  EXPECT_EQ(e->provenance.record_id, "ZIMO-SHENG-20200316");
  EXPECT_EQ(e->provenance.format, "us-bis-dpl");
  ASSERT_EQ(e->names.size(), 1u);
  EXPECT_EQ(e->names[0], (model::Name{.full = "ZIMO SHENG", .kind = NameKind::kPrimary}));
  ASSERT_EQ(e->addresses.size(), 2u);
  EXPECT_EQ(e->addresses[0], (model::Address{.full = "3975 N. CRAMER STREET, UNIT 204, MILWAUKEE, "
                                                     "WI, 53211, US",
                                             .street = "3975 N. CRAMER STREET, UNIT 204",
                                             .city = "MILWAUKEE",
                                             .postal_code = "53211",
                                             .region = "WI",
                                             .country_code = "US"}));
  EXPECT_EQ(e->addresses[1], (model::Address{.full = "JINXIUYUAN 17-403, CHANGSHU, JIANGSU, "
                                                     "215500, CN",
                                             .street = "JINXIUYUAN 17-403, CHANGSHU",
                                             .city = "JIANGSU",
                                             .postal_code = "215500",
                                             .country_code = "CN",
                                             .country_text = "CN"}));
  ASSERT_EQ(e->countries.size(), 2u);
  EXPECT_EQ(e->countries[0], (model::CountryRef{"US", CountryRole::kAddressCountry, ""}));
  EXPECT_EQ(e->countries[1], (model::CountryRef{"CN", CountryRole::kAddressCountry, ""}));
  ASSERT_EQ(e->sanctions.size(), 1u);
  const model::Sanction& s = e->sanctions[0];
  EXPECT_EQ(s.regime, Regime::kUs);
  EXPECT_EQ(s.authority, "BIS");
  EXPECT_EQ(s.list, "DPL");
  EXPECT_EQ(s.program, "");
  EXPECT_EQ(s.listed_on, (model::PartialDate{2020, 3, 16}));
  EXPECT_EQ(s.modified_on, (model::PartialDate{2020, 3, 20}));
  EXPECT_EQ(s.reference, "85 F.R. 16054 3/20/2020");
  EXPECT_EQ(e->properties, (std::vector<std::pair<std::string, std::string>>{
                               {"endDate", "2028-12-13"}, {"standardOrder", "Y"}}));
  EXPECT_EQ(e->remarks, "FR NOTICE ADDED");
  EXPECT_TRUE(e->identifiers.empty());
  EXPECT_TRUE(e->links.empty());
}

// Lines 24-27 "AL NASER AIRLINES" and 32-34 "AL-NASER  AIRLINES" (same TDO, same date): one
// entity; the row with the latest plausible Last_Update (line 34, 2023-11-02) gives the FR
// citation and the action; the implausible "1023-11-01" of line 26 is ignored.
TEST(DplParserTest, AlNaserAirlinesRowsMergeAndTheLatestRowSpeaks) {
  const ParsedList& list = ParseRealDpl();
  const model::Entity* e = list.Find("us_bis_dpl:AL-NASER-AIRLINES-20231031");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kLegalEntity);
  ASSERT_EQ(e->names.size(), 2u);
  EXPECT_EQ(e->names[0], (model::Name{.full = "AL NASER AIRLINES", .kind = NameKind::kPrimary}));
  EXPECT_EQ(e->names[1],
            (model::Name{.full = "AL-NASER AIRLINES", .kind = NameKind::kStrongAlias}));
  ASSERT_EQ(e->addresses.size(), 4u);  // rows 32-34 repeat addresses of rows 24-26
  EXPECT_EQ(e->addresses[0].full,
            "AL AMIRAT STREET, SECTION 309, ST. 3/H.20, AL MANSOUR, BAGHDAD, IQ");
  EXPECT_EQ(e->addresses[1].city, "BAGHDAD");
  EXPECT_EQ(e->addresses[2].full, "P.O. BOX 28360, DUBAI, AE");
  EXPECT_EQ(e->addresses[3], (model::Address{.full = "P.O. BOX 911399, AMMAN, 11191, JO",
                                             .street = "P.O. BOX 911399",
                                             .city = "AMMAN",
                                             .postal_code = "11191",
                                             .country_code = "JO",
                                             .country_text = "JO"}));
  ASSERT_EQ(e->countries.size(), 3u);
  EXPECT_EQ(e->countries[0].code, "IQ");
  EXPECT_EQ(e->countries[1].code, "AE");
  EXPECT_EQ(e->countries[2].code, "JO");
  ASSERT_EQ(e->sanctions.size(), 1u);
  EXPECT_EQ(e->sanctions[0].listed_on, (model::PartialDate{2023, 10, 31}));
  EXPECT_EQ(e->sanctions[0].modified_on, (model::PartialDate{2023, 11, 2}));
  EXPECT_EQ(e->sanctions[0].reference,
            "80 F.R. 30435 5/28/15, 80 F.R. 44930 7/28/15, 82 F.R. 2312 1/9/2017, 82 F.R. 30823 "
            "7/3/2017, 82 F.R. 61745 12/29/2017, 83 F.R. 28801 6/21/2018, 83 F.R. 64518 "
            "12/17/2018, 84 F.R. 27233 6/12/2019, 84 F.R. 66873 12/6/2019, 85 F.R. 34405 "
            "6/4/2020, 85 F.R. 77147 12/1/2020, 86 F.R. 28540 5/27/2021, 86 F.R. 66277 "
            "11/22/2021, 87 F.R. 30173 5/18/2022, 87 F.R. 68123 11/14/2022, 88 F.R. 30078 "
            "5/10/2023");
  EXPECT_EQ(e->properties, (std::vector<std::pair<std::string, std::string>>{
                               {"endDate", "2024-10-30"}, {"standardOrder", "Y"}}));
  EXPECT_EQ(e->remarks.substr(0, 52), "EFFECTIVE & EXPIRATION DATE CORRECTED, F.R. NOTICE U");
  // "ALNASER AIRLINES" (lines 63-66) is a different spelling, so a different denial record.
  EXPECT_NE(list.Find("us_bis_dpl:ALNASER-AIRLINES-20231031"), nullptr);
}

// Line 593 puts the state "NM" in the Country column: repaired with a warning.
TEST(DplParserTest, StateCodeInCountryColumnIsReadAsUsState) {
  const ParsedList& list = ParseRealDpl();
  const model::Entity* e = list.Find("us_bis_dpl:STEPHEN-EDWARD-SMITH-20180406");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0],
            (model::Address{.full = "INMATE NUMBER: 30819-408, FCI LA TUNA, P.O. Box 3000, "
                                    "ANTHONY, NM, 88021, US",
                            .street = "INMATE NUMBER: 30819-408, FCI LA TUNA, P.O. Box 3000",
                            .city = "ANTHONY",
                            .postal_code = "88021",
                            .region = "NM",
                            .country_code = "US"}));
  EXPECT_EQ(e->sanctions[0].reference, "83 F.R. 16286 4/16/2018");
}

// Line 490: "PEARL (A.K.A. NEI-CHIEN CHU) LI" names a person and her alias.
TEST(DplParserTest, AkaInsideTheNameBecomesAnAlias) {
  const ParsedList& list = ParseRealDpl();
  const model::Entity* e = list.Find("us_bis_dpl:PEARL-LI-20060623");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->names.size(), 2u);
  EXPECT_EQ(e->names[0], (model::Name{.full = "PEARL LI", .kind = NameKind::kPrimary}));
  EXPECT_EQ(e->names[1], (model::Name{.full = "NEI-CHIEN CHU", .kind = NameKind::kStrongAlias}));
  EXPECT_EQ(e->addresses[0].country_code, "US");
  EXPECT_EQ(e->addresses[0].region, "NJ");
  EXPECT_EQ(e->addresses[0].postal_code, "08054");
  EXPECT_EQ(e->sanctions[0].modified_on, (model::PartialDate{2007, 8, 15}));
  EXPECT_EQ(e->remarks, "NAME CORRECTED");
}

// Line 651: a legal form makes a Company; no Expiration_Date, no Action.
TEST(DplParserTest, LegalFormMakesACompanyAndEmptyColumnsStayEmpty) {
  const ParsedList& list = ParseRealDpl();
  const model::Entity* e = list.Find("us_bis_dpl:YARRA-ANSTALT-A-G-19850711");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);
  EXPECT_EQ(e->addresses[0], (model::Address{.full = "GAGOSTRASSE 863, BALZERS, FI 9496, LI",
                                             .street = "GAGOSTRASSE 863",
                                             .city = "BALZERS",
                                             .postal_code = "FI 9496",
                                             .country_code = "LI",
                                             .country_text = "LI"}));
  EXPECT_EQ(e->sanctions[0].listed_on, (model::PartialDate{1985, 7, 11}));
  EXPECT_EQ(e->sanctions[0].reference, "50 F.R. 29244 7/18/85");
  EXPECT_EQ(e->properties,
            (std::vector<std::pair<std::string, std::string>>{{"standardOrder", "Y"}}));
  EXPECT_EQ(e->remarks, "");
}

// Line 2 " I. ASH": the leading space goes; line 9 "ABEL HERNANDEZ, JR." is a person.
TEST(DplParserTest, NamesAreTrimmedAndGenerationalSuffixMakesAPerson) {
  const ParsedList& list = ParseRealDpl();
  const model::Entity* ash = list.Find("us_bis_dpl:I-ASH-20030619");
  ASSERT_NE(ash, nullptr);
  EXPECT_EQ(ash->names[0].full, "I. ASH");
  EXPECT_EQ(ash->sanctions[0].reference,
            "68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06 72 F.R. 4236 1/30/07");
  const model::Entity* abel = list.Find("us_bis_dpl:ABEL-HERNANDEZ-JR-20210430");
  ASSERT_NE(abel, nullptr);
  EXPECT_EQ(abel->schema, Schema::kPerson);
}

TEST(DplParserTest, DefectiveRowsAreReportedAndTheRestIsRead) {
  ParsedList list = ParseText("defective.txt", ReadFixture("dpl/defective.txt"));
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  ASSERT_EQ(list.entities.size(), 3u) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, kSource), "");

  // Line 3 has 4 fields: dropped.
  const Diagnostic* short_row = FindDiagnostic(list, 3, "the row has 4 fields, the header 12");
  ASSERT_NE(short_row, nullptr) << list.DiagnosticsText();
  EXPECT_EQ(short_row->file, "defective.txt");
  EXPECT_EQ(short_row->severity, Diagnostic::Severity::kError);
  EXPECT_EQ(list.Find("us_bis_dpl:JOHN-DOE"), nullptr);

  // Lines 4-5: an impossible Effective_Date and an unknown country; the record is kept.
  const Diagnostic* bad_date = FindDiagnostic(list, 4, "Effective_Date '13/45/2021'");
  ASSERT_NE(bad_date, nullptr) << list.DiagnosticsText();
  EXPECT_EQ(bad_date->record_id, "JANE-ROE-13-45-2021");
  EXPECT_EQ(bad_date->severity, Diagnostic::Severity::kWarning);
  const Diagnostic* country = FindDiagnostic(list, 5, "unknown country 'ATLANTIS'");
  ASSERT_NE(country, nullptr) << list.DiagnosticsText();
  EXPECT_EQ(country->record_id, "JANE-ROE-13-45-2021");
  EXPECT_EQ(list.diagnostics.error_count(), 1u);
  EXPECT_EQ(list.diagnostics.warning_count(), 3u) << list.DiagnosticsText();

  const model::Entity* jane = list.Find("us_bis_dpl:JANE-ROE-13-45-2021");
  ASSERT_NE(jane, nullptr);
  EXPECT_TRUE(jane->sanctions[0].listed_on.empty());
  ASSERT_EQ(jane->addresses.size(), 2u);
  EXPECT_EQ(jane->addresses[1].country_code, "");
  EXPECT_EQ(jane->addresses[1].country_text, "ATLANTIS");
  EXPECT_EQ(jane->countries[1], (model::CountryRef{"", CountryRole::kAddressCountry, "ATLANTIS"}));

  const model::Entity* acme = list.Find("us_bis_dpl:ACME-TRADING-GMBH-20200115");
  ASSERT_NE(acme, nullptr);
  EXPECT_EQ(acme->schema, Schema::kCompany);
  const model::Entity* richard = list.Find("us_bis_dpl:RICHARD-ROE-JR-20220301");
  ASSERT_NE(richard, nullptr);
  EXPECT_EQ(richard->schema, Schema::kPerson);
  EXPECT_EQ(richard->properties[1], (std::pair<std::string, std::string>{"standardOrder", "Y"}));
  EXPECT_EQ(list.metadata.published, "2022-03-05");
}

TEST(DplParserTest, TruncatedDocumentIsCorruption) {
  std::string bytes = ReadFixture("dpl/sample.txt");
  bytes.resize(bytes.size() - 20);  // ends inside a quoted field
  ParsedList list = ParseText("dpl.txt", bytes);
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_NE(list.status.message().find("dpl.txt"), std::string::npos) << list.status.message();
  EXPECT_NE(list.status.message().find("line 3"), std::string::npos) << list.status.message();
}

TEST(DplParserTest, EmptyOrForeignDocumentIsCorruption) {
  ParsedList empty = ParseText("dpl.txt", " \n");
  EXPECT_EQ(empty.status.code(), StatusCode::kCorruption);
  EXPECT_NE(empty.status.message().find("dpl.txt"), std::string::npos);
  ParsedList foreign = ParseText("sdn.csv", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\n");
  EXPECT_EQ(foreign.status.code(), StatusCode::kCorruption);
  EXPECT_NE(foreign.status.message().find("sdn.csv:1"), std::string::npos)
      << foreign.status.message();
}

TEST(DplParserTest, NonUtf8BytesAreReadAsWindows1252WithAWarning) {
  std::string bytes = ReadFixture("dpl/sample.txt");
  bytes.replace(bytes.find("HAUPTSTRASSE"), 12, "M\xDCHLENWEG");  // 0xDC = U+00DC in cp1252
  ParsedList list = ParseText("dpl.txt", bytes);
  ASSERT_TRUE(list.status.ok());
  EXPECT_EQ(list.diagnostics.warning_count(), 1u);
  ASSERT_EQ(list.entities.size(), 2u);
  EXPECT_EQ(list.entities[0].addresses[0].street, "M\xC3\x9CHLENWEG 1");
  EXPECT_EQ(CheckEntityInvariants(list, kSource), "");
}

}  // namespace
}  // namespace cordon::ingest::internal
