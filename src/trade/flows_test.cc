// Trade flows: the ranking on generated flows with known growth, and bad rows.
#include "trade/flows.h"

#include <gtest/gtest.h>

#include <string>

#include "trade/testing/generator.h"

namespace cordon::trade {
namespace {

TEST(FlowsTest, KyrgyzstanAndArmeniaChipsRankAboveOrdinaryGrowthAndNonChplGoodsAreLeftOut) {
  FlowsAnalysis analysis(TradeRules::Bundled(), {.baseline_year = 2021});
  ASSERT_TRUE(analysis.AddCsv(testing::GenerateFlows({.seed = 1}), "flows.csv").ok());
  const FlowsReport report = analysis.Report();
  EXPECT_EQ(report.latest_year, 2024);
  EXPECT_EQ(report.rows_invalid, 0u);
  ASSERT_FALSE(report.ranked.empty());
  // The hubs whose imports grew tenfold and fivefold lead; Brazil's flat trade does not.
  const std::string top = report.ranked.front().hub;
  EXPECT_TRUE(top == "KG" || top == "AM") << top;
  for (const HubGoodsFlow& r : report.ranked) {
    EXPECT_NE(r.hs6, "610910");  // T-shirts are not CHPL goods
    EXPECT_FALSE(r.tier.empty());
  }
  const HubGoodsFlow* kg_chips = nullptr;
  const HubGoodsFlow* br_chips = nullptr;
  for (const HubGoodsFlow& r : report.ranked) {
    if (r.hub == "KG" && r.hs6 == "854231") kg_chips = &r;
    if (r.hub == "BR" && r.hs6 == "854231") br_chips = &r;
  }
  ASSERT_NE(kg_chips, nullptr);
  ASSERT_NE(br_chips, nullptr);
  // Exporters' shipments grew tenfold; half of them reach Kyrgyzstan's own import books.
  EXPECT_GT(HubGoodsFlow::Growth(kg_chips->imports_baseline, kg_chips->imports_latest), 4.0);
  EXPECT_GT(HubGoodsFlow::Growth(kg_chips->exports_ru_baseline, kg_chips->exports_ru_latest), 5.0);
  // Half of what exporters report shipping to Kyrgyzstan is missing from its imports.
  EXPECT_NEAR(kg_chips->mirror_gap_latest / kg_chips->partner_exports_latest, 0.5, 0.06);
  EXPECT_LT(HubGoodsFlow::Growth(br_chips->imports_baseline, br_chips->imports_latest), 1.3);
  EXPECT_GT(kg_chips->excess, 10 * br_chips->excess);
}

TEST(FlowsTest, MonthsAddUpToTheirYear) {
  FlowsAnalysis analysis(TradeRules::Bundled(), {.baseline_year = 2021});
  ASSERT_TRUE(analysis
                  .AddCsv("reporter,partner,hs6,period,flow,value_usd\n"
                          "KG,DE,854231,2021-01,import,100\n"
                          "KG,DE,854231,2021-07,import,100\n"
                          "KG,DE,854231,2023,import,1000\n"
                          "KG,RU,854231,2023-03,export,900\n"
                          "DE,KG,854231,2023,export,1600\n"
                          "KG,CN,854231,2023,import,5000\n",  // China does not control: left out
                          "f.csv")
                  .ok());
  const FlowsReport report = analysis.Report();
  ASSERT_EQ(report.ranked.size(), 1u);
  const HubGoodsFlow& r = report.ranked[0];
  EXPECT_EQ(r.imports_baseline, 200);
  EXPECT_EQ(r.imports_latest, 1000);
  EXPECT_EQ(r.exports_ru_latest, 900);
  EXPECT_EQ(r.mirror_gap_latest, 600);
  EXPECT_EQ(r.excess, 800 + 900 + 600);
  EXPECT_EQ(report.rows_used, 5u);
  const auto json = FlowJson(r, report, 1);
  EXPECT_EQ(json["imports_from_controllers"]["growth"], 5.0);
  EXPECT_EQ(json["hub_name"], "Kyrgyzstan");
}

TEST(FlowsTest, BadRowsAreWarningsWithLineNumbersAndAMissingColumnIsAnError) {
  FlowsAnalysis analysis(TradeRules::Bundled(), {});
  ASSERT_TRUE(analysis
                  .AddCsv("reporter,partner,hs6,period,flow,value_usd\n"
                          "KG,DE,854231,20x1,import,100\n"
                          "KG,DE,854231,2021,sideways,100\n"
                          "KG,DE,854231,2021,import,many\n"
                          "KG,DE,8542.31,2021,import,100\n",
                          "f.csv")
                  .ok());
  const FlowsReport report = analysis.Report();
  EXPECT_EQ(report.rows, 4u);
  EXPECT_EQ(report.rows_invalid, 3u);
  ASSERT_EQ(report.warnings.size(), 3u);
  EXPECT_EQ(report.warnings[0], "f.csv:2: period: '20x1' is not YYYY or YYYY-MM");
  EXPECT_EQ(report.rows_used, 1u);  // "8542.31" reads as 854231
  Status missing =
      FlowsAnalysis(TradeRules::Bundled(), {}).AddCsv("reporter,partner,hs6\n", "g.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.message().find("g.csv:1: no period column"), std::string::npos);
}

}  // namespace
}  // namespace cordon::trade
