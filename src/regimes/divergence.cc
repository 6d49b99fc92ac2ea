#include "regimes/divergence.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "base/date.h"
#include "base/strings.h"

namespace cordon::regimes {
namespace {

using model::Regime;

struct ProgrammeRule {
  std::string_view key;
  // Parts of a programme's name as the lists write it (case ignored), and codes matched whole.
  std::vector<std::string_view> contains;
  std::vector<std::string_view> codes;
};

// OFAC's tags (RUSSIA-EO14024, UKRAINE-EO13662, CAATSA - RUSSIA), the EU's regime codes (UKR is
// Regulation 269/2014 on Ukraine's territorial integrity, RUS the economic measures and
// RUSDA destabilising activities), the UK's regulations by name, OFSI's 2018 regime names.
const std::vector<ProgrammeRule>& Rules() {
  static const std::vector<ProgrammeRule> rules = {
      {"russia", {"russia", "ukraine-eo", "ukraine eo"}, {"UKR", "RUS", "RUSDA"}},
      {"belarus", {"belarus"}, {"BLR"}},
      {"iran", {"iran", "irgc", "ifsr"}, {"IRN"}},
      {"dprk", {"dprk", "korea", "north korea"}, {"PRK"}},
      {"syria", {"syria"}, {"SYR"}},
      {"terrorism",
       {"sdgt", "al-qaida", "al-qaeda", "isil", "taliban", "afghanistan", "terror"},
       {"TAQA", "AFG", "AQD"}},
  };
  return rules;
}

bool RetiredBy(const RegimeSource& source, const std::string& date) {
  return !source.retired.empty() && source.retired <= date;
}

// The version of `versions` in force on `date`: the highest whose effective date is on or
// before it; 0 when none.
int64_t InForce(const std::vector<SourceVersion>& versions, const std::string& date) {
  int64_t in_force = 0;
  for (const SourceVersion& v : versions) {
    if (v.effective <= date) in_force = v.number;
  }
  return in_force;
}

const SourceVersion* Version(const std::vector<SourceVersion>& versions, int64_t number) {
  for (const SourceVersion& v : versions) {
    if (v.number == number) return &v;
  }
  return nullptr;
}

template <typename T>
void AddDistinct(std::vector<T>& to, const T& value) {
  if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
}

bool IsOrganisation(model::Schema s) {
  return s == model::Schema::kCompany || s == model::Schema::kOrganization ||
         s == model::Schema::kLegalEntity;
}

}  // namespace

std::vector<RegimeSource> DefaultRegimeSources() {
  return {{"us_ofac_sdn", Regime::kUs, ""},
          {"us_ofac_cons", Regime::kUs, ""},
          {"eu_fsf", Regime::kEu, ""},
          {"gb_fcdo", Regime::kUk, ""},
          {"gb_hmt_ofsi", Regime::kUk, "2026-01-28"},
          {"un_sc", Regime::kUn, ""}};
}

bool ProgrammeMatches(std::string_view key, std::string_view program) {
  const std::string lower = AsciiLower(program);
  const std::string_view trimmed = StripWhitespace(program);
  for (const ProgrammeRule& rule : Rules()) {
    if (rule.key != key) continue;
    for (std::string_view part : rule.contains) {
      if (lower.find(part) != std::string::npos) return true;
    }
    for (std::string_view code : rule.codes) {
      if (trimmed == code) return true;
    }
  }
  return false;
}

std::vector<std::string> ProgrammeKeys() {
  std::vector<std::string> out;
  for (const ProgrammeRule& rule : Rules()) out.emplace_back(rule.key);
  return out;
}

std::string RegimeCombination(const std::vector<Regime>& regimes) {
  std::string out;
  for (Regime r : {Regime::kUs, Regime::kEu, Regime::kUk, Regime::kUn}) {
    if (std::find(regimes.begin(), regimes.end(), r) == regimes.end()) continue;
    if (!out.empty()) out += '+';
    out += model::RegimeName(r);
  }
  return out;
}

Result<ListingHistory> ReadListingHistory(store::Store& store,
                                          std::span<const RegimeSource> sources) {
  ListingHistory history;
  std::unordered_map<std::string, size_t> index_of;
  // Removed records, to read back from the version before the one that dropped them.
  std::vector<std::pair<std::string, int64_t>> dropped;
  for (const RegimeSource& source : sources) {
    Result<std::vector<store::VersionInfo>> versions = store.ListVersions(source.source);
    if (!versions.ok()) {
      if (versions.status().code() == StatusCode::kNotFound) continue;
      return versions.status();
    }
    history.sources.push_back(source);
    std::vector<SourceVersion>& mine = history.versions[source.source];
    std::unordered_map<std::string, std::vector<int64_t>> held;
    std::unordered_set<std::string> present;
    for (const store::VersionInfo& v : *versions) {
      mine.push_back({v.number, store::EffectiveDate(v)});
      ASSIGN_OR_RETURN(store::Delta delta, store.GetDelta(source.source, v.number - 1, v.number));
      for (const store::EntityChange& c : delta.changes) {
        if (c.kind == store::EntityChange::Kind::kAdded) present.insert(c.entity_id);
        if (c.kind == store::EntityChange::Kind::kRemoved) present.erase(c.entity_id);
      }
      for (const std::string& id : present) held[id].push_back(v.number);
    }
    for (auto& [id, numbers] : held) {
      if (!present.contains(id)) dropped.emplace_back(id, numbers.back());
    }
    for (auto& [id, numbers] : held) {
      index_of.emplace(id, history.held_in.size());
      history.held_in.push_back(std::move(numbers));
    }
  }
  if (history.sources.empty()) {
    return NotFoundError("the store holds none of the regimes' lists; run `cordon load`");
  }
  history.entities.resize(history.held_in.size());
  std::vector<bool> filled(history.held_in.size(), false);
  RETURN_IF_ERROR(store.ForEachCurrentEntity([&](const model::Entity& e) {
    auto it = index_of.find(e.id);
    if (it != index_of.end()) {
      history.entities[it->second] = e;
      filled[it->second] = true;
    }
    return Status::Ok();
  }));
  for (const auto& [id, last] : dropped) {
    ASSIGN_OR_RETURN(model::Entity e, store.GetEntity(id, last));
    const size_t at = index_of.at(id);
    history.entities[at] = std::move(e);
    filled[at] = true;
  }
  // Keep the order reproducible: by entity id.
  std::vector<size_t> order(history.entities.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::erase_if(order, [&](size_t i) { return !filled[i]; });
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return history.entities[a].id < history.entities[b].id; });
  ListingHistory sorted;
  sorted.sources = std::move(history.sources);
  sorted.versions = std::move(history.versions);
  for (size_t i : order) {
    sorted.entities.push_back(std::move(history.entities[i]));
    sorted.held_in.push_back(std::move(history.held_in[i]));
  }
  return sorted;
}

