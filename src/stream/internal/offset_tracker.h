// stream/internal/offset_tracker.h: which input offsets may be committed, at least once.
//
//   OffsetTracker tracker;
//   tracker.Started(/*partition=*/0, /*offset=*/7, /*messages=*/2);  // a result and an alert
//   tracker.Acknowledged(0, 7);  // one delivery report
//   tracker.Committable(0);      // nullopt: offset 7 still has a message in flight
//   tracker.Acknowledged(0, 7);
//   tracker.Committable(0);      // 8: everything before 8 has its results acknowledged
//
// A partition's records are started in offset order; their results are acknowledged in any
// order. The committable offset is the contiguous acknowledged prefix: the lowest offset still
// in flight or, with none, one past the last started. Offsets may skip (compaction,
// transaction markers); only started ones count.
//
// Thread safety: none; the worker calls it from its one polling thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace cordon::stream::internal {

class OffsetTracker {
 public:
  // A record whose results are `messages` produced messages (at least 1).
  // REQUIRES: offset is above every offset started before on the partition.
  void Started(int32_t partition, int64_t offset, int messages) {
    Partition& p = partitions_[partition];
    p.in_flight[offset] = messages;
    p.next = offset + 1;
  }

  // One delivery report for a message of the record at `offset`. False when the record is not
  // in flight (its partition was revoked and forgotten, or every message was acknowledged).
  bool Acknowledged(int32_t partition, int64_t offset) {
    auto p = partitions_.find(partition);
    if (p == partitions_.end()) return false;
    auto record = p->second.in_flight.find(offset);
    if (record == p->second.in_flight.end()) return false;
    if (--record->second == 0) p->second.in_flight.erase(record);
    return true;
  }

  // The offset to commit for the partition (the next to read after a restart), or nullopt when
  // nothing has been started on it.
  std::optional<int64_t> Committable(int32_t partition) const {
    auto p = partitions_.find(partition);
    if (p == partitions_.end()) return std::nullopt;
    if (p->second.in_flight.empty()) return p->second.next;
    return p->second.in_flight.begin()->first;
  }

  // Records started and not yet fully acknowledged, over every partition.
  size_t in_flight() const {
    size_t n = 0;
    for (const auto& [partition, p] : partitions_) n += p.in_flight.size();
    return n;
  }

  std::vector<int32_t> partitions() const {
    std::vector<int32_t> out;
    for (const auto& [partition, p] : partitions_) out.push_back(partition);
    return out;
  }

  // The partition is no longer ours (revoked): its records in flight are forgotten; a late
  // delivery report for one of them is ignored.
  void Forget(int32_t partition) { partitions_.erase(partition); }
  void ForgetAll() { partitions_.clear(); }

 private:
  struct Partition {
    std::map<int64_t, int> in_flight;  // offset -> messages not yet acknowledged
    int64_t next = 0;                  // one past the last offset started
  };
  std::map<int32_t, Partition> partitions_;
};

}  // namespace cordon::stream::internal
