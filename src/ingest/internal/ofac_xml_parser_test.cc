#include "ingest/internal/ofac_xml_parser.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "ingest/internal/ofac_xml_id_types.h"
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

constexpr char kAdditionalInfo13599[] =
    "Additional Sanctions Information - Not on the SDN List and Not Subject to Secondary "
    "Sanctions; U.S. Persons Must Continue to Block this Property and Interests in this Property "
    "Pursuant to Executive Order 13599";
constexpr char kJcpoaFaqs[] =
    "https://www.treasury.gov/resource-center/sanctions/Programs/Documents/jcpoa_faqs.pdf";

ParsedList ParseConsolidated() {
  static const std::string bytes = ReadRealList("ofac/consolidated.xml");
  auto parser = NewOfacXmlParser();
  return ParseDocument(*parser, "us_ofac_cons", "consolidated.xml", bytes);
}

ParsedList ParseFixture(const std::string& name, std::string_view source = "us_ofac_sdn") {
  const std::string bytes = ReadFixture("ofac_xml/" + name);
  auto parser = NewOfacXmlParser();
  return ParseDocument(*parser, source, name, bytes);
}

Name Primary(std::string full, std::string given = "", std::string family = "") {
  return {.full = std::move(full),
          .kind = NameKind::kPrimary,
          .given = std::move(given),
          .family = std::move(family)};
}

Name Alias(std::string full, NameKind kind, std::string given = "", std::string family = "") {
  return {.full = std::move(full),
          .kind = kind,
          .given = std::move(given),
          .family = std::move(family)};
}

Sanction OfacSanction(std::string program, std::string list, std::string reason = "") {
  return {.regime = Regime::kUs,
          .authority = "OFAC",
          .program = std::move(program),
          .list = std::move(list),
          .reason = std::move(reason)};
}

TEST(OfacXmlParserTest, FormatNameIsStable) {
  EXPECT_EQ(NewOfacXmlParser()->format(), "ofac-sdn-xml");
}

TEST(OfacXmlParserTest, ConsolidatedXmlCountsAndMetadata) {
  const ParsedList list = ParseConsolidated();
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities.size(), 639u);
  EXPECT_EQ(list.metadata.published, "2018-04-06");
  EXPECT_EQ(list.metadata.declared_count, 639);
  EXPECT_EQ(list.diagnostics.diagnostics().size(), 0u) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, "us_ofac_cons"), "");
  std::map<Schema, int> by_schema;
  for (const Entity& e : list.entities) ++by_schema[e.schema];
  EXPECT_EQ(by_schema[Schema::kPerson], 94);
  EXPECT_EQ(by_schema[Schema::kVessel], 74);
  EXPECT_EQ(by_schema[Schema::kCompany] + by_schema[Schema::kOrganization], 471);
  // 444 and 27 since the parsers share one legal-form rule (ingest/internal/legal_form.h): this
  // parser's own word list lacked "A.S." and "K.K.", so SKODA JS A.S. (20320) and ASCOTEC JAPAN
  // K.K. (11609) were Organizations.
  EXPECT_EQ(by_schema[Schema::kCompany], 444);
  EXPECT_EQ(by_schema[Schema::kOrganization], 27);
  EXPECT_EQ(by_schema[Schema::kAircraft], 0);
  EXPECT_EQ(by_schema[Schema::kLegalEntity], 0);
  for (const Entity& e : list.entities) {
    ASSERT_FALSE(e.sanctions.empty()) << e.id;
    EXPECT_EQ(e.sanctions[0].list, "Consolidated") << e.id;
    EXPECT_EQ(e.provenance.format, "ofac-sdn-xml");
  }
}

TEST(OfacXmlParserTest, ConsolidatedXmlNoIdTypeIsLeftUnclassified) {
  // Every idType in the real file maps to a typed identifier or to a field, except the Russian
  // bank code BIK, which has no IdentifierType of its own (it is not a SWIFT BIC).
  const ParsedList list = ParseConsolidated();
  int biks = 0;
  for (const Entity& e : list.entities) {
    for (const Identifier& id : e.identifiers) {
      if (id.label == "BIK (RU)") {
        ++biks;
        continue;
      }
      EXPECT_NE(id.type, IdentifierType::kOther) << e.id << " " << id.label;
    }
  }
  EXPECT_EQ(biks, 3);
}

