#include "store/json.h"

namespace cordon::store {

nlohmann::ordered_json VersionJson(const VersionInfo& v) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["source"] = v.source;
  j["version"] = v.number;
  j["format"] = v.format;
  j["list_date"] = v.published;
  j["retrieved"] = v.retrieved;
  j["sha256"] = v.sha256;
  j["files"] = v.files;
  j["entities"] = v.entity_count;
  j["added"] = v.added;
  j["removed"] = v.removed;
  j["changed"] = v.changed;
  j["warnings"] = v.warnings;
  j["errors"] = v.errors;
  return j;
}

}  // namespace cordon::store
