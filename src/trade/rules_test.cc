// The bundled trade rules: the CHPL as shipped, dated versions, the country tables.
#include "trade/rules.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace cordon::trade {
namespace {

constexpr Date kToday = Date::FromYmd(2026, 12, 7);

TEST(TradeRulesTest, BundledChplHasTheFiftyCodesOfFebruary2024ByTier) {
  const TradeRules& rules = TradeRules::Bundled();
  EXPECT_EQ(rules.ChplVersion(kToday).ToIso(), "2024-02-23");
  // The tiers of ../shared/data/export_controls/chpl_hs6_tiers.csv.
  const std::map<std::string, int> expected = {{"1", 4},   {"2", 5},    {"3.A", 16},
                                               {"3.B", 9}, {"4.A", 11}, {"4.B", 5}};
  std::map<std::string, int> tiers;
  for (int hs6 = 0; hs6 < 1'000'000; hs6 += 1) {
    // Only chapters 84, 85, 88, 90 hold CHPL codes: walk those.
    const int chapter = hs6 / 10000;
    if (chapter != 84 && chapter != 85 && chapter != 88 && chapter != 90) continue;
    char code[7];
    std::snprintf(code, sizeof code, "%06d", hs6);
    if (const ChplCode* c = rules.Chpl(code, kToday)) ++tiers[c->tier];
  }
  EXPECT_EQ(tiers, expected);
  ASSERT_NE(rules.Chpl("854231", kToday), nullptr);
  EXPECT_EQ(rules.Chpl("854231", kToday)->tier, "1");
  EXPECT_EQ(rules.Chpl("880730", kToday)->tier, "3.B");
  EXPECT_EQ(rules.Chpl("845710", kToday)->tier, "4.B");
  EXPECT_EQ(rules.Chpl("610910", kToday), nullptr);  // T-shirts
}

TEST(TradeRulesTest, CountryTablesFollowTheAlertsAndTheCoalition) {
  const TradeRules& rules = TradeRules::Bundled();
  for (const char* hub : {"AM", "GE", "KZ", "KG", "UZ", "TJ", "TR", "AE", "CN", "HK"}) {
    EXPECT_TRUE(rules.IsTransshipmentHub(hub)) << hub;
  }
  EXPECT_FALSE(rules.IsTransshipmentHub("DE"));
  EXPECT_FALSE(rules.IsTransshipmentHub("RU"));
  for (const char* c : {"US", "DE", "JP", "KR", "GB", "TW", "CH"})
    EXPECT_TRUE(rules.Controls(c)) << c;
  EXPECT_FALSE(rules.Controls("CN"));
  EXPECT_FALSE(rules.Controls("TR"));
  EXPECT_TRUE(rules.IsRussiaDestination("RU"));
  EXPECT_TRUE(rules.IsRussiaDestination("BY"));
  EXPECT_TRUE(rules.IsRussiaDestination("UA-43"));
  EXPECT_EQ(rules.RegionName("UA-43"), "Crimea");
  EXPECT_FALSE(rules.IsRussiaDestination("UA"));
  EXPECT_TRUE(rules.IsEuMemberState("DE"));
  EXPECT_FALSE(rules.IsEuMemberState("GB"));
  EXPECT_TRUE(rules.IsClausePartner("GB"));
  EXPECT_FALSE(rules.IsClausePartner("KG"));
  EXPECT_FALSE(rules.SourceOf("transshipment_hubs").empty());
}

TEST(TradeRulesTest, ArticleTwelveGAnnexesByHsCode) {
  const TradeRules& rules = TradeRules::Bundled();
  const ChplCode* ic = rules.Chpl("854231", kToday);
  ASSERT_NE(rules.ClauseAnnexOf("85423100", ic), nullptr);
  EXPECT_EQ(rules.ClauseAnnexOf("85423100", ic)->name, "XL");
  ASSERT_NE(rules.ClauseAnnexOf("880240", nullptr), nullptr);
  EXPECT_EQ(rules.ClauseAnnexOf("880240", nullptr)->name, "XI");
  EXPECT_EQ(rules.ClauseAnnexOf("9303", nullptr)->name, "XXXV");
  EXPECT_EQ(rules.ClauseAnnexOf("610910", nullptr), nullptr);
}

// A rules file that names only what Parse requires, for the version and error cases.
std::string MinimalRules() {
  return R"({
    "russia_destinations": {"countries": ["RU"]},
    "transshipment_hubs": {"countries": ["KG"]},
    "controlling_countries": {"countries": ["DE"]},
    "eu_member_states": {"countries": ["DE"]},
    "no_russia_clause": {"partner_countries": ["US"], "new_contracts_from": "2023-12-19",
                         "all_contracts_from": "2024-12-20", "annexes": {"XL": {"chpl": true}}},
    "new_company": {"registered_on_or_after": "2022-02-24"},
    "forwarder_end_user": {"kinds": ["forwarder"], "name_words": ["logistics"]},
    "risk": {"weights": {"chpl": 20}}
  })";
}

TEST(TradeRulesTest, AShipmentIsReadAgainstTheChplVersionInForceOnItsDate) {
  Result<TradeRules> rules = TradeRules::Parse(MinimalRules(),
                                               "version,hs6,tier\n"
                                               "2023-05-19,854231,1\n"
                                               "2024-02-23,854231,1\n"
                                               "2024-02-23,848210,3.B\n");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->Chpl("848210", Date::FromYmd(2023, 9, 1)), nullptr);
  ASSERT_NE(rules->Chpl("848210", Date::FromYmd(2024, 3, 1)), nullptr);
  EXPECT_EQ(rules->Chpl("848210", Date::FromYmd(2024, 3, 1))->version.ToIso(), "2024-02-23");
  // Before the first version, the first.
  EXPECT_EQ(rules->ChplVersion(Date::FromYmd(2020, 1, 1)).ToIso(), "2023-05-19");
}

TEST(TradeRulesTest, BadRulesNameTheFileLineAndField) {
  Result<TradeRules> bad_tier =
      TradeRules::Parse(MinimalRules(), "version,hs6,tier\n2024-02-23,854231,5\n");
  ASSERT_FALSE(bad_tier.ok());
  EXPECT_NE(bad_tier.status().message().find("chpl.csv:2: tier"), std::string::npos)
      << bad_tier.status().message();
  Result<TradeRules> bad_code =
      TradeRules::Parse(MinimalRules(), "version,hs6,tier\n2024-02-23,8542.31,1\n");
  ASSERT_FALSE(bad_code.ok());
  EXPECT_NE(bad_code.status().message().find("hs6"), std::string::npos);
  Result<TradeRules> bad_json =
      TradeRules::Parse("{\"risk\": 1", "version,hs6,tier\n2024-02-23,854231,1\n");
  ASSERT_FALSE(bad_json.ok());
  EXPECT_NE(bad_json.status().message().find("rules.json"), std::string::npos);
}

}  // namespace
}  // namespace cordon::trade
