#include "service/audit_writer.h"

#include <iostream>
#include <utility>

namespace cordon::service {

AuditWriter::AuditWriter(std::unique_ptr<AuditLog> log, size_t max_queued)
    : log_(std::move(log)), max_queued_(std::max<size_t>(max_queued, 1)) {
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
  std::string payload = AuditLog::SerializePayload(entry);
  std::unique_lock lock(mutex_);
  written_.wait(lock, [this] { return queue_.size() < max_queued_ || !failure_.ok(); });
  if (!failure_.ok()) return failure_;
  queue_.push_back(std::move(payload));
  ++submitted_;
  lock.unlock();
  work_.notify_one();
  return Status::Ok();
}

Status AuditWriter::Flush() {
  std::unique_lock lock(mutex_);
  const uint64_t target = submitted_;
  written_.wait(lock, [&] { return done_ >= target; });
  return failure_;
}

void AuditWriter::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    work_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) break;  // stopping, and everything is written
    std::deque<std::string> batch;
    batch.swap(queue_);
    lock.unlock();
    written_.notify_all();  // room in the queue again
    size_t appended = 0;
    Status status;
    for (const std::string& payload : batch) {
      status = log_->AppendSerialized(payload);
      if (!status.ok()) break;
      ++appended;
    }
    lock.lock();
    done_ += batch.size();
    if (!status.ok() && failure_.ok()) {
      failure_ = status;
      std::cerr << "cordon serve: audit log write failed; " << batch.size() - appended
                << " answered requests were not recorded, and screening is refused from now: "
                << status.ToString() << "\n";
    }
    written_.notify_all();
  }
}

}  // namespace cordon::service
