#include "ingest/internal/uk_ofsi_csv_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "ingest/internal/test_support.h"
#include "ingest/internal/uk_ofsi_csv_text.h"

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

constexpr char kHeader[] =
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of Birth,"
    "Nationality,Passport Details,NI Number,Position,Address 1,Address 2,Address 3,Address 4,"
    "Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,"
    "Listed On,Last Updated,Group ID\r\n";

const ParsedList& RealList() {
  static const ParsedList list = [] {
    static const std::string bytes = ReadRealList("uk/sanctionsconlist.csv");
    auto parser = NewUkOfsiCsvParser();
    return ParseDocument(*parser, "gb_hmt_ofsi", "sanctionsconlist.csv", bytes);
  }();
  return list;
}

ParsedList ParseText(const std::string& text, const std::string& name = "ConList.csv") {
  auto parser = NewUkOfsiCsvParser();
  return ParseDocument(*parser, "gb_hmt_ofsi", name, text);
}

Sanction OfsiSanction(std::string program, PartialDate listed_on, PartialDate modified_on,
                      std::string reference = "") {
  return {.regime = Regime::kUk,
          .authority = "OFSI",
          .program = std::move(program),
          .list = "Consolidated List",
          .listed_on = listed_on,
          .modified_on = modified_on,
          .reference = std::move(reference)};
}

Name PersonName(std::string full, NameKind kind, std::string given, std::string middle,
                std::string family) {
  return {.full = std::move(full),
          .kind = kind,
          .given = std::move(given),
          .middle = std::move(middle),
          .family = std::move(family)};
}

TEST(UkOfsiCsvParserTest, FormatNameIsStable) {
  EXPECT_EQ(NewUkOfsiCsvParser()->format(), "uk-ofsi-csv");
}

TEST(UkOfsiCsvParserTest, RealListCountsAndMetadata) {
  const ParsedList& list = RealList();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  // 9,487 name rows in 2,106 Group IDs: 1,426 Individual and 680 Entity groups, of which 25
  // are ships (an IMO number in Other Information and no company word in the name).
  EXPECT_EQ(list.entities.size(), 2106u);
  EXPECT_EQ(list.metadata.published, "2018-04-13");
  EXPECT_EQ(list.metadata.declared_count, -1);
  EXPECT_EQ(CheckEntityInvariants(list, "gb_hmt_ofsi"), "");
  std::map<Schema, int> by_schema;
  size_t names = 0;
  for (const Entity& e : list.entities) {
    ++by_schema[e.schema];
    names += e.names.size();
    EXPECT_EQ(e.names.front().kind, NameKind::kPrimary) << e.id;
    ASSERT_FALSE(e.sanctions.empty()) << e.id;
    for (const Sanction& s : e.sanctions) {
      EXPECT_FALSE(s.program.empty()) << e.id;
      EXPECT_FALSE(s.listed_on.empty()) << e.id;
      EXPECT_FALSE(s.modified_on.empty()) << e.id;
    }
  }
  EXPECT_EQ(by_schema[Schema::kPerson], 1426);
  EXPECT_EQ(by_schema[Schema::kOrganization], 655);
  EXPECT_EQ(by_schema[Schema::kVessel], 25);
  EXPECT_EQ(by_schema.size(), 3u);
  // Rows repeat a name once per date of birth or address; distinct names are fewer.
  EXPECT_LT(names, 9487u);
}

