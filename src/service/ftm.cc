#include "service/ftm.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "match/query_reader.h"

namespace cordon::service {
namespace {

using Json = nlohmann::ordered_json;

void Add(Json& properties, const char* property, const std::string& value) {
  if (value.empty()) return;
  Json& values = properties[property];
  if (values.is_null()) values = Json::array();
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

const char* NameProperty(model::NameKind kind) {
  switch (kind) {
    case model::NameKind::kPrimary:
    case model::NameKind::kOriginalScript:
      return "name";
    case model::NameKind::kStrongAlias:
      return "alias";
    case model::NameKind::kWeakAlias:
      return "weakAlias";
    case model::NameKind::kFormerName:
      return "previousName";
  }
  return "alias";
}

const char* CountryProperty(model::CountryRole role, model::Schema schema) {
  switch (role) {
    case model::CountryRole::kNationality:
      return "nationality";
    case model::CountryRole::kCitizenship:
      return "citizenship";
    case model::CountryRole::kJurisdiction:
      return "jurisdiction";
    case model::CountryRole::kFlag:
      return "flag";
    case model::CountryRole::kBirthCountry:
      return "birthCountry";
    case model::CountryRole::kResidence:
    case model::CountryRole::kAddressCountry:
    case model::CountryRole::kOther:
      break;
  }
  return schema == model::Schema::kVessel ? "flag" : "country";
}

const char* IdentifierProperty(model::IdentifierType type) {
  switch (type) {
    case model::IdentifierType::kImo:
      return "imoNumber";
    case model::IdentifierType::kMmsi:
      return "mmsi";
    case model::IdentifierType::kCallSign:
      return "callSign";
    case model::IdentifierType::kPassport:
      return "passportNumber";
    case model::IdentifierType::kNationalId:
      return "idNumber";
    case model::IdentifierType::kInn:
      return "innCode";
    case model::IdentifierType::kOgrn:
      return "ogrnCode";
    case model::IdentifierType::kTaxId:
      return "taxNumber";
    case model::IdentifierType::kLei:
      return "leiCode";
    case model::IdentifierType::kBic:
      return "swiftBic";
    case model::IdentifierType::kRegistration:
      return "registrationNumber";
    case model::IdentifierType::kCryptoAddress:
      return "cryptoWallet";
    case model::IdentifierType::kAircraftSerial:
      return "serialNumber";
    case model::IdentifierType::kAircraftTailNumber:
      return "registrationNumber";
    default:
      return "idNumber";
  }
}

std::string DateText(const model::DateSpec& d) {
  if (!d.date.empty()) return d.date.ToIso();
  return d.text;
}

}  // namespace

bool NestedDeeperThan(const nlohmann::json& value, size_t max_depth) {
  // Iterative: the point is to refuse values whose recursive walk (dump) would overflow the
  // stack, so this walk must not recurse.
  std::vector<std::pair<const nlohmann::json*, size_t>> pending = {{&value, 1}};
  while (!pending.empty()) {
    auto [node, depth] = pending.back();
    pending.pop_back();
    if (!node->is_structured()) continue;
    if (depth > max_depth) return true;
    for (const nlohmann::json& child : *node) pending.emplace_back(&child, depth + 1);
  }
  return false;
}

bool TextNestedDeeperThan(std::string_view text, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

Result<match::Query> QueryFromFtm(const nlohmann::json& value, std::string_view where) {
  if (!value.is_object()) {
    return InvalidArgumentError(std::string(where) + ": expected an object");
  }
  if (NestedDeeperThan(value, kMaxQueryDepth)) {
    return InvalidArgumentError(
        fmt::format("{}: nested deeper than {} levels", where, kMaxQueryDepth));
  }
  // One JSON line through the screening reader: the API and `cordon screen` read a record
  // by the same rules and give the same errors.
  std::string line;
  auto schema = value.find("schema");
  if (schema != value.end() && schema->is_string() && *schema == "Thing") {
    // yente's "any kind of entity"; the reader knows it as no schema.
    nlohmann::json any = value;
    any.erase("schema");
    line = any.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    line = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  // One block for the whole line: the reader's default block (1 MiB) is for files.
  match::QueryReaderOptions options;
  options.block_bytes = line.size() + 64;
  std::unique_ptr<match::QueryReader> reader =
      match::QueryReader::FromString(std::move(line), std::string(where), options);
  // The reader names the line ("queries.q1:1: ..."); a query has only one.
  const std::string line_prefix = std::string(where) + ":1:";
  auto without_line = [&](std::string message) {
    if (message.rfind(line_prefix, 0) == 0) {
      message = std::string(where) + ":" + message.substr(line_prefix.size());
    }
    return message;
  };
  match::Query query;
  Result<bool> read = reader->Next(query);
  if (!read.ok()) return InvalidArgumentError(without_line(read.status().message()));
  if (!*read) return InvalidArgumentError(std::string(where) + ": empty query");
  for (std::string& warning : query.warnings) warning = without_line(std::move(warning));
  return query;
}

Json FtmProperties(const model::Entity& e) {
  Json p = Json::object();
  for (const model::Name& name : e.names) {
    Add(p, NameProperty(name.kind), name.full);
    if (name.kind == model::NameKind::kPrimary) {
      Add(p, "firstName", name.given);
      Add(p, "middleName", name.middle);
      Add(p, "lastName", name.family);
      Add(p, "fatherName", name.patronymic);
      Add(p, "title", name.title);
    }
  }
  for (const model::DateSpec& d : e.birth_dates) Add(p, "birthDate", DateText(d));
  for (const std::string& place : e.birth_places) Add(p, "birthPlace", place);
  for (const model::DateSpec& d : e.incorporation_dates) {
    Add(p, "incorporationDate", DateText(d));
  }
  for (const model::CountryRef& c : e.countries) {
    std::string code = c.code;
    std::transform(code.begin(), code.end(), code.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    Add(p, CountryProperty(c.role, e.schema), code);
  }
  for (const model::Address& a : e.addresses) Add(p, "address", a.full);
  for (const model::Identifier& id : e.identifiers) {
    Add(p, IdentifierProperty(id.type), id.value);
  }
  for (const model::Sanction& s : e.sanctions) Add(p, "program", s.program);
  if (!e.sanctions.empty()) Add(p, "topics", "sanction");
  Add(p, "gender", e.gender);
  for (const std::string& position : e.positions) Add(p, "position", position);
  for (const std::string& email : e.emails) Add(p, "email", email);
  for (const std::string& phone : e.phones) Add(p, "phone", phone);
  for (const std::string& website : e.websites) Add(p, "website", website);
  Add(p, "notes", e.remarks);
  return p;
}

}  // namespace cordon::service