// <sdnEntry> uid 15036 at line 6453 of consolidated.xml: a tanker with IMO, MMSI, call sign,
// former flags and a "Linked To" that resolves to uid 15117 in the same file.
TEST(OfacXmlParserTest, ConsolidatedVesselShona) {
  const ParsedList list = ParseConsolidated();
  const Entity* e = list.Find("us_ofac_cons:15036");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kVessel);
  EXPECT_EQ(e->provenance.record_id, "15036");
  EXPECT_EQ(e->names, (std::vector<Name>{Primary("SHONA"), Alias("ABADAN", NameKind::kFormerName),
                                         Alias("ALPHA", NameKind::kFormerName)}));
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{
                {.type = IdentifierType::kMmsi, .value = "572469210", .label = "MMSI"},
                {.type = IdentifierType::kImo,
                 .value = "9187629",
                 .label = "Vessel Registration Identification"},
                {.type = IdentifierType::kCallSign, .value = "T2EU4", .label = "Call Sign"},
            }));
  EXPECT_EQ(e->countries, (std::vector<CountryRef>{{.code = "TZ", .role = CountryRole::kFlag}}));
  EXPECT_EQ(e->properties, (Properties{{"pastFlags", "MT"},
                                       {"pastFlags", "TV"},
                                       {"sourceUrl", kJcpoaFaqs},
                                       {"type", "Crude/Oil Products Tanker"},
                                       {"tonnage", "99144"},
                                       {"grossRegisteredTonnage", "56068"}}));
  EXPECT_EQ(e->links, (std::vector<Link>{{.kind = LinkKind::kAssociate,
                                          .target_id = "15117",
                                          .target_name = "NATIONAL IRANIAN TANKER COMPANY",
                                          .note = "Linked To"}}));
  EXPECT_EQ(e->sanctions,
            (std::vector<Sanction>{OfacSanction("IRAN", "Consolidated", kAdditionalInfo13599)}));
  EXPECT_TRUE(e->addresses.empty());
  EXPECT_TRUE(e->birth_dates.empty());
  EXPECT_EQ(e->remarks, "");
}

// uid 15902 (line 11738): the vessel owner "NITC" is named only by its abbreviation, which is
// no entry's primary name, so the ownership link carries the name alone.
TEST(OfacXmlParserTest, ConsolidatedVesselOwnerBecomesOwnedByLink) {
  const ParsedList list = ParseConsolidated();
  const Entity* e = list.Find("us_ofac_cons:15902");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->caption(), "ATLANTIS");
  EXPECT_EQ(e->links,
            (std::vector<Link>{
                {.kind = LinkKind::kOwnedBy, .target_name = "NITC", .note = "Vessel Owner"}}));
  EXPECT_EQ(e->identifiers[0], (Identifier{.type = IdentifierType::kImo,
                                           .value = "9569621",
                                           .label = "Vessel Registration Identification"}));
}

