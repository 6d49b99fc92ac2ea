#include "model/ftm.h"

#include <gtest/gtest.h>

#include <set>

namespace cordon::model {
namespace {

// What the API writes for an identifier reads back as the same type: the one table works both
// ways.
TEST(FtmTest, IdentifierPropertiesReadBackAsTheTypeTheyWereWrittenFrom) {
  for (int t = 0; t <= static_cast<int>(IdentifierType::kOther); ++t) {
    const auto type = static_cast<IdentifierType>(t);
    // Wallets are FtM entities of their own; kOther has no property but idNumber.
    if (type == IdentifierType::kCryptoAddress || type == IdentifierType::kOther) continue;
    Schema schema = Schema::kCompany;
    if (type == IdentifierType::kNationalId || type == IdentifierType::kPassport) {
      schema = Schema::kPerson;
    }
    if (type == IdentifierType::kAircraftSerial || type == IdentifierType::kAircraftTailNumber) {
      schema = Schema::kAircraft;
    }
    const std::string_view property = FtmIdentifierProperty(type);
    std::optional<IdentifierType> read = FtmIdentifierType(property, schema);
    ASSERT_TRUE(read.has_value()) << property;
    EXPECT_EQ(*read, type) << property;
  }
}

TEST(FtmTest, IdNumberIsANationalIdOnlyForAPerson) {
  EXPECT_EQ(FtmIdentifierType("idNumber", Schema::kPerson), IdentifierType::kNationalId);
  EXPECT_EQ(FtmIdentifierType("idNumber", Schema::kCompany), IdentifierType::kOther);
  EXPECT_EQ(FtmIdentifierType("registrationNumber", Schema::kCompany),
            IdentifierType::kRegistration);
  EXPECT_EQ(FtmIdentifierType("vatCode", Schema::kCompany), IdentifierType::kTaxId);
  EXPECT_EQ(FtmIdentifierType("name", Schema::kPerson), std::nullopt);
  EXPECT_EQ(FtmIdentifierType("nationality", Schema::kPerson), std::nullopt);
}

TEST(FtmTest, QueriesLookIdentifiersUpAsTheListsFileThem) {
  EXPECT_EQ(FtmQueryIdentifierType("idNumber"), IdentifierType::kNationalId);
  EXPECT_EQ(FtmQueryIdentifierType("registrationNumber"), IdentifierType::kRegistration);
  EXPECT_EQ(FtmQueryIdentifierType("imoNumber"), IdentifierType::kImo);
  EXPECT_EQ(FtmQueryIdentifierType("name"), std::nullopt);
  for (std::string_view property : FtmIdentifierProperties()) {
    EXPECT_TRUE(FtmQueryIdentifierType(property).has_value()) << property;
  }
}

TEST(FtmTest, EveryListedIdentifierPropertyHasATypeAndAppearsOnce) {
  std::set<std::string_view> seen;
  for (std::string_view property : FtmIdentifierProperties()) {
    EXPECT_TRUE(seen.insert(property).second) << property;
    EXPECT_TRUE(FtmIdentifierType(property, Schema::kLegalEntity).has_value()) << property;
  }
  EXPECT_TRUE(seen.contains("imoNumber"));
  EXPECT_TRUE(seen.contains("idNumber"));
}

TEST(FtmTest, CountryPropertiesReadBackAsTheRoleTheyWereWrittenFrom) {
  for (const FtmCountryReading& reading : FtmCountryProperties()) {
    if (reading.role == CountryRole::kOther) {
      EXPECT_TRUE(reading.property == "country" || reading.property == "mainCountry");
      continue;
    }
    EXPECT_EQ(FtmCountryProperty(reading.role, Schema::kPerson), reading.property);
  }
}

}  // namespace
}  // namespace cordon::model
