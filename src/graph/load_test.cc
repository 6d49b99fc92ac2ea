#include "graph/load.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "base/file.h"
#include "graph/derive.h"
#include "store/ingest_files.h"
#include "store/store.h"

namespace cordon::graph {
namespace {

namespace fs = std::filesystem;
using model::Regime;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::string_view kZakharov = "opensanctions:NK-aU5ybkbRFJucf8YMwsJvDw";
constexpr std::string_view kAeroscan = "opensanctions:NK-iE6m5ryPeTAMZozfECVSL7";
// The unmanned systems association Zakharov directs (FtM Directorship, from 2005-07-11).
constexpr std::string_view kAssociation = "opensanctions:NK-SiYwWfxwLVrVeFswsvAvsm";

// The yente_zala FtM export: Zakharov (ZALA Aero), his companies and the Russian register's
// ownership records. The shared copy when present, else the bundled one.
std::string ReadZala() {
  for (const std::string& path :
       {std::string(CORDON_SHARED_DATA) + "/opensanctions/yente_zala/entities.ftm.json",
        std::string(CORDON_BUNDLED_DATA) +
            "/lists/opensanctions/yente_zala/entities.ftm.json.zst"}) {
    Result<std::string> bytes = ReadFile(path);
    if (bytes.ok()) return std::move(bytes).value();
  }
  return "";
}

class ZalaGraphTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bytes_ = new std::string(ReadZala());
    if (bytes_->empty()) return;
    Result<std::unique_ptr<store::Store>> opened = store::Store::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = opened->release();
    const ingest::InputFile file{"entities.ftm.json", *bytes_};
    Result<store::IngestReport> report =
        store::IngestFiles(*store_, std::span<const ingest::InputFile>(&file, 1), {});
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    Result<LoadedGraph> loaded = LoadGraph(*store_, "");
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    loaded_ = new LoadedGraph(std::move(loaded).value());
  }
  static void TearDownTestSuite() {
    delete loaded_;
    delete store_;
    delete bytes_;
    loaded_ = nullptr;
    store_ = nullptr;
    bytes_ = nullptr;
  }
  void SetUp() override {
    ASSERT_FALSE(bytes_->empty()) << "yente_zala entities.ftm.json not found";
    ASSERT_NE(loaded_, nullptr);
  }

  const OwnershipGraph& graph() const { return loaded_->graph; }
  NodeId Node(std::string_view id) const {
    const NodeId node = graph().Find(id);
    EXPECT_NE(node, kNoNode) << id;
    return node;
  }
  std::string StatusOf(std::string_view id, Regime regime, DateKey date) const {
    const NodeId node = Node(id);
    if (node == kNoNode) return "?";
    return std::string(StatusName(Derive(graph(), regime, date).status(node), regime));
  }

  static std::string* bytes_;
  static store::Store* store_;
  static LoadedGraph* loaded_;
};

std::string* ZalaGraphTest::bytes_ = nullptr;
store::Store* ZalaGraphTest::store_ = nullptr;
LoadedGraph* ZalaGraphTest::loaded_ = nullptr;

// The FtM schemata the parser turns into entities (the rest are folded into them).
bool IsEmitted(const std::string& schema) {
  static const std::set<std::string> kEmitted = {
      "Person", "Organization", "PublicBody", "Company", "LegalEntity", "Vessel", "Airplane"};
  return kEmitted.count(schema) > 0;
}

std::string FirstValue(const nlohmann::json& properties, const char* name) {
  auto it = properties.find(name);
  if (it == properties.end() || !it->is_array() || it->empty()) return "";
  return (*it)[0].get<std::string>();
}

