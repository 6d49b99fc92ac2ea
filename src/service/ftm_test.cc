// Tests of the FtM mapping: queries as yente's clients send them, and the properties of real
// entities from the bundled UN and OFAC SDN lists.
#include "service/ftm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "base/file.h"
#include "ingest/diagnostics.h"
#include "ingest/registry.h"
#include "model/ftm.h"

namespace cordon::service {
namespace {

using Json = nlohmann::json;
using model::FtmProperties;

const std::string kLists = std::string(CORDON_BUNDLED_DATA) + "/lists/";

// Every entity of one bundled list file, by id, parsed as `cordon ingest` would parse it.
std::map<std::string, model::Entity> LoadList(const std::string& relative_path) {
  std::map<std::string, model::Entity> out;
  Result<std::string> bytes = ReadFile(kLists + relative_path);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  if (!bytes.ok()) return out;
  Result<std::string> plain = MaybeDecompress(std::move(*bytes), relative_path);
  EXPECT_TRUE(plain.ok()) << plain.status().ToString();
  if (!plain.ok()) return out;
  std::string name = relative_path.substr(relative_path.rfind('/') + 1);
  if (name.ends_with(".zst")) name.resize(name.size() - 4);
  const std::vector<ingest::InputFile> files = {{name, *plain}};
  Result<std::vector<ingest::PlannedDocument>> plan = ingest::PlanDocuments(files, "");
  EXPECT_TRUE(plan.ok()) << plan.status().ToString();
  if (!plan.ok()) return out;
  for (const ingest::PlannedDocument& doc : *plan) {
    std::unique_ptr<ingest::ListParser> parser = ingest::MakeParser(doc.format);
    EXPECT_NE(parser, nullptr) << doc.format;
    if (parser == nullptr) continue;
    ingest::CollectingDiagnosticSink sink;
    Result<ingest::ListMetadata> meta = parser->Parse(
        doc.document, doc.source,
        [&out](model::Entity&& e) {
          std::string id = e.id;
          out.emplace(std::move(id), std::move(e));
        },
        &sink);
    EXPECT_TRUE(meta.ok()) << meta.status().ToString();
  }
  return out;
}

// Parsing the UN and SDN lists takes a while; every test shares one copy of each.
const std::map<std::string, model::Entity>& UnEntities() {
  static const auto* const entities =
      new std::map<std::string, model::Entity>(LoadList("un/UN_consolidated.xml.zst"));
  return *entities;
}
const std::map<std::string, model::Entity>& SdnEntities() {
  static const auto* const entities =
      new std::map<std::string, model::Entity>(LoadList("ofac/sdn.csv.zst"));
  return *entities;
}

const model::Entity& Get(const std::map<std::string, model::Entity>& entities,
                         const std::string& id) {
  auto it = entities.find(id);
  if (it == entities.end()) {
    ADD_FAILURE() << id << " is not in the list";
    static const model::Entity kEmpty;
    return kEmpty;
  }
  return it->second;
}

std::vector<std::string> Values(const nlohmann::ordered_json& properties, const char* name) {
  std::vector<std::string> out;
  auto it = properties.find(name);
  if (it == properties.end()) return out;
  for (const auto& v : *it) out.push_back(v.get<std::string>());
  return out;
}

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool HasIdentifier(const match::Query& query, model::IdentifierType type,
                   const std::string& value) {
  return std::any_of(
      query.identifiers.begin(), query.identifiers.end(),
      [&](const model::Identifier& id) { return id.type == type && id.value == value; });
}

Result<match::Query> Read(const std::string& json_text) {
  return QueryFromFtm(Json::parse(json_text), "queries.q1");
}

// --- QueryFromFtm ---

TEST(QueryFromFtmTest, ReadsAYenteQuery) {
  Result<match::Query> query = Read(R"({"schema": "Person", "properties": {
      "name": ["Vladimir Putin"], "alias": ["Путин Владимир"], "previousName": "V. V. Putin",
      "birthDate": ["1952-10-07"], "nationality": ["ru"], "country": ["Russia"],
      "passportNumber": ["  RU 123  "], "innCode": [7700000000]}})");
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  EXPECT_EQ(query->schema, model::Schema::kPerson);
  EXPECT_EQ(query->names,
            (std::vector<std::string>{"Vladimir Putin", "Путин Владимир", "V. V. Putin"}));
  ASSERT_EQ(query->birth_dates.size(), 1u);
  EXPECT_EQ(query->birth_dates[0].ToIso(), "1952-10-07");
  // "ru" and "Russia" are one country.
  EXPECT_EQ(query->countries, std::vector<std::string>{"RU"});
  EXPECT_TRUE(HasIdentifier(*query, model::IdentifierType::kPassport, "RU 123"));
  // A number where a string belongs is read as its digits, as an IMO often is.
  EXPECT_TRUE(HasIdentifier(*query, model::IdentifierType::kInn, "7700000000"));
  EXPECT_TRUE(query->warnings.empty());
}

