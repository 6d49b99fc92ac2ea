#include "ingest/internal/uk_fcdo_designation.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "ingest/list_parser.h"
#include "text/countries.h"
#include "text/normalize.h"

namespace cordon::ingest::internal {
namespace {

using model::Address;
using model::CountryRole;
using model::DateSpec;
using model::Entity;
using model::Identifier;
using model::IdentifierType;
using model::Link;
using model::LinkKind;
using model::Name;
using model::NameKind;
using model::PartialDate;
using model::Schema;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// FCDO country names text::CountryCode does not know as written.
constexpr std::pair<std::string_view, std::string_view> kFcdoCountries[] = {
    {"congo (democratic republic)", "CD"},
    {"occupied palestinian territories", "PS"},
    {"the occupied palestinian territories", "PS"},
    {"vatican city", "VA"},
    {"micronesia", "FM"},
};

std::string CountryCodeFor(std::string_view name) {
  if (name.empty() || EqualsIgnoreCase(name, "Unknown")) return "";
  const std::string lower = AsciiLower(name);
  for (const auto& [spelling, code] : kFcdoCountries) {
    if (lower == spelling) return std::string(code);
  }
  std::string code = text::CountryCode(name);
  if (!code.empty()) return code;
  if (size_t pos = lower.find(" and "); pos != std::string::npos) {
    // ICU writes "Trinidad & Tobago", "St. Kitts & Nevis".
    std::string ampersand(name);
    ampersand.replace(pos, 5, " & ");
    code = text::CountryCode(ampersand);
    if (!code.empty()) return code;
  }
  if (size_t paren = name.find(" ("); paren != std::string_view::npos) {
    return text::CountryCode(name.substr(0, paren));  // "Myanmar (Burma)"
  }
  return "";
}

// NonLatinScriptLanguage -> ISO 639-1.
std::string LanguageCode(std::string_view language) {
  static constexpr std::pair<std::string_view, std::string_view> kLanguages[] = {
      {"russian", "ru"},    {"ukrainian", "uk"}, {"belarusian", "be"}, {"arabic", "ar"},
      {"persian", "fa"},    {"farsi", "fa"},     {"chinese", "zh"},    {"korean", "ko"},
      {"georgian", "ka"},   {"armenian", "hy"},  {"bulgarian", "bg"},  {"serbian", "sr"},
      {"bosnian", "bs"},    {"greek", "el"},     {"hebrew", "he"},     {"turkish", "tr"},
      {"burmese", "my"},    {"pashto", "ps"},    {"urdu", "ur"},       {"kazakh", "kk"},
      {"kyrgyz", "ky"},     {"tajik", "tg"},     {"uzbek", "uz"},      {"azerbaijani", "az"},
      {"macedonian", "mk"}, {"mongolian", "mn"}, {"japanese", "ja"},   {"romanian", "ro"},
  };
  const std::string lower = AsciiLower(language);
  for (const auto& [name, code] : kLanguages) {
    if (lower.rfind(name, 0) == 0) return std::string(code);  // "Romanian; Moldavian; ..."
  }
  return "";
}

void AppendRemark(Entity& entity, std::string_view text) {
  if (text.empty()) return;
  if (!entity.remarks.empty()) entity.remarks.append("; ");
  entity.remarks.append(text);
}

// The value after `keyword` in `text` ("Tax Identification Number: INN 7707083893" with
// "INN" -> "7707083893"), "" when the keyword is not there as a word.
std::string ValueAfter(std::string_view text, std::string_view keyword) {
  for (size_t pos = text.find(keyword); pos != std::string_view::npos;
       pos = text.find(keyword, pos + 1)) {
    const size_t end = pos + keyword.size();
    const bool word_start = pos == 0 || !(IsUpper(text[pos - 1]) || IsDigit(text[pos - 1]) ||
                                          (text[pos - 1] >= 'a' && text[pos - 1] <= 'z'));
    const bool word_end = end == text.size() || !(IsUpper(text[end]) || IsDigit(text[end]) ||
                                                  (text[end] >= 'a' && text[end] <= 'z'));
    if (!word_start || !word_end) continue;
    size_t i = end;
    while (i < text.size() && (text[i] == ' ' || text[i] == ':' || text[i] == '.' ||
                               text[i] == '-' || text[i] == '#')) {
      ++i;
    }
    size_t value_end = i;
    while (value_end < text.size() &&
           (IsUpper(text[value_end]) || IsDigit(text[value_end]) || text[value_end] == '-')) {
      ++value_end;
    }
    if (value_end > i) return std::string(text.substr(i, value_end - i));
  }
  return "";
}

// The identifiers in one "BusinessRegistrationNumber": Russian INN/OGRN/KPP, SWIFT/BIC and tax
// numbers by their label, anything else as a registration number written as is.
std::vector<Identifier> RegistrationIdentifiers(std::string_view cell) {
  std::vector<Identifier> ids;
  for (std::string_view part : Split(cell, ';')) {
    part = StripWhitespace(part);
    if (part.empty()) continue;
    struct Label {
      std::string_view keyword;
      IdentifierType type;
      std::string_view country;
    };
    static constexpr Label kLabels[] = {
        {"INN", IdentifierType::kInn, "RU"},     {"OGRN", IdentifierType::kOgrn, "RU"},
        {"OGRNIP", IdentifierType::kOgrn, "RU"}, {"KPP", IdentifierType::kOther, "RU"},
        {"OKPO", IdentifierType::kOther, "RU"},  {"SWIFT/BIC", IdentifierType::kBic, ""},
        {"SWIFT", IdentifierType::kBic, ""},     {"BIC", IdentifierType::kBic, ""},
        {"TIN", IdentifierType::kTaxId, ""},     {"LEI", IdentifierType::kLei, ""},
    };
    bool found = false;
    for (const Label& label : kLabels) {
      std::string value = ValueAfter(part, label.keyword);
      if (value.empty()) continue;
      Identifier id{.type = label.type,
                    .value = std::move(value),
                    .country = std::string(label.country),
                    .label = label.type == IdentifierType::kOther ? std::string(label.keyword)
                                                                  : "Business registration number"};
      if (id.value != part) id.note = std::string(part);
      AppendDistinct(ids, std::move(id));
      found = true;
    }
    if (!found) {
      ids.push_back({.type = IdentifierType::kRegistration,
                     .value = std::string(part),
                     .label = "Business registration number"});
    }
  }
  return ids;
}

// "IMO9562233", "IMO 9562233", "9562233" -> "9562233"; anything else as written.
std::string ImoNumber(std::string_view text) {
  std::string_view digits = text;
  if (StartsWithIgnoreCase(digits, "IMO")) digits = StripWhitespace(digits.substr(3));
  if (digits.size() == 7 && std::all_of(digits.begin(), digits.end(), IsDigit)) {
    return std::string(digits);
  }
  return std::string(text);
}

class Builder {
 public:
  Builder(const FcdoDesignation& d, const FcdoBuildContext& ctx) : d_(d), ctx_(ctx) {}

