#include "stream/stream.h"

#include <fmt/format.h>
#include <httplib.h>
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <unordered_map>

#include "screening/snapshot.h"
#include "service/snapshot.h"
#include "store/store.h"
#include "stream/internal/offset_tracker.h"
#include "stream/results.h"

namespace cordon::stream {
namespace {

using Clock = std::chrono::steady_clock;

struct KafkaDeleter {
  void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }
};
using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaDeleter>;
struct ConfDeleter {
  void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
};
using KafkaConf = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;
struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* list) const {
    rd_kafka_topic_partition_list_destroy(list);
  }
};
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

// How long the producer may take to deliver what is in flight when partitions are revoked or
// the worker stops; what is not delivered by then is read again by the partition's next owner.
constexpr int kFlushTimeoutMs = 30'000;
// How long a synchronous commit (revoke, stop) may wait for the group coordinator.
constexpr int kCommitTimeoutMs = 10'000;
// How long a stopping worker waits to leave the group.
constexpr int kCloseTimeoutMs = 10'000;

Status SetAll(rd_kafka_conf_t* conf,
              const std::vector<std::pair<std::string, std::string>>& properties) {
  char error[512];
  for (const auto& [name, value] : properties) {
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof(error)) !=
        RD_KAFKA_CONF_OK) {
      return InvalidArgumentError(fmt::format("Kafka property {}={}: {}", name, value, error));
    }
  }
  return Status::Ok();
}

double SecondsBetween(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

}  // namespace

class Worker::Impl {
 public:
  explicit Impl(StreamOptions options) : options_(std::move(options)) {}
  ~Impl() { Shutdown(); }

  Status Start();
  Status Run(const std::function<bool()>& stop_requested);
  WorkerCounters Counters() const;
  std::string MetricsText() const;
  int metrics_port() const { return metrics_port_; }

 private:
  // A produced message's record, found again from its delivery report. Each partition has a
  // generation, advanced when it is revoked: a report for a record read before is not counted.
  struct InFlight {
    int32_t partition = 0;
    int64_t offset = 0;
    uint64_t generation = 0;
    int remaining = 0;  // messages of the record not yet reported
  };

