// screening/snapshot.h: "screen this record as of a date, with ownership, and explain", once,
// for every front end.
//
//   ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot,
//                    Snapshot::Build(store, {.as_of = Date::Parse("2024-01-31").value()}));
//   ASSIGN_OR_RETURN(std::vector<ScreenedMatch> matches, Screen(*snapshot, query, options));
//   for (const ScreenedMatch& m : matches) AppendMatchJson(out, *snapshot, m);  // render.h
//
// A Snapshot is built from one read of the store: the list versions in force on a date (today's
// when none is given) go into the name index and, with every other source current then, into
// the ownership graph, which is derived under each regime's rule on that date. It holds what is
// reportable and the versions every answer cites. `cordon screen`, `POST /match` and the
// front ends still to come (shipments, re-screening, a stream worker) all screen through it, so
// they agree on what matches, what is reported and how it is explained.
//
// What is reportable: a match to an entity that a list sanctions, or to one that some regime
// finds owned, controlled or under review (an ownership register names companies that are on
// no list; a match to one of those matters only through its owners).
//
// Thread safety: a built Snapshot is immutable; any number of threads may Screen it. Hold the
// shared_ptr for as long as a ScreenedMatch is used.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "graph/statuses.h"
#include "licences/licences.h"
#include "match/index.h"
#include "match/query.h"
#include "store/store.h"

namespace cordon::screening {

struct SnapshotScope {
  std::optional<Date> as_of;         // the versions in force then; nullopt: the current ones
  std::vector<std::string> sources;  // only these sources in the index; empty: every source
  // Serialise each entity's result members at build time (the service answers many requests
  // from one snapshot); otherwise they are rendered per match.
  bool prerender_results = false;
};

class Snapshot {
 public:
  // Reads the versions in force on scope.as_of once, builds the index over those in scope and
  // the ownership graph over all of them, and derives it on that date (today when none).
  // NotFound if a source in scope.sources is not in the store; FailedPrecondition if no list
  // version is in scope (an empty store, or a date before every list); Unavailable if another
  // process added a version while the store was read (try again); the store's error otherwise.
  static Result<std::shared_ptr<const Snapshot>> Build(store::Store& store,
                                                       const SnapshotScope& scope);

  const match::MatchIndex& index() const { return *index_; }
  // The version of each source in the index, by source: what every answer cites.
  const std::vector<store::VersionInfo>& versions() const { return versions_; }
  // "eu_fsf@1,un_sc@1,...": the versions read, sorted by source (index and graph alike).
  const std::string& fingerprint() const { return fingerprint_; }
  // The day the lists and the ownership rules were taken on (today when not given).
  Date as_of() const { return as_of_; }
  bool as_of_given() const { return as_of_given_; }
  const graph::OwnershipStatuses& ownership() const { return *ownership_; }

  // Position of an entity of index().entities().
  // REQUIRES: `entity` is one of index().entities().
  size_t EntityIndex(const model::Entity& entity) const {
    return static_cast<size_t>(&entity - index_->entities().data());
  }
  // The entity's statuses and holdings; null when the ownership graph does not know it.
  const graph::EntityOwnership* OwnershipOf(size_t entity_idx) const {
    const int32_t slot = ownership_slot_[entity_idx];
    return slot < 0 ? nullptr : &ownerships_[static_cast<size_t>(slot)];
  }
  bool Reportable(size_t entity_idx) const { return reportable_[entity_idx] != 0; }
  // The entity's result members, serialised at build time; "" unless prerender_results.
  const std::string& PrerenderedMembers(size_t entity_idx) const {
    static const std::string kNone;
    return prerendered_.empty() ? kNone : prerendered_[entity_idx];
  }

  // The general licences in force on as_of() that name the entity as a party (licences.h);
  // empty for most.
  const std::vector<const licences::Licence*>& LicencesOf(size_t entity_idx) const {
    return licences_[entity_idx];
  }

  double build_seconds() const { return build_seconds_; }

 private:
  // Build is the only way to make one; the key lets it use make_shared.
  class BuildKey {
    friend class Snapshot;
    BuildKey() = default;
  };

 public:
  explicit Snapshot(BuildKey) {}

 private:
  std::shared_ptr<const match::MatchIndex> index_;
  std::vector<store::VersionInfo> versions_;
  std::string fingerprint_;
  Date as_of_ = Date::FromYmd(1970, 1, 1);
  bool as_of_given_ = false;
  std::unique_ptr<const graph::OwnershipStatuses> ownership_;
  // Per entity of the index: its slot in ownerships_ (-1: none), whether it is reportable and,
  // when asked for, its result members.
  std::vector<int32_t> ownership_slot_;
  std::vector<graph::EntityOwnership> ownerships_;
  std::vector<uint8_t> reportable_;
  std::vector<std::string> prerendered_;
  std::vector<std::vector<const licences::Licence*>> licences_;
  double build_seconds_ = 0;
};

// One reportable match, with the entity's ownership under each regime.
struct ScreenedMatch {
  match::Match match;
  const graph::EntityOwnership* ownership = nullptr;  // null: not in the ownership graph
};

struct ScreenOptions {
  // threshold, limit, regimes, sources; and a deadline and a cancel flag that bound the search
  // (a server's per-request deadline and its shutdown).
  match::SearchOptions search;
};

// The reportable matches of `query`, best first, at most options.search.limit of them (0: all).
// InvalidArgument for a threshold that is not a number from 0 to 1; DeadlineExceeded or
// Cancelled, with no matches, when options.search's deadline or cancel flag stopped the search
// (a screen cut short must never read as a clear one).
Result<std::vector<ScreenedMatch>> Screen(const Snapshot& snapshot, const match::Query& query,
                                          const ScreenOptions& options);

}  // namespace cordon::screening
