#include "ingest/internal/un_xml_parser.h"

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
using model::Link;
using model::LinkKind;
using model::Name;
using model::NameKind;
using model::PartialDate;
using model::Regime;
using model::Sanction;
using model::Schema;

constexpr char kInterpolLink[] =
    "INTERPOL-UN Security Council Special Notice web link:"
    "https://www.interpol.int/en/How-we-work/Notices/View-UN-Notices-Individuals";

ParsedList ParseRealList() {
  static const std::string bytes = ReadRealList("un/UN_consolidated.xml");
  auto parser = NewUnXmlParser();
  return ParseDocument(*parser, "un_sc", "UN_consolidated.xml", bytes);
}

Sanction UnSanction(std::string program, std::string reference, PartialDate listed_on,
                    PartialDate modified_on) {
  return {.regime = Regime::kUn,
          .authority = "UN Security Council",
          .program = std::move(program),
          .list = "UN List",
          .listed_on = listed_on,
          .modified_on = modified_on,
          .reference = std::move(reference)};
}

TEST(UnXmlParserTest, FormatNameIsStable) { EXPECT_EQ(NewUnXmlParser()->format(), "un-sc-xml"); }

TEST(UnXmlParserTest, RealListCountsAndMetadata) {
  const ParsedList list = ParseRealList();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities.size(), 1003u);
  EXPECT_EQ(list.metadata.published, "2026-02-27T00:00:09.554Z");
  EXPECT_EQ(list.metadata.declared_count, -1);
  EXPECT_EQ(CheckEntityInvariants(list, "un_sc"), "");
  std::map<Schema, int> by_schema;
  for (const Entity& e : list.entities) ++by_schema[e.schema];
  EXPECT_EQ(by_schema[Schema::kPerson], 730);
  EXPECT_EQ(by_schema[Schema::kCompany] + by_schema[Schema::kOrganization], 273);
  // 89 and 184 since the parsers share one legal-form rule (ingest/internal/legal_form.h): this
  // parser's own word list lacked "Anstalt", so AVIATRANS ANSTALT (6908334) was an Organization.
  EXPECT_EQ(by_schema[Schema::kCompany], 89);
  EXPECT_EQ(by_schema[Schema::kOrganization], 184);
  for (const Entity& e : list.entities) {
    ASSERT_EQ(e.sanctions.size(), 1u) << e.id;
    EXPECT_FALSE(e.sanctions[0].reference.empty()) << e.id;
    EXPECT_FALSE(e.sanctions[0].listed_on.empty()) << e.id;
  }
}

TEST(UnXmlParserTest, RealListDiagnosticsAreTheTwoDocumentsWithoutNumbers) {
  // DATAID 112379 holds a birth certificate and 3026942 a passport, both with no number at all
  // (only "issued for ..." / "issued in 1993, under name ..."): set aside into remarks.
  const ParsedList list = ParseRealList();
  const auto& d = list.diagnostics.diagnostics();
  ASSERT_EQ(d.size(), 2u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.warning_count(), 2u);
  EXPECT_EQ(d[0].ToString(),
            "UN_consolidated.xml:17320 [record 112379] warning: document 'National "
            "Identification Number' without a number; kept in remarks");
  EXPECT_EQ(d[1].ToString(),
            "UN_consolidated.xml:24358 [record 3026942] warning: document 'Passport' without a "
            "number; kept in remarks");
  const Entity* e = list.Find("un_sc:3026942");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(e->remarks.find("Passport: issued in 1993, under name Muhammad Jamal Abd-Al Rahim "
                            "Ahmad Al-Kashif"),
            std::string::npos)
      << e->remarks;
}

TEST(UnXmlParserTest, RecordIdIsDataidAndReferenceIsRecoverable) {
  // The screening eval set names UN records by both; e.g. TAi.108 is DATAID 111209.
  const ParsedList list = ParseRealList();
  const Entity* e = list.Find("un_sc:111209");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->provenance.record_id, "111209");
  EXPECT_EQ(e->sanctions[0].reference, "TAi.108");
  EXPECT_EQ(e->names[0].full, "ABDULHAI SALEK");
  // REFERENCE_NUMBER "KPe.056 " (sic, with a trailing space) is trimmed.
  const Entity* shipping = list.Find("un_sc:6908670");
  ASSERT_NE(shipping, nullptr);
  EXPECT_EQ(shipping->sanctions[0].reference, "KPe.056");
}

