#include "ingest/internal/ofac_csv_parser.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "ingest/internal/ofac_csv_remarks.h"
#include "ingest/internal/test_support.h"

namespace cordon::ingest::internal {
namespace {

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

struct Companion {
  std::string role;
  std::string name;
  std::string bytes;
};

// Parses a main file plus companions, each under its own file name (ParseDocument names
// companions by role; these tests check that diagnostics name the real file).
ParsedList ParseSet(std::string_view source, const std::string& main_name,
                    const std::string& main_bytes, const std::vector<Companion>& companions = {}) {
  std::unique_ptr<ListParser> parser = NewOfacCsvParser();
  ParsedList out;
  Document doc;
  doc.main = {main_name, main_bytes};
  for (const Companion& c : companions)
    doc.companions.emplace_back(c.role, InputFile{c.name, c.bytes});
  Result<ListMetadata> meta = parser->Parse(
      doc, source, [&](Entity&& e) { out.entities.push_back(std::move(e)); }, &out.diagnostics);
  if (meta.ok()) {
    out.metadata = *meta;
  } else {
    out.status = meta.status();
  }
  return out;
}

std::map<Schema, int> CountBySchema(const ParsedList& list) {
  std::map<Schema, int> counts;
  for (const Entity& e : list.entities) ++counts[e.schema];
  return counts;
}

PartialDate Date(int year, int month = 0, int day = 0) {
  return {static_cast<int16_t>(year), static_cast<int8_t>(month), static_cast<int8_t>(day)};
}

Sanction OfacSanction(std::string program, std::string list, std::string reason = "") {
  return {.regime = Regime::kUs,
          .authority = "OFAC",
          .program = std::move(program),
          .list = std::move(list),
          .reason = std::move(reason)};
}

const Diagnostic* FindDiagnostic(const ParsedList& list, const std::string& file, int64_t line) {
  for (const Diagnostic& d : list.diagnostics.diagnostics()) {
    if (d.file == file && d.line == line) return &d;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// The 2024 SDN list (sdn.csv alone, no companions).

class OfacCsvSdn2024Test : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    bytes_ = new std::string(ReadRealList("ofac/sdn.csv"));
    list_ = new ParsedList(ParseSet("us_ofac_sdn", "sdn.csv", *bytes_));
  }
  static void TearDownTestSuite() {
    delete list_;
    delete bytes_;
  }
  static const ParsedList& list() { return *list_; }

 private:
  static inline std::string* bytes_ = nullptr;
  static inline ParsedList* list_ = nullptr;
};

TEST_F(OfacCsvSdn2024Test, ReadsEveryRecordWithoutDiagnostics) {
  ASSERT_TRUE(list().status.ok()) << list().status.ToString();
  // 14,966 CSV rows: 14,965 records and the final 0x1A row.
  EXPECT_EQ(list().entities.size(), 14965u);
  EXPECT_EQ(list().diagnostics.diagnostics().size(), 0u) << list().DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list(), "us_ofac_sdn"), "");
  // The legacy CSV carries no list date and no record count.
  EXPECT_EQ(list().metadata.published, "");
  EXPECT_EQ(list().metadata.declared_count, -1);
}

TEST_F(OfacCsvSdn2024Test, SchemataFollowSdnTypeAndTheEntityRule) {
  std::map<Schema, int> counts = CountBySchema(list());
  EXPECT_EQ(counts[Schema::kPerson], 6854);
  EXPECT_EQ(counts[Schema::kVessel], 851);
  EXPECT_EQ(counts[Schema::kAircraft], 376);
  // The 6,884 "-0-" records split by EntitySchema's rule (the same split as an independent
  // Python implementation of the rule over the raw file).
  EXPECT_EQ(counts[Schema::kCompany], 5721);
  EXPECT_EQ(counts[Schema::kOrganization], 1163);
  EXPECT_EQ(counts[Schema::kLegalEntity], 0);
}

// 15036,"ARTAVIL","vessel","IRAN",-0- ,"T2EU4","Crude/Oil Products Tanker","99,144","56,068",
// "Iran",-0- ,"Former Vessel Flag Malta; alt. Former Vessel Flag Tuvalu; alt. Former Vessel Flag
// None Identified; alt. Former Vessel Flag Tanzania; Additional Sanctions Information - Subject to
// Secondary Sanctions; Vessel Registration Identification IMO 9187629; MMSI 572469210; f.k.a.
// 'ALPHA'; Linked To: NATIONAL IRANIAN TANKER COMPANY."
TEST_F(OfacCsvSdn2024Test, VesselWithImoMmsiFlagsAndOperator) {
  const Entity* e = list().Find("us_ofac_sdn:15036");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kVessel);
  EXPECT_EQ(e->provenance.format, "ofac-legacy-csv");
  EXPECT_EQ(e->names, (std::vector<Name>{{.full = "ARTAVIL", .kind = NameKind::kPrimary},
                                         {.full = "ALPHA", .kind = NameKind::kFormerName}}));
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{
                {.type = IdentifierType::kCallSign, .value = "T2EU4", .label = "Call Sign"},
                {.type = IdentifierType::kImo,
                 .value = "9187629",
                 .label = "Vessel Registration Identification"},
                {.type = IdentifierType::kMmsi, .value = "572469210", .label = "MMSI"}}));
  EXPECT_EQ(e->countries, (std::vector<CountryRef>{{.code = "IR", .role = CountryRole::kFlag}}));
  EXPECT_EQ(e->properties, (Properties{{"type", "Crude/Oil Products Tanker"},
                                       {"tonnage", "99,144"},
                                       {"grossRegisteredTonnage", "56,068"},
                                       {"pastFlags", "MT"},
                                       {"pastFlags", "TV"},
                                       {"pastFlags", "TZ"}}));
  // 15117 is "NATIONAL IRANIAN TANKER COMPANY" in the same file.
  EXPECT_EQ(e->links, (std::vector<Link>{{.kind = LinkKind::kAssociate,
                                          .target_id = "15117",
                                          .target_name = "NATIONAL IRANIAN TANKER COMPANY"}}));
  EXPECT_EQ(
      e->sanctions,
      (std::vector<Sanction>{OfacSanction(
          "IRAN", "SDN", "Additional Sanctions Information - Subject to Secondary Sanctions")}));
  EXPECT_TRUE(e->addresses.empty());
  EXPECT_EQ(e->remarks, "");
}

