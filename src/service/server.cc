#include "service/server.h"

#include <arpa/inet.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <httplib.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <atomic>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <ctime>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "base/file.h"
#include "base/strings.h"
#include "licences/licences.h"
#include "match/json.h"
#include "model/entity_json.h"
#include "model/ftm.h"
#include "monitor/monitor.h"
#include "monitor/webhooks.h"
#include "regimes/divergence.h"
#include "regimes/json.h"
#include "regimes/subjects.h"
#include "screening/render.h"
#include "service/api_keys.h"
#include "service/audit_log.h"
#include "service/audit_writer.h"
#include "service/ftm.h"
#include "service/http_front.h"
#include "service/metrics.h"
#include "service/rate_limiter.h"
#include "store/ingest_files.h"
#include "store/json.h"
#include "trade/flows.h"
#include "trade/screen.h"

#ifndef CORDON_WEB_DIST
#define CORDON_WEB_DIST "web/dist"
#endif

namespace cordon::service {
namespace {

using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

// An answer to a request: a status and a JSON body, or an error.
struct ApiError {
  int status = 500;
  std::string code;
  std::string message;
};

ApiError BadRequest(std::string message) { return {400, "invalid_argument", std::move(message)}; }
ApiError NotFound(std::string message) { return {404, "not_found", std::move(message)}; }
ApiError TooLarge(std::string message) { return {413, "payload_too_large", std::move(message)}; }
ApiError Unavailable(std::string message) { return {503, "unavailable", std::move(message)}; }
ApiError Internal() {
  return {500, "internal", "the request could not be completed; the server log has the cause"};
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

void SendError(httplib::Response& res, const ApiError& error) {
  res.status = error.status;
  res.set_content(ErrorBody(error.status, error.code, error.message), "application/json");
}

// Whether `address` is a loopback address, read as an address: 127.0.0.0/8, ::1 or
// ::ffff:127.x. A prefix test on the text passed host names such as "127.evil.example".
bool IsLoopbackAddress(const std::string& address) {
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, address.c_str(), &v6) == 1) {
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
  }
  return false;
}

// A bind address is loopback if it is one, or if it is a name (such as "localhost") whose every
// address is one: the server binds to one of them, and which one is not ours to choose.
bool IsLoopback(const std::string& bind) {
  if (IsLoopbackAddress(bind)) return true;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(bind.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) return false;
  bool all_loopback = true;
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* where =
        a->ai_family == AF_INET
            ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(a->ai_addr)->sin_addr)
            : static_cast<const void*>(
                  &reinterpret_cast<const sockaddr_in6*>(a->ai_addr)->sin6_addr);
    if (inet_ntop(a->ai_family, where, text, sizeof(text)) == nullptr || !IsLoopbackAddress(text)) {
      all_loopback = false;
    }
  }
  freeaddrinfo(found);
  return all_loopback;
}

bool IsDirectory(const std::string& path) {
  struct stat st {};
  return !path.empty() && stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// A finite number, or nothing: from_chars reads "nan" and "inf", which compare false with every
// bound (a NaN threshold passed `< 0 || > 1` and turned the filter off) and do not print as JSON.
std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

// Where in a JSON body the number is that overflows a double ("queries.q1.properties.x[0]",
// "threshold"): nlohmann refuses 1e309 with out_of_range 406, which names no field, so the
// body is read again (only then) by a SAX pass that tracks the path to the token it stops on.
class OverflowLocator : public nlohmann::json_sax<Json> {
 public:
  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool string(string_t&) override { return Value(); }
  bool binary(binary_t&) override { return Value(); }
  bool start_object(std::size_t) override { return Open(false); }
  bool key(string_t& name) override {
    frames_.back().key = name;
    return true;
  }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(true); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    for (const Frame& frame : frames_) {
      if (frame.array) {
        path_ += fmt::format("[{}]", frame.values);
      } else {
        path_ += (path_.empty() ? "" : ".") + frame.key;
      }
    }
    if (path_.empty()) path_ = "the body";
    return false;
  }
  const std::string& path() const { return path_; }

 private:
  struct Frame {
    bool array = false;
    size_t values = 0;  // an array's elements so far: the index of the one being read
    std::string key;    // an object's member being read
  };
  bool Value() {
    if (!frames_.empty()) ++frames_.back().values;
    return true;
  }
  bool Open(bool array) {
    frames_.push_back(Frame{array, 0, ""});
    return true;
  }
  bool Close() {
    frames_.pop_back();
    return Value();
  }
  std::vector<Frame> frames_;
  std::string path_;
};

std::string OverflowingNumberPath(const std::string& body) {
  OverflowLocator locator;
  Json::sax_parse(body, &locator);
  return locator.path().empty() ? std::string("the body") : locator.path();
}

// The API key of a request: "Authorization: Bearer K", "Authorization: ApiKey K" or
// "X-API-Key: K".
std::string RequestKey(const httplib::Request& req) {
  std::string key = req.get_header_value("X-API-Key");
  if (!key.empty()) return key;
  // The scheme is case-insensitive (RFC 9110, 11.1): "bearer", "BEARER" and "Bearer" alike.
  const std::string auth = req.get_header_value("Authorization");
  const size_t space = auth.find(' ');
  if (space == std::string::npos) return "";
  std::string scheme = auth.substr(0, space);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer" && scheme != "apikey") return "";
  return std::string(StripWhitespace(std::string_view(auth).substr(space + 1)));
}

// The methods a path answers to, for 405's Allow; empty for a path that is not ours.
std::string AllowedMethods(const std::string& path) {
  if (path.rfind("/match/", 0) == 0 || path == "/trade/screen") return "POST";
  if (path == "/trade/flows" || path == "/books") return "GET, HEAD, POST";
  if (path.starts_with("/alerts/") && path.ends_with("/decision")) return "POST";
  if (path == "/alerts" || path.starts_with("/alerts/")) return "GET, HEAD";
  static constexpr std::string_view kGetPrefixes[] = {"/search/", "/entities/", "/lists"};
  static constexpr std::string_view kGetPaths[] = {"/", "/healthz", "/readyz", "/metrics",
                                                   "/openapi.json"};
  for (std::string_view prefix : kGetPrefixes) {
    if (path.rfind(prefix, 0) == 0) return "GET, HEAD";
  }
  for (std::string_view known : kGetPaths) {
    if (path == known) return "GET, HEAD";
  }
  return "";
}

// What {dataset} selects.
struct Dataset {
  std::vector<model::Regime> regimes;
  std::vector<std::string> sources;
};

std::optional<Dataset> ResolveDataset(const Snapshot& snapshot, const std::string& name) {
  Dataset dataset;
  if (name == "default" || name == "all" || name == "sanctions") return dataset;
  if (std::optional<model::Regime> regime = model::RegimeFromName(name);
      regime && *regime != model::Regime::kOther) {
    dataset.regimes.push_back(*regime);
    return dataset;
  }
  for (const auto& [source, versions] : snapshot.sources) {
    if (source.name == name) {
      dataset.sources.push_back(name);
      return dataset;
    }
  }
  return std::nullopt;
}

// One query screened: its results as JSON array elements, and what the audit log keeps.
struct Screened {
  std::string results;           // comma-separated result objects
  Json audited = Json::array();  // [{"id", "score"}]
  size_t count = 0;
};

// Through the one screening path `cordon screen` takes, rendered by the same renderer.
Result<Screened> Screen(const Snapshot& snapshot, const match::Query& query,
                        const match::SearchOptions& search) {
  Screened screened;
  ASSIGN_OR_RETURN(std::vector<screening::ScreenedMatch> matches,
                   screening::Screen(*snapshot.screening, query, {.search = search}));
  for (const screening::ScreenedMatch& m : matches) {
    screened.audited.push_back(
        {{"id", m.match.entity->id}, {"score", match::RoundScore(m.match.score)}});
    if (screened.count++ > 0) screened.results += ',';
    screening::AppendMatchJson(screened.results, *snapshot.screening, m, search.threshold);
  }
  return screened;
}

// A JSON body already serialised (the hot paths build theirs as text).
struct RawJson {
  std::string text;
};

// Writes lines to stderr, at most one per `interval`, and says how many it left out: a fault
// that every request meets (a full disk) must not write one line per request.
class ThrottledLog {
 public:
  explicit ThrottledLog(std::chrono::seconds interval) : interval_(interval) {}
  void Log(const std::string& line) {
    std::lock_guard lock(mutex_);
    const Clock::time_point now = Clock::now();
    if (last_ != Clock::time_point() && now - last_ < interval_) {
      ++suppressed_;
      return;
    }
    std::cerr << "cordon serve: " << line;
    if (suppressed_ > 0) std::cerr << fmt::format(" ({} similar lines left out)", suppressed_);
    std::cerr << "\n";
    last_ = now;
    suppressed_ = 0;
  }

 private:
  const std::chrono::seconds interval_;
  std::mutex mutex_;
  Clock::time_point last_;
  uint64_t suppressed_ = 0;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  HttpFront http;  // httplib's routing over cordon's connection layer
  std::thread listen_thread;
  std::thread reload_thread;
  int port = 0;

