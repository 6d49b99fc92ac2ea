#include "ingest/internal/uk_fcdo_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "ingest/internal/test_support.h"
#include "ingest/internal/uk_fcdo_designation.h"

namespace cordon::ingest::internal {
namespace {

using model::Address;
using model::CountryRef;
using model::CountryRole;
using model::DateSpec;
using model::Entity;
using model::Identifier;
using model::IdentifierType;
using model::Link;
using model::LinkKind;
using model::Name;
using model::NameKind;
using model::PartialDate;
using model::Regime;
using model::Sanction;
using model::Schema;
using ::testing::Contains;
using Properties = std::vector<std::pair<std::string, std::string>>;

constexpr char kRussia[] = "The Russia (Sanctions) (EU Exit) Regulations 2019";

ParsedList ParseXml(const std::string& bytes, const std::string& name = "UK-Sanctions-List.xml") {
  auto parser = NewUkFcdoXmlParser();
  return ParseDocument(*parser, "gb_fcdo", name, bytes);
}

ParsedList ParseCsv(const std::string& bytes, const std::string& name = "UK-Sanctions-List.csv") {
  auto parser = NewUkFcdoCsvParser();
  return ParseDocument(*parser, "gb_fcdo", name, bytes);
}

const ParsedList& FixtureXml() {
  static const ParsedList list = ParseXml(ReadFixture("uk_fcdo/UK-Sanctions-List.xml"));
  return list;
}

const ParsedList& FixtureCsv() {
  static const ParsedList list = ParseCsv(ReadFixture("uk_fcdo/UK-Sanctions-List.csv"));
  return list;
}

Sanction FcdoSanction(std::string program, PartialDate listed_on, PartialDate modified_on,
                      std::string reference, std::string reason) {
  return {.regime = Regime::kUk,
          .authority = "FCDO",
          .program = std::move(program),
          .list = "UK Sanctions List",
          .listed_on = listed_on,
          .modified_on = modified_on,
          .reference = std::move(reference),
          .reason = std::move(reason)};
}

TEST(UkFcdoParserTest, FormatNamesAreStable) {
  EXPECT_EQ(NewUkFcdoXmlParser()->format(), "uk-fcdo-xml");
  EXPECT_EQ(NewUkFcdoCsvParser()->format(), "uk-fcdo-csv");
}

TEST(UkFcdoParserTest, FixtureXmlHasFourDesignationsAndNoDiagnostics) {
  const ParsedList& list = FixtureXml();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_TRUE(list.diagnostics.diagnostics().empty()) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, "gb_fcdo"), "");
  EXPECT_EQ(list.metadata.published, "2026-09-02");
  ASSERT_EQ(list.entities.size(), 4u);
  EXPECT_EQ(list.entities[0].id, "gb_fcdo:RUS9001");
  EXPECT_EQ(list.entities[1].id, "gb_fcdo:RUS9002");
  EXPECT_EQ(list.entities[2].id, "gb_fcdo:RUS9003");
  EXPECT_EQ(list.entities[3].id, "gb_fcdo:AQD9004");
  for (const Entity& e : list.entities) EXPECT_EQ(e.provenance.format, "uk-fcdo-xml");
}

TEST(UkFcdoParserTest, FixtureCsvHasTheSameFourDesignationsAndNoDiagnostics) {
  const ParsedList& list = FixtureCsv();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_TRUE(list.diagnostics.diagnostics().empty()) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, "gb_fcdo"), "");
  EXPECT_EQ(list.metadata.published, "2026-09-02");
  ASSERT_EQ(list.entities.size(), 4u);
  for (const Entity& e : list.entities) EXPECT_EQ(e.provenance.format, "uk-fcdo-csv");
}

