// `cordon keys add|list|revoke` and `cordon audit verify`, the administration of `cordon serve`.
//
//   cordon keys add NAME          prints a new API key once (stdout); only its SHA-256 is kept
//   cordon keys list [--json]     every key: name, first 8 characters, created, revoked or not
//   cordon keys revoke NAME       the server stops accepting it at its next key reload
//   cordon audit verify [--audit FILE]   checks the hash chain of the audit log
//                                 (default cordon-audit.log); fails when it does not hold
//
// Keys live in the store's SQLite file (--db).
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "service/api_keys.h"
#include "service/audit_log.h"

namespace cordon::cli {
namespace {

using Json = nlohmann::ordered_json;

CLI::App* AddKeysSubcommand(CLI::App& app, const std::string& name,
                            const std::string& description) {
  return CommandGroup(app, "keys", "API keys of `cordon serve`")->add_subcommand(name, description);
}

// The shared --json is accepted by every admin command (only `keys list` has a JSON form).
class AdminCommand : public Command {
 public:
  Takes takes() const override { return {.json = true}; }
};

class KeysAddCommand : public AdminCommand {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = AddKeysSubcommand(app, "add", "create a key; it is printed only this once");
    cmd->add_option("name", name_, "1-64 characters of [A-Za-z0-9._-]")->required();
    return cmd;
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override {
    // A key may come before the lists (`keys add` then `load`), so this may create the store.
    ASSIGN_OR_RETURN(std::unique_ptr<service::ApiKeys> keys,
                     service::ApiKeys::Open(shared.db, store::OpenMode::kCreate));
    ASSIGN_OR_RETURN(std::string key, keys->Add(name_));
    // The key alone on stdout, so `KEY=$(cordon keys add ops)` captures it.
    fmt::print(io.out, "{}\n", key);
    fmt::print(io.err,
               "cordon: added API key '{}'. Store it now: it cannot be shown again (only its "
               "SHA-256 is kept in {})\n",
               name_, shared.db);
    return Status::Ok();
  }

 private:
  std::string name_;
};

class KeysListCommand : public AdminCommand {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = AddKeysSubcommand(app, "list", "every key, with its first 8 characters");
    cmd->add_flag("--json", json_, "JSON output");
    return cmd;
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override;

 private:
  bool json_ = false;
};

Status KeysListCommand::Run(const SharedOptions& shared, CommandIo& io) {
  ASSIGN_OR_RETURN(std::unique_ptr<service::ApiKeys> keys,
                   service::ApiKeys::Open(shared.db, store::OpenMode::kReadOnly));
  ASSIGN_OR_RETURN(std::vector<service::ApiKeyInfo> list, keys->List());
  if (json_ || shared.json) {
    Json array = Json::array();
    for (const service::ApiKeyInfo& info : list) {
      array.push_back({{"name", info.name},
                       {"prefix", info.prefix},
                       {"created", info.created},
                       {"revoked", info.revoked}});
    }
    fmt::print(io.out, "{}\n", array.dump(2));
    return Status::Ok();
  }
  if (list.empty()) {
    fmt::print(io.out, "no API keys in {}: add one with `cordon keys add NAME`\n", shared.db);
    return Status::Ok();
  }
  size_t name_width = 4;
  for (const service::ApiKeyInfo& info : list) name_width = std::max(name_width, info.name.size());
  fmt::print(io.out, "{:<{}}  {:<8}  {:<20}  {}\n", "NAME", name_width, "PREFIX", "CREATED",
             "STATUS");
  for (const service::ApiKeyInfo& info : list) {
    fmt::print(io.out, "{:<{}}  {:<8}  {:<20}  {}\n", info.name, name_width, info.prefix,
               info.created, info.revoked ? "revoked" : "current");
  }
  return Status::Ok();
}

class KeysRevokeCommand : public AdminCommand {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = AddKeysSubcommand(app, "revoke", "stop accepting a key");
    cmd->add_option("name", name_, "the key's name")->required();
    return cmd;
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override {
    ASSIGN_OR_RETURN(std::unique_ptr<service::ApiKeys> keys,
                     service::ApiKeys::Open(shared.db, store::OpenMode::kReadWrite));
    RETURN_IF_ERROR(keys->Revoke(name_));
    fmt::print(io.out, "revoked API key '{}'\n", name_);
    return Status::Ok();
  }

 private:
  std::string name_;
};

class AuditVerifyCommand : public AdminCommand {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* audit = CommandGroup(app, "audit", "the audit log of `cordon serve`");
    CLI::App* cmd =
        audit->add_subcommand("verify", "check the hash chain (exit 1 if it does not hold)");
    cmd->add_option("--audit", audit_, "audit log (default cordon-audit.log)");
    return cmd;
  }
  // A chain that does not hold is a failure (exit 1) whose message names the first record at
  // fault.
  Status Run(const SharedOptions&, CommandIo& io) override {
    ASSIGN_OR_RETURN(service::AuditVerification verified, service::VerifyAuditLog(audit_));
    fmt::print(io.out, "{} records, chain intact, head {}\n", verified.records, verified.head_hash);
    return Status::Ok();
  }

 private:
  std::string audit_ = "cordon-audit.log";
};

}  // namespace

std::vector<std::unique_ptr<Command>> MakeAdminCommands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(std::make_unique<KeysAddCommand>());
  commands.push_back(std::make_unique<KeysListCommand>());
  commands.push_back(std::make_unique<KeysRevokeCommand>());
  commands.push_back(std::make_unique<AuditVerifyCommand>());
  return commands;
}

}  // namespace cordon::cli