// DATAID 6907993 at line 4: the first record of the file.
TEST(UnXmlParserTest, EricBadege) {
  const ParsedList list = ParseRealList();
  const Entity* e = list.Find("un_sc:6907993");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->provenance.format, "un-sc-xml");
  EXPECT_EQ(e->names, (std::vector<Name>{{.full = "ERIC BADEGE",
                                          .kind = NameKind::kPrimary,
                                          .given = "ERIC",
                                          .family = "BADEGE"}}));
  EXPECT_EQ(e->gender, "male");
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{.code = "CD", .role = CountryRole::kNationality},
                                     {.code = "RW", .role = CountryRole::kAddressCountry}}));
  EXPECT_EQ(e->addresses, (std::vector<Address>{{.full = "Rwanda",
                                                 .country_code = "RW",
                                                 .country_text = "Rwanda",
                                                 .note = "as of early 2016"}}));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1971, 0, 0}}}));
  EXPECT_TRUE(e->birth_places.empty());
  EXPECT_TRUE(e->identifiers.empty());
  EXPECT_TRUE(e->links.empty());
  EXPECT_EQ(e->sanctions,
            (std::vector<Sanction>{UnSanction("DRC", "CDi.001", {2012, 12, 31}, {2016, 10, 13})}));
  EXPECT_EQ(e->remarks,
            std::string("He fled to Rwanda in March 2013 and is still living there as of early "
                        "2016. ") +
                kInterpolLink);
}

// DATAID 2960872 (line 22472): a Russian national with his name in Cyrillic, a patronymic,
// aliases that carry their own dates of birth and a Russian passport.
TEST(UnXmlParserTest, DokuUmarovRussianWithCyrillicName) {
  const ParsedList list = ParseRealList();
  const Entity* e = list.Find("un_sc:2960872");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->names, (std::vector<Name>{
                          {.full = "DOKU KHAMATOVICH UMAROV",
                           .kind = NameKind::kPrimary,
                           .given = "DOKU",
                           .family = "UMAROV",
                           .patronymic = "KHAMATOVICH"},
                          {.full = "Умаров Доку Хаматович", .kind = NameKind::kOriginalScript},
                          {.full = "Lom-ali Butayev (Butaev)", .kind = NameKind::kStrongAlias},
                          {.full = "Dokka Umarov", .kind = NameKind::kStrongAlias},
                      }));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1964, 4, 13}},
                                                   {.date = {1965, 4, 13}},
                                                   {.date = {1964, 5, 12}},
                                                   {.date = {1955, 0, 0}}}));
  EXPECT_EQ(e->birth_places,
            (std::vector<std::string>{"Kharsenoy Village, Shatoyskiy (Sovetskiy) District, "
                                      "Chechenskaya Respublika, Russian Federation"}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{
                {.code = "RU", .role = CountryRole::kNationality},
                {.code = "", .role = CountryRole::kNationality, .text = "former Soviet Union"},
                {.code = "RU", .role = CountryRole::kBirthCountry}}));
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{{.type = IdentifierType::kPassport,
                                                      .value = "96 03 464086",
                                                      .country = "RU",
                                                      .label = "Passport",
                                                      .note = "issued 2003-06-01"}}));
  EXPECT_TRUE(e->addresses.empty());  // <INDIVIDUAL_ADDRESS><COUNTRY/></INDIVIDUAL_ADDRESS>
  EXPECT_EQ(
      e->sanctions,
      (std::vector<Sanction>{UnSanction("Al-Qaida", "QDi.290", {2011, 3, 10}, {2021, 11, 15})}));
  EXPECT_EQ(e->remarks,
            std::string("Physical description: 180 cm tall, dark hair, 7-9 cm. long scar on the "
                        "face, part of the tongue is missing, has a speech defect. Resides in the "
                        "Russian Federation as at Nov. 2010. International arrest warrant issued "
                        "in the year 2000. INTERPOL Special Notice contains biometric "
                        "information. Reportedly deceased as of April 2014. Review pursuant to "
                        "Security Council resolution 2253 (2015) was concluded on 21 Feb. 2019. "
                        "Review pursuant to Security Council resolution 2368 (2017) was "
                        "concluded on 15 November 2021. ") +
                kInterpolLink);
}