TEST(UkOfsiCsvParserTest, RealListDiagnosticsAreTheRepairedCellsAndTwoDocumentsWithoutNumber) {
  const ParsedList& list = RealList();
  const auto& d = list.diagnostics.diagnostics();
  ASSERT_EQ(d.size(), 8u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.warning_count(), 8u);
  const std::vector<std::string> expected = {
      "sanctionsconlist.csv:1372 [record 13384] warning: doubled quotes (\"\") in the text made "
      "single",
      "sanctionsconlist.csv:6090 [record 13525] warning: doubled quotes (\"\") in the text made "
      "single",
      "sanctionsconlist.csv:7197 [record 10678] warning: doubled quotes (\"\") in the text made "
      "single",
      "sanctionsconlist.csv:7217 [record 13524] warning: doubled quotes (\"\") in the text made "
      "single",
      "sanctionsconlist.csv:7446 [record 13060] warning: doubled quotes (\"\") in the text made "
      "single",
      "sanctionsconlist.csv:8742 [record 13544] warning: doubled quotes (\"\") in the text made "
      "single",
      "sanctionsconlist.csv:3555 [record 13277] warning: no document number in NI Number "
      "'2.81083E+11'; kept in remarks",
      "sanctionsconlist.csv:5617 [record 13344] warning: no document number in Passport Details "
      "'Uganda Passport.'; kept in remarks",
  };
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(d[i].ToString(), expected[i]);
  const Entity* crimean = list.Find("gb_hmt_ofsi:13544");
  ASSERT_NE(crimean, nullptr);
  EXPECT_EQ(crimean->names.front().full,
            "STATE UNITARY ENTERPRISE OF THE CRIMEAN REPUBLIC \"CRIMEAN SEA PORTS\"");
  const Entity* mangled = list.Find("gb_hmt_ofsi:13277");
  ASSERT_NE(mangled, nullptr);
  EXPECT_NE(mangled->remarks.find("NI Number: 2.81083E+11"), std::string::npos);
}

// Group 13349: sixteen rows, eight spellings, two partial dates of birth, two nationalities in
// one cell, a passport number inside a sentence and the UN reference in Other Information.
TEST(UkOfsiCsvParserTest, RealAlQahtaniGroupIsOnePersonWithAllVariants) {
  const Entity* e = RealList().Find("gb_hmt_ofsi:13349");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->provenance.source, "gb_hmt_ofsi");
  EXPECT_EQ(e->provenance.record_id, "13349");
  EXPECT_EQ(e->provenance.format, "uk-ofsi-csv");
  const std::vector<Name> names = {
      PersonName("Nayef Salam Muhammad Ujaym AL-HABABI", NameKind::kPrimary, "Nayef",
                 "Salam Muhammad Ujaym", "AL-HABABI"),
      PersonName("Sheikh Farooq AL-QAHTANI", NameKind::kStrongAlias, "Sheikh", "Farooq",
                 "AL-QAHTANI"),
      PersonName("Farouq al-Qahtani AL QATARI", NameKind::kStrongAlias, "Farouq", "al-Qahtani",
                 "AL QATARI"),
      PersonName("Nayf Salam Muhammad Ujaym AL-HABABI", NameKind::kStrongAlias, "Nayf",
                 "Salam Muhammad Ujaym", "AL-HABABI"),
      PersonName("Faruq AL-QAHTANI", NameKind::kStrongAlias, "Faruq", "", "AL-QAHTANI"),
      PersonName("Faruq AL-QATARI", NameKind::kStrongAlias, "Faruq", "", "AL-QATARI"),
      PersonName("Sheikh Faroq AL-QATARI", NameKind::kStrongAlias, "Sheikh", "Faroq", "AL-QATARI"),
      PersonName("Imran Farouk SHAYKH", NameKind::kStrongAlias, "Imran", "Farouk", "SHAYKH"),
  };
  EXPECT_EQ(e->names, names);
  EXPECT_EQ(e->birth_dates,
            (std::vector<DateSpec>{{.date = {1980, 0, 0}}, {.date = {1981, 0, 0}}}));
  EXPECT_TRUE(e->birth_places.empty());
  const std::vector<CountryRef> countries = {
      {"SA", CountryRole::kBirthCountry, ""},
      {"SA", CountryRole::kNationality, ""},
      {"QA", CountryRole::kNationality, ""},
      {"AF", CountryRole::kAddressCountry, "Afghanistan (since 2009)"},
  };
  EXPECT_EQ(e->countries, countries);
  const std::vector<Address> addresses = {{.full = "Afghanistan (since 2009)",
                                           .country_code = "AF",
                                           .country_text = "Afghanistan (since 2009)"}};
  EXPECT_EQ(e->addresses, addresses);
  const std::vector<Identifier> identifiers = {
      {.type = IdentifierType::kPassport,
       .value = "592667",
       .country = "QA",
       .label = "Passport",
       .note = "Passport No: 592667 (Qatari passport issued on 3 May 2007)."}};
  EXPECT_EQ(e->identifiers, identifiers);
  EXPECT_EQ(e->sanctions,
            (std::vector<Sanction>{OfsiSanction("The ISIL (Da'esh) and Al-Qaida organisations",
                                                {2016, 4, 1}, {2016, 4, 1}, "QDe.004")}));
  EXPECT_EQ(e->remarks,
            "UN Ref QDe.004. Emir for the eastern zone of Afghanistan. Has led an Al-Qaida "
            "battalion in Afghanistan since at least mid-2010.");
  EXPECT_TRUE(e->titles.empty());
  EXPECT_TRUE(e->positions.empty());
  EXPECT_TRUE(e->links.empty());
  EXPECT_TRUE(e->properties.empty());
}

