#include "cli/admin_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <nlohmann/json.hpp>

#include "service/api_keys.h"
#include "service/audit_log.h"

namespace cordon::cli {
namespace {

using Json = nlohmann::ordered_json;

int Fail(std::ostream& err, const Status& status) {
  fmt::print(err, "cordon: error: {}\n", status.ToString());
  return 1;
}

int KeysAdd(const AdminArgs& args, std::ostream& out, std::ostream& err) {
  // A key may come before the lists (`keys add` then `load`), so this may create the store.
  Result<std::unique_ptr<service::ApiKeys>> keys =
      service::ApiKeys::Open(args.db, store::OpenMode::kCreate);
  if (!keys.ok()) return Fail(err, keys.status());
  Result<std::string> key = (*keys)->Add(args.key_name);
  if (!key.ok()) return Fail(err, key.status());
  // The key alone on stdout, so `KEY=$(cordon keys add ops)` captures it.
  fmt::print(out, "{}\n", *key);
  fmt::print(err,
             "cordon: added API key '{}'. Store it now: it cannot be shown again (only its "
             "SHA-256 is kept in {})\n",
             args.key_name, args.db);
  return 0;
}

int KeysList(const AdminArgs& args, std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<service::ApiKeys>> keys =
      service::ApiKeys::Open(args.db, store::OpenMode::kReadOnly);
  if (!keys.ok()) return Fail(err, keys.status());
  Result<std::vector<service::ApiKeyInfo>> list = (*keys)->List();
  if (!list.ok()) return Fail(err, list.status());
  if (args.json) {
    Json array = Json::array();
    for (const service::ApiKeyInfo& info : *list) {
      array.push_back({{"name", info.name},
                       {"prefix", info.prefix},
                       {"created", info.created},
                       {"revoked", info.revoked}});
    }
    fmt::print(out, "{}\n", array.dump(2));
    return 0;
  }
  if (list->empty()) {
    fmt::print(out, "no API keys in {}: add one with `cordon keys add NAME`\n", args.db);
    return 0;
  }
  size_t name_width = 4;
  for (const service::ApiKeyInfo& info : *list) name_width = std::max(name_width, info.name.size());
  fmt::print(out, "{:<{}}  {:<8}  {:<20}  {}\n", "NAME", name_width, "PREFIX", "CREATED", "STATUS");
  for (const service::ApiKeyInfo& info : *list) {
    fmt::print(out, "{:<{}}  {:<8}  {:<20}  {}\n", info.name, name_width, info.prefix, info.created,
               info.revoked ? "revoked" : "current");
  }
  return 0;
}

int KeysRevoke(const AdminArgs& args, std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<service::ApiKeys>> keys =
      service::ApiKeys::Open(args.db, store::OpenMode::kReadWrite);
  if (!keys.ok()) return Fail(err, keys.status());
  Status revoked = (*keys)->Revoke(args.key_name);
  if (!revoked.ok()) return Fail(err, revoked);
  fmt::print(out, "revoked API key '{}'\n", args.key_name);
  return 0;
}

int AuditVerify(const AdminArgs& args, std::ostream& out, std::ostream& err) {
  Result<service::AuditVerification> verified = service::VerifyAuditLog(args.audit);
  if (!verified.ok()) return Fail(err, verified.status());
  fmt::print(out, "{} records, chain intact, head {}\n", verified->records, verified->head_hash);
  return 0;
}

}  // namespace

AdminCommands AddAdminCommands(CLI::App& app, AdminArgs& args) {
  AdminCommands commands;
  auto* keys = app.add_subcommand("keys", "API keys of `cordon serve`");
  keys->require_subcommand(1);
  keys->fallthrough();
  commands.keys_add = keys->add_subcommand("add", "create a key; it is printed only this once");
  commands.keys_add->fallthrough();
  commands.keys_add->add_option("name", args.key_name, "1-64 characters of [A-Za-z0-9._-]")
      ->required();
  commands.keys_list = keys->add_subcommand("list", "every key, with its first 8 characters");
  commands.keys_list->fallthrough();
  commands.keys_list->add_flag("--json", args.json, "JSON output");
  commands.keys_revoke = keys->add_subcommand("revoke", "stop accepting a key");
  commands.keys_revoke->fallthrough();
  commands.keys_revoke->add_option("name", args.key_name, "the key's name")->required();

  auto* audit = app.add_subcommand("audit", "the audit log of `cordon serve`");
  audit->require_subcommand(1);
  audit->fallthrough();
  commands.audit_verify =
      audit->add_subcommand("verify", "check the hash chain (exit 1 if it does not hold)");
  commands.audit_verify->fallthrough();
  commands.audit_verify->add_option("--audit", args.audit, "audit log (default cordon-audit.log)");
  return commands;
}

int RunAdmin(const AdminCommands& commands, const AdminArgs& args, std::ostream& out,
             std::ostream& err) {
  if (commands.keys_add->parsed()) return KeysAdd(args, out, err);
  if (commands.keys_list->parsed()) return KeysList(args, out, err);
  if (commands.keys_revoke->parsed()) return KeysRevoke(args, out, err);
  return AuditVerify(args, out, err);
}

}  // namespace cordon::cli
