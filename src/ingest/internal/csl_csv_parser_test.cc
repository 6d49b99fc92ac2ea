#include "ingest/internal/csl_csv_parser.h"

#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "ingest/internal/test_support.h"

namespace cordon::ingest::internal {
namespace {

using model::CountryRole;
using model::IdentifierType;
using model::LinkKind;
using model::NameKind;
using model::Regime;
using model::Schema;
using Properties = std::vector<std::pair<std::string, std::string>>;

constexpr char kSource[] = "us_trade_csl";

ParsedList ParseText(const std::string& name, std::string_view text) {
  std::unique_ptr<ListParser> parser = NewCslCsvParser();
  return ParseDocument(*parser, kSource, name, text);
}

// The stored csl.csv ends inside its last record (line 4233, an SDN row cut off in the middle of
// its addresses). Cut there, the other 4,226 records are a complete CSL document.
const std::string& CompleteCslBytes() {
  static const std::string bytes = [] {
    std::string all = ReadRealList("export_controls/csl.csv");
    size_t cut = 0;
    for (int line = 1; line < 4233 && cut != std::string::npos; ++line) {
      cut = all.find('\n', cut);
      if (cut != std::string::npos) ++cut;
    }
    return cut == std::string::npos ? all : all.substr(0, cut);
  }();
  return bytes;
}

// Parsed once: the tests below only read it.
const ParsedList& ParseRealCsl() {
  static const ParsedList list = ParseText("csl.csv", CompleteCslBytes());
  return list;
}

const Diagnostic* FindDiagnostic(const ParsedList& list, int64_t line, const std::string& part) {
  for (const Diagnostic& d : list.diagnostics.diagnostics()) {
    if (d.line == line && d.message.find(part) != std::string::npos) return &d;
  }
  return nullptr;
}

TEST(CslCsvParserTest, FormatNameIsStable) { EXPECT_EQ(NewCslCsvParser()->format(), "us-csl-csv"); }

// The complete CSL of April 2022 (bundled for the us_bis_el source): its 2,001 Entity List rows
// are the Entity List source, with the ids and entities the full parser gives them.
TEST(BisEntityListParserTest, ReadsTheEntityListRowsOfTheCompleteCslOf2022) {
  const std::string bytes = ReadRealList("export_controls/csl_consolidated_2022-04.csv");
  std::unique_ptr<ListParser> parser = NewBisEntityListParser();
  EXPECT_EQ(parser->format(), "us-bis-el-csv");
  const ParsedList el = ParseDocument(*parser, "us_bis_el", "consolidated.csv", bytes);
  ASSERT_TRUE(el.status.ok()) << el.status.ToString();
  EXPECT_EQ(CheckEntityInvariants(el, "us_bis_el"), "");
  EXPECT_EQ(el.entities.size(), 2001u);
  std::map<std::string, int> by_list;
  for (const model::Entity& e : el.entities) {
    for (const model::Sanction& s : e.sanctions) ++by_list[s.authority + " " + s.list];
  }
  EXPECT_EQ(by_list.size(), 1u);
  EXPECT_GT(by_list["BIS EL"], 2000);

  const ParsedList all = ParseText("consolidated.csv", bytes);
  ASSERT_TRUE(all.status.ok()) << all.status.ToString();
  EXPECT_EQ(all.entities.size(), 14160u);
  size_t same = 0;
  for (const model::Entity& e : el.entities) {
    const model::Entity* full = all.Find("us_trade_csl:" + e.provenance.record_id);
    ASSERT_NE(full, nullptr) << e.id;
    EXPECT_EQ(full->names, e.names) << e.id;
    EXPECT_EQ(full->addresses, e.addresses) << e.id;
    same += full->sanctions == e.sanctions;
  }
  EXPECT_EQ(same, el.entities.size());
  // Only the entity's own format differs.
  EXPECT_EQ(el.entities.front().provenance.format, "us-bis-el-csv");
}

// Stored as it was committed, csl.csv is truncated inside a quoted field: not a whole list.
TEST(CslCsvParserTest, StoredCslFileEndsInsideARecordAndIsCorruption) {
  ParsedList list = ParseText("csl.csv", ReadRealList("export_controls/csl.csv"));
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(list.status.message(), "csl.csv: line 4233: unterminated quoted field");
  EXPECT_TRUE(list.entities.empty());  // the id count pass fails before any entity is built
}

TEST(CslCsvParserTest, RealFileCountsBySchemaAndList) {
  const ParsedList& list = ParseRealCsl();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities.size(), 4226u);
  EXPECT_EQ(list.diagnostics.diagnostics().size(), 0u) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, kSource), "");
  EXPECT_EQ(list.metadata.published, "");  // the CSL does not date itself
  std::map<Schema, int> by_schema;
  std::map<std::string, int> by_list;
  for (const model::Entity& e : list.entities) {
    ++by_schema[e.schema];
    ASSERT_FALSE(e.sanctions.empty()) << e.id;
    ++by_list[e.sanctions[0].list];
  }
  EXPECT_EQ(by_schema[Schema::kPerson], 1140);
  // 1389, 328 and 1366 since the parsers share one legal-form rule on rigour's table
  // (ingest/internal/legal_form.h): 72 names with a form the old word list lacked became
  // Companies: "..., AO" and "AKTSIONERNOE OBSHCHESTVO ..." (joint-stock), "S.C.S." and
  // "S. EN C." (limited partnerships), "E.I.R.L.", "BVBA", "COMPANIA", "JOINT STOCK", "SDN".
  EXPECT_EQ(by_schema[Schema::kCompany], 1389);
  EXPECT_EQ(by_schema[Schema::kOrganization], 328);
  EXPECT_EQ(by_schema[Schema::kLegalEntity], 1366);
  EXPECT_EQ(by_schema[Schema::kVessel], 3);
  // SOURCES.md counts 1,738 SDN rows including the truncated one.
  EXPECT_EQ(by_list, (std::map<std::string, int>{{"SDN", 1737},
                                                 {"EL", 919},
                                                 {"DPL", 577},
                                                 {"SSI", 288},
                                                 {"UVL", 186},
                                                 {"ISN", 144},
                                                 {"DTC", 142},
                                                 {"PLC", 78},
                                                 {"MEU", 71},
                                                 {"CMIC", 68},
                                                 {"NS-MBS", 14},
                                                 {"FSE", 1},
                                                 {"CAP", 1}}));
}

