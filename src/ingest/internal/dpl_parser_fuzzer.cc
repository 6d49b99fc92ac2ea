// Arbitrary bytes as a dpl.txt: the dpl parser must never crash and must keep the
// ListParser contract (see fuzz_support.h).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "ingest/internal/dpl_parser.h"
#include "ingest/internal/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon;
  using namespace cordon::ingest::internal;
  static const std::unique_ptr<ingest::ListParser> parser = NewDplParser();
  FuzzParse(*parser, MainOnly("dpl.txt", data, size), "us_bis_dpl");
  return 0;
}
