// store/store.h: every version of every list, in one SQLite file.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<Store> store, Store::Open("cordon.db", OpenMode::kCreate));
//   ASSIGN_OR_RETURN(VersionInfo v, store->AddVersion(std::move(new_version)));
//   ASSIGN_OR_RETURN(std::vector<SourceInfo> sources, store->ListSources());
//   ASSIGN_OR_RETURN(Delta delta, store->GetDelta("un_sc", 0, 0));  // latest vs previous
//
// A source ("us_ofac_sdn", "un_sc", ...) has numbered versions 1, 2, ...; the newest is the
// current one. Entities are stored content-addressed (one JSON blob per distinct record, keyed
// by its SHA-256), so an unchanged record costs one row per version, not a copy. Each version
// records its delta against the previous one: which entities were added, removed or changed,
// and for a change, which fields.
//
// Every write is one SQLite transaction: on any failure nothing changes and the previous
// version stays current. Readers in other processes see either the old or the new version.
// Nothing is written to a file that fails SQLite's quick integrity check.
//
// The file (cordon.db) is shared with the API keys; store/sqlite.h owns it: the schema version
// (PRAGMA user_version, now 2), how an older file is migrated (when opened for writing, never
// when opened read-only) and the open modes. Commands that only read open with
// OpenMode::kReadOnly, so a read-only store can be read and a mistyped --db is an error rather
// than a new empty store.
//
// Thread safety: a Store is used by one thread at a time; open one per thread or process.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "ingest/diagnostics.h"
#include "model/entity.h"
#include "store/sqlite.h"

namespace cordon::store {

struct VersionInfo {
  std::string source;
  int64_t number = 0;     // 1, 2, ... within the source
  std::string format;     // parser that read it
  std::string published;  // the list's own date ("2026-02-27"), "" if it has none
  std::string retrieved;  // when cordon read it, ISO 8601 UTC
  std::string sha256;     // of the input bytes (files in order, each digest hashed together)
  std::vector<std::string> files;  // input file names
  int64_t entity_count = 0;
  int64_t added = 0;
  int64_t removed = 0;
  int64_t changed = 0;
  int64_t warnings = 0;
  int64_t errors = 0;
};

// The date a version is in force from: the date part of its list date, else of its retrieval
// ("2026-02-27").
std::string EffectiveDate(const VersionInfo& version);

struct SourceInfo {
  std::string name;
  VersionInfo current;  // the newest version
  int64_t version_count = 0;
};

struct EntityChange {
  enum class Kind { kAdded, kRemoved, kChanged };
  Kind kind = Kind::kAdded;
  std::string entity_id;
  std::string caption;
  std::vector<std::string> fields;  // changed top-level fields ("names", "sanctions", ...)
};
// "added", "removed", "changed": how the store, `cordon diff` and the API name a change.
std::string_view ChangeKindName(EntityChange::Kind kind);

struct Delta {
  std::string source;
  int64_t from_version = 0;  // 0: the empty list before version 1
  int64_t to_version = 0;
  std::vector<EntityChange> changes;  // sorted by entity id
};

// What AddVersion stores: the parse of one list document.
struct NewVersion {
  std::string source;
  std::string format;
  std::string published;
  std::string retrieved;
  std::string sha256;
  std::vector<std::string> files;
  std::vector<model::Entity> entities;
  std::vector<ingest::Diagnostic> diagnostics;
};

struct AddResult {
  VersionInfo version;     // the new version, or the current one when unchanged
  bool unchanged = false;  // true: identical input to the current version, nothing written
};

class Store {
 public:
  // Opens the store at `path` as `mode` says (store/sqlite.h; ":memory:" for a private
  // in-memory store). NotFound naming the path if it does not exist and `mode` is not kCreate;
  // IoError if the file cannot be opened; Corruption if it is not a cordon store;
  // FailedPrecondition if its schema is newer than this build's, or if it is opened read-only
  // and holds no lists (a file of an old cordon with only API keys).
  static Result<std::unique_ptr<Store>> Open(const std::string& path, OpenMode mode);
  // Open(path, OpenMode::kCreate): opens or creates.
  static Result<std::unique_ptr<Store>> Open(const std::string& path) {
    return Open(path, OpenMode::kCreate);
  }
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Stores `version` as the next version of its source, with its delta, in one transaction.
  // Unchanged (no write) when `version.sha256` equals the current version's. InvalidArgument
  // if two entities share an id or an entity's provenance names another source; Corruption
  // (nothing written) if the file fails SQLite's quick_check, which runs before the first write
  // and reads the whole file (not when every version is unchanged); FailedPrecondition if the
  // store was opened read-only.
  Result<AddResult> AddVersion(NewVersion version);

