// `cordon screen --input FILE [--output FILE] [--threshold T] [--limit N] [--regime us,eu]
//                [--source S] [--as-of DATE]`: one JSON line per input record, in input order.
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <iostream>
#include <thread>

#include "base/file.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "match/query_reader.h"
#include "screening/render.h"
#include "screening/snapshot.h"

namespace cordon::cli {
namespace {

// One input record and the JSON line it turns into.
struct ScreenedRecord {
  match::Query query;
  int64_t row = 0;
  size_t matches = 0;
  std::string line;
};

std::string VersionCitation(const store::VersionInfo& v) {
  return fmt::format("{} version {} (list date {}, retrieved {})", v.source, v.number,
                     v.published.empty() ? "-" : v.published.substr(0, 10), v.retrieved);
}

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

class ScreenCommand : public Command {
 public:
  Takes takes() const override { return {.json = false, .as_of = true}; }

  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = app.add_subcommand("screen", "screen a customer file against the lists");
    cmd->add_option("--input", input_, "CSV with a header row, or FtM JSON lines")->required();
    cmd->add_option("--output", output_, "JSON lines to write (default standard output)");
    cmd->add_option("--threshold", threshold_, "lowest score reported (default 0.70)");
    cmd->add_option("--limit", limit_, "matches per record, best first (0: all)");
    cmd->add_option("--regime", regimes_, "only entities listed by these: us,eu,uk,un")
        ->delimiter(',');
    cmd->add_option("--source", sources_, "only these sources")->delimiter(',');
    return cmd;
  }

  Status Check(const SharedOptions&) override {
    if (!std::isfinite(threshold_) || threshold_ < 0 || threshold_ > 1) {
      return InvalidArgumentError(fmt::format("--threshold {} is not between 0 and 1", threshold_));
    }
    options_.search.threshold = threshold_;
    options_.search.limit = limit_;
    for (const std::string& name : regimes_) {
      std::optional<model::Regime> regime = model::RegimeFromName(StripWhitespace(name));
      if (!regime)
        return InvalidArgumentError("--regime: '" + name + "' is not one of us, eu, uk, un");
      options_.search.regimes.push_back(*regime);
    }
    return Status::Ok();
  }

  Status Run(const SharedOptions& shared, CommandIo& io) override;

 private:
  std::string input_, output_;
  double threshold_ = match::kDefaultThreshold;
  size_t limit_ = 10;
  std::vector<std::string> regimes_, sources_;
  screening::ScreenOptions options_;
};

// Records are screened in chunks, each spread over the cores and written in order before the
// next is read, so memory stays bounded.
Status ScreenCommand::Run(const SharedOptions& shared, CommandIo& io) {
  const auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(std::unique_ptr<match::QueryReader> reader, match::QueryReader::Open(input_));
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForReading(shared.db));
  ASSIGN_OR_RETURN(
      std::shared_ptr<const screening::Snapshot> snapshot,
      screening::Snapshot::Build(*store, {.as_of = shared.as_of, .sources = sources_}));
  store.reset();  // everything screening needs is in the snapshot
  std::vector<std::string> citations;
  for (const store::VersionInfo& v : snapshot->versions()) citations.push_back(VersionCitation(v));
  fmt::print(io.err, "cordon: index of {} entities built in {:.2f} s from {}\n",
             snapshot->index().stats().entities, SecondsSince(start), Join(citations, ", "));

  // Written beside the target and put in place only when complete; a device or a pipe is
  // written directly (base/file.h).
  ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> output, OutputFile::Open(output_, io.out));
  std::ostream* sink = &output->stream();
  auto discard = [&](Status status) {
    if (output_.empty()) return status;
    return Status(status.code(), status.message() + "\ncordon: nothing was written to " + output_);
  };

  const bool progress = &io.err == &std::cerr && isatty(STDERR_FILENO);
  const size_t threads = std::max(1u, std::thread::hardware_concurrency());
  constexpr size_t kChunk = 1024;
  const auto screen_start = std::chrono::steady_clock::now();
  std::vector<ScreenedRecord> chunk;
  Status read_error;
  std::atomic<bool> screen_failed{false};
  Status screen_error;
  size_t records = 0, with_matches = 0, matches = 0, warnings = 0;
  constexpr size_t kShownWarnings = 10;
  bool done = false;
  while (!done) {
    chunk.clear();
    while (chunk.size() < kChunk) {
      ScreenedRecord record;
      Result<bool> more = reader->Next(record.query);
      if (!more.ok() || !*more) {
        read_error = more.status();
        done = true;
        break;
      }
      record.row = reader->row();
      chunk.push_back(std::move(record));
    }
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < chunk.size(); i = next++) {
        ScreenedRecord& record = chunk[i];
        Result<std::vector<screening::ScreenedMatch>> found =
            screening::Screen(*snapshot, record.query, options_);
        if (!found.ok()) {
          // Only the first failure is kept; the others stop their threads.
          if (!screen_failed.exchange(true)) screen_error = found.status();
          return;
        }
        std::string& line = record.line;
        line = fmt::format("{{\"row\":{},\"id\":{},\"matches\":[", record.row,
                           screening::DumpJson(nlohmann::ordered_json(record.query.id)));
        for (size_t match_idx = 0; match_idx < found->size(); ++match_idx) {
          if (match_idx > 0) line += ',';
          screening::AppendMatchJson(line, *snapshot, (*found)[match_idx],
                                     options_.search.threshold);
        }
        line += ']';
        if (!record.query.warnings.empty()) {
          line +=
              ",\"warnings\":" + screening::DumpJson(nlohmann::ordered_json(record.query.warnings));
        }
        line += "}\n";
        record.matches = found->size();
      }
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < std::min(threads, chunk.size()); ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    if (screen_failed) return discard(screen_error);
    for (const ScreenedRecord& record : chunk) {
      *sink << record.line;
      for (const std::string& warning : record.query.warnings) {
        if (warnings++ < kShownWarnings) fmt::print(io.err, "cordon: warning: {}\n", warning);
      }
      ++records;
      with_matches += record.matches > 0;
      matches += record.matches;
    }
    if (progress) {
      fmt::print(io.err, "\r  {} records screened, {} with matches, {:.0f} records/s ", records,
                 with_matches, static_cast<double>(records) / SecondsSince(screen_start));
      io.err.flush();
    }
  }
  if (progress) fmt::print(io.err, "\n");
  if (!read_error.ok()) return discard(read_error);
  if (Status committed = output->Commit(); !committed.ok()) return discard(committed);
  const double seconds = SecondsSince(screen_start);
  fmt::print(io.err,
             "cordon: screened {} records in {:.2f} s ({:.0f} records/s): {} with matches, {} "
             "matches\n",
             records, seconds, seconds > 0 ? static_cast<double>(records) / seconds : 0.0,
             with_matches, matches);
  if (warnings > 0) {
    fmt::print(io.err,
               "cordon: {} input fields could not be read and were left out (see \"warnings\" "
               "in the output)\n",
               warnings);
  }
  fmt::print(io.err, "cordon: lists used: {}\n", Join(citations, ", "));
  return Status::Ok();
}

}  // namespace

std::unique_ptr<Command> MakeScreenCommand() { return std::make_unique<ScreenCommand>(); }

}  // namespace cordon::cli
