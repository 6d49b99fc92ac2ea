#include "regimes/subjects.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "base/file.h"
#include "match/features.h"
#include "match/index.h"

namespace cordon::regimes {
namespace {

// "QDi.001", "TAe.010", "KPi.033": two letters of the regime, i or e, a number; written with
// three digits as the UN writes it ("LYi.28" in the EU's records is the UN's "LYi.028").
std::optional<std::string> UnReferenceOf(std::string_view s) {
  if (s.size() < 5 || s.size() > 7 || s[3] != '.') return std::nullopt;
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!upper(s[0]) || !upper(s[1]) || (s[2] != 'i' && s[2] != 'e')) return std::nullopt;
  const std::string_view number = s.substr(4);
  if (!std::all_of(number.begin(), number.end(), digit)) return std::nullopt;
  return std::string(s.substr(0, 4)) + std::string(3 - number.size(), '0') + std::string(number);
}

// Identifier kinds compared with each other: lists file the same number under different
// labels (the EU's "fiscal code" is the UK's INN; an OGRN is a registration number).
std::string_view IdentifierClass(model::IdentifierType type) {
  using T = model::IdentifierType;
  switch (type) {
    case T::kImo:
      return "imo";
    case T::kMmsi:
      return "mmsi";
    case T::kLei:
      return "lei";
    case T::kBic:
      return "bic";
    case T::kInn:
    case T::kTaxId:
      return "tax";
    case T::kOgrn:
    case T::kRegistration:
      return "registration";
    case T::kPassport:
      return "passport";
    case T::kNationalId:
      return "national_id";
    case T::kAircraftSerial:
      return "aircraft_serial";
    case T::kAircraftTailNumber:
      return "aircraft_tail";
    default:
      return "";
  }
}

// Which entity gives a subject its caption and schema: the UN's record, then the allies' own.
int SourceRank(std::string_view id) {
  static constexpr std::string_view kOrder[] = {
      "un_sc:", "us_ofac_sdn:", "eu_fsf:", "gb_fcdo:", "gb_hmt_ofsi:", "us_ofac_cons:"};
  for (size_t i = 0; i < std::size(kOrder); ++i) {
    if (id.starts_with(kOrder[i])) return static_cast<int>(i);
  }
  return static_cast<int>(std::size(kOrder));
}

std::string SubjectId(std::string_view smallest_entity_id) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a, 64 bits
  for (unsigned char c : smallest_entity_id) {
    h ^= c;
    h *= 1099511628211ull;
  }
  // The splitmix64 finaliser, so that ids of neighbouring records do not look alike.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return fmt::format("S-{:012x}", h >> 16);
}

class Groups {
 public:
  Groups(size_t n, std::vector<std::pair<size_t, size_t>> apart)
      : parent_(n), apart_(std::move(apart)) {
    std::iota(parent_.begin(), parent_.end(), size_t{0});
  }
  size_t Find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // Joins the groups of a and b unless an analyst's split keeps them apart; whether they are
  // now (or already were) one group.
  bool Join(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return true;
    for (const auto& [x, y] : apart_) {
      const size_t fx = Find(x), fy = Find(y);
      if ((fx == a && fy == b) || (fx == b && fy == a)) return false;
    }
    parent_[std::max(a, b)] = std::min(a, b);
    return true;
  }

 private:
  std::vector<size_t> parent_;
  std::vector<std::pair<size_t, size_t>> apart_;
};

std::string SourceOf(std::string_view id) { return std::string(id.substr(0, id.find(':'))); }

std::vector<model::PartialDate> FullBirthDates(const model::Entity& e) {
  std::vector<model::PartialDate> out;
  for (const model::DateSpec& d : e.birth_dates) {
    if (d.until.empty() && d.date.day != 0) out.push_back(d.date);
  }
  return out;
}

}  // namespace

std::string_view EvidenceKindName(EvidenceKind kind) {
  switch (kind) {
    case EvidenceKind::kMerge:
      return "merge";
    case EvidenceKind::kUnReference:
      return "un_reference";
    case EvidenceKind::kIdentifier:
      return "identifier";
    case EvidenceKind::kNameAndBirthDate:
      return "name_and_birth_date";
  }
  return "";
}

std::vector<std::string> UnReferences(const model::Entity& entity) {
  std::vector<std::string> out;
  const auto add = [&](std::string_view text) {
    // "QDi.001; QDi.002" in some records.
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find_first_of(";, ", start);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view part = text.substr(start, end - start);
      std::optional<std::string> reference = UnReferenceOf(part);
      if (reference && std::find(out.begin(), out.end(), *reference) == out.end()) {
        out.push_back(std::move(*reference));
      }
      start = end + 1;
    }
  };
  for (const model::Sanction& s : entity.sanctions) add(s.reference);
  for (const auto& [key, value] : entity.properties) {
    if (key == "unscId") add(value);
  }
  return out;
}

