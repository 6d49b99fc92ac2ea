// `cordon book load NAME FILE [--threshold T]`, `cordon book list`, `cordon book show NAME`,
// `cordon alerts [--book NAME] [--since DATE] [--status open|decided] [--kind K] [--limit N]`,
// `cordon alerts decide ID --as false_positive|true_match --reason TEXT [--by NAME]`,
// `cordon webhooks add URL [--secret S] | list | remove ID`, and the
// re-screening of every book that `ingest`, `load` and `update` run after storing a version.
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

#include "cli/commands.h"
#include "monitor/monitor.h"
#include "monitor/webhooks.h"
#include "screening/snapshot.h"
#include "service/audit_log.h"

namespace cordon::cli {

// One round of deliveries to the webhooks, reported on `io` (defined below).
Status DeliverWebhooks(monitor::Monitor& monitor, CommandIo& io);

namespace {

size_t Threads() { return std::max(1u, std::thread::hardware_concurrency()); }

void PrintSummary(CommandIo& io, const monitor::RescreenSummary& s) {
  const std::string licence_alerts =
      s.licence_alerts > 0
          ? fmt::format(
                "; {} licence_expiring alerts (a general licence naming a matched entity "
                "expires within the window)",
                s.licence_alerts)
          : "";
  if (s.up_to_date) {
    fmt::print(io.out, "book {}: up to date ({} matches){}\n", s.book, s.matches, licence_alerts);
    return;
  }
  const monitor::RescreenStats& st = s.stats;
  fmt::print(io.out,
             "book {}: {} in {:.2f} s: {} customers screened, {} entities added or changed "
             "({} in what the matcher reads), {} removed, {} candidates from the book's index; {} "
             "matches; alerts: {} new, {} changed, {} cleared{}\n",
             s.book, st.full ? "screened in full" : "re-screened", st.seconds,
             st.customers_screened, st.touched_entities,
             st.full ? st.touched_entities : st.rescored_entities, st.removed_entities,
             st.mirror_candidates, s.matches, s.new_alerts, s.changed_alerts, s.cleared_alerts,
             s.suppressed > 0
                 ? fmt::format(" ({} decided false positives stayed quiet)", s.suppressed)
                 : "");
  if (!licence_alerts.empty()) fmt::print(io.out, "book {}{}\n", s.book, licence_alerts);
}

Result<std::unique_ptr<monitor::Monitor>> OpenMonitor(const std::string& db, store::OpenMode mode) {
  return monitor::Monitor::Open(db, mode);
}

class BookCommands : public Command {
 public:
  Takes takes() const override { return {.json = true}; }

  CLI::App* Add(CLI::App& app) override {
    book_ = CommandGroup(app, "book", "customer books: load, list, show (monitoring)");
    load_ = book_->add_subcommand("load",
                                  "store a customer file as the next version of a book, "
                                  "then screen it (incrementally)");
    load_->add_option("name", name_, "book name")->required();
    load_->add_option("file", file_, "CSV or FtM JSON lines, as `cordon screen` reads")->required();
    load_->add_option("--threshold", threshold_,
                      "lowest score that raises an alert (default 0.80)");
    list_ = book_->add_subcommand("list", "books with their versions, matches and open alerts");
    show_ = book_->add_subcommand("show", "one book: its versions and last screening");
    show_->add_option("name", name_, "book name")->required();
    return book_;
  }

  Status Run(const SharedOptions& shared, CommandIo& io) override {
    if (load_->parsed()) return Load(shared, io);
    if (list_->parsed()) return List(shared, io);
    return Show(shared, io);
  }

 private:
  Status Load(const SharedOptions& shared, CommandIo& io) {
    ASSIGN_OR_RETURN(std::vector<match::Query> customers, monitor::ReadBookFile(file_));
    // The lists must be there to screen against: refuse before storing anything.
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForWriting(shared.db));
    ASSIGN_OR_RETURN(std::unique_ptr<monitor::Monitor> monitor,
                     OpenMonitor(shared.db, store::OpenMode::kReadWrite));
    ASSIGN_OR_RETURN(monitor::BookVersion v,
                     monitor->LoadBook(name_, file_, customers, threshold_));
    if (v.unchanged) {
      fmt::print(io.out, "book {}: unchanged (identical to version {}, {} customers)\n", name_,
                 v.number, v.customers);
    } else {
      fmt::print(io.out, "book {}: version {} ({} customers: {} added, {} changed, {} removed)\n",
                 name_, v.number, v.customers, v.added, v.changed, v.removed);
    }
    Result<std::shared_ptr<const screening::Snapshot>> snapshot =
        screening::Snapshot::Build(*store, {});
    if (!snapshot.ok()) {
      return Status(snapshot.status().code(), snapshot.status().message() +
                                                  "\ncordon: the book was stored; it will be "
                                                  "screened when lists are loaded");
    }
    ASSIGN_OR_RETURN(monitor::RescreenSummary s,
                     monitor->Rescreen(name_, **snapshot, nullptr, Threads()));
    PrintSummary(io, s);
    return DeliverWebhooks(*monitor, io);
  }

