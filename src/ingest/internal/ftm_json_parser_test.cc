#include "ingest/internal/ftm_json_parser.h"

#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <set>
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

constexpr char kSource[] = "opensanctions";
constexpr char kCst[] = "opensanctions:NK-abdzbEBkqyT29GyREbiURZ";
constexpr char kZakharov[] = "opensanctions:NK-aU5ybkbRFJucf8YMwsJvDw";

ParsedList ParseText(const std::string& name, std::string_view text) {
  std::unique_ptr<ListParser> parser = NewFtmJsonParser();
  return ParseDocument(*parser, kSource, name, text);
}

ParsedList ParseReal(const std::string& path) {
  return ParseText("entities.ftm.json", ReadRealList(path));
}

const ParsedList& Zala() {
  static const ParsedList list = ParseReal("opensanctions/yente_zala/entities.ftm.json");
  return list;
}

const Diagnostic* FindDiagnostic(const ParsedList& list, int64_t line, const std::string& part) {
  for (const Diagnostic& d : list.diagnostics.diagnostics()) {
    if (d.line == line && d.message.find(part) != std::string::npos) return &d;
  }
  return nullptr;
}

const model::Sanction* FindSanction(const model::Entity& e, const std::string& list,
                                    const std::string& reference) {
  for (const model::Sanction& s : e.sanctions) {
    if (s.list == list && s.reference == reference) return &s;
  }
  return nullptr;
}

std::map<Schema, int> CountBySchema(const ParsedList& list) {
  std::map<Schema, int> counts;
  for (const model::Entity& e : list.entities) ++counts[e.schema];
  return counts;
}

TEST(FtmJsonParserTest, FormatNameIsStable) { EXPECT_EQ(NewFtmJsonParser()->format(), "ftm-json"); }

// yente_t1: 7 lines from eu_fsf; the one Address is referenced by nobody present, so it only
// folds (into nothing); the Organizations' addressEntity ids are not in this partial export.
TEST(FtmJsonParserTest, EuFsfSampleGivesPersonsAndOrganizations) {
  ParsedList list = ParseReal("opensanctions/yente_t1/entities.ftm.json");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities.size(), 6u);
  EXPECT_EQ(CountBySchema(list),
            (std::map<Schema, int>{{Schema::kPerson, 4}, {Schema::kOrganization, 2}}));
  EXPECT_EQ(list.diagnostics.diagnostics().size(), 0u) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, kSource), "");
  EXPECT_EQ(list.metadata.dataset, "eu_fsf");
  EXPECT_EQ(list.metadata.published, "2024-06-01T10:57:03");  // the latest last_seen

  const model::Entity* irgc = list.Find("opensanctions:NK-2PacmNpiLUmoz4XD2mSt7A");
  ASSERT_NE(irgc, nullptr);
  EXPECT_EQ(irgc->schema, Schema::kOrganization);
  EXPECT_EQ(irgc->names, (std::vector<model::Name>{{.full = "IRGC", .kind = NameKind::kPrimary},
                                                   {.full = "Iranian Revolutionary Guard Corps",
                                                    .kind = NameKind::kStrongAlias}}));
  EXPECT_TRUE(irgc->addresses.empty());  // addr-9bdb8d40... is not in the file
  EXPECT_EQ(irgc->countries, (std::vector<model::CountryRef>{{"IR", CountryRole::kOther, ""}}));
  EXPECT_EQ(irgc->remarks, "Corrigendum 267/2012 (OJ L88) [corr. 04/12/2012-2]");
  EXPECT_EQ(irgc->properties, (Properties{{"createdAt", "2012-03-24"}, {"topics", "sanction"}}));
}

