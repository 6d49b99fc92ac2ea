// service/snapshot.h: everything a request reads, built once per set of list versions.
//
//   ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, BuildSnapshot(store, 7));
//   screening::Screen(*snapshot->screening, query, options);
//
// The screening itself is screening::Snapshot's, as for `cordon screen`; this adds what the
// API's other endpoints read (every version of every source, links between entities) and
// the versions' JSON, serialised once.
// The server holds one Snapshot and swaps in a new one when the store's current versions
// change; a request keeps the shared_ptr it started with, so it finishes on the versions it
// began on, and every answer can cite them.
//
// Thread safety: immutable once built.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/status.h"
#include "match/index.h"
#include "screening/snapshot.h"
#include "store/store.h"

namespace cordon::service {

// A link another entity makes to this one.
struct IncomingLink {
  const model::Entity* from = nullptr;
  const model::Link* link = nullptr;
};

struct Snapshot {
  // The current versions, prerendered: each entity's result members are serialised once.
  std::shared_ptr<const screening::Snapshot> screening;
  std::string fingerprint;          // "eu_fsf@1,un_sc@1,...": the store's current versions
  nlohmann::ordered_json versions;  // [{"source", "version", "list_date", "retrieved"}]
  // Every source with every version, oldest first, for /lists.
  std::vector<std::pair<store::SourceInfo, std::vector<store::VersionInfo>>> sources;
  // Links to an entity from others, by the linked entity's id.
  std::unordered_multimap<std::string, IncomingLink> incoming;
  std::string versions_text;  // `versions`, serialised
  std::string built_at;       // ISO 8601 UTC
  double build_seconds = 0;
  int64_t generation = 0;  // 1 for the first snapshot a server builds, then 2, ...

  const match::MatchIndex& index() const { return screening->index(); }
  // The id a link's target has in the index ("<source>:<target_id>"), or "" when the list
  // gives no id or the entity is not in the index.
  std::string LinkTargetId(const model::Entity& from, const model::Link& link) const;
};

// The store's current versions as "source@version,...", sorted by source: equal fingerprints
// mean the same lists.
Result<std::string> StoreFingerprint(store::Store& store);

// Builds a snapshot of the store's current versions. The store may be written by another
// process meanwhile; a build that overlaps a write is detected (the fingerprint changed) and
// repeated, so the index and the versions it cites always agree. FailedPrecondition for a
// store without lists.
Result<std::shared_ptr<const Snapshot>> BuildSnapshot(store::Store& store, int64_t generation);

}  // namespace cordon::service
