#include "ingest/internal/eu_xml_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "ingest/internal/test_support.h"

namespace cordon::ingest::internal {
namespace {

using model::Address;
using model::CountryRef;
using model::CountryRole;
using model::DateSpec;
using model::Entity;
using model::Identifier;
using model::IdentifierType;
using model::Name;
using model::NameKind;
using model::PartialDate;
using model::Regime;
using model::Sanction;
using model::Schema;

// No full real FSF XML file is available: every test here reads fixtures written in the shape
// of published snippets of the export (see docs/formats/eu_xml.md).
ParsedList ParseSample() {
  static const std::string bytes = ReadFixture("eu_xml/eu_fsf_sample.xml");
  auto parser = NewEuXmlParser();
  return ParseDocument(*parser, "eu_fsf", "eu_fsf_sample.xml", bytes);
}

ParsedList ParseText(const std::string& text, const std::string& name = "fixture.xml") {
  auto parser = NewEuXmlParser();
  return ParseDocument(*parser, "eu_fsf", name, text);
}

Sanction EuSanction(std::string program, std::string reference, PartialDate listed_on,
                    PartialDate modified_on, std::string reason) {
  return {.regime = Regime::kEu,
          .authority = "EU Council",
          .program = std::move(program),
          .listed_on = listed_on,
          .modified_on = modified_on,
          .reference = std::move(reference),
          .reason = std::move(reason)};
}

std::string Wrap(const std::string& entities) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\" "
         "generationDate=\"2024-12-11T21:24:35.826+01:00\" globalFileId=\"171703\">\n" +
         entities + "</export>\n";
}

TEST(EuXmlParserTest, FormatNameIsStable) { EXPECT_EQ(NewEuXmlParser()->format(), "eu-fsf-xml"); }

TEST(EuXmlParserTest, SampleCountsAndMetadata) {
  const ParsedList list = ParseSample();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.metadata.published, "2018-12-21T14:39:54.511+01:00");
  EXPECT_TRUE(list.diagnostics.diagnostics().empty()) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, "eu_fsf"), "");
  std::vector<std::string> ids;
  std::map<Schema, int> by_schema;
  for (const Entity& e : list.entities) {
    ids.push_back(e.provenance.record_id);
    ++by_schema[e.schema];
    EXPECT_EQ(e.provenance.format, "eu-fsf-xml");
  }
  EXPECT_EQ(ids,
            (std::vector<std::string>{"1", "13", "207", "900001", "900002", "900003", "900004"}));
  EXPECT_EQ(by_schema[Schema::kPerson], 4);
  EXPECT_EQ(by_schema[Schema::kOrganization], 3);
}

// The real FSF export of 5 August 2026, in the excerpt bundled as the current EU version (17
// records chosen for their quirks; ../shared/data/SOURCES.md).
const ParsedList& RealExcerpt() {
  static const ParsedList list = [] {
    auto parser = NewEuXmlParser();
    return ParseDocument(*parser, "eu_fsf", "eu_fsf_2026_excerpt.xml",
                         ReadRealList("eu/eu_fsf_2026_excerpt.xml"));
  }();
  return list;
}

TEST(EuXmlParserTest, RealExcerptOf2026IsReadWhole) {
  const ParsedList& list = RealExcerpt();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.metadata.published, "2026-08-05T16:47:04.449+02:00");
  EXPECT_TRUE(list.diagnostics.diagnostics().empty()) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, "eu_fsf"), "");
  std::vector<std::string> ids;
  std::map<Schema, int> by_schema;
  std::map<std::string, int> by_programme;
  for (const Entity& e : list.entities) {
    ids.push_back(e.provenance.record_id);
    ++by_schema[e.schema];
    ASSERT_FALSE(e.sanctions.empty()) << e.id;
    ++by_programme[e.sanctions[0].program];
    EXPECT_EQ(e.sanctions[0].regime, Regime::kEu);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"13", "20", "514", "3745", "5669", "6177", "6428",
                                           "6971", "7300", "107840", "118593", "126538", "127388",
                                           "139009", "150299", "155661", "161649"}));
  EXPECT_EQ(by_schema[Schema::kPerson], 10);
  EXPECT_EQ(by_schema[Schema::kOrganization] + by_schema[Schema::kCompany], 7);
  EXPECT_EQ(by_programme["IRN"], 4);
  EXPECT_EQ(by_programme["UKR"], 2);
}