// _id 4243: an OFAC vessel with its IMO number in `ids` and the flag as a country name.
TEST(CslCsvParserTest, VesselEbanoHasImoFlagAndTonnage) {
  const ParsedList& list = ParseRealCsl();
  const model::Entity* e = list.Find("us_trade_csl:4243");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kVessel);
  EXPECT_EQ(e->provenance.format, "us-csl-csv");
  ASSERT_EQ(e->names.size(), 3u);
  EXPECT_EQ(e->names[0], (model::Name{.full = "EBANO", .kind = NameKind::kPrimary}));
  EXPECT_EQ(e->names[1], (model::Name{.full = "ANA I", .kind = NameKind::kStrongAlias}));
  EXPECT_EQ(e->names[2], (model::Name{.full = "SAND SWAN", .kind = NameKind::kStrongAlias}));
  ASSERT_EQ(e->identifiers.size(), 1u);
  EXPECT_EQ(e->identifiers[0], (model::Identifier{.type = IdentifierType::kImo,
                                                  .value = "7406784",
                                                  .label = "Vessel Registration Identification"}));
  ASSERT_EQ(e->countries.size(), 1u);
  EXPECT_EQ(e->countries[0], (model::CountryRef{"PA", CountryRole::kFlag, ""}));
  EXPECT_TRUE(e->addresses.empty());
  ASSERT_EQ(e->sanctions.size(), 1u);
  EXPECT_EQ(e->sanctions[0],
            (model::Sanction{
                .regime = Regime::kUs, .authority = "OFAC", .program = "CUBA", .list = "SDN"}));
  EXPECT_EQ(e->properties,
            (Properties{{"type", "General Cargo"},
                        {"tonnage", "2595"},
                        {"grossRegisteredTonnage", "1865"},
                        {"sourceUrl",
                         "https://home.treasury.gov/policy-issues/financial-sanctions/"
                         "specially-designated-nationals-and-blocked-persons-list-sdn-human-"
                         "readable-lists"}}));
  EXPECT_TRUE(e->links.empty());
  EXPECT_EQ(e->remarks, "");
}