namespace {

class Evaluator {
 public:
  Evaluator(const ListingHistory& history, const SubjectSet& subjects) : history_(history) {
    std::unordered_map<std::string_view, size_t> entity_at;
    for (size_t i = 0; i < history.entities.size(); ++i) entity_at[history.entities[i].id] = i;
    members_.resize(subjects.subjects.size());
    for (size_t s = 0; s < subjects.subjects.size(); ++s) {
      for (const std::string& id : subjects.subjects[s].entity_ids) {
        auto it = entity_at.find(id);
        if (it != entity_at.end()) members_[s].push_back(it->second);
      }
    }
    for (const RegimeSource& source : history.sources) source_of_[source.source] = &source;
  }

  const RegimeSource* SourceOf(const model::Entity& e) const {
    auto it = source_of_.find(e.provenance.source);
    return it == source_of_.end() ? nullptr : it->second;
  }

  // Whether entity i is listed (its source in force and not retired, the record in it) on date.
  bool Listed(size_t i, const std::string& date) const {
    const RegimeSource* source = SourceOf(history_.entities[i]);
    if (source == nullptr || RetiredBy(*source, date)) return false;
    const int64_t version = InForce(history_.versions.at(source->source), date);
    const std::vector<int64_t>& held = history_.held_in[i];
    return version != 0 && std::find(held.begin(), held.end(), version) != held.end();
  }

  std::vector<Regime> RegimesListing(size_t subject, const std::string& date,
                                     const std::vector<Regime>& asked) const {
    std::vector<Regime> out;
    for (size_t i : members_[subject]) {
      const RegimeSource* source = SourceOf(history_.entities[i]);
      if (source == nullptr) continue;
      if (std::find(asked.begin(), asked.end(), source->regime) == asked.end()) continue;
      if (Listed(i, date)) AddDistinct(out, source->regime);
    }
    return out;
  }

  const std::vector<size_t>& members(size_t subject) const { return members_[subject]; }

 private:
  const ListingHistory& history_;
  std::vector<std::vector<size_t>> members_;
  std::unordered_map<std::string, const RegimeSource*> source_of_;
};

}  // namespace