  static void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
    static_cast<Impl*>(opaque)->Delivered(*message);
  }
  static void OnRebalance(rd_kafka_t* consumer, rd_kafka_resp_err_t err,
                          rd_kafka_topic_partition_list_t* partitions, void* opaque) {
    static_cast<Impl*>(opaque)->Rebalance(consumer, err, partitions);
  }
  static int OnStatistics(rd_kafka_t*, char* json, size_t json_len, void* opaque) {
    static_cast<Impl*>(opaque)->Statistics(std::string_view(json, json_len));
    return 0;  // librdkafka frees the JSON
  }
  static void OnCommit(rd_kafka_t*, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t*,
                       void* opaque) {
    Impl& impl = *static_cast<Impl*>(opaque);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      impl.commits_.fetch_add(1, std::memory_order_relaxed);
    } else if (err != RD_KAFKA_RESP_ERR__NO_OFFSET) {
      impl.commit_failures_.fetch_add(1, std::memory_order_relaxed);
    }
  }

  Result<KafkaConf> BaseConf(const std::vector<std::pair<std::string, std::string>>& ours);
  Result<bool> Reload();
  void PollStore();
  Status StartMetricsServer();
  void Process(const rd_kafka_message_t& message);
  Status Produce(const std::string& topic, const rd_kafka_message_t& input,
                 const std::string& value, uint64_t sequence);
  void Delivered(const rd_kafka_message_t& message);
  void Rebalance(rd_kafka_t* consumer, rd_kafka_resp_err_t err,
                 rd_kafka_topic_partition_list_t* partitions);
  // Commits every partition's acknowledged prefix that moved since the last commit
  // (asynchronously), or every one (synchronously, on revoke and stop).
  void Commit(bool synchronous);
  void Statistics(std::string_view json);
  void Report(Clock::time_point now);
  void Log(const std::string& line);
  // Leaves the group, waiting at most kCloseTimeoutMs.
  void CloseConsumer();
  void Shutdown();

  StreamOptions options_;
  std::ostream* log_ = &std::cerr;
  std::mutex log_mutex_;

  // Lists: the poll thread screens with screener_; the store thread publishes the next one.
  std::unique_ptr<store::Store> store_;  // the store thread's
  std::string fingerprint_;              // the store thread's: what next_screener_ was built on
  std::shared_ptr<const RecordScreener> screener_;
  std::mutex next_mutex_;
  std::shared_ptr<const RecordScreener> next_screener_;
  std::string lists_;  // the versions screener_ cites, for the log line
  std::thread store_thread_;
  std::mutex stop_mutex_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;

  KafkaHandle consumer_, producer_;
  internal::OffsetTracker tracker_;
  std::unordered_map<uint64_t, InFlight> in_flight_;  // by the sequence number of its record
  uint64_t next_sequence_ = 1;
  std::map<int32_t, uint64_t> generation_;  // by partition
  std::map<int32_t, int64_t> committed_;    // the last offset committed, by partition
  std::set<int32_t> assigned_;              // the input partitions the group gave this worker
  std::atomic<size_t> assigned_count_{0};   // assigned_.size(), for the metrics thread
  Status delivery_error_;                   // the first result that could not be delivered
  int flush_timeout_ms_ = kFlushTimeoutMs;  // 0 once stopping has flushed
  bool closing_ = false;                    // leaving the group: committed already

  std::atomic<uint64_t> records_in_{0}, results_out_{0}, alerts_out_{0}, errors_{0};
  std::atomic<uint64_t> delivery_failures_{0}, commits_{0}, commit_failures_{0};
  std::atomic<uint64_t> snapshot_swaps_{0}, rebalances_{0}, screen_nanos_{0};
  mutable std::mutex lag_mutex_;
  std::map<int32_t, int64_t> lag_;  // by assigned partition, from the last statistics
  Clock::time_point started_ = Clock::now();
  Clock::time_point last_report_ = started_;
  uint64_t records_at_last_report_ = 0;

  std::unique_ptr<httplib::Server> metrics_server_;
  std::thread metrics_thread_;
  int metrics_port_ = 0;
  bool shut_down_ = false;
};

Result<KafkaConf> Worker::Impl::BaseConf(
    const std::vector<std::pair<std::string, std::string>>& ours) {
  KafkaConf conf(rd_kafka_conf_new());
  RETURN_IF_ERROR(SetAll(
      conf.get(), {{"bootstrap.servers", options_.brokers}, {"client.id", "cordon-stream"}}));
  RETURN_IF_ERROR(SetAll(conf.get(), ours));
  RETURN_IF_ERROR(SetAll(conf.get(), options_.kafka_config));
  rd_kafka_conf_set_opaque(conf.get(), this);
  return conf;
}