  std::atomic<std::shared_ptr<const Snapshot>> current;
  std::atomic<std::shared_ptr<const KeyTable>> keys;
  std::unique_ptr<ApiKeys> key_store;  // used by the reload thread only
  std::unique_ptr<store::Store> reload_store;
  std::mutex reload_mutex;  // one rebuild at a time (poller and ReloadNow)
  int64_t generation = 0;
  std::unique_ptr<AuditWriter> audit;
  std::unique_ptr<RateLimiter> limiter;
  Metrics metrics;
  ThrottledLog error_log{std::chrono::seconds(10)};

  // Stores for requests that read history or deltas; a Store serves one thread at a time.
  std::mutex pool_mutex;
  std::vector<std::unique_ptr<store::Store>> pool;

  // Monitoring: every book is re-screened when the lists change (on the reload thread), and the
  // alerts and books endpoints read and decide. A Monitor serves one thread at a time.
  std::mutex monitor_mutex;
  std::unique_ptr<monitor::Monitor> monitor_db;  // null: the store cannot hold books
  std::string monitor_unavailable;               // why, when null
  // Each book's index, kept between list updates: (book version, index).
  std::map<std::string, std::pair<int64_t, std::shared_ptr<const monitor::BookIndex>>> book_indexes;
  monitor::WebhookDeliverer webhook_deliverer{monitor::CurlPoster()};

  std::mutex stop_mutex;
  std::condition_variable stop_cv;
  bool stopping = false;
  std::atomic<bool> cancel_screening{false};  // set by Stop(): screening in flight gives up
  bool stopped = false;

  Result<std::unique_ptr<store::Store>> BorrowStore() {
    {
      std::lock_guard lock(pool_mutex);
      if (!pool.empty()) {
        std::unique_ptr<store::Store> s = std::move(pool.back());
        pool.pop_back();
        return s;
      }
    }
    return store::Store::Open(options.db_path);
  }
  void ReturnStore(std::unique_ptr<store::Store> s) {
    std::lock_guard lock(pool_mutex);
    if (pool.size() < 16) pool.push_back(std::move(s));
  }

  Result<bool> Reload() {
    std::lock_guard lock(reload_mutex);
    if (key_store) {
      Result<std::shared_ptr<const KeyTable>> table = key_store->LoadTable();
      if (table.ok()) {
        keys.store(*table);
      } else {
        std::cerr << "cordon serve: cannot read API keys: " << table.status().ToString() << "\n";
      }
    }
    ASSIGN_OR_RETURN(std::string fingerprint, StoreFingerprint(*reload_store));
    std::shared_ptr<const Snapshot> now = current.load();
    if (fingerprint.empty() || (now && now->fingerprint == fingerprint)) return false;
    Result<std::shared_ptr<const Snapshot>> next = BuildSnapshot(*reload_store, generation + 1);
    if (!next.ok()) {
      metrics.RecordReloadFailure();
      return next.status();
    }
    ++generation;
    current.store(*next);
    if (now) metrics.RecordSwap();
    std::cerr << fmt::format(
        "cordon serve: serving {} entities from {} (index built in {:.2f} s)\n",
        (*next)->index().stats().entities, (*next)->fingerprint, (*next)->build_seconds);
    RescreenBooks(*(*next)->screening);
    return true;
  }

  // The book's index for its current version: kept, or built and kept.
  // REQUIRES: monitor_mutex held.
  Result<std::shared_ptr<const monitor::BookIndex>> BookIndexOf(const monitor::BookInfo& book) {
    auto it = book_indexes.find(book.name);
    if (it != book_indexes.end() && it->second.first == book.current.number) {
      return it->second.second;
    }
    ASSIGN_OR_RETURN(std::vector<match::Query> customers, monitor_db->Customers(book.name));
    ASSIGN_OR_RETURN(std::shared_ptr<const monitor::BookIndex> index,
                     monitor::BookIndex::Build(std::move(customers)));
    book_indexes[book.name] = {book.current.number, index};
    return index;
  }

  // REQUIRES: monitor_mutex held.
  Result<monitor::RescreenSummary> RescreenBook(const monitor::BookInfo& book,
                                                const screening::Snapshot& lists) {
    ASSIGN_OR_RETURN(std::shared_ptr<const monitor::BookIndex> index, BookIndexOf(book));
    ASSIGN_OR_RETURN(monitor::RescreenSummary summary,
                     monitor_db->Rescreen(book.name, lists, index, 1));
    metrics.RecordAlerts(summary.new_alerts, summary.changed_alerts, summary.cleared_alerts,
                         summary.licence_alerts);
    if (!summary.up_to_date) {
      std::cerr << fmt::format(
          "cordon serve: book {} re-screened in {:.2f} s: alerts {} new, {} changed, {} "
          "cleared\n",
          book.name, summary.stats.seconds, summary.new_alerts, summary.changed_alerts,
          summary.cleared_alerts);
    }
    return summary;
  }

  // One round of webhook deliveries: what is due is read under the monitor's lock, POSTed
  // without it (a slow receiver must not hold up /alerts), and recorded under it again.
  void DeliverWebhooks() {
    std::vector<monitor::PendingDelivery> due;
    {
      std::lock_guard lock(monitor_mutex);
      if (!monitor_db) return;
      Result<std::vector<monitor::PendingDelivery>> read =
          monitor_db->DueDeliveries(store::NowIso(), 100);
      if (!read.ok()) {
        std::cerr << "cordon serve: webhooks: " << read.status().ToString() << "\n";
        return;
      }
      due = std::move(*read);
    }
    for (const monitor::PendingDelivery& d : due) {
      const std::string error = webhook_deliverer.Post(d);
      metrics.RecordWebhookDelivery(error.empty());
      if (!error.empty()) {
        error_log.Log(fmt::format("cordon serve: webhook {}: alert {}: {} (retried)", d.webhook.url,
                                  d.alert_id, error));
      }
      std::lock_guard lock(monitor_mutex);
      Status recorded = monitor_db->RecordDelivery(
          d.alert_id, d.webhook.id, error.empty(), error,
          error.empty() ? store::NowIso() : monitor::RetryAt(d.attempts + 1));
      if (!recorded.ok()) std::cerr << "cordon serve: webhooks: " << recorded.ToString() << "\n";
    }
    std::lock_guard lock(monitor_mutex);
    if (Result<std::pair<int64_t, int64_t>> backlog = monitor_db->DeliveryBacklog(); backlog.ok()) {
      metrics.SetWebhookBacklog(backlog->first);
    }
  }

  // Every book brought up to date with `lists`; a failure is logged and the others go on.
  void RescreenBooks(const screening::Snapshot& lists) {
    std::lock_guard lock(monitor_mutex);
    if (!monitor_db) return;
    Result<std::vector<monitor::BookInfo>> books = monitor_db->ListBooks();
    if (!books.ok()) {
      std::cerr << "cordon serve: books not re-screened: " << books.status().ToString() << "\n";
      return;
    }
    for (const monitor::BookInfo& book : *books) {
      Result<monitor::RescreenSummary> done = RescreenBook(book, lists);
      if (!done.ok()) {
        metrics.RecordRescreenFailure();
        std::cerr << "cordon serve: book " << book.name
                  << " not re-screened: " << done.status().ToString() << "\n";
      }
    }
  }

  void PollLoop() {
    std::unique_lock lock(stop_mutex);
    while (!stopping) {
      stop_cv.wait_for(lock, options.poll_interval, [this] { return stopping; });
      if (stopping) break;
      lock.unlock();
      Result<bool> reloaded = Reload();
      if (!reloaded.ok()) {
        std::cerr << "cordon serve: list update not applied, still serving the previous "
                     "versions: "
                  << reloaded.status().ToString() << "\n";
      }
      if (std::shared_ptr<const Snapshot> snapshot = current.load();
          snapshot && options.prepare_regimes) {
        Result<std::shared_ptr<const RegimesView>> view = Regimes(*snapshot);
        if (!view.ok()) {
          std::cerr << "cordon serve: subjects not resolved: " << view.status().ToString() << "\n";
        }
      }
      DeliverWebhooks();
      lock.lock();
    }
  }