  // Stores several versions (of different sources) in one transaction: all or none. Errors as
  // AddVersion.
  Result<std::vector<AddResult>> AddVersions(std::vector<NewVersion> versions);

  Result<std::vector<SourceInfo>> ListSources();
  // Versions of `source`, oldest first. NotFound if the source has none.
  Result<std::vector<VersionInfo>> ListVersions(const std::string& source);

  // Delta from version `from` to version `to` of `source`. With both 0: the latest version
  // against its predecessor. `from` may be 0 (everything in `to` is added).
  // NotFound for an unknown source or version.
  Result<Delta> GetDelta(const std::string& source, int64_t from, int64_t to);

  // The entity `id` ("un_sc:6907993") in the current version of its source, or in version
  // `version` when given. NotFound when absent.
  Result<model::Entity> GetEntity(const std::string& id, std::optional<int64_t> version = {});

  // Versions of the entity's source in which `id` was added, changed or removed.
  Result<std::vector<std::pair<int64_t, EntityChange>>> EntityHistory(const std::string& id);

  // Diagnostics recorded with a version.
  Result<std::vector<ingest::Diagnostic>> VersionDiagnostics(const std::string& source,
                                                             int64_t version);

  // Calls `fn` for every entity of every source's current version. Stops with fn's error.
  Status ForEachCurrentEntity(const std::function<Status(const model::Entity&)>& fn);

  // Calls `fn` for every entity of the version of each source that was current on `date`
  // ("YYYY-MM-DD"): the highest-numbered version whose effective date is <= `date`. A
  // version's effective date is the date part of its list date (`published`) when the list
  // has one, else of `retrieved`. Sources with no such version are skipped (they did not
  // exist yet). An empty `date` means the current versions, as ForEachCurrentEntity.
  // InvalidArgument if `date` is not of the form YYYY-MM-DD; stops with fn's error.
  Status ForEachEntityAsOf(const std::string& date,
                           const std::function<Status(const model::Entity&)>& fn);

  // The version of each source that ForEachEntityAsOf(date) reads, by source name; the current
  // versions when `date` is empty. InvalidArgument as for ForEachEntityAsOf.
  Result<std::vector<VersionInfo>> VersionsAsOf(const std::string& date);

 private:
  explicit Store(std::unique_ptr<Database> database)
      : database_(std::move(database)), db_(database_->handle()) {}
  Status Exec(const char* sql) { return database_->Exec(sql); }
  // `checked`: whether CheckBeforeWriting already passed in this transaction.
  Result<AddResult> AddVersionInTransaction(NewVersion& version, bool& checked);
  // Database::QuickCheck once per transaction, before its first write; sets `checked`.
  Status CheckBeforeWriting(bool& checked);
  Result<std::vector<std::pair<std::string, std::string>>> VersionDigests(int64_t version_row);
  Result<int64_t> VersionRow(const std::string& source, int64_t number);
  Result<std::string> BlobJson(const std::string& digest);

  std::unique_ptr<Database> database_;
  sqlite3* db_;  // database_'s connection
};

}  // namespace cordon::store