TEST(UkOfsiCsvParserTest, RealRotenbergIsARussiaRegimePersonWithTwoSpellings) {
  const Entity* e = RealList().Find("gb_hmt_ofsi:13072");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  // The "Prime Alias" row comes second in the file; it is still names[0].
  EXPECT_EQ(e->names,
            (std::vector<Name>{PersonName("Arkady Romanovich ROTENBERG", NameKind::kPrimary,
                                          "Arkady", "Romanovich", "ROTENBERG"),
                               PersonName("Arkadii Romanovich ROTENBERG", NameKind::kStrongAlias,
                                          "Arkadii", "Romanovich", "ROTENBERG")}));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1951, 12, 15}}}));
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Leningrad (St Petersburg)"}));
  EXPECT_TRUE(e->countries.empty());
  EXPECT_TRUE(e->addresses.empty());
  EXPECT_TRUE(e->identifiers.empty());
  EXPECT_EQ(
      e->sanctions,
      (std::vector<Sanction>{OfsiSanction("Ukraine (Sovereignty)", {2014, 7, 31}, {2017, 7, 27})}));
  EXPECT_EQ(e->remarks.rfind("He is a prominent Russian businessman who has close personal ties "
                             "to President Putin. Since March 2014, Rotenberg,",
                             0),
            0u);
  // Windows-1252 0x92 became U+2019.
  EXPECT_NE(e->remarks.find("supporting the Russian Government\u2019s policy to integrate Crimea "
                            "into Russia."),
            std::string::npos);
}

TEST(UkOfsiCsvParserTest, RealAlmazAnteyIsAnOrganizationWithAddressAndContacts) {
  const Entity* e = RealList().Find("gb_hmt_ofsi:13076");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kOrganization);
  const std::vector<Name> names = {
      {.full = "JOINT-STOCK COMPANY CONCERN ALMAZ-ANTEY", .kind = NameKind::kPrimary},
      {.full = "ALMAZ-ANTEY CONCERN", .kind = NameKind::kStrongAlias},
      {.full = "ALMAZ-ANTEY CORP.", .kind = NameKind::kStrongAlias},
      {.full = "ALMAZ-ANTEY DEFENSE CORPORATION", .kind = NameKind::kStrongAlias},
      {.full = "ALMAZ-ANTEY JSC", .kind = NameKind::kStrongAlias},
  };
  EXPECT_EQ(e->names, names);
  EXPECT_EQ(e->addresses,
            (std::vector<Address>{{.full = "41 ul. Vereiskaya, Moscow, 121471, Russia",
                                   .postal_code = "121471",
                                   .country_code = "RU",
                                   .country_text = "Russia"}}));
  EXPECT_EQ(e->countries, (std::vector<CountryRef>{{"RU", CountryRole::kAddressCountry, ""}}));
  EXPECT_EQ(e->emails, (std::vector<std::string>{"antey@almaz-antey.ru"}));
  EXPECT_EQ(e->websites, (std::vector<std::string>{"almaz-antey.ru"}));
  EXPECT_TRUE(e->identifiers.empty());
  EXPECT_TRUE(e->birth_dates.empty());
  EXPECT_EQ(
      e->sanctions,
      (std::vector<Sanction>{OfsiSanction("Ukraine (Sovereignty)", {2014, 7, 31}, {2018, 3, 15})}));
  EXPECT_EQ(e->remarks,
            "Also known as Joint-Stock Company Almaz-Antey Air and Space Defence Corporation. A "
            "Russian state-owned joint stock company. Website: almaz-antey.ru. Email address "
            "antey@almaz-antey.ru");
}