// A Russian person with the name in Cyrillic: the Cyrillic name is an original-script name and
// the name parts are found in each name from firstName / lastName.
TEST(FtmJsonParserTest, KuzmenkoHasCyrillicNameAndNameParts) {
  ParsedList list = ParseReal("opensanctions/yente_t1/entities.ftm.json");
  const model::Entity* e = list.Find("opensanctions:NK-2Ka3UvopqbpZmVDFjWd4LA");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->provenance.record_id, "NK-2Ka3UvopqbpZmVDFjWd4LA");
  EXPECT_EQ(e->provenance.format, "ftm-json");
  ASSERT_EQ(e->names.size(), 3u);
  EXPECT_EQ(e->names[0], (model::Name{.full = "Vitaly Yurievich KUZMENKO",
                                      .kind = NameKind::kPrimary,
                                      .given = "Vitaly",
                                      .family = "KUZMENKO"}));
  EXPECT_EQ(e->names[1], (model::Name{.full = "Vitalij Kuzmenko",
                                      .kind = NameKind::kStrongAlias,
                                      .given = "Vitalij",
                                      .family = "Kuzmenko"}));
  EXPECT_EQ(e->names[2],
            (model::Name{.full = "\xD0\x92\xD0\xB8\xD1\x82\xD0\xB0\xD0\xBB\xD0\xB8\xD0\xB9 "
                                 "\xD0\xAE\xD1\x80\xD1\x8C\xD0\xB5\xD0\xB2\xD0\xB8\xD1\x87 "
                                 "\xD0\x9A\xD0\xA3\xD0\x97\xD0\xAC\xD0\x9C\xD0\x95\xD0\x9D\xD0\x9A"
                                 "\xD0\x9E",  // Виталий Юрьевич КУЗЬМЕНКО
                         .kind = NameKind::kOriginalScript,
                         .given = "\xD0\x92\xD0\xB8\xD1\x82\xD0\xB0\xD0\xBB\xD0\xB8\xD0\xB9",
                         .family = "\xD0\x9A\xD0\xA3\xD0\x97\xD0\xAC\xD0\x9C\xD0\x95\xD0\x9D"
                                   "\xD0\x9A\xD0\x9E"}));
  EXPECT_EQ(e->identifiers,
            (std::vector<model::Identifier>{
                {.type = IdentifierType::kTaxId, .value = "366510784303", .label = "taxNumber"}}));
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].date, (model::PartialDate{1971, 1, 22}));
  EXPECT_EQ(e->countries, (std::vector<model::CountryRef>{{"RU", CountryRole::kNationality, ""}}));
  EXPECT_EQ(e->gender, "male");
  EXPECT_EQ(e->positions,
            (std::vector<std::string>{"General Director of JSC 163 Armor Repair Plant"}));
  EXPECT_EQ(e->remarks,
            "The plant is part of the High Precision Systems holding company of Rostec");
  EXPECT_EQ(e->properties, (Properties{{"createdAt", "2024-02-23"}, {"topics", "sanction"}}));
  EXPECT_TRUE(e->sanctions.empty());  // this export has no Sanction entities
}

// yente_zala: 91 lines; the 74 Sanction, Ownership, Address, Family, Directorship and Passport
// entities fold into the 17 companies and persons.
TEST(FtmJsonParserTest, ZalaClusterFoldsRelationsIntoSeventeenEntities) {
  const ParsedList& list = Zala();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities.size(), 17u);
  EXPECT_EQ(CountBySchema(list),
            (std::map<Schema, int>{{Schema::kPerson, 6}, {Schema::kCompany, 11}}));
  EXPECT_EQ(list.diagnostics.diagnostics().size(), 0u) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, kSource), "");
  EXPECT_EQ(list.metadata.dataset, "ext_ru_egrul");  // on 31 of the 91 lines
  EXPECT_EQ(list.metadata.published, "2026-04-29T12:53:04");
  size_t sanctions = 0;
  size_t links = 0;
  for (const model::Entity& e : list.entities) {
    sanctions += e.sanctions.size();
    links += e.links.size();
  }
  EXPECT_EQ(sanctions, 41u);            // every Sanction entity names an entity in the file
  EXPECT_EQ(links, 2u * (14 + 3 + 4));  // each relation on both parties
}

