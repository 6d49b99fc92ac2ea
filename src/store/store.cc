#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "base/sha256.h"
#include "base/strings.h"
#include "model/entity_json.h"
#include "store/sqlite.h"

namespace cordon::store {
namespace {

EntityChange::Kind ChangeKindFromName(std::string_view name) {
  if (name == "added") return EntityChange::Kind::kAdded;
  if (name == "removed") return EntityChange::Kind::kRemoved;
  return EntityChange::Kind::kChanged;
}

// Top-level fields whose values differ between two canonical entity JSON documents.
std::vector<std::string> ChangedFields(const std::string& before, const std::string& after) {
  nlohmann::json a = nlohmann::json::parse(before, nullptr, false);
  nlohmann::json b = nlohmann::json::parse(after, nullptr, false);
  std::vector<std::string> fields;
  if (!a.is_object() || !b.is_object()) return {"*"};
  std::set<std::string> keys;
  for (auto it = a.begin(); it != a.end(); ++it) keys.insert(it.key());
  for (auto it = b.begin(); it != b.end(); ++it) keys.insert(it.key());
  for (const std::string& key : keys) {
    auto ia = a.find(key);
    auto ib = b.find(key);
    if (ia == a.end() || ib == b.end() || *ia != *ib) fields.push_back(key);
  }
  return fields;
}

VersionInfo ReadVersion(const Statement& s) {
  // Column order of kVersionColumns.
  VersionInfo v;
  v.source = s.Text(0);
  v.number = s.Int(1);
  v.format = s.Text(2);
  v.published = s.Text(3);
  v.retrieved = s.Text(4);
  v.sha256 = s.Text(5);
  const std::string files = s.Text(6);
  for (std::string_view f : Split(files, '\n')) {
    if (!f.empty()) v.files.emplace_back(f);
  }
  v.entity_count = s.Int(7);
  v.added = s.Int(8);
  v.removed = s.Int(9);
  v.changed = s.Int(10);
  v.warnings = s.Int(11);
  v.errors = s.Int(12);
  return v;
}

constexpr const char* kVersionColumns =
    "source, number, format, published, retrieved, sha256, files, entity_count, added, removed, "
    "changed, warnings, errors";

}  // namespace

std::string_view ChangeKindName(EntityChange::Kind kind) {
  switch (kind) {
    case EntityChange::Kind::kAdded:
      return "added";
    case EntityChange::Kind::kRemoved:
      return "removed";
    case EntityChange::Kind::kChanged:
      return "changed";
  }
  return "changed";
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, OpenMode mode) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, Database::Open(path, mode));
  // The list tables came with schema version 1; a read-only open does not migrate, so an
  // older file of only API keys has none.
  if (database->schema_version() < 1) {
    return FailedPreconditionError("no lists in the store at " + path +
                                   ": run `cordon load` or `cordon ingest` to add some");
  }
  // Private constructor: make_unique cannot reach it.
  return std::unique_ptr<Store>(new Store(std::move(database)));
}

Store::~Store() = default;

Result<int64_t> Store::VersionRow(const std::string& source, int64_t number) {
  Statement s(db_, "SELECT id FROM versions WHERE source=? AND number=?");
  s.Bind(1, source);
  s.Bind(2, number);
  if (s.Step()) return s.Int(0);
  RETURN_IF_ERROR(s.status());
  return NotFoundError("source '" + source + "' has no version " + std::to_string(number));
}

Result<std::vector<std::pair<std::string, std::string>>> Store::VersionDigests(int64_t row) {
  std::vector<std::pair<std::string, std::string>> out;
  Statement s(db_,
              "SELECT entity_id, digest FROM version_entities WHERE version_id=? "
              "ORDER BY entity_id");
  s.Bind(1, row);
  while (s.Step()) out.emplace_back(s.Text(0), s.Text(1));
  RETURN_IF_ERROR(s.status());
  return out;
}

