// monitor/monitor.h: customer books kept in the store, re-screened whenever a list or the book
// changes, and the alerts and decisions that follow.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<Monitor> monitor, Monitor::Open("cordon.db", kReadWrite));
//   ASSIGN_OR_RETURN(BookVersion v, monitor->LoadBook("retail", "customers.csv", customers, {}));
//   ASSIGN_OR_RETURN(RescreenSummary s, monitor->Rescreen("retail", *snapshot));  // alerts raised
//   ASSIGN_OR_RETURN(std::vector<Alert> open, monitor->ListAlerts({.status = "open"}));
//   ASSIGN_OR_RETURN(Alert decided, monitor->Decide(open[0].id, "false_positive", "DOB differs",
//                                                   "analyst"));
//
// A book is a named customer file with versions: loading a file stores it as the next version
// with its delta (customers added, changed, removed), where "changed" means something the matcher
// reads changed (monitor/customer.h). Each book keeps its last screening: the matches at its
// threshold and the state of every entity they were computed on. Rescreen brings it up to date
// with a snapshot of the lists: the first time in full, afterwards incrementally
// (monitor/rescreen.h), and compares the two:
//   new_match      a pair that was not matched before
//   changed_match  the score, the listing (regimes, programmes) or the ownership status changed
//   cleared_match  the pair is gone: entity delisted, customer removed or changed, score fell
//   licence_expiring  a general licence in force that names the matched entity as a party (what
//                  screening results list under "licences") expires within the licence alert
//                  window (30 days unless set): raised once per customer, entity and licence,
//                  on every re-screening including one that finds the book up to date, because
//                  the calendar moves when the lists do not
// An alert carries the customer, the entity, both scores, the explanation and the list and book
// versions before and after. A decision closes an alert; "false_positive" also suppresses the
// pair until the customer's record or the entity's state changes, so the same false positive
// does not come back with every list version.
//
// Every write is one SQLite transaction: a failed load or re-screening leaves the book, its last
// screening and its alerts as they were.
//
// Thread safety: one thread at a time; open one Monitor per thread or process (SQLite locks the
// file between processes).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "match/query.h"
#include "monitor/rescreen.h"
#include "screening/snapshot.h"
#include "store/sqlite.h"

namespace cordon::monitor {

struct BookVersion {
  std::string book;
  int64_t number = 0;
  std::string loaded;  // ISO 8601 UTC
  std::string file;
  std::string sha256;  // of the customers' canonical records, in id order
  int64_t customers = 0;
  int64_t added = 0;
  int64_t changed = 0;
  int64_t removed = 0;
  bool unchanged = false;  // LoadBook: the same customers as the current version; nothing written
};

struct BookInfo {
  std::string name;
  std::string created;
  double threshold = 0;
  BookVersion current;
  int64_t screened_version = 0;  // the book version the last screening was of; 0: never
  std::string screened_lists;    // the lists it was on ("un_sc@1,us_ofac_sdn@2,...")
  std::string screened_at;
  int64_t matches = 0;
  int64_t open_alerts = 0;
  int64_t decided_alerts = 0;
};

struct Alert {
  int64_t id = 0;
  std::string book;
  std::string customer_id;
  std::string entity_id;
  std::string kind;                      // new_match, changed_match, cleared_match
  std::string status;                    // open, decided
  std::optional<double> score;           // null for a cleared match
  std::optional<double> previous_score;  // null for a new match
  // JSON: {"summary", "change" (changed_match: what changed), "match" (as `cordon screen`
  // renders it)}
  std::string explanation;
  std::string versions;  // JSON: {"lists_before", "lists_after", "book_before", "book_after"}
  std::string raised_at;
  std::string decision;  // false_positive, true_match; "" while open
  std::string reason;
  std::string decided_by;
  std::string decided_at;
};

struct AlertFilter {
  std::string book;    // "": every book
  std::string since;   // "YYYY-MM-DD" or an ISO instant: raised at or after; "": any time
  std::string status;  // open, decided; "": both
  std::string kind;    // "": any
  size_t limit = 0;    // newest first; 0: all
};

struct RescreenSummary {
  std::string book;
  RescreenStats stats;
  bool up_to_date = false;  // the book was screened on these lists and this version already
  int64_t matches = 0;
  int64_t new_alerts = 0;
  int64_t changed_alerts = 0;
  int64_t cleared_alerts = 0;
  int64_t licence_alerts = 0;      // licence_expiring alerts raised
  int64_t suppressed = 0;          // changes not raised: the pair was decided a false positive
  std::vector<int64_t> alert_ids;  // the alerts raised, in order
};

// The book's customer file as queries. InvalidArgument naming file and line for a record that
// cannot be read, one without an id, or two with one id: a book is loaded whole or not at all.
Result<std::vector<match::Query>> ReadBookFile(const std::string& path);
// The same for a book's text (an API request's body); errors name `name` as the file.
Result<std::vector<match::Query>> ReadBookText(std::string text, const std::string& name);

struct Webhook {
  int64_t id = 0;
  std::string url;
  std::string secret;  // HMAC-SHA256 key of the signature header; "" signs with an empty key
  std::string created;
};

// One alert still to be delivered to one webhook.
struct PendingDelivery {
  int64_t alert_id = 0;
  Webhook webhook;
  int64_t attempts = 0;  // made so far
  std::string alert_json;
};

class Monitor {
 public:
  // Opens the store file (store/sqlite.h); kReadOnly for the commands that only read.
  static Result<std::unique_ptr<Monitor>> Open(const std::string& path, store::OpenMode mode);
  // Open() is the way to make one; this takes a database already open at schema 3 or later.
  explicit Monitor(std::unique_ptr<store::Database> db);
  ~Monitor();
  Monitor(const Monitor&) = delete;
  Monitor& operator=(const Monitor&) = delete;