// LLC CST (Zala Aero): identifiers, addresses from Address entities first, owners, directors and
// 28 sanctions from many lists.
TEST(FtmJsonParserTest, ZalaAeroCompanyHasOwnersDirectorsAndSanctionsFromManyLists) {
  const model::Entity* e = Zala().Find(kCst);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);
  ASSERT_EQ(e->names.size(), 59u);  // the distinct texts of caption, names and aliases
  EXPECT_EQ(e->names[0], (model::Name{.full = "LLC CST", .kind = NameKind::kPrimary}));
  std::map<std::string, NameKind> kinds;
  for (const model::Name& n : e->names) kinds[n.full] = n.kind;
  EXPECT_EQ(kinds["Zala Aero Group"], NameKind::kStrongAlias);
  EXPECT_EQ(kinds["\xD0\x9E\xD0\x9E\xD0\x9E \xD0\xA6\xD0\xA1\xD0\xA2"],  // ООО ЦСТ
            NameKind::kOriginalScript);
  EXPECT_EQ(kinds["TsST LLC"], NameKind::kWeakAlias);
  EXPECT_EQ(kinds["ZALA"], NameKind::kWeakAlias);

  EXPECT_EQ(
      e->identifiers,
      (std::vector<model::Identifier>{
          {.type = IdentifierType::kRegistration,
           .value = "1091841000624",
           .label = "registrationNumber"},
          {.type = IdentifierType::kRegistration,
           .value = "1841015504",
           .label = "registrationNumber"},
          {.type = IdentifierType::kRegistration,
           .value = "1101841007938",
           .label = "registrationNumber"},
          {.type = IdentifierType::kTaxId, .value = "1841015504", .label = "taxNumber"},
          {.type = IdentifierType::kTaxId, .value = "1841001815", .label = "taxNumber"},
          {.type = IdentifierType::kInn, .value = "1841015504", .label = "innCode"},
          {.type = IdentifierType::kOgrn, .value = "1101841007938", .label = "ogrnCode"},
          {.type = IdentifierType::kOther, .value = "771501001", .label = "kppCode"},
          {.type = IdentifierType::kOther, .value = "5062453043", .label = "permId"},
          {.type = IdentifierType::kOther, .value = "M52TNV23BGX4", .label = "uniqueEntityId"},
          {.type = IdentifierType::kOther, .value = "RRR6K5DPDY46", .label = "uniqueEntityId"},
          {.type = IdentifierType::kOther, .value = "RS9VFC5JZJE6", .label = "uniqueEntityId"}}));
  ASSERT_EQ(e->incorporation_dates.size(), 1u);
  EXPECT_EQ(e->incorporation_dates[0].date, (model::PartialDate{2010, 12, 24}));
  EXPECT_EQ(e->countries,
            (std::vector<model::CountryRef>{{"RU", CountryRole::kJurisdiction, ""},
                                            {"RU", CountryRole::kOther, ""},
                                            {"RU", CountryRole::kAddressCountry, ""}}));
  EXPECT_EQ(e->emails, (std::vector<std::string>{"info@zala.ru", "20shrhrabota@gmail.com",
                                                 "info@zala.aero", "info@zala-aero.com"}));
  EXPECT_EQ(
      e->phones,
      (std::vector<std::string>{"+7 (3412) 43-05-05; +7 (951) 210-81-28; +7 (912) 769-33-11"}));
  EXPECT_EQ(e->websites,
            (std::vector<std::string>{"http://zala-aero.com/", "https://zala-aero.com/"}));

  // 10 Address entities, then the address strings that do not repeat them: 27 in all.
  ASSERT_EQ(e->addresses.size(), 27u);
  EXPECT_EQ(e->addresses[0],
            (model::Address{.full = "3/2 Perunovsky Lane, Floor 3, Room 21, Moscow, 127055, "
                                    "Russia"}));
  EXPECT_EQ(e->addresses[1], (model::Address{.full = "P.O. Box 9050, Izhevsk, Russian "
                                                     "Federation, 426011",
                                             .street = "UR",
                                             .city = "UR, Izhevsk",
                                             .postal_code = "426011",
                                             .region = "Udmurt Republic",
                                             .country_code = "RU"}));
  EXPECT_EQ(e->addresses[8], (model::Address{.full = "9 Salyama Adilya St., Office 3, Moscow, "
                                                     "123154",
                                             .street = "9 Salyama Adilya St., Office 3",
                                             .city = "Moscow",
                                             .postal_code = "123154",
                                             .country_code = "RU"}));

  // Relations in file order: who owns and who directs LLC CST.
  const std::string zakharov = "Alexander Vyacheslavovich ZAKHAROV";
  EXPECT_EQ(
      e->links,
      (std::vector<model::Link>{
          {LinkKind::kOwnedBy, "NK-nR5AXM9AVPq4pQaSPSaVam", "JSC Kalashnikov Concern",
           "subsidiary of", "", "shares"},
          {LinkKind::kControlledBy, "NK-aU5ybkbRFJucf8YMwsJvDw", zakharov, "Leader or official of",
           "", "officer"},
          {LinkKind::kOwnedBy,
           "NK-DSxJ9ZzHxBBMyEMnnTBhai",
           "\xD0\x90\xD0\xBA\xD1\x86\xD1\x96\xD0\xBE\xD0\xBD\xD0\xB5\xD1\x80\xD0\xBD\xD0\xB5 "
           "\xD1\x82\xD0\xBE\xD0\xB2\xD0\xB0\xD1\x80\xD0\xB8\xD1\x81\xD1\x82\xD0\xB2\xD0\xBE "
           "\"\xD0\xA2\xD1\x80\xD0\xB0\xD0\xBD\xD1\x81\xD0\x9A\xD0\xBE\xD0\xBC\xD0\xBF\xD0\xBB"
           "\xD0\xB5\xD0\xBA\xD1\x82\xD0\xA5\xD0\xBE\xD0\xBB\xD0\xB4\xD0\xB8\xD0\xBD\xD0\xB3"
           "\"",  // Акціонерне товариство "ТрансКомплектХолдинг"
           "2%, shares 260.52, from 2019-05-24, until 2023-12-21",
           "2",
           "shares",
           {2019, 5, 24},
           {2023, 12, 21}},
          {LinkKind::kOwnedBy,
           "NK-nR5AXM9AVPq4pQaSPSaVam",
           "JSC Kalashnikov Concern",
           "49%, shares 6401.77, from 2016-03-29",
           "49",
           "shares",
           {2016, 3, 29}},
          {LinkKind::kOwnedBy,
           "NK-DQ98GPMgdVH8DSZd8g9Xtc",
           "Svetlana Nikolaevna Zakharova",
           "1%, shares 129.87, from 2022-01-17, until 2023-03-02",
           "1",
           "shares",
           {2022, 1, 17},
           {2023, 3, 2}},
          {LinkKind::kOwnedBy,
           "NK-aU5ybkbRFJucf8YMwsJvDw",
           zakharov,
           "50%, shares 6494.29, from 2015-11-25, until 2023-03-02",
           "50",
           "shares",
           {2015, 11, 25},
           {2023, 3, 2}},
          {LinkKind::kOwnedBy,
           "NK-aU5ybkbRFJucf8YMwsJvDw",
           zakharov,
           "48%, shares 6233.77, from 2015-11-25, until 2023-12-21",
           "48",
           "shares",
           {2015, 11, 25},
           {2023, 12, 21}},
          {LinkKind::kControlledBy,
           "NK-mCEmxFfuhfdjpC8gsxH74o",
           "\xD0\x90\xD0\xB1\xD0\xB0\xD1\x88\xD0\xBA\xD1\x96\xD0\xBD "
           "\xD0\x9A\xD0\xBE\xD1\x81\xD1\x82\xD1\x8F\xD0\xBD\xD1\x82\xD0\xB8\xD0\xBD "
           "\xD0\x86\xD0\xB3\xD0\xBE\xD1\x80\xD1\x8C\xD0\xBE\xD0\xB2\xD0\xB8\xD1\x87",
           // Абашкін Костянтин Ігорьович; ГЕНЕРАЛЬНЫЙ ДИРЕКТОР
           "\xD0\x93\xD0\x95\xD0\x9D\xD0\x95\xD0\xA0\xD0\x90\xD0\x9B\xD0\xAC\xD0\x9D\xD0\xAB"
           "\xD0\x99 \xD0\x94\xD0\x98\xD0\xA0\xD0\x95\xD0\x9A\xD0\xA2\xD0\x9E\xD0\xA0, "
           "from 2017-10-23",
           "",
           "officer",
           {2017, 10, 23}},
          {LinkKind::kOwnedBy,
           "NK-aU5ybkbRFJucf8YMwsJvDw",
           zakharov,
           "51%, shares 6624.16, from 2015-11-25",
           "51",
           "shares",
           {2015, 11, 25}}}));

  // Sanctions: one per Sanction entity naming LLC CST, the list is its dataset.
  ASSERT_EQ(e->sanctions.size(), 28u);
  std::set<std::string> lists;
  for (const model::Sanction& s : e->sanctions) lists.insert(s.list);
  EXPECT_EQ(lists.size(), 17u);
  const model::Sanction* ofac = FindSanction(*e, "us_ofac_sdn", "45934");
  ASSERT_NE(ofac, nullptr);
  EXPECT_EQ(*ofac, (model::Sanction{.regime = Regime::kUs,
                                    .authority = "Office of Foreign Assets Control",
                                    .program = "RUSSIA-EO14024",
                                    .list = "us_ofac_sdn",
                                    .reference = "45934",
                                    .reason = "Executive Order 14024 (Russia); Secondary sanctions "
                                              "risk: See Section 11 of Executive Order 14024."}));
  const model::Sanction* fcdo = FindSanction(*e, "gb_fcdo_sanctions", "RUS1712; 15734");
  ASSERT_NE(fcdo, nullptr);
  EXPECT_EQ(fcdo->regime, Regime::kUk);
  EXPECT_EQ(fcdo->authority, "Foreign, Commonwealth & Development Office; UK");
  EXPECT_EQ(fcdo->program, "The Russia (Sanctions) (EU Exit) Regulations 2019");
  EXPECT_EQ(fcdo->listed_on, (model::PartialDate{2023, 2, 8}));
  EXPECT_EQ(fcdo->modified_on, (model::PartialDate{2025, 4, 9}));
  EXPECT_EQ(fcdo->reason.substr(0, 40), "LLC CST is an involved person under the ");
  const model::Sanction* eu = FindSanction(*e, "eu_fsf", "EU.10966.20");
  ASSERT_NE(eu, nullptr);
  EXPECT_EQ(*eu, (model::Sanction{.regime = Regime::kEu,
                                  .authority = "Directorate\xE2\x80\x91General for Financial "
                                               "Stability, Financial Services and Capital "
                                               "Markets Union",
                                  .program = "UKR",
                                  .list = "eu_fsf",
                                  .listed_on = {2023, 12, 18},  // startDate before listingDate
                                  .reference = "EU.10966.20",
                                  .reason = "2025/527 (OJ L202500527)"}));
  const model::Sanction* csl = FindSanction(*e, "us_trade_csl", "88 FR 76128");
  ASSERT_NE(csl, nullptr);
  EXPECT_EQ(csl->regime, Regime::kUs);
  EXPECT_EQ(csl->program, "Entity List (EL) - Bureau of Industry and Security");
  EXPECT_EQ(csl->listed_on, (model::PartialDate{2023, 11, 2}));
  const model::Sanction* seco = FindSanction(*e, "ch_seco_sanctions", "69730");
  ASSERT_NE(seco, nullptr);
  EXPECT_EQ(seco->regime, Regime::kOther);
  EXPECT_EQ(seco->listed_on, (model::PartialDate{2023, 12, 21}));  // the earlier of two
}

