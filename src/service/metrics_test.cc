// Tests of the Prometheus text Metrics renders: its syntax, its histograms and its counts.
#include "service/metrics.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace cordon::service {
namespace {

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Parses Prometheus' text exposition format strictly enough to catch what a scraper rejects:
// every line is a comment (# HELP / # TYPE name ...) or `name{label="v",...} value`, and a
// metric's HELP and TYPE come before its first sample. Failures are test failures.
std::vector<Sample> ParseExposition(const std::string& text) {
  static const std::regex kComment(R"re(# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+))re");
  // name, then optionally {label="value",...}, then the value.
  static const std::regex kSample(R"re(([a-zA-Z_:][a-zA-Z0-9_:]*))re"
                                  R"re((\{([a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*")re"
                                  R"re((,[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*")*)?\})? (\S+))re");
  static const std::regex kLabel(R"re(([a-zA-Z_][a-zA-Z0-9_]*)="([^"\\]*)")re");
  static const std::set<std::string> kTypes = {"counter", "gauge", "histogram", "summary",
                                               "untyped"};
  std::vector<Sample> samples;
  std::map<std::string, std::string> types;  // metric family -> type
  std::set<std::string> helped;
  EXPECT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n') << "the last line must end";
  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    SCOPED_TRACE("line " + std::to_string(line_no) + ": " + line);
    EXPECT_FALSE(line.empty());
    std::smatch m;
    if (line[0] == '#') {
      if (!std::regex_match(line, m, kComment)) {
        ADD_FAILURE() << "malformed comment";
        continue;
      }
      const std::string family = m[2].str();
      if (m[1].str() == "TYPE") {
        EXPECT_TRUE(kTypes.count(m[3].str())) << "unknown type";
        EXPECT_FALSE(types.count(family)) << "TYPE twice";
        types[family] = m[3].str();
      } else {
        EXPECT_FALSE(helped.count(family)) << "HELP twice";
        helped.insert(family);
      }
      continue;
    }
    if (!std::regex_match(line, m, kSample)) {
      ADD_FAILURE() << "malformed sample";
      continue;
    }
    Sample sample;
    sample.name = m[1].str();
    const std::string labels = m[3].str();
    for (std::sregex_iterator it(labels.begin(), labels.end(), kLabel), end; it != end; ++it) {
      EXPECT_TRUE(sample.labels.emplace((*it)[1].str(), (*it)[2].str()).second) << "label twice";
    }
    const std::string value = m[5].str();
    char* rest = nullptr;
    sample.value = std::strtod(value.c_str(), &rest);
    EXPECT_EQ(*rest, '\0') << "value '" << value << "' is not a number";
    // The family: a histogram's samples carry _bucket, _sum and _count.
    std::string family = sample.name;
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      const std::string s = suffix;
      if (family.size() > s.size() && family.ends_with(s) &&
          types.count(family.substr(0, family.size() - s.size())) &&
          types[family.substr(0, family.size() - s.size())] == "histogram") {
        family.resize(family.size() - s.size());
      }
    }
    EXPECT_TRUE(types.count(family)) << "sample before its TYPE";
    EXPECT_TRUE(helped.count(family)) << "sample before its HELP";
    samples.push_back(std::move(sample));
  }
  return samples;
}

// The value of the one sample with `name` and `labels`; fails when there is none.
double ValueOf(const std::vector<Sample>& samples, const std::string& name,
               const std::map<std::string, std::string>& labels = {}) {
  const Sample* found = nullptr;
  for (const Sample& s : samples) {
    if (s.name == name && s.labels == labels) {
      EXPECT_EQ(found, nullptr) << name << " twice";
      found = &s;
    }
  }
  EXPECT_NE(found, nullptr) << "no sample " << name;
  return found ? found->value : -1;
}

size_t CountNamed(const std::vector<Sample>& samples, const std::string& name) {
  size_t n = 0;
  for (const Sample& s : samples) n += s.name == name;
  return n;
}

