#include "graph/derive.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace cordon::graph {
namespace {

using model::Regime;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

constexpr DateKey kAfterEuChange = 20250101;

// Builds a graph from lines like ("X", "A", "30") and answers "what is A under the EU rule".
class Holdings {
 public:
  // Listed under all three regimes unless `regimes` says otherwise.
  Holdings& Listed(const std::string& id,
                   std::vector<Regime> regimes = {Regime::kUs, Regime::kEu, Regime::kUk}) {
    const NodeId node = builder_.AddNode(id);
    for (Regime regime : regimes) builder_.SetListed(node, regime);
    return *this;
  }
  Holdings& Holds(const std::string& owner, const std::string& asset, std::string_view share,
                  EdgeKind kind = EdgeKind::kShares, std::string_view start = "",
                  std::string_view end = "") {
    Edge edge{.owner = builder_.AddNode(owner), .asset = builder_.AddNode(asset), .kind = kind};
    Result<Share> parsed = ParseShare(share);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    edge.share = parsed.value();
    if (!start.empty()) edge.start = ParseDateKey(start).value();
    if (!end.empty()) edge.end = ParseDateKey(end).value();
    EXPECT_TRUE(builder_.AddEdge(edge).ok());
    return *this;
  }
  Holdings& Joint(const std::string& a, const std::string& b) {
    return Holds(a, b, "", EdgeKind::kJoint);
  }

  const OwnershipGraph& graph() {
    if (!built_) {
      graph_ = std::move(builder_).Build();
      built_ = true;
    }
    return graph_;
  }
  // Status names of `ids` under `regime` on `date`, in the order asked.
  std::vector<std::string> Status(Regime regime, std::vector<std::string> ids,
                                  DateKey date = kAfterEuChange) {
    const OwnershipGraph& g = graph();
    Derivation derivation = Derive(g, regime, date);
    std::vector<std::string> names;
    for (const std::string& id : ids) {
      const NodeId node = g.Find(id);
      EXPECT_NE(node, kNoNode) << id;
      names.emplace_back(node == kNoNode ? "?" : StatusName(derivation.status(node), regime));
    }
    return names;
  }

 private:
  GraphBuilder builder_;
  OwnershipGraph graph_;
  bool built_ = false;
};

// The worked cases of the issue, one test each, all three regimes.

TEST(WorkedCase, FiftyPercentIsBlockedInUsOwnedInEuNotInUk) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "50");
  EXPECT_THAT(h.Status(Regime::kUs, {"A"}), ElementsAre("blocked"));
  EXPECT_THAT(h.Status(Regime::kEu, {"A"}), ElementsAre("owned"));
  // Not more than 50 %: not owned in the UK, but a 50 % holder is a reason to look.
  EXPECT_THAT(h.Status(Regime::kUk, {"A"}), ElementsAre("review"));
}

TEST(WorkedCase, TwoListedMinoritiesAggregateExceptInUk) {
  Holdings h;
  h.Listed("X").Listed("Y").Holds("X", "A", "30").Holds("Y", "A", "25");
  EXPECT_THAT(h.Status(Regime::kUs, {"A"}), ElementsAre("blocked"));
  EXPECT_THAT(h.Status(Regime::kEu, {"A"}), ElementsAre("owned"));
  EXPECT_THAT(h.Status(Regime::kUk, {"A"}), ElementsAre("review"));
}

TEST(WorkedCase, AVotingPactMakesTheUkAggregate) {
  Holdings h;
  h.Listed("X").Listed("Y").Holds("X", "A", "30").Holds("Y", "A", "25").Joint("X", "Y");
  EXPECT_THAT(h.Status(Regime::kUk, {"A"}), ElementsAre("owned"));
  EXPECT_THAT(h.Status(Regime::kUs, {"A"}), ElementsAre("blocked"));
  EXPECT_THAT(h.Status(Regime::kEu, {"A"}), ElementsAre("owned"));
}

TEST(WorkedCase, ABlockedEntityPassesItsWholeHoldingOn) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "50").Holds("A", "B", "50");
  EXPECT_THAT(h.Status(Regime::kUs, {"A", "B"}), ElementsAre("blocked", "blocked"));
  EXPECT_THAT(h.Status(Regime::kEu, {"A", "B"}), ElementsAre("owned", "owned"));
  const std::vector<std::string> uk = h.Status(Regime::kUk, {"A", "B"});
  EXPECT_NE(uk[0], "owned");
  EXPECT_NE(uk[1], "owned");
}

