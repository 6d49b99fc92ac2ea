// service/audit_log.h: the append-only, hash-chained audit log of screening requests.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<AuditLog> log, AuditLog::Open("cordon-audit.log"));
//   RETURN_IF_ERROR(log->Append({.key_name = "ops", .endpoint = "/match/default", ...}));
//   ASSIGN_OR_RETURN(AuditVerification v, VerifyAuditLog("cordon-audit.log"));
//
// Format: one JSON object per line ("JSON lines"), members in this order:
//   {"seq":1,"time":"2026-11-29T12:00:00.123Z","key":"ops","endpoint":"/match/default",
//    "dataset":"default","request":{...},"versions":[...],"results":{...},
//    "prev":"<64 hex>","hash":"<64 hex>"}
// seq runs 1, 2, ... with no gap; time is UTC with milliseconds; prev is the hash of record
// seq-1, 64 zeros for the first record. The line is compact JSON (nlohmann's dump(): no
// whitespace, strings as UTF-8, invalid UTF-8 replaced by U+FFFD) ending in `"}` and a newline.
//
// The hash, exactly: SHA-256, as 64 lowercase hex digits, of the line's bytes with its final
// member removed. That is, a line ends with the 75 bytes `,"hash":"` + 64 hex + `"}`; the hash
// is over the bytes before them followed by one `}`:
//   export LC_ALL=C; line=$(sed -n 17p audit.log)   # bytes, not characters
//   printf '%s}' "${line::${#line}-75}" | sha256sum   # equals ${line: -66:64}
// Those bytes are the record's compact JSON without "hash", as AuditLog serialised it; hashing
// the bytes rather than a re-serialisation means any verifier agrees without a JSON canonical
// form, and any change to a line shows. Because the hash covers `prev`, each record commits to
// every record before it.
//
// A chain alone cannot show that records were cut off its end, so the writer also keeps
// `<path>.head`, "<seq> <hash>\n" of the last record, rewritten after every append. A log whose
// last record is one past the head is accepted (a crash between the two writes).
//
// What this proves: that the log was not edited, reordered, cut or extended except by appending
// through AuditLog. It cannot stop someone able to write the files from recomputing the whole
// chain and the head; to detect that, copy the head hash (`cordon audit verify` prints it)
// somewhere they cannot write.
//
// Durability: records reach the kernel on return from Append (a process crash loses nothing);
// there is no fsync per record, so an OS crash can lose the last ones.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/status.h"

namespace cordon::service {

struct AuditEntry {
  std::string key_name;  // the API key's name, "" without authentication
  std::string endpoint;  // "/match/default"
  std::string dataset;
  nlohmann::ordered_json request;
  nlohmann::ordered_json versions;
  nlohmann::ordered_json results;
};

// The writer of one audit log file.
//
// Thread safety: Append and records() may be called from any number of threads; records are
// numbered in the order they are written. One AuditLog per file: Open takes an exclusive
// flock on the log, so a second writer (in this or another process) is refused.
class AuditLog {
 public:
  // Opens or creates `path` (and `<path>.head`) and continues the chain from the last record.
  // Only the tail is read (the last two records and the head), so opening a long log is cheap;
  // VerifyAuditLog checks the rest.
  // Corruption naming the file and line if the log's tail does not verify (a damaged last
  // record, a missing or disagreeing head file): the server must then refuse to start, and
  // `cordon audit verify` says more. FailedPrecondition if another AuditLog has the file open;
  // IoError if a file cannot be opened or read.
  static Result<std::unique_ptr<AuditLog>> Open(const std::string& path);

  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Appends one record, stamped with the next seq and the current time. One write(2) on an
  // O_APPEND descriptor, so a record is never interleaved with another. IoError if the write
  // fails; the log is then cut back to its previous end, so the chain stays valid.
  Status Append(const AuditEntry& entry);

  // Append in two steps, so that callers can serialise on their own threads and append from
  // one: the entry's members as they appear in the record (",\"key\":...,\"results\":..."),
  // and the append of such a payload.
  static std::string SerializePayload(const AuditEntry& entry);
  Status AppendSerialized(std::string_view payload);

  // The records in the log (the last seq).
  int64_t records() const;

 private:
  AuditLog(std::string path, int fd, int head_fd, int64_t seq, std::string hash, int64_t size)
      : path_(std::move(path)),
        fd_(fd),
        head_fd_(head_fd),
        last_seq_(seq),
        last_hash_(std::move(hash)),
        size_(size) {}

  const std::string path_;
  const int fd_;       // the log, O_APPEND, flock'd
  const int head_fd_;  // <path>.head
  mutable std::mutex mutex_;
  int64_t last_seq_;       // guarded by mutex_
  std::string last_hash_;  // guarded by mutex_
  int64_t size_;           // guarded by mutex_: the log's length in bytes
};

struct AuditVerification {
  int64_t records = 0;
  std::string head_hash;  // the last record's hash; 64 zeros for an empty log
};

// Re-reads the whole log at `path` and its head file: every line parses and ends in its hash,
// seq runs 1..N with no gap, every prev equals the previous record's hash, every hash matches
// its content, and the log reaches the record named by `<path>.head`. Detects edited,
// inserted, reordered and deleted records. NotFound if `path` does not exist; otherwise any
// failure is Corruption naming file:line and what is wrong, e.g.
// "audit.log:17: record 17's hash does not match its content (edited?)".
Result<AuditVerification> VerifyAuditLog(const std::string& path);

}  // namespace cordon::service
