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
  FuzzParse(*parser, MainOnly("SDN_ENHANCED.XML", data, size), "us_ofac_sdn",
            {.diagnostics_have_lines = true});
  return 0;
}
