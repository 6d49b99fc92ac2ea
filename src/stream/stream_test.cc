// The stream worker against librdkafka's mock cluster of three brokers, in process: results
// with ids, versions and input coordinates, error results, payments and shipments, and offsets
// committed only once results are delivered. Lists: the bundled UN and OFAC SDN lists.
#include "stream/stream.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "store/testing/bundled_lists.h"
#include "stream/results.h"

namespace cordon::stream {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// The stores of every test: the UN list and the May 2024 OFAC SDN list; the UN list alone.
class ListsEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cordon_stream_test_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Result<std::unique_ptr<store::Store>> store = store::Store::Open(db_path());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store::testing::IngestBundled(**store, {"un/UN_consolidated.xml.zst"});
    store::testing::IngestBundled(**store, store::testing::kSdn2024);
    Result<std::shared_ptr<const screening::Snapshot>> snapshot =
        screening::Snapshot::Build(**store, {});
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    snapshot_ = std::move(*snapshot);
    // The workers' store: the UN list alone, so that each worker's index builds quickly (under
    // the sanitizers too); what matches what is RecordScreenerTest's business.
    Result<std::unique_ptr<store::Store>> small = store::Store::Open(small_db_path());
    ASSERT_TRUE(small.ok()) << small.status().ToString();
    store::testing::IngestBundled(**small, {"un/UN_consolidated.xml.zst"});
  }
  void TearDown() override {
    snapshot_.reset();
    fs::remove_all(dir_);
  }
  std::string db_path() const { return (dir_ / "cordon.db").string(); }
  std::string small_db_path() const { return (dir_ / "un.db").string(); }
  const std::shared_ptr<const screening::Snapshot>& snapshot() const { return snapshot_; }

 private:
  fs::path dir_;
  std::shared_ptr<const screening::Snapshot> snapshot_;
};

ListsEnvironment* lists = static_cast<ListsEnvironment*>(
    ::testing::AddGlobalTestEnvironment(new ListsEnvironment));  // gtest owns it

// Real listed names: a UN-listed company, a bank on the SDN list by its BIC (HAVIN BANK
// LIMITED, SWIFT/BIC HAVIGB2L) and an SDN-listed Russian company (RADIOAVTOMATIKA, 35348).
constexpr std::string_view kListedCustomer =
    R"({"kind":"customer","id":"c-1","schema":"Company","properties":{"name":["Congomet Trading House"]}})";
constexpr std::string_view kClearCustomer =
    R"({"kind":"customer","id":"c-2","schema":"Person","properties":{"name":["Margarethe Vollständig-Unbekannt"],"birthDate":["1961-03-04"]}})";
constexpr std::string_view kPayment =
    R"({"kind":"payment","id":"p-1","amount":1250.5,"currency":"EUR","ordering":{"name":"Rheinland Elektronik GmbH","country":"DE"},"beneficiary":{"name":"Acme Handels AG","country":"CH"},"beneficiary_bank":{"name":"Havin Bank","bic":"HAVIGB2L"}})";
constexpr std::string_view kShipment =
    R"({"kind":"shipment","id":"s-1","date":"2023-03-01","exporter":{"name":"Rheinland Elektronik GmbH","country":"DE"},"consignee":{"name":"Radioavtomatika","country":"RU"},"route":["DE","RU"],"declared_destination":"RU","goods":[{"hs":"8542.31","description":"processors","value":50000,"currency":"EUR","quantity":100,"unit":"pcs","origin":"DE"}]})";

// ---------------------------------------------------------------------------------------------
// One record's result, without Kafka.

class RecordScreenerTest : public ::testing::Test {
 protected:
  static Json ScreenOne(std::string_view value, int64_t offset = 7) {
    RecordScreener screener(lists->snapshot(), {});
    const RecordResult result =
        screener.Screen(value, {.topic = "in", .partition = 2, .offset = offset});
    Json parsed = Json::parse(result.json, nullptr, false);
    EXPECT_TRUE(parsed.is_object()) << result.json;
    EXPECT_EQ(result.error, parsed.contains("error")) << result.json;
    parsed["__alert"] = result.alert;
    return parsed;
  }
};

