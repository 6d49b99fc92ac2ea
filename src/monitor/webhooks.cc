#include "monitor/webhooks.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <librdkafka/rdkafka.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <memory>

#include "store/ingest_files.h"

namespace cordon::monitor {
namespace {

std::string IsoAfter(int64_t seconds) {
  const std::time_t t = std::time(nullptr) + seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

// Produces `value` with `key` to kafka://HOST:PORT[,HOST:PORT]/TOPIC and waits for the broker's
// acknowledgement (acks=all, idempotent): "" when acknowledged, else why not.
std::string ProduceToKafka(const std::string& url, const std::string& key,
                           const std::string& value) {
  const std::string rest = url.substr(8);  // after "kafka://"
  const size_t slash = rest.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == rest.size()) {
    return "a Kafka webhook is kafka://HOST:PORT/TOPIC";
  }
  const std::string brokers = rest.substr(0, slash), topic = rest.substr(slash + 1);
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  for (const auto& [name, setting] :
       {std::pair<const char*, std::string>{"bootstrap.servers", brokers},
        {"enable.idempotence", "true"},
        {"message.timeout.ms", "10000"}}) {
    if (rd_kafka_conf_set(conf, name, setting.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return error;
    }
  }
  struct Outcome {
    bool done = false;
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  } outcome;
  rd_kafka_conf_set_opaque(conf, &outcome);
  rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
    auto* o = static_cast<Outcome*>(opaque);
    o->done = true;
    o->err = m->err;
  });
  std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)> producer(
      rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error), &rd_kafka_destroy);
  if (!producer) {
    rd_kafka_conf_destroy(conf);
    return error;
  }
  const rd_kafka_resp_err_t queued = rd_kafka_producev(
      producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_KEY(key.data(), key.size()),
      RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
      RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
  if (queued != RD_KAFKA_RESP_ERR_NO_ERROR) return rd_kafka_err2str(queued);
  rd_kafka_flush(producer.get(), 15000);
  if (!outcome.done) return "no acknowledgement from " + brokers;
  return outcome.err == RD_KAFKA_RESP_ERR_NO_ERROR ? "" : rd_kafka_err2str(outcome.err);
}

}  // namespace

std::string HmacSha256Hex(const std::string& secret, const std::string& body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest, &length);
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

int64_t RetryDelay(int64_t attempts) {
  if (attempts <= 0) return 1;
  if (attempts >= 12) return 3600;
  return std::min<int64_t>(3600, int64_t{1} << attempts);
}

HttpPoster CurlPoster() {
  return [](const std::string& url, const std::string& body,
            const std::vector<std::string>& headers) -> Result<int> {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) return InternalError("curl_easy_init failed");
    curl_slist* list = nullptr;
    for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> owned(list, &curl_slist_free_all);
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POST, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &Discard);
    const CURLcode rc = curl_easy_perform(curl.get());
    if (rc != CURLE_OK) return UnavailableError(curl_easy_strerror(rc));
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    return static_cast<int>(status);
  };
}

Result<DeliveryRound> WebhookDeliverer::DeliverDue(Monitor& monitor, size_t limit,
                                                   const std::string& now) {
  DeliveryRound round;
  ASSIGN_OR_RETURN(std::vector<PendingDelivery> due,
                   monitor.DueDeliveries(now.empty() ? store::NowIso() : now, limit));
  for (const PendingDelivery& d : due) {
    const std::string error = Post(d);
    const bool ok = error.empty();
    if (!ok) {
      ++round.failed;
      if (round.errors.size() < 5) {
        round.errors.push_back(fmt::format("alert {} -> {}: {}", d.alert_id, d.webhook.url, error));
      }
    } else {
      ++round.delivered;
    }
    RETURN_IF_ERROR(monitor.RecordDelivery(d.alert_id, d.webhook.id, ok, error,
                                           ok ? IsoAfter(0) : RetryAt(d.attempts + 1)));
  }
  return round;
}

std::string RetryAt(int64_t attempts) { return IsoAfter(RetryDelay(attempts)); }

std::string WebhookDeliverer::Post(const PendingDelivery& d) const {
  if (d.webhook.url.starts_with("kafka://")) {
    return ProduceToKafka(d.webhook.url, fmt::format("alert-{}", d.alert_id), d.alert_json);
  }
  if (d.webhook.url.starts_with("file://")) {
    // A JSON-lines file: each alert appended as one line.
    const std::string path = d.webhook.url.substr(7);
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << d.alert_json << '\n';
    out.flush();
    return out ? "" : "cannot append to " + path;
  }
  const std::vector<std::string> headers = {
      "Content-Type: application/json",
      "X-Cordon-Signature: sha256=" + HmacSha256Hex(d.webhook.secret, d.alert_json),
      fmt::format("X-Cordon-Idempotency-Key: alert-{}-webhook-{}", d.alert_id, d.webhook.id),
      fmt::format("Idempotency-Key: alert-{}-webhook-{}", d.alert_id, d.webhook.id),
      fmt::format("X-Cordon-Alert-Id: {}", d.alert_id)};
  Result<int> status = poster_(d.webhook.url, d.alert_json, headers);
  if (status.ok() && *status >= 200 && *status < 300) return "";
  return status.ok() ? fmt::format("HTTP {}", *status) : status.status().message();
}

}  // namespace cordon::monitor