TEST(EuXmlParserTest, RealExcerptKeepsIdentifiersReferencesAndOnlyGregorianDates) {
  const ParsedList& list = RealExcerpt();
  const Entity* sovcombank = list.Find("eu_fsf:139009");
  ASSERT_NE(sovcombank, nullptr);
  std::vector<std::string> numbers;
  for (const Identifier& id : sovcombank->identifiers) numbers.push_back(id.value);
  EXPECT_EQ(numbers, (std::vector<std::string>{"4401116480", "1144400000425"}));
  const Entity* chongchongang = list.Find("eu_fsf:107840");
  ASSERT_NE(chongchongang, nullptr);
  ASSERT_EQ(chongchongang->identifiers.size(), 1u);
  EXPECT_EQ(chongchongang->identifiers[0].type, IdentifierType::kImo);
  EXPECT_EQ(chongchongang->identifiers[0].value, "5342883");
  const Entity* badi = list.Find("eu_fsf:118593");
  ASSERT_NE(badi, nullptr);
  EXPECT_NE(std::find(badi->properties.begin(), badi->properties.end(),
                      std::pair<std::string, std::string>{"unscId", "LYi.28"}),
            badi->properties.end());
  // Soleimani: 1965, and the Iranian Hijri year 1343, which is no Gregorian year.
  const Entity* soleimani = list.Find("eu_fsf:127388");
  ASSERT_NE(soleimani, nullptr);
  for (const DateSpec& d : soleimani->birth_dates) {
    EXPECT_TRUE(d.date.empty() || d.date.year > 1900) << d.date.ToIso() << " " << d.text;
  }
  EXPECT_TRUE(std::any_of(soleimani->birth_dates.begin(), soleimani->birth_dates.end(),
                          [](const DateSpec& d) {
                            return d.date == PartialDate{1965, 0, 0};
                          }));
  // Asiri: the Hijri date comes with its Gregorian conversion, which is kept.
  const Entity* asiri = list.Find("eu_fsf:6177");
  ASSERT_NE(asiri, nullptr);
  EXPECT_TRUE(
      std::any_of(asiri->birth_dates.begin(), asiri->birth_dates.end(), [](const DateSpec& d) {
        return d.date == PartialDate{1982, 4, 19};
      }));
}

// logicalId 1 as the export of 2018-12-21 gives it: only the amending regulation 2018/223 is at
// entity level; the birth date came with 898/2005, the oldest regulation the record names.
TEST(EuXmlParserTest, RobertMugabeListedSinceTheOldestRegulationTheRecordNames) {
  const ParsedList list = ParseSample();
  const Entity* e = list.Find("eu_fsf:1");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->names, (std::vector<Name>{{.full = "Robert Gabriel Mugabe",
                                          .given = "Robert",
                                          .middle = "Gabriel",
                                          .family = "Mugabe"}}));
  EXPECT_EQ(e->gender, "male");
  EXPECT_EQ(e->positions, (std::vector<std::string>{"Former President"}));
  // countryIso2Code "00" / countryDescription "UNKNOWN" is no country.
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{{.type = IdentifierType::kPassport,
                                                      .value = "AD001095",
                                                      .label = "National passport",
                                                      .note = "(passport)"}}));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1924, 2, 21}}}));
  EXPECT_TRUE(e->birth_places.empty());
  EXPECT_TRUE(e->countries.empty());
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{EuSanction("ZWE", "EU.36.64", {2005, 6, 16},
                                                            {2018, 2, 16}, "2018/223 (OJ L43)")}));
  EXPECT_EQ(
      e->properties,
      (std::vector<std::pair<std::string, std::string>>{
          {"sourceUrl",
           "http://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=CELEX:32018R0223&from=EN"}}));
  EXPECT_EQ(e->remarks, "");
}

TEST(EuXmlParserTest, SaddamHussein) {
  const ParsedList list = ParseSample();
  const Entity* e = list.Find("eu_fsf:13");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names, (std::vector<Name>{
                          {.full = "Saddam Hussein Al-Tikriti",
                           .kind = NameKind::kPrimary,
                           .given = "Saddam",
                           .family = "Hussein Al-Tikriti"},
                          {.full = "Abu Ali", .kind = NameKind::kStrongAlias},
                          {.full = "Abou Ali", .kind = NameKind::kStrongAlias, .lang = "fr"}}));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1937, 4, 28}}}));
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"al-Awja, near Tikrit"}));
  EXPECT_EQ(e->countries, (std::vector<CountryRef>{{"IQ", CountryRole::kCitizenship, "IRAQ"},
                                                   {"IQ", CountryRole::kBirthCountry, "IRAQ"}}));
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{EuSanction("IRQ", "EU.27.28", {2003, 7, 8}, {},
                                                            "1210/2003 (OJ L169)")}));
  EXPECT_EQ(e->remarks, "UNSC RESOLUTION 1483");
}

