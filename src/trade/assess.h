// trade/assess.h: a shipment's findings and risk, from the shipment, the rules and what
// screening found about its parties.
//
//   std::vector<PartyToScreen> parties = PartiesOf(shipment);      // screened elsewhere
//   std::vector<PartyHit> hits = ...;                               // trade/screen.h does both
//   Assessment a = Assess(shipment, TradeRules::Bundled(), hits);
//   a.risk;      // 0..100
//   a.level;     // "high", "medium", "low"
//   a.findings;  // strongest first: {"code": "chpl", "detail": ..., evidence...}
//
// Pure: no list, no index, no I/O, so a shipment's rules cost microseconds and are tested on
// their own. The finding codes are those of docs/design/trade.md: chpl, listed_party,
// owned_party, russia_destination, transshipment_hub, new_company, forwarder_end_user,
// third_party_payer, no_russia_clause, route_mismatch.
//
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "match/query.h"
#include "trade/rules.h"
#include "trade/shipment.h"

namespace cordon::trade {

// A party of a shipment to be screened: its role ("consignee", "intermediaries[1]", "vessel")
// and the query that screens it.
struct PartyToScreen {
  std::string role;
  std::string name;
  std::string country;
  match::Query query;
};
std::vector<PartyToScreen> PartiesOf(const Shipment& shipment);

// One entity a party matched, as screening reported it.
struct PartyHit {
  std::string role;
  std::string party_name;
  std::string entity_id;
  std::string caption;
  std::string schema;
  double score = 0;
  std::vector<std::string> regimes;     // regimes that list the entity ("us", "eu", ...)
  std::vector<std::string> sources;     // "us_trade_csl", ...
  std::vector<std::string> programmes;  // "Entity List (EL) - Bureau of Industry and Security"
  bool listed = false;                  // on a list itself
  // Regimes under which the entity is owned, controlled or blocked through its owners:
  // {"us": "blocked", "eu": "owned"}.
  std::vector<std::pair<std::string, std::string>> owned_under;
  std::string explanation;
};

struct Finding {
  std::string code;
  std::string detail;
  int weight = 0;
  nlohmann::ordered_json evidence = nlohmann::ordered_json::object();
};

struct Assessment {
  int risk = 0;
  std::string level = "low";
  std::vector<Finding> findings;     // strongest first
  std::vector<std::string> because;  // the combinations that set the risk's floor
};

Assessment Assess(const Shipment& shipment, const TradeRules& rules,
                  std::span<const PartyHit> hits);

// {"code", "detail", ...evidence}.
nlohmann::ordered_json FindingJson(const Finding& finding);

}  // namespace cordon::trade
