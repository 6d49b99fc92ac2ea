#include "text/japanese.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace cordon::text {
namespace {

TEST(JapaneseTest, KanjiNamesReadTheJapaneseWay) {
  EXPECT_EQ(JapaneseReading("山田太郎"), "yamada tarou");
  EXPECT_EQ(JapaneseReading("鈴木 一郎"), "suzuki ichirou");
}

TEST(JapaneseTest, KanaIsReadWithItsLongVowelsWrittenOut) {
  // "ウラジーミル・プーチン": KAKASI marks the long vowels, which are already written.
  const std::string reading = JapaneseReading("ウラジーミル・プーチン");
  EXPECT_NE(reading.find("urajimiru"), std::string::npos) << reading;
  EXPECT_NE(reading.find("puchin"), std::string::npos) << reading;
}

TEST(JapaneseTest, WhatIsNotJapaneseWritingHasNoJapaneseReading) {
  EXPECT_EQ(JapaneseReading("习近平"), "");  // simplified characters: not in JIS X 0208
  EXPECT_EQ(JapaneseReading("김정은"), "");
  EXPECT_EQ(JapaneseReading("Yamada Taro"), "");
  EXPECT_EQ(JapaneseReading(""), "");
  EXPECT_EQ(JapaneseReading(std::string(2000, 'a') + "山田"), "");
}

TEST(JapaneseTest, TellsHanFromKana) {
  EXPECT_TRUE(HasHan("山田"));
  EXPECT_FALSE(HasKana("山田"));
  EXPECT_TRUE(HasKana("やまだ"));
  EXPECT_TRUE(HasKana("ヤマダ"));
  EXPECT_FALSE(HasHan("ヤマダ"));
  EXPECT_FALSE(HasHan("Yamada \xff"));  // invalid UTF-8 is no character at all
}

TEST(JapaneseTest, ReadsFromManyThreadsAtOnce) {
  std::vector<std::thread> threads;
  std::vector<std::string> readings(8);
  for (size_t t = 0; t < readings.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) readings[t] = JapaneseReading("山田太郎");
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& r : readings) EXPECT_EQ(r, "yamada tarou");
}

}  // namespace
}  // namespace cordon::text