// logicalId 207: the first strong name has no language and is the primary, though Turkish;
// the Bulgarian and Greek entries are in their own scripts.
TEST(EuXmlParserTest, NonLatinNamesInOtherLanguagesAreOriginalScript) {
  const ParsedList list = ParseSample();
  const Entity* e = list.Find("eu_fsf:207");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kOrganization);
  EXPECT_EQ(e->names,
            (std::vector<Name>{
                {.full = "İslami Büyük Doğu Akıncılar Cephesi", .kind = NameKind::kPrimary},
                {.full = "Great Islamic Eastern Warriors Front", .kind = NameKind::kStrongAlias},
                {.full = "Фронт на великите ислямски източни воини",
                 .kind = NameKind::kOriginalScript,
                 .lang = "bg"},
                {.full = "Grande Frente Islâmica Oriental de Combatentes",
                 .kind = NameKind::kStrongAlias,
                 .lang = "pt"},
                {.full = "Μέγα Ισλαµικό Μέτωπο των Πολεµιστών της Ανατολής",
                 .kind = NameKind::kOriginalScript,
                 .lang = "el"},
                {.full = "IBDA-C", .kind = NameKind::kStrongAlias}}));
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{EuSanction("TERR", "EU.3523.13", {2003, 12, 22},
                                                            {2018, 3, 22}, "2018/468 (OJ L79)")}));
}

TEST(EuXmlParserTest, RussianPersonWithCyrillicAndWeakAliases) {
  const ParsedList list = ParseSample();
  const Entity* e = list.Find("eu_fsf:900001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->names, (std::vector<Name>{
                          {.full = "Ivan Petrovich TESTOV",
                           .kind = NameKind::kPrimary,
                           .given = "Ivan",
                           .middle = "Petrovich",
                           .family = "TESTOV"},
                          {.full = "Иван Петрович ТЕСТОВ",
                           .kind = NameKind::kOriginalScript,
                           .given = "Иван",
                           .middle = "Петрович",
                           .family = "ТЕСТОВ",
                           .lang = "ru"},
                          {.full = "Ivan Petrovitch TESTOV",
                           .kind = NameKind::kStrongAlias,
                           .given = "Ivan",
                           .middle = "Petrovitch",
                           .family = "TESTOV",
                           .lang = "fr"},
                          {.full = "Vanya Testov", .kind = NameKind::kWeakAlias},  // strong="false"
                          // strong="true" but <remark>low quality alias</remark>
                          {.full = "Ivan the Tester", .kind = NameKind::kWeakAlias}}));
  EXPECT_EQ(e->gender, "male");
  EXPECT_EQ(e->positions, (std::vector<std::string>{"Deputy Director of Example Works JSC"}));
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{
                {.type = IdentifierType::kPassport,
                 .value = "750000001",
                 .country = "RU",
                 .label = "National passport",
                 .note = "issued by FMS 77001; issued 2012-04-02; valid to 2022-04-02; known "
                         "expired"},
                {.type = IdentifierType::kInn,
                 .value = "770000000012",
                 .country = "RU",
                 .label = "Tax identification number"}}));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1965, 0, 0}, .approximate = true},
                                                   {.date = {1965, 5, 12}}}));
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Moscow"}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{"RU", CountryRole::kCitizenship, "RUSSIAN FEDERATION"},
                                     {"RU", CountryRole::kBirthCountry, "RUSSIAN FEDERATION"}}));
  // designationDate 2022-03-15 is the listing date.
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{EuSanction("UKR", "EU.9001.11", {2022, 3, 15}, {},
                                                            "2022/427 (OJ L87)")}));
  EXPECT_EQ(e->remarks, "Fictional record for tests.");
}