// _id 17016 is on both SSI and NS-MBS: two records, the list code appended to the id. The SSI
// row carries Russian INN / OGRN numbers, a founding date and directive notes.
TEST(CslCsvParserTest, GazprombankOnTwoListsGetsTwoRecordsWithTypedRussianIds) {
  const ParsedList& list = ParseRealCsl();
  EXPECT_EQ(list.Find("us_trade_csl:17016"), nullptr);
  const model::Entity* mbs = list.Find("us_trade_csl:17016-NS-MBS");
  ASSERT_NE(mbs, nullptr);
  EXPECT_EQ(mbs->names[0].full, "Gazprombank Joint Stock Company");
  EXPECT_EQ(mbs->sanctions[0].list, "NS-MBS");

  const model::Entity* e = list.Find("us_trade_csl:17016-SSI");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);
  ASSERT_EQ(e->names.size(), 5u);
  EXPECT_EQ(e->names[0], (model::Name{.full = "GAZPROMBANK JOINT STOCK COMPANY"}));
  EXPECT_EQ(e->names[1], (model::Name{.full = "GAZPROMBANK OPEN JOINT STOCK COMPANY",
                                      .kind = NameKind::kStrongAlias}));
  EXPECT_EQ(e->names[4].full, "JOINT STOCK BANK OF THE GAS INDUSTRY GAZPROMBANK");
  ASSERT_EQ(e->identifiers.size(), 4u);
  EXPECT_EQ(e->identifiers[0], (model::Identifier{.type = IdentifierType::kOgrn,
                                                  .value = "1027700167110",
                                                  .country = "RU",
                                                  .label = "Registration Number"}));
  EXPECT_EQ(e->identifiers[1], (model::Identifier{.type = IdentifierType::kRegistration,
                                                  .value = "09807684",
                                                  .country = "RU",
                                                  .label = "Government Gazette Number"}));
  EXPECT_EQ(e->identifiers[2], (model::Identifier{.type = IdentifierType::kInn,
                                                  .value = "7744001497",
                                                  .country = "RU",
                                                  .label = "Tax ID No."}));
  EXPECT_EQ(
      e->identifiers[3],
      (model::Identifier{.type = IdentifierType::kBic, .value = "GAZPRUMM", .label = "SWIFT/BIC"}));
  EXPECT_EQ(e->websites, (std::vector<std::string>{"www.gazprombank.ru"}));
  ASSERT_EQ(e->incorporation_dates.size(), 1u);
  EXPECT_EQ(e->incorporation_dates[0].date, (model::PartialDate{1990, 7, 31}));  // "31 Jul 1990"
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0], (model::Address{.full = "16 Nametkina Street, Bldg. 1, Moscow, "
                                                     "117420, RU",
                                             .country_code = "RU"}));
  EXPECT_EQ(e->countries,
            (std::vector<model::CountryRef>{{"RU", CountryRole::kAddressCountry, ""}}));
  ASSERT_EQ(e->sanctions.size(), 2u);  // one per program
  EXPECT_EQ(e->sanctions[0], (model::Sanction{.regime = Regime::kUs,
                                              .authority = "OFAC",
                                              .program = "UKRAINE-EO13662",
                                              .list = "SSI"}));
  EXPECT_EQ(e->sanctions[1].program, "RUSSIA-EO14024");
  EXPECT_EQ(e->remarks,
            "For more information on directives, please visit the following link: "
            "http://www.treasury.gov/resource-center/sanctions/Programs/Pages/"
            "ukraine.aspx#directives.; "
            "Executive Order 13662 Directive Determination - Subject to Directive 1; "
            "Executive Order 14024 Directive Information Subject to Directive 3 - All "
            "transactions in, provision of financing for, and other dealings in new debt of "
            "longer than 14 days maturity or new equity where such new debt or new equity is "
            "issued on or after the 'Effective Date (EO 14024 Directive)' associated with this "
            "name are prohibited.; "
            "Listing Date (EO 14024 Directive 3): 24 Feb 2022; "
            "Effective Date (EO 14024 Directive 3): 26 Mar 2022; "
            "Executive Order 14024 Directive Information - For more information on directives, "
            "please visit the following link: https://home.treasury.gov/policy-issues/"
            "financial-sanctions/sanctions-programs-and-country-information/"
            "russian-harmful-foreign-activities-sanctions#directives; "
            "Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR "
            "589.201 and/or 589.209");
}

