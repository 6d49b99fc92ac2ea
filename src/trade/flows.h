// trade/flows.h: where Common High Priority List goods pile up on their way to Russia, from
// trade statistics.
//
//   FlowsAnalysis analysis(TradeRules::Bundled(), {.baseline_year = 2021});
//   RETURN_IF_ERROR(analysis.AddCsv(text, "flows.csv"));  // UN Comtrade / Eurostat shape
//   FlowsReport report = analysis.Report();                // ranked (hub, HS-6) rows
//
// Input rows: reporter,partner,hs6,period,flow,value_usd[,quantity] with a header; flow is
// export or import, period YYYY or YYYY-MM (months add up to their year). Only rows about a
// transshipment hub and a CHPL code are kept, summed by (hub, HS-6, year), so memory is bounded
// by the number of (hub, HS-6) pairs whatever the number of rows. For each pair, against the
// baseline year and the latest year in the data:
//   * imports: what the hub reports importing from controlling countries;
//   * exports to Russia: what the hub reports exporting to Russia and Belarus;
//   * mirror gap: what controlling countries report exporting to the hub minus what the hub
//     reports importing from them (goods that left and never arrived, in the hub's books);
// ranked by the excess: the growth of imports and of exports to Russia over the baseline plus
// the mirror gap, in US dollars.
//
// A row that does not read (a field missing, a value that is not a number, an unknown flow or
// period) is counted and its first few are kept as warnings with their line numbers; the rest
// of the file is read.
//
// Thread safety: one analysis per thread; reports are values.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "base/status.h"
#include "trade/rules.h"

namespace cordon::trade {

struct FlowsOptions {
  int baseline_year = 2021;
  int latest_year = 0;  // 0: the latest year in the data
};

struct HubGoodsFlow {
  std::string hub;
  std::string hs6;
  std::string tier;
  double imports_baseline = 0, imports_latest = 0;  // hub's imports from controlling countries
  double exports_ru_baseline = 0, exports_ru_latest = 0;  // hub's exports to Russia, Belarus
  double partner_exports_latest = 0;  // controlling countries' reported exports to the hub
  double mirror_gap_latest = 0;       // partner_exports_latest - imports_latest
  double excess = 0;                  // the ranking figure (see above)

  // latest / baseline; 0 when the baseline is 0.
  static double Growth(double baseline, double latest) {
    return baseline > 0 ? latest / baseline : 0;
  }
};

struct FlowsReport {
  int baseline_year = 0;
  int latest_year = 0;
  uint64_t rows = 0;                  // rows read
  uint64_t rows_used = 0;             // rows about a hub and a CHPL code
  uint64_t rows_invalid = 0;          // rows that did not read
  std::vector<std::string> warnings;  // the first invalid rows, "flows.csv:12: value_usd ..."
  std::vector<HubGoodsFlow> ranked;   // by excess, largest first
};

// {"rank", "hub", "hub_name", "hs6", "tier", "baseline_year", "latest_year",
//  "imports_from_controllers": {"baseline", "latest", "growth"},
//  "exports_to_russia": {"baseline", "latest", "growth"},
//  "mirror_gap": {"partner_reported", "hub_reported", "gap", "share"}, "excess"}.
nlohmann::ordered_json FlowJson(const HubGoodsFlow& row, const FlowsReport& report, size_t rank);
// {"baseline_year", "latest_year", "rows", "rows_used", "rows_invalid", "warnings",
//  "ranked": [FlowJson...]} with at most `top` rows (0: all).
nlohmann::ordered_json FlowsReportJson(const FlowsReport& report, size_t top);

class FlowsAnalysis {
 public:
  FlowsAnalysis(const TradeRules& rules, FlowsOptions options);

  // Reads a CSV with a header naming reporter, partner, hs6, period, flow and value_usd.
  // InvalidArgument when the header lacks one of them; bad rows are warnings (see above).
  Status AddCsv(std::string_view text, std::string_view file_name);
  FlowsReport Report() const;

 private:
  struct Sums {
    double imports_from_controllers = 0;
    double exports_to_russia = 0;
    double partner_exports = 0;  // controlling countries' exports to the hub
  };
  // Country codes as written ("DE", "Germany", "DEU"?) to alpha-2, looked up once each.
  const std::string& Country(std::string_view text);

  const TradeRules& rules_;
  FlowsOptions options_;
  std::map<std::tuple<std::string, std::string, int>, Sums> sums_;  // (hub, hs6, year)
  std::map<std::string, std::string, std::less<>> countries_;
  int latest_year_ = 0;
  uint64_t rows_ = 0, rows_used_ = 0, rows_invalid_ = 0;
  std::vector<std::string> warnings_;
};

}  // namespace cordon::trade