TEST(EuXmlParserTest, CompanyWithTwoRegulationsOgrnInnAndContacts) {
  const ParsedList list = ParseSample();
  const Entity* e = list.Find("eu_fsf:900002");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kOrganization);
  EXPECT_EQ(e->names,
            (std::vector<Name>{
                {.full = "Joint Stock Company Example Works"},
                {.full = "Акционерное общество «Пример Заводы»",
                 .kind = NameKind::kOriginalScript,
                 .lang = "ru"},
                {.full = "JSC Example Works", .kind = NameKind::kStrongAlias, .lang = "en"}}));
  // regnumber, RU, 13 digits: an OGRN; fiscalcode with the remark "INN".
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{{.type = IdentifierType::kOgrn,
                                                      .value = "1027700000001",
                                                      .country = "RU",
                                                      .label = "Registration Number",
                                                      .note = "Primary State Registration Number"},
                                                     {.type = IdentifierType::kInn,
                                                      .value = "7700000001",
                                                      .country = "RU",
                                                      .label = "Tax Identification Number",
                                                      .note = "INN"}}));
  EXPECT_EQ(e->addresses, (std::vector<Address>{{.full = "Testovaya ulitsa 1, building 2, "
                                                         "Moscow, 123456, RUSSIAN FEDERATION",
                                                 .street = "Testovaya ulitsa 1, building 2",
                                                 .city = "Moscow",
                                                 .postal_code = "123456",
                                                 .country_code = "RU",
                                                 .country_text = "RUSSIAN FEDERATION",
                                                 .note = "as at listing time"}}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{"RU", CountryRole::kAddressCountry, "RUSSIAN FEDERATION"}}));
  // <contactInfo key="PHONE" value="+7 495 000 00 00, +7 495 000 00 01"/>, EMAIL, WEB
  EXPECT_EQ(e->phones, (std::vector<std::string>{"+7 495 000 00 00", "+7 495 000 00 01"}));
  EXPECT_EQ(e->emails, (std::vector<std::string>{"info@example.invalid"}));
  EXPECT_EQ(e->websites, (std::vector<std::string>{"www.example.invalid"}));
  // Listed 2022-04-08 by 2022/581, amended 2023-02-25 by 2023/429: one sanction.
  EXPECT_EQ(e->sanctions,
            (std::vector<Sanction>{EuSanction("UKR", "EU.9002.22", {2022, 4, 8}, {2023, 2, 25},
                                              "2022/581 (OJ L110); 2023/429 (OJ L59I)")}));
  EXPECT_EQ(
      e->properties,
      (std::vector<std::pair<std::string, std::string>>{
          {"sourceUrl", "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022R0581"},
          {"sourceUrl", "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32023R0429"}}));
}

TEST(EuXmlParserTest, ShipListedAsEnterpriseKeepsItsImoNumber) {
  // The FSF has no vessel subject type: the record stays an Organization with its IMO number.
  const ParsedList list = ParseSample();
  const Entity* e = list.Find("eu_fsf:900003");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kOrganization);
  EXPECT_EQ(e->names, (std::vector<Name>{{.full = "SEA EXAMPLE"}}));
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{
                {.type = IdentifierType::kImo, .value = "9000003", .label = "IMO Number"}}));
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{EuSanction("RUS", "EU.9003.33", {2023, 6, 23}, {},
                                                            "2023/1214 (OJ L159I)")}));
}

TEST(EuXmlParserTest, BirthYearOnlyAndCircaYearRange) {
  const ParsedList list = ParseSample();
  const Entity* e = list.Find("eu_fsf:900004");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names,
            (std::vector<Name>{
                {.full = "Samir EXAMPLE", .given = "Samir", .family = "EXAMPLE", .title = "Dr"}}));
  EXPECT_EQ(e->titles, (std::vector<std::string>{"Dr"}));
  EXPECT_EQ(
      e->birth_dates,
      (std::vector<DateSpec>{{.date = {1971, 0, 0}},
                             {.date = {1970, 0, 0}, .until = {1972, 0, 0}, .approximate = true}}));
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Aleppo"}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{"SY", CountryRole::kBirthCountry, "SYRIAN ARAB REPUBLIC"}}));
  // No designationDate: listed since its one regulation.
  EXPECT_EQ(e->sanctions[0].listed_on, (PartialDate{2011, 5, 10}));
}

// ---------------------------------------------------------------------------------------------
// Defects.

