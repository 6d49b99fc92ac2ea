#include "ingest/internal/eu_csv_parser.h"

#include <gtest/gtest.h>

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

constexpr char kIrqUrl[] =
    "http://eur-lex.europa.eu/LexUriServ/LexUriServ.do?uri=OJ:L:2003:169:0006:0023:EN:PDF";

ParsedList ParseExcerpt() {
  static const std::string bytes = ReadRealList("eu/EUSanctionsShort.csv");
  auto parser = NewEuCsvParser();
  return ParseDocument(*parser, "eu_fsf", "EUSanctionsShort.csv", bytes);
}

ParsedList ParseText(const std::string& text, const std::string& name = "fixture.csv") {
  auto parser = NewEuCsvParser();
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

std::vector<std::string> DiagnosticRecords(const ParsedList& list) {
  std::vector<std::string> ids;
  for (const Diagnostic& d : list.diagnostics.diagnostics()) ids.push_back(d.record_id);
  return ids;
}

TEST(EuCsvParserTest, FormatNameIsStable) { EXPECT_EQ(NewEuCsvParser()->format(), "eu-fsf-csv"); }

// ---------------------------------------------------------------------------------------------
// The real 2018 file (1.0 layout): an excerpt of its first 1,000 lines.

TEST(EuCsvParserTest, RealExcerptCountsAndMetadata) {
  const ParsedList list = ParseExcerpt();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  // 999 data rows grouped by Entity_logical_id: 93 entities, logical ids 1 to 481.
  ASSERT_EQ(list.entities.size(), 93u);
  EXPECT_EQ(list.entities.front().id, "eu_fsf:1");
  EXPECT_EQ(list.entities.back().id, "eu_fsf:481");
  EXPECT_EQ(list.metadata.published, "2018-07-04");  // Date_file 04/07/2018
  EXPECT_EQ(list.metadata.declared_count, -1);
  EXPECT_EQ(CheckEntityInvariants(list, "eu_fsf"), "");
  std::map<Schema, int> by_schema;
  for (const Entity& e : list.entities) ++by_schema[e.schema];
  EXPECT_EQ(by_schema[Schema::kPerson], 61);        // Subject_type P
  EXPECT_EQ(by_schema[Schema::kOrganization], 32);  // Subject_type E
  for (const Entity& e : list.entities) {
    EXPECT_EQ(e.provenance.format, "eu-fsf-csv");
    ASSERT_EQ(e.sanctions.size(), 1u) << e.id;
    EXPECT_TRUE(e.sanctions[0].reference.starts_with("EU.")) << e.id;
    EXPECT_FALSE(e.sanctions[0].listed_on.empty()) << e.id;
    for (const Name& name : e.names) {
      EXPECT_EQ(name.full.find('?'), std::string::npos) << e.id << " " << name.full;
      EXPECT_EQ(name.full.find('\t'), std::string::npos) << e.id << " " << name.full;
    }
  }
}

TEST(EuCsvParserTest, RealExcerptSetsAsideNamesTheCodePageDestroyed) {
  // The 1.0 export is Windows-1252: Greek, Bulgarian and most Central European letters became
  // '?' (e.g. line 393, "???????? Abu Nidal", EL). 165 such names in 21 records; one warning per
  // record, and no other diagnostics.
  const ParsedList list = ParseExcerpt();
  EXPECT_EQ(list.diagnostics.error_count(), 0u);
  EXPECT_EQ(list.diagnostics.warning_count(), 21u) << list.DiagnosticsText(30);
  EXPECT_EQ(DiagnosticRecords(list),
            (std::vector<std::string>{"201", "202", "206", "207", "208", "212", "215",
                                      "217", "218", "219", "221", "222", "327", "329",
                                      "330", "364", "379", "455", "458", "461", "481"}));
  EXPECT_EQ(list.diagnostics.diagnostics()[0].ToString(),
            "EUSanctionsShort.csv:393 [record 201] warning: 36 name(s) lost letters to '?' in the "
            "Windows-1252 export and were set aside (first: '???????? Abu Nidal')");
  // 96 name rows of which 36 damaged: 60 names remain.
  const Entity* abu_nidal = list.Find("eu_fsf:201");
  ASSERT_NE(abu_nidal, nullptr);
  EXPECT_EQ(abu_nidal->names.size(), 60u);
  EXPECT_EQ(abu_nidal->names[0], (Name{.full = "Abu Nidal Organisation"}));
}

// Entity_logical_id 1, lines 2-6: two entity-level regulations, a name given twice with two
// functions, a birth date given twice, a passport in the composite Iden_number cell.
TEST(EuCsvParserTest, RealRobertMugabe) {
  const ParsedList list = ParseExcerpt();
  const Entity* e = list.Find("eu_fsf:1");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->provenance.record_id, "1");
  EXPECT_EQ(e->names, (std::vector<Name>{{.full = "Robert Gabriel Mugabe",
                                          .kind = NameKind::kPrimary,
                                          .given = "Robert",
                                          .middle = "Gabriel",
                                          .family = "Mugabe"}}));
  EXPECT_EQ(e->gender, "male");
  EXPECT_EQ(e->positions, (std::vector<std::string>{"Former President", "president"}));
  // "AD001095 (passport-National passport) ((passport))"
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{{.type = IdentifierType::kPassport,
                                                      .value = "AD001095",
                                                      .label = "National passport",
                                                      .note = "(passport)"}}));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1924, 2, 21}}}));
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Kutama"}));
  EXPECT_TRUE(e->countries.empty());
  EXPECT_TRUE(e->addresses.empty());
  // Regulations 2018/223 (2018-02-16) and 1643/2002 (2002-09-13); no part is older.
  EXPECT_EQ(e->sanctions,
            (std::vector<Sanction>{EuSanction("ZWE", "EU.36.64", {2002, 9, 13}, {2018, 2, 16},
                                              "2018/223 (OJ L43); 1643/2002 (OJ "
                                              "L247)")}));
  EXPECT_EQ(e->properties,
            (std::vector<std::pair<std::string, std::string>>{
                {"sourceUrl",
                 "http://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=CELEX:32018R0223&from=EN"},
                {"sourceUrl",
                 "http://eur-lex.europa.eu/LexUriServ/LexUriServ.do?uri=OJ:L:2002:247:0022:0024:"
                 "EN:PDF"}}));
  // The remark's literal "\n" is a line break in the list.
  EXPECT_EQ(e->remarks,
            "(Date of UN designation: 2002-02-21) (Date of designation referred to in Article 7 "
            "(2): 21.2.2002.)");
}

