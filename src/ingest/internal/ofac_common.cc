#include "ingest/internal/ofac_common.h"

#include <algorithm>

#include "base/strings.h"
#include "ingest/internal/legal_form.h"
#include "text/countries.h"

namespace cordon::ingest::internal {
namespace {

// The text after a leading label: "Telephone Number: (98)(21)" -> "(98)(21)".
std::string_view AfterLabel(std::string_view text, std::string_view label) {
  text = StripWhitespace(text.substr(label.size()));
  for (std::string_view filler : {"Number", "No.", "No"}) {
    if (StartsWithIgnoreCase(text, filler)) {
      text = StripWhitespace(text.substr(filler.size()));
      break;
    }
  }
  if (!text.empty() && text.front() == ':') text = StripWhitespace(text.substr(1));
  return text;
}

}  // namespace

bool IsOfacNoCountry(std::string_view text) {
  return text.empty() || EqualsIgnoreCase(text, "None Identified") ||
         EqualsIgnoreCase(text, "Unknown");
}

// Works around spellings text::CountryCode does not know yet ("Region: Gaza", "... and ..."
// for ICU's "&").
std::string OfacXmlCountryCode(std::string_view text) {
  if (IsOfacNoCountry(text)) return "";
  std::string code = text::CountryCode(text);
  if (!code.empty()) return code;
  if (StartsWithIgnoreCase(text, "Region:"))
    return text::CountryCode(StripWhitespace(text.substr(7)));
  if (size_t pos = text.find(" and "); pos != std::string_view::npos) {
    return text::CountryCode(std::string(text.substr(0, pos)) + " & " +
                             std::string(text.substr(pos + 5)));
  }
  return "";
}

std::optional<model::DateSpec> ParseOfacXmlDate(std::string_view text) {
  model::DateSpec spec;
  const std::string lower = AsciiLower(text);
  spec.approximate = lower.starts_with("circa") || lower.starts_with("approx") ||
                     lower.starts_with("ca.") || lower.starts_with("about");
  if (size_t to = lower.find(" to "); to != std::string::npos) {
    std::optional<model::PartialDate> from = model::PartialDate::FromText(text.substr(0, to));
    std::optional<model::PartialDate> until = model::PartialDate::FromText(text.substr(to + 4));
    if (!from || !until) return std::nullopt;
    spec.date = *from;
    spec.until = *until;
    return spec;
  }
  std::optional<model::PartialDate> date = model::PartialDate::FromText(text);
  if (!date) return std::nullopt;
  spec.date = *date;
  return spec;
}

void AddOfacBirthPlace(model::Entity& entity, const std::string& place) {
  if (place.empty()) return;
  if (std::find(entity.birth_places.begin(), entity.birth_places.end(), place) ==
      entity.birth_places.end()) {
    entity.birth_places.push_back(place);
  }
  std::string_view last = place;
  if (size_t comma = last.rfind(','); comma != std::string_view::npos) {
    last = StripWhitespace(last.substr(comma + 1));
  }
  std::string code = OfacXmlCountryCode(last);
  if (!code.empty()) model::AddCountry(entity, code, model::CountryRole::kBirthCountry);
}

std::vector<std::string_view> SplitOfacXmlRemarks(std::string_view remarks) {
  std::vector<std::string_view> clauses;
  auto add = [&](std::string_view clause) {
    clause = StripWhitespace(clause);
    if (!clause.empty()) clauses.push_back(clause);
  };
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < remarks.size(); ++i) {
    if (remarks[i] == '(') ++depth;
    if (remarks[i] == ')' && depth > 0) --depth;
    if (remarks[i] == ';' && depth == 0) {
      add(remarks.substr(start, i - start));
      start = i + 1;
    }
  }
  add(remarks.substr(start));
  return clauses;
}

std::string_view OfacRemarkPhone(std::string_view clause) {
  for (std::string_view label : {"Telephone", "Phone", "Tel."}) {
    if (!StartsWithIgnoreCase(clause, label)) continue;
    std::string_view number = AfterLabel(clause, label);
    const bool has_digit =
        std::any_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
    return has_digit ? number : std::string_view();
  }
  return {};
}

std::optional<model::Schema> OfacEntitySchema(std::string_view type) {
  if (EqualsIgnoreCase(type, "Individual")) return model::Schema::kPerson;
  if (EqualsIgnoreCase(type, "Entity")) return model::Schema::kOrganization;
  if (EqualsIgnoreCase(type, "Vessel")) return model::Schema::kVessel;
  if (EqualsIgnoreCase(type, "Aircraft")) return model::Schema::kAircraft;
  return std::nullopt;
}

bool LooksLikeOfacCompany(const model::Entity& entity) {
  for (const model::Identifier& id : entity.identifiers) {
    switch (id.type) {
      case model::IdentifierType::kRegistration:
      case model::IdentifierType::kInn:
      case model::IdentifierType::kOgrn:
      case model::IdentifierType::kLei:
      case model::IdentifierType::kBic:
        return true;
      default:
        if (EqualsIgnoreCase(id.label, "BIK (RU)")) return true;
    }
  }
  for (const model::Name& name : entity.names) {
    if (HasCompanyLegalForm(name.full)) return true;
  }
  return false;
}

}  // namespace cordon::ingest::internal