// The two files of one list version hold the same designations; apart from the format named in
// provenance, the entities must be identical, field by field.
TEST(UkFcdoParserTest, XmlAndCsvGiveTheSameEntities) {
  const ParsedList& xml = FixtureXml();
  const ParsedList& csv = FixtureCsv();
  ASSERT_EQ(xml.entities.size(), csv.entities.size());
  for (size_t i = 0; i < xml.entities.size(); ++i) {
    Entity from_csv = csv.entities[i];
    from_csv.provenance.format = "uk-fcdo-xml";
    const Entity& from_xml = xml.entities[i];
    EXPECT_EQ(from_csv.id, from_xml.id);
    EXPECT_EQ(from_csv.names, from_xml.names) << from_xml.id;
    EXPECT_EQ(from_csv.identifiers, from_xml.identifiers) << from_xml.id;
    EXPECT_EQ(from_csv.birth_dates, from_xml.birth_dates) << from_xml.id;
    EXPECT_EQ(from_csv.countries, from_xml.countries) << from_xml.id;
    EXPECT_EQ(from_csv.addresses, from_xml.addresses) << from_xml.id;
    EXPECT_EQ(from_csv.sanctions, from_xml.sanctions) << from_xml.id;
    EXPECT_EQ(from_csv.links, from_xml.links) << from_xml.id;
    EXPECT_EQ(from_csv.properties, from_xml.properties) << from_xml.id;
    EXPECT_TRUE(from_csv == from_xml) << from_xml.id;
  }
}

TEST(UkFcdoParserTest, RussianPersonHasNamesInBothScriptsDocumentsAndBirthDetails) {
  for (const ParsedList* list : {&FixtureXml(), &FixtureCsv()}) {
    const Entity* e = list->Find("gb_fcdo:RUS9001");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->schema, Schema::kPerson);
    EXPECT_EQ(e->provenance.record_id, "RUS9001");
    const std::vector<Name> names = {
        {.full = "Ivan Petrovich SIDORENKOV",
         .kind = NameKind::kPrimary,
         .given = "Ivan",
         .middle = "Petrovich",
         .family = "SIDORENKOV"},
        // "Primary name variation" is a spelling of the primary name: a strong alias.
        {.full = "Ivan Petrovitch SIDORENKOV",
         .kind = NameKind::kStrongAlias,
         .given = "Ivan",
         .middle = "Petrovitch",
         .family = "SIDORENKOV"},
        // The whole alias is written into Name6: no parts are claimed.
        {.full = "Vanya SIDORENKOV", .kind = NameKind::kStrongAlias},
        {.full = "\u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432\u0438\u0447 "
                 "\u0421\u0418\u0414\u041e\u0420\u0415\u041d\u041a\u041e\u0412",
         .kind = NameKind::kOriginalScript,
         .lang = "ru"},
    };
    EXPECT_EQ(e->names, names);
    EXPECT_EQ(e->titles, (std::vector<std::string>{"Colonel"}));
    EXPECT_EQ(e->birth_dates,
              (std::vector<DateSpec>{{.date = {1961, 5, 12}}, {.date = {1962, 0, 0}}}));
    EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Omsk"}));
    EXPECT_EQ(e->gender, "male");
    EXPECT_EQ(e->positions, (std::vector<std::string>{"Deputy Head of a fictional state agency"}));
    const std::vector<CountryRef> countries = {{"RU", CountryRole::kAddressCountry, ""},
                                               {"RU", CountryRole::kBirthCountry, ""},
                                               {"RU", CountryRole::kNationality, ""}};
    EXPECT_EQ(e->countries, countries);
    EXPECT_EQ(e->addresses, (std::vector<Address>{{.full = "ul. Primernaya 1, Moscow, Russia",
                                                   .country_code = "RU",
                                                   .country_text = "Russia"}}));
    const std::vector<Identifier> identifiers = {
        {.type = IdentifierType::kPassport,
         .value = "750000001",
         .label = "Passport",
         .note = "Russian foreign travel passport"},
        {.type = IdentifierType::kNationalId,
         .value = "4500000001",
         .label = "National identifier",
         .note = "Russian internal passport"},
    };
    EXPECT_EQ(e->identifiers, identifiers);
    EXPECT_EQ(e->sanctions,
              (std::vector<Sanction>{FcdoSanction(
                  kRussia, {2022, 3, 15}, {2026, 4, 14}, "RUS9001",
                  "Ivan SIDORENKOV is a fictional officer of a Russian state agency who is "
                  "involved in destabilising Ukraine.")}));
    EXPECT_EQ(e->properties, (Properties{{"ofsiGroupId", "90001"},
                                         {"designationSource", "UK"},
                                         {"provisions", "Asset freeze"},
                                         {"provisions", "Travel Ban"},
                                         {"provisions", "Director Disqualification Sanction"}}));
    EXPECT_EQ(e->remarks, "Fictional designation written for the cordon parser tests.");
    EXPECT_TRUE(e->links.empty());
  }
}

