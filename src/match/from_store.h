// match/from_store.h: a screening index over the list versions a store holds.
//
//   ASSIGN_OR_RETURN(LoadedIndex loaded, LoadIndex(*store, {.as_of = "2025-06-30"}));
//   std::vector<Match> matches = loaded.index->Search(query, SearchOptions{});
//   for (const store::VersionInfo& v : loaded.versions) Cite(v.source, v.number, v.published);
//
// Every screening answer depends on the list versions it was computed on, so the index comes
// with them: one VersionInfo per source in the index.
//
// Thread safety: LoadIndex uses the store (one thread at a time, as Store requires); the
// returned index is immutable and may be shared across threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "match/index.h"
#include "store/store.h"

namespace cordon::match {

struct IndexScope {
  std::string as_of;                 // "YYYY-MM-DD": the versions current then; "": current
  std::vector<std::string> sources;  // only these sources; empty: every source
};

struct LoadedIndex {
  std::shared_ptr<const MatchIndex> index;
  std::vector<store::VersionInfo> versions;  // the version of each source indexed, by source
};

// Builds an index over the version of each source in `scope` current on scope.as_of (see
// Store::ForEachEntityAsOf). NotFound if a source in scope.sources is not in the store;
// FailedPrecondition if no list version is in scope (an empty store, or a date before every
// list); InvalidArgument for a malformed date; the store's or MatchIndex::Build's error.
Result<LoadedIndex> LoadIndex(store::Store& store, const IndexScope& scope);

}  // namespace cordon::match