// 21164,"KOVALCHUK, Kirill Mikhailovich","individual","UKRAINE-EO13661] [RUSSIA-EO14024",...,
// "DOB 22 Dec 1968; POB Moscow, Russia; alt. POB St. Petersburg, Russia; nationality Russia;
// Gender Male; Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR
// 589.201 and/or 589.209; Passport 643267034 (Russia); Tax ID No. 773600308808 (Russia); Linked
// To: AO ABR MANAGEMENT."
TEST_F(OfacCsvSdn2024Test, RussianPersonWithPassportInnAndLink) {
  const Entity* e = list().Find("us_ofac_sdn:21164");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->names, (std::vector<Name>{{.full = "KOVALCHUK, Kirill Mikhailovich",
                                          .kind = NameKind::kPrimary,
                                          .given = "Kirill Mikhailovich",
                                          .family = "KOVALCHUK"}}));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = Date(1968, 12, 22)}}));
  EXPECT_EQ(e->birth_places,
            (std::vector<std::string>{"Moscow, Russia", "St. Petersburg, Russia"}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{.code = "RU", .role = CountryRole::kBirthCountry},
                                     {.code = "RU", .role = CountryRole::kNationality}}));
  EXPECT_EQ(e->gender, "male");
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{{.type = IdentifierType::kPassport,
                                                      .value = "643267034",
                                                      .country = "RU",
                                                      .label = "Passport"},
                                                     {.type = IdentifierType::kInn,
                                                      .value = "773600308808",
                                                      .country = "RU",
                                                      .label = "Tax ID No."}}));
  EXPECT_EQ(e->links, (std::vector<Link>{{.kind = LinkKind::kAssociate,
                                          .target_id = "20283",
                                          .target_name = "AO ABR MANAGEMENT"}}));
  const std::string reason =
      "Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 "
      "and/or 589.209";
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{OfacSanction("UKRAINE-EO13661", "SDN", reason),
                                                 OfacSanction("RUSSIA-EO14024", "SDN", reason)}));
  EXPECT_TRUE(e->titles.empty());
  EXPECT_EQ(e->remarks, "");
}

// 17013,"VTB BANK PUBLIC JOINT STOCK COMPANY",-0- ,"UKRAINE-EO13662] [RUSSIA-EO14024",...,
// "SWIFT/BIC VTBRRUMM; Website www.vtb.com; alt. Website www.vtb.ru; BIK (RU) 044030707; alt. BIK
// (RU) 044525187; Executive Order 13662 Directive Determination - Subject to Directive 1;
// Secondary sanctions risk: ...; Organization Established Date 17 Oct 1990; Target Type Financial
// Institution; Registration ID 1027739609391 (Russia); Tax ID No. 7702070139 (Russia); Government
// Gazette Number 00032520 (Russia); License 1000 (Russia); Legal Entity Number
// 253400V1H6ART1UQ0N98 (Russia); For more information on directives, please visit the following
// link: http://www.treasury.gov/resource-center/sanctions/Programs/Pages/ukraine.aspx#directives."
TEST_F(OfacCsvSdn2024Test, RussianBankWithOgrnInnLeiAndBic) {
  const Entity* e = list().Find("us_ofac_sdn:17013");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);  // Target Type Financial Institution
  EXPECT_EQ(e->names, (std::vector<Name>{{.full = "VTB BANK PUBLIC JOINT STOCK COMPANY",
                                          .kind = NameKind::kPrimary}}));
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{
                {.type = IdentifierType::kBic, .value = "VTBRRUMM", .label = "SWIFT/BIC"},
                {.type = IdentifierType::kOther, .value = "044030707", .label = "BIK (RU)"},
                {.type = IdentifierType::kOther, .value = "044525187", .label = "BIK (RU)"},
                {.type = IdentifierType::kOgrn,
                 .value = "1027739609391",
                 .country = "RU",
                 .label = "Registration ID"},
                {.type = IdentifierType::kInn,
                 .value = "7702070139",
                 .country = "RU",
                 .label = "Tax ID No."},
                {.type = IdentifierType::kRegistration,
                 .value = "00032520",
                 .country = "RU",
                 .label = "Government Gazette Number"},
                {.type = IdentifierType::kRegistration,
                 .value = "1000",
                 .country = "RU",
                 .label = "License"},
                {.type = IdentifierType::kLei,
                 .value = "253400V1H6ART1UQ0N98",
                 .country = "RU",
                 .label = "Legal Entity Number"}}));
  EXPECT_EQ(e->incorporation_dates, (std::vector<DateSpec>{{.date = Date(1990, 10, 17)}}));
  EXPECT_EQ(e->websites, (std::vector<std::string>{"www.vtb.com", "www.vtb.ru"}));
  EXPECT_EQ(e->properties,
            (Properties{{"classification", "Financial Institution"},
                        {"sourceUrl",
                         "http://www.treasury.gov/resource-center/sanctions/Programs/Pages/"
                         "ukraine.aspx#directives"}}));
  const std::string reason =
      "Executive Order 13662 Directive Determination - Subject to Directive 1; Secondary "
      "sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or "
      "589.209";
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{OfacSanction("UKRAINE-EO13662", "SDN", reason),
                                                 OfacSanction("RUSSIA-EO14024", "SDN", reason)}));
  EXPECT_TRUE(e->links.empty());
  EXPECT_TRUE(e->countries.empty());
  EXPECT_EQ(e->remarks, "");
}

// 18150,"MSN 391","aircraft","SDGT] [NPWMD] [IFSR",...,"Aircraft Manufacture Date 2002; Aircraft
// Model Airbus A340-642; Aircraft Manufacturer's Serial Number (MSN) 391; Aircraft Tail Number
// EP-MMH; Additional Sanctions Information - Subject to Secondary Sanctions; Linked To: MAHAN AIR."
TEST_F(OfacCsvSdn2024Test, AircraftWithSerialTailNumberAndModel) {
  const Entity* e = list().Find("us_ofac_sdn:18150");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kAircraft);
  EXPECT_EQ(e->names, (std::vector<Name>{{.full = "MSN 391", .kind = NameKind::kPrimary}}));
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{{.type = IdentifierType::kAircraftSerial,
                                      .value = "391",
                                      .label = "Aircraft Manufacturer's Serial Number (MSN)"},
                                     {.type = IdentifierType::kAircraftTailNumber,
                                      .value = "EP-MMH",
                                      .label = "Aircraft Tail Number"}}));
  EXPECT_EQ(e->properties, (Properties{{"buildDate", "2002"}, {"model", "Airbus A340-642"}}));
  EXPECT_EQ(e->links,
            (std::vector<Link>{
                {.kind = LinkKind::kAssociate, .target_id = "12927", .target_name = "MAHAN AIR"}}));
  const std::string reason = "Additional Sanctions Information - Subject to Secondary Sanctions";
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{OfacSanction("SDGT", "SDN", reason),
                                                 OfacSanction("NPWMD", "SDN", reason),
                                                 OfacSanction("IFSR", "SDN", reason)}));
  EXPECT_EQ(e->remarks, "");
}