TEST(UkFcdoParserTest, RussianCompanyHasRegistrationNumbersContactsAndOwnershipLinks) {
  for (const ParsedList* list : {&FixtureXml(), &FixtureCsv()}) {
    const Entity* e = list->Find("gb_fcdo:RUS9002");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->schema, Schema::kOrganization);
    const std::vector<Name> names = {
        {.full = "OOO PRIMER TEKHNOLOGII", .kind = NameKind::kPrimary},
        {.full = "PRIMER TECHNOLOGIES LLC", .kind = NameKind::kStrongAlias},
        {.full = "\u041e\u041e\u041e \u041f\u0420\u0418\u041c\u0415\u0420 "
                 "\u0422\u0415\u0425\u041d\u041e\u041b\u041e\u0413\u0418\u0418",
         .kind = NameKind::kOriginalScript,
         .lang = "ru"},
    };
    EXPECT_EQ(e->names, names);
    const std::vector<Identifier> identifiers = {
        {.type = IdentifierType::kInn,
         .value = "7700000001",
         .country = "RU",
         .label = "Business registration number",
         .note = "Tax Identification Number: INN 7700000001"},
        {.type = IdentifierType::kOgrn,
         .value = "1027700000001",
         .country = "RU",
         .label = "Business registration number",
         .note = "Registration Number: OGRN 1027700000001"},
    };
    EXPECT_EQ(e->identifiers, identifiers);
    EXPECT_EQ(
        e->links,
        (std::vector<Link>{
            {.kind = LinkKind::kOwnedBy,
             .target_name = "AO PRIMER HOLDING",
             .note = "Parent company"},
            {.kind = LinkKind::kOwns, .target_name = "PRIMER SERVICE LLC", .note = "Subsidiary"}}));
    EXPECT_EQ(e->addresses,
              (std::vector<Address>{{.full = "ul. Testovaya 5, building 2, Moscow, 123000, Russia",
                                     .postal_code = "123000",
                                     .country_code = "RU",
                                     .country_text = "Russia"}}));
    EXPECT_EQ(e->countries, (std::vector<CountryRef>{{"RU", CountryRole::kAddressCountry, ""}}));
    EXPECT_EQ(e->phones, (std::vector<std::string>{"+7 495 000 0000"}));
    // One EmailAddress cell holds two addresses.
    EXPECT_EQ(e->emails, (std::vector<std::string>{"info@primer.example", "sales@primer.example"}));
    EXPECT_EQ(e->websites, (std::vector<std::string>{"www.primer.example"}));
    EXPECT_EQ(e->properties, (Properties{{"classification", "Limited Liability Company"},
                                         {"ofsiGroupId", "90002"},
                                         {"designationSource", "UK"},
                                         {"provisions", "Asset freeze"},
                                         {"provisions", "Trust services sanctions"}}));
    EXPECT_EQ(e->sanctions,
              (std::vector<Sanction>{FcdoSanction(
                  kRussia, {2022, 2, 24}, {2026, 9, 2}, "RUS9002",
                  "A fictional company operating in the Russian electronics sector.")}));
    EXPECT_EQ(e->remarks, "");
  }
}

