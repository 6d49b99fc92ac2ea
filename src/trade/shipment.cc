#include "trade/shipment.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/strings.h"
#include "text/countries.h"

namespace cordon::trade {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kKindNames[] = {"unknown",      "trader",   "forwarder",
                                           "manufacturer", "end_user", "bank"};

// Reads fields into a Shipment, collecting what does not read as warnings.
class FieldReader {
 public:
  FieldReader(Shipment& shipment, std::string_view where) : s_(shipment), where_(where) {}

  void Warn(std::string_view field, std::string_view what) {
    s_.warnings.push_back(
        fmt::format("{}: {}: {}: {}", where_, s_.id.empty() ? "-" : s_.id, field, what));
  }

  std::string Country(std::string_view field, std::string_view text) {
    text = StripWhitespace(text);
    if (text.empty()) return "";
    std::string code = text::CountryCode(text);
    if (code.empty()) Warn(field, fmt::format("'{}' is not a country", text));
    return code;
  }

  // A country, or an occupied region's ISO 3166-2 code ("UA-43").
  std::string Destination(std::string_view field, std::string_view text) {
    text = StripWhitespace(text);
    if (IsRegionCode(text)) return std::string(text);
    return Country(field, text);
  }

  std::optional<Date> DateField(std::string_view field, std::string_view text) {
    text = StripWhitespace(text);
    if (text.empty()) return std::nullopt;
    Result<Date> date = Date::Parse(text);
    if (!date.ok()) {
      Warn(field, fmt::format("'{}' is not a date (YYYY-MM-DD)", text));
      return std::nullopt;
    }
    return *date;
  }

  PartyKind Kind(std::string_view field, std::string_view text) {
    text = StripWhitespace(text);
    if (text.empty()) return PartyKind::kUnknown;
    const std::string lower = AsciiLower(text);
    for (size_t k = 0; k < std::size(kKindNames); ++k) {
      if (lower == kKindNames[k]) return static_cast<PartyKind>(k);
    }
    if (lower == "end user" || lower == "enduser") return PartyKind::kEndUser;
    if (lower == "freight_forwarder" || lower == "logistics") return PartyKind::kForwarder;
    Warn(field,
         fmt::format("'{}' is not one of trader, forwarder, manufacturer, end_user, bank, unknown",
                     text));
    return PartyKind::kUnknown;
  }

  void Route(std::string_view field, std::string_view text) {
    std::string item;
    auto flush = [&] {
      if (!item.empty()) Stop(field, item);
      item.clear();
    };
    for (char c : text) {
      if (c == ';' || c == '>' || c == ',' || c == ' ' || c == '|') {
        flush();
      } else {
        item += c;
      }
    }
    flush();
  }

  void Stop(std::string_view field, std::string_view text) {
    text = StripWhitespace(text);
    if (text.empty()) return;
    RouteStop stop;
    stop.as_given = std::string(text);
    if (IsRegionCode(text)) {
      stop.country = std::string(text.substr(0, 2));
      stop.place = std::string(text);
    } else {
      const size_t colon = text.find(':');
      stop.country = Country(field, text.substr(0, colon));
      if (colon != std::string_view::npos) stop.place = std::string(text.substr(colon + 1));
      if (stop.country.empty()) return;
    }
    s_.route.push_back(std::move(stop));
  }

  void Hs(std::string_view field, std::string_view text, GoodsLine& line) {
    line.hs = std::string(StripWhitespace(text));
    if (line.hs.empty()) {
      Warn(field, "no HS code");
      return;
    }
    line.digits = HsDigits(line.hs);
    if (line.digits.empty()) {
      Warn(field, fmt::format("'{}' is not an HS code", line.hs));
      return;
    }
    if (line.digits.size() >= 6) {
      line.hs6 = line.digits.substr(0, 6);
    } else {
      Warn(field, fmt::format("'{}' is a chapter or heading, not an HS-6 code", line.hs));
    }
  }

  std::optional<double> Number(std::string_view field, std::string_view text) {
    text = StripWhitespace(text);
    if (text.empty()) return std::nullopt;
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
        value < 0) {
      Warn(field, fmt::format("'{}' is not a number", text));
      return std::nullopt;
    }
    return value;
  }

