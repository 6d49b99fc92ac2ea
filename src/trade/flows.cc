#include "trade/flows.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/strings.h"
#include "ingest/csv.h"
#include "text/countries.h"
#include "trade/shipment.h"

namespace cordon::trade {
namespace {

constexpr size_t kMaxWarnings = 20;

bool ParseYear(std::string_view period, int& year) {
  if (period.size() != 4 && period.size() != 7 && period.size() != 6) return false;
  auto [end, ec] = std::from_chars(period.data(), period.data() + 4, year);
  if (ec != std::errc() || end != period.data() + 4 || year < 1900 || year > 2100) return false;
  if (period.size() == 4) return true;
  // YYYY-MM or YYYYMM
  std::string_view month = period.size() == 7 ? period.substr(5) : period.substr(4);
  if (period.size() == 7 && period[4] != '-') return false;
  int m = 0;
  auto [mend, mec] = std::from_chars(month.data(), month.data() + month.size(), m);
  return mec == std::errc() && mend == month.data() + month.size() && m >= 1 && m <= 12;
}

}  // namespace

FlowsAnalysis::FlowsAnalysis(const TradeRules& rules, FlowsOptions options)
    : rules_(rules), options_(options) {}

const std::string& FlowsAnalysis::Country(std::string_view text) {
  auto it = countries_.find(text);
  if (it != countries_.end()) return it->second;
  return countries_.emplace(std::string(text), text::CountryCode(text)).first->second;
}

Status FlowsAnalysis::AddCsv(std::string_view text, std::string_view file_name) {
  ingest::CsvReader reader(text);
  ingest::CsvRecord record;
  if (!reader.Next(&record)) {
    if (!reader.status().ok())
      return InvalidArgumentError(fmt::format("{}: {}", file_name, reader.status().message()));
    return Status::Ok();
  }
  const ingest::CsvHeader header(record);
  const auto columns =
      header.FindAll<6>({"reporter", "partner", "hs6", "period", "flow", "value_usd"});
  static constexpr std::string_view kNames[] = {"reporter", "partner", "hs6",
                                                "period",   "flow",    "value_usd"};
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] < 0) {
      return InvalidArgumentError(
          fmt::format("{}:1: no {} column (the header must name reporter, partner, hs6, period, "
                      "flow, value_usd)",
                      file_name, kNames[i]));
    }
  }
  const Date chpl_day = Date::Today();
  auto invalid = [&](int64_t line, std::string what) {
    ++rows_invalid_;
    if (warnings_.size() < kMaxWarnings)
      warnings_.push_back(fmt::format("{}:{}: {}", file_name, line, what));
  };
  while (reader.Next(&record)) {
    ++rows_;
    const std::string_view reporter_text = ingest::CsvHeader::Field(record, columns[0]);
    const std::string_view partner_text = ingest::CsvHeader::Field(record, columns[1]);
    std::string_view hs6 = ingest::CsvHeader::Field(record, columns[2]);
    const std::string_view period = ingest::CsvHeader::Field(record, columns[3]);
    const std::string_view flow = ingest::CsvHeader::Field(record, columns[4]);
    const std::string_view value_text = ingest::CsvHeader::Field(record, columns[5]);
    int year = 0;
    if (!ParseYear(period, year)) {
      invalid(record.line, fmt::format("period: '{}' is not YYYY or YYYY-MM", period));
      continue;
    }
    const bool is_export = flow == "export" || flow == "Export" || flow == "X";
    const bool is_import = flow == "import" || flow == "Import" || flow == "M";
    if (!is_export && !is_import) {
      invalid(record.line, fmt::format("flow: '{}' is not export or import", flow));
      continue;
    }
    double value = 0;
    auto [end, ec] =
        std::from_chars(value_text.data(), value_text.data() + value_text.size(), value);
    if (ec != std::errc() || end != value_text.data() + value_text.size() ||
        !std::isfinite(value)) {
      invalid(record.line, fmt::format("value_usd: '{}' is not a number", value_text));
      continue;
    }
    std::string hs_digits;
    if (hs6.size() != 6 ||
        !std::all_of(hs6.begin(), hs6.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      hs_digits = HsDigits(hs6);
      if (hs_digits.size() < 6) {
        invalid(record.line, fmt::format("hs6: '{}' is not an HS-6 code", hs6));
        continue;
      }
      hs6 = std::string_view(hs_digits).substr(0, 6);
    }
    if (rules_.Chpl(hs6, chpl_day) == nullptr) continue;
    const std::string& reporter = Country(reporter_text);
    const std::string& partner = Country(partner_text);
    if (reporter.empty() || partner.empty()) {
      invalid(record.line,
              fmt::format("'{}' or '{}' is not a country", reporter_text, partner_text));
      continue;
    }
    bool used = false;
    if (rules_.IsTransshipmentHub(reporter)) {
      if (is_import && rules_.Controls(partner) && partner != reporter) {
        sums_[{reporter, std::string(hs6), year}].imports_from_controllers += value;
        used = true;
      } else if (is_export && rules_.IsRussiaDestination(partner)) {
        sums_[{reporter, std::string(hs6), year}].exports_to_russia += value;
        used = true;
      }
    }
    if (is_export && rules_.Controls(reporter) && rules_.IsTransshipmentHub(partner) &&
        partner != reporter) {
      sums_[{partner, std::string(hs6), year}].partner_exports += value;
      used = true;
    }
    if (used) {
      ++rows_used_;
      latest_year_ = std::max(latest_year_, year);
    }
  }
  if (!reader.status().ok()) invalid(reader.line(), reader.status().message());
  return Status::Ok();
}

