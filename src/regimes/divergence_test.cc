#include "regimes/divergence.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store.h"

namespace cordon::regimes {
namespace {

using model::Regime;
using ::testing::ElementsAre;
using ::testing::Pair;

model::Entity Company(std::string id, std::string name, std::string program,
                      model::PartialDate listed_on, Regime regime, std::string country,
                      std::string inn) {
  model::Entity e;
  e.id = std::move(id);
  e.schema = model::Schema::kCompany;
  e.provenance.source = e.id.substr(0, e.id.find(':'));
  e.provenance.record_id = e.id.substr(e.id.find(':') + 1);
  e.names.push_back({.full = std::move(name), .kind = model::NameKind::kPrimary});
  e.sanctions.push_back({.regime = regime, .program = std::move(program), .listed_on = listed_on});
  e.countries.push_back({.code = std::move(country), .role = model::CountryRole::kJurisdiction});
  e.identifiers.push_back({.type = model::IdentifierType::kInn, .value = std::move(inn)});
  return e;
}

void Add(store::Store& store, std::string source, std::string published,
         std::vector<model::Entity> entities) {
  store::NewVersion v;
  v.source = std::move(source);
  v.format = "test";
  v.published = published;
  v.retrieved = published + "T00:00:00Z";
  v.sha256 = v.source + published;
  v.entities = std::move(entities);
  ASSERT_TRUE(store.AddVersion(std::move(v)).ok());
}

// A Russian bank listed by the US (no listing date on the legacy list), the EU and, until
// OFSI's list retired, the UK; a UAE trader listed by the EU only; a company the US dropped.
class DivergenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open(":memory:");
    ASSERT_TRUE(opened.ok());
    store_ = std::move(opened).value();
    const model::Entity bank_us = Company("us_ofac_sdn:100", "SOVCOMBANK", "RUSSIA-EO14024", {},
                                          Regime::kUs, "RU", "4401116480");
    const model::Entity dropped = Company("us_ofac_sdn:200", "OLD TRADING LLC", "UKRAINE-EO13662",
                                          {}, Regime::kUs, "RU", "7700000001");
    Add(*store_, "us_ofac_sdn", "2022-03-01", {bank_us, dropped});
    Add(*store_, "us_ofac_sdn", "2024-05-03", {bank_us});
    Add(*store_, "eu_fsf", "2026-08-05",
        {Company("eu_fsf:139009", "Sovcombank", "UKR", {2022, 4, 8}, Regime::kEu, "RU",
                 "4401116480"),
         Company("eu_fsf:5", "Gulf Star General Trading", "RUS", {2024, 6, 24}, Regime::kEu, "AE",
                 "AE123456")});
    Add(*store_, "gb_hmt_ofsi", "2022-05-01",
        {Company("gb_hmt_ofsi:15000", "SOVCOMBANK", "Russia", {2022, 2, 24}, Regime::kUk, "RU",
                 "4401116480")});
    auto history = ReadListingHistory(*store_, DefaultRegimeSources());
    ASSERT_TRUE(history.ok()) << history.status().ToString();
    history_ = std::move(history).value();
    auto subjects = ResolveSubjects(history_.entities, {});
    ASSERT_TRUE(subjects.ok());
    subjects_ = std::move(subjects).value();
  }

  const SubjectListings* Find(const DivergenceReport& report, std::string_view entity_id) {
    for (const SubjectListings& s : report.subjects) {
      for (const std::string& id : s.subject->entity_ids) {
        if (id == entity_id) return &s;
      }
    }
    return nullptr;
  }

  std::unique_ptr<store::Store> store_;
  ListingHistory history_;
  SubjectSet subjects_;
};

TEST_F(DivergenceTest, TodayTheBankIsListedByTheUsAndEuAndTheUkListThatHadItRetired) {
  Result<DivergenceReport> report = ComputeDivergence(history_, subjects_, {.as_of = "2026-12-07"});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const SubjectListings* bank = Find(*report, "eu_fsf:139009");
  ASSERT_NE(bank, nullptr);
  EXPECT_EQ(bank->subject->entity_ids.size(), 3u);  // one INN across three lists
  ASSERT_TRUE(bank->listed.contains(Regime::kUs));
  // No listing date on the US record: the first version that carried it.
  EXPECT_EQ(bank->listed.at(Regime::kUs).since, "2022-03-01");
  EXPECT_THAT(bank->listed.at(Regime::kUs).programmes, ElementsAre("RUSSIA-EO14024"));
  EXPECT_EQ(bank->listed.at(Regime::kEu).since, "2022-04-08");
  // OFSI's list retired on 2026-01-28 and the UK Sanctions List (not in this store) does not
  // have it: not listed, and not delisted either.
  EXPECT_THAT(bank->not_listed, ElementsAre(Regime::kUk, Regime::kUn));
  EXPECT_TRUE(bank->delisted.empty());
  EXPECT_THAT(report->matrix, ::testing::Contains(Pair("us+eu", 1)));
}

