#include "ingest/internal/ofac_enhanced_xml_parser.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ingest/internal/ofac_csv_parser.h"
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
using model::Link;
using model::LinkKind;
using model::Name;
using model::NameKind;
using model::PartialDate;
using model::Regime;
using model::Sanction;
using model::Schema;
using Properties = std::vector<std::pair<std::string, std::string>>;

// CONS_ENHANCED.XML of 2025-01-10 (data/lists/ofac/CONS_ENHANCED_2025-01-10.XML.zst; the same
// bytes as shared/data/ofac/CONS_ENHANCED.XML.xz).
const ParsedList& Consolidated() {
  static const ParsedList list = [] {
    const std::string bytes = ReadRealList("ofac/CONS_ENHANCED_2025-01-10.XML");
    auto parser = NewOfacEnhancedXmlParser();
    return ParseDocument(*parser, "us_ofac_cons", "CONS_ENHANCED.XML", bytes);
  }();
  return list;
}

ParsedList ParseText(std::string_view text, std::string_view source = "us_ofac_sdn") {
  auto parser = NewOfacEnhancedXmlParser();
  return ParseDocument(*parser, source, "SDN_ENHANCED.XML", text);
}

Sanction OfacSanction(std::string program, std::string list, PartialDate listed_on,
                      std::string reference = "", std::string reason = "") {
  return {.regime = Regime::kUs,
          .authority = "OFAC",
          .program = std::move(program),
          .list = std::move(list),
          .listed_on = listed_on,
          .reference = std::move(reference),
          .reason = std::move(reason)};
}

TEST(OfacEnhancedXmlParserTest, FormatNameIsStable) {
  EXPECT_EQ(NewOfacEnhancedXmlParser()->format(), "ofac-enhanced-xml");
}

TEST(OfacEnhancedXmlParserTest, ConsolidatedCountsAndMetadata) {
  const ParsedList& list = Consolidated();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities.size(), 443u);
  EXPECT_EQ(list.metadata.published, "2025-01-10");  // dataAsOf 2025-01-10T00:00:00
  EXPECT_EQ(list.metadata.declared_count, -1);       // the format declares none
  EXPECT_EQ(list.diagnostics.diagnostics().size(), 0u) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, "us_ofac_cons"), "");
  std::map<Schema, int> by_schema;
  for (const Entity& e : list.entities) {
    ++by_schema[e.schema];
    EXPECT_EQ(e.provenance.format, "ofac-enhanced-xml");
    ASSERT_FALSE(e.sanctions.empty()) << e.id;
    EXPECT_EQ(e.sanctions[0].list, "Consolidated") << e.id;
    EXPECT_FALSE(e.sanctions[0].listed_on.empty()) << e.id;
  }
  EXPECT_EQ(by_schema[Schema::kPerson], 80);
  EXPECT_EQ(by_schema[Schema::kCompany] + by_schema[Schema::kOrganization], 363);
  EXPECT_EQ(by_schema[Schema::kCompany], 359);
  EXPECT_EQ(by_schema[Schema::kOrganization], 4);
}

// 1,579 names with 1,624 translations: 1,579 Latin, 39 Cyrillic, 5 Chinese Simplified and 1
// Chinese Traditional. Each non-Latin translation is an original-script name; no person in this
// file has one.
TEST(OfacEnhancedXmlParserTest, ConsolidatedNamesAndScripts) {
  const ParsedList& list = Consolidated();
  std::map<NameKind, int> by_kind;
  std::map<std::string, int> original_by_script, entities_by_script;
  for (const Entity& e : list.entities) {
    EXPECT_EQ(e.names.front().kind, NameKind::kPrimary) << e.id;
    std::set<std::string> scripts;
    for (const Name& name : e.names) {
      ++by_kind[name.kind];
      if (name.kind != NameKind::kOriginalScript) continue;
      ++original_by_script[name.lang];
      scripts.insert(name.lang);
      EXPECT_NE(e.schema, Schema::kPerson) << e.id;
    }
    for (const std::string& script : scripts) ++entities_by_script[script];
  }
  EXPECT_EQ(by_kind[NameKind::kPrimary], 443);
  EXPECT_EQ(by_kind[NameKind::kOriginalScript], 45);
  EXPECT_EQ(original_by_script,
            (std::map<std::string, int>{{"Cyrl", 39}, {"Hans", 5}, {"Hant", 1}}));
  EXPECT_EQ(entities_by_script,
            (std::map<std::string, int>{{"Cyrl", 22}, {"Hans", 5}, {"Hant", 1}}));
  EXPECT_EQ(by_kind[NameKind::kPrimary] + by_kind[NameKind::kStrongAlias] +
                by_kind[NameKind::kWeakAlias] + by_kind[NameKind::kFormerName],
            1579);
}

