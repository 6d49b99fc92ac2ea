// Arbitrary bytes as a eu_fsf.xml: the eu_xml parser must never crash and must keep the
// ListParser contract (see fuzz_support.h).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "ingest/internal/eu_xml_parser.h"
#include "ingest/internal/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon;
  using namespace cordon::ingest::internal;
  static const std::unique_ptr<ingest::ListParser> parser = NewEuXmlParser();
  FuzzParse(*parser, MainOnly("eu_fsf.xml", data, size), "eu_fsf");
  return 0;
}