// _id 2686: an SDN individual, "FAMILY, Given" names, a passport, four birth dates and a
// "(Linked To: HIZBALLAH)" remark that becomes a link.
TEST(CslCsvParserTest, NasrallahIsAPersonWithPassportAndLink) {
  const ParsedList& list = ParseRealCsl();
  const model::Entity* e = list.Find("us_trade_csl:2686");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  ASSERT_EQ(e->names.size(), 2u);
  EXPECT_EQ(e->names[0], (model::Name{.full = "NASRALLAH, Hasan",
                                      .kind = NameKind::kPrimary,
                                      .given = "Hasan",
                                      .family = "NASRALLAH"}));
  EXPECT_EQ(e->names[1], (model::Name{.full = "NASRALLAH, Hasan Abd-al-Karim",
                                      .kind = NameKind::kStrongAlias,
                                      .given = "Hasan Abd-al-Karim",
                                      .family = "NASRALLAH"}));
  EXPECT_EQ(e->titles, (std::vector<std::string>{"Secretary General of Hizballah"}));
  ASSERT_EQ(e->identifiers.size(), 1u);
  EXPECT_EQ(e->identifiers[0], (model::Identifier{.type = IdentifierType::kPassport,
                                                  .value = "042833",
                                                  .country = "LB",
                                                  .label = "Passport"}));
  EXPECT_EQ(e->gender, "male");
  ASSERT_EQ(e->birth_dates.size(), 4u);
  EXPECT_EQ(e->birth_dates[0].date, (model::PartialDate{1960, 8, 31}));
  EXPECT_EQ(e->birth_dates[3].date, (model::PartialDate{1958, 8, 31}));
  EXPECT_FALSE(e->birth_dates[0].approximate);
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Al Basuriyah, Lebanon"}));
  ASSERT_EQ(e->addresses.size(), 1u);  // the address is only a country code
  EXPECT_EQ(e->addresses[0], (model::Address{.full = "LB", .country_code = "LB"}));
  EXPECT_EQ(e->countries,
            (std::vector<model::CountryRef>{{"LB", CountryRole::kAddressCountry, ""}}));
  ASSERT_EQ(e->sanctions.size(), 2u);
  EXPECT_EQ(e->sanctions[0].program, "SYRIA");
  EXPECT_EQ(e->sanctions[1].program, "SDGT");
  EXPECT_EQ(e->sanctions[1].list, "SDN");
  ASSERT_EQ(e->links.size(), 1u);
  EXPECT_EQ(
      e->links[0],
      (model::Link{.kind = LinkKind::kAssociate, .target_name = "HIZBALLAH", .note = "Linked To"}));
  EXPECT_EQ(e->remarks,
            "Additional Sanctions Information - Subject to Secondary Sanctions Pursuant to the "
            "Hizballah Financial Sanctions Regulations");
}