Status Worker::Impl::Start() {
  if (options_.log != nullptr) log_ = options_.log;
  for (const auto& [name, value] : std::initializer_list<std::pair<const char*, std::string*>>{
           {"--brokers", &options_.brokers},
           {"--group", &options_.group},
           {"--input-topic", &options_.input_topic},
           {"--output-topic", &options_.output_topic}}) {
    if (value->empty()) return InvalidArgumentError(std::string(name) + " is required");
  }
  if (options_.input_topic == options_.output_topic ||
      options_.input_topic == options_.alerts_topic) {
    return InvalidArgumentError("the input topic cannot also be an output topic (a loop)");
  }
  if (!std::isfinite(options_.threshold) || options_.threshold < 0 || options_.threshold > 1) {
    return InvalidArgumentError(
        fmt::format("--threshold {} is not between 0 and 1", options_.threshold));
  }

  ASSIGN_OR_RETURN(store_, store::Store::Open(options_.db_path, store::OpenMode::kReadOnly));
  RETURN_IF_ERROR(Reload().status());
  if (next_screener_ == nullptr) {
    return FailedPreconditionError("the store " + options_.db_path + " holds no lists");
  }
  screener_ = std::move(next_screener_);
  lists_ = fingerprint_;

  char error[512];
  // The producer: idempotent, so that retries neither duplicate nor reorder a partition's
  // results.
  ASSIGN_OR_RETURN(KafkaConf producer_conf,
                   BaseConf({{"enable.idempotence", "true"}, {"linger.ms", "5"}}));
  rd_kafka_conf_set_dr_msg_cb(producer_conf.get(), OnDelivery);
  producer_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, producer_conf.get(), error, sizeof(error)));
  if (!producer_) return InvalidArgumentError(std::string("Kafka producer: ") + error);
  producer_conf.release();  // rd_kafka_new took it

  // The consumer: offsets neither stored nor committed automatically; Commit() does it once
  // results are acknowledged. A new group starts at the beginning: nothing is skipped.
  ASSIGN_OR_RETURN(KafkaConf consumer_conf, BaseConf({{"group.id", options_.group},
                                                      {"enable.auto.commit", "false"},
                                                      {"enable.auto.offset.store", "false"},
                                                      {"auto.offset.reset", "earliest"},
                                                      {"statistics.interval.ms", "1000"}}));
  rd_kafka_conf_set_rebalance_cb(consumer_conf.get(), OnRebalance);
  rd_kafka_conf_set_offset_commit_cb(consumer_conf.get(), OnCommit);
  rd_kafka_conf_set_stats_cb(consumer_conf.get(), OnStatistics);
  consumer_.reset(rd_kafka_new(RD_KAFKA_CONSUMER, consumer_conf.get(), error, sizeof(error)));
  if (!consumer_) return InvalidArgumentError(std::string("Kafka consumer: ") + error);
  consumer_conf.release();
  rd_kafka_poll_set_consumer(consumer_.get());
  PartitionList topics(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(topics.get(), options_.input_topic.c_str(),
                                    RD_KAFKA_PARTITION_UA);
  if (rd_kafka_resp_err_t err = rd_kafka_subscribe(consumer_.get(), topics.get())) {
    return UnavailableError(
        fmt::format("subscribing to {}: {}", options_.input_topic, rd_kafka_err2str(err)));
  }

  if (options_.metrics_port) RETURN_IF_ERROR(StartMetricsServer());
  store_thread_ = std::thread([this] { PollStore(); });
  return Status::Ok();
}

Result<bool> Worker::Impl::Reload() {
  ASSIGN_OR_RETURN(std::string fingerprint, service::StoreFingerprint(*store_));
  if (fingerprint.empty() || fingerprint == fingerprint_) return false;
  ASSIGN_OR_RETURN(std::shared_ptr<const screening::Snapshot> snapshot,
                   screening::Snapshot::Build(*store_, {}));
  auto screener = std::make_shared<const RecordScreener>(
      std::move(snapshot), RecordScreenOptions{.threshold = options_.threshold});
  {
    std::lock_guard lock(next_mutex_);
    next_screener_ = std::move(screener);
  }
  fingerprint_ = std::move(fingerprint);
  return true;
}