TEST(WorkedCase, HoldingsOfTwoBlockedSistersAggregate) {
  Holdings h;
  h.Listed("X")
      .Holds("X", "A", "50")
      .Holds("X", "B", "50")
      .Holds("A", "C", "25")
      .Holds("B", "C", "25");
  EXPECT_THAT(h.Status(Regime::kUs, {"A", "B", "C"}), ElementsAre("blocked", "blocked", "blocked"));
  EXPECT_THAT(h.Status(Regime::kEu, {"A", "B", "C"}), ElementsAre("owned", "owned", "owned"));
}

TEST(WorkedCase, DirectAndIndirectHoldingsAdd) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "50").Holds("X", "B", "10").Holds("A", "B", "40");
  EXPECT_THAT(h.Status(Regime::kUs, {"A", "B"}), ElementsAre("blocked", "blocked"));
  EXPECT_THAT(h.Status(Regime::kEu, {"A", "B"}), ElementsAre("owned", "owned"));
}

TEST(WorkedCase, SharesAreNotMultipliedDownAChain) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "60").Holds("A", "B", "60");  // 36 % effective
  EXPECT_THAT(h.Status(Regime::kUs, {"A", "B"}), ElementsAre("blocked", "blocked"));
  EXPECT_THAT(h.Status(Regime::kEu, {"A", "B"}), ElementsAre("owned", "owned"));
  EXPECT_THAT(h.Status(Regime::kUk, {"A", "B"}), ElementsAre("owned", "owned"));
}

TEST(WorkedCase, AMinorityHolderBlocksNothingButIsReviewedInEuAndUk) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "40").Holds("A", "B", "100");
  EXPECT_THAT(h.Status(Regime::kUs, {"A", "B"}), ElementsAre("clear", "clear"));
  EXPECT_THAT(h.Status(Regime::kEu, {"A", "B"}), ElementsAre("review", "review"));
  EXPECT_THAT(h.Status(Regime::kUk, {"A", "B"}), ElementsAre("review", "review"));
}

TEST(WorkedCase, OneListedPersonDirectlyAndThroughItsCompany) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "60").Holds("A", "C", "30").Holds("X", "C", "25");
  for (Regime regime : {Regime::kUs, Regime::kEu}) {
    const std::string owned(StatusName(NodeStatus::kOwned, regime));
    EXPECT_THAT(h.Status(regime, {"A", "C"}), ElementsAre(owned, owned));
  }
  EXPECT_THAT(h.Status(Regime::kUk, {"A", "C"}), ElementsAre("owned", "owned"));
}

TEST(WorkedCase, BoardAppointmentIsControlInEuAndUkAndReviewInUs) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "10").Holds("X", "A", "", EdgeKind::kBoard);
  EXPECT_THAT(h.Status(Regime::kUs, {"A"}), ElementsAre("review"));
  EXPECT_THAT(h.Status(Regime::kEu, {"A"}), ElementsAre("controlled"));
  EXPECT_THAT(h.Status(Regime::kUk, {"A"}), ElementsAre("controlled"));
}

// Beyond the worked cases.

TEST(Derive, TheEuThresholdChangedOnTheThirdOfJuly2024) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "50");
  EXPECT_THAT(h.Status(Regime::kEu, {"A"}, 20240702), ElementsAre("review"));
  EXPECT_THAT(h.Status(Regime::kEu, {"A"}, 20240703), ElementsAre("owned"));
}

TEST(Derive, UsHoldingsAggregateOnlyFromAugust2014) {
  Holdings h;
  h.Listed("X").Listed("Y").Holds("X", "A", "30").Holds("Y", "A", "25");
  EXPECT_THAT(h.Status(Regime::kUs, {"A"}, 20140812), ElementsAre("clear"));
  EXPECT_THAT(h.Status(Regime::kUs, {"A"}, 20140813), ElementsAre("blocked"));
}

