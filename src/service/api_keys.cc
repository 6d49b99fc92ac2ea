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

using store::Statement;

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

Result<std::unique_ptr<ApiKeys>> ApiKeys::Open(const std::string& db_path, store::OpenMode mode) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Database> database, store::Database::Open(db_path, mode));
  bool has_table = true;
  if (database->schema_version() < 2) {  // only when read-only: writing opens migrate
    ASSIGN_OR_RETURN(has_table, database->HasTable("api_keys"));
  }
  // Private constructor: make_unique cannot reach it.
  return std::unique_ptr<ApiKeys>(new ApiKeys(std::move(database), has_table));
}

ApiKeys::~ApiKeys() = default;

Status ApiKeys::CheckWritable() const {
  if (database_->read_only()) {
    return FailedPreconditionError(database_->path() + ": opened read-only");
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

  RETURN_IF_ERROR(CheckWritable());
  std::lock_guard<std::mutex> lock(mutex_);
  Statement insert(database_->handle(),
                   "INSERT INTO api_keys(name, sha256, prefix, created) VALUES(?, ?, ?, ?)");
  insert.Bind(1, name);
  insert.Bind(2, Sha256Hex(key));
  insert.Bind(3, key.substr(0, kShownPrefixLength));
  insert.Bind(4, UtcNow());
  insert.Step();
  if (insert.error_code() == SQLITE_CONSTRAINT) {
    return Status(StatusCode::kAlreadyExists,
                  "key name '" + name + "' already has a current key (revoke it first)");
  }
  RETURN_IF_ERROR(insert.status().WithContext("api keys"));
  return key;
}

Status ApiKeys::Revoke(const std::string& name) {
  RETURN_IF_ERROR(CheckWritable());
  std::lock_guard<std::mutex> lock(mutex_);
  Statement update(database_->handle(),
                   "UPDATE api_keys SET revoked=? WHERE name=? AND revoked IS NULL");
  update.Bind(1, UtcNow());
  update.Bind(2, name);
  RETURN_IF_ERROR(update.Run().WithContext("api keys"));
  if (sqlite3_changes(database_->handle()) == 0)
    return NotFoundError("no current key named '" + name + "'");
  return Status::Ok();
}

Result<std::vector<ApiKeyInfo>> ApiKeys::List() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<ApiKeyInfo> out;
  if (!has_table_) return out;
  Statement select(database_->handle(),
                   "SELECT name, created, prefix, revoked FROM api_keys ORDER BY id");
  while (select.Step()) {
    out.push_back({.name = select.Text(0),
                   .created = select.Text(1),
                   .prefix = select.Text(2),
                   .revoked = !select.IsNull(3)});
  }
  RETURN_IF_ERROR(select.status().WithContext("api keys"));
  return out;
}

Result<std::shared_ptr<const KeyTable>> ApiKeys::LoadTable() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<KeyTable::Entry> entries;
  if (!has_table_) return std::shared_ptr<const KeyTable>(std::make_shared<KeyTable>());
  Statement select(database_->handle(),
                   "SELECT name, sha256 FROM api_keys WHERE revoked IS NULL ORDER BY id");
  while (select.Step()) {
    std::optional<KeyTable::Digest> digest = DigestFromHex(select.Text(1));
    if (!digest) {
      return CorruptionError(database_->path() + ": api key '" + select.Text(0) +
                             "' has a malformed SHA-256 '" + select.Text(1) + "'");
    }
    entries.push_back({.sha256 = *digest, .name = select.Text(0)});
  }
  RETURN_IF_ERROR(select.status().WithContext("api keys"));
  return std::shared_ptr<const KeyTable>(std::make_shared<KeyTable>(std::move(entries)));
}

}  // namespace cordon::service