TEST_F(OfacCsvSdn2024Test, LinkedToResolvesThroughAnAmbiguousFinalDot) {
  // "Linked To: EVIL CORP." (16 times, at the end of the remarks) and "Linked To: EVIL CORP;"
  // (once) both name record 26664 "EVIL CORP": the '.' ends OFAC's sentence.
  int links = 0;
  for (const Entity& e : list().entities) {
    for (const Link& link : e.links) {
      if (link.target_name == "EVIL CORP") {
        EXPECT_EQ(link.target_id, "26664") << e.id;
        ++links;
      }
    }
  }
  EXPECT_EQ(links, 17);
}

TEST_F(OfacCsvSdn2024Test, RemarksCutAtOfacsLimitKeepTheLastClauseVerbatim) {
  // 27307's Remarks are exactly 1000 characters and end "a.k.a. 'WHOIS HACKIN": without
  // sdn_comments.csv the cut alias is not read as a name.
  const Entity* e = list().Find("us_ofac_sdn:27307");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->remarks.ends_with("a.k.a. 'WHOIS HACKIN")) << e->remarks;
  for (const Name& name : e->names) EXPECT_NE(name.full, "WHOIS HACKIN");
}

// ---------------------------------------------------------------------------------------------
// The consistent July 2021 set: sdn.csv + add.csv + alt.csv + sdn_comments.csv.

class OfacCsvSdn2021SetTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string dir = "ofac/2021-07_watchman_bench/";
    files_ = new std::vector<std::string>{
        ReadRealList(dir + "sdn.csv"), ReadRealList(dir + "add.csv"), ReadRealList(dir + "alt.csv"),
        ReadRealList(dir + "sdn_comments.csv")};
    list_ = new ParsedList(ParseSet("us_ofac_sdn", "sdn.csv", (*files_)[0],
                                    {{"add", "add.csv", (*files_)[1]},
                                     {"alt", "alt.csv", (*files_)[2]},
                                     {"comments", "sdn_comments.csv", (*files_)[3]}}));
  }
  static void TearDownTestSuite() {
    delete list_;
    delete files_;
  }
  static const ParsedList& list() { return *list_; }

 private:
  static inline std::vector<std::string>* files_ = nullptr;
  static inline ParsedList* list_ = nullptr;
};

TEST_F(OfacCsvSdn2021SetTest, ReadsEveryRecordAndAttachesEveryCompanionRow) {
  ASSERT_TRUE(list().status.ok()) << list().status.ToString();
  EXPECT_EQ(list().entities.size(), 8976u);
  // Every add/alt/comments row has its main record: no orphan warnings.
  EXPECT_EQ(list().diagnostics.diagnostics().size(), 0u) << list().DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list(), "us_ofac_sdn"), "");
  EXPECT_EQ(list().metadata.published, "");
  std::map<Schema, int> counts = CountBySchema(list());
  EXPECT_EQ(counts[Schema::kPerson], 4620);
  EXPECT_EQ(counts[Schema::kVessel], 406);
  EXPECT_EQ(counts[Schema::kAircraft], 277);
  EXPECT_EQ(counts[Schema::kCompany], 2671);
  EXPECT_EQ(counts[Schema::kOrganization], 1002);
  size_t addresses = 0;
  size_t strong_or_former = 0;
  for (const Entity& e : list().entities) {
    addresses += e.addresses.size();
    for (const Name& n : e.names) {
      strong_or_former += n.kind == NameKind::kStrongAlias || n.kind == NameKind::kFormerName;
    }
  }
  // 13,837 add.csv rows, less those with "-0-" in every column and exact duplicates.
  EXPECT_EQ(addresses, 11440u);
  // 11,910 alt.csv rows plus the f.k.a./n.k.a. clauses of the remarks, less duplicates.
  EXPECT_EQ(strong_or_former, 11932u);
}

// sdn.csv: 306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",...,"a.k.a. 'BNC'."
// alt.csv: 306,220,"aka","NATIONAL BANK OF CUBA",-0-
// add.csv: 306,199,"Zweierstrasse 35","Zurich CH-8022","Switzerland",-0- (and three more)
TEST_F(OfacCsvSdn2021SetTest, AltRowsAreStrongAliasesRemarksAliasesAreWeak) {
  const Entity* e = list().Find("us_ofac_sdn:306");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);  // BANCO
  EXPECT_EQ(e->names,
            (std::vector<Name>{{.full = "BANCO NACIONAL DE CUBA", .kind = NameKind::kPrimary},
                               {.full = "NATIONAL BANK OF CUBA", .kind = NameKind::kStrongAlias},
                               {.full = "BNC", .kind = NameKind::kWeakAlias}}));
  ASSERT_EQ(e->addresses.size(), 4u);
  EXPECT_EQ(e->addresses[0],
            (model::Address{.full = "Zweierstrasse 35, Zurich CH-8022, Switzerland",
                            .street = "Zweierstrasse 35",
                            .city = "Zurich CH-8022",
                            .country_code = "CH",
                            .country_text = "Switzerland"}));
  EXPECT_EQ(e->addresses[2].full,
            "Dai-Ichi Bldg. 6th Floor, 10-2 Nihombashi, 2-chome, Chuo-ku, Tokyo 103, Japan");
  EXPECT_EQ(e->addresses[3].country_code, "PA");
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{.code = "CH", .role = CountryRole::kAddressCountry},
                                     {.code = "ES", .role = CountryRole::kAddressCountry},
                                     {.code = "JP", .role = CountryRole::kAddressCountry},
                                     {.code = "PA", .role = CountryRole::kAddressCountry}}));
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{OfacSanction("CUBA", "SDN")}));
  EXPECT_EQ(e->remarks, "");
}