TEST(Derive, ACycleWithNoListedOwnerNeverBlocksItself) {
  Holdings h;
  h.Listed("X")
      .Holds("A", "B", "60")
      .Holds("B", "C", "60")
      .Holds("C", "A", "60")
      .Holds("A", "D", "30")
      .Holds("D", "A", "30")
      .Holds("X", "E", "10");
  for (Regime regime : {Regime::kUs, Regime::kEu, Regime::kUk}) {
    EXPECT_THAT(h.Status(regime, {"A", "B", "C", "D"}),
                ElementsAre("clear", "clear", "clear", "clear"));
  }
}

TEST(Derive, ACycleBelowAListedOwnerIsBlockedAndTerminates) {
  Holdings h;
  h.Listed("X")
      .Holds("X", "A", "50")
      .Holds("A", "B", "60")
      .Holds("B", "A", "30")
      .Holds("B", "C", "20")
      .Holds("C", "B", "40");
  EXPECT_THAT(h.Status(Regime::kUs, {"A", "B", "C"}), ElementsAre("blocked", "blocked", "clear"));
  // C's 40 % in B would count only if C were blocked; B's 30 % back in A adds to nothing new.
  // UK: 50 % is not more than half, so the cycle is only under review there.
  EXPECT_THAT(h.Status(Regime::kUk, {"A", "B", "C"}), ElementsAre("review", "review", "clear"));
}

TEST(Derive, CrossHoldingsBetweenBlockedEntitiesDoNotInflateOthers) {
  Holdings h;
  // A and B hold each other; a third party's 40 % plus B's 20 % decides C.
  h.Listed("X").Holds("X", "A", "50").Holds("A", "B", "50").Holds("B", "A", "50");
  h.Holds("B", "C", "20").Holds("Z", "C", "40");
  EXPECT_THAT(h.Status(Regime::kUs, {"A", "B", "C"}), ElementsAre("blocked", "blocked", "clear"));
}

TEST(Derive, ABandThatStraddlesTheThresholdIsPossible) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "25-75").Holds("X", "B", "50-75").Holds("X", "C", "10-25");
  EXPECT_THAT(h.Status(Regime::kUs, {"A", "B", "C"}), ElementsAre("possible", "blocked", "clear"));
  // UK: over 50 % is needed; 50-75 is not certain either.
  EXPECT_THAT(h.Status(Regime::kUk, {"A", "B"}), ElementsAre("possible", "possible"));
}

TEST(Derive, AnUnknownShareIsPossibleAndPassesThatOn) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "").Holds("A", "B", "100");
  EXPECT_THAT(h.Status(Regime::kUs, {"A", "B"}), ElementsAre("possible", "possible"));
  EXPECT_THAT(h.Status(Regime::kEu, {"A", "B"}), ElementsAre("possible", "possible"));
}

TEST(Derive, DivestmentEndsBlockingFromItsDate) {
  Holdings h;
  h.Listed("X")
      .Holds("X", "A", "60", EdgeKind::kShares, "2020-01-01", "2024-05-01")
      .Holds("X", "A", "40", EdgeKind::kShares, "2024-05-01");
  EXPECT_THAT(h.Status(Regime::kUs, {"A"}, 20191231), ElementsAre("clear"));
  EXPECT_THAT(h.Status(Regime::kUs, {"A"}, 20200101), ElementsAre("blocked"));
  EXPECT_THAT(h.Status(Regime::kUs, {"A"}, 20240430), ElementsAre("blocked"));
  EXPECT_THAT(h.Status(Regime::kUs, {"A"}, 20240501), ElementsAre("clear"));
}

TEST(Derive, OverlappingRecordsOfOneHoldingCountOnce) {
  Holdings h;
  // The same 30 % reported twice by a register must not become 60 %.
  h.Listed("X").Holds("X", "A", "30").Holds("X", "A", "30", EdgeKind::kShares, "2021-01-01");
  EXPECT_THAT(h.Status(Regime::kUs, {"A"}), ElementsAre("clear"));
}

TEST(Derive, UkCountsVotingRightsAsASeparateTest) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "20").Holds("X", "A", "60", EdgeKind::kVoting);
  EXPECT_THAT(h.Status(Regime::kUk, {"A"}), ElementsAre("owned"));
  EXPECT_THAT(h.Status(Regime::kEu, {"A"}), ElementsAre("controlled"));
  EXPECT_THAT(h.Status(Regime::kUs, {"A"}), ElementsAre("review"));
}