void Worker::Impl::PollStore() {
  std::unique_lock lock(stop_mutex_);
  while (!stopping_) {
    stop_cv_.wait_for(lock, options_.store_poll_interval, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    // A failed build keeps the worker on the versions it has; the next poll tries again.
    if (Result<bool> reloaded = Reload(); !reloaded.ok()) {
      Log("cordon stream: list update not applied, still screening on the previous versions: " +
          reloaded.status().ToString());
    }
    lock.lock();
  }
}

Status Worker::Impl::StartMetricsServer() {
  metrics_server_ = std::make_unique<httplib::Server>();
  metrics_server_->Get("/metrics", [this](const httplib::Request&, httplib::Response& response) {
    response.set_content(MetricsText(), "text/plain; version=0.0.4");
  });
  const int wanted = *options_.metrics_port;
  if (wanted == 0) {
    metrics_port_ = metrics_server_->bind_to_any_port(options_.metrics_bind);
  } else if (metrics_server_->bind_to_port(options_.metrics_bind, wanted)) {
    metrics_port_ = wanted;
  } else {
    metrics_port_ = -1;
  }
  if (metrics_port_ <= 0) {
    metrics_port_ = 0;
    return UnavailableError(
        fmt::format("cannot listen on {}:{} for /metrics", options_.metrics_bind, wanted));
  }
  metrics_thread_ = std::thread([server = metrics_server_.get()] { server->listen_after_bind(); });
  return Status::Ok();
}

Status Worker::Impl::Run(const std::function<bool()>& stop_requested) {
  Log(fmt::format("cordon stream: group {} reading {} into {}{} on {} ({} entities)",
                  options_.group, options_.input_topic, options_.output_topic,
                  options_.alerts_topic.empty() ? "" : ", alerts into " + options_.alerts_topic,
                  lists_, screener_->snapshot().index().stats().entities));
  Status stopped_by;
  Clock::time_point last_commit = Clock::now();
  while (!stop_requested()) {
    {
      // New lists are taken up between records; a record is screened on one snapshot.
      std::lock_guard lock(next_mutex_);
      if (next_screener_ != nullptr) {
        screener_ = std::move(next_screener_);
        snapshot_swaps_.fetch_add(1, std::memory_order_relaxed);
        lists_ = screener_->snapshot().fingerprint();
        Log("cordon stream: now screening on " + lists_);
      }
    }
    if (rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer_.get(), 100)) {
      if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        Process(*message);
      } else if (message->err == RD_KAFKA_RESP_ERR__FATAL) {
        char reason[512];
        rd_kafka_fatal_error(consumer_.get(), reason, sizeof(reason));
        stopped_by = UnavailableError(std::string("Kafka consumer: ") + reason);
      } else if (message->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        // Transient (a broker down, a partition moving): librdkafka retries by itself.
        Log(fmt::format("cordon stream: consumer: {}", rd_kafka_message_errstr(message)));
      }
      rd_kafka_message_destroy(message);
    }
    rd_kafka_poll(producer_.get(), 0);  // delivery reports
    char reason[512];
    if (rd_kafka_fatal_error(producer_.get(), reason, sizeof(reason))) {
      stopped_by = UnavailableError(std::string("Kafka producer: ") + reason);
    }
    if (!delivery_error_.ok()) stopped_by = delivery_error_;
    if (!stopped_by.ok()) break;

    const Clock::time_point now = Clock::now();
    if (now - last_commit >= options_.commit_interval) {
      Commit(/*synchronous=*/false);
      last_commit = now;
    }
    if (now - last_report_ >= options_.report_interval) Report(now);
  }

  // Deliver what is in flight, commit what was acknowledged, leave the group (which revokes
  // the partitions: Rebalance forgets them without committing again).
  rd_kafka_flush(producer_.get(), kFlushTimeoutMs);
  flush_timeout_ms_ = 0;  // what this flush could not deliver, the next would not either
  if (!delivery_error_.ok() && stopped_by.ok()) stopped_by = delivery_error_;
  Commit(/*synchronous=*/true);
  Report(Clock::now());
  CloseConsumer();
  Log(fmt::format("cordon stream: stopped{}", stopped_by.ok() ? "" : ": " + stopped_by.ToString()));
  return stopped_by;
}

