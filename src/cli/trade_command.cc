// `cordon trade screen --input FILE [--output FILE] [--threshold T] [--as-of DATE]`: one JSON line
// per shipment, in input order, with its risk and findings.
// `cordon trade flows --input flows.csv [--baseline 2021] [--latest YEAR] [--top N] [--json]`:
// the hubs and CHPL codes where controlled goods pile up, ranked.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "base/file.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "screening/render.h"
#include "trade/flows.h"
#include "trade/screen.h"

namespace cordon::cli {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

class TradeScreenCommand : public Command {
 public:
  Takes takes() const override { return {.json = false, .as_of = true}; }

  CLI::App* Add(CLI::App& app) override {
    CLI::App* trade =
        CommandGroup(app, "trade", "screen shipments and trade flows for diversion to Russia");
    CLI::App* cmd =
        trade->add_subcommand("screen", "screen shipments (JSON lines or CSV): risk and findings");
    cmd->add_option("--input", input_, "shipments: JSON lines, or CSV with one row per goods line")
        ->required();
    cmd->add_option("--output", output_, "JSON lines to write (default standard output)");
    cmd->add_option("--threshold", threshold_,
                    "lowest party match score that counts (default 0.80)");
    return cmd;
  }

  Status Check(const SharedOptions&) override {
    if (!std::isfinite(threshold_) || threshold_ < 0 || threshold_ > 1) {
      return InvalidArgumentError(fmt::format("--threshold {} is not between 0 and 1", threshold_));
    }
    return Status::Ok();
  }

  Status Run(const SharedOptions& shared, CommandIo& io) override;

 private:
  std::string input_, output_;
  double threshold_ = trade::TradeScreenOptions().threshold;
};

Status TradeScreenCommand::Run(const SharedOptions& shared, CommandIo& io) {
  const auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(input_));
  ASSIGN_OR_RETURN(std::string text, MaybeDecompress(std::move(bytes), input_));
  ASSIGN_OR_RETURN(trade::ShipmentReader reader, trade::ShipmentReader::FromText(text, input_));
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForReading(shared.db));
  ASSIGN_OR_RETURN(std::shared_ptr<const screening::Snapshot> snapshot,
                   screening::Snapshot::Build(*store, {.as_of = shared.as_of}));
  store.reset();
  const trade::ShipmentScreener screener(snapshot, trade::TradeRules::Bundled(),
                                         {.threshold = threshold_});
  fmt::print(io.err, "cordon: index of {} entities built in {:.2f} s; CHPL version {}\n",
             snapshot->index().stats().entities, SecondsSince(start),
             trade::TradeRules::Bundled().ChplVersion(snapshot->as_of()).ToIso());

  ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> output, OutputFile::Open(output_, io.out));
  const size_t threads = std::max(1u, std::thread::hardware_concurrency());
  constexpr size_t kChunk = 512;
  struct Item {
    trade::ShipmentRecord record;
    std::string line;
    std::string level;
  };
  std::vector<Item> chunk;
  size_t shipments = 0, unreadable = 0, warnings = 0;
  std::map<std::string, size_t> levels;
  std::vector<std::string> errors;
  Status screen_error;
  std::atomic<bool> failed{false};
  const auto screen_start = std::chrono::steady_clock::now();
  bool done = false;
  while (!done) {
    chunk.clear();
    while (chunk.size() < kChunk) {
      Item item;
      if (!reader.Next(item.record)) {
        done = true;
        break;
      }
      chunk.push_back(std::move(item));
    }
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < chunk.size(); i = next++) {
        Item& item = chunk[i];
        if (!item.record.error.empty()) {
          item.line =
              screening::DumpJson({{"line", item.record.line}, {"error", item.record.error}});
          continue;
        }
        Result<trade::Assessment> a = screener.Screen(item.record.shipment);
        if (!a.ok()) {
          if (!failed.exchange(true)) screen_error = a.status();
          return;
        }
        item.line = screener.ResultLine(item.record.shipment, *a);
        item.level = a->level;
      }
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < std::min(threads, chunk.size()); ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    if (failed) return screen_error;
    for (const Item& item : chunk) {
      output->stream() << item.line << '\n';
      if (!item.record.error.empty()) {
        ++unreadable;
        errors.push_back(item.record.error);
        fmt::print(io.err, "cordon: error: {}\n", item.record.error);
        continue;
      }
      ++shipments;
      ++levels[item.level];
      for (const std::string& w : item.record.shipment.warnings) {
        if (warnings++ < 10) fmt::print(io.err, "cordon: warning: {}\n", w);
      }
    }
  }
  RETURN_IF_ERROR(output->Commit());
  const double seconds = SecondsSince(screen_start);
  fmt::print(io.err,
             "cordon: screened {} shipments in {:.2f} s ({:.0f}/s): {} high, {} medium, {} low; "
             "{} parties screened, {} repeated ones answered from the first\n",
             shipments, seconds, seconds > 0 ? static_cast<double>(shipments) / seconds : 0.0,
             levels["high"], levels["medium"], levels["low"], screener.parties_screened(),
             screener.parties_cached());
  if (warnings > 0) {
    fmt::print(
        io.err,
        "cordon: {} fields could not be read and were left out (\"warnings\" in the output)\n",
        warnings);
  }
  if (unreadable > 0) {
    return InvalidArgumentError(fmt::format(
        "{} of {} records could not be read (first: {}); the others were screened and written",
        unreadable, unreadable + shipments, errors.front()));
  }
  return Status::Ok();
}

