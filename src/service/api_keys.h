// service/api_keys.h: the API keys of `cordon serve`, stored only as SHA-256 digests.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<ApiKeys> keys, ApiKeys::Open("cordon.db", OpenMode::kCreate));
//   ASSIGN_OR_RETURN(std::string key, keys->Add("ops-team"));  // shown to the user once
//   ASSIGN_OR_RETURN(std::shared_ptr<const KeyTable> table, keys->LoadTable());
//   std::optional<std::string> who = table->Authenticate(key);  // "ops-team"
//
// Keys live in the table `api_keys` of the list store's SQLite file (cordon.db), next to the
// tables store::Store reads; store/sqlite.h owns the file, its schema (the table came with
// schema version 2) and its migration, and either may create the file first. A key is "ck_"
// followed by 32 random bytes in unpadded base64url (46 characters). Only its SHA-256 is stored,
// with a name, the creation time and the key's first 8 characters (so a person can tell keys apart
// in `cordon keys list`; 5 random characters are 30 of the key's 256 bits).
//
// Why plain SHA-256 and not a slow password KDF (bcrypt, Argon2): a KDF slows down guessing a
// low-entropy secret from its stolen hash. These keys are 256 uniformly random bits, so there is
// no dictionary to try and brute force is 2^256 work either way, while the server hashes the
// presented key on every request and a KDF would cost milliseconds of CPU each time.
//
// A name has at most one current key; revoking it keeps the row (marked revoked, for the record)
// and frees the name for a new key.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/sqlite.h"

namespace cordon::service {

struct ApiKeyInfo {
  std::string name;
  std::string created;  // ISO 8601 UTC, "2026-11-29T12:00:00Z"
  std::string prefix;   // the first 8 characters of the key ("ck_" + 5), to tell keys apart
  bool revoked = false;
};

// An immutable snapshot of the current keys, used by the server on every request.
//
// Thread safety: immutable once built; any number of threads may call Authenticate. Publish a
// new snapshot (shared_ptr<const KeyTable>) to pick up added or revoked keys.
class KeyTable {
 public:
  using Digest = std::array<unsigned char, 32>;
  struct Entry {
    Digest sha256;  // of the key's bytes
    std::string name;
  };

  KeyTable() = default;  // no keys: every Authenticate answers nullopt
  explicit KeyTable(std::vector<Entry> entries) : entries_(std::move(entries)) {}

  // The key's name if `key` is a current (not revoked) key, else nullopt. Hashes `key` and
  // compares the digest with every stored digest in constant time, without stopping at a match,
  // so the time taken says nothing about which stored digest (if any) shares bytes with it.
  std::optional<std::string> Authenticate(std::string_view key) const;

  size_t size() const { return entries_.size(); }

 private:
  std::vector<Entry> entries_;
};

// The key table of one SQLite file.
//
// Thread safety: all methods may be called from any thread (calls are serialised by a mutex).
// Several processes may use the same file: SQLite locks it, and a name's current key is unique
// by a database constraint, not by a check in this process.
class ApiKeys {
 public:
  // Opens the SQLite file at `db_path` as `mode` says (store/sqlite.h): kCreate creates and
  // migrates it, kReadWrite migrates an existing one, kReadOnly reads it as it is (a store from
  // before schema version 2 without the table reads as having no keys). NotFound naming the
  // path if it does not exist and `mode` is not kCreate; IoError if it cannot be opened;
  // Corruption if it is not an SQLite database or not a cordon store; FailedPrecondition if
  // its schema is newer than this build's.
  static Result<std::unique_ptr<ApiKeys>> Open(const std::string& db_path,
                                               store::OpenMode mode = store::OpenMode::kCreate);

  ~ApiKeys();
  ApiKeys(const ApiKeys&) = delete;
  ApiKeys& operator=(const ApiKeys&) = delete;

  // A new random key for `name`, stored as its SHA-256 hex. Returns the key: the only time it
  // is seen. InvalidArgument unless `name` is 1-64 characters of [A-Za-z0-9._-];
  // AlreadyExists if `name` already has a current key; IoError if the database fails;
  // FailedPrecondition if opened read-only.
  Result<std::string> Add(const std::string& name);

  // Revokes the current key of `name`. NotFound if `name` has no current key;
  // FailedPrecondition if opened read-only.
  Status Revoke(const std::string& name);

  // Every key ever added, revoked ones too, oldest first.
  Result<std::vector<ApiKeyInfo>> List();

  // A snapshot of the current (not revoked) keys.
  Result<std::shared_ptr<const KeyTable>> LoadTable();

 private:
  ApiKeys(std::unique_ptr<store::Database> database, bool has_table)
      : database_(std::move(database)), has_table_(has_table) {}
  Status CheckWritable() const;

  std::mutex mutex_;
  std::unique_ptr<store::Database> database_;
  // False only for a read-only open of a file from before the table (schema version 2).
  bool has_table_;
};

// Whether `name` is a valid key name: 1-64 characters of [A-Za-z0-9._-].
bool IsValidKeyName(std::string_view name);

}  // namespace cordon::service