  Status List(const SharedOptions& shared, CommandIo& io) {
    ASSIGN_OR_RETURN(std::unique_ptr<monitor::Monitor> monitor,
                     OpenMonitor(shared.db, store::OpenMode::kReadOnly));
    ASSIGN_OR_RETURN(std::vector<monitor::BookInfo> books, monitor->ListBooks());
    if (shared.json) {
      for (const monitor::BookInfo& b : books) fmt::print(io.out, "{}\n", monitor::BookJson(b));
      return Status::Ok();
    }
    fmt::print(io.out, "{:<16} {:>4} {:>9} {:>9} {:>8} {:>6} {:>8}  {}\n", "BOOK", "VER",
               "CUSTOMERS", "THRESHOLD", "MATCHES", "OPEN", "DECIDED", "SCREENED ON");
    for (const monitor::BookInfo& b : books) {
      fmt::print(io.out, "{:<16} {:>4} {:>9} {:>9.2f} {:>8} {:>6} {:>8}  {}\n", b.name,
                 b.current.number, b.current.customers, b.threshold, b.matches, b.open_alerts,
                 b.decided_alerts,
                 b.screened_version == 0 ? std::string("(not screened)") : b.screened_lists);
    }
    return Status::Ok();
  }

  Status Show(const SharedOptions& shared, CommandIo& io) {
    ASSIGN_OR_RETURN(std::unique_ptr<monitor::Monitor> monitor,
                     OpenMonitor(shared.db, store::OpenMode::kReadOnly));
    ASSIGN_OR_RETURN(monitor::BookInfo b, monitor->GetBook(name_));
    ASSIGN_OR_RETURN(std::vector<monitor::BookVersion> versions, monitor->BookVersions(name_));
    if (shared.json) {
      nlohmann::ordered_json j = nlohmann::ordered_json::parse(monitor::BookJson(b));
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const monitor::BookVersion& v : versions) {
        list.push_back({{"version", v.number},
                        {"loaded", v.loaded},
                        {"file", v.file},
                        {"sha256", v.sha256},
                        {"customers", v.customers},
                        {"added", v.added},
                        {"changed", v.changed},
                        {"removed", v.removed}});
      }
      j["versions"] = std::move(list);
      fmt::print(io.out, "{}\n", j.dump());
      return Status::Ok();
    }
    fmt::print(io.out, "book {} (threshold {:.2f}, created {})\n", b.name, b.threshold, b.created);
    for (const monitor::BookVersion& v : versions) {
      fmt::print(io.out, "  version {:>3}  {}  {:>8} customers  +{} ~{} -{}  {}\n", v.number,
                 v.loaded, v.customers, v.added, v.changed, v.removed, v.file);
    }
    if (b.screened_version == 0) {
      fmt::print(io.out, "not screened yet\n");
    } else {
      fmt::print(io.out, "last screened {} (book version {}) on {}\n", b.screened_at,
                 b.screened_version, b.screened_lists);
    }
    fmt::print(io.out, "{} matches, {} open alerts, {} decided\n", b.matches, b.open_alerts,
               b.decided_alerts);
    return Status::Ok();
  }

  CLI::App *book_ = nullptr, *load_ = nullptr, *list_ = nullptr, *show_ = nullptr;
  std::string name_, file_;
  std::optional<double> threshold_;
};

class AlertsCommand : public Command {
 public:
  Takes takes() const override { return {.json = true}; }

  CLI::App* Add(CLI::App& app) override {
    alerts_ = app.add_subcommand("alerts", "monitoring alerts: list them, or decide one");
    alerts_->add_option("--book", filter_.book, "only this book's");
    alerts_->add_option("--since", filter_.since, "raised on or after this date (YYYY-MM-DD)");
    alerts_->add_option("--status", filter_.status, "open or decided");
    alerts_->add_option("--kind", filter_.kind,
                        "new_match, changed_match, cleared_match or licence_expiring");
    alerts_->add_option("--limit", filter_.limit, "newest first, at most this many (0: all)");
    decide_ = alerts_->add_subcommand("decide", "record a decision on an open alert");
    decide_->add_option("id", id_, "alert id")->required();
    decide_->add_option("--as", decision_, "false_positive or true_match")->required();
    decide_->add_option("--reason", reason_, "why (kept in the audit log)")->required();
    decide_->add_option("--by", by_, "who decided (default $USER)");
    decide_->add_option("--audit", audit_path_, "audit log (default cordon-audit.log)");
    return alerts_;
  }

