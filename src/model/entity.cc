#include "model/entity.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "base/strings.h"

namespace cordon::model {
namespace {

template <typename E, size_t N>
std::optional<E> Lookup(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (EqualsIgnoreCase(names[i], name)) return static_cast<E>(i);
  }
  return std::nullopt;
}

// Indexed by the enum's value; the order must follow the enum declarations in entity.h.
constexpr std::array<std::string_view, 6> kSchemaNames = {"LegalEntity", "Person", "Organization",
                                                          "Company",     "Vessel", "Aircraft"};
constexpr std::array<std::string_view, 5> kNameKindNames = {"primary", "strong_alias", "weak_alias",
                                                            "former_name", "original_script"};
constexpr std::array<std::string_view, 15> kIdentifierTypeNames = {"imo",
                                                                   "mmsi",
                                                                   "call_sign",
                                                                   "passport",
                                                                   "national_id",
                                                                   "inn",
                                                                   "ogrn",
                                                                   "tax_id",
                                                                   "lei",
                                                                   "bic",
                                                                   "registration",
                                                                   "crypto_address",
                                                                   "aircraft_serial",
                                                                   "aircraft_tail_number",
                                                                   "other"};
constexpr std::array<std::string_view, 8> kCountryRoleNames = {
    "nationality", "citizenship",   "jurisdiction", "address",
    "flag",        "birth_country", "residence",    "other"};
constexpr std::array<std::string_view, 5> kRegimeNames = {"us", "eu", "uk", "un", "other"};
constexpr std::array<std::string_view, 7> kLinkKindNames = {
    "owned_by", "controlled_by", "owns", "associate", "family", "director", "other"};

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};

bool ValidDate(int year, int month, int day) {
  if (year < 1000 || year > 2999) return false;
  if (month < 0 || month > 12 || day < 0 || day > 31) return false;
  if (month == 0 && day != 0) return false;
  if (day > 0 && month > 0) {
    static constexpr int kDaysInMonth[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > (month == 2 && !leap ? 28 : kDaysInMonth[month - 1])) return false;
  }
  return true;
}

std::optional<PartialDate> Make(int year, int month, int day) {
  if (!ValidDate(year, month, day)) return std::nullopt;
  return PartialDate{static_cast<int16_t>(year), static_cast<int8_t>(month),
                     static_cast<int8_t>(day)};
}

