// cli/commands.h: the factories of `cordon`'s commands, one per file (<name>_command.cc).
#pragma once

#include <memory>

#include "cli/command.h"
#include "store/ingest_files.h"

namespace cordon::cli {

std::unique_ptr<Command> MakeIngestCommand();  // ingest_command.cc
std::unique_ptr<Command> MakeLoadCommand();    // load_command.cc: bundled lists
std::unique_ptr<Command> MakeUpdateCommand();  // load_command.cc: official URLs
// lists_command.cc: the commands that read what the store holds.
std::unique_ptr<Command> MakeListsCommand();
std::unique_ptr<Command> MakeDiffCommand();
std::unique_ptr<Command> MakeShowCommand();
std::unique_ptr<Command> MakeFormatsCommand();
std::unique_ptr<Command> MakeCompareCommand();  // compare_command.cc
std::unique_ptr<Command> MakeScreenCommand();   // screen_command.cc
// ownership_command.cc, maritime_command.cc, serve_command.cc, admin_command.cc
std::vector<std::unique_ptr<Command>> MakeOwnershipCommands();
std::vector<std::unique_ptr<Command>> MakeMaritimeCommands();
std::unique_ptr<Command> MakeServeCommand();
std::unique_ptr<Command> MakeStreamCommand();  // stream_command.cc: a Kafka consumer group
std::vector<std::unique_ptr<Command>> MakeTradeCommands();  // trade_command.cc
// regimes_command.cc: `subjects`, `subjects show`, `divergence`.
std::vector<std::unique_ptr<Command>> MakeRegimesCommands();
// licence_command.cc: `licence list|show|check|expiring`.
std::vector<std::unique_ptr<Command>> MakeLicenceCommands();
std::vector<std::unique_ptr<Command>> MakeAdminCommands();
// book_command.cc: `book load|list|show`, `alerts`, `alerts decide`, `webhooks`.
std::vector<std::unique_ptr<Command>> MakeMonitorCommands();

// Re-screens every book of the store at `db` against its current lists, prints what each
// raised and makes one delivery round to the webhooks (book_command.cc). `ingest`, `load` and
// `update` call it after storing a new version.
Status RescreenBooks(const std::string& db, CommandIo& io);

// What `ingest`, `load` and `update` print for each document stored: the version, its counts
// and delta on `out`, its first diagnostics (all with --verbose) on `err`.
void PrintDocumentReport(CommandIo& io, const store::DocumentReport& doc, bool verbose);

}  // namespace cordon::cli