TEST(EuXmlParserTest, DefectiveRecordsAreReportedAndTheOthersStillComeOut) {
  const std::string text = Wrap(
      "  <sanctionEntity euReferenceNumber=\"EU.1.1\">\n"  // line 3: no logicalId
      "    <subjectType code=\"person\" classificationCode=\"P\"/>\n"
      "    <nameAlias wholeName=\"Nobody Knows\" strong=\"true\"/>\n"
      "  </sanctionEntity>\n"
      "  <sanctionEntity euReferenceNumber=\"EU.2.2\" logicalId=\"2\">\n"  // line 7: no name
      "    <subjectType code=\"person\" classificationCode=\"P\"/>\n"
      "    <nameAlias wholeName=\"\" strong=\"true\"/>\n"
      "  </sanctionEntity>\n"
      "  <sanctionEntity euReferenceNumber=\"EU.3.3\" logicalId=\"3\">\n"  // line 11
      "    <subjectType code=\"person\" classificationCode=\"P\"/>\n"
      "    <nameAlias wholeName=\"Good Person\"/>\n"                 // no strong attribute: strong
      "    <birthdate circa=\"false\" birthdate=\"1960-13-45\"/>\n"  // line 14
      "    <identification number=\"X1\" identificationTypeCode=\"xyz\"/>\n"  // line 15
      "  </sanctionEntity>\n"
      "  <sanctionEntity euReferenceNumber=\"EU.3.4\" logicalId=\"3\">\n"  // line 17: duplicate
      "    <subjectType code=\"person\" classificationCode=\"P\"/>\n"
      "    <nameAlias wholeName=\"Second Three\" strong=\"true\"/>\n"
      "  </sanctionEntity>\n"
      "  <sanctionEntity euReferenceNumber=\"EU.5.5\" logicalId=\"5\">\n"  // line 21
      "    <subjectType code=\"vessel\"/>\n"
      "    <nameAlias wholeName=\"Odd Type\" strong=\"true\"/>\n"
      "  </sanctionEntity>\n");
  const ParsedList list = ParseText(text, "defects.xml");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  std::vector<std::string> messages;
  for (const Diagnostic& d : list.diagnostics.diagnostics()) messages.push_back(d.ToString());
  EXPECT_EQ(messages,
            (std::vector<std::string>{
                "defects.xml:3 [record EU.1.1] error: sanctionEntity without logicalId; skipped",
                "defects.xml:7 [record 2] error: sanctionEntity without a name; skipped",
                "defects.xml:14 [record 3] warning: cannot read birth date '1960-13-45'; kept as "
                "text",
                "defects.xml:15 [record 3] warning: unknown identification type 'xyz'; read as "
                "other",
                "defects.xml:17 [record 3] error: duplicate logicalId (first at line 11); skipped",
                "defects.xml:21 [record 5] warning: unknown subject type 'vessel'; read as a "
                "LegalEntity"}));
  ASSERT_EQ(list.entities.size(), 2u);
  const Entity& good = list.entities[0];
  EXPECT_EQ(good.id, "eu_fsf:3");
  EXPECT_EQ(good.names, (std::vector<Name>{{.full = "Good Person"}}));
  EXPECT_EQ(good.birth_dates, (std::vector<DateSpec>{{.text = "1960-13-45"}}));
  EXPECT_EQ(
      good.identifiers,
      (std::vector<Identifier>{{.type = IdentifierType::kOther, .value = "X1", .label = "xyz"}}));
  EXPECT_EQ(list.entities[1].id, "eu_fsf:5");
  EXPECT_EQ(list.entities[1].schema, Schema::kLegalEntity);
}

TEST(EuXmlParserTest, TruncatedDocumentIsCorruption) {
  std::string text = Wrap(
      "  <sanctionEntity logicalId=\"1\">\n"
      "    <nameAlias wholeName=\"Cut Short\" strong=\"true\"/>\n");
  text.resize(text.find("</export>"));
  const ParsedList list = ParseText(text, "cut.xml");
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_TRUE(list.status.message().starts_with("cut.xml:")) << list.status.message();
  EXPECT_NE(list.status.message().find("malformed XML"), std::string::npos);
  EXPECT_TRUE(list.entities.empty());
}

TEST(EuXmlParserTest, OtherXmlIsCorruption) {
  const ParsedList list = ParseText("<?xml version=\"1.0\"?>\n<sdnList/>\n", "sdn.xml");
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(list.status.message(),
            "sdn.xml:2: not an EU FSF export document (root element <sdnList>, expected <export>)");
}

TEST(EuXmlParserTest, EmptyDocumentIsCorruption) {
  const ParsedList list = ParseText(" \n", "empty.xml");
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(list.status.message(), "empty.xml:1: empty document");
}

}  // namespace
}  // namespace cordon::ingest::internal