// _id 30882: a CMIC company; "Issuer Name" entries are aliases, tickers and ISINs are kept, the
// CMIC listing date stands in for the empty start_date.
TEST(CslCsvParserTest, CmicCompanyReadsIssuerNamesTickersAndListingDate) {
  const ParsedList& list = ParseRealCsl();
  const model::Entity* e = list.Find("us_trade_csl:30882");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);
  std::vector<std::string> names;
  for (const model::Name& n : e->names) names.push_back(n.full);
  EXPECT_EQ(names, (std::vector<std::string>{"China Telecom Corporation Limited", "CHINA TELECOM",
                                             "CHINA TELECOM CO., LTD", "CHINA TELECOM CORP LTD",
                                             "China Telecom Corp Ltd", "China Telecom Co., Ltd",
                                             "China Telecom Corporation Limited.Co.Ltd"}));
  ASSERT_EQ(e->identifiers.size(), 6u);
  EXPECT_EQ(e->identifiers[0], (model::Identifier{.type = IdentifierType::kRegistration,
                                                  .value = "9111000071093019X7",
                                                  .country = "CN",
                                                  .label = "Unified Social Credit Code (USCC)"}));
  EXPECT_EQ(e->identifiers[1],
            (model::Identifier{
                .type = IdentifierType::kOther, .value = "US1694261033", .label = "ISIN"}));
  EXPECT_EQ(e->identifiers[5].value, "CND10003ND87");
  EXPECT_EQ(e->addresses[0], (model::Address{.full = "31 Jinrong Street, Xicheng District, "
                                                     "Beijing, 100033, CN",
                                             .country_code = "CN"}));
  ASSERT_EQ(e->sanctions.size(), 1u);
  EXPECT_EQ(e->sanctions[0], (model::Sanction{.regime = Regime::kUs,
                                              .authority = "OFAC",
                                              .program = "CMIC-EO13959",
                                              .list = "CMIC",
                                              .listed_on = {2021, 6, 3}}));
  EXPECT_EQ(e->properties,
            (Properties{{"legalForm", "Public Company"},
                        {"ticker", "CHA US"},
                        {"ticker", "CHA RU"},
                        {"ticker", "ZCHA DE"},
                        {"ticker", "CHA AR"},
                        {"ticker", "K3ED SG"},
                        {"ticker", "0728 HK"},
                        {"ticker", "ZCH DE"},
                        {"sourceUrl",
                         "https://ofac.treasury.gov/consolidated-sanctions-list/ns-cmic-list"}}));
  EXPECT_EQ(e->remarks,
            "Listing Date (CMIC) 2021-06-03; Purchase/Sales For Divestment Date (CMIC) "
            "2022-06-03; Effective Date (CMIC) 2021-08-02");
}

// An Entity List row: no type, "; and " between the last values, license columns.
TEST(CslCsvParserTest, EntityListRowDropsTheAndBeforeItsLastValue) {
  const ParsedList& list = ParseRealCsl();
  const model::Entity* e =
      list.Find("us_trade_csl:a2a54ca4cc82fa16feb03339e80fa805b74d90b0ffb6ad38fc92b25e");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kLegalEntity);
  ASSERT_EQ(e->names.size(), 4u);
  EXPECT_EQ(e->names[0].full, "Southwest Research Institute of Electronics Technology");
  EXPECT_EQ(e->names[3], (model::Name{.full = "Southwest Institute of Electronic Technology "
                                              "(SWIET)",
                                      .kind = NameKind::kStrongAlias}));
  ASSERT_EQ(e->addresses.size(), 3u);
  EXPECT_EQ(e->addresses[0], (model::Address{.full = "No. 6 Yong Xin Street, Chengdu"}));
  EXPECT_EQ(e->addresses[1], (model::Address{.full = "No. 90 Babao Street, Chengdu"}));
  EXPECT_EQ(e->addresses[2],
            (model::Address{.full = "48 Chadianzi Street East, Jinniu District, Chengdu, 610036, "
                                    "CN",
                            .country_code = "CN"}));
  ASSERT_EQ(e->sanctions.size(), 1u);
  EXPECT_EQ(e->sanctions[0], (model::Sanction{.regime = Regime::kUs,
                                              .authority = "BIS",
                                              .list = "EL",
                                              .listed_on = {2001, 5, 14},
                                              .reference = "66 FR 26267, 77 FR 58006 (no. 182); "
                                                           "81 FR 64694"}));
  EXPECT_EQ(e->properties, (Properties{{"licenseRequirement", "For all items subject to the EAR."},
                                       {"licensePolicy",
                                        "See \xC2\xA7"
                                        "744.3(d) of this part"},
                                       {"sourceUrl",
                                        "https://www.bis.doc.gov/index.php/policy-guidance/"
                                        "lists-of-parties-of-concern/entity-list"}}));
}

// _id 8175: "circa 1950" is an approximate birth year; the passport keeps its issue date.
TEST(CslCsvParserTest, CircaBirthDateIsApproximate) {
  const ParsedList& list = ParseRealCsl();
  const model::Entity* e = list.Find("us_trade_csl:8175");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0], (model::DateSpec{.date = {1950, 0, 0}, .approximate = true}));
  EXPECT_EQ(e->identifiers[0], (model::Identifier{.type = IdentifierType::kPassport,
                                                  .value = "A005487",
                                                  .country = "YE",
                                                  .label = "Passport",
                                                  .note = "13 Aug 1995"}));
  EXPECT_EQ(e->countries, (std::vector<model::CountryRef>{{"YE", CountryRole::kNationality, ""}}));
  EXPECT_EQ(e->names[0].family, "AL-ZINDANI");
  EXPECT_EQ(e->names[0].given, "Shaykh Abd-al-Majid");
}

