// trade/testing/generator.h: realistic shipments and trade flows, benign and evasive, with the
// outcome each should get: for tests, the benchmark and the samples the main job screens.
//
//   std::vector<GeneratedShipment> s = GenerateShipments({.seed = 1, .count = 1000,
//                                                         .listed_names = {"Biznest, LTD"}});
//   s[0].json;            // one JSON line, the shape `cordon trade screen` reads
//   s[0].pattern;         // "benign_eu", "hub_new_company", "russia_direct", ...
//   s[0].expected_level;  // "low" for benign trade, "high" for planted diversion
//   s[0].expected_codes;  // findings the pattern must raise
//
// Benign trade: exporters in the EU, the US, Japan and Korea selling every kind of goods
// (CHPL goods included) to established customers in allied and other countries, and ordinary
// goods (textiles, food, furniture) to the transshipment hubs. Evasion: each pattern of the
// FinCEN/BIS alerts alone and in combination (CHPL goods to a hub for a company set up after
// the invasion, a forwarder as end user, a third-party payer from another country, a route on
// to Russia under a hub's declared destination, a listed consignee, goods shipped straight to
// Russia or an occupied region, an EU contract without the no-Russia clause). Deterministic
// for a seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cordon::trade::testing {

struct ShipmentOptions {
  uint64_t seed = 1;
  size_t count = 1000;
  double evasion_share = 0.25;  // the share of shipments that follow an evasion pattern
  // Real listed company names (an Entity List or SDN company) for the listed-consignee pattern;
  // the pattern is left out when empty.
  std::vector<std::string> listed_names;
};

struct GeneratedShipment {
  std::string id;
  std::string json;  // one line, no newline
  std::string pattern;
  std::string expected_level;  // "low" or "high"
  std::vector<std::string> expected_codes;
};

std::vector<GeneratedShipment> GenerateShipments(const ShipmentOptions& options);

struct FlowOptions {
  uint64_t seed = 1;
  int first_year = 2019;
  int last_year = 2024;
  size_t rows_per_pair_year = 1;  // >1 splits a year into that many monthly rows (max 12)
  // Extra controlling exporters per pair (bigger files for the benchmark); 0: the usual eight.
  size_t extra_exporters = 0;
};

// CSV text with the header reporter,partner,hs6,period,flow,value_usd. Hubs of Central Asia,
// the Caucasus and Türkiye grow their imports of CHPL goods from the EU after 2021 and their
// exports to Russia with them, with a mirror gap; the others grow with ordinary trade.
std::string GenerateFlows(const FlowOptions& options);

}  // namespace cordon::trade::testing
