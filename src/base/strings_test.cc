#include "base/strings.h"

#include <gtest/gtest.h>

namespace cordon {
namespace {

TEST(StringsTest, SplitKeepsEmptyFields) {
  auto parts = Split("a;;b;", ';');
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[2], "b");
  EXPECT_EQ(parts[3], "");
}

TEST(StringsTest, SplitOnMultiCharSeparator) {
  auto parts = SplitOn("x; y; z", "; ");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[2], "z");
}

TEST(StringsTest, ParseIntRejectsTrailingJunk) {
  EXPECT_EQ(ParseInt("36"), 36);
  EXPECT_EQ(ParseInt("-4"), -4);
  EXPECT_FALSE(ParseInt("36a").has_value());
  EXPECT_FALSE(ParseInt("").has_value());
}

TEST(StringsTest, CollapseWhitespace) {
  EXPECT_EQ(CollapseWhitespace("  AL-QAHTANI \t Farooq  "), "AL-QAHTANI Farooq");
  EXPECT_EQ(StripWhitespace(" \r\n"), "");
}

TEST(StringsTest, CaseHelpers) {
  EXPECT_TRUE(EqualsIgnoreCase("Vessel", "VESSEL"));
  EXPECT_TRUE(StartsWithIgnoreCase("a.k.a. 'BNC'", "A.K.A."));
  EXPECT_EQ(AsciiUpper("imo 1234567"), "IMO 1234567");
}

}  // namespace
}  // namespace cordon