// Entity_logical_id 70, lines 141-146: "Other identification number" and a national ID card.
TEST(EuCsvParserTest, RealGraceMugabe) {
  const ParsedList list = ParseExcerpt();
  const Entity* e = list.Find("eu_fsf:70");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names, (std::vector<Name>{{.full = "Grace Mugabe",
                                          .kind = NameKind::kPrimary,
                                          .given = "Grace",
                                          .family = "Mugabe"}}));
  EXPECT_EQ(e->gender, "female");
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{{.type = IdentifierType::kOther,
                                                      .value = "AD001159",
                                                      .label = "Other identification number"},
                                                     {.type = IdentifierType::kNationalId,
                                                      .value = "63-646650 Q70",
                                                      .label = "National identification card",
                                                      .note = "(id)"}}));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1965, 7, 23}}}));
  EXPECT_EQ(e->sanctions,
            (std::vector<Sanction>{EuSanction("ZWE", "EU.149.69", {2002, 9, 13}, {2016, 2, 17},
                                              "1643/2002 (OJ L247); 2016/218 (OJ "
                                              "L40)")}));
}

// Entity_logical_id 43, lines 54-63: a function quoted because it holds the delimiter
// ("Former Governor of Karbala and An Najaf;"), names in three languages, birth dates "N/A".
TEST(EuCsvParserTest, RealAzizSalihAlNuman) {
  const ParsedList list = ParseExcerpt();
  const Entity* e = list.Find("eu_fsf:43");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names,
            (std::vector<Name>{
                {.full = "Aziz Salih al-Numan", .kind = NameKind::kPrimary},
                {.full = "Aziz Salih Al-Numan", .kind = NameKind::kStrongAlias, .lang = "es"},
                {.full = "Aziz Salih al-Nouman", .kind = NameKind::kStrongAlias, .lang = "fr"}}));
  EXPECT_EQ(e->positions,
            (std::vector<std::string>{
                "Ba'th Party Regional Command Chairman", "Former Governor of Karbala and An Najaf",
                "Former Minister of Agriculture and Agrarian Reform (1986-1987)",
                "Président du commandement régional du parti Baas",
                "Ancien gouverneur de Kerbala et de Najaf"}));
  EXPECT_TRUE(e->birth_dates.empty());
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"An Nasiriyah", "Nassiriya (J.O. FR)"}));
  EXPECT_EQ(e->countries, (std::vector<CountryRef>{{"IQ", CountryRole::kCitizenship, "IRQ"}}));
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{EuSanction("IRQ", "EU.85.7", {2003, 7, 8}, {},
                                                            "1210/2003 (OJ L169)")}));
  EXPECT_EQ(e->remarks, "(UNSC RESOLUTION 1483 BASIS)");
}