// DATAID 110577 (line 33700): dates of birth given as approximate ranges, an Arabic-script
// name, titles, positions and a reference to Mullah Omar (TAi.004, DATAID 110579).
TEST(UnXmlParserTest, MohammadHassanAkhundBetweenDatesAndLink) {
  const ParsedList list = ParseRealList();
  const Entity* e = list.Find("un_sc:110577");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names,
            (std::vector<Name>{{.full = "MOHAMMAD HASSAN AKHUND",
                                .kind = NameKind::kPrimary,
                                .given = "MOHAMMAD",
                                .middle = "HASSAN",
                                .family = "AKHUND"},
                               {.full = "محمد حسن آخوند", .kind = NameKind::kOriginalScript}}));
  EXPECT_EQ(e->titles, (std::vector<std::string>{"Mullah", "Haji"}));
  EXPECT_EQ(e->positions,
            (std::vector<std::string>{"First Deputy, Council of Ministers under the Taliban regime",
                                      "Foreign Minister under the Taliban regime",
                                      "Governor of Kandahar under the Taliban regime",
                                      "Political Advisor of Mullah Mohammed Omar"}));
  EXPECT_EQ(
      e->birth_dates,
      (std::vector<DateSpec>{{.date = {1955, 0, 0}, .until = {1958, 0, 0}, .approximate = true},
                             {.date = {1945, 0, 0}, .until = {1950, 0, 0}, .approximate = true}}));
  EXPECT_EQ(e->birth_places,
            (std::vector<std::string>{
                "Pashmul village, Panjwai District, Kandahar Province, Afghanistan"}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{.code = "AF", .role = CountryRole::kNationality},
                                     {.code = "AF", .role = CountryRole::kBirthCountry}}));
  EXPECT_EQ(e->links, (std::vector<Link>{{.kind = LinkKind::kAssociate,
                                          .target_id = "110579",
                                          .target_name = "MOHAMMED OMAR GHULAM NABI",
                                          .note = "A close associate of Mullah Mohammed Omar "
                                                  "(TAi.004)."}}));
  EXPECT_TRUE(e->identifiers.empty());
  EXPECT_TRUE(e->gender.empty());
  EXPECT_EQ(
      e->sanctions,
      (std::vector<Sanction>{UnSanction("Taliban", "TAi.002", {2001, 1, 25}, {2011, 11, 29})}));
}

// DATAID 6908046 (line 45734): a DPRK shipping company, its IMO company number given only in
// COMMENTS1.
TEST(UnXmlParserTest, OceanMaritimeManagementDprkCompany) {
  const ParsedList list = ParseRealList();
  const Entity* e = list.Find("un_sc:6908046");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);
  EXPECT_EQ(
      e->names,
      (std::vector<Name>{
          {.full = "OCEAN MARITIME MANAGEMENT COMPANY, LIMITED (OMM)", .kind = NameKind::kPrimary},
          {.full = "East Sea Shipping Company", .kind = NameKind::kStrongAlias},
          {.full = "Korea Mirae Shipping Co. Ltd", .kind = NameKind::kStrongAlias},
          {.full = "Haeyang Crew Management Company", .kind = NameKind::kStrongAlias}}));
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{{.type = IdentifierType::kImo,
                                                      .value = "1790183",
                                                      .label = "IMO number (COMMENTS1)"}}));
  const std::string kp = "Democratic People's Republic of Korea";
  EXPECT_EQ(e->addresses,
            (std::vector<Address>{
                {.full = "Donghung Dong, Central District, PO Box 120, Pyongyang, " + kp,
                 .street = "Donghung Dong, Central District, PO Box 120",
                 .city = "Pyongyang",
                 .country_code = "KP",
                 .country_text = kp},
                {.full = "Dongheung-dong Changgwang Street, Chung-Ku, PO Box 125, Pyongyang, " + kp,
                 .street = "Dongheung-dong Changgwang Street, Chung-Ku, PO Box 125",
                 .city = "Pyongyang",
                 .country_code = "KP",
                 .country_text = kp}}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{.code = "KP", .role = CountryRole::kAddressCountry}}));
  EXPECT_EQ(e->sanctions,
            (std::vector<Sanction>{UnSanction("DPRK", "KPe.020", {2014, 7, 28}, {2022, 7, 26})}));
  EXPECT_TRUE(e->links.empty());
  EXPECT_TRUE(e->birth_dates.empty());
  EXPECT_EQ(e->remarks.rfind("Ocean Maritime Management Company, Limited is the operator", 0), 0u);
}

