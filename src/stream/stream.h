// stream/stream.h: screening as a Kafka consumer group (`cordon stream`).
//
//   ASSIGN_OR_RETURN(std::unique_ptr<Worker> worker,
//                    Worker::Start({.brokers = "kafka:9092", .group = "screening",
//                                   .input_topic = "payments", .output_topic = "screened",
//                                   .db_path = "cordon.db"}));
//   RETURN_IF_ERROR(worker->Run([] { return stop_requested.load(); }));
//
// A worker joins the consumer group, reads each input record (stream/results.h says what a
// record is and what its result looks like), screens it on one screening::Snapshot and produces
// the result to the output topic keyed with the input's key; with an alerts topic, a result
// with a match (or a high or medium risk shipment) is produced there too.
//
// At least once. Offsets are never committed automatically: a partition's offset is committed
// only when every result before it has been acknowledged by the brokers (a delivery report),
// periodically, when the partition is revoked (after flushing the producer) and on stop. A
// worker that dies loses nothing: its partitions go to another worker, which reads again from
// the committed offset; the results it produces again carry the same input coordinates, which
// is how a duplicate is recognised. A result that cannot be delivered (the producer gave up) stops
// the worker with an error, its offset uncommitted, so that another reads the record again.
//
// Order. A partition's records are screened and produced in offset order, by an idempotent
// producer, so results with one key arrive in the order of their inputs.
//
// Lists. The worker checks its store's current versions every store_poll_interval, as `serve`
// does, and swaps in a new snapshot when they changed; each result cites the versions it was
// screened on.
//
// Metrics. Records in and out, errors, alerts, deliveries, swaps and each assigned partition's
// consumer lag (its high watermark less the committed offset), as Prometheus text from
// metrics_port's /metrics and as a line on the log every report_interval.
//
// Thread safety: a Worker is run by one thread; MetricsText may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "match/query.h"

namespace cordon::stream {

struct StreamOptions {
  std::string brokers;  // bootstrap servers, "host:port,host:port"
  std::string group;    // consumer group id
  std::string input_topic, output_topic;
  std::string alerts_topic;                     // "": no alerts topic
  std::string db_path;                          // the store the lists are read from
  double threshold = match::kDefaultThreshold;  // customers and payment parties
  // Serve /metrics on this port (0: a free one, see metrics_port()); nullopt: no server.
  std::optional<int> metrics_port;
  std::string metrics_bind = "127.0.0.1";
  // librdkafka properties set on both the consumer and the producer (security.protocol,
  // sasl.*, session.timeout.ms, ...), after cordon's own, so they may override them.
  std::vector<std::pair<std::string, std::string>> kafka_config;
  std::chrono::milliseconds store_poll_interval{5000};
  std::chrono::milliseconds report_interval{10000};
  std::chrono::milliseconds commit_interval{1000};
  std::ostream* log = nullptr;  // the periodic line and notices; null: standard error
};

struct WorkerCounters {
  uint64_t records_in = 0;      // records read from the input topic
  uint64_t results_out = 0;     // results acknowledged on the output topic
  uint64_t alerts_out = 0;      // results acknowledged on the alerts topic
  uint64_t errors = 0;          // error results (bad JSON, unknown kind, ...)
  uint64_t commits = 0;         // offset commits that succeeded
  uint64_t snapshot_swaps = 0;  // new list versions taken up
  // Summed over the assigned partitions, from librdkafka's statistics (every second): each
  // one's high watermark less its committed offset, so records read but not yet acknowledged
  // count too (they are what a takeover would screen again).
  int64_t lag = 0;
  size_t assigned_partitions = 0;
};

class Worker {
 public:
  // Opens the store, builds the first snapshot (FailedPrecondition for a store without lists),
  // creates the consumer and the producer, subscribes and starts the metrics server.
  // InvalidArgument for options that cannot work; the store's or librdkafka's error otherwise.
  static Result<std::unique_ptr<Worker>> Start(StreamOptions options);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Consumes until stop_requested() returns true (asked between records, at least every
  // 100 ms), then flushes the producer, commits what was acknowledged and leaves the group.
  // Ok after such a stop; the error that stopped it otherwise (a result that could not be
  // delivered, a fatal client error), after committing what was acknowledged.
  // REQUIRES: called once.
  Status Run(const std::function<bool()>& stop_requested);

  WorkerCounters counters() const;
  // The Prometheus text /metrics answers.
  std::string MetricsText() const;
  // The port /metrics is served on; 0 when there is no metrics server.
  int metrics_port() const;

 private:
  class Impl;
  explicit Worker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cordon::stream