TEST(UkOfsiCsvParserTest, RealEntityWithImoNumberIsAVesselWithItsFlag) {
  const Entity* e = RealList().Find("gb_hmt_ofsi:13519");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kVessel);
  EXPECT_EQ(e->names, (std::vector<Name>{{.full = "NADINE", .kind = NameKind::kPrimary}}));
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{
                {.type = IdentifierType::kImo, .value = "8900878", .label = "IMO number"}}));
  EXPECT_EQ(e->countries, (std::vector<CountryRef>{{"PW", CountryRole::kFlag, ""}}));
  EXPECT_EQ(
      e->sanctions,
      (std::vector<Sanction>{OfsiSanction("Libya", {2017, 7, 25}, {2018, 2, 12}, "LYe.004")}));
  EXPECT_EQ(e->remarks.rfind("UN and EU listing. UN Ref LYe.004. IMO: 8900878. Formerly known as "
                             "Capricorn.",
                             0),
            0u);
  // A ship manager with a company IMO number stays an organisation.
  const Entity* owner = RealList().Find("gb_hmt_ofsi:13637");
  ASSERT_NE(owner, nullptr);
  EXPECT_EQ(owner->schema, Schema::kOrganization);
  EXPECT_EQ(owner->identifiers.front().value, "5434358");
}

TEST(UkOfsiCsvParserTest, RealPassportCellWithThreeNumbersInProseGivesThreePassports) {
  const Entity* e = RealList().Find("gb_hmt_ofsi:13254");
  ASSERT_NE(e, nullptr);
  std::vector<std::string> values;
  for (const Identifier& id : e->identifiers) {
    EXPECT_EQ(id.type, IdentifierType::kPassport);
    EXPECT_EQ(id.country, "YE");
    values.push_back(id.value);
  }
  EXPECT_EQ(values, (std::vector<std::string>{"17979", "02117777", "06070777"}));
}

TEST(UkOfsiCsvParserTest, RealGroupInSeveralRegimesHasOneSanctionPerRegime) {
  const Entity* e = RealList().Find("gb_hmt_ofsi:10638");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->sanctions.size(), 3u);
  std::vector<std::string> programs;
  for (const Sanction& s : e->sanctions) programs.push_back(s.program);
  std::sort(programs.begin(), programs.end());
  EXPECT_EQ(programs, (std::vector<std::string>{"Iran (human rights)",
                                                "Iran (nuclear proliferation)", "Syria"}));
}

TEST(UkOfsiCsvParserTest, EnumeratedCellsSplitIntoItems) {
  EXPECT_EQ(SplitEnumerated("1) Saudi Arabia 2) Qatar"),
            (std::vector<std::string>{"Saudi Arabia", "Qatar"}));
  EXPECT_EQ(SplitEnumerated("(1)-(2) Tunisia (3) Libya (4) Algeria"),
            (std::vector<std::string>{"Tunisia", "Libya", "Algeria"}));
  EXPECT_EQ(SplitEnumerated("(1) to (6) Algeria (7) Morocco"),
            (std::vector<std::string>{"Algeria", "Morocco"}));
  EXPECT_EQ(SplitEnumerated("a) Syrian Arab Republic b) State of Palestine"),
            (std::vector<std::string>{"Syrian Arab Republic", "State of Palestine"}));
  EXPECT_EQ(SplitEnumerated("(1) Musanze District, Northern Province, (2) Ruhengeri"),
            (std::vector<std::string>{"Musanze District, Northern Province", "Ruhengeri"}));
  EXPECT_EQ(SplitEnumerated("Head of Institute 3000 (aka Institute 5000)"),
            (std::vector<std::string>{"Head of Institute 3000 (aka Institute 5000)"}));
}