  std::optional<bool> Bool(std::string_view field, std::string_view text) {
    const std::string lower = AsciiLower(StripWhitespace(text));
    if (lower.empty()) return std::nullopt;
    if (lower == "true" || lower == "yes" || lower == "1" || lower == "y") return true;
    if (lower == "false" || lower == "no" || lower == "0" || lower == "n") return false;
    Warn(field, fmt::format("'{}' is not true or false", text));
    return std::nullopt;
  }

 private:
  static bool IsRegionCode(std::string_view text) {
    return text.size() >= 4 && text.size() <= 6 && text[2] == '-' &&
           std::isupper(static_cast<unsigned char>(text[0])) &&
           std::isupper(static_cast<unsigned char>(text[1]));
  }

  Shipment& s_;
  std::string_view where_;
};

// A string member, or a number written as one; "" otherwise (with a warning when present).
std::string Text(const Json& object, std::string_view key, FieldReader& reader,
                 std::string_view field) {
  if (!object.is_object()) return "";
  auto it = object.find(std::string(key));
  if (it == object.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  // An HS code written as a number keeps its two decimals: 8471.50 is "8471.50", not "8471.5".
  if (it->is_number() && key == "hs") return fmt::format("{:.2f}", it->get<double>());
  if (it->is_number()) return fmt::format("{}", it->get<double>());
  if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
  reader.Warn(field, "not a string");
  return "";
}

Party PartyFromJson(const Json& object, FieldReader& reader, std::string_view role) {
  Party party;
  if (object.is_null()) return party;
  if (!object.is_object()) {
    reader.Warn(role, "not an object");
    return party;
  }
  auto field = [&](std::string_view name) { return fmt::format("{}.{}", role, name); };
  party.name = std::string(StripWhitespace(Text(object, "name", reader, field("name"))));
  // A country, or an occupied region's code ("UA-43") for a party registered there.
  party.country =
      reader.Destination(field("country"), Text(object, "country", reader, field("country")));
  party.address = Text(object, "address", reader, field("address"));
  party.registered_on = reader.DateField(
      field("registered_on"), Text(object, "registered_on", reader, field("registered_on")));
  party.kind = reader.Kind(field("kind"), Text(object, "kind", reader, field("kind")));
  party.bank_bic =
      std::string(StripWhitespace(Text(object, "bank_bic", reader, field("bank_bic"))));
  return party;
}

}  // namespace

std::string_view PartyKindName(PartyKind kind) { return kKindNames[static_cast<size_t>(kind)]; }

std::string HsDigits(std::string_view hs) {
  std::string digits;
  for (char c : hs) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != '.' && c != ' ' && c != '-') {
      return "";
    }
  }
  if (digits.size() < 2 || digits.size() > 10) return "";
  return digits;
}

