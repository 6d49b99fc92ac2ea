// graph/statuses.h: each regime's ownership status of an entity, as screening answers show it.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<OwnershipStatuses> statuses,
//                    OwnershipStatuses::FromStore(store, "2025-01-01"));
//   nlohmann::ordered_json j = statuses->StatusJson("us_ofac_sdn:45953");
//
// The graph of every source current on the date (as LoadGraph reads it), derived once under
// each ownership regime. `cordon screen` and `cordon serve` attach StatusJson to each match.
//
// Thread safety: immutable after FromStore; StatusJson may be called from any thread.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "graph/derive.h"
#include "graph/load.h"
#include "store/store.h"

namespace cordon::graph {

// {"owner", "owner_caption", "asset", "kind", "share", "start", "end", "source"}: one holding.
nlohmann::ordered_json EdgeJson(const OwnershipGraph& g, const Edge& edge);

class OwnershipStatuses {
 public:
  // The graph of the versions current on `as_of` ("YYYY-MM-DD"; "": today's), derived under
  // each of OwnershipRegimes() on that date.
  static Result<std::unique_ptr<OwnershipStatuses>> FromStore(store::Store& store,
                                                              const std::string& as_of);
  OwnershipStatuses() = default;
  // {"us": "listed", "eu": "owned", "uk": "clear", "owns": [{"asset", "kind", "share",
  // "status": {...}}], "controls": [...]} for an entity of the graph; null for one it lacks.
  nlohmann::ordered_json StatusJson(std::string_view entity_id) const;

 private:
  LoadedGraph loaded_;
  std::vector<Derivation> derivations_;  // one per OwnershipRegimes()
};

// Whether a StatusJson says anything but "clear" for some regime.
bool OwnershipMatters(const nlohmann::ordered_json& status);

}  // namespace cordon::graph
