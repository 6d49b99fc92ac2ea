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

Result<std::unique_ptr<OwnershipStatuses>> OwnershipStatuses::FromStore(store::Store& store,
                                                                        const std::string& as_of) {
  auto statuses = std::make_unique<OwnershipStatuses>();
  DateKey date = Today();
  if (!as_of.empty()) {
    ASSIGN_OR_RETURN(date, ParseDateKey(as_of));
  }
  ASSIGN_OR_RETURN(statuses->loaded_, LoadGraph(store, as_of, /*listed_by=*/date));
  for (model::Regime regime : OwnershipRegimes()) {
    statuses->derivations_.push_back(Derive(statuses->loaded_.graph, regime, date));
  }
  return statuses;
}

Json OwnershipStatuses::StatusJson(std::string_view entity_id) const {
  const OwnershipGraph& g = loaded_.graph;
  const NodeId node = g.Find(entity_id);
  if (node == kNoNode) return nullptr;
  auto statuses = [&](NodeId n) {
    Json j;
    for (const Derivation& d : derivations_) {
      j[std::string(model::RegimeName(d.rule().regime))] = StatusName(d.status(n), d.rule().regime);
    }
    return j;
  };
  Json j = statuses(node);
  if (g.node_id(node) != entity_id) j["node"] = g.node_id(node);  // merged by identifier
  Json owns = Json::array(), controls = Json::array();
  for (uint32_t e : g.out_edges(node)) {
    const Edge& edge = g.edge(e);
    if (edge.kind == EdgeKind::kJoint || !edge.ActiveOn(derivations_.front().as_of())) {
      continue;
    }
    Json o = EdgeJson(g, edge);
    o.erase("owner");
    o.erase("owner_caption");
    if (!g.caption(edge.asset).empty()) o["asset_caption"] = g.caption(edge.asset);
    o["status"] = statuses(edge.asset);
    const bool holding = edge.kind == EdgeKind::kShares || edge.kind == EdgeKind::kVoting;
    (holding ? owns : controls).push_back(std::move(o));
  }
  if (!owns.empty()) j["owns"] = std::move(owns);
  if (!controls.empty()) j["controls"] = std::move(controls);
  return j;
}

bool OwnershipMatters(const Json& status) {
  if (!status.is_object()) return false;
  for (const auto& [regime, value] : status.items()) {
    if (value.is_string() && value != "clear") return true;
  }
  return false;
}

}  // namespace cordon::graph