TEST(UnXmlParserTest, AliasQualityLowBecomesWeakAliasWithItsNote) {
  // DATAID 6908021 (CDi.030): QUALITY Low aliases "Lydia" (note "When he was part of APR.") and
  // "Tango Romeo" (note "Call sign").
  const ParsedList list = ParseRealList();
  const Entity* e = list.Find("un_sc:6908021");
  ASSERT_NE(e, nullptr);
  int weak = 0;
  for (const Name& name : e->names) {
    if (name.full == "Lydia" || name.full == "Tango Romeo") {
      EXPECT_EQ(name.kind, NameKind::kWeakAlias) << name.full;
      ++weak;
    }
  }
  EXPECT_EQ(weak, 2);
  EXPECT_NE(e->remarks.find("Tango Romeo: Call sign"), std::string::npos) << e->remarks;
}

TEST(UnXmlParserTest, AliasNoteOriginalScriptBecomesOriginalScriptName) {
  // DATAID 6908487 (QDi.363): alias "Abu Banat", NOTE "original script: Абу Банат".
  const ParsedList list = ParseRealList();
  const Entity* e = list.Find("un_sc:6908487");
  ASSERT_NE(e, nullptr);
  bool found = false;
  for (const Name& name : e->names) {
    found |= name.full == "Абу Банат" && name.kind == NameKind::kOriginalScript;
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(e->remarks.find("original script"), std::string::npos);
}

TEST(UnXmlParserTest, EmptyAliasesAndDatesAreSkippedSilently) {
  // <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS> and
  // <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE/></INDIVIDUAL_DATE_OF_BIRTH> appear throughout.
  const ParsedList list = ParseRealList();
  for (const Entity& e : list.entities) {
    for (const Name& name : e.names) EXPECT_FALSE(name.full.empty()) << e.id;
    for (const DateSpec& d : e.birth_dates) {
      EXPECT_FALSE(d.date.empty() && d.text.empty()) << e.id;
    }
  }
  const Entity* kakolele = list.Find("un_sc:6907994");  // <TYPE_OF_DATE/> only
  ASSERT_NE(kakolele, nullptr);
  EXPECT_TRUE(kakolele->birth_dates.empty());
}

TEST(UnXmlParserTest, DocumentNumberInNoteIsRecovered) {
  // DATAID 111639 (lines 15290-15301): a second Passport document with the number only in its
  // NOTE.
  const ParsedList list = ParseRealList();
  const Entity* e = list.Find("un_sc:111639");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{{.type = IdentifierType::kPassport,
                                      .value = "203037",
                                      .country = "LY",
                                      .label = "Passport",
                                      .note = "issued in Tripoli"},
                                     {.type = IdentifierType::kPassport,
                                      .value = "347834",
                                      .label = "Passport",
                                      .note = "Libyan passport number 347834, issued under name "
                                              "Ibrahim Ali Tantoush, expired on 21 Feb. 2014"}}));
}

