// cli/serve_command.h: `cordon serve`, the HTTP/JSON API and web page (service/server.h).
//
//   cordon serve [--port 8080] [--bind 127.0.0.1] [--no-auth] [--audit cordon-audit.log]
//                [--web web/dist] [--rate-limit 1000] [--threads 128]
//
// Prints "cordon: serving on http://HOST:PORT ..." on stderr once it accepts connections (with
// --port 0 the port is the one the system chose), and runs until SIGINT or SIGTERM, after which
// requests in flight finish.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "service/server.h"

namespace cordon::cli {

struct ServeArgs {
  service::ServerOptions options;
  bool no_auth = false;
};

CLI::App* AddServeCommand(CLI::App& app, ServeArgs& args);
int RunServe(const std::string& db, ServeArgs args, std::ostream& out, std::ostream& err);

}  // namespace cordon::cli