// Programmes become the sanctions on the Consolidated list; every other sanctionsList membership
// is a sanction of its own, dated by its datePublished.
TEST(OfacEnhancedXmlParserTest, ConsolidatedProgrammesAndListMemberships) {
  const ParsedList& list = Consolidated();
  std::map<std::string, int> programmes, memberships;
  for (const Entity& e : list.entities) {
    for (const Sanction& s : e.sanctions) {
      EXPECT_EQ(s.regime, Regime::kUs);
      EXPECT_EQ(s.authority, "OFAC");
      EXPECT_FALSE(s.listed_on.empty()) << e.id;
      if (s.list == "Consolidated") {
        ++programmes[s.program];
      } else {
        EXPECT_EQ(s.program, "") << e.id;
        ++memberships[s.list];
      }
    }
  }
  EXPECT_EQ(programmes, (std::map<std::string, int>{{"UKRAINE-EO13662", 286},
                                                    {"RUSSIA-EO14024", 82},
                                                    {"NS-PLC", 78},
                                                    {"CMIC-EO13959", 68},
                                                    {"SDGT", 2},
                                                    {"VENEZUELA-EO13850", 2},
                                                    {"561-Related", 1},
                                                    {"SYRIA", 1},
                                                    {"IRAN-CON-ARMS-EO", 1},
                                                    {"FSE-IR", 1},
                                                    {"CAATSA - RUSSIA", 1},
                                                    {"BURMA-EO14014", 1},
                                                    {"ILLICIT-DRUGS-EO14059", 1}}));
  EXPECT_EQ(memberships, (std::map<std::string, int>{{"SSI", 286},
                                                     {"NS-PLC", 78},
                                                     {"SDN", 77},
                                                     {"CMIC", 68},
                                                     {"NS-MBS", 12},
                                                     {"CAPTA", 1},
                                                     {"FSE", 1}}));
}

// 283 relationships: 278 "Owned or Controlled By", 4 "Owns, controls, or operates", 1 "Acting for
// or on behalf of". All but one point to an entity in the file; that one (HAMAS, on the SDN list)
// is named only.
TEST(OfacEnhancedXmlParserTest, ConsolidatedRelationshipsBecomeLinks) {
  const ParsedList& list = Consolidated();
  std::set<std::string> ids;
  for (const Entity& e : list.entities) ids.insert(e.provenance.record_id);
  std::map<LinkKind, int> by_kind;
  int resolved = 0, total = 0;
  for (const Entity& e : list.entities) {
    for (const Link& link : e.links) {
      ++total;
      ++by_kind[link.kind];
      if (link.target_id.empty()) continue;
      ++resolved;
      EXPECT_TRUE(ids.contains(link.target_id)) << e.id << " -> " << link.target_id;
      EXPECT_NE(link.target_id, e.provenance.record_id);
    }
  }
  EXPECT_EQ(total, 283);
  EXPECT_EQ(resolved, 282);
  EXPECT_EQ(by_kind,
            (std::map<LinkKind, int>{
                {LinkKind::kControlledBy, 278}, {LinkKind::kOwns, 4}, {LinkKind::kAssociate, 1}}));
}

