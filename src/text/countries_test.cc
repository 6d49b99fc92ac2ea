#include "text/countries.h"

#include <gtest/gtest.h>

namespace cordon::text {
namespace {

TEST(CountriesTest, ListSpellings) {
  EXPECT_EQ(CountryCode("Russia"), "RU");
  EXPECT_EQ(CountryCode("Russian Federation"), "RU");
  EXPECT_EQ(CountryCode("Korea, North"), "KP");
  EXPECT_EQ(CountryCode("Democratic People's Republic of Korea"), "KP");
  EXPECT_EQ(CountryCode("Iran (Islamic Republic of)"), "IR");
  EXPECT_EQ(CountryCode("Democratic Republic of the Congo"), "CD");
  EXPECT_EQ(CountryCode("CUBA"), "CU");
  EXPECT_EQ(CountryCode("United Kingdom"), "GB");
  EXPECT_EQ(CountryCode("Côte d’Ivoire"), "CI");
  EXPECT_EQ(CountryCode("Türkiye"), "TR");
  EXPECT_EQ(CountryCode("the Bahamas"), "BS");
  EXPECT_EQ(CountryCode("Trinidad and Tobago"), "TT");
  EXPECT_EQ(CountryCode("Bosnia and Herzegovina"), "BA");
  EXPECT_EQ(CountryCode("Man, Isle of"), "IM");
  EXPECT_EQ(CountryCode("China, Hong Kong Special Administrative Region"), "HK");
  EXPECT_EQ(CountryCode("PRC"), "CN");
}

TEST(CountriesTest, CodesAndDemonyms) {
  EXPECT_EQ(CountryCode("ru"), "RU");
  EXPECT_EQ(CountryCode("RUS"), "RU");
  EXPECT_EQ(CountryCode("Iranian"), "IR");
  EXPECT_EQ(CountryCode("Atlantis"), "");
  EXPECT_EQ(CountryCode(""), "");
  EXPECT_EQ(CountryName("RU"), "Russia");
}

}  // namespace
}  // namespace cordon::text