TEST(UkFcdoParserTest, ShipHasImoNumberFlagsPreviousNamesAndOwners) {
  for (const ParsedList* list : {&FixtureXml(), &FixtureCsv()}) {
    const Entity* e = list->Find("gb_fcdo:RUS9003");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->schema, Schema::kVessel);
    EXPECT_EQ(e->names,
              (std::vector<Name>{{.full = "OCEAN FABLE", .kind = NameKind::kPrimary},
                                 {.full = "SEA STORY", .kind = NameKind::kStrongAlias},
                                 {.full = "MARE FICTUM", .kind = NameKind::kStrongAlias}}));
    // "IMO9000001" as the list writes it; the identifier holds the seven digits.
    EXPECT_EQ(e->identifiers,
              (std::vector<Identifier>{
                  {.type = IdentifierType::kImo, .value = "9000001", .label = "IMO number"}}));
    EXPECT_EQ(e->countries, (std::vector<CountryRef>{{"CM", CountryRole::kFlag, ""}}));
    EXPECT_EQ(e->links, (std::vector<Link>{{.kind = LinkKind::kOwnedBy,
                                            .target_name = "FABLE SHIPPING LTD",
                                            .note = "Current owner/operator"},
                                           {.kind = LinkKind::kOther,
                                            .target_name = "OLD STORY MARINE SA",
                                            .note = "Previous owner/operator"}}));
    EXPECT_EQ(e->properties, (Properties{{"pastFlags", "PA"},
                                         {"pastFlags", "GA"},
                                         {"type", "Crude Oil Tanker"},
                                         {"tonnage", "81225"},
                                         {"length", "244"},
                                         {"buildDate", "2004"},
                                         {"designationSource", "UK"},
                                         {"provisions", "Ship specification"},
                                         {"provisions", "Prohibition of port entry"}}));
    EXPECT_TRUE(e->addresses.empty());
    EXPECT_EQ(e->remarks, "Previous names: SEA STORY, MARE FICTUM.");
    EXPECT_EQ(e->sanctions,
              (std::vector<Sanction>{FcdoSanction(
                  kRussia, {2025, 5, 20}, {2025, 5, 20}, "RUS9003",
                  "OCEAN FABLE is a fictional tanker that has carried Russian crude oil.")}));
  }
}

TEST(UkFcdoParserTest, UnSourcedEntityKeepsTheUnReferenceAndAliasQuality) {
  for (const ParsedList* list : {&FixtureXml(), &FixtureCsv()}) {
    const Entity* e = list->Find("gb_fcdo:AQD9004");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->schema, Schema::kOrganization);
    const std::vector<Name> names = {
        {.full = "FICTIONAL BRIGADE", .kind = NameKind::kPrimary},
        {.full = "BRIGADE OF FICTION", .kind = NameKind::kStrongAlias},
        // AliasStrength "Low quality a.k.a".
        {.full = "FB", .kind = NameKind::kWeakAlias},
        {.full = "\u0627\u0644\u0643\u062a\u064a\u0628\u0629 "
                 "\u0627\u0644\u062e\u064a\u0627\u0644\u064a\u0629",
         .kind = NameKind::kOriginalScript,
         .lang = "ar"},
    };
    EXPECT_EQ(e->names, names);
    EXPECT_EQ(e->properties, (Properties{{"unscId", "QDe.999"},
                                         {"ofsiGroupId", "90004"},
                                         {"designationSource", "UN"},
                                         {"provisions", "Asset freeze"},
                                         {"provisions", "Targeted arms embargo"}}));
    // UN designations carry no UK statement of reasons (an empty element in the XML).
    EXPECT_EQ(e->sanctions,
              (std::vector<Sanction>{FcdoSanction(
                  "The ISIL (Da'esh) and Al-Qaida (United Nations Sanctions) (EU Exit) "
                  "Regulations 2019",
                  {2014, 5, 29}, {2026, 2, 11}, "AQD9004", "")}));
    EXPECT_EQ(e->addresses,
              (std::vector<Address>{
                  {.full = "Idlib, Syria", .country_code = "SY", .country_text = "Syria"}}));
    EXPECT_EQ(e->remarks, "Fictional group written for the cordon parser tests.");
  }
}