// sdn.csv: 12300,"CIFUENTES VILLA, Jorge Milton","individual","SDNTK",...,"DOB 13 May 1965; alt.
// DOB 13 Apr 1968; alt. DOB 07 Jul 1964; POB Medellin, Colombia; ...; Linked To: PARQUES
// TEMATICOS S.A.S.; Linked To: PROMO RAI"   (1000 characters)
// sdn_comments.csv: 12300,"Z S.A.S.; Linked To: RED MUNDIAL INMOBILIARIA, S.A. DE C.V.; ...;
// Linked To: R D I S.A."
TEST_F(OfacCsvSdn2021SetTest, CommentsContinueTheRemarksMidWord) {
  const Entity* e = list().Find("us_ofac_sdn:12300");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->names, (std::vector<Name>{{.full = "CIFUENTES VILLA, Jorge Milton",
                                          .kind = NameKind::kPrimary,
                                          .given = "Jorge Milton",
                                          .family = "CIFUENTES VILLA"},
                                         {.full = "LOPEZ SALAZAR, Elkin de Jesus",
                                          .kind = NameKind::kStrongAlias,
                                          .given = "Elkin de Jesus",
                                          .family = "LOPEZ SALAZAR"},
                                         {.full = "OSUNA VILLARREAL, Sergio",
                                          .kind = NameKind::kStrongAlias,
                                          .given = "Sergio",
                                          .family = "OSUNA VILLARREAL"}}));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = Date(1965, 5, 13)},
                                                   {.date = Date(1968, 4, 13)},
                                                   {.date = Date(1964, 7, 7)}}));
  EXPECT_EQ(e->birth_places,
            (std::vector<std::string>{"Medellin, Colombia", "Marinilla, Antioquia, Colombia",
                                      "Ciudad Victoria, Tamaulipas, Mexico"}));
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{{.type = IdentifierType::kNationalId,
                                                      .value = "7548733",
                                                      .country = "CO",
                                                      .label = "Cedula No."},
                                                     {.type = IdentifierType::kNationalId,
                                                      .value = "70163752",
                                                      .country = "CO",
                                                      .label = "Cedula No."},
                                                     {.type = IdentifierType::kNationalId,
                                                      .value = "172489729-1",
                                                      .country = "EC",
                                                      .label = "Cedula No."},
                                                     {.type = IdentifierType::kPassport,
                                                      .value = "AL720622",
                                                      .country = "CO",
                                                      .label = "Passport"},
                                                     {.type = IdentifierType::kTaxId,
                                                      .value = "CIVJ650513LJA",
                                                      .country = "MX",
                                                      .label = "R.F.C."},
                                                     {.type = IdentifierType::kTaxId,
                                                      .value = "OUSV-640707",
                                                      .country = "MX",
                                                      .label = "R.F.C."},
                                                     {.type = IdentifierType::kNationalId,
                                                      .value = "CIVJ650513HNEFLR06",
                                                      .country = "MX",
                                                      .label = "C.U.R.P."},
                                                     {.type = IdentifierType::kNationalId,
                                                      .value = "OUVS640707HTSSLR07",
                                                      .country = "MX",
                                                      .label = "C.U.R.P."},
                                                     {.type = IdentifierType::kRegistration,
                                                      .value = "181301-1 Cali",
                                                      .country = "CO",
                                                      .label = "Matricula Mercantil No"},
                                                     {.type = IdentifierType::kRegistration,
                                                      .value = "405885 Bogota",
                                                      .country = "CO",
                                                      .label = "Matricula Mercantil No"}}));
  // 11 add.csv rows, all in Colombia or Mexico.
  ASSERT_EQ(e->addresses.size(), 11u);
  EXPECT_EQ(e->addresses[10], (model::Address{.full = "Paseo de las Gacelas No. 550, "
                                                      "Fraccionamiento Ciudad Bugambilias, "
                                                      "Guadalajara, Jalisco, Mexico",
                                              .street = "Paseo de las Gacelas No. 550, "
                                                        "Fraccionamiento Ciudad Bugambilias",
                                              .city = "Guadalajara, Jalisco",
                                              .country_code = "MX",
                                              .country_text = "Mexico"}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{.code = "CO", .role = CountryRole::kAddressCountry},
                                     {.code = "MX", .role = CountryRole::kAddressCountry},
                                     {.code = "CO", .role = CountryRole::kBirthCountry},
                                     {.code = "MX", .role = CountryRole::kBirthCountry}}));
  // 11 "Linked To:" in sdn.csv (the last one cut: "PROMO RAI") and 14 in sdn_comments.csv.
  ASSERT_EQ(e->links.size(), 25u);
  EXPECT_EQ(e->links[0], (Link{.kind = LinkKind::kAssociate,
                               .target_id = "12343",
                               .target_name = "BIO FORESTAL S.A.S."}));
  EXPECT_EQ(e->links[10], (Link{.kind = LinkKind::kAssociate,
                                .target_id = "12396",
                                .target_name = "PROMO RAIZ S.A.S."}));
  EXPECT_EQ(e->links[11], (Link{.kind = LinkKind::kAssociate,
                                .target_id = "12397",
                                .target_name = "RED MUNDIAL INMOBILIARIA, S.A. DE C.V."}));
  EXPECT_EQ(
      e->links[24],
      (Link{.kind = LinkKind::kAssociate, .target_id = "12904", .target_name = "R D I S.A."}));
  for (const Link& link : e->links) EXPECT_NE(link.target_id, "") << link.target_name;
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{OfacSanction("SDNTK", "SDN")}));
  EXPECT_EQ(e->remarks, "");
}

// alt.csv: 8244,7936,"nka","NUEVO CONTINENTE S.A.",-0- (and 6 more alt rows, 47 add rows)
TEST_F(OfacCsvSdn2021SetTest, NowKnownAsIsAStrongAlias) {
  const Entity* e = list().Find("us_ofac_sdn:8244");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);
  ASSERT_EQ(e->names.size(), 8u);
  EXPECT_EQ(e->names[3], (Name{.full = "NUEVO CONTINENTE S.A.", .kind = NameKind::kStrongAlias}));
  EXPECT_EQ(e->addresses.size(), 47u);
  // "NIT # 8300720300 (Colombia); US FEIN 55-2197267; RUC # 20108363101 (Peru); Business
  // Registration Document # F01000003035 (United States)."
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{
                {.type = IdentifierType::kTaxId,
                 .value = "8300720300",
                 .country = "CO",
                 .label = "NIT #"},
                {.type = IdentifierType::kTaxId, .value = "55-2197267", .label = "US FEIN"},
                {.type = IdentifierType::kTaxId,
                 .value = "20108363101",
                 .country = "PE",
                 .label = "RUC #"},
                {.type = IdentifierType::kRegistration,
                 .value = "F01000003035",
                 .country = "US",
                 .label = "Business Registration Document #"}}));
}

// ---------------------------------------------------------------------------------------------
// The consolidated (non-SDN) list: cons_prim.csv + cons_add.csv + cons_alt.csv +
// cons_comments.csv.

