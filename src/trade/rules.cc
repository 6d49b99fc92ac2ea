#include "trade/rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "ingest/csv.h"
#include "text/normalize.h"

namespace cordon::trade {
namespace internal {
extern const char kTradeRulesJson[];
extern const std::size_t kTradeRulesJsonSize;
extern const char kChplCsv[];
extern const std::size_t kChplCsvSize;
}  // namespace internal

namespace {

using Json = nlohmann::json;

Status Bad(std::string_view where, std::string_view what) {
  return InvalidArgumentError(fmt::format("data/trade/{}: {}", where, what));
}

// The string array at `path` ("transshipment_hubs.countries") into `out`.
Status ReadCodes(const Json& root, std::string_view table, std::string_view field,
                 std::set<std::string>& out) {
  const auto t = root.find(std::string(table));
  if (t == root.end() || !t->is_object())
    return Bad("rules.json", fmt::format("{} is missing", table));
  const auto f = t->find(std::string(field));
  if (f == t->end() || !f->is_array()) {
    return Bad("rules.json", fmt::format("{}.{} is not an array", table, field));
  }
  for (const Json& v : *f) {
    if (!v.is_string()) return Bad("rules.json", fmt::format("{}.{}: not a string", table, field));
    out.insert(v.get<std::string>());
  }
  return Status::Ok();
}

Result<Date> ReadDate(const Json& object, std::string_view table, std::string_view field) {
  const auto f = object.find(std::string(field));
  if (f == object.end() || !f->is_string()) {
    return Bad("rules.json", fmt::format("{}.{} is not a date", table, field));
  }
  Result<Date> date = Date::Parse(f->get<std::string>());
  if (!date.ok())
    return Bad("rules.json", fmt::format("{}.{}: {}", table, field, date.status().message()));
  return date;
}

bool IsTier(std::string_view tier) {
  static constexpr std::string_view kTiers[] = {"1", "2", "3.A", "3.B", "4.A", "4.B"};
  return std::find(std::begin(kTiers), std::end(kTiers), tier) != std::end(kTiers);
}

}  // namespace

Result<TradeRules> TradeRules::Parse(std::string_view rules_json, std::string_view chpl_csv) {
  TradeRules rules;
  // Not const: operator[] on a missing table gives null, which the checks below reject.
  Json root = Json::parse(rules_json, nullptr, /*allow_exceptions=*/false);
  if (!root.is_object()) return Bad("rules.json", "not a JSON object");
  for (const auto& [table, value] : root.items()) {
    if (value.is_object() && value.contains("_source") && value["_source"].is_string()) {
      rules.sources_[table] = value["_source"].get<std::string>();
    }
  }
  RETURN_IF_ERROR(ReadCodes(root, "russia_destinations", "countries", rules.russia_countries_));
  if (Json* regions = &root["russia_destinations"]["regions"]; regions->is_object()) {
    for (const auto& [code, name] : regions->items()) {
      if (!name.is_string()) return Bad("rules.json", "russia_destinations.regions: not a name");
      rules.regions_[code] = name.get<std::string>();
    }
  }
  RETURN_IF_ERROR(ReadCodes(root, "transshipment_hubs", "countries", rules.hubs_));
  RETURN_IF_ERROR(ReadCodes(root, "controlling_countries", "countries", rules.controlling_));
  RETURN_IF_ERROR(ReadCodes(root, "eu_member_states", "countries", rules.eu_));
  RETURN_IF_ERROR(ReadCodes(root, "no_russia_clause", "partner_countries", rules.clause_partners_));
  Json& clause = root["no_russia_clause"];
  ASSIGN_OR_RETURN(rules.clause_new_contracts_from_,
                   ReadDate(clause, "no_russia_clause", "new_contracts_from"));
  ASSIGN_OR_RETURN(rules.clause_all_contracts_from_,
                   ReadDate(clause, "no_russia_clause", "all_contracts_from"));
  if (!clause.contains("annexes") || !clause["annexes"].is_object()) {
    return Bad("rules.json", "no_russia_clause.annexes is not an object");
  }
  for (const auto& [name, annex] : clause["annexes"].items()) {
    ClauseAnnex a;
    a.name = name;
    a.title = annex.value("title", "");
    a.chpl = annex.value("chpl", false);
    if (annex.contains("hs_prefixes")) {
      for (const Json& p : annex["hs_prefixes"]) {
        if (!p.is_string())
          return Bad("rules.json",
                     "no_russia_clause.annexes." + name + ": a prefix is not a string");
        a.hs_prefixes.push_back(p.get<std::string>());
      }
    }
    rules.annexes_.push_back(std::move(a));
  }
  ASSIGN_OR_RETURN(rules.new_company_from_,
                   ReadDate(root["new_company"], "new_company", "registered_on_or_after"));
  std::set<std::string> words;
  RETURN_IF_ERROR(ReadCodes(root, "forwarder_end_user", "kinds", rules.forwarder_kinds_));
  RETURN_IF_ERROR(ReadCodes(root, "forwarder_end_user", "name_words", words));
  // Compared with the folded words of a name, so folded alike ("логистика" -> "logistika").
  for (const std::string& word : words) {
    for (const text::Word& folded : text::FoldWords(word))
      rules.forwarder_words_.push_back(folded.text);
  }

  Json& risk = root["risk"];
  if (!risk.is_object() || !risk["weights"].is_object())
    return Bad("rules.json", "risk.weights is missing");
  for (const auto& [code, weight] : risk["weights"].items()) {
    if (!weight.is_number_integer())
      return Bad("rules.json", "risk.weights." + code + " is not a whole number");
    rules.weights_[code] = weight.get<int>();
  }
  rules.high_from_ = risk.value("high_from", 70);
  rules.medium_from_ = risk.value("medium_from", 40);
  if (risk.contains("combinations")) {
    for (const Json& c : risk["combinations"]) {
      RiskCombination combination;
      if (!c.contains("all") || !c["all"].is_array() || !c.contains("floor") ||
          !c["floor"].is_number_integer()) {
        return Bad("rules.json",
                   "risk.combinations: each needs \"all\" and a whole-number \"floor\"");
      }
      for (const Json& code : c["all"]) combination.all.push_back(code.get<std::string>());
      if (c.contains("tiers")) {
        for (const Json& tier : c["tiers"]) combination.tiers.push_back(tier.get<std::string>());
      }
      combination.floor = c["floor"].get<int>();
      combination.because = c.value("because", "");
      rules.combinations_.push_back(std::move(combination));
    }
  }

  ingest::CsvReader reader(chpl_csv);
  ingest::CsvRecord record;
  if (!reader.Next(&record)) return Bad("chpl.csv", "empty");
  const ingest::CsvHeader header(record);
  const auto [version_column, hs6_column, tier_column] =
      header.FindAll<3>({"version", "hs6", "tier"});
  if (version_column < 0 || hs6_column < 0 || tier_column < 0) {
    return Bad("chpl.csv", "the header must have version, hs6 and tier");
  }
  while (reader.Next(&record)) {
    const std::string where = fmt::format("chpl.csv:{}", record.line);
    Result<Date> version = Date::Parse(ingest::CsvHeader::Field(record, version_column));
    if (!version.ok()) return Bad(where, "version: " + version.status().message());
    const std::string_view hs6 = ingest::CsvHeader::Field(record, hs6_column);
    const std::string_view tier = ingest::CsvHeader::Field(record, tier_column);
    if (hs6.size() != 6 ||
        !std::all_of(hs6.begin(), hs6.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return Bad(where, fmt::format("hs6: '{}' is not six digits", hs6));
    }
    if (!IsTier(tier))
      return Bad(where, fmt::format("tier: '{}' is not 1, 2, 3.A, 3.B, 4.A or 4.B", tier));
    rules.chpl_.push_back({std::string(hs6), std::string(tier), *version});
  }
  if (!reader.status().ok()) return Bad("chpl.csv", reader.status().message());
  if (rules.chpl_.empty()) return Bad("chpl.csv", "no codes");
  std::sort(rules.chpl_.begin(), rules.chpl_.end(), [](const ChplCode& a, const ChplCode& b) {
    return a.version != b.version ? a.version < b.version : a.hs6 < b.hs6;
  });
  for (const ChplCode& c : rules.chpl_) {
    if (rules.chpl_versions_.empty() || rules.chpl_versions_.back() != c.version) {
      rules.chpl_versions_.push_back(c.version);
    }
  }
  return rules;
}

const TradeRules& TradeRules::Bundled() {
  static const TradeRules* rules = [] {
    Result<TradeRules> parsed =
        Parse(std::string_view(internal::kTradeRulesJson, internal::kTradeRulesJsonSize),
              std::string_view(internal::kChplCsv, internal::kChplCsvSize));
    if (!parsed.ok()) {
      // The files are compiled in and tested: this is a build that shipped broken data.
      std::fprintf(stderr, "cordon: the bundled trade rules do not read: %s\n",
                   parsed.status().ToString().c_str());
      std::abort();
    }
    return new TradeRules(std::move(*parsed));
  }();
  return *rules;
}

Date TradeRules::ChplVersion(Date on) const {
  Date version = chpl_versions_.front();
  for (Date v : chpl_versions_) {
    if (v <= on) version = v;
  }
  return version;
}

const ChplCode* TradeRules::Chpl(std::string_view hs6, Date on) const {
  const Date version = ChplVersion(on);
  auto it =
      std::lower_bound(chpl_.begin(), chpl_.end(), std::pair(version, hs6),
                       [](const ChplCode& c, const std::pair<Date, std::string_view>& key) {
                         return c.version != key.first ? c.version < key.first : c.hs6 < key.second;
                       });
  return it != chpl_.end() && it->version == version && it->hs6 == hs6 ? &*it : nullptr;
}

bool TradeRules::IsRussiaDestination(std::string_view country_or_region) const {
  const std::string key(country_or_region);
  if (russia_countries_.contains(key) || regions_.contains(key)) return true;
  // A subdivision of Russia or Belarus ("RU-MOW", "BY-HM").
  return key.size() > 3 && key[2] == '-' && russia_countries_.contains(key.substr(0, 2));
}

std::string TradeRules::RegionName(std::string_view region) const {
  auto it = regions_.find(std::string(region));
  return it == regions_.end() ? "" : it->second;
}

const ClauseAnnex* TradeRules::ClauseAnnexOf(std::string_view hs_digits,
                                             const ChplCode* chpl) const {
  for (const ClauseAnnex& annex : annexes_) {
    if (annex.chpl && chpl != nullptr) return &annex;
    for (const std::string& prefix : annex.hs_prefixes) {
      if (hs_digits.starts_with(prefix)) return &annex;
    }
  }
  return nullptr;
}

int TradeRules::Weight(std::string_view code) const {
  auto it = weights_.find(code);
  return it == weights_.end() ? 10 : it->second;
}

std::string TradeRules::SourceOf(std::string_view table) const {
  auto it = sources_.find(table);
  return it == sources_.end() ? "" : it->second;
}

}  // namespace cordon::trade