Result<std::string> Store::BlobJson(const std::string& digest) {
  Statement s(db_, "SELECT json FROM blobs WHERE digest=?");
  s.Bind(1, digest);
  if (s.Step()) return s.Text(0);
  RETURN_IF_ERROR(s.status());
  return CorruptionError("store: missing entity blob " + digest);
}

Result<AddResult> Store::AddVersion(NewVersion version) {
  std::vector<NewVersion> one;
  one.push_back(std::move(version));
  ASSIGN_OR_RETURN(std::vector<AddResult> results, AddVersions(std::move(one)));
  return results.front();
}

Result<std::vector<AddResult>> Store::AddVersions(std::vector<NewVersion> versions) {
  if (database_->read_only()) {
    return FailedPreconditionError(database_->path() + ": store opened read-only");
  }
  RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  std::vector<AddResult> results;
  bool checked = false;
  for (NewVersion& version : versions) {
    Result<AddResult> r = AddVersionInTransaction(version, checked);
    if (!r.ok()) {
      Exec("ROLLBACK").ok();
      return r.status();
    }
    results.push_back(std::move(r).value());
  }
  Status commit = Exec("COMMIT");
  if (!commit.ok()) {
    Exec("ROLLBACK").ok();
    return commit;
  }
  return results;
}

Status Store::CheckBeforeWriting(bool& checked) {
  if (checked) return Status::Ok();
  // Inside the write lock, so the file checked is the file written. Adding to a damaged file
  // would bury the damage under new versions built on it. Only before a first write: the check
  // reads the whole file (0.3 s for the 44 MB of the bundled lists), and most updates find
  // every list unchanged.
  Status check = database_->QuickCheck();
  if (!check.ok()) {
    return Status(check.code(), check.message() +
                                    "; nothing was written (restore the store from a backup, "
                                    "or rebuild it with `cordon load`)");
  }
  checked = true;
  return Status::Ok();
}

