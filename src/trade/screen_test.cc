// Shipments screened against real lists: an Entity List company of the Consolidated Screening
// List, an SDN company, and a company the OpenSanctions data shows owned by a listed person.
#include "trade/screen.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "store/ingest_files.h"
#include "store/testing/bundled_lists.h"
#include "trade/testing/generator.h"

namespace cordon::trade {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

class ShipmentScreenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ =
        new fs::path(fs::temp_directory_path() / ("cordon_trade_test_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    Result<std::unique_ptr<store::Store>> store =
        store::Store::Open((*dir_ / "cordon.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = store->release();
    store::testing::IngestBundled(*store_, store::testing::kSdn2024);
    store::testing::IngestBundled(*store_, {"export_controls/csl.csv.zst"});
    store::testing::IngestBundled(*store_, {"opensanctions/yente_zala/entities.ftm.json.zst"});
    // A company register in FtM: a company that names RADIOAVTOMATIKA LLC (SDN 35348) by its
    // INN as the holder of 60 % of an unlisted company. The graph merges the two by the INN.
    const std::string registry =
        R"({"id": "reg-owner", "schema": "Company", "properties": {"name": ["Radioavtomatika"], "innCode": ["7725824287"], "country": ["ru"]}})"
        "\n"
        R"({"id": "reg-asset", "schema": "Company", "properties": {"name": ["Vostok Elektronika LLC"], "country": ["ru"]}})"
        "\n"
        R"({"id": "reg-own", "schema": "Ownership", "properties": {"owner": ["reg-owner"], "asset": ["reg-asset"], "percentage": ["60"], "startDate": ["2021-04-01"]}})"
        "\n";
    const std::vector<ingest::InputFile> files = {{"registry.ftm.json", registry}};
    Result<store::IngestReport> ingested =
        store::IngestFiles(*store_, files, {.source = "ru_registry"});
    ASSERT_TRUE(ingested.ok()) << ingested.status().ToString();
    Result<std::shared_ptr<const screening::Snapshot>> snapshot =
        screening::Snapshot::Build(*store_, {});
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    screener_ = new ShipmentScreener(*snapshot, TradeRules::Bundled(), {});
  }
  static void TearDownTestSuite() {
    delete screener_;
    delete store_;
    fs::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override { ASSERT_NE(screener_, nullptr); }

  static Json ScreenLine(std::string_view json) {
    std::string one_line(json);
    std::replace(one_line.begin(), one_line.end(), '\n', ' ');
    Result<ShipmentReader> reader = ShipmentReader::FromText(one_line, "t.jsonl");
    EXPECT_TRUE(reader.ok());
    ShipmentRecord record;
    EXPECT_TRUE(reader->Next(record));
    Result<Assessment> a = screener_->Screen(record.shipment);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    if (!a.ok()) return Json();
    return Json::parse(screener_->ResultLine(record.shipment, *a));
  }
  static const Json* FindingOf(const Json& line, std::string_view code) {
    for (const Json& f : line["findings"]) {
      if (f["code"] == code) return &f;
    }
    return nullptr;
  }

  static fs::path* dir_;
  static store::Store* store_;
  static ShipmentScreener* screener_;
};
fs::path* ShipmentScreenTest::dir_ = nullptr;
store::Store* ShipmentScreenTest::store_ = nullptr;
ShipmentScreener* ShipmentScreenTest::screener_ = nullptr;

TEST_F(ShipmentScreenTest, AnEntityListConsigneeInHongKongIsAListedPartyAndTheShipmentHigh) {
  // "Biznest, LTD" is on the BIS Entity List (Consolidated Screening List of April 2022).
  const Json line = ScreenLine(
      R"({"id": "S-EL", "date": "2024-05-10", "exporter": {"name": "Pacific Coast Semiconductor Inc.", "country": "US"},
          "consignee": {"name": "BIZNEST LIMITED", "country": "HK"}, "route": ["US", "HK"], "declared_destination": "HK",
          "goods": [{"hs": "8542.31", "origin": "US", "value": 50000}]})");
  EXPECT_EQ(line["level"], "high");
  EXPECT_GE(line["risk"], 95);
  const Json* listed = FindingOf(line, "listed_party");
  ASSERT_NE(listed, nullptr) << line.dump(1);
  EXPECT_EQ((*listed)["party"], "consignee");
  EXPECT_EQ((*listed)["caption"], "Biznest, LTD");
  EXPECT_EQ((*listed)["sources"], Json::array({"us_trade_csl"}));
  EXPECT_EQ((*listed)["programmes"], Json::array({"BIS Entity List"})) << listed->dump();
  EXPECT_EQ(line["findings"][0]["code"], "listed_party");
  // The versions the answer was computed on.
  EXPECT_EQ(line["lists"].size(), 4u);
}

TEST_F(ShipmentScreenTest, AnSdnEndUserInRussia) {
  // RADIOAVTOMATIKA LLC, SDN entry 35348 (RUSSIA-EO14024).
  const Json line = ScreenLine(
      R"({"id": "S-SDN", "date": "2024-05-10", "exporter": {"name": "Rheinland Elektronik GmbH", "country": "DE"},
          "consignee": {"name": "Steppe Trade TOO", "country": "KZ", "registered_on": "2022-09-01"},
          "end_user": {"name": "Radioavtomatika LLC", "country": "RU"},
          "route": ["DE", "KZ", "RU"], "declared_destination": "KZ",
          "goods": [{"hs": "8517.62", "origin": "DE"}]})");
  EXPECT_EQ(line["level"], "high");
  const Json* listed = FindingOf(line, "listed_party");
  ASSERT_NE(listed, nullptr) << line.dump(1);
  EXPECT_EQ((*listed)["party"], "end_user");
  EXPECT_EQ((*listed)["entity_id"], "us_ofac_sdn:35348");
  EXPECT_NE(FindingOf(line, "russia_destination"), nullptr);
  EXPECT_NE(FindingOf(line, "route_mismatch"), nullptr);
  EXPECT_NE(FindingOf(line, "new_company"), nullptr);
}

TEST_F(ShipmentScreenTest, APayerOwnedByAnSdnCompanyThroughTheOwnershipData) {
  const Json line = ScreenLine(
      R"({"id": "S-OWN", "date": "2024-05-10", "exporter": {"name": "Osaka Denshi Buhin Co., Ltd.", "country": "JP"},
          "consignee": {"name": "Ararat Elektronik LLC", "country": "AM", "registered_on": "2015-01-01", "kind": "manufacturer"},
          "payer": {"name": "Vostok Elektronika", "country": "RU"}, "route": ["JP", "AM"], "declared_destination": "AM",
          "goods": [{"hs": "8526.91", "origin": "JP"}]})");
  const Json* owned = FindingOf(line, "owned_party");
  ASSERT_NE(owned, nullptr) << line.dump(1);
  EXPECT_EQ((*owned)["party"], "payer");
  EXPECT_EQ((*owned)["entity_id"], "ru_registry:reg-asset");
  // The owner is an SDN under RUSSIA-EO14024, a programme of EAR 744.8(a)(1): on the
  // snapshot's date (today) BIS's Affiliates Rule restricts what it owns as well.
  EXPECT_EQ((*owned)["ownership"], Json({{"us", "blocked"}, {"us_bis", "restricted"}}));
  EXPECT_EQ(FindingOf(line, "listed_party"), nullptr);  // the company is on no list itself
  EXPECT_NE(FindingOf(line, "third_party_payer"), nullptr);
  EXPECT_EQ(line["level"], "high");
  EXPECT_GE(line["risk"], 90);
}

// LLC CST is sanctioned in the OpenSanctions data itself (and 51 % held by Alexander Zakharov).
TEST_F(ShipmentScreenTest, ACompanyTheOpenSanctionsDataListsIsAListedParty) {
  const Json line = ScreenLine(
      R"({"id": "S-CST", "date": "2024-05-10", "exporter": {"name": "Osaka Denshi Buhin Co., Ltd.", "country": "JP"},
          "consignee": {"name": "LLC CST", "country": "RU"}, "route": ["JP", "KZ", "RU"], "declared_destination": "RU",
          "goods": [{"hs": "8526.91", "origin": "JP"}]})");
  const Json* listed = FindingOf(line, "listed_party");
  ASSERT_NE(listed, nullptr) << line.dump(1);
  EXPECT_EQ((*listed)["sources"], Json::array({"opensanctions"}));
  EXPECT_EQ(line["level"], "high");
}