// uid 18296 (line 17918): a Russian company with INN, OGRN and OKPO, two directive
// determinations and a link to Rosneft (uid 17022).
TEST(OfacXmlParserTest, ConsolidatedRussianCompanyRnHolding) {
  const ParsedList list = ParseConsolidated();
  const Entity* e = list.Find("us_ofac_cons:18296");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);
  EXPECT_EQ(e->names, (std::vector<Name>{Primary("OJSC RN HOLDING"),
                                         Alias("RN HOLDING OAO", NameKind::kStrongAlias)}));
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{
                                {.type = IdentifierType::kInn,
                                 .value = "7225004092",
                                 .country = "RU",
                                 .label = "Tax ID No."},
                                {.type = IdentifierType::kOgrn,
                                 .value = "1047200153770",
                                 .country = "RU",
                                 .label = "Registration ID"},
                                {.type = IdentifierType::kRegistration,
                                 .value = "74743120",
                                 .country = "RU",
                                 .label = "Government Gazette Number"},
                            }));
  EXPECT_EQ(e->addresses,
            (std::vector<Address>{{.full = "60 Oktyabrskaya ul., Uvat, 626170, Russia",
                                   .street = "60 Oktyabrskaya ul.",
                                   .postal_code = "626170",
                                   .region = "Uvat",
                                   .country_code = "RU",
                                   .country_text = "Russia"}}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{.code = "RU", .role = CountryRole::kAddressCountry}}));
  EXPECT_EQ(e->sanctions,
            (std::vector<Sanction>{OfacSanction(
                "UKRAINE-EO13662", "Consolidated",
                "Executive Order 13662 Directive Determination - Subject to Directive 4; "
                "Executive Order 13662 Directive Determination - Subject to Directive 2")}));
  EXPECT_EQ(e->links,
            (std::vector<Link>{{.kind = LinkKind::kAssociate,
                                .target_id = "17022",
                                .target_name = "OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY",
                                .note = "Linked To"}}));
  EXPECT_EQ(e->remarks,
            "For more information on directives, please visit the following link: "
            "http://www.treasury.gov/resource-center/sanctions/Programs/Pages/"
            "ukraine.aspx#directives.");
  EXPECT_TRUE(e->properties.empty());
}

// uid 15961 (line 12304): an Iranian oil executive with two passports, job titles, date and
// place of birth.
TEST(OfacXmlParserTest, ConsolidatedPersonJashnsaz) {
  const ParsedList list = ParseConsolidated();
  const Entity* e = list.Find("us_ofac_cons:15961");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->names,
            (std::vector<Name>{
                Primary("Seifollah JASHNSAZ", "Seifollah", "JASHNSAZ"),
                Alias("Seyfollah JASHNSAZ", NameKind::kStrongAlias, "Seyfollah", "JASHNSAZ"),
                Alias("Seifollah JASHN SAZ", NameKind::kStrongAlias, "Seifollah", "JASHN SAZ"),
            }));
  EXPECT_EQ(e->titles,
            (std::vector<std::string>{"Chairman & Director, Naftiran Intertrade Co. (NICO) Sarl",
                                      "Chairman & Director, Naft Iran Intertrade Company Ltd.",
                                      "Director, Hong Kong Intertrade Company"}));
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{{.type = IdentifierType::kPassport,
                                                      .value = "R17589399",
                                                      .country = "IR",
                                                      .label = "Passport"},
                                                     {.type = IdentifierType::kPassport,
                                                      .value = "T23700825",
                                                      .country = "IR",
                                                      .label = "Passport"}}));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1958, 3, 22}}}));
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Behbahan, Iran"}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{.code = "IR", .role = CountryRole::kNationality},
                                     {.code = "IR", .role = CountryRole::kBirthCountry}}));
  EXPECT_EQ(e->properties, (Properties{{"sourceUrl", kJcpoaFaqs}}));
  EXPECT_EQ(e->sanctions,
            (std::vector<Sanction>{OfacSanction(
                "IRAN", "Consolidated",
                "Additional Sanctions Information - Not on the SDN List and Not Subject to "
                "Secondary Sanctions; U.S. Persons Must Continue to Block the Property and "
                "Interests in Property of this Person Pursuant to Executive Order 13599")}));
  EXPECT_EQ(e->remarks,
            "Chairman of the Board of Directors, Iranian Oil Company (U.K.) Limited; Chairman & "
            "Director, Petro Suisse Intertrade Company");
  EXPECT_TRUE(e->links.empty());
}

TEST(OfacXmlParserTest, ConsolidatedTelephoneRemarksBecomePhones) {
  // The NITC-linked entities write "Telephone (357)(22660766); Fax (357)(22678777)".
  const ParsedList list = ParseConsolidated();
  int with_phones = 0;
  for (const Entity& e : list.entities) {
    with_phones += !e.phones.empty();
    EXPECT_EQ(e.remarks.find("Telephone"), std::string::npos) << e.id << ": " << e.remarks;
  }
  EXPECT_GT(with_phones, 20);
}

