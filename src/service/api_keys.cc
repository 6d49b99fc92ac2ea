#include "service/api_keys.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sqlite3.h>

#include <chrono>
#include <ctime>

#include "base/sha256.h"

namespace cordon::service {
namespace {

constexpr std::string_view kKeyPrefix = "ck_";
constexpr size_t kKeyRandomBytes = 32;
constexpr size_t kShownPrefixLength = 8;

// The partial unique index makes "one current key per name" hold across processes: two
// concurrent `cordon keys add` of one name cannot both succeed.
constexpr const char* kSchema = R"sql(
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

// One prepared statement; errors are kept and reported by status().
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void Bind(int index, const std::string& text) {
    if (rc_ == SQLITE_OK) {
      rc_ = sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                              SQLITE_TRANSIENT);
    }
  }
  // True while a row is available.
  bool Step() {
    if (rc_ != SQLITE_OK && rc_ != SQLITE_ROW) return false;
    rc_ = sqlite3_step(stmt_);
    if (rc_ == SQLITE_ROW) return true;
    if (rc_ == SQLITE_DONE) rc_ = SQLITE_OK;
    return false;
  }
  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text ? reinterpret_cast<const char*>(text) : "";
  }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  // The primary result code of the last failure, SQLITE_OK if none.
  int error_code() const { return rc_ == SQLITE_ROW ? SQLITE_OK : (rc_ & 0xFF); }
  Status status() const {
    if (error_code() == SQLITE_OK) return Status::Ok();
    return IoError(std::string("api keys: SQL failed: ") + sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

std::string UtcNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string Base64UrlNoPadding(const unsigned char* bytes, size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(size));
  out.resize(static_cast<size_t>(written));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

std::optional<KeyTable::Digest> DigestFromHex(std::string_view hex) {
  KeyTable::Digest digest{};
  if (hex.size() != 2 * digest.size()) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t byte_idx = 0; byte_idx < digest.size(); ++byte_idx) {
    const int high = nibble(hex[2 * byte_idx]);
    const int low = nibble(hex[2 * byte_idx + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    digest[byte_idx] = static_cast<unsigned char>(high << 4 | low);
  }
  return digest;
}

}  // namespace

bool IsValidKeyName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> KeyTable::Authenticate(std::string_view key) const {
  Digest digest{};
  unsigned int length = 0;
  if (EVP_Digest(key.data(), key.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != digest.size()) {
    return std::nullopt;
  }
  // No early exit: every entry is compared, so the time depends only on the table's size.
  const Entry* found = nullptr;
  for (const Entry& entry : entries_) {
    const bool equal = CRYPTO_memcmp(entry.sha256.data(), digest.data(), digest.size()) == 0;
    if (equal) found = &entry;
  }
  if (found == nullptr) return std::nullopt;
  return found->name;
}

Result<std::unique_ptr<ApiKeys>> ApiKeys::Open(const std::string& db_path) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return IoError(db_path + ": cannot open: " + message);
  }
  // Private constructor: make_unique cannot reach it.
  std::unique_ptr<ApiKeys> keys(new ApiKeys(db, db_path));
  sqlite3_busy_timeout(db, 10000);
  // As store::Store does: WAL lets the server read while `cordon keys add` writes.
  if (db_path != ":memory:") keys->Exec("PRAGMA journal_mode=WAL").ok();
  Status schema = keys->Exec(kSchema);
  if (!schema.ok()) {
    if (sqlite3_errcode(db) == SQLITE_NOTADB) {
      return CorruptionError(db_path + ": not an SQLite database");
    }
    return schema.WithContext(db_path);
  }
  return keys;
}

ApiKeys::~ApiKeys() { sqlite3_close(db_); }

Status ApiKeys::Exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return IoError("api keys: SQL failed: " + message);
  }
  return Status::Ok();
}

Result<std::string> ApiKeys::Add(const std::string& name) {
  if (!IsValidKeyName(name)) {
    return InvalidArgumentError("key name '" + name +
                                "' is not 1-64 characters of letters, digits, '.', '_' or '-'");
  }
  unsigned char random[kKeyRandomBytes];
  if (RAND_bytes(random, sizeof random) != 1) {
    return InternalError("api keys: the random generator failed");
  }
  std::string key = std::string(kKeyPrefix) + Base64UrlNoPadding(random, sizeof random);
  OPENSSL_cleanse(random, sizeof random);

  std::lock_guard<std::mutex> lock(mutex_);
  Statement insert(db_, "INSERT INTO api_keys(name, sha256, prefix, created) VALUES(?, ?, ?, ?)");
  insert.Bind(1, name);
  insert.Bind(2, Sha256Hex(key));
  insert.Bind(3, key.substr(0, kShownPrefixLength));
  insert.Bind(4, UtcNow());
  insert.Step();
  if (insert.error_code() == SQLITE_CONSTRAINT) {
    return Status(StatusCode::kAlreadyExists,
                  "key name '" + name + "' already has a current key (revoke it first)");
  }
  RETURN_IF_ERROR(insert.status());
  return key;
}

Status ApiKeys::Revoke(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement update(db_, "UPDATE api_keys SET revoked=? WHERE name=? AND revoked IS NULL");
  update.Bind(1, UtcNow());
  update.Bind(2, name);
  update.Step();
  RETURN_IF_ERROR(update.status());
  if (sqlite3_changes(db_) == 0) return NotFoundError("no current key named '" + name + "'");
  return Status::Ok();
}

Result<std::vector<ApiKeyInfo>> ApiKeys::List() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<ApiKeyInfo> out;
  Statement select(db_, "SELECT name, created, prefix, revoked FROM api_keys ORDER BY id");
  while (select.Step()) {
    out.push_back({.name = select.Text(0),
                   .created = select.Text(1),
                   .prefix = select.Text(2),
                   .revoked = !select.IsNull(3)});
  }
  RETURN_IF_ERROR(select.status());
  return out;
}

Result<std::shared_ptr<const KeyTable>> ApiKeys::LoadTable() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<KeyTable::Entry> entries;
  Statement select(db_, "SELECT name, sha256 FROM api_keys WHERE revoked IS NULL ORDER BY id");
  while (select.Step()) {
    std::optional<KeyTable::Digest> digest = DigestFromHex(select.Text(1));
    if (!digest) {
      return CorruptionError(path_ + ": api key '" + select.Text(0) +
                             "' has a malformed SHA-256 '" + select.Text(1) + "'");
    }
    entries.push_back({.sha256 = *digest, .name = select.Text(0)});
  }
  RETURN_IF_ERROR(select.status());
  return std::shared_ptr<const KeyTable>(std::make_shared<KeyTable>(std::move(entries)));
}

}  // namespace cordon::service
