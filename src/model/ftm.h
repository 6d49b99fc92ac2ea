// model/ftm.h: the model in FollowTheMoney terms: which FtM property each name kind, country
// role and identifier type is, and an entity's FtM properties.
//
//   nlohmann::ordered_json properties = FtmProperties(entity);  // {"name": [...], ...}
//   std::string_view p = FtmIdentifierProperty(IdentifierType::kImo);  // "imoNumber"
//
// The one table between the model and FtM's vocabulary: the API's results, the FtM list parser
// and the FtM query reader all go through it, so a property read in one place is written the
// same way in another.
//
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/entity.h"

namespace cordon::model {

// "name" (primary and original-script names), "alias", "weakAlias", "previousName".
std::string_view FtmNameProperty(NameKind kind);
// "nationality", "citizenship", "jurisdiction", "flag", "birthCountry"; other roles are
// "country" ("flag" for a vessel).
std::string_view FtmCountryProperty(CountryRole role, Schema schema);
// "imoNumber", "mmsi", "callSign", "passportNumber", "idNumber", "innCode", "ogrnCode",
// "taxNumber", "leiCode", "swiftBic", "registrationNumber", "cryptoWallet", "serialNumber".
std::string_view FtmIdentifierProperty(IdentifierType type);

// Reading FtM: the country properties and the role each gives, and the identifier properties,
// in the order a reader takes them (entity identifiers keep that order, and with it their
// content hash).
struct FtmCountryReading {
  std::string_view property;
  CountryRole role;
};
std::span<const FtmCountryReading> FtmCountryProperties();
std::span<const std::string_view> FtmIdentifierProperties();
// The identifier type an FtM property gives on an entity of `schema`: "idNumber" is a national
// id for a person and a plain identifier otherwise; "registrationNumber" and "serialNumber" are
// an aircraft's tail and serial numbers. nullopt: not an identifier property.
std::optional<IdentifierType> FtmIdentifierType(std::string_view property, Schema schema);
// The type a screening query's FtM property is looked up as: the type the lists most often
// file such an identifier under, whatever the query's schema (OFAC files companies' "National
// ID No." and aircraft's "Registration Number" so): idNumber a national id,
// registrationNumber a registration, serialNumber an aircraft's serial number.
std::optional<IdentifierType> FtmQueryIdentifierType(std::string_view property);

// FtM property names and values of an entity: name, alias, weakAlias, previousName, firstName,
// lastName, birthDate, birthPlace, nationality, citizenship, country, jurisdiction, flag,
// address, imoNumber, mmsi, leiCode, innCode, ogrnCode, swiftBic, passportNumber, idNumber,
// taxNumber, registrationNumber, callSign, program, topics, notes, ... Empty properties are
// left out; values are not repeated.
nlohmann::ordered_json FtmProperties(const Entity& entity);

}  // namespace cordon::model