TEST_F(ZalaGraphTest, EachOwnershipAndDirectorshipIsExactlyOneEdge) {
  // Read the relations from the file itself rather than trusting a number.
  std::set<std::string> emitted;
  std::vector<nlohmann::json> relations;
  std::istringstream lines(*bytes_);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    nlohmann::json e = nlohmann::json::parse(line);
    const std::string schema = e["schema"].get<std::string>();
    if (IsEmitted(schema)) emitted.insert(e["id"].get<std::string>());
    if (schema == "Ownership" || schema == "Directorship") relations.push_back(std::move(e));
  }
  ASSERT_FALSE(relations.empty());

  size_t seen_from_both_ends = 0;
  std::set<uint32_t> matched;
  for (const nlohmann::json& relation : relations) {
    const bool ownership = relation["schema"] == "Ownership";
    const nlohmann::json& p = relation["properties"];
    const std::string owner = FirstValue(p, ownership ? "owner" : "director");
    const std::string asset = FirstValue(p, ownership ? "asset" : "organization");
    if (emitted.count(owner) > 0 && emitted.count(asset) > 0) ++seen_from_both_ends;
    const NodeId owner_node = Node("opensanctions:" + owner);
    const NodeId asset_node = Node("opensanctions:" + asset);
    if (owner_node == kNoNode || asset_node == kNoNode) continue;

    const std::string start = FirstValue(p, "startDate");
    const std::string end = FirstValue(p, "endDate");
    Edge expected{.owner = owner_node,
                  .asset = asset_node,
                  .share = ParseShare(FirstValue(p, "percentage")).value(),
                  .kind = ownership ? EdgeKind::kShares : EdgeKind::kOfficer,
                  .start = start.empty() ? kNoStart : ParseDateKey(start).value(),
                  .end = end.empty() ? kNoEnd : ParseDateKey(end, /*as_end=*/true).value()};
    size_t found = 0;
    for (uint32_t e : graph().out_edges(owner_node)) {
      const Edge& edge = graph().edge(e);
      if (edge.asset == expected.asset && edge.kind == expected.kind &&
          edge.share == expected.share && edge.start == expected.start &&
          edge.end == expected.end) {
        ++found;
        matched.insert(e);
        EXPECT_EQ(graph().source(edge.source), "opensanctions");
      }
    }
    EXPECT_EQ(found, 1u) << relation.dump();
  }
  EXPECT_EQ(matched.size(), relations.size());
  EXPECT_EQ(graph().edge_count(), relations.size());
  EXPECT_EQ(loaded_->stats.edges, relations.size());
  // FtM gives both parties the link; the second sighting is a duplicate, not a second holding.
  EXPECT_EQ(loaded_->stats.duplicate_edges, seen_from_both_ends);
  EXPECT_EQ(loaded_->stats.unresolved, 0u);
  EXPECT_TRUE(loaded_->stats.warnings.empty()) << loaded_->stats.warnings.front();
  ASSERT_EQ(loaded_->versions.size(), 1u);
  EXPECT_EQ(loaded_->versions[0].source, "opensanctions");
  EXPECT_EQ(loaded_->stats.entities, static_cast<size_t>(loaded_->versions[0].entity_count));
}

TEST_F(ZalaGraphTest, ZakharovIsListedUnderEachRegimeThatFreezes) {
  const NodeId zakharov = Node(kZakharov);
  ASSERT_NE(zakharov, kNoNode);
  EXPECT_EQ(graph().caption(zakharov), "Alexander Vyacheslavovich ZAKHAROV");
  for (Regime regime : {Regime::kUs, Regime::kEu, Regime::kUk}) {
    EXPECT_NE(graph().listed(zakharov) & RegimeBit(regime), 0) << model::RegimeName(regime);
    EXPECT_EQ(StatusOf(kZakharov, regime, 20240310), "listed");
  }
  EXPECT_EQ(graph().listed(zakharov) & RegimeBit(Regime::kUn), 0);
}

TEST_F(ZalaGraphTest, AeroscanIsOwnedOnlyWhileZakharovHeldIt) {
  const NodeId aeroscan = Node(kAeroscan);
  const NodeId zakharov = Node(kZakharov);
  ASSERT_NE(aeroscan, kNoNode);
  ASSERT_NE(zakharov, kNoNode);
  EXPECT_EQ(graph().listed(aeroscan), 0);  // no Sanction of its own in this export

  EXPECT_EQ(StatusOf(kAeroscan, Regime::kUs, 20240310), "blocked");
  // Before 2024-07-03 the EU test is "more than 50 %": 100 % meets it too.
  EXPECT_EQ(StatusOf(kAeroscan, Regime::kEu, 20240310), "owned");
  EXPECT_EQ(StatusOf(kAeroscan, Regime::kUk, 20240310), "owned");

  const Derivation us = Derive(graph(), Regime::kUs, 20240310);
  const std::vector<Evidence> evidence = us.EvidenceFor(aeroscan);
  ASSERT_EQ(evidence.size(), 1u);
  const Edge& holding = graph().edge(evidence[0].edge);
  EXPECT_EQ(holding.owner, zakharov);
  EXPECT_EQ(holding.share, Share::Exact(kShareScale));
  EXPECT_EQ(holding.start, 20240301);
  EXPECT_EQ(holding.end, 20240324);
  EXPECT_EQ(evidence[0].owner_status, NodeStatus::kListed);
  EXPECT_EQ(evidence[0].effect, Effect::kOwnership);
  EXPECT_THAT(us.ListedHolders(aeroscan), ElementsAre(zakharov));
  const std::vector<Path> paths = us.Explain(aeroscan);
  ASSERT_EQ(paths.size(), 1u);
  EXPECT_THAT(paths[0].edges, ElementsAre(evidence[0].edge));

  // The last day held is the 23rd: the end date is the day of divestment.
  for (Regime regime : {Regime::kUs, Regime::kEu, Regime::kUk}) {
    EXPECT_NE(StatusOf(kAeroscan, regime, 20240323), "clear");
    EXPECT_EQ(StatusOf(kAeroscan, regime, 20240324), "clear");
    EXPECT_EQ(StatusOf(kAeroscan, regime, 20240229), "clear");
  }
  EXPECT_TRUE(Derive(graph(), Regime::kUs, 20240324).EvidenceFor(aeroscan).empty());
}