TEST_F(RecordScreenerTest, ACustomerCarriesItsIdVersionsAndInputCoordinates) {
  const Json result = ScreenOne(kListedCustomer);
  EXPECT_EQ(result["id"], "c-1");
  EXPECT_EQ(result["kind"], "customer");
  EXPECT_EQ(result["input"], (Json{{"topic", "in"}, {"partition", 2}, {"offset", 7}}));
  ASSERT_EQ(result["versions"].size(), 2u);
  EXPECT_EQ(result["versions"][0]["source"], "un_sc");
  ASSERT_FALSE(result["matches"].empty());
  EXPECT_TRUE(result["matches"][0]["id"].get<std::string>().starts_with("un_sc:"));
  EXPECT_TRUE(result["__alert"]);
}

TEST_F(RecordScreenerTest, AClearCustomerHasNoMatchesAndRaisesNoAlert) {
  const Json result = ScreenOne(kClearCustomer);
  EXPECT_EQ(result["id"], "c-2");
  EXPECT_TRUE(result["matches"].empty());
  EXPECT_FALSE(result["__alert"]);
}

TEST_F(RecordScreenerTest, BadInputGivesAnErrorResultInTheSameEnvelope) {
  for (std::string_view bad :
       {std::string_view("{not json"), std::string_view("[1,2]"), std::string_view(""),
        std::string_view(R"({"kind":"invoice","id":"x-1"})"),
        std::string_view(R"({"id":"x-2","name":"no kind"})"),
        std::string_view(R"({"kind":"customer","id":"x-3","properties":{}})"),
        std::string_view(R"({"kind":"payment","id":"x-4","ordering":"just a string"})"),
        std::string_view(R"({"kind":"payment","id":"x-5"})")}) {
    const Json result = ScreenOne(bad, 99);
    ASSERT_TRUE(result.contains("error")) << bad;
    EXPECT_FALSE(result["error"].get<std::string>().empty());
    EXPECT_EQ(result["input"]["offset"], 99) << bad;
    EXPECT_TRUE(result["versions"].is_array());
    EXPECT_FALSE(result["__alert"]);
  }
  EXPECT_EQ(ScreenOne(R"({"kind":"invoice","id":"x-1"})")["id"], "x-1");
}

TEST_F(RecordScreenerTest, APaymentScreensEachPartyAndItsBanks) {
  const Json result = ScreenOne(kPayment);
  EXPECT_EQ(result["id"], "p-1");
  EXPECT_EQ(result["amount"], 1250.5);
  ASSERT_EQ(result["parties"].size(), 3u);
  EXPECT_EQ(result["parties"][0]["role"], "ordering");
  EXPECT_EQ(result["parties"][2]["role"], "beneficiary_bank");
  const Json& bank_matches = result["parties"][2]["matches"];
  ASSERT_FALSE(bank_matches.empty());
  EXPECT_TRUE(bank_matches[0]["id"].get<std::string>().starts_with("us_ofac_sdn:"))
      << bank_matches[0]["id"];
  EXPECT_TRUE(result["match"]);
  EXPECT_TRUE(result["__alert"]);
}

TEST_F(RecordScreenerTest, AShipmentIsAssessedByTheTradeScreener) {
  const Json result = ScreenOne(kShipment);
  EXPECT_EQ(result["id"], "s-1");
  EXPECT_EQ(result["kind"], "shipment");
  EXPECT_EQ(result["level"], "high") << result.dump();
  bool listed_party = false;
  for (const Json& finding : result["findings"]) listed_party |= finding["code"] == "listed_party";
  EXPECT_TRUE(listed_party) << result["findings"].dump();
  EXPECT_TRUE(result["__alert"]);
}

// ---------------------------------------------------------------------------------------------
// The worker in a consumer group on the mock cluster.

struct HandleDeleter {
  void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }
};
using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;

Handle NewClient(rd_kafka_type_t type, const std::map<std::string, std::string>& properties) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512];
  for (const auto& [name, value] : properties) {
    EXPECT_EQ(rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof(error)),
              RD_KAFKA_CONF_OK)
        << error;
  }
  rd_kafka_t* handle = rd_kafka_new(type, conf, error, sizeof(error));
  if (handle == nullptr) {
    rd_kafka_conf_destroy(conf);
    ADD_FAILURE() << error;
  }
  return Handle(handle);
}

class StreamWorkerTest : public ::testing::Test {
 protected:
  static constexpr int kInputPartitions = 4;

