#include "store/ingest_files.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "base/sha256.h"
#include "ingest/registry.h"

namespace cordon::store {

std::string NowIso() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

namespace {

// The source's previous version with a delta document's ADD and MOD entities put in (replacing
// those of the same id) and its DEL ids taken out: the new version, whole.
Status ApplyDelta(Store& store, const ingest::ListMetadata& meta, const std::string& file,
                  NewVersion& version, ingest::CollectingDiagnosticSink& sink) {
  Result<std::vector<VersionInfo>> previous = store.ListVersions(version.source);
  if (!previous.ok() || previous->empty()) {
    return FailedPreconditionError(
        file + ": a delta (ADD, MOD and DEL ops) applies to the previous version of " +
        version.source + ", and the store holds none: ingest the full entities file first");
  }
  std::map<std::string, model::Entity> merged;
  RETURN_IF_ERROR(store.ForEachCurrentEntity([&](const model::Entity& e) {
    if (e.provenance.source == version.source) merged.emplace(e.id, e);
    return Status::Ok();
  }));
  for (model::Entity& e : version.entities) merged.insert_or_assign(e.id, std::move(e));
  for (const std::string& record_id : meta.deleted) {
    if (merged.erase(version.source + ":" + record_id) == 0) {
      sink.Report({.severity = ingest::Diagnostic::Severity::kWarning,
                   .file = file,
                   .record_id = record_id,
                   .message = "DEL of an entity the previous version does not hold"});
    }
  }
  version.entities.clear();
  for (auto& [id, e] : merged) version.entities.push_back(std::move(e));
  // The version's digest is its input's; a delta's input is the delta and what it applies to.
  version.sha256 = Sha256Hex(previous->back().sha256 + "+" + version.sha256);
  return Status::Ok();
}

}  // namespace

Result<IngestReport> IngestFiles(Store& store, std::span<const ingest::InputFile> files,
                                 const IngestOptions& options) {
  if (files.empty()) return InvalidArgumentError("no files to ingest");
  ASSIGN_OR_RETURN(std::vector<ingest::PlannedDocument> plan,
                   ingest::PlanDocuments(files, options.format));
  if (!options.source.empty() && plan.size() > 1) {
    return InvalidArgumentError("--source names one source, but the files form " +
                                std::to_string(plan.size()) + " list documents");
  }
  const std::string retrieved = options.retrieved.empty() ? NowIso() : options.retrieved;

  IngestReport report;
  std::vector<NewVersion> versions;
  for (ingest::PlannedDocument& doc : plan) {
    std::unique_ptr<ingest::ListParser> parser = ingest::MakeParser(doc.format);
    if (!parser) return InternalError("no parser for format " + doc.format);
    NewVersion version;
    version.source = options.source.empty() ? doc.source : options.source;
    version.format = doc.format;
    version.retrieved = retrieved;
    // Companions in a fixed order so the same set of files always hashes the same.
    std::sort(doc.document.companions.begin(), doc.document.companions.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string digests = Sha256Hex(doc.document.main.bytes);
    version.files.push_back(doc.document.main.name);
    for (const auto& [role, file] : doc.document.companions) {
      digests += role + ":" + Sha256Hex(file.bytes);
      version.files.push_back(file.name);
    }
    version.sha256 =
        doc.document.companions.empty() ? Sha256Hex(doc.document.main.bytes) : Sha256Hex(digests);
    ingest::CollectingDiagnosticSink sink;
    Result<ingest::ListMetadata> meta = parser->Parse(
        doc.document, version.source,
        [&](model::Entity&& e) { version.entities.push_back(std::move(e)); }, &sink);
    if (!meta.ok()) {
      return Status(meta.status().code(),
                    meta.status().message().rfind(doc.document.main.name, 0) == 0
                        ? meta.status().message()
                        : doc.document.main.name + ": " + meta.status().message());
    }
    version.published = meta->published;
    if (meta->delta) {
      RETURN_IF_ERROR(ApplyDelta(store, *meta, doc.document.main.name, version, sink));
    }
    version.diagnostics = sink.diagnostics();
    DocumentReport doc_report;
    doc_report.source = version.source;
    doc_report.format = version.format;
    doc_report.files = version.files;
    doc_report.diagnostics = sink.diagnostics();
    report.documents.push_back(std::move(doc_report));
    versions.push_back(std::move(version));
  }
  ASSIGN_OR_RETURN(std::vector<AddResult> results, store.AddVersions(std::move(versions)));
  for (size_t i = 0; i < results.size(); ++i) report.documents[i].result = std::move(results[i]);
  return report;
}

}  // namespace cordon::store
