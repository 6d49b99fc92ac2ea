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
TEST(SlavicPressReadingsTest, GermanFrenchAndPolishSpellingsReadAsTheListsSpellThem) {
  EXPECT_THAT(SlavicPressReadings("wladimirowitsch"), Contains("vladimirovich"));
  EXPECT_THAT(SlavicPressReadings("schtschukin"), Contains("shchukin"));
  EXPECT_THAT(SlavicPressReadings("asarow"), Contains("azarov"));
  EXPECT_THAT(SlavicPressReadings("jakowlew"), Contains("yakovlev"));
  EXPECT_THAT(SlavicPressReadings("william"), IsEmpty());  // w and j alone are no mark
  EXPECT_THAT(SlavicPressReadings("tchernychov"), Contains("chernyshov"));
  EXPECT_THAT(SlavicPressReadings("oustinov"), Contains("ustinov"));
  EXPECT_THAT(SlavicPressReadings("szczerbakow"), Contains("shcherbakov"));
  EXPECT_THAT(SlavicPressReadings("wladimirowicz"), Contains("vladimirovich"));
  EXPECT_THAT(SlavicPressReadings("sergejs"), Contains("sergey"));
  EXPECT_THAT(SlavicPressReadings("lavrovs"), Contains("lavrov"));
  EXPECT_THAT(SlavicPressReadings("sergejus"), Contains("sergey"));
  EXPECT_THAT(SlavicPressReadings("lavrovas"), Contains("lavrov"));
  EXPECT_THAT(SlavicPressReadings("aleksandrs"), Contains("aleksandr"));
  EXPECT_THAT(SlavicPressReadings("ins"), IsEmpty());  // an ending alone is no name
  EXPECT_THAT(SlavicPressReadings("smith"), IsEmpty());  // no convention's marks
  EXPECT_THAT(SlavicPressReadings("wu"), IsEmpty());     // too short to say
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
  // A press reading is one more spelling, not a licence: other names stay apart.
  EXPECT_LT(score("Wladimir Schirinowski", "Vladimir PUTIN"), 0.7);
}

}  // namespace
}  // namespace cordon::match
