#include "monitor/monitor.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/sha256.h"
#include "match/query_reader.h"
#include "monitor/customer.h"
#include "store/ingest_files.h"

namespace cordon::monitor {
namespace {

using store::Statement;

// A transaction that rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(store::Database& db) : db_(db) {}
  Status Begin() {
    RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
    open_ = true;
    return Status::Ok();
  }
  Status Commit() {
    RETURN_IF_ERROR(db_.Exec("COMMIT"));
    open_ = false;
    return Status::Ok();
  }
  ~Transaction() {
    if (open_) db_.Exec("ROLLBACK").ok();
  }

 private:
  store::Database& db_;
  bool open_ = false;
};

Status ValidBookName(const std::string& name) {
  if (name.empty() || name.size() > 64) {
    return InvalidArgumentError("book name: 1 to 64 characters, got '" + name + "'");
  }
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return InvalidArgumentError("book name '" + name + "': letters, digits, '-', '_', '.' only");
    }
  }
  return Status::Ok();
}

BookVersion ReadVersion(const Statement& s, int first) {
  BookVersion v;
  v.book = s.Text(first);
  v.number = s.Int(first + 1);
  v.loaded = s.Text(first + 2);
  v.file = s.Text(first + 3);
  v.sha256 = s.Text(first + 4);
  v.customers = s.Int(first + 5);
  v.added = s.Int(first + 6);
  v.changed = s.Int(first + 7);
  v.removed = s.Int(first + 8);
  return v;
}
constexpr const char* kVersionColumns =
    "v.book, v.number, v.loaded, v.file, v.sha256, v.customers, v.added, v.changed, v.removed";

constexpr const char* kAlertColumns =
    "id, book, customer_id, entity_id, kind, status, score, previous_score, explanation, "
    "versions, raised_at, decision, reason, decided_by, decided_at";

Alert ReadAlert(const Statement& s) {
  Alert a;
  a.id = s.Int(0);
  a.book = s.Text(1);
  a.customer_id = s.Text(2);
  a.entity_id = s.Text(3);
  a.kind = s.Text(4);
  a.status = s.Text(5);
  if (!s.IsNull(6)) a.score = s.Double(6);
  if (!s.IsNull(7)) a.previous_score = s.Double(7);
  a.explanation = s.Text(8);
  a.versions = s.Text(9);
  a.raised_at = s.Text(10);
  a.decision = s.Text(11);
  a.reason = s.Text(12);
  a.decided_by = s.Text(13);
  a.decided_at = s.Text(14);
  return a;
}

// Queues each alert for every webhook there is when it is raised, in the transaction that
// raises it: an alert stored is an alert that will be delivered (monitor.h, AddWebhook).
class DeliveryQueue {
 public:
  explicit DeliveryQueue(sqlite3* db)
      : db_(db),
        insert_(db,
                "INSERT INTO deliveries(alert_id, webhook_id, attempts, delivered, next_attempt, "
                "last_error) VALUES(?, ?, 0, NULL, ?, '')") {}
  Status ReadWebhooks() {
    Statement w(db_, "SELECT id FROM webhooks WHERE removed IS NULL ORDER BY id");
    while (w.Step()) webhook_ids_.push_back(w.Int(0));
    return w.status();
  }
  Status Queue(int64_t alert_id, const std::string& now_iso) {
    for (int64_t webhook : webhook_ids_) {
      insert_.Reset();
      insert_.Bind(1, alert_id);
      insert_.Bind(2, webhook);
      insert_.Bind(3, now_iso);
      RETURN_IF_ERROR(insert_.Run());
    }
    return Status::Ok();
  }

 private:
  sqlite3* db_;
  Statement insert_;
  std::vector<int64_t> webhook_ids_;
};