  // Runs `handler` for an API route: authentication, rate limit, timing, error bodies.
  // `handler` returns the JSON answer or an ApiError, and gets the snapshot (503 before there is
  // one) and the key name.
  template <typename Handler>
  httplib::Server::Handler Api(Route route, Handler handler) {
    return [this, route, handler](const httplib::Request& req, httplib::Response& res) {
      const Clock::time_point start = Clock::now();
      std::string key_name;  // "" without authentication
      auto finish = [&] { metrics.RecordRequest(route, res.status, Seconds(start)); };
      if (options.auth) {
        const std::string key = RequestKey(req);
        std::shared_ptr<const KeyTable> table = keys.load();
        std::optional<std::string> name =
            key.empty() || !table ? std::nullopt : table->Authenticate(key);
        if (!name) {
          SendError(res, {401, "unauthorized",
                          key.empty() ? "an API key is required: send 'Authorization: Bearer "
                                        "KEY' (create one with `cordon keys add NAME`)"
                                      : "the API key is not valid"});
          res.set_header("WWW-Authenticate", "Bearer");
          return finish();
        }
        key_name = *name;
      }
      if (limiter) {
        double retry_after = 0;
        if (!limiter->Allow(key_name, start, &retry_after)) {
          SendError(res, {429, "rate_limited",
                          fmt::format("over the rate limit of {:g} requests/s for this key",
                                      options.rate_per_second)});
          res.set_header("Retry-After", std::to_string(static_cast<int>(retry_after) + 1));
          return finish();
        }
      }
      std::shared_ptr<const Snapshot> snapshot = current.load();
      if (!snapshot) {
        SendError(res, Unavailable("no lists loaded yet: run `cordon load` or `cordon update`"));
        return finish();
      }
      std::variant<Json, RawJson, ApiError> answer = handler(req, snapshot, key_name);
      if (auto* error = std::get_if<ApiError>(&answer)) {
        SendError(res, *error);
      } else if (auto* raw = std::get_if<RawJson>(&answer)) {
        res.set_header("X-Cordon-Lists", snapshot->fingerprint);
        res.status = 200;
        res.set_content(std::move(raw->text), "application/json");
      } else {
        Json& body = std::get<Json>(answer);
        res.set_header("X-Cordon-Lists", snapshot->fingerprint);
        if (body.is_object() && !body.contains("versions")) body["versions"] = snapshot->versions;
        res.status = 200;
        res.set_content(Dump(body), "application/json");
      }
      finish();
    };
  }

  static double Seconds(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
  }

  // Records a screening request; false (and a 503 to send) if the audit log cannot.
  bool Audit(const std::string& key_name, const std::string& endpoint, const std::string& dataset,
             Json request, Json results, const Snapshot& snapshot) {
    AuditEntry entry;
    entry.key_name = key_name;
    entry.endpoint = endpoint;
    entry.dataset = dataset;
    entry.request = std::move(request);
    entry.versions = snapshot.fingerprint;
    entry.results = std::move(results);
    // Returns once the record is written, so no answer leaves without its record. The writer
    // logs the failure (and the recovery) once; a line per refused request would flood the log.
    Status written = audit->Submit(entry);
    if (written.ok()) return true;
    metrics.RecordAuditFailure();
    return false;
  }

  // Search options bounded by this request's screening deadline and by shutdown.
  match::SearchOptions Bounded() const {
    match::SearchOptions search;
    search.deadline = std::chrono::steady_clock::now() + options.screening_deadline;
    search.cancel = &cancel_screening;
    return search;
  }

  // A screen that was cut short answers nothing for the whole request: a partial answer could
  // read as a clear one.
  ApiError ScreeningError(const Status& status) const {
    switch (status.code()) {
      case StatusCode::kDeadlineExceeded:
        return Unavailable(
            fmt::format("screening took longer than {} ms and was abandoned; nothing is reported",
                        options.screening_deadline.count()));
      case StatusCode::kCancelled:
        return Unavailable("the server is shutting down; nothing is reported");
      default:
        return BadRequest(status.message());
    }
  }

  std::variant<Json, RawJson, ApiError> Match(const httplib::Request& req,
                                              const std::shared_ptr<const Snapshot>& snapshot,
                                              const std::string& key_name) {
    const std::string dataset_name = req.matches[1];
    std::optional<Dataset> dataset = ResolveDataset(*snapshot, dataset_name);
    if (!dataset) {
      return NotFound(fmt::format(
          "dataset '{}' is not known: use default, us, eu, uk, un or a source name (GET /lists)",
          dataset_name));
    }
    // Parsed values are copied, echoed and audited recursively: refuse, before parsing, what
    // would overflow the stack.
    constexpr size_t kMaxBodyDepth = kMaxQueryDepth + 2;  // {"queries": {"q1": query}}
    if (TextNestedDeeperThan(req.body, kMaxBodyDepth)) {
      return BadRequest(fmt::format("the body is nested deeper than {} levels", kMaxBodyDepth));
    }
    Json body;
    try {
      body = Json::parse(req.body);
    } catch (const Json::parse_error& e) {
      std::string what = e.what();
      if (size_t at = what.find("] "); at != std::string::npos) what = what.substr(at + 2);
      return BadRequest("the body is not JSON: " + what);
    } catch (const Json::out_of_range&) {  // 406: a number beyond a double's range (1e309)
      return BadRequest(OverflowingNumberPath(req.body) +
                        ": a number too large to represent (not a finite number)");
    }
    if (!body.is_object() || !body.contains("queries") || !body["queries"].is_object()) {
      return BadRequest("the body needs \"queries\": an object of named queries");
    }
    const Json& queries = body["queries"];
    if (queries.size() > options.max_batch) {
      return TooLarge(fmt::format("{} queries in one request; at most {} are allowed",
                                  queries.size(), options.max_batch));
    }
    match::SearchOptions search = Bounded();
    search.regimes = dataset->regimes;
    search.sources = dataset->sources;
    search.limit = 5;
    auto parameter = [&](const char* name) -> std::optional<std::string> {
      if (req.has_param(name)) return req.get_param_value(name);
      if (body.contains(name)) {
        const Json& v = body[name];
        return v.is_string() ? v.get<std::string>() : v.dump();
      }
      return std::nullopt;
    };
    if (std::optional<std::string> text = parameter("threshold")) {
      std::optional<double> value = ParseNumber(*text);
      if (!value || *value < 0 || *value > 1) {
        return BadRequest("threshold: '" + *text + "' is not a number between 0 and 1");
      }
      search.threshold = *value;
    }
    if (std::optional<std::string> text = parameter("limit")) {
      std::optional<double> value = ParseNumber(*text);
      if (!value || *value < 1 || *value != static_cast<double>(static_cast<size_t>(*value))) {
        return BadRequest("limit: '" + *text + "' is not a positive whole number");
      }
      if (*value > static_cast<double>(options.max_limit)) {
        return BadRequest(fmt::format("limit: at most {}", options.max_limit));
      }
      search.limit = static_cast<size_t>(*value);
    }
    std::string algorithm = "cordon";
    if (std::optional<std::string> text = parameter("algorithm")) {
      static constexpr std::string_view kKnown[] = {
          "cordon",     "best",           "logic-v1", "logic-v2", "regression-v1",
          "name-based", "name-qualified", "ofac-249", "logic-v1", "regression-v2"};
      if (std::find(std::begin(kKnown), std::end(kKnown), *text) == std::end(kKnown)) {
        return BadRequest("algorithm: '" + *text +
                          "' is not known (cordon, best, logic-v1, logic-v2, regression-v1, "
                          "name-based, name-qualified, ofac-249)");
      }
      algorithm = *text;
    }

    std::string out = "{\"responses\":{";
    Json audit_results = Json::object();
    size_t total_results = 0;
    bool first_response = true;
    for (const auto& [name, value] : queries.items()) {
      if (!first_response) out += ',';
      first_response = false;
      out += Dump(Json(name));
      Result<match::Query> query = QueryFromFtm(value, "queries." + name);
      if (!query.ok()) {
        out += fmt::format(":{{\"status\":400,\"error\":{},\"results\":[]}}",
                           Dump(Json(query.status().message())));
        audit_results[name] = {{"error", query.status().message()}};
        continue;
      }
      query->id = name;
      Result<Screened> screened_or = Screen(*snapshot, *query, search);
      if (!screened_or.ok()) return ScreeningError(screened_or.status());
      const Screened& screened = *screened_or;
      const std::string& results = screened.results;
      Json audited = screened.audited;
      const size_t count = screened.count;
      total_results += count;
      out +=
          fmt::format(":{{\"status\":200,\"total\":{{\"value\":{},\"relation\":\"eq\"}},", count);
      // Fields that could not be read were left out of the query, as in `cordon screen`.
      if (!query->warnings.empty()) out += "\"warnings\":" + Dump(Json(query->warnings)) + ",";
      out += "\"results\":[" + results + "],\"query\":";
      Json echo;
      echo["id"] = name;
      echo["schema"] = value.contains("schema") ? value["schema"] : Json("Thing");
      echo["properties"] = value.contains("properties") ? value["properties"] : Json::object();
      out += Dump(echo) + "}";
      audit_results[name] = std::move(audited);
    }
    metrics.RecordMatch(queries.size(), total_results);
    if (!Audit(key_name, "/match/" + dataset_name, dataset_name, queries, std::move(audit_results),
               *snapshot)) {
      return Unavailable("the request could not be recorded in the audit log, so it was refused");
    }
    out +=
        fmt::format("}},\"limit\":{},\"threshold\":{},\"algorithm\":{},\"versions\":", search.limit,
                    search.threshold, Dump(Json(algorithm)));
    out += snapshot->versions_text;
    out += '}';
    return RawJson{std::move(out)};
  }

