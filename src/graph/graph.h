// graph/graph.h: who owns or controls whom, as an immutable graph built once per load.
//
//   GraphBuilder builder;
//   NodeId x = builder.AddNode("us_ofac_sdn:12345");
//   NodeId a = builder.AddNode("bods:gb-coh-0001");
//   builder.SetListed(x, model::Regime::kUs);
//   builder.AddEdge({.owner = x, .asset = a, .share = Share::Exact(30'000'000),
//                    .kind = EdgeKind::kShares});
//   OwnershipGraph graph = std::move(builder).Build();
//
// Nodes are string ids (store entity ids, or the ids of an edges file), interned once. An edge
// says that `owner` holds an interest of `kind` in `asset`, with a share that is exact, a band
// ("25-50 %"), or unknown (band 0-100 %), during [start, end). Shares are fixed point, in
// millionths of a percent (kShareScale units = 100 %), so that the regimes' thresholds compare
// exactly and sums of many holdings never round.
//
// The graph holds facts only; graph/derive.h applies a regime's rules to it.
//
// Thread safety: a built OwnershipGraph is immutable and may be shared between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "model/entity.h"

namespace cordon::graph {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

// 100 % in share units: a share of 1 unit is a millionth of a percent.
inline constexpr uint32_t kShareScale = 100'000'000;

// A holding: exact when min == max; a band otherwise; unknown is the band [0, 100 %].
struct Share {
  uint32_t min = 0;
  uint32_t max = kShareScale;

  static constexpr Share Exact(uint32_t units) { return {units, units}; }
  static constexpr Share Unknown() { return {0, kShareScale}; }
  bool exact() const { return min == max; }
  bool known() const { return !(min == 0 && max == kShareScale); }
  friend bool operator==(const Share&, const Share&) = default;
};

// Reads a percentage as written: "30", "30.5", "30 %", "25-50", "25–50%", "" (unknown),
// into share units without going through floating point. A band's ends may come in either
// order. InvalidArgument naming the text when it is not a percentage between 0 and 100.
Result<Share> ParseShare(std::string_view text);
// "30", "30.5", "25-50", "" for unknown: the inverse of ParseShare.
std::string FormatShare(Share share);
// Percent as a double, for output only.
double SharePercent(uint32_t units);

enum class EdgeKind : uint8_t {
  kShares,   // ownership of shares (equity, capital)
  kVoting,   // voting rights
  kBoard,    // the right to appoint or remove a majority of the board
  kControl,  // other control: dominant influence, agreements, control by arrangement
  kOfficer,  // director, manager or official: not control by itself, a reason to review
  kJoint,    // owner and asset act together (a voting pact): their holdings are one
};
std::string_view EdgeKindName(EdgeKind kind);  // "shares", "voting", "board", ...
std::optional<EdgeKind> EdgeKindFromName(std::string_view name);

// Dates as yyyymmdd integers (2024-07-03 -> 20240703), so comparisons are integer compares.
using DateKey = int32_t;
inline constexpr DateKey kNoStart = 0;
inline constexpr DateKey kNoEnd = 99991231;
// "YYYY-MM-DD" -> DateKey; "YYYY-MM" and "YYYY" give the first day (as a start date) or
// the last day + 1 (as an end date, `as_end`). InvalidArgument naming the text otherwise.
Result<DateKey> ParseDateKey(std::string_view text, bool as_end = false);
DateKey DateKeyOf(const model::PartialDate& date, bool as_end);  // kNoStart/kNoEnd if empty
std::string FormatDateKey(DateKey date);  // "2024-07-03"; "" for kNoStart and kNoEnd
// Today's date in UTC.
DateKey Today();

struct Edge {
  NodeId owner = kNoNode;
  NodeId asset = kNoNode;
  Share share;
  EdgeKind kind = EdgeKind::kShares;
  DateKey start = kNoStart;  // held from this date (inclusive)
  DateKey end = kNoEnd;      // until this date (exclusive): divested on `end`
  uint32_t source = 0;       // index into OwnershipGraph::sources(); 0 is ""

