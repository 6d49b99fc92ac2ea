// Shipments read from JSON lines and CSV, and what bad input does.
#include "trade/shipment.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cordon::trade {
namespace {

std::vector<ShipmentRecord> ReadAll(std::string_view text, const char* name = "s.jsonl") {
  Result<ShipmentReader> reader = ShipmentReader::FromText(text, name);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<ShipmentRecord> out;
  if (!reader.ok()) return out;
  ShipmentRecord record;
  while (reader->Next(record)) out.push_back(record);
  return out;
}

// The record of the issue, field for field.
constexpr std::string_view kExample = R"({"id": "S-1", "date": "2024-05-10",
 "exporter": {"name": "Rheinland Elektronik GmbH", "country": "DE", "address": "Koeln", "registered_on": "2004-03-01"},
 "consignee": {"name": "Pamir Trading OsOO", "country": "KG", "registered_on": "2022-06-01", "kind": "trader"},
 "end_user": {"name": "OOO Sibirskie Komponenty", "country": "RU"},
 "intermediaries": [{"name": "Golden Horn Dis Ticaret", "country": "AE", "kind": "forwarder"}],
 "payer": {"name": "Vega Holdings Limited", "country": "HK", "bank_bic": "HSBCHKHHXXX"},
 "route": ["DE", "TR:MER", "GE", "KG"], "declared_destination": "KG",
 "vessel": {"imo": "9312456", "name": "ATLANTIC STAR"},
 "contract": {"date": "2024-03-01", "no_russia_clause": false},
 "goods": [{"hs": "8542.31", "description": "microcontrollers", "value": 12000, "currency": "EUR",
            "quantity": 100, "unit": "pcs", "origin": "US"}], "note": "kept and ignored"})";

std::string OneLine(std::string_view json) {
  std::string line;
  for (char c : json) line += c == '\n' ? ' ' : c;
  return line;
}

TEST(ShipmentReaderTest, ReadsEveryFieldOfAJsonLine) {
  const std::vector<ShipmentRecord> records = ReadAll(OneLine(kExample));
  ASSERT_EQ(records.size(), 1u);
  ASSERT_EQ(records[0].error, "");
  const Shipment& s = records[0].shipment;
  EXPECT_TRUE(s.warnings.empty()) << s.warnings[0];
  EXPECT_EQ(s.id, "S-1");
  EXPECT_EQ(s.date->ToIso(), "2024-05-10");
  EXPECT_EQ(s.exporter.country, "DE");
  EXPECT_EQ(s.consignee.kind, PartyKind::kTrader);
  EXPECT_EQ(s.consignee.registered_on->ToIso(), "2022-06-01");
  EXPECT_EQ(s.end_user.country, "RU");
  ASSERT_EQ(s.intermediaries.size(), 1u);
  EXPECT_EQ(s.intermediaries[0].kind, PartyKind::kForwarder);
  EXPECT_EQ(s.payer.bank_bic, "HSBCHKHHXXX");
  ASSERT_EQ(s.route.size(), 4u);
  EXPECT_EQ(s.route[1].country, "TR");
  EXPECT_EQ(s.route[1].place, "MER");
  EXPECT_EQ(s.declared_destination, "KG");
  EXPECT_EQ(s.vessel_imo, "9312456");
  EXPECT_EQ(s.contract_date->ToIso(), "2024-03-01");
  EXPECT_EQ(s.no_russia_clause, false);
  ASSERT_EQ(s.goods.size(), 1u);
  EXPECT_EQ(s.goods[0].hs6, "854231");
  EXPECT_EQ(s.goods[0].origin, "US");
  EXPECT_EQ(*s.goods[0].value, 12000);
}

TEST(ShipmentReaderTest, HsCodesWithDotsSpacesAndNationalDigitsReadAsTheirHs6) {
  EXPECT_EQ(HsDigits("8542.31"), "854231");
  EXPECT_EQ(HsDigits("8542 31 00"), "85423100");
  EXPECT_EQ(HsDigits("8542.31.0000"), "8542310000");
  EXPECT_EQ(HsDigits("85x"), "");
  EXPECT_EQ(HsDigits("85423100001"), "");  // eleven digits
  const auto records = ReadAll(
      R"({"id": "a", "goods": [{"hs": "8542 39 90"}, {"hs": "85x"}, {"hs": "8542"}, {"hs": "854232000"}]})");
  ASSERT_EQ(records.size(), 1u);
  const Shipment& s = records[0].shipment;
  ASSERT_EQ(s.goods.size(), 4u);
  EXPECT_EQ(s.goods[0].hs6, "854239");
  EXPECT_EQ(s.goods[1].hs6, "");
  EXPECT_EQ(s.goods[2].hs6, "");
  EXPECT_EQ(s.goods[3].hs6, "854232");
  ASSERT_EQ(s.warnings.size(), 2u);
  EXPECT_EQ(s.warnings[0], "s.jsonl:1: a: goods[1].hs: '85x' is not an HS code");
  EXPECT_NE(s.warnings[1].find("goods[2].hs: '8542' is a chapter or heading"), std::string::npos);
}

