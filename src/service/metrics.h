// service/metrics.h: request counters and latency histograms, in Prometheus' text format.
//
//   metrics.RecordRequest(Route::kMatch, 200, seconds);
//   std::string text = metrics.Render(extra_gauges);
//
// Counting is lock-free (relaxed atomics), so every request can be counted on the hot path.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace cordon::service {

// The routes counted apart; a request is labelled with its route's template, never its path,
// so labels stay few.
enum class Route : uint8_t {
  kMatch,
  kSearch,
  kEntity,
  kLists,
  kDiff,
  kTradeScreen,
  kTradeFlows,
  kAlerts,
  kBooks,
  kDivergence,  // /divergence and /subjects/{id}
  kLicences,    // /licences and /licences/check
  kHealth,
  kReady,
  kMetrics,
  kOpenApi,
  kStatic,
  kOther,
};
inline constexpr size_t kRouteCount = static_cast<size_t>(Route::kOther) + 1;
std::string_view RoutePath(Route route);  // "/match/{dataset}", ...

class Metrics {
 public:
  // Upper bounds of the latency histogram, in seconds.
  static constexpr std::array<double, 14> kBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};

  void RecordRequest(Route route, int status, double seconds);
  void RecordMatch(size_t queries, size_t results);
  void RecordSwap() { swaps_.fetch_add(1, std::memory_order_relaxed); }
  void RecordReloadFailure() { reload_failures_.fetch_add(1, std::memory_order_relaxed); }
  void RecordAuditFailure() { audit_failures_.fetch_add(1, std::memory_order_relaxed); }
  // Monitoring: alerts raised by re-screening books, and re-screenings that failed.
  void RecordAlerts(int64_t new_alerts, int64_t changed_alerts, int64_t cleared_alerts,
                    int64_t licence_alerts = 0) {
    alerts_[0].fetch_add(static_cast<uint64_t>(new_alerts), std::memory_order_relaxed);
    alerts_[1].fetch_add(static_cast<uint64_t>(changed_alerts), std::memory_order_relaxed);
    alerts_[2].fetch_add(static_cast<uint64_t>(cleared_alerts), std::memory_order_relaxed);
    alerts_[3].fetch_add(static_cast<uint64_t>(licence_alerts), std::memory_order_relaxed);
  }
  void RecordRescreenFailure() { rescreen_failures_.fetch_add(1, std::memory_order_relaxed); }
  void RecordWebhookDelivery(bool delivered) {
    (delivered ? webhook_delivered_ : webhook_failed_).fetch_add(1, std::memory_order_relaxed);
  }
  void SetWebhookBacklog(int64_t pending) { webhook_backlog_.store(pending); }

  // Every counter and histogram, then `gauges` (already in the text format) appended.
  std::string Render(std::string_view gauges) const;

 private:
  // Status classes counted apart: 2xx, 3xx, 4xx by the common codes, 5xx.
  static constexpr std::array<int, 10> kStatuses = {200, 304, 400, 401, 404,
                                                    405, 413, 429, 500, 503};
  static size_t StatusSlot(int status);

  struct RouteCounters {
    std::array<std::atomic<uint64_t>, kStatuses.size() + 1> by_status{};  // last: other
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> latency{};     // last: +Inf
    std::atomic<uint64_t> latency_sum_ns{0};
  };
  std::array<RouteCounters, kRouteCount> routes_{};
  std::atomic<uint64_t> match_queries_{0};
  std::atomic<uint64_t> match_results_{0};
  std::atomic<uint64_t> swaps_{0};
  std::atomic<uint64_t> reload_failures_{0};
  std::array<std::atomic<uint64_t>, 4> alerts_{};  // new, changed, cleared, licence_expiring
  std::atomic<uint64_t> rescreen_failures_{0};
  std::atomic<uint64_t> webhook_delivered_{0};
  std::atomic<uint64_t> webhook_failed_{0};
  std::atomic<int64_t> webhook_backlog_{0};
  std::atomic<uint64_t> audit_failures_{0};
};

}  // namespace cordon::service