Shipment ShipmentFromJson(const Json& object, std::string_view where) {
  Shipment s;
  FieldReader reader(s, where);
  s.id = Text(object, "id", reader, "id");
  if (s.id.empty()) reader.Warn("id", "missing");
  s.date = reader.DateField("date", Text(object, "date", reader, "date"));
  auto member = [&](std::string_view key) -> const Json& {
    static const Json kNull;
    auto it = object.find(std::string(key));
    return it == object.end() ? kNull : *it;
  };
  s.exporter = PartyFromJson(member("exporter"), reader, "exporter");
  s.consignee = PartyFromJson(member("consignee"), reader, "consignee");
  s.end_user = PartyFromJson(member("end_user"), reader, "end_user");
  s.payer = PartyFromJson(member("payer"), reader, "payer");
  if (const Json& list = member("intermediaries"); list.is_array()) {
    for (size_t i = 0; i < list.size(); ++i) {
      Party p = PartyFromJson(list[i], reader, fmt::format("intermediaries[{}]", i));
      if (p.present()) s.intermediaries.push_back(std::move(p));
    }
  } else if (!list.is_null()) {
    reader.Warn("intermediaries", "not an array");
  }
  if (const Json& route = member("route"); route.is_array()) {
    for (size_t i = 0; i < route.size(); ++i) {
      if (!route[i].is_string()) {
        reader.Warn(fmt::format("route[{}]", i), "not a string");
        continue;
      }
      reader.Stop(fmt::format("route[{}]", i), route[i].get<std::string>());
    }
  } else if (route.is_string()) {
    reader.Route("route", route.get<std::string>());
  } else if (!route.is_null()) {
    reader.Warn("route", "not an array");
  }
  s.declared_destination = reader.Destination(
      "declared_destination", Text(object, "declared_destination", reader, "declared_destination"));
  if (const Json& vessel = member("vessel"); vessel.is_object()) {
    s.vessel_imo = std::string(StripWhitespace(Text(vessel, "imo", reader, "vessel.imo")));
    if (s.vessel_imo.starts_with("IMO"))
      s.vessel_imo = std::string(StripWhitespace(s.vessel_imo.substr(3)));
    s.vessel_name = Text(vessel, "name", reader, "vessel.name");
  }
  if (const Json& contract = member("contract"); contract.is_object()) {
    s.contract_date =
        reader.DateField("contract.date", Text(contract, "date", reader, "contract.date"));
    if (auto it = contract.find("no_russia_clause"); it != contract.end() && !it->is_null()) {
      if (it->is_boolean()) {
        s.no_russia_clause = it->get<bool>();
      } else {
        s.no_russia_clause =
            reader.Bool("contract.no_russia_clause",
                        Text(contract, "no_russia_clause", reader, "contract.no_russia_clause"));
      }
    }
  }
  if (const Json& goods = member("goods"); goods.is_array()) {
    for (size_t i = 0; i < goods.size(); ++i) {
      const Json& g = goods[i];
      auto field = [&](std::string_view name) { return fmt::format("goods[{}].{}", i, name); };
      if (!g.is_object()) {
        reader.Warn(fmt::format("goods[{}]", i), "not an object");
        continue;
      }
      GoodsLine line;
      reader.Hs(field("hs"), Text(g, "hs", reader, field("hs")), line);
      line.description = Text(g, "description", reader, field("description"));
      line.value = reader.Number(field("value"), Text(g, "value", reader, field("value")));
      line.currency = Text(g, "currency", reader, field("currency"));
      line.quantity =
          reader.Number(field("quantity"), Text(g, "quantity", reader, field("quantity")));
      line.unit = Text(g, "unit", reader, field("unit"));
      line.origin = reader.Country(field("origin"), Text(g, "origin", reader, field("origin")));
      s.goods.push_back(std::move(line));
    }
  } else if (!goods.is_null()) {
    reader.Warn("goods", "not an array");
  }
  return s;
}

Result<ShipmentReader> ShipmentReader::FromText(std::string_view text, std::string file_name) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  ShipmentReader reader(text, std::move(file_name));
  // JSON lines when the first non-space byte, or the first of any of the first few lines, is
  // '{' or '[': a malformed first record is then an error record, not a CSV without an id.
  size_t at = 0;
  for (int line = 0; line < 5 && at < text.size(); ++line) {
    const size_t first = text.find_first_not_of(" \t\r\n", at);
    if (first == std::string_view::npos) break;
    if (text[first] == '{' || text[first] == '[') {
      reader.json_ = true;
      break;
    }
    at = text.find('\n', first);
    if (at == std::string_view::npos) break;
  }
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (!reader.json_ && first != std::string_view::npos) {
    ingest::CsvRecord header;
    if (!reader.csv_.Next(&header)) {
      return InvalidArgumentError(
          fmt::format("{}: {}", reader.file_name_, reader.csv_.status().message()));
    }
    reader.header_ = ingest::CsvHeader(header);
    if (reader.header_.Find("id") < 0) {
      return InvalidArgumentError(fmt::format(
          "{}:1: neither JSON lines nor CSV with an id column (the header is '{}')",
          reader.file_name_,
          Join(std::vector<std::string>(header.fields.begin(), header.fields.end()), ",")));
    }
  }
  return reader;
}

bool ShipmentReader::Next(ShipmentRecord& record) {
  record = ShipmentRecord();
  return json_ ? NextJson(record) : NextCsv(record);
}

