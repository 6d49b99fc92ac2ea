// Arbitrary bytes as a entities.ftm.json: the ftm_json parser must never crash and must keep the
// ListParser contract (see fuzz_support.h).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "ingest/internal/ftm_json_parser.h"
#include "ingest/internal/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon;
  using namespace cordon::ingest::internal;
  static const std::unique_ptr<ingest::ListParser> parser = NewFtmJsonParser();
  FuzzParse(*parser, MainOnly("entities.ftm.json", data, size), "opensanctions");
  return 0;
}