Result<AddResult> Store::AddVersionInTransaction(NewVersion& version, bool& checked) {
  if (version.source.empty()) return InvalidArgumentError("a version needs a source name");
  // Validate before writing anything.
  std::vector<std::pair<std::string, std::string>> digests;  // (entity id, digest)
  std::unordered_map<std::string, std::string> json_by_digest;
  digests.reserve(version.entities.size());
  {
    std::set<std::string> seen;
    for (const model::Entity& e : version.entities) {
      if (!seen.insert(e.id).second) {
        return InvalidArgumentError(version.source + ": two entities with id '" + e.id + "'");
      }
      if (e.provenance.source != version.source) {
        return InvalidArgumentError(e.id + ": provenance source '" + e.provenance.source +
                                    "' is not '" + version.source + "'");
      }
      std::string json = model::EntityToJson(e);
      std::string digest = Sha256Hex(json);
      digests.emplace_back(e.id, digest);
      json_by_digest.emplace(std::move(digest), std::move(json));
    }
  }
  std::sort(digests.begin(), digests.end());

  // The current version, if any.
  int64_t previous_row = 0;
  int64_t previous_number = 0;
  {
    Statement s(db_, (std::string("SELECT id, ") + kVersionColumns +
                      " FROM versions WHERE source=? ORDER BY number DESC LIMIT 1")
                         .c_str());
    s.Bind(1, version.source);
    if (s.Step()) {
      previous_row = s.Int(0);
      previous_number = s.Int(2);
      if (s.Text(6) == version.sha256 && !version.sha256.empty()) {
        VersionInfo current;
        current.source = s.Text(1);
        current.number = previous_number;
        current.format = s.Text(3);
        current.published = s.Text(4);
        current.retrieved = s.Text(5);
        current.sha256 = s.Text(6);
        current.entity_count = s.Int(8);
        return AddResult{current, true};
      }
    }
    RETURN_IF_ERROR(s.status());
  }
  std::vector<std::pair<std::string, std::string>> previous;
  if (previous_row != 0) {
    ASSIGN_OR_RETURN(previous, VersionDigests(previous_row));
  }

  // Delta against the previous version: both lists are sorted by entity id.
  std::vector<EntityChange> changes;
  std::map<std::string, const model::Entity*> entity_by_id;
  for (const model::Entity& e : version.entities) entity_by_id.emplace(e.id, &e);
  {
    size_t i = 0, j = 0;
    while (i < previous.size() || j < digests.size()) {
      if (j == digests.size() || (i < previous.size() && previous[i].first < digests[j].first)) {
        changes.push_back({EntityChange::Kind::kRemoved, previous[i].first, "", {}});
        ++i;
      } else if (i == previous.size() || digests[j].first < previous[i].first) {
        changes.push_back({EntityChange::Kind::kAdded,
                           digests[j].first,
                           entity_by_id[digests[j].first]->caption(),
                           {}});
        ++j;
      } else {
        if (previous[i].second != digests[j].second) {
          ASSIGN_OR_RETURN(std::string before, BlobJson(previous[i].second));
          changes.push_back({EntityChange::Kind::kChanged, digests[j].first,
                             entity_by_id[digests[j].first]->caption(),
                             ChangedFields(before, json_by_digest[digests[j].second])});
        }
        ++i;
        ++j;
      }
    }
  }
  // Removed entities keep the caption they had.
  for (EntityChange& change : changes) {
    if (change.kind != EntityChange::Kind::kRemoved) continue;
    Statement s(db_, "SELECT caption FROM version_entities WHERE version_id=? AND entity_id=?");
    s.Bind(1, previous_row);
    s.Bind(2, change.entity_id);
    if (s.Step()) change.caption = s.Text(0);
  }

  VersionInfo info;
  info.source = version.source;
  info.number = previous_number + 1;
  info.format = version.format;
  info.published = version.published;
  info.retrieved = version.retrieved;
  info.sha256 = version.sha256;
  info.files = version.files;
  info.entity_count = static_cast<int64_t>(version.entities.size());
  for (const EntityChange& c : changes) {
    info.added += c.kind == EntityChange::Kind::kAdded;
    info.removed += c.kind == EntityChange::Kind::kRemoved;
    info.changed += c.kind == EntityChange::Kind::kChanged;
  }
  for (const ingest::Diagnostic& d : version.diagnostics) {
    (d.severity == ingest::Diagnostic::Severity::kError ? info.errors : info.warnings) += 1;
  }

  RETURN_IF_ERROR(CheckBeforeWriting(checked));
  Statement insert_version(db_, (std::string("INSERT INTO versions(") + kVersionColumns +
                                 ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)")
                                    .c_str());
  insert_version.Bind(1, info.source);
  insert_version.Bind(2, info.number);
  insert_version.Bind(3, info.format);
  insert_version.Bind(4, info.published);
  insert_version.Bind(5, info.retrieved);
  insert_version.Bind(6, info.sha256);
  insert_version.Bind(7, Join(info.files, "\n"));
  insert_version.Bind(8, info.entity_count);
  insert_version.Bind(9, info.added);
  insert_version.Bind(10, info.removed);
  insert_version.Bind(11, info.changed);
  insert_version.Bind(12, info.warnings);
  insert_version.Bind(13, info.errors);
  RETURN_IF_ERROR(insert_version.Run());
  const int64_t row = sqlite3_last_insert_rowid(db_);

  Statement insert_blob(db_, "INSERT OR IGNORE INTO blobs(digest, json) VALUES(?, ?)");
  for (const auto& [digest, json] : json_by_digest) {
    insert_blob.Reset();
    insert_blob.Bind(1, digest);
    insert_blob.Bind(2, json);
    RETURN_IF_ERROR(insert_blob.Run());
  }
  Statement insert_entity(db_,
                          "INSERT INTO version_entities(version_id, entity_id, digest, schema, "
                          "caption) VALUES(?, ?, ?, ?, ?)");
  for (const auto& [id, digest] : digests) {
    const model::Entity& e = *entity_by_id[id];
    insert_entity.Reset();
    insert_entity.Bind(1, row);
    insert_entity.Bind(2, id);
    insert_entity.Bind(3, digest);
    insert_entity.Bind(4, model::SchemaName(e.schema));
    insert_entity.Bind(5, e.caption());
    RETURN_IF_ERROR(insert_entity.Run());
  }
  Statement insert_change(
      db_, "INSERT INTO changes(version_id, entity_id, kind, caption, fields) VALUES(?,?,?,?,?)");
  for (const EntityChange& c : changes) {
    insert_change.Reset();
    insert_change.Bind(1, row);
    insert_change.Bind(2, c.entity_id);
    insert_change.Bind(3, ChangeKindName(c.kind));
    insert_change.Bind(4, c.caption);
    insert_change.Bind(5, Join(c.fields, ","));
    RETURN_IF_ERROR(insert_change.Run());
  }
  Statement insert_diag(db_,
                        "INSERT INTO diagnostics(version_id, severity, file, line, record_id, "
                        "message) VALUES(?,?,?,?,?,?)");
  for (const ingest::Diagnostic& d : version.diagnostics) {
    insert_diag.Reset();
    insert_diag.Bind(1, row);
    insert_diag.Bind(2, d.severity == ingest::Diagnostic::Severity::kError ? "error" : "warning");
    insert_diag.Bind(3, d.file);
    insert_diag.Bind(4, d.line);
    insert_diag.Bind(5, d.record_id);
    insert_diag.Bind(6, d.message);
    RETURN_IF_ERROR(insert_diag.Run());
  }
  return AddResult{info, false};
}