TEST(QueryFromFtmTest, JoinsNamePartsOnlyWhenThereIsNoName) {
  Result<match::Query> parts = Read(
      R"({"schema": "Person", "properties": {"firstName": ["Doku"], "lastName": ["Umarov"]}})");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  EXPECT_EQ(parts->names, std::vector<std::string>{"Doku Umarov"});

  Result<match::Query> named = Read(R"({"properties": {"name": ["Dokka Umarov"],
      "firstName": ["Doku"], "lastName": ["Umarov"]}})");
  ASSERT_TRUE(named.ok()) << named.status().ToString();
  EXPECT_EQ(named->names, std::vector<std::string>{"Dokka Umarov"});
}

TEST(QueryFromFtmTest, ReadsVesselIdentifiersWithoutAName) {
  Result<match::Query> query =
      Read(R"({"schema": "Vessel", "properties": {"imoNumber": ["9187629"], "flag": ["ir"]}})");
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  EXPECT_EQ(query->schema, model::Schema::kVessel);
  EXPECT_TRUE(query->names.empty());
  EXPECT_TRUE(HasIdentifier(*query, model::IdentifierType::kImo, "9187629"));
  EXPECT_EQ(query->countries, std::vector<std::string>{"IR"});
}

TEST(QueryFromFtmTest, ReadsAPropertyMapWithoutProperties) {
  // An object without "properties" is the property map itself, as in `cordon screen`.
  Result<match::Query> query = Read(R"({"name": "Dokka Umarov", "birthDate": "1964"})");
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  EXPECT_EQ(query->names, std::vector<std::string>{"Dokka Umarov"});
  ASSERT_EQ(query->birth_dates.size(), 1u);
  EXPECT_EQ(query->birth_dates[0].ToIso(), "1964");
  // A birth date makes it a person.
  EXPECT_EQ(query->schema, model::Schema::kPerson);
}

TEST(QueryFromFtmTest, ABadBirthDateIsAWarningNotAnError) {
  Result<match::Query> query =
      Read(R"({"schema": "Person", "properties": {"name": ["Vladimir Putin"],
                "birthDate": ["1952-13-01", "1952-10-07"]}})");
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_EQ(query->birth_dates.size(), 1u);
  EXPECT_EQ(query->birth_dates[0].ToIso(), "1952-10-07");
  ASSERT_EQ(query->warnings.size(), 1u);
  const std::string& warning = query->warnings[0];
  EXPECT_EQ(warning.rfind("queries.q1", 0), 0u) << warning;
  EXPECT_NE(warning.find("properties.birthDate"), std::string::npos) << warning;
  EXPECT_NE(warning.find("'1952-13-01' is not a date"), std::string::npos) << warning;
}

TEST(QueryFromFtmTest, AnUnknownCountryIsAWarning) {
  Result<match::Query> query =
      Read(R"({"properties": {"name": ["Acme"], "country": ["Atlantis", "de"]}})");
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  EXPECT_EQ(query->countries, std::vector<std::string>{"DE"});
  ASSERT_EQ(query->warnings.size(), 1u);
  EXPECT_NE(query->warnings[0].find("'Atlantis'"), std::string::npos) << query->warnings[0];
}

