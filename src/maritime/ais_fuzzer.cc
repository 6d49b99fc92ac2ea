// Arbitrary bytes as lines through the whole AIS decoder: it must never crash, and its counts
// must add up (AisStats::CheckConsistency) while groups are open and after Finish().
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "maritime/ais.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon::maritime;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  AisDecoder decoder;
  std::string json;
  size_t messages = 0;
  decoder.DecodeAll(input, [&](const AisMessage& m) {
    ++messages;
    if (m.type < 1 || m.type > 27 || m.bits < 38) __builtin_trap();
    json.clear();
    AppendGpsdJson(m, &json, {.scaled = (messages & 1) != 0});
    if (json.empty() || json.front() != '{' || json.back() != '}') __builtin_trap();
    PositionReport position;
    StaticReport report;
    ToPositionReport(m, &position);
    ToStaticReport(m, &report);
  });
  const AisStats& mid = decoder.stats();
  if (!mid.CheckConsistency(decoder.open_fragments()).empty()) __builtin_trap();
  if (mid.messages != messages) __builtin_trap();
  decoder.Finish();
  const AisStats& end = decoder.stats();
  if (!end.CheckConsistency().empty() || decoder.open_fragments() != 0) __builtin_trap();
  // Every line is one of the counted outcomes, and there is at most one line per newline + 1.
  if (end.lines > static_cast<uint64_t>(std::count(input.begin(), input.end(), '\n')) + 1) {
    __builtin_trap();
  }
  return 0;
}
