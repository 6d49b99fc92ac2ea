// trade_samples: writes generated shipments (JSON lines) and trade flows (CSV).
//
//   trade_samples --shipments FILE [--count N] [--seed S] [--listed "NAME" ...]
//                 [--flows FILE] [--expected FILE]
// --expected writes, per shipment, {"id", "pattern", "expected_level", "expected_codes"}.
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "trade/testing/generator.h"

int main(int argc, char** argv) {
  cordon::trade::testing::ShipmentOptions options;
  std::string shipments_path, flows_path, expected_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "trade_samples: " << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--shipments") {
      shipments_path = next();
    } else if (arg == "--flows") {
      flows_path = next();
    } else if (arg == "--expected") {
      expected_path = next();
    } else if (arg == "--count") {
      options.count = std::stoul(next());
    } else if (arg == "--seed") {
      options.seed = std::stoull(next());
    } else if (arg == "--listed") {
      options.listed_names.push_back(next());
    } else {
      std::cerr << "trade_samples: unknown argument " << arg << "\n";
      return 2;
    }
  }
  if (!shipments_path.empty()) {
    std::ofstream out(shipments_path);
    std::ofstream expected;
    if (!expected_path.empty()) expected.open(expected_path);
    for (const auto& s : cordon::trade::testing::GenerateShipments(options)) {
      out << s.json << '\n';
      if (expected.is_open()) {
        expected << nlohmann::ordered_json{{"id", s.id},
                                           {"pattern", s.pattern},
                                           {"expected_level", s.expected_level},
                                           {"expected_codes", s.expected_codes}}
                        .dump()
                 << '\n';
      }
    }
  }
  if (!flows_path.empty()) {
    std::ofstream out(flows_path);
    out << cordon::trade::testing::GenerateFlows({.seed = options.seed});
  }
  return 0;
}