  std::optional<Entity> Build() {
    if (d_.unique_id.empty()) {
      Report(Diagnostic::Severity::kError, "designation without UniqueID; skipped");
      return std::nullopt;
    }
    ReadSchema();
    ReadNames();
    if (entity_.names.empty()) {
      Report(Diagnostic::Severity::kError, "designation without a name; skipped");
      return std::nullopt;
    }
    SetProvenance(entity_, ctx_.source, d_.unique_id, ctx_.format);
    ReadContacts();
    ReadIndividual();
    ReadEntityDetails();
    ReadShip();
    ReadSanction();
    AppendRemark(entity_, d_.other_information);
    return std::move(entity_);
  }

 private:
  void Report(Diagnostic::Severity severity, std::string message) {
    ctx_.diagnostics->Report(
        {severity, std::string(ctx_.file), d_.line, d_.unique_id, std::move(message)});
  }

  void AddCountry(const std::string& name, CountryRole role) {
    if (name.empty()) return;
    std::string code = CountryCodeFor(name);
    model::AddCountry(entity_, code, role, code.empty() ? name : "");
  }

  void ReadSchema() {
    if (EqualsIgnoreCase(d_.type, "Individual")) {
      entity_.schema = Schema::kPerson;
    } else if (EqualsIgnoreCase(d_.type, "Entity")) {
      entity_.schema = Schema::kOrganization;
    } else if (EqualsIgnoreCase(d_.type, "Ship")) {
      entity_.schema = Schema::kVessel;
    } else {
      Report(Diagnostic::Severity::kWarning,
             "unknown IndividualEntityShip '" + d_.type + "'; read as a legal entity");
      entity_.schema = Schema::kLegalEntity;
    }
  }

