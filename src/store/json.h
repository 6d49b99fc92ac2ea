// store/json.h: list versions as JSON, the same in `cordon lists --json` and the API.
//
//   nlohmann::ordered_json j = VersionJson(version);  // {"source", "version", "format", ...}
#pragma once

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace cordon::store {

// {"source", "version", "format", "list_date", "retrieved", "sha256", "files", "entities",
// "added", "removed", "changed", "warnings", "errors"}
nlohmann::ordered_json VersionJson(const VersionInfo& version);

}  // namespace cordon::store
