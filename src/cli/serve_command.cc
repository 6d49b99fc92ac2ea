#include "cli/serve_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <signal.h>

namespace cordon::cli {

CLI::App* AddServeCommand(CLI::App& app, ServeArgs& args) {
  auto* cmd = app.add_subcommand("serve", "the HTTP/JSON API (yente-compatible) and web page");
  cmd->fallthrough();  // --db may follow `serve`
  service::ServerOptions& o = args.options;
  cmd->add_option("--port", o.port, "TCP port (default 8080; 0: any free port)");
  cmd->add_option("--bind", o.bind, "address to listen on (default 127.0.0.1)");
  cmd->add_flag("--no-auth", args.no_auth, "no API keys (only on a loopback address)");
  cmd->add_option("--audit", o.audit_path, "audit log (default cordon-audit.log)");
  cmd->add_option("--web", o.web_root, "built web page folder (default: web/dist of the source)");
  cmd->add_option("--rate-limit", o.rate_per_second,
                  "requests per second per API key (default 1000; 0: no limit)");
  cmd->add_option("--burst", o.rate_burst, "requests a key may send at once (default 2000)");
  cmd->add_option("--max-body", o.max_body_bytes, "largest request body in bytes (default 1 MiB)");
  cmd->add_option("--threads", o.threads,
                  "requests served at once (default 128, at most 1024); connections waiting for "
                  "a request hold none");
  return cmd;
}

int RunServe(const std::string& db, ServeArgs args, std::ostream& out, std::ostream& err) {
  (void)out;
  args.options.db_path = db;
  args.options.auth = !args.no_auth;
  // Before anything is bound or started: an option that cannot work is a usage error (exit 2),
  // not a server that says "serving on ..." and then aborts or runs without its limits.
  if (Status valid = service::ValidateServerOptions(args.options); !valid.ok()) {
    fmt::print(err, "cordon: error: {}\n", valid.message());
    return 2;
  }
  // Signals are taken by sigwait below, not by a handler: block them before the server's
  // threads start, so that they inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  Result<std::unique_ptr<service::Server>> server = service::Server::Start(args.options);
  if (!server.ok()) {
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
    fmt::print(err, "cordon: error: {}\n", server.status().ToString());
    return 1;
  }
  std::shared_ptr<const service::Snapshot> snapshot = (*server)->snapshot();
  fmt::print(err, "cordon: serving on {} ({} entities; {}; audit log {})\n", (*server)->url(),
             snapshot ? snapshot->index().stats().entities : 0,
             args.options.auth ? "API keys required" : "no API keys", args.options.audit_path);
  err.flush();
  int signal = 0;
  sigwait(&signals, &signal);
  fmt::print(err, "cordon: {} received, finishing requests in flight\n",
             signal == SIGINT ? "SIGINT" : "SIGTERM");
  (*server)->Stop();
  pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
  return 0;
}

}  // namespace cordon::cli
