#include "cli/cli.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>
#include <cstdlib>

#include "cli/commands.h"

namespace cordon::cli {
namespace {

std::string DefaultDb() {
  const char* env = std::getenv("CORDON_DB");
  return env && *env ? env : "cordon.db";
}

// Lets options the subcommand does not know (the shared ones) go to the app, however deep.
void FallThrough(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands({})) {
    sub->fallthrough();
    FallThrough(*sub);
  }
}

}  // namespace

CLI::App* CommandGroup(CLI::App& app, const std::string& name, const std::string& description) {
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == name) return sub;
  }
  CLI::App* group = app.add_subcommand(name, description);
  group->require_subcommand(1);
  return group;
}

Result<std::unique_ptr<store::Store>> OpenStoreForReading(const std::string& path) {
  return store::Store::Open(path, store::OpenMode::kReadOnly);
}

Result<std::unique_ptr<store::Store>> OpenStoreForWriting(const std::string& path) {
  return store::Store::Open(path, store::OpenMode::kCreate);
}

int RunCordon(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"cordon: sanctions lists, screening, ownership, maritime and trade checks"};
  app.require_subcommand(1);
  SharedOptions shared;
  shared.db = DefaultDb();
  std::string as_of_text;
  app.add_option("--db", shared.db, "SQLite store (default $CORDON_DB or ./cordon.db)");
  app.add_flag("-v,--verbose", shared.verbose, "print every diagnostic");
  app.add_flag("--json", shared.json, "JSON output (commands that have it)");
  app.add_option("--as-of", as_of_text,
                 "the list versions and rules in force on YYYY-MM-DD (commands that take it)");

  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(MakeIngestCommand());
  commands.push_back(MakeLoadCommand());
  commands.push_back(MakeUpdateCommand());
  commands.push_back(MakeListsCommand());
  commands.push_back(MakeDiffCommand());
  commands.push_back(MakeShowCommand());
  commands.push_back(MakeFormatsCommand());
  commands.push_back(MakeCompareCommand());
  commands.push_back(MakeScreenCommand());
  auto append = [&commands](std::vector<std::unique_ptr<Command>> group) {
    for (std::unique_ptr<Command>& command : group) commands.push_back(std::move(command));
  };
  append(MakeOwnershipCommands());
  append(MakeMaritimeCommands());
  append(MakeTradeCommands());
  append(MakeRegimesCommands());
  append(MakeLicenceCommands());
  append(MakeMonitorCommands());
  commands.push_back(MakeServeCommand());
  commands.push_back(MakeStreamCommand());
  append(MakeAdminCommands());
  std::vector<CLI::App*> added;
  for (const std::unique_ptr<Command>& command : commands) added.push_back(command->Add(app));
  FallThrough(app);

  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err) == 0 ? 0 : 2;
  }

  CommandIo io{out, err};
  auto usage_error = [&](const Status& status) {
    fmt::print(err, "cordon: error: {}\n", status.message());
    return 2;
  };
  for (size_t command_idx = 0; command_idx < commands.size(); ++command_idx) {
    Command& command = *commands[command_idx];
    if (!command.Selected(added[command_idx])) continue;
    const std::string name = app.get_subcommands().front()->get_name();
    if (shared.json && !command.takes().json) {
      return usage_error(InvalidArgumentError("--json does not apply to `cordon " + name + "`"));
    }
    if (!as_of_text.empty()) {
      if (!command.takes().as_of) {
        return usage_error(InvalidArgumentError("--as-of does not apply to `cordon " + name + "`"));
      }
      Result<Date> as_of = Date::Parse(as_of_text);
      if (!as_of.ok()) return usage_error(as_of.status().WithContext("--as-of"));
      shared.as_of = *as_of;
    }
    if (Status checked = command.Check(shared); !checked.ok()) return usage_error(checked);
    if (Status ran = command.Run(shared, io); !ran.ok()) {
      fmt::print(err, "cordon: error: {}\n", ran.ToString());
      return 1;
    }
    return command.success_code();
  }
  return 2;
}

}  // namespace cordon::cli
