// service/audit_writer.h: the audit log written off the request path.
//
//   AuditWriter writer(std::move(log));
//   RETURN_IF_ERROR(writer.Submit(entry));  // queued in order; written by the writer thread
//   ...
//   RETURN_IF_ERROR(writer.Flush());  // everything submitted so far is in the file
//
// A write(2) to a file can block for a long time when the kernel is writing the same page back
// (measured: over a second on this machine's ext4 under 8,000 records/s), and AuditLog holds its
// lock across the write, so appending from request threads made every request wait on the disk.
// Requests now serialise their record on their own thread and queue it; one thread appends
// the queue in submission order, so the chain is the order requests were answered in. A record
// is queued before its response is sent; records still queued when the process dies are lost,
// which a crash would also do to a record whose response was being written.
//
// Once an append fails, every later Submit returns that error, so the server refuses screening
// requests rather than answer them unrecorded. When the disk falls behind by more than
// `max_queued` records, Submit waits for it: the disk slows requests down rather than memory
// growing without bound.
//
// Thread safety: Submit and Flush from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/status.h"
#include "service/audit_log.h"

namespace cordon::service {

class AuditWriter {
 public:
  explicit AuditWriter(std::unique_ptr<AuditLog> log, size_t max_queued = 100000);
  ~AuditWriter();  // writes what is queued, then stops
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  // Queues `entry` (serialised here, on the caller's thread). The first append error, once
  // one has happened.
  Status Submit(const AuditEntry& entry);
  // Waits until every entry submitted before the call is written; the first append error.
  Status Flush();

 private:
  void Run();

  std::unique_ptr<AuditLog> log_;
  const size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable work_;     // the writer waits for entries
  std::condition_variable written_;  // Flush and full queues wait for the writer
  std::deque<std::string> queue_;    // serialised payloads, oldest first
  uint64_t submitted_ = 0;           // entries queued so far
  uint64_t done_ = 0;                // entries appended (or dropped after a failure)
  Status failure_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cordon::service
