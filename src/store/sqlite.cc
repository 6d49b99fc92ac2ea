#include "store/sqlite.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace cordon::store {
namespace {

// Version 1: the list store (store/store.h, docs/design/store.md).
constexpr const char* kListTables = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions(
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  number INTEGER NOT NULL,
  format TEXT NOT NULL,
  published TEXT NOT NULL,
  retrieved TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  files TEXT NOT NULL,
  entity_count INTEGER NOT NULL,
  added INTEGER NOT NULL,
  removed INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  UNIQUE(source, number));
CREATE TABLE IF NOT EXISTS blobs(digest TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS version_entities(
  version_id INTEGER NOT NULL,
  entity_id TEXT NOT NULL,
  digest TEXT NOT NULL,
  schema TEXT NOT NULL,
  caption TEXT NOT NULL,
  PRIMARY KEY(version_id, entity_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changes(
  version_id INTEGER NOT NULL,
  entity_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  caption TEXT NOT NULL,
  fields TEXT NOT NULL,
  PRIMARY KEY(version_id, entity_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS changes_by_entity ON changes(entity_id);
CREATE TABLE IF NOT EXISTS diagnostics(
  version_id INTEGER NOT NULL,
  severity TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  record_id TEXT NOT NULL,
  message TEXT NOT NULL);
)sql";

// Version 2: the API keys of `cordon serve` (service/api_keys.h), only as SHA-256 digests.
// The partial unique index makes "one current key per name" hold across processes: two
// concurrent `cordon keys add` of one name cannot both succeed.
constexpr const char* kApiKeyTables = R"sql(
CREATE TABLE IF NOT EXISTS api_keys (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created TEXT NOT NULL,
  revoked TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS api_keys_current_name ON api_keys(name) WHERE revoked IS NULL;
)sql";

// Version 3: monitoring (monitor/monitor.h, docs/design/monitoring.md). A book's customers are
// kept as intervals of book versions (last_version NULL: current), so a version that changes
// one customer writes one row. book_matches and book_entities are the book's last screening:
// its matches and the state of every entity it was computed on, which the next re-screening
// starts from.
constexpr const char* kMonitorTables = R"sql(
CREATE TABLE IF NOT EXISTS books(
  name TEXT PRIMARY KEY,
  created TEXT NOT NULL,
  threshold REAL NOT NULL,
  version INTEGER NOT NULL,
  screened_version INTEGER NOT NULL,
  screened_lists TEXT NOT NULL,
  screened_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS book_versions(
  book TEXT NOT NULL,
  number INTEGER NOT NULL,
  loaded TEXT NOT NULL,
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  customers INTEGER NOT NULL,
  added INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  removed INTEGER NOT NULL,
  PRIMARY KEY(book, number)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS book_customers(
  book TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  first_version INTEGER NOT NULL,
  last_version INTEGER,
  digest TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY(book, customer_id, first_version));
CREATE INDEX IF NOT EXISTS book_customers_current ON book_customers(book, customer_id)
  WHERE last_version IS NULL;
CREATE TABLE IF NOT EXISTS book_matches(
  book TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  score REAL NOT NULL,
  listing TEXT NOT NULL,
  match_json TEXT NOT NULL,
  explanation TEXT NOT NULL,
  PRIMARY KEY(book, customer_id, entity_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS book_entities(
  book TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY(book, entity_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alerts(
  id INTEGER PRIMARY KEY,
  book TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  score REAL,
  previous_score REAL,
  explanation TEXT NOT NULL,
  versions TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  customer_digest TEXT NOT NULL,
  entity_state TEXT NOT NULL,
  decision TEXT,
  reason TEXT,
  decided_by TEXT,
  decided_at TEXT);
CREATE INDEX IF NOT EXISTS alerts_by_book ON alerts(book, status);
CREATE TABLE IF NOT EXISTS suppressions(
  book TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  customer_digest TEXT NOT NULL,
  entity_state TEXT NOT NULL,
  alert_id INTEGER NOT NULL,
  PRIMARY KEY(book, customer_id, entity_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS webhooks(
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  created TEXT NOT NULL,
  removed TEXT);
CREATE TABLE IF NOT EXISTS deliveries(
  alert_id INTEGER NOT NULL,
  webhook_id INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  delivered TEXT,
  next_attempt TEXT NOT NULL,
  last_error TEXT NOT NULL,
  PRIMARY KEY(alert_id, webhook_id)) WITHOUT ROWID;
)sql";

// kMigrations[i] takes a file from version i to version i + 1.
constexpr const char* kMigrations[] = {kListTables, kApiKeyTables, kMonitorTables};
static_assert(std::size(kMigrations) == kSchemaVersion);

bool IsCorruptionCode(int rc) {
  const int primary = rc & 0xFF;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

// SQLite's "file:" URI for `path`, with the characters a URI gives meaning to escaped.
std::string FileUri(const std::string& path) {
  std::string uri = path.starts_with('/') ? "file://" : "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[static_cast<unsigned char>(c) >> 4];
      uri += kHex[static_cast<unsigned char>(c) & 0xF];
    } else {
      uri += c;
    }
  }
  return uri;
}

bool Exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 || errno != ENOENT;
}

Result<sqlite3*> OpenConnection(const std::string& name, int flags, const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return IoError(path + ": cannot open store: " + message);
  }
  sqlite3_busy_timeout(db, 10000);
  sqlite3_extended_result_codes(db, 1);
  return db;
}

}  // namespace

Statement::Statement(sqlite3* db, const char* sql) : db_(db) {
  const int rc = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    stmt_ = nullptr;
    Fail(rc, "prepare");
  }
}

bool Statement::Step() {
  if (stmt_ == nullptr || !status_.ok()) return false;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) Fail(rc, "step");
  return false;
}

void Statement::Fail(int rc, std::string_view what) {
  error_code_ = rc & 0xFF;
  std::string message = "SQL " + std::string(what) + " failed: " + sqlite3_errmsg(db_);
  if (IsCorruptionCode(rc)) {
    status_ = CorruptionError(std::move(message));
  } else if (what == "prepare") {
    status_ = InternalError(std::move(message));
  } else {
    status_ = IoError(std::move(message));
  }
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, OpenMode mode) {
  const bool memory = path == ":memory:";
  if (memory) mode = OpenMode::kCreate;
  if (mode != OpenMode::kCreate && !Exists(path)) {
    return NotFoundError("no store at " + path +
                         ": run `cordon load` or `cordon ingest` to create one, or give the "
                         "right --db");
  }
  const bool read_only = mode == OpenMode::kReadOnly;
  const int flags =
      read_only ? SQLITE_OPEN_READONLY
                : SQLITE_OPEN_READWRITE | (mode == OpenMode::kCreate ? SQLITE_OPEN_CREATE : 0);
  ASSIGN_OR_RETURN(sqlite3 * handle, OpenConnection(path, flags, path));
  // Private constructor: make_unique cannot reach it.
  std::unique_ptr<Database> db(new Database(handle, path, read_only));

  if (read_only) {
    Result<int> version = db->FileVersion();
    // A WAL file is read through its -shm index, which a reader creates beside the file. In a
    // read-only directory it cannot, and SQLite answers SQLITE_READONLY or SQLITE_CANTOPEN.
    // With no -wal file there is nothing but the main file to read, and no writer can be
    // writing one (it could not create the -wal either), so the file is read as immutable.
    const int code = sqlite3_errcode(db->db_) & 0xFF;
    if (!version.ok() && (code == SQLITE_READONLY || code == SQLITE_CANTOPEN) &&
        !Exists(path + "-wal")) {
      db.reset();
      ASSIGN_OR_RETURN(handle, OpenConnection(FileUri(path) + "?immutable=1",
                                              SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, path));
      db.reset(new Database(handle, path, read_only));
      version = db->FileVersion();
    }
    if (!version.ok()) return version.status();
    if (*version > kSchemaVersion) {
      return FailedPreconditionError(path + ": store schema version " + std::to_string(*version) +
                                     " is newer than this cordon reads (" +
                                     std::to_string(kSchemaVersion) + "): upgrade cordon");
    }
    db->schema_version_ = *version;
    return db;
  }

  // Nothing is written to a file that is not a cordon store, or is a newer one.
  ASSIGN_OR_RETURN(const int version, db->FileVersion());
  if (version > kSchemaVersion) {
    return FailedPreconditionError(path + ": store schema version " + std::to_string(version) +
                                   " is newer than this cordon writes (" +
                                   std::to_string(kSchemaVersion) + "): upgrade cordon");
  }
  // WAL lets readers (the service, another CLI) keep reading while an update is written. It is
  // a property of the file, set once; it cannot change inside a transaction.
  if (!memory) db->Exec("PRAGMA journal_mode=WAL").ok();
  RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys=ON"));
  RETURN_IF_ERROR(db->Migrate());
  return db;
}

Database::~Database() { sqlite3_close(db_); }

Status Database::Exec(const char* sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = "SQL failed: " + std::string(error ? error : sqlite3_errstr(rc));
    sqlite3_free(error);
    return IsCorruptionCode(rc) ? CorruptionError(message) : IoError(message);
  }
  return Status::Ok();
}

Result<bool> Database::HasTable(std::string_view name) {
  Statement s(db_, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?");
  s.Bind(1, name);
  if (s.Step()) return true;
  RETURN_IF_ERROR(s.status());
  return false;
}

// The file's schema version, including files from before user_version was used.
Result<int> Database::FileVersion() {
  Statement user_version(db_, "PRAGMA user_version");
  int64_t version = 0;
  if (user_version.Step()) version = user_version.Int(0);
  if (!user_version.status().ok()) {
    if (user_version.error_code() == SQLITE_NOTADB) {
      return CorruptionError(path_ + ": not a cordon store (not an SQLite database)");
    }
    return user_version.status().WithContext(path_);
  }
  if (version != 0) return static_cast<int>(version);

  // user_version 0: a new file, a version-1 store, a file of only API keys, or something else.
  Statement tables(db_, "SELECT name FROM sqlite_master WHERE type='table'");
  bool has_meta = false;
  bool has_other = false;
  while (tables.Step()) {
    const std::string name = tables.Text(0);
    if (name == "meta") {
      has_meta = true;
    } else if (name != "api_keys" && !name.starts_with("sqlite_")) {
      has_other = true;
    }
  }
  RETURN_IF_ERROR(tables.status().WithContext(path_));
  if (!has_meta) {
    if (has_other) return CorruptionError(path_ + ": an SQLite database, but not a cordon store");
    return 0;
  }
  Statement meta(db_, "SELECT value FROM meta WHERE key='schema_version'");
  if (!meta.Step()) {
    RETURN_IF_ERROR(meta.status().WithContext(path_));
    return CorruptionError(path_ + ": not a cordon store (meta has no schema_version)");
  }
  if (meta.Text(0) != "1") {
    return FailedPreconditionError(path_ + ": store schema version " + meta.Text(0) +
                                   " is not supported (want " + std::to_string(kSchemaVersion) +
                                   ")");
  }
  return 1;
}

Status Database::Migrate() {
  ASSIGN_OR_RETURN(int version, FileVersion());
  if (version == kSchemaVersion) {
    schema_version_ = version;
    return Status::Ok();
  }
  // BEGIN IMMEDIATE takes the write lock first, so two processes opening an old file at once
  // migrate it once: the second sees the first's version when it reads it again.
  RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE").WithContext(path_));
  Status migrated = [&]() -> Status {
    ASSIGN_OR_RETURN(version, FileVersion());
    if (version > kSchemaVersion) {
      return FailedPreconditionError("store schema version " + std::to_string(version) +
                                     " is newer than this cordon writes: upgrade cordon");
    }
    for (int step = version; step < kSchemaVersion; ++step) {
      RETURN_IF_ERROR(Exec(kMigrations[step]));
    }
    RETURN_IF_ERROR(Exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str()));
    Statement meta(db_, "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', ?)");
    meta.Bind(1, std::to_string(kSchemaVersion));
    RETURN_IF_ERROR(meta.Run());
    return Exec("COMMIT");
  }();
  if (!migrated.ok()) {
    Exec("ROLLBACK").ok();
    return migrated.WithContext(path_ + ": migrating the store to schema version " +
                                std::to_string(kSchemaVersion));
  }
  schema_version_ = kSchemaVersion;
  return Status::Ok();
}

Status Database::QuickCheck() {
  Statement check(db_, "PRAGMA quick_check(5)");
  std::string findings;
  while (check.Step()) {
    const std::string row = check.Text(0);
    if (row == "ok") continue;
    findings += findings.empty() ? "" : "; ";
    findings += row;
  }
  if (!check.status().ok()) {
    findings += findings.empty() ? "" : "; ";
    findings += check.status().message();
  }
  if (findings.empty()) return Status::Ok();
  return CorruptionError(path_ + ": fails SQLite's integrity check: " + findings);
}

}  // namespace cordon::store