// Entity_logical_id 330, lines 870-893: eleven addresses whose commas the export wrote as TABs,
// phone numbers in Addr_other ("PHONE[668 33 01\t 0300-820 91 99]\nFAX[662 38 14]").
TEST(EuCsvParserTest, RealAlRashidTrust) {
  const ParsedList list = ParseExcerpt();
  const Entity* e = list.Find("eu_fsf:330");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kOrganization);
  std::vector<std::string> names;
  for (const Name& name : e->names) {
    names.push_back(name.full);
    EXPECT_EQ(name.kind,
              name.full == "Al Rashid Trust" ? NameKind::kPrimary : NameKind::kStrongAlias);
  }
  // Line 881 (BG) and 882 (MT, "G?ajnuna") lost letters and are set aside.
  EXPECT_EQ(names, (std::vector<std::string>{
                       "Al Rashid Trust", "Al-Rasheed Trust", "Al Rasheed Trust", "Al-Rashid Trust",
                       "Aid Organisation of the Ulema, Pakistan", "Al Amin Welfare Trust",
                       "Al Amin Trust", "Al Ameen Trust", "Al-Ameen Trust", "Al Madina Trust",
                       "Al-Madina Trust, Pakistan"}));
  ASSERT_EQ(e->addresses.size(), 11u);
  EXPECT_EQ(e->addresses[0], (Address{.full = "Jamia Masjid Sulaiman Park Begum Pura, Lahore, "
                                              "Pakistan",
                                      .street = "Jamia Masjid Sulaiman Park Begum Pura",
                                      .city = "Lahore",
                                      .country_code = "PK",
                                      .country_text = "PAK"}));
  EXPECT_EQ(e->addresses[10].street,
            "Office Dha’rbi-M’unin, Top Floor, Dr. Dawa Khan Dental Clinic Surgeon, Main Baxae, "
            "Mingora");
  EXPECT_EQ(e->addresses[10].city, "Swat");
  EXPECT_EQ(e->phones,
            (std::vector<std::string>{"042-681 20 81", "668 33 01", "0300-820 91 99", "662 38 14",
                                      "497 92 63", "587-25 45", "262 38 18-19"}));
  EXPECT_EQ(e->countries, (std::vector<CountryRef>{{"PK", CountryRole::kAddressCountry, "PAK"}}));
  // Entity regulation 34/2012 (2012-01-18); the oldest name came with 881/2002 (2002-05-29).
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{EuSanction("TAQA", "EU.522.39", {2002, 5, 29},
                                                            {2012, 1, 18}, "34/2012 (OJ L15)")}));
}

TEST(EuCsvParserTest, RealExcerptLastEntityIsWhatTheExcerptHolds) {
  // The excerpt ends at line 1000 inside Entity_logical_id 481: its rows are complete, so the
  // entity comes out with the 14 names (3 set aside) and 4 addresses the excerpt holds.
  const ParsedList list = ParseExcerpt();
  const Entity* e = list.Find("eu_fsf:481");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names.size(), 11u);
  EXPECT_EQ(e->names[0].full, "Salafist Group for Call and Combat");
  ASSERT_EQ(e->addresses.size(), 4u);
  EXPECT_EQ(e->addresses[0],
            (Address{.full = "Algeria", .country_code = "DZ", .country_text = "DZA"}));
  EXPECT_EQ(e->addresses[3].country_code, "MA");
}

