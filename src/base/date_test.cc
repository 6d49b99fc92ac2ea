#include "base/date.h"

#include <gtest/gtest.h>

namespace cordon {
namespace {

TEST(DateTest, ParsesIsoDays) {
  Result<Date> date = Date::Parse("2024-02-29");
  ASSERT_TRUE(date.ok()) << date.status().ToString();
  EXPECT_EQ(date->yyyymmdd(), 20240229);
  EXPECT_EQ(date->ToIso(), "2024-02-29");
  EXPECT_EQ(date->year(), 2024);
  EXPECT_EQ(date->month(), 2);
  EXPECT_EQ(date->day(), 29);
}

TEST(DateTest, RefusesWhatIsNotADay) {
  for (const char* text : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "2024-1-5",
                           "2024-01", "20240101", "", "2024-01-01x", "abcd-ef-gh", "0000-01-01"}) {
    Result<Date> date = Date::Parse(text);
    ASSERT_FALSE(date.ok()) << text;
    EXPECT_EQ(date.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(date.status().message().find(std::string("'") + text + "'"), std::string::npos)
        << date.status().message();
  }
}

TEST(DateTest, OrdersByDay) {
  EXPECT_LT(Date::FromYmd(2024, 7, 2), Date::FromYmd(2024, 7, 3));
  EXPECT_LT(Date::FromYmd(2023, 12, 31), Date::FromYmd(2024, 1, 1));
  EXPECT_EQ(*Date::Parse("2025-01-01"), Date::FromYmd(2025, 1, 1));
  EXPECT_GE(Date::Today(), Date::FromYmd(2026, 1, 1));
}

}  // namespace
}  // namespace cordon
