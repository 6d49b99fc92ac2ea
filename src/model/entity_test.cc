#include "model/entity.h"

#include <gtest/gtest.h>

namespace cordon::model {
namespace {

TEST(PartialDateTest, IsoForms) {
  EXPECT_EQ(PartialDate::FromIso("1971")->ToIso(), "1971");
  EXPECT_EQ(PartialDate::FromIso("1971-03")->ToIso(), "1971-03");
  EXPECT_EQ(PartialDate::FromIso("2026-02-27T00:00:09.554Z")->ToIso(), "2026-02-27");
  EXPECT_FALSE(PartialDate::FromIso("71-03-01").has_value());
  EXPECT_FALSE(PartialDate::FromIso("1971-13-01").has_value());
  EXPECT_FALSE(PartialDate::FromIso("1971-02-29").has_value());
  EXPECT_TRUE(PartialDate::FromIso("1972-02-29").has_value());
  EXPECT_FALSE(PartialDate::FromIso("1971-04-31").has_value());
}

TEST(PartialDateTest, SlashedWithUnknownParts) {
  EXPECT_EQ(PartialDate::FromSlashed("00/00/1980", true)->ToIso(), "1980");
  EXPECT_EQ(PartialDate::FromSlashed("01/04/2016", true)->ToIso(), "2016-04-01");
  EXPECT_EQ(PartialDate::FromSlashed("04/06/2018", false)->ToIso(), "2018-04-06");
  EXPECT_FALSE(PartialDate::FromSlashed("1/2", true).has_value());
}

TEST(PartialDateTest, OfacTextForms) {
  EXPECT_EQ(PartialDate::FromText("21 Mar 1971")->ToIso(), "1971-03-21");
  EXPECT_EQ(PartialDate::FromText("Mar 1971")->ToIso(), "1971-03");
  EXPECT_EQ(PartialDate::FromText("circa 1962")->ToIso(), "1962");
  EXPECT_FALSE(PartialDate::FromText("1960 to 1962").has_value());
  EXPECT_FALSE(PartialDate::FromText("unknown").has_value());
}

TEST(PartialDateTest, OrderingIsChronological) {
  EXPECT_LT(*PartialDate::FromIso("1971"), *PartialDate::FromIso("1971-01"));
  EXPECT_LT(*PartialDate::FromIso("1970-12-31"), *PartialDate::FromIso("1971"));
}

TEST(EntityTest, EnumNamesRoundTrip) {
  for (int v = 0; v <= static_cast<int>(IdentifierType::kOther); ++v) {
    auto type = static_cast<IdentifierType>(v);
    EXPECT_EQ(IdentifierTypeFromName(IdentifierTypeName(type)), type);
  }
  EXPECT_EQ(SchemaFromName("vessel"), Schema::kVessel);
  EXPECT_EQ(RegimeFromName("UK"), Regime::kUk);
  EXPECT_FALSE(RegimeFromName("mars").has_value());
}

TEST(EntityTest, AddNameAndCountryDeduplicate) {
  Entity e;
  AddName(e, {.full = "CIMEX"});
  AddName(e, {.full = "CIMEX"});
  AddName(e, {.full = "CIMEX", .kind = NameKind::kStrongAlias});
  EXPECT_EQ(e.names.size(), 2u);
  AddCountry(e, "CU", CountryRole::kAddressCountry);
  AddCountry(e, "CU", CountryRole::kAddressCountry);
  AddCountry(e, "CU", CountryRole::kNationality);
  EXPECT_EQ(e.countries.size(), 2u);
  EXPECT_EQ(e.caption(), "CIMEX");
}

}  // namespace
}  // namespace cordon::model
