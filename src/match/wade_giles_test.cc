// Wade-Giles syllables read as pinyin (wade_giles.h), on names from the lists and the press.
#include "match/wade_giles.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "text/normalize.h"

namespace cordon::match {
namespace {

using testing::IsEmpty;
using testing::UnorderedElementsAre;

TEST(WadeGilesTest, SyllablesReadAsPinyin) {
  EXPECT_THAT(WadeGilesAsPinyin("tse"), UnorderedElementsAre("ze", "ce"));
  EXPECT_THAT(WadeGilesAsPinyin("tung"), UnorderedElementsAre("dong", "tong"));
  EXPECT_THAT(WadeGilesAsPinyin("hsi"), UnorderedElementsAre("xi"));
  EXPECT_THAT(WadeGilesAsPinyin("hsu"), UnorderedElementsAre("xu"));
  EXPECT_THAT(WadeGilesAsPinyin("chin"), UnorderedElementsAre("jin", "qin"));
  EXPECT_THAT(WadeGilesAsPinyin("chih"), UnorderedElementsAre("zhi", "chi"));
  EXPECT_THAT(WadeGilesAsPinyin("shih"), UnorderedElementsAre("shi"));
  EXPECT_THAT(WadeGilesAsPinyin("tzu"), UnorderedElementsAre("zi", "ci"));
  EXPECT_THAT(WadeGilesAsPinyin("chiang"), UnorderedElementsAre("jiang", "qiang"));
  EXPECT_THAT(WadeGilesAsPinyin("chung"), UnorderedElementsAre("zhong", "chong"));
  EXPECT_THAT(WadeGilesAsPinyin("hsueh"), UnorderedElementsAre("xue"));
  EXPECT_THAT(WadeGilesAsPinyin("lien"), UnorderedElementsAre("lian"));
  EXPECT_THAT(WadeGilesAsPinyin("jih"), UnorderedElementsAre("ri"));
  EXPECT_THAT(WadeGilesAsPinyin("erh"), UnorderedElementsAre("er"));
  EXPECT_THAT(WadeGilesAsPinyin("kuo"), IsEmpty());  // pinyin too: read only in a WG name
  EXPECT_THAT(WadeGilesSyllableAsPinyin("kuo"), UnorderedElementsAre("guo"));
}

TEST(WadeGilesTest, PinyinAndOtherWordsAreLeftAlone) {
  EXPECT_THAT(WadeGilesAsPinyin("ping"), IsEmpty());  // pinyin already
  EXPECT_THAT(WadeGilesAsPinyin("zhang"), IsEmpty());
  EXPECT_THAT(WadeGilesAsPinyin("smith"), IsEmpty());
  EXPECT_THAT(WadeGilesAsPinyin("vladimir"), IsEmpty());
  EXPECT_THAT(WadeGilesAsPinyin(""), IsEmpty());
  // Words that could be Wade-Giles but carry none of its marks: Korean, German, Vietnamese.
  EXPECT_THAT(WadeGilesAsPinyin("jung"), IsEmpty());
  EXPECT_THAT(WadeGilesAsPinyin("ho"), IsEmpty());
  EXPECT_THAT(WadeGilesAsPinyin("sung"), IsEmpty());
  // In a hyphenated Wade-Giles name a pinyin-looking syllable is read too.
  EXPECT_THAT(WadeGilesSyllableAsPinyin("ping"), UnorderedElementsAre("bing"));
}

// The table against ICU's Han-Latin: every reading ICU gives a common character is a syllable
// of the table (a sample of the CJK Unified Ideographs block).
TEST(WadeGilesTest, EveryPinyinReadingOfIcuIsInTheTable) {
  size_t checked = 0;
  for (char32_t c = 0x4E00; c < 0x9FA5; c += 97) {
    std::string utf8;
    utf8 += static_cast<char>(0xE0 | (c >> 12));
    utf8 += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    utf8 += static_cast<char>(0x80 | (c & 0x3F));
    const std::vector<text::Word> words = text::FoldWords(utf8);
    if (words.size() != 1) continue;
    ++checked;
    EXPECT_TRUE(IsPinyinSyllable(words[0].text)) << words[0].text;
  }
  EXPECT_GT(checked, 150u);
}

}  // namespace
}  // namespace cordon::match
