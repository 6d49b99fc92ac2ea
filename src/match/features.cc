#include "match/features.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace cordon::match {
namespace {

constexpr int kFarBirthYears = 15;

struct DateVerdict {
  double delta = 0;
  std::string detail;
};

DateVerdict CompareDates(const model::PartialDate& q, const model::DateSpec& spec) {
  const model::PartialDate& e = spec.date;
  DateVerdict v;
  const std::string shown = fmt::format("{} vs {}", q.ToIso(), e.ToIso());
  if (!spec.until.empty()) {
    if (q.year >= e.year && q.year <= spec.until.year) {
      // A range with the same day at both ends ("15/08/19yy") knows the birthday.
      const bool birthday_known =
          e.month != 0 && e.month == spec.until.month && e.day == spec.until.day;
      if (birthday_known && q.month != 0) {
        if (q.month != e.month || (q.day != 0 && e.day != 0 && q.day != e.day)) {
          return {-0.08, shown + " (range, another birthday)"};
        }
        return {0.04, shown + " (range, same birthday)"};
      }
      return {0.02, shown + " (range)"};
    }
    const int gap = q.year < e.year ? e.year - q.year : q.year - spec.until.year;
    return {gap <= 1 ? -0.05 : (gap >= kFarBirthYears ? -0.30 : -0.20), shown + " (outside range)"};
  }
  if (q.year != e.year) {
    const int gap = std::abs(q.year - e.year);
    // A year apart is a typo or an estimate when either date is only a year; two full dates
    // a year apart are two different days.
    const bool both_full = q.day != 0 && e.day != 0;
    if (gap <= 1) return {spec.approximate ? 0.0 : (both_full ? -0.12 : -0.05), shown};
    if (spec.approximate && gap <= 3) return {-0.05, shown};
    // Lists get a year wrong, or a digit; fifteen years or more apart is another generation,
    // and a slip of the tens digit that far (1957 for 1975) is read as one too: it costs, but
    // the name and the other features may still carry the match.
    return {gap >= kFarBirthYears ? -0.30 : -0.20, shown};
  }
  if (q.month == 0 || e.month == 0) return {0.03, shown + " (year)"};
  if (q.month == e.month) {
    if (q.day == 0 || e.day == 0) return {0.04, shown + " (month)"};
    if (q.day == e.day) return {kExactBirthDateBonus, shown};
  }
  if (q.day != 0 && q.day == e.month && q.month == e.day)
    return {0.03, shown + " (day/month swapped)"};
  return {-0.08, shown + " (same year)"};
}

bool DecisiveType(model::IdentifierType t) {
  using T = model::IdentifierType;
  switch (t) {
    case T::kImo:
    case T::kMmsi:
    case T::kLei:
    case T::kInn:
    case T::kOgrn:
    case T::kBic:
    case T::kPassport:
    case T::kNationalId:
    case T::kTaxId:
    case T::kRegistration:
    case T::kAircraftSerial:
    case T::kAircraftTailNumber:
    case T::kCryptoAddress:
      return true;
    default:
      return false;
  }
}

bool UniqueToOneThing(model::IdentifierType t) {
  return t == model::IdentifierType::kImo || t == model::IdentifierType::kMmsi ||
         t == model::IdentifierType::kLei;
}

bool StatesWhoItIs(model::CountryRole role) {
  return role == model::CountryRole::kNationality || role == model::CountryRole::kCitizenship ||
         role == model::CountryRole::kJurisdiction || role == model::CountryRole::kFlag;
}

}  // namespace

std::string CanonicalIdentifier(model::IdentifierType type, std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 32);
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out += c;
  }
  if (type == model::IdentifierType::kImo && out.rfind("IMO", 0) == 0) out.erase(0, 3);
  return out;
}

bool SchemataCompatible(model::Schema a, model::Schema b) {
  using S = model::Schema;
  if (a == b || a == S::kLegalEntity || b == S::kLegalEntity) return true;
  auto organisation = [](S s) { return s == S::kCompany || s == S::kOrganization; };
  return organisation(a) && organisation(b);
}

double NameKindFactor(model::NameKind kind) {
  return kind == model::NameKind::kWeakAlias ? 0.9 : 1.0;
}

double MaxFeatureBonus(const Query& query) {
  double bonus = 0;
  if (!query.birth_dates.empty()) bonus += kExactBirthDateBonus;
  if (!query.countries.empty()) bonus += kCountryBonus;
  return bonus;
}

FeatureScore ScoreFeatures(const Query& query, const model::Entity& entity) {
  FeatureScore out;
  // Birth dates: the best agreement of any pair decides.
  if (!query.birth_dates.empty() && !entity.birth_dates.empty()) {
    DateVerdict best{-1, ""};
    for (const model::PartialDate& q : query.birth_dates) {
      if (q.empty()) continue;
      for (const model::DateSpec& e : entity.birth_dates) {
        if (e.date.empty()) continue;
        DateVerdict v = CompareDates(q, e);
        if (v.delta > best.delta) best = v;
      }
    }
    if (best.delta > -1) {
      out.delta += best.delta;
      out.contributions.push_back({"birth_date", best.delta, best.detail});
    }
  }
  // Countries.
  if (!query.countries.empty()) {
    bool shared = false, stated = false;
    std::string listed;
    for (const model::CountryRef& c : entity.countries) {
      if (c.code.empty()) continue;
      if (StatesWhoItIs(c.role)) {
        stated = true;
        if (listed.find(c.code) == std::string::npos)
          listed += (listed.empty() ? "" : ",") + c.code;
      }
      for (const std::string& q : query.countries) shared |= q == c.code;
    }
    if (shared) {
      out.delta += kCountryBonus;
      out.contributions.push_back({"country", kCountryBonus, "shared country"});
    } else if (stated) {
      out.delta -= 0.06;
      out.contributions.push_back({"country", -0.06, "listed as " + listed});
    }
  }
  // Identifiers.
  for (const model::Identifier& q : query.identifiers) {
    const std::string qv = CanonicalIdentifier(q.type, q.value);
    if (qv.empty()) continue;
    bool same_type_seen = false, equal = false;
    for (const model::Identifier& e : entity.identifiers) {
      if (e.type != q.type) continue;
      same_type_seen = true;
      if (CanonicalIdentifier(e.type, e.value) == qv) equal = true;
    }
    const std::string label = std::string(model::IdentifierTypeName(q.type)) + " " + q.value;
    if (equal && DecisiveType(q.type)) {
      out.decisive_identifier = true;
      out.contributions.push_back({"identifier", 0, label + " matches"});
    } else if (same_type_seen && UniqueToOneThing(q.type)) {
      out.delta -= 0.15;
      out.contributions.push_back({"identifier", -0.15, label + " differs"});
    }
  }
  return out;
}

double Combine(double name_score, const FeatureScore& features) {
  // Dates and countries qualify a name match; they never make one.
  if (name_score <= 0 && !features.decisive_identifier) return 0;
  double score = std::clamp(name_score + features.delta, 0.0, 1.0);
  if (features.decisive_identifier) score = std::max(score, 0.96 + 0.04 * name_score);
  return score;
}

}  // namespace cordon::match