void Worker::Impl::Process(const rd_kafka_message_t& message) {
  records_in_.fetch_add(1, std::memory_order_relaxed);
  const InputCoordinates input{.topic = rd_kafka_topic_name(message.rkt),
                               .partition = message.partition,
                               .offset = message.offset};
  const Clock::time_point start = Clock::now();
  const RecordResult result = screener_->Screen(
      std::string_view(static_cast<const char*>(message.payload), message.len), input);
  screen_nanos_.fetch_add(
      static_cast<uint64_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count()),
      std::memory_order_relaxed);
  if (result.error) errors_.fetch_add(1, std::memory_order_relaxed);
  const bool alert = result.alert && !options_.alerts_topic.empty();
  const int messages = alert ? 2 : 1;
  const uint64_t sequence = next_sequence_++;
  in_flight_[sequence] = {message.partition, message.offset, generation_[message.partition],
                          messages};
  tracker_.Started(message.partition, message.offset, messages);
  Status produced = Produce(options_.output_topic, message, result.json, sequence);
  if (produced.ok() && alert)
    produced = Produce(options_.alerts_topic, message, result.json, sequence);
  // The record stays in flight, so its offset is never committed; the worker stops.
  if (!produced.ok() && delivery_error_.ok()) delivery_error_ = produced;
}

Status Worker::Impl::Produce(const std::string& topic, const rd_kafka_message_t& input,
                             const std::string& value, uint64_t sequence) {
  // The sequence number travels as the message's opaque, not a pointer to anything: a report
  // that comes after its record was forgotten finds nothing, and nothing dangles.
  void* opaque = reinterpret_cast<void*>(static_cast<uintptr_t>(sequence));
  while (true) {
    const rd_kafka_resp_err_t err = rd_kafka_producev(
        producer_.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_KEY(input.key, input.key_len),
        RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_OPAQUE(opaque), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return Status::Ok();
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      return UnavailableError(fmt::format("producing to {}: {}", topic, rd_kafka_err2str(err)));
    }
    // The producer's queue is full: wait for deliveries (back-pressure on the input).
    rd_kafka_poll(producer_.get(), 100);
  }
}

void Worker::Impl::Delivered(const rd_kafka_message_t& message) {
  const auto sequence = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(message._private));
  auto it = in_flight_.find(sequence);
  if (it == in_flight_.end()) return;
  const bool current = it->second.generation == generation_[it->second.partition];
  if (message.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    // The producer gave up (message.timeout.ms). The record stays in flight: its offset is not
    // committed and the worker stops, so that the partition's next owner screens it again. A
    // record of a partition revoked since is read again by its new owner anyway.
    delivery_failures_.fetch_add(1, std::memory_order_relaxed);
    if (!current) {
      in_flight_.erase(it);
      return;
    }
    if (delivery_error_.ok()) {
      delivery_error_ = UnavailableError(
          fmt::format("the result of {}/{}@{} was not delivered: {}", options_.input_topic,
                      it->second.partition, it->second.offset, rd_kafka_err2str(message.err)));
    }
    return;
  }
  const bool to_alerts =
      !options_.alerts_topic.empty() && options_.alerts_topic == rd_kafka_topic_name(message.rkt);
  (to_alerts ? alerts_out_ : results_out_).fetch_add(1, std::memory_order_relaxed);
  if (current) tracker_.Acknowledged(it->second.partition, it->second.offset);
  if (--it->second.remaining == 0) in_flight_.erase(it);
}