TEST(Derive, UkHoldingsPassThroughControlledCompanies) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "", EdgeKind::kBoard).Holds("A", "B", "51");
  EXPECT_THAT(h.Status(Regime::kUk, {"A", "B"}), ElementsAre("controlled", "owned"));
  EXPECT_THAT(h.Status(Regime::kEu, {"A", "B"}), ElementsAre("controlled", "owned"));
  EXPECT_THAT(h.Status(Regime::kUs, {"A", "B"}), ElementsAre("review", "review"));
}

TEST(Derive, AnOfficerIsAReasonToReviewOnly) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "", EdgeKind::kOfficer);
  for (Regime regime : {Regime::kUs, Regime::kEu, Regime::kUk}) {
    EXPECT_THAT(h.Status(regime, {"A"}), ElementsAre("review"));
  }
}

TEST(Derive, ListingsCountOnlyForTheirRegimeAndUnBindsEuAndUk) {
  Holdings h;
  h.Listed("X", {Regime::kUs}).Holds("X", "A", "60");
  h.Listed("U", {Regime::kUn}).Holds("U", "B", "60");
  EXPECT_THAT(h.Status(Regime::kUs, {"X", "A", "B"}), ElementsAre("listed", "blocked", "clear"));
  EXPECT_THAT(h.Status(Regime::kEu, {"X", "A", "U", "B"}),
              ElementsAre("clear", "clear", "listed", "owned"));
}

// BIS's Affiliates Rule: "restricted" when Entity List, MEU or EAR 744.8 SDN parties own 50 % or
// more in the aggregate, on the dates the rule was in force.
class AffiliatesRule : public ::testing::Test {
 protected:
  AffiliatesRule() {
    // E1 and E2: Entity List parties; S: an SDN of a programme the rule does not name.
    const NodeId e1 = builder_.AddNode("E1");
    const NodeId e2 = builder_.AddNode("E2");
    builder_.AddListings(e1, kEarListedBit);
    builder_.AddListings(e2, kEarListedBit);
    builder_.SetListed(builder_.AddNode("S"), Regime::kUs);
    Add("E1", "A", 30);  // A: 30 + 25 in the aggregate
    Add("E2", "A", 25);
    Add("A", "B", 50);   // B: through A, once A is restricted
    Add("S", "C", 100);  // C: owned by a non-EAR SDN only
    Add("E1", "D", 49);  // D: below the threshold
    graph_ = std::move(builder_).Build();
  }
  std::vector<std::string> Status(DateKey date) {
    const Derivation d = Derive(graph_, OwnershipTest::kUsBis, date);
    std::vector<std::string> names;
    for (const char* id : {"E1", "A", "B", "C", "D"}) {
      names.emplace_back(StatusName(d.status(graph_.Find(id)), OwnershipTest::kUsBis));
    }
    return names;
  }

 private:
  void Add(const std::string& owner, const std::string& asset, int percent) {
    Edge edge{.owner = builder_.AddNode(owner), .asset = builder_.AddNode(asset)};
    edge.share = ParseShare(std::to_string(percent)).value();
    ASSERT_TRUE(builder_.AddEdge(edge).ok());
  }
  GraphBuilder builder_;
  OwnershipGraph graph_;
};

TEST_F(AffiliatesRule, RestrictsAffiliatesOnlyWhileInForce) {
  const auto restricted = ElementsAre("listed", "restricted", "restricted", "clear", "clear");
  const auto listed_only = ElementsAre("listed", "clear", "clear", "clear", "clear");
  EXPECT_THAT(Status(20250928), listed_only);  // before the interim final rule
  EXPECT_THAT(Status(20250929), restricted);   // 90 FR 47201, effective 2025-09-29
  EXPECT_THAT(Status(20251109), restricted);
  EXPECT_THAT(Status(20251110), listed_only);  // stayed by 90 FR 50857
  EXPECT_THAT(Status(20261109), listed_only);  // the stay's last day
  EXPECT_THAT(Status(20261110), restricted);   // in force again
  EXPECT_THAT(Status(20261207), restricted);
}

