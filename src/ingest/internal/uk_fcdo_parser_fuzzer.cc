// Arbitrary bytes as the UK Sanctions List, read as XML and as CSV: neither parser may crash
// or break the ListParser contract (see fuzz_support.h); both name the primary name first and
// give each designation exactly one sanction.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "ingest/internal/fuzz_support.h"
#include "ingest/internal/uk_fcdo_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon;
  using namespace cordon::ingest::internal;
  static const std::unique_ptr<ingest::ListParser> xml = NewUkFcdoXmlParser();
  static const std::unique_ptr<ingest::ListParser> csv = NewUkFcdoCsvParser();
  const FuzzExpectations expect{.entity = [](const model::Entity& e) {
    return e.names.front().kind == model::NameKind::kPrimary && e.sanctions.size() == 1;
  }};
  FuzzParse(*xml, MainOnly("UK-Sanctions-List.xml", data, size), "gb_fcdo", expect);
  FuzzParse(*csv, MainOnly("UK-Sanctions-List.csv", data, size), "gb_fcdo", expect);
  return 0;
}
