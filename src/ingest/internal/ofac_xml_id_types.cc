#include "ingest/internal/ofac_xml_id_types.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "base/strings.h"

namespace cordon::ingest::internal {
namespace {

using model::CountryRole;
using model::IdentifierType;

struct Rule {
  std::string_view id_type;
  OfacIdTypeInfo info;
};

constexpr OfacIdTypeInfo Id(IdentifierType type) { return {OfacIdField::kIdentifier, type}; }
constexpr OfacIdTypeInfo Field(OfacIdField field) { return {field}; }
constexpr OfacIdTypeInfo Country(CountryRole role) {
  return {OfacIdField::kCountry, IdentifierType::kOther, role};
}
constexpr OfacIdTypeInfo Property(std::string_view name) {
  return {OfacIdField::kProperty, IdentifierType::kOther, CountryRole::kOther, name};
}

// idType values seen in OFAC's sdn.xml / consolidated.xml and in sdn_advanced.xml feature and
// document types (which sdn.xml flattens into idList). Matched ignoring case.
constexpr std::array kRules = {
    // Identity documents.
    Rule{"Passport", Id(IdentifierType::kPassport)},
    Rule{"Diplomatic Passport", Id(IdentifierType::kPassport)},
    Rule{"British National Overseas Passport", Id(IdentifierType::kPassport)},
    Rule{"Stateless Person Passport", Id(IdentifierType::kPassport)},
    Rule{"Travel Document Number", Id(IdentifierType::kPassport)},
    Rule{"National ID No.", Id(IdentifierType::kNationalId)},
    Rule{"Cedula No.", Id(IdentifierType::kNationalId)},
    Rule{"D.N.I.", Id(IdentifierType::kNationalId)},
    Rule{"SSN", Id(IdentifierType::kNationalId)},
    Rule{"Personal ID Card", Id(IdentifierType::kNationalId)},
    Rule{"Identification Number", Id(IdentifierType::kNationalId)},
    Rule{"Bosnian Personal ID No.", Id(IdentifierType::kNationalId)},
    Rule{"Kenyan ID No.", Id(IdentifierType::kNationalId)},
    Rule{"Moroccan Personal ID No.", Id(IdentifierType::kNationalId)},
    Rule{"Turkish Identificiation Number", Id(IdentifierType::kNationalId)},
    Rule{"Turkish Identification Number", Id(IdentifierType::kNationalId)},
    Rule{"Numero de Identidad", Id(IdentifierType::kNationalId)},
    Rule{"Tazkira National ID Card", Id(IdentifierType::kNationalId)},
    Rule{"Citizen's Card Number", Id(IdentifierType::kNationalId)},
    Rule{"National Foreign ID Number", Id(IdentifierType::kNationalId)},
    Rule{"Stateless Person ID Card", Id(IdentifierType::kNationalId)},
    Rule{"Refugee ID Card", Id(IdentifierType::kNationalId)},
    Rule{"C.U.R.P.", Id(IdentifierType::kNationalId)},
    Rule{"CURP #", Id(IdentifierType::kNationalId)},
    Rule{"CNP (Personal Numerical Code)", Id(IdentifierType::kNationalId)},
    Rule{"Romanian Permanent Resident", Id(IdentifierType::kNationalId)},
    Rule{"UAE Identification", Id(IdentifierType::kNationalId)},
    Rule{"N.I.E.", Id(IdentifierType::kNationalId)},
    Rule{"Residency Number", Id(IdentifierType::kNationalId)},
    // Tax numbers (INN is recognised by its checksum, see RefineOfacIdentifierType).
    Rule{"Tax ID No.", Id(IdentifierType::kTaxId)},
    Rule{"R.F.C.", Id(IdentifierType::kTaxId)},
    Rule{"RFC", Id(IdentifierType::kTaxId)},
    Rule{"C.U.I.T.", Id(IdentifierType::kTaxId)},
    Rule{"C.I.F.", Id(IdentifierType::kTaxId)},
    Rule{"RUC #", Id(IdentifierType::kTaxId)},
    Rule{"NIT #", Id(IdentifierType::kTaxId)},
    Rule{"RIF #", Id(IdentifierType::kTaxId)},
    Rule{"RTN", Id(IdentifierType::kTaxId)},
    Rule{"US FEIN", Id(IdentifierType::kTaxId)},
    Rule{"Fiscal Code", Id(IdentifierType::kTaxId)},
    Rule{"Italian Fiscal Code", Id(IdentifierType::kTaxId)},
    Rule{"V.A.T. Number", Id(IdentifierType::kTaxId)},
    Rule{"Romanian Tax Registration", Id(IdentifierType::kTaxId)},
    Rule{"Paraguayan tax identification number", Id(IdentifierType::kTaxId)},
    Rule{"Numero Unico de Identificacao Tributaria (NUIT)", Id(IdentifierType::kTaxId)},
    // Company registrations (OGRN and LEI are recognised by their checksums).
    Rule{"Registration ID", Id(IdentifierType::kRegistration)},
    Rule{"Registration Number", Id(IdentifierType::kRegistration)},
    Rule{"Public Registration Number", Id(IdentifierType::kRegistration)},
    Rule{"Company Number", Id(IdentifierType::kRegistration)},
    Rule{"UK Company Number", Id(IdentifierType::kRegistration)},
    Rule{"Commercial Registry Number", Id(IdentifierType::kRegistration)},
    Rule{"Business Registration Document #", Id(IdentifierType::kRegistration)},
    Rule{"Business Registration Number", Id(IdentifierType::kRegistration)},
    Rule{"Business Number", Id(IdentifierType::kRegistration)},
    Rule{"Certificate of Incorporation Number", Id(IdentifierType::kRegistration)},
    Rule{"Chamber of Commerce Number", Id(IdentifierType::kRegistration)},
    Rule{"Istanbul Chamber of Comm. No.", Id(IdentifierType::kRegistration)},
    Rule{"Dubai Chamber of Commerce Membership No.", Id(IdentifierType::kRegistration)},
    Rule{"Enterprise Number", Id(IdentifierType::kRegistration)},
    Rule{"Trade License No.", Id(IdentifierType::kRegistration)},
    Rule{"License", Id(IdentifierType::kRegistration)},
    Rule{"C.R. No.", Id(IdentifierType::kRegistration)},
    Rule{"Romanian C.R.", Id(IdentifierType::kRegistration)},
    Rule{"Folio Mercantil No.", Id(IdentifierType::kRegistration)},
    Rule{"Matricula Mercantil No", Id(IdentifierType::kRegistration)},
    Rule{"Registered Charity No.", Id(IdentifierType::kRegistration)},
    Rule{"Government Gazette Number", Id(IdentifierType::kRegistration)},  // Russian OKPO
    Rule{"Afghan Money Service Provider License Number", Id(IdentifierType::kRegistration)},
    Rule{"United Social Credit Code Certificate (USCCC)", Id(IdentifierType::kRegistration)},
    Rule{"Unified Social Credit Code (USCC)", Id(IdentifierType::kRegistration)},
    Rule{"Branch Unit Number", Id(IdentifierType::kRegistration)},
    Rule{"Legal Entity Number", Id(IdentifierType::kLei)},  // as the legacy CSV reads it
    Rule{"LE Number", Id(IdentifierType::kRegistration)},
    // Financial and market codes.
    Rule{"SWIFT/BIC", Id(IdentifierType::kBic)},
    // Vessels and aircraft.
    Rule{"Vessel Registration Identification", Id(IdentifierType::kImo)},
    Rule{"IMO Number", Id(IdentifierType::kImo)},
    Rule{"MMSI", Id(IdentifierType::kMmsi)},
    Rule{"Vessel Call Sign", Id(IdentifierType::kCallSign)},
    Rule{"Other Vessel Call Sign", Id(IdentifierType::kCallSign)},
    Rule{"Aircraft Tail Number", Id(IdentifierType::kAircraftTailNumber)},
    Rule{"Previous Aircraft Tail Number", Id(IdentifierType::kAircraftTailNumber)},
    Rule{"Aircraft Serial Identification", Id(IdentifierType::kAircraftSerial)},
    Rule{"Aircraft Manufacturer's Serial Number (MSN)", Id(IdentifierType::kAircraftSerial)},
    Rule{"Aircraft Manufacturer\xE2\x80\x99s Serial Number (MSN)",
         Id(IdentifierType::kAircraftSerial)},
    Rule{"Aircraft Construction Number (also called L/N or S/N or F/N)",
         Id(IdentifierType::kAircraftSerial)},
    Rule{"VESSEL TYPE", Property("type")},
    Rule{"Vessel Flag", Country(CountryRole::kFlag)},
    Rule{"Vessel Owner", Field(OfacIdField::kOwner)},
    Rule{"Vessel Tonnage", Property("tonnage")},
    Rule{"Vessel Gross Registered Tonnage", Property("grossRegisteredTonnage")},
    Rule{"Vessel Year of Build", Property("buildDate")},
    Rule{"Former Vessel Flag", Field(OfacIdField::kPastFlag)},
    Rule{"Other Vessel Flag", Country(CountryRole::kFlag)},  // a further current flag
    Rule{"Other Vessel Type", Property("type")},
    Rule{"Aircraft Model", Property("model")},
    Rule{"Aircraft Operator", Property("operator")},
    Rule{"Aircraft Manufacture Date", Property("buildDate")},
    // Contact details and personal facts.
    Rule{"Website", Field(OfacIdField::kWebsite)},
    Rule{"Email Address", Field(OfacIdField::kEmail)},
    Rule{"Phone Number", Field(OfacIdField::kPhone)},
    Rule{"Gender", Field(OfacIdField::kGender)},
    Rule{"Title", Field(OfacIdField::kTitle)},
    Rule{"Birthdate", Field(OfacIdField::kBirthDate)},
    Rule{"Place of Birth", Field(OfacIdField::kBirthPlace)},
    Rule{"Organization Established Date", Field(OfacIdField::kEstablishedDate)},
    Rule{"Organization Type:", Property("sector")},  // economic activities, not legal forms
    Rule{"Target Type", Property("classification")},
    Rule{"Nationality Country", Country(CountryRole::kNationality)},
    Rule{"Citizenship Country", Country(CountryRole::kCitizenship)},
    Rule{"Nationality of Registration", Country(CountryRole::kJurisdiction)},
    Rule{"For more information, please see:", Field(OfacIdField::kSourceUrl)},
    // Notes on the sanction itself.
    Rule{"Additional Sanctions Information -", Field(OfacIdField::kSanctionInfo)},
    Rule{"Secondary sanctions risk:", Field(OfacIdField::kSanctionInfo)},
    Rule{"Executive Order 13662 Directive Determination -", Field(OfacIdField::kSanctionInfo)},
    Rule{"Executive Order 14024 Directive Information -", Field(OfacIdField::kSanctionInfo)},
    Rule{"IFCA Determination -", Field(OfacIdField::kSanctionInfo)},
    Rule{"CAATSA Section 235 Information:", Field(OfacIdField::kSanctionInfo)},
    Rule{"PEESA Information:", Field(OfacIdField::kSanctionInfo)},
    Rule{"PAIPA Section 2 Information:", Field(OfacIdField::kSanctionInfo)},
    Rule{"Transactions Prohibited For Persons Owned or Controlled By U.S. Financial "
         "Institutions:",
         Field(OfacIdField::kSanctionInfo)},
};

// REQUIRES: `lower` is lower case.
bool Contains(std::string_view lower, std::string_view needle) {
  return lower.find(needle) != std::string_view::npos;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

OfacIdTypeInfo ClassifyOfacIdType(std::string_view id_type) {
  id_type = StripWhitespace(id_type);
  for (const Rule& rule : kRules) {
    if (EqualsIgnoreCase(rule.id_type, id_type)) return rule.info;
  }
  // Families that grow over time, by their wording.
  if (StartsWithIgnoreCase(id_type, "Digital Currency Address")) {
    return Id(IdentifierType::kCryptoAddress);
  }
  const std::string lower = AsciiLower(id_type);
  if (Contains(lower, "passport")) return Id(IdentifierType::kPassport);
  if (StartsWithIgnoreCase(id_type, "Aircraft")) {
    if (Contains(lower, "serial") || Contains(lower, "construction number")) {
      return Id(IdentifierType::kAircraftSerial);
    }
    if (Contains(lower, "tail number")) return Id(IdentifierType::kAircraftTailNumber);
  }
  // "Effective Date (EO 14024 Directive 2):", "Listing Date (CMIC):", "Executive Order 13846
  // information:", "... Determination -": statements about the sanction, not identifiers.
  if (Contains(lower, "directive") || Contains(lower, "executive order") ||
      Contains(lower, "sanction") || Contains(lower, "(cmic)") ||
      Contains(lower, "determination") || Contains(lower, "information") ||
      id_type.ends_with(':') || id_type.ends_with(" -")) {
    return Field(OfacIdField::kSanctionInfo);
  }
  if (Contains(lower, "tax")) return Id(IdentifierType::kTaxId);
  if (Contains(lower, "registration") || Contains(lower, "registry") ||
      Contains(lower, "company number") || Contains(lower, "license")) {
    return Id(IdentifierType::kRegistration);
  }
  if (Contains(lower, "national id") || Contains(lower, "identity card") ||
      Contains(lower, "id card")) {
    return Id(IdentifierType::kNationalId);
  }
  return Id(IdentifierType::kOther);
}

bool IsValidInn(std::string_view d) {
  if (!AllDigits(d)) return false;
  auto weighted = [&](std::initializer_list<int> weights) {
    int sum = 0;
    size_t i = 0;
    for (int w : weights) sum += w * (d[i++] - '0');
    return sum % 11 % 10;
  };
  if (d.size() == 10) return weighted({2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[9] - '0';
  if (d.size() == 12) {
    return weighted({7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[10] - '0' &&
           weighted({3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[11] - '0';
  }
  return false;
}

bool IsValidOgrn(std::string_view d) {
  if (!AllDigits(d)) return false;
  auto check = [&](size_t body, uint64_t modulus) {
    uint64_t remainder = 0;
    for (size_t i = 0; i < body; ++i) {
      remainder = (remainder * 10 + static_cast<uint64_t>(d[i] - '0')) % modulus;
    }
    return static_cast<int>(remainder % 10) == d[body] - '0';
  };
  if (d.size() == 13 && (d[0] == '1' || d[0] == '5')) return check(12, 11);
  if (d.size() == 15 && d[0] == '3') return check(14, 13);
  return false;
}

bool IsValidLei(std::string_view code) {
  if (code.size() != 20) return false;
  int remainder = 0;
  for (char c : code) {
    int value;
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      value = c - 'A' + 10;
    } else {
      return false;
    }
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder == 1;
}

IdentifierType RefineOfacIdentifierType(IdentifierType type, std::string_view value,
                                        std::string_view country_code) {
  const bool maybe_russian = country_code.empty() || country_code == "RU";
  if (type == IdentifierType::kTaxId && maybe_russian && IsValidInn(value)) {
    return IdentifierType::kInn;
  }
  if (type == IdentifierType::kRegistration) {
    if (maybe_russian && IsValidOgrn(value)) return IdentifierType::kOgrn;
    if (IsValidLei(value)) return IdentifierType::kLei;
  }
  return type;
}

model::Identifier MakeOfacIdentifier(IdentifierType type, std::string label, std::string value,
                                     std::string country_code, std::string note) {
  model::Identifier identifier{.value = std::move(value),
                               .country = std::move(country_code),
                               .label = std::move(label),
                               .note = std::move(note)};
  if (type == IdentifierType::kImo) {
    // "IMO 9187629"; a vessel registration that is not an IMO number stays a registration.
    std::string_view digits = identifier.value;
    if (StartsWithIgnoreCase(digits, "IMO")) digits = StripWhitespace(digits.substr(3));
    if (digits.size() == 7 && AllDigits(digits)) {
      identifier.value = std::string(digits);
    } else {
      type = IdentifierType::kRegistration;
    }
  }
  identifier.type = RefineOfacIdentifierType(type, identifier.value, identifier.country);
  return identifier;
}

}  // namespace cordon::ingest::internal