  std::variant<Json, RawJson, ApiError> Search(const httplib::Request& req,
                                               const std::shared_ptr<const Snapshot>& snapshot,
                                               const std::string& key_name) {
    const std::string dataset_name = req.matches[1];
    std::optional<Dataset> dataset = ResolveDataset(*snapshot, dataset_name);
    if (!dataset) return NotFound("dataset '" + dataset_name + "' is not known");
    const std::string q = req.get_param_value("q");
    if (StripWhitespace(q).empty()) return BadRequest("q: a name to search for is required");
    Json value;
    // No schema, "", "any" and yente's "Thing" all mean any kind of entity.
    const std::string schema = req.get_param_value("schema");
    if (!schema.empty() && schema != "any" && schema != "Thing") value["schema"] = schema;
    value["properties"]["name"] = Json::array({q});
    if (req.has_param("birth_date")) {
      value["properties"]["birthDate"] = Json::array({req.get_param_value("birth_date")});
    }
    if (req.has_param("country")) {
      value["properties"]["country"] = Json::array({req.get_param_value("country")});
    }
    Result<match::Query> query = QueryFromFtm(value, "search");
    if (!query.ok()) return BadRequest(query.status().message());
    match::SearchOptions search = Bounded();
    search.regimes = dataset->regimes;
    search.sources = dataset->sources;
    search.threshold = 0.5;
    search.limit = 10;
    if (req.has_param("threshold")) {
      std::optional<double> v = ParseNumber(req.get_param_value("threshold"));
      if (!v || *v < 0 || *v > 1) return BadRequest("threshold: not a number between 0 and 1");
      search.threshold = *v;
    }
    if (req.has_param("limit")) {
      std::optional<double> v = ParseNumber(req.get_param_value("limit"));
      if (!v || *v < 1 || *v > static_cast<double>(options.max_limit)) {
        return BadRequest(fmt::format("limit: a whole number from 1 to {}", options.max_limit));
      }
      search.limit = static_cast<size_t>(*v);
    }
    Result<Screened> screened_or = Screen(*snapshot, *query, search);
    if (!screened_or.ok()) return ScreeningError(screened_or.status());
    Screened& screened = *screened_or;
    const std::string& results = screened.results;
    const size_t count = screened.count;
    metrics.RecordMatch(1, count);
    if (!Audit(key_name, "/search/" + dataset_name, dataset_name, value,
               std::move(screened.audited), *snapshot)) {
      return Unavailable("the request could not be recorded in the audit log, so it was refused");
    }
    return RawJson{fmt::format(
        "{{\"query\":{},\"total\":{{\"value\":{},\"relation\":\"eq\"}},\"results\":[{}],"
        "\"versions\":{}}}",
        Dump(value), count, results, snapshot->versions_text)};
  }

  std::variant<Json, RawJson, ApiError> Entity(const httplib::Request& req,
                                               const std::shared_ptr<const Snapshot>& snapshot) {
    const std::string id = req.matches[1];
    const model::Entity* e = snapshot->index().Find(id);
    if (e == nullptr) return NotFound("no entity '" + id + "' in the current list versions");
    Json j;
    j["id"] = e->id;
    j["caption"] = e->caption();
    j["schema"] = model::SchemaName(e->schema);
    j["datasets"] = Json::array({e->provenance.source});
    j["regimes"] = Json::array();
    for (model::Regime r : match::Regimes(*e)) j["regimes"].push_back(model::RegimeName(r));
    j["source_id"] = match::SourceId(*e);
    j["properties"] = model::FtmProperties(*e);
    j["entity"] = model::EntityToJsonValue(*e);

    Json history = Json::array();
    Result<std::unique_ptr<store::Store>> store = BorrowStore();
    if (!store.ok()) {
      std::cerr << "cordon serve: " << store.status().ToString() << "\n";
      return Internal();
    }
    Result<std::vector<std::pair<int64_t, store::EntityChange>>> changes =
        (*store)->EntityHistory(id);
    ReturnStore(std::move(*store));
    if (!changes.ok()) {
      std::cerr << "cordon serve: " << changes.status().ToString() << "\n";
      return Internal();
    }
    const std::vector<store::VersionInfo>* versions = nullptr;
    for (const auto& [source, source_versions] : snapshot->sources) {
      if (source.name == e->provenance.source) versions = &source_versions;
    }
    for (const auto& [number, change] : *changes) {
      Json h;
      h["version"] = number;
      if (versions) {
        for (const store::VersionInfo& v : *versions) {
          if (v.number == number) {
            h["list_date"] = v.published;
            h["retrieved"] = v.retrieved;
          }
        }
      }
      h["change"] = store::ChangeKindName(change.kind);
      h["fields"] = change.fields;
      history.push_back(std::move(h));
    }
    j["history"] = std::move(history);

    Json relationships = Json::array();
    auto link_json = [&](const model::Link& link, std::string_view direction,
                         const std::string& other_id, const std::string& other_caption) {
      Json r;
      r["direction"] = direction;
      r["kind"] = model::LinkKindName(link.kind);
      r["id"] = other_id;
      r["caption"] = other_caption;
      r["share"] = link.share;
      r["interest"] = link.interest;
      r["start"] = link.start.empty() ? "" : link.start.ToIso();
      r["end"] = link.end.empty() ? "" : link.end.ToIso();
      r["note"] = link.note;
      relationships.push_back(std::move(r));
    };
    for (const model::Link& link : e->links) {
      const std::string target = snapshot->LinkTargetId(*e, link);
      const model::Entity* other = target.empty() ? nullptr : snapshot->index().Find(target);
      link_json(link, "outgoing", target, other ? other->caption() : link.target_name);
    }
    auto [first, last] = snapshot->incoming.equal_range(id);
    for (auto it = first; it != last; ++it) {
      link_json(*it->second.link, "incoming", it->second.from->id, it->second.from->caption());
    }
    j["relationships"] = std::move(relationships);
    if (std::optional<graph::EntityOwnership> ownership = snapshot->screening->ownership().Of(id)) {
      j["ownership"] = screening::OwnershipJson(*ownership);
    }
    return j;
  }

  std::variant<Json, RawJson, ApiError> Lists(const std::shared_ptr<const Snapshot>& snapshot) {
    Json j;
    j["sources"] = store::SourcesJson(snapshot->sources);
    j["index"] = {{"entities", snapshot->index().stats().entities},
                  {"built_at", snapshot->built_at},
                  {"build_seconds", snapshot->build_seconds},
                  {"generation", snapshot->generation}};
    return j;
  }

  // Subjects and the listing history, resolved once per set of list versions (a few seconds on
  // the bundled lists): the store's fingerprint says when they are stale. Analysts' overrides
  // are read from "<store>.overrides.json" beside the store, as the CLI reads them.
  struct RegimesView {
    std::string fingerprint;
    regimes::ListingHistory history;
    regimes::SubjectSet subjects;
  };
  std::mutex regimes_mutex;
  std::shared_ptr<const RegimesView> regimes_view;