// ---------------------------------------------------------------------------------------------
// The FSF CSV 1.1 layout (fixture written from the published column list).

ParsedList ParseCsv11() {
  static const std::string bytes = ReadFixture("eu_csv/eu_fsf_csv11_sample.csv");
  return ParseText(bytes, "eu_fsf_csv11_sample.csv");
}

TEST(EuCsvParserTest, Csv11LayoutCountsAndMetadata) {
  const ParsedList list = ParseCsv11();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.metadata.published, "2026-08-05");  // fileGenerationDate 05/08/2026
  EXPECT_TRUE(list.diagnostics.diagnostics().empty()) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, "eu_fsf"), "");
  ASSERT_EQ(list.entities.size(), 3u);
  EXPECT_EQ(list.entities[0].id, "eu_fsf:13");
  EXPECT_EQ(list.entities[1].id, "eu_fsf:900001");
  EXPECT_EQ(list.entities[2].id, "eu_fsf:900002");
}

// Lines 2-6: columns 1-20 of the first two rows are the published export's own bytes.
TEST(EuCsvParserTest, Csv11SaddamHussein) {
  const ParsedList list = ParseCsv11();
  const Entity* e = list.Find("eu_fsf:13");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);  // Entity_SubjectType "P", ClassificationCode "person"
  EXPECT_EQ(e->names, (std::vector<Name>{
                          {.full = "Saddam Hussein Al-Tikriti",
                           .kind = NameKind::kPrimary,
                           .given = "Saddam",
                           .family = "Hussein Al-Tikriti"},
                          {.full = "Abu Ali", .kind = NameKind::kStrongAlias},
                          {.full = "Abou Ali", .kind = NameKind::kStrongAlias, .lang = "fr"}}));
  EXPECT_EQ(e->gender, "male");
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1937, 4, 28}}}));
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"al-Awja, near Tikrit"}));
  EXPECT_EQ(e->countries, (std::vector<CountryRef>{{"IQ", CountryRole::kCitizenship, "IRAQ"},
                                                   {"IQ", CountryRole::kBirthCountry, "IRAQ"}}));
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{EuSanction("IRQ", "EU.27.28", {2003, 7, 8}, {},
                                                            "1210/2003 (OJ L169)")}));
  EXPECT_EQ(e->properties,
            (std::vector<std::pair<std::string, std::string>>{{"sourceUrl", kIrqUrl}}));
  EXPECT_EQ(e->remarks, "(UNSC RESOLUTION 1483)");
}

TEST(EuCsvParserTest, Csv11RussianPersonWithCyrillicAndWeakAlias) {
  const ParsedList list = ParseCsv11();
  const Entity* e = list.Find("eu_fsf:900001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names, (std::vector<Name>{{.full = "Ivan Petrovich TESTOV",
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
                                         // NameAlias_Remark "(low quality)"
                                         {.full = "Vanya Testov", .kind = NameKind::kWeakAlias}}));
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{
                {.type = IdentifierType::kPassport,
                 .value = "750000001",
                 .country = "RU",
                 .label = "National passport",
                 .note = "issued by FMS 77001; issued 2012-04-02; valid to 2022-04-02; known "
                         "expired"},
                // fiscalcode, RU, 12 digits: an INN
                {.type = IdentifierType::kInn,
                 .value = "770000000012",
                 .country = "RU",
                 .label = "Tax identification number"}}));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1965, 0, 0}, .approximate = true}}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{"RU", CountryRole::kCitizenship, "RUSSIAN FEDERATION"}}));
  EXPECT_EQ(e->positions, (std::vector<std::string>{"Deputy Director of Example Works JSC"}));
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{EuSanction("UKR", "EU.9001.11", {2022, 3, 15}, {},
                                                            "2022/427 (OJ L87)")}));
  EXPECT_EQ(e->remarks, "Fictional record for tests.");
}