Result<std::vector<SourceInfo>> Store::ListSources() {
  std::vector<SourceInfo> out;
  Statement s(db_, (std::string("SELECT ") + kVersionColumns +
                    ", (SELECT COUNT(*) FROM versions w WHERE w.source = v.source) FROM versions v "
                    "WHERE number = (SELECT MAX(number) FROM versions w WHERE w.source = v.source) "
                    "ORDER BY source")
                       .c_str());
  while (s.Step()) {
    SourceInfo info;
    info.current = ReadVersion(s);
    info.name = info.current.source;
    info.version_count = s.Int(13);
    out.push_back(std::move(info));
  }
  RETURN_IF_ERROR(s.status());
  return out;
}

Result<std::vector<VersionInfo>> Store::ListVersions(const std::string& source) {
  std::vector<VersionInfo> out;
  Statement s(db_, (std::string("SELECT ") + kVersionColumns +
                    " FROM versions WHERE source=? ORDER BY number")
                       .c_str());
  s.Bind(1, source);
  while (s.Step()) out.push_back(ReadVersion(s));
  RETURN_IF_ERROR(s.status());
  if (out.empty()) return NotFoundError("no source named '" + source + "'");
  return out;
}

Result<Delta> Store::GetDelta(const std::string& source, int64_t from, int64_t to) {
  ASSIGN_OR_RETURN(std::vector<VersionInfo> versions, ListVersions(source));
  Delta delta;
  delta.source = source;
  if (from == 0 && to == 0) {
    to = versions.back().number;
    from = to - 1;
  }
  if (to < 1 || to > versions.back().number) {
    return NotFoundError("source '" + source + "' has no version " + std::to_string(to));
  }
  if (from < 0 || from > versions.back().number) {
    return NotFoundError("source '" + source + "' has no version " + std::to_string(from));
  }
  delta.from_version = from;
  delta.to_version = to;
  ASSIGN_OR_RETURN(int64_t to_row, VersionRow(source, to));
  if (from == to - 1) {
    // Consecutive versions: the delta was recorded at ingest.
    Statement s(db_,
                "SELECT entity_id, kind, caption, fields FROM changes WHERE version_id=? "
                "ORDER BY entity_id");
    s.Bind(1, to_row);
    while (s.Step()) {
      EntityChange c;
      c.entity_id = s.Text(0);
      c.kind = ChangeKindFromName(s.Text(1));
      c.caption = s.Text(2);
      const std::string fields = s.Text(3);
      for (std::string_view f : Split(fields, ',')) {
        if (!f.empty()) c.fields.emplace_back(f);
      }
      delta.changes.push_back(std::move(c));
    }
    RETURN_IF_ERROR(s.status());
    return delta;
  }
  // Any two versions: compare their digests.
  std::vector<std::pair<std::string, std::string>> before;
  if (from > 0) {
    ASSIGN_OR_RETURN(int64_t from_row, VersionRow(source, from));
    ASSIGN_OR_RETURN(before, VersionDigests(from_row));
  }
  ASSIGN_OR_RETURN(auto after, VersionDigests(to_row));
  size_t i = 0, j = 0;
  while (i < before.size() || j < after.size()) {
    if (j == after.size() || (i < before.size() && before[i].first < after[j].first)) {
      delta.changes.push_back({EntityChange::Kind::kRemoved, before[i].first, "", {}});
      ++i;
    } else if (i == before.size() || after[j].first < before[i].first) {
      delta.changes.push_back({EntityChange::Kind::kAdded, after[j].first, "", {}});
      ++j;
    } else {
      if (before[i].second != after[j].second) {
        ASSIGN_OR_RETURN(std::string a, BlobJson(before[i].second));
        ASSIGN_OR_RETURN(std::string b, BlobJson(after[j].second));
        delta.changes.push_back(
            {EntityChange::Kind::kChanged, after[j].first, "", ChangedFields(a, b)});
      }
      ++i;
      ++j;
    }
  }
  // Captions from whichever version holds the entity.
  Statement caption(db_,
                    "SELECT caption FROM version_entities WHERE version_id IN "
                    "(SELECT id FROM versions WHERE source=? AND number IN (?, ?)) "
                    "AND entity_id=? LIMIT 1");
  for (EntityChange& c : delta.changes) {
    caption.Reset();
    caption.Bind(1, source);
    caption.Bind(2, from);
    caption.Bind(3, to);
    caption.Bind(4, c.entity_id);
    if (caption.Step()) c.caption = caption.Text(0);
  }
  return delta;
}