  Result<std::shared_ptr<const RegimesView>> Regimes(const Snapshot& snapshot) {
    std::lock_guard lock(regimes_mutex);
    if (regimes_view && regimes_view->fingerprint == snapshot.fingerprint) return regimes_view;
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, BorrowStore());
    auto view = std::make_shared<RegimesView>();
    view->fingerprint = snapshot.fingerprint;
    Result<regimes::ListingHistory> history =
        regimes::ReadListingHistory(*store, regimes::DefaultRegimeSources());
    ReturnStore(std::move(store));
    if (!history.ok()) return history.status();
    view->history = std::move(history).value();
    ASSIGN_OR_RETURN(regimes::SubjectOverrides overrides,
                     regimes::ReadSubjectOverridesBeside(options.db_path));
    ASSIGN_OR_RETURN(view->subjects, regimes::ResolveSubjects(view->history.entities, overrides));
    regimes_view = view;
    return regimes_view;
  }

  std::variant<Json, RawJson, ApiError> Divergence(
      const httplib::Request& req, const std::shared_ptr<const Snapshot>& snapshot) {
    regimes::DivergenceOptions asked;
    if (req.has_param("regimes")) {
      asked.regimes.clear();
      const std::string regimes_param = req.get_param_value("regimes");  // Split keeps views
      for (std::string_view part : Split(regimes_param, ',')) {
        std::optional<model::Regime> r = model::RegimeFromName(StripWhitespace(part));
        if (!r || *r == model::Regime::kOther) {
          return BadRequest("regimes: unknown regime '" + std::string(part) + "' (us, eu, uk, un)");
        }
        asked.regimes.push_back(*r);
      }
    }
    asked.programme = AsciiLower(req.get_param_value("programme"));
    asked.as_of = req.get_param_value("as_of");
    size_t limit = 1000;
    if (req.has_param("limit")) {
      std::optional<double> v = ParseNumber(req.get_param_value("limit"));
      if (!v || *v < 0 || *v != static_cast<double>(static_cast<size_t>(*v))) {
        return BadRequest("limit: '" + req.get_param_value("limit") + "' is not a count");
      }
      limit = static_cast<size_t>(*v);
    }
    Result<std::shared_ptr<const RegimesView>> view = Regimes(*snapshot);
    if (!view.ok()) {
      std::cerr << "cordon serve: " << view.status().ToString() << "\n";
      return Internal();
    }
    Result<regimes::DivergenceReport> report =
        regimes::ComputeDivergence((*view)->history, (*view)->subjects, asked);
    if (!report.ok()) return BadRequest(report.status().message());
    Json j = regimes::DivergenceSummaryJson(*report);
    j["total"] = report->subjects.size();
    Json subjects = Json::array();
    for (const regimes::SubjectListings& s : report->subjects) {
      if (limit != 0 && subjects.size() >= limit) break;
      subjects.push_back(regimes::DivergenceLineJson(s));
    }
    j["subjects"] = std::move(subjects);
    return j;
  }

  std::variant<Json, RawJson, ApiError> Subject(const httplib::Request& req,
                                                const std::shared_ptr<const Snapshot>& snapshot) {
    const std::string id = req.matches[1];
    Result<std::shared_ptr<const RegimesView>> view = Regimes(*snapshot);
    if (!view.ok()) return Internal();
    for (const regimes::Subject& s : (*view)->subjects.subjects) {
      if (s.id == id ||
          std::find(s.entity_ids.begin(), s.entity_ids.end(), id) != s.entity_ids.end()) {
        return regimes::SubjectJson(s);
      }
    }
    return NotFound("no subject or entity '" + id + "'");
  }

  std::variant<Json, RawJson, ApiError> Licences(const httplib::Request& req) {
    const licences::LicenceTable& table = licences::LicenceTable::Bundled();
    std::optional<model::Regime> regime;
    if (req.has_param("regime")) {
      regime = model::RegimeFromName(req.get_param_value("regime"));
      if (!regime)
        return BadRequest("regime: '" + req.get_param_value("regime") + "' (us, eu or uk)");
    }
    std::optional<Date> as_of;
    if (req.has_param("as_of")) {
      Result<Date> d = Date::Parse(req.get_param_value("as_of"));
      if (!d.ok()) return BadRequest("as_of: " + d.status().message());
      as_of = *d;
    }
    Json list = Json::array();
    for (const licences::Licence& l : table.licences()) {
      if (regime && l.regime != *regime) continue;
      if (as_of && !table.InForceOn(l, *as_of)) continue;
      list.push_back(licences::LicenceJson(table, l));
    }
    Json activities = Json::object();
    for (const auto& [name, meaning] : table.activities()) activities[name] = meaning;
    return Json{{"activities", std::move(activities)}, {"licences", std::move(list)}};
  }

  std::variant<Json, RawJson, ApiError> LicenceCheck(
      const httplib::Request& req, const std::shared_ptr<const Snapshot>& snapshot) {
    const licences::LicenceTable& table = licences::LicenceTable::Bundled();
    licences::CheckRequest request;
    std::optional<model::Regime> regime = model::RegimeFromName(req.get_param_value("regime"));
    if (!regime || *regime == model::Regime::kOther || *regime == model::Regime::kUn) {
      return BadRequest("regime: '" + req.get_param_value("regime") + "' (us, eu or uk)");
    }
    request.regime = *regime;
    request.activity = req.get_param_value("activity");
    if (std::none_of(table.activities().begin(), table.activities().end(),
                     [&](const auto& a) { return a.first == request.activity; })) {
      return BadRequest("activity: '" + request.activity + "' is not in the vocabulary");
    }
    request.party_name = req.get_param_value("party");
    const std::string entity_id = req.get_param_value("entity");
    if (request.party_name.empty() == entity_id.empty()) {
      return BadRequest("give the party: party=NAME or entity=ID");
    }
    if (!entity_id.empty()) {
      request.entity = snapshot->index().Find(entity_id);
      if (request.entity == nullptr) return NotFound("no entity '" + entity_id + "'");
    }
    request.date = Date::Today();
    if (req.has_param("date")) {
      Result<Date> d = Date::Parse(req.get_param_value("date"));
      if (!d.ok()) return BadRequest("date: " + d.status().message());
      request.date = *d;
    }
    const licences::LicenceCheck check = table.Check(request);
    Json ids = Json::array();
    for (const licences::Licence* l : check.authorising) ids.push_back(l->id);
    Json j = {{"regime", model::RegimeName(request.regime)},
              {"activity", request.activity},
              {"date", request.date.ToIso()},
              {"authorised", !check.authorising.empty()},
              {"licences", std::move(ids)}};
    if (check.last != nullptr) {
      j["last_licence"] = check.last->id;
      j["last_ended"] = check.last_ended;
    }
    return j;
  }

  std::variant<Json, RawJson, ApiError> Diff(const httplib::Request& req,
                                             const std::shared_ptr<const Snapshot>& snapshot) {
    const std::string source = req.matches[1];
    bool known = false;
    for (const auto& [info, versions] : snapshot->sources) known = known || info.name == source;
    if (!known) return NotFound("no source '" + source + "' (GET /lists names them)");
    auto version_param = [&](const char* name, int64_t* out) -> std::optional<ApiError> {
      if (!req.has_param(name)) return std::nullopt;
      std::optional<double> v = ParseNumber(req.get_param_value(name));
      if (!v || *v < 0 || *v != static_cast<double>(static_cast<int64_t>(*v))) {
        return BadRequest(std::string(name) + ": '" + req.get_param_value(name) +
                          "' is not a version number");
      }
      *out = static_cast<int64_t>(*v);
      return std::nullopt;
    };
    int64_t from = 0, to = 0, limit = 1000;
    if (auto e = version_param("from", &from)) return *e;
    if (auto e = version_param("to", &to)) return *e;
    if (auto e = version_param("limit", &limit)) return *e;
    if (from != 0 && to == 0) {
      return BadRequest("to: needed with from (or give neither for the latest delta)");
    }
    Result<std::unique_ptr<store::Store>> store = BorrowStore();
    if (!store.ok()) return Internal();
    Result<store::Delta> delta = (*store)->GetDelta(source, from, to);
    ReturnStore(std::move(*store));
    if (!delta.ok()) {
      if (delta.status().code() == StatusCode::kNotFound) {
        return NotFound(delta.status().message());
      }
      std::cerr << "cordon serve: " << delta.status().ToString() << "\n";
      return Internal();
    }
    return store::DeltaJson(*delta, static_cast<size_t>(limit));
  }

  std::string Gauges() {
    std::string out;
    std::shared_ptr<const Snapshot> snapshot = current.load();
    out += "# HELP cordon_index_entities Entities in the index being served.\n";
    out += "# TYPE cordon_index_entities gauge\n";
    out += fmt::format("cordon_index_entities {}\n",
                       snapshot ? snapshot->index().stats().entities : 0);
    out += "# HELP cordon_index_generation Snapshots built since the server started.\n";
    out += "# TYPE cordon_index_generation gauge\n";
    out += fmt::format("cordon_index_generation {}\n", snapshot ? snapshot->generation : 0);
    if (std::shared_ptr<const KeyTable> table = keys.load()) {
      out += "# HELP cordon_api_keys Current API keys.\n# TYPE cordon_api_keys gauge\n";
      out += fmt::format("cordon_api_keys {}\n", table->size());
    }
    if (!snapshot) return out;
    out +=
        "# HELP cordon_list_age_seconds Age of each source's current version (its list date, "
        "else when it was read).\n";
    out += "# TYPE cordon_list_age_seconds gauge\n";
    const std::time_t now = std::time(nullptr);
    for (const store::VersionInfo& v : snapshot->screening->versions()) {
      const std::string date = store::EffectiveDate(v);
      std::tm tm{};
      if (date.size() < 10 || !strptime(date.c_str(), "%Y-%m-%d", &tm)) continue;
      const std::time_t then = timegm(&tm);
      out += fmt::format("cordon_list_age_seconds{{source=\"{}\"}} {}\n", v.source,
                         static_cast<int64_t>(now - then));
    }
    return out;
  }

  // POST /trade/screen: {"shipments": [...]}, an array of shipments, one shipment, or JSON
  // lines; each answered as `cordon trade screen` writes it.
  std::variant<Json, RawJson, ApiError> TradeScreen(const httplib::Request& req,
                                                    const std::shared_ptr<const Snapshot>& snapshot,
                                                    const std::string& key_name) {
    trade::TradeScreenOptions trade_options;
    if (req.has_param("threshold")) {
      std::optional<double> v = ParseNumber(req.get_param_value("threshold"));
      if (!v || *v < 0 || *v > 1) return BadRequest("threshold: not a number between 0 and 1");
      trade_options.threshold = *v;
    }
    // A shipment nests four deep ({"shipments": [{"goods": [{...}]}]}); deeper bodies are refused
    // before anything walks them recursively.
    if (TextNestedDeeperThan(req.body, kMaxQueryDepth + 2)) {
      return BadRequest("the body nests deeper than a shipment does");
    }
    std::vector<nlohmann::json> shipments;
    nlohmann::json body = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_object() && body.contains("shipments")) {
      if (!body["shipments"].is_array()) return BadRequest("shipments: not an array");
      if (body.contains("threshold")) {
        if (!body["threshold"].is_number() || body["threshold"].get<double>() < 0 ||
            body["threshold"].get<double>() > 1) {
          return BadRequest("threshold: not a number between 0 and 1");
        }
        trade_options.threshold = body["threshold"].get<double>();
      }
      for (nlohmann::json& s : body["shipments"]) shipments.push_back(std::move(s));
    } else if (body.is_array()) {
      for (nlohmann::json& s : body) shipments.push_back(std::move(s));
    } else if (body.is_object()) {
      shipments.push_back(std::move(body));
    } else {
      // JSON lines: every line must be an object.
      int64_t line_number = 0;
      for (std::string_view rest = req.body; !rest.empty();) {
        const size_t end = std::min(rest.find('\n'), rest.size());
        const std::string_view line = StripWhitespace(rest.substr(0, end));
        rest.remove_prefix(std::min(rest.size(), end + 1));
        ++line_number;
        if (line.empty()) continue;
        nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
        if (!object.is_object()) {
          return BadRequest(fmt::format(
              "line {}: not a JSON object (send {{\"shipments\": [...]}}, an array, or JSON lines)",
              line_number));
        }
        shipments.push_back(std::move(object));
      }
    }
    if (shipments.empty()) return BadRequest("no shipments: send {\"shipments\": [...]}");
    if (shipments.size() > options.max_shipments) {
      return TooLarge(fmt::format("{} shipments: at most {} a request", shipments.size(),
                                  options.max_shipments));
    }
    trade_options.search = Bounded();
    const trade::ShipmentScreener screener(snapshot->screening, trade::TradeRules::Bundled(),
                                           trade_options);
    std::string out = "{\"results\":[";
    Json audited = Json::array();
    Json request = Json::array();
    for (size_t i = 0; i < shipments.size(); ++i) {
      if (!shipments[i].is_object())
        return BadRequest(fmt::format("shipments[{}]: not an object", i));
      const trade::Shipment shipment =
          trade::ShipmentFromJson(shipments[i], fmt::format("shipments[{}]", i));
      Result<trade::Assessment> a = screener.Screen(shipment);
      if (!a.ok()) return ScreeningError(a.status());
      if (i > 0) out += ',';
      out += screener.ResultLine(shipment, *a);
      Json codes = Json::array();
      for (const trade::Finding& f : a->findings) codes.push_back(f.code);
      audited.push_back(
          {{"id", shipment.id}, {"risk", a->risk}, {"level", a->level}, {"findings", codes}});
      request.push_back(Json::parse(shipments[i].dump()));
    }
    if (!Audit(key_name, "/trade/screen", "default", std::move(request), std::move(audited),
               *snapshot)) {
      return Unavailable("the request could not be recorded in the audit log, so it was refused");
    }
    out += fmt::format("],\"threshold\":{},\"versions\":{}}}", trade_options.threshold,
                       snapshot->versions_text);
    return RawJson{std::move(out)};
  }

  // GET /trade/flows ranks the flows file `serve --trade-flows` names; POST /trade/flows ranks
  // the CSV in the body. ?baseline=2021&latest=2024&top=20.
  std::variant<Json, RawJson, ApiError> TradeFlows(const httplib::Request& req) {
    trade::FlowsOptions flows_options;
    size_t top = 20;
    auto whole = [&](const char* name, auto& out, double lo, double hi) -> std::optional<ApiError> {
      if (!req.has_param(name)) return std::nullopt;
      std::optional<double> v = ParseNumber(req.get_param_value(name));
      if (!v || *v < lo || *v > hi || *v != std::floor(*v)) {
        return BadRequest(fmt::format("{}: a whole number from {:g} to {:g}", name, lo, hi));
      }
      out = static_cast<std::remove_reference_t<decltype(out)>>(*v);
      return std::nullopt;
    };
    if (auto e = whole("baseline", flows_options.baseline_year, 1900, 2100)) return *e;
    if (auto e = whole("latest", flows_options.latest_year, 1900, 2100)) return *e;
    if (auto e = whole("top", top, 0, 100000)) return *e;
    trade::FlowsAnalysis analysis(trade::TradeRules::Bundled(), flows_options);
    if (req.method == "POST") {
      if (StripWhitespace(req.body).empty()) {
        return BadRequest("POST a CSV body: reporter,partner,hs6,period,flow,value_usd");
      }
      if (Status s = analysis.AddCsv(req.body, "the body"); !s.ok()) return BadRequest(s.message());
    } else {
      if (options.trade_flows_path.empty()) {
        return NotFound(
            "no trade flows loaded: start `cordon serve --trade-flows FILE`, or POST a CSV here");
      }
      Result<std::string> text = ReadFile(options.trade_flows_path);
      if (text.ok()) text = MaybeDecompress(std::move(*text), options.trade_flows_path);
      if (!text.ok()) {
        std::cerr << "cordon serve: " << text.status().ToString() << "\n";
        return Internal();
      }
      if (Status s = analysis.AddCsv(*text, options.trade_flows_path); !s.ok()) {
        std::cerr << "cordon serve: " << s.ToString() << "\n";
        return Internal();
      }
    }
    return trade::FlowsReportJson(analysis.Report(), top);
  }

  std::optional<ApiError> MonitoringReady() {
    if (monitor_db) return std::nullopt;
    return Unavailable("monitoring is not available: " + monitor_unavailable);
  }

  // GET /alerts?book=&since=&status=open|decided&kind=&limit= (newest first, default 100).
  std::variant<Json, RawJson, ApiError> Alerts(const httplib::Request& req) {
    monitor::AlertFilter filter;
    filter.book = req.get_param_value("book");
    filter.since = req.get_param_value("since");
    filter.status = req.get_param_value("status");
    filter.kind = req.get_param_value("kind");
    filter.limit = 100;
    if (req.has_param("limit")) {
      std::optional<double> v = ParseNumber(req.get_param_value("limit"));
      if (!v || *v < 0 || *v > 100000 || *v != std::floor(*v)) {
        return BadRequest("limit: a whole number from 0 to 100000");
      }
      filter.limit = static_cast<size_t>(*v);
    }
    std::lock_guard lock(monitor_mutex);
    if (auto e = MonitoringReady()) return *e;
    Result<std::vector<monitor::Alert>> alerts = monitor_db->ListAlerts(filter);
    if (!alerts.ok()) {
      if (alerts.status().code() == StatusCode::kInvalidArgument) {
        return BadRequest(alerts.status().message());
      }
      std::cerr << "cordon serve: " << alerts.status().ToString() << "\n";
      return Internal();
    }
    std::string out = "{\"alerts\":[";
    for (size_t i = 0; i < alerts->size(); ++i) {
      if (i > 0) out += ',';
      out += monitor::AlertJson((*alerts)[i]);
    }
    out += "]}";
    return RawJson{std::move(out)};
  }

  // GET /alerts/{id}: the alert with the customer's record, for the two side by side.
  std::variant<Json, RawJson, ApiError> AlertOne(const httplib::Request& req) {
    std::optional<double> id = ParseNumber(req.matches[1].str());
    if (!id || *id < 1 || *id != std::floor(*id)) return NotFound("no such alert");
    std::lock_guard lock(monitor_mutex);
    if (auto e = MonitoringReady()) return *e;
    Result<monitor::Alert> alert = monitor_db->GetAlert(static_cast<int64_t>(*id));
    if (!alert.ok()) return NotFound(alert.status().message());
    Result<std::string> customer = monitor_db->CustomerRecord(alert->book, alert->customer_id);
    return RawJson{"{\"alert\":" + monitor::AlertJson(*alert) +
                   ",\"customer\":" + (customer.ok() ? *customer : std::string("null")) + "}"};
  }

  // POST /alerts/{id}/decision {"as": "false_positive"|"true_match", "reason": "...", "by"?}.
  std::variant<Json, RawJson, ApiError> Decision(const httplib::Request& req,
                                                 const std::shared_ptr<const Snapshot>& snapshot,
                                                 const std::string& key_name) {
    std::optional<double> id = ParseNumber(req.matches[1].str());
    if (!id || *id < 1 || *id != std::floor(*id)) return NotFound("no such alert");
    Json body = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object()) return BadRequest("POST {\"as\": ..., \"reason\": ...}");
    auto text = [&](const char* member) {
      auto it = body.find(member);
      return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const std::string decision = text("as"), reason = text("reason");
    std::string by = text("by");
    if (by.empty()) by = key_name.empty() ? "api" : key_name;
    std::lock_guard lock(monitor_mutex);
    if (auto e = MonitoringReady()) return *e;
    Result<monitor::Alert> decided =
        monitor_db->Decide(static_cast<int64_t>(*id), decision, reason, by);
    if (!decided.ok()) {
      switch (decided.status().code()) {
        case StatusCode::kInvalidArgument:
          return BadRequest(decided.status().message());
        case StatusCode::kNotFound:
          return NotFound(decided.status().message());
        case StatusCode::kFailedPrecondition:
          return ApiError{409, "conflict", decided.status().message()};
        default:
          std::cerr << "cordon serve: " << decided.status().ToString() << "\n";
          return Internal();
      }
    }
    const std::string alert = monitor::AlertJson(*decided);
    if (!Audit(key_name, "/alerts/" + std::to_string(decided->id) + "/decision", decided->book,
               Json{{"alert", decided->id}, {"as", decision}, {"reason", reason}, {"by", by}},
               Json::parse(alert), *snapshot)) {
      return Unavailable(
          "the decision was recorded but could not be written to the audit log; the server log "
          "says why");
    }
    return RawJson{alert};
  }

  // GET /books.
  std::variant<Json, RawJson, ApiError> Books() {
    std::lock_guard lock(monitor_mutex);
    if (auto e = MonitoringReady()) return *e;
    Result<std::vector<monitor::BookInfo>> books = monitor_db->ListBooks();
    if (!books.ok()) {
      std::cerr << "cordon serve: " << books.status().ToString() << "\n";
      return Internal();
    }
    std::string out = "{\"books\":[";
    for (size_t i = 0; i < books->size(); ++i) {
      if (i > 0) out += ',';
      out += monitor::BookJson((*books)[i]);
    }
    out += "]}";
    return RawJson{std::move(out)};
  }

  // POST /books?name=NAME[&threshold=T]: the body (CSV or FtM JSON lines, as `cordon screen`
  // reads) stored as the book's next version, then screened against the current lists.
  std::variant<Json, RawJson, ApiError> BookLoad(const httplib::Request& req,
                                                 const std::shared_ptr<const Snapshot>& snapshot,
                                                 const std::string& key_name) {
    const std::string name = req.get_param_value("name");
    if (name.empty()) return BadRequest("name: the book's name is required (?name=...)");
    std::optional<double> threshold;
    if (req.has_param("threshold")) {
      threshold = ParseNumber(req.get_param_value("threshold"));
      if (!threshold) return BadRequest("threshold: not a number");
    }
    Result<std::vector<match::Query>> customers = monitor::ReadBookText(req.body, "the body");
    if (!customers.ok()) return BadRequest(customers.status().message());
    std::lock_guard lock(monitor_mutex);
    if (auto e = MonitoringReady()) return *e;
    Result<monitor::BookVersion> version =
        monitor_db->LoadBook(name, "POST /books", *customers, threshold);
    if (!version.ok()) {
      if (version.status().code() == StatusCode::kInvalidArgument) {
        return BadRequest(version.status().message());
      }
      std::cerr << "cordon serve: " << version.status().ToString() << "\n";
      return Internal();
    }
    Result<monitor::BookInfo> book = monitor_db->GetBook(name);
    Result<monitor::RescreenSummary> summary =
        book.ok() ? RescreenBook(*book, *snapshot->screening)
                  : Result<monitor::RescreenSummary>(book.status());
    if (!summary.ok()) {
      std::cerr << "cordon serve: " << summary.status().ToString() << "\n";
      return Internal();
    }
    book = monitor_db->GetBook(name);
    Json answer;
    answer["book"] = Json::parse(book.ok() ? monitor::BookJson(*book) : std::string("null"));
    answer["version"] = {{"version", version->number},      {"unchanged", version->unchanged},
                         {"customers", version->customers}, {"added", version->added},
                         {"changed", version->changed},     {"removed", version->removed}};
    answer["alerts"] = {{"new", summary->new_alerts},
                        {"changed", summary->changed_alerts},
                        {"cleared", summary->cleared_alerts},
                        {"licence_expiring", summary->licence_alerts},
                        {"ids", summary->alert_ids}};
    if (!Audit(key_name, "/books", name, Json{{"name", name}, {"customers", version->customers}},
               answer, *snapshot)) {
      return Unavailable("the book was stored but the audit log could not be written");
    }
    return answer;
  }

  void Routes() {
    http.Post(R"(/match/([^/]+))",
              Api(Route::kMatch, [this](const auto& req, const auto& s, const std::string& key) {
                return Match(req, s, key);
              }));
    http.Get(R"(/match/([^/]+))", [this](const httplib::Request&, httplib::Response& res) {
      SendError(res, {405, "method_not_allowed", "POST a JSON body of queries to /match"});
      res.set_header("Allow", "POST");
      metrics.RecordRequest(Route::kMatch, 405, 0);
    });
    http.Get(R"(/search/([^/]+))",
             Api(Route::kSearch, [this](const auto& req, const auto& s, const std::string& key) {
               return Search(req, s, key);
             }));
    http.Get(R"(/entities/(.+))",
             Api(Route::kEntity, [this](const auto& req, const auto& s, const std::string&) {
               return Entity(req, s);
             }));
    http.Get("/lists", Api(Route::kLists, [this](const auto&, const auto& s, const std::string&) {
               return Lists(s);
             }));
    http.Get(R"(/lists/([^/]+)/diff)",
             Api(Route::kDiff, [this](const auto& req, const auto& s, const std::string&) {
               return Diff(req, s);
             }));
    http.Get("/divergence",
             Api(Route::kDivergence, [this](const auto& req, const auto& s, const std::string&) {
               return Divergence(req, s);
             }));
    http.Get(R"(/subjects/(.+))",
             Api(Route::kDivergence, [this](const auto& req, const auto& s, const std::string&) {
               return Subject(req, s);
             }));
    http.Get("/licences",
             Api(Route::kLicences, [this](const auto& req, const auto&, const std::string&) {
               return Licences(req);
             }));
    http.Get("/licences/check",
             Api(Route::kLicences, [this](const auto& req, const auto& s, const std::string&) {
               return LicenceCheck(req, s);
             }));
    http.Post("/trade/screen", Api(Route::kTradeScreen,
                                   [this](const auto& req, const auto& s, const std::string& key) {
                                     return TradeScreen(req, s, key);
                                   }));
    http.Get("/trade/flows",
             Api(Route::kTradeFlows, [this](const auto& req, const auto&, const std::string&) {
               return TradeFlows(req);
             }));
    http.Post("/trade/flows",
              Api(Route::kTradeFlows, [this](const auto& req, const auto&, const std::string&) {
                return TradeFlows(req);
              }));
    http.Get("/alerts", Api(Route::kAlerts, [this](const auto& req, const auto&,
                                                   const std::string&) { return Alerts(req); }));
    http.Get(R"(/alerts/(\d+))",
             Api(Route::kAlerts, [this](const auto& req, const auto&, const std::string&) {
               return AlertOne(req);
             }));
    http.Post(R"(/alerts/(\d+)/decision)",
              Api(Route::kAlerts, [this](const auto& req, const auto& s, const std::string& key) {
                return Decision(req, s, key);
              }));
    http.Get("/books", Api(Route::kBooks, [this](const auto&, const auto&, const std::string&) {
               return Books();
             }));
    http.Post("/books",
              Api(Route::kBooks, [this](const auto& req, const auto& s, const std::string& key) {
                return BookLoad(req, s, key);
              }));
    // Methods a path does not take: 405 with the ones it does (docs/api.md), not 404.
    auto wrong_method = [this](const httplib::Request& req, httplib::Response& res) {
      const std::string allowed = AllowedMethods(req.path);
      if (allowed.empty()) {
        SendError(res, NotFound("no such endpoint (GET /openapi.json lists them)"));
        metrics.RecordRequest(Route::kOther, 404, 0);
        return;
      }
      SendError(res, {405, "method_not_allowed",
                      fmt::format("{} is not allowed here; use {}", req.method, allowed)});
      res.set_header("Allow", allowed);
      metrics.RecordRequest(Route::kOther, 405, 0);
    };
    http.Get("/trade/screen", wrong_method);
    http.Get(R"(/alerts/(\d+)/decision)", wrong_method);
    http.Post("/alerts", wrong_method);
    http.Options(".*", wrong_method);
    http.Delete(".*", wrong_method);
    http.Put(".*", wrong_method);
    http.Patch(".*", wrong_method);
    http.Post(R"(/(search|entities|lists|healthz|readyz|metrics|openapi\.json)(/.*)?)",
              wrong_method);
    http.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"status":"ok"})", "application/json");
      metrics.RecordRequest(Route::kHealth, 200, 0);
    });
    http.Get("/readyz", [this](const httplib::Request&, httplib::Response& res) {
      std::shared_ptr<const Snapshot> snapshot = current.load();
      Json j;
      if (!audit->Healthy()) {
        // Screening is refused until the audit log can be written: take this server out of
        // rotation, and back in once the writer's retry succeeds.
        j["status"] = "audit log not writable";
        res.status = 503;
      } else if (snapshot) {
        j["status"] = "ready";
        j["entities"] = snapshot->index().stats().entities;
        j["versions"] = snapshot->versions;
        res.status = 200;
      } else {
        j["status"] = "no lists loaded";
        res.status = 503;
      }
      res.set_content(Dump(j), "application/json");
      metrics.RecordRequest(Route::kReady, res.status, 0);
    });
    http.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(metrics.Render(Gauges()), "text/plain; version=0.0.4");
      metrics.RecordRequest(Route::kMetrics, 200, 0);
    });
    http.Get("/openapi.json", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(OpenApiDocument(), "application/json");
      metrics.RecordRequest(Route::kOpenApi, 200, 0);
    });
  }
};