// <entity id="18268">: a Russian bank with SWIFT/BIC, OGRN, INN and LEI, two Cyrillic names, an
// SSI, Consolidated and SDN membership and an owner in the same file.
TEST(OfacEnhancedXmlParserTest, ConsolidatedRussianBankEximbank) {
  const Entity* e = Consolidated().Find("us_ofac_cons:18268");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);
  EXPECT_EQ(e->provenance.record_id, "18268");
  auto alias = [](std::string full) {
    return Name{.full = std::move(full), .kind = NameKind::kStrongAlias};
  };
  auto cyrillic = [](std::string full) {
    return Name{.full = std::move(full), .kind = NameKind::kOriginalScript, .lang = "Cyrl"};
  };
  EXPECT_EQ(e->names,
            (std::vector<Name>{
                {.full = "EXIMBANK OF RUSSIA JSC", .kind = NameKind::kPrimary},
                alias("ROSEKSIMBANK, ZAO"),
                alias("RUSSIAN EXPORT-IMPORT BANK"),
                alias("GOSUDARSTVENNY SPETSIALIZIROVANNY ROSSISKI EKSPORTNO-IMPORTNY BANK "
                      "(ZAKRYTOE AKTSIONERNOE OBSHCHESTVO)"),
                alias("STATE SPECIALIZED RUSSIAN EXPORT-IMPORT BANK JOINT-STOCK COMPANY"),
                cyrillic("ГОСУДАРСТВЕННЫЙ СПЕЦИАЛИЗИРОВАННЫЙ РОССИЙСКИЙ ЭКСПОРТНО-ИМПОРТНЫЙ БАНК "
                         "АКЦИОНЕРНОЕ ОБЩЕСТВО"),
                alias("EXIMBANK OF RUSSIA ZAO"),
                alias("EXIMBANK OF RUSSIA"),
                alias("AO ROSEKSIMBANK"),
                cyrillic("АО РОСЭКСИМБАНК"),
            }));
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{
                {.type = IdentifierType::kBic, .value = "EXIRRUMM", .label = "SWIFT/BIC"},
                {.type = IdentifierType::kOgrn,
                 .value = "1027739109133",
                 .country = "RU",
                 .label = "Registration Number"},
                {.type = IdentifierType::kInn,
                 .value = "7704001959",
                 .country = "RU",
                 .label = "Tax ID No."},
                {.type = IdentifierType::kLei,
                 .value = "253400HA6URWT39X2982",
                 .label = "Legal Entity Number"},
            }));
  EXPECT_EQ(e->incorporation_dates, (std::vector<DateSpec>{{.date = {1994, 5, 24}}}));
  EXPECT_EQ(e->addresses, (std::vector<Address>{{
                              .full = "12 Krasnopresnenskaya Embankments, Moscow, 123610, Russia",
                              .street = "12 Krasnopresnenskaya Embankments",
                              .city = "Moscow",
                              .postal_code = "123610",
                              .country_code = "RU",
                              .country_text = "Russia",
                          }}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{.code = "RU", .role = CountryRole::kAddressCountry}}));
  EXPECT_EQ(e->websites, (std::vector<std::string>{"eximbank.ru"}));
  EXPECT_EQ(e->properties, (Properties{{"classification", "Financial Institution"}}));
  const std::string reference = "Executive Order 13662 (Ukraine); Executive Order 14024 (Russia)";
  const std::string reason =
      "Sanctions type: Block, 13662 Sectoral Directive 1; Executive Order 13662 Directive "
      "Determination - Subject to Directive 1; Secondary sanctions risk: Ukraine-/Russia-Related "
      "Sanctions Regulations, 31 CFR 589.201 and/or 589.209; Secondary sanctions risk: See "
      "Section 11 of Executive Order 14024.";
  EXPECT_EQ(e->sanctions,
            (std::vector<Sanction>{
                OfacSanction("UKRAINE-EO13662", "Consolidated", {2015, 7, 30}, reference, reason),
                OfacSanction("RUSSIA-EO14024", "Consolidated", {2015, 7, 30}, reference, reason),
                OfacSanction("", "SSI", {2015, 7, 30}),
                OfacSanction("", "SDN", {2018, 8, 15}),
            }));
  // The legacy files write this as "(Linked To: STATE CORPORATION BANK ...)".
  EXPECT_EQ(e->links, (std::vector<Link>{{
                          .kind = LinkKind::kControlledBy,
                          .target_id = "17015",
                          .target_name = "STATE CORPORATION BANK FOR DEVELOPMENT AND FOREIGN "
                                         "ECONOMIC AFFAIRS VNESHECONOMBANK",
                          .note = "Owned or Controlled By",
                      }}));
  EXPECT_EQ(e->remarks,
            "All offices worldwide; for more information on directives, please visit the "
            "following link: "
            "http://www.treasury.gov/resource-center/sanctions/Programs/Pages/ukraine.aspx#"
            "directives.");
  ASSERT_NE(Consolidated().Find("us_ofac_cons:17015"), nullptr);
}

