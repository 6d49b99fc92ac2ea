// ingest/internal/dpl_name_rules.h: rules shared by the two US export-control readers (the BIS
// Denied Persons List and the trade.gov Consolidated Screening List) for what the lists do not
// say: whether a bare name is a company or a person, and US addresses without a country.
//
//   InferSchemaFromName("ELMONT AG")              // Schema::kCompany
//   InferSchemaFromName("ABEL HERNANDEZ, JR.")    // Schema::kPerson
//   InferSchemaFromName("ZIMO SHENG")             // Schema::kLegalEntity
//   IsUsStateCode("TX")                           // true
//
// Header-only so that both parser libraries use the one rule without linking each other.
// Thread safety: pure functions.
#pragma once

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/internal/legal_form.h"
#include "model/entity.h"
#include "text/countries.h"

namespace cordon::ingest::internal {

// Upper-case ASCII words of `name`; dots and apostrophes are dropped first so that "S.A." reads
// "SA" and "L.L.C." reads "LLC"; any other non-alphanumeric byte separates words.
inline std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (char c : name) {
    if (c == '.' || c == '\'') continue;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      word.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// True when `name` ends in a generational suffix that only people carry ("JR.", "SR.", "III").
inline bool HasPersonSuffix(std::string_view name) {
  const std::vector<std::string> words = NameWords(name);
  if (words.size() < 2) return false;
  const std::string& last = words.back();
  return last == "JR" || last == "SR" || last == "II" || last == "III" || last == "IV";
}

// The schema a name implies when the list does not type its records: Company with a legal form,
// Person with a generational suffix, else LegalEntity (the FtM parent of both).
inline model::Schema InferSchemaFromName(std::string_view name) {
  if (HasCompanyLegalForm(name)) return model::Schema::kCompany;
  if (HasPersonSuffix(name)) return model::Schema::kPerson;
  return model::Schema::kLegalEntity;
}

// Adds `name` unless a name with the same full text, of any kind, is already there (a list
// that repeats its primary name among the aliases says nothing new).
inline void AddNameOnce(model::Entity& entity, model::Name name) {
  if (name.full.empty()) return;
  for (const model::Name& existing : entity.names) {
    if (existing.full == name.full) return;
  }
  entity.names.push_back(std::move(name));
}

// USPS codes of the states, DC and the inhabited territories.
inline bool IsUsStateCode(std::string_view code) {
  static constexpr std::array<std::string_view, 56> kStates = {
      "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN",
      "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
      "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN",
      "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP"};
  for (std::string_view state : kStates) {
    if (code == state) return true;
  }
  return false;
}

// text::CountryCode plus the abbreviations the US lists use that the shared table lacks
// ("PRC" for China).
inline std::string UsListCountryCode(std::string_view text) {
  std::string code = text::CountryCode(text);
  if (code.empty() && (text == "PRC" || text == "P.R.C." || text == "P.R. CHINA")) code = "CN";
  return code;
}

}  // namespace cordon::ingest::internal
