#include "match/from_store.h"

#include <algorithm>
#include <map>
#include <set>

namespace cordon::match {

Result<LoadedIndex> LoadIndex(store::Store& store, const IndexScope& scope) {
  ASSIGN_OR_RETURN(std::vector<store::VersionInfo> in_force, store.VersionsAsOf(scope.as_of));
  ASSIGN_OR_RETURN(std::vector<store::SourceInfo> sources, store.ListSources());
  std::set<std::string> wanted(scope.sources.begin(), scope.sources.end());
  for (const std::string& name : wanted) {
    const bool known = std::any_of(sources.begin(), sources.end(),
                                   [&](const store::SourceInfo& s) { return s.name == name; });
    if (!known) {
      std::string list;
      for (const store::SourceInfo& s : sources) list += (list.empty() ? "" : ", ") + s.name;
      return NotFoundError("no source named '" + name +
                           "' in the store (it has: " + (list.empty() ? "none" : list) + ")");
    }
  }

  LoadedIndex loaded;
  std::map<std::string, int64_t> expected;  // entities per source, from its version
  for (const store::VersionInfo& version : in_force) {
    if (!wanted.empty() && !wanted.count(version.source)) continue;
    loaded.versions.push_back(version);
    expected[version.source] = version.entity_count;
  }
  if (loaded.versions.empty()) {
    return FailedPreconditionError(
        sources.empty() ? std::string("the store holds no lists: run `cordon load` or `cordon "
                                      "ingest FILE` first")
                        : "no list version in scope is dated on or before " + scope.as_of);
  }

  std::vector<model::Entity> entities;
  std::map<std::string, int64_t> seen;
  RETURN_IF_ERROR(store.ForEachEntityAsOf(scope.as_of, [&](const model::Entity& e) {
    if (!expected.count(e.provenance.source)) return Status::Ok();
    ++seen[e.provenance.source];
    entities.push_back(e);
    return Status::Ok();
  }));
  // The versions listed and the entities read come from separate queries; another process
  // adding a version in between would make the answer cite the wrong list.
  for (const auto& [source, count] : expected) {
    if (seen[source] != count) {
      return UnavailableError("the store changed while the index was loading (" + source +
                              "); try again");
    }
  }
  ASSIGN_OR_RETURN(loaded.index, MatchIndex::Build(std::move(entities)));
  return loaded;
}

}  // namespace cordon::match