  // The kind of a name; nullopt for a blank NameType (resolved once all names are seen).
  std::optional<NameKind> KindOf(const FcdoName& name) {
    const std::string type = AsciiLower(name.type);
    if (type.empty()) return std::nullopt;
    if (type == "primary name") return NameKind::kPrimary;
    if (type == "primary name variation") return NameKind::kStrongAlias;
    if (type != "alias") {
      Report(Diagnostic::Severity::kWarning,
             "unknown NameType '" + name.type + "'; name read as an alias");
    }
    return StartsWithIgnoreCase(name.strength, "low") ? NameKind::kWeakAlias
                                                      : NameKind::kStrongAlias;
  }

  void ReadNames() {
    const bool person = entity_.schema == Schema::kPerson;
    std::vector<Name> primaries;
    std::vector<Name> others;
    std::vector<size_t> blank;  // indexes into `others` of names with no NameType
    for (const FcdoName& raw : d_.names) {
      std::vector<std::string> parts;
      for (const std::string& part : raw.parts) {
        if (!part.empty()) parts.push_back(part);
      }
      if (parts.empty()) continue;
      Name name{.full = Join(parts, " ")};
      // A whole name written into Name6 alone ("Vanya SIDORENKOV") has no known parts.
      const bool whole_in_name6 =
          parts.size() == 1 && !raw.parts[5].empty() && raw.parts[5].find(' ') != std::string::npos;
      if (person && !whole_in_name6) {
        name.given = raw.parts[0];
        std::vector<std::string> middle;
        for (size_t i = 1; i < 5; ++i) {
          if (!raw.parts[i].empty()) middle.push_back(raw.parts[i]);
        }
        name.middle = Join(middle, " ");
        name.family = raw.parts[5];
      }
      std::optional<NameKind> kind = KindOf(raw);
      name.kind = kind.value_or(NameKind::kStrongAlias);
      if (!kind) blank.push_back(others.size());
      (name.kind == NameKind::kPrimary ? primaries : others).push_back(std::move(name));
    }
    if (primaries.empty() && !others.empty()) {
      // No "Primary Name": the first name without a NameType (third-party parsers report some
      // designations whose first CSV row has none), else the first name, stands in for it.
      const size_t index = blank.empty() ? 0 : blank.front();
      others[index].kind = NameKind::kPrimary;
      primaries.push_back(std::move(others[index]));
      others.erase(others.begin() + static_cast<std::ptrdiff_t>(index));
    }
    const std::string primary = primaries.empty() ? "" : primaries.front().full;
    for (Name& name : primaries) {
      if (name.full != primary) name.kind = NameKind::kStrongAlias;
      model::AddName(entity_, std::move(name));
    }
    for (Name& name : others) model::AddName(entity_, std::move(name));
    const bool had_names = !entity_.names.empty();
    for (const FcdoNonLatinName& raw : d_.non_latin_names) {
      if (raw.text.empty()) continue;
      // The column also holds Latin spellings ("António Indjai", "OAO CMK / AO CMK"): those
      // are aliases, not names in another script.
      const bool latin = text::DominantScript(raw.text) == text::Script::kLatin;
      model::AddName(entity_, {.full = raw.text,
                               .kind = latin ? NameKind::kStrongAlias : NameKind::kOriginalScript,
                               .lang = latin ? std::string() : LanguageCode(raw.language)});
    }
    if (!had_names && !entity_.names.empty()) {
      Report(Diagnostic::Severity::kWarning,
             "no Latin-script name; the non-Latin name is used as the primary name");
      entity_.names.front().kind = NameKind::kPrimary;
    }
  }

  void ReadContacts() {
    for (const std::string& title : d_.titles) AppendDistinct(entity_.titles, title);
    for (const FcdoAddress& raw : d_.addresses) {
      std::vector<std::string> parts;
      for (const std::string& line : raw.lines) {
        if (!line.empty()) parts.push_back(line);
      }
      if (!raw.postal_code.empty()) parts.push_back(raw.postal_code);
      if (!raw.country.empty()) parts.push_back(raw.country);
      if (parts.empty()) continue;
      Address address{.full = Join(parts, ", "),
                      .postal_code = raw.postal_code,
                      .country_code = CountryCodeFor(raw.country),
                      .country_text = raw.country};
      AppendDistinct(entity_.addresses, std::move(address));
      AddCountry(raw.country, CountryRole::kAddressCountry);
    }
    for (const std::string& phone : d_.phones) AppendDistinct(entity_.phones, phone);
    for (const std::string& cell : d_.emails) {
      // Some cells hold several addresses: "a@x.ru; b@x.ru", "a@x.ru b@x.ru".
      std::string normalized = cell;
      for (char& c : normalized) {
        if (c == ';' || c == ',') c = ' ';
      }
      for (std::string_view word : Split(normalized, ' ')) {
        if (word.find('@') != std::string_view::npos) {
          AppendDistinct(entity_.emails, std::string(word));
        }
      }
    }
    for (const std::string& site : d_.websites) AppendDistinct(entity_.websites, site);
  }

