// Arbitrary bytes as a UN_consolidated.xml: the un_xml parser must never crash and must keep the
// ListParser contract (see fuzz_support.h).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "ingest/internal/fuzz_support.h"
#include "ingest/internal/un_xml_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon;
  using namespace cordon::ingest::internal;
  static const std::unique_ptr<ingest::ListParser> parser = NewUnXmlParser();
  FuzzParse(*parser, MainOnly("UN_consolidated.xml", data, size), "un_sc");
  return 0;
}
