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

}  // namespace
}  // namespace cordon::match
