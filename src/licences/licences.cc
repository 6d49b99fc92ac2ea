#include "licences/licences.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/strings.h"
#include "match/compare.h"
#include "match/features.h"

namespace cordon::licences {
namespace internal {
extern const char kLicencesJson[];
extern const std::size_t kLicencesJsonSize;
}  // namespace internal

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
  return Date::FromYmd(y, m, d);
}

int64_t Days(Date d) { return DaysFromCivil(d.year(), d.month(), d.day()); }

// The date part of the expiry in the licence's own time zone.
Date ExpiryDay(const Licence& l) {
  const int64_t local = *l.expires_at + l.offset_minutes * 60;
  return CivilFromDays(local >= 0 ? local / 86400 : (local - 86399) / 86400);
}

// The letters and digits of a word, upper case: "7707083893", "SABRRUMM".
std::string Canonical(std::string_view s) {
  std::string out;
  for (char c : s) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) out += c;
    if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

std::optional<std::pair<int64_t, int>> ParseInstant(std::string_view s) {
  // YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)
  if (s.size() < 17 || s[10] != 'T') return std::nullopt;
  Result<Date> date = Date::Parse(s.substr(0, 10));
  if (!date.ok()) return std::nullopt;
  const auto two = [&](size_t at) -> int {
    if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') {
      return -1;
    }
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
  };
  const int hour = two(11), minute = two(14);
  if (s[13] != ':' || hour < 0 || hour > 23 || minute < 0 || minute > 59) return std::nullopt;
  size_t at = 16;
  int second = 0;
  if (at < s.size() && s[at] == ':') {
    second = two(at + 1);
    if (second < 0 || second > 59) return std::nullopt;
    at += 3;
  }
  int offset = 0;
  if (at < s.size() && s[at] == 'Z' && at + 1 == s.size()) {
    offset = 0;
  } else if (at + 6 == s.size() && (s[at] == '+' || s[at] == '-') && s[at + 3] == ':') {
    const int oh = two(at + 1), om = two(at + 4);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return std::nullopt;
    offset = (oh * 60 + om) * (s[at] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const int64_t local = Days(*date) * 86400 + hour * 3600 + minute * 60 + second;
  return std::make_pair(local - offset * 60, offset);
}

const LicenceTable& LicenceTable::Bundled() {
  static const LicenceTable table = [] {
    Result<LicenceTable> parsed =
        Parse(std::string_view(internal::kLicencesJson, internal::kLicencesJsonSize),
              "data/licences/licences.json");
    if (!parsed.ok()) {
      // The bundled table is checked by the tests; a build with a broken one must not run.
      fmt::print(stderr, "cordon: {}\n", parsed.status().ToString());
      std::abort();
    }
    return std::move(parsed).value();
  }();
  return table;
}

Result<LicenceTable> LicenceTable::Parse(std::string_view json, const std::string& name) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || !j.contains("licences") || !j["licences"].is_array() ||
      !j.contains("activities") || !j["activities"].is_object()) {
    return InvalidArgumentError(name + ": expected an object with \"activities\" and \"licences\"");
  }
  LicenceTable table;
  for (const auto& [activity, meaning] : j["activities"].items()) {
    table.activities_.emplace_back(activity, meaning.is_string() ? meaning.get<std::string>() : "");
  }
  const auto known_activity = [&](const std::string& a) {
    return std::any_of(table.activities_.begin(), table.activities_.end(),
                       [&](const auto& entry) { return entry.first == a; });
  };
  size_t index = 0;
  for (const nlohmann::json& item : j["licences"]) {
    const std::string where = fmt::format("{}: licences[{}]", name, index++);
    if (!item.is_object()) return InvalidArgumentError(where + ": not an object");
    Licence l;
    try {
      const auto text = [&](const char* key) {
        return item.contains(key) && item[key].is_string() ? item[key].get<std::string>()
                                                           : std::string();
      };
      l.id = text("id");
      if (l.id.empty()) return InvalidArgumentError(where + ": no \"id\"");
      const std::string at = fmt::format("{} ({})", where, l.id);
      std::optional<model::Regime> regime = model::RegimeFromName(text("regime"));
      if (!regime || *regime == model::Regime::kOther || *regime == model::Regime::kUn) {
        return InvalidArgumentError(at + ": regime: '" + text("regime") + "' (us, eu or uk)");
      }
      l.regime = *regime;
      l.authority = text("authority");
      l.number = text("number");
      l.programme = text("programme");
      l.title = text("title");
      if (!text("issued").empty()) {
        Result<Date> issued = Date::Parse(text("issued"));
        if (!issued.ok())
          return InvalidArgumentError(at + ": issued: " + issued.status().message());
        l.issued = *issued;
      }
      l.expires = text("expires");
      if (!l.expires.empty()) {
        std::optional<std::pair<int64_t, int>> instant = ParseInstant(l.expires);
        if (!instant) {
          return InvalidArgumentError(at + ": expires: '" + l.expires +
                                      "' is not an instant with its offset");
        }
        l.expires_at = instant->first;
        l.offset_minutes = instant->second;
      }
      l.expires_text = text("expires_text");
      l.conditions = text("conditions");
      if (item.contains("supersedes"))
        l.supersedes = item["supersedes"].get<std::vector<std::string>>();
      if (item.contains("activities"))
        l.activities = item["activities"].get<std::vector<std::string>>();
      for (const std::string& a : l.activities) {
        if (!known_activity(a)) {
          return InvalidArgumentError(at + ": activities: '" + a + "' is not in the vocabulary");
        }
      }
      if (item.contains("unverified"))
        l.unverified = item["unverified"].get<std::vector<std::string>>();
      if (item.contains("sources") && item["sources"].is_object()) {
        const nlohmann::json& sources = item["sources"];
        if (sources.contains("licence") && sources["licence"].is_string()) {
          l.source_url = sources["licence"].get<std::string>();
        }
        if (sources.contains("federal_register") && sources["federal_register"].is_string()) {
          l.federal_register = sources["federal_register"].get<std::string>();
        }
      }
      if (item.contains("parties")) {
        for (const nlohmann::json& p : item["parties"]) {
          Party party;
          party.name = p.value("name", std::string());
          if (p.contains("sdn_uid") && p["sdn_uid"].is_string()) {
            party.sdn_uid = p["sdn_uid"].get<std::string>();
          }
          if (p.contains("identifiers")) {
            party.identifiers = p["identifiers"].get<std::vector<std::string>>();
          }
          party.owned_50_percent_included = p.value("owned_50_percent_included", false);
          l.parties.push_back(std::move(party));
        }
      }
    } catch (const nlohmann::json::exception& e) {
      return InvalidArgumentError(where + ": " + e.what());
    }
    if (table.Find(l.id) != nullptr) return InvalidArgumentError(where + ": id " + l.id + " twice");
    table.licences_.push_back(std::move(l));
  }
  // A licence that names a predecessor the table does not hold (one no source could be found
  // for) still ends nothing; the ones it holds end on the successor's issue.
  for (Licence& l : table.licences_) {
    for (const std::string& old : l.supersedes) {
      for (Licence& other : table.licences_) {
        if (other.id == old) other.superseded_by.push_back(l.id);
      }
    }
  }
  return table;
}