bool ShipmentReader::NextJson(ShipmentRecord& record) {
  while (pos_ < text_.size()) {
    const size_t end = std::min(text_.find('\n', pos_), text_.size());
    const std::string_view line = StripWhitespace(text_.substr(pos_, end - pos_));
    pos_ = end + 1;
    ++line_;
    if (line.empty()) continue;
    record.line = line_;
    const Json object = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!object.is_object()) {
      record.error = fmt::format("{}:{}: not a JSON object", file_name_, line_);
      return true;
    }
    record.shipment = ShipmentFromJson(object, fmt::format("{}:{}", file_name_, line_));
    return true;
  }
  return false;
}

bool ShipmentReader::NextCsv(ShipmentRecord& record) {
  if (csv_done_ && !has_pending_) return false;
  if (!has_pending_) {
    if (!csv_.Next(&pending_)) {
      csv_done_ = true;
      if (!csv_.status().ok()) {
        record.line = csv_.line();
        record.error = fmt::format("{}: {}", file_name_, csv_.status().message());
        return true;
      }
      return false;
    }
    has_pending_ = true;
  }
  auto field = [&](const ingest::CsvRecord& row, std::string_view name) {
    return ingest::CsvHeader::Field(row, header_.Find(name));
  };
  // The shipment's fields come from its first row; each row adds a goods line and, when it
  // names one, an intermediary.
  Json object = Json::object();
  const ingest::CsvRecord first = pending_;
  record.line = first.line;
  if (first.fields.size() != header_.size()) {
    has_pending_ = false;
    record.error = fmt::format("{}:{}: {} fields where the header has {}", file_name_, first.line,
                               first.fields.size(), header_.size());
    return true;
  }
  const std::string id(field(first, "id"));
  object["id"] = id;
  auto put = [&](Json& target, std::string_view key, std::string_view value) {
    if (!value.empty()) target[std::string(key)] = std::string(value);
  };
  put(object, "date", field(first, "date"));
  for (std::string_view role : {"exporter", "consignee", "end_user", "payer"}) {
    Json party = Json::object();
    for (std::string_view f : {"name", "country", "address", "registered_on", "kind", "bank_bic"}) {
      put(party, f, field(first, fmt::format("{}_{}", role, f)));
    }
    if (!party.empty()) object[std::string(role)] = party;
  }
  put(object, "route", field(first, "route"));
  put(object, "declared_destination", field(first, "declared_destination"));
  Json vessel = Json::object();
  put(vessel, "imo", field(first, "vessel_imo"));
  put(vessel, "name", field(first, "vessel_name"));
  if (!vessel.empty()) object["vessel"] = vessel;
  Json contract = Json::object();
  put(contract, "date", field(first, "contract_date"));
  put(contract, "no_russia_clause", field(first, "contract_no_russia_clause"));
  if (!contract.empty()) object["contract"] = contract;
  Json goods = Json::array(), intermediaries = Json::array();
  auto add_row = [&](const ingest::CsvRecord& row) {
    Json line = Json::object();
    for (std::string_view f :
         {"hs", "description", "value", "currency", "quantity", "unit", "origin"}) {
      put(line, f, field(row, f));
    }
    if (!line.empty()) goods.push_back(line);
    Json party = Json::object();
    for (std::string_view f : {"name", "country", "kind", "registered_on"}) {
      put(party, f, field(row, fmt::format("intermediary_{}", f)));
    }
    if (!party.empty() &&
        std::find(intermediaries.begin(), intermediaries.end(), party) == intermediaries.end()) {
      intermediaries.push_back(party);
    }
  };
  add_row(first);
  has_pending_ = false;
  while (csv_.Next(&pending_)) {
    if (pending_.fields.size() != header_.size() || field(pending_, "id") != id) {
      has_pending_ = true;
      break;
    }
    add_row(pending_);
  }
  if (!has_pending_) csv_done_ = true;
  object["goods"] = goods;
  if (!intermediaries.empty()) object["intermediaries"] = intermediaries;
  record.shipment = ShipmentFromJson(object, fmt::format("{}:{}", file_name_, first.line));
  if (!csv_.status().ok() && !has_pending_) {
    record.shipment.warnings.push_back(fmt::format("{}: {}", file_name_, csv_.status().message()));
  }
  return true;
}

}  // namespace cordon::trade
