#include "ingest/internal/bods_json_parser.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "ingest/internal/test_support.h"
#include "ingest/registry.h"

namespace cordon::ingest::internal {
namespace {

using model::CountryRole;
using model::IdentifierType;
using model::LinkKind;
using model::NameKind;
using model::Schema;
using Properties = std::vector<std::pair<std::string, std::string>>;

constexpr char kSource[] = "bods";
// Ownership entities need not have a name; every other invariant holds.
constexpr InvariantOptions kNamelessAllowed{.allow_nameless = true};

ParsedList ParseText(const std::string& name, std::string_view text) {
  std::unique_ptr<ListParser> parser = NewBodsJsonParser();
  return ParseDocument(*parser, kSource, name, text);
}

const ParsedList& Bods04() {
  static const ParsedList list = ParseText("bods_0_4.json", ReadFixture("ownership/bods_0_4.json"));
  return list;
}

TEST(BodsJsonParserTest, FormatNameIsStable) {
  EXPECT_EQ(NewBodsJsonParser()->format(), "bods-json");
}

// bods_0_4.json: 16 statements about 3 companies, 3 persons (one anonymous) and 8
// relationships; two records have two statements each (an update, a closure).
TEST(BodsJsonParserTest, FixtureGivesCompaniesAndKnownPersons) {
  const ParsedList& list = Bods04();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(CheckEntityInvariants(list, kSource, kNamelessAllowed), "");
  EXPECT_EQ(list.Ids(),
            (std::vector<std::string>{"bods:gb-coh-08123456", "bods:cy-hbr-he123456",
                                      "bods:ru-ogrn-1027700000001", "bods:person-smith-1971",
                                      "bods:person-sidorov-1965"}));
  EXPECT_EQ(list.metadata.published, "2024-06-30");  // the latest publicationDate
  EXPECT_EQ(list.diagnostics.error_count(), 0u) << list.DiagnosticsText();
  // The anonymous person and the unspecified party (see below).
  EXPECT_EQ(list.diagnostics.warning_count(), 2u) << list.DiagnosticsText();
  size_t links = 0;
  for (const model::Entity& e : list.entities) links += e.links.size();
  EXPECT_EQ(links, 9u);
}

// The company's second statement (2024, "updated") replaces its first (2019): new name, the
// old one an alternate name, an LEI and an address.
TEST(BodsJsonParserTest, NorthwindIsReadFromItsLatestStatement) {
  const model::Entity* e = Bods04().Find("bods:gb-coh-08123456");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);
  EXPECT_EQ(e->provenance.record_id, "gb-coh-08123456");
  EXPECT_EQ(e->provenance.format, "bods-json");
  EXPECT_EQ(e->names, (std::vector<model::Name>{
                          {.full = "NORTHWIND MARITIME LTD"},
                          {.full = "NORTHWIND SHIPPING LIMITED", .kind = NameKind::kStrongAlias}}));
  EXPECT_EQ(
      e->identifiers,
      (std::vector<model::Identifier>{
          {.type = IdentifierType::kRegistration,
           .value = "08123456",
           .country = "GB",
           .label = "GB-COH"},
          {.type = IdentifierType::kLei, .value = "2138009ZXW1HSHNW3R51", .label = "XI-LEI"}}));
  EXPECT_EQ(e->countries,
            (std::vector<model::CountryRef>{{"GB", CountryRole::kJurisdiction, ""},
                                            {"GB", CountryRole::kAddressCountry, ""}}));
  ASSERT_EQ(e->incorporation_dates.size(), 1u);
  EXPECT_EQ(e->incorporation_dates[0].date, (model::PartialDate{2012, 6, 25}));
  EXPECT_EQ(e->addresses, (std::vector<model::Address>{{.full = "1 Dock Road, Felixstowe",
                                                        .postal_code = "IP11 3QW",
                                                        .country_code = "GB",
                                                        .note = "registered"}}));
  EXPECT_TRUE(e->properties.empty());
}

// Each interest of a relationship is a link on its subject, to the interested party.
TEST(BodsJsonParserTest, NorthwindLinksCarryShareInterestAndPeriod) {
  const model::Entity* e = Bods04().Find("bods:gb-coh-08123456");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->links,
            (std::vector<model::Link>{
                {.kind = LinkKind::kOwnedBy,
                 .target_id = "cy-hbr-he123456",
                 .target_name = "BALTIC BUNKER HOLDINGS LTD",
                 .note = "shareholding",
                 .share = "60",
                 .interest = "shares",
                 .start = {2019, 7, 1}},
                {.kind = LinkKind::kOwnedBy,
                 .target_id = "cy-hbr-he123456",
                 .target_name = "BALTIC BUNKER HOLDINGS LTD",
                 .note = "votingRights",
                 .share = "60",
                 .interest = "voting",
                 .start = {2019, 7, 1}},
                // A PSC band "more than 25 % but not more than 50 %".
                {.kind = LinkKind::kOwnedBy,
                 .target_id = "person-smith-1971",
                 .target_name = "Jane Eleanor SMITH",
                 .note = "shareholding, ownership-of-shares-25-to-50-percent, exclusive minimum",
                 .share = "25-50",
                 .interest = "shares",
                 .start = {2016, 4, 6}},
                {.kind = LinkKind::kControlledBy,
                 .target_id = "person-smith-1971",
                 .target_name = "Jane Eleanor SMITH",
                 .note = "appointmentOfBoard",
                 .interest = "board",
                 .start = {2016, 4, 6}},
                // Indirect, with its component relationships published: the chain
                // Northwind <- Baltic <- Sidorov carries it, so it is not counted again.
                {.kind = LinkKind::kOther,
                 .target_id = "person-sidorov-1965",
                 .target_name = "\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD \xD0\x9F\xD0\xB5\xD1\x82\xD1\x80"
                                "\xD0\xBE\xD0\xB2\xD0\xB8\xD1\x87 \xD0\xA1\xD0\x98\xD0\x94\xD0\x9E"
                                "\xD0\xA0\xD0\x9E\xD0\x92",  // Иван Петрович СИДОРОВ
                 .note = "shareholding, indirect",
                 .share = "25-50",
                 .start = {2019, 7, 1}}}));
}