// <entity id="50476">: a person with a birth date, place of birth, gender, nationality, two
// identity documents, a weak alias and four addresses; Non-SDN Menu-Based Sanctions List.
TEST(OfacEnhancedXmlParserTest, ConsolidatedPersonMartelly) {
  const Entity* e = Consolidated().Find("us_ofac_cons:50476");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->names,
            (std::vector<Name>{
                {.full = "MARTELLY, Michel Joseph",
                 .kind = NameKind::kPrimary,
                 .given = "Michel Joseph",
                 .middle = "Joseph",
                 .family = "MARTELLY"},
                {.full = "MARTELLY, Michael",
                 .kind = NameKind::kStrongAlias,
                 .given = "Michael",
                 .family = "MARTELLY"},
                {.full = "Sweet Micky", .kind = NameKind::kWeakAlias, .family = "Sweet Micky"},
            }));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1961, 2, 12}}}));
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Port-au-Prince, Haiti"}));
  EXPECT_EQ(e->gender, "male");
  // "Driver's License No." is a registration by the legacy idType rules ("license").
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{
                                {.type = IdentifierType::kNationalId,
                                 .value = "0032768386",
                                 .country = "HT",
                                 .label = "National ID No."},
                                {.type = IdentifierType::kRegistration,
                                 .value = "M634550610520",
                                 .country = "US",
                                 .label = "Driver's License No."},
                            }));
  EXPECT_EQ(e->countries, (std::vector<CountryRef>{
                              {.code = "US", .role = CountryRole::kAddressCountry},
                              {.code = "HT", .role = CountryRole::kAddressCountry},
                              {.code = "DO", .role = CountryRole::kAddressCountry},
                              {.code = "HT", .role = CountryRole::kBirthCountry},
                              {.code = "HT", .role = CountryRole::kNationality},
                          }));
  ASSERT_EQ(e->addresses.size(), 4u);
  EXPECT_EQ(e->addresses[0], (Address{.full = "Miami, FL, United States",
                                      .city = "Miami",
                                      .region = "FL",
                                      .country_code = "US",
                                      .country_text = "United States"}));
  EXPECT_EQ(e->addresses[3], (Address{.full = "Dominican Republic",
                                      .country_code = "DO",
                                      .country_text = "Dominican Republic"}));
  ASSERT_EQ(e->sanctions.size(), 2u);
  EXPECT_EQ(e->sanctions[0].program, "ILLICIT-DRUGS-EO14059");
  EXPECT_EQ(e->sanctions[0].listed_on, (PartialDate{2024, 8, 20}));
  EXPECT_EQ(e->sanctions[0].reference, "Executive Order 14059 (Illicit Drugs)");
  EXPECT_TRUE(e->sanctions[0].reason.starts_with(
      "Sanctions type: Executive Order 14059 Non-blocking; Executive Order 14059 information: "
      "Prohibition on any transactions in foreign exchange"))
      << e->sanctions[0].reason;
  EXPECT_EQ(e->sanctions[1], OfacSanction("", "NS-MBS", {2024, 8, 20}));
  EXPECT_TRUE(e->links.empty());
}

// <entity id="9647">: listed on the Palestinian Legislative Council list in 2006, on the
// consolidated list since it began (2014-10-10); "Acting for or on behalf of" HAMAS, which is on
// the SDN list and not in this file.
TEST(OfacEnhancedXmlParserTest, ConsolidatedPersonZahharKeepsHisEarliestListing) {
  const Entity* e = Consolidated().Find("us_ofac_cons:9647");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names[0].full, "ZAHHAR, Mahmoud Khaled");
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1945, 0, 0}}}));
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Gaza Strip"}));
  ASSERT_EQ(e->sanctions.size(), 4u);
  EXPECT_EQ(e->sanctions[0].program, "NS-PLC");
  EXPECT_EQ(e->sanctions[0].listed_on, (PartialDate{2014, 10, 10}));
  EXPECT_EQ(e->sanctions[2], OfacSanction("", "NS-PLC", {2006, 4, 12}));
  EXPECT_EQ(e->sanctions[3], OfacSanction("", "SDN", {2023, 11, 14}));
  EXPECT_EQ(e->links, (std::vector<Link>{{.kind = LinkKind::kAssociate,
                                          .target_name = "HAMAS",
                                          .note = "Acting for or on behalf of"}}));
}

