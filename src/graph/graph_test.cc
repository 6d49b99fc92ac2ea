#include "graph/graph.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fmt/format.h"

namespace cordon::graph {
namespace {

using ::testing::ElementsAre;

constexpr uint32_t kPercent = kShareScale / 100;

TEST(ParseShare, ReadsExactPercentagesWithoutRounding) {
  EXPECT_EQ(ParseShare("50").value(), Share::Exact(50 * kPercent));
  EXPECT_EQ(ParseShare(" 30.5 % ").value(), Share::Exact(30 * kPercent + kPercent / 2));
  EXPECT_EQ(ParseShare("0.000001").value(), Share::Exact(1));
  EXPECT_EQ(ParseShare("100").value(), Share::Exact(kShareScale));
  EXPECT_EQ(ParseShare("33,3").value(), Share::Exact(33 * kPercent + 3 * kPercent / 10));
  // Three thirds of 33.333333 stay below 100 %: no float drift across the threshold.
  EXPECT_LT(3ull * ParseShare("33.333333").value().min, uint64_t{kShareScale});
}

TEST(ParseShare, ReadsBandsInEitherOrderAndUnknown) {
  EXPECT_EQ(ParseShare("25-50").value(), (Share{25 * kPercent, 50 * kPercent}));
  EXPECT_EQ(ParseShare("50 \xE2\x80\x93 25%").value(), (Share{25 * kPercent, 50 * kPercent}));
  EXPECT_EQ(ParseShare("10 to 25").value(), (Share{10 * kPercent, 25 * kPercent}));
  EXPECT_EQ(ParseShare("").value(), Share::Unknown());
  EXPECT_FALSE(ParseShare("").value().known());
}

TEST(ParseShare, RefusesWhatIsNotAPercentage) {
  for (const char* bad : {"101", "-5", "abc", "50%%", ".5", "5.", "25-", "1e2", "50-150"}) {
    Result<Share> share = ParseShare(bad);
    ASSERT_FALSE(share.ok()) << bad;
    EXPECT_THAT(share.status().message(), ::testing::HasSubstr(bad));
  }
}

TEST(FormatShare, IsTheInverseOfParseShare) {
  for (const char* text : {"50", "30.5", "0.000001", "25-50", "100", ""}) {
    EXPECT_EQ(FormatShare(ParseShare(text).value()), text);
  }
}

TEST(DateKey, StartsAndEndsOfPartialDates) {
  EXPECT_EQ(ParseDateKey("2024-07-03").value(), 20240703);
  EXPECT_EQ(ParseDateKey("2024").value(), 20240101);
  EXPECT_EQ(ParseDateKey("2024", /*as_end=*/true).value(), 20250101);
  EXPECT_EQ(ParseDateKey("2024-02", /*as_end=*/true).value(), 20240301);
  EXPECT_EQ(ParseDateKey("2023-12", /*as_end=*/true).value(), 20240101);
  EXPECT_FALSE(ParseDateKey("03/07/2024").ok());
  EXPECT_EQ(FormatDateKey(20240703), "2024-07-03");
  EXPECT_EQ(FormatDateKey(kNoEnd), "");
  EXPECT_GT(Today(), 20250000);
}

TEST(EdgeKind, NamesRoundTrip) {
  for (EdgeKind kind : {EdgeKind::kShares, EdgeKind::kVoting, EdgeKind::kBoard, EdgeKind::kControl,
                        EdgeKind::kOfficer, EdgeKind::kJoint}) {
    EXPECT_EQ(EdgeKindFromName(EdgeKindName(kind)), kind);
  }
  EXPECT_EQ(EdgeKindFromName("Shares"), EdgeKind::kShares);
  EXPECT_FALSE(EdgeKindFromName("friendship").has_value());
}

TEST(GraphBuilder, InternsIdsAndIndexesEdgesBothWays) {
  GraphBuilder builder;
  const NodeId x = builder.AddNode("us_ofac_sdn:1");
  const NodeId a = builder.AddNode("A");
  const NodeId b = builder.AddNode("B");
  EXPECT_EQ(builder.AddNode("A"), a);
  builder.SetCaption(x, "Ivan");
  builder.SetCaption(x, "ignored: the first caption stays");
  builder.SetListed(x, model::Regime::kUs);
  const uint32_t source = builder.AddSource("edges.csv");
  ASSERT_TRUE(
      builder.AddEdge({.owner = x, .asset = a, .share = Share::Exact(1), .source = source}).ok());
  ASSERT_TRUE(builder.AddEdge({.owner = a, .asset = b}).ok());
  ASSERT_TRUE(builder.AddEdge({.owner = x, .asset = b}).ok());
  EXPECT_FALSE(builder.AddEdge({.owner = a, .asset = a}).ok());
  EXPECT_FALSE(builder.AddEdge({.owner = a, .asset = 99}).ok());
  EXPECT_FALSE(builder.AddEdge({.owner = a, .asset = b, .start = 20240101, .end = 20240101}).ok());

  OwnershipGraph graph = std::move(builder).Build();
  EXPECT_EQ(graph.node_count(), 3u);
  EXPECT_EQ(graph.edge_count(), 3u);
  EXPECT_EQ(graph.Find("A"), a);
  EXPECT_EQ(graph.Find("missing"), kNoNode);
  EXPECT_EQ(graph.node_id(x), "us_ofac_sdn:1");
  EXPECT_EQ(graph.caption(x), "Ivan");
  EXPECT_EQ(graph.caption(a), "");
  EXPECT_EQ(graph.listed(x), RegimeBit(model::Regime::kUs));
  EXPECT_EQ(graph.out_edges(x).size(), 2u);
  EXPECT_EQ(graph.out_edges(b).size(), 0u);
  std::vector<std::string_view> owners_of_b;
  for (uint32_t e : graph.in_edges(b)) owners_of_b.push_back(graph.node_id(graph.edge(e).owner));
  std::sort(owners_of_b.begin(), owners_of_b.end());
  EXPECT_THAT(owners_of_b, ElementsAre("A", "us_ofac_sdn:1"));
  for (uint32_t e : graph.out_edges(x)) EXPECT_EQ(graph.edge(e).owner, x);
  const uint32_t first = *graph.in_edges(a).begin();
  EXPECT_EQ(graph.source(graph.edge(first).source), "edges.csv");
  EXPECT_GT(graph.MemoryBytes(), 0u);
}

std::string NodeName(int i) { return fmt::format("n{}", i); }

TEST(GraphBuilder, ManyNodesSurviveTableGrowth) {
  GraphBuilder builder;
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(builder.AddNode(NodeName(i)), NodeId(i));
  OwnershipGraph graph = std::move(builder).Build();
  for (int i = 0; i < 5000; i += 7) EXPECT_EQ(graph.Find(NodeName(i)), NodeId(i));
}

}  // namespace
}  // namespace cordon::graph