std::string ExplanationJson(const std::string& summary, const std::string& change,
                            const std::string& match_json) {
  nlohmann::ordered_json j;
  j["summary"] = summary;
  if (!change.empty()) j["change"] = change;
  j["match"] = nlohmann::ordered_json::parse(match_json, nullptr, false);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Why a pair cleared, in words.
std::string ClearedReason(const PairMatch& was, const BookIndex& book,
                          const std::vector<std::string>& changed_ids, const EntityStates& now,
                          int64_t book_version, const screening::Snapshot& snapshot,
                          double threshold) {
  if (book.Find(was.customer_id) == nullptr) {
    return fmt::format("customer {} removed from the book (version {})", was.customer_id,
                       book_version);
  }
  if (!now.contains(was.entity_id)) {
    return fmt::format("entity {} no longer listed (not in the current version of its list)",
                       was.entity_id);
  }
  if (std::find(changed_ids.begin(), changed_ids.end(), was.customer_id) != changed_ids.end()) {
    return fmt::format("customer {} changed (book version {}) and no longer matches",
                       was.customer_id, book_version);
  }
  const model::Entity* entity = snapshot.index().Find(was.entity_id);
  if (entity != nullptr && !snapshot.Reportable(snapshot.EntityIndex(*entity))) {
    return fmt::format("entity {} is no longer reportable (not sanctioned, owned or controlled)",
                       was.entity_id);
  }
  return fmt::format("entity {} changed: the score fell below the book's threshold {:.2f}",
                     was.entity_id, threshold);
}

// What a changed_match changed, in words: "score 0.882 -> 0.857", "programmes SDGT -> IRGC,SDGT",
// "ownership us:clear -> us:blocked", or "record changed since decided a false positive".
std::string WhatChanged(const PairMatch& before, const PairMatch& after) {
  std::vector<std::string> parts;
  if (before.score != after.score) {
    parts.push_back(fmt::format("score {:.3f} -> {:.3f}", before.score, after.score));
  }
  auto field = [](const std::string& listing, size_t n) {
    size_t begin = 0;
    for (size_t i = 0; i < n; ++i) begin = listing.find('|', begin) + 1;
    const size_t end = listing.find('|', begin);
    return listing.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  };
  const char* names[] = {"regimes", "programmes", "ownership"};
  for (size_t i = 0; i < 3; ++i) {
    const std::string was = field(before.listing, i), is = field(after.listing, i);
    if (was != is) {
      parts.push_back(
          fmt::format("{} {} -> {}", names[i], was.empty() ? "-" : was, is.empty() ? "-" : is));
    }
  }
  if (parts.empty())
    parts.push_back("a record changed since the pair was decided a false positive");
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace

namespace {

Result<std::vector<match::Query>> ReadBook(match::QueryReader& reader, const std::string& path) {
  std::vector<match::Query> customers;
  std::unordered_map<std::string, int64_t> line_of;
  while (true) {
    match::Query q;
    Result<bool> more = reader.Next(q);
    if (!more.ok()) {
      return InvalidArgumentError(more.status().message() +
                                  " (a book is loaded whole: nothing was stored)");
    }
    if (!*more) break;
    const std::string at = fmt::format("{}:{}", path, reader.line());
    if (!q.warnings.empty()) {
      // A field the screening would leave out: a book keeps what the matcher reads, whole.
      return InvalidArgumentError(q.warnings.front() +
                                  " (a book is loaded whole: nothing was stored)");
    }
    if (q.id.empty()) return InvalidArgumentError(at + ": id: a book's customer needs an id");
    if (auto [it, fresh] = line_of.emplace(q.id, reader.line()); !fresh) {
      return InvalidArgumentError(
          fmt::format("{}: id: '{}' is already the id of line {}", at, q.id, it->second));
    }
    customers.push_back(std::move(q));
  }
  return customers;
}

}  // namespace

Result<std::vector<match::Query>> ReadBookFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<match::QueryReader> reader, match::QueryReader::Open(path));
  return ReadBook(*reader, path);
}

Result<std::vector<match::Query>> ReadBookText(std::string text, const std::string& name) {
  std::unique_ptr<match::QueryReader> reader =
      match::QueryReader::FromString(std::move(text), name);
  return ReadBook(*reader, name);
}

Monitor::Monitor(std::unique_ptr<store::Database> db) : db_(std::move(db)) {}
Monitor::~Monitor() = default;

Result<std::unique_ptr<Monitor>> Monitor::Open(const std::string& path, store::OpenMode mode) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db, store::Database::Open(path, mode));
  if (db->schema_version() < 3) {
    // A read-only file of an older cordon: no monitoring tables, so no books.
    return FailedPreconditionError(path + ": the store has no books (schema version " +
                                   std::to_string(db->schema_version()) +
                                   "); `cordon book load` adds the first");
  }
  return std::make_unique<Monitor>(std::move(db));
}