TEST(OfacCsvConsolidatedTest, ReadsTheConsolidatedSet) {
  const std::string prim = ReadRealList("ofac/cons_prim.csv");
  const std::string add = ReadRealList("ofac/cons_add.csv");
  const std::string alt = ReadRealList("ofac/cons_alt.csv");
  const std::string comments = ReadRealList("ofac/cons_comments.csv");
  ParsedList list = ParseSet("us_ofac_cons", "cons_prim.csv", prim,
                             {{"add", "cons_add.csv", add},
                              {"alt", "cons_alt.csv", alt},
                              {"comments", "cons_comments.csv", comments}});
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities.size(), 442u);
  EXPECT_EQ(list.diagnostics.diagnostics().size(), 0u) << list.DiagnosticsText();
  EXPECT_EQ(CheckEntityInvariants(list, "us_ofac_cons"), "");
  EXPECT_EQ(list.metadata.published, "");
  std::map<Schema, int> counts = CountBySchema(list);
  EXPECT_EQ(counts[Schema::kPerson], 79);
  EXPECT_EQ(counts[Schema::kCompany], 357);
  EXPECT_EQ(counts[Schema::kOrganization], 6);

  // cons_prim.csv: 17014,"JOINT STOCK COMPANY RUSSIAN AGRICULTURAL BANK",-0- ,"UKRAINE-EO13662]
  // [RUSSIA-EO14024",...,"SWIFT/BIC RUAGRUMM; Website http://www.rshb.ru; Executive Order 13662
  // Directive Determination - Subject to Directive 1; Secondary sanctions risk: ...; Executive
  // Order 14024 Directive Information - For more information ...; Executive Order 14024
  // Directive Information Subject to Directive 3 - ...; Listing Date (EO 14024 Directive 3): 24
  // Feb 2022; Effective Date (EO 14024 Directive 3): 26 Mar 2022; Government Gazette Number
  // 52750822 (Russia); Registration Numbe"
  // cons_comments.csv: 17014,"r 1027700342890 (Russia); For more information on directives,
  // please visit the following link: http://www.treasury.gov/.../ukraine.aspx#directives.; a.k.a.
  // 'RUSAG'."
  const Entity* e = list.Find("us_ofac_cons:17014");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);
  EXPECT_EQ(
      e->names,
      (std::vector<Name>{
          {.full = "JOINT STOCK COMPANY RUSSIAN AGRICULTURAL BANK", .kind = NameKind::kPrimary},
          {.full = "RUSSIAN AGRICULTURAL BANK", .kind = NameKind::kStrongAlias},
          {.full = "RUSSIAN AGRICULTURAL BANK OPEN JOINT STOCK COMPANY",
           .kind = NameKind::kStrongAlias},
          {.full = "ROSSELKHOZBANK", .kind = NameKind::kStrongAlias},
          {.full = "RUSSIAN AGRICULTURAL BANK OJSC", .kind = NameKind::kStrongAlias},
          {.full = "RUSAG", .kind = NameKind::kWeakAlias}}));
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{
                {.type = IdentifierType::kBic, .value = "RUAGRUMM", .label = "SWIFT/BIC"},
                {.type = IdentifierType::kRegistration,
                 .value = "52750822",
                 .country = "RU",
                 .label = "Government Gazette Number"},
                // "Registration Numbe" + "r 1027700342890 (Russia)": 13 digits, Russian: OGRN.
                {.type = IdentifierType::kOgrn,
                 .value = "1027700342890",
                 .country = "RU",
                 .label = "Registration Number"}}));
  EXPECT_EQ(e->addresses,
            (std::vector<model::Address>{{.full = "3, Gagarinsky Pereulok, Moscow 119034, Russia",
                                          .street = "3, Gagarinsky Pereulok",
                                          .city = "Moscow 119034",
                                          .country_code = "RU",
                                          .country_text = "Russia"},
                                         {.full = "3 Gagarinsky per., Moscow 119034, Russia",
                                          .street = "3 Gagarinsky per.",
                                          .city = "Moscow 119034",
                                          .country_code = "RU",
                                          .country_text = "Russia"}}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{.code = "RU", .role = CountryRole::kAddressCountry}}));
  EXPECT_EQ(e->websites, (std::vector<std::string>{"http://www.rshb.ru"}));
  EXPECT_EQ(e->properties,
            (Properties{{"sourceUrl",
                         "http://www.treasury.gov/resource-center/sanctions/Programs/Pages/"
                         "ukraine.aspx#directives"}}));
  ASSERT_EQ(e->sanctions.size(), 2u);
  EXPECT_EQ(e->sanctions[0].program, "UKRAINE-EO13662");
  EXPECT_EQ(e->sanctions[1].program, "RUSSIA-EO14024");
  for (const Sanction& s : e->sanctions) {
    EXPECT_EQ(s.regime, Regime::kUs);
    EXPECT_EQ(s.authority, "OFAC");
    EXPECT_EQ(s.list, "Consolidated");
    EXPECT_TRUE(s.reason.starts_with(
        "Executive Order 13662 Directive Determination - Subject to Directive 1; Secondary "
        "sanctions risk: "))
        << s.reason;
    EXPECT_TRUE(s.reason.ends_with(
        "; Listing Date (EO 14024 Directive 3): 24 Feb 2022; Effective Date (EO 14024 Directive "
        "3): 26 Mar 2022"))
        << s.reason;
  }
  EXPECT_EQ(e->remarks, "");
}

// ---------------------------------------------------------------------------------------------
// Companions of another list version: the 2024 sdn.csv with the December 2025 companions.

TEST(OfacCsvMismatchedSetTest, CompanionRowsWithoutMainRecordAreWarnings) {
  const std::string dir = "ofac/2025-12_watchman_tfidf/";
  const std::string sdn = ReadRealList("ofac/sdn.csv");
  const std::string add = ReadRealList(dir + "add.csv");
  const std::string alt = ReadRealList(dir + "alt.csv");
  const std::string comments = ReadRealList(dir + "sdn_comments.csv");
  ParsedList list = ParseSet("us_ofac_sdn", "sdn.csv", sdn,
                             {{"add", "2025/add.csv", add},
                              {"alt", "2025/alt.csv", alt},
                              {"comments", "2025/sdn_comments.csv", comments}});
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  EXPECT_EQ(list.entities.size(), 14965u);
  EXPECT_EQ(list.diagnostics.error_count(), 0u);
  // One warning per companion row whose ent_num is newer than the 2024 list.
  std::map<std::string, int> by_file;
  for (const Diagnostic& d : list.diagnostics.diagnostics()) ++by_file[d.file];
  EXPECT_EQ(by_file["2025/add.csv"], 4893);
  EXPECT_EQ(by_file["2025/alt.csv"], 2460);
  EXPECT_EQ(by_file["2025/sdn_comments.csv"], 6);
  EXPECT_EQ(list.diagnostics.warning_count(), 4893u + 2460u + 6u);
  // 2025 sdn_comments.csv line 1: 17016 is in cons_prim.csv, not in the SDN list.
  const Diagnostic* d = FindDiagnostic(list, "2025/sdn_comments.csv", 1);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(d->record_id, "17016");
  EXPECT_NE(d->message.find("no record in sdn.csv"), std::string::npos) << d->message;
}

// ---------------------------------------------------------------------------------------------
// Hand-written fixtures (tests/data/ofac_csv/).

class OfacCsvFixtureTest : public testing::Test {
 protected:
  void SetUp() override {
    sdn_ = ReadFixture("ofac_csv/sdn.csv");
    add_ = ReadFixture("ofac_csv/add.csv");
    alt_ = ReadFixture("ofac_csv/alt.csv");
    comments_ = ReadFixture("ofac_csv/sdn_comments.csv");
    list_ = ParseSet("us_ofac_sdn", "sdn.csv", sdn_,
                     {{"add", "add.csv", add_},
                      {"alt", "alt.csv", alt_},
                      {"comments", "sdn_comments.csv", comments_}});
    ASSERT_TRUE(list_.status.ok()) << list_.status.ToString();
  }
  std::string sdn_, add_, alt_, comments_;
  ParsedList list_;
};