TEST_F(ZalaGraphTest, ADirectorshipIsAReasonToReview) {
  const NodeId association = Node(kAssociation);
  ASSERT_NE(association, kNoNode);
  for (Regime regime : {Regime::kUs, Regime::kEu, Regime::kUk}) {
    EXPECT_EQ(StatusOf(kAssociation, regime, 20250101), "review") << model::RegimeName(regime);
    EXPECT_EQ(StatusOf(kAssociation, regime, 20050710), "clear") << model::RegimeName(regime);
    const Derivation d = Derive(graph(), regime, 20250101);
    const std::vector<Evidence> evidence = d.EvidenceFor(association);
    ASSERT_EQ(evidence.size(), 1u);
    const Edge& edge = graph().edge(evidence[0].edge);
    EXPECT_EQ(graph().node_id(edge.owner), kZakharov);
    EXPECT_EQ(edge.kind, EdgeKind::kOfficer);
    EXPECT_FALSE(edge.share.known());
    EXPECT_EQ(evidence[0].effect, Effect::kReview);
  }
}

TEST_F(ZalaGraphTest, RealSanctionsFreezeByListAndAuthority) {
  // LLC CST carries OFAC SDN, BIS Entity List (through the CSL), SAM exclusion, EU, UK and
  // national sanctions; Zakharov also an EU travel ban and a UK director disqualification.
  const std::set<std::string> freezing = {"us_ofac_sdn", "eu_fsf", "gb_fcdo_sanctions"};
  const std::set<std::string> not_freezing = {"us_trade_csl", "us_sam_exclusions", "eu_travel_bans",
                                              "gb_coh_disqualified"};
  std::set<std::string> seen;
  for (std::string_view id :
       {std::string_view("opensanctions:NK-abdzbEBkqyT29GyREbiURZ"), kZakharov}) {
    Result<model::Entity> entity = store_->GetEntity(std::string(id));
    ASSERT_TRUE(entity.ok()) << entity.status().ToString();
    for (const model::Sanction& s : entity->sanctions) {
      SCOPED_TRACE(std::string(id) + ": " + s.list + " / " + s.authority);
      if (freezing.count(s.list) > 0) {
        EXPECT_TRUE(Freezes(s));
        seen.insert(s.list);
      } else if (not_freezing.count(s.list) > 0) {
        EXPECT_FALSE(Freezes(s));
        seen.insert(s.list);
      } else {
        EXPECT_EQ(s.regime, Regime::kOther);  // national lists: no regime of ours
        EXPECT_FALSE(Freezes(s));
      }
    }
  }
  std::set<std::string> all = freezing;
  all.insert(not_freezing.begin(), not_freezing.end());
  EXPECT_EQ(seen, all);
}

TEST_F(ZalaGraphTest, AListingCountsFromItsListingDate) {
  // Zakharov's EU listing is dated 2025-02-24 in the data, his US listing earlier: on
  // 2024-03-10 Aeroscan was blocked under the US rule but not yet owned by an EU-listed person.
  Result<LoadedGraph> then = LoadGraph(*store_, "", /*listed_by=*/20240310);
  ASSERT_TRUE(then.ok()) << then.status().ToString();
  const NodeId zakharov = then->graph.Find(kZakharov);
  const NodeId aeroscan = then->graph.Find(kAeroscan);
  ASSERT_NE(zakharov, kNoNode);
  ASSERT_NE(aeroscan, kNoNode);
  EXPECT_EQ(then->graph.listed(zakharov) & RegimeBit(Regime::kEu), 0);
  EXPECT_NE(then->graph.listed(zakharov) & RegimeBit(Regime::kUs), 0);
  EXPECT_EQ(Derive(then->graph, Regime::kUs, 20240310).status(aeroscan), NodeStatus::kOwned);
  EXPECT_EQ(Derive(then->graph, Regime::kEu, 20240310).status(aeroscan), NodeStatus::kClear);

  Result<LoadedGraph> later = LoadGraph(*store_, "", /*listed_by=*/20250224);
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_NE(later->graph.listed(later->graph.Find(kZakharov)) & RegimeBit(Regime::kEu), 0);
}