int MonthFromWord(std::string_view word) {
  if (word.size() < 3) return 0;
  std::string lower = AsciiLower(word.substr(0, 3));
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (lower == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

}  // namespace

std::string PartialDate::ToIso() const {
  if (empty()) return "";
  char buf[32];
  if (month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

std::optional<PartialDate> PartialDate::FromIso(std::string_view s) {
  s = StripWhitespace(s);
  if (size_t t = s.find('T'); t != std::string_view::npos) s = s.substr(0, t);
  auto parts = Split(s, '-');
  if (parts.empty() || parts.size() > 3 || parts[0].size() != 4) return std::nullopt;
  auto year = ParseInt(parts[0]);
  if (!year) return std::nullopt;
  int month = 0, day = 0;
  if (parts.size() >= 2) {
    auto m = ParseInt(parts[1]);
    if (!m || parts[1].size() != 2) return std::nullopt;
    month = static_cast<int>(*m);
  }
  if (parts.size() == 3) {
    auto d = ParseInt(parts[2]);
    if (!d || parts[2].size() != 2) return std::nullopt;
    day = static_cast<int>(*d);
  }
  return Make(static_cast<int>(*year), month, day);
}

std::optional<PartialDate> PartialDate::FromSlashed(std::string_view s, bool day_first) {
  auto parts = Split(StripWhitespace(s), '/');
  if (parts.size() != 3) return std::nullopt;
  auto a = ParseInt(parts[0]);
  auto b = ParseInt(parts[1]);
  auto y = ParseInt(parts[2]);
  if (!a || !b || !y || parts[2].size() != 4) return std::nullopt;
  int day = static_cast<int>(day_first ? *a : *b);
  int month = static_cast<int>(day_first ? *b : *a);
  if (month == 0) day = 0;  // "00/00/1980" and the odd "12/00/1980"
  return Make(static_cast<int>(*y), month, day);
}

std::optional<PartialDate> PartialDate::FromText(std::string_view s) {
  s = StripWhitespace(s);
  if (auto iso = FromIso(s)) return iso;
  if (s.find('/') != std::string_view::npos) {
    if (auto d = FromSlashed(s, /*day_first=*/true)) return d;
  }
  // Word forms: "21 Mar 1971", "Mar 1971", "circa 1971", "1971".
  std::string cleaned;
  for (char c : s) cleaned.push_back((c == ',' || c == '.') ? ' ' : c);
  int year = 0, month = 0, day = 0;
  for (std::string_view word : Split(cleaned, ' ')) {
    if (word.empty()) continue;
    if (auto n = ParseInt(word)) {
      if (word.size() == 4) {
        if (year != 0) return std::nullopt;  // two years: a range, not a date
        year = static_cast<int>(*n);
      } else if (word.size() <= 2 && day == 0) {
        day = static_cast<int>(*n);
      } else {
        return std::nullopt;
      }
    } else if (int m = MonthFromWord(word); m != 0 && month == 0) {
      month = m;
    } else if (!EqualsIgnoreCase(word, "circa") && !EqualsIgnoreCase(word, "ca") &&
               !EqualsIgnoreCase(word, "approximately") && !EqualsIgnoreCase(word, "about")) {
      return std::nullopt;
    }
  }
  if (year == 0) return std::nullopt;
  if (month == 0) day = 0;
  return Make(year, month, day);
}

const std::string& Entity::caption() const {
  static const std::string kEmpty;
  for (const Name& name : names) {
    if (name.kind == NameKind::kPrimary) return name.full;
  }
  return names.empty() ? kEmpty : names.front().full;
}

std::string_view SchemaName(Schema v) { return kSchemaNames[static_cast<size_t>(v)]; }
std::optional<Schema> SchemaFromName(std::string_view n) { return Lookup<Schema>(kSchemaNames, n); }
std::string_view NameKindName(NameKind v) { return kNameKindNames[static_cast<size_t>(v)]; }
std::optional<NameKind> NameKindFromName(std::string_view n) {
  return Lookup<NameKind>(kNameKindNames, n);
}
std::string_view IdentifierTypeName(IdentifierType v) {
  return kIdentifierTypeNames[static_cast<size_t>(v)];
}
std::optional<IdentifierType> IdentifierTypeFromName(std::string_view n) {
  return Lookup<IdentifierType>(kIdentifierTypeNames, n);
}
std::string_view CountryRoleName(CountryRole v) {
  return kCountryRoleNames[static_cast<size_t>(v)];
}
std::optional<CountryRole> CountryRoleFromName(std::string_view n) {
  return Lookup<CountryRole>(kCountryRoleNames, n);
}
std::string_view RegimeName(Regime v) { return kRegimeNames[static_cast<size_t>(v)]; }
std::optional<Regime> RegimeFromName(std::string_view n) { return Lookup<Regime>(kRegimeNames, n); }
std::string_view LinkKindName(LinkKind v) { return kLinkKindNames[static_cast<size_t>(v)]; }
std::optional<LinkKind> LinkKindFromName(std::string_view n) {
  return Lookup<LinkKind>(kLinkKindNames, n);
}

void AddCountry(Entity& entity, std::string code, CountryRole role, std::string text) {
  if (code.empty() && text.empty()) return;
  for (const CountryRef& existing : entity.countries) {
    if (existing.role == role && existing.code == code && (!code.empty() || existing.text == text))
      return;
  }
  entity.countries.push_back({std::move(code), role, std::move(text)});
}

void AddName(Entity& entity, Name name) {
  if (name.full.empty()) return;
  for (const Name& existing : entity.names) {
    if (existing.kind == name.kind && existing.full == name.full) return;
  }
  entity.names.push_back(std::move(name));
}

}  // namespace cordon::model