  void SetUp() override {
    mock_handle_ = NewClient(RD_KAFKA_PRODUCER, {{"log_level", "3"}});
    ASSERT_NE(mock_handle_, nullptr);
    cluster_ = rd_kafka_mock_cluster_new(mock_handle_.get(), 3);
    ASSERT_NE(cluster_, nullptr);
    brokers_ = rd_kafka_mock_cluster_bootstraps(cluster_);
    ASSERT_EQ(rd_kafka_mock_topic_create(cluster_, "in", kInputPartitions, 3), 0);
    ASSERT_EQ(rd_kafka_mock_topic_create(cluster_, "out", 2, 3), 0);
    ASSERT_EQ(rd_kafka_mock_topic_create(cluster_, "alerts", 1, 3), 0);
  }
  void TearDown() override {
    // A test that ends early still stops its worker; the status was checked by the test if it
    // got that far.
    (void)StopWorker();
    if (cluster_ != nullptr) rd_kafka_mock_cluster_destroy(cluster_);
    mock_handle_.reset();
  }

  StreamOptions Options() const {
    return {.brokers = brokers_,
            .group = "screening",
            .input_topic = "in",
            .output_topic = "out",
            .alerts_topic = "alerts",
            .db_path = lists->small_db_path(),
            .metrics_port = 0,
            .kafka_config = {{"session.timeout.ms", "3000"},
                             {"heartbeat.interval.ms", "300"},
                             {"reconnect.backoff.max.ms", "500"},
                             {"log_level", "3"}},
            .commit_interval = std::chrono::milliseconds(100)};
  }

  void StartWorker(StreamOptions options) {
    Result<std::unique_ptr<Worker>> worker = Worker::Start(std::move(options));
    ASSERT_TRUE(worker.ok()) << worker.status().ToString();
    worker_ = std::move(*worker);
    stop_ = false;
    run_thread_ =
        std::thread([this] { run_status_ = worker_->Run([this] { return stop_.load(); }); });
  }
  Status StopWorker() {
    stop_ = true;
    if (run_thread_.joinable()) run_thread_.join();
    worker_.reset();
    return run_status_;
  }