// The enhanced entity id is the legacy ent_num: the consolidated CSV set of 2025-12-19 (the next
// bundled version) holds the same records under the same ids, with the same primary names.
// (50476's primary name differs in its parts only: the enhanced file separates the middle name.)
TEST(OfacEnhancedXmlParserTest, IdsAndPrimaryNamesAgreeWithTheLegacyCsv) {
  const std::string prim = ReadRealList("ofac/cons_prim.csv");
  const std::string add = ReadRealList("ofac/cons_add.csv");
  const std::string alt = ReadRealList("ofac/cons_alt.csv");
  const std::string comments = ReadRealList("ofac/cons_comments.csv");
  auto csv_parser = NewOfacCsvParser();
  const ParsedList csv = ParseDocument(*csv_parser, "us_ofac_cons", "cons_prim.csv", prim,
                                       {{"add", add}, {"alt", alt}, {"comments", comments}});
  ASSERT_TRUE(csv.status.ok()) << csv.status.ToString();
  int common = 0, same_name = 0, same_schema = 0;
  for (const Entity& legacy : csv.entities) {
    const Entity* e = Consolidated().Find(legacy.id);
    if (e == nullptr) continue;
    ++common;
    if (e->names[0].full == legacy.names[0].full) ++same_name;
    if (e->schema == legacy.schema) ++same_schema;
  }
  EXPECT_EQ(csv.entities.size(), 442u);
  EXPECT_EQ(common, 442);
  // 18284 was renamed between the two: RN-KOMSOMOLSKY -> RN KOMSOMOLSKIY REFINERY LLC.
  EXPECT_EQ(same_name, 441);
  // The CSV has no document elements to tell a company by: 17145, 18272, 31695 and 34736 are
  // Company here (registration numbers), 27016 and 46072 Company there (identifiers in remarks).
  EXPECT_EQ(same_schema, 436);
}

// ---------------------------------------------------------------------------------------------
// Small documents: what the consolidated file does not show.

constexpr char kHeader[] =
    R"(<?xml version="1.0" encoding="utf-8"?>
<sanctionsData xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML">
  <publicationInfo><dataAsOf>2025-06-02T00:00:00</dataAsOf></publicationInfo>
  <referenceValues>
    <referenceValue refId="11171"><type>COUNTRY</type><value>Russia</value><isoCode>RU</isoCode></referenceValue>
    <referenceValue refId="11128"><type>COUNTRY</type><value>Panama</value><isoCode>PA</isoCode></referenceValue>
  </referenceValues>
  <entities>
)";

std::string Doc(std::string_view entities) {
  return std::string(kHeader) + std::string(entities) + "  </entities>\n</sanctionsData>\n";
}

