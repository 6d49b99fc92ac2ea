// Arbitrary bytes as a csl.csv: the csl_csv parser must never crash and must keep the
// ListParser contract (see fuzz_support.h).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "ingest/internal/csl_csv_parser.h"
#include "ingest/internal/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon;
  using namespace cordon::ingest::internal;
  static const std::unique_ptr<ingest::ListParser> parser = NewCslCsvParser();
  FuzzParse(*parser, MainOnly("csl.csv", data, size), "us_trade_csl");
  return 0;
}
