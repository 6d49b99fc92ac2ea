// trade/shipment.h: shipments as cordon reads them, from JSON lines or CSV.
//
//   ASSIGN_OR_RETURN(ShipmentReader reader, ShipmentReader::FromText(text, "shipments.jsonl"));
//   ShipmentRecord record;
//   while (reader.Next(record)) {
//     if (!record.error.empty()) report(record.line, record.error);  // not JSON: skipped
//     else screen(record.shipment);  // record.shipment.warnings: fields left out
//   }
//
// JSON lines: one shipment an object, the fields of docs/design/trade.md (id, date, exporter,
// consignee, end_user, intermediaries, payer, route, declared_destination, vessel, contract,
// goods); other fields are kept out of the way and ignored. CSV: a header row and one row per
// goods line; rows with the same id (consecutive) are one shipment. Party columns are
// <party>_<field> (exporter_name, consignee_registered_on, payer_bank_bic, ...), intermediaries
// intermediary_name / intermediary_country / intermediary_kind (one per row), route countries
// separated by ';', '>' or spaces, contract_date and contract_no_russia_clause, and the goods
// line's hs, description, value, currency, quantity, unit and origin.
//
// Bad input never stops the file: a field that does not read (an HS code that is not one, an
// unknown country, a date that is not a date) is a warning on the shipment, which is screened
// without it; a line that is not JSON (or a CSV record that does not parse) is a record with an
// error and its line, and the next record follows.
//
// Thread safety: a reader is used by one thread; a Shipment is a value.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "ingest/csv.h"

namespace cordon::trade {

// What a party says it is ("kind"); kUnknown when not given or not one of these.
enum class PartyKind : uint8_t { kUnknown, kTrader, kForwarder, kManufacturer, kEndUser, kBank };
std::string_view PartyKindName(PartyKind kind);  // "trader", ...

struct Party {
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2; "" when not given or not readable
  std::string address;
  std::optional<Date> registered_on;
  PartyKind kind = PartyKind::kUnknown;
  std::string bank_bic;  // the payer's bank

  bool present() const { return !name.empty() || !country.empty() || !bank_bic.empty(); }
};

// One country of the route, with an optional port ("TR:MER") or an occupied region ("UA-43").
struct RouteStop {
  std::string country;  // alpha-2
  std::string place;    // the port code after ':' or the ISO 3166-2 region code; "" when none
  std::string as_given;
};

struct GoodsLine {
  std::string hs;      // as given
  std::string digits;  // the digits of the code ("85423100"); "" when it is not an HS code
  std::string hs6;     // its first six digits; "" when it has fewer
  std::string description;
  std::optional<double> value;
  std::string currency;
  std::optional<double> quantity;
  std::string unit;
  std::string origin;  // alpha-2
};

struct Shipment {
  std::string id;
  std::optional<Date> date;
  Party exporter, consignee, end_user, payer;
  std::vector<Party> intermediaries;
  std::vector<RouteStop> route;
  std::string declared_destination;  // alpha-2 (or a region code)
  std::string vessel_imo, vessel_name;
  std::optional<Date> contract_date;
  std::optional<bool> no_russia_clause;
  std::vector<GoodsLine> goods;
  // "S-1: goods[0].hs: '85x' is not an HS code": the fields left out.
  std::vector<std::string> warnings;
};

// One record of the input: a shipment, or the error that kept a line from being one.
struct ShipmentRecord {
  int64_t line = 0;   // the line it starts on
  std::string error;  // "" for a shipment
  Shipment shipment;
};

// Reads one shipment from a parsed JSON object (POST /trade/screen reads them so too).
// `where` prefixes the warnings ("shipments.jsonl:3").
Shipment ShipmentFromJson(const nlohmann::json& object, std::string_view where);

class ShipmentReader {
 public:
  // JSON lines when the first non-space byte is '{', CSV otherwise. `text` must outlive the
  // reader. InvalidArgument for CSV whose header has no id column.
  static Result<ShipmentReader> FromText(std::string_view text, std::string file_name);

  // The next record; false at the end.
  bool Next(ShipmentRecord& record);

 private:
  ShipmentReader(std::string_view text, std::string file_name)
      : text_(text), file_name_(std::move(file_name)), csv_(text) {}
  bool NextJson(ShipmentRecord& record);
  bool NextCsv(ShipmentRecord& record);

  std::string_view text_;
  std::string file_name_;
  bool json_ = false;
  size_t pos_ = 0;
  int64_t line_ = 0;
  ingest::CsvReader csv_;
  ingest::CsvHeader header_;
  ingest::CsvRecord pending_;  // the first row of the next CSV shipment
  bool has_pending_ = false;
  bool csv_done_ = false;
};

// Reads an HS code as given ("8542.31", "8542 31 00", "85423100"): its digits, or "" when
// it is not 2 to 10 digits with dots and spaces between.
std::string HsDigits(std::string_view hs);

}  // namespace cordon::trade