TEST(BodsJsonParserTest, ExclusiveMaximumKeepsItsNumber) {
  const model::Entity* baltic = Bods04().Find("bods:cy-hbr-he123456");
  ASSERT_NE(baltic, nullptr);
  EXPECT_EQ(baltic->links, (std::vector<model::Link>{{.kind = LinkKind::kOwnedBy,
                                                      .target_id = "person-sidorov-1965",
                                                      .target_name = Bods04()
                                                                         .Find("bods:person-"
                                                                               "sidorov-1965")
                                                                         ->caption(),
                                                      .note = "shareholding, exclusive maximum",
                                                      .share = "50-75",
                                                      .interest = "shares",
                                                      .start = {2018, 1, 15}}}));
  EXPECT_EQ(
      baltic->identifiers,
      (std::vector<model::Identifier>{
          {.type = IdentifierType::kRegistration,
           .value = "HE123456",
           .country = "CY",
           .label = "CY-DRCOR"},
          {.type = IdentifierType::kLei, .value = "213800ABCDEF12345678", .label = "XI-LEI"}}));
  // A multi-line address is one line; the line's own trailing comma is not doubled.
  EXPECT_EQ(baltic->addresses,
            (std::vector<model::Address>{{.full = "12 Arch. Makariou III Avenue, Limassol",
                                          .postal_code = "3030",
                                          .country_code = "CY",
                                          .note = "registered"}}));
}

// The relationship's closing statement (2023-05-10) is in force: the holding ended that day.
// Officers are controllers with interest "officer".
TEST(BodsJsonParserTest, VolgaHasOfficersAndAClosedHolding) {
  const model::Entity* volga = Bods04().Find("bods:ru-ogrn-1027700000001");
  ASSERT_NE(volga, nullptr);
  EXPECT_EQ(volga->identifiers, (std::vector<model::Identifier>{{.type = IdentifierType::kOgrn,
                                                                 .value = "1027700000001",
                                                                 .country = "RU",
                                                                 .label = "RU-OGRN"},
                                                                {.type = IdentifierType::kInn,
                                                                 .value = "7701234567",
                                                                 .country = "RU",
                                                                 .label = "RU-INN"}}));
  const std::string sidorov = Bods04().Find("bods:person-sidorov-1965")->caption();
  EXPECT_EQ(volga->links, (std::vector<model::Link>{{.kind = LinkKind::kControlledBy,
                                                     .target_id = "person-sidorov-1965",
                                                     .target_name = sidorov,
                                                     .note = "seniorManagingOfficial, General "
                                                             "Director",
                                                     .interest = "officer",
                                                     .start = {2019, 11, 20}},
                                                    {.kind = LinkKind::kControlledBy,
                                                     .target_id = "person-sidorov-1965",
                                                     .target_name = sidorov,
                                                     .note = "boardChair",
                                                     .interest = "officer",
                                                     .start = {2020, 2, 1}},
                                                    {.kind = LinkKind::kOwnedBy,
                                                     .target_id = "cy-hbr-he123456",
                                                     .target_name = "BALTIC BUNKER HOLDINGS LTD",
                                                     .note = "shareholding, closed",
                                                     .share = "51",
                                                     .interest = "shares",
                                                     .start = {2017, 3, 1},
                                                     .end = {2023, 5, 10}}}));
}

