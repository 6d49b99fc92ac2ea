// Arbitrary bytes as a EUSanctionsShort.csv: the eu_csv parser must never crash and must keep the
// ListParser contract (see fuzz_support.h).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "ingest/internal/eu_csv_parser.h"
#include "ingest/internal/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon;
  using namespace cordon::ingest::internal;
  static const std::unique_ptr<ingest::ListParser> parser = NewEuCsvParser();
  FuzzParse(*parser, MainOnly("EUSanctionsShort.csv", data, size), "eu_fsf");
  return 0;
}
