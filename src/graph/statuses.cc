#include "graph/statuses.h"

#include "model/entity.h"

namespace cordon::graph {

using Json = nlohmann::ordered_json;

Json EdgeJson(const OwnershipGraph& g, const Edge& edge) {
  Json j;
  j["owner"] = g.node_id(edge.owner);
  if (!g.caption(edge.owner).empty()) j["owner_caption"] = g.caption(edge.owner);
  j["asset"] = g.node_id(edge.asset);
  j["kind"] = EdgeKindName(edge.kind);
  if (edge.share.known()) {
    j["share"] = FormatShare(edge.share);
  } else {
    j["share"] = nullptr;
  }
  if (edge.start != kNoStart) j["start"] = FormatDateKey(edge.start);
  if (edge.end != kNoEnd) j["end"] = FormatDateKey(edge.end);
  if (!g.source(edge.source).empty()) j["source"] = g.source(edge.source);
  return j;
}

bool EntityOwnership::Matters() const {
  for (const RegimeStatus& s : statuses) {
    if (s.status != NodeStatus::kClear) return true;
  }
  return false;
}

OwnershipStatuses::OwnershipStatuses(OwnershipGraph graph, DateKey as_of)
    : graph_(std::move(graph)), as_of_(as_of) {
  // Derivations point at graph_, which now has its final address.
  for (OwnershipTest test : OwnershipTests()) derivations_.push_back(Derive(graph_, test, as_of_));
}

const Derivation& OwnershipStatuses::DerivationOf(OwnershipTest test) const {
  for (const Derivation& d : derivations_) {
    if (d.rule().test == test) return d;
  }
  return derivations_.front();  // every test has one: unreachable
}

std::vector<RegimeStatus> OwnershipStatuses::StatusesOf(NodeId node) const {
  std::vector<RegimeStatus> statuses;
  statuses.reserve(derivations_.size());
  for (const Derivation& d : derivations_) {
    statuses.push_back({d.rule().regime, d.status(node), d.rule().test});
  }
  return statuses;
}

std::optional<EntityOwnership> OwnershipStatuses::Of(std::string_view entity_id) const {
  const NodeId node = graph_.Find(entity_id);
  if (node == kNoNode) return std::nullopt;
  EntityOwnership o;
  if (graph_.node_id(node) != entity_id) o.merged_into = std::string(graph_.node_id(node));
  o.statuses = StatusesOf(node);
  for (uint32_t e : graph_.out_edges(node)) {
    const Edge& edge = graph_.edge(e);
    if (edge.kind == EdgeKind::kJoint || !edge.ActiveOn(as_of_)) continue;
    HeldAsset held;
    held.asset = std::string(graph_.node_id(edge.asset));
    held.asset_caption = std::string(graph_.caption(edge.asset));
    held.kind = edge.kind;
    if (edge.share.known()) held.share = FormatShare(edge.share);
    held.start = edge.start;
    held.end = edge.end;
    held.source = std::string(graph_.source(edge.source));
    held.statuses = StatusesOf(edge.asset);
    const bool holding = edge.kind == EdgeKind::kShares || edge.kind == EdgeKind::kVoting;
    (holding ? o.owns : o.controls).push_back(std::move(held));
  }
  return o;
}

}  // namespace cordon::graph
