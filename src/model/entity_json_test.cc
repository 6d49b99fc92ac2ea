#include "model/entity_json.h"

#include <gtest/gtest.h>

namespace cordon::model {
namespace {

Entity SampleVessel() {
  Entity e;
  e.id = "us_ofac_sdn:15036";
  e.schema = Schema::kVessel;
  e.provenance = {"us_ofac_sdn", "15036", "ofac-legacy-csv"};
  e.names.push_back({.full = "SEA SHARK", .kind = NameKind::kPrimary});
  e.names.push_back({.full = "SHARK", .kind = NameKind::kFormerName});
  e.identifiers.push_back({.type = IdentifierType::kImo, .value = "9187629"});
  e.identifiers.push_back({.type = IdentifierType::kMmsi, .value = "273449240"});
  e.countries.push_back({"RU", CountryRole::kFlag, ""});
  e.sanctions.push_back({.regime = Regime::kUs,
                         .authority = "OFAC",
                         .program = "RUSSIA-EO14024",
                         .list = "SDN",
                         .listed_on = *PartialDate::FromIso("2023-02-24")});
  e.links.push_back({.kind = LinkKind::kOwnedBy, .target_name = "SOVCOMFLOT"});
  e.properties.emplace_back("type", "Crude Oil Tanker");
  e.birth_dates.push_back({.date = *PartialDate::FromIso("1960"),
                           .until = *PartialDate::FromIso("1962"),
                           .approximate = true});
  return e;
}

TEST(EntityJsonTest, RoundTripsEveryField) {
  Entity e = SampleVessel();
  std::string json = EntityToJson(e);
  Result<Entity> back = EntityFromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, e);
  EXPECT_EQ(EntityToJson(*back), json);  // canonical: same bytes again
}

TEST(EntityJsonTest, LeavesOutEmptyFields) {
  Entity e;
  e.id = "x:1";
  EXPECT_EQ(EntityToJson(e), R"({"id":"x:1","schema":"LegalEntity","provenance":{}})");
}

TEST(EntityJsonTest, BadDocumentsNameTheField) {
  EXPECT_FALSE(EntityFromJson("[]").ok());
  EXPECT_FALSE(EntityFromJson("{").ok());
  Result<Entity> r = EntityFromJson(R"({"id":"x","schema":"Spaceship"})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("schema"), std::string::npos);
}

}  // namespace
}  // namespace cordon::model