TEST_F(OfacCsvFixtureTest, PersonRemarksBecomeFields) {
  const Entity* e = list_.Find("us_ofac_sdn:100");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->names,
            (std::vector<Name>{{.full = "IVANOV, Ivan Ivanovich",
                                .kind = NameKind::kPrimary,
                                .given = "Ivan Ivanovich",
                                .family = "IVANOV"},
                               {.full = "IVANOV, Vanya",
                                .kind = NameKind::kStrongAlias,
                                .given = "Vanya",
                                .family = "IVANOV"},
                               // The ';' inside the quotes does not split the clause.
                               {.full = "VANYA; THE TERRIBLE", .kind = NameKind::kWeakAlias}}));
  EXPECT_EQ(e->titles, (std::vector<std::string>{"Deputy Minister of Energy"}));
  EXPECT_EQ(e->birth_dates, (std::vector<DateSpec>{{.date = Date(1971, 3, 21)},
                                                   {.date = Date(1962), .approximate = true}}));
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Moscow, Russia"}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{.code = "RU", .role = CountryRole::kAddressCountry},
                                     {.code = "RU", .role = CountryRole::kBirthCountry},
                                     {.code = "RU", .role = CountryRole::kNationality},
                                     {.code = "RU", .role = CountryRole::kCitizenship}}));
  EXPECT_EQ(e->gender, "male");
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{{.type = IdentifierType::kPassport,
                                      .value = "123456789",
                                      .country = "RU",
                                      .label = "Passport",
                                      .note = "issued 01 Jan 2015 expires 01 Jan 2025"},
                                     {.type = IdentifierType::kInn,
                                      .value = "770123456789",
                                      .country = "RU",
                                      .label = "Tax ID No."}}));
  EXPECT_EQ(e->addresses,
            (std::vector<model::Address>{{.full = "Tverskaya 1, Moscow 125009, Russia",
                                          .street = "Tverskaya 1",
                                          .city = "Moscow 125009",
                                          .country_code = "RU",
                                          .country_text = "Russia"}}));
  // "CO., LTD." keeps its dot: it is the record's name, not the end of the sentence.
  EXPECT_EQ(e->links, (std::vector<Link>{{.kind = LinkKind::kAssociate,
                                          .target_id = "200",
                                          .target_name = "ACME TRADING CO., LTD."}}));
  EXPECT_EQ(e->sanctions, (std::vector<Sanction>{OfacSanction("RUSSIA-EO14024", "SDN"),
                                                 OfacSanction("UKRAINE-EO13662", "SDN")}));
  // Free text no clause label claims stays, verbatim.
  EXPECT_EQ(e->remarks, "Member of the State Duma.");
}

TEST_F(OfacCsvFixtureTest, CompanyWithRegisterNumbersAndFormerNames) {
  const Entity* e = list_.Find("us_ofac_sdn:200");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);
  EXPECT_EQ(e->names,
            (std::vector<Name>{{.full = "ACME TRADING CO., LTD.", .kind = NameKind::kPrimary},
                               {.full = "ACME OOO", .kind = NameKind::kFormerName},
                               {.full = "ACME GLOBAL", .kind = NameKind::kStrongAlias},
                               {.full = "ACME LLC", .kind = NameKind::kFormerName}}));
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{{.type = IdentifierType::kOgrn,
                                                      .value = "1027700132195",
                                                      .country = "RU",
                                                      .label = "Registration Number"},
                                                     {.type = IdentifierType::kInn,
                                                      .value = "7707083893",
                                                      .country = "RU",
                                                      .label = "Tax ID No."},
                                                     {.type = IdentifierType::kLei,
                                                      .value = "2534001234567890AB12",
                                                      .label = "Legal Entity Number"}}));
  EXPECT_EQ(e->incorporation_dates, (std::vector<DateSpec>{{.date = Date(2003)}}));
  EXPECT_EQ(e->websites, (std::vector<std::string>{"www.acme.example"}));
  EXPECT_EQ(e->emails, (std::vector<std::string>{"info@acme.example"}));
  // An add.csv row with only a country is an address of that country.
  EXPECT_EQ(e->addresses, (std::vector<model::Address>{
                              {.full = "Russia", .country_code = "RU", .country_text = "Russia"}}));
  EXPECT_EQ(e->sanctions,
            (std::vector<Sanction>{OfacSanction(
                "RUSSIA-EO14024", "SDN",
                "Secondary sanctions risk: See Section 11 of Executive Order 14024")}));
}

TEST_F(OfacCsvFixtureTest, VesselColumnsAndOwner) {
  const Entity* e = list_.Find("us_ofac_sdn:300");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kVessel);
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{
                {.type = IdentifierType::kCallSign, .value = "9HAB4", .label = "Call Sign"},
                {.type = IdentifierType::kImo,
                 .value = "9187629",
                 .label = "Vessel Registration Identification"},
                {.type = IdentifierType::kMmsi, .value = "355123000", .label = "MMSI"}}));
  EXPECT_EQ(e->properties, (Properties{{"type", "Crude Oil Tanker"},
                                       {"tonnage", "150,000"},
                                       {"grossRegisteredTonnage", "81,225"},
                                       {"pastFlags", "MT"}}));
  EXPECT_EQ(e->countries,
            (std::vector<CountryRef>{{.code = "PA", .role = CountryRole::kFlag},
                                     {.code = "PA", .role = CountryRole::kAddressCountry}}));
  EXPECT_EQ(e->addresses, (std::vector<model::Address>{{.full = "Calle 50, Panama City, Panama",
                                                        .street = "Calle 50",
                                                        .city = "Panama City",
                                                        .country_code = "PA",
                                                        .country_text = "Panama",
                                                        .note = "Registered office"}}));
  EXPECT_EQ(
      e->links,
      (std::vector<Link>{
          {.kind = LinkKind::kOwnedBy, .target_name = "Acme Shipping S.A.", .note = "Vessel Owner"},
          {.kind = LinkKind::kAssociate,
           .target_id = "200",
           .target_name = "ACME TRADING CO., LTD."}}));
}

TEST_F(OfacCsvFixtureTest, AircraftParticulars) {
  const Entity* e = list_.Find("us_ofac_sdn:400");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kAircraft);
  EXPECT_EQ(e->identifiers,
            (std::vector<Identifier>{{.type = IdentifierType::kAircraftSerial,
                                      .value = "1234",
                                      .label = "Aircraft Manufacturer's Serial Number (MSN)"},
                                     {.type = IdentifierType::kAircraftTailNumber,
                                      .value = "EP-ABC",
                                      .label = "Aircraft Tail Number"}}));
  EXPECT_EQ(
      e->properties,
      (Properties{{"buildDate", "1994-03"}, {"model", "Airbus A300"}, {"operator", "MAHAN AIR"}}));
}