TEST(BodsJsonParserTest, PersonsHaveTypedNamesAndParticulars) {
  const ParsedList& list = Bods04();
  const model::Entity* smith = list.Find("bods:person-smith-1971");
  ASSERT_NE(smith, nullptr);
  EXPECT_EQ(smith->schema, Schema::kPerson);
  EXPECT_EQ(smith->names,
            (std::vector<model::Name>{
                {.full = "Jane Eleanor SMITH", .given = "Jane Eleanor", .family = "SMITH"},
                {.full = "Jane Eleanor JONES", .kind = NameKind::kFormerName}}));
  EXPECT_EQ(smith->countries,
            (std::vector<model::CountryRef>{{"GB", CountryRole::kNationality, ""},
                                            {"GB", CountryRole::kAddressCountry, ""}}));
  ASSERT_EQ(smith->birth_dates.size(), 1u);
  EXPECT_EQ(smith->birth_dates[0].date, (model::PartialDate{1971, 3, 0}));
  EXPECT_EQ(smith->addresses,
            (std::vector<model::Address>{{.full = "Aston House, Cornwall Avenue, London",
                                          .postal_code = "N3 1LF",
                                          .country_code = "GB",
                                          .note = "service"}}));
  EXPECT_TRUE(smith->links.empty());

  // The "legal" name (0.4) is primary though it comes second; the transliteration an alias.
  const model::Entity* sidorov = list.Find("bods:person-sidorov-1965");
  ASSERT_NE(sidorov, nullptr);
  ASSERT_EQ(sidorov->names.size(), 2u);
  EXPECT_EQ(sidorov->names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(sidorov->names[0].patronymic,
            "\xD0\x9F\xD0\xB5\xD1\x82\xD1\x80\xD0\xBE\xD0\xB2\xD0\xB8\xD1\x87");  // Петрович
  EXPECT_EQ(sidorov->names[1],
            (model::Name{.full = "Ivan Petrovich SIDOROV", .kind = NameKind::kStrongAlias}));
  EXPECT_EQ(sidorov->identifiers,
            (std::vector<model::Identifier>{{.type = IdentifierType::kPassport,
                                             .value = "7100001",
                                             .country = "RU",
                                             .label = "RUS-PASSPORT"}}));
  EXPECT_EQ(sidorov->countries,
            (std::vector<model::CountryRef>{{"RU", CountryRole::kNationality, ""},
                                            {"RU", CountryRole::kBirthCountry, ""}}));
  EXPECT_EQ(sidorov->birth_places, (std::vector<std::string>{"Samara"}));
  EXPECT_EQ(list.Find("bods:person-undisclosed-1"), nullptr);  // anonymous: not emitted
}

TEST(BodsJsonParserTest, UnknownAndAnonymousInterestedPartiesAreSkippedWithWarnings) {
  const ParsedList& list = Bods04();
  const Diagnostic* anonymous = list.FindDiagnostic(
      277, "the interested party 'person-undisclosed-1' is an anonymousPerson; skipped");
  ASSERT_NE(anonymous, nullptr) << list.DiagnosticsText();
  EXPECT_EQ(anonymous->severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(anonymous->record_id, "rel-northwind-undisclosed");
  EXPECT_EQ(anonymous->file, "bods_0_4.json");
  const Diagnostic* unspecified = list.FindDiagnostic(
      298,
      "the interested party is unspecified (subjectUnableToConfirmOrIdentifyBeneficialOwner); "
      "skipped");
  ASSERT_NE(unspecified, nullptr) << list.DiagnosticsText();
  EXPECT_EQ(unspecified->record_id, "rel-volga-unknown");
}

// The same statements one a line read exactly as the array does.
TEST(BodsJsonParserTest, JsonLinesReadLikeTheArray) {
  nlohmann::json statements = nlohmann::json::parse(ReadFixture("ownership/bods_0_4.json"));
  std::string lines;
  for (const nlohmann::json& statement : statements) lines += statement.dump() + "\n";
  ParsedList list = ParseText("statements.jsonl", lines);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities, Bods04().entities);
  EXPECT_EQ(list.metadata.published, "2024-06-30");
  ASSERT_EQ(list.diagnostics.diagnostics().size(), 2u);
  EXPECT_EQ(list.diagnostics.diagnostics()[0].line, 13);  // the 13th statement
  EXPECT_EQ(list.diagnostics.diagnostics()[1].line, 14);
}

// BODS 0.2: flat statements, describedBy... references, a replacement, hyphenated codes and
// exclusive bounds as flags.
TEST(BodsJsonParserTest, Bods02StatementsAreRead) {
  ParsedList list = ParseText("bods_0_2.json", ReadFixture("ownership/bods_0_2.json"));
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(CheckEntityInvariants(list, kSource, kNamelessAllowed), "");
  // The first entity statement is replaced by the last: only the last is an entity.
  EXPECT_EQ(list.Ids(), (std::vector<std::string>{"bods:019a93f1-e470-42e9-957b-03559861b2e2",
                                                  "bods:5a2f3c1d-7e8b-4c9d-a0e1-f2a3b4c5d6e7"}));
  EXPECT_EQ(list.metadata.published, "2019-02-02");
  ASSERT_EQ(list.diagnostics.diagnostics().size(), 1u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.diagnostics()[0].line, 40);
  EXPECT_EQ(list.diagnostics.diagnostics()[0].message,
            "the interested party is unspecified (interested-party-has-not-provided-information); "
            "skipped");

  const model::Entity& wren = list.entities[0];
  EXPECT_EQ(wren.names, (std::vector<model::Name>{
                            {.full = "Peter John WREN", .given = "Peter John", .family = "WREN"},
                            {.full = "Pete Wren", .kind = NameKind::kStrongAlias}}));
  EXPECT_EQ(wren.addresses, (std::vector<model::Address>{{.full = "4 Mill Lane, Bristol",
                                                          .postal_code = "BS1 4DJ",
                                                          .country_code = "GB",
                                                          .note = "service"}}));
  const model::Entity& kestrel = list.entities[1];
  EXPECT_EQ(kestrel.schema, Schema::kCompany);
  EXPECT_EQ(kestrel.caption(), "KESTREL LOGISTICS LTD");
  EXPECT_EQ(kestrel.countries,
            (std::vector<model::CountryRef>{{"GB", CountryRole::kJurisdiction, ""}}));
  // The ownership statement names the replaced entity statement; it reaches its replacement.
  EXPECT_EQ(kestrel.links,
            (std::vector<model::Link>{{.kind = LinkKind::kOwnedBy,
                                       .target_id = "019a93f1-e470-42e9-957b-03559861b2e2",
                                       .target_name = "Peter John WREN",
                                       .note = "shareholding",
                                       .share = "50",
                                       .interest = "shares",
                                       .start = {2016, 4, 6}},
                                      {.kind = LinkKind::kOwnedBy,
                                       .target_id = "019a93f1-e470-42e9-957b-03559861b2e2",
                                       .target_name = "Peter John WREN",
                                       .note = "voting-rights, exclusive minimum",
                                       .share = "50-75",
                                       .interest = "voting",
                                       .start = {2016, 4, 6}},
                                      // 0.2's rights granted by contract are conditional
                                      // economic rights: neither ownership nor control.
                                      {.kind = LinkKind::kOther,
                                       .target_id = "019a93f1-e470-42e9-957b-03559861b2e2",
                                       .target_name = "Peter John WREN",
                                       .note = "rights-granted-by-contract",
                                       .start = {2016, 4, 6}}}));
}

// The 0.4 code of the same words is control by contract; its conditional form is economic.
TEST(BodsJsonParserTest, RightsGrantedByContractAreControlOnlyIn04) {
  const std::string lines =
      R"({"statementId":"s1","recordId":"c","recordType":"entity","recordDetails":{"entityType":{"type":"registeredEntity"},"name":"C LTD"}})"
      "\n"
      R"({"statementId":"s2","recordId":"p","recordType":"person","recordDetails":{"personType":"knownPerson","names":[{"fullName":"P ONE"}]}})"
      "\n"
      R"({"statementId":"s3","recordId":"r","recordType":"relationship","recordDetails":{"subject":"c","interestedParty":"p","interests":[{"type":"rightsGrantedByContract"},{"type":"conditionalRightsGrantedByContract"}]}})"
      "\n";
  ParsedList list = ParseText("statements.jsonl", lines);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  const model::Entity* c = list.Find("bods:c");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->links.size(), 2u);
  EXPECT_EQ(c->links[0].kind, LinkKind::kControlledBy);
  EXPECT_EQ(c->links[0].interest, "control");
  EXPECT_EQ(c->links[1].kind, LinkKind::kOther);
  EXPECT_EQ(c->links[1].interest, "");
  EXPECT_TRUE(list.diagnostics.diagnostics().empty()) << list.DiagnosticsText();
}