TEST(UnXmlParserTest, ExcerptFixtureReadsLikeTheFullList) {
  // tests/data/un_xml/sample.xml holds four records copied from the real file (also the
  // fuzzer's seed); out of their document the references in comments no longer resolve.
  const std::string bytes = ReadFixture("un_xml/sample.xml");
  auto parser = NewUnXmlParser();
  const ParsedList list = ParseDocument(*parser, "un_sc", "sample.xml", bytes);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities.size(), 4u);
  EXPECT_EQ(list.diagnostics.diagnostics().size(), 0u) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, "un_sc"), "");
  const ParsedList full = ParseRealList();
  for (const Entity& e : list.entities) {
    const Entity* same = full.Find(e.id);
    ASSERT_NE(same, nullptr) << e.id;
    EXPECT_EQ(e.names, same->names) << e.id;
    EXPECT_EQ(e.identifiers, same->identifiers) << e.id;
    EXPECT_EQ(e.sanctions, same->sanctions) << e.id;
  }
  EXPECT_TRUE(list.Find("un_sc:110577")->links.empty());
}

TEST(UnXmlParserTest, DefectiveRecordsAreReportedAndTheRestIsRead) {
  const std::string bytes = ReadFixture("un_xml/defective.xml");
  auto parser = NewUnXmlParser();
  const ParsedList list = ParseDocument(*parser, "un_sc", "defective.xml", bytes);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  ASSERT_EQ(list.entities.size(), 3u);
  EXPECT_EQ(list.entities[0].id, "un_sc:100");
  EXPECT_EQ(list.entities[1].id, "un_sc:103");
  EXPECT_EQ(list.entities[2].id, "un_sc:200");
  EXPECT_EQ(CheckEntityInvariants(list, "un_sc"), "");
  const auto& d = list.diagnostics.diagnostics();
  ASSERT_EQ(d.size(), 5u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.error_count(), 3u);
  EXPECT_EQ(d[0].ToString(), "defective.xml:12 error: INDIVIDUAL without DATAID; skipped");
  EXPECT_EQ(d[1].ToString(),
            "defective.xml:18 [record 102] error: INDIVIDUAL without a name; "
            "skipped");
  EXPECT_EQ(d[2].ToString(),
            "defective.xml:32 [record 103] warning: cannot read date of birth "
            "'1970-13-45'; kept as text");
  EXPECT_EQ(d[3].ToString(),
            "defective.xml:31 [record 103] warning: cannot read LISTED_ON "
            "'yesterday'");
  EXPECT_EQ(d[4].ToString(),
            "defective.xml:39 [record 100] error: duplicate DATAID (first at "
            "line 4); skipped");
  EXPECT_EQ(list.entities[1].birth_dates, (std::vector<DateSpec>{{.text = "1970-13-45"}}));
  EXPECT_EQ(list.entities[2].schema, Schema::kCompany);
  EXPECT_EQ(list.entities[2].links, (std::vector<Link>{{.kind = LinkKind::kAssociate,
                                                        .target_id = "100",
                                                        .target_name = "GOOD PERSON",
                                                        .note = "Front company of GOOD PERSON "
                                                                "(CDi.900)."}}));
}

TEST(UnXmlParserTest, TruncatedDocumentIsCorruptionNamingFileAndLine) {
  const std::string bytes = ReadFixture("un_xml/defective.xml");
  const std::string truncated = bytes.substr(0, bytes.find("<DATAID>103"));
  auto parser = NewUnXmlParser();
  const ParsedList list = ParseDocument(*parser, "un_sc", "UN_consolidated.xml", truncated);
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(list.status.message().rfind("UN_consolidated.xml:", 0), 0u) << list.status.message();
  EXPECT_NE(list.status.message().find("malformed XML"), std::string::npos);
}

TEST(UnXmlParserTest, OtherDocumentsAreCorruption) {
  auto parser = NewUnXmlParser();
  for (std::string_view bytes :
       {std::string_view(""), std::string_view("\n\n"), std::string_view("<sdnList/>")}) {
    const ParsedList list = ParseDocument(*parser, "un_sc", "un.xml", bytes);
    EXPECT_EQ(list.status.code(), StatusCode::kCorruption) << bytes;
    EXPECT_EQ(list.status.message().rfind("un.xml:", 0), 0u) << list.status.message();
  }
}

}  // namespace
}  // namespace cordon::ingest::internal
