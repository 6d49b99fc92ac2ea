// Trade screening cost: the rules per shipment without party screening, shipments with their
// parties screened against every bundled list (through one screening snapshot, as `cordon trade
// screen` does), and trade-flow analysis of ten million rows.
//
//   build/release/bench/trade_benchmark [--shipments=20000] [--flow_rows=10000000]
//
// Shipments come from the generator (trade/testing/generator.h): 25 % follow an evasion
// pattern, the rest are benign. The flows are the generator's monthly rows, read again and
// again until the row count is reached, so memory shows what the analysis keeps, not the file.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bench/bench_support.h"
#include "trade/flows.h"
#include "trade/screen.h"
#include "trade/testing/generator.h"
#include "update/sources.h"
#include "update/updater.h"

namespace cordon {
namespace {

using bench::Clock;

[[noreturn]] void Die(const std::string& message) {
  fmt::print(stderr, "trade_benchmark: {}\n", message);
  std::exit(1);
}

struct Flags {
  size_t shipments = 20000;
  size_t flow_rows = 10'000'000;
};

Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&](std::string_view name, size_t& out) {
      const std::string prefix = fmt::format("--{}=", name);
      if (!arg.starts_with(prefix)) return false;
      out = std::stoull(std::string(arg.substr(prefix.size())));
      return true;
    };
    if (!value("shipments", flags.shipments) && !value("flow_rows", flags.flow_rows)) {
      Die(fmt::format("unknown flag {}", arg));
    }
  }
  return flags;
}

std::vector<trade::Shipment> ReadShipments(
    const std::vector<trade::testing::GeneratedShipment>& g) {
  std::string text;
  for (const auto& s : g) text += s.json + "\n";
  Result<trade::ShipmentReader> reader = trade::ShipmentReader::FromText(text, "generated");
  if (!reader.ok()) Die(reader.status().ToString());
  std::vector<trade::Shipment> out;
  trade::ShipmentRecord record;
  while (reader->Next(record)) out.push_back(std::move(record.shipment));
  return out;
}

}  // namespace
}  // namespace cordon

