#include "update/sources.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/file.h"

namespace cordon::update {

Result<SourceCatalog> ParseSourceCatalog(std::string_view text, const std::string& name,
                                         const std::string& lists_dir) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return CorruptionError(name + ": not valid JSON");
  if (!j.is_object() || !j.contains("sources") || !j["sources"].is_array()) {
    return CorruptionError(name + ": expected an object with a \"sources\" array");
  }
  SourceCatalog catalog;
  catalog.lists_dir = lists_dir;
  size_t index = 0;
  for (const nlohmann::json& item : j["sources"]) {
    const std::string where = name + ": sources[" + std::to_string(index++) + "]";
    if (!item.is_object()) return CorruptionError(where + ": not an object");
    SourceSpec spec;
    try {
      spec.source = item.at("source").get<std::string>();
      spec.format = item.at("format").get<std::string>();
      spec.description = item.value("description", "");
      if (item.contains("urls")) spec.urls = item["urls"].get<std::vector<std::string>>();
      if (item.contains("bundled")) {
        spec.bundled = item["bundled"].get<std::vector<std::vector<std::string>>>();
      }
      if (item.contains("bundled_retrieved")) {
        spec.bundled_retrieved = item["bundled_retrieved"].get<std::vector<std::string>>();
      }
    } catch (const nlohmann::json::exception& e) {
      return CorruptionError(where + ": " + e.what());
    }
    if (spec.source.empty()) return CorruptionError(where + ": empty \"source\"");
    if (!spec.bundled_retrieved.empty() && spec.bundled_retrieved.size() != spec.bundled.size()) {
      return CorruptionError(where + ": \"bundled_retrieved\" has " +
                             std::to_string(spec.bundled_retrieved.size()) + " entries for " +
                             std::to_string(spec.bundled.size()) + " bundled versions");
    }
    catalog.sources.push_back(std::move(spec));
  }
  return catalog;
}

Result<SourceCatalog> LoadSourceCatalog(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return ParseSourceCatalog(text, path, (dir.empty() ? "." : dir) + "/lists");
}

}  // namespace cordon::update
