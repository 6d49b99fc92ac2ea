#include "monitor/webhooks.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <filesystem>
#include <mutex>
#include <thread>

#include "base/file.h"
#include "store/testing/bundled_lists.h"

namespace cordon::monitor {
namespace {

// A store file holding the UN list and a monitor over it, removed with the fixture.
struct UnListMonitor {
  explicit UnListMonitor(const std::string& name)
      : path((std::filesystem::temp_directory_path() /
              (name + "_" + std::to_string(::getpid()) + ".db"))
                 .string()) {
    std::filesystem::remove(path);
    store = std::move(store::Store::Open(path).value());
    store::testing::IngestBundled(*store, {"un/UN_consolidated.xml.zst"});
    monitor = std::move(Monitor::Open(path, store::OpenMode::kReadWrite).value());
  }
  ~UnListMonitor() {
    monitor.reset();
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  std::string path;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Monitor> monitor;
};

TEST(WebhooksTest, HmacMatchesRfc4231) {
  // RFC 4231, test case 2.
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhooksTest, RetryDelayBacksOffToAnHour) {
  EXPECT_EQ(RetryDelay(1), 2);
  EXPECT_EQ(RetryDelay(3), 8);
  EXPECT_EQ(RetryDelay(11), 2048);
  EXPECT_EQ(RetryDelay(40), 3600);
}

// A receiver that fails the first request, then accepts: the alert arrives signed, is retried
// with the same idempotency key, and is delivered once accepted.
TEST(WebhooksTest, DeliversSignedAlertsAtLeastOnceWithRetries) {
  UnListMonitor fixture("webhooks_test");
  const std::string& path = fixture.path;
  store::Store* store = fixture.store.get();
  Monitor* monitor = fixture.monitor.get();

  std::mutex mutex;
  std::vector<httplib::Request> received;
  httplib::Server receiver;
  receiver.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    received.push_back(req);
    res.status = received.size() == 1 ? 500 : 204;
  });
  const int port = receiver.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { receiver.listen_after_bind(); });
  while (!receiver.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  Result<Webhook> hook =
      monitor->AddWebhook(fmt::format("http://127.0.0.1:{}/hook", port), "s3cret");
  ASSERT_TRUE(hook.ok()) << hook.status().ToString();
  EXPECT_EQ(monitor->AddWebhook("ftp://x", "").status().code(), StatusCode::kInvalidArgument);

  match::Query qusay{.id = "k1", .names = {"Qusay Saddam Hussein al-Tikriti"}};
  qusay.schema = model::Schema::kPerson;
  ASSERT_TRUE(monitor->LoadBook("b", "f", {qusay}, std::nullopt).ok());
  Result<std::shared_ptr<const screening::Snapshot>> snapshot =
      screening::Snapshot::Build(*store, {});
  ASSERT_TRUE(snapshot.ok());
  Result<RescreenSummary> raised = monitor->Rescreen("b", **snapshot);
  ASSERT_TRUE(raised.ok());
  ASSERT_EQ(raised->new_alerts, 2);  // Qusay, and his father by three words

  WebhookDeliverer deliverer(CurlPoster());
  Result<DeliveryRound> first = deliverer.DeliverDue(*monitor);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->failed, 1u);  // the receiver's first answer is a 500
  EXPECT_EQ(first->delivered, 1u);
  EXPECT_THAT(first->errors[0], ::testing::HasSubstr("HTTP 500"));
  EXPECT_EQ(monitor->DeliveryBacklog()->first, 1);
  EXPECT_EQ(monitor->DeliveryBacklog()->second, 1);
  // Not due again until its back-off has passed.
  EXPECT_EQ(deliverer.DeliverDue(*monitor)->delivered, 0u);
  Result<DeliveryRound> retry = deliverer.DeliverDue(*monitor, 1000, "2999-01-01T00:00:00Z");
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->delivered, 1u);
  EXPECT_EQ(monitor->DeliveryBacklog()->first, 0);

  // A JSON-lines file as a sink: the alerts raised after it is added are appended.
  const std::string file = path + ".alerts.jsonl";
  std::filesystem::remove(file);
  ASSERT_TRUE(monitor->AddWebhook("file://" + file, "").ok());
  ASSERT_TRUE(
      monitor
          ->LoadBook("b", "f",
                     {qusay, match::Query{.id = "k2", .names = {"Saddam Hussein al-Tikriti"}}},
                     std::nullopt)
          .ok());
  ASSERT_TRUE(monitor->Rescreen("b", **snapshot).ok());
  Result<DeliveryRound> to_file = deliverer.DeliverDue(*monitor);
  ASSERT_TRUE(to_file.ok());
  Result<std::string> lines = ReadFile(file);
  ASSERT_TRUE(lines.ok());
  EXPECT_GE(std::count(lines->begin(), lines->end(), '\n'), 1);
  EXPECT_NE(lines->find("\"customer_id\":\"k2\""), std::string::npos) << *lines;
  std::filesystem::remove(file);

  receiver.stop();
  serving.join();
  ASSERT_GE(received.size(), 3u);  // and the second book version's alerts
  EXPECT_EQ(received[0].get_header_value("X-Cordon-Idempotency-Key"),
            received[2].get_header_value("X-Cordon-Idempotency-Key"));
  for (const httplib::Request& r : received) {
    EXPECT_EQ(r.get_header_value("X-Cordon-Signature"),
              "sha256=" + HmacSha256Hex("s3cret", r.body));
    const nlohmann::json alert = nlohmann::json::parse(r.body);
    EXPECT_EQ(alert["kind"], "new_match");
    EXPECT_EQ(r.get_header_value("X-Cordon-Alert-Id"), std::to_string(alert["id"].get<int>()));
  }
}