TEST(UkFcdoParserTest, DefectiveXmlDesignationsAreReportedAndTheRestIsRead) {
  const ParsedList list = ParseXml(ReadFixture("uk_fcdo/defective.xml"), "defective.xml");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(CheckEntityInvariants(list, "gb_fcdo"), "");
  const auto& d = list.diagnostics.diagnostics();
  ASSERT_EQ(d.size(), 5u) << list.DiagnosticsText();
  EXPECT_EQ(d[0].ToString(), "defective.xml:4 error: designation without UniqueID; skipped");
  EXPECT_EQ(d[1].ToString(),
            "defective.xml:16 [record RUS9101] warning: unknown NameType 'Nickname'; name read "
            "as an alias");
  EXPECT_EQ(d[2].ToString(),
            "defective.xml:16 [record RUS9101] warning: cannot read DOB '31/13/1970'; kept as "
            "text");
  EXPECT_EQ(d[3].ToString(),
            "defective.xml:42 [record RUS9102] warning: unknown IndividualEntityShip 'Aircraft'; "
            "read as a legal entity");
  EXPECT_EQ(d[4].ToString(),
            "defective.xml:55 [record RUS9101] error: duplicate UniqueID (first at line 16); "
            "skipped");
  ASSERT_EQ(list.entities.size(), 2u);
  const Entity& olga = list.entities[0];
  EXPECT_EQ(olga.id, "gb_fcdo:RUS9101");
  EXPECT_EQ(olga.names, (std::vector<Name>{
                            {.full = "Olga TESTOVA",
                             .kind = NameKind::kPrimary,
                             .given = "Olga",
                             .family = "TESTOVA"},
                            {.full = "OLYA", .kind = NameKind::kStrongAlias, .family = "OLYA"}}));
  EXPECT_EQ(olga.birth_dates,
            (std::vector<DateSpec>{{.text = "31/13/1970"}, {.date = {1971, 0, 0}}}));
  EXPECT_EQ(list.entities[1].id, "gb_fcdo:RUS9102");
  EXPECT_EQ(list.entities[1].schema, Schema::kLegalEntity);
}

TEST(UkFcdoParserTest, DefectiveCsvRowsAreReportedAndTheRestIsRead) {
  const ParsedList list = ParseCsv(ReadFixture("uk_fcdo/defective.csv"), "defective.csv");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  const auto& d = list.diagnostics.diagnostics();
  ASSERT_EQ(d.size(), 3u) << list.DiagnosticsText();
  EXPECT_EQ(d[0].ToString(),
            "defective.csv:4 error: row has 57 fields, the header has 58; skipped");
  EXPECT_EQ(d[1].ToString(), "defective.csv:5 error: row without Unique ID; skipped");
  EXPECT_EQ(d[2].ToString(),
            "defective.csv:6 [record RUS9201] warning: rows disagree on Regime Name ('The Russia "
            "(Sanctions) (EU Exit) Regulations 2019', 'The Belarus (Sanctions) (EU Exit) "
            "Regulations 2019'); the first is used");
  ASSERT_EQ(list.entities.size(), 1u);
  const Entity& e = list.entities[0];
  EXPECT_EQ(e.id, "gb_fcdo:RUS9201");
  EXPECT_EQ(e.names, (std::vector<Name>{{.full = "GOOD ROW LLC", .kind = NameKind::kPrimary},
                                        {.full = "GOOD ROW", .kind = NameKind::kStrongAlias}}));
  EXPECT_EQ(e.sanctions.front().program, kRussia);
}