// The primary name is the first typed legal (0.4) or individual (0.2 / 0.3), or untyped;
// without one, the first name.
TEST(BodsJsonParserTest, TheLegalOrIndividualNameIsPrimaryWhereverItComes) {
  const std::string lines =
      R"({"statementId":"s1","recordId":"a","recordType":"person","recordDetails":{"personType":"knownPerson","names":[{"type":"alternative","fullName":"ALIAS A"},{"type":"former","fullName":"FORMER A"},{"type":"legal","fullName":"LEGAL A"}]}})"
      "\n"
      R"({"statementId":"s2","recordId":"b","recordType":"person","recordDetails":{"personType":"knownPerson","names":[{"type":"translation","fullName":"TRANSLATED B"},{"type":"individual","fullName":"INDIVIDUAL B"}]}})"
      "\n"
      R"({"statementId":"s3","recordId":"c","recordType":"person","recordDetails":{"personType":"knownPerson","names":[{"type":"birth","fullName":"BIRTH C"},{"type":"translation","fullName":"TRANSLATED C"}]}})"
      "\n";
  ParsedList list = ParseText("statements.jsonl", lines);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  const model::Entity* a = list.Find("bods:a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->names,
            (std::vector<model::Name>{{.full = "LEGAL A"},
                                      {.full = "ALIAS A", .kind = NameKind::kStrongAlias},
                                      {.full = "FORMER A", .kind = NameKind::kFormerName}}));
  const model::Entity* b = list.Find("bods:b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->caption(), "INDIVIDUAL B");
  const model::Entity* c = list.Find("bods:c");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->names,
            (std::vector<model::Name>{{.full = "BIRTH C"},
                                      {.full = "TRANSLATED C", .kind = NameKind::kStrongAlias}}));
}

