#include "match/abjad_reading.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "match/compare.h"
#include "text/normalize.h"

namespace cordon::match {
namespace {

// The abjad word as the matcher sees it: folded by ICU from the original script.
std::string Folded(std::string_view original) {
  std::vector<text::Word> words = text::FoldWords(original);
  return words.size() == 1 ? words[0].text : "";
}

double PersonScore(std::string_view query, std::string_view listed) {
  return CompareNames(query, listed, model::Schema::kPerson).score;
}

float Read(std::string_view original, std::string_view latin) {
  return ReadAbjadAsLatin(Folded(original), latin).similarity;
}

// Names of UN-listed people, each word in Arabic script against the list's Latin spelling.
TEST(AbjadReadingTest, ArabicWordsReadAsTheListsLatinSpellings) {
  EXPECT_GT(Read("قصي", "qusay"), 0.97f);
  EXPECT_GT(Read("صدام", "saddam"), 0.97f);   // a doubled letter, unwritten
  EXPECT_GT(Read("حسين", "hussein"), 0.97f);  // ya as "ei"
  EXPECT_GT(Read("حسين", "husayn"), 0.97f);
  EXPECT_GT(Read("ابراهيم", "ibrahim"), 0.97f);  // a word-initial alif as "i"
  EXPECT_GT(Read("عزت", "izzat"), 0.97f);        // ayn unwritten in Latin
  EXPECT_GT(Read("طلحة", "talha"), 0.97f);       // ta marbuta as "a"
  EXPECT_GT(Read("مصطفى", "mustafa"), 0.97f);    // alif maqsura as "a"
  EXPECT_GT(Read("الدوري", "aldouri"), 0.97f);   // waw as "ou"
  EXPECT_GT(Read("محمد", "mohammed"), 0.98f);
  EXPECT_GT(Read("خالد", "khaled"), 0.98f);
  EXPECT_GT(Read("خالد", "chaled"), 0.98f);  // the French and German kh
}

TEST(AbjadReadingTest, PersianAndHebrewLetters) {
  EXPECT_GT(Read("پژمان", "pejman"), 0.97f);   // zh as "j"
  EXPECT_GT(Read("چمران", "chamran"), 0.97f);  // Persian ch
  // The silent h before the zero-width non-joiner is spelt "e": one weak letter unspelt.
  EXPECT_GT(Read("خامنه‌ای", "khamenei"), 0.8f);
  EXPECT_GT(Read("יוסף", "yosef"), 0.97f);  // pe as "f"
  // ICU folds כה to "kh", which is also one letter (het): read as two at a small cost.
  EXPECT_GT(Read("כהן", "cohen"), 0.85f);
}

TEST(AbjadReadingTest, DifferentConsonantsDoNotRead) {
  EXPECT_LT(Read("حسن", "zain"), 0.7f);
  EXPECT_GT(Read("حسن", "hassan"), 0.97f);
  EXPECT_LT(Read("حسين", "hassan"), 0.85f);  // the ya of Hussein is not in Hassan
  EXPECT_LT(Read("صدام", "sadiq"), 0.7f);
  EXPECT_LT(Read("قصي", "kasim"), 0.7f);
  EXPECT_LT(Read("محمد", "mahmoud"), 0.97f);
}

TEST(AbjadReadingTest, CountsConsonantsNotVowelLetters) {
  EXPECT_EQ(ReadAbjadAsLatin("ly", "ali").consonants, 1);
  EXPECT_EQ(ReadAbjadAsLatin("qsy", "qusay").consonants, 2);
  EXPECT_EQ(ReadAbjadAsLatin("khald", "khaled").consonants, 3);  // kh is one letter
}

// Through the scorer: the keys that decide whether a pair is read at all (AbjadKey) let short
// words, articles joined or apart, Persian waw as v and ta marbuta as a vowel through.
TEST(AbjadReadingTest, NamesAcrossScriptsScoreAsTheSameNameInOneScript) {
  EXPECT_GT(PersonScore("قصي صدام حسين التكريتي", "QUSAY SADDAM HUSSEIN AL-TIKRITI"), 0.95);
  EXPECT_GT(PersonScore("علي حسن المجيد التكريتي", "ALI HASSAN AL-MAJID AL-TIKRITI"), 0.95);
  EXPECT_GT(PersonScore("محمد جواد ظریف", "Mohammad Javad Zarif"), 0.95);
  EXPECT_GT(PersonScore("محمد حمزة زبيدي", "MUHAMMAD HAMZA ZUBAIDI"), 0.95);
  EXPECT_GT(PersonScore("عبدالرحمان زاهد", "ABDUL RAHMAN ZAHED"), 0.9);
  EXPECT_GT(PersonScore("יוסף כהן", "Yosef Cohen"), 0.85);
  // Different people with names in common stay below the threshold: brothers, namesakes.
  EXPECT_LT(PersonScore("قصي صدام حسين", "UDAY SADDAM HUSSEIN"), 0.7);
  EXPECT_LT(PersonScore("محمد جواد ظریف", "Mohammad Javad Larijani"), 0.7);
  EXPECT_LT(PersonScore("علي حسن المجيد", "ALI HASSAN AL-SAMARRAI"), 0.7);
}

// Letters Latin spellings write otherwise than ICU: Persian and Urdu tha, dhal and dad as s
// and z, Egyptian jim as g, the French "ch" and "c" for shin and sin, initial waw as "ou", the
// German "ch" for kha.
// Names of UN-listed people, whole, against the list's spelling of them.
TEST(AbjadReadingTest, OtherReadingsOfLettersMeetTheirSpellings) {
  EXPECT_GT(PersonScore("نور محمد ثاقب", "NOOR MOHAMMAD SAQIB"), 0.85);
  EXPECT_GT(PersonScore("عبد الروف ذاکر", "ABDUL RAUF ZAKIR"), 0.85);
  EXPECT_GT(PersonScore("احمد ضیا آغا", "AHMAD ZIA AGHA"), 0.85);
  EXPECT_GT(PersonScore("عبد الله محمد رجب عبد الرحمن", "ABD ALLAH MOHAMED RAGAB ABDEL RAHMAN"),
            0.85);
  EXPECT_GT(PersonScore("جمال عكاشة", "DJAMEL AKKACHA"), 0.85);
  EXPECT_GT(PersonScore("جمال لونيسي", "Jamal Lounici"), 0.85);
  // Kha as German and Dutch write it (Mullah Naim Barich of the UN list).
  EXPECT_GT(PersonScore("محمد نعيم بريخ خدايداد", "MOHAMMAD NAIM BARICH KHUDAIDAD"), 0.9);
  // The article after "abd" splits from a name of two letters; Allah stays whole.
  EXPECT_GT(PersonScore("عبد الحی عظیم عبد القادر", "ABDUL HAI HAZEM ABDUL QADER"), 0.85);
  EXPECT_GT(PersonScore("عبد اللطيف منصور", "Abdul Latif Mansoor"), 0.9);
  // A word and "Allah" run together, though the word alone also reads as another listed word.
  EXPECT_GT(PersonScore("نور الله نوری", "Norullah Noori"), 0.85);
  EXPECT_GT(PersonScore("امین الله امین قدوس", "AMINULLAH AMIN QUDDUS"), 0.85);
  // "Abd el", "Abou el" are the Maghrebi and Egyptian "Abd al", "Abu al"; "أبوغيث" is Abu Ghaith.
  EXPECT_GT(
      PersonScore("محمد صلاح الدين عبدالحليم زيدان", "MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE"),
      0.85);
  EXPECT_GT(
      PersonScore("راضي عبد السميع أبواليزيد العياشي", "RADI ABD EL SAMIE ABOU EL YAZID EL AYASHI"),
      0.85);
  EXPECT_GT(PersonScore("سليمان جاسم سليمان علي أبوغيث", "SULAIMAN JASSEM SULAIMAN ALI ABO GHAITH"),
            0.85);
  EXPECT_GT(PersonScore("حامد عبد الله أحمد العلي", "Hamid Abdallah Ahmed Al-Ali"), 0.85);
  // "... al-Din" written as one word, the article's l assimilated or dropped.
  EXPECT_GT(PersonScore("سيد غیاث الدین آغا", "SAYYED GHIASSOUDDINE AGHA"), 0.85);
  EXPECT_GT(PersonScore("سراج الدين حقانى", "Sirajuddin Haqqani"), 0.85);
  // The conjunction joined to the article: "والمسلمين" is wa al-Muslimin.
  EXPECT_GT(CompareNames("جماعة نصرة الإسلام والمسلمين", "JAMA'A NUSRAT UL-ISLAM WA AL-MUSLIMIN",
                         model::Schema::kOrganization)
                .score,
            0.85);
  // ...but a given name and a surname are not read as one word without their article.
  EXPECT_LT(PersonScore("كريم العليان", "Crimean"), 0.7);
  // The other readings are keys for the reader, not matches: other consonants still differ.
  EXPECT_LT(PersonScore("نور محمد ثاقب", "NOOR MOHAMMAD SAKHI"), 0.7);
  EXPECT_LT(PersonScore("جمال لونيسي", "Jamal Lounami"), 0.7);
}

// A floor on the similarity only lets the reader stop early: every reading at or above it is
// the same, every one below it reads 0 or what it read. Every pair of a set of folded abjad
// words (UN and SDN names) and Latin spellings, near and far.
TEST(AbjadReadingTest, AFloorChangesNoReadingAtOrAboveIt) {
  const std::vector<std::string> abjad = {"mhmd",   "hsyn",    "qsy",     "altkryty",
                                          "mrtdwy", "amyrly",  "mhmdrda", "bdallh",
                                          "ly",     "nsrallh", "khzly",   "hsn"};
  const std::vector<std::string> latin = {"mohammed",
                                          "muhammad",
                                          "hussein",
                                          "hossein",
                                          "qusay",
                                          "altikriti",
                                          "mortazavi",
                                          "amirali",
                                          "mohammadreza",
                                          "abdallah",
                                          "ali",
                                          "nasrallah",
                                          "khazali",
                                          "hassan",
                                          "zain",
                                          "smith",
                                          "petrov",
                                          "al",
                                          "abdulrahmanibnmuhammad"};
  size_t at_or_above = 0;
  for (float floor : {0.5f, 0.7f, 0.9f}) {
    for (const std::string& a : abjad) {
      for (const std::string& l : latin) {
        const AbjadReading full = ReadAbjadAsLatin(a, l);
        const AbjadReading floored = ReadAbjadAsLatin(a, l, floor);
        EXPECT_EQ(floored.consonants, full.consonants) << a << " / " << l;
        if (full.similarity >= floor) {
          ++at_or_above;
          EXPECT_EQ(floored.similarity, full.similarity) << a << " / " << l << " at " << floor;
        } else {
          EXPECT_TRUE(floored.similarity == 0.0f || floored.similarity == full.similarity)
              << a << " / " << l << " at " << floor;
        }
      }
    }
  }
  EXPECT_GT(at_or_above, 20u);  // the set has readings on both sides of each floor
}

TEST(AbjadReadingTest, EmptyAndOverlongWordsDoNotRead) {
  EXPECT_EQ(ReadAbjadAsLatin("", "ali").similarity, 0.0f);
  EXPECT_EQ(ReadAbjadAsLatin("ly", "").similarity, 0.0f);
  const std::string longest(kMaxAbjadLetters + 1, 'b');
  EXPECT_EQ(ReadAbjadAsLatin(longest, longest).similarity, 0.0f);
}

}  // namespace
}  // namespace cordon::match