TEST(UkFcdoParserTest, DesignationWithoutPrimaryNameUsesItsUntypedName) {
  const std::string xml =
      "<Designations><Designation><UniqueID>RUS9301</UniqueID>"
      "<Names><Name><Name6>ALIAS ONE</Name6><NameType>Alias</NameType></Name>"
      "<Name><Name6>UNTYPED NAME</Name6></Name></Names>"
      "<IndividualEntityShip>Entity</IndividualEntityShip></Designation></Designations>";
  const ParsedList list = ParseXml(xml);
  ASSERT_EQ(list.entities.size(), 1u);
  EXPECT_EQ(list.entities[0].names,
            (std::vector<Name>{{.full = "UNTYPED NAME", .kind = NameKind::kPrimary},
                               {.full = "ALIAS ONE", .kind = NameKind::kStrongAlias}}));
  EXPECT_TRUE(list.diagnostics.diagnostics().empty()) << list.DiagnosticsText();
}

TEST(UkFcdoParserTest, CsvWithoutReportDateAndWithTheOlderTypeColumnIsRead) {
  const std::string csv =
      "\"Unique ID\",\"Individual, Entity, Ship\",\"Name 6\",\"Name type\",\"Regime Name\"\r\n"
      "\"UK001\",\"Entity\",\"Acme Holdings Ltd\",\"Primary Name\",\"Test regime\"\r\n"
      "\"UK001\",\"Entity\",\"ACME Holdings\",\"Alias\",\"Test regime\"\r\n";
  const ParsedList list = ParseCsv(csv);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.metadata.published, "");
  ASSERT_EQ(list.entities.size(), 1u);
  EXPECT_EQ(list.entities[0].schema, Schema::kOrganization);
  EXPECT_EQ(list.entities[0].names.size(), 2u);
  EXPECT_TRUE(list.diagnostics.diagnostics().empty()) << list.DiagnosticsText();
}

TEST(UkFcdoParserTest, DesignationWithOnlyANonLatinNameUsesItAsPrimary) {
  const std::string xml =
      "<Designations><Designation><UniqueID>RUS9302</UniqueID>"
      "<NonLatinNames><NonLatinName><NameNonLatinScript>\u0418\u0412\u0410\u041d"
      "</NameNonLatinScript><NonLatinScriptLanguage>Russian</NonLatinScriptLanguage>"
      "</NonLatinName></NonLatinNames>"
      "<IndividualEntityShip>Individual</IndividualEntityShip></Designation></Designations>";
  const ParsedList list = ParseXml(xml);
  ASSERT_EQ(list.entities.size(), 1u);
  EXPECT_EQ(list.entities[0].names,
            (std::vector<Name>{
                {.full = "\u0418\u0412\u0410\u041d", .kind = NameKind::kPrimary, .lang = "ru"}}));
  ASSERT_EQ(list.diagnostics.diagnostics().size(), 1u);
  EXPECT_EQ(list.diagnostics.diagnostics()[0].ToString(),
            "UK-Sanctions-List.xml:1 [record RUS9302] warning: no Latin-script name; the "
            "non-Latin name is used as the primary name");
}

// The real UK Sanctions List of 7 September 2026, in the excerpt bundled as the current UK
// version (21 designations chosen for their quirks; ../shared/data/SOURCES.md).
const ParsedList& RealExcerpt() {
  static const ParsedList list =
      ParseXml(ReadRealList("uk/uk_sanctions_list_2026-09-07_excerpt.xml"),
               "uk_sanctions_list_2026-09-07_excerpt.xml");
  return list;
}

