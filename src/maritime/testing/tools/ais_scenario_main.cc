// ais_scenario: writes a generated AIS scenario as NMEA sentences with tag-block times.
//
//   ais_scenario [--plain] [--seed N] > scenario.nmea
//
// The shadow-fleet scenario (default) holds the cases: two tankers meeting for 3 h at
// sea, a 20 h dark period far offshore, a call at Primorsk, a spoofed jump, a renamed vessel,
// and identity cases; --plain writes plain transits, which must give no events. The events a
// detector with default options must find are printed to stderr.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "maritime/testing/scenario.h"

int main(int argc, char** argv) {
  bool plain = false;
  uint32_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--plain") {
      plain = true;
    } else if (arg == "--seed" && i + 1 < argc) {
      seed = static_cast<uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    } else {
      std::fprintf(stderr, "usage: ais_scenario [--plain] [--seed N] > out.nmea\n");
      return 2;
    }
  }
  using namespace cordon::maritime;
  const testing::Scenario scenario =
      plain ? testing::PlainTransitsScenario(seed) : testing::ShadowFleetScenario(seed);
  const std::string nmea = scenario.Nmea();
  std::fwrite(nmea.data(), 1, nmea.size(), stdout);
  for (const testing::ExpectedEvent& e : scenario.expected) {
    std::fprintf(stderr, "expected: %s mmsi %u\n", std::string(EventTypeName(e.type)).c_str(),
                 e.mmsi);
  }
  return 0;
}
