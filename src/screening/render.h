// screening/render.h: screening answers as JSON, one way for every front end.
//
//   std::string out;
//   AppendMatchJson(out, *snapshot, screened_match, options.search.threshold);
//   // {"id": "un_sc:6907995", "entity_id": ..., "score": 0.97, "match": true, ...}
//
// `cordon screen` writes each record's matches with AppendMatchJson and `POST /match` and
// `GET /search` write their results with it, so the same query gives the same fields:
//   id, entity_id (the same id, the name `cordon screen` has always used), source, source_id
//   (the list's own id: UN reference, OFAC entry number, ...), caption, schema, properties
//   (FtM), datasets, regimes, sanctions, ownership (when the graph knows the entity), licences
//   (the general licences in force on the snapshot's date that name it: id, number, expires),
//   score, match (score >= threshold), features ({feature: contribution}) and explanation.
// docs/api.md documents each field.
//
// Thread safety: pure functions of immutable inputs.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "graph/statuses.h"
#include "licences/licences.h"
#include "model/entity.h"
#include "screening/snapshot.h"
#include "store/store.h"

namespace cordon::screening {

// Appends one match as a JSON object.
void AppendMatchJson(std::string& out, const Snapshot& snapshot, const ScreenedMatch& match,
                     double threshold);

// The members every result for `entity` repeats, from "id" to "ownership", serialised without
// the braces (Snapshot prerenders them for the service).
std::string RenderEntityMembers(const model::Entity& entity,
                                const graph::EntityOwnership* ownership,
                                std::span<const licences::Licence* const> licences = {});

// {"us": "listed", "eu": "owned", "uk": "clear", "node": merged id, "owns": [{"asset", "kind",
// "share", "start", "end", "source", "asset_caption", "status": {...}}], "controls": [...]}.
nlohmann::ordered_json OwnershipJson(const graph::EntityOwnership& ownership);

// [{"source", "version", "list_date", "retrieved"}] for the versions an answer was computed on.
nlohmann::ordered_json VersionsJson(const std::vector<store::VersionInfo>& versions);

// JSON text that survives invalid UTF-8 in the input (a Latin-1 customer file): replaced, not
// thrown.
std::string DumpJson(const nlohmann::ordered_json& value);

}  // namespace cordon::screening
