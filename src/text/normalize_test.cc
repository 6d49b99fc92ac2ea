#include "text/normalize.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace cordon::text {
namespace {

std::vector<std::string> Texts(std::string_view s) {
  std::vector<std::string> out;
  for (const Word& w : FoldWords(s)) out.push_back(w.text);
  return out;
}

TEST(FoldTest, AsciiPunctuationRules) {
  EXPECT_EQ(Fold("Deutsche Bank's AG"), "deutsche bank ag");
  EXPECT_EQ(Fold("A.B.C. Company"), "abc company");
  EXPECT_EQ(Fold("Sh.p.k."), "shpk");
  EXPECT_EQ(Fold("O'Neill"), "oneill");
  EXPECT_EQ(Fold("Jean-Claude JUNCKER"), "jean claude juncker");
  EXPECT_EQ(Fold("Procter & Gamble"), "procter and gamble");
  EXPECT_EQ(Fold("  \t "), "");
}

TEST(FoldTest, LookAlikeDigitsInsideWordsAreLetters) {
  EXPECT_EQ(Fold("Ig0r Sech1n"), "igor sechin");
  EXPECT_EQ(Fold("I9or"), "igor");
  // Digits at a word's edge, or on their own, are numbers.
  EXPECT_EQ(Fold("Zu Zag Bong 6"), "zu zag bong 6");
  EXPECT_EQ(Fold("MiG29"), "mig29");
}

TEST(FoldTest, InitialsAndCommasAreMarked) {
  std::vector<Word> words = FoldWords("SMITH, J. Robert");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_FALSE(words[0].comma_before);
  EXPECT_TRUE(words[1].comma_before);
  EXPECT_TRUE(words[1].initial_dot);
  EXPECT_FALSE(words[2].initial_dot);
}

TEST(FoldTest, DiacriticsAndLigatures) {
  EXPECT_EQ(Fold("Präsident Sánchez Łukasz Straße"), "prasident sanchez lukasz strasse");
  EXPECT_EQ(Fold("ＡＢＣ"), "abc");  // NFKC folds full-width letters
}

// Cyrillic is romanised the way the lists spell names (BGN/PCGN), in the language its letters
// tell: the scholarly ISO 9 forms ("serbakov", "urij") meet few listed spellings.
TEST(FoldTest, CyrillicIsRomanisedByBgnInItsOwnLanguage) {
  EXPECT_EQ(Fold("Щербаков Юрий Жуков Хрущёв"), "shcherbakov yuriy zhukov khrushchev");
  EXPECT_EQ(Fold("Мельников Подъячев Детский"), "melnikov podyachev detskiy");
  EXPECT_EQ(Fold("Зеленський Володимир Олександрович"), "zelenskyy volodymyr oleksandrovych");
  EXPECT_EQ(Fold("Лукашенко Аляксандр Рыгоравіч Ўладзімір"),
            "lukashyenko alyaksandr ryhoravich wladzimir");
  EXPECT_EQ(Fold("Вучић Љубиша"), "vucic ljubisa");
  EXPECT_EQ(Fold("Тоқаев Қасым-Жомарт"), "toqaev qasym zhomart");
  EXPECT_EQ(FoldWords("Щербаков")[0].script, Script::kCyrillic);
}

// Hangul is read as the lists spell North Korean names, syllable by syllable, with
// McCune-Reischauer (BGN) and the South's Revised Romanisation kept beside it.
TEST(FoldTest, HangulIsReadTheNorthsWayWithTheOtherRomanisationsBeside) {
  EXPECT_EQ(Fold("김정은"), "kim jong un");
  EXPECT_EQ(Fold("리병철"), "ri pyong chol");
  EXPECT_EQ(Fold("최룡해"), "choe ryong hae");
  EXPECT_EQ(Fold("태영호"), "thae yong ho");
  std::vector<Word> words = FoldWords("김정은");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_THAT(words[0].alternatives, testing::ElementsAre("gim"));
  EXPECT_THAT(words[1].alternatives, testing::ElementsAre("chong", "jeong"));
  EXPECT_THAT(words[2].alternatives, testing::ElementsAre("eun"));
  EXPECT_EQ(words[1].script, Script::kHangul);
}

// A given name's later syllable may be written voiced, as the lists write many North Korean
// names ("RI, Man Gon", SDN 19491; "KIM, Su Gil", SDN 39498), and also not ("JONG, Kyong
// Thaek"): both readings. The family name and the given name's first syllable are not voiced.
TEST(FoldTest, HangulGivenNamesLaterSyllableMayReadVoiced) {
  std::vector<Word> words = FoldWords("리만건");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[2].text, "kon");
  ASSERT_EQ(words[2].alternatives.size(), words[2].alternative_readings.size());
  const auto voiced = std::find(words[2].alternatives.begin(), words[2].alternatives.end(), "gon");
  ASSERT_NE(voiced, words[2].alternatives.end());
  EXPECT_EQ(words[2].alternative_readings[voiced - words[2].alternatives.begin()],
            Reading::kHangulNorthVoiced);
  words = FoldWords("김덕훈");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_THAT(words[1].alternatives, testing::Not(testing::Contains("dok")));
  // An aspirated initial stays as it is: 철 is "chol".
  words = FoldWords("리병철");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_THAT(words[2].alternatives, testing::Not(testing::Contains("jol")));
}