TEST(OfacXmlParserTest, SampleSdnCountsAndMetadata) {
  const ParsedList list = ParseFixture("sdn_sample.xml");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities.size(), 4u);
  EXPECT_EQ(list.metadata.published, "2024-03-15");
  EXPECT_EQ(list.metadata.declared_count, 4);
  EXPECT_EQ(list.diagnostics.diagnostics().size(), 0u) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, "us_ofac_sdn"), "");
  for (const Entity& e : list.entities) EXPECT_EQ(e.sanctions.at(0).list, "SDN");
}

TEST(OfacXmlParserTest, SampleRussianVesselHasImoMmsiFlagAndOwner) {
  const ParsedList list = ParseFixture("sdn_sample.xml");
  const Entity* e = list.Find("us_ofac_sdn:90002");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kVessel);
  EXPECT_EQ(e->names, (std::vector<Name>{Primary("POLAR DAWN"),
                                         Alias("NORDIC DAWN", NameKind::kFormerName)}));
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{
                {.type = IdentifierType::kImo,
                 .value = "9321483",
                 .label = "Vessel Registration Identification"},
                {.type = IdentifierType::kMmsi, .value = "273456780", .label = "MMSI"},
                {.type = IdentifierType::kCallSign, .value = "UBCD7", .label = "Call Sign"},
            }));
  EXPECT_EQ(e->countries, (std::vector<CountryRef>{{.code = "RU", .role = CountryRole::kFlag}}));
  EXPECT_EQ(e->properties, (Properties{{"pastFlags", "LR"},
                                       {"buildDate", "2006"},
                                       {"type", "Crude Oil Tanker"},
                                       {"tonnage", "105000"},
                                       {"grossRegisteredTonnage", "58000"}}));
  EXPECT_EQ(e->links, (std::vector<Link>{{.kind = LinkKind::kOwnedBy,
                                          .target_id = "90001",
                                          .target_name = "SEVERNAYA TANKER SHIPPING LLC",
                                          .note = "Vessel Owner"},
                                         {.kind = LinkKind::kAssociate,
                                          .target_id = "90001",
                                          .target_name = "SEVERNAYA TANKER SHIPPING LLC",
                                          .note = "Linked To"}}));
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{OfacSanction("RUSSIA-EO14024", "SDN")}));
}

TEST(OfacXmlParserTest, SampleRussianCompanyIdTypesGoToTheirFields) {
  const ParsedList list = ParseFixture("sdn_sample.xml");
  const Entity* e = list.Find("us_ofac_sdn:90001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);
  EXPECT_EQ(e->names, (std::vector<Name>{Primary("SEVERNAYA TANKER SHIPPING LLC"),
                                         Alias("SEVERNAYA SHIPPING OOO", NameKind::kFormerName)}));
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{
                                {.type = IdentifierType::kInn,
                                 .value = "7701234560",
                                 .country = "RU",
                                 .label = "Tax ID No."},
                                {.type = IdentifierType::kOgrn,
                                 .value = "1027700123450",
                                 .country = "RU",
                                 .label = "Registration Number"},
                                {.type = IdentifierType::kLei,
                                 .value = "2534001234567890AB17",
                                 .label = "Legal Entity Number"},
                                {.type = IdentifierType::kCryptoAddress,
                                 .value = "bc1qexampleexampleexampleexample0000",
                                 .label = "Digital Currency Address - XBT"},
                            }));
  EXPECT_EQ(e->incorporation_dates, (std::vector<DateSpec>{{.date = {2002, 2, 12}}}));
  EXPECT_EQ(e->websites, (std::vector<std::string>{"www.severnaya-tanker.example"}));
  EXPECT_EQ(e->emails, (std::vector<std::string>{"info@severnaya-tanker.example"}));
  EXPECT_EQ(e->phones, (std::vector<std::string>{"+7 495 1234567"}));
  EXPECT_EQ(e->remarks, "Fax +7 495 7654321");
  EXPECT_EQ(
      e->addresses,
      (std::vector<Address>{{.full = "ul. Morskaya 5, office 12, Saint Petersburg, 190000, Russia",
                             .street = "ul. Morskaya 5, office 12",
                             .city = "Saint Petersburg",
                             .postal_code = "190000",
                             .country_code = "RU",
                             .country_text = "Russia"}}));
  EXPECT_EQ(e->sanctions,
            (std::vector<Sanction>{OfacSanction(
                "RUSSIA-EO14024", "SDN",
                "Secondary sanctions risk: See Section 11 of Executive Order 14024.")}));
}

