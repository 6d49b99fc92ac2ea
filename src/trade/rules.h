// trade/rules.h: what shipment screening knows about goods and countries, as data.
//
//   const TradeRules& rules = TradeRules::Bundled();          // data/trade/, compiled in
//   if (const ChplCode* c = rules.Chpl("854231", shipped_on)) ...  // Tier 1 on that day
//   rules.IsTransshipmentHub("KG");  rules.Controls("DE");  rules.IsRussiaDestination("UA-43");
//
// The tables come from data/trade/rules.json (country lists, the Article 12g clause, risk
// weights and combinations, each with the publication behind it) and data/trade/chpl.csv (the
// Common High Priority List by HS-6 code and tier, one block of rows per dated version: a new
// version is added, not edited in, and a shipment is read against the version in force on its
// date). docs/design/trade.md explains each rule.
//
// Thread safety: immutable once built; Bundled() is built once, thread-safely.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"

namespace cordon::trade {

// One code of the CHPL: its HS-6 code and tier ("1", "2", "3.A", "3.B", "4.A", "4.B").
struct ChplCode {
  std::string hs6;
  std::string tier;
  Date version = Date::FromYmd(1970, 1, 1);  // the list version it belongs to
};

// One annex of Regulation 833/2014 whose goods Article 12g covers.
struct ClauseAnnex {
  std::string name;   // "XI"
  std::string title;  // "goods and technology suited for use in aviation ..."
  std::vector<std::string> hs_prefixes;
  bool chpl = false;  // Annex XL: the CHPL itself
};

// A combination of findings that sets a floor under the risk.
struct RiskCombination {
  std::vector<std::string> all;    // finding codes that must all be present
  std::vector<std::string> tiers;  // when not empty: CHPL goods of one of these tiers too
  int floor = 0;
  std::string because;
};

class TradeRules {
 public:
  // InvalidArgument naming the file and field for anything that does not read.
  static Result<TradeRules> Parse(std::string_view rules_json, std::string_view chpl_csv);
  // The bundled rules (data/trade/rules.json and chpl.csv, compiled in).
  static const TradeRules& Bundled();

  // The CHPL code `hs6` in the version in force on `on` (the oldest version before the first),
  // or null when that version does not list it.
  const ChplCode* Chpl(std::string_view hs6, Date on) const;
  // The date of the CHPL version in force on `on`.
  Date ChplVersion(Date on) const;

  // Russia, Belarus, or an occupied region of Ukraine (ISO 3166-2: "UA-43").
  bool IsRussiaDestination(std::string_view country_or_region) const;
  // The name of an occupied region ("Crimea"), "" for anything else.
  std::string RegionName(std::string_view region) const;
  bool IsTransshipmentHub(std::string_view country) const {
    return hubs_.contains(std::string(country));
  }
  bool Controls(std::string_view country) const {
    return controlling_.contains(std::string(country));
  }
  bool IsEuMemberState(std::string_view country) const {
    return eu_.contains(std::string(country));
  }
  bool IsClausePartner(std::string_view country) const {
    return clause_partners_.contains(std::string(country));
  }
  const std::set<std::string>& hubs() const { return hubs_; }
  // The Article 12g annex an HS code falls in (CHPL codes: Annex XL), or null.
  const ClauseAnnex* ClauseAnnexOf(std::string_view hs_digits, const ChplCode* chpl) const;
  Date clause_new_contracts_from() const { return clause_new_contracts_from_; }
  Date clause_all_contracts_from() const { return clause_all_contracts_from_; }
  Date new_company_from() const { return new_company_from_; }
  const std::set<std::string>& forwarder_kinds() const { return forwarder_kinds_; }
  const std::vector<std::string>& forwarder_words() const { return forwarder_words_; }

  int Weight(std::string_view code) const;
  const std::vector<RiskCombination>& combinations() const { return combinations_; }
  int high_from() const { return high_from_; }
  int medium_from() const { return medium_from_; }
  // The "_source" of a table of rules.json ("transshipment_hubs"), "" when it has none.
  std::string SourceOf(std::string_view table) const;

 private:
  std::vector<ChplCode> chpl_;  // by (version, hs6)
  std::vector<Date> chpl_versions_;
  std::set<std::string> russia_countries_, hubs_, controlling_, eu_, clause_partners_;
  std::map<std::string, std::string> regions_;  // "UA-43" -> "Crimea"
  std::vector<ClauseAnnex> annexes_;
  Date clause_new_contracts_from_ = Date::FromYmd(2023, 12, 19);
  Date clause_all_contracts_from_ = Date::FromYmd(2024, 12, 20);
  Date new_company_from_ = Date::FromYmd(2022, 2, 24);
  std::set<std::string> forwarder_kinds_;
  std::vector<std::string> forwarder_words_;
  std::map<std::string, int, std::less<>> weights_;
  std::vector<RiskCombination> combinations_;
  int high_from_ = 70, medium_from_ = 40;
  std::map<std::string, std::string, std::less<>> sources_;
};

}  // namespace cordon::trade