// Alexander Zakharov: the other side of the relations (owner, director, relative of four), a
// structured address from the Address entity, and a Passport entity without a number.
TEST(FtmJsonParserTest, ZakharovOwnsDirectsAndHasFamily) {
  const model::Entity* e = Zala().Find(kZakharov);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  ASSERT_EQ(e->names.size(), 17u);
  EXPECT_EQ(e->names[0], (model::Name{.full = "Alexander Vyacheslavovich ZAKHAROV",
                                      .kind = NameKind::kPrimary,
                                      .given = "Alexander",
                                      .family = "ZAKHAROV",
                                      .patronymic = "Vyacheslavovich"}));
  EXPECT_EQ(e->names[1], (model::Name{.full = "Aleksandr Vyacheslavovich Zakharov",
                                      .kind = NameKind::kStrongAlias,
                                      .given = "Aleksandr",
                                      .family = "Zakharov",
                                      .patronymic = "Vyacheslavovich"}));
  EXPECT_EQ(
      e->identifiers,
      (std::vector<model::Identifier>{
          {.type = IdentifierType::kTaxId, .value = "183111242406", .label = "taxNumber"},
          {.type = IdentifierType::kInn, .value = "183111242406", .label = "innCode"},
          {.type = IdentifierType::kOther, .value = "RSCWQEZSPEN9", .label = "uniqueEntityId"},
          {.type = IdentifierType::kOther, .value = "M57DAD27NLC8", .label = "uniqueEntityId"}}));
  EXPECT_EQ(e->countries,
            (std::vector<model::CountryRef>{{"RU", CountryRole::kNationality, ""},
                                            {"RU", CountryRole::kCitizenship, ""},
                                            {"RU", CountryRole::kBirthCountry, ""},
                                            {"RU", CountryRole::kOther, ""},
                                            {"RU", CountryRole::kAddressCountry, ""}}));
  EXPECT_EQ(e->addresses, (std::vector<model::Address>{
                              {.full = "272 Pushkinskaya Street, Apt 41, Izhevsk, 426008",
                               .street = "272 Pushkinskaya Street, Apt 41",
                               .city = "Izhevsk",
                               .postal_code = "426008",
                               .country_code = "RU"},
                              {.full = "IZHEVSK, 426008"}}));
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].date, (model::PartialDate{1965, 9, 21}));
  EXPECT_EQ(e->birth_places.size(), 7u);
  EXPECT_EQ(e->positions,
            (std::vector<std::string>{"Propri\xC3\xA9taire de LLC CST", "Owner of LLC CST"}));
  EXPECT_EQ(e->sanctions.size(), 13u);

  ASSERT_EQ(e->links.size(), 16u);
  EXPECT_EQ(e->links[0],
            (model::Link{LinkKind::kFamily, "NK-JseaPJctnK9o8wrmz8xmoT",
                         "Nikita Aleksandrovich Zakharov", "reverse: Family member of"}));
  EXPECT_EQ(e->links[3], (model::Link{LinkKind::kDirector, "NK-abdzbEBkqyT29GyREbiURZ", "LLC CST",
                                      "Leader or official of", "", "officer"}));
  EXPECT_EQ(e->links[6], (model::Link{LinkKind::kOwns,
                                      "NK-iE6m5ryPeTAMZozfECVSL7",
                                      "Limited Liability Company Aeroscan",
                                      "100%, shares 10000, from 2024-03-01, until 2024-03-24",
                                      "100",
                                      "shares",
                                      {2024, 3, 1},
                                      {2024, 3, 24}}));
  int family = 0, owns = 0, director = 0;
  for (const model::Link& link : e->links) {
    family += link.kind == LinkKind::kFamily;
    owns += link.kind == LinkKind::kOwns;
    director += link.kind == LinkKind::kDirector;
  }
  EXPECT_EQ(family, 4);
  EXPECT_EQ(owns, 10);
  EXPECT_EQ(director, 2);

  // The son's side of "Family member of" carries the wording as written.
  const model::Entity* nikita = Zala().Find("opensanctions:NK-JseaPJctnK9o8wrmz8xmoT");
  ASSERT_NE(nikita, nullptr);
  ASSERT_EQ(nikita->links.size(), 1u);
  EXPECT_EQ(nikita->links[0],
            (model::Link{LinkKind::kFamily, "NK-aU5ybkbRFJucf8YMwsJvDw",
                         "Alexander Vyacheslavovich ZAKHAROV", "Family member of"}));
}

