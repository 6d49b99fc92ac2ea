// store/json.h: list versions as JSON, the same in `cordon lists --json` and the API.
//
//   nlohmann::ordered_json j = VersionJson(version);  // {"source", "version", "format", ...}
//   nlohmann::ordered_json s = SourcesJson(sources);  // `cordon lists --json` = GET /lists
#pragma once

#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "store/store.h"

namespace cordon::store {

// {"source", "version", "format", "list_date", "retrieved", "sha256", "files", "entities",
// "added", "removed", "changed", "warnings", "errors"}
nlohmann::ordered_json VersionJson(const VersionInfo& version);

// [{"name", "version_count", "current": VersionJson, "versions": [VersionJson, ...]}]: every
// source with every version, oldest first: the "sources" of `cordon lists --json` and of
// GET /lists.
nlohmann::ordered_json SourcesJson(
    const std::vector<std::pair<SourceInfo, std::vector<VersionInfo>>>& sources);

// {"source", "from_version", "to_version", "counts": {"added", "removed", "changed"},
// "truncated", "changes": [{"kind", "entity_id", "caption", "fields"}]}, with at most `limit`
// changes (0: all): `cordon diff --json` and GET /lists/{source}/diff.
nlohmann::ordered_json DeltaJson(const Delta& delta, size_t limit);

}  // namespace cordon::store