FlowsReport FlowsAnalysis::Report() const {
  FlowsReport report;
  report.baseline_year = options_.baseline_year;
  report.latest_year = options_.latest_year > 0 ? options_.latest_year : latest_year_;
  report.rows = rows_;
  report.rows_used = rows_used_;
  report.rows_invalid = rows_invalid_;
  report.warnings = warnings_;
  std::map<std::pair<std::string, std::string>, HubGoodsFlow> rows;
  for (const auto& [key, sums] : sums_) {
    const auto& [hub, hs6, year] = key;
    if (year != report.baseline_year && year != report.latest_year) continue;
    HubGoodsFlow& row = rows[{hub, hs6}];
    row.hub = hub;
    row.hs6 = hs6;
    if (year == report.baseline_year) {
      row.imports_baseline = sums.imports_from_controllers;
      row.exports_ru_baseline = sums.exports_to_russia;
    }
    if (year == report.latest_year) {
      row.imports_latest = sums.imports_from_controllers;
      row.exports_ru_latest = sums.exports_to_russia;
      row.partner_exports_latest = sums.partner_exports;
    }
  }
  const Date today = Date::Today();
  for (auto& [key, row] : rows) {
    if (const ChplCode* code = rules_.Chpl(row.hs6, today)) row.tier = code->tier;
    row.mirror_gap_latest =
        row.partner_exports_latest > 0 ? row.partner_exports_latest - row.imports_latest : 0;
    row.excess = std::max(0.0, row.imports_latest - row.imports_baseline) +
                 std::max(0.0, row.exports_ru_latest - row.exports_ru_baseline) +
                 std::max(0.0, row.mirror_gap_latest);
    report.ranked.push_back(row);
  }
  std::sort(report.ranked.begin(), report.ranked.end(),
            [](const HubGoodsFlow& a, const HubGoodsFlow& b) {
              if (a.excess != b.excess) return a.excess > b.excess;
              return std::tie(a.hub, a.hs6) < std::tie(b.hub, b.hs6);
            });
  return report;
}

nlohmann::ordered_json FlowJson(const HubGoodsFlow& r, const FlowsReport& report, size_t rank) {
  const double growth_imports = HubGoodsFlow::Growth(r.imports_baseline, r.imports_latest);
  const double growth_exports = HubGoodsFlow::Growth(r.exports_ru_baseline, r.exports_ru_latest);
  const double share =
      r.partner_exports_latest > 0 ? r.mirror_gap_latest / r.partner_exports_latest : 0;
  auto round2 = [](double v) { return std::round(v * 100) / 100; };
  return {{"rank", rank},
          {"hub", r.hub},
          {"hub_name", text::CountryName(r.hub)},
          {"hs6", r.hs6},
          {"tier", r.tier},
          {"baseline_year", report.baseline_year},
          {"latest_year", report.latest_year},
          {"imports_from_controllers",
           {{"baseline", std::round(r.imports_baseline)},
            {"latest", std::round(r.imports_latest)},
            {"growth", round2(growth_imports)}}},
          {"exports_to_russia",
           {{"baseline", std::round(r.exports_ru_baseline)},
            {"latest", std::round(r.exports_ru_latest)},
            {"growth", round2(growth_exports)}}},
          {"mirror_gap",
           {{"partner_reported", std::round(r.partner_exports_latest)},
            {"hub_reported", std::round(r.imports_latest)},
            {"gap", std::round(r.mirror_gap_latest)},
            {"share", round2(share)}}},
          {"excess", std::round(r.excess)}};
}

nlohmann::ordered_json FlowsReportJson(const FlowsReport& report, size_t top) {
  nlohmann::ordered_json ranked = nlohmann::ordered_json::array();
  for (size_t i = 0; i < report.ranked.size() && (top == 0 || i < top); ++i) {
    ranked.push_back(FlowJson(report.ranked[i], report, i + 1));
  }
  return {{"baseline_year", report.baseline_year},
          {"latest_year", report.latest_year},
          {"rows", report.rows},
          {"rows_used", report.rows_used},
          {"rows_invalid", report.rows_invalid},
          {"warnings", report.warnings},
          {"ranked", std::move(ranked)}};
}

}  // namespace cordon::trade
