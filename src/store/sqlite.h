// store/sqlite.h: the one SQLite file cordon keeps (cordon.db): its connection, its schema and
// how an older file is migrated, and a prepared-statement wrapper. store::Store (the lists) and
// service::ApiKeys (the API keys) both reach the file through a Database.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open("cordon.db",
//   OpenMode::kReadOnly)); Statement s(db->handle(), "SELECT name FROM api_keys WHERE revoked IS
//   NULL"); while (s.Step()) names.push_back(s.Text(0)); RETURN_IF_ERROR(s.status());
//
// Schema. The file's version is PRAGMA user_version; this build writes kSchemaVersion (3):
//   1  the list tables (versions, blobs, version_entities, changes, diagnostics) and
//      meta(key, value). Version-1 files recorded their version only as meta.schema_version
//      = '1' and have user_version 0.
//   2  the api_keys table (service/api_keys.h). Before version 2, service::ApiKeys created it
//      itself, so a version-1 file may already hold it.
//   3  monitoring: books, their customers and versions, their last screening, alerts,
//      suppressions, webhooks and deliveries (monitor/monitor.h).
// Opening for writing (kReadWrite, kCreate) migrates an older file in one transaction: every
// step from the file's version up to kSchemaVersion runs (each is idempotent: CREATE ... IF NOT
// EXISTS), then user_version and meta.schema_version are set to kSchemaVersion. meta is kept in
// step so that a cordon built before version 2, which reads only meta, refuses a newer file
// instead of writing to it. Opening read-only never migrates: an older file is read as it is
// (readers check schema_version() for a table a step added). A file newer than kSchemaVersion
// is refused in every mode. A migration is a new step at the end of kMigrations in sqlite.cc;
// a step is never edited once released.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace cordon::store {

// The schema version this build reads and writes (see the file comment).
inline constexpr int kSchemaVersion = 3;

// How a command opens the file.
enum class OpenMode {
  // For commands that only read: SQLITE_OPEN_READONLY, no schema statement, no journal switch,
  // nothing written (a read-only file, or one in a read-only directory, can be read). The file
  // must exist.
  kReadOnly,
  // For commands that change an existing store: the file must exist; it is migrated.
  kReadWrite,
  // For commands that make a store (`cordon load`, `ingest`): the file is created if missing
  // and migrated.
  kCreate,
};

// One connection to the file.
//
// Thread safety: one thread at a time; open one per thread. Several connections and processes
// may use one file: SQLite locks it, and the file is in WAL mode so readers go on while a
// writer writes.
class Database {
 public:
  // Opens `path` (":memory:" for a private in-memory database, created whatever `mode` says).
  // NotFound naming the path if it does not exist and `mode` is not kCreate; IoError if it
  // cannot be opened; Corruption if it is not an SQLite file or is an SQLite file of something
  // else; FailedPrecondition if its schema is newer than this build's (or its meta table names a
  // version this build does not know).
  static Result<std::unique_ptr<Database>> Open(const std::string& path, OpenMode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // The connection, owned by this Database. Valid until it is destroyed.
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  bool read_only() const { return read_only_; }
  // The schema version of the file: kSchemaVersion when opened for writing; when read-only, the
  // file's own (1 for a version-1 store; 0 for a file of an old cordon that holds only API
  // keys).
  int schema_version() const { return schema_version_; }

  // Runs `sql` (statements that return no rows). IoError with SQLite's message on failure
  // (Corruption when SQLite reports the file damaged).
  Status Exec(const char* sql);

  // Whether the file has a table called `name`.
  Result<bool> HasTable(std::string_view name);

  // PRAGMA quick_check: OK when the file's pages and records are well formed; Corruption
  // naming the file and SQLite's first findings when not. Reads the whole file: O(file size).
  Status QuickCheck();

 private:
  Database(sqlite3* db, std::string path, bool read_only)
      : db_(db), path_(std::move(path)), read_only_(read_only) {}
  Status Migrate();
  Result<int> FileVersion();

  sqlite3* db_;
  std::string path_;
  bool read_only_;
  int schema_version_ = 0;
};

// A prepared statement that finalizes itself. Errors (preparing, stepping) are kept: Step then
// answers false and status() says why.
//
// Thread safety: as the connection it was prepared on.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql);
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // OK, or the first failure: IoError (Corruption when SQLite reports the file damaged).
  const Status& status() const { return status_; }
  // SQLite's primary result code of that failure (SQLITE_CONSTRAINT, ...); SQLITE_OK if none.
  int error_code() const { return error_code_; }

  // Parameters count from 1.
  void Bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void Bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void Bind(int index, double value) { sqlite3_bind_double(stmt_, index, value); }
  void BindNull(int index) { sqlite3_bind_null(stmt_, index); }

  // True while there is a row; false at the end or on error (then status() says why).
  bool Step();
  // Runs a statement that returns no rows.
  Status Run() {
    if (!status_.ok()) return status_;
    Step();
    return status_;
  }
  // Ready to run again with new parameters.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  // Columns of the current row, counting from 0.
  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  double Double(int column) const { return sqlite3_column_double(stmt_, column); }
  std::string Text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))) : "";
  }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  void Fail(int rc, std::string_view what);

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
  int error_code_ = SQLITE_OK;
};

}  // namespace cordon::store