TEST(UkOfsiCsvParserTest, CountryPhrasesMapToCodes) {
  using Codes = std::vector<std::string>;
  EXPECT_EQ(OfsiCountryCodes("Afghan"), Codes{"AF"});
  EXPECT_EQ(OfsiCountryCodes("In Syria as at June 2013"), Codes{"SY"});
  EXPECT_EQ(OfsiCountryCodes("Kuwaiti citizenship withdrawn in 2002"), Codes{"KW"});
  EXPECT_EQ(OfsiCountryCodes("DRC and Belgian nationalities"), (Codes{"CD", "BE"}));
  EXPECT_EQ(OfsiCountryCodes("Iranian national and US national/citizen"), (Codes{"IR", "US"}));
  EXPECT_EQ(OfsiCountryCodes("Latakia Province, Syria"), Codes{"SY"});
  EXPECT_EQ(OfsiCountryCodes("Trinidad and Tobago"), Codes{"TT"});
  EXPECT_EQ(OfsiCountryCodes("Trinadad and Tobago (from birth until 27 Nov 2013)"), Codes{"TT"});
  EXPECT_EQ(OfsiCountryCodes("Democratic People\u2019s Republic of Korea"), Codes{"KP"});
  EXPECT_EQ(OfsiCountryCodes("Ukrainian SSR"), Codes{"UA"});
  EXPECT_EQ(OfsiCountryCodes("Central District, Pyongyang"), Codes{});
  EXPECT_TRUE(IsPlainCountry("Saudi Arabia"));
  EXPECT_FALSE(IsPlainCountry("Afghanistan (since 2009)"));
}

TEST(UkOfsiCsvParserTest, DocumentNumbersComeOutOfProse) {
  std::vector<std::string> leftovers;
  std::vector<Identifier> ids = ExtractDocuments(
      "(1) 106261543 (Kuwaiti) (2) 1420529 (Kuwaiti). Issued in Kuwait. Expired on 31 Mar 2006.",
      IdentifierType::kPassport, "Passport", &leftovers);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0].value, "106261543");
  EXPECT_EQ(ids[0].country, "KW");
  EXPECT_EQ(ids[0].note, "106261543 (Kuwaiti)");
  EXPECT_EQ(ids[1].value, "1420529");
  EXPECT_TRUE(leftovers.empty());

  ids = ExtractDocuments("SE 012820 (Afghan). Issued on 4 Nov 2000", IdentifierType::kPassport,
                         "Passport", &leftovers);
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0].value, "SE 012820");
  EXPECT_EQ(ids[0].country, "AF");

  ids = ExtractDocuments("(1) Italian Fiscal Code JMM MDI 68A25 Z352D (2) 01846592",
                         IdentifierType::kNationalId, "NI Number", &leftovers);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0].type, IdentifierType::kTaxId);
  EXPECT_EQ(ids[0].value, "JMMMDI68A25Z352D");
  EXPECT_EQ(ids[0].country, "IT");
  EXPECT_EQ(ids[1].type, IdentifierType::kNationalId);
  EXPECT_EQ(ids[1].value, "01846592");

  ids = ExtractDocuments(
      "OB0637580 (valid from 20.5.2014 to 19.5.2019) Was granted Schengen visa "
      "No 011518403 issued on 2.7.2016",
      IdentifierType::kPassport, "Passport", &leftovers);
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0].value, "OB0637580");

  ids = ExtractDocuments("Uganda Passport.", IdentifierType::kPassport, "Passport", &leftovers);
  EXPECT_TRUE(ids.empty());
  EXPECT_EQ(leftovers, (std::vector<std::string>{"Uganda Passport."}));
}

TEST(UkOfsiCsvParserTest, UnReferenceIsReadFromOtherInformation) {
  EXPECT_EQ(ExtractUnReference("UN Ref QDe.004. Emir for the eastern zone"), "QDe.004");
  EXPECT_EQ(ExtractUnReference("UN REF:QE.A.146.14. Also referred to as"), "QE.A.146.14");
  EXPECT_EQ(ExtractUnReference("stability of Yemen. UN REF No.YEi.004."), "YEi.004");
  EXPECT_EQ(ExtractUnReference("UN Ref KPe.055.Subordinate of"), "KPe.055");
  EXPECT_EQ(ExtractUnReference("UN Ref E.29.II.9. Owned or controlled"), "E.29.II.9");
  EXPECT_EQ(ExtractUnReference("Joined al-Nusrah (QE.A.137.14) in October 2013"), "");
}

