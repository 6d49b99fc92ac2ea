#include "ingest/internal/ownership_csv_parser.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "ingest/internal/test_support.h"
#include "ingest/registry.h"

namespace cordon::ingest::internal {
namespace {

using model::LinkKind;
using model::NameKind;
using model::Schema;

constexpr char kSource[] = "ownership";
// Ownership entities need not have a name; every other invariant holds.
constexpr InvariantOptions kNamelessAllowed{.allow_nameless = true};

ParsedList ParseText(const std::string& name, std::string_view text) {
  std::unique_ptr<ListParser> parser = NewOwnershipCsvParser();
  return ParseDocument(*parser, kSource, name, text);
}

const ParsedList& Edges() {
  static const ParsedList list = ParseText("edges.csv", ReadFixture("ownership/edges.csv"));
  return list;
}

TEST(OwnershipCsvParserTest, FormatNameIsStable) {
  EXPECT_EQ(NewOwnershipCsvParser()->format(), "ownership-csv");
}

// edges.csv: 17 rows, 8 valid (lines 2-8 and 18) and 9 defective (lines 9-17). Every id of a
// valid row is one entity, in the order the ids are first read, owner before asset.
TEST(OwnershipCsvParserTest, EdgesFileGivesOneEntityPerIdOfAValidRow) {
  const ParsedList& list = Edges();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(CheckEntityInvariants(list, kSource, kNamelessAllowed), "");
  EXPECT_EQ(list.Ids(), (std::vector<std::string>{
                            "ownership:us_ofac_sdn:99001", "ownership:GB-08123456",
                            "ownership:P-SIDOROV", "ownership:CY-HE123456", "ownership:P-SMITH",
                            "ownership:RU-1027700000001", "ownership:P-PETROV"}));
  EXPECT_EQ(list.diagnostics.error_count(), 9u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.warning_count(), 0u) << list.DiagnosticsText();
  EXPECT_EQ(list.metadata.published, "");
  size_t links = 0;
  for (const model::Entity& e : list.entities) {
    EXPECT_EQ(e.schema, Schema::kLegalEntity) << e.id;
    EXPECT_EQ(e.provenance.format, "ownership-csv") << e.id;
    links += e.links.size();
  }
  EXPECT_EQ(links, 8u);  // one per valid row
  // P-IVANOV appears only on defective rows.
  EXPECT_EQ(list.Find("ownership:P-IVANOV"), nullptr);
}

// The asset carries the links; the owner is named as written, here an OFAC SDN entity.
TEST(OwnershipCsvParserTest, NorthwindHasItsOwnersAndControllersAsLinks) {
  const model::Entity* northwind = Edges().Find("ownership:GB-08123456");
  ASSERT_NE(northwind, nullptr);
  EXPECT_EQ(northwind->provenance.record_id, "GB-08123456");
  // The first name read is primary; another name for the same id is an alias.
  EXPECT_EQ(northwind->names, (std::vector<model::Name>{{.full = "NORTHWIND SHIPPING LTD"},
                                                        {.full = "Northwind Shipping Limited",
                                                         .kind = NameKind::kStrongAlias}}));
  EXPECT_EQ(northwind->links, (std::vector<model::Link>{{.kind = LinkKind::kOwnedBy,
                                                         .target_id = "us_ofac_sdn:99001",
                                                         .target_name = "ARCTIC LIGHT SHIPPING LLC",
                                                         .note = "Companies House PSC register",
                                                         .share = "30",
                                                         .interest = "shares",
                                                         .start = {2019, 7, 1}},
                                                        {.kind = LinkKind::kOwnedBy,
                                                         .target_id = "P-SIDOROV",
                                                         .target_name = "Ivan Petrovich SIDOROV",
                                                         .share = "25-50",
                                                         .interest = "voting",
                                                         .start = {2016, 4, 6},
                                                         .end = {2023, 5, 10}},
                                                        {.kind = LinkKind::kControlledBy,
                                                         .target_id = "P-SMITH",
                                                         .target_name = "Jane Eleanor SMITH",
                                                         .interest = "board",
                                                         .start = {2016, 4, 6}},
                                                        {.kind = LinkKind::kControlledBy,
                                                         .target_id = "P-SMITH",
                                                         .note = "director",
                                                         .interest = "officer",
                                                         .start = {2020, 0, 0}}}));
}

// A foreign owner gets an entity here too: it carries this file's name for the SDN entity.
TEST(OwnershipCsvParserTest, ForeignOwnerIsAnEntityWithTheNameTheFileGives) {
  const model::Entity* sdn = Edges().Find("ownership:us_ofac_sdn:99001");
  ASSERT_NE(sdn, nullptr);
  EXPECT_EQ(sdn->provenance.record_id, "us_ofac_sdn:99001");
  EXPECT_EQ(sdn->names, (std::vector<model::Name>{{.full = "ARCTIC LIGHT SHIPPING LLC"}}));
  EXPECT_TRUE(sdn->links.empty());
}

TEST(OwnershipCsvParserTest, SharesAreNormalisedAndKindsMapped) {
  const ParsedList& list = Edges();
  const model::Entity* baltic = list.Find("ownership:CY-HE123456");
  ASSERT_NE(baltic, nullptr);
  // "60 %" with an empty kind: shares; a quoted name with a comma; a joint holding.
  EXPECT_EQ(baltic->names, (std::vector<model::Name>{{.full = "BALTIC BUNKER HOLDINGS, LTD"}}));
  EXPECT_EQ(baltic->links, (std::vector<model::Link>{{.kind = LinkKind::kOwnedBy,
                                                      .target_id = "P-SIDOROV",
                                                      .target_name = "Ivan Petrovich SIDOROV",
                                                      .share = "60",
                                                      .interest = "shares",
                                                      .start = {2018, 1, 15}},
                                                     {.kind = LinkKind::kAssociate,
                                                      .target_id = "RU-1027700000001",
                                                      .note = "voting pact",
                                                      .interest = "joint"}}));
  const model::Entity* volga = list.Find("ownership:RU-1027700000001");
  ASSERT_NE(volga, nullptr);
  // Decimals stay as written; a band in the share column loses its '%'; partial dates.
  EXPECT_EQ(volga->links, (std::vector<model::Link>{{.kind = LinkKind::kOwnedBy,
                                                     .target_id = "CY-HE123456",
                                                     .share = "12.50",
                                                     .interest = "shares",
                                                     .start = {2017, 3, 0}},
                                                    {.kind = LinkKind::kOwnedBy,
                                                     .target_id = "P-PETROV",
                                                     .share = "25-50",
                                                     .interest = "shares",
                                                     .start = {2015, 0, 0},
                                                     .end = {2020, 0, 0}}}));
  // No owner_name on its one row: the ownership formats' nameless entity.
  const model::Entity* petrov = list.Find("ownership:P-PETROV");
  ASSERT_NE(petrov, nullptr);
  EXPECT_TRUE(petrov->names.empty());
  EXPECT_TRUE(petrov->links.empty());
}

TEST(OwnershipCsvParserTest, DefectiveRowsNameLineAndFieldAndAreSkipped) {
  const ParsedList& list = Edges();
  struct Expected {
    int64_t line;
    const char* message;
    const char* record_id;
  };
  const Expected expected[] = {
      {9, "share '130' is not a percentage between 0 and 100; row skipped", "RU-1027700000001"},
      {10, "share_min 60 exceeds share_max 40; row skipped", "RU-1027700000001"},
      {11,
       "kind 'beneficiary' is not one of shares, voting, board, control, officer, joint; row "
       "skipped",
       "RU-1027700000001"},
      {12, "start '2021-13-01' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY); row skipped",
       "RU-1027700000001"},
      {13, "start 2022-01-01 is not before end 2021-06-30; row skipped", "RU-1027700000001"},
      {14, "owner and asset are the same id 'GB-08123456'; row skipped", "GB-08123456"},
      {15, "the row has no owner; row skipped", "RU-1027700000001"},
      {16, "the row has 6 fields, the header 11; row skipped", ""},
      {17, "the row has no asset; row skipped", ""},
  };
  ASSERT_EQ(list.diagnostics.diagnostics().size(), std::size(expected)) << list.DiagnosticsText();
  for (size_t i = 0; i < std::size(expected); ++i) {
    const Diagnostic& d = list.diagnostics.diagnostics()[i];
    EXPECT_EQ(d.file, "edges.csv");
    EXPECT_EQ(d.severity, Diagnostic::Severity::kError);
    EXPECT_EQ(d.line, expected[i].line);
    EXPECT_EQ(d.message, expected[i].message);
    EXPECT_EQ(d.record_id, expected[i].record_id);
  }
}

TEST(OwnershipCsvParserTest, ColumnsInAnyOrderAndBandsFromEitherEnd) {
  ParsedList list = ParseText("edges.csv",
                              "Kind,ASSET,share_max,owner,share_min,share\n"
                              "control,A,,B,50,\n"     // a band from its minimum: 50-100
                              "voting,A,25,C,,\n"      // from its maximum: 0-25
                              "shares,A,40,D,40,\n"    // both ends the same: exact
                              "shares,A,50,E,25,30\n"  // a share inside its band: the share
                              "shares,A,50,F,25,60\n"  // a share outside it: skipped
                              "Shares,A,,G,,5.5%\n");  // kind case is ignored
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  const model::Entity* a = list.Find("ownership:A");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->links.size(), 5u) << list.DiagnosticsText();
  EXPECT_EQ(a->links[0].kind, LinkKind::kControlledBy);
  EXPECT_EQ(a->links[0].share, "50-100");
  EXPECT_EQ(a->links[1].share, "0-25");
  EXPECT_EQ(a->links[1].interest, "voting");
  EXPECT_EQ(a->links[2].share, "40");
  EXPECT_EQ(a->links[3].share, "30");
  EXPECT_EQ(a->links[4].share, "5.5");
  EXPECT_EQ(a->links[4].interest, "shares");
  ASSERT_EQ(list.diagnostics.diagnostics().size(), 1u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.diagnostics()[0].line, 6);
  EXPECT_EQ(list.diagnostics.diagnostics()[0].message,
            "share 60 lies outside share_min..share_max 25-50; row skipped");
}

TEST(OwnershipCsvParserTest, MalformedSharesAreDefects) {
  ParsedList list = ParseText("edges.csv",
                              "owner,asset,share\n"
                              "B,A,-5\n"
                              "B,A,1e2\n"
                              "B,A,30.\n"
                              "B,A,50-25\n"
                              "B,A,abc\n"
                              "B,A,100\n");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  ASSERT_EQ(list.diagnostics.error_count(), 5u) << list.DiagnosticsText();
  EXPECT_NE(list.FindDiagnostic(2, "share '-5' is not a percentage"), nullptr);
  EXPECT_NE(list.FindDiagnostic(3, "share '1e2' is not a percentage"), nullptr);
  EXPECT_NE(list.FindDiagnostic(4, "share '30.' is not a percentage"), nullptr);
  EXPECT_NE(list.FindDiagnostic(5, "share: the minimum 50 exceeds the maximum 25"), nullptr);
  EXPECT_NE(list.FindDiagnostic(6, "share 'abc' is not a percentage"), nullptr);
  ASSERT_NE(list.Find("ownership:A"), nullptr);
  EXPECT_EQ(list.Find("ownership:A")->links.size(), 1u);
  EXPECT_EQ(list.Find("ownership:A")->links[0].share, "100");
}

// graph/ reads a partial end as ending after its last day: start 2020-05, end 2020 is a
// holding of eight months, and start 2020, end 2020 one of a year.
TEST(OwnershipCsvParserTest, PartialDatesCompareAsPeriods) {
  ParsedList list = ParseText("edges.csv",
                              "owner,asset,start,end\n"
                              "B,A,2020-05,2020\n"
                              "B,A,2020,2020\n"
                              "B,A,2020-05-01,2020-05-01\n"
                              "B,A,2021,2020-12\n");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  ASSERT_NE(list.Find("ownership:A"), nullptr);
  EXPECT_EQ(list.Find("ownership:A")->links.size(), 2u);
  EXPECT_NE(list.FindDiagnostic(4, "start 2020-05-01 is not before end 2020-05-01"), nullptr);
  EXPECT_NE(list.FindDiagnostic(5, "start 2021 is not before end 2020-12"), nullptr);
}

TEST(OwnershipCsvParserTest, RepeatedHeaderIsSkippedAndSourceColumnIsTheNote) {
  ParsedList list = ParseText("edges.csv",
                              "owner,asset,source\n"
                              "B,A,OpenCorporates 2024-05\n"
                              "owner,asset,source\n"
                              "C,A,\n");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_TRUE(list.diagnostics.diagnostics().empty()) << list.DiagnosticsText();
  const model::Entity* a = list.Find("ownership:A");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->links.size(), 2u);
  EXPECT_EQ(a->links[0].note, "OpenCorporates 2024-05");
  EXPECT_EQ(a->links[0].share, "");
  EXPECT_EQ(a->links[0].interest, "shares");
  EXPECT_EQ(a->links[1].target_id, "C");
}

