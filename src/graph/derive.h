// graph/derive.h: each entity's status under one regime on one date, with the evidence.
//
//   Derivation eu = Derive(graph, model::Regime::kEu, 20250101);
//   if (eu.status(a) == NodeStatus::kOwned) {
//     for (const Evidence& e : eu.EvidenceFor(a)) ...  // the holdings that make it so
//     for (const Path& p : eu.Explain(a)) ...          // chains from listed persons down to a
//   }
//   ListedHolderSets holders = eu.AllListedHolders();  // every node's, in one pass
//   for (NodeId listed : holders.Of(a)) ...
//
// Statuses, strongest first: listed; owned (the ownership test: "blocked" under the US rule);
// controlled; possible (a share band straddles the threshold: met at the band's top, not at its
// bottom); review (a reason to look: control where the regime does not block on control, an
// officer, a large minority holding, or ownership through an entity under review); clear.
//
// The derivation is a least fixpoint computed by propagation from the listed nodes: only
// holders that are listed or already derived pass anything on, so a cycle with no listed owner
// never derives itself, and each edge is visited once per holder key (one key in aggregate
// mode; one per listed person or joint group otherwise). Holdings are never multiplied down a
// chain: an entity that is owned passes on its whole holding. Time and memory are linear in the
// edges (times the keys per node in per-person mode). Three passes give the three levels of
// certainty: exact and band minimums (definite), band maximums (possible), review holders.
//
// Thread safety: a Derivation is immutable after Derive and refers to the graph, which must
// outlive it. A ListedHolderSets is immutable and refers to nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/graph.h"
#include "graph/rules.h"
#include "model/entity.h"

namespace cordon::graph {

enum class NodeStatus : uint8_t {
  kClear,
  kReview,
  kPossible,
  kControlled,
  kOwned,  // "blocked" under the US rule: see StatusName
  kListed,
};
// "listed", "blocked" (US) or "owned", "controlled", "possible", "review", "clear".
std::string_view StatusName(NodeStatus status, model::Regime regime);
// As above, with "restricted" for what BIS's Affiliates Rule derives (us_bis).
std::string_view StatusName(NodeStatus status, OwnershipTest test);

// One holding that contributes to a node's status.
struct Evidence {
  uint32_t edge = 0;  // index into the graph's edges
  NodeStatus owner_status = NodeStatus::kClear;
  Effect effect = Effect::kNone;  // what the edge did under the regime
};

// A chain of edges from a listed node (first edge's owner) down to the explained node.
struct Path {
  std::vector<uint32_t> edges;
};

// The listed holders of every node of one derivation, found in one pass over the evidence (see
// Derivation::AllListedHolders): for writing every node's holders, where asking
// Derivation::ListedHolders node by node walks each node's chain again and costs the square of
// the chain's depth. Nodes with the same holders share one stored set, as every node of a
// chain below one listed person does, so what is stored stays linear in the graph.
//
// Thread safety: immutable; refers to nothing, so it may outlive the derivation and the graph.
class ListedHolderSets {
 public:
  // The listed nodes at the top of `node`'s evidence, sorted: what
  // Derivation::ListedHolders(node) returns. Empty for listed and clear nodes.
  // REQUIRES: node < the graph's node_count().
  std::span<const NodeId> Of(NodeId node) const;

  // Distinct sets stored, and the holders stored over all of them: a measure of the size of
  // the representation (one set of one holder for a chain of any depth below one person).
  size_t set_count() const { return set_offsets_.empty() ? 0 : set_offsets_.size() - 1; }
  size_t stored_holders() const { return holders_.size(); }
  // Evidence edges followed to find them: each edge into a (node, holder key) pair that some
  // node's holders depend on, once.
  size_t edges_followed() const { return edges_followed_; }
  size_t MemoryBytes() const;

 private:
  friend class Derivation;
  static constexpr uint32_t kNoSet = UINT32_MAX;
  std::span<const NodeId> Set(uint32_t set) const;

  std::vector<uint32_t> set_of_;       // node -> index of its set, kNoSet for none
  std::vector<uint32_t> set_offsets_;  // the sets, CSR-packed into holders_
  std::vector<NodeId> holders_;
  size_t edges_followed_ = 0;
};

class Derivation {
 public:
  const RegimeRule& rule() const { return *rule_; }
  DateKey as_of() const { return as_of_; }
  const OwnershipGraph& graph() const { return *graph_; }

  NodeStatus status(NodeId node) const { return status_[node]; }
  // The active edges into `node` whose holders count at the node's level, for the holder
  // (listed person or joint group) that made the node so in per-person mode. Empty for listed
  // and clear nodes.
  std::vector<Evidence> EvidenceFor(NodeId node) const;
  // Up to `max_paths` chains of evidence edges from listed nodes down to `node`, shortest
  // first, each without repeated nodes.
  std::vector<Path> Explain(NodeId node, size_t max_paths = 16) const;
  // The listed nodes at the top of `node`'s evidence, sorted. Empty for listed and clear nodes.
  // Walks `node`'s evidence up to the listed nodes: linear in what lies above it. For every
  // node's holders, AllListedHolders does it in one pass.
  std::vector<NodeId> ListedHolders(NodeId node) const;
  // ListedHolders of every node, in time linear in the evidence edges above the derived nodes
  // plus the size of the distinct holder sets.
  ListedHolderSets AllListedHolders() const;

  // Nodes per status, indexed by NodeStatus.
  std::vector<size_t> Counts() const;
  size_t MemoryBytes() const;

 private:
  friend Derivation Derive(const OwnershipGraph&, OwnershipTest, DateKey);
  friend class Deriver;

  // A breadth-first walk up the evidence: the listed holders reached and, for every node seen,
  // the evidence edge it was reached by (UINT32_MAX for the start).
  struct Walk {
    std::vector<NodeId> ends;
    std::unordered_map<NodeId, uint32_t> parent_edge;
  };
  std::optional<uint8_t> GainOf(NodeId node, uint32_t key) const;
  uint32_t DecidingKey(NodeId node) const;
  std::vector<Evidence> EvidenceAt(NodeId node, uint32_t key, uint8_t level) const;
  Walk WalkUp(NodeId node, size_t max_ends, size_t max_visited) const;
  // Where (node, key) sits in keys_ / key_levels_; UINT32_MAX when the node does not hold it.
  uint32_t SlotOf(NodeId node, uint32_t key) const;

  const OwnershipGraph* graph_ = nullptr;
  const RegimeRule* rule_ = nullptr;
  DateKey as_of_ = 0;
  std::vector<NodeStatus> status_;
  // Per-person mode: the key (listed node's joint-group root) that decided each derived node.
  std::vector<uint32_t> deciding_key_;
  // Per node, the holder keys it passes on, with the level each was gained at; CSR-packed.
  std::vector<uint32_t> key_offsets_;
  std::vector<uint32_t> keys_;
  std::vector<uint8_t> key_levels_;
  std::vector<uint32_t> group_of_;  // listed node -> joint group root (per-person mode)
};

// Applies `test`'s rule in force on `as_of` to the edges active on that date. Under a rule not
// in force (RegimeRule::in_force false) the listed nodes are listed and every other is clear.
Derivation Derive(const OwnershipGraph& graph, OwnershipTest test, DateKey as_of);
// The blocking test of `regime`. REQUIRES: regime is kUs, kEu or kUk.
Derivation Derive(const OwnershipGraph& graph, model::Regime regime, DateKey as_of);

}  // namespace cordon::graph