void Worker::Impl::Rebalance(rd_kafka_t* consumer, rd_kafka_resp_err_t err,
                             rd_kafka_topic_partition_list_t* partitions) {
  rebalances_.fetch_add(1, std::memory_order_relaxed);
  const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(consumer), "COOPERATIVE") == 0;
  std::string names;
  for (int idx = 0; idx < partitions->cnt; ++idx) {
    names += fmt::format("{}{}", idx ? "," : "", partitions->elems[idx].partition);
  }
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    Log(fmt::format("cordon stream: assigned partitions [{}] of {}", names, options_.input_topic));
    for (int idx = 0; idx < partitions->cnt; ++idx)
      assigned_.insert(partitions->elems[idx].partition);
    assigned_count_.store(assigned_.size(), std::memory_order_relaxed);
    if (cooperative) {
      if (rd_kafka_error_t* error = rd_kafka_incremental_assign(consumer, partitions)) {
        Log(std::string("cordon stream: assign: ") + rd_kafka_error_string(error));
        rd_kafka_error_destroy(error);
      }
    } else {
      rd_kafka_assign(consumer, partitions);
    }
    return;
  }
  // Revoked (or lost): deliver what is in flight and commit what is acknowledged while the
  // partitions are still ours, then forget them. A record whose result was not acknowledged by
  // then is screened again by the next owner: a duplicate, never a loss.
  Log(fmt::format("cordon stream: partitions [{}] revoked; committing what is acknowledged",
                  names));
  rd_kafka_flush(producer_.get(), flush_timeout_ms_);
  // A stopping worker has committed already, just before closing.
  if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS && !rd_kafka_assignment_lost(consumer) &&
      !closing_) {
    Commit(/*synchronous=*/true);
  }
  for (int idx = 0; idx < partitions->cnt; ++idx) {
    const int32_t partition = partitions->elems[idx].partition;
    tracker_.Forget(partition);
    committed_.erase(partition);
    assigned_.erase(partition);
    ++generation_[partition];
    assigned_count_.store(assigned_.size(), std::memory_order_relaxed);
    std::lock_guard lock(lag_mutex_);
    lag_.erase(partition);
  }
  if (cooperative) {
    if (rd_kafka_error_t* error = rd_kafka_incremental_unassign(consumer, partitions)) {
      rd_kafka_error_destroy(error);
    }
  } else {
    rd_kafka_assign(consumer, nullptr);
  }
}

void Worker::Impl::Commit(bool synchronous) {
  PartitionList offsets(rd_kafka_topic_partition_list_new(4));
  for (int32_t partition : tracker_.partitions()) {
    const std::optional<int64_t> offset = tracker_.Committable(partition);
    if (!offset) continue;
    auto last = committed_.find(partition);
    if (!synchronous && last != committed_.end() && last->second == *offset) continue;
    rd_kafka_topic_partition_list_add(offsets.get(), options_.input_topic.c_str(), partition)
        ->offset = *offset;
    committed_[partition] = *offset;
  }
  if (offsets->cnt == 0) return;
  if (!synchronous) {
    // Reported to OnCommit; a failed one is repeated by the next synchronous commit (revoke,
    // stop), and until then the partition's next owner merely reads more again.
    rd_kafka_commit(consumer_.get(), offsets.get(), /*async=*/1);
    return;
  }
  // Waited for on a queue of its own, with a deadline: rd_kafka_commit's own synchronous form
  // waits for as long as the group coordinator is unreachable, and a stopping worker must stop.
  rd_kafka_queue_t* queue = rd_kafka_queue_new(consumer_.get());
  rd_kafka_resp_err_t err = rd_kafka_commit_queue(consumer_.get(), offsets.get(), queue,
                                                  /*cb=*/nullptr, /*opaque=*/nullptr);
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    rd_kafka_event_t* event = rd_kafka_queue_poll(queue, kCommitTimeoutMs);
    err = event == nullptr ? RD_KAFKA_RESP_ERR__TIMED_OUT : rd_kafka_event_error(event);
    if (event != nullptr) rd_kafka_event_destroy(event);
  }
  rd_kafka_queue_destroy(queue);
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    commits_.fetch_add(1, std::memory_order_relaxed);
  } else {
    commit_failures_.fetch_add(1, std::memory_order_relaxed);
    Log(fmt::format("cordon stream: commit failed: {}", rd_kafka_err2str(err)));
  }
}