TEST_F(ZalaGraphTest, AnEmptyStoreOrAnEarlyDateHasNoGraph) {
  Result<std::unique_ptr<store::Store>> empty = store::Store::Open(":memory:");
  ASSERT_TRUE(empty.ok());
  Result<LoadedGraph> none = LoadGraph(**empty, "");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kFailedPrecondition);

  Result<LoadedGraph> early = LoadGraph(*store_, "1990-01-01");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(early.status().message(), HasSubstr("1990-01-01"));
}

TEST(Freezes, OnlyAssetFreezingListsFreeze) {
  EXPECT_TRUE(Freezes({.regime = Regime::kUs, .authority = "OFAC", .list = "SDN"}));
  EXPECT_FALSE(Freezes({.regime = Regime::kUs, .authority = "OFAC", .list = "Consolidated"}));
  EXPECT_FALSE(Freezes({.regime = Regime::kUs, .authority = "BIS", .list = "Entity List"}));
  EXPECT_FALSE(Freezes({.regime = Regime::kUs, .authority = "BIS", .list = "DPL"}));
  EXPECT_TRUE(Freezes({.regime = Regime::kEu, .authority = "EU Council", .list = "eu_fsf"}));
  EXPECT_FALSE(Freezes({.regime = Regime::kEu,
                        .authority = "Council of the European Union",
                        .list = "eu_travel_bans"}));
  EXPECT_TRUE(Freezes({.regime = Regime::kUk, .authority = "OFSI", .list = "Consolidated List"}));
  EXPECT_TRUE(Freezes({.regime = Regime::kUn, .authority = "UN Security Council"}));
  EXPECT_FALSE(Freezes({.regime = Regime::kOther, .authority = "SECO"}));
}

TEST(ExtendedByAffiliatesRule, EntityAndMeuListsAndTheSdnProgrammesOfEar744_8) {
  EXPECT_TRUE(ExtendedByAffiliatesRule({.regime = Regime::kUs, .authority = "BIS", .list = "EL"}));
  EXPECT_TRUE(ExtendedByAffiliatesRule({.regime = Regime::kUs, .authority = "BIS", .list = "MEU"}));
  EXPECT_FALSE(
      ExtendedByAffiliatesRule({.regime = Regime::kUs, .authority = "BIS", .list = "DPL"}));
  EXPECT_FALSE(
      ExtendedByAffiliatesRule({.regime = Regime::kUs, .authority = "BIS", .list = "UVL"}));
  EXPECT_TRUE(ExtendedByAffiliatesRule(
      {.regime = Regime::kUs, .authority = "OFAC", .program = "RUSSIA-EO14024", .list = "SDN"}));
  EXPECT_TRUE(ExtendedByAffiliatesRule(
      {.regime = Regime::kUs, .authority = "OFAC", .program = "SDGT", .list = "SDN"}));
  // An SDN of a programme the rule does not name, and a non-SDN list of a named programme.
  EXPECT_FALSE(ExtendedByAffiliatesRule(
      {.regime = Regime::kUs, .authority = "OFAC", .program = "CUBA", .list = "SDN"}));
  EXPECT_FALSE(ExtendedByAffiliatesRule(
      {.regime = Regime::kUs, .authority = "OFAC", .program = "UKRAINE-EO13662", .list = "SSI"}));
  EXPECT_FALSE(ExtendedByAffiliatesRule({.regime = Regime::kEu, .authority = "BIS", .list = "EL"}));
}

// Hand-made entities for the loader.
model::Entity MakeEntity(const std::string& source, const std::string& record,
                         const std::string& name) {
  model::Entity e;
  e.id = source + ":" + record;
  e.schema = model::Schema::kCompany;
  e.provenance = {source, record, "test"};
  if (!name.empty()) e.names.push_back({.full = name});
  return e;
}

model::Link OwnedBy(const std::string& target_id, const std::string& share,
                    const std::string& target_name = "") {
  return {.kind = model::LinkKind::kOwnedBy,
          .target_id = target_id,
          .target_name = target_name,
          .share = share};
}

TEST(GraphLoader, AnEntityListPartyIsListedForTheAffiliatesRuleOnly) {
  model::Entity listed = MakeEntity("us_bis_el", "el-1", "HUAWEI TECHNOLOGIES CO., LTD.");
  listed.sanctions.push_back({.regime = Regime::kUs, .authority = "BIS", .list = "EL"});
  model::Entity asset = MakeEntity("register", "cn-1", "HUAWEI SUBSIDIARY");
  asset.links.push_back(OwnedBy("us_bis_el:el-1", "100"));
  GraphLoader loader;
  loader.Add(listed);
  loader.Add(asset);
  const OwnershipGraph g = std::move(loader).Build(nullptr);
  const NodeId el = g.Find("us_bis_el:el-1");
  const NodeId sub = g.Find("register:cn-1");
  ASSERT_NE(el, kNoNode);
  ASSERT_NE(sub, kNoNode);
  EXPECT_EQ(g.listed(el), kEarListedBit);  // no regime freezes for it
  const Derivation bis = Derive(g, OwnershipTest::kUsBis, 20261207);
  EXPECT_EQ(StatusName(bis.status(sub), OwnershipTest::kUsBis), "restricted");
  EXPECT_EQ(Derive(g, Regime::kUs, 20261207).status(sub), NodeStatus::kClear);
}

