// The rules of shipment screening, one finding code at a time, and the risk they add up to.
// Party hits are given here as screening would report them; screen_test.cc screens real names.
#include "trade/assess.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "trade/testing/generator.h"

namespace cordon::trade {
namespace {

// One JSON line from a literal written over several lines.
Shipment Read(std::string_view json) {
  std::string line(json);
  std::replace(line.begin(), line.end(), '\n', ' ');
  Result<ShipmentReader> reader = ShipmentReader::FromText(line, "t.jsonl");
  EXPECT_TRUE(reader.ok());
  ShipmentRecord record;
  EXPECT_TRUE(reader->Next(record));
  EXPECT_EQ(record.error, "");
  EXPECT_TRUE(record.shipment.warnings.empty()) << record.shipment.warnings[0];
  return record.shipment;
}

std::vector<std::string> Codes(const Assessment& a) {
  std::vector<std::string> codes;
  for (const Finding& f : a.findings) {
    if (std::find(codes.begin(), codes.end(), f.code) == codes.end()) codes.push_back(f.code);
  }
  std::sort(codes.begin(), codes.end());
  return codes;
}

const Finding* Find(const Assessment& a, std::string_view code) {
  for (const Finding& f : a.findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

Assessment AssessJson(std::string_view json, std::vector<PartyHit> hits = {}) {
  return Assess(Read(json), TradeRules::Bundled(), hits);
}

using Strings = std::vector<std::string>;

TEST(AssessTest, OrdinaryGoodsToAHubAloneAreLowRisk) {
  const Assessment a = AssessJson(
      R"({"id": "1", "date": "2024-05-10", "exporter": {"name": "Milano Tessile", "country": "IT", "registered_on": "1990-01-01"},
          "consignee": {"name": "Istanbul Tekstil Sanayi A.S.", "country": "TR", "kind": "manufacturer", "registered_on": "2001-01-01"},
          "route": ["IT", "TR"], "declared_destination": "TR",
          "contract": {"date": "2024-01-10", "no_russia_clause": true},
          "goods": [{"hs": "6109.10", "origin": "IT"}]})");
  EXPECT_EQ(Codes(a), Strings{});
  EXPECT_EQ(a.level, "low");
  EXPECT_EQ(a.risk, 0);
}

TEST(AssessTest, ChplTierOneToAHubForACompanySetUpAfterTheInvasionIsHigh) {
  const Assessment a = AssessJson(
      R"({"id": "2", "date": "2024-05-10", "exporter": {"name": "Rheinland Elektronik GmbH", "country": "DE"},
          "consignee": {"name": "Pamir Trading OsOO", "country": "KG", "kind": "manufacturer", "registered_on": "2022-06-01"},
          "route": ["DE", "TR", "KG"], "declared_destination": "KG",
          "contract": {"date": "2024-03-01", "no_russia_clause": true},
          "goods": [{"hs": "8542.31.00", "origin": "US"}]})");
  // A trading company with no end user named stands as one.
  EXPECT_EQ(Codes(a), (Strings{"chpl", "forwarder_end_user", "new_company", "transshipment_hub"}));
  EXPECT_EQ(a.level, "high");
  EXPECT_GE(a.risk, 80);
  const Finding* chpl = Find(a, "chpl");
  ASSERT_NE(chpl, nullptr);
  EXPECT_EQ(chpl->evidence["tier"], "1");
  EXPECT_EQ(chpl->evidence["hs6"], "854231");
  const Finding* hub = Find(a, "transshipment_hub");
  EXPECT_EQ(hub->evidence["hubs"], (Strings{"TR", "KG"}));
  EXPECT_EQ(Find(a, "new_company")->evidence["registered_on"], "2022-06-01");
  // Findings strongest first.
  EXPECT_EQ(a.findings.front().code, "transshipment_hub");
}

TEST(AssessTest, TheHubRuleNeedsGoodsOfAControllingCountry) {
  // Chinese-made chips shipped from Germany to Kyrgyzstan: no coalition control of origin.
  const Assessment a = AssessJson(
      R"({"id": "3", "date": "2024-05-10", "exporter": {"name": "X GmbH", "country": "DE"},
          "consignee": {"name": "Y", "country": "KG", "registered_on": "2010-01-01"},
          "route": ["DE", "KG"], "declared_destination": "KG",
          "goods": [{"hs": "854231", "origin": "CN"}]})");
  EXPECT_EQ(Find(a, "transshipment_hub"), nullptr);
  EXPECT_NE(Find(a, "chpl"), nullptr);
  // Without an origin, the exporter's country stands for it.
  const Assessment b = AssessJson(
      R"({"id": "3b", "date": "2024-05-10", "exporter": {"name": "X GmbH", "country": "DE"},
          "consignee": {"name": "Y", "country": "KG"}, "goods": [{"hs": "854231"}]})");
  EXPECT_NE(Find(b, "transshipment_hub"), nullptr);
}

