#include "model/ftm.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace cordon::model {
namespace {

using Json = nlohmann::ordered_json;

void Add(Json& properties, std::string_view property, const std::string& value) {
  if (value.empty()) return;
  Json& values = properties[std::string(property)];
  if (values.is_null()) values = Json::array();
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

std::string DateText(const DateSpec& d) {
  if (!d.date.empty()) return d.date.ToIso();
  return d.text;
}

}  // namespace

std::string_view FtmNameProperty(NameKind kind) {
  switch (kind) {
    case NameKind::kPrimary:
    case NameKind::kOriginalScript:
      return "name";
    case NameKind::kStrongAlias:
      return "alias";
    case NameKind::kWeakAlias:
      return "weakAlias";
    case NameKind::kFormerName:
      return "previousName";
  }
  return "alias";
}

std::string_view FtmCountryProperty(CountryRole role, Schema schema) {
  switch (role) {
    case CountryRole::kNationality:
      return "nationality";
    case CountryRole::kCitizenship:
      return "citizenship";
    case CountryRole::kJurisdiction:
      return "jurisdiction";
    case CountryRole::kFlag:
      return "flag";
    case CountryRole::kBirthCountry:
      return "birthCountry";
    case CountryRole::kResidence:
    case CountryRole::kAddressCountry:
    case CountryRole::kOther:
      break;
  }
  return schema == Schema::kVessel ? "flag" : "country";
}

std::string_view FtmIdentifierProperty(IdentifierType type) {
  switch (type) {
    case IdentifierType::kImo:
      return "imoNumber";
    case IdentifierType::kMmsi:
      return "mmsi";
    case IdentifierType::kCallSign:
      return "callSign";
    case IdentifierType::kPassport:
      return "passportNumber";
    case IdentifierType::kNationalId:
      return "idNumber";
    case IdentifierType::kInn:
      return "innCode";
    case IdentifierType::kOgrn:
      return "ogrnCode";
    case IdentifierType::kTaxId:
      return "taxNumber";
    case IdentifierType::kLei:
      return "leiCode";
    case IdentifierType::kBic:
      return "swiftBic";
    case IdentifierType::kRegistration:
      return "registrationNumber";
    case IdentifierType::kCryptoAddress:
      return "cryptoWallet";
    case IdentifierType::kAircraftSerial:
      return "serialNumber";
    case IdentifierType::kAircraftTailNumber:
      return "registrationNumber";
    default:
      return "idNumber";
  }
}

namespace {

constexpr FtmCountryReading kCountryReadings[] = {
    {"nationality", CountryRole::kNationality},
    {"citizenship", CountryRole::kCitizenship},
    {"jurisdiction", CountryRole::kJurisdiction},
    {"birthCountry", CountryRole::kBirthCountry},
    {"flag", CountryRole::kFlag},
    {"country", CountryRole::kOther},
    {"mainCountry", CountryRole::kOther},
};

struct IdentifierReading {
  std::string_view property;
  IdentifierType type;  // kOther for the three whose type depends on the schema
};

// The three read by schema first, then FtM's typed codes; codes cordon has no type for are kept
// as plain identifiers (they still match exactly, by value).
constexpr IdentifierReading kIdentifierReadings[] = {
    {"idNumber", IdentifierType::kOther},       {"registrationNumber", IdentifierType::kOther},
    {"serialNumber", IdentifierType::kOther},   {"passportNumber", IdentifierType::kPassport},
    {"taxNumber", IdentifierType::kTaxId},      {"vatCode", IdentifierType::kTaxId},
    {"innCode", IdentifierType::kInn},          {"ogrnCode", IdentifierType::kOgrn},
    {"leiCode", IdentifierType::kLei},          {"swiftBic", IdentifierType::kBic},
    {"imoNumber", IdentifierType::kImo},        {"mmsi", IdentifierType::kMmsi},
    {"callSign", IdentifierType::kCallSign},    {"kppCode", IdentifierType::kOther},
    {"okpoCode", IdentifierType::kOther},       {"permId", IdentifierType::kOther},
    {"uniqueEntityId", IdentifierType::kOther}, {"dunsCode", IdentifierType::kOther},
    {"bikCode", IdentifierType::kOther},        {"isinCode", IdentifierType::kOther},
    {"cageCode", IdentifierType::kOther},       {"npiCode", IdentifierType::kOther},
    {"wikidataId", IdentifierType::kOther},
};

constexpr auto kIdentifierProperties = [] {
  std::array<std::string_view, std::size(kIdentifierReadings)> properties{};
  for (size_t i = 0; i < properties.size(); ++i) properties[i] = kIdentifierReadings[i].property;
  return properties;
}();

}  // namespace

std::span<const FtmCountryReading> FtmCountryProperties() { return kCountryReadings; }

std::span<const std::string_view> FtmIdentifierProperties() { return kIdentifierProperties; }

std::optional<IdentifierType> FtmIdentifierType(std::string_view property, Schema schema) {
  const bool aircraft = schema == Schema::kAircraft;
  if (property == "idNumber") {
    return schema == Schema::kPerson ? IdentifierType::kNationalId : IdentifierType::kOther;
  }
  if (property == "registrationNumber") {
    return aircraft ? IdentifierType::kAircraftTailNumber : IdentifierType::kRegistration;
  }
  if (property == "serialNumber") {
    return aircraft ? IdentifierType::kAircraftSerial : IdentifierType::kOther;
  }
  for (const IdentifierReading& reading : kIdentifierReadings) {
    if (reading.property == property) return reading.type;
  }
  return std::nullopt;
}

std::optional<IdentifierType> FtmQueryIdentifierType(std::string_view property) {
  if (property == "idNumber") return IdentifierType::kNationalId;
  if (property == "registrationNumber") return IdentifierType::kRegistration;
  if (property == "serialNumber") return IdentifierType::kAircraftSerial;
  return FtmIdentifierType(property, Schema::kLegalEntity);
}

Json FtmProperties(const Entity& e) {
  Json p = Json::object();
  for (const Name& name : e.names) {
    Add(p, FtmNameProperty(name.kind), name.full);
    if (name.kind == NameKind::kPrimary) {
      Add(p, "firstName", name.given);
      Add(p, "middleName", name.middle);
      Add(p, "lastName", name.family);
      Add(p, "fatherName", name.patronymic);
      Add(p, "title", name.title);
    }
  }
  for (const DateSpec& d : e.birth_dates) Add(p, "birthDate", DateText(d));
  for (const std::string& place : e.birth_places) Add(p, "birthPlace", place);
  for (const DateSpec& d : e.incorporation_dates) {
    Add(p, "incorporationDate", DateText(d));
  }
  for (const CountryRef& c : e.countries) {
    std::string code = c.code;
    std::transform(code.begin(), code.end(), code.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    Add(p, FtmCountryProperty(c.role, e.schema), code);
  }
  for (const Address& a : e.addresses) Add(p, "address", a.full);
  for (const Identifier& id : e.identifiers) {
    Add(p, FtmIdentifierProperty(id.type), id.value);
  }
  for (const Sanction& s : e.sanctions) Add(p, "program", s.program);
  if (!e.sanctions.empty()) Add(p, "topics", "sanction");
  Add(p, "gender", e.gender);
  for (const std::string& position : e.positions) Add(p, "position", position);
  for (const std::string& email : e.emails) Add(p, "email", email);
  for (const std::string& phone : e.phones) Add(p, "phone", phone);
  for (const std::string& website : e.websites) Add(p, "website", website);
  Add(p, "notes", e.remarks);
  return p;
}

}  // namespace cordon::model