TEST(QueryFromFtmTest, ANonObjectIsInvalid) {
  for (const char* text : {R"("Vladimir Putin")", "[]", "null", "42", "true"}) {
    Result<match::Query> query = QueryFromFtm(Json::parse(text), "queries.q7");
    ASSERT_FALSE(query.ok()) << text;
    EXPECT_EQ(query.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(query.status().message().rfind("queries.q7:", 0), 0u) << query.status().message();
  }
}

TEST(QueryFromFtmTest, ErrorsNameTheQueryWithoutALineNumber) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      // no name and no identifier
      {R"({"schema": "Person", "properties": {"birthDate": ["1952-10-07"]}})", "no name"},
      {R"({})", "no name"},
      {R"({"schema": "Spaceship", "properties": {"name": ["X"]}})", "Spaceship"},
      {R"({"properties": ["X"]})", "properties"},
      {R"({"properties": {"name": [{"first": "X"}]}})", "properties.name"},
      {R"({"properties": {"name": ["X"], "imoNumber": [true]}})", "properties.imoNumber"},
  };
  for (const auto& [text, words] : cases) {
    Result<match::Query> query = Read(text);
    ASSERT_FALSE(query.ok()) << text;
    EXPECT_EQ(query.status().code(), StatusCode::kInvalidArgument) << text;
    const std::string message = query.status().message();
    EXPECT_EQ(message.rfind("queries.q1: ", 0), 0u) << message;
    EXPECT_EQ(message.find(":1:"), std::string::npos) << message;
    EXPECT_NE(message.find(words), std::string::npos) << message;
  }
}

TEST(QueryFromFtmTest, NamesThatSpanLinesStayOneQuery) {
  // The reader reads JSON lines; a name with a line break must not split the query.
  Json value;
  value["properties"]["name"] = {"Doku\nUmarov"};
  value["properties"]["alias"] = {"\n"};
  Result<match::Query> query = QueryFromFtm(value, "queries.q1");
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  EXPECT_EQ(query->names, std::vector<std::string>{"Doku Umarov"});
}

TEST(QueryFromFtmTest, InvalidUtf8DoesNotThrow) {
  Json value;
  value["properties"]["name"] = {std::string("Doku \xFF\xFE Umarov")};
  Result<match::Query> query = QueryFromFtm(value, "queries.q1");
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_EQ(query->names.size(), 1u);
  EXPECT_EQ(query->names[0].find('\xFF'), std::string::npos);
}

// --- FtmProperties on real entities ---

TEST(FtmPropertiesTest, UnIndividual) {
  const model::Entity& umarov = Get(UnEntities(), "un_sc:2960872");
  const nlohmann::ordered_json p = FtmProperties(umarov);
  const std::vector<std::string> names = Values(p, "name");
  EXPECT_TRUE(Contains(names, "Умаров Доку Хаматович")) << p.dump();
  EXPECT_TRUE(std::any_of(names.begin(), names.end(), [](const std::string& n) {
    return n.find("DOKU") != std::string::npos && n.find("UMAROV") != std::string::npos;
  })) << p.dump();
  EXPECT_TRUE(Contains(Values(p, "alias"), "Dokka Umarov")) << p.dump();
  const std::vector<std::string> birth_dates = Values(p, "birthDate");
  for (const char* date : {"1964-04-13", "1965-04-13", "1964-05-12", "1955"}) {
    EXPECT_TRUE(Contains(birth_dates, date)) << date << " in " << p.dump();
  }
  EXPECT_TRUE(Contains(Values(p, "passportNumber"), "96 03 464086")) << p.dump();
  EXPECT_TRUE(Contains(Values(p, "nationality"), "ru")) << p.dump();
  EXPECT_FALSE(Values(p, "program").empty()) << p.dump();
  EXPECT_EQ(Values(p, "topics"), std::vector<std::string>{"sanction"});
  EXPECT_NE(p.value("notes", Json::array()).dump().find("INTERPOL"), std::string::npos);
  // Empty properties are left out, and every value is a non-empty array of distinct strings.
  EXPECT_FALSE(p.contains("imoNumber"));
  for (const auto& [property, values] : p.items()) {
    ASSERT_TRUE(values.is_array()) << property;
    EXPECT_FALSE(values.empty()) << property;
    std::vector<std::string> seen;
    for (const auto& v : values) {
      ASSERT_TRUE(v.is_string()) << property;
      EXPECT_FALSE(v.get<std::string>().empty()) << property;
      EXPECT_FALSE(Contains(seen, v.get<std::string>())) << property << " repeats " << v;
      seen.push_back(v.get<std::string>());
    }
  }
}