// The current layout (quoted, hash ids): 13 records from 13 lists.
TEST(CslCsvParserTest, ConsolidatedSampleInTheCurrentLayout) {
  ParsedList list = ParseText("consolidated.csv", ReadRealList("export_controls/consolidated.csv"));
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities.size(), 13u);
  EXPECT_EQ(list.diagnostics.diagnostics().size(), 0u) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, kSource), "");
  std::map<Schema, int> by_schema;
  for (const model::Entity& e : list.entities) ++by_schema[e.schema];
  EXPECT_EQ(by_schema, (std::map<Schema, int>{{Schema::kCompany, 4},
                                              {Schema::kLegalEntity, 4},
                                              {Schema::kPerson, 4},
                                              {Schema::kOrganization, 1}}));

  // The State Department appends its successor clause to the name.
  const model::Entity* isn =
      list.Find("us_trade_csl:233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e613b");
  ASSERT_NE(isn, nullptr);
  EXPECT_EQ(isn->names, (std::vector<model::Name>{{.full = "Sinobright Import and Export "
                                                           "Company"}}));
  EXPECT_EQ(isn->schema, Schema::kCompany);
  EXPECT_EQ(isn->remarks, "and any successor, sub-unit, or subsidiary thereof");
  EXPECT_EQ(isn->sanctions[0], (model::Sanction{.regime = Regime::kUs,
                                                .authority = "State",
                                                .program = "INKSNA",
                                                .list = "ISN",
                                                .listed_on = {2023, 7, 19},
                                                .reference = "Vol. 88, No. 151, 08/08/2023"}));

  // A DPL row: a US address read to its parts, the denial's end date and standard order.
  const model::Entity* dpl =
      list.Find("us_trade_csl:b601cbf2841d0aaedfe63661581ffbc3d54b6ba39d7e3a9027cff50e");
  ASSERT_NE(dpl, nullptr);
  EXPECT_EQ(dpl->addresses[0], (model::Address{.full = "605 TRAIL LAKE DRIVE, RICHARDSON, TX, "
                                                       "75081, US",
                                               .street = "605 TRAIL LAKE DRIVE",
                                               .city = "RICHARDSON",
                                               .postal_code = "75081",
                                               .region = "TX",
                                               .country_code = "US"}));
  EXPECT_EQ(dpl->sanctions[0].listed_on, (model::PartialDate{2002, 3, 4}));
  EXPECT_EQ(dpl->sanctions[0].reference,
            "67 F.R. 56530 9/4/02 67 F.R. 10890 3/11/02 71 F.R. 38843 7/10/06");
  EXPECT_EQ(dpl->properties[0], (std::pair<std::string, std::string>{"endDate", "2056-06-29"}));
  EXPECT_EQ(dpl->properties[1], (std::pair<std::string, std::string>{"standardOrder", "Y"}));
  EXPECT_EQ(dpl->remarks, "50 YEAR DENIAL");

  const model::Entity* rim = list.Find("us_trade_csl:52291");
  ASSERT_NE(rim, nullptr);
  EXPECT_EQ(rim->names[0],
            (model::Name{.full = "RIM, Ryong Nam", .given = "Ryong Nam", .family = "RIM"}));
  EXPECT_EQ(rim->identifiers, (std::vector<model::Identifier>{{.type = IdentifierType::kPassport,
                                                               .value = "836238033",
                                                               .country = "KP",
                                                               .label = "Passport"}}));
  EXPECT_EQ(rim->countries,
            (std::vector<model::CountryRef>{{"CN", CountryRole::kAddressCountry, ""},
                                            {"KP", CountryRole::kAddressCountry, ""},
                                            {"KP", CountryRole::kNationality, ""}}));
  EXPECT_EQ(rim->birth_dates[0].date, (model::PartialDate{1978, 12, 5}));
  EXPECT_EQ(rim->remarks,
            "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and "
            "510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial "
            "Institutions: North Korea Sanctions Regulations section 510.214");
}