Result<model::Entity> Store::GetEntity(const std::string& id, std::optional<int64_t> version) {
  const size_t colon = id.find(':');
  if (colon == std::string::npos) {
    return InvalidArgumentError("entity id '" + id + "' is not of the form SOURCE:RECORD");
  }
  const std::string source = id.substr(0, colon);
  int64_t row = 0;
  if (version) {
    ASSIGN_OR_RETURN(row, VersionRow(source, *version));
  } else {
    Statement s(db_, "SELECT id FROM versions WHERE source=? ORDER BY number DESC LIMIT 1");
    s.Bind(1, source);
    if (!s.Step()) {
      RETURN_IF_ERROR(s.status());
      return NotFoundError("no source named '" + source + "'");
    }
    row = s.Int(0);
  }
  Statement s(db_,
              "SELECT b.json FROM version_entities ve JOIN blobs b ON b.digest = ve.digest "
              "WHERE ve.version_id=? AND ve.entity_id=?");
  s.Bind(1, row);
  s.Bind(2, id);
  if (!s.Step()) {
    RETURN_IF_ERROR(s.status());
    return NotFoundError("no entity '" + id + "'" +
                         (version ? " in version " + std::to_string(*version) : std::string()));
  }
  return model::EntityFromJson(s.Text(0));
}

Result<std::vector<std::pair<int64_t, EntityChange>>> Store::EntityHistory(const std::string& id) {
  std::vector<std::pair<int64_t, EntityChange>> out;
  Statement s(db_,
              "SELECT v.number, c.kind, c.caption, c.fields FROM changes c "
              "JOIN versions v ON v.id = c.version_id WHERE c.entity_id=? ORDER BY v.number");
  s.Bind(1, id);
  while (s.Step()) {
    EntityChange c;
    c.entity_id = id;
    c.kind = ChangeKindFromName(s.Text(1));
    c.caption = s.Text(2);
    const std::string fields = s.Text(3);
    for (std::string_view f : Split(fields, ',')) {
      if (!f.empty()) c.fields.emplace_back(f);
    }
    out.emplace_back(s.Int(0), std::move(c));
  }
  RETURN_IF_ERROR(s.status());
  return out;
}