TEST(UkFcdoParserTest, RealExcerptOf2026IsReadWhole) {
  const ParsedList& list = RealExcerpt();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.metadata.published, "2026-09-07");
  // Every quirk of the excerpt is read: padded names, an empty name, two primary names, the
  // cases of NameType, "dd/mm/1945" and "15/08/19yy", a repeated passport.
  EXPECT_TRUE(list.diagnostics.diagnostics().empty()) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, "gb_fcdo"), "");
  EXPECT_EQ(list.Ids(),
            (std::vector<std::string>{"gb_fcdo:AFG0001", "gb_fcdo:AFG0006", "gb_fcdo:AFG0007",
                                      "gb_fcdo:AFG0009", "gb_fcdo:AFG0038", "gb_fcdo:AFG0043",
                                      "gb_fcdo:AQD0030", "gb_fcdo:AQD0190", "gb_fcdo:AQD0260",
                                      "gb_fcdo:AQD0262", "gb_fcdo:BEL0004", "gb_fcdo:BEL0108",
                                      "gb_fcdo:BEL0174", "gb_fcdo:DPR0075", "gb_fcdo:DPR0076",
                                      "gb_fcdo:GAC0072", "gb_fcdo:GIM0029", "gb_fcdo:GUB0009",
                                      "gb_fcdo:RUS1683", "gb_fcdo:RUS2701", "gb_fcdo:RUS3379"}));
  std::map<Schema, int> by_schema;
  int un_references = 0;
  int names_in_other_scripts = 0;
  for (const Entity& e : list.entities) {
    ++by_schema[e.schema];
    for (const auto& [key, value] : e.properties) un_references += key == "unscId";
    for (const Name& n : e.names) names_in_other_scripts += n.kind == NameKind::kOriginalScript;
    ASSERT_EQ(e.sanctions.size(), 1u) << e.id;
    EXPECT_EQ(e.sanctions[0].regime, Regime::kUk);
    EXPECT_FALSE(e.sanctions[0].listed_on.empty()) << e.id;
  }
  EXPECT_EQ(by_schema[Schema::kPerson], 14);
  EXPECT_EQ(by_schema[Schema::kVessel], 2);
  EXPECT_EQ(by_schema[Schema::kOrganization] + by_schema[Schema::kCompany], 5);
  // The UN designations carry their UN reference, but for the two North Korean ships.
  EXPECT_EQ(un_references, 11);
  // 17 non-Latin names in Arabic or Cyrillic; the four in Latin letters are aliases.
  EXPECT_EQ(names_in_other_scripts, 17);
}

TEST(UkFcdoParserTest, RealExcerptPersonsKeepTheirScriptsDatesAndReferences) {
  const Entity* romanova = RealExcerpt().Find("gb_fcdo:RUS2701");
  ASSERT_NE(romanova, nullptr);
  EXPECT_EQ(romanova->birth_dates,
            (std::vector<DateSpec>{
                {.date = {1900, 8, 15}, .until = {1999, 8, 15}, .text = "15/08/19yy"}}));
  EXPECT_EQ(romanova->sanctions[0].listed_on, (PartialDate{2025, 5, 20}));
  EXPECT_EQ(romanova->sanctions[0].program, kRussia);
  const Entity* kazakou = RealExcerpt().Find("gb_fcdo:BEL0174");
  ASSERT_NE(kazakou, nullptr);
  std::vector<std::string> cyrillic;
  for (const Name& n : kazakou->names) {
    if (n.kind == NameKind::kOriginalScript) cyrillic.push_back(n.full);
  }
  EXPECT_EQ(cyrillic,
            (std::vector<std::string>{
                "\u041f\u0430\u0432\u0435\u043b \u0406\u0432\u0430\u043d\u0430\u0432\u0456\u0447 "
                "\u041a\u0430\u0437\u0430\u043a\u043e\u045e",
                "\u041f\u0430\u0432\u0435\u043b \u0418\u0432\u0430\u043d\u043e\u0432\u0438\u0447 "
                "\u041a\u0430\u0437\u0430\u043a\u043e\u0432"}));
  const Entity* akhund = RealExcerpt().Find("gb_fcdo:AFG0006");
  ASSERT_NE(akhund, nullptr);
  EXPECT_THAT(akhund->properties,
              Contains(std::pair<std::string, std::string>("unscId", "TAi.002")));
  // One passport, written ten times (once per birth date), is one identifier.
  int passports = 0;
  for (const Identifier& id : akhund->identifiers)
    passports += id.type == IdentifierType::kPassport;
  EXPECT_EQ(passports, 1);
}

