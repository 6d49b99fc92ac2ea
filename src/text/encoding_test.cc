#include "text/encoding.h"

#include <gtest/gtest.h>

namespace cordon::text {
namespace {

TEST(EncodingTest, Windows1252SmartQuotesAndAccents) {
  // 0x91/0x92 are curly single quotes, 0xE9 is e-acute in Windows-1252.
  Result<std::string> r = ToUtf8("Caf\xE9 \x91x\x92", "windows-1252");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "Caf\xC3\xA9 \xE2\x80\x98x\xE2\x80\x99");
  EXPECT_TRUE(IsValidUtf8(*r));
}

TEST(EncodingTest, DetectsInvalidUtf8) {
  EXPECT_FALSE(IsValidUtf8("Caf\xE9"));
  EXPECT_TRUE(IsValidUtf8("\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD"));  // Путин
}

TEST(EncodingTest, UnknownCharsetIsAnError) {
  EXPECT_FALSE(ToUtf8("abc", "no-such-charset").ok());
  EXPECT_EQ(StripUtf8Bom("\xEF\xBB\xBFx"), "x");
}

}  // namespace
}  // namespace cordon::text
