#include "service/snapshot.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

#include "screening/render.h"

namespace cordon::service {
namespace {

using Json = nlohmann::ordered_json;

std::string NowIso() {
  const auto now = std::chrono::system_clock::now();
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::time_point_cast<std::chrono::seconds>(now));
}

Result<std::shared_ptr<const Snapshot>> BuildOnce(store::Store& store, int64_t generation) {
  const auto start = std::chrono::steady_clock::now();
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->generation = generation;
  ASSIGN_OR_RETURN(snapshot->screening,
                   screening::Snapshot::Build(store, {.prerender_results = true}));
  // The versions the screening snapshot read, in StoreFingerprint's form.
  snapshot->fingerprint = snapshot->screening->fingerprint();
  ASSIGN_OR_RETURN(std::vector<store::SourceInfo> sources, store.ListSources());
  for (store::SourceInfo& source : sources) {
    ASSIGN_OR_RETURN(std::vector<store::VersionInfo> versions, store.ListVersions(source.name));
    snapshot->sources.emplace_back(std::move(source), std::move(versions));
  }
  snapshot->versions = screening::VersionsJson(snapshot->screening->versions());
  snapshot->versions_text = screening::DumpJson(snapshot->versions);
  const std::vector<model::Entity>& entities = snapshot->index().entities();
  for (const model::Entity& e : entities) {
    for (const model::Link& link : e.links) {
      std::string target = snapshot->LinkTargetId(e, link);
      if (!target.empty()) snapshot->incoming.emplace(std::move(target), IncomingLink{&e, &link});
    }
  }
  // Written by another process while we read? Then what we read may mix two versions.
  ASSIGN_OR_RETURN(std::string after, StoreFingerprint(store));
  if (after != snapshot->fingerprint) return std::shared_ptr<const Snapshot>();
  snapshot->built_at = NowIso();
  snapshot->build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

}  // namespace

std::string Snapshot::LinkTargetId(const model::Entity& from, const model::Link& link) const {
  if (link.target_id.empty()) return "";
  std::string id = from.provenance.source + ":" + link.target_id;
  return index().Find(id) != nullptr ? id : "";
}

Result<std::string> StoreFingerprint(store::Store& store) {
  ASSIGN_OR_RETURN(std::vector<store::SourceInfo> sources, store.ListSources());
  std::sort(sources.begin(), sources.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  std::string fingerprint;
  for (const store::SourceInfo& s : sources) {
    if (!fingerprint.empty()) fingerprint += ',';
    fingerprint += fmt::format("{}@{}", s.name, s.current.number);
  }
  return fingerprint;
}

Result<std::shared_ptr<const Snapshot>> BuildSnapshot(store::Store& store, int64_t generation) {
  constexpr int kAttempts = 5;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, BuildOnce(store, generation));
    if (snapshot) return snapshot;
  }
  return UnavailableError(fmt::format(
      "the lists changed while the index was being built, {} times in a row", kAttempts));
}

}  // namespace cordon::service
