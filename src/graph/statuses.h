// graph/statuses.h: each regime's ownership status of an entity, as screening answers show it.
//
//   LoadedGraph loaded = ...;  // LoadGraph, or a GraphLoader fed while reading the store once
//   OwnershipStatuses statuses(std::move(loaded.graph), as_of);
//   std::optional<EntityOwnership> o = statuses.Of("us_ofac_sdn:45953");
//   if (o && o->Matters()) ...  // listed, owned, controlled, possible or review somewhere
//
// The graph derived once under each of OwnershipTests() on one date (the three regimes'
// blocking tests and BIS's Affiliates Rule). Screening attaches an
// entity's EntityOwnership to each match (screening/snapshot.h); JSON is rendered at the edges
// (screening/render.h), not here.
//
// Thread safety: immutable once constructed; Of may be called from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/derive.h"
#include "graph/load.h"

namespace cordon::graph {

// {"owner", "owner_caption", "asset", "kind", "share", "start", "end", "source"}: one holding.
nlohmann::ordered_json EdgeJson(const OwnershipGraph& g, const Edge& edge);

// A node's status under one ownership test.
struct RegimeStatus {
  model::Regime regime = model::Regime::kOther;
  NodeStatus status = NodeStatus::kClear;
  OwnershipTest test = OwnershipTest::kUs;

  std::string_view name() const { return StatusName(status, test); }  // "blocked", ...
  std::string_view test_name() const { return TestName(test); }       // "us", "us_bis", ...
};

// One holding of the entity in another, active on the statuses' date, with the asset's
// statuses: what a listed owner's match should say it brings with it.
struct HeldAsset {
  std::string asset;          // node id
  std::string asset_caption;  // "" when the graph has none
  EdgeKind kind = EdgeKind::kShares;
  std::optional<std::string> share;  // "50.5" (FormatShare); nullopt when unknown
  DateKey start = kNoStart;
  DateKey end = kNoEnd;
  std::string source;  // the source that states the holding; "" when none
  std::vector<RegimeStatus> statuses;
};

struct EntityOwnership {
  // The node the entity is part of when it was merged with others by a shared identifier
  // (another entity's id); "" when the node is the entity itself.
  std::string merged_into;
  std::vector<RegimeStatus> statuses;  // one per OwnershipTests(), in that order
  std::vector<HeldAsset> owns;         // shares and voting rights
  std::vector<HeldAsset> controls;     // board, control, officer

  // Whether some regime says anything but clear.
  bool Matters() const;
};

class OwnershipStatuses {
 public:
  // Derives `graph` under each of OwnershipTests() on `as_of`.
  OwnershipStatuses(OwnershipGraph graph, DateKey as_of);
  // The derivations refer to the graph inside: neither copied nor moved.
  OwnershipStatuses(const OwnershipStatuses&) = delete;
  OwnershipStatuses& operator=(const OwnershipStatuses&) = delete;

  // The entity's statuses and holdings; nullopt for an id the graph lacks.
  std::optional<EntityOwnership> Of(std::string_view entity_id) const;
  DateKey as_of() const { return as_of_; }
  const OwnershipGraph& graph() const { return graph_; }
  // The derivation under `test` (one of OwnershipTests()).
  const Derivation& DerivationOf(OwnershipTest test) const;

 private:
  std::vector<RegimeStatus> StatusesOf(NodeId node) const;

  OwnershipGraph graph_;
  DateKey as_of_;
  std::vector<Derivation> derivations_;  // one per OwnershipTests(); refer to graph_
};

}  // namespace cordon::graph
