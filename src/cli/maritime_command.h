// cli/maritime_command.h: `cordon ais decode|events`, `cordon vessel` and `cordon pricecap check`.
//
//   cordon ais decode FILE [--unscaled] [--output F]       gpsd JSON-AIS lines
//   cordon ais events FILE [--output F]                    shadow-fleet events as JSON lines
//   cordon vessel IMO|MMSI [--ais FILE] [--json]           list status + events -> risk
//   cordon pricecap check --regime eu --product crude --price 52.5 --loading-date 2025-10-01
//                         [--contract-date 2025-08-20] [--json]
//
// `ais events` and `vessel` use the store (--db) when it holds lists: the flag a list gives a
// vessel (for MID checks), and the listings matched by IMO, MMSI and then name.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

namespace cordon::cli {

struct MaritimeArgs {
  std::string db;
  std::string file;  // AIS input of `ais decode|events`, `vessel --ais`
  std::string output;
  bool unscaled = false;
  bool json = false;
  std::string vessel;  // IMO or MMSI
  // pricecap check
  std::string regime, product, loading_date, contract_date;
  double price = -1;
};

struct MaritimeCommands {
  CLI::App* ais_decode = nullptr;
  CLI::App* ais_events = nullptr;
  CLI::App* vessel = nullptr;
  CLI::App* pricecap_check = nullptr;
  bool parsed() const {
    return ais_decode->parsed() || ais_events->parsed() || vessel->parsed() ||
           pricecap_check->parsed();
  }
};

MaritimeCommands AddMaritimeCommands(CLI::App& app, MaritimeArgs& args);
int RunMaritime(const MaritimeCommands& commands, const MaritimeArgs& args, std::ostream& out,
                std::ostream& err);

}  // namespace cordon::cli