Server::Server() : impl_(std::make_unique<Impl>()) {}

Server::~Server() { Stop(); }

Status ValidateServerOptions(const ServerOptions& options) {
  if (options.port < 0 || options.port > 65535) {
    return InvalidArgumentError(fmt::format("--port {} is not a port number", options.port));
  }
  if (options.threads < 1 || options.threads > kMaxServerThreads) {
    return InvalidArgumentError(
        fmt::format("--threads {}: give 1 to {}", options.threads, kMaxServerThreads));
  }
  // NaN passes every comparison false: test for what is valid, not for what is not.
  if (!(std::isfinite(options.rate_per_second) && options.rate_per_second >= 0)) {
    return InvalidArgumentError(
        fmt::format("--rate-limit {}: give requests per second, 0 or more (0: no limit)",
                    options.rate_per_second));
  }
  if (!(std::isfinite(options.rate_burst) && options.rate_burst >= 1)) {
    return InvalidArgumentError(
        fmt::format("--burst {}: give a number of requests, 1 or more", options.rate_burst));
  }
  if (options.max_body_bytes < 1024 || options.max_body_bytes > kMaxBodyLimit) {
    return InvalidArgumentError(
        fmt::format("--max-body {}: give 1024 to {} bytes", options.max_body_bytes, kMaxBodyLimit));
  }
  if (options.bind.empty()) return InvalidArgumentError("--bind: an address is needed");
  if (!options.auth && !IsLoopback(options.bind)) {
    return InvalidArgumentError("--no-auth is only allowed on a loopback address (--bind " +
                                options.bind + " is not one)");
  }
  return Status::Ok();
}