void Worker::Impl::Statistics(std::string_view json) {
  // librdkafka's own per-partition consumer_lag: the high watermark less the committed offset.
  // Offsets are committed only once results are acknowledged, so this counts every record
  // whose result is not yet safely out, read or not: the backlog a takeover would redo.
  const nlohmann::json stats = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!stats.is_object()) return;
  std::map<int32_t, int64_t> lag;
  const nlohmann::json* partitions = nullptr;
  if (auto topics = stats.find("topics"); topics != stats.end() && topics->is_object()) {
    if (auto topic = topics->find(options_.input_topic);
        topic != topics->end() && topic->contains("partitions")) {
      partitions = &(*topic)["partitions"];
    }
  }
  if (partitions != nullptr && partitions->is_object()) {
    for (const auto& [name, partition] : partitions->items()) {
      const int64_t id = partition.value("partition", int64_t{-1});
      const int64_t consumer_lag = partition.value("consumer_lag", int64_t{-1});
      if (id < 0 || consumer_lag < 0 || !assigned_.contains(static_cast<int32_t>(id))) continue;
      lag[static_cast<int32_t>(id)] = consumer_lag;
    }
  }
  std::lock_guard lock(lag_mutex_);
  lag_ = std::move(lag);
}

void Worker::Impl::Report(Clock::time_point now) {
  const WorkerCounters c = Counters();
  const double seconds = SecondsBetween(last_report_, now);
  const double rate =
      seconds > 0 ? static_cast<double>(c.records_in - records_at_last_report_) / seconds : 0.0;
  Log(fmt::format(
      "cordon stream: {} records in, {} results out, {} alerts, {} errors; {:.0f} records/s; "
      "lag {} over {} partitions; {} in flight",
      c.records_in, c.results_out, c.alerts_out, c.errors, rate, c.lag, c.assigned_partitions,
      tracker_.in_flight()));
  last_report_ = now;
  records_at_last_report_ = c.records_in;
}

void Worker::Impl::Log(const std::string& line) {
  std::lock_guard lock(log_mutex_);
  *log_ << line << '\n';
  log_->flush();
}

WorkerCounters Worker::Impl::Counters() const {
  WorkerCounters c;
  c.records_in = records_in_.load(std::memory_order_relaxed);
  c.results_out = results_out_.load(std::memory_order_relaxed);
  c.alerts_out = alerts_out_.load(std::memory_order_relaxed);
  c.errors = errors_.load(std::memory_order_relaxed);
  c.commits = commits_.load(std::memory_order_relaxed);
  c.snapshot_swaps = snapshot_swaps_.load(std::memory_order_relaxed);
  std::lock_guard lock(lag_mutex_);
  for (const auto& [partition, lag] : lag_) c.lag += lag;
  c.assigned_partitions = assigned_count_.load(std::memory_order_relaxed);
  return c;
}

std::string Worker::Impl::MetricsText() const {
  std::string out;
  auto metric = [&out](std::string_view name, std::string_view type, std::string_view help,
                       uint64_t value) {
    out += fmt::format("# HELP {0} {1}\n# TYPE {0} {2}\n{0} {3}\n", name, help, type, value);
  };
  auto load = [](const std::atomic<uint64_t>& counter) {
    return counter.load(std::memory_order_relaxed);
  };
  metric("cordon_stream_records_in_total", "counter", "Records read from the input topic.",
         load(records_in_));
  metric("cordon_stream_results_out_total", "counter",
         "Results acknowledged on the output topic (error results included).", load(results_out_));
  metric("cordon_stream_alerts_out_total", "counter", "Results acknowledged on the alerts topic.",
         load(alerts_out_));
  metric("cordon_stream_record_errors_total", "counter",
         "Records that could not be screened (an error result was produced).", load(errors_));
  metric("cordon_stream_delivery_failures_total", "counter",
         "Results the producer could not deliver.", load(delivery_failures_));
  metric("cordon_stream_commits_total", "counter", "Offset commits that succeeded.",
         load(commits_));
  metric("cordon_stream_commit_failures_total", "counter", "Offset commits that failed.",
         load(commit_failures_));
  metric("cordon_stream_rebalances_total", "counter", "Partition assignments and revocations.",
         load(rebalances_));
  metric("cordon_stream_snapshot_swaps_total", "counter", "New list versions taken up.",
         load(snapshot_swaps_));
  out += fmt::format(
      "# HELP cordon_stream_screen_seconds_total Time spent screening records.\n"
      "# TYPE cordon_stream_screen_seconds_total counter\n"
      "cordon_stream_screen_seconds_total {:.6f}\n",
      static_cast<double>(load(screen_nanos_)) / 1e9);
  out +=
      "# HELP cordon_stream_consumer_lag Records of an assigned input partition not yet read.\n"
      "# TYPE cordon_stream_consumer_lag gauge\n";
  std::lock_guard lock(lag_mutex_);
  for (const auto& [partition, lag] : lag_) {
    out += fmt::format("cordon_stream_consumer_lag{{topic=\"{}\",partition=\"{}\"}} {}\n",
                       options_.input_topic, partition, lag);
  }
  out += fmt::format(
      "# HELP cordon_stream_assigned_partitions Input partitions assigned to this worker.\n"
      "# TYPE cordon_stream_assigned_partitions gauge\n"
      "cordon_stream_assigned_partitions {}\n",
      assigned_count_.load(std::memory_order_relaxed));
  return out;
}