// Greek by ELOT 743 (UNGEGN), the passports' and lists' spelling, with BGN/PCGN, which reads
// the digraphs as the sounds they spell (ντ d, μπ b, γκ g), and the scholarly reading beside.
TEST(FoldTest, GreekIsRomanisedByElotWithTheDigraphsReadAsSounds) {
  EXPECT_EQ(Fold("Κυριάκος Μητσοτάκης"), "kyriakos mitsotakis");
  std::vector<Word> words = FoldWords("Ντόκος Γκίκας");
  ASSERT_EQ(words.size(), 2u);
  EXPECT_EQ(words[0].text, "ntokos");
  EXPECT_THAT(words[0].alternatives, testing::Contains("dokos"));
  EXPECT_THAT(words[1].alternatives, testing::Contains("gikas"));
}

TEST(FoldTest, OtherScriptsAreRomanisedAndTagged) {
  std::vector<Word> words = FoldWords("Владимир Владимирович ПУТИН");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[0].text, "vladimir");
  EXPECT_EQ(words[2].text, "putin");
  EXPECT_EQ(words[2].script, Script::kCyrillic);
  EXPECT_THAT(Texts("Վլադիմիր Պուտին"), testing::ElementsAre("vladimir", "putin"));
  EXPECT_EQ(FoldWords("فلاديمير بوتين")[0].script, Script::kArabic);
  EXPECT_THAT(Texts("弗拉基米尔·普京"), testing::ElementsAre("fulajimier", "pu", "jing"));
  EXPECT_THAT(Texts("习近平"), testing::ElementsAre("xi", "jinping"));
  EXPECT_EQ(FoldWords("习近平")[0].script, Script::kHan);
  // Khmer has no ICU romanisation; Unicode character names keep its consonants.
  EXPECT_THAT(Texts("ប៉ុល ពត"), testing::ElementsAre("baulo", "pota"));
  // A zero-width non-joiner does not split a Persian word.
  EXPECT_EQ(FoldWords("خامنه‌ای").size(), 1u);
}

TEST(FoldTest, UrduAndPashtoLettersReadAsTheirArabicKin) {
  // Heh goal and heh doachashmee are h, not their Unicode names ("goal", "doachashmee").
  EXPECT_THAT(Texts("چوہدری"), testing::ElementsAre("chwhdry"));
  EXPECT_THAT(Texts("الطاھر"), testing::ElementsAre("altahr"));
  EXPECT_THAT(Texts("ثناء اللہ"), testing::ElementsAre("thna", "allh"));
  // Yeh barree and the retroflex letters of Urdu; Pashto's own letters.
  for (const char* word : {"بھٹو", "حیدرآباد", "ڈار", "ښاغلی", "ګل"}) {
    for (const std::string& text : Texts(word)) {
      for (char c : text) EXPECT_TRUE(c >= 'a' && c <= 'z') << word << " -> " << text;
    }
  }
  EXPECT_THAT(Texts("ڈار"), testing::ElementsAre("dar"));
  EXPECT_THAT(Texts("ګل"), testing::ElementsAre("gl"));
}

TEST(DominantScriptTest, CountsLetters) {
  EXPECT_EQ(DominantScript("Владимир Путин (Putin)"), Script::kCyrillic);
  EXPECT_EQ(DominantScript("123 - 456"), Script::kNone);
  EXPECT_EQ(DominantScript("OOO Рога"), Script::kCyrillic);
}

TEST(PhoneticKeyTest, TransliterationVariantsMeet) {
  EXPECT_EQ(PhoneticKey("mohammed"), PhoneticKey("muhammad"));
  EXPECT_EQ(PhoneticKey("mohamad"), PhoneticKey("muhammad"));
  EXPECT_EQ(PhoneticKey("osama"), PhoneticKey("usama"));
  EXPECT_EQ(PhoneticKey("aleksandr"), PhoneticKey("alexandr"));
  EXPECT_EQ(PhoneticKey("sergei"), PhoneticKey("sergey"));
  EXPECT_NE(PhoneticKey("frank"), PhoneticKey("frederik"));
  EXPECT_EQ(PhoneticKey("b52"), "b52");
}

TEST(SkeletonKeyTest, LossyRomanisationsMeetTheLatinSpelling) {
  const std::string vladimir = SkeletonKey("vladimir");
  EXPECT_EQ(SkeletonKey("fladymyr"), vladimir);    // Arabic
  EXPECT_EQ(SkeletonKey("wldymyr"), vladimir);     // Hebrew
  EXPECT_EQ(SkeletonKey("fulajimier"), vladimir);  // Chinese
  EXPECT_EQ(SkeletonKey("putin"), SkeletonKey("bwtyn"));
  EXPECT_EQ(SkeletonKey("putin"), SkeletonKey("pujing"));
  EXPECT_EQ(SkeletonKey("putin"), SkeletonKey("puchin"));  // Japanese
  EXPECT_NE(SkeletonKey("putin"), SkeletonKey("martin"));
}

}  // namespace
}  // namespace cordon::text
