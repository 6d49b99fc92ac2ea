#include "service/rate_limiter.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace cordon::service {
namespace {

using Clock = RateLimiter::Clock;
using std::chrono::milliseconds;

// A synthetic clock: tests move time by hand and never sleep.
const Clock::time_point kStart = Clock::time_point() + std::chrono::hours(1);

TEST(RateLimiterTest, ABurstGoesThenOneRequestPerInterval) {
  RateLimiter limiter(/*requests_per_second=*/2, /*burst=*/3);
  double retry_after = -1;
  for (int request_idx = 0; request_idx < 3; ++request_idx) {
    EXPECT_TRUE(limiter.Allow("ops", kStart, &retry_after)) << request_idx;
    EXPECT_EQ(retry_after, 0);
  }
  EXPECT_FALSE(limiter.Allow("ops", kStart, &retry_after));
  EXPECT_DOUBLE_EQ(retry_after, 0.5);  // one token every 1/2 s

  EXPECT_FALSE(limiter.Allow("ops", kStart + milliseconds(400), &retry_after));
  EXPECT_NEAR(retry_after, 0.1, 1e-9);
  EXPECT_TRUE(limiter.Allow("ops", kStart + milliseconds(500), &retry_after));
  EXPECT_FALSE(limiter.Allow("ops", kStart + milliseconds(500), &retry_after));
  EXPECT_NEAR(retry_after, 0.5, 1e-9);
}

TEST(RateLimiterTest, RefusedRequestsDoNotCostTokens) {
  RateLimiter limiter(1, 1);
  double retry_after = 0;
  EXPECT_TRUE(limiter.Allow("ops", kStart, &retry_after));
  for (int request_idx = 0; request_idx < 10; ++request_idx) {
    EXPECT_FALSE(limiter.Allow("ops", kStart + milliseconds(100 * request_idx), &retry_after));
  }
  EXPECT_TRUE(limiter.Allow("ops", kStart + milliseconds(1000), &retry_after));
}

TEST(RateLimiterTest, IdleTimeRefillsOnlyUpToTheBurst) {
  RateLimiter limiter(10, 5);
  double retry_after = 0;
  for (int request_idx = 0; request_idx < 5; ++request_idx) {
    ASSERT_TRUE(limiter.Allow("ops", kStart, &retry_after));
  }
  const Clock::time_point later = kStart + std::chrono::hours(1);
  int allowed = 0;
  while (limiter.Allow("ops", later, &retry_after)) ++allowed;
  EXPECT_EQ(allowed, 5);
  EXPECT_NEAR(retry_after, 0.1, 1e-9);
}

TEST(RateLimiterTest, KeysHaveTheirOwnBuckets) {
  RateLimiter limiter(1, 2);
  double retry_after = 0;
  EXPECT_TRUE(limiter.Allow("ops", kStart, &retry_after));
  EXPECT_TRUE(limiter.Allow("ops", kStart, &retry_after));
  EXPECT_FALSE(limiter.Allow("ops", kStart, &retry_after));
  EXPECT_TRUE(limiter.Allow("audit", kStart, &retry_after));
  EXPECT_TRUE(limiter.Allow("audit", kStart, &retry_after));
  EXPECT_FALSE(limiter.Allow("audit", kStart, &retry_after));
}

TEST(RateLimiterTest, ZeroRateIsUnlimited) {
  RateLimiter limiter(0, 0);
  EXPECT_TRUE(limiter.unlimited());
  double retry_after = -1;
  for (int request_idx = 0; request_idx < 10000; ++request_idx) {
    ASSERT_TRUE(limiter.Allow("ops", kStart, &retry_after));
  }
  EXPECT_EQ(retry_after, 0);
}

TEST(RateLimiterTest, BurstBelowOneStillAllowsRequestsAndNullRetryIsFine) {
  RateLimiter limiter(0.5, 0);
  EXPECT_TRUE(limiter.Allow("ops", kStart, nullptr));
  EXPECT_FALSE(limiter.Allow("ops", kStart, nullptr));
  EXPECT_TRUE(limiter.Allow("ops", kStart + milliseconds(2000), nullptr));
}

// Threads read the clock before taking the lock, so a bucket can see an earlier time after a
// later one; that must neither add tokens nor move its time back.
TEST(RateLimiterTest, AnEarlierTimeDoesNotRefill) {
  RateLimiter limiter(1, 1);
  double retry_after = 0;
  EXPECT_TRUE(limiter.Allow("ops", kStart + milliseconds(1000), &retry_after));
  EXPECT_FALSE(limiter.Allow("ops", kStart, &retry_after));
  EXPECT_NEAR(retry_after, 2.0, 1e-9);  // the next token is due at +2 s
  EXPECT_FALSE(limiter.Allow("ops", kStart + milliseconds(1500), &retry_after));
  EXPECT_TRUE(limiter.Allow("ops", kStart + milliseconds(2000), &retry_after));
}

// Many distinct keys (say, client addresses) are forgotten once their buckets are full again,
// and forgetting a full bucket changes no answer.
TEST(RateLimiterTest, ManyKeysAreForgottenWithoutChangingAnswers) {
  RateLimiter limiter(1, 1);
  double retry_after = 0;
  EXPECT_TRUE(limiter.Allow("ops", kStart, &retry_after));
  constexpr int kKeys = 200000;  // 10 new keys a millisecond for 20 s
  for (int key_idx = 0; key_idx < kKeys; ++key_idx) {
    ASSERT_TRUE(limiter.Allow("client-" + std::to_string(key_idx),
                              kStart + milliseconds(key_idx / 10), &retry_after));
  }
  EXPECT_LT(limiter.tracked_keys(), static_cast<size_t>(kKeys / 2));
  const Clock::time_point end = kStart + milliseconds(kKeys / 10);
  EXPECT_TRUE(limiter.Allow("ops", end, &retry_after));
  EXPECT_FALSE(limiter.Allow("ops", end, &retry_after));
  EXPECT_TRUE(limiter.Allow("client-0", end, &retry_after));
  EXPECT_FALSE(limiter.Allow("client-0", end, &retry_after));
  // A key still within its refill period is not forgotten.
  EXPECT_FALSE(limiter.Allow("client-" + std::to_string(kKeys - 1), end, &retry_after));
  EXPECT_GT(retry_after, 0.9);
}

TEST(RateLimiterTest, ConcurrentCallersShareOneBucketExactly) {
  RateLimiter limiter(1, 1000);
  std::vector<int> allowed(8, 0);
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < 8; ++thread_idx) {
    threads.emplace_back([&limiter, &allowed, thread_idx] {
      double retry_after = 0;
      for (int request_idx = 0; request_idx < 500; ++request_idx) {
        if (limiter.Allow("ops", kStart, &retry_after)) ++allowed[thread_idx];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  int total = 0;
  for (int count : allowed) total += count;
  EXPECT_EQ(total, 1000);  // 4000 tries at one instant, burst 1000
}

}  // namespace
}  // namespace cordon::service
