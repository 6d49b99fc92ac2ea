// cli/command.h: one `cordon` command as a unit: its options, a check of them, and a Run that
// returns a Status.
//
//   class FormatsCommand : public Command {
//     CLI::App* Add(CLI::App& app) override { return app.add_subcommand("formats", "..."); }
//     Status Run(const SharedOptions&, CommandIo& io) override { ...; return Status::Ok(); }
//   };
//
// RunCordon (cli.h) parses the command line, hands the parsed command the options every command
// shares, and is the one place that turns a Status into a message and an exit code: a Check
// error is a usage error (exit 2), a Run error a failure (exit 1, "cordon: error: ...").
//
// Shared options (--db, --verbose, --json, --as-of) are accepted before and after the
// subcommand alike (`cordon --db x.db lists` = `cordon lists --db x.db`). --json and --as-of
// go only to commands that say they take them; given to another, they are a usage error.
//
// Thread safety: a Command is used by one thread.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "store/store.h"

namespace cordon::cli {

struct SharedOptions {
  std::string db;             // --db, else $CORDON_DB, else ./cordon.db
  bool verbose = false;       // -v, --verbose: every diagnostic
  bool json = false;          // --json, for commands with a JSON form
  std::optional<Date> as_of;  // --as-of YYYY-MM-DD, parsed once here; nullopt: not given
};

struct CommandIo {
  std::ostream& out;
  std::ostream& err;
};

class Command {
 public:
  virtual ~Command() = default;

  // Which of the shared options the command reads (--db, --verbose go to every command).
  struct Takes {
    bool json = false;
    bool as_of = false;
  };
  virtual Takes takes() const { return {}; }

  // Adds the subcommand(s) with the command's own options to `app`; returns the one whose
  // parsing selects this command.
  virtual CLI::App* Add(CLI::App& app) = 0;
  // Whether parsing selected this command; `added` is what Add returned.
  virtual bool Selected(const CLI::App* added) const { return added != nullptr && added->parsed(); }
  // After parsing: InvalidArgument for options that cannot work (a usage error, exit 2).
  virtual Status Check(const SharedOptions&) { return Status::Ok(); }
  // Runs the command; its error is reported as a failure (exit 1).
  virtual Status Run(const SharedOptions& shared, CommandIo& io) = 0;
  // The exit code of a run that succeeded: 0, or the answer of a command whose answer is its
  // exit code (`pricecap check`: 3 when the trade is not compliant).
  virtual int success_code() const { return 0; }
};

// The group `name` (`ownership` of `ownership explain`) under `app`: added, needing one of its
// subcommands, by the first command of the group that asks; found by the others.
CLI::App* CommandGroup(CLI::App& app, const std::string& name, const std::string& description);

// Stores for commands: reading commands open the store read-only and fail when it does not
// exist; writing ones create it.
Result<std::unique_ptr<store::Store>> OpenStoreForReading(const std::string& path);
Result<std::unique_ptr<store::Store>> OpenStoreForWriting(const std::string& path);

}  // namespace cordon::cli