TEST_F(OfacCsvFixtureTest, CommentsRowContinuesAnAddressMidWord) {
  // sdn.csv ends "Digital Currency Address - XBT 1Abc"; sdn_comments.csv goes on "Def; ...".
  const Entity* e = list_.Find("us_ofac_sdn:500");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kOrganization);
  EXPECT_EQ(e->identifiers, (std::vector<Identifier>{{.type = IdentifierType::kCryptoAddress,
                                                      .value = "1AbcDef",
                                                      .label = "Digital Currency Address - XBT"}}));
  EXPECT_EQ(e->names[1], (Name{.full = "FOTS", .kind = NameKind::kWeakAlias}));
  ASSERT_EQ(e->links.size(), 1u);
  EXPECT_EQ(e->links[0].target_id, "200");
}

TEST_F(OfacCsvFixtureTest, CompanionRowsWithoutMainRecordAreWarningsWithFileAndLine) {
  EXPECT_EQ(list_.entities.size(), 5u);
  ASSERT_EQ(list_.diagnostics.diagnostics().size(), 2u) << list_.DiagnosticsText();
  EXPECT_EQ(list_.diagnostics.warning_count(), 2u);
  const Diagnostic* add = FindDiagnostic(list_, "add.csv", 4);
  ASSERT_NE(add, nullptr) << list_.DiagnosticsText();
  EXPECT_EQ(add->record_id, "999");
  const Diagnostic* alt = FindDiagnostic(list_, "alt.csv", 4);
  ASSERT_NE(alt, nullptr) << list_.DiagnosticsText();
  EXPECT_EQ(alt->record_id, "998");
  EXPECT_EQ(alt->ToString(),
            "alt.csv:4 [record 998] warning: alt row for ent_num 998, which has no record in "
            "sdn.csv; ignored");
}

TEST(OfacCsvDefectTest, DefectiveRowsAreReportedAndTheOthersStillComeOut) {
  const std::string bytes = ReadFixture("ofac_csv/defective_sdn.csv");
  ParsedList list = ParseSet("us_ofac_sdn", "defective_sdn.csv", bytes);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  ASSERT_EQ(list.entities.size(), 3u);
  EXPECT_EQ(list.entities[0].id, "us_ofac_sdn:10");
  EXPECT_EQ(list.entities[0].names[0].full, "GOOD ONE");
  EXPECT_EQ(list.entities[1].id, "us_ofac_sdn:14");
  EXPECT_EQ(list.entities[1].schema, Schema::kOrganization);
  EXPECT_EQ(list.entities[2].id, "us_ofac_sdn:15");
  EXPECT_EQ(CheckEntityInvariants(list, "us_ofac_sdn"), "");

  EXPECT_EQ(list.diagnostics.error_count(), 4u) << list.DiagnosticsText();
  EXPECT_EQ(list.diagnostics.warning_count(), 1u) << list.DiagnosticsText();
  struct Expected {
    int64_t line;
    Diagnostic::Severity severity;
    std::string record_id;
    std::string message_part;
  };
  const std::vector<Expected> expected = {
      {2, Diagnostic::Severity::kError, "11", "expected 12 fields"},
      {3, Diagnostic::Severity::kError, "", "ent_num 'X12'"},
      {4, Diagnostic::Severity::kError, "10", "repeats an earlier record"},
      {5, Diagnostic::Severity::kError, "13", "no SDN_Name"},
      {6, Diagnostic::Severity::kWarning, "14", "unknown SDN_Type 'submarine'"},
  };
  for (const Expected& x : expected) {
    const Diagnostic* d = FindDiagnostic(list, "defective_sdn.csv", x.line);
    ASSERT_NE(d, nullptr) << "line " << x.line << "\n" << list.DiagnosticsText();
    EXPECT_EQ(d->severity, x.severity) << d->ToString();
    EXPECT_EQ(d->record_id, x.record_id) << d->ToString();
    EXPECT_NE(d->message.find(x.message_part), std::string::npos) << d->ToString();
  }
}

TEST(OfacCsvDefectTest, FileCutInsideAQuotedFieldIsCorruption) {
  const std::string bytes = ReadFixture("ofac_csv/truncated_sdn.csv");
  ParsedList list = ParseSet("us_ofac_sdn", "sdn.csv", bytes);
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  // The record that starts on line 2 is never closed.
  EXPECT_NE(list.status.message().find("sdn.csv:2:"), std::string::npos) << list.status.ToString();
}

TEST(OfacCsvDefectTest, CompanionCutInsideAQuotedFieldIsCorruption) {
  const std::string sdn = ReadFixture("ofac_csv/sdn.csv");
  ParsedList list =
      ParseSet("us_ofac_sdn", "sdn.csv", sdn, {{"alt", "alt.csv", "100,10,\"aka\",\"IVANOV, Va"}});
  EXPECT_EQ(list.status.code(), StatusCode::kCorruption);
  EXPECT_NE(list.status.message().find("alt.csv:1:"), std::string::npos) << list.status.ToString();
}

TEST(OfacCsvDefectTest, EmptyOrForeignDocumentIsCorruption) {
  ParsedList empty = ParseSet("us_ofac_sdn", "sdn.csv", "\r\n\x1A");
  EXPECT_EQ(empty.status.code(), StatusCode::kCorruption);
  EXPECT_NE(empty.status.message().find("sdn.csv:1: empty file"), std::string::npos)
      << empty.status.ToString();

  ParsedList xml =
      ParseSet("us_ofac_sdn", "sdn.csv", "<?xml version=\"1.0\"?>\n<sdnList>\n</sdnList>\n");
  EXPECT_EQ(xml.status.code(), StatusCode::kCorruption);
  EXPECT_NE(xml.status.message().find("sdn.csv:1: not an OFAC"), std::string::npos)
      << xml.status.ToString();
  // A document that is not the format at all does not flood the sink with row errors.
  EXPECT_EQ(xml.diagnostics.diagnostics().size(), 0u);
  EXPECT_TRUE(xml.entities.empty());
}

TEST(OfacCsvEncodingTest, NonUtf8BytesAreReadAsWindows1252) {
  const std::string bytes = ReadFixture("ofac_csv/cp1252_sdn.csv");
  ParsedList list = ParseSet("us_ofac_sdn", "sdn.csv", bytes);
  ASSERT_TRUE(list.status.ok()) << list.status.ToString();
  ASSERT_EQ(list.entities.size(), 1u);
  EXPECT_EQ(list.entities[0].names[0], (Name{.full = "CAF\xC3\x89 DEL MAR, Jos\xC3\xA9",
                                             .kind = NameKind::kPrimary,
                                             .given = "Jos\xC3\xA9",
                                             .family = "CAF\xC3\x89 DEL MAR"}));
  EXPECT_EQ(CheckEntityInvariants(list, "us_ofac_sdn"), "");
}

