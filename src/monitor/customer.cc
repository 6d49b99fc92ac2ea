#include "monitor/customer.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "base/sha256.h"

namespace cordon::monitor {
namespace {

Result<std::vector<std::string>> Strings(const nlohmann::json& record, const char* member) {
  std::vector<std::string> out;
  auto it = record.find(member);
  if (it == record.end()) return out;
  if (!it->is_array()) return InvalidArgumentError(std::string(member) + ": not an array");
  for (const nlohmann::json& v : *it) {
    if (!v.is_string()) return InvalidArgumentError(std::string(member) + ": not a string");
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

std::string CustomerJson(const match::Query& customer) {
  nlohmann::ordered_json j;
  j["id"] = customer.id;
  if (customer.schema) j["schema"] = model::SchemaName(*customer.schema);
  if (!customer.names.empty()) j["names"] = customer.names;
  if (!customer.birth_dates.empty()) {
    nlohmann::ordered_json dates = nlohmann::ordered_json::array();
    for (const model::PartialDate& d : customer.birth_dates) dates.push_back(d.ToIso());
    j["birth_dates"] = std::move(dates);
  }
  if (!customer.countries.empty()) j["countries"] = customer.countries;
  if (!customer.identifiers.empty()) {
    nlohmann::ordered_json ids = nlohmann::ordered_json::array();
    for (const model::Identifier& id : customer.identifiers) {
      ids.push_back({model::IdentifierTypeName(id.type), id.value});
    }
    j["identifiers"] = std::move(ids);
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<match::Query> CustomerFromJson(std::string_view json) {
  nlohmann::json record = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!record.is_object()) return InvalidArgumentError("customer record: not a JSON object");
  match::Query q;
  if (auto id = record.find("id"); id != record.end() && id->is_string()) q.id = *id;
  if (auto schema = record.find("schema"); schema != record.end()) {
    if (!schema->is_string()) return InvalidArgumentError("schema: not a string");
    q.schema = model::SchemaFromName(schema->get<std::string>());
    if (!q.schema) return InvalidArgumentError("schema: '" + schema->get<std::string>() + "'");
  }
  ASSIGN_OR_RETURN(q.names, Strings(record, "names"));
  ASSIGN_OR_RETURN(std::vector<std::string> dates, Strings(record, "birth_dates"));
  for (const std::string& d : dates) {
    std::optional<model::PartialDate> date = model::PartialDate::FromIso(d);
    if (!date) return InvalidArgumentError("birth_dates: '" + d + "' is not a date");
    q.birth_dates.push_back(*date);
  }
  ASSIGN_OR_RETURN(q.countries, Strings(record, "countries"));
  if (auto ids = record.find("identifiers"); ids != record.end()) {
    if (!ids->is_array()) return InvalidArgumentError("identifiers: not an array");
    for (const nlohmann::json& pair : *ids) {
      if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
        return InvalidArgumentError("identifiers: expected [type, value] pairs");
      }
      std::optional<model::IdentifierType> type =
          model::IdentifierTypeFromName(pair[0].get<std::string>());
      if (!type) return InvalidArgumentError("identifiers: '" + pair[0].get<std::string>() + "'");
      q.identifiers.push_back({.type = *type, .value = pair[1].get<std::string>()});
    }
  }
  return q;
}

std::string CustomerDigest(const match::Query& customer) {
  return Sha256Hex(CustomerJson(customer)).substr(0, 16);
}

model::Entity CustomerEntity(const match::Query& customer) {
  model::Entity e;
  e.id = "book:" + customer.id;
  e.schema = customer.schema.value_or(model::Schema::kLegalEntity);
  e.provenance.source = "book";
  e.provenance.record_id = customer.id;
  for (const std::string& name : customer.names) {
    e.names.push_back({.full = name, .kind = model::NameKind::kPrimary});
  }
  for (const model::PartialDate& d : customer.birth_dates) e.birth_dates.push_back({.date = d});
  for (const std::string& c : customer.countries) {
    e.countries.push_back({.code = c, .role = model::CountryRole::kNationality});
  }
  e.identifiers = customer.identifiers;
  return e;
}

}  // namespace cordon::monitor