Result<std::vector<ingest::Diagnostic>> Store::VersionDiagnostics(const std::string& source,
                                                                  int64_t version) {
  ASSIGN_OR_RETURN(int64_t row, VersionRow(source, version));
  std::vector<ingest::Diagnostic> out;
  Statement s(db_,
              "SELECT severity, file, line, record_id, message FROM diagnostics "
              "WHERE version_id=? ORDER BY rowid");
  s.Bind(1, row);
  while (s.Step()) {
    ingest::Diagnostic d;
    d.severity = s.Text(0) == "error" ? ingest::Diagnostic::Severity::kError
                                      : ingest::Diagnostic::Severity::kWarning;
    d.file = s.Text(1);
    d.line = s.Int(2);
    d.record_id = s.Text(3);
    d.message = s.Text(4);
    out.push_back(std::move(d));
  }
  RETURN_IF_ERROR(s.status());
  return out;
}

Status Store::ForEachCurrentEntity(const std::function<Status(const model::Entity&)>& fn) {
  Statement s(db_,
              "SELECT b.json FROM version_entities ve JOIN blobs b ON b.digest = ve.digest "
              "WHERE ve.version_id IN (SELECT MAX(id) FROM versions GROUP BY source) "
              "ORDER BY ve.entity_id");
  while (s.Step()) {
    ASSIGN_OR_RETURN(model::Entity e, model::EntityFromJson(s.Text(0)));
    RETURN_IF_ERROR(fn(e));
  }
  return s.status();
}

std::string EffectiveDate(const VersionInfo& version) {
  return (version.published.empty() ? version.retrieved : version.published).substr(0, 10);
}

namespace {

Status CheckAsOfDate(const std::string& date) {
  const std::optional<model::PartialDate> parsed = model::PartialDate::FromIso(date);
  if (date.size() != 10 || !parsed || parsed->day == 0) {
    return InvalidArgumentError("as-of date '" + date + "' is not of the form YYYY-MM-DD");
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<VersionInfo>> Store::VersionsAsOf(const std::string& date) {
  if (!date.empty()) RETURN_IF_ERROR(CheckAsOfDate(date));
  ASSIGN_OR_RETURN(std::vector<SourceInfo> sources, ListSources());
  std::vector<VersionInfo> chosen;
  for (const SourceInfo& source : sources) {
    if (date.empty()) {
      chosen.push_back(source.current);
      continue;
    }
    ASSIGN_OR_RETURN(std::vector<VersionInfo> versions, ListVersions(source.name));
    // Oldest first: the last one in force on the date is the one current then, the same rule
    // as the SQL of ForEachEntityAsOf.
    const VersionInfo* in_force = nullptr;
    for (const VersionInfo& v : versions) {
      if (EffectiveDate(v) <= date) in_force = &v;
    }
    if (in_force != nullptr) chosen.push_back(*in_force);
  }
  return chosen;
}

Status Store::ForEachEntityAsOf(const std::string& date,
                                const std::function<Status(const model::Entity&)>& fn) {
  if (date.empty()) return ForEachCurrentEntity(fn);
  RETURN_IF_ERROR(CheckAsOfDate(date));
  // ISO dates compare as strings, so the selection stays in SQL.
  Statement s(db_,
              "SELECT b.json FROM version_entities ve JOIN blobs b ON b.digest = ve.digest "
              "WHERE ve.version_id IN ("
              "  SELECT (SELECT w.id FROM versions w WHERE w.source = v.source AND "
              "          substr(CASE WHEN w.published != '' THEN w.published ELSE w.retrieved "
              "                 END, 1, 10) <= ? "
              "          ORDER BY w.number DESC LIMIT 1) "
              "  FROM versions v GROUP BY v.source) "
              "ORDER BY ve.entity_id");
  s.Bind(1, date);
  while (s.Step()) {
    ASSIGN_OR_RETURN(model::Entity e, model::EntityFromJson(s.Text(0)));
    RETURN_IF_ERROR(fn(e));
  }
  return s.status();
}

}  // namespace cordon::store