// A closing statement that repeats only the record's identity takes parties and interests
// from the statement before it; without a readable date there is no end to set.
TEST(BodsJsonParserTest, ClosingStatementWithoutDetailsKeepsTheEarlierOnes) {
  const std::string lines =
      R"({"statementId":"s1","recordId":"c","recordType":"entity","recordDetails":{"entityType":{"type":"registeredEntity"},"name":"C LTD"}})"
      "\n"
      R"({"statementId":"s2","recordId":"p","recordType":"person","recordDetails":{"personType":"knownPerson","names":[{"fullName":"P ONE"}]}})"
      "\n"
      R"({"statementId":"s3","statementDate":"2020-01-01","recordId":"r","recordType":"relationship","recordDetails":{"subject":"c","interestedParty":"p","interests":[{"type":"otherInfluenceOrControl","startDate":"2020-01-01"}]}})"
      "\n"
      R"({"statementId":"s4","statementDate":"2022-09-30T12:00:00Z","recordId":"r","recordType":"relationship","recordStatus":"closed","recordDetails":{}})"
      "\n"
      R"({"statementId":"s5","statementDate":"2021-01-01","recordId":"r2","recordType":"relationship","recordDetails":{"subject":"c","interestedParty":"p","interests":[{"type":"rightsToProfitOrIncome"}]}})"
      "\n"
      R"({"statementId":"s6","recordId":"r2","recordType":"relationship","recordStatus":"closed","recordDetails":{"subject":"c","interestedParty":"p","interests":[{"type":"rightsToProfitOrIncome"}]}})"
      "\n";
  ParsedList list = ParseText("statements.jsonl", lines);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  const model::Entity* c = list.Find("bods:c");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->links, (std::vector<model::Link>{{.kind = LinkKind::kControlledBy,
                                                 .target_id = "p",
                                                 .target_name = "P ONE",
                                                 .note = "otherInfluenceOrControl, closed",
                                                 .interest = "control",
                                                 .start = {2020, 1, 1},
                                                 .end = {2022, 9, 30}},
                                                // s6 has no date: s5 (dated) stays in force.
                                                {.kind = LinkKind::kOther,
                                                 .target_id = "p",
                                                 .target_name = "P ONE",
                                                 .note = "rightsToProfitOrIncome"}}));
  EXPECT_TRUE(list.diagnostics.diagnostics().empty()) << list.DiagnosticsText();
}