TEST(GraphLoader, AnEntitySharingAnInnWithAListedOneIsTheSameNode) {
  // A register's company, added before its sanctions entry, with the INN written differently.
  model::Entity registered = MakeEntity("bods", "ru-5603045794", "OOO AEROSCAN");
  registered.identifiers.push_back({.type = model::IdentifierType::kInn, .value = "5603 045794"});
  registered.links.push_back(OwnedBy("person-1", "100"));
  model::Entity owner = MakeEntity("bods", "person-1", "Ivan OWNER");

  model::Entity listed = MakeEntity("us_ofac_sdn", "45953", "LIMITED LIABILITY COMPANY AEROSCAN");
  listed.identifiers.push_back({.type = model::IdentifierType::kInn, .value = "5603045794"});
  listed.sanctions.push_back({.regime = Regime::kUs, .authority = "OFAC", .list = "SDN"});

  // A passport number is not decisive: sharing one merges nothing.
  model::Entity a = MakeEntity("bods", "p-a", "Person A");
  model::Entity b = MakeEntity("eu_fsf", "p-b", "Person B");
  a.identifiers.push_back({.type = model::IdentifierType::kPassport, .value = "7712345678"});
  b.identifiers.push_back({.type = model::IdentifierType::kPassport, .value = "7712345678"});

  GraphLoader loader;
  for (const model::Entity* e : {&registered, &owner, &listed, &a, &b}) loader.Add(*e);
  LoadStats stats;
  const OwnershipGraph g = std::move(loader).Build(&stats);

  EXPECT_EQ(stats.entities, 5u);
  EXPECT_EQ(stats.merged, 1u);
  const NodeId node = g.Find("us_ofac_sdn:45953");
  ASSERT_NE(node, kNoNode);
  EXPECT_EQ(g.Find("bods:ru-5603045794"), node);
  EXPECT_EQ(g.node_id(node), "us_ofac_sdn:45953");  // the listed id names the node
  EXPECT_NE(g.listed(node) & RegimeBit(Regime::kUs), 0);
  EXPECT_EQ(g.node_count(), 4u);
  EXPECT_NE(g.Find("bods:p-a"), g.Find("eu_fsf:p-b"));

  // The register's holding now points at the listed node.
  ASSERT_EQ(g.edge_count(), 1u);
  EXPECT_EQ(g.edge(0).owner, g.Find("bods:person-1"));
  EXPECT_EQ(g.edge(0).asset, node);
  EXPECT_EQ(g.source(g.edge(0).source), "bods");
  EXPECT_EQ(Derive(g, Regime::kUs, 20250101).status(node), NodeStatus::kListed);
}

TEST(GraphLoader, NameOnlyTargetsResolveWithinTheirSourceByAnyName) {
  model::Entity holding = MakeEntity("reg", "holding", "Petrov Holdings Ltd");
  holding.names.push_back({.full = "PETROV GROUP", .kind = model::NameKind::kStrongAlias});
  model::Entity subsidiary = MakeEntity("reg", "sub", "Petrov Shipping");
  subsidiary.links.push_back(OwnedBy("", "75", "Petrov Group"));  // by its alias, another case
  subsidiary.links.push_back(OwnedBy("", "10", "Nobody Anywhere Ltd"));
  subsidiary.links.push_back(OwnedBy("", "10", "Ghost Co"));        // a name in another source only
  subsidiary.links.push_back(OwnedBy("", "5", "Petrov Shipping"));  // itself
  model::Entity elsewhere = MakeEntity("other", "ghost", "Ghost Co");

  GraphLoader loader;
  for (const model::Entity* e : {&subsidiary, &holding, &elsewhere}) loader.Add(*e);
  LoadStats stats;
  const OwnershipGraph g = std::move(loader).Build(&stats);

  EXPECT_EQ(stats.unresolved, 3u);
  ASSERT_EQ(g.edge_count(), 1u);
  EXPECT_EQ(g.node_id(g.edge(0).owner), "reg:holding");
  EXPECT_EQ(g.node_id(g.edge(0).asset), "reg:sub");
  EXPECT_EQ(g.edge(0).share, Share::Exact(75 * (kShareScale / 100)));
}

