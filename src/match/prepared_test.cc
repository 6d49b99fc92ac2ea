#include "match/prepared.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "match/compare.h"

namespace cordon::match {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;

// The German, French and Polish press spell Russian names by their own conventions; the lists
// spell them in English (BGN/PCGN).
std::vector<std::string> PressTexts(std::string_view word) {
  std::vector<std::string> out;
  for (const PressReading& r : SlavicPressReadings(word)) out.push_back(r.text);
  return out;
}

TEST(SlavicPressReadingsTest, GermanFrenchAndPolishSpellingsReadAsTheListsSpellThem) {
  EXPECT_THAT(PressTexts("wladimirowitsch"), Contains("vladimirovich"));
  EXPECT_THAT(PressTexts("schtschukin"), Contains("shchukin"));
  EXPECT_THAT(PressTexts("asarow"), Contains("azarov"));
  EXPECT_THAT(PressTexts("jakowlew"), Contains("yakovlev"));
  EXPECT_THAT(PressTexts("william"), IsEmpty());  // w and j alone are no mark
  EXPECT_THAT(PressTexts("tchernychov"), Contains("chernyshov"));
  EXPECT_THAT(PressTexts("oustinov"), Contains("ustinov"));
  EXPECT_THAT(PressTexts("szczerbakow"), Contains("shcherbakov"));
  EXPECT_THAT(PressTexts("wladimirowicz"), Contains("vladimirovich"));
  EXPECT_THAT(PressTexts("sergejs"), Contains("sergey"));
  EXPECT_THAT(PressTexts("lavrovs"), Contains("lavrov"));
  EXPECT_THAT(PressTexts("sergejus"), Contains("sergey"));
  EXPECT_THAT(PressTexts("lavrovas"), Contains("lavrov"));
  EXPECT_THAT(PressTexts("aleksandrs"), Contains("aleksandr"));
  EXPECT_THAT(PressTexts("prigojine"), Contains("prigozhin"));  // French j, mute e after -in
  EXPECT_THAT(PressTexts("iouri"), Contains("yuri"));
  EXPECT_THAT(PressTexts("loukachenko"), Contains("lukashenko"));
  EXPECT_THAT(PressTexts("prigoschin"), Contains("prigozhin"));  // German sch for zh as well
  EXPECT_THAT(PressTexts("schoigu"), Contains("shoigu"));
  EXPECT_THAT(PressTexts("ins"), IsEmpty());    // an ending alone is no name
  EXPECT_THAT(PressTexts("smith"), IsEmpty());  // no convention's marks
  EXPECT_THAT(PressTexts("wu"), IsEmpty());     // too short to say
}

TEST(SlavicPressReadingsTest, QueriesInPressSpellingsMeetTheListedName) {
  const auto score = [](std::string_view query, std::string_view listed) {
    return CompareNames(query, listed, model::Schema::kPerson).score;
  };
  EXPECT_GT(score("Wladimir Wladimirowitsch Putin", "PUTIN, Vladimir Vladimirovich"), 0.95);
  EXPECT_GT(score("Sergej Schoigu", "Sergei SHOIGU"), 0.85);
  EXPECT_GT(score("Igor Setschin", "Igor SECHIN"), 0.95);
  EXPECT_GT(score("Nikolaï Patrouchev", "Nikolai PATRUSHEV"), 0.95);
  EXPECT_GT(score("Dmitrij Miedwiediew", "Dmitry MEDVEDEV"), 0.8);
  EXPECT_GT(score("Evgueni Prigojine", "Yevgeniy PRIGOZHIN"), 0.9);
  EXPECT_GT(score("Iouri Kovaltchouk", "Yuri KOVALCHUK"), 0.95);
  EXPECT_GT(score("Jewgeni Prigoschin", "Yevgeniy PRIGOZHIN"), 0.9);
  // A press reading is one more spelling, not a licence: other names stay apart.
  EXPECT_LT(score("Wladimir Schirinowski", "Vladimir PUTIN"), 0.7);
}

// "ОФ", a Russian public fund's abbreviation, folds to "of": no English word is a legal form.
TEST(LegalFormsTest, EnglishWordsInOrganisationNamesAreNoLegalForm) {
  const auto score = [](std::string_view query, std::string_view listed) {
    return CompareNames(query, listed, model::Schema::kCompany).score;
  };
  EXPECT_GT(score("Sberbank of Russia", "Public Joint Stock Company Sberbank of Russia"), 0.95);
  EXPECT_GT(score("Bank of China", "BANK OF CHINA LIMITED"), 0.95);
  EXPECT_EQ(CompareNames("Bank of China", "BANK OF CHINA LIMITED", model::Schema::kCompany)
                .explanation.legal_form.find("of"),
            std::string::npos);
}

// Tokens as far as the scorer reads them, in order: word text and spellings, and every flag.
std::string Describe(const PreparedName& name) {
  std::string out = name.legal_form + "|" + name.legal_form_generic + "|";
  for (const NameToken& t : name.tokens) {
    out += t.word->text;
    for (const std::string& alternative : t.word->alternatives) out += "/" + alternative;
    for (uint32_t symbol : t.word->symbols) out += "#" + std::to_string(symbol);
    out += ":" + std::to_string(t.weight) + ":" + std::to_string(static_cast<int>(t.reading)) +
           (t.lossy_script ? "L" : "") + (t.abjad ? "A" : "") + (t.syllable ? "S" : "") +
           (t.initial ? "I" : "") + (t.numeral ? "N" : "") + (t.abbreviation ? "B" : "") + " ";
  }
  return out;
}

// The name is folded once for both roles: each reads as it does prepared role by role into one
// vocabulary (where a word's spellings gathered in one role are the word's in the other too).
TEST(PrepareQueryNameTest, FoldedOnceForBothRolesReadsAsRoleByRole) {
  const NameRole roles[] = {NameRole::kPerson, NameRole::kOrganization};
  for (std::string_view name :
       {"PUTIN, Vladimir Vladimirovich", "Wladimir Wladimirowitsch Putin", "OOO Gazprom Neft",
        "Public Joint Stock Company Sberbank of Russia", "J. C. Smith", "Mao Tse-tung",
        "قصي صدام حسين التكريتي", "محمدرضا آشتیانی", "Сергей Шойгу", "리만건", "山田太郎",
        "やまだ 太郎", "Abd al-Rahman Bin Ali", "Three Two One Trading"}) {
    Vocabulary together;
    const std::vector<std::vector<PreparedName>> both = PrepareQueryName(name, roles, together);
    ASSERT_EQ(both.size(), 2u) << name;
    Vocabulary one_by_one;
    for (size_t r = 0; r < 2; ++r) {
      const std::vector<PreparedName> expected = PrepareQueryName(name, roles[r], one_by_one);
      ASSERT_EQ(both[r].size(), expected.size()) << name;
      for (size_t k = 0; k < expected.size(); ++k) {
        EXPECT_EQ(Describe(both[r][k]), Describe(expected[k])) << name << " role " << r;
      }
    }
  }
}

}  // namespace
}  // namespace cordon::match