Result<SubjectOverrides> ParseSubjectOverrides(std::string_view json, const std::string& name) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return InvalidArgumentError(name + ": not a JSON object with \"merge\" and \"split\" arrays");
  }
  SubjectOverrides out;
  for (const char* key : {"merge", "split"}) {
    if (!j.contains(key)) continue;
    const nlohmann::json& list = j[key];
    if (!list.is_array())
      return InvalidArgumentError(fmt::format("{}: {}: not an array", name, key));
    for (size_t i = 0; i < list.size(); ++i) {
      const nlohmann::json& item = list[i];
      const std::string where = fmt::format("{}: {}[{}]", name, key, i);
      if (!item.is_object() || !item.contains("a") || !item.contains("b") ||
          !item["a"].is_string() || !item["b"].is_string()) {
        return InvalidArgumentError(where + ": needs \"a\" and \"b\", two entity ids");
      }
      SubjectOverrides::Pair pair{item["a"].get<std::string>(), item["b"].get<std::string>(),
                                  item.value("note", std::string())};
      if (pair.a.empty() || pair.b.empty() || pair.a == pair.b) {
        return InvalidArgumentError(where + ": \"a\" and \"b\" must be two different entity ids");
      }
      (std::string_view(key) == "merge" ? out.merge : out.split).push_back(std::move(pair));
    }
  }
  for (const auto& [key, value] : j.items()) {
    if (key != "merge" && key != "split" && !key.starts_with("_")) {
      return InvalidArgumentError(name + ": unknown field \"" + key + "\"");
    }
  }
  return out;
}

Result<SubjectOverrides> ReadSubjectOverrides(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return ParseSubjectOverrides(text, path);
}

Result<SubjectOverrides> ReadSubjectOverridesBeside(const std::string& store_path) {
  std::filesystem::path beside(store_path);
  beside.replace_extension(".overrides.json");
  std::error_code ec;
  if (!std::filesystem::exists(beside, ec)) return SubjectOverrides{};
  return ReadSubjectOverrides(beside.string());
}