TEST(UkOfsiCsvParserTest, DefectiveRowsAreReportedAndTheRestIsRead) {
  const std::string bytes = ReadFixture("uk_ofsi_csv/defective.csv");
  const ParsedList list = ParseText(bytes, "defective.csv");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(CheckEntityInvariants(list, "gb_hmt_ofsi"), "");
  const auto& d = list.diagnostics.diagnostics();
  ASSERT_EQ(d.size(), 4u) << list.DiagnosticsText();
  EXPECT_EQ(d[0].ToString(),
            "defective.csv:5 error: row has 28 fields, the header has 29; skipped");
  EXPECT_EQ(d[1].ToString(), "defective.csv:6 error: row without Group ID; skipped");
  EXPECT_EQ(d[2].ToString(),
            "defective.csv:7 [record 3] warning: unknown Alias Type 'Nickname'; name read as an "
            "alias");
  EXPECT_EQ(d[3].ToString(),
            "defective.csv:4 [record 3] warning: cannot read DOB '31/02/1970'; kept as text");
  ASSERT_EQ(list.entities.size(), 2u);
  const Entity& one = list.entities[0];
  EXPECT_EQ(one.id, "gb_hmt_ofsi:1");
  EXPECT_EQ(one.names.front().full, "John SMITH");
  EXPECT_EQ(one.names.front().title, "Dr");
  EXPECT_EQ(one.titles, (std::vector<std::string>{"Dr"}));
  const Entity& three = list.entities[1];
  EXPECT_EQ(three.id, "gb_hmt_ofsi:3");
  EXPECT_EQ(three.birth_dates, (std::vector<DateSpec>{{.text = "31/02/1970"}}));
  // The fixture is Windows-1252: 0xE9 is "é".
  ASSERT_EQ(three.names.size(), 2u);
  EXPECT_EQ(three.names[0].full, "Jos\u00e9 PEREIRA");
  EXPECT_EQ(three.names[1].full, "Ze PEREIRA");
  EXPECT_EQ(three.names[1].kind, NameKind::kStrongAlias);
}

TEST(UkOfsiCsvParserTest, GroupWithoutPrimeAliasUsesItsFirstName) {
  const std::string text = std::string("Last Updated,01/02/2018\r\n") + kHeader +
                           "ONE,Ann,,,,,,,,,,,,,,,,,,,,,,Individual,AKA,Libya,01/01/2017,01/01/"
                           "2017,9\r\n";
  const ParsedList list = ParseText(text);
  ASSERT_EQ(list.entities.size(), 1u);
  EXPECT_EQ(list.entities[0].names.front().kind, NameKind::kPrimary);
  ASSERT_EQ(list.diagnostics.diagnostics().size(), 1u);
  EXPECT_EQ(list.diagnostics.diagnostics()[0].ToString(),
            "ConList.csv:3 [record 9] warning: no Prime Alias row; the first name is used as the "
            "primary name");
  EXPECT_EQ(list.metadata.published, "2018-02-01");
}

TEST(UkOfsiCsvParserTest, UnreadableDocumentsAreCorruption) {
  const ParsedList empty = ParseText("", "empty.csv");
  EXPECT_EQ(empty.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(empty.status.message(), "empty.csv:1: empty document");

  const ParsedList other = ParseText("ent_num,name\r\n36,\"AEROCARIBBEAN\"\r\n", "sdn.csv");
  EXPECT_EQ(other.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(other.status.message(),
            "sdn.csv:1: not an OFSI consolidated list header: no 'Name 6' column");

  const std::string truncated = std::string("Last Updated,01/02/2018\r\n") + kHeader +
                                "ONE,Ann,,,,,,,,,,,,,,,,,,,,,\"UN Ref QDi.001 cut here";
  const ParsedList cut = ParseText(truncated, "ConList.csv");
  EXPECT_EQ(cut.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(cut.status.message(), "ConList.csv:3: unterminated quoted field");

  const ParsedList no_header = ParseText("Last Updated,01/02/2018\r\n", "ConList.csv");
  EXPECT_EQ(no_header.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(no_header.status.message().rfind("ConList.csv:", 0), 0u);
}

}  // namespace
}  // namespace cordon::ingest::internal