// A closed entity or person whose closing statement gives no name is built from the latest
// statement that describes it, as a closed relationship is; a closing statement that names the
// record is used as it is.
TEST(BodsJsonParserTest, ClosedEntitiesAndPersonsKeepTheirLastDescription) {
  const std::string lines =
      R"({"statementId":"s1","statementDate":"2019-01-01","recordId":"c","recordType":"entity","recordDetails":{"isComponent":false,"entityType":{"type":"registeredEntity"},"name":"C LTD","identifiers":[{"scheme":"XI-LEI","id":"529900T8BM49AURSDO55"}]}})"
      "\n"
      R"({"statementId":"s2","statementDate":"2019-01-01","recordId":"p","recordType":"person","recordDetails":{"isComponent":false,"personType":"knownPerson","names":[{"type":"legal","fullName":"P ONE"}],"birthDate":"1970-05"}})"
      "\n"
      R"({"statementId":"s3","statementDate":"2019-01-01","recordId":"r","recordType":"relationship","recordDetails":{"subject":"c","interestedParty":"p","interests":[{"type":"shareholding","share":{"exact":30}}]}})"
      "\n"
      R"({"statementId":"s4","statementDate":"2023-03-31","recordId":"c","recordType":"entity","recordStatus":"closed","recordDetails":{"isComponent":false,"entityType":{"type":"registeredEntity"}}})"
      "\n"
      R"({"statementId":"s5","statementDate":"2023-03-31","recordId":"p","recordType":"person","recordStatus":"closed","recordDetails":{}})"
      "\n"
      R"({"statementId":"s6","statementDate":"2019-01-01","recordId":"d","recordType":"entity","recordDetails":{"entityType":{"type":"registeredEntity"},"name":"D OLD NAME LTD"}})"
      "\n"
      R"({"statementId":"s7","statementDate":"2023-03-31","recordId":"d","recordType":"entity","recordStatus":"closed","recordDetails":{"entityType":{"type":"legalEntity"},"name":"D LAST NAME"}})"
      "\n";
  ParsedList list = ParseText("statements.jsonl", lines);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_TRUE(list.diagnostics.diagnostics().empty()) << list.DiagnosticsText();
  const model::Entity* c = list.Find("bods:c");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->schema, Schema::kCompany);
  EXPECT_EQ(c->names, (std::vector<model::Name>{{.full = "C LTD"}}));
  EXPECT_EQ(c->identifiers, (std::vector<model::Identifier>{{.type = IdentifierType::kLei,
                                                             .value = "529900T8BM49AURSDO55",
                                                             .label = "XI-LEI"}}));
  const model::Entity* p = list.Find("bods:p");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->schema, Schema::kPerson);
  EXPECT_EQ(p->names, (std::vector<model::Name>{{.full = "P ONE"}}));
  ASSERT_EQ(p->birth_dates.size(), 1u);
  EXPECT_EQ(p->birth_dates[0].date, (model::PartialDate{1970, 5, 0}));
  // The relationship names its party by the name it kept.
  ASSERT_EQ(c->links.size(), 1u);
  EXPECT_EQ(c->links[0].target_name, "P ONE");
  // A closing statement with a name is the record's last description.
  const model::Entity* d = list.Find("bods:d");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->schema, Schema::kLegalEntity);
  EXPECT_EQ(d->names, (std::vector<model::Name>{{.full = "D LAST NAME"}}));
}