TEST(OfacXmlParserTest, SamplePersonWithWeakAliasAndTwoBirthDates) {
  const ParsedList list = ParseFixture("sdn_sample.xml");
  const Entity* e = list.Find("us_ofac_sdn:90003");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->names,
            (std::vector<Name>{Primary("Ivan Petrovich SIDOROV", "Ivan Petrovich", "SIDOROV"),
                               Alias("Ivan SIDOROV", NameKind::kStrongAlias, "Ivan", "SIDOROV"),
                               Alias("VANYA", NameKind::kWeakAlias, "", "VANYA")}));
  EXPECT_EQ(e->gender, "male");
  EXPECT_EQ(e->titles, (std::vector<std::string>{"General Director"}));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = {1971, 3, 21}},
                                                   {.date = {1969, 0, 0}, .approximate = true}}));
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Murmansk, Russia"}));
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{{.type = IdentifierType::kPassport,
                                      .value = "721234567",
                                      .country = "RU",
                                      .label = "Passport",
                                      .note = "issued 2015-04-05; expires 2025-04-05"},
                                     // Fails the INN checksum, so it stays a tax number.
                                     {.type = IdentifierType::kTaxId,
                                      .value = "1234567890",
                                      .country = "RU",
                                      .label = "Tax ID No."}}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{.code = "RU", .role = CountryRole::kNationality},
                                     {.code = "CY", .role = CountryRole::kCitizenship},
                                     {.code = "RU", .role = CountryRole::kBirthCountry}}));
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{OfacSanction("RUSSIA-EO14024", "SDN"),
                                                 OfacSanction("UKRAINE-EO13660", "SDN")}));
  EXPECT_EQ(e->links, (std::vector<Link>{{.kind = LinkKind::kAssociate,
                                          .target_id = "90001",
                                          .target_name = "SEVERNAYA TANKER SHIPPING LLC",
                                          .note = "Linked To"}}));
  EXPECT_EQ(e->remarks, "Physical description: tall");
}

TEST(OfacXmlParserTest, SampleAircraftParticulars) {
  const ParsedList list = ParseFixture("sdn_sample.xml");
  const Entity* e = list.Find("us_ofac_sdn:90004");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kAircraft);
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{{.type = IdentifierType::kAircraftSerial,
                                      .value = "30123",
                                      .label = "Aircraft Manufacturer's Serial Number (MSN)"},
                                     {.type = IdentifierType::kAircraftTailNumber,
                                      .value = "RA-12345",
                                      .label = "Aircraft Tail Number"}}));
  EXPECT_EQ(e->properties, (Properties{{"model", "Boeing 737-800"}, {"buildDate", "01 Jun 2001"}}));
}