TEST_F(DivergenceTest, BeforeTheRetirementTheUkListedItSinceItsOwnDate) {
  Result<DivergenceReport> report = ComputeDivergence(history_, subjects_, {.as_of = "2025-01-01"});
  ASSERT_TRUE(report.ok());
  const SubjectListings* bank = Find(*report, "us_ofac_sdn:100");
  ASSERT_NE(bank, nullptr);
  EXPECT_EQ(bank->listed.at(Regime::kUk).since, "2022-02-24");
  EXPECT_EQ(bank->listed.at(Regime::kUk).sources, (std::vector<std::string>{"gb_hmt_ofsi"}));
  // The EU version in the store is of 2026: not yet in force.
  EXPECT_FALSE(bank->listed.contains(Regime::kEu));
}

TEST_F(DivergenceTest, AVersionThatDropsARecordIsADelisting) {
  Result<DivergenceReport> report = ComputeDivergence(history_, subjects_, {.as_of = "2026-12-07"});
  ASSERT_TRUE(report.ok());
  const SubjectListings* dropped = Find(*report, "us_ofac_sdn:200");
  ASSERT_NE(dropped, nullptr);
  EXPECT_TRUE(dropped->listed.empty());
  EXPECT_THAT(dropped->delisted, ElementsAre(Pair(Regime::kUs, "2024-05-03")));
  // Before the version that dropped it, it was listed.
  Result<DivergenceReport> before = ComputeDivergence(history_, subjects_, {.as_of = "2023-01-01"});
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(Find(*before, "us_ofac_sdn:200")->listed.contains(Regime::kUs));
}

TEST_F(DivergenceTest, ThirdCountryCompaniesAndProgrammesAndTheSeries) {
  Result<DivergenceReport> report =
      ComputeDivergence(history_, subjects_, {.programme = "russia", .as_of = "2026-12-07"});
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(report->third_country, ElementsAre(Pair("AE", 1)));
  const SubjectListings* trader = Find(*report, "eu_fsf:5");
  ASSERT_NE(trader, nullptr);
  EXPECT_THAT(trader->registered_in, ElementsAre("AE"));
  EXPECT_THAT(report->matrix, ::testing::Contains(Pair("eu", 1)));
  // One point per version date and retirement.
  std::vector<std::string> dates;
  for (const auto& [date, matrix] : report->series) dates.push_back(date);
  EXPECT_THAT(dates,
              ElementsAre("2022-03-01", "2022-05-01", "2024-05-03", "2026-01-28", "2026-08-05"));
  EXPECT_THAT(report->series[1].second, ElementsAre(Pair("us", 1), Pair("us+uk", 1)));
  // Only the US lists: the EU trader is out of scope.
  Result<DivergenceReport> us_only =
      ComputeDivergence(history_, subjects_, {.regimes = {Regime::kUs}, .as_of = "2026-12-07"});
  ASSERT_TRUE(us_only.ok());
  EXPECT_EQ(Find(*us_only, "eu_fsf:5"), nullptr);
  EXPECT_FALSE(ComputeDivergence(history_, subjects_, {.programme = "atlantis"}).ok());
  EXPECT_FALSE(ComputeDivergence(history_, subjects_, {.as_of = "2026-13-01"}).ok());
}

TEST(ProgrammeTest, EachRegimesWayOfNamingRussia) {
  for (const char* p : {"RUSSIA-EO14024", "UKRAINE-EO13662", "UKR", "RUS",
                        "The Russia (Sanctions) (EU Exit) Regulations 2019", "Russia"}) {
    EXPECT_TRUE(ProgrammeMatches("russia", p)) << p;
  }
  for (const char* p : {"SDGT", "IRAN", "BLR", "PRK", "Belarus"}) {
    EXPECT_FALSE(ProgrammeMatches("russia", p)) << p;
  }
}

}  // namespace
}  // namespace cordon::regimes
