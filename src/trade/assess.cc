#include "trade/assess.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/strings.h"
#include "match/compare.h"
#include "text/normalize.h"

namespace cordon::trade {
namespace {

using OJson = nlohmann::ordered_json;

// The BIC's country: letters 5 and 6 of "DEUTDEFF".
std::string BicCountry(std::string_view bic) {
  if (bic.size() != 8 && bic.size() != 11) return "";
  std::string country(bic.substr(4, 2));
  for (char& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return std::all_of(country.begin(), country.end(), [](char c) { return c >= 'A' && c <= 'Z'; })
             ? country
             : "";
}

// Whether two party names name the same company: folded alike, or the matcher says so.
bool SameParty(const Party& a, const Party& b) {
  if (a.name.empty() || b.name.empty()) return false;
  if (text::Fold(a.name) == text::Fold(b.name)) return true;
  return match::CompareNames(a.name, b.name, model::Schema::kCompany).score >= 0.9;
}

// The words of `name` that say forwarding, logistics or trading ("logistik", "trading").
std::string ForwarderWord(const Party& party, const TradeRules& rules) {
  if (party.name.empty()) return "";
  for (const text::Word& word : text::FoldWords(party.name)) {
    for (const std::string& w : rules.forwarder_words()) {
      // Long stems match their inflections ("logistic" in "logistics"); short words whole
      // ("import" is not "important").
      if (word.text == w || (w.size() >= 8 && word.text.starts_with(w))) return word.text;
    }
  }
  return "";
}

struct Chpl {
  size_t line;
  const ChplCode* code;
};

}  // namespace

std::vector<PartyToScreen> PartiesOf(const Shipment& s) {
  std::vector<PartyToScreen> out;
  auto add = [&](std::string role, const Party& p) {
    if (p.name.empty() && p.bank_bic.empty()) return;
    PartyToScreen party{std::move(role), p.name, p.country, {}};
    party.query.id = party.role;
    if (!p.name.empty()) party.query.names.push_back(p.name);
    if (!p.country.empty()) party.query.countries.push_back(p.country.substr(0, 2));
    if (!p.bank_bic.empty() && p.name.empty()) {
      party.query.identifiers.push_back({model::IdentifierType::kBic, p.bank_bic});
    }
    out.push_back(std::move(party));
  };
  add("exporter", s.exporter);
  add("consignee", s.consignee);
  add("end_user", s.end_user);
  for (size_t i = 0; i < s.intermediaries.size(); ++i) {
    add(fmt::format("intermediaries[{}]", i), s.intermediaries[i]);
  }
  add("payer", s.payer);
  // The payer's bank, by its BIC, as a party of its own.
  if (!s.payer.bank_bic.empty() && !s.payer.name.empty()) {
    PartyToScreen bank{"payer.bank_bic", s.payer.bank_bic, BicCountry(s.payer.bank_bic), {}};
    bank.query.id = bank.role;
    bank.query.identifiers.push_back({model::IdentifierType::kBic, s.payer.bank_bic});
    out.push_back(std::move(bank));
  }
  if (!s.vessel_imo.empty() || !s.vessel_name.empty()) {
    PartyToScreen vessel{"vessel", s.vessel_name, "", {}};
    vessel.query.id = "vessel";
    vessel.query.schema = model::Schema::kVessel;
    if (!s.vessel_name.empty()) vessel.query.names.push_back(s.vessel_name);
    if (!s.vessel_imo.empty()) {
      vessel.query.identifiers.push_back({model::IdentifierType::kImo, s.vessel_imo});
    }
    out.push_back(std::move(vessel));
  }
  return out;
}

Assessment Assess(const Shipment& s, const TradeRules& rules, std::span<const PartyHit> hits) {
  Assessment a;
  auto add = [&](std::string code, std::string detail, OJson evidence) {
    Finding f{code, std::move(detail), rules.Weight(code), std::move(evidence)};
    a.findings.push_back(std::move(f));
  };
  const Date on = s.date.value_or(Date::Today());

  // CHPL goods.
  std::vector<Chpl> chpl;
  std::set<std::string> tiers;
  for (size_t i = 0; i < s.goods.size(); ++i) {
    const GoodsLine& g = s.goods[i];
    if (g.hs6.empty()) continue;
    const ChplCode* code = rules.Chpl(g.hs6, on);
    if (code == nullptr) continue;
    chpl.push_back({i, code});
    tiers.insert(code->tier);
    add("chpl",
        fmt::format("goods line {} (HS {}) is HS-6 {}, Tier {} of the Common High Priority List", i,
                    g.hs, code->hs6, code->tier),
        {{"line", i},
         {"hs", g.hs},
         {"hs6", code->hs6},
         {"tier", code->tier},
         {"description", g.description},
         {"chpl_version", code->version.ToIso()}});
  }

  // Parties on lists, or owned and controlled by those on them.
  for (const PartyHit& h : hits) {
    OJson evidence = {
        {"party", h.role},      {"name", h.party_name},       {"entity_id", h.entity_id},
        {"caption", h.caption}, {"score", h.score},           {"regimes", h.regimes},
        {"sources", h.sources}, {"programmes", h.programmes}, {"explanation", h.explanation}};
    if (h.listed) {
      add("listed_party",
          fmt::format("{} '{}' matches {} ({}; {}) at {:.2f}", h.role, h.party_name, h.caption,
                      h.entity_id, Join(h.sources, ", "), h.score),
          evidence);
    }
    if (!h.owned_under.empty()) {
      OJson under = OJson::object();
      std::vector<std::string> said;
      for (const auto& [regime, status] : h.owned_under) {
        under[regime] = status;
        said.push_back(fmt::format("{} under {}", status, regime));
      }
      evidence["ownership"] = under;
      add("owned_party",
          fmt::format("{} '{}' matches {} ({}) at {:.2f}, {}", h.role, h.party_name, h.caption,
                      h.entity_id, h.score, Join(said, ", ")),
          evidence);
    }
  }

  // Russia, Belarus or the occupied regions anywhere on the way.
  {
    std::vector<std::string> where;
    auto check = [&](std::string_view what, std::string_view code) {
      if (!code.empty() && rules.IsRussiaDestination(code)) {
        const std::string region = rules.RegionName(code);
        where.push_back(
            fmt::format("{} {}{}", what, code, region.empty() ? "" : " (" + region + ")"));
      }
    };
    check("end user's country", s.end_user.country);
    check("consignee's country", s.consignee.country);
    check("declared destination", s.declared_destination);
    for (const RouteStop& stop : s.route) {
      check("route", stop.country);
      if (stop.place != stop.country) check("route", stop.place);
    }
    if (!where.empty()) {
      add("russia_destination", "Russia, Belarus or an occupied region: " + Join(where, "; "),
          {{"where", where}});
    }
  }

  // CHPL goods of a controlling country's origin routed to or through a hub.
  if (!chpl.empty()) {
    std::vector<std::string> hubs;
    std::set<std::string> hub_tiers;
    std::vector<size_t> lines;
    for (const Chpl& c : chpl) {
      const GoodsLine& g = s.goods[c.line];
      const std::string origin = g.origin.empty() ? s.exporter.country : g.origin;
      if (origin.empty() || !rules.Controls(origin)) continue;
      auto consider = [&](const std::string& place) {
        const std::string country = place.substr(0, 2);  // "KZ-ALA" is in KZ
        if (country.empty() || country == origin || country == s.exporter.country) return;
        if (!rules.IsTransshipmentHub(country)) return;
        if (std::find(hubs.begin(), hubs.end(), country) == hubs.end()) hubs.push_back(country);
        hub_tiers.insert(c.code->tier);
        if (std::find(lines.begin(), lines.end(), c.line) == lines.end()) lines.push_back(c.line);
      };
      for (const RouteStop& stop : s.route) consider(stop.country);
      consider(s.declared_destination);
      consider(s.consignee.country);
    }
    if (!hubs.empty()) {
      add("transshipment_hub",
          fmt::format("CHPL goods made in a controlling country go to or through {} (transshipment "
                      "points named by FinCEN and BIS)",
                      Join(hubs, ", ")),
          {{"hubs", hubs},
           {"lines", lines},
           {"tiers", std::vector<std::string>(hub_tiers.begin(), hub_tiers.end())}});
      tiers = hub_tiers;  // the combinations weigh the tiers that go to the hub
    }
  }

  // Companies set up after the invasion.
  {
    auto check = [&](const std::string& role, const Party& p) {
      if (p.registered_on && *p.registered_on >= rules.new_company_from()) {
        add("new_company",
            fmt::format("{} '{}' was registered on {}, on or after {}", role, p.name,
                        p.registered_on->ToIso(), rules.new_company_from().ToIso()),
            {{"party", role}, {"name", p.name}, {"registered_on", p.registered_on->ToIso()}});
      }
    };
    check("consignee", s.consignee);
    check("end_user", s.end_user);
    for (size_t i = 0; i < s.intermediaries.size(); ++i) {
      check(fmt::format("intermediaries[{}]", i), s.intermediaries[i]);
    }
  }

  // A forwarder or trader as end user; with no end user named, the consignee is one.
  {
    // An end user given only a country is not named: the consignee stands as it.
    const bool named = !s.end_user.name.empty();
    const Party& user = named ? s.end_user : s.consignee;
    const std::string role = named ? "end_user" : "consignee";
    const bool by_kind = rules.forwarder_kinds().contains(std::string(PartyKindName(user.kind)));
    const std::string word = ForwarderWord(user, rules);
    if (user.present() && (by_kind || !word.empty())) {
      std::string why = by_kind ? fmt::format("is a {}", PartyKindName(user.kind))
                                : fmt::format("is named as one ('{}')", word);
      add("forwarder_end_user",
          fmt::format("{} '{}' {}{}", role, user.name, why,
                      named ? " and stands as end user" : ", and no end user is named"),
          {{"party", role}, {"name", user.name}, {"kind", PartyKindName(user.kind)}});
    }
  }

  // A payer who is neither the consignee nor the end user, or pays from a third country.
  if (s.payer.present()) {
    std::vector<std::string> why;
    const bool named = !s.payer.name.empty();
    if (named && !SameParty(s.payer, s.consignee) && !SameParty(s.payer, s.end_user)) {
      why.push_back(
          fmt::format("payer '{}' is neither the consignee nor the end user", s.payer.name));
    }
    std::vector<std::string> countries;
    if (!s.payer.country.empty()) countries.push_back(s.payer.country);
    const std::string bank_country = BicCountry(s.payer.bank_bic);
    if (!bank_country.empty() && bank_country != s.payer.country) countries.push_back(bank_country);
    for (const std::string& c : countries) {
      if (c != s.consignee.country && c != s.end_user.country) {
        why.push_back(
            fmt::format("pays from {}{}", c, c == bank_country ? " (the bank's country)" : ""));
        break;
      }
    }
    if (!why.empty()) {
      add("third_party_payer", Join(why, "; "),
          {{"party", "payer"},
           {"name", s.payer.name},
           {"country", s.payer.country},
           {"bank_bic", s.payer.bank_bic}});
    }
  }

  // EU exporters of Article 12g goods to a third country without the no-Russia clause.
  if (rules.IsEuMemberState(s.exporter.country) && s.no_russia_clause != true) {
    std::string destination = s.declared_destination;
    if (destination.empty() && !s.route.empty()) destination = s.route.back().country;
    if (destination.empty()) destination = s.consignee.country;
    const std::string dest_country = destination.substr(0, 2);
    const bool third_country = !dest_country.empty() && !rules.IsEuMemberState(dest_country) &&
                               !rules.IsClausePartner(dest_country);
    bool required = false;
    std::string when;
    if (s.contract_date && *s.contract_date >= rules.clause_new_contracts_from()) {
      required = true;
      when = fmt::format("contract of {}", s.contract_date->ToIso());
    } else if (s.date && *s.date >= rules.clause_all_contracts_from()) {
      required = true;
      when = fmt::format("performed on {}, after {}", s.date->ToIso(),
                         rules.clause_all_contracts_from().ToIso());
    } else if (!s.contract_date && s.date && *s.date >= rules.clause_new_contracts_from()) {
      required = true;
      when = "contract date not given";
    }
    if (third_country && required) {
      std::vector<std::string> annexes;
      std::vector<size_t> lines;
      for (size_t i = 0; i < s.goods.size(); ++i) {
        const GoodsLine& g = s.goods[i];
        if (g.digits.empty()) continue;
        const ChplCode* code = g.hs6.empty() ? nullptr : rules.Chpl(g.hs6, on);
        if (const ClauseAnnex* annex = rules.ClauseAnnexOf(g.digits, code)) {
          lines.push_back(i);
          if (std::find(annexes.begin(), annexes.end(), annex->name) == annexes.end()) {
            annexes.push_back(annex->name);
          }
        }
      }
      if (!lines.empty()) {
        add("no_russia_clause",
            fmt::format("EU exporter ships goods of Annex {} of Regulation 833/2014 to {} without "
                        "the no-Russia clause of Article 12g ({}; clause {})",
                        Join(annexes, ", "), destination, when,
                        s.no_russia_clause.has_value() ? "absent" : "not stated"),
            {{"annexes", annexes}, {"lines", lines}, {"destination", destination}});
      }
    }
  }

  // The declared destination is not where the route ends.
  if (!s.declared_destination.empty() && !s.route.empty()) {
    const RouteStop& last = s.route.back();
    // A region ("UA-43") is compared as a region; a country as a country.
    const bool declared_region =
        s.declared_destination.size() > 2 && s.declared_destination[2] == '-';
    const bool last_region = last.place.size() > 2 && last.place[2] == '-';
    const bool same = declared_region || last_region ? last.place == s.declared_destination
                                                     : last.country == s.declared_destination;
    if (!same) {
      add("route_mismatch",
          fmt::format("declared destination {} but the route ends in {}", s.declared_destination,
                      last.as_given),
          {{"declared_destination", s.declared_destination}, {"route_end", last.as_given}});
    }
  }

  // Risk: each code's weight once, then the floors of the combinations present.
  std::set<std::string> codes;
  int sum = 0;
  for (const Finding& f : a.findings) {
    if (codes.insert(f.code).second) sum += f.weight;
  }
  a.risk = std::min(100, sum);
  for (const RiskCombination& c : rules.combinations()) {
    const bool all = std::all_of(c.all.begin(), c.all.end(),
                                 [&](const std::string& code) { return codes.contains(code); });
    const bool tier =
        c.tiers.empty() || std::any_of(c.tiers.begin(), c.tiers.end(),
                                       [&](const std::string& t) { return tiers.contains(t); });
    if (all && tier && c.floor > a.risk) {
      a.risk = c.floor;
      a.because.push_back(c.because);
    } else if (all && tier) {
      a.because.push_back(c.because);
    }
  }
  a.level = a.risk >= rules.high_from() ? "high" : a.risk >= rules.medium_from() ? "medium" : "low";
  std::stable_sort(a.findings.begin(), a.findings.end(),
                   [](const Finding& x, const Finding& y) { return x.weight > y.weight; });
  return a;
}

OJson FindingJson(const Finding& f) {
  OJson out = {{"code", f.code}, {"detail", f.detail}};
  for (const auto& [key, value] : f.evidence.items()) out[key] = value;
  return out;
}

}  // namespace cordon::trade
