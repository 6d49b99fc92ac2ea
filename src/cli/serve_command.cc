// `cordon serve [--port 8080] [--bind 127.0.0.1] [--no-auth] [--audit cordon-audit.log]
//               [--web web/dist] [--rate-limit 1000] [--threads 128]`: the HTTP/JSON API and
// web page (service/server.h).
//
// Prints "cordon: serving on http://HOST:PORT ..." on stderr once it accepts connections (with
// --port 0 the port is the one the system chose), and runs until SIGINT or SIGTERM, after which
// requests in flight finish.
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <signal.h>

#include "cli/commands.h"
#include "service/server.h"

namespace cordon::cli {
namespace {

class ServeCommand : public Command {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd =
        app.add_subcommand("serve", "the HTTP/JSON API (yente-compatible) and web page");
    service::ServerOptions& o = options_;
    o.prepare_regimes = true;
    cmd->add_option("--port", o.port, "TCP port (default 8080; 0: any free port)");
    cmd->add_option("--bind", o.bind, "address to listen on (default 127.0.0.1)");
    cmd->add_flag("--no-auth", no_auth_, "no API keys (only on a loopback address)");
    cmd->add_option("--audit", o.audit_path, "audit log (default cordon-audit.log)");
    cmd->add_option("--web", o.web_root, "built web page folder (default: web/dist of the source)");
    cmd->add_option("--trade-flows", o.trade_flows_path,
                    "trade flows CSV that GET /trade/flows ranks (cordon trade flows' input)");
    cmd->add_option("--rate-limit", o.rate_per_second,
                    "requests per second per API key (default 1000; 0: no limit)");
    cmd->add_option("--burst", o.rate_burst, "requests a key may send at once (default 2000)");
    cmd->add_option("--max-body", o.max_body_bytes,
                    "largest request body in bytes (default 1 MiB)");
    cmd->add_option("--threads", o.threads,
                    "requests served at once (default 128, at most 1024); connections waiting for "
                    "a request hold none");
    return cmd;
  }

  // Before anything is bound or started: an option that cannot work is a usage error (exit 2),
  // not a server that says "serving on ..." and then aborts or runs without its limits.
  Status Check(const SharedOptions& shared) override {
    options_.db_path = shared.db;
    options_.auth = !no_auth_;
    return service::ValidateServerOptions(options_);
  }

  Status Run(const SharedOptions& shared, CommandIo& io) override;

 private:
  service::ServerOptions options_;
  bool no_auth_ = false;
};

Status ServeCommand::Run(const SharedOptions&, CommandIo& io) {
  // Signals are taken by sigwait below, not by a handler: block them before the server's
  // threads start, so that they inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  Result<std::unique_ptr<service::Server>> server = service::Server::Start(options_);
  if (!server.ok()) {
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
    return server.status();
  }
  std::shared_ptr<const service::Snapshot> snapshot = (*server)->snapshot();
  fmt::print(io.err, "cordon: serving on {} ({} entities; {}; audit log {})\n", (*server)->url(),
             snapshot ? snapshot->index().stats().entities : 0,
             options_.auth ? "API keys required" : "no API keys", options_.audit_path);
  io.err.flush();
  int signal = 0;
  sigwait(&signals, &signal);
  fmt::print(io.err, "cordon: {} received, finishing requests in flight\n",
             signal == SIGINT ? "SIGINT" : "SIGTERM");
  (*server)->Stop();
  pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
  return Status::Ok();
}

}  // namespace

std::unique_ptr<Command> MakeServeCommand() { return std::make_unique<ServeCommand>(); }

}  // namespace cordon::cli
