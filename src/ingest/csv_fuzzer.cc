#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  cordon::ingest::CsvReader reader(input);
  cordon::ingest::CsvRecord record;
  size_t fields = 0;
  while (reader.Next(&record)) fields += record.fields.size();
  // A record never has more fields than the input has bytes (plus one empty field).
  if (fields > size + 1) __builtin_trap();
  return 0;
}