// The yente delta files: ADD entities are read, DELs listed; an empty file is corrupt.
TEST(FtmJsonParserTest, DeltaFilesReadAddsAndReportDeletes) {
  ParsedList empty =
      ParseText("entities.delta.json", ReadRealList("opensanctions/yente_t2/20240527134702-zbn/"
                                                    "entities.delta.json"));
  EXPECT_EQ(empty.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(empty.status.message(), "entities.delta.json:1: empty document");

  ParsedList adds =
      ParseText("entities.delta.json", ReadRealList("opensanctions/yente_t2/20240527194702-wnk/"
                                                    "entities.delta.json"));
  ASSERT_TRUE(adds.status.ok());
  EXPECT_EQ(adds.entities.size(), 2u);
  EXPECT_EQ(adds.diagnostics.diagnostics().size(), 0u) << adds.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(adds, kSource), "");
  const model::Entity* aqi = adds.Find("opensanctions:NK-2T3S8Hu29ktYnKSTgQp2wL");
  ASSERT_NE(aqi, nullptr);
  EXPECT_EQ(aqi->names[0].full, "AL-QAIDA IN IRAQ");

  ParsedList renamed =
      ParseText("entities.delta.json", ReadRealList("opensanctions/yente_t2/20240528014702-pfh/"
                                                    "entities.delta.json"));
  ASSERT_TRUE(renamed.status.ok());
  EXPECT_EQ(renamed.entities.size(), 2u);
  EXPECT_EQ(renamed.diagnostics.diagnostics().size(), 0u);

  // A document of ops only is a delta: its DELs are for the store to apply.
  EXPECT_TRUE(adds.metadata.delta);
  ParsedList deletes =
      ParseText("entities.delta.json", ReadRealList("opensanctions/yente_t2/20240528074703-npf/"
                                                    "entities.delta.json"));
  ASSERT_TRUE(deletes.status.ok()) << deletes.status.ToString();
  EXPECT_TRUE(deletes.entities.empty());
  EXPECT_TRUE(deletes.diagnostics.diagnostics().empty()) << deletes.DiagnosticsText();
  EXPECT_TRUE(deletes.metadata.delta);
  EXPECT_EQ(deletes.metadata.deleted, std::vector<std::string>{"NK-500Poltergeist"});

  ParsedList person =
      ParseText("entities.delta.json", ReadRealList("opensanctions/yente_t2/20240528134729-3iv/"
                                                    "entities.delta.json"));
  ASSERT_TRUE(person.status.ok());
  ASSERT_EQ(person.entities.size(), 1u);
  EXPECT_EQ(person.entities[0].id, "opensanctions:Q4365364");
  EXPECT_EQ(person.entities[0].schema, Schema::kPerson);
}

