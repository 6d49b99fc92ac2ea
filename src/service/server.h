// service/server.h: `cordon serve`, the HTTP/JSON API and the analyst web page, in one process.
//
//   ServerOptions options;
//   options.db_path = "cordon.db";
//   options.port = 0;  // any free port
//   ASSIGN_OR_RETURN(std::unique_ptr<Server> server, Server::Start(options));
//   std::string url = server->url();  // "http://127.0.0.1:40123"
//   ...
//   server->Stop();
//
// The endpoints and their JSON are documented in docs/api.md and served as OpenAPI at
// /openapi.json. Screening runs on an immutable Snapshot (service/snapshot.h) of the store's
// current list versions. A background thread polls the store; when another process adds a
// version, it builds a new snapshot and swaps it in atomically: requests in flight finish on
// the old one, new requests get the new one, none fail. A failed rebuild keeps the old one.
//
// Security: API keys (service/api_keys.h) on every data endpoint unless `auth` is off, which
// only a loopback bind allows; a per-key rate limit; body, batch and result limits answered
// with JSON 4xx errors; error bodies never carry internal paths or traces; strict HTTP framing
// and deadlines for slow clients (service/http_front.h). Every screening request's record is
// in the hash-chained audit log (service/audit_log.h, appended by service/audit_writer.h's
// thread) before it is answered; while the log cannot be written, screening requests are
// refused with 503 and /readyz answers 503, until a retry succeeds.
//
// Thread safety: Start/Stop from one thread; the server's own threads do the rest.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "base/status.h"
#include "service/snapshot.h"

namespace cordon::service {

struct ServerOptions {
  std::string db_path = "cordon.db";
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
  bool auth = true;
  std::string web_root;  // built web page (web/dist); "": the one built with the source, if any
  std::string audit_path = "cordon-audit.log";
  size_t max_body_bytes = size_t{1} << 20;
  size_t max_batch = 100;       // queries per /match request
  size_t max_limit = 500;       // results per query
  size_t max_shipments = 1000;  // shipments per /trade/screen request
  // Trade flows CSV that GET /trade/flows ranks ("": none; POST /trade/flows takes a body).
  std::string trade_flows_path;
  double rate_per_second = 1000;  // per API key; 0: no limit
  double rate_burst = 2000;
  // Requests served at once, 1..kMaxServerThreads. Connections waiting for a request (idle,
  // slow, keep-alive) hold no thread: one reader thread polls them (service/http_front.h).
  size_t threads = 128;
  std::chrono::milliseconds poll_interval{1000};  // how often the store is checked for updates
  // The screening of one request (every query of a batch) must finish within this, else 503;
  // Stop() cancels screening in flight.
  std::chrono::milliseconds screening_deadline{10000};
  // A request's whole head must arrive within this of its first byte, else 408 and close.
  std::chrono::milliseconds head_timeout{10000};
  // How often a failed audit log is retried (service/audit_writer.h).
  std::chrono::milliseconds audit_retry_interval{1000};
  // Resolve the subjects of the regimes' lists (GET /divergence, /subjects) in the background
  // after each list update, rather than on the first request that needs them (seconds on the
  // bundled lists). `cordon serve` sets it; tests that do not read them leave it off.
  bool prepare_regimes = false;
  // Tests: called before each audit append; an error stands for the append's (a full disk).
  std::function<Status()> audit_fault_for_testing;
};

inline constexpr size_t kMaxServerThreads = 1024;
inline constexpr size_t kMaxBodyLimit = size_t{64} << 20;

// OK if `options` can work; InvalidArgument naming the option (as `cordon serve` spells it)
// otherwise: a port outside 0..65535, threads outside 1..kMaxServerThreads, a rate limit or
// burst that is not a finite number (or is negative; a burst under 1), a body limit outside
// 1 KiB..kMaxBodyLimit, no auth on an address that is not loopback (a name counts as loopback
// only if every address it resolves to is).
Status ValidateServerOptions(const ServerOptions& options);

class Server {
 public:
  // Opens the store, builds the first snapshot (a store without lists starts the server
  // unready: /readyz answers 503 until lists arrive), opens the audit log, binds and starts
  // serving. InvalidArgument for options that cannot work (no auth on a public address);
  // the store's, audit log's or bind's error otherwise.
  // The options are checked first (ValidateServerOptions).
  static Result<std::unique_ptr<Server>> Start(ServerOptions options);
  ~Server();  // Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  std::string url() const;  // "http://<bind>:<port>"

  // Checks the store now, as the poller does, and swaps in a new snapshot if it changed.
  // Returns whether it swapped.
  Result<bool> ReloadNow();
  // The snapshot requests start on now; null before lists arrive.
  std::shared_ptr<const Snapshot> snapshot() const;

  // Blocks until Stop() is called from another thread or a signal handler.
  void Wait();
  // Stops accepting, lets requests in flight finish, joins the threads. Idempotent.
  void Stop();

 private:
  Server();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The OpenAPI 3 document of the API, as served at /openapi.json.
const std::string& OpenApiDocument();

}  // namespace cordon::service