void Worker::Impl::CloseConsumer() {
  closing_ = true;
  // rd_kafka_consumer_close waits for the group for as long as the coordinator is unreachable;
  // the queue form lets a stopping worker give up after kCloseTimeoutMs (the group then drops
  // it after its session timeout, and what it committed stands).
  rd_kafka_queue_t* queue = rd_kafka_queue_new(consumer_.get());
  if (rd_kafka_error_t* error = rd_kafka_consumer_close_queue(consumer_.get(), queue)) {
    Log(std::string("cordon stream: closing the consumer: ") + rd_kafka_error_string(error));
    rd_kafka_error_destroy(error);
  } else {
    const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(kCloseTimeoutMs);
    while (!rd_kafka_consumer_closed(consumer_.get()) && Clock::now() < deadline) {
      rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 100);
      if (event == nullptr) continue;
      if (rd_kafka_event_type(event) == RD_KAFKA_EVENT_REBALANCE) {
        Rebalance(consumer_.get(), rd_kafka_event_error(event),
                  rd_kafka_event_topic_partition_list(event));
      }
      rd_kafka_event_destroy(event);
    }
    if (!rd_kafka_consumer_closed(consumer_.get())) {
      Log("cordon stream: the group did not answer; leaving without it");
    }
  }
  rd_kafka_queue_destroy(queue);
}

void Worker::Impl::Shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (store_thread_.joinable()) store_thread_.join();
  if (metrics_server_) metrics_server_->stop();
  if (metrics_thread_.joinable()) metrics_thread_.join();
  // The consumer first: closing it may still call Rebalance, which uses the producer.
  if (consumer_) {
    if (!closing_) CloseConsumer();
    // Closed, or given up on: destroying must not wait for the group a second time.
    rd_kafka_destroy_flags(consumer_.release(), RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
  }
  if (producer_) {
    rd_kafka_flush(producer_.get(), flush_timeout_ms_);
    producer_.reset();
  }
}

Result<std::unique_ptr<Worker>> Worker::Start(StreamOptions options) {
  auto impl = std::make_unique<Impl>(std::move(options));
  RETURN_IF_ERROR(impl->Start());
  return std::unique_ptr<Worker>(new Worker(std::move(impl)));
}

Worker::Worker(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Worker::~Worker() = default;

Status Worker::Run(const std::function<bool()>& stop_requested) {
  return impl_->Run(stop_requested);
}
WorkerCounters Worker::counters() const { return impl_->Counters(); }
std::string Worker::MetricsText() const { return impl_->MetricsText(); }
int Worker::metrics_port() const { return impl_->metrics_port(); }

}  // namespace cordon::stream
