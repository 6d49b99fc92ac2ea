// monitor/webhooks.h: alerts delivered to webhooks, at least once.
//
//   WebhookDeliverer deliverer(CurlPoster());
//   ASSIGN_OR_RETURN(DeliveryRound round, deliverer.DeliverDue(*monitor));
//
// Each alert raised while a webhook is registered is queued for it in the same transaction
// (monitor/monitor.h), so a crash cannot lose one. A round takes the deliveries that are due and
// POSTs each alert as its JSON (AlertJson) with:
//   Content-Type: application/json
//   X-Cordon-Signature: sha256=<hex HMAC-SHA256 of the body under the webhook's secret>
//   X-Cordon-Idempotency-Key: alert-<alert id>-webhook-<webhook id> (the same on every retry,
//                             so a receiver drops repeats), also sent as Idempotency-Key
//   X-Cordon-Alert-Id: <alert id>
// A file:///path "webhook" is a JSON-lines file: each alert is appended to it as one line. A
// kafka://HOST:PORT[,HOST:PORT]/TOPIC one is a Kafka topic: each alert is produced to it keyed
// "alert-<id>" (idempotent producer, acks=all) and counts as delivered once acknowledged.
// A 2xx answer delivers it; anything else (no answer, a timeout, 4xx, 5xx) is retried after
// RetryDelay(attempts): 1 s, 2 s, 4 s, ... at most an hour, for as long as the webhook is
// registered. Delivery is at least once: an answer lost after the receiver acted means it is
// sent again, with the same idempotency key.
//
// Thread safety: a WebhookDeliverer is used by one thread; the Monitor it is given must not be
// used by another thread during DeliverDue.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "monitor/monitor.h"

namespace cordon::monitor {

// POSTs `body` with `headers` to `url`; the HTTP status, or an error when no answer came.
using HttpPoster = std::function<Result<int>(const std::string& url, const std::string& body,
                                             const std::vector<std::string>& headers)>;

// libcurl, with a 10 s timeout per request.
HttpPoster CurlPoster();

// Lowercase hex HMAC-SHA256 of `body` under `secret`.
std::string HmacSha256Hex(const std::string& secret, const std::string& body);

// Seconds before the next attempt after `attempts` failed ones.
int64_t RetryDelay(int64_t attempts);
// When to try again after `attempts` failed ones (ISO 8601 UTC).
std::string RetryAt(int64_t attempts);

struct DeliveryRound {
  size_t delivered = 0;
  size_t failed = 0;                // attempts that failed this round (each retried later)
  std::vector<std::string> errors;  // the first few, "alert 12 -> https://...: HTTP 500"
};

class WebhookDeliverer {
 public:
  explicit WebhookDeliverer(HttpPoster poster) : poster_(std::move(poster)) {}
  // POSTs one delivery; "" when it was accepted, else why not ("HTTP 500", a curl error).
  std::string Post(const PendingDelivery& delivery) const;
  // Attempts every delivery due at `now` (ISO 8601 UTC; "" for the present), at most `limit`,
  // and records each outcome.
  Result<DeliveryRound> DeliverDue(Monitor& monitor, size_t limit = 1000,
                                   const std::string& now = "");

 private:
  HttpPoster poster_;
};

}  // namespace cordon::monitor