TEST(AssessTest, RussiaBelarusAndTheOccupiedRegionsAnywhereOnTheWay) {
  const Assessment direct = AssessJson(
      R"({"id": "4", "date": "2024-05-10", "exporter": {"name": "X", "country": "DE"},
          "consignee": {"name": "Z", "country": "KZ", "registered_on": "2010-01-01"}, "end_user": {"name": "OOO Q", "country": "RU"},
          "route": ["DE", "KZ"], "declared_destination": "KZ", "goods": [{"hs": "854232", "origin": "DE"}]})");
  EXPECT_NE(Find(direct, "russia_destination"), nullptr);
  EXPECT_EQ(direct.level, "high");
  EXPECT_GE(direct.risk, 95);
  const Assessment crimea = AssessJson(
      R"({"id": "5", "date": "2024-05-10", "exporter": {"name": "X", "country": "IT"},
          "consignee": {"name": "Z", "country": "TR", "registered_on": "2010-01-01"},
          "route": ["IT", "TR", "UA-43"], "declared_destination": "TR", "goods": [{"hs": "0808.10", "origin": "IT"}]})");
  EXPECT_EQ(Codes(crimea), (Strings{"route_mismatch", "russia_destination"}));
  EXPECT_NE(Find(crimea, "russia_destination")->detail.find("Crimea"), std::string::npos);
  EXPECT_EQ(crimea.level, "medium");  // apples, not battlefield goods
}

TEST(AssessTest, RegionCodesAsPartyCountriesAndDestinations) {
  // A consignee registered in occupied Crimea; a declared destination that is a Russian
  // subdivision.
  EXPECT_NE(
      Find(AssessJson(
               R"({"id": "g1", "consignee": {"name": "Z", "country": "UA-43"}, "goods": []})"),
           "russia_destination"),
      nullptr);
  EXPECT_NE(Find(AssessJson(R"({"id": "g2", "declared_destination": "RU-MOW", "goods": []})"),
                 "russia_destination"),
            nullptr);
  // Two regions of one country are two places.
  EXPECT_NE(
      Find(
          AssessJson(
              R"({"id": "g3", "route": ["TR", "UA-43"], "declared_destination": "UA-14", "goods": []})"),
          "route_mismatch"),
      nullptr);
  EXPECT_EQ(
      Find(
          AssessJson(
              R"({"id": "g4", "route": ["TR", "UA-43"], "declared_destination": "UA-43", "goods": []})"),
          "route_mismatch"),
      nullptr);
}