Result<DivergenceReport> ComputeDivergence(const ListingHistory& history,
                                           const SubjectSet& subjects,
                                           const DivergenceOptions& options) {
  DivergenceReport report;
  if (!options.programme.empty()) {
    const std::vector<std::string> keys = ProgrammeKeys();
    if (std::find(keys.begin(), keys.end(), options.programme) == keys.end()) {
      return InvalidArgumentError(fmt::format("unknown programme '{}' (known: {})",
                                              options.programme, fmt::join(keys, ", ")));
    }
  }
  if (options.as_of.empty()) {
    report.as_of = Date::Today().ToIso();
  } else {
    ASSIGN_OR_RETURN(Date date, Date::Parse(options.as_of));
    report.as_of = date.ToIso();
  }
  const std::string& as_of = report.as_of;
  const Evaluator eval(history, subjects);
  const auto in_programme = [&](const model::Sanction& s) {
    return options.programme.empty() || ProgrammeMatches(options.programme, s.program);
  };

  std::vector<bool> selected(subjects.subjects.size(), false);
  for (size_t s = 0; s < subjects.subjects.size(); ++s) {
    SubjectListings out;
    out.subject = &subjects.subjects[s];
    bool in_scope = false;
    // Listings.
    for (size_t i : eval.members(s)) {
      const model::Entity& e = history.entities[i];
      const RegimeSource* source = eval.SourceOf(e);
      if (source == nullptr) continue;
      const Regime regime = source->regime;
      if (std::find(options.regimes.begin(), options.regimes.end(), regime) ==
          options.regimes.end()) {
        continue;
      }
      for (const model::Sanction& sanction : e.sanctions) in_scope |= in_programme(sanction);
      if (!eval.Listed(i, as_of)) continue;
      Listing& listing = out.listed[regime];
      AddDistinct(listing.sources, source->source);
      std::string since;
      for (const model::Sanction& sanction : e.sanctions) {
        if (!sanction.program.empty()) AddDistinct(listing.programmes, sanction.program);
        const std::string date = sanction.listed_on.ToIso();
        if (sanction.listed_on.day != 0 && date <= as_of && (since.empty() || date < since)) {
          since = date;
        }
      }
      if (since.empty()) {  // the first version that carried the record
        const SourceVersion* first =
            Version(history.versions.at(source->source), history.held_in[i].front());
        if (first != nullptr) since = first->effective;
      }
      if (!since.empty() && (listing.since.empty() || since < listing.since)) {
        listing.since = since;
      }
    }
    // Delistings: a regime that does not list the subject but a version of its source dropped
    // one of its records on or before the date.
    for (Regime regime : options.regimes) {
      if (out.listed.contains(regime)) continue;
      AddDistinct(out.not_listed, regime);
      for (size_t i : eval.members(s)) {
        const model::Entity& e = history.entities[i];
        const RegimeSource* source = eval.SourceOf(e);
        if (source == nullptr || source->regime != regime) continue;
        const std::vector<SourceVersion>& versions = history.versions.at(source->source);
        const int64_t last = history.held_in[i].back();
        const SourceVersion* next = Version(versions, last + 1);
        if (next == nullptr || next->effective > as_of) continue;
        if (RetiredBy(*source, next->effective)) continue;
        std::string& date = out.delisted[regime];
        if (next->effective > date) date = next->effective;
      }
    }
    if (!in_scope || (out.listed.empty() && out.delisted.empty())) continue;
    // Where a listed company is registered.
    if (IsOrganisation(out.subject->schema)) {
      for (const model::CountryRole role :
           {model::CountryRole::kJurisdiction, model::CountryRole::kAddressCountry}) {
        for (size_t i : eval.members(s)) {
          for (const model::CountryRef& c : history.entities[i].countries) {
            if (c.role == role && !c.code.empty()) AddDistinct(out.registered_in, c.code);
          }
          for (const model::Address& a : history.entities[i].addresses) {
            if (role == model::CountryRole::kAddressCountry && !a.country_code.empty()) {
              AddDistinct(out.registered_in, a.country_code);
            }
          }
        }
        if (!out.registered_in.empty()) break;
      }
      std::sort(out.registered_in.begin(), out.registered_in.end());
    }
    selected[s] = true;
    std::vector<Regime> regimes;
    for (const auto& [regime, listing] : out.listed) regimes.push_back(regime);
    if (!regimes.empty()) ++report.matrix[RegimeCombination(regimes)];
    bool russia = false;
    for (size_t i : eval.members(s)) {
      for (const model::Sanction& sanction : history.entities[i].sanctions) {
        russia |= ProgrammeMatches("russia", sanction.program);
      }
    }
    const bool home = std::any_of(out.registered_in.begin(), out.registered_in.end(),
                                  [](const std::string& c) { return c == "RU" || c == "BY"; });
    if (russia && !out.listed.empty() && !out.registered_in.empty() && !home) {
      for (const std::string& country : out.registered_in) ++report.third_country[country];
    }
    report.subjects.push_back(std::move(out));
  }

  // The matrix over time: on each version's date and each retirement, up to the date asked.
  std::set<std::string> dates;
  for (const auto& [source, versions] : history.versions) {
    for (const SourceVersion& v : versions) {
      if (v.effective <= as_of) dates.insert(v.effective);
    }
  }
  for (const RegimeSource& source : history.sources) {
    if (!source.retired.empty() && source.retired <= as_of) dates.insert(source.retired);
  }
  for (const std::string& date : dates) {
    std::map<std::string, int> matrix;
    for (size_t s = 0; s < subjects.subjects.size(); ++s) {
      if (!selected[s]) continue;
      const std::vector<Regime> regimes = eval.RegimesListing(s, date, options.regimes);
      if (!regimes.empty()) ++matrix[RegimeCombination(regimes)];
    }
    report.series.emplace_back(date, std::move(matrix));
  }
  return report;
}

}  // namespace cordon::regimes