TEST(OfacEnhancedXmlParserTest, VesselFeaturesGoWhereTheLegacyIdTypesGo) {
  const ParsedList list = ParseText(Doc(R"(
    <entity id="100">
      <generalInfo><entityType refId="602">Vessel</entityType></generalInfo>
      <sanctionsLists><sanctionsList refId="1550" datePublished="2023-05-19">SDN List</sanctionsList></sanctionsLists>
      <sanctionsPrograms><sanctionsProgram>RUSSIA-EO14024</sanctionsProgram></sanctionsPrograms>
      <names><name><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality><translations>
        <translation><isPrimary>true</isPrimary><script>Latin</script>
          <formattedLastName>SEA STAR</formattedLastName><formattedFullName>SEA STAR</formattedFullName>
        </translation></translations></name>
        <name><isPrimary>false</isPrimary><aliasType>F.K.A.</aliasType><isLowQuality>false</isLowQuality><translations>
        <translation><isPrimary>true</isPrimary><script>Latin</script><formattedFullName>OCEAN STAR</formattedFullName></translation>
        </translations></name></names>
      <features>
        <feature><type featureTypeId="1">VESSEL TYPE</type><value>Crude Oil Tanker</value></feature>
        <feature><type featureTypeId="2">Vessel Flag</type><value>Panama</value><valueRefId>11128</valueRefId></feature>
        <feature><type featureTypeId="3">Former Vessel Flag</type><value>Russia</value><valueRefId>11171</valueRefId></feature>
        <feature><type featureTypeId="4">Vessel Call Sign</type><value>3FXY9</value></feature>
        <feature><type featureTypeId="5">Vessel Tonnage</type><value>81,225</value></feature>
        <feature><type featureTypeId="6">Vessel Year of Build</type><value>2004</value></feature>
        <feature><type featureTypeId="7">Website</type><value>  </value></feature>
      </features>
      <identityDocuments>
        <identityDocument><type>Vessel Registration Identification</type><documentNumber>IMO 9187629</documentNumber><isValid>true</isValid></identityDocument>
        <identityDocument><type>MMSI</type><documentNumber>352001234</documentNumber><isValid>false</isValid></identityDocument>
      </identityDocuments>
      <relationships>
        <relationship><type>Property in the interest of</type><relatedEntity entityId="101">SHIPCO LLC</relatedEntity></relationship>
      </relationships>
    </entity>
    <entity id="101">
      <generalInfo><entityType>Entity</entityType><remarks>Telephone: +7 495 1234567; Moscow office</remarks></generalInfo>
      <sanctionsPrograms><sanctionsProgram>RUSSIA-EO14024</sanctionsProgram></sanctionsPrograms>
      <names><name><isPrimary>true</isPrimary><translations>
        <translation><isPrimary>true</isPrimary><script>Latin</script><formattedFullName>SHIPCO LLC</formattedFullName></translation>
        <translation><isPrimary>false</isPrimary><script>Cyrillic</script><formattedFullName>ШИПКО</formattedFullName></translation>
      </translations></name></names>
    </entity>
)"));
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.metadata.published, "2025-06-02");
  ASSERT_EQ(list.entities.size(), 2u);
  const Entity& vessel = list.entities[0];
  EXPECT_EQ(vessel.id, "us_ofac_sdn:100");
  EXPECT_EQ(vessel.schema, Schema::kVessel);
  EXPECT_EQ(vessel.names,
            (std::vector<Name>{{.full = "SEA STAR", .kind = NameKind::kPrimary},
                               {.full = "OCEAN STAR", .kind = NameKind::kFormerName}}));
  EXPECT_EQ(vessel.identifiers,
            (std::vector<Identifier>{
                {.type = IdentifierType::kCallSign, .value = "3FXY9", .label = "Vessel Call Sign"},
                {.type = IdentifierType::kImo,
                 .value = "9187629",
                 .label = "Vessel Registration Identification"},
                {.type = IdentifierType::kMmsi,
                 .value = "352001234",
                 .label = "MMSI",
                 .note = "not valid"},
            }));
  EXPECT_EQ(vessel.countries,
            (std::vector<CountryRef>{{.code = "PA", .role = CountryRole::kFlag}}));
  EXPECT_EQ(vessel.properties, (Properties{{"type", "Crude Oil Tanker"},
                                           {"pastFlags", "RU"},
                                           {"tonnage", "81,225"},
                                           {"buildDate", "2004"}}));
  EXPECT_EQ(vessel.sanctions,
            (std::vector<Sanction>{OfacSanction("RUSSIA-EO14024", "SDN", {2023, 5, 19})}));
  EXPECT_EQ(vessel.links, (std::vector<Link>{{.kind = LinkKind::kAssociate,
                                              .target_id = "101",
                                              .target_name = "SHIPCO LLC",
                                              .note = "Property in the interest of"}}));
  // An empty feature is dropped with a warning on its line.
  ASSERT_EQ(list.diagnostics.diagnostics().size(), 1u) << list.DiagnosticsText();
  EXPECT_NE(list.FindDiagnostic(28, "feature 'Website' without a value"), nullptr)
      << list.DiagnosticsText();

  const Entity& company = list.entities[1];
  EXPECT_EQ(company.schema, Schema::kCompany);  // "LLC"
  EXPECT_EQ(
      company.names,
      (std::vector<Name>{{.full = "SHIPCO LLC", .kind = NameKind::kPrimary},
                         {.full = "ШИПКО", .kind = NameKind::kOriginalScript, .lang = "Cyrl"}}));
  EXPECT_EQ(company.phones, (std::vector<std::string>{"+7 495 1234567"}));
  EXPECT_EQ(company.remarks, "Moscow office");
  // No sanctionsLists: the programme's sanction carries no date.
  EXPECT_EQ(company.sanctions, (std::vector<Sanction>{OfacSanction("RUSSIA-EO14024", "SDN", {})}));
}