TEST(FtmPropertiesTest, OfacVessel) {
  const model::Entity& artavil = Get(SdnEntities(), "us_ofac_sdn:15036");
  ASSERT_EQ(artavil.schema, model::Schema::kVessel);
  const nlohmann::ordered_json p = FtmProperties(artavil);
  EXPECT_EQ(Values(p, "name"), std::vector<std::string>{"ARTAVIL"}) << p.dump();
  EXPECT_TRUE(Contains(Values(p, "imoNumber"), "9187629")) << p.dump();
  EXPECT_TRUE(Contains(Values(p, "mmsi"), "572469210")) << p.dump();
  EXPECT_TRUE(Contains(Values(p, "flag"), "ir")) << p.dump();
  EXPECT_TRUE(Contains(Values(p, "previousName"), "ALPHA")) << p.dump();
  EXPECT_TRUE(Contains(Values(p, "program"), "IRAN")) << p.dump();
  EXPECT_EQ(Values(p, "topics"), std::vector<std::string>{"sanction"});
  // A vessel has no nationality or birth date.
  EXPECT_FALSE(p.contains("nationality")) << p.dump();
  EXPECT_FALSE(p.contains("birthDate")) << p.dump();
}

TEST(FtmPropertiesTest, CompanyIdentifiers) {
  const model::Entity& aeroscan = Get(SdnEntities(), "us_ofac_sdn:45953");
  const nlohmann::ordered_json p = FtmProperties(aeroscan);
  EXPECT_EQ(Values(p, "name"), std::vector<std::string>{"LIMITED LIABILITY COMPANY AEROSCAN"});
  const std::string all = p.dump();
  EXPECT_NE(all.find("5603045794"), std::string::npos) << all;
  EXPECT_NE(all.find("1175658025179"), std::string::npos) << all;
}

// FtmProperties fed back through QueryFromFtm: a result's properties, sent again as a query,
// ask about the same entity.
void ExpectRoundTrip(const model::Entity& entity) {
  SCOPED_TRACE(entity.id);
  Json query_json;
  query_json["schema"] = model::SchemaName(entity.schema);
  query_json["properties"] = Json::parse(FtmProperties(entity).dump());
  Result<match::Query> query = QueryFromFtm(query_json, "queries.q1");
  ASSERT_TRUE(query.ok()) << query.status().ToString() << "\n" << query_json.dump();
  EXPECT_EQ(query->schema, entity.schema);
  for (const model::Name& name : entity.names) {
    // Weak aliases are not query names: yente's queries read name, alias and previousName.
    if (name.kind == model::NameKind::kWeakAlias) continue;
    EXPECT_TRUE(Contains(query->names, name.full)) << name.full;
  }
  for (const model::Identifier& id : entity.identifiers) {
    switch (id.type) {
      case model::IdentifierType::kImo:
      case model::IdentifierType::kMmsi:
      case model::IdentifierType::kCallSign:
      case model::IdentifierType::kPassport:
      case model::IdentifierType::kNationalId:
      case model::IdentifierType::kInn:
      case model::IdentifierType::kOgrn:
      case model::IdentifierType::kTaxId:
      case model::IdentifierType::kLei:
      case model::IdentifierType::kBic:
      case model::IdentifierType::kRegistration:
        EXPECT_TRUE(HasIdentifier(*query, id.type, id.value))
            << id.value << " (" << id.label << ")";
        break;
      default:
        break;  // FtM properties a query does not read (cryptoWallet, serialNumber)
    }
  }
  for (const model::DateSpec& d : entity.birth_dates) {
    if (d.date.empty() || !d.text.empty()) continue;
    EXPECT_NE(std::find(query->birth_dates.begin(), query->birth_dates.end(), d.date),
              query->birth_dates.end())
        << d.date.ToIso();
  }
  for (const model::CountryRef& c : entity.countries) {
    if (c.code.empty() || c.role == model::CountryRole::kBirthCountry) continue;
    EXPECT_TRUE(Contains(query->countries, c.code)) << c.code;
  }
}