TEST(BodsJsonParserTest, DefectiveStatementsAreReportedAndTheRestIsRead) {
  const std::string lines =
      R"({"statementId":"s1","recordId":"c","recordType":"entity","recordDetails":{"name":"C LTD"}})"
      "\n"
      "{not json\n"
      "[1, 2]\n"
      R"({"statementId":"s4","recordType":"entity","recordDetails":{"entityType":{"type":"unknownEntity"}}})"
      "\n"
      R"({"statementId":"s5","recordId":"x","recordType":"trust","recordDetails":{}})"
      "\n"
      R"({"statementId":"s6","recordId":"y","recordType":"entity"})"
      "\n"
      R"({"name":"neither"})"
      "\n"
      R"({"statementId":"s8","recordId":"c","recordType":"person","recordDetails":{"names":[]}})"
      "\n"
      R"({"statementId":"s9","recordId":"r1","recordType":"relationship","recordDetails":{"interestedParty":"s4"}})"
      "\n"
      R"({"statementId":"s10","recordId":"r2","recordType":"relationship","recordDetails":{"subject":"nowhere","interestedParty":"c"}})"
      "\n"
      R"({"statementId":"s11","recordId":"r3","recordType":"relationship","recordDetails":{"subject":"c","interestedParty":"elsewhere","interests":[{"type":"shareholding","share":{"exact":"12.5"}},{"type":"holdingOfGold"},{"type":"votingRights","share":{"exact":150}},{"type":"shareholding","share":{"minimum":60,"maximum":40}},{"type":"shareholding","startDate":"2020-02-01","endDate":"2019-01-01"},{"type":"shareholding","startDate":"last year"}]}})"
      "\n"
      R"({"statementId":"s12","recordId":"r4","recordType":"relationship","recordDetails":{"subject":"c","interestedParty":"c","interests":[]}})"
      "\n"
      R"({"statementId":"s13","recordId":"urn:x:1","recordType":"entity","recordDetails":{"name":"X"}})"
      "\n";
  ParsedList list = ParseText("statements.jsonl", lines);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(CheckEntityInvariants(list, kSource, kNamelessAllowed), "");
  EXPECT_EQ(list.Ids(), (std::vector<std::string>{"bods:c", "bods:s4", "bods:urn:x:1"}));
  struct Expected {
    int64_t line;
    Diagnostic::Severity severity;
    const char* record_id;
    const char* message;
  };
  using enum Diagnostic::Severity;
  const Expected expected[] = {
      {2, kError, "", "the statement is not valid JSON"},
      {3, kError, "", "the statement is not a JSON object"},
      {4, kWarning, "s4", "the statement has no recordId; its statementId is used"},
      {5, kError, "x", "recordType 'trust' is not entity, person or relationship; skipped"},
      {6, kError, "y", "the statement has no recordDetails object; skipped"},
      {7, kError, "",
       "neither a BODS 0.4 statement (recordType) nor a 0.2 / 0.3 one (statementType); skipped"},
      {8, kError, "c", "the record is an entity (line 1), not a person; statement skipped"},
      {13, kWarning, "urn:x:1",
       "the recordId contains ':', which reads as the id of another source's entity where ids "
       "are resolved (graph/)"},
      {9, kError, "r1", "the relationship has no subject; skipped"},
      {10, kError, "r2", "the subject 'nowhere' is not an entity of the document; skipped"},
      {11, kWarning, "r3",
       "the interested party 'elsewhere' is not a record of the document; linked by id only"},
      {11, kWarning, "r3",
       "interest 2: unknown interest type 'holdingOfGold'; kept as an unclassified link"},
      {11, kWarning, "r3",
       "interest 3: share.exact 150 is not a percentage between 0 and 100; share read as "
       "unknown"},
      {11, kWarning, "r3",
       "interest 4: the share's minimum 60 exceeds its maximum 40; share read as unknown"},
      {11, kError, "r3",
       "interest 5: startDate 2020-02-01 is not before the end 2019-01-01; interest skipped"},
      {11, kWarning, "r3", "interest 6: startDate 'last year' is not an ISO date; ignored"},
      {12, kError, "r4", "the subject 'c' is its own interested party; skipped"},
  };
  ASSERT_EQ(list.diagnostics.diagnostics().size(), std::size(expected)) << list.DiagnosticsText();
  for (size_t i = 0; i < std::size(expected); ++i) {
    const Diagnostic& d = list.diagnostics.diagnostics()[i];
    EXPECT_EQ(d.line, expected[i].line) << i;
    EXPECT_EQ(d.severity, expected[i].severity) << i;
    EXPECT_EQ(d.record_id, expected[i].record_id) << i;
    EXPECT_EQ(d.message, expected[i].message) << i;
  }
  // A share given as a numeric string is read; the unreadable ones are unknown.
  const model::Entity* c = list.Find("bods:c");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->links.size(), 5u);
  EXPECT_EQ(c->links[0].target_id, "elsewhere");
  EXPECT_EQ(c->links[0].target_name, "");
  EXPECT_EQ(c->links[0].share, "12.5");
  EXPECT_EQ(c->links[1].kind, LinkKind::kOther);
  EXPECT_EQ(c->links[1].note, "holdingOfGold");
  EXPECT_EQ(c->links[2].share, "");
  EXPECT_EQ(c->links[2].interest, "voting");
  EXPECT_EQ(c->links[3].share, "");
  EXPECT_TRUE(c->links[4].start.empty());
  // An entity without a name is still an entity: ownership formats may emit nameless ones.
  const model::Entity* s4 = list.Find("bods:s4");
  ASSERT_NE(s4, nullptr);
  EXPECT_EQ(s4->schema, Schema::kLegalEntity);
  EXPECT_TRUE(s4->names.empty());
  EXPECT_EQ(s4->properties, (Properties{{"entityType", "unknownEntity"}}));
}