TEST(CslCsvParserTest, DefectiveRowsAreReportedAndTheRestIsRead) {
  ParsedList list = ParseText("defective.csv", ReadFixture("csl_csv/defective.csv"));
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(CheckEntityInvariants(list, kSource), "");
  ASSERT_EQ(list.entities.size(), 4u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.error_count(), 3u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.warning_count(), 3u) << list.DiagnosticsText();

  // Line 2 repeats the header: skipped without a word. Line 4: an unknown nationality code and
  // an unreadable birth date; the record is kept.
  const Diagnostic* nationality = FindDiagnostic(list, 4, "unknown country 'XX'");
  ASSERT_NE(nationality, nullptr) << list.DiagnosticsText();
  EXPECT_EQ(nationality->file, "defective.csv");
  EXPECT_EQ(nationality->record_id, "1002");
  EXPECT_EQ(nationality->severity, Diagnostic::Severity::kWarning);
  EXPECT_NE(FindDiagnostic(list, 4, "dates_of_birth 'sometime in spring' is not a date"), nullptr);
  const model::Entity* doe = list.Find("us_trade_csl:1002");
  ASSERT_NE(doe, nullptr);
  EXPECT_EQ(doe->countries,
            (std::vector<model::CountryRef>{{"", CountryRole::kNationality, "XX"}}));
  EXPECT_EQ(doe->birth_dates, (std::vector<model::DateSpec>{{.text = "sometime in spring"}}));

  // Line 5 is short, line 6 has no id, line 7 no name: dropped with errors.
  const Diagnostic* short_row = FindDiagnostic(list, 5, "the row has 3 fields, the header 29");
  ASSERT_NE(short_row, nullptr);
  EXPECT_EQ(short_row->severity, Diagnostic::Severity::kError);
  EXPECT_NE(FindDiagnostic(list, 6, "neither _id nor entity_number"), nullptr);
  const Diagnostic* no_name = FindDiagnostic(list, 7, "no name");
  ASSERT_NE(no_name, nullptr);
  EXPECT_EQ(no_name->record_id, "e1");

  // Lines 8-9: the same id twice on one list; the second gets a suffix and a warning.
  ASSERT_NE(list.Find("us_trade_csl:e2-EL"), nullptr);
  ASSERT_NE(list.Find("us_trade_csl:e2-EL-2"), nullptr);
  EXPECT_EQ(list.Find("us_trade_csl:e2-EL-2")->addresses[0].full, "2 Road, Shenzhen, CN");
  const Diagnostic* duplicate = FindDiagnostic(list, 9, "read as e2-EL-2");
  ASSERT_NE(duplicate, nullptr) << list.DiagnosticsText();
  EXPECT_EQ(duplicate->record_id, "e2-EL");

  const model::Entity* petrov = list.Find("us_trade_csl:1001");
  ASSERT_NE(petrov, nullptr);
  EXPECT_EQ(petrov->names[0].family, "PETROV");
  EXPECT_EQ(petrov->gender, "male");
}

TEST(CslCsvParserTest, TruncatedDocumentIsCorruption) {
  std::string bytes = ReadFixture("csl_csv/sample.csv");
  bytes.resize(bytes.rfind("Shenzhen"));  // ends inside the addresses field of line 3
  ParsedList list = ParseText("csl.csv", bytes);
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(list.status.message(), "csl.csv: line 3: unterminated quoted field");
}

TEST(CslCsvParserTest, EmptyOrForeignDocumentIsCorruption) {
  ParsedList empty = ParseText("csl.csv", "");
  EXPECT_EQ(empty.status.code(), StatusCode::kCorruption);
  EXPECT_NE(empty.status.message().find("csl.csv"), std::string::npos);
  ParsedList foreign = ParseText("dpl.txt", ReadFixture("dpl/sample.txt"));
  EXPECT_EQ(foreign.status.code(), StatusCode::kCorruption);
  EXPECT_NE(foreign.status.message().find("dpl.txt:1: not a Consolidated Screening List"),
            std::string::npos)
      << foreign.status.message();
}

}  // namespace
}  // namespace cordon::ingest::internal