  // Stores `customers` as the next version of book `name`, creating the book (with `threshold`,
  // default 0.80) if it does not exist; a threshold given for an existing book replaces its own
  // and makes the next re-screening a full one. InvalidArgument for a bad name, threshold or
  // duplicate id.
  Result<BookVersion> LoadBook(const std::string& name, const std::string& file,
                               const std::vector<match::Query>& customers,
                               std::optional<double> threshold);
  Result<std::vector<BookInfo>> ListBooks();
  // NotFound for an unknown book.
  Result<BookInfo> GetBook(const std::string& name);
  Result<std::vector<BookVersion>> BookVersions(const std::string& name);
  // The current customers, in id order.
  Result<std::vector<match::Query>> Customers(const std::string& name);
  // One customer's current record as CustomerJson, or NotFound.
  Result<std::string> CustomerRecord(const std::string& book, const std::string& customer_id);

  // Brings book `name`'s screening up to date with `snapshot` and raises the alerts. `index`, if
  // given, must be BookIndex::Build(Customers(name)) of the current version (a server keeps it
  // between list updates); otherwise it is built here.
  Result<RescreenSummary> Rescreen(const std::string& name, const screening::Snapshot& snapshot,
                                   std::shared_ptr<const BookIndex> index = nullptr,
                                   size_t threads = 1);
  // The window of licence_expiring alerts, in days before the expiry; 0 raises none.
  void SetLicenceAlertDays(int days) { licence_alert_days_ = days; }
  // The day the window is counted from; nullopt (the default): the snapshot's as-of date when
  // one was given, else today.
  void SetLicenceAlertDate(std::optional<Date> date) { licence_alert_date_ = date; }
  // Every book, in name order.
  Result<std::vector<RescreenSummary>> RescreenAll(const screening::Snapshot& snapshot,
                                                   size_t threads = 1);

  Result<std::vector<Alert>> ListAlerts(const AlertFilter& filter);
  Result<Alert> GetAlert(int64_t id);
  // Records a decision on an open alert: `decision` is false_positive or true_match; `reason` is
  // required. NotFound, InvalidArgument, or FailedPrecondition when already decided.
  Result<Alert> Decide(int64_t id, const std::string& decision, const std::string& reason,
                       const std::string& by);

  // Webhooks: every alert raised after a webhook is added is queued for it in the transaction
  // that raises it, so an alert stored is an alert that will be delivered (monitor/webhooks.h).
  // InvalidArgument for a URL that is not http://, https://, file:/// (a JSON-lines file) or
  // kafka://HOST:PORT/TOPIC.
  Result<Webhook> AddWebhook(const std::string& url, const std::string& secret);
  Result<std::vector<Webhook>> ListWebhooks();
  // NotFound for an unknown id; pending deliveries to it are dropped.
  Status RemoveWebhook(int64_t id);
  // Deliveries due at `now` (ISO 8601 UTC), oldest alert first, at most `limit`.
  Result<std::vector<PendingDelivery>> DueDeliveries(const std::string& now, size_t limit);
  // Records an attempt: delivered, or failed with `error` and retried at `next_attempt`.
  Status RecordDelivery(int64_t alert_id, int64_t webhook_id, bool delivered,
                        const std::string& error, const std::string& next_attempt);
  // Deliveries not yet made, and those whose last attempt failed.
  Result<std::pair<int64_t, int64_t>> DeliveryBacklog();

 private:
  Result<BookScreening> LastScreening(const std::string& name);
  // Raises the licence_expiring alerts of book `name`'s stored matches (of book version
  // `screened_version`), in one transaction.
  Status RaiseLicenceAlerts(const std::string& name, const screening::Snapshot& snapshot,
                            int64_t screened_version, RescreenSummary& summary);
  store::Database& db() { return *db_; }

  std::unique_ptr<store::Database> db_;
  int licence_alert_days_ = 30;
  std::optional<Date> licence_alert_date_;
};

// {"id", "book", "customer_id", "entity_id", "kind", "status", "score", "previous_score",
//  "explanation", "versions", "raised_at"} and, once decided, "decision": {"as", "reason", "by",
//  "at"}: one line of `cordon alerts --json` and one element of GET /alerts.
std::string AlertJson(const Alert& alert);
// {"name", "threshold", "created", "version", "loaded", "file", "customers", "added", "changed",
//  "removed", "screened_version", "screened_lists", "screened_at", "matches", "open_alerts",
//  "decided_alerts"}
std::string BookJson(const BookInfo& book);

}  // namespace cordon::monitor
