// stream/results.h: one input record of a stream (a customer, a payment or a shipment, as JSON)
// screened into the one JSON result `cordon stream` produces for it.
//
//   RecordScreener screener(snapshot, {.threshold = 0.70});
//   RecordResult result = screener.Screen(R"({"kind":"customer","id":"c1","name":"..."})",
//                                         {.topic = "in", .partition = 0, .offset = 41});
//   // result.json: {"id":"c1","kind":"customer","input":{"topic":"in","partition":0,
//   //               "offset":41},"versions":[...],"matches":[...]}
//
// Input, one JSON object a record, told apart by "kind":
//  * "customer": the FtM-shaped line `cordon screen` reads (match/query_reader.h), with "kind"
//    beside "id", "schema" and "properties" (or the properties at the top level).
//  * "payment": {"kind": "payment", "id": ..., "ordering": PARTY, "beneficiary": PARTY,
//    "ordering_bank": PARTY, "beneficiary_bank": PARTY, "amount": ..., "currency": ...}, where
//    PARTY is {"name": ..., "country": ..., "bic": ...} (each optional; "schema" and any FtM
//    property are read too). Each party given is screened on its own; amount and currency are
//    carried, not judged.
//  * "shipment": the trade record of docs/design/trade.md, screened by trade::ShipmentScreener.
//
// Output, one JSON object a record, always with the input's "id" (null when it has none),
// "kind", "input" ({"topic", "partition", "offset"}: a duplicate redelivered after a rebalance
// carries the same coordinates) and "versions" (the list versions screened against); then
//  * customer: "matches" (screening/render.h's objects, best first) and "warnings" if any;
//  * payment: "match" (true when any party matched) and "parties": [{"role", "name", "country",
//    "bic", "matches"}], and "warnings" if any;
//  * shipment: the members of trade::ShipmentScreener::ResultLine ("risk", "level",
//    "findings", "because", "lists", "warnings");
//  * a record that cannot be screened (not JSON, not an object, an unknown kind, a customer with
//    no name and no identifier): "error": "why", and nothing else. Never a crash, never a drop.
//
// Thread safety: Screen may be called from any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "match/query.h"
#include "screening/snapshot.h"
#include "trade/screen.h"

namespace cordon::stream {

// Where a record was read: what makes a redelivered record recognisable.
struct InputCoordinates {
  std::string_view topic;
  int32_t partition = 0;
  int64_t offset = 0;
};

struct RecordScreenOptions {
  // The lowest score reported for customers and payment parties. Shipments use the trade
  // screener's own (trade::TradeScreenOptions), as `cordon trade screen` does.
  double threshold = match::kDefaultThreshold;
  size_t limit = 10;  // matches per customer or party, best first
};

struct RecordResult {
  std::string json;    // the result object, one line without a newline
  bool alert = false;  // a customer or party matched, or a shipment of high or medium risk
  bool error = false;  // the record could not be screened; json carries "error"
};

class RecordScreener {
 public:
  // REQUIRES: snapshot is not null; options.threshold is from 0 to 1.
  RecordScreener(std::shared_ptr<const screening::Snapshot> snapshot, RecordScreenOptions options);

  // The result of one record's bytes (a Kafka message's value). Never fails: a record that
  // cannot be screened gives an error result.
  RecordResult Screen(std::string_view value, const InputCoordinates& input) const;

  const screening::Snapshot& snapshot() const { return *snapshot_; }

 private:
  std::shared_ptr<const screening::Snapshot> snapshot_;
  RecordScreenOptions options_;
  screening::ScreenOptions screen_options_;
  std::string versions_json_;  // rendered once: every result cites the same versions
  std::unique_ptr<trade::ShipmentScreener> shipments_;
};

}  // namespace cordon::stream