TEST(OfacXmlParserTest, DefectiveEntriesAreReportedAndTheRestIsRead) {
  const ParsedList list = ParseFixture("defective.xml", "us_ofac_cons");
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  ASSERT_EQ(list.entities.size(), 2u);
  EXPECT_EQ(list.entities[0].id, "us_ofac_cons:1");
  EXPECT_EQ(list.entities[1].id, "us_ofac_cons:4");
  EXPECT_EQ(CheckEntityInvariants(list, "us_ofac_cons"), "");
  const auto& d = list.diagnostics.diagnostics();
  ASSERT_EQ(d.size(), 5u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.error_count(), 3u);
  EXPECT_EQ(list.diagnostics.warning_count(), 2u);
  EXPECT_EQ(d[0].ToString(), "defective.xml:17 error: sdnEntry without uid; skipped");
  EXPECT_EQ(d[1].ToString(),
            "defective.xml:25 [record 3] error: sdnEntry without firstName or lastName; skipped");
  EXPECT_EQ(d[2].ToString(),
            "defective.xml:44 [record 4] warning: cannot read date 'sometime in the seventies'; "
            "kept as text");
  EXPECT_EQ(d[3].ToString(),
            "defective.xml:48 [record 1] error: duplicate uid (first at line 8); skipped");
  EXPECT_EQ(d[4].ToString(),
            "defective.xml:5 warning: Record_Count says 5 but 2 entries were read");
  EXPECT_EQ(list.entities[1].birth_dates,
            (std::vector<DateSpec>{{.text = "sometime in the seventies"}}));
}

TEST(OfacXmlParserTest, TruncatedDocumentIsCorruptionNamingFileAndLine) {
  const std::string bytes = ReadFixture("ofac_xml/sdn_sample.xml");
  const std::string truncated = bytes.substr(0, bytes.find("<uid>90002</uid>") + 10);
  auto parser = NewOfacXmlParser();
  const ParsedList list = ParseDocument(*parser, "us_ofac_sdn", "sdn.xml", truncated);
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(list.status.message().rfind("sdn.xml:", 0), 0u) << list.status.message();
  EXPECT_NE(list.status.message().find("malformed XML"), std::string::npos);
}

TEST(OfacXmlParserTest, OtherDocumentsAreCorruption) {
  auto parser = NewOfacXmlParser();
  for (std::string_view bytes :
       {std::string_view(""), std::string_view("not xml at all"),
        std::string_view("<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST/>")}) {
    const ParsedList list = ParseDocument(*parser, "us_ofac_sdn", "x.xml", bytes);
    EXPECT_EQ(list.status.code(), StatusCode::kCorruption) << bytes;
    EXPECT_EQ(list.status.message().rfind("x.xml:", 0), 0u) << list.status.message();
    EXPECT_TRUE(list.entities.empty());
  }
}

TEST(OfacXmlParserTest, NamespacePrefixesAndUtf16AreRead) {
  const std::string prefixed =
      "<?xml version=\"1.0\"?>\n<s:sdnList xmlns:s=\"http://tempuri.org/sdnList.xsd\">"
      "<s:sdnEntry><s:uid>7</s:uid><s:lastName>ACME</s:lastName><s:sdnType>Entity</s:sdnType>"
      "</s:sdnEntry></s:sdnList>";
  auto parser = NewOfacXmlParser();
  ParsedList list = ParseDocument(*parser, "us_ofac_sdn", "p.xml", prefixed);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  ASSERT_EQ(list.entities.size(), 1u);
  EXPECT_EQ(list.entities[0].caption(), "ACME");
  // The same document in UTF-16LE with a byte-order mark.
  std::string utf16 = "\xFF\xFE";
  for (char c : prefixed) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  list = ParseDocument(*parser, "us_ofac_sdn", "p16.xml", utf16);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  ASSERT_EQ(list.entities.size(), 1u);
  EXPECT_EQ(list.entities[0].caption(), "ACME");
}

TEST(OfacXmlParserTest, InvalidUtf8IsRepairedWithAWarning) {
  const std::string bytes =
      "<sdnList><sdnEntry><uid>7</uid><lastName>CAF\xE9</lastName><sdnType>Entity</sdnType>"
      "<programList><program>SDGT</program></programList></sdnEntry></sdnList>";
  auto parser = NewOfacXmlParser();
  const ParsedList list = ParseDocument(*parser, "us_ofac_sdn", "bad.xml", bytes);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  ASSERT_EQ(list.entities.size(), 1u);
  EXPECT_EQ(list.entities[0].caption(), "CAF\xEF\xBF\xBD");
  EXPECT_EQ(list.diagnostics.warning_count(), 1u);
  EXPECT_EQ(CheckEntityInvariants(list, "us_ofac_sdn"), "");
}