Result<std::unique_ptr<Server>> Server::Start(ServerOptions options) {
  RETURN_IF_ERROR(ValidateServerOptions(options));
  std::unique_ptr<Server> server(new Server());  // the constructor is private
  Impl& impl = *server->impl_;
  impl.options = options;
  ASSIGN_OR_RETURN(impl.reload_store, store::Store::Open(options.db_path));
  if (options.auth) {
    ASSIGN_OR_RETURN(impl.key_store, ApiKeys::Open(options.db_path));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<AuditLog> audit_log, AuditLog::Open(options.audit_path));
  impl.audit = std::make_unique<AuditWriter>(
      std::move(audit_log),
      AuditWriter::Options{.retry_interval = options.audit_retry_interval,
                           .fault_for_testing = options.audit_fault_for_testing});
  if (options.rate_per_second > 0) {
    impl.limiter = std::make_unique<RateLimiter>(options.rate_per_second, options.rate_burst);
  }
  {
    Result<std::unique_ptr<monitor::Monitor>> monitor =
        monitor::Monitor::Open(options.db_path, store::OpenMode::kReadWrite);
    if (monitor.ok()) {
      impl.monitor_db = std::move(*monitor);
    } else {
      impl.monitor_unavailable = monitor.status().ToString();
      std::cerr << "cordon serve: monitoring is off: " << impl.monitor_unavailable << "\n";
    }
  }
  RETURN_IF_ERROR(impl.Reload().status());
  if (options.auth && impl.keys.load() && impl.keys.load()->size() == 0) {
    std::cerr << "cordon serve: warning: no API keys yet, so every data request gets 401; "
                 "create one with `cordon keys add NAME`\n";
  }
  if (!impl.current.load()) {
    std::cerr << "cordon serve: warning: the store has no lists; /readyz answers 503 until "
                 "`cordon load` or `cordon update` adds some\n";
  }

  HttpFront& http = impl.http;
  // Connections, timeouts and framing are HttpFront's (service/http_front.h); this limit is
  // also the reader's, and httplib's own check stays behind it.
  http.set_payload_max_length(options.max_body_bytes);
  http.set_tcp_nodelay(true);  // else a response waits on the client's delayed ACK (40 ms)
  // Only what the Keep-Alive header advertises now (HttpFront closes idle connections after
  // its own keep_alive_timeout, 5 s): httplib's default says max=5.
  http.set_keep_alive_max_count(100000);
  http.set_keep_alive_timeout(5);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "no-referrer"},
                            {"Content-Security-Policy",
                             "default-src 'self'; img-src 'self' data:; style-src 'self' "
                             "'unsafe-inline'; frame-ancestors 'none'"}});
  std::string web_root = options.web_root;
  if (web_root.empty() && IsDirectory(CORDON_WEB_DIST)) web_root = CORDON_WEB_DIST;
  if (!web_root.empty()) {
    if (!IsDirectory(web_root) || !http.set_mount_point("/", web_root)) {
      return InvalidArgumentError("--web " + web_root + ": not a folder");
    }
  } else {
    http.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(
          "<!doctype html><title>cordon</title><p>The web page is not built: run <code>npm ci "
          "&amp;&amp; npm run build</code> in <code>web/</code>, or pass <code>--web</code>. The "
          "API is at <a href=\"/openapi.json\">/openapi.json</a>.</p>",
          "text/html");
    });
  }
  impl.Routes();
  Impl* raw = &impl;
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([raw](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        switch (res.status) {
          case 404:
            SendError(res, NotFound("no such endpoint (GET /openapi.json lists them)"));
            raw->metrics.RecordRequest(Route::kOther, 404, 0);
            break;
          case 413:
            SendError(res, TooLarge(fmt::format("the body is over the limit of {} bytes",
                                                raw->options.max_body_bytes)));
            raw->metrics.RecordRequest(Route::kOther, 413, 0);
            break;
          case 400:
            SendError(res, BadRequest("the request could not be read as HTTP"));
            break;
          default:
            SendError(res, {res.status, std::string(ErrorCode(res.status)),
                            "the request could not be served"});
            break;
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler(
      [raw](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
        // The 500 tells the client that the log has the cause: write it there.
        std::string what = "an unknown exception";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        raw->error_log.Log(fmt::format("{} {}: internal error: {}", req.method, req.path, what));
        raw->metrics.RecordRequest(Route::kOther, 500, 0);
        SendError(res, Internal());
      });

  // httplib listens with a backlog of 5 (compiled into Debian's library): 64 clients
  // connecting at once overflow it and wait for SYN retransmits, a second or more. Keep the
  // socket, and listen again with a real backlog once it is bound.
  int listen_fd = -1;
  http.set_socket_options([&listen_fd](int sock) {
    httplib::default_socket_options(sock);
    listen_fd = sock;
  });
  if (options.port == 0) {
    impl.port = http.bind_to_any_port(options.bind);
  } else if (http.bind_to_port(options.bind, options.port)) {
    impl.port = options.port;
  } else {
    impl.port = -1;
  }
  if (impl.port <= 0) {
    return UnavailableError(
        fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)",
                    options.bind, options.port));
  }
  if (listen_fd >= 0 && ::listen(listen_fd, SOMAXCONN) != 0) {
    return UnavailableError(fmt::format("cannot listen on {}:{}", options.bind, impl.port));
  }
  http.StartConnections(
      {.workers = options.threads,
       .max_body = options.max_body_bytes,
       .head_timeout = options.head_timeout,
       .on_refused = [raw](int status) { raw->metrics.RecordRequest(Route::kOther, status, 0); }});
  impl.listen_thread = std::thread([raw] { raw->http.listen_after_bind(); });
  impl.reload_thread = std::thread([raw] { raw->PollLoop(); });
  // Accepting is ready once the socket is bound; wait until the loop runs so that a caller
  // connecting right after Start() is served.
  while (!http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return server;
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
  const std::string& host = impl_->options.bind;
  return host.find(':') != std::string::npos ? fmt::format("http://[{}]:{}", host, impl_->port)
                                             : fmt::format("http://{}:{}", host, impl_->port);
}

Result<bool> Server::ReloadNow() { return impl_->Reload(); }

std::shared_ptr<const Snapshot> Server::snapshot() const { return impl_->current.load(); }

void Server::Wait() {
  std::unique_lock lock(impl_->stop_mutex);
  impl_->stop_cv.wait(lock, [this] { return impl_->stopping; });
}

void Server::Stop() {
  {
    std::lock_guard lock(impl_->stop_mutex);
    if (impl_->stopped) return;
    impl_->stopping = true;
    impl_->stopped = true;
  }
  impl_->stop_cv.notify_all();
  impl_->cancel_screening = true;
  impl_->http.stop();
  if (impl_->listen_thread.joinable()) impl_->listen_thread.join();
  impl_->http.StopConnections();
  if (impl_->reload_thread.joinable()) impl_->reload_thread.join();
  // Requests are finished: write out their records and close the log.
  impl_->audit.reset();
}

}  // namespace cordon::service