  bool ActiveOn(DateKey date) const { return start <= date && date < end; }
};

// Which regimes list a node: one bit per model::Regime, and kEarListedBit.
using RegimeMask = uint8_t;
inline constexpr RegimeMask RegimeBit(model::Regime regime) {
  return static_cast<RegimeMask>(1u << static_cast<unsigned>(regime));
}
// A party whose export-licence requirements BIS's Affiliates Rule extends to what it owns: on the
// Entity List or the Military End-User List, or an SDN under a programme of EAR 744.8(a)(1).
inline constexpr RegimeMask kEarListedBit = 1u << 5;
static_assert(static_cast<unsigned>(model::Regime::kOther) < 5, "kEarListedBit is a regime's bit");

class OwnershipGraph {
 public:
  OwnershipGraph() = default;
  OwnershipGraph(OwnershipGraph&&) = default;
  OwnershipGraph& operator=(OwnershipGraph&&) = default;

  size_t node_count() const { return listed_.size(); }
  size_t edge_count() const { return edges_.size(); }

  std::string_view node_id(NodeId node) const;
  // The node named `id` (or merged under that id), or kNoNode.
  NodeId Find(std::string_view id) const;
  // A display name for the node when one is known ("" otherwise).
  std::string_view caption(NodeId node) const;
  RegimeMask listed(NodeId node) const { return listed_[node]; }

  const Edge& edge(uint32_t index) const { return edges_[index]; }
  // Edges by owner, as indices into edge().
  std::span<const uint32_t> out_edges(NodeId owner) const;
  // Edges by asset: edges are stored grouped by asset, so these are the indices in
  // [first, last).
  // (A hand-rolled range: clang 14 cannot compile std::ranges::iota_view with Debian's
  // libstdc++.)
  struct IndexRange {
    struct Iterator {
      uint32_t value;
      uint32_t operator*() const { return value; }
      Iterator& operator++() {
        ++value;
        return *this;
      }
      bool operator==(const Iterator&) const = default;
    };
    uint32_t first = 0;
    uint32_t last = 0;
    Iterator begin() const { return {first}; }
    Iterator end() const { return {last}; }
    bool empty() const { return first == last; }
    size_t size() const { return last - first; }
  };
  IndexRange in_edges(NodeId asset) const { return {in_offsets_[asset], in_offsets_[asset + 1]}; }
  std::string_view source(uint32_t index) const { return sources_[index]; }

  // Approximate heap bytes held, for benchmarks.
  size_t MemoryBytes() const;

 private:
  friend class GraphBuilder;
  struct Interner;

  std::vector<RegimeMask> listed_;
  std::vector<Edge> edges_;            // sorted by asset
  std::vector<uint32_t> in_offsets_;   // node -> first index in edges_ (edges_ is by asset)
  std::vector<uint32_t> out_offsets_;  // node -> first index in out_index_
  std::vector<uint32_t> out_index_;    // edge indices grouped by owner
  std::vector<std::string> sources_;
  std::unordered_map<NodeId, std::string> captions_;  // only nodes with a known name
  std::shared_ptr<const Interner> ids_;
  std::unordered_map<std::string, NodeId> aliases_;
};

// Collects nodes and edges, then freezes them into an OwnershipGraph.
class GraphBuilder {
 public:
  GraphBuilder();
  ~GraphBuilder();
  GraphBuilder(GraphBuilder&&) noexcept;
  GraphBuilder& operator=(GraphBuilder&&) noexcept;

  // The node named `id`, added when new. Ids are case-sensitive and compared as bytes.
  NodeId AddNode(std::string_view id);
  NodeId Find(std::string_view id) const;
  // Another id for an existing node (an entity merged into it); Find answers it too.
  void AddAlias(NodeId node, std::string_view id);
  void SetCaption(NodeId node, std::string_view caption);  // keeps the first one given
  void SetListed(NodeId node, model::Regime regime);
  // Adds the listings of `mask` (regime bits and kEarListedBit) to the node's.
  void AddListings(NodeId node, RegimeMask mask);
  // Interns a source name for Edge::source.
  uint32_t AddSource(std::string_view name);
  // InvalidArgument when owner or asset is not a node of this builder, when the owner is the
  // asset, or when start >= end.
  Status AddEdge(const Edge& edge);
  size_t node_count() const;
  size_t edge_count() const;

  OwnershipGraph Build() &&;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace cordon::graph
