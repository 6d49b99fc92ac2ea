// service/audit_writer.h: the audit log written off the request path, with group commit.
//
//   AuditWriter writer(std::move(log));
//   RETURN_IF_ERROR(writer.Submit(entry));  // returns once the record is in the file
//   if (!writer.Healthy()) ...             // /readyz: the last append failed
//
// A write(2) to a file can block for a long time when the kernel is writing the same page back
// (measured: over a second on this machine's ext4 under 8,000 records/s), and AuditLog holds its
// lock across the write, so appending from request threads made every request wait on each
// other's writes. Requests serialise their record on their own thread and queue it; one thread
// appends what is queued, in submission order, so the chain is the order requests were
// answered in, and wakes every submitter of the batch at once (group commit).
//
// Submit returns only once its record is written (it reached the kernel: see AuditLog's
// durability note), so the server never sends an answer whose record is still queued: an
// answer without its record is a request the log cannot account for.
//
// When an append fails (a full disk), that record's Submit and those of the records queued
// behind it return the error, and so does every Submit from then on, at once, without queueing:
// the server refuses screening rather than answer unrecorded. Healthy() turns false. The
// writer retries by itself every `retry_interval`, appending a record that says how many
// requests were refused and since when; once that append succeeds the writer is healthy again
// and Submit writes as before. Failure and recovery are each logged once, not per request.
//
// When the disk falls behind by more than `max_queued` records, Submit waits for room: the
// disk slows requests down rather than memory growing without bound.
//
// Thread safety: Submit, Flush and Healthy from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/status.h"
#include "service/audit_log.h"

namespace cordon::service {

class AuditWriter {
 public:
  struct Options {
    size_t max_queued = 100000;
    // How often a failed log is retried (with the record of the refusals).
    std::chrono::milliseconds retry_interval{1000};
    // Tests: called before each append; an error stands for the append's (a full disk).
    std::function<Status()> fault_for_testing = nullptr;
  };

  explicit AuditWriter(std::unique_ptr<AuditLog> log) : AuditWriter(std::move(log), Options()) {}
  AuditWriter(std::unique_ptr<AuditLog> log, size_t max_queued)
      : AuditWriter(std::move(log), Options{.max_queued = max_queued}) {}
  AuditWriter(std::unique_ptr<AuditLog> log, Options options);
  ~AuditWriter();  // writes what is queued, then stops
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  // Serialises `entry` (on the caller's thread), queues it and waits until it is appended.
  // OK once the record is in the file; the append's error if it failed; while the log is
  // failed (Healthy() false), the first error at once, and nothing is written.
  Status Submit(const AuditEntry& entry);
  // Waits until every entry submitted before the call is written or refused; the current
  // failure, OK while healthy.
  Status Flush();
  // False from a failed append until a retry succeeds.
  bool Healthy() const;

 private:
  struct Pending {
    std::string payload;
    Status result;
    bool done = false;
  };
  void Run();
  // REQUIRES: mutex_ held, which it releases and takes again around the append.
  void Retry(std::unique_lock<std::mutex>& lock);
  Status Append(std::string_view payload);

  std::unique_ptr<AuditLog> log_;
  const Options options_;
  mutable std::mutex mutex_;
  std::condition_variable work_;     // the writer waits for entries (or the retry time)
  std::condition_variable written_;  // submitters wait for their record and for room
  std::deque<Pending*> queue_;       // submitters' records, oldest first
  uint64_t submitted_ = 0;           // entries queued so far
  uint64_t done_ = 0;                // entries appended or refused
  Status failure_;                   // the first error of the current failure; OK when healthy
  std::chrono::system_clock::time_point failed_since_;
  uint64_t refused_ = 0;  // Submits refused during the current failure
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cordon::service