Result<SubjectSet> ResolveSubjects(std::span<const model::Entity> entities,
                                   const SubjectOverrides& overrides,
                                   const SubjectOptions& options) {
  std::unordered_map<std::string_view, size_t> index_of;
  for (size_t i = 0; i < entities.size(); ++i) {
    if (!index_of.emplace(entities[i].id, i).second) {
      return InvalidArgumentError("two entities share the id " + entities[i].id);
    }
  }
  SubjectSet out;
  const auto lookup = [&](const std::string& id) -> std::optional<size_t> {
    auto it = index_of.find(id);
    if (it != index_of.end()) return it->second;
    if (std::find(out.unknown_override_ids.begin(), out.unknown_override_ids.end(), id) ==
        out.unknown_override_ids.end()) {
      out.unknown_override_ids.push_back(id);
    }
    return std::nullopt;
  };
  std::vector<std::pair<size_t, size_t>> apart;
  for (const SubjectOverrides::Pair& p : overrides.split) {
    std::optional<size_t> a = lookup(p.a), b = lookup(p.b);
    if (a && b) apart.emplace_back(*a, *b);
  }
  Groups groups(entities.size(), std::move(apart));
  std::vector<std::vector<Evidence>> links_at(entities.size());
  const auto apply = [&](size_t a, size_t b, Evidence evidence) {
    if (groups.Find(a) == groups.Find(b)) return;
    if (!groups.Join(a, b)) return;
    links_at[std::min(a, b)].push_back(std::move(evidence));
  };
  std::vector<std::string> sources(entities.size());
  for (size_t i = 0; i < entities.size(); ++i) sources[i] = SourceOf(entities[i].id);

  // 1. The analysts' merges.
  for (const SubjectOverrides::Pair& p : overrides.merge) {
    std::optional<size_t> a = lookup(p.a), b = lookup(p.b);
    if (a && b) apply(*a, *b, {p.a, p.b, EvidenceKind::kMerge, p.note, 1});
  }
  // Evidence shared by several entities links each to the first of them, across sources only.
  const auto link_all = [&](const std::map<std::string, std::vector<size_t>>& by_key,
                            EvidenceKind kind, size_t max_group) {
    for (const auto& [key, members] : by_key) {
      if (members.size() < 2 || members.size() > max_group) continue;
      for (size_t k = 1; k < members.size(); ++k) {
        for (size_t first = 0; first < k; ++first) {
          const size_t a = members[first], b = members[k];
          if (sources[a] == sources[b]) continue;
          apply(a, b, {entities[a].id, entities[b].id, kind, key, 1});
          break;
        }
      }
    }
  };
  // 2. UN references.
  if (options.use_un_references) {
    std::map<std::string, std::vector<size_t>> by_reference;
    for (size_t i = 0; i < entities.size(); ++i) {
      for (const std::string& ref : UnReferences(entities[i])) by_reference[ref].push_back(i);
    }
    link_all(by_reference, EvidenceKind::kUnReference, /*max_group=*/64);
  }
  // 3. Identifiers that name one thing. A number many records share is no one's (a registry's
  // placeholder, a shared agent's passport): more than eight and it links nothing.
  {
    std::map<std::string, std::vector<size_t>> by_identifier;
    for (size_t i = 0; i < entities.size(); ++i) {
      for (const model::Identifier& id : entities[i].identifiers) {
        const std::string_view cls = IdentifierClass(id.type);
        if (cls.empty()) continue;
        const std::string value = match::CanonicalIdentifier(id.type, id.value);
        if (value.size() < 5) continue;
        const bool by_country = cls == "passport" || cls == "national_id";
        std::string key = fmt::format("{} {}", cls, value);
        if (by_country && !id.country.empty()) key += " (" + id.country + ")";
        std::vector<size_t>& members = by_identifier[key];
        if (members.empty() || members.back() != i) members.push_back(i);
      }
    }
    link_all(by_identifier, EvidenceKind::kIdentifier, /*max_group=*/8);
  }
  // 4. Persons: the matcher's score on names with the same full date of birth.
  if (options.use_names) {
    std::vector<model::Entity> persons;
    std::vector<size_t> person_at;
    for (size_t i = 0; i < entities.size(); ++i) {
      if (entities[i].schema == model::Schema::kPerson && !FullBirthDates(entities[i]).empty()) {
        persons.push_back(entities[i]);
        person_at.push_back(i);
      }
    }
    ASSIGN_OR_RETURN(std::shared_ptr<const match::MatchIndex> index,
                     match::MatchIndex::Build(persons));
    struct Candidate {
      double score;
      size_t a, b;
      std::string detail;
    };
    std::vector<Candidate> candidates;
    match::SearchOptions search;
    search.threshold = options.name_threshold;
    search.limit = 20;
    for (size_t p = 0; p < persons.size(); ++p) {
      const model::Entity& e = persons[p];
      match::Query query;
      query.id = e.id;
      query.schema = model::Schema::kPerson;
      for (const model::Name& n : e.names) {
        if (n.kind != model::NameKind::kWeakAlias) query.names.push_back(n.full);
      }
      query.birth_dates = FullBirthDates(e);
      for (const match::Match& m : index->Search(query, search)) {
        const size_t other = static_cast<size_t>(m.entity - index->entities().data());
        if (other == p) continue;  // both ways: the matcher reads a query and a list differently
        const size_t a = person_at[p], b = person_at[other];
        if (sources[a] == sources[b]) continue;
        const std::vector<model::PartialDate> theirs = FullBirthDates(entities[b]);
        auto same = std::find_first_of(query.birth_dates.begin(), query.birth_dates.end(),
                                       theirs.begin(), theirs.end());
        if (same == query.birth_dates.end()) continue;
        candidates.push_back(
            {m.score, a, b, fmt::format("born {}; score {:.3f}", same->ToIso(), m.score)});
      }
    }
    std::sort(candidates.begin(), candidates.end(), [&](const Candidate& x, const Candidate& y) {
      if (x.score != y.score) return x.score > y.score;
      return std::tie(entities[x.a].id, entities[x.b].id) <
             std::tie(entities[y.a].id, entities[y.b].id);
    });
    for (Candidate& c : candidates) {
      apply(c.a, c.b,
            {entities[c.a].id, entities[c.b].id, EvidenceKind::kNameAndBirthDate,
             std::move(c.detail), c.score});
    }
  }

  // The groups, as subjects.
  std::map<size_t, std::vector<size_t>> members;
  for (size_t i = 0; i < entities.size(); ++i) members[groups.Find(i)].push_back(i);
  for (auto& [root, group] : members) {
    Subject s;
    size_t lead = group.front();
    for (size_t i : group) {
      s.entity_ids.push_back(entities[i].id);
      for (Evidence& l : links_at[i]) s.links.push_back(std::move(l));
      for (const std::string& ref : UnReferences(entities[i])) {
        if (std::find(s.un_references.begin(), s.un_references.end(), ref) ==
            s.un_references.end()) {
          s.un_references.push_back(ref);
        }
      }
      if (std::make_pair(SourceRank(entities[i].id), entities[i].id) <
          std::make_pair(SourceRank(entities[lead].id), entities[lead].id)) {
        lead = i;
      }
    }
    std::sort(s.entity_ids.begin(), s.entity_ids.end());
    std::sort(s.un_references.begin(), s.un_references.end());
    s.id = SubjectId(s.entity_ids.front());
    s.caption = entities[lead].caption();
    s.schema = entities[lead].schema;
    out.subjects.push_back(std::move(s));
  }
  std::sort(out.subjects.begin(), out.subjects.end(),
            [](const Subject& a, const Subject& b) { return a.id < b.id; });
  return out;
}

}  // namespace cordon::regimes
