// service/rate_limiter.h: a token bucket per API key, for `cordon serve`'s 429 answers.
//
//   RateLimiter limiter(/*requests_per_second=*/10, /*burst=*/20);
//   double retry_after = 0;
//   if (!limiter.Allow(key_name, std::chrono::steady_clock::now(), &retry_after)) {
//     // 429, with Retry-After: ceil(retry_after)
//   }
//
// Each key has a bucket of `burst` tokens, full at first, refilled at `requests_per_second`;
// a request takes one token. So a key may send `burst` requests at once, then one every
// 1/requests_per_second seconds. Time comes from the caller, so tests use a synthetic clock.
//
// Memory: one small bucket per key. A bucket that has refilled to full is the same as no
// bucket, so when a shard holds many keys those are dropped: if the caller limits by something
// unbounded, such as client addresses, memory follows the keys seen within one refill period
// (burst / requests_per_second), not every key ever seen.
//
// Thread safety: Allow may be called from any number of threads; keys are spread over
// independently locked shards.
#pragma once

#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/strings.h"

namespace cordon::service {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // `requests_per_second` <= 0 (or NaN) means unlimited: Allow always answers true. `burst` is
  // raised to at least 1, so a limited key can always make some request.
  RateLimiter(double requests_per_second, double burst);

  // Whether a request of `key` may go at `now` (taking a token if so). When it may not,
  // *retry_after_seconds (if not null) is the time until a token is available (> 0); when it
  // may, it is set to 0. Calls may pass slightly out-of-order times from different threads;
  // time never runs backwards for a bucket.
  bool Allow(std::string_view key, Clock::time_point now, double* retry_after_seconds);

  bool unlimited() const { return unlimited_; }

  // The keys with a bucket now (for tests and metrics).
  size_t tracked_keys() const;

 private:
  static constexpr size_t kShards = 16;
  static constexpr size_t kMaxBucketsPerShard = 4096;

  // A bucket is kept as the time its next token is due (GCRA, the "theoretical arrival
  // time"): integer clock ticks, so no rounding drifts, and one number per key. A request at
  // `now` fits while next - now <= tolerance_, i.e. while at least one of `burst` tokens is left.
  struct Shard {
    std::mutex mutex;
    StringMap<Clock::time_point> buckets;
    // Sweep when the map reaches this size; twice what survived a sweep, so sweeps stay
    // amortised O(1) per new key even when few buckets are full.
    size_t sweep_at = kMaxBucketsPerShard;
  };

  const bool unlimited_;
  const Clock::duration interval_;   // 1 / requests_per_second
  const Clock::duration tolerance_;  // (burst - 1) * interval_
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace cordon::service
