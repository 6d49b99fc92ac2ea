// update/updater.h: bring every source up to date from its official URL, or from the
// bundled copies.
//
//   ASSIGN_OR_RETURN(SourceCatalog catalog, LoadSourceCatalog(path));
//   std::vector<SourceOutcome> outcomes = UpdateFromUrls(*store, catalog, {});
//   std::vector<SourceOutcome> loaded = LoadBundled(*store, catalog, {});
//
// Each source is fetched whole (all its files) and then ingested in its own transaction, so
// a source whose download or parse fails keeps its previous version current while the others
// update. An identical download is a no-op (same SHA-256).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "store/ingest_files.h"
#include "store/store.h"
#include "update/downloader.h"
#include "update/sources.h"

namespace cordon::update {

struct SourceOutcome {
  std::string source;
  Status status;                 // OK, or why this source kept its previous version
  store::DocumentReport report;  // valid when status is OK
  bool skipped = false;          // nothing was done for this source: see skip_reason
  std::string skip_reason;       // "no bundled copy", "already in the store: ..."
};

struct UpdateOptions {
  std::vector<std::string> only;  // source names; empty for all
  DownloadOptions download;
};

std::vector<SourceOutcome> UpdateFromUrls(store::Store& store, const SourceCatalog& catalog,
                                          const UpdateOptions& options);

// Ingests every bundled version of every source, oldest first, so a fresh store gets the
// shipped history. A source the store already holds is skipped: loading its older bundled
// versions again would make them current again (and a later download would be replaced by
// the bundled copy); `UpdateFromUrls` is what brings a loaded source up to date.
std::vector<SourceOutcome> LoadBundled(store::Store& store, const SourceCatalog& catalog,
                                       const UpdateOptions& options);

}  // namespace cordon::update
