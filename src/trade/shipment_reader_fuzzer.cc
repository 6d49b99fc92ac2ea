// Shipments from arbitrary bytes, as JSON lines and as CSV: never a crash, every record a
// shipment or an error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "trade/assess.h"
#include "trade/shipment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  cordon::Result<cordon::trade::ShipmentReader> reader =
      cordon::trade::ShipmentReader::FromText(text, "fuzz");
  if (!reader.ok()) return 0;
  cordon::trade::ShipmentRecord record;
  while (reader->Next(record)) {
    if (record.error.empty()) {
      (void)cordon::trade::Assess(record.shipment, cordon::trade::TradeRules::Bundled(), {});
    }
  }
  return 0;
}
