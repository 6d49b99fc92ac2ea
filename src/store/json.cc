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

nlohmann::ordered_json SourcesJson(
    const std::vector<std::pair<SourceInfo, std::vector<VersionInfo>>>& sources) {
  using Json = nlohmann::ordered_json;
  Json all = Json::array();
  for (const auto& [source, versions] : sources) {
    Json s;
    s["name"] = source.name;
    s["version_count"] = source.version_count;
    s["current"] = VersionJson(source.current);
    s["versions"] = Json::array();
    for (const VersionInfo& v : versions) s["versions"].push_back(VersionJson(v));
    all.push_back(std::move(s));
  }
  return all;
}

nlohmann::ordered_json DeltaJson(const Delta& delta, size_t limit) {
  using Json = nlohmann::ordered_json;
  size_t counts[3] = {0, 0, 0};
  Json changes = Json::array();
  for (const EntityChange& c : delta.changes) {
    ++counts[static_cast<size_t>(c.kind)];
    if (limit != 0 && changes.size() >= limit) continue;
    changes.push_back({{"kind", ChangeKindName(c.kind)},
                       {"entity_id", c.entity_id},
                       {"caption", c.caption},
                       {"fields", c.fields}});
  }
  Json j;
  j["source"] = delta.source;
  j["from_version"] = delta.from_version;
  j["to_version"] = delta.to_version;
  j["counts"] = Json::object();
  for (EntityChange::Kind kind :
       {EntityChange::Kind::kAdded, EntityChange::Kind::kRemoved, EntityChange::Kind::kChanged}) {
    j["counts"][std::string(ChangeKindName(kind))] = counts[static_cast<size_t>(kind)];
  }
  j["truncated"] = changes.size() < delta.changes.size();
  j["changes"] = std::move(changes);
  return j;
}

}  // namespace cordon::store