TEST(ShipmentReaderTest, BadFieldsAreWarningsAndTheShipmentIsStillRead) {
  const auto records = ReadAll(
      R"({"id": "b", "date": "2024-13-01", "consignee": {"name": "X", "country": "Atlantis"}, "route": ["DE", "ZZ", "UA-43"], "goods": [{"hs": "854231", "value": "lots"}]})");
  ASSERT_EQ(records.size(), 1u);
  const Shipment& s = records[0].shipment;
  EXPECT_FALSE(s.date.has_value());
  EXPECT_EQ(s.consignee.name, "X");
  EXPECT_EQ(s.consignee.country, "");
  ASSERT_EQ(s.route.size(), 2u);  // ZZ left out
  EXPECT_EQ(s.route[1].country, "UA");
  EXPECT_EQ(s.route[1].place, "UA-43");
  EXPECT_EQ(s.goods[0].hs6, "854231");
  std::string all;
  for (const std::string& w : s.warnings) all += w + "\n";
  EXPECT_NE(all.find("date: '2024-13-01' is not a date"), std::string::npos) << all;
  EXPECT_NE(all.find("consignee.country: 'Atlantis' is not a country"), std::string::npos) << all;
  EXPECT_NE(all.find("route[1]: 'ZZ' is not a country"), std::string::npos) << all;
  EXPECT_NE(all.find("goods[0].value: 'lots' is not a number"), std::string::npos) << all;
}

TEST(ShipmentReaderTest, ALineThatIsNotJsonIsAnErrorWithItsLineAndTheRestAreRead) {
  const auto records = ReadAll("{\"id\": \"1\"}\n\n{\"id\": \"2\", goods\n{\"id\": \"3\"}\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].shipment.id, "1");
  EXPECT_EQ(records[1].line, 3);
  EXPECT_EQ(records[1].error, "s.jsonl:3: not a JSON object");
  EXPECT_EQ(records[2].shipment.id, "3");
  EXPECT_EQ(records[2].line, 4);
}

TEST(ShipmentReaderTest, HsCodesWrittenAsNumbersKeepTheirTrailingZero) {
  const auto records =
      ReadAll(R"({"id": "n", "goods": [{"hs": 8471.50}, {"hs": 854231}, {"hs": 8534.00}]})");
  ASSERT_EQ(records.size(), 1u);
  const Shipment& s = records[0].shipment;
  ASSERT_EQ(s.goods.size(), 3u);
  EXPECT_EQ(s.goods[0].hs6, "847150");
  EXPECT_EQ(s.goods[1].hs6, "854231");
  EXPECT_EQ(s.goods[2].digits, "853400");
  EXPECT_TRUE(s.warnings.empty()) << s.warnings[0];
}

TEST(ShipmentReaderTest, AMalformedFirstLineIsAnErrorRecordNotAFileRefused) {
  const auto records = ReadAll("x{\"id\": \"1\"}\n{\"id\": \"2\"}\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].error, "s.jsonl:1: not a JSON object");
  EXPECT_EQ(records[1].shipment.id, "2");
}

TEST(ShipmentReaderTest, CsvRowsOfOneIdAreOneShipmentWithAGoodsLineEach) {
  const std::string csv =
      "id,date,exporter_name,exporter_country,consignee_name,consignee_country,consignee_kind,"
      "route,declared_destination,hs,description,value,origin,intermediary_name,intermediary_"
      "country\n"
      "S-1,2024-05-10,Rheinland Elektronik GmbH,DE,Pamir "
      "Trading,KG,trader,DE;TR;KG,KG,8542.31,mcu,12000,US,,\n"
      "S-1,2024-05-10,Rheinland Elektronik GmbH,DE,Pamir "
      "Trading,KG,trader,DE;TR;KG,KG,8482.10,bearings,800,DE,Orion Express,GE\n"
      "S-2,2024-05-11,Milano Cuscinetti,IT,Tbilisi Wine Cellars,GE,manufacturer,IT > "
      "GE,GE,2204.21,wine,5000,IT,,\n";
  const auto records = ReadAll(csv, "s.csv");
  ASSERT_EQ(records.size(), 2u);
  const Shipment& s1 = records[0].shipment;
  EXPECT_EQ(s1.id, "S-1");
  ASSERT_EQ(s1.goods.size(), 2u);
  EXPECT_EQ(s1.goods[1].hs6, "848210");
  ASSERT_EQ(s1.route.size(), 3u);
  EXPECT_EQ(s1.route[2].country, "KG");
  ASSERT_EQ(s1.intermediaries.size(), 1u);
  EXPECT_EQ(s1.intermediaries[0].name, "Orion Express");
  EXPECT_EQ(records[1].shipment.id, "S-2");
  EXPECT_EQ(records[1].line, 4);
  ASSERT_EQ(records[1].shipment.route.size(), 2u);
}

TEST(ShipmentReaderTest, CsvWithoutAnIdColumnIsRefused) {
  Result<ShipmentReader> reader = ShipmentReader::FromText("name,country\nX,DE\n", "x.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.status().message().find("x.csv:1"), std::string::npos);
}

}  // namespace
}  // namespace cordon::trade