TEST(EuCsvParserTest, Csv11CompanyWithTwoRegulationsOgrnInnAndContacts) {
  const ParsedList list = ParseCsv11();
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
  // The address is on two rows (one per regulation): read once.
  EXPECT_EQ(e->addresses, (std::vector<Address>{{.full = "Testovaya ulitsa 1, building 2, "
                                                         "Moscow, 123456, RUSSIAN FEDERATION",
                                                 .street = "Testovaya ulitsa 1, building 2",
                                                 .city = "Moscow",
                                                 .postal_code = "123456",
                                                 .country_code = "RU",
                                                 .country_text = "RUSSIAN FEDERATION",
                                                 .note = "as at listing time"}}));
  EXPECT_EQ(e->phones, (std::vector<std::string>{"+7 495 000 00 00", "+7 495 000 00 01"}));
  EXPECT_EQ(e->emails, (std::vector<std::string>{"info@example.invalid"}));
  EXPECT_EQ(e->websites, (std::vector<std::string>{"www.example.invalid"}));
  EXPECT_EQ(e->sanctions,
            (std::vector<Sanction>{EuSanction("UKR", "EU.9002.22", {2022, 4, 8}, {2023, 2, 25},
                                              "2022/581 (OJ L110); 2023/429 (OJ L59I)")}));
}

TEST(EuCsvParserTest, ColumnsAreFoundByNameNotPosition) {
  const std::string text =
      "\xEF\xBB\xBFNameAlias_WholeName;Entity_SubjectType_ClassificationCode;Entity_LogicalId;"
      "Citizenship_CountryIso2Code;fileGenerationDate;Entity_Regulation_Programme\n"
      "Example Person;person;7;DE;2024-01-31;TERR\n";
  const ParsedList list = ParseText(text);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.metadata.published, "2024-01-31");
  ASSERT_EQ(list.entities.size(), 1u);
  const Entity& e = list.entities[0];
  EXPECT_EQ(e.id, "eu_fsf:7");
  EXPECT_EQ(e.schema, Schema::kPerson);
  EXPECT_EQ(e.names, (std::vector<Name>{{.full = "Example Person"}}));
  EXPECT_EQ(e.countries, (std::vector<CountryRef>{{"DE", CountryRole::kCitizenship, ""}}));
  EXPECT_EQ(e.sanctions[0].program, "TERR");
}

// ---------------------------------------------------------------------------------------------
// Defects.

TEST(EuCsvParserTest, DefectiveRowsAreReportedAndTheOthersStillComeOut) {
  const std::string text =
      "fileGenerationDate;Entity_LogicalId;Entity_SubjectType;NameAlias_WholeName;"
      "BirthDate_BirthDate\n"
      "05/08/2026;100;P;Good Person;1960-01-01\n"        // line 2
      "05/08/2026;;P;Orphan Name;\n"                     // line 3: no entity id
      "05/08/2026;101;P;;1970-01-01\n"                   // line 4: entity 101 has no name
      "05/08/2026;102;P;Bad Date Person;31 Febtember\n"  // line 5: unreadable date
      "05/08/2026;100;P\n"                               // line 6: short row
      "05/08/2026;103;X;Odd Type;\n";                    // line 7: unknown subject type
  const ParsedList list = ParseText(text, "defects.csv");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  std::vector<std::string> messages;
  for (const Diagnostic& d : list.diagnostics.diagnostics()) messages.push_back(d.ToString());
  EXPECT_EQ(messages,
            (std::vector<std::string>{
                "defects.csv:3 error: row without an entity logical id; skipped",
                "defects.csv:6 [record 100] warning: row has 3 fields, the header 5; missing "
                "fields read as empty",
                "defects.csv:4 [record 101] error: entity without a name; skipped",
                "defects.csv:5 [record 102] warning: cannot read birth date '31 Febtember'; "
                "kept as text",
                "defects.csv:7 [record 103] warning: unknown subject type 'X'; read as a "
                "LegalEntity"}));
  ASSERT_EQ(list.entities.size(), 3u);
  EXPECT_EQ(list.entities[0].id, "eu_fsf:100");
  EXPECT_EQ(list.entities[0].birth_dates, (std::vector<DateSpec>{{.date = {1960, 1, 1}}}));
  EXPECT_EQ(list.entities[1].id, "eu_fsf:102");
  EXPECT_EQ(list.entities[1].birth_dates, (std::vector<DateSpec>{{.text = "31 Febtember"}}));
  EXPECT_EQ(list.entities[2].id, "eu_fsf:103");
  EXPECT_EQ(list.entities[2].schema, Schema::kLegalEntity);
}

