// Stored customer records (and customer files read as a book) from arbitrary bytes: never a
// crash; a record that reads back is written again to the same text, and mirrors into an entity.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "monitor/customer.h"
#include "monitor/monitor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  cordon::Result<cordon::match::Query> customer = cordon::monitor::CustomerFromJson(text);
  if (customer.ok()) {
    const std::string json = cordon::monitor::CustomerJson(*customer);
    cordon::Result<cordon::match::Query> again = cordon::monitor::CustomerFromJson(json);
    if (!again.ok() || cordon::monitor::CustomerJson(*again) != json) std::abort();
    (void)cordon::monitor::CustomerEntity(*customer);
  }
  (void)cordon::monitor::ReadBookText(text, "fuzz");
  return 0;
}
