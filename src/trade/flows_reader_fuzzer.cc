// Trade-flow CSV from arbitrary bytes: never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trade/flows.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cordon::trade::FlowsAnalysis analysis(cordon::trade::TradeRules::Bundled(), {});
  (void)analysis.AddCsv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  (void)analysis.Report();
  return 0;
}