TEST(EuCsvParserTest, ManyMiscountedRowsAreSummarised) {
  std::string text = "Entity_LogicalId;NameAlias_WholeName;Entity_SubjectType;Entity_Remark\n";
  for (int row = 1; row <= 5; ++row) text += std::to_string(row) + ";Person;P\n";
  const ParsedList list = ParseText(text, "short.csv");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities.size(), 5u);
  std::vector<std::string> messages;
  for (const Diagnostic& d : list.diagnostics.diagnostics()) messages.push_back(d.ToString());
  EXPECT_EQ(messages,
            (std::vector<std::string>{
                "short.csv:2 [record 1] warning: row has 3 fields, the header 4; missing fields "
                "read as empty",
                "short.csv:3 [record 2] warning: row has 3 fields, the header 4; missing fields "
                "read as empty",
                "short.csv:4 [record 3] warning: row has 3 fields, the header 4; missing fields "
                "read as empty",
                "short.csv warning: 2 more rows have a field count unlike the header's"}));
}

TEST(EuCsvParserTest, WrappedLayoutRowThatIsNotOneQuotedFieldIsSkipped) {
  // The 1.0 layout: each line one quoted field, padded with TABs before the closing quote.
  const std::string text =
      "\"Date_filexxxx;Entity_logical_id;Subject_type;Naal_wholename;EU_ref_num\t\t\"\n"
      "\"04/07/2018;1;P;First Person;EU.1.1\t\t\"\n"
      "\"04/07/2018;2;P;Broken;EU.2.2\";extra\n"
      "\"04/07/2018;3;E;\"\"Quoted; Name\"\";EU.3.3\t\"\n";
  const ParsedList list = ParseText(text, "wrapped.csv");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  ASSERT_EQ(list.diagnostics.diagnostics().size(), 1u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.diagnostics()[0].ToString(),
            "wrapped.csv:3 error: unreadable row (expected the whole line in one quoted field); "
            "skipped");
  ASSERT_EQ(list.entities.size(), 2u);
  EXPECT_EQ(list.entities[0].names[0].full, "First Person");
  EXPECT_EQ(list.entities[0].sanctions[0].reference, "EU.1.1");
  EXPECT_EQ(list.entities[1].names[0].full, "Quoted; Name");
  EXPECT_EQ(list.entities[1].schema, Schema::kOrganization);
  EXPECT_EQ(list.metadata.published, "2018-07-04");
}

TEST(EuCsvParserTest, UnterminatedQuoteIsCorruption) {
  const std::string text =
      "fileGenerationDate;Entity_LogicalId;NameAlias_WholeName\n"
      "05/08/2026;1;\"Never closed\n";
  const ParsedList list = ParseText(text, "truncated.csv");
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(list.status.message(), "truncated.csv:2: unterminated quoted field");
}

TEST(EuCsvParserTest, EmptyDocumentIsCorruption) {
  const ParsedList list = ParseText("\xEF\xBB\xBF \n", "empty.csv");
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(list.status.message(), "empty.csv:1: empty document");
}

TEST(EuCsvParserTest, OtherCsvIsCorruption) {
  const ParsedList list = ParseText("Last Updated,13/04/2018\nName 6,Name 1\n", "ConList.csv");
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(list.status.message(),
            "ConList.csv:1: not an EU FSF CSV: the header has no Entity_LogicalId column");
  EXPECT_TRUE(list.entities.empty());
}

}  // namespace
}  // namespace cordon::ingest::internal