TEST(FtmJsonParserTest, DefectiveLinesAreReportedAndTheRestIsRead) {
  ParsedList list = ParseText("defective.ftm.json", ReadFixture("ftm_json/defective.ftm.json"));
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(CheckEntityInvariants(list, kSource), "");
  ASSERT_EQ(list.entities.size(), 3u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.error_count(), 4u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.warning_count(), 2u) << list.DiagnosticsText();

  const Diagnostic* broken = FindDiagnostic(list, 2, "not valid JSON");
  ASSERT_NE(broken, nullptr) << list.DiagnosticsText();
  EXPECT_EQ(broken->file, "defective.ftm.json");
  EXPECT_EQ(broken->severity, Diagnostic::Severity::kError);
  EXPECT_NE(FindDiagnostic(list, 3, "not a JSON object"), nullptr);
  const Diagnostic* no_schema = FindDiagnostic(list, 4, "no id or no schema");
  ASSERT_NE(no_schema, nullptr);
  EXPECT_EQ(no_schema->record_id, "noschema");
  const Diagnostic* del = FindDiagnostic(list, 5, "DEL op in a document of entities");
  ASSERT_NE(del, nullptr);
  EXPECT_EQ(del->record_id, "gone-1");
  const Diagnostic* nameless = FindDiagnostic(list, 12, "the Person has no name; skipped");
  ASSERT_NE(nameless, nullptr);
  EXPECT_EQ(nameless->record_id, "nameless");
  const Diagnostic* twice = FindDiagnostic(list, 13, "already read on line 6");
  ASSERT_NE(twice, nullptr);
  EXPECT_EQ(twice->record_id, "c1");
  EXPECT_EQ(twice->severity, Diagnostic::Severity::kWarning);

  // The person: an Address found through a referent, a UN sanction, a passport, a share.
  const model::Entity* p1 = list.Find("opensanctions:p1");
  ASSERT_NE(p1, nullptr);
  EXPECT_EQ(p1->names[0], (model::Name{.full = "Ivan Petrovich SIDOROV",
                                       .given = "Ivan",
                                       .family = "SIDOROV",
                                       .patronymic = "Petrovich"}));
  EXPECT_EQ(p1->names[1].kind, NameKind::kOriginalScript);
  // Parts match whole words, ASCII case aside: "Sidorov" is the lastName "SIDOROV".
  EXPECT_EQ(
      p1->names[2],
      (model::Name{.full = "Vanya Sidorov", .kind = NameKind::kStrongAlias, .family = "Sidorov"}));
  EXPECT_EQ(p1->names[3], (model::Name{.full = "Vanya", .kind = NameKind::kWeakAlias}));
  EXPECT_EQ(p1->birth_dates[0].date, (model::PartialDate{1970, 5, 0}));
  EXPECT_EQ(p1->addresses, (std::vector<model::Address>{{.full = "1 Tverskaya St, Moscow, 125009",
                                                         .city = "Moscow",
                                                         .postal_code = "125009",
                                                         .country_code = "RU"}}));
  EXPECT_EQ(p1->sanctions, (std::vector<model::Sanction>{{.regime = Regime::kUn,
                                                          .authority = "United Nations Security "
                                                                       "Council",
                                                          .program = "DPRK",
                                                          .list = "un_sc_sanctions",
                                                          .listed_on = {2016, 3, 2},
                                                          .reference = "KPi.001",
                                                          .reason = "Procurement agent"}}));
  EXPECT_EQ(p1->identifiers, (std::vector<model::Identifier>{{.type = IdentifierType::kPassport,
                                                              .value = "7100001",
                                                              .country = "RU",
                                                              .label = "Passport",
                                                              .note = "issued 2015-01-01"}}));
  EXPECT_EQ(p1->links,
            (std::vector<model::Link>{{LinkKind::kOwns,
                                       "c1",
                                       "Acme Shipping LLC",
                                       "25%, from 2010-01-01",
                                       "25",
                                       "shares",
                                       {2010, 1, 1}},
                                      {LinkKind::kFamily, "missing-person", "", "brother"}}));
  EXPECT_EQ(p1->properties, (Properties{{"topics", "sanction"}}));

  // The company: line 13 replaced the ADD of line 6; a crypto wallet; the share seen from it.
  const model::Entity* c1 = list.Find("opensanctions:c1");
  ASSERT_NE(c1, nullptr);
  EXPECT_EQ(c1->websites, (std::vector<std::string>{"acme.example"}));
  EXPECT_EQ(c1->identifiers,
            (std::vector<model::Identifier>{
                {.type = IdentifierType::kInn, .value = "7701234567", .label = "innCode"},
                {.type = IdentifierType::kOgrn, .value = "1027700000001", .label = "ogrnCode"},
                {.type = IdentifierType::kCryptoAddress,
                 .value = "0x7f367cc41522ce07553e823bf3be79a889debe1b",
                 .label = "ETH"}}));
  EXPECT_EQ(c1->links, (std::vector<model::Link>{{LinkKind::kOwnedBy,
                                                  "p1",
                                                  "Ivan Petrovich SIDOROV",
                                                  "25%, from 2010-01-01",
                                                  "25",
                                                  "shares",
                                                  {2010, 1, 1}}}));

  // The vessel: particulars as FtM properties, former name, flag, EU sanction.
  const model::Entity* v1 = list.Find("opensanctions:v1");
  ASSERT_NE(v1, nullptr);
  EXPECT_EQ(v1->schema, Schema::kVessel);
  EXPECT_EQ(v1->names[1], (model::Name{.full = "OCEAN STAR", .kind = NameKind::kFormerName}));
  EXPECT_EQ(v1->identifiers,
            (std::vector<model::Identifier>{
                {.type = IdentifierType::kImo, .value = "9187629", .label = "imoNumber"},
                {.type = IdentifierType::kMmsi, .value = "273123456", .label = "mmsi"}}));
  EXPECT_EQ(v1->countries, (std::vector<model::CountryRef>{{"PA", CountryRole::kFlag, ""}}));
  EXPECT_EQ(v1->properties, (Properties{{"buildDate", "1999"},
                                        {"pastFlags", "ru"},
                                        {"tonnage", "81225"},
                                        {"type", "Crude Oil Tanker"}}));
  ASSERT_EQ(v1->sanctions.size(), 1u);
  EXPECT_EQ(v1->sanctions[0].regime, Regime::kEu);
  EXPECT_EQ(v1->sanctions[0].listed_on, (model::PartialDate{2023, 1, 1}));
  EXPECT_EQ(list.metadata.dataset, "un_sc_sanctions");
  EXPECT_EQ(list.metadata.published, "2024-02-01T00:00:00");
}

