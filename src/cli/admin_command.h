// cli/admin_command.h: `cordon keys add|list|revoke` and `cordon audit verify`, the
// administration of `cordon serve`.
//
//   cordon keys add NAME          prints a new API key once (stdout); only its SHA-256 is kept
//   cordon keys list [--json]     every key: name, first 8 characters, created, revoked or not
//   cordon keys revoke NAME       the server stops accepting it at its next key reload
//   cordon audit verify [--audit FILE]   checks the hash chain of the audit log
//                                 (default cordon-audit.log); exit 1 when it does not hold
//
// Keys live in the store's SQLite file (--db, given by the parent app).
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

namespace cordon::cli {

struct AdminArgs {
  std::string db;                          // the caller sets it from --db before RunAdmin
  std::string key_name;                    // keys add|revoke NAME
  bool json = false;                       // keys list --json
  std::string audit = "cordon-audit.log";  // audit verify --audit
};

struct AdminCommands {
  CLI::App* keys_add = nullptr;
  CLI::App* keys_list = nullptr;
  CLI::App* keys_revoke = nullptr;
  CLI::App* audit_verify = nullptr;
  bool parsed() const {
    return keys_add->parsed() || keys_list->parsed() || keys_revoke->parsed() ||
           audit_verify->parsed();
  }
};

AdminCommands AddAdminCommands(CLI::App& app, AdminArgs& args);

// REQUIRES: commands.parsed(). Returns the exit status: 0, 1 on an error (printed on `err`).
int RunAdmin(const AdminCommands& commands, const AdminArgs& args, std::ostream& out,
             std::ostream& err);

}  // namespace cordon::cli