TEST(OwnershipCsvParserTest, Windows1252IsReadWithAWarning) {
  ParsedList list = ParseText("edges.csv",
                              "owner,asset,owner_name\n"
                              "B,A,Soci\xE9t\xE9 G\xE9n\xE9rale\n");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.diagnostics.warning_count(), 1u);
  ASSERT_NE(list.Find("ownership:B"), nullptr);
  EXPECT_EQ(list.Find("ownership:B")->caption(), "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale");
}

TEST(OwnershipCsvParserTest, HeaderWithoutOwnerOrAssetIsCorruption) {
  ParsedList list = ParseText("links.csv", "from,to,share\nB,A,10\n");
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(list.status.message(),
            "links.csv:1: not an ownership CSV: the header lacks owner or asset");
  ParsedList no_asset = ParseText("links.csv", "owner,share\nB,10\n");
  EXPECT_EQ(no_asset.status.code(), StatusCode::kCorruption);
}

TEST(OwnershipCsvParserTest, EmptyOrTruncatedDocumentIsCorruption) {
  ParsedList empty = ParseText("edges.csv", " \n");
  EXPECT_EQ(empty.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(empty.status.message(), "edges.csv:1: empty document");
  ParsedList truncated = ParseText("edges.csv", "owner,asset,owner_name\nB,A,\"BALTIC BUN");
  EXPECT_EQ(truncated.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(truncated.status.message(), "edges.csv: line 2: unterminated quoted field");
}

// The rows, copied out of the callback, with the diagnostics and status of the read.
struct ReadRows {
  struct Row {
    std::string owner, asset, owner_name, asset_name, share, kind, note;
    model::PartialDate start, end;
    int64_t line = 0;
  };
  Status status;
  std::vector<Row> rows;
  CollectingDiagnosticSink diagnostics;
};

ReadRows ReadRowsOf(const std::string& name, std::string_view text) {
  ReadRows read;
  read.status = ReadOwnershipRows(
      {name, text},
      [&read](const OwnershipRow& row) {
        read.rows.push_back({.owner = std::string(row.owner),
                             .asset = std::string(row.asset),
                             .owner_name = std::string(row.owner_name),
                             .asset_name = std::string(row.asset_name),
                             .share = std::string(row.share),
                             .kind = std::string(row.kind),
                             .note = std::string(row.note),
                             .start = row.start,
                             .end = row.end,
                             .line = row.line});
      },
      &read.diagnostics);
  return read;
}

// The row reader is what Parse is built on: the same diagnostics, and one row for each link,
// in file order, with the link's fields.
TEST(OwnershipCsvParserTest, RowsAreTheLinksOfParseInFileOrder) {
  const ReadRows read = ReadRowsOf("edges.csv", ReadFixture("ownership/edges.csv"));
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  const ParsedList& list = Edges();
  const auto as_tuple = [](const Diagnostic& d) {
    return std::tuple(d.severity, d.file, d.line, d.record_id, d.message);
  };
  ASSERT_EQ(read.diagnostics.diagnostics().size(), list.diagnostics.diagnostics().size());
  for (size_t i = 0; i < read.diagnostics.diagnostics().size(); ++i) {
    EXPECT_EQ(as_tuple(read.diagnostics.diagnostics()[i]),
              as_tuple(list.diagnostics.diagnostics()[i]));
  }

  ASSERT_EQ(read.rows.size(), 8u);
  std::vector<int64_t> lines;
  std::map<std::string, size_t> links_seen;  // asset -> links of it matched so far
  for (const ReadRows::Row& row : read.rows) {
    lines.push_back(row.line);
    const model::Entity* asset = list.Find("ownership:" + row.asset);
    ASSERT_NE(asset, nullptr) << row.asset;
    const size_t index = links_seen[row.asset]++;
    ASSERT_LT(index, asset->links.size()) << row.asset;
    const model::Link& link = asset->links[index];
    EXPECT_EQ(row.owner, link.target_id);
    EXPECT_EQ(row.owner_name, link.target_name);
    EXPECT_EQ(row.share, link.share);
    EXPECT_EQ(row.kind, link.interest);
    EXPECT_EQ(row.note, link.note);
    EXPECT_EQ(row.start, link.start);
    EXPECT_EQ(row.end, link.end);
  }
  EXPECT_EQ(lines, (std::vector<int64_t>{2, 3, 4, 5, 6, 7, 8, 18}));
  EXPECT_EQ(read.rows[2].asset_name, "BALTIC BUNKER HOLDINGS, LTD");
  EXPECT_EQ(read.rows[2].kind, "shares");  // an empty kind
  EXPECT_EQ(read.rows[2].share, "60");     // "60 %"
}

TEST(OwnershipCsvParserTest, RowNamesAndNotesAreCollapsedAndJoined) {
  const ReadRows read =
      ReadRowsOf("edges.csv",
                 "owner,asset,owner_name,asset_name,source,note,kind\n"
                 "B,A,\"  Ivan \t\n PETROV \",Asset Co,PSC  register, pact ,JOINT\n"
                 "C,A,Ivan,,,only a note,\n");
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  EXPECT_TRUE(read.diagnostics.diagnostics().empty());
  ASSERT_EQ(read.rows.size(), 2u);
  EXPECT_EQ(read.rows[0].owner_name, "Ivan PETROV");
  EXPECT_EQ(read.rows[0].asset_name, "Asset Co");
  EXPECT_EQ(read.rows[0].note, "PSC register; pact");
  EXPECT_EQ(read.rows[0].kind, "joint");
  EXPECT_EQ(read.rows[0].line, 2);
  EXPECT_EQ(read.rows[1].owner_name, "Ivan");
  EXPECT_EQ(read.rows[1].note, "only a note");
  EXPECT_EQ(read.rows[1].line, 4);  // the quoted name spans two lines
}

TEST(OwnershipCsvParserTest, RowReaderFailsLikeParse) {
  for (const std::string_view text :
       {std::string_view(" \n"), std::string_view("from,to\nB,A\n"),
        std::string_view("owner,asset,owner_name\nB,A,\"BALTIC BUN")}) {
    const ReadRows read = ReadRowsOf("edges.csv", text);
    const ParsedList parsed = ParseText("edges.csv", text);
    EXPECT_EQ(read.status.code(), StatusCode::kCorruption) << text;
    EXPECT_EQ(read.status.message(), parsed.status.message()) << text;
    EXPECT_TRUE(parsed.entities.empty()) << text;
  }
}

TEST(OwnershipCsvParserTest, RegistryDetectsTheHeaderInAnyColumnOrder) {
  Result<std::string> format = DetectFormat("edges.csv", ReadFixture("ownership/edges.csv"));
  ASSERT_TRUE(format.ok()) << format.status().ToString();
  EXPECT_EQ(*format, "ownership-csv");
  EXPECT_EQ(*DetectFormat("x.csv", "\xEF\xBB\xBF\"share\",\"Asset\",\"Owner\"\r\n10,A,B\r\n"),
            "ownership-csv");
  // An `owner` column alone is not enough.
  EXPECT_FALSE(DetectFormat("x.csv", "owner,assets,share\nB,A,10\n").ok());
  EXPECT_EQ(DefaultSource("ownership-csv", "edges.csv"), "ownership");
  std::unique_ptr<ListParser> parser = MakeParser("ownership-csv");
  ASSERT_NE(parser, nullptr);
  EXPECT_EQ(parser->format(), "ownership-csv");
  std::vector<InputFile> files = {{"dir/edges.csv", "owner,asset\nB,A\n"}};
  Result<std::vector<PlannedDocument>> plan = PlanDocuments(files, "");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->size(), 1u);
  EXPECT_EQ((*plan)[0].format, "ownership-csv");
  EXPECT_EQ((*plan)[0].source, "ownership");
}

}  // namespace
}  // namespace cordon::ingest::internal