TEST(FtmJsonParserTest, DocumentWithoutAnyJsonObjectIsCorruption) {
  ParsedList list = ParseText("entities.ftm.json", "\n<html>\nnot json\n");
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(list.status.message(),
            "entities.ftm.json:2: not FtM JSON lines: no line is a JSON object");
  EXPECT_FALSE(list.diagnostics.diagnostics().empty());
}

TEST(FtmJsonParserTest, TruncatedLastLineIsAnErrorNotTheWholeDocument) {
  std::string bytes = ReadFixture("ftm_json/sample.ftm.json");
  bytes.resize(bytes.size() - 40);  // cuts the last line (a Sanction) in half
  ParsedList list = ParseText("sample.ftm.json", bytes);
  ASSERT_TRUE(list.status.ok());
  EXPECT_EQ(list.entities.size(), 3u);
  ASSERT_EQ(list.diagnostics.error_count(), 1u);
  EXPECT_EQ(list.diagnostics.diagnostics()[0].line, 9);
  EXPECT_TRUE(list.Find("opensanctions:v1")->sanctions.empty());
}

// Found by the fuzzer: a "properties" that is not an object used to end the parse with an
// internal JSON error; it is simply a record without properties.
TEST(FtmJsonParserTest, PropertiesThatAreNotAnObjectAreIgnored) {
  ParsedList list = ParseText(
      "entities.ftm.json",
      R"({"id": "p1", "schema": "Person", "caption": "Ivan SIDOROV", "properties": ["x"]})"
      "\n"
      R"({"id": "p2", "schema": "Person", "properties": {"name": ["Petr IVANOV"]}})"
      "\n");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  ASSERT_NE(list.Find("opensanctions:p2"), nullptr);
  EXPECT_EQ(list.Find("opensanctions:p2")->caption(), "Petr IVANOV");
}

TEST(FtmJsonParserTest, EmptyDocumentIsCorruption) {
  ParsedList list = ParseText("entities.ftm.json", "  \n\n");
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(list.status.message(), "entities.ftm.json:1: empty document");
}

}  // namespace
}  // namespace cordon::ingest::internal
