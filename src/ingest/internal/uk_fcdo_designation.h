// ingest/internal/uk_fcdo_designation.h: one FCDO UK Sanctions List designation, as read from
// either the XML or the CSV file, and the entity it becomes.
//
//   FcdoDesignation d;
//   d.unique_id = "RUS0001";  d.type = "Individual";  d.regime = "The Russia ... 2019";
//   d.names.push_back({.parts = {"Ivan", "", "", "", "", "PETROV"}, .type = "Primary Name"});
//   std::optional<model::Entity> e = BuildFcdoEntity(d, context);
//
// Both readers fill the same raw structure with the list's own text (trimmed, whitespace
// collapsed) and one builder maps it onto the model, so the XML and the CSV of one list version
// give the same entities. Format notes: docs/formats/uk_fcdo.md.
//
// Thread safety: plain values and a pure function.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/diagnostics.h"
#include "model/entity.h"

namespace cordon::ingest::internal {

struct FcdoName {
  std::array<std::string, 6> parts;  // Name1 .. Name6 (Name6 is the family or entity name)
  std::string type;                  // NameType: "Primary Name", "Primary name variation", "Alias"
  std::string strength;              // AliasStrength: "Good quality a.k.a", "Low quality a.k.a"
  friend bool operator==(const FcdoName&, const FcdoName&) = default;
};

struct FcdoNonLatinName {
  std::string text;      // NameNonLatinScript
  std::string script;    // NonLatinScriptType
  std::string language;  // NonLatinScriptLanguage
  friend bool operator==(const FcdoNonLatinName&, const FcdoNonLatinName&) = default;
};

struct FcdoAddress {
  std::array<std::string, 6> lines;  // AddressLine1 .. AddressLine6
  std::string postal_code;
  std::string country;
  friend bool operator==(const FcdoAddress&, const FcdoAddress&) = default;
};

// A passport or national identifier: its number and the free text that goes with it.
struct FcdoDocument {
  std::string number;
  std::string info;
  friend bool operator==(const FcdoDocument&, const FcdoDocument&) = default;
};

struct FcdoBirthPlace {
  std::string town;
  std::string country;
  friend bool operator==(const FcdoBirthPlace&, const FcdoBirthPlace&) = default;
};

struct FcdoDesignation {
  int64_t line = 0;  // where the designation (XML) or its first row (CSV) starts

  std::string unique_id;        // UniqueID, "RUS0001"
  std::string last_updated;     // DD/MM/YYYY
  std::string date_designated;  // DD/MM/YYYY
  std::string ofsi_group_id;
  std::string un_reference;       // UNReferenceNumber
  std::string regime;             // RegimeName
  std::string type;               // IndividualEntityShip
  std::string source;             // DesignationSource: "UK" or "UN"
  std::string sanctions_imposed;  // "Asset freeze|Travel Ban"
  std::string other_information;
  std::string statement_of_reasons;

  std::vector<FcdoName> names;
  std::vector<FcdoNonLatinName> non_latin_names;
  std::vector<std::string> titles;
  std::vector<FcdoAddress> addresses;
  std::vector<std::string> phones;
  std::vector<std::string> emails;  // as written; one element may hold several addresses
  std::vector<std::string> websites;

  // Individuals.
  std::vector<std::string> dobs;  // "dd/mm/1945", "01/03/1958"
  std::vector<std::string> nationalities;
  std::vector<std::string> positions;
  std::vector<std::string> genders;
  std::vector<FcdoBirthPlace> birth_places;
  std::vector<FcdoDocument> passports;
  std::vector<FcdoDocument> national_ids;

  // Entities.
  std::vector<std::string> entity_types;
  std::vector<std::string> registration_numbers;
  std::vector<std::string> parent_companies;
  std::vector<std::string> subsidiaries;

  // Ships.
  std::vector<std::string> imo_numbers;
  std::vector<std::string> current_owners;
  std::vector<std::string> previous_owners;
  std::vector<std::string> current_flags;
  std::vector<std::string> previous_flags;
  std::vector<std::string> ship_types;
  std::vector<std::string> tonnages;
  std::vector<std::string> lengths;
  std::vector<std::string> years_built;
  std::vector<std::string> hull_ids;  // CSV "Hull identification number (HIN)"
};

// Appends `value` unless it is empty or already there. Returns whether it was appended.
template <typename T>
bool AppendDistinct(std::vector<T>& values, T value) {
  if (value == T{}) return false;
  for (const T& existing : values) {
    if (existing == value) return false;
  }
  values.push_back(std::move(value));
  return true;
}

struct FcdoBuildContext {
  std::string_view source;  // provenance.source, "gb_fcdo"
  std::string_view format;  // "uk-fcdo-xml" or "uk-fcdo-csv"
  std::string_view file;    // for diagnostics
  DiagnosticSink* diagnostics = nullptr;
};

// The entity for `designation`: id "<source>:<UniqueID>", the list's names with their kinds,
// identifiers, dates, countries, addresses, links and one Sanction {kUk, "FCDO", RegimeName}.
// Defects in a part of the designation (an unreadable date, an unknown name type) are reported
// as warnings and the rest is kept; nullopt, with an error reported, when the designation has no
// UniqueID or no name at all.
std::optional<model::Entity> BuildFcdoEntity(const FcdoDesignation& designation,
                                             const FcdoBuildContext& context);

// "dd/mm/1945", "dd/05/1980", "01/03/1958" -> partial date; nullopt when it is not one.
std::optional<model::PartialDate> ParseFcdoDate(std::string_view text);

// "15/08/19yy" (day, month and century known, year not) -> the range 1900-08-15 to 1999-08-15,
// with the list's text; nullopt when the text is not such a date.
std::optional<model::DateSpec> ParseFcdoCenturyDate(std::string_view text);

}  // namespace cordon::ingest::internal
