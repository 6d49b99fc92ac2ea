// graph/load.h: the ownership graph from entities: the store's lists and ownership sources,
// or an edges file with a listed file.
//
//   GraphLoader loader;
//   store.ForEachEntityAsOf(date, [&](const model::Entity& e) { loader.Add(e); return Ok; });
//   LoadStats stats;
//   OwnershipGraph graph = std::move(loader).Build(&stats);
//
// Nodes are entity ids. A record id that itself contains ':' ("us_ofac_sdn:12345" in an edges
// file) names that entity, so an ownership source can point at the lists; a link target without
// ':' is local to the link's source; a link with only a name is resolved by the name within its
// source. Entities that share a decisive identifier (LEI, INN, OGRN, IMO, BIC) are one node,
// named by a listed one when there is one: an ownership register and a sanctions list rarely
// share ids, but they share company numbers.
//
// Edges come from links: owned_by / owns (shares, or the link's interest: voting), controlled_by
// (board, control, officer: the interest says which; none means control) and director
// (officer); an associate link with interest "joint" is a joint arrangement. A link seen from
// both ends (FtM gives the owner an `owns` and the asset an `owned_by`) is one edge.
//
// What freezes assets, per regime: US: the OFAC SDN list only (OFAC's non-SDN lists, the BIS
// lists and exclusion lists do not block); EU: every EU-regime listing except travel bans; UK:
// every UK-regime listing except director disqualifications; UN: the Security Council list.
// What BIS's Affiliates Rule extends (kEarListedBit): Entity List and MEU List entries, and SDNs
// under the programmes of EAR 744.8(a)(1).
//
// A holding known by ids only (an edges file) goes in without an Entity:
//
//   loader.AddHolding({.owner = "P-SIDOROV", .asset = "GB-08123456", .share = *share,
//                      .kind = EdgeKind::kVoting, .source = "edges"});
//
// Thread safety: a GraphLoader is used by one thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "graph/graph.h"
#include "model/entity.h"
#include "store/store.h"

namespace cordon::graph {

struct LoadStats {
  size_t entities = 0;
  size_t edges = 0;
  size_t duplicate_edges = 0;         // the same relation seen from both ends, or repeated
  size_t merged = 0;                  // entities merged into another by a shared identifier
  size_t unresolved = 0;              // links whose target could not be found (name-only links)
  std::vector<std::string> warnings;  // links that could not be read, with entity and field
};

// One holding of `owner` in `asset`, by node ids: what a link becomes, without its entity.
struct Holding {
  std::string_view owner;
  std::string_view asset;
  Share share;
  EdgeKind kind = EdgeKind::kShares;
  DateKey start = kNoStart;
  DateKey end = kNoEnd;
  std::string_view source;  // the source that states it (Edge::source)
  // Display names, for a node that has no caption yet; "" when not known.
  std::string_view owner_caption;
  std::string_view asset_caption;
};

class GraphLoader {
 public:
  // With `ids_as_written`, record ids and link targets are node ids as they are (an edges file
  // and its listed file share one id space); otherwise they are qualified by their source.
  explicit GraphLoader(bool ids_as_written = false);
  ~GraphLoader();
  GraphLoader(GraphLoader&&) noexcept;
  GraphLoader& operator=(GraphLoader&&) noexcept;

  // Listings dated after `date` (Sanction::listed_on) are left out: the entity was not listed
  // yet. Undated listings always count. Call before Add.
  void SetListedBy(DateKey date);
  void Add(const model::Entity& entity);
  // The edge a link of Add would give, with owner and asset taken as node ids as they are
  // (whatever ids_as_written says), and merged by identifier like any other node. An id first
  // seen here counts as an entity in LoadStats::entities. Captions name nodes only: unlike an
  // entity's names, they do not resolve name-only links. A holding whose period is empty
  // (start >= end) is left out with a warning; one of an id in itself is dropped by Build, as
  // a link to itself is.
  void AddHolding(const Holding& holding);
  // Marks the entity or node `id` listed under `regime` (a listed file).
  void AddListing(std::string_view id, model::Regime regime);
  // Adds the listings of `mask` (regime bits, kEarListedBit) to the record `id`.
  void AddListings(std::string_view id, RegimeMask mask);
  OwnershipGraph Build(LoadStats* stats) &&;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Whether a listing freezes assets under its regime (see the header comment).
bool Freezes(const model::Sanction& sanction);
// Whether the listing is one BIS's Affiliates Rule extends to what the party owns.
bool ExtendedByAffiliatesRule(const model::Sanction& sanction);

// The graph over the versions of every source current on `as_of` ("YYYY-MM-DD"; "" for the
// current versions), with the versions used; listings dated after `listed_by` left out.
struct LoadedGraph {
  OwnershipGraph graph;
  std::vector<store::VersionInfo> versions;
  LoadStats stats;
};
Result<LoadedGraph> LoadGraph(store::Store& store, const std::string& as_of,
                              DateKey listed_by = kNoEnd);

// The graph from an edges CSV (header owner,asset,share,share_min,share_max,kind,start,end; see
// docs/formats/ownership_csv.md) and a listed CSV (header id,regime). Corruption naming the file
// and line for a listed file that cannot be read; defects in single edge rows are warnings. The
// rows go straight into the loader (ingest::internal::ReadOwnershipRows, then AddHolding),
// without an Entity per id.
Result<LoadedGraph> LoadGraphFromFiles(const std::string& edges_path,
                                       const std::string& listed_path);

}  // namespace cordon::graph