TEST(OfacCsvListTest, ConsolidatedSourceNamesTheConsolidatedList) {
  const std::string sdn = ReadFixture("ofac_csv/sdn.csv");
  ParsedList list = ParseSet("us_ofac_cons", "cons_prim.csv", sdn);
  ASSERT_TRUE(list.status.ok());
  ASSERT_FALSE(list.entities.empty());
  for (const Entity& e : list.entities) {
    EXPECT_EQ(e.id.rfind("us_ofac_cons:", 0), 0u);
    for (const Sanction& s : e.sanctions) EXPECT_EQ(s.list, "Consolidated");
  }
}

TEST(OfacCsvListTest, RemarksOfOfacsFullLengthWithoutContinuationKeepTheLastClause) {
  // 1000 characters of remarks, the last clause cut: "DOB 19" must not become a date.
  std::string remarks = "a.k.a. 'LONG'";
  while (remarks.size() < 1000 - 8) remarks += "; Gender Male";
  remarks = remarks.substr(0, 1000 - 8) + "; DOB 19";
  ASSERT_EQ(remarks.size(), 1000u);
  const std::string row =
      "7,\"LONG NAME\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"" + remarks +
      "\"\r\n";
  ParsedList list = ParseSet("us_ofac_sdn", "sdn.csv", row);
  ASSERT_EQ(list.entities.size(), 1u);
  EXPECT_TRUE(list.entities[0].birth_dates.empty());
  EXPECT_EQ(list.entities[0].remarks.substr(list.entities[0].remarks.size() - 6), "DOB 19");
}

// ---------------------------------------------------------------------------------------------
// The Remarks reader on its own.

TEST(OfacRemarksTest, SplitsOnSemicolonsButNotInsideAliasQuotes) {
  EXPECT_EQ(SplitOfacRemarks("DOB 1960; a.k.a. 'A; B'; a.k.a. 'AL-MU'MININ'; Gender Male."),
            (std::vector<std::string_view>{"DOB 1960", "a.k.a. 'A; B'", "a.k.a. 'AL-MU'MININ'",
                                           "Gender Male."}));
  EXPECT_EQ(SplitOfacRemarks(""), std::vector<std::string_view>{});
  EXPECT_EQ(SplitOfacRemarks(" ; ;"), std::vector<std::string_view>{});
  // An alias whose quote never closes falls back to the plain split.
  EXPECT_EQ(SplitOfacRemarks("a.k.a. 'CUT; DOB 1960"),
            (std::vector<std::string_view>{"a.k.a. 'CUT", "DOB 1960"}));
}

TEST(OfacRemarksTest, DatesOfEveryShapeOfacWrites) {
  EXPECT_EQ(ParseOfacDate("21 Mar 1971"), (DateSpec{.date = Date(1971, 3, 21)}));
  EXPECT_EQ(ParseOfacDate("Mar 1971."), (DateSpec{.date = Date(1971, 3)}));
  EXPECT_EQ(ParseOfacDate("1971"), (DateSpec{.date = Date(1971)}));
  EXPECT_EQ(ParseOfacDate("circa 1951"), (DateSpec{.date = Date(1951), .approximate = true}));
  EXPECT_EQ(ParseOfacDate("1960 to 1962"), (DateSpec{.date = Date(1960), .until = Date(1962)}));
  EXPECT_EQ(ParseOfacDate("01 Jan 1961 to 31 Dec 1962"),
            (DateSpec{.date = Date(1961, 1, 1), .until = Date(1962, 12, 31)}));
  EXPECT_EQ(ParseOfacDate("circa 1979-1982"),
            (DateSpec{.date = Date(1979), .until = Date(1982), .approximate = true}));
  EXPECT_EQ(ParseOfacDate("the sixties"), (DateSpec{.text = "the sixties"}));
}

TEST(OfacRemarksTest, IdentifierCountryPlaceAndDatesAreSeparated) {
  Entity e;
  ApplyOfacRemarks(
      "Folio Mercantil No. 22839 (Jalisco) (Mexico) issued 14 Dec 2005; National ID No. "
      "D489833(9) (Hong Kong); Registration Number HRA 738077 (Stuttgart) (Germany); "
      "Passport issued in Sarajevo, Bosnia-Herzegovina; Vessel Registration Identification "
      "RS 150443 (Russia)",
      {}, e);
  EXPECT_EQ(e.identifiers,
            (std::vector<Identifier>{{.type = IdentifierType::kRegistration,
                                      .value = "22839",
                                      .country = "MX",
                                      .label = "Folio Mercantil No.",
                                      .note = "Jalisco; issued 14 Dec 2005"},
                                     {.type = IdentifierType::kNationalId,
                                      .value = "D489833(9)",
                                      .country = "HK",
                                      .label = "National ID No."},
                                     {.type = IdentifierType::kRegistration,
                                      .value = "HRA 738077",
                                      .country = "DE",
                                      .label = "Registration Number",
                                      .note = "Stuttgart"},
                                     {.type = IdentifierType::kRegistration,
                                      .value = "RS 150443",
                                      .country = "RU",
                                      .label = "Vessel Registration Identification"}}));
  // A passport clause with no number is prose.
  EXPECT_EQ(e.remarks, "Passport issued in Sarajevo, Bosnia-Herzegovina");
}

TEST(OfacRemarksTest, TargetTypeAndCommercialEvidenceForTheSchema) {
  Entity e;
  OfacRemarks facts = ApplyOfacRemarks("Target Type Government Entity", {}, e);
  EXPECT_EQ(facts.target_type_schema, Schema::kOrganization);
  EXPECT_FALSE(facts.commercial_evidence);
  Entity c;
  facts = ApplyOfacRemarks("Organization Type: Activities of holding companies", {}, c);
  EXPECT_FALSE(facts.target_type_schema.has_value());
  EXPECT_TRUE(facts.commercial_evidence);
  EXPECT_EQ(c.properties, (Properties{{"sector", "Activities of holding companies"}}));
}

TEST(OfacRemarksTest, OfacCountrySpellingsMap) {
  EXPECT_EQ(OfacCountryCode("Bosnia and Herzegovina"), "BA");
  EXPECT_EQ(OfacCountryCode("Korea, North"), "KP");
  EXPECT_EQ(OfacCountryCode("Man, Isle of"), "IM");
  EXPECT_EQ(OfacCountryCode("None Identified"), "");
  EXPECT_EQ(OfacCountryCode("Region: Gaza"), "PS");  // ISO 3166 files Gaza under PS
}

}  // namespace
}  // namespace cordon::ingest::internal