TEST(MetricsTest, TheCheckerRejectsWhatAScraperWould) {
  EXPECT_NONFATAL_FAILURE(ParseExposition("# HELP a A.\na 1\n"), "before its TYPE");
  EXPECT_NONFATAL_FAILURE(ParseExposition("# HELP a A.\n# TYPE a counter\na{path=/x} 1\n"),
                          "malformed sample");
  EXPECT_NONFATAL_FAILURE(ParseExposition("# HELP a A.\n# TYPE a counter\na 1 2\n"),
                          "malformed sample");
  EXPECT_NONFATAL_FAILURE(ParseExposition("# HELP a A.\n# TYPE a counter\na one\n"),
                          "is not a number");
  EXPECT_NONFATAL_FAILURE(ParseExposition("# HELP a A.\n# TYPE a counter\na 1"), "must end");
}

TEST(MetricsTest, RoutePathsAreTemplates) {
  EXPECT_EQ(RoutePath(Route::kMatch), "/match/{dataset}");
  EXPECT_EQ(RoutePath(Route::kEntity), "/entities/{id}");
  EXPECT_EQ(RoutePath(Route::kDiff), "/lists/{source}/diff");
  EXPECT_EQ(RoutePath(Route::kOther), "other");
  std::set<std::string_view> paths;
  for (size_t route = 0; route < kRouteCount; ++route) {
    EXPECT_TRUE(paths.insert(RoutePath(static_cast<Route>(route))).second) << route;
  }
}

TEST(MetricsTest, EmptyMetricsRenderValidText) {
  Metrics metrics;
  const std::vector<Sample> samples = ParseExposition(metrics.Render(""));
  EXPECT_EQ(CountNamed(samples, "cordon_http_requests_total"), 0u);
  EXPECT_EQ(ValueOf(samples, "cordon_match_queries_total"), 0);
  EXPECT_EQ(ValueOf(samples, "cordon_index_swaps_total"), 0);
  EXPECT_EQ(ValueOf(samples, "cordon_audit_failures_total"), 0);
}

TEST(MetricsTest, CountsByRouteAndStatus) {
  Metrics metrics;
  metrics.RecordRequest(Route::kMatch, 200, 0.003);
  metrics.RecordRequest(Route::kMatch, 200, 0.004);
  metrics.RecordRequest(Route::kMatch, 400, 0.0001);
  metrics.RecordRequest(Route::kEntity, 404, 0.001);
  metrics.RecordRequest(Route::kEntity, 418, 0.001);  // not a counted status: "other"
  metrics.RecordRequest(Route::kHealth, 200, 0.00001);
  metrics.RecordMatch(3, 7);
  metrics.RecordMatch(1, 0);
  metrics.RecordSwap();
  metrics.RecordReloadFailure();
  metrics.RecordReloadFailure();
  metrics.RecordAuditFailure();
  const std::string gauges =
      "# HELP cordon_index_entities Entities in the index.\n"
      "# TYPE cordon_index_entities gauge\n"
      "cordon_index_entities 23398\n";
  const std::string text = metrics.Render(gauges);
  EXPECT_TRUE(text.ends_with(gauges));
  const std::vector<Sample> samples = ParseExposition(text);
  const std::string requests = "cordon_http_requests_total";
  EXPECT_EQ(ValueOf(samples, requests, {{"path", "/match/{dataset}"}, {"status", "200"}}), 2);
  EXPECT_EQ(ValueOf(samples, requests, {{"path", "/match/{dataset}"}, {"status", "400"}}), 1);
  EXPECT_EQ(ValueOf(samples, requests, {{"path", "/entities/{id}"}, {"status", "404"}}), 1);
  EXPECT_EQ(ValueOf(samples, requests, {{"path", "/entities/{id}"}, {"status", "other"}}), 1);
  EXPECT_EQ(ValueOf(samples, requests, {{"path", "/healthz"}, {"status", "200"}}), 1);
  // Only statuses that happened are rendered.
  EXPECT_EQ(CountNamed(samples, requests), 5u);
  EXPECT_EQ(ValueOf(samples, "cordon_match_queries_total"), 4);
  EXPECT_EQ(ValueOf(samples, "cordon_match_results_total"), 7);
  EXPECT_EQ(ValueOf(samples, "cordon_index_swaps_total"), 1);
  EXPECT_EQ(ValueOf(samples, "cordon_index_reload_failures_total"), 2);
  EXPECT_EQ(ValueOf(samples, "cordon_audit_failures_total"), 1);
  EXPECT_EQ(ValueOf(samples, "cordon_index_entities"), 23398);
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  Metrics metrics;
  // One request in each bucket's range, one exactly on a bound (le is inclusive) and one
  // past the last bound.
  const std::vector<double> seconds = {0.00005, 0.0001, 0.0002, 0.003, 0.003, 0.07, 0.9, 4, 60};
  double sum = 0;
  for (double s : seconds) {
    metrics.RecordRequest(Route::kSearch, 200, s);
    sum += s;
  }
  metrics.RecordRequest(Route::kLists, 200, 0.5);
  const std::vector<Sample> samples = ParseExposition(metrics.Render(""));
  const std::string path = "/search/{dataset}";

  std::vector<const Sample*> buckets;
  for (const Sample& s : samples) {
    if (s.name == "cordon_http_request_duration_seconds_bucket" && s.labels.at("path") == path) {
      buckets.push_back(&s);
    }
  }
  ASSERT_EQ(buckets.size(), Metrics::kBuckets.size() + 1);
  for (size_t b = 0; b < buckets.size(); ++b) {
    SCOPED_TRACE(buckets[b]->labels.at("le"));
    double expected = 0;
    if (b < Metrics::kBuckets.size()) {
      EXPECT_DOUBLE_EQ(std::stod(buckets[b]->labels.at("le")), Metrics::kBuckets[b]);
      for (double s : seconds) expected += s <= Metrics::kBuckets[b];
    } else {
      EXPECT_EQ(buckets[b]->labels.at("le"), "+Inf");
      expected = static_cast<double>(seconds.size());
    }
    EXPECT_EQ(buckets[b]->value, expected);
    if (b > 0) {
      EXPECT_GE(buckets[b]->value, buckets[b - 1]->value);
    }
  }
  const double count =
      ValueOf(samples, "cordon_http_request_duration_seconds_count", {{"path", path}});
  EXPECT_EQ(count, static_cast<double>(seconds.size()));
  EXPECT_EQ(buckets.back()->value, count);
  EXPECT_NEAR(ValueOf(samples, "cordon_http_request_duration_seconds_sum", {{"path", path}}), sum,
              1e-5);
  // Other routes have their own histogram; routes with no request have none.
  EXPECT_EQ(ValueOf(samples, "cordon_http_request_duration_seconds_count", {{"path", "/lists"}}),
            1);
  for (const Sample& s : samples) {
    if (s.name.starts_with("cordon_http_request_duration_seconds")) {
      EXPECT_TRUE(s.labels.at("path") == path || s.labels.at("path") == "/lists") << s.name;
    }
  }
}