const Licence* LicenceTable::Find(std::string_view id) const {
  for (const Licence& l : licences_) {
    if (l.id == id) return &l;
  }
  return nullptr;
}

bool LicenceTable::InForceOn(const Licence& l, Date date) const {
  if (l.issued && date < *l.issued) return false;
  for (const std::string& id : l.superseded_by) {
    const Licence* next = Find(id);
    if (next != nullptr && next->issued && date >= *next->issued) return false;
  }
  if (l.expires_at) {
    // The end of `date` in the expiry's own time zone.
    const int64_t day_end = (Days(date) + 1) * 86400 - int64_t{l.offset_minutes} * 60;
    if (*l.expires_at < day_end) return false;
  }
  return true;
}

std::string LicenceTable::EndedOn(const Licence& l) const {
  std::optional<Date> ended;
  if (l.expires_at) ended = ExpiryDay(l);
  for (const std::string& id : l.superseded_by) {
    const Licence* next = Find(id);
    if (next != nullptr && next->issued && (!ended || *next->issued < *ended)) ended = next->issued;
  }
  return ended ? ended->ToIso() : std::string();
}

bool LicenceTable::Covers(const Licence& l, const CheckRequest& request) const {
  if (l.parties.empty()) return true;
  for (const Party& party : l.parties) {
    if (request.entity != nullptr) {
      const model::Entity& e = *request.entity;
      if (!party.sdn_uid.empty() && e.id == "us_ofac_sdn:" + party.sdn_uid) return true;
      for (const std::string& written : party.identifiers) {
        for (std::string_view word : Split(written, ' ')) {
          const std::string value = Canonical(word);
          if (value.size() < 6) continue;
          for (const model::Identifier& id : e.identifiers) {
            if (match::CanonicalIdentifier(id.type, id.value) == value) return true;
          }
        }
      }
      for (const model::Name& n : e.names) {
        if (match::CompareNames(n.full, party.name, model::Schema::kCompany).score >= 0.85) {
          return true;
        }
      }
    }
    if (!request.party_name.empty() &&
        match::CompareNames(request.party_name, party.name, model::Schema::kCompany).score >=
            0.85) {
      return true;
    }
  }
  return false;
}

LicenceCheck LicenceTable::Check(const CheckRequest& request) const {
  LicenceCheck out;
  for (const Licence& l : licences_) {
    if (l.regime != request.regime) continue;
    if (std::find(l.activities.begin(), l.activities.end(), request.activity) ==
        l.activities.end()) {
      continue;
    }
    if (!Covers(l, request)) continue;
    if (InForceOn(l, request.date)) {
      out.authorising.push_back(&l);
      continue;
    }
    const std::string ended = EndedOn(l);
    if (!ended.empty() && ended <= request.date.ToIso() && ended > out.last_ended) {
      out.last = &l;
      out.last_ended = ended;
    }
  }
  if (!out.authorising.empty()) {
    out.last = nullptr;
    out.last_ended.clear();
  }
  return out;
}

