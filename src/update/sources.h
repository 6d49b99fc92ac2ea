// update/sources.h: the lists cordon knows, where to download them, and the bundled copies.
//
//   ASSIGN_OR_RETURN(SourceCatalog catalog, LoadSourceCatalog("data/sources.json"));
//   for (const SourceSpec& spec : catalog.sources) ...
//
// The catalog is a JSON file (data/sources.json ships with cordon):
//   {"sources": [{"source": "un_sc", "format": "un-sc-xml",
//                 "urls": ["https://scsanctions.un.org/resources/xml/en/consolidated.xml"],
//                 "bundled": [["un/UN_consolidated.xml.zst"]]}]}
// `urls` are the official download addresses (empty when the list is no longer published);
// `bundled` lists the shipped copies under data/lists/, oldest version first, each version a
// list of files (a main file and its companions); `bundled_retrieved`, when given, says when each
// bundled copy was obtained (one entry per version, "" for none).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace cordon::update {

struct SourceSpec {
  std::string source;
  std::string format;
  std::string description;
  std::vector<std::string> urls;
  std::vector<std::vector<std::string>> bundled;  // relative to the catalog's lists/ folder
  // When each bundled copy was obtained (ISO 8601 UTC), "" for now: a list with no date of its
  // own is in force, for --as-of, from when it was read.
  std::vector<std::string> bundled_retrieved;
};

struct SourceCatalog {
  std::string lists_dir;  // folder the bundled paths are relative to
  std::vector<SourceSpec> sources;
};

// Corruption naming the file and field for a malformed catalog; NotFound if missing.
Result<SourceCatalog> LoadSourceCatalog(const std::string& path);
Result<SourceCatalog> ParseSourceCatalog(std::string_view json, const std::string& name,
                                         const std::string& lists_dir);

}  // namespace cordon::update