TEST(GraphLoader, ABadShareIsAWarningAndAnUnknownShare) {
  model::Entity asset = MakeEntity("reg", "asset", "Asset Co");
  asset.links.push_back(OwnedBy("owner", "150"));
  asset.links.push_back(OwnedBy("other-owner", "about a third"));
  model::Entity owner = MakeEntity("reg", "owner", "Owner Co");
  owner.sanctions.push_back({.regime = Regime::kEu, .authority = "EU Council", .list = "eu_fsf"});

  GraphLoader loader;
  loader.Add(asset);
  loader.Add(owner);
  LoadStats stats;
  const OwnershipGraph g = std::move(loader).Build(&stats);

  ASSERT_EQ(stats.warnings.size(), 2u);
  EXPECT_THAT(stats.warnings[0], HasSubstr("reg:asset"));
  EXPECT_THAT(stats.warnings[0], HasSubstr("links[0]"));
  EXPECT_THAT(stats.warnings[0], HasSubstr("150"));
  EXPECT_THAT(stats.warnings[1], HasSubstr("links[1]"));
  ASSERT_EQ(g.edge_count(), 2u);
  for (uint32_t e = 0; e < g.edge_count(); ++e) EXPECT_FALSE(g.edge(e).share.known());
  // An unknown share from a listed owner may be anything up to 100 %.
  EXPECT_EQ(Derive(g, Regime::kEu, 20250101).status(g.Find("reg:asset")), NodeStatus::kPossible);
}

TEST(GraphLoader, TheSameHoldingFromBothEndsIsOneEdge) {
  model::Entity owner = MakeEntity("reg", "owner", "Owner Co");
  owner.links.push_back({.kind = model::LinkKind::kOwns, .target_id = "asset", .share = "60"});
  model::Entity asset = MakeEntity("reg", "asset", "Asset Co");
  asset.links.push_back(OwnedBy("owner", "60"));
  asset.links.push_back(OwnedBy("owner", "40"));  // a different holding: kept

  GraphLoader loader;
  loader.Add(owner);
  loader.Add(asset);
  LoadStats stats;
  const OwnershipGraph g = std::move(loader).Build(&stats);
  EXPECT_EQ(g.edge_count(), 2u);
  EXPECT_EQ(stats.edges, 2u);
  EXPECT_EQ(stats.duplicate_edges, 1u);
}

// A holding by ids is the edge the same link of an entity gives: the two are one edge.
TEST(GraphLoader, AHoldingByIdsIsTheEdgeOfTheSameLink) {
  model::Entity asset = MakeEntity("reg", "asset", "Asset Co");
  asset.links.push_back({.kind = model::LinkKind::kOwnedBy,
                         .target_id = "owner",
                         .target_name = "Owner Co",
                         .share = "25-50",
                         .interest = "voting",
                         .start = {2020, 1, 1}});
  const Holding holding{.owner = "reg:owner",
                        .asset = "reg:asset",
                        .share = ParseShare("25-50").value(),
                        .kind = EdgeKind::kVoting,
                        .start = 20200101,
                        .source = "reg",
                        .owner_caption = "Owner Co",
                        .asset_caption = "Asset Co"};

  GraphLoader by_entity;
  by_entity.Add(asset);
  LoadStats entity_stats;
  const OwnershipGraph from_entity = std::move(by_entity).Build(&entity_stats);
  GraphLoader by_ids;
  by_ids.AddHolding(holding);
  LoadStats id_stats;
  const OwnershipGraph from_ids = std::move(by_ids).Build(&id_stats);

  ASSERT_EQ(from_entity.edge_count(), 1u);
  ASSERT_EQ(from_ids.edge_count(), 1u);
  for (const OwnershipGraph* g : {&from_entity, &from_ids}) {
    const Edge& edge = g->edge(0);
    EXPECT_EQ(g->node_id(edge.owner), "reg:owner");
    EXPECT_EQ(g->node_id(edge.asset), "reg:asset");
    EXPECT_EQ(edge.share, (Share{25 * (kShareScale / 100), 50 * (kShareScale / 100)}));
    EXPECT_EQ(edge.kind, EdgeKind::kVoting);
    EXPECT_EQ(edge.start, 20200101);
    EXPECT_EQ(edge.end, kNoEnd);
    EXPECT_EQ(g->source(edge.source), "reg");
    EXPECT_EQ(g->caption(edge.owner), "Owner Co");
    EXPECT_EQ(g->caption(edge.asset), "Asset Co");
  }
  EXPECT_EQ(entity_stats.entities, 1u);  // the owner is only a link's target here
  EXPECT_EQ(id_stats.entities, 2u);      // both ids are first seen in the holding

  // Both ways at once: the same relation, one edge.
  GraphLoader both;
  both.Add(asset);
  both.AddHolding(holding);
  LoadStats both_stats;
  const OwnershipGraph g = std::move(both).Build(&both_stats);
  EXPECT_EQ(g.edge_count(), 1u);
  EXPECT_EQ(both_stats.duplicate_edges, 1u);
  EXPECT_EQ(both_stats.entities, 2u);  // the asset entity, then the owner the holding names
}