TEST_F(AffiliatesRule, TheRulesRowsSayWhetherTheyAreInForceAndWhy) {
  EXPECT_FALSE(RuleFor(OwnershipTest::kUsBis, 20250101).in_force);
  EXPECT_TRUE(RuleFor(OwnershipTest::kUsBis, 20251001).in_force);
  EXPECT_THAT(std::string(RuleFor(OwnershipTest::kUsBis, 20251001).basis),
              ::testing::HasSubstr("90 FR 47201"));
  EXPECT_FALSE(RuleFor(OwnershipTest::kUsBis, 20260601).in_force);
  EXPECT_THAT(std::string(RuleFor(OwnershipTest::kUsBis, 20260601).basis),
              ::testing::HasSubstr("90 FR 50857"));
  EXPECT_TRUE(RuleFor(OwnershipTest::kUsBis, 20261207).in_force);
  // The blocking tests are not moved by it.
  EXPECT_EQ(RuleFor(Regime::kUs, 20261207).test, OwnershipTest::kUs);
  EXPECT_EQ(StatusName(NodeStatus::kOwned, Regime::kUs), "blocked");
  EXPECT_EQ(TestFromName("us_bis"), OwnershipTest::kUsBis);
  EXPECT_EQ(TestFromName("un"), std::nullopt);
}

TEST_F(AffiliatesRule, AnOfacListingAloneIsNotAnEarListing) {
  // C's owner is an SDN without kEarListedBit: the OFAC test blocks C, the BIS one does not.
  EXPECT_THAT(Status(20261207)[3], "clear");
}

TEST(Derive, UkPersonsDoNotAddUpThroughDifferentCompanies) {
  Holdings h;
  // X owns A, Y owns B; A and B hold 30 % each of C: 60 % but from two persons.
  h.Listed("X").Listed("Y").Holds("X", "A", "100").Holds("Y", "B", "100");
  h.Holds("A", "C", "30").Holds("B", "C", "30");
  EXPECT_THAT(h.Status(Regime::kUk, {"C"}), ElementsAre("review"));
  EXPECT_THAT(h.Status(Regime::kUs, {"C"}), ElementsAre("blocked"));
}

TEST(Explain, GivesTheChainFromTheListedOwnerAndTheContributingHoldings) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "60").Holds("A", "C", "30").Holds("X", "C", "25");
  h.Holds("Z", "C", "45");  // not listed: not evidence
  const OwnershipGraph& g = h.graph();
  Derivation us = Derive(g, Regime::kUs, kAfterEuChange);
  const NodeId c = g.Find("C");
  std::vector<std::string> owners;
  for (const Evidence& evidence : us.EvidenceFor(c)) {
    owners.emplace_back(g.node_id(g.edge(evidence.edge).owner));
  }
  std::sort(owners.begin(), owners.end());
  EXPECT_THAT(owners, ElementsAre("A", "X"));

  std::vector<Path> paths = us.Explain(c);
  ASSERT_EQ(paths.size(), 1u);  // one listed holder, reached by its shortest chain
  ASSERT_EQ(paths[0].edges.size(), 1u);
  EXPECT_EQ(g.node_id(g.edge(paths[0].edges[0]).owner), "X");
  EXPECT_THAT(us.ListedHolders(c), ElementsAre(g.Find("X")));

  const NodeId b = g.Find("A");
  EXPECT_THAT(us.EvidenceFor(g.Find("X")), IsEmpty());  // listed: nothing to derive
  EXPECT_EQ(us.EvidenceFor(b).size(), 1u);
}

TEST(Explain, FollowsTheDecidingPersonInTheUk) {
  Holdings h;
  h.Listed("X").Listed("Y").Holds("X", "A", "60").Holds("A", "B", "60").Holds("Y", "B", "30");
  const OwnershipGraph& g = h.graph();
  Derivation uk = Derive(g, Regime::kUk, kAfterEuChange);
  std::vector<Path> paths = uk.Explain(g.Find("B"));
  ASSERT_EQ(paths.size(), 1u);
  ASSERT_EQ(paths[0].edges.size(), 2u);
  EXPECT_EQ(g.node_id(g.edge(paths[0].edges[0]).owner), "X");
  EXPECT_EQ(g.node_id(g.edge(paths[0].edges[1]).owner), "A");
}

// X -> n1 -> n2 -> ... -> n`depth`, each holding all of the next.
OwnershipGraph Chain(size_t depth) {
  GraphBuilder builder;
  NodeId owner = builder.AddNode("X");
  builder.SetListed(owner, Regime::kUs);
  builder.SetListed(owner, Regime::kUk);
  for (size_t i = 1; i <= depth; ++i) {
    const NodeId asset = builder.AddNode("n" + std::to_string(i));
    EXPECT_TRUE(
        builder.AddEdge({.owner = owner, .asset = asset, .share = Share::Exact(kShareScale)}).ok());
    owner = asset;
  }
  return std::move(builder).Build();
}