  void ReadIndividual() {
    for (const std::string& dob : d_.dobs) {
      if (std::optional<PartialDate> date = ParseFcdoDate(dob)) {
        AppendDistinct(entity_.birth_dates, DateSpec{.date = *date});
      } else if (std::optional<DateSpec> range = ParseFcdoCenturyDate(dob)) {
        AppendDistinct(entity_.birth_dates, *range);
      } else {
        Report(Diagnostic::Severity::kWarning, "cannot read DOB '" + dob + "'; kept as text");
        AppendDistinct(entity_.birth_dates, DateSpec{.text = dob});
      }
    }
    for (const FcdoBirthPlace& place : d_.birth_places) {
      AppendDistinct(entity_.birth_places, place.town);
      AddCountry(place.country, CountryRole::kBirthCountry);
    }
    for (const std::string& nationality : d_.nationalities) {
      AddCountry(nationality, CountryRole::kNationality);
    }
    for (const std::string& position : d_.positions) AppendDistinct(entity_.positions, position);
    for (const std::string& gender : d_.genders) {
      if (EqualsIgnoreCase(gender, "Male")) {
        entity_.gender = "male";
      } else if (EqualsIgnoreCase(gender, "Female")) {
        entity_.gender = "female";
      }
    }
    struct Kind {
      const std::vector<FcdoDocument>* documents;
      IdentifierType type;
      std::string_view label;
    };
    for (const Kind& kind :
         {Kind{&d_.passports, IdentifierType::kPassport, "Passport"},
          Kind{&d_.national_ids, IdentifierType::kNationalId, "National identifier"}}) {
      for (const FcdoDocument& document : *kind.documents) {
        if (document.number.empty()) {
          // Additional information without a number: nothing to match on, kept as text.
          AppendRemark(entity_, std::string(kind.label) + ": " + document.info);
          continue;
        }
        AppendDistinct(entity_.identifiers, Identifier{.type = kind.type,
                                                       .value = document.number,
                                                       .label = std::string(kind.label),
                                                       .note = document.info});
      }
    }
  }

  void ReadEntityDetails() {
    for (const std::string& type : d_.entity_types) {
      entity_.properties.emplace_back("classification", type);
    }
    for (const std::string& number : d_.registration_numbers) {
      for (Identifier& id : RegistrationIdentifiers(number)) {
        AppendDistinct(entity_.identifiers, std::move(id));
      }
    }
    for (const std::string& parent : d_.parent_companies) {
      AppendDistinct(
          entity_.links,
          Link{.kind = LinkKind::kOwnedBy, .target_name = parent, .note = "Parent company"});
    }
    for (const std::string& subsidiary : d_.subsidiaries) {
      AppendDistinct(
          entity_.links,
          Link{.kind = LinkKind::kOwns, .target_name = subsidiary, .note = "Subsidiary"});
    }
  }

  void ReadShip() {
    for (const std::string& imo : d_.imo_numbers) {
      AppendDistinct(
          entity_.identifiers,
          Identifier{.type = IdentifierType::kImo, .value = ImoNumber(imo), .label = "IMO number"});
    }
    for (const std::string& hin : d_.hull_ids) {
      AppendDistinct(entity_.identifiers, Identifier{.type = IdentifierType::kRegistration,
                                                     .value = hin,
                                                     .label = "Hull identification number (HIN)"});
    }
    for (const std::string& owner : d_.current_owners) {
      AppendDistinct(
          entity_.links,
          Link{.kind = LinkKind::kOwnedBy, .target_name = owner, .note = "Current owner/operator"});
    }
    for (const std::string& owner : d_.previous_owners) {
      AppendDistinct(
          entity_.links,
          Link{.kind = LinkKind::kOther, .target_name = owner, .note = "Previous owner/operator"});
    }
    for (const std::string& flag : d_.current_flags) AddCountry(flag, CountryRole::kFlag);
    for (const std::string& flag : d_.previous_flags) {
      std::string code = CountryCodeFor(flag);
      entity_.properties.emplace_back("pastFlags", code.empty() ? flag : code);
    }
    for (const std::string& type : d_.ship_types) entity_.properties.emplace_back("type", type);
    for (const std::string& t : d_.tonnages) entity_.properties.emplace_back("tonnage", t);
    for (const std::string& length : d_.lengths) entity_.properties.emplace_back("length", length);
    for (const std::string& year : d_.years_built) {
      entity_.properties.emplace_back("buildDate", year);
    }
  }

