#include "service/metrics.h"

#include <fmt/format.h>

namespace cordon::service {

std::string_view RoutePath(Route route) {
  switch (route) {
    case Route::kMatch:
      return "/match/{dataset}";
    case Route::kSearch:
      return "/search/{dataset}";
    case Route::kEntity:
      return "/entities/{id}";
    case Route::kLists:
      return "/lists";
    case Route::kDiff:
      return "/lists/{source}/diff";
    case Route::kTradeScreen:
      return "/trade/screen";
    case Route::kTradeFlows:
      return "/trade/flows";
    case Route::kAlerts:
      return "/alerts";
    case Route::kBooks:
      return "/books";
    case Route::kDivergence:
      return "/divergence";
    case Route::kLicences:
      return "/licences";
    case Route::kHealth:
      return "/healthz";
    case Route::kReady:
      return "/readyz";
    case Route::kMetrics:
      return "/metrics";
    case Route::kOpenApi:
      return "/openapi.json";
    case Route::kStatic:
      return "static";
    case Route::kOther:
      break;
  }
  return "other";
}

size_t Metrics::StatusSlot(int status) {
  for (size_t i = 0; i < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) return i;
  }
  return kStatuses.size();
}

void Metrics::RecordRequest(Route route, int status, double seconds) {
  RouteCounters& r = routes_[static_cast<size_t>(route)];
  r.by_status[StatusSlot(status)].fetch_add(1, std::memory_order_relaxed);
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  r.latency[bucket].fetch_add(1, std::memory_order_relaxed);
  r.latency_sum_ns.fetch_add(static_cast<uint64_t>(seconds * 1e9), std::memory_order_relaxed);
}

void Metrics::RecordMatch(size_t queries, size_t results) {
  match_queries_.fetch_add(queries, std::memory_order_relaxed);
  match_results_.fetch_add(results, std::memory_order_relaxed);
}

std::string Metrics::Render(std::string_view gauges) const {
  std::string out;
  auto append = [&out](std::string_view text) { out.append(text); };
  append("# HELP cordon_http_requests_total HTTP requests answered, by route and status.\n");
  append("# TYPE cordon_http_requests_total counter\n");
  for (size_t route = 0; route < kRouteCount; ++route) {
    const RouteCounters& r = routes_[route];
    for (size_t slot = 0; slot <= kStatuses.size(); ++slot) {
      const uint64_t n = r.by_status[slot].load(std::memory_order_relaxed);
      if (n == 0) continue;
      const std::string status =
          slot < kStatuses.size() ? std::to_string(kStatuses[slot]) : "other";
      append(fmt::format("cordon_http_requests_total{{path=\"{}\",status=\"{}\"}} {}\n",
                         RoutePath(static_cast<Route>(route)), status, n));
    }
  }
  append("# HELP cordon_http_request_duration_seconds Time from request to response.\n");
  append("# TYPE cordon_http_request_duration_seconds histogram\n");
  for (size_t route = 0; route < kRouteCount; ++route) {
    const RouteCounters& r = routes_[route];
    uint64_t count = 0;
    for (const auto& b : r.latency) count += b.load(std::memory_order_relaxed);
    if (count == 0) continue;
    const std::string_view path = RoutePath(static_cast<Route>(route));
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += r.latency[b].load(std::memory_order_relaxed);
      const std::string le = b < kBuckets.size() ? fmt::format("{}", kBuckets[b]) : "+Inf";
      append(
          fmt::format("cordon_http_request_duration_seconds_bucket{{path=\"{}\",le=\"{}\"}} {}\n",
                      path, le, cumulative));
    }
    append(
        fmt::format("cordon_http_request_duration_seconds_sum{{path=\"{}\"}} {:.6f}\n", path,
                    static_cast<double>(r.latency_sum_ns.load(std::memory_order_relaxed)) / 1e9));
    append(
        fmt::format("cordon_http_request_duration_seconds_count{{path=\"{}\"}} {}\n", path, count));
  }
  append("# HELP cordon_match_queries_total Queries screened (one per /match query or search).\n");
  append("# TYPE cordon_match_queries_total counter\n");
  append(fmt::format("cordon_match_queries_total {}\n", match_queries_.load()));
  append("# HELP cordon_match_results_total Matches returned.\n");
  append("# TYPE cordon_match_results_total counter\n");
  append(fmt::format("cordon_match_results_total {}\n", match_results_.load()));
  append("# HELP cordon_index_swaps_total New list versions swapped in while serving.\n");
  append("# TYPE cordon_index_swaps_total counter\n");
  append(fmt::format("cordon_index_swaps_total {}\n", swaps_.load()));
  append("# HELP cordon_index_reload_failures_total Rebuilds that failed (old index kept).\n");
  append("# TYPE cordon_index_reload_failures_total counter\n");
  append(fmt::format("cordon_index_reload_failures_total {}\n", reload_failures_.load()));
  append("# HELP cordon_alerts_raised_total Alerts raised by re-screening customer books.\n");
  append("# TYPE cordon_alerts_raised_total counter\n");
  const char* kinds[] = {"new_match", "changed_match", "cleared_match", "licence_expiring"};
  for (size_t k = 0; k < 4; ++k) {
    append(
        fmt::format("cordon_alerts_raised_total{{kind=\"{}\"}} {}\n", kinds[k], alerts_[k].load()));
  }
  append("# HELP cordon_book_rescreen_failures_total Book re-screenings that failed.\n");
  append("# TYPE cordon_book_rescreen_failures_total counter\n");
  append(fmt::format("cordon_book_rescreen_failures_total {}\n", rescreen_failures_.load()));
  append("# HELP cordon_webhook_deliveries_total Webhook delivery attempts by outcome.\n");
  append("# TYPE cordon_webhook_deliveries_total counter\n");
  append(fmt::format("cordon_webhook_deliveries_total{{result=\"delivered\"}} {}\n",
                     webhook_delivered_.load()));
  append(fmt::format("cordon_webhook_deliveries_total{{result=\"failed\"}} {}\n",
                     webhook_failed_.load()));
  append("# HELP cordon_webhook_backlog Alerts waiting to be delivered to a webhook.\n");
  append("# TYPE cordon_webhook_backlog gauge\n");
  append(fmt::format("cordon_webhook_backlog {}\n", webhook_backlog_.load()));
  append("# HELP cordon_audit_failures_total Screening requests refused: audit write failed.\n");
  append("# TYPE cordon_audit_failures_total counter\n");
  append(fmt::format("cordon_audit_failures_total {}\n", audit_failures_.load()));
  append(gauges);
  return out;
}

}  // namespace cordon::service