TEST(ListedHolders, ReachTheTopOfAChainDeeperThanExplainGoes) {
  // Explain stops after 100,000 nodes; the holders of a deeper node must still be found.
  const OwnershipGraph g = Chain(150'000);
  const Derivation us = Derive(g, Regime::kUs, kAfterEuChange);
  const NodeId deepest = g.Find("n150000");
  ASSERT_EQ(us.status(deepest), NodeStatus::kOwned);
  EXPECT_THAT(us.ListedHolders(deepest), ElementsAre(g.Find("X")));
  EXPECT_THAT(us.AllListedHolders().Of(deepest), ElementsAre(g.Find("X")));
}

TEST(AllListedHolders, StoresAChainOnceWhateverItsDepth) {
  // Per node, the holders sit at the top of a chain as deep as the node: found node by node,
  // they cost the square of the depth. All at once, each evidence edge is followed once and the
  // whole chain shares one set.
  for (Regime regime : {Regime::kUs, Regime::kUk}) {  // aggregate, per person
    for (size_t depth : {1'000u, 20'000u}) {
      const OwnershipGraph g = Chain(depth);
      const Derivation d = Derive(g, regime, kAfterEuChange);
      const ListedHolderSets holders = d.AllListedHolders();
      EXPECT_EQ(holders.set_count(), 1u);
      EXPECT_EQ(holders.stored_holders(), 1u);
      EXPECT_EQ(holders.edges_followed(), depth);
      EXPECT_LE(holders.MemoryBytes(), (depth + 16) * 2 * sizeof(uint32_t));
      for (NodeId node = 0; node < g.node_count(); node += 997) {
        EXPECT_THAT(holders.Of(node), ElementsAreArray(d.ListedHolders(node))) << node;
      }
      EXPECT_THAT(holders.Of(g.Find("X")), IsEmpty());  // listed: held by nobody listed
    }
  }
}

TEST(AllListedHolders, AgreeWithTheWalkThroughCyclesAndShareEqualSets) {
  Holdings h;
  // X and Y own A together; A and B hold each other below it; C and D are held by A and B.
  h.Listed("X").Listed("Y").Holds("X", "A", "30").Holds("Y", "A", "30");
  h.Holds("A", "B", "60").Holds("B", "A", "10").Holds("A", "C", "60").Holds("B", "D", "60");
  h.Listed("Z").Holds("Z", "E", "60").Holds("Q", "R", "60");
  const OwnershipGraph& g = h.graph();
  const Derivation us = Derive(g, Regime::kUs, kAfterEuChange);
  const ListedHolderSets holders = us.AllListedHolders();
  for (NodeId node = 0; node < g.node_count(); ++node) {
    EXPECT_THAT(holders.Of(node), ElementsAreArray(us.ListedHolders(node))) << g.node_id(node);
  }
  EXPECT_THAT(holders.Of(g.Find("D")), ElementsAre(g.Find("X"), g.Find("Y")));
  EXPECT_THAT(holders.Of(g.Find("E")), ElementsAre(g.Find("Z")));
  EXPECT_THAT(holders.Of(g.Find("R")), IsEmpty());
  // {X}, {Y} and {Z} at the listed holders (E shares {Z}); {X, Y} for A, B, C and D.
  EXPECT_EQ(holders.set_count(), 4u);
  EXPECT_EQ(holders.stored_holders(), 5u);
}

TEST(Derive, CountsCoverEveryNode) {
  Holdings h;
  h.Listed("X").Holds("X", "A", "60").Holds("Q", "R", "60");
  Derivation us = Derive(h.graph(), Regime::kUs, kAfterEuChange);
  const std::vector<size_t> counts = us.Counts();
  EXPECT_EQ(counts[static_cast<size_t>(NodeStatus::kListed)], 1u);
  EXPECT_EQ(counts[static_cast<size_t>(NodeStatus::kOwned)], 1u);
  EXPECT_EQ(counts[static_cast<size_t>(NodeStatus::kClear)], 2u);
}

}  // namespace
}  // namespace cordon::graph