TEST(OfacEnhancedXmlParserTest, DefectiveEntitiesAreReportedAndTheRestIsRead) {
  const ParsedList list = ParseText(Doc(R"(
    <entity>
      <generalInfo><entityType>Entity</entityType></generalInfo>
    </entity>
    <entity id="7">
      <generalInfo><entityType>Submarine</entityType></generalInfo>
      <names><name><isPrimary>true</isPrimary><translations><translation>
        <formattedFullName>NAUTILUS</formattedFullName></translation></translations></name></names>
      <features><feature><type>Birthdate</type><value>sometime in spring</value></feature></features>
      <relationships><relationship><type>Sister ship of</type><relatedEntity entityId="8">X</relatedEntity></relationship></relationships>
    </entity>
    <entity id="7">
      <names><name><isPrimary>true</isPrimary><translations><translation>
        <formattedFullName>AGAIN</formattedFullName></translation></translations></name></names>
    </entity>
    <entity id="9">
      <generalInfo><entityType>Individual</entityType></generalInfo>
    </entity>
)"));
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  ASSERT_EQ(list.Ids(), (std::vector<std::string>{"us_ofac_sdn:7"}));
  const Entity& e = list.entities[0];
  EXPECT_EQ(e.schema, Schema::kLegalEntity);
  EXPECT_EQ(e.birth_dates, (std::vector<DateSpec>{{.text = "sometime in spring"}}));
  EXPECT_EQ(e.links,
            (std::vector<Link>{
                {.kind = LinkKind::kAssociate, .target_name = "X", .note = "Sister ship of"}}));
  EXPECT_NE(list.FindDiagnostic(10, "entity without id"), nullptr) << list.DiagnosticsText();
  EXPECT_NE(list.FindDiagnostic(14, "unknown entityType 'Submarine'"), nullptr)
      << list.DiagnosticsText();
  EXPECT_NE(list.FindDiagnostic(17, "cannot read date 'sometime in spring'"), nullptr)
      << list.DiagnosticsText();
  EXPECT_NE(list.FindDiagnostic(18, "unknown relationship type 'Sister ship of'"), nullptr)
      << list.DiagnosticsText();
  EXPECT_NE(list.FindDiagnostic(20, "duplicate entity id (first at line 13)"), nullptr)
      << list.DiagnosticsText();
  EXPECT_NE(list.FindDiagnostic(24, "entity without a name"), nullptr) << list.DiagnosticsText();
  EXPECT_NE(list.FindDiagnostic(13, "no sanctionsProgram"), nullptr) << list.DiagnosticsText();
}

TEST(OfacEnhancedXmlParserTest, TruncatedDocumentIsCorruptionNamingFileAndLine) {
  const std::string full = Doc(R"(
    <entity id="7">
      <names><name><isPrimary>true</isPrimary><translations><translation>
        <formattedFullName>NAUTILUS</formattedFullName></translation></translations></name></names>
    </entity>
)");
  const ParsedList list = ParseText(full.substr(0, full.find("</translation>")));
  ASSERT_EQ(list.status.code(), StatusCode::kCorruption) << list.status.ToString();
  EXPECT_TRUE(list.status.message().starts_with("SDN_ENHANCED.XML:12: malformed XML"))
      << list.status.message();
}

TEST(OfacEnhancedXmlParserTest, OtherDocumentsAreCorruption) {
  const ParsedList legacy = ParseText("<?xml version=\"1.0\"?>\n<sdnList><sdnEntry/></sdnList>\n");
  ASSERT_EQ(legacy.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(legacy.status.message(),
            "SDN_ENHANCED.XML:2: not an OFAC enhanced XML document (root element <sdnList>, "
            "expected <sanctionsData>)");
  EXPECT_EQ(ParseText("").status.code(), StatusCode::kCorruption);
  EXPECT_EQ(ParseText("name,id\nx,1\n").status.code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace cordon::ingest::internal
