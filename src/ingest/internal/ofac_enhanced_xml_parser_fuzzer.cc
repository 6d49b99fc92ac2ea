// Arbitrary bytes as an SDN_ENHANCED.XML: the ofac_enhanced_xml parser must never crash and must
// keep the ListParser contract (see fuzz_support.h).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "ingest/internal/fuzz_support.h"
#include "ingest/internal/ofac_enhanced_xml_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon;
  using namespace cordon::ingest::internal;
  static const std::unique_ptr<ingest::ListParser> parser = NewOfacEnhancedXmlParser();
  // Diagnostics may name no line: a file that is not UTF-8 is reported for the whole file
  // (DecodeXml), as for the other XML formats.
  FuzzParse(*parser, MainOnly("SDN_ENHANCED.XML", data, size), "us_ofac_sdn");
  return 0;
}