TEST(AssessTest, AForwarderOrTraderStandingAsEndUser) {
  const Assessment by_kind = AssessJson(
      R"({"id": "6", "exporter": {"name": "X", "country": "US"}, "consignee": {"name": "A", "country": "AE"},
          "end_user": {"name": "Falcon Services", "country": "AE", "kind": "forwarder"}, "goods": []})");
  EXPECT_NE(Find(by_kind, "forwarder_end_user"), nullptr);
  const Assessment by_name = AssessJson(
      R"({"id": "7", "exporter": {"name": "X", "country": "US"}, "consignee": {"name": "A", "country": "AE"},
          "end_user": {"name": "ООО Альфа Логистика", "country": "AM"}, "goods": []})");
  ASSERT_NE(Find(by_name, "forwarder_end_user"), nullptr);
  EXPECT_NE(Find(by_name, "forwarder_end_user")->detail.find("logistika"), std::string::npos);
  // No end user named: the consignee stands as one.
  const Assessment consignee = AssessJson(
      R"({"id": "8", "exporter": {"name": "X", "country": "US"}, "consignee": {"name": "Orion Express LLC", "country": "GE"}, "goods": []})");
  EXPECT_NE(Find(consignee, "forwarder_end_user"), nullptr);
  // An end user given only a country is not named: the consignee stands as one.
  const Assessment country_only = AssessJson(
      R"({"id": "8b", "exporter": {"name": "X", "country": "US"}, "consignee": {"name": "Kura Cargo", "country": "GE"},
          "end_user": {"country": "GE"}, "goods": []})");
  EXPECT_NE(Find(country_only, "forwarder_end_user"), nullptr);
  // Short words match whole: "Important" is not "import".
  EXPECT_EQ(
      Find(
          AssessJson(
              R"({"id": "8c", "consignee": {"name": "Important Systems LLC", "country": "DE"}, "goods": []})"),
          "forwarder_end_user"),
      nullptr);
  const Assessment maker = AssessJson(
      R"({"id": "9", "exporter": {"name": "X", "country": "US"}, "consignee": {"name": "A", "country": "DE"},
          "end_user": {"name": "Hamburg Maschinenbau AG", "country": "DE", "kind": "manufacturer"}, "goods": []})");
  EXPECT_EQ(Find(maker, "forwarder_end_user"), nullptr);
}

TEST(AssessTest, APayerWhoIsNeitherConsigneeNorEndUserOrPaysFromAThirdCountry) {
  const Assessment same = AssessJson(
      R"({"id": "10", "consignee": {"name": "Tbilisi Wine Cellars LLC", "country": "GE"},
          "payer": {"name": "TBILISI WINE CELLARS", "country": "GE", "bank_bic": "BAGAGE22"}, "goods": []})");
  EXPECT_EQ(Find(same, "third_party_payer"), nullptr);
  const Assessment other = AssessJson(
      R"({"id": "11", "consignee": {"name": "Pamir Trading", "country": "KG"},
          "payer": {"name": "Vega Holdings Limited", "country": "HK"}, "goods": []})");
  ASSERT_NE(Find(other, "third_party_payer"), nullptr);
  EXPECT_NE(Find(other, "third_party_payer")->detail.find("pays from HK"), std::string::npos);
  // The consignee pays, but through a bank in a third country.
  const Assessment bank = AssessJson(
      R"({"id": "12", "consignee": {"name": "Pamir Trading", "country": "KG"},
          "payer": {"name": "Pamir Trading", "country": "KG", "bank_bic": "HSBCHKHHXXX"}, "goods": []})");
  ASSERT_NE(Find(bank, "third_party_payer"), nullptr);
  EXPECT_NE(Find(bank, "third_party_payer")->detail.find("the bank's country"), std::string::npos);
}

TEST(AssessTest, TheNoRussiaClauseOfArticleTwelveG) {
  auto shipment = [](std::string_view date, std::string_view contract, std::string_view clause,
                     std::string_view dest, std::string_view hs) {
    return fmt::format(
        R"({{"id": "c", "date": "{}", "exporter": {{"name": "X", "country": "DE"}},
            "consignee": {{"name": "Y", "country": "{}"}}, "declared_destination": "{}",
            {} "goods": [{{"hs": "{}", "origin": "DE"}}]}})",
        date, dest, dest,
        contract.empty()
            ? std::string()
            : fmt::format(R"("contract": {{"date": "{}"{}}},)", contract,
                          clause.empty() ? "" : fmt::format(R"(, "no_russia_clause": {})", clause)),
        hs);
  };
  auto has = [&](std::string json) {
    return Find(AssessJson(json), "no_russia_clause") != nullptr;
  };
  EXPECT_TRUE(has(shipment("2024-05-10", "2024-01-10", "false", "KG", "8542.31")));
  EXPECT_FALSE(has(shipment("2024-05-10", "2024-01-10", "true", "KG", "8542.31")));
  // Contract before 2023-12-19, performed before 2024-12-20: not yet required.
  EXPECT_FALSE(has(shipment("2024-05-10", "2023-06-01", "false", "KG", "8542.31")));
  // ... but performed after 2024-12-20: required.
  EXPECT_TRUE(has(shipment("2025-01-15", "2023-06-01", "false", "KG", "8542.31")));
  // Annex VIII partners and member states are exempt.
  EXPECT_FALSE(has(shipment("2024-05-10", "2024-01-10", "false", "US", "8542.31")));
  EXPECT_FALSE(has(shipment("2024-05-10", "2024-01-10", "false", "FR", "8542.31")));
  // Aircraft parts (Annex XI) and firearms (Annex XXXV), not only the CHPL.
  EXPECT_TRUE(has(shipment("2024-05-10", "2024-01-10", "false", "AE", "8803.30")));
  EXPECT_TRUE(has(shipment("2024-05-10", "2024-01-10", "", "AE", "9303.20")));
  EXPECT_FALSE(has(shipment("2024-05-10", "2024-01-10", "false", "AE", "6109.10")));
  // No contract given, shipped after the clause began: it cannot be shown exempt.
  EXPECT_TRUE(has(shipment("2024-05-10", "", "", "KG", "8542.31")));
}