// A kafka:// webhook: the alerts are produced to the topic, keyed by alert, on a mock cluster.
TEST(WebhooksTest, DeliversToAKafkaTopic) {
  char error[512];
  std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)> mock_handle(
      rd_kafka_new(RD_KAFKA_PRODUCER, rd_kafka_conf_new(), error, sizeof error), &rd_kafka_destroy);
  ASSERT_TRUE(mock_handle) << error;
  rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(mock_handle.get(), 1);
  ASSERT_NE(cluster, nullptr);
  const std::string brokers = rd_kafka_mock_cluster_bootstraps(cluster);
  ASSERT_EQ(rd_kafka_mock_topic_create(cluster, "alerts", 1, 1), RD_KAFKA_RESP_ERR_NO_ERROR);

  {
    UnListMonitor fixture("webhooks_kafka_test");
    Monitor* monitor = fixture.monitor.get();
    EXPECT_EQ(monitor->AddWebhook("kafka://" + brokers, "").status().code(),
              StatusCode::kInvalidArgument);
    ASSERT_TRUE(monitor->AddWebhook("kafka://" + brokers + "/alerts", "").ok());
    match::Query qusay{.id = "k1", .names = {"Qusay Saddam Hussein al-Tikriti"}};
    ASSERT_TRUE(monitor->LoadBook("b", "f", {qusay}, std::nullopt).ok());
    std::shared_ptr<const screening::Snapshot> snapshot =
        screening::Snapshot::Build(*fixture.store, {}).value();
    ASSERT_EQ(monitor->Rescreen("b", *snapshot)->new_alerts, 2);
    Result<DeliveryRound> round = WebhookDeliverer(CurlPoster()).DeliverDue(*monitor);
    ASSERT_TRUE(round.ok()) << round.status().ToString();
    EXPECT_EQ(round->delivered, 2u) << (round->errors.empty() ? "" : round->errors[0]);
  }

  // Read the topic back from the start.
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  for (const auto& [name, value] :
       {std::pair<const char*, std::string>{"bootstrap.servers", brokers},
        {"group.id", "reader"},
        {"enable.auto.commit", "false"}}) {
    ASSERT_EQ(rd_kafka_conf_set(conf, name, value.c_str(), error, sizeof error), RD_KAFKA_CONF_OK);
  }
  std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)> consumer(
      rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error), &rd_kafka_destroy);
  ASSERT_TRUE(consumer) << error;
  rd_kafka_topic_partition_list_t* partitions = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(partitions, "alerts", 0)->offset = RD_KAFKA_OFFSET_BEGINNING;
  ASSERT_EQ(rd_kafka_assign(consumer.get(), partitions), RD_KAFKA_RESP_ERR_NO_ERROR);
  rd_kafka_topic_partition_list_destroy(partitions);
  std::vector<std::pair<std::string, std::string>> read;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (read.size() < 2 && std::chrono::steady_clock::now() < deadline) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer.get(), 200);
    if (m == nullptr) continue;
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      read.emplace_back(std::string(static_cast<const char*>(m->key), m->key_len),
                        std::string(static_cast<const char*>(m->payload), m->len));
    }
    rd_kafka_message_destroy(m);
  }
  rd_kafka_consumer_close(consumer.get());
  consumer.reset();
  rd_kafka_mock_cluster_destroy(cluster);
  ASSERT_EQ(read.size(), 2u);
  for (const auto& [key, value] : read) {
    const nlohmann::json alert = nlohmann::json::parse(value);
    EXPECT_EQ(key, "alert-" + std::to_string(alert["id"].get<int>()));
    EXPECT_EQ(alert["kind"], "new_match");
    EXPECT_EQ(alert["customer_id"], "k1");
  }
}

}  // namespace
}  // namespace cordon::monitor