TEST(BodsJsonParserTest, ArrayElementsAreReadAlone) {
  ParsedList list = ParseText(
      "statements.json",
      "[\n"
      R"({"statementId":"s1","recordId":"c","recordType":"entity","recordDetails":{"name":"C ]{ LTD \"q\""}},)"
      "\n"
      R"({"statementId":"s2","recordId":"d","recordType":"entity","recordDetails":{"name":tru}},)"
      "\n"
      ",\n"
      R"({"statementId":"s3","recordId":"e","recordType":"entity","recordDetails":{"name":"E"}})"
      "\n]\n"
      "trailing\n");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.Ids(), (std::vector<std::string>{"bods:c", "bods:e"}));
  EXPECT_EQ(list.entities[0].caption(), "C ]{ LTD \"q\"");
  ASSERT_EQ(list.diagnostics.diagnostics().size(), 3u) << list.DiagnosticsText();
  EXPECT_NE(list.FindDiagnostic(3, "the statement is not valid JSON"), nullptr);
  EXPECT_NE(list.FindDiagnostic(4, "an empty array element"), nullptr);
  EXPECT_NE(list.FindDiagnostic(7, "text after the end of the JSON array is ignored"), nullptr);
}

TEST(BodsJsonParserTest, UnreadableDocumentsAreCorruption) {
  std::string truncated = ReadFixture("ownership/bods_0_4.json");
  truncated.resize(truncated.size() / 2);
  ParsedList cut = ParseText("bods_0_4.json", truncated);
  EXPECT_EQ(cut.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(cut.status.message(),
            "bods_0_4.json:1: the JSON array of statements does not close (truncated?)");
  ParsedList empty = ParseText("statements.json", "\n \n");
  EXPECT_EQ(empty.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(empty.status.message(), "statements.json:1: empty document");
  ParsedList numbers = ParseText("statements.json", "\n[1, 2, 3]");
  EXPECT_EQ(numbers.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(numbers.status.message(),
            "statements.json:2: not BODS JSON: no statement is a JSON object");
  ParsedList html = ParseText("statements.json", "<html>\n</html>\n");
  EXPECT_EQ(html.status.code(), StatusCode::kCorruption);
  // An empty array is a document without statements, not a broken one.
  ParsedList none = ParseText("statements.json", "[ ]");
  EXPECT_TRUE(none.status.ok());
  EXPECT_TRUE(none.entities.empty());
}

TEST(BodsJsonParserTest, RegistryDetectsArraysAndLinesOfStatements) {
  const std::string array = ReadFixture("ownership/bods_0_4.json");
  Result<std::string> format = DetectFormat("bods_0_4.json", array);
  ASSERT_TRUE(format.ok()) << format.status().ToString();
  EXPECT_EQ(*format, "bods-json");
  EXPECT_EQ(*DetectFormat("old.json", ReadFixture("ownership/bods_0_2.json")), "bods-json");
  EXPECT_EQ(*DetectFormat("s.jsonl", R"({"statementId":"s1","recordType":"entity"})"
                                     "\n"),
            "bods-json");
  // FtM lines are still FtM.
  EXPECT_EQ(*DetectFormat("e.json", R"({"id":"x","schema":"Person","properties":{}})"
                                    "\n"),
            "ftm-json");
  EXPECT_EQ(DefaultSource("bods-json", "bods_0_4.json"), "bods");
  std::unique_ptr<ListParser> parser = MakeParser("bods-json");
  ASSERT_NE(parser, nullptr);
  EXPECT_EQ(parser->format(), "bods-json");
}

}  // namespace
}  // namespace cordon::ingest::internal
