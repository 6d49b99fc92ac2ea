#include "service/audit_writer.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <iostream>
#include <utility>
#include <vector>

namespace cordon::service {

AuditWriter::AuditWriter(std::unique_ptr<AuditLog> log, Options options)
    : log_(std::move(log)), options_(std::move(options)) {
  thread_ = std::thread([this] { Run(); });
}

AuditWriter::~AuditWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  thread_.join();
}

Status AuditWriter::Submit(const AuditEntry& entry) {
  Pending pending;
  pending.payload = AuditLog::SerializePayload(entry);
  std::unique_lock lock(mutex_);
  const size_t max_queued = std::max<size_t>(options_.max_queued, 1);
  written_.wait(lock, [&] { return queue_.size() < max_queued || !failure_.ok(); });
  if (!failure_.ok()) {
    ++refused_;
    return failure_;
  }
  queue_.push_back(&pending);
  ++submitted_;
  work_.notify_one();
  // `pending` lives on this stack until the writer has set `done`, under the lock.
  written_.wait(lock, [&] { return pending.done; });
  return pending.result;
}

Status AuditWriter::Flush() {
  std::unique_lock lock(mutex_);
  const uint64_t target = submitted_;
  written_.wait(lock, [&] { return done_ >= target; });
  return failure_;
}

bool AuditWriter::Healthy() const {
  std::lock_guard lock(mutex_);
  return failure_.ok();
}

Status AuditWriter::Append(std::string_view payload) {
  if (options_.fault_for_testing) RETURN_IF_ERROR(options_.fault_for_testing());
  return log_->AppendSerialized(payload);
}

void AuditWriter::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    if (failure_.ok()) {
      work_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    } else {
      // Failed: nothing is queued (Submit refuses); wake to retry, or to stop.
      work_.wait_for(lock, options_.retry_interval, [this] { return stopping_; });
      if (stopping_) break;
      Retry(lock);
      continue;
    }
    if (queue_.empty()) break;  // stopping, and everything is written
    std::deque<Pending*> batch;
    batch.swap(queue_);
    written_.notify_all();  // room in the queue again
    // The submitters wait for `done`, so their payloads stay valid while unlocked.
    lock.unlock();
    size_t appended = 0;
    Status status;
    for (Pending* pending : batch) {
      status = Append(pending->payload);
      if (!status.ok()) break;
      ++appended;
    }
    lock.lock();
    done_ += batch.size();
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i]->result = i < appended ? Status::Ok() : status;
      batch[i]->done = true;
    }
    if (!status.ok()) {
      failure_ = status;
      failed_since_ = std::chrono::system_clock::now();
      refused_ = batch.size() - appended;
      // Records queued behind the batch are refused too: they would follow a gap.
      for (Pending* pending : queue_) {
        pending->result = status;
        pending->done = true;
        ++done_;
        ++refused_;
      }
      queue_.clear();
      std::cerr << "cordon serve: audit log write failed; screening requests are refused until "
                   "it can be written again (retried every "
                << options_.retry_interval.count() << " ms): " << status.ToString() << "\n";
    }
    written_.notify_all();
  }
}

void AuditWriter::Retry(std::unique_lock<std::mutex>& lock) {
  // The record that closes the gap: how many requests were refused, since when, and why.
  AuditEntry entry;
  entry.endpoint = "(audit)";
  entry.request = {{"event", "audit log writable again"}};
  entry.versions = "";
  entry.results = {
      {"refused_requests", refused_},
      {"failed_since",
       fmt::format("{:%FT%TZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(failed_since_)))},
      {"error", failure_.message()}};
  lock.unlock();
  const Status status = Append(AuditLog::SerializePayload(entry));
  lock.lock();
  if (!status.ok()) return;
  std::cerr << "cordon serve: audit log writable again; " << refused_
            << " screening requests were refused while it was not\n";
  failure_ = Status::Ok();
  refused_ = 0;
  written_.notify_all();
}

}  // namespace cordon::service