class TradeFlowsCommand : public Command {
 public:
  Takes takes() const override { return {.json = true, .as_of = false}; }

  CLI::App* Add(CLI::App& app) override {
    CLI::App* trade =
        CommandGroup(app, "trade", "screen shipments and trade flows for diversion to Russia");
    CLI::App* cmd = trade->add_subcommand(
        "flows",
        "rank hubs and CHPL codes by how controlled goods pile up (Comtrade/Eurostat CSV)");
    cmd->add_option("--input", input_, "CSV reporter,partner,hs6,period,flow,value_usd[,quantity]")
        ->required();
    cmd->add_option("--baseline", baseline_, "baseline year (default 2021)");
    cmd->add_option("--latest", latest_, "year compared with the baseline (default: the latest)");
    cmd->add_option("--top", top_, "rows to print without --json (default 20; 0: all)");
    return cmd;
  }

  Status Run(const SharedOptions& shared, CommandIo& io) override {
    const auto start = std::chrono::steady_clock::now();
    ASSIGN_OR_RETURN(std::string bytes, ReadFile(input_));
    ASSIGN_OR_RETURN(std::string text, MaybeDecompress(std::move(bytes), input_));
    trade::FlowsAnalysis analysis(trade::TradeRules::Bundled(),
                                  {.baseline_year = baseline_, .latest_year = latest_});
    RETURN_IF_ERROR(analysis.AddCsv(text, input_));
    const trade::FlowsReport report = analysis.Report();
    for (const std::string& w : report.warnings) fmt::print(io.err, "cordon: warning: {}\n", w);
    fmt::print(io.err,
               "cordon: {} rows read in {:.2f} s, {} about a hub and a CHPL code, {} unreadable; "
               "{} against {}\n",
               report.rows, SecondsSince(start), report.rows_used, report.rows_invalid,
               report.latest_year, report.baseline_year);
    if (shared.json) {
      size_t rank_json = 0;
      for (const trade::HubGoodsFlow& r : report.ranked) {
        io.out << trade::FlowJson(r, report, ++rank_json).dump() << '\n';
      }
      return Status::Ok();
    }
    fmt::print(io.out, "{:<4} {:<4} {:<7} {:<4} {:>14} {:>14} {:>7} {:>14} {:>14} {:>7} {:>14}\n",
               "RANK", "HUB", "HS6", "TIER", fmt::format("IMP {}", report.baseline_year),
               fmt::format("IMP {}", report.latest_year), "GROWTH", "RU/BY BASE", "RU/BY LATEST",
               "GROWTH", "MIRROR GAP");
    size_t rank = 0;
    for (const trade::HubGoodsFlow& r : report.ranked) {
      if (top_ > 0 && rank >= top_) break;
      ++rank;
      fmt::print(io.out,
                 "{:<4} {:<4} {:<7} {:<4} {:>14.0f} {:>14.0f} {:>6.1f}x {:>14.0f} {:>14.0f} "
                 "{:>6.1f}x {:>14.0f}\n",
                 rank, r.hub, r.hs6, r.tier, r.imports_baseline, r.imports_latest,
                 trade::HubGoodsFlow::Growth(r.imports_baseline, r.imports_latest),
                 r.exports_ru_baseline, r.exports_ru_latest,
                 trade::HubGoodsFlow::Growth(r.exports_ru_baseline, r.exports_ru_latest),
                 r.mirror_gap_latest);
    }
    return Status::Ok();
  }

 private:
  std::string input_;
  int baseline_ = 2021;
  int latest_ = 0;
  size_t top_ = 20;
};

}  // namespace

std::vector<std::unique_ptr<Command>> MakeTradeCommands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(std::make_unique<TradeScreenCommand>());
  commands.push_back(std::make_unique<TradeFlowsCommand>());
  return commands;
}

}  // namespace cordon::cli
