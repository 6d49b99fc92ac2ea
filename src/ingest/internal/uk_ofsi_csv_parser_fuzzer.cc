// Arbitrary bytes as a ConList.csv: the uk_ofsi_csv parser must never crash and must keep the
// ListParser contract (see fuzz_support.h).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "ingest/internal/fuzz_support.h"
#include "ingest/internal/uk_ofsi_csv_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon;
  using namespace cordon::ingest::internal;
  static const std::unique_ptr<ingest::ListParser> parser = NewUkOfsiCsvParser();
  FuzzParse(*parser, MainOnly("ConList.csv", data, size), "gb_hmt_ofsi",
            {.entity = [](const model::Entity& e) {
              return e.names.front().kind == model::NameKind::kPrimary;
            }});
  return 0;
}