// A party seen before is answered from the first screening of it, with the same hits under its
// own role.
TEST_F(ShipmentScreenTest, RepeatedPartiesAreScreenedOnce) {
  ShipmentScreener screener(std::shared_ptr<const screening::Snapshot>(
                                &screener_->snapshot(), [](const screening::Snapshot*) {}),
                            TradeRules::Bundled(), {});
  auto shipment = [](std::string id, std::string role) {
    // The reader views its text: the text outlives it.
    const std::string text = R"({"id": ")" + id +
                             R"(", "exporter": {"name": "X", "country": "US"}, ")" + role +
                             R"(": {"name": "Radioavtomatika LLC", "country": "RU"}, "goods": []})";
    Result<ShipmentReader> reader = ShipmentReader::FromText(text, "t.jsonl");
    ShipmentRecord record;
    EXPECT_TRUE(reader.ok() && reader->Next(record));
    return record.shipment;
  };
  Result<std::vector<PartyHit>> first = screener.ScreenParties(shipment("a", "consignee"));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(screener.parties_screened(), 2u);
  Result<std::vector<PartyHit>> again = screener.ScreenParties(shipment("b", "end_user"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(screener.parties_screened(), 2u);
  EXPECT_EQ(screener.parties_cached(), 2u);
  ASSERT_EQ(first->size(), again->size());
  ASSERT_FALSE(again->empty());
  EXPECT_EQ((*first)[0].entity_id, (*again)[0].entity_id);
  EXPECT_EQ((*first)[0].score, (*again)[0].score);
  EXPECT_EQ((*first)[0].role, "consignee");
  EXPECT_EQ((*again)[0].role, "end_user");
}

TEST_F(ShipmentScreenTest, BenignGeneratedTradeFindsNoListedParty) {
  // The benign companies' names are made up: none may read as a listed party at the trade
  // threshold, or benign trade would be reported high. (The shells of the evasion patterns may:
  // "Orion Logistics LLC" reads as the SDN's ORION LIMITED LIABILITY COMPANY at 0.83.)
  size_t screened = 0;
  for (const testing::GeneratedShipment& g :
       testing::GenerateShipments({.seed = 3, .count = 300, .evasion_share = 0.3})) {
    const Json line = ScreenLine(g.json);
    if (g.expected_level == "low") {
      EXPECT_EQ(FindingOf(line, "listed_party"), nullptr) << g.json << "\n" << line.dump(1);
    }
    EXPECT_EQ(line["level"], g.expected_level) << g.pattern << " " << line.dump(1);
    ++screened;
  }
  EXPECT_EQ(screened, 300u);
}

TEST_F(ShipmentScreenTest, TheListedConsigneePatternOnRealEntityListNames) {
  for (const testing::GeneratedShipment& g :
       testing::GenerateShipments({.seed = 5,
       .count = 200,
       .evasion_share = 1.0,
       .listed_names = {"Biznest, LTD", "Serko Limited", "Sysdynamic Limited"}})) {
    if (g.pattern != "hub_listed_consignee") continue;
    const Json line = ScreenLine(g.json);
    EXPECT_NE(FindingOf(line, "listed_party"), nullptr) << line.dump(1);
    EXPECT_EQ(line["level"], "high");
  }
}

}  // namespace
}  // namespace cordon::trade