  Status Check(const SharedOptions&) override {
    if (decide_->parsed()) {
      if (decision_ != "false_positive" && decision_ != "true_match") {
        return InvalidArgumentError("--as: '" + decision_ +
                                    "' is not false_positive or true_match");
      }
      if (reason_.empty()) return InvalidArgumentError("--reason: a decision needs a reason");
    }
    if (!filter_.status.empty() && filter_.status != "open" && filter_.status != "decided") {
      return InvalidArgumentError("--status: '" + filter_.status + "' is not open or decided");
    }
    return Status::Ok();
  }

  Status Run(const SharedOptions& shared, CommandIo& io) override {
    if (decide_->parsed()) return Decide(shared, io);
    ASSIGN_OR_RETURN(std::unique_ptr<monitor::Monitor> monitor,
                     OpenMonitor(shared.db, store::OpenMode::kReadOnly));
    ASSIGN_OR_RETURN(std::vector<monitor::Alert> alerts, monitor->ListAlerts(filter_));
    if (shared.json) {
      for (const monitor::Alert& a : alerts) fmt::print(io.out, "{}\n", monitor::AlertJson(a));
      return Status::Ok();
    }
    fmt::print(io.out, "{:>6} {:<12} {:<14} {:<10} {:<22} {:>6} {:>6}  {:<14} {}\n", "ID", "BOOK",
               "KIND", "CUSTOMER", "ENTITY", "SCORE", "WAS", "STATUS", "LISTED AS / WHAT CHANGED");
    for (const monitor::Alert& a : alerts) {
      auto score = [](const std::optional<double>& s) {
        return s ? fmt::format("{:.3f}", *s) : std::string("-");
      };
      // The listed name, and for a change or a clearing what happened.
      const nlohmann::json why = nlohmann::json::parse(a.explanation, nullptr, false);
      std::string detail;
      if (why.is_object()) {
        const nlohmann::json match = why.value("match", nlohmann::json());
        if (match.is_object()) detail = match.value("caption", "");
        const std::string summary = why.value("summary", "");
        if (a.kind == "cleared_match") detail += ": " + summary;
        if (a.kind == "changed_match") detail += ": " + why.value("change", "");
        if (a.kind == "licence_expiring") detail += ": " + summary;
      }
      fmt::print(io.out, "{:>6} {:<12} {:<14} {:<10} {:<22} {:>6} {:>6}  {:<14} {}\n", a.id, a.book,
                 a.kind, a.customer_id, a.entity_id, score(a.score), score(a.previous_score),
                 a.status == "open" ? a.status : a.decision, detail);
    }
    fmt::print(io.err, "cordon: {} alerts\n", alerts.size());
    return Status::Ok();
  }

 private:
  Status Decide(const SharedOptions& shared, CommandIo& io) {
    if (by_.empty()) {
      const char* user = std::getenv("USER");
      by_ = user != nullptr ? user : "cli";
    }
    ASSIGN_OR_RETURN(std::unique_ptr<monitor::Monitor> monitor,
                     OpenMonitor(shared.db, store::OpenMode::kReadWrite));
    // The audit log is opened first: a decision that cannot be logged is not taken.
    ASSIGN_OR_RETURN(std::unique_ptr<service::AuditLog> audit,
                     service::AuditLog::Open(audit_path_));
    ASSIGN_OR_RETURN(monitor::Alert a, monitor->Decide(id_, decision_, reason_, by_));
    service::AuditEntry entry;
    entry.key_name = by_;
    entry.endpoint = "cli:alerts decide";
    entry.dataset = a.book;
    entry.request = {{"alert", a.id}, {"as", decision_}, {"reason", reason_}, {"by", by_}};
    entry.versions = nlohmann::ordered_json::parse(a.versions, nullptr, false);
    entry.results = nlohmann::ordered_json::parse(monitor::AlertJson(a), nullptr, false);
    if (Status logged = audit->Append(entry); !logged.ok()) {
      return Status(logged.code(), logged.message() + "\ncordon: the decision on alert " +
                                       std::to_string(a.id) +
                                       " was recorded but could not be written to " + audit_path_);
    }
    if (shared.json) {
      fmt::print(io.out, "{}\n", monitor::AlertJson(a));
    } else {
      fmt::print(io.out, "alert {}: decided {} by {} ({})\n", a.id, a.decision, a.decided_by,
                 a.reason);
    }
    return Status::Ok();
  }