TEST(GraphLoader, HoldingsKeepTheFirstCaptionAndMergeByIdentifier) {
  // A register entity with an LEI and a listing under another id: the holding names the
  // register's id and lands on the listed node.
  model::Entity registered = MakeEntity("reg", "co-1", "Register Name");
  registered.identifiers.push_back(
      {.type = model::IdentifierType::kLei, .value = "529900T8BM49AURSDO55"});
  model::Entity listed = MakeEntity("us_ofac_sdn", "777", "LISTED NAME");
  listed.identifiers.push_back(
      {.type = model::IdentifierType::kLei, .value = "529900T8BM49AURSDO55"});
  listed.sanctions.push_back({.regime = Regime::kUs, .authority = "OFAC", .list = "SDN"});

  GraphLoader loader;
  loader.Add(registered);
  loader.Add(listed);
  loader.AddHolding({.owner = "reg:co-1",
                     .asset = "X",
                     .share = Share::Exact(60 * (kShareScale / 100)),
                     .source = "edges",
                     .owner_caption = "Another Name",
                     .asset_caption = "First X"});
  loader.AddHolding(
      {.owner = "reg:co-1", .asset = "X", .source = "edges", .asset_caption = "Second X"});
  // An empty period: a warning, and no node for either id.
  loader.AddHolding(
      {.owner = "Y", .asset = "Z", .start = 20200101, .end = 20200101, .source = "edges"});
  LoadStats stats;
  const OwnershipGraph g = std::move(loader).Build(&stats);

  EXPECT_EQ(stats.entities, 3u);  // two entities and X
  EXPECT_EQ(stats.merged, 1u);
  const NodeId x = g.Find("X");
  ASSERT_NE(x, kNoNode);
  EXPECT_EQ(g.caption(x), "First X");
  EXPECT_EQ(g.Find("reg:co-1"), g.Find("us_ofac_sdn:777"));
  EXPECT_EQ(g.caption(g.Find("reg:co-1")), "LISTED NAME");  // not the holding's caption
  EXPECT_EQ(g.Find("Y"), kNoNode);
  EXPECT_EQ(g.Find("Z"), kNoNode);
  ASSERT_EQ(stats.warnings.size(), 1u);
  EXPECT_THAT(stats.warnings[0], HasSubstr("Y -> Z"));
  EXPECT_THAT(stats.warnings[0], HasSubstr("left out"));
  EXPECT_EQ(g.edge_count(), 2u);
  EXPECT_EQ(Derive(g, Regime::kUs, 20250101).status(x), NodeStatus::kOwned);
}

class LoadFromFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cordon_graph_io_test_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    edges_ = Write("edges.csv",
                   "owner,asset,share,share_min,share_max,kind,start,end\n"
                   "X,A,60,,,shares,,\n"
                   "A,B,,,,board,2020-01-01,\n"
                   "X,B,120,,,shares,,\n");  // a bad row: a warning, not a failure
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    EXPECT_TRUE(WriteFileAtomically(path, bytes).ok());
    return path;
  }

  fs::path dir_;
  std::string edges_;
};

TEST_F(LoadFromFilesTest, EdgesAndListedFilesShareOneIdSpace) {
  const std::string listed = Write("listed.csv", "id,regime\nX,us\nX, EU \n");
  Result<LoadedGraph> loaded = LoadGraphFromFiles(edges_, listed);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const OwnershipGraph& g = loaded->graph;
  EXPECT_EQ(g.node_count(), 3u);
  EXPECT_EQ(g.edge_count(), 2u);
  EXPECT_EQ(g.listed(g.Find("X")), RegimeBit(Regime::kUs) | RegimeBit(Regime::kEu));
  ASSERT_FALSE(loaded->stats.warnings.empty());
  EXPECT_THAT(loaded->stats.warnings[0], HasSubstr("edges.csv"));
  const Derivation eu = Derive(g, Regime::kEu, 20250101);
  EXPECT_EQ(eu.status(g.Find("A")), NodeStatus::kOwned);
  EXPECT_EQ(eu.status(g.Find("B")), NodeStatus::kControlled);
  EXPECT_EQ(Derive(g, Regime::kUk, 20250101).status(g.Find("X")), NodeStatus::kClear);
}

