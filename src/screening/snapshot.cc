#include "screening/snapshot.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include "graph/load.h"
#include "screening/render.h"

namespace cordon::screening {

Result<std::shared_ptr<const Snapshot>> Snapshot::Build(store::Store& store,
                                                        const SnapshotScope& scope) {
  const auto start = std::chrono::steady_clock::now();
  const std::string as_of_text = scope.as_of ? scope.as_of->ToIso() : "";
  ASSIGN_OR_RETURN(std::vector<store::VersionInfo> in_force, store.VersionsAsOf(as_of_text));
  ASSIGN_OR_RETURN(std::vector<store::SourceInfo> sources, store.ListSources());
  const std::set<std::string> wanted(scope.sources.begin(), scope.sources.end());
  for (const std::string& name : wanted) {
    const bool known = std::any_of(sources.begin(), sources.end(),
                                   [&](const store::SourceInfo& s) { return s.name == name; });
    if (!known) {
      std::string names;
      for (const store::SourceInfo& s : sources) names += (names.empty() ? "" : ", ") + s.name;
      return NotFoundError("no source named '" + name +
                           "' in the store (it has: " + (names.empty() ? "none" : names) + ")");
    }
  }

  auto snapshot = std::make_shared<Snapshot>(BuildKey());
  snapshot->as_of_given_ = scope.as_of.has_value();
  snapshot->as_of_ = scope.as_of.value_or(Date::Today());
  std::map<std::string, int64_t> expected;  // entities per source, from its version
  std::vector<std::string> read;            // "source@version", for the fingerprint
  for (const store::VersionInfo& version : in_force) {
    expected[version.source] = version.entity_count;
    read.push_back(fmt::format("{}@{}", version.source, version.number));
    if (wanted.empty() || wanted.count(version.source)) snapshot->versions_.push_back(version);
  }
  if (snapshot->versions_.empty()) {
    return FailedPreconditionError(
        sources.empty() ? std::string("the store holds no lists: run `cordon load` or `cordon "
                                      "ingest FILE` first")
                        : "no list version in scope is dated on or before " + as_of_text);
  }
  std::sort(read.begin(), read.end());
  for (const std::string& r : read) {
    snapshot->fingerprint_ += (snapshot->fingerprint_.empty() ? "" : ",") + r;
  }

  // One pass over the store feeds both the index (the sources in scope) and the ownership
  // graph (every source: a listed owner may come from a list the query does not search).
  graph::GraphLoader loader;
  loader.SetListedBy(snapshot->as_of_.yyyymmdd());
  std::vector<model::Entity> entities;
  std::map<std::string, int64_t> seen;
  RETURN_IF_ERROR(store.ForEachEntityAsOf(as_of_text, [&](const model::Entity& e) {
    if (!expected.count(e.provenance.source)) return Status::Ok();
    ++seen[e.provenance.source];
    loader.Add(e);
    if (wanted.empty() || wanted.count(e.provenance.source)) entities.push_back(e);
    return Status::Ok();
  }));
  // The versions listed and the entities read come from separate queries; another process
  // adding a version in between would make the answer cite the wrong list.
  for (const auto& [source, count] : expected) {
    if (seen[source] != count) {
      return UnavailableError("the store changed while the lists were being read (" + source +
                              "); try again");
    }
  }
  graph::LoadStats stats;
  snapshot->ownership_ = std::make_unique<const graph::OwnershipStatuses>(
      std::move(loader).Build(&stats), snapshot->as_of_.yyyymmdd());
  ASSIGN_OR_RETURN(snapshot->index_, match::MatchIndex::Build(std::move(entities)));

  const std::vector<model::Entity>& indexed = snapshot->index_->entities();
  snapshot->ownership_slot_.assign(indexed.size(), -1);
  snapshot->reportable_.assign(indexed.size(), 0);
  for (size_t entity_idx = 0; entity_idx < indexed.size(); ++entity_idx) {
    const model::Entity& e = indexed[entity_idx];
    std::optional<graph::EntityOwnership> ownership = snapshot->ownership_->Of(e.id);
    const bool matters = ownership && ownership->Matters();
    snapshot->reportable_[entity_idx] = !e.sanctions.empty() || matters;
    if (ownership) {
      snapshot->ownership_slot_[entity_idx] = static_cast<int32_t>(snapshot->ownerships_.size());
      snapshot->ownerships_.push_back(std::move(*ownership));
    }
  }
  // Entities owned 50 % or more by listed holders, by holder node and regime: what a licence
  // that includes the entities its parties own covers besides the parties.
  // From the statuses just derived: the few owned entities are looked up in the graph, and a
  // test's holders are collected only when some entity is owned under it.
  std::map<std::pair<model::Regime, std::string_view>, std::vector<size_t>> owned_by_holder;
  const graph::OwnershipGraph& graph = snapshot->ownership_->graph();
  std::map<graph::OwnershipTest, graph::ListedHolderSets> holders;
  for (size_t entity_idx = 0; entity_idx < indexed.size(); ++entity_idx) {
    const graph::EntityOwnership* ownership = snapshot->OwnershipOf(entity_idx);
    if (ownership == nullptr) continue;
    for (const graph::RegimeStatus& status : ownership->statuses) {
      // A licence authorises what a regime's listing blocks: its blocking test only.
      if (status.status != graph::NodeStatus::kOwned ||
          status.test != graph::BlockingTestOf(status.regime)) {
        continue;
      }
      auto [sets, added] = holders.try_emplace(status.test);
      if (added) sets->second = snapshot->ownership_->DerivationOf(status.test).AllListedHolders();
      for (graph::NodeId holder : sets->second.Of(graph.Find(indexed[entity_idx].id))) {
        owned_by_holder[{status.regime, graph.node_id(holder)}].push_back(entity_idx);
      }
    }
  }
  const auto owned_by = [&](size_t holder_idx, model::Regime regime) -> std::vector<size_t> {
    const graph::NodeId node = graph.Find(indexed[holder_idx].id);
    if (node == graph::kNoNode) return {};
    auto it = owned_by_holder.find({regime, graph.node_id(node)});
    return it == owned_by_holder.end() ? std::vector<size_t>{} : it->second;
  };
  snapshot->licences_ = licences::LicenceTable::Bundled().LicencesByEntity(
      *snapshot->index_, snapshot->as_of_, owned_by);
  if (scope.prerender_results) {
    snapshot->prerendered_.reserve(indexed.size());
    for (size_t entity_idx = 0; entity_idx < indexed.size(); ++entity_idx) {
      snapshot->prerendered_.push_back(RenderEntityMembers(indexed[entity_idx],
                                                           snapshot->OwnershipOf(entity_idx),
                                                           snapshot->LicencesOf(entity_idx)));
    }
  }
  snapshot->build_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

Result<std::vector<ScreenedMatch>> Screen(const Snapshot& snapshot, const match::Query& query,
                                          const ScreenOptions& options) {
  const double threshold = options.search.threshold;
  if (!std::isfinite(threshold) || threshold < 0 || threshold > 1) {
    return InvalidArgumentError(fmt::format("threshold {} is not a number from 0 to 1", threshold));
  }
  // The limit counts reportable matches: an unreportable one (a register's company that no one
  // listed owns) must not push a listed one out.
  match::SearchOptions search = options.search;
  search.limit = 0;
  ASSIGN_OR_RETURN(std::vector<match::Match> found, snapshot.index().TrySearch(query, search));
  std::vector<ScreenedMatch> screened;
  for (match::Match& m : found) {
    const size_t entity_idx = snapshot.EntityIndex(*m.entity);
    if (!snapshot.Reportable(entity_idx)) continue;
    if (options.search.limit != 0 && screened.size() == options.search.limit) break;
    screened.push_back({std::move(m), snapshot.OwnershipOf(entity_idx)});
  }
  return screened;
}

}  // namespace cordon::screening