Result<BookVersion> Monitor::LoadBook(const std::string& name, const std::string& file,
                                      const std::vector<match::Query>& customers,
                                      std::optional<double> threshold) {
  RETURN_IF_ERROR(ValidBookName(name));
  if (threshold && (!std::isfinite(*threshold) || *threshold <= 0 || *threshold > 1)) {
    return InvalidArgumentError(
        fmt::format("threshold {} is not above 0 and at most 1", *threshold));
  }
  // Canonical records in id order: what is stored, compared and digested.
  std::map<std::string, std::pair<std::string, std::string>> records;  // id -> (digest, json)
  std::string all;
  for (const match::Query& c : customers) {
    std::string json = CustomerJson(c);
    std::string digest = Sha256Hex(json).substr(0, 16);
    if (!records.emplace(c.id, std::make_pair(std::move(digest), std::move(json))).second) {
      return InvalidArgumentError("customer id '" + c.id + "' appears twice");
    }
  }
  for (const auto& [id, record] : records) all += record.second + "\n";

  Transaction tx(db());
  RETURN_IF_ERROR(tx.Begin());
  int64_t current = 0;
  {
    Statement s(db().handle(), "SELECT version FROM books WHERE name = ?");
    s.Bind(1, name);
    if (s.Step()) current = s.Int(0);
    RETURN_IF_ERROR(s.status());
  }
  BookVersion v;
  v.book = name;
  v.file = file;
  v.sha256 = Sha256Hex(all);
  v.loaded = store::NowIso();
  v.customers = static_cast<int64_t>(records.size());
  if (current == 0) {
    Statement s(db().handle(),
                "INSERT OR IGNORE INTO books(name, created, threshold, version, screened_version, "
                "screened_lists, screened_at) VALUES(?, ?, ?, 0, 0, '', '')");
    s.Bind(1, name);
    s.Bind(2, v.loaded);
    s.Bind(3, threshold.value_or(0.80));
    RETURN_IF_ERROR(s.Run());
  } else {
    Statement same(db().handle(), "SELECT sha256 FROM book_versions WHERE book = ? AND number = ?");
    same.Bind(1, name);
    same.Bind(2, current);
    if (same.Step() && same.Text(0) == v.sha256 && !threshold) {
      RETURN_IF_ERROR(tx.Commit());
      v.number = current;
      v.unchanged = true;
      return v;
    }
    RETURN_IF_ERROR(same.status());
  }
  if (threshold && current != 0) {
    // A new threshold makes the last screening's matches incomparable: screen afresh.
    Statement s(db().handle(),
                "UPDATE books SET threshold = ?, screened_version = 0, screened_lists = '' "
                "WHERE name = ?");
    s.Bind(1, *threshold);
    s.Bind(2, name);
    RETURN_IF_ERROR(s.Run());
  }
  v.number = current + 1;

  // The current records, to tell what was added, changed and removed.
  std::unordered_map<std::string, std::string> before;  // id -> digest
  {
    Statement s(db().handle(),
                "SELECT customer_id, digest FROM book_customers WHERE book = ? AND last_version "
                "IS NULL");
    s.Bind(1, name);
    while (s.Step()) before.emplace(s.Text(0), s.Text(1));
    RETURN_IF_ERROR(s.status());
  }
  Statement close(db().handle(),
                  "UPDATE book_customers SET last_version = ? WHERE book = ? AND customer_id = ? "
                  "AND last_version IS NULL");
  Statement open(db().handle(),
                 "INSERT INTO book_customers(book, customer_id, first_version, last_version, "
                 "digest, json) VALUES(?, ?, ?, NULL, ?, ?)");
  for (const auto& [id, record] : records) {
    auto it = before.find(id);
    if (it != before.end() && it->second == record.first) {
      before.erase(it);
      continue;
    }
    if (it != before.end()) {
      ++v.changed;
      before.erase(it);
      close.Reset();
      close.Bind(1, current);
      close.Bind(2, name);
      close.Bind(3, id);
      RETURN_IF_ERROR(close.Run());
    } else {
      ++v.added;
    }
    open.Reset();
    open.Bind(1, name);
    open.Bind(2, id);
    open.Bind(3, v.number);
    open.Bind(4, record.first);
    open.Bind(5, record.second);
    RETURN_IF_ERROR(open.Run());
  }
  for (const auto& [id, digest] : before) {  // what is left was removed
    ++v.removed;
    close.Reset();
    close.Bind(1, current);
    close.Bind(2, name);
    close.Bind(3, id);
    RETURN_IF_ERROR(close.Run());
  }
  {
    Statement s(db().handle(),
                "INSERT INTO book_versions(book, number, loaded, file, sha256, customers, added, "
                "changed, removed) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.Bind(1, name);
    s.Bind(2, v.number);
    s.Bind(3, v.loaded);
    s.Bind(4, v.file);
    s.Bind(5, v.sha256);
    s.Bind(6, v.customers);
    s.Bind(7, v.added);
    s.Bind(8, v.changed);
    s.Bind(9, v.removed);
    RETURN_IF_ERROR(s.Run());
    Statement b(db().handle(), "UPDATE books SET version = ? WHERE name = ?");
    b.Bind(1, v.number);
    b.Bind(2, name);
    RETURN_IF_ERROR(b.Run());
  }
  RETURN_IF_ERROR(tx.Commit());
  return v;
}

Result<std::vector<BookInfo>> Monitor::ListBooks() {
  std::vector<BookInfo> books;
  Statement s(db().handle(),
              fmt::format("SELECT b.name, b.created, b.threshold, b.screened_version, "
                          "b.screened_lists, b.screened_at, {}, "
                          "(SELECT COUNT(*) FROM book_matches m WHERE m.book = b.name), "
                          "(SELECT COUNT(*) FROM alerts a WHERE a.book = b.name AND a.status = "
                          "'open'), "
                          "(SELECT COUNT(*) FROM alerts a WHERE a.book = b.name AND a.status = "
                          "'decided') "
                          "FROM books b JOIN book_versions v ON v.book = b.name AND v.number = "
                          "b.version ORDER BY b.name",
                          kVersionColumns)
                  .c_str());
  while (s.Step()) {
    BookInfo b;
    b.name = s.Text(0);
    b.created = s.Text(1);
    b.threshold = s.Double(2);
    b.screened_version = s.Int(3);
    b.screened_lists = s.Text(4);
    b.screened_at = s.Text(5);
    b.current = ReadVersion(s, 6);
    b.matches = s.Int(15);
    b.open_alerts = s.Int(16);
    b.decided_alerts = s.Int(17);
    books.push_back(std::move(b));
  }
  RETURN_IF_ERROR(s.status());
  return books;
}

Result<BookInfo> Monitor::GetBook(const std::string& name) {
  ASSIGN_OR_RETURN(std::vector<BookInfo> books, ListBooks());
  for (BookInfo& b : books) {
    if (b.name == name) return std::move(b);
  }
  return NotFoundError("no book called '" + name + "' (cordon book list shows them)");
}

Result<std::vector<BookVersion>> Monitor::BookVersions(const std::string& name) {
  std::vector<BookVersion> versions;
  Statement s(db().handle(),
              fmt::format("SELECT {} FROM book_versions v WHERE v.book = ? ORDER BY v.number",
                          kVersionColumns)
                  .c_str());
  s.Bind(1, name);
  while (s.Step()) versions.push_back(ReadVersion(s, 0));
  RETURN_IF_ERROR(s.status());
  if (versions.empty()) return NotFoundError("no book called '" + name + "'");
  return versions;
}

Result<std::vector<match::Query>> Monitor::Customers(const std::string& name) {
  std::vector<match::Query> customers;
  Statement s(db().handle(),
              "SELECT customer_id, json FROM book_customers WHERE book = ? AND last_version IS "
              "NULL ORDER BY customer_id");
  s.Bind(1, name);
  while (s.Step()) {
    Result<match::Query> q = CustomerFromJson(s.Text(1));
    if (!q.ok()) {
      return CorruptionError("book " + name + ", customer " + s.Text(0) + ": " +
                             q.status().message());
    }
    customers.push_back(std::move(*q));
  }
  RETURN_IF_ERROR(s.status());
  return customers;
}

Result<std::string> Monitor::CustomerRecord(const std::string& book,
                                            const std::string& customer_id) {
  Statement s(db().handle(),
              "SELECT json FROM book_customers WHERE book = ? AND customer_id = ? ORDER BY "
              "first_version DESC LIMIT 1");
  s.Bind(1, book);
  s.Bind(2, customer_id);
  if (s.Step()) return s.Text(0);
  RETURN_IF_ERROR(s.status());
  return NotFoundError("book " + book + " has no customer '" + customer_id + "'");
}

Result<BookScreening> Monitor::LastScreening(const std::string& name) {
  BookScreening last;
  Statement m(db().handle(),
              "SELECT customer_id, entity_id, score, listing, match_json, explanation FROM "
              "book_matches WHERE book = ? ORDER BY customer_id, entity_id");
  m.Bind(1, name);
  while (m.Step()) {
    last.matches.push_back({m.Text(0), m.Text(1), m.Double(2), m.Text(3), m.Text(4), m.Text(5)});
  }
  RETURN_IF_ERROR(m.status());
  Statement e(db().handle(), "SELECT entity_id, state FROM book_entities WHERE book = ?");
  e.Bind(1, name);
  while (e.Step()) last.entities.emplace(e.Text(0), e.Text(1));
  RETURN_IF_ERROR(e.status());
  return last;
}

Result<RescreenSummary> Monitor::Rescreen(const std::string& name,
                                          const screening::Snapshot& snapshot,
                                          std::shared_ptr<const BookIndex> index, size_t threads) {
  ASSIGN_OR_RETURN(BookInfo book, GetBook(name));
  RescreenSummary summary;
  summary.book = name;
  if (book.screened_version == book.current.number &&
      book.screened_lists == snapshot.fingerprint()) {
    summary.up_to_date = true;
    summary.matches = book.matches;
    RETURN_IF_ERROR(RaiseLicenceAlerts(name, snapshot, book.screened_version, summary));
    return summary;
  }
  if (index == nullptr) {
    ASSIGN_OR_RETURN(std::vector<match::Query> customers, Customers(name));
    ASSIGN_OR_RETURN(index, BookIndex::Build(std::move(customers)));
  }
  // Customers added or changed since the last screening: their current record is newer.
  std::vector<std::string> changed;
  std::unordered_map<std::string, std::string> digests;  // current customer digests
  {
    Statement s(db().handle(),
                "SELECT customer_id, first_version, digest FROM book_customers WHERE book = ? "
                "AND last_version IS NULL");
    s.Bind(1, name);
    while (s.Step()) {
      if (s.Int(1) > book.screened_version) changed.push_back(s.Text(0));
      digests.emplace(s.Text(0), s.Text(2));
    }
    RETURN_IF_ERROR(s.status());
  }
  const BookScreenOptions options{.threshold = book.threshold, .threads = threads};
  BookScreening previous;
  BookScreening now;
  if (book.screened_version == 0) {
    ASSIGN_OR_RETURN(now, ScreenBook(*index, snapshot, options));
  } else {
    ASSIGN_OR_RETURN(previous, LastScreening(name));
    ASSIGN_OR_RETURN(now, RescreenBook(*index, snapshot, previous, changed, options));
  }
  summary.stats = now.stats;
  summary.matches = static_cast<int64_t>(now.matches.size());

  // The alerts: the two screenings compared pair by pair (both sorted alike).
  struct Change {
    const char* kind;
    const PairMatch* before;
    const PairMatch* after;
  };
  std::vector<Change> changes;
  // Pairs decided a false positive, with the records as they were then.
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> suppressed;
  {
    Statement s(db().handle(),
                "SELECT customer_id, entity_id, customer_digest, entity_state FROM suppressions "
                "WHERE book = ?");
    s.Bind(1, name);
    while (s.Step()) suppressed[{s.Text(0), s.Text(1)}] = {s.Text(2), s.Text(3)};
    RETURN_IF_ERROR(s.status());
  }
  // A suppressed pair whose customer or entity record changed since the decision: the decision
  // no longer covers it, so it is raised again even when its score and listing stayed.
  auto suppression_lapsed = [&](const PairMatch& pair) {
    auto it = suppressed.find({pair.customer_id, pair.entity_id});
    if (it == suppressed.end()) return false;
    auto digest = digests.find(pair.customer_id);
    auto state = now.entities.find(pair.entity_id);
    return (digest == digests.end() || digest->second != it->second.first) ||
           (state == now.entities.end() || state->second != it->second.second);
  };
  auto less = [](const PairMatch& a, const PairMatch& b) {
    return std::tie(a.customer_id, a.entity_id) < std::tie(b.customer_id, b.entity_id);
  };
  size_t i = 0, j = 0;
  while (i < previous.matches.size() || j < now.matches.size()) {
    if (j == now.matches.size() ||
        (i < previous.matches.size() && less(previous.matches[i], now.matches[j]))) {
      changes.push_back({"cleared_match", &previous.matches[i++], nullptr});
    } else if (i == previous.matches.size() || less(now.matches[j], previous.matches[i])) {
      changes.push_back({"new_match", nullptr, &now.matches[j++]});
    } else {
      const PairMatch& b = previous.matches[i++];
      const PairMatch& a = now.matches[j++];
      if (b.score != a.score || b.listing != a.listing || suppression_lapsed(a)) {
        changes.push_back({"changed_match", &b, &a});
      }
    }
  }

  nlohmann::ordered_json versions;
  versions["lists_before"] = book.screened_lists;
  versions["lists_after"] = snapshot.fingerprint();
  versions["book_before"] = book.screened_version;
  versions["book_after"] = book.current.number;
  const std::string versions_text = versions.dump();
  const std::string now_iso = store::NowIso();

  Transaction tx(db());
  RETURN_IF_ERROR(tx.Begin());
  // Another process may have screened the book meanwhile: then this screening's base is stale.
  {
    Statement s(db().handle(),
                "SELECT screened_version, screened_lists, version FROM books WHERE name = ?");
    s.Bind(1, name);
    if (!s.Step() || s.Int(0) != book.screened_version || s.Text(1) != book.screened_lists ||
        s.Int(2) != book.current.number) {
      RETURN_IF_ERROR(s.status());
      return UnavailableError("book " + name +
                              " was loaded or screened by another process meanwhile: try again");
    }
  }
  Statement find_suppression(db().handle(),
                             "SELECT customer_digest, entity_state FROM suppressions WHERE book "
                             "= ? AND customer_id = ? AND entity_id = ?");
  Statement drop_suppression(db().handle(),
                             "DELETE FROM suppressions WHERE book = ? AND customer_id = ? AND "
                             "entity_id = ?");
  DeliveryQueue deliveries(db().handle());
  RETURN_IF_ERROR(deliveries.ReadWebhooks());
  Statement raise(db().handle(),
                  "INSERT INTO alerts(book, customer_id, entity_id, kind, status, score, "
                  "previous_score, explanation, versions, raised_at, customer_digest, "
                  "entity_state) VALUES(?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)");
  for (const Change& c : changes) {
    const PairMatch& pair = c.after ? *c.after : *c.before;
    auto digest_it = digests.find(pair.customer_id);
    const std::string customer_digest = digest_it == digests.end() ? "" : digest_it->second;
    auto state_it = now.entities.find(pair.entity_id);
    const std::string entity_state = state_it == now.entities.end() ? "" : state_it->second;
    find_suppression.Reset();
    find_suppression.Bind(1, name);
    find_suppression.Bind(2, pair.customer_id);
    find_suppression.Bind(3, pair.entity_id);
    if (find_suppression.Step()) {
      // Decided a false positive: quiet while neither record changed, or when the pair is gone.
      // The suppression ends with the pair, or when a record changed (the alert is raised).
      const bool gone = c.after == nullptr;
      const bool quiet = gone || (find_suppression.Text(0) == customer_digest &&
                                  find_suppression.Text(1) == entity_state);
      if (gone || !quiet) {
        drop_suppression.Reset();
        drop_suppression.Bind(1, name);
        drop_suppression.Bind(2, pair.customer_id);
        drop_suppression.Bind(3, pair.entity_id);
        RETURN_IF_ERROR(drop_suppression.Run());
      }
      if (quiet) {
        ++summary.suppressed;
        continue;
      }
    }
    RETURN_IF_ERROR(find_suppression.status());
    raise.Reset();
    raise.Bind(1, name);
    raise.Bind(2, pair.customer_id);
    raise.Bind(3, pair.entity_id);
    raise.Bind(4, std::string_view(c.kind));
    if (c.after) {
      raise.Bind(5, c.after->score);
    } else {
      raise.BindNull(5);
    }
    if (c.before) {
      raise.Bind(6, c.before->score);
    } else {
      raise.BindNull(6);
    }
    const std::string summary_line =
        c.after ? c.after->explanation
                : ClearedReason(*c.before, *index, changed, now.entities, book.current.number,
                                snapshot, book.threshold);
    const std::string change = c.before && c.after ? WhatChanged(*c.before, *c.after) : "";
    raise.Bind(7, ExplanationJson(summary_line, change, pair.match_json));
    raise.Bind(8, versions_text);
    raise.Bind(9, now_iso);
    raise.Bind(10, customer_digest);
    raise.Bind(11, entity_state);
    RETURN_IF_ERROR(raise.Run());
    const int64_t alert_id = sqlite3_last_insert_rowid(db().handle());
    summary.alert_ids.push_back(alert_id);
    RETURN_IF_ERROR(deliveries.Queue(alert_id, now_iso));
    if (c.after == nullptr) {
      ++summary.cleared_alerts;
    } else if (c.before == nullptr) {
      ++summary.new_alerts;
    } else {
      ++summary.changed_alerts;
    }
  }

  // The new screening replaces the old.
  Statement drop_match(db().handle(),
                       "DELETE FROM book_matches WHERE book = ? AND customer_id = ? AND "
                       "entity_id = ?");
  Statement put_match(db().handle(),
                      "INSERT OR REPLACE INTO book_matches(book, customer_id, entity_id, score, "
                      "listing, match_json, explanation) VALUES(?, ?, ?, ?, ?, ?, ?)");
  for (const Change& c : changes) {
    if (c.after == nullptr) {
      drop_match.Reset();
      drop_match.Bind(1, name);
      drop_match.Bind(2, c.before->customer_id);
      drop_match.Bind(3, c.before->entity_id);
      RETURN_IF_ERROR(drop_match.Run());
    }
  }
  // Matches whose rendering changed without a score or listing change (an address, a remark)
  // are rewritten too, so the stored screening is the new one exactly.
  for (size_t a = 0, b = 0; a < now.matches.size(); ++a) {
    const PairMatch& m = now.matches[a];
    while (b < previous.matches.size() && less(previous.matches[b], m)) ++b;
    const bool same = b < previous.matches.size() && previous.matches[b].SamePair(m) &&
                      previous.matches[b].match_json == m.match_json &&
                      previous.matches[b].score == m.score &&
                      previous.matches[b].listing == m.listing;
    if (same) continue;
    put_match.Reset();
    put_match.Bind(1, name);
    put_match.Bind(2, m.customer_id);
    put_match.Bind(3, m.entity_id);
    put_match.Bind(4, m.score);
    put_match.Bind(5, m.listing);
    put_match.Bind(6, m.match_json);
    put_match.Bind(7, m.explanation);
    RETURN_IF_ERROR(put_match.Run());
  }
  {
    Statement drop(db().handle(), "DELETE FROM book_entities WHERE book = ?");
    drop.Bind(1, name);
    RETURN_IF_ERROR(drop.Run());
    Statement put(db().handle(),
                  "INSERT INTO book_entities(book, entity_id, state) VALUES(?, ?, ?)");
    for (const auto& [id, state] : now.entities) {
      put.Reset();
      put.Bind(1, name);
      put.Bind(2, id);
      put.Bind(3, state);
      RETURN_IF_ERROR(put.Run());
    }
    Statement b(db().handle(),
                "UPDATE books SET screened_version = ?, screened_lists = ?, screened_at = ? "
                "WHERE name = ?");
    b.Bind(1, book.current.number);
    b.Bind(2, snapshot.fingerprint());
    b.Bind(3, now_iso);
    b.Bind(4, name);
    RETURN_IF_ERROR(b.Run());
  }
  RETURN_IF_ERROR(tx.Commit());
  RETURN_IF_ERROR(RaiseLicenceAlerts(name, snapshot, book.current.number, summary));
  return summary;
}

Status Monitor::RaiseLicenceAlerts(const std::string& name, const screening::Snapshot& snapshot,
                                   int64_t screened_version, RescreenSummary& summary) {
  if (licence_alert_days_ <= 0) return Status::Ok();
  // The calendar's day, not the snapshot's: a server's snapshot outlives the day it was built.
  const Date today = licence_alert_date_      ? *licence_alert_date_
                     : snapshot.as_of_given() ? snapshot.as_of()
                                              : Date::Today();
  const licences::LicenceTable& table = licences::LicenceTable::Bundled();
  const std::vector<const licences::Licence*> expiring =
      table.Expiring(today, licence_alert_days_, std::nullopt);
  if (expiring.empty()) return Status::Ok();

  struct Due {
    std::string customer_id, entity_id, match_json, customer_digest, entity_state;
    double score;
    const licences::Licence* licence;
  };
  std::vector<Due> due;
  {
    // With the records' digests, so that a false_positive decision suppresses the pair as it
    // does for the other kinds.
    Statement m(db().handle(),
                "SELECT m.customer_id, m.entity_id, m.score, m.match_json, c.digest, e.state "
                "FROM book_matches m JOIN book_customers c ON c.book = m.book AND c.customer_id "
                "= m.customer_id AND c.last_version IS NULL LEFT JOIN book_entities e ON "
                "e.book = m.book AND e.entity_id = m.entity_id WHERE m.book = ? "
                "ORDER BY m.customer_id, m.entity_id");
    m.Bind(1, name);
    while (m.Step()) {
      const model::Entity* entity = snapshot.index().Find(m.Text(1));
      if (entity == nullptr) continue;
      // The expiring licences the snapshot found for the entity (a party's owned entities
      // included), and those that name it on the alert's day, which may not be the
      // snapshot's.
      const std::vector<const licences::Licence*>& found =
          snapshot.LicencesOf(snapshot.EntityIndex(*entity));
      for (const licences::Licence* l : expiring) {
        if (std::find(found.begin(), found.end(), l) == found.end() &&
            !table.NamesAsParty(*l, *entity)) {
          continue;
        }
        due.push_back({m.Text(0), m.Text(1), m.Text(3), m.Text(4), m.Text(5), m.Double(2), l});
      }
    }
    RETURN_IF_ERROR(m.status());
  }
  if (due.empty()) return Status::Ok();

  nlohmann::ordered_json versions;
  versions["lists_before"] = snapshot.fingerprint();
  versions["lists_after"] = snapshot.fingerprint();
  versions["book_before"] = screened_version;
  versions["book_after"] = screened_version;
  const std::string versions_text = versions.dump();
  const std::string now_iso = store::NowIso();

  Transaction tx(db());
  RETURN_IF_ERROR(tx.Begin());
  Statement raised(db().handle(),
                   "SELECT 1 FROM alerts WHERE book = ? AND customer_id = ? AND entity_id = ? AND "
                   "kind = 'licence_expiring' AND json_extract(explanation, '$.licence.id') = ?");
  Statement raise(db().handle(),
                  "INSERT INTO alerts(book, customer_id, entity_id, kind, status, score, "
                  "previous_score, explanation, versions, raised_at, customer_digest, "
                  "entity_state) VALUES(?, ?, ?, 'licence_expiring', 'open', ?, NULL, ?, ?, ?, ?, "
                  "?)");
  DeliveryQueue deliveries(db().handle());
  RETURN_IF_ERROR(deliveries.ReadWebhooks());
  for (const Due& d : due) {
    raised.Reset();
    raised.Bind(1, name);
    raised.Bind(2, d.customer_id);
    raised.Bind(3, d.entity_id);
    raised.Bind(4, d.licence->id);
    if (raised.Step()) continue;  // raised before: one alert per customer, entity and licence
    RETURN_IF_ERROR(raised.status());
    const int days = licences::LicenceTable::DaysToExpiry(*d.licence, today).value_or(0);
    nlohmann::ordered_json explanation;
    explanation["summary"] =
        fmt::format("{} {} ({}) naming the matched entity expires {} ({}): {}; authorises {}",
                    d.licence->authority, d.licence->number, d.licence->id, d.licence->expires,
                    days == 0 ? std::string("today") : fmt::format("in {} days", days),
                    d.licence->title, fmt::join(d.licence->activities, ", "));
    explanation["licence"] = licences::LicenceJson(table, *d.licence);
    explanation["days_to_expiry"] = days;
    explanation["match"] = nlohmann::ordered_json::parse(d.match_json, nullptr, false);
    raise.Reset();
    raise.Bind(1, name);
    raise.Bind(2, d.customer_id);
    raise.Bind(3, d.entity_id);
    raise.Bind(4, d.score);
    raise.Bind(5, explanation.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    raise.Bind(6, versions_text);
    raise.Bind(7, now_iso);
    raise.Bind(8, d.customer_digest);
    raise.Bind(9, d.entity_state);
    RETURN_IF_ERROR(raise.Run());
    const int64_t alert_id = sqlite3_last_insert_rowid(db().handle());
    summary.alert_ids.push_back(alert_id);
    ++summary.licence_alerts;
    RETURN_IF_ERROR(deliveries.Queue(alert_id, now_iso));
  }
  return tx.Commit();
}

Result<std::vector<RescreenSummary>> Monitor::RescreenAll(const screening::Snapshot& snapshot,
                                                          size_t threads) {
  ASSIGN_OR_RETURN(std::vector<BookInfo> books, ListBooks());
  std::vector<RescreenSummary> out;
  for (const BookInfo& b : books) {
    ASSIGN_OR_RETURN(RescreenSummary s, Rescreen(b.name, snapshot, nullptr, threads));
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<Alert>> Monitor::ListAlerts(const AlertFilter& filter) {
  if (!filter.status.empty() && filter.status != "open" && filter.status != "decided") {
    return InvalidArgumentError("status: '" + filter.status + "' is not open or decided");
  }
  std::string sql = fmt::format(
      "SELECT {} FROM alerts WHERE (?1 = '' OR book = ?1) AND (?2 = '' OR raised_at >= ?2) AND "
      "(?3 = '' OR status = ?3) AND (?4 = '' OR kind = ?4) ORDER BY id DESC",
      kAlertColumns);
  if (filter.limit > 0) sql += " LIMIT " + std::to_string(filter.limit);
  Statement s(db().handle(), sql.c_str());
  s.Bind(1, filter.book);
  s.Bind(2, filter.since);
  s.Bind(3, filter.status);
  s.Bind(4, filter.kind);
  std::vector<Alert> alerts;
  while (s.Step()) alerts.push_back(ReadAlert(s));
  RETURN_IF_ERROR(s.status());
  return alerts;
}

Result<Alert> Monitor::GetAlert(int64_t id) {
  Statement s(db().handle(),
              fmt::format("SELECT {} FROM alerts WHERE id = ?", kAlertColumns).c_str());
  s.Bind(1, id);
  if (s.Step()) return ReadAlert(s);
  RETURN_IF_ERROR(s.status());
  return NotFoundError(fmt::format("no alert {}", id));
}

Result<Alert> Monitor::Decide(int64_t id, const std::string& decision, const std::string& reason,
                              const std::string& by) {
  if (decision != "false_positive" && decision != "true_match") {
    return InvalidArgumentError("decision: '" + decision + "' is not false_positive or true_match");
  }
  if (reason.empty()) return InvalidArgumentError("reason: a decision needs a reason");
  Transaction tx(db());
  RETURN_IF_ERROR(tx.Begin());
  ASSIGN_OR_RETURN(Alert alert, GetAlert(id));
  if (alert.status != "open") {
    return FailedPreconditionError(fmt::format("alert {} was decided already ({} by {} at {})", id,
                                               alert.decision, alert.decided_by, alert.decided_at));
  }
  const std::string now = store::NowIso();
  Statement s(db().handle(),
              "UPDATE alerts SET status = 'decided', decision = ?, reason = ?, decided_by = ?, "
              "decided_at = ? WHERE id = ?");
  s.Bind(1, decision);
  s.Bind(2, reason);
  s.Bind(3, by);
  s.Bind(4, now);
  s.Bind(5, id);
  RETURN_IF_ERROR(s.Run());
  if (decision == "false_positive" && alert.kind != "cleared_match") {
    // Suppressed while both records stay as they were when the alert was raised.
    Statement get(db().handle(), "SELECT customer_digest, entity_state FROM alerts WHERE id = ?");
    get.Bind(1, id);
    if (!get.Step()) return get.status().ok() ? InternalError("alert vanished") : get.status();
    Statement put(db().handle(),
                  "INSERT OR REPLACE INTO suppressions(book, customer_id, entity_id, "
                  "customer_digest, entity_state, alert_id) VALUES(?, ?, ?, ?, ?, ?)");
    put.Bind(1, alert.book);
    put.Bind(2, alert.customer_id);
    put.Bind(3, alert.entity_id);
    put.Bind(4, get.Text(0));
    put.Bind(5, get.Text(1));
    put.Bind(6, id);
    RETURN_IF_ERROR(put.Run());
  }
  RETURN_IF_ERROR(tx.Commit());
  alert.status = "decided";
  alert.decision = decision;
  alert.reason = reason;
  alert.decided_by = by;
  alert.decided_at = now;
  return alert;
}

Result<Webhook> Monitor::AddWebhook(const std::string& url, const std::string& secret) {
  const bool kafka = url.starts_with("kafka://") && url.find('/', 8) != std::string::npos &&
                     url.find('/', 8) > 8 && url.find('/', 8) + 1 < url.size();
  if (!url.starts_with("http://") && !url.starts_with("https://") && !kafka &&
      !(url.starts_with("file:///") && url.size() > 8)) {
    return InvalidArgumentError("webhook URL '" + url +
                                "': must start with http://, https://, file:/// (a JSON-lines "
                                "file each alert is appended to) or be kafka://HOST:PORT/TOPIC");
  }
  Webhook w{.url = url, .secret = secret, .created = store::NowIso()};
  Statement s(db().handle(), "INSERT INTO webhooks(url, secret, created) VALUES(?, ?, ?)");
  s.Bind(1, w.url);
  s.Bind(2, w.secret);
  s.Bind(3, w.created);
  RETURN_IF_ERROR(s.Run());
  w.id = sqlite3_last_insert_rowid(db().handle());
  return w;
}

Result<std::vector<Webhook>> Monitor::ListWebhooks() {
  std::vector<Webhook> out;
  Statement s(db().handle(),
              "SELECT id, url, secret, created FROM webhooks WHERE removed IS NULL ORDER BY id");
  while (s.Step()) out.push_back({s.Int(0), s.Text(1), s.Text(2), s.Text(3)});
  RETURN_IF_ERROR(s.status());
  return out;
}

Status Monitor::RemoveWebhook(int64_t id) {
  Transaction tx(db());
  RETURN_IF_ERROR(tx.Begin());
  Statement s(db().handle(), "UPDATE webhooks SET removed = ? WHERE id = ? AND removed IS NULL");
  s.Bind(1, store::NowIso());
  s.Bind(2, id);
  RETURN_IF_ERROR(s.Run());
  if (sqlite3_changes(db().handle()) == 0) return NotFoundError(fmt::format("no webhook {}", id));
  Statement d(db().handle(), "DELETE FROM deliveries WHERE webhook_id = ? AND delivered IS NULL");
  d.Bind(1, id);
  RETURN_IF_ERROR(d.Run());
  return tx.Commit();
}

Result<std::vector<PendingDelivery>> Monitor::DueDeliveries(const std::string& now, size_t limit) {
  std::vector<PendingDelivery> out;
  Statement s(db().handle(),
              fmt::format("SELECT d.alert_id, w.id, w.url, w.secret, w.created, d.attempts FROM "
                          "deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.delivered "
                          "IS NULL AND d.next_attempt <= ? AND w.removed IS NULL ORDER BY "
                          "d.alert_id, w.id LIMIT {}",
                          limit)
                  .c_str());
  s.Bind(1, now);
  while (s.Step()) {
    out.push_back({s.Int(0), {s.Int(1), s.Text(2), s.Text(3), s.Text(4)}, s.Int(5), ""});
  }
  RETURN_IF_ERROR(s.status());
  for (PendingDelivery& d : out) {
    ASSIGN_OR_RETURN(Alert a, GetAlert(d.alert_id));
    d.alert_json = AlertJson(a);
  }
  return out;
}

Status Monitor::RecordDelivery(int64_t alert_id, int64_t webhook_id, bool delivered,
                               const std::string& error, const std::string& next_attempt) {
  Statement s(db().handle(),
              "UPDATE deliveries SET attempts = attempts + 1, delivered = ?, next_attempt = ?, "
              "last_error = ? WHERE alert_id = ? AND webhook_id = ?");
  if (delivered) {
    s.Bind(1, store::NowIso());
  } else {
    s.BindNull(1);
  }
  s.Bind(2, next_attempt);
  s.Bind(3, error);
  s.Bind(4, alert_id);
  s.Bind(5, webhook_id);
  return s.Run();
}

Result<std::pair<int64_t, int64_t>> Monitor::DeliveryBacklog() {
  Statement s(db().handle(),
              "SELECT COUNT(*), COALESCE(SUM(last_error != ''), 0) FROM deliveries WHERE "
              "delivered IS NULL");
  if (!s.Step()) return s.status().ok() ? InternalError("no count") : s.status();
  return std::make_pair(s.Int(0), s.Int(1));
}

std::string AlertJson(const Alert& a) {
  nlohmann::ordered_json j;
  j["id"] = a.id;
  j["book"] = a.book;
  j["customer_id"] = a.customer_id;
  j["entity_id"] = a.entity_id;
  j["kind"] = a.kind;
  j["status"] = a.status;
  // Scores are kept exact (the next screening compares them); shown to four places.
  auto score = [](const std::optional<double>& s) {
    return s ? nlohmann::ordered_json(std::round(*s * 1e4) / 1e4) : nlohmann::ordered_json();
  };
  j["score"] = score(a.score);
  j["previous_score"] = score(a.previous_score);
  j["explanation"] = nlohmann::ordered_json::parse(a.explanation, nullptr, false);
  j["versions"] = nlohmann::ordered_json::parse(a.versions, nullptr, false);
  j["raised_at"] = a.raised_at;
  if (a.status == "decided") {
    j["decision"] = {
        {"as", a.decision}, {"reason", a.reason}, {"by", a.decided_by}, {"at", a.decided_at}};
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string BookJson(const BookInfo& b) {
  nlohmann::ordered_json j;
  j["name"] = b.name;
  j["threshold"] = b.threshold;
  j["created"] = b.created;
  j["version"] = b.current.number;
  j["loaded"] = b.current.loaded;
  j["file"] = b.current.file;
  j["customers"] = b.current.customers;
  j["added"] = b.current.added;
  j["changed"] = b.current.changed;
  j["removed"] = b.current.removed;
  j["screened_version"] = b.screened_version;
  j["screened_lists"] = b.screened_lists;
  j["screened_at"] = b.screened_at;
  j["matches"] = b.matches;
  j["open_alerts"] = b.open_alerts;
  j["decided_alerts"] = b.decided_alerts;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace cordon::monitor
