#include "maritime/identity.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "base/file.h"

namespace cordon::maritime {
namespace {

TEST(ImoTest, CheckDigits) {
  EXPECT_TRUE(ImoCheckDigitValid(9383663));  // RUTH THERESA (libais test data)
  EXPECT_TRUE(ImoCheckDigitValid(9074729));  // the example in IMO resolution A.1117(30)
  EXPECT_FALSE(ImoCheckDigitValid(9383664));
  EXPECT_FALSE(ImoCheckDigitValid(0));
  EXPECT_FALSE(ImoCheckDigitValid(938366));    // six digits
  EXPECT_FALSE(ImoCheckDigitValid(93836630));  // eight
  EXPECT_EQ(ImoExpectedCheckDigit(9383664), 3);
  EXPECT_EQ(ImoExpectedCheckDigit(123), -1);
}

TEST(MmsiTest, MidOfShipStationsOnly) {
  EXPECT_EQ(MmsiMid(273123456), 273);
  EXPECT_EQ(MmsiMid(636091044), 636);
  EXPECT_EQ(MmsiMid(3669713), 0);    // 00MIDxxxx: a coast station (libais type 4 example)
  EXPECT_EQ(MmsiMid(970123456), 0);  // AIS-SART
  EXPECT_EQ(MmsiMid(992351000), 0);  // aid to navigation
  EXPECT_EQ(MmsiMid(111232506), 0);  // SAR aircraft
  EXPECT_EQ(MmsiMid(123456789), 0);
}

TEST(MidTableTest, BundledTableMapsEveryRowToIsoCodes) {
  Result<const MidTable*> table = MidTable::Bundled();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const MidTable& mids = **table;
  EXPECT_EQ(mids.size(), 289u);  // every row of libais docs/mid.csv
  std::set<std::string> codes;
  for (const MidCountry& c : mids.entries()) {
    EXPECT_EQ(c.code.size(), 2u) << c.name;
    EXPECT_EQ(c.sovereign.size(), 2u) << c.name;
    codes.insert(c.code);
  }
  EXPECT_GT(codes.size(), 200u);

  auto expect = [&](uint16_t mid, const char* code, const char* sovereign) {
    const MidCountry* c = mids.Find(mid);
    ASSERT_NE(c, nullptr) << mid;
    EXPECT_EQ(c->code, code) << c->name;
    EXPECT_EQ(c->sovereign, sovereign) << c->name;
  };
  expect(273, "RU", "RU");  // Russian Federation
  expect(636, "LR", "LR");  // Liberia (Republic of)
  expect(351, "PA", "PA");
  expect(626, "GA", "GA");  // Gabonese Republic
  expect(620, "KM", "KM");  // Comoros (Union of the)
  expect(613, "CM", "CM");
  expect(271, "TR", "TR");  // Turkey
  expect(204, "PT", "PT");  // Azores - Portugal
  expect(477, "HK", "CN");  // Hong Kong - China
  expect(306, "BQ", "NL");  // "Anilles" [sic], Bonaire, ... - Netherlands
  expect(236, "GI", "GB");
  expect(445, "KP", "KP");
  expect(341, "KN", "KN");
  EXPECT_EQ(mids.Find(217), nullptr);  // not allocated
  EXPECT_EQ(mids.FindForMmsi(3669713), nullptr);

  EXPECT_TRUE(FlagAgreesWithMid(*mids.Find(204), "pt"));
  EXPECT_TRUE(FlagAgreesWithMid(*mids.Find(477), "HK"));
  EXPECT_TRUE(FlagAgreesWithMid(*mids.Find(477), "CN"));
  EXPECT_FALSE(FlagAgreesWithMid(*mids.Find(273), "PA"));
}

TEST(MidTableTest, BundledFileIsTheLibaisTable) {
  // The bundled copy is unmodified: the same bytes as the shared test data when present.
  Result<std::string> shared = ReadFile(std::string(CORDON_SHARED_DATA) + "/ais/libais/mid.csv");
  if (!shared.ok()) GTEST_SKIP() << "no shared data";
  Result<std::string> bundled = ReadFile(std::string(CORDON_BUNDLED_DATA) + "/maritime/mid.csv");
  ASSERT_TRUE(bundled.ok());
  EXPECT_EQ(*bundled, *shared);
}

TEST(MidTableTest, ParseReportsBadRows) {
  EXPECT_TRUE(MidTable::Parse("prefix,country\n273,\"Russian Federation\"\n").ok());
  // A quoted comma is part of the name.
  Result<MidTable> quoted = MidTable::Parse(
      "prefix,country\n443,\"State of Palestine (In accordance with Resolution 99 Rev. "
      "Guadalajara, 2010)\"\n");
  ASSERT_TRUE(quoted.ok()) << quoted.status().ToString();
  EXPECT_EQ(quoted->Find(443)->code, "PS");
  Result<MidTable> bad_mid = MidTable::Parse("prefix,country\n27x,Russia\n");
  EXPECT_EQ(bad_mid.status().code(), StatusCode::kCorruption);
  EXPECT_NE(bad_mid.status().message().find("line 2"), std::string::npos);
  EXPECT_FALSE(MidTable::Parse("prefix,country\n273,Atlantis\n").ok());
  EXPECT_FALSE(MidTable::Parse("prefix,country\n273,Russia\n273,Russia\n").ok());
  EXPECT_FALSE(MidTable::Parse("prefix,country\n273\n").ok());
}

}  // namespace
}  // namespace cordon::maritime