  CLI::App *alerts_ = nullptr, *decide_ = nullptr;
  monitor::AlertFilter filter_;
  int64_t id_ = 0;
  std::string decision_, reason_, by_, audit_path_ = "cordon-audit.log";
};

class WebhooksCommands : public Command {
 public:
  CLI::App* Add(CLI::App& app) override {
    group_ = CommandGroup(app, "webhooks", "where alerts are POSTed (signed, retried)");
    add_ = group_->add_subcommand("add",
                                  "register a URL: every alert raised from now on is POSTed "
                                  "to it");
    add_->add_option("url", url_, "http(s)://..., file:///alerts.jsonl or kafka://HOST:PORT/TOPIC")
        ->required();
    add_->add_option("--secret", secret_, "HMAC-SHA256 key of the X-Cordon-Signature header");
    list_ = group_->add_subcommand("list", "registered webhooks and the delivery backlog");
    remove_ = group_->add_subcommand("remove", "stop delivering to a webhook");
    remove_->add_option("id", id_, "webhook id")->required();
    return group_;
  }

  Status Run(const SharedOptions& shared, CommandIo& io) override {
    const bool reading = list_->parsed();
    ASSIGN_OR_RETURN(
        std::unique_ptr<monitor::Monitor> monitor,
        OpenMonitor(shared.db, reading ? store::OpenMode::kReadOnly : store::OpenMode::kCreate));
    if (add_->parsed()) {
      ASSIGN_OR_RETURN(monitor::Webhook w, monitor->AddWebhook(url_, secret_));
      fmt::print(io.out, "webhook {}: {}{}\n", w.id, w.url,
                 w.secret.empty() ? " (unsigned key)" : "");
      return Status::Ok();
    }
    if (remove_->parsed()) {
      RETURN_IF_ERROR(monitor->RemoveWebhook(id_));
      fmt::print(io.out, "webhook {} removed\n", id_);
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(std::vector<monitor::Webhook> hooks, monitor->ListWebhooks());
    for (const monitor::Webhook& w : hooks) {
      fmt::print(io.out, "{:>4}  {}  (added {})\n", w.id, w.url, w.created);
    }
    ASSIGN_OR_RETURN(auto backlog, monitor->DeliveryBacklog());
    fmt::print(io.out, "{} deliveries pending, {} of them after a failed attempt\n", backlog.first,
               backlog.second);
    return Status::Ok();
  }

 private:
  CLI::App *group_ = nullptr, *add_ = nullptr, *list_ = nullptr, *remove_ = nullptr;
  std::string url_, secret_;
  int64_t id_ = 0;
};

}  // namespace

Status DeliverWebhooks(monitor::Monitor& monitor, CommandIo& io) {
  ASSIGN_OR_RETURN(monitor::DeliveryRound round,
                   monitor::WebhookDeliverer(monitor::CurlPoster()).DeliverDue(monitor));
  if (round.delivered + round.failed == 0) return Status::Ok();
  fmt::print(io.out,
             "webhooks: {} alerts delivered, {} attempts failed (retried by `cordon serve` "
             "or the next update)\n",
             round.delivered, round.failed);
  for (const std::string& e : round.errors) fmt::print(io.err, "cordon: webhook: {}\n", e);
  return Status::Ok();
}

Status RescreenBooks(const std::string& db, CommandIo& io) {
  Result<std::unique_ptr<monitor::Monitor>> monitor =
      monitor::Monitor::Open(db, store::OpenMode::kReadWrite);
  if (!monitor.ok()) return monitor.status();
  ASSIGN_OR_RETURN(std::vector<monitor::BookInfo> books, (*monitor)->ListBooks());
  if (books.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForReading(db));
  ASSIGN_OR_RETURN(std::shared_ptr<const screening::Snapshot> snapshot,
                   screening::Snapshot::Build(*store, {}));
  store.reset();
  for (const monitor::BookInfo& b : books) {
    ASSIGN_OR_RETURN(monitor::RescreenSummary s,
                     (*monitor)->Rescreen(b.name, *snapshot, nullptr, Threads()));
    PrintSummary(io, s);
  }
  return DeliverWebhooks(**monitor, io);
}

std::vector<std::unique_ptr<Command>> MakeMonitorCommands() {
  std::vector<std::unique_ptr<Command>> out;
  out.push_back(std::make_unique<BookCommands>());
  out.push_back(std::make_unique<AlertsCommand>());
  out.push_back(std::make_unique<WebhooksCommands>());
  return out;
}

}  // namespace cordon::cli