namespace {

bool ListedBy(const model::Entity& entity, model::Regime regime) {
  return std::any_of(entity.sanctions.begin(), entity.sanctions.end(),
                     [&](const model::Sanction& s) { return s.regime == regime; });
}

}  // namespace

bool LicenceTable::NamesAsParty(const Licence& licence, const model::Entity& entity) const {
  return !licence.parties.empty() && ListedBy(entity, licence.regime) &&
         Covers(licence, {.regime = licence.regime, .entity = &entity});
}

std::vector<std::vector<const Licence*>> LicenceTable::LicencesByEntity(
    const match::MatchIndex& index, Date date, const OwnedEntities& owned_by) const {
  const std::vector<model::Entity>& entities = index.entities();
  std::vector<std::vector<const Licence*>> out(entities.size());
  std::unordered_map<std::string, std::vector<size_t>> by_identifier;
  for (size_t i = 0; i < entities.size(); ++i) {
    for (const model::Identifier& id : entities[i].identifiers) {
      const std::string value = match::CanonicalIdentifier(id.type, id.value);
      if (value.size() >= 6) by_identifier[value].push_back(i);
    }
  }
  const auto listed_by = [&](size_t i, model::Regime regime) {
    return ListedBy(entities[i], regime);
  };
  match::SearchOptions search;
  search.threshold = 0.85;
  search.limit = 5;
  for (const Licence& l : licences_) {
    if (l.parties.empty() || !InForceOn(l, date)) continue;
    std::vector<size_t> covered;
    for (const Party& party : l.parties) {
      const size_t named_from = covered.size();
      if (!party.sdn_uid.empty()) {
        if (const model::Entity* e = index.Find("us_ofac_sdn:" + party.sdn_uid)) {
          covered.push_back(static_cast<size_t>(e - entities.data()));
        }
      }
      for (const std::string& written : party.identifiers) {
        for (std::string_view word : Split(written, ' ')) {
          auto it = by_identifier.find(Canonical(word));
          if (it != by_identifier.end())
            covered.insert(covered.end(), it->second.begin(), it->second.end());
        }
      }
      match::Query query;
      query.names = {party.name};
      for (const match::Match& m : index.Search(query, search)) {
        if (m.entity->schema != model::Schema::kPerson &&
            m.entity->schema != model::Schema::kVessel &&
            m.entity->schema != model::Schema::kAircraft) {
          covered.push_back(static_cast<size_t>(m.entity - entities.data()));
        }
      }
      if (party.owned_50_percent_included && owned_by) {
        std::vector<size_t> owned;
        for (size_t k = named_from; k < covered.size(); ++k) {
          if (!listed_by(covered[k], l.regime)) continue;
          for (size_t o : owned_by(covered[k], l.regime)) owned.push_back(o);
        }
        for (size_t o : owned) {
          if (std::find(out[o].begin(), out[o].end(), &l) == out[o].end()) out[o].push_back(&l);
        }
      }
    }
    for (size_t i : covered) {
      if (!listed_by(i, l.regime)) continue;
      if (std::find(out[i].begin(), out[i].end(), &l) == out[i].end()) out[i].push_back(&l);
    }
  }
  return out;
}

std::optional<int> LicenceTable::DaysToExpiry(const Licence& licence, Date date) {
  if (!licence.expires_at) return std::nullopt;
  return static_cast<int>(Days(ExpiryDay(licence)) - Days(date));
}

std::vector<const Licence*> LicenceTable::Expiring(Date date, int days,
                                                   std::optional<model::Regime> regime) const {
  std::vector<const Licence*> out;
  for (const Licence& l : licences_) {
    if (regime && l.regime != *regime) continue;
    if (!l.expires_at || !InForceOn(l, date)) continue;
    if (Days(ExpiryDay(l)) - Days(date) <= days) out.push_back(&l);
  }
  std::sort(out.begin(), out.end(),
            [](const Licence* a, const Licence* b) { return *a->expires_at < *b->expires_at; });
  return out;
}

nlohmann::ordered_json LicenceJson(const LicenceTable& table, const Licence& l) {
  using Json = nlohmann::ordered_json;
  Json parties = Json::array();
  for (const licences::Party& p : l.parties) {
    parties.push_back({{"name", p.name},
                       {"sdn_uid", p.sdn_uid},
                       {"identifiers", p.identifiers},
                       {"owned_50_percent_included", p.owned_50_percent_included}});
  }
  return {{"id", l.id},
          {"regime", model::RegimeName(l.regime)},
          {"authority", l.authority},
          {"number", l.number},
          {"programme", l.programme},
          {"title", l.title},
          {"issued", l.issued ? l.issued->ToIso() : ""},
          {"expires", l.expires},
          {"expires_text", l.expires_text},
          {"ended", table.EndedOn(l)},
          {"supersedes", l.supersedes},
          {"superseded_by", l.superseded_by},
          {"activities", l.activities},
          {"parties", std::move(parties)},
          {"conditions", l.conditions},
          {"source", l.source_url},
          {"federal_register", l.federal_register},
          {"unverified", l.unverified}};
}

}  // namespace cordon::licences
