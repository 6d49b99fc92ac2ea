#include "service/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace cordon::service {
namespace {

RateLimiter::Clock::duration Seconds(double seconds) {
  return std::chrono::duration_cast<RateLimiter::Clock::duration>(
      std::chrono::duration<double>(seconds));
}

}  // namespace

RateLimiter::RateLimiter(double requests_per_second, double burst)
    : unlimited_(!(requests_per_second > 0)),
      interval_(unlimited_ ? Clock::duration::zero() : Seconds(1 / requests_per_second)),
      tolerance_(unlimited_ ? Clock::duration::zero()
                            : Seconds((std::max(std::isnan(burst) ? 1 : burst, 1.0) - 1) /
                                      requests_per_second)) {}

bool RateLimiter::Allow(std::string_view key, Clock::time_point now, double* retry_after_seconds) {
  if (retry_after_seconds != nullptr) *retry_after_seconds = 0;
  if (unlimited_) return true;

  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard<std::mutex> lock(shard.mutex);
  auto it = shard.buckets.find(key);
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= shard.sweep_at) {
      // A bucket whose next-token time has passed is full: the same as no bucket.
      std::erase_if(shard.buckets, [now](const auto& entry) { return entry.second <= now; });
      shard.sweep_at = std::max(kMaxBucketsPerShard, 2 * shard.buckets.size());
    }
    it = shard.buckets.emplace(std::string(key), now).first;
  }
  // An earlier `now` than a previous call's (threads read the clock before the lock) just
  // finds the bucket emptier; time never runs backwards for it.
  Clock::time_point& next = it->second;
  next = std::max(next, now);
  if (next - now > tolerance_) {
    if (retry_after_seconds != nullptr) {
      *retry_after_seconds = std::chrono::duration<double>(next - now - tolerance_).count();
    }
    return false;
  }
  next += interval_;
  return true;
}

size_t RateLimiter::tracked_keys() const {
  size_t count = 0;
  for (Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mutex);
    count += shard.buckets.size();
  }
  return count;
}

}  // namespace cordon::service