int main(int argc, char** argv) {
  using namespace cordon;
  const Flags flags = ParseFlags(argc, argv);
  bench::FigureTable figures("trade_benchmark");
  const trade::TradeRules& rules = trade::TradeRules::Bundled();

  // Shipments: reading and the rules alone, on one thread.
  const std::vector<trade::testing::GeneratedShipment> generated =
      trade::testing::GenerateShipments(
          {.seed = 1, .count = flags.shipments, .listed_names = {"Biznest, LTD", "Serko Limited"}});
  std::string text;
  for (const auto& s : generated) text += s.json + "\n";
  const std::string rules_section = fmt::format(
      "shipments without party screening ({} generated, 1 thread)", bench::Count(flags.shipments));
  Clock::time_point start = Clock::now();
  std::vector<trade::Shipment> shipments = ReadShipments(generated);
  const double read_seconds = bench::Seconds(Clock::now() - start);
  figures.Add(
      rules_section, "read JSON lines",
      fmt::format("{:.0f} shipments/s", static_cast<double>(shipments.size()) / read_seconds));
  size_t high = 0;
  start = Clock::now();
  for (const trade::Shipment& s : shipments) high += trade::Assess(s, rules, {}).level == "high";
  const double assess_seconds = bench::Seconds(Clock::now() - start);
  figures.Add(rules_section, "rules (Assess)",
              fmt::format("{:.0f} shipments/s ({} high)",
                          static_cast<double>(shipments.size()) / assess_seconds, high));
  figures.Add(rules_section, "read + rules",
              fmt::format("{:.0f} shipments/s",
                          static_cast<double>(shipments.size()) / (read_seconds + assess_seconds)));

  // Shipments with their parties screened against every bundled list.
  {
    Result<update::SourceCatalog> catalog =
        update::LoadSourceCatalog(std::string(CORDON_BUNDLED_DATA) + "/sources.json");
    if (!catalog.ok()) Die(catalog.status().ToString());
    Result<std::unique_ptr<store::Store>> store = store::Store::Open(":memory:");
    if (!store.ok()) Die(store.status().ToString());
    for (const update::SourceOutcome& o : update::LoadBundled(**store, *catalog, {})) {
      if (!o.status.ok()) Die(o.source + ": " + o.status.ToString());
    }
    Result<std::shared_ptr<const screening::Snapshot>> snapshot =
        screening::Snapshot::Build(**store, {});
    if (!snapshot.ok()) Die(snapshot.status().ToString());
    size_t parties = 0;
    for (const trade::Shipment& s : shipments) parties += trade::PartiesOf(s).size();
    const std::string section =
        fmt::format("shipments with party screening ({} entities, {:.1f} parties a shipment)",
                    bench::Count((*snapshot)->index().stats().entities),
                    static_cast<double>(parties) / static_cast<double>(shipments.size()));
    // Every party screened (what screening itself costs), then repeated parties answered from
    // their first screening (what `cordon trade screen` does).
    for (const bool cache : {false, true}) {
      for (size_t threads :
           {size_t{1}, static_cast<size_t>(std::max(1u, std::thread::hardware_concurrency()))}) {
        // A new screener each run: its party cache starts empty.
        const trade::ShipmentScreener screener(*snapshot, rules, {.cache_parties = cache});
        const std::string run =
            fmt::format("{} thread{}, {}", threads, threads > 1 ? "s" : "",
                        cache ? "repeated parties cached" : "every party screened");
        std::atomic<size_t> next{0};
        std::atomic<size_t> agreed{0};
        start = Clock::now();
        std::vector<std::thread> pool;
        for (size_t t = 0; t < threads; ++t) {
          pool.emplace_back([&] {
            for (size_t i = next++; i < shipments.size(); i = next++) {
              Result<trade::Assessment> a = screener.Screen(shipments[i]);
              if (a.ok() && a->level == generated[i].expected_level) ++agreed;
            }
          });
        }
        for (std::thread& t : pool) t.join();
        const double seconds = bench::Seconds(Clock::now() - start);
        figures.Add(section, run,
                    fmt::format("{:.0f} shipments/s, {:.0f} parties/s",
                                static_cast<double>(shipments.size()) / seconds,
                                static_cast<double>(parties) / seconds));
        if (cache) {
          figures.Add(section, run + ": parties screened / repeated",
                      fmt::format("{} / {}", bench::Count(screener.parties_screened()),
                                  bench::Count(screener.parties_cached())));
        }
        if (threads == 1 && !cache) {
          figures.Add(
              section, "shipments at their pattern's level",
              fmt::format("{} of {}", bench::Count(agreed), bench::Count(shipments.size())));
        }
      }
    }
  }

  // Flows: the generator's monthly rows, read until flow_rows.
  {
    const std::string flows =
        trade::testing::GenerateFlows({.seed = 1, .rows_per_pair_year = 12, .extra_exporters = 4});
    const size_t rows_per_copy =
        static_cast<size_t>(std::count(flows.begin(), flows.end(), '\n')) - 1;
    const size_t copies =
        std::max<size_t>(1, (flags.flow_rows + rows_per_copy - 1) / rows_per_copy);
    const double rss_before = bench::RssMiB();
    trade::FlowsAnalysis analysis(rules, {.baseline_year = 2021});
    start = Clock::now();
    for (size_t c = 0; c < copies; ++c) {
      Status status = analysis.AddCsv(flows, "generated");
      if (!status.ok()) Die(status.ToString());
    }
    const trade::FlowsReport report = analysis.Report();
    const double seconds = bench::Seconds(Clock::now() - start);
    const std::string section =
        fmt::format("trade flows ({} rows, 1 thread)", bench::Count(report.rows));
    figures.Add(section, "analysis",
                fmt::format("{:.2f} s ({:.1f} M rows/s)", seconds,
                            static_cast<double>(report.rows) / seconds / 1e6));
    figures.Add(section, "(hub, HS-6) pairs ranked", bench::Count(report.ranked.size()));
    figures.Add(section, "RSS growth during the analysis",
                bench::MiB(bench::RssMiB() - rss_before));
  }
  figures.Print();
  return 0;
}