TEST(FtmPropertiesTest, RoundTripsThroughQueryFromFtm) {
  ExpectRoundTrip(Get(UnEntities(), "un_sc:2960872"));
  ExpectRoundTrip(Get(SdnEntities(), "us_ofac_sdn:15036"));
  ExpectRoundTrip(Get(SdnEntities(), "us_ofac_sdn:45953"));
  ExpectRoundTrip(Get(SdnEntities(), "us_ofac_sdn:45947"));
}

TEST(FtmPropertiesTest, EveryUnAndSdnEntityRoundTrips) {
  ASSERT_GT(UnEntities().size(), 900u);
  ASSERT_GT(SdnEntities().size(), 14000u);
  for (const auto* entities : {&UnEntities(), &SdnEntities()}) {
    for (const auto& [id, entity] : *entities) {
      ExpectRoundTrip(entity);
      if (HasFailure()) return;  // one entity's failures say enough
    }
  }
}

// yente's "Thing" is any kind of entity (docs/api.md).
TEST(QueryFromFtmTest, ThingMatchesAnyKindOfEntity) {
  Result<match::Query> query =
      Read(R"({"schema": "Thing", "properties": {"name": ["Dokka Umarov"]}})");
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  EXPECT_FALSE(query->schema.has_value());
  EXPECT_EQ(query->names, std::vector<std::string>{"Dokka Umarov"});
}

// Warnings name the query as errors do, without the reader's line number ("queries.q1:1:").
TEST(QueryFromFtmTest, WarningsNameTheQueryWithoutALineNumber) {
  Result<match::Query> query = Read(
      R"({"properties": {"name": ["X"], "birthDate": ["1952-13-01"], "country": ["Atlantis"]}})");
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_EQ(query->warnings.size(), 2u);
  for (const std::string& warning : query->warnings) {
    EXPECT_EQ(warning.rfind("queries.q1", 0), 0u) << warning;
    EXPECT_EQ(warning.find(":1:"), std::string::npos) << warning;
  }
}

// 200 KB (under the server's 1 MiB body limit) nesting arrays 100,000 deep in a property the
// reader ignores: serialising it recursively would overflow the stack and take the server
// down, so it is refused before anything recursive touches it.
TEST(QueryFromFtmTest, DeeplyNestedValuesDoNotCrash) {
  constexpr size_t kDepth = 100000;
  const std::string text = R"({"properties": {"name": ["X"], "notes": )" +
                           std::string(kDepth, '[') + std::string(kDepth, ']') + "}}";
  const Json value = Json::parse(text, nullptr, false);
  ASSERT_FALSE(value.is_discarded());
  Result<match::Query> query = QueryFromFtm(value, "queries.q1");
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(query.status().message().find("nested deeper than"), std::string::npos);
}

TEST(TextNestedDeeperThanTest, CountsBracketsOutsideStrings) {
  EXPECT_FALSE(TextNestedDeeperThan(R"({"a": [1, {"b": 2}]})", 3));
  EXPECT_TRUE(TextNestedDeeperThan(R"({"a": [1, {"b": 2}]})", 2));
  // Brackets inside strings, escaped quotes included, do not count.
  EXPECT_FALSE(TextNestedDeeperThan(R"({"a": "[[[{{{\"[[["})", 1));
  EXPECT_TRUE(TextNestedDeeperThan(std::string(100000, '[') + std::string(100000, ']'), 16));
  // It agrees with the check on parsed values.
  const std::string text = R"({"q": {"properties": {"name": [["x"]]}}})";
  for (size_t depth = 1; depth < 7; ++depth) {
    EXPECT_EQ(TextNestedDeeperThan(text, depth), NestedDeeperThan(Json::parse(text), depth))
        << depth;
  }
}

}  // namespace
}  // namespace cordon::service