  // Produces (key, value) pairs to `topic` and waits until every one is acknowledged.
  void Produce(const std::string& topic,
               const std::vector<std::pair<std::string, std::string>>& records) {
    Handle producer = NewClient(RD_KAFKA_PRODUCER, {{"bootstrap.servers", brokers_}});
    for (const auto& [key, value] : records) {
      ASSERT_EQ(rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()),
                                  RD_KAFKA_V_KEY(key.data(), key.size()),
                                  RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                                  RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
                RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    ASSERT_EQ(rd_kafka_flush(producer.get(), 10'000), RD_KAFKA_RESP_ERR_NO_ERROR);
  }

  // Reads `topic` from the beginning until `want` messages arrived or `timeout` passed:
  // (key, parsed value) pairs.
  std::vector<std::pair<std::string, Json>> Consume(const std::string& topic, size_t want,
                                                    std::chrono::seconds timeout) {
    // Assigned, not subscribed: no group to join, so reading starts at once.
    Handle consumer = NewClient(
        RD_KAFKA_CONSUMER,
        {{"bootstrap.servers", brokers_}, {"group.id", "reader"}, {"enable.auto.commit", "false"}});
    rd_kafka_poll_set_consumer(consumer.get());
    const int partitions = topic == "out" ? 2 : 1;  // as SetUp and the tests create them
    rd_kafka_topic_partition_list_t* assignment = rd_kafka_topic_partition_list_new(partitions);
    for (int partition = 0; partition < partitions; ++partition) {
      rd_kafka_topic_partition_list_add(assignment, topic.c_str(), partition)->offset =
          RD_KAFKA_OFFSET_BEGINNING;
    }
    EXPECT_EQ(rd_kafka_assign(consumer.get(), assignment), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_topic_partition_list_destroy(assignment);
    std::vector<std::pair<std::string, Json>> out;
    const Clock::time_point deadline = Clock::now() + timeout;
    while (out.size() < want && Clock::now() < deadline) {
      rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer.get(), 100);
      if (message == nullptr) continue;
      if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        out.emplace_back(
            std::string(static_cast<const char*>(message->key), message->key_len),
            Json::parse(std::string_view(static_cast<const char*>(message->payload), message->len),
                        nullptr, false));
      }
      rd_kafka_message_destroy(message);
    }
    rd_kafka_consumer_close(consumer.get());
    return out;
  }

  // The group's committed offset of each input partition (-1001: none).
  std::vector<int64_t> Committed() {
    Handle consumer =
        NewClient(RD_KAFKA_CONSUMER, {{"bootstrap.servers", brokers_}, {"group.id", "screening"}});
    rd_kafka_topic_partition_list_t* partitions =
        rd_kafka_topic_partition_list_new(kInputPartitions);
    for (int partition = 0; partition < kInputPartitions; ++partition) {
      rd_kafka_topic_partition_list_add(partitions, "in", partition);
    }
    std::vector<int64_t> offsets(kInputPartitions, RD_KAFKA_OFFSET_INVALID);
    if (rd_kafka_committed(consumer.get(), partitions, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      for (int idx = 0; idx < partitions->cnt; ++idx) {
        offsets[static_cast<size_t>(partitions->elems[idx].partition)] =
            partitions->elems[idx].offset;
      }
    }
    rd_kafka_topic_partition_list_destroy(partitions);
    rd_kafka_consumer_close(consumer.get());
    return offsets;
  }
  static int64_t Total(const std::vector<int64_t>& offsets) {
    int64_t total = 0;
    for (int64_t offset : offsets) total += std::max<int64_t>(0, offset);
    return total;
  }

  Handle mock_handle_;
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
  std::string brokers_;
  std::unique_ptr<Worker> worker_;
  std::thread run_thread_;
  std::atomic<bool> stop_{false};
  Status run_status_;
};

TEST_F(StreamWorkerTest, ScreensEveryKindToTheOutputTopicKeyedLikeTheInput) {
  std::vector<std::pair<std::string, std::string>> records = {
      {"k-listed", std::string(kListedCustomer)},
      {"k-clear", std::string(kClearCustomer)},
      {"k-bad", "{this is not json"},
      {"k-payment", std::string(kPayment)},
      {"k-shipment", std::string(kShipment)},
  };
  Produce("in", records);
  StartWorker(Options());
  const auto results = Consume("out", records.size(), std::chrono::seconds(30));
  ASSERT_EQ(results.size(), records.size());
  std::map<std::string, Json> by_key;
  for (const auto& [key, result] : results) by_key[key] = result;
  EXPECT_EQ(by_key["k-listed"]["id"], "c-1");
  EXPECT_FALSE(by_key["k-listed"]["matches"].empty());
  EXPECT_EQ(by_key["k-clear"]["id"], "c-2");
  EXPECT_TRUE(by_key["k-bad"]["error"].is_string());
  EXPECT_EQ(by_key["k-payment"]["id"], "p-1");
  EXPECT_TRUE(by_key["k-shipment"]["level"].is_string());
  std::set<std::string> alerting;  // the results the alerts topic must also have
  for (const auto& [key, result] : by_key) {
    EXPECT_EQ(result["input"]["topic"], "in") << key;
    EXPECT_GE(result["input"]["offset"], 0) << key;
    EXPECT_EQ(result["versions"].size(), 1u) << key;
    const std::string level = result.value("level", "");
    if ((result.contains("matches") && !result["matches"].empty()) ||
        result.value("match", false) || level == "high" || level == "medium") {
      alerting.insert(result["id"].get<std::string>());
    }
  }
  EXPECT_TRUE(alerting.contains("c-1"));  // Congomet Trading House, on the UN list
  EXPECT_FALSE(alerting.contains("c-2"));
  std::set<std::string> alert_ids;
  for (const auto& [key, alert] : Consume("alerts", alerting.size(), std::chrono::seconds(10))) {
    alert_ids.insert(alert["id"].get<std::string>());
  }
  EXPECT_EQ(alert_ids, alerting);

  // Everything was acknowledged: the group's offsets cover every input record.
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(10);
  while (Total(Committed()) < static_cast<int64_t>(records.size()) && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(Total(Committed()), static_cast<int64_t>(records.size()));
  // The lag, from librdkafka's statistics (every second): nothing left on any partition.
  // Every partition's figure must have come in, not the last one alone: under the sanitizers
  // the statistics of one partition can trail another's.
  const Clock::time_point stats_deadline = Clock::now() + std::chrono::seconds(20);
  while ((worker_->counters().lag != 0 ||
          worker_->MetricsText().find("partition=\"0\"} 0") == std::string::npos ||
          worker_->MetricsText().find("partition=\"3\"} 0") == std::string::npos) &&
         Clock::now() < stats_deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(worker_->counters().assigned_partitions, 4u);
  EXPECT_EQ(worker_->counters().lag, 0);
  const std::string metrics = worker_->MetricsText();
  EXPECT_NE(metrics.find("cordon_stream_consumer_lag{topic=\"in\",partition=\"0\"} 0"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("cordon_stream_records_in_total 5"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("cordon_stream_record_errors_total 1"), std::string::npos) << metrics;
  EXPECT_TRUE(StopWorker().ok());
}

TEST_F(StreamWorkerTest, OffsetsAreCommittedOnlyAfterTheResultsAreDelivered) {
  // The output topic's only partition leads on broker 1, which goes down: the worker reads and
  // screens, but no result is acknowledged, so nothing may be committed.
  ASSERT_EQ(rd_kafka_mock_topic_create(cluster_, "held", 1, 1), 0);
  ASSERT_EQ(rd_kafka_mock_partition_set_leader(cluster_, "held", 0, 1), 0);
  for (int partition = 0; partition < kInputPartitions; ++partition) {
    ASSERT_EQ(rd_kafka_mock_partition_set_leader(cluster_, "in", partition, 2), 0);
  }
  ASSERT_EQ(rd_kafka_mock_coordinator_set(cluster_, "group", "screening", 3), 0);
  std::vector<std::pair<std::string, std::string>> records;
  for (int record_idx = 0; record_idx < 8; ++record_idx) {
    records.emplace_back("k" + std::to_string(record_idx), std::string(kClearCustomer));
  }
  Produce("in", records);
  ASSERT_EQ(rd_kafka_mock_broker_set_down(cluster_, 1), 0);
  StreamOptions options = Options();
  options.output_topic = "held";
  options.alerts_topic = "";
  StartWorker(options);
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(30);
  while (worker_->counters().records_in < records.size() && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(worker_->counters().records_in, records.size());
  std::this_thread::sleep_for(std::chrono::seconds(1));  // several commit intervals
  EXPECT_EQ(worker_->counters().results_out, 0u);
  EXPECT_EQ(Total(Committed()), 0);

  ASSERT_EQ(rd_kafka_mock_broker_set_up(cluster_, 1), 0);
  const Clock::time_point up_deadline = Clock::now() + std::chrono::seconds(30);
  while (Total(Committed()) < static_cast<int64_t>(records.size()) && Clock::now() < up_deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(worker_->counters().results_out, records.size());
  EXPECT_EQ(Total(Committed()), static_cast<int64_t>(records.size()));
  EXPECT_TRUE(StopWorker().ok());
}

TEST_F(StreamWorkerTest, NewListVersionsInTheStoreAreTakenUpWhileRunning) {
  // A store of its own: a copy of the suite's, to which the EU list is added while the worker
  // runs, as `cordon ingest` in another process would.
  const fs::path db =
      fs::temp_directory_path() / ("cordon_stream_swap_" + std::to_string(getpid()) + ".db");
  fs::copy_file(lists->small_db_path(), db, fs::copy_options::overwrite_existing);
  StreamOptions options = Options();
  options.db_path = db.string();
  options.store_poll_interval = std::chrono::milliseconds(200);
  StartWorker(options);
  Produce("in", {{"before", std::string(kClearCustomer)}});
  ASSERT_EQ(Consume("out", 1, std::chrono::seconds(30)).size(), 1u);
  {
    Result<std::unique_ptr<store::Store>> store = store::Store::Open(db.string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store::testing::IngestBundled(**store, {"eu/EUSanctionsShort.csv.zst"});
  }
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(30);
  while (worker_->counters().snapshot_swaps == 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(worker_->counters().snapshot_swaps, 1u);
  Produce("in", {{"after", std::string(kClearCustomer)}});
  std::map<std::string, size_t> versions_by_key;
  for (const auto& [key, result] : Consume("out", 2, std::chrono::seconds(30))) {
    versions_by_key[key] = result["versions"].size();
  }
  EXPECT_EQ(versions_by_key["before"], 1u);
  EXPECT_EQ(versions_by_key["after"], 2u);  // the EU list too
  EXPECT_TRUE(StopWorker().ok());
  fs::remove(db);
}

TEST_F(StreamWorkerTest, OptionsThatCannotWorkAreRefused) {
  StreamOptions loop = Options();
  loop.output_topic = "in";
  EXPECT_EQ(Worker::Start(loop).status().code(), StatusCode::kInvalidArgument);
  StreamOptions no_group = Options();
  no_group.group = "";
  EXPECT_EQ(Worker::Start(no_group).status().code(), StatusCode::kInvalidArgument);
  StreamOptions bad_property = Options();
  bad_property.kafka_config.emplace_back("no.such.property", "1");
  EXPECT_EQ(Worker::Start(bad_property).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cordon::stream