  void ReadSanction() {
    model::Sanction sanction{.regime = model::Regime::kUk,
                             .authority = "FCDO",
                             .program = d_.regime,
                             .list = "UK Sanctions List",
                             .reference = d_.unique_id,
                             .reason = d_.statement_of_reasons};
    if (!d_.date_designated.empty()) {
      if (std::optional<PartialDate> date = ParseFcdoDate(d_.date_designated)) {
        sanction.listed_on = *date;
      } else {
        Report(Diagnostic::Severity::kWarning,
               "cannot read DateDesignated '" + d_.date_designated + "'");
      }
    }
    if (!d_.last_updated.empty()) {
      if (std::optional<PartialDate> date = ParseFcdoDate(d_.last_updated)) {
        sanction.modified_on = *date;
      } else {
        Report(Diagnostic::Severity::kWarning, "cannot read LastUpdated '" + d_.last_updated + "'");
      }
    }
    entity_.sanctions.push_back(std::move(sanction));
    if (!d_.un_reference.empty()) entity_.properties.emplace_back("unscId", d_.un_reference);
    if (!d_.ofsi_group_id.empty()) {
      entity_.properties.emplace_back("ofsiGroupId", d_.ofsi_group_id);
    }
    if (!d_.source.empty()) entity_.properties.emplace_back("designationSource", d_.source);
    for (std::string_view measure : Split(d_.sanctions_imposed, '|')) {
      measure = StripWhitespace(measure);
      if (!measure.empty()) entity_.properties.emplace_back("provisions", std::string(measure));
    }
  }

  const FcdoDesignation& d_;
  const FcdoBuildContext& ctx_;
  Entity entity_;
};

}  // namespace

std::optional<PartialDate> ParseFcdoDate(std::string_view text) {
  std::string date(StripWhitespace(text));
  // Unknown parts are written as letters: "dd/mm/1945", "dd/05/1980".
  for (std::string_view placeholder : {"dd", "DD", "mm", "MM"}) {
    for (size_t pos = date.find(placeholder); pos != std::string::npos;
         pos = date.find(placeholder)) {
      date.replace(pos, 2, "00");
    }
  }
  std::optional<PartialDate> parsed = PartialDate::FromSlashed(date, /*day_first=*/true);
  if (!parsed || parsed->day == 0) return parsed;
  // PartialDate accepts any day up to 31.
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int year = parsed->year;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = parsed->month == 2 && !leap ? 28 : kDays[parsed->month - 1];
  if (parsed->day > days) return std::nullopt;
  return parsed;
}

std::optional<DateSpec> ParseFcdoCenturyDate(std::string_view text) {
  const std::string_view date = StripWhitespace(text);
  // "15/08/19yy": the list knows the day, the month and the century, not the year.
  const size_t slash = date.rfind('/');
  if (slash == std::string_view::npos || date.size() != slash + 5) return std::nullopt;
  const std::string_view year = date.substr(slash + 1);
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const auto unknown = [](char c) { return c == 'y' || c == 'Y'; };
  if (!digit(year[0]) || !digit(year[1]) || !unknown(year[2]) || !unknown(year[3])) {
    return std::nullopt;
  }
  // The day and month as they stand in a leap year, so that 29 February is read too.
  std::optional<PartialDate> day = ParseFcdoDate(std::string(date.substr(0, slash + 1)) + "2000");
  if (!day) return std::nullopt;
  const int century = (year[0] - '0') * 1000 + (year[1] - '0') * 100;
  if (century == 0) return std::nullopt;
  PartialDate first = *day;
  PartialDate last = *day;
  first.year = static_cast<int16_t>(century);
  last.year = static_cast<int16_t>(century + 99);
  if (day->month == 2 && day->day == 29) {  // the century's first and last leap years
    const auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
    while (!leap(first.year)) ++first.year;
    while (!leap(last.year)) --last.year;
  }
  return DateSpec{.date = first, .until = last, .text = std::string(date)};
}

std::optional<Entity> BuildFcdoEntity(const FcdoDesignation& designation,
                                      const FcdoBuildContext& context) {
  return Builder(designation, context).Build();
}

}  // namespace cordon::ingest::internal