TEST(OfacXmlIdTypesTest, NonIdentifierIdTypesGoToFields) {
  EXPECT_EQ(ClassifyOfacIdType("Website").field, OfacIdField::kWebsite);
  EXPECT_EQ(ClassifyOfacIdType("Email Address").field, OfacIdField::kEmail);
  EXPECT_EQ(ClassifyOfacIdType("Phone Number").field, OfacIdField::kPhone);
  EXPECT_EQ(ClassifyOfacIdType("Gender").field, OfacIdField::kGender);
  EXPECT_EQ(ClassifyOfacIdType("Organization Established Date").field,
            OfacIdField::kEstablishedDate);
  EXPECT_EQ(ClassifyOfacIdType("Former Vessel Flag").field, OfacIdField::kPastFlag);
  EXPECT_EQ(ClassifyOfacIdType("Nationality of Registration").country_role,
            CountryRole::kJurisdiction);
  EXPECT_EQ(ClassifyOfacIdType("Additional Sanctions Information -").field,
            OfacIdField::kSanctionInfo);
  EXPECT_EQ(ClassifyOfacIdType("Secondary sanctions risk:").field, OfacIdField::kSanctionInfo);
  EXPECT_EQ(ClassifyOfacIdType("Effective Date (EO 14024 Directive 2):").field,
            OfacIdField::kSanctionInfo);
  EXPECT_EQ(ClassifyOfacIdType("Listing Date (CMIC):").field, OfacIdField::kSanctionInfo);
  EXPECT_EQ(ClassifyOfacIdType("For more information, please see:").field, OfacIdField::kSourceUrl);
  EXPECT_EQ(ClassifyOfacIdType("Aircraft Model").property, "model");
}

TEST(OfacXmlIdTypesTest, IdentifierIdTypesAreTyped) {
  EXPECT_EQ(ClassifyOfacIdType("Passport").identifier_type, IdentifierType::kPassport);
  EXPECT_EQ(ClassifyOfacIdType("National ID No.").identifier_type, IdentifierType::kNationalId);
  EXPECT_EQ(ClassifyOfacIdType("SWIFT/BIC").identifier_type, IdentifierType::kBic);
  EXPECT_EQ(ClassifyOfacIdType("Vessel Registration Identification").identifier_type,
            IdentifierType::kImo);
  EXPECT_EQ(ClassifyOfacIdType("MMSI").identifier_type, IdentifierType::kMmsi);
  EXPECT_EQ(ClassifyOfacIdType("Digital Currency Address - ETH").identifier_type,
            IdentifierType::kCryptoAddress);
  EXPECT_EQ(ClassifyOfacIdType("Kazakh Passport").identifier_type, IdentifierType::kPassport);
  EXPECT_EQ(ClassifyOfacIdType("Registration Number").identifier_type,
            IdentifierType::kRegistration);
  EXPECT_EQ(ClassifyOfacIdType("BIK (RU)").identifier_type, IdentifierType::kOther);
}

TEST(OfacXmlIdTypesTest, ChecksumsRecogniseRussianAndLeiCodes) {
  EXPECT_TRUE(IsValidInn("7225004092"));
  EXPECT_FALSE(IsValidInn("7225004093"));
  EXPECT_TRUE(IsValidInn("500100732259"));  // 12-digit personal INN
  EXPECT_TRUE(IsValidOgrn("1047200153770"));
  EXPECT_FALSE(IsValidOgrn("1047200153771"));
  EXPECT_TRUE(IsValidLei("2534001234567890AB17"));
  EXPECT_FALSE(IsValidLei("2534001234567890AB18"));
  EXPECT_EQ(RefineOfacIdentifierType(IdentifierType::kTaxId, "7225004092", "DE"),
            IdentifierType::kTaxId);
  EXPECT_EQ(RefineOfacIdentifierType(IdentifierType::kTaxId, "7225004092", ""),
            IdentifierType::kInn);
}

}  // namespace
}  // namespace cordon::ingest::internal
