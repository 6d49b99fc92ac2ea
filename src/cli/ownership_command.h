// cli/ownership_command.h: `cordon ownership explain|derive`, and the ownership statuses that
// `cordon screen` attaches to its matches.
//
//   cordon ownership explain [--regime us|eu|uk] [--as-of DATE] [--edges F --listed F] ID
//   cordon ownership derive [--regime R] [--as-of DATE] [--edges F --listed F] [--output F]
//
// The graph comes from the store (every source current on the date: the lists' own relations
// and the ownership sources, FtM, BODS and edges CSV) or, with --edges, from files alone.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "base/status.h"
#include "graph/derive.h"
#include "graph/load.h"
#include "graph/statuses.h"
#include "store/store.h"

namespace cordon::cli {

struct OwnershipArgs {
  std::string db;
  std::vector<std::string> regimes;  // empty: us, eu, uk
  std::string as_of;                 // "YYYY-MM-DD"; empty: today
  std::string edges;
  std::string listed;
  std::string output;
  std::string id;
  bool json = false;
  bool include_clear = false;
  bool current_lists = false;  // the current list versions, whatever --as-of says
};

struct OwnershipCommands {
  CLI::App* explain = nullptr;
  CLI::App* derive = nullptr;
};
OwnershipCommands AddOwnershipCommands(CLI::App& app, OwnershipArgs& args);
int RunOwnershipExplain(const OwnershipArgs& args, std::ostream& out, std::ostream& err);
int RunOwnershipDerive(const OwnershipArgs& args, std::ostream& out, std::ostream& err);

}  // namespace cordon::cli
