// ingest/internal/ofac_xml_id_types.h: what an OFAC sdnList `idType` means.
//
//   OfacIdTypeInfo info = ClassifyOfacIdType("Vessel Registration Identification");
//   // info.field == OfacIdField::kIdentifier, info.identifier_type == IdentifierType::kImo
//   IdentifierType t = RefineOfacIdentifierType(IdentifierType::kTaxId, "7225004092", "RU");
//   // t == IdentifierType::kInn (a valid INN checksum)
//
// OFAC's idList holds real identifiers (passports, registration and tax numbers, IMO, MMSI,
// SWIFT/BIC, crypto addresses) next to typed facts that are not identifiers at all (websites,
// e-mail addresses, gender, former vessel flags, directive determinations, "For more
// information" links). The table below sends each idType to the entity field it belongs in.
//
// Thread safety: pure functions over constant tables.
#pragma once

#include <string>
#include <string_view>

#include "model/entity.h"

namespace cordon::ingest::internal {

// Where the value of an OFAC idList/id goes.
enum class OfacIdField {
  kIdentifier,       // model::Identifier of `identifier_type`
  kSanctionInfo,     // sanction text ("Subject to Directive 1") -> Sanction::reason
  kSourceUrl,        // "For more information, please see:" -> property "sourceUrl"
  kWebsite,          // Entity::websites
  kEmail,            // Entity::emails
  kPhone,            // Entity::phones
  kGender,           // Entity::gender
  kEstablishedDate,  // Entity::incorporation_dates
  kBirthDate,        // Entity::birth_dates
  kBirthPlace,       // Entity::birth_places
  kCountry,          // Entity::countries with `country_role`
  kPastFlag,         // property "pastFlags" (ISO code when known, else the wording)
  kProperty,         // property named `property`, value as written
  kTitle,            // Entity::titles
  kOwner,            // Link kOwnedBy to the named owner
};

struct OfacIdTypeInfo {
  OfacIdField field = OfacIdField::kIdentifier;
  model::IdentifierType identifier_type = model::IdentifierType::kOther;
  model::CountryRole country_role = model::CountryRole::kOther;
  std::string_view property;  // FtM property name for kProperty
};

// Classifies an idType as written in the list (whitespace-collapsed). Known types come from a
// table; unknown ones are sent by keywords ("passport", "tax", "registration", a trailing
// "-" or ":" for sanction notes) and otherwise kept as IdentifierType::kOther identifiers.
OfacIdTypeInfo ClassifyOfacIdType(std::string_view id_type);

// Sharpens a generic identifier type by its value: a tax number that passes the Russian INN
// checksum becomes kInn, a registration number that passes the OGRN/OGRNIP checksum becomes
// kOgrn, a 20-character code that passes ISO 17442 becomes kLei. Only when `country_code` is
// "RU" or unknown ("") for INN/OGRN. Returns `type` unchanged otherwise.
model::IdentifierType RefineOfacIdentifierType(model::IdentifierType type, std::string_view value,
                                               std::string_view country_code);

// The identifier an idList entry (or an enhanced feature or identity document) makes, of the
// `type` ClassifyOfacIdType gave its idType: a kImo value "IMO 9187629" or "9187629" becomes
// the seven digits, and one that is not seven digits a kRegistration (a vessel registration);
// then the type is sharpened by RefineOfacIdentifierType with `country_code`. `label`, `value`
// (as written), `country_code` and `note` are kept as given otherwise. Never fails.
model::Identifier MakeOfacIdentifier(model::IdentifierType type, std::string label,
                                     std::string value, std::string country_code, std::string note);

// Checksums (digits only, exact lengths): INN 10 or 12 digits; OGRN 13 (first digit 1 or 5)
// or OGRNIP 15 (first digit 3); LEI 20 alphanumerics, ISO 7064 MOD 97-10.
bool IsValidInn(std::string_view digits);
bool IsValidOgrn(std::string_view digits);
bool IsValidLei(std::string_view code);

}  // namespace cordon::ingest::internal
