// trade/screen.h: shipments screened against one screening snapshot.
//
//   ShipmentScreener screener(snapshot, TradeRules::Bundled(), {.threshold = 0.80});
//   ASSIGN_OR_RETURN(Assessment a, screener.Screen(shipment));
//   std::string line = screener.ResultLine(shipment, a);  // {"id", "risk", "level", ...}
//
// Every party of a shipment (exporter, consignee, end user, intermediaries, payer and its bank,
// the vessel by IMO) is screened through screening::Screen, so a shipment's listed_party and
// owned_party findings are what `cordon screen` and POST /match would say of the same names on
// the same list versions; the rest is trade/assess.h.
//
// Thread safety: Screen and ResultLine may be called from any number of threads.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "screening/snapshot.h"
#include "trade/assess.h"

namespace cordon::trade {

struct TradeScreenOptions {
  // The lowest match score that makes a party a listed or owned party. Higher than a customer
  // screen's default: one name on a shipping paper, often with no country or date, and a false
  // listed_party makes a shipment high risk.
  double threshold = 0.80;
  // Deadline and cancel flag for the party searches (the service's per-request limits).
  match::SearchOptions search;
  // Answer a party seen before (same names, countries, identifiers, schema) from its first
  // screening. Off only to measure screening itself.
  bool cache_parties = true;
};

class ShipmentScreener {
 public:
  ShipmentScreener(std::shared_ptr<const screening::Snapshot> snapshot, const TradeRules& rules,
                   TradeScreenOptions options);

  // The shipment's parties screened, then assessed. The screening's error (a deadline that
  // passed) when a search was cut short: a shipment is never reported clear on half its parties.
  Result<Assessment> Screen(const Shipment& shipment) const;
  // What each party matched at or above the threshold.
  Result<std::vector<PartyHit>> ScreenParties(const Shipment& shipment) const;

  // {"id", "risk", "level", "findings": [...], "because": [...], "lists": [...],
  //  "warnings": [...]}: one JSON line (no newline).
  std::string ResultLine(const Shipment& shipment, const Assessment& assessment) const;
  const screening::Snapshot& snapshot() const { return *snapshot_; }
  // Parties answered from the cache, and screened: a batch's exporters, banks and repeated
  // consignees are screened once.
  size_t parties_cached() const { return cached_.load(std::memory_order_relaxed); }
  size_t parties_screened() const { return screened_.load(std::memory_order_relaxed); }

 private:
  // What a party's query matched, by the query's content (names, countries, identifiers,
  // schema), role and name left blank. Sharded so that threads seldom wait on one lock; a shard
  // that grows past its bound is emptied.
  struct CacheShard {
    std::mutex mutex;
    std::unordered_map<std::string, std::vector<PartyHit>> hits;
  };
  static constexpr size_t kCacheShards = 16;
  static constexpr size_t kCachePerShard = size_t{1} << 16;

  std::shared_ptr<const screening::Snapshot> snapshot_;
  const TradeRules& rules_;
  TradeScreenOptions options_;
  std::string lists_json_;  // the versions every line cites, rendered once
  mutable std::array<CacheShard, kCacheShards> cache_;
  mutable std::atomic<size_t> cached_{0}, screened_{0};
};

}  // namespace cordon::trade