TEST(MetricsTest, ConcurrentRecordingLosesNothing) {
  Metrics metrics;
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&metrics, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Every thread hits the same counters, and some hit a second status and bucket.
        metrics.RecordRequest(Route::kMatch, i % 4 == 0 ? 429 : 200, (i % 2 == 0) ? 0.001 : 2.0);
        metrics.RecordMatch(1, static_cast<size_t>(t));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const std::vector<Sample> samples = ParseExposition(metrics.Render(""));
  const double total = kThreads * kPerThread;
  const std::string path = "/match/{dataset}";
  EXPECT_EQ(ValueOf(samples, "cordon_http_requests_total", {{"path", path}, {"status", "429"}}),
            total / 4);
  EXPECT_EQ(ValueOf(samples, "cordon_http_requests_total", {{"path", path}, {"status", "200"}}),
            total * 3 / 4);
  EXPECT_EQ(ValueOf(samples, "cordon_http_request_duration_seconds_count", {{"path", path}}),
            total);
  EXPECT_EQ(ValueOf(samples, "cordon_http_request_duration_seconds_bucket",
                    {{"path", path}, {"le", "0.001"}}),
            total / 2);
  EXPECT_EQ(ValueOf(samples, "cordon_http_request_duration_seconds_bucket",
                    {{"path", path}, {"le", "+Inf"}}),
            total);
  EXPECT_NEAR(ValueOf(samples, "cordon_http_request_duration_seconds_sum", {{"path", path}}),
              total / 2 * 0.001 + total / 2 * 2.0, 1e-3);
  EXPECT_EQ(ValueOf(samples, "cordon_match_queries_total"), total);
  // Threads 0..7 added t results kPerThread times each.
  EXPECT_EQ(ValueOf(samples, "cordon_match_results_total"), 28.0 * kPerThread);
}

}  // namespace
}  // namespace cordon::service