// Each distinct id of a valid row is one entity; names in the file are captions, the first
// one an id is given wins, as it is the parser's primary name.
TEST_F(LoadFromFilesTest, IdsOfValidRowsAreEntitiesAndNamesAreCaptions) {
  const std::string edges = Write("named.csv",
                                  "owner,asset,share,kind,owner_name,asset_name,start,end\n"
                                  "X,A,60,shares,,Asset  Co,,\n"
                                  "P,A,10,voting,Petrov,Asset Company,,\n"
                                  "Q,A,10,shares,,,2021,2020\n"  // defective: no entity Q
                                  "X,B,30,officer,The X Holder,,2019,\n");
  Result<LoadedGraph> loaded = LoadGraphFromFiles(edges, "");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const OwnershipGraph& g = loaded->graph;
  EXPECT_EQ(loaded->stats.entities, 4u);  // X, A, P, B
  EXPECT_EQ(g.node_count(), 4u);
  EXPECT_EQ(g.Find("Q"), kNoNode);
  EXPECT_EQ(g.caption(g.Find("A")), "Asset Co");
  EXPECT_EQ(g.caption(g.Find("P")), "Petrov");
  EXPECT_EQ(g.caption(g.Find("X")), "The X Holder");
  EXPECT_EQ(g.caption(g.Find("B")), "");
  ASSERT_EQ(loaded->stats.warnings.size(), 1u);
  EXPECT_THAT(loaded->stats.warnings[0], HasSubstr("named.csv:4"));
  EXPECT_THAT(loaded->stats.warnings[0], HasSubstr("start 2021 is not before end 2020"));
  ASSERT_EQ(g.edge_count(), 3u);
  const NodeId x = g.Find("X");
  ASSERT_EQ(g.out_edges(x).size(), 2u);
  for (uint32_t e : g.out_edges(x)) {
    const Edge& edge = g.edge(e);
    EXPECT_EQ(g.source(edge.source), "edges");
    if (g.node_id(edge.asset) == "B") {
      EXPECT_EQ(edge.kind, EdgeKind::kOfficer);
      EXPECT_EQ(edge.start, 20190101);
      EXPECT_EQ(edge.share, Share::Exact(30 * (kShareScale / 100)));
    }
  }
}

TEST_F(LoadFromFilesTest, AListedFileWithABadRegimeNamesFileAndLine) {
  const std::string listed = Write("listed.csv", "id,regime\nX,us\nA,mars\n");
  Result<LoadedGraph> loaded = LoadGraphFromFiles(edges_, listed);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kCorruption);
  EXPECT_THAT(loaded.status().message(), HasSubstr(listed + ": line 3"));
  EXPECT_THAT(loaded.status().message(), HasSubstr("mars"));

  const std::string empty_id = Write("empty_id.csv", "regime,id\nus,\n");
  Result<LoadedGraph> no_id = LoadGraphFromFiles(edges_, empty_id);
  ASSERT_FALSE(no_id.ok());
  EXPECT_EQ(no_id.status().code(), StatusCode::kCorruption);
  EXPECT_THAT(no_id.status().message(), HasSubstr(empty_id + ": line 2"));
}

TEST_F(LoadFromFilesTest, AListedFileWithoutItsHeaderIsCorrupt) {
  const std::string listed = Write("listed.csv", "X,us\nA,eu\n");
  Result<LoadedGraph> loaded = LoadGraphFromFiles(edges_, listed);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kCorruption);
  EXPECT_THAT(loaded.status().message(), HasSubstr(listed));
  EXPECT_THAT(loaded.status().message(), HasSubstr("id,regime"));
}

TEST_F(LoadFromFilesTest, MissingFilesAndACorruptEdgesFileFail) {
  Result<LoadedGraph> missing = LoadGraphFromFiles((dir_ / "absent.csv").string(), "");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);

  const std::string headerless = Write("headerless.csv", "X,A,60\n");
  Result<LoadedGraph> corrupt = LoadGraphFromFiles(headerless, "");
  ASSERT_FALSE(corrupt.ok());
  EXPECT_EQ(corrupt.status().code(), StatusCode::kCorruption);
  EXPECT_THAT(corrupt.status().message(), HasSubstr("headerless.csv"));

  // Without a listed file nothing is listed, and nothing is derived.
  Result<LoadedGraph> unlisted = LoadGraphFromFiles(edges_, "");
  ASSERT_TRUE(unlisted.ok()) << unlisted.status().ToString();
  const std::vector<size_t> counts = Derive(unlisted->graph, Regime::kUs, 20250101).Counts();
  EXPECT_EQ(counts[static_cast<size_t>(NodeStatus::kClear)], unlisted->graph.node_count());
}

}  // namespace
}  // namespace cordon::graph