TEST(UkFcdoParserTest, DatesWithPlaceholdersAreRead) {
  EXPECT_EQ(ParseFcdoDate("dd/mm/1945"), (PartialDate{1945, 0, 0}));
  EXPECT_EQ(ParseFcdoDate("dd/05/1980"), (PartialDate{1980, 5, 0}));
  EXPECT_EQ(ParseFcdoDate("01/03/1958"), (PartialDate{1958, 3, 1}));
  EXPECT_EQ(ParseFcdoDate("29/02/2001"), std::nullopt);
  EXPECT_EQ(ParseFcdoDate("1958"), std::nullopt);
  EXPECT_EQ(ParseFcdoCenturyDate("15/08/19yy"),
            (DateSpec{.date = {1900, 8, 15}, .until = {1999, 8, 15}, .text = "15/08/19yy"}));
  EXPECT_EQ(ParseFcdoCenturyDate("dd/mm/19YY"),
            (DateSpec{.date = {1900, 0, 0}, .until = {1999, 0, 0}, .text = "dd/mm/19YY"}));
  EXPECT_EQ(ParseFcdoCenturyDate("29/02/19yy"),
            (DateSpec{.date = {1904, 2, 29}, .until = {1996, 2, 29}, .text = "29/02/19yy"}));
  EXPECT_EQ(ParseFcdoCenturyDate("31/02/19yy"), std::nullopt);
  EXPECT_EQ(ParseFcdoCenturyDate("15/08/yyyy"), std::nullopt);
  EXPECT_EQ(ParseFcdoCenturyDate("15/08/1975"), std::nullopt);
}

TEST(UkFcdoParserTest, UnreadableDocumentsAreCorruption) {
  const ParsedList empty_xml = ParseXml("", "UK-Sanctions-List.xml");
  EXPECT_EQ(empty_xml.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(empty_xml.status.message().rfind("UK-Sanctions-List.xml:", 0), 0u);

  std::string xml = ReadFixture("uk_fcdo/UK-Sanctions-List.xml");
  const ParsedList truncated = ParseXml(xml.substr(0, xml.size() / 2), "UK-Sanctions-List.xml");
  EXPECT_EQ(truncated.status.code(), StatusCode::kCorruption);
  EXPECT_NE(truncated.status.message().find("UK-Sanctions-List.xml:"), std::string::npos);
  EXPECT_NE(truncated.status.message().find("malformed XML"), std::string::npos);

  const ParsedList other = ParseXml("<CONSOLIDATED_LIST/>", "consolidated.xml");
  EXPECT_EQ(other.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(other.status.message(),
            "consolidated.xml:1: not a UK Sanctions List document (root element "
            "<CONSOLIDATED_LIST>, expected <Designations>)");

  const ParsedList empty_csv = ParseCsv("", "UK-Sanctions-List.csv");
  EXPECT_EQ(empty_csv.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(empty_csv.status.message(), "UK-Sanctions-List.csv:1: empty document");

  const ParsedList wrong_csv = ParseCsv("Last Updated,13/04/2018\r\nName 6,Group ID\r\n", "x.csv");
  EXPECT_EQ(wrong_csv.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(wrong_csv.status.message(),
            "x.csv:1: not a UK Sanctions List CSV header: no 'Unique ID' column");

  const std::string csv = ReadFixture("uk_fcdo/UK-Sanctions-List.csv");
  const ParsedList cut =
      ParseCsv(csv.substr(0, csv.find("Ivan SIDORENKOV is")) + "\"cut", "UK-Sanctions-List.csv");
  EXPECT_EQ(cut.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(cut.status.message(), "UK-Sanctions-List.csv:3: unterminated quoted field");
}

}  // namespace
}  // namespace cordon::ingest::internal