TEST(AssessTest, RouteMismatch) {
  const Assessment a = AssessJson(
      R"({"id": "r", "route": ["DE", "GE", "AM"], "declared_destination": "GE", "goods": []})");
  ASSERT_NE(Find(a, "route_mismatch"), nullptr);
  EXPECT_EQ(Find(a, "route_mismatch")->evidence["route_end"], "AM");
  EXPECT_EQ(
      Find(
          AssessJson(
              R"({"id": "r2", "route": ["DE", "TR:MER"], "declared_destination": "TR", "goods": []})"),
          "route_mismatch"),
      nullptr);
}

TEST(AssessTest, AListedPartyWithChplGoodsIsHighWhateverElse) {
  PartyHit hit;
  hit.role = "consignee";
  hit.party_name = "Biznest Ltd";
  hit.entity_id = "us_trade_csl:186a9ecc";
  hit.caption = "Biznest, LTD";
  hit.score = 0.97;
  hit.regimes = {"us"};
  hit.sources = {"us_trade_csl"};
  hit.programmes = {"Entity List"};
  hit.listed = true;
  const std::string json =
      R"({"id": "l", "date": "2024-05-10", "exporter": {"name": "X", "country": "US"},
          "consignee": {"name": "Biznest Ltd", "country": "HK", "registered_on": "2015-01-01"},
          "route": ["US", "HK"], "declared_destination": "HK", "goods": [{"hs": "8471.50", "origin": "US"}]})";
  const Assessment a = AssessJson(json, {hit});
  EXPECT_EQ(Codes(a), (Strings{"chpl", "listed_party", "transshipment_hub"}));
  EXPECT_GE(a.risk, 95);
  EXPECT_EQ(a.findings.front().code, "listed_party");
  EXPECT_EQ(a.findings.front().evidence["sources"], Strings{"us_trade_csl"});
  hit.listed = false;
  hit.owned_under = {{"us", "blocked"}};
  const Assessment owned = AssessJson(json, {hit});
  ASSERT_NE(Find(owned, "owned_party"), nullptr);
  EXPECT_EQ(Find(owned, "owned_party")->evidence["ownership"]["us"], "blocked");
  EXPECT_GE(owned.risk, 90);
}

// Every generated shipment gets its pattern's level and findings (listed parties aside: those
// need the lists, screen_test.cc).
TEST(AssessTest, GeneratedBenignTradeIsLowAndPlantedDiversionIsHighWithItsFindings) {
  const std::vector<testing::GeneratedShipment> generated =
      testing::GenerateShipments({.seed = 7, .count = 2000, .evasion_share = 0.3});
  size_t benign = 0, evasive = 0;
  for (const testing::GeneratedShipment& g : generated) {
    const Assessment a = AssessJson(g.json);
    EXPECT_EQ(a.level, g.expected_level) << g.pattern << " " << g.json;
    const std::vector<std::string> codes = Codes(a);
    for (const std::string& code : g.expected_codes) {
      EXPECT_TRUE(std::find(codes.begin(), codes.end(), code) != codes.end())
          << g.pattern << " lacks " << code << ": " << g.json;
    }
    (g.expected_level == "low" ? benign : evasive)++;
  }
  EXPECT_GT(benign, 1200u);
  EXPECT_GT(evasive, 450u);
}

}  // namespace
}  // namespace cordon::trade
