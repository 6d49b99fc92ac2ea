#include "cli/cli.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/file.h"
#include "base/strings.h"
#include "cli/admin_command.h"
#include "cli/maritime_command.h"
#include "cli/ownership_command.h"
#include "cli/render.h"
#include "cli/serve_command.h"
#include "graph/statuses.h"
#include "ingest/csv.h"
#include "ingest/registry.h"
#include "match/compare.h"
#include "match/from_store.h"
#include "match/index.h"
#include "match/query_reader.h"
#include "model/entity_json.h"
#include "store/ingest_files.h"
#include "store/json.h"
#include "store/store.h"
#include "update/updater.h"

#ifndef CORDON_DATA_DIR
#define CORDON_DATA_DIR "data"
#endif

namespace cordon::cli {
namespace {

using store::VersionJson;

using Json = nlohmann::ordered_json;

std::string DefaultDb() {
  const char* env = std::getenv("CORDON_DB");
  return env && *env ? env : "cordon.db";
}

std::string DefaultCatalog() {
  const char* env = std::getenv("CORDON_DATA");
  return std::string(env && *env ? env : CORDON_DATA_DIR) + "/sources.json";
}

int Fail(std::ostream& err, const Status& status) {
  fmt::print(err, "cordon: error: {}\n", status.ToString());
  return 1;
}

void PrintDiagnostics(std::ostream& err, const std::vector<ingest::Diagnostic>& diagnostics,
                      size_t max) {
  size_t shown = 0;
  for (const ingest::Diagnostic& d : diagnostics) {
    if (max != 0 && shown++ == max) {
      fmt::print(err, "  ... {} more diagnostics (--verbose shows all)\n",
                 diagnostics.size() - max);
      break;
    }
    fmt::print(err, "  {}\n", d.ToString());
  }
}

void PrintDocumentReport(std::ostream& out, std::ostream& err, const store::DocumentReport& doc,
                         bool verbose) {
  const store::VersionInfo& v = doc.result.version;
  if (doc.result.unchanged) {
    fmt::print(out, "{}: unchanged (identical to version {}, {} entities)\n", doc.source, v.number,
               v.entity_count);
    return;
  }
  fmt::print(out,
             "{}: version {} from {} ({}): {} entities, +{} -{} ~{}, list date {}, {} warnings, "
             "{} errors\n",
             doc.source, v.number, Join(doc.files, " + "), doc.format, v.entity_count, v.added,
             v.removed, v.changed, v.published.empty() ? "-" : v.published, v.warnings, v.errors);
  PrintDiagnostics(err, doc.diagnostics, verbose ? 0 : 10);
}

Result<std::unique_ptr<store::Store>> OpenStore(const std::string& path) {
  return store::Store::Open(path);
}

// Invalid UTF-8 in the input (a Latin-1 customer file) must not abort the output.
std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

int UsageError(std::ostream& err, std::string_view message) {
  fmt::print(err, "cordon: error: {}\n", message);
  return 2;
}

std::optional<model::Schema> SchemaArgument(std::string_view text) {
  if (auto schema = model::SchemaFromName(text)) return schema;
  if (EqualsIgnoreCase(text, "individual")) return model::Schema::kPerson;
  return std::nullopt;
}

// `cordon compare --pairs FILE`: every input column, then score and match.
int ComparePairs(const std::string& path, const std::optional<model::Schema>& default_schema,
                 const std::string& output, std::ostream& out, std::ostream& err) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return Fail(err, bytes.status());
  std::string_view text = *bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  ingest::internal::CsvReader reader(text);
  ingest::internal::CsvRecord header;
  if (!reader.Next(&header)) {
    return Fail(err, InvalidArgumentError(path + ": no header row (want name1,name2[,schema])"));
  }
  constexpr size_t kNone = SIZE_MAX;
  size_t name1 = kNone, name2 = kNone, schema = kNone;
  for (size_t field_idx = 0; field_idx < header.fields.size(); ++field_idx) {
    const std::string_view h = StripWhitespace(header.fields[field_idx]);
    if (EqualsIgnoreCase(h, "name1") && name1 == kNone) name1 = field_idx;
    if (EqualsIgnoreCase(h, "name2") && name2 == kNone) name2 = field_idx;
    if (EqualsIgnoreCase(h, "schema") && schema == kNone) schema = field_idx;
  }
  if (name1 == kNone || name2 == kNone) {
    return Fail(err, InvalidArgumentError(path + ":" + std::to_string(header.line) +
                                          ": the header needs name1 and name2 columns"));
  }
  std::vector<std::string_view> fields(header.fields.begin(), header.fields.end());
  fields.push_back("score");
  fields.push_back("match");
  std::string result = CsvLine(fields);
  ingest::internal::CsvRecord record;
  while (reader.Next(&record)) {
    const std::string at = path + ":" + std::to_string(record.line);
    if (record.fields.size() != header.fields.size()) {
      return Fail(err, InvalidArgumentError(at + ": " + std::to_string(record.fields.size()) +
                                            " fields, but the header has " +
                                            std::to_string(header.fields.size())));
    }
    std::optional<model::Schema> row_schema = default_schema;
    if (schema != kNone) {
      const std::string_view value = StripWhitespace(record.fields[schema]);
      if (!value.empty()) {
        row_schema = SchemaArgument(value);
        if (!row_schema) {
          return Fail(err, InvalidArgumentError(at + ": schema: '" + std::string(value) +
                                                "' is not a schema"));
        }
      }
    }
    const match::NameComparison c = match::CompareNames(
        StripWhitespace(record.fields[name1]), StripWhitespace(record.fields[name2]), row_schema);
    const std::string score = fmt::format("{:.3f}", c.score);
    fields.assign(record.fields.begin(), record.fields.end());
    fields.push_back(score);
    fields.push_back(c.score >= match::kDefaultThreshold ? "true" : "false");
    result += CsvLine(fields);
  }
  if (!reader.status().ok()) return Fail(err, reader.status().WithContext(path));
  if (output.empty()) {
    out << result;
    return 0;
  }
  Status written = WriteFileAtomically(output, result);
  return written.ok() ? 0 : Fail(err, written);
}

struct ScreenArgs {
  std::string db;
  std::string input;
  std::string output;
  double threshold = match::kDefaultThreshold;
  size_t limit = 10;
  std::vector<std::string> regimes;
  std::vector<std::string> sources;
  std::string as_of;
};

// One input record and the JSON line it turns into.
struct ScreenedRecord {
  match::Query query;
  int64_t row = 0;
  size_t matches = 0;
  std::string line;
};

std::string VersionCitation(const store::VersionInfo& v) {
  return fmt::format("{} version {} (list date {}, retrieved {})", v.source, v.number,
                     v.published.empty() ? "-" : v.published.substr(0, 10), v.retrieved);
}

// `cordon screen`: JSON lines in input order. Records are screened in chunks, each spread over
// the cores and written in order before the next is read, so memory stays bounded.
int Screen(const ScreenArgs& args, std::ostream& out, std::ostream& err) {
  match::SearchOptions options;
  options.threshold = args.threshold;
  options.limit = args.limit;
  if (args.threshold < 0 || args.threshold > 1) {
    return UsageError(err, fmt::format("--threshold {} is not between 0 and 1", args.threshold));
  }
  for (const std::string& name : args.regimes) {
    std::optional<model::Regime> regime = model::RegimeFromName(StripWhitespace(name));
    if (!regime) return UsageError(err, "--regime: '" + name + "' is not one of us, eu, uk, un");
    options.regimes.push_back(*regime);
  }
  const auto start = std::chrono::steady_clock::now();
  auto seconds_since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };

  Result<std::unique_ptr<match::QueryReader>> reader = match::QueryReader::Open(args.input);
  if (!reader.ok()) return Fail(err, reader.status());
  Result<std::unique_ptr<store::Store>> store = OpenStore(args.db);
  if (!store.ok()) return Fail(err, store.status());
  Result<match::LoadedIndex> loaded = match::LoadIndex(**store, {args.as_of, args.sources});
  if (!loaded.ok()) return Fail(err, loaded.status());
  const match::MatchIndex& index = *loaded->index;
  std::vector<std::string> citations;
  for (const store::VersionInfo& v : loaded->versions) citations.push_back(VersionCitation(v));
  fmt::print(err, "cordon: index of {} entities built in {:.2f} s from {}\n",
             index.stats().entities, seconds_since(start), Join(citations, ", "));
  // Each match says whether it is owned or controlled under each regime, and what it owns.
  Result<std::unique_ptr<graph::OwnershipStatuses>> ownership =
      graph::OwnershipStatuses::FromStore(**store, args.as_of);
  if (!ownership.ok()) return Fail(err, ownership.status());

  std::ofstream file;
  std::ostream* sink = &out;
  const std::string temp = fmt::format("{}.tmp.{}", args.output, getpid());
  if (!args.output.empty()) {
    file.open(temp, std::ios::binary | std::ios::trunc);
    if (!file) return Fail(err, IoError(args.output + ": cannot write"));
    sink = &file;
  }
  auto discard = [&] {
    if (args.output.empty()) return;
    file.close();
    std::remove(temp.c_str());
    fmt::print(err, "cordon: nothing was written to {}\n", args.output);
  };

  const bool progress = &err == &std::cerr && isatty(STDERR_FILENO);
  const size_t threads = std::max(1u, std::thread::hardware_concurrency());
  constexpr size_t kChunk = 1024;
  const auto screen_start = std::chrono::steady_clock::now();
  std::vector<ScreenedRecord> chunk;
  Status read_error;
  size_t records = 0, with_matches = 0, matches = 0, warnings = 0;
  constexpr size_t kShownWarnings = 10;
  bool done = false;
  while (!done) {
    chunk.clear();
    while (chunk.size() < kChunk) {
      ScreenedRecord record;
      Result<bool> more = (*reader)->Next(record.query);
      if (!more.ok() || !*more) {
        read_error = more.status();
        done = true;
        break;
      }
      record.row = (*reader)->row();
      chunk.push_back(std::move(record));
    }
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < chunk.size(); i = next++) {
        ScreenedRecord& record = chunk[i];
        const std::vector<match::Match> found = index.Search(record.query, options);
        Json j;
        j["row"] = record.row;
        j["id"] = record.query.id;
        j["matches"] = Json::array();
        for (const match::Match& m : found) {
          Json status = (*ownership)->StatusJson(m.entity->id);
          // Ownership sources (registers, BODS) name companies that are on no list: a match
          // with one matters only when the company is owned or controlled by someone listed.
          if (m.entity->sanctions.empty() && !graph::OwnershipMatters(status)) continue;
          Json match = MatchJson(m);
          if (!status.is_null()) match["ownership"] = std::move(status);
          j["matches"].push_back(std::move(match));
        }
        if (!record.query.warnings.empty()) j["warnings"] = record.query.warnings;
        record.matches = j["matches"].size();
        record.line = Dump(j) + "\n";
      }
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < std::min(threads, chunk.size()); ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    for (const ScreenedRecord& record : chunk) {
      *sink << record.line;
      for (const std::string& warning : record.query.warnings) {
        if (warnings++ < kShownWarnings) fmt::print(err, "cordon: warning: {}\n", warning);
      }
      ++records;
      with_matches += record.matches > 0;
      matches += record.matches;
    }
    if (progress) {
      fmt::print(err, "\r  {} records screened, {} with matches, {:.0f} records/s ", records,
                 with_matches, static_cast<double>(records) / seconds_since(screen_start));
      err.flush();
    }
  }
  if (progress) fmt::print(err, "\n");
  if (!read_error.ok()) {
    Fail(err, read_error);
    discard();
    return 1;
  }
  sink->flush();
  if (!*sink) {
    discard();
    return Fail(err, IoError((args.output.empty() ? "output" : args.output) + ": write failed"));
  }
  if (!args.output.empty()) {
    file.close();
    if (std::rename(temp.c_str(), args.output.c_str()) != 0) {
      std::remove(temp.c_str());
      return Fail(err, IoError(args.output + ": cannot write"));
    }
  }
  const double seconds = seconds_since(screen_start);
  fmt::print(err,
             "cordon: screened {} records in {:.2f} s ({:.0f} records/s): {} with matches, {} "
             "matches\n",
             records, seconds, seconds > 0 ? static_cast<double>(records) / seconds : 0.0,
             with_matches, matches);
  if (warnings > 0) {
    fmt::print(err,
               "cordon: {} input fields could not be read and were left out (see \"warnings\" "
               "in the output)\n",
               warnings);
  }
  fmt::print(err, "cordon: lists used: {}\n", Join(citations, ", "));
  return 0;
}

}  // namespace

int RunCordon(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"cordon: sanctions lists, screening, ownership, maritime and trade checks"};
  app.require_subcommand(1);
  std::string db = DefaultDb();
  app.add_option("--db", db, "SQLite store (default $CORDON_DB or ./cordon.db)");
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "print every diagnostic");

  // ingest
  auto* ingest_cmd = app.add_subcommand("ingest", "parse list files and store a new version");
  std::vector<std::string> ingest_files;
  std::string ingest_format, ingest_source;
  ingest_cmd->add_option("files", ingest_files, "list files (.zst read transparently)")->required();
  ingest_cmd->add_option("--format", ingest_format, "force a format (see `cordon formats`)");
  ingest_cmd->add_option("--source", ingest_source, "store under this source name");

  // load
  auto* load_cmd = app.add_subcommand("load", "ingest the lists bundled with cordon");
  std::string catalog_path = DefaultCatalog();
  std::vector<std::string> only;
  load_cmd->add_option("--sources", catalog_path, "source catalog (default data/sources.json)");
  load_cmd->add_option("--only", only, "only these sources")->delimiter(',');

  // update
  auto* update_cmd = app.add_subcommand("update", "download every list from its official URL");
  update_cmd->add_option("--sources", catalog_path, "source catalog with URLs");
  update_cmd->add_option("--only", only, "only these sources")->delimiter(',');
  int64_t timeout = 600;
  update_cmd->add_option("--timeout", timeout, "seconds per download");

  // lists
  auto* lists_cmd = app.add_subcommand("lists", "sources and their versions");
  bool json = false;
  lists_cmd->add_flag("--json", json, "JSON output");

  // diff
  auto* diff_cmd = app.add_subcommand("diff", "what changed between two versions of a source");
  std::string diff_source;
  std::vector<int64_t> diff_versions;
  size_t diff_limit = 50;
  diff_cmd->add_option("source", diff_source, "source name")->required();
  diff_cmd->add_option("versions", diff_versions, "V1 V2 (default: latest against previous)")
      ->expected(0, 2);
  diff_cmd->add_flag("--json", json, "JSON output");
  diff_cmd->add_option("--limit", diff_limit, "changes to print (0: all)");

  // show
  auto* show_cmd = app.add_subcommand("show", "one entity with its names, identifiers, provenance");
  std::string show_id;
  int64_t show_version = 0;
  show_cmd->add_option("id", show_id, "entity id, e.g. un_sc:6907993")->required();
  show_cmd->add_option("--version", show_version, "version of its source (default current)");
  show_cmd->add_flag("--json", json, "JSON output");

  // formats
  auto* formats_cmd = app.add_subcommand("formats", "list formats cordon reads");

  // compare
  auto* compare_cmd =
      app.add_subcommand("compare", "score two names, or every name1,name2 pair of a CSV file");
  compare_cmd->fallthrough();
  std::vector<std::string> compare_names;
  std::string compare_schema, pairs_path, compare_output;
  compare_cmd->add_option("names", compare_names, "NAME1 NAME2 (the query, then the listed name)")
      ->expected(0, 2);
  compare_cmd->add_option("--schema", compare_schema, "Person, Company, Organization, Vessel, ...");
  compare_cmd->add_option("--pairs", pairs_path, "CSV with name1,name2[,schema] columns");
  compare_cmd->add_option("--output", compare_output, "CSV to write (default standard output)");

  // screen
  auto* screen_cmd = app.add_subcommand("screen", "screen a customer file against the lists");
  screen_cmd->fallthrough();
  ScreenArgs screen;
  screen_cmd->add_option("--input", screen.input, "CSV with a header row, or FtM JSON lines")
      ->required();
  screen_cmd->add_option("--output", screen.output,
                         "JSON lines to write (default standard output)");
  screen_cmd->add_option("--threshold", screen.threshold, "lowest score reported (default 0.70)");
  screen_cmd->add_option("--limit", screen.limit, "matches per record, best first (0: all)");
  screen_cmd->add_option("--regime", screen.regimes, "only entities listed by these: us,eu,uk,un")
      ->delimiter(',');
  screen_cmd->add_option("--source", screen.sources, "only these sources")->delimiter(',');
  screen_cmd->add_option("--as-of", screen.as_of, "the list versions current on YYYY-MM-DD");

  // ownership
  OwnershipArgs ownership;
  const OwnershipCommands ownership_cmds = AddOwnershipCommands(app, ownership);
  // ais, vessel, pricecap
  MaritimeArgs maritime;
  const MaritimeCommands maritime_cmds = AddMaritimeCommands(app, maritime);

  ServeArgs serve;
  CLI::App* serve_cmd = AddServeCommand(app, serve);
  AdminArgs admin;
  const AdminCommands admin_cmds = AddAdminCommands(app, admin);

  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err) == 0 ? 0 : 2;
  }

  if (formats_cmd->parsed()) {
    for (const ingest::FormatInfo& f : ingest::Formats()) {
      fmt::print(out, "{:<22} {:<14} {}\n", f.name, f.default_source, f.description);
    }
    return 0;
  }

  if (ingest_cmd->parsed()) {
    std::vector<std::string> contents;
    contents.reserve(ingest_files.size());
    for (const std::string& path : ingest_files) {
      Result<std::string> bytes = ReadFile(path);
      if (!bytes.ok()) return Fail(err, bytes.status());
      contents.push_back(std::move(bytes).value());
    }
    std::vector<ingest::InputFile> files;
    for (size_t i = 0; i < ingest_files.size(); ++i) {
      files.push_back({std::string(StripCompressionSuffix(ingest_files[i])), contents[i]});
    }
    Result<std::unique_ptr<store::Store>> store = OpenStore(db);
    if (!store.ok()) return Fail(err, store.status());
    Result<store::IngestReport> report =
        store::IngestFiles(**store, files, {ingest_format, ingest_source, ""});
    if (!report.ok()) {
      Fail(err, report.status());
      fmt::print(err, "cordon: nothing was stored; the previous versions stay current\n");
      return 1;
    }
    for (const store::DocumentReport& doc : report->documents) {
      PrintDocumentReport(out, err, doc, verbose);
    }
    return 0;
  }

  if (load_cmd->parsed() || update_cmd->parsed()) {
    Result<update::SourceCatalog> catalog = update::LoadSourceCatalog(catalog_path);
    if (!catalog.ok()) return Fail(err, catalog.status());
    Result<std::unique_ptr<store::Store>> store = OpenStore(db);
    if (!store.ok()) return Fail(err, store.status());
    update::UpdateOptions options;
    options.only = only;
    options.download.total_timeout_seconds = timeout;
    std::vector<update::SourceOutcome> outcomes =
        load_cmd->parsed() ? update::LoadBundled(**store, *catalog, options)
                           : update::UpdateFromUrls(**store, *catalog, options);
    int failures = 0;
    for (const update::SourceOutcome& o : outcomes) {
      if (o.skipped) {
        fmt::print(out, "{}: skipped ({})\n", o.source,
                   !o.skip_reason.empty() ? o.skip_reason
                   : load_cmd->parsed()   ? "no bundled copy"
                                          : "no download URL");
      } else if (!o.status.ok()) {
        ++failures;
        fmt::print(err, "cordon: error: {}\n", o.status.ToString());
        fmt::print(err, "cordon: {} keeps its previous version\n", o.source);
      } else {
        PrintDocumentReport(out, err, o.report, verbose);
      }
    }
    return failures == 0 ? 0 : 1;
  }

  if (compare_cmd->parsed()) {
    std::optional<model::Schema> schema;
    if (!compare_schema.empty()) {
      schema = SchemaArgument(compare_schema);
      if (!schema) return UsageError(err, "--schema: '" + compare_schema + "' is not a schema");
    }
    if (!pairs_path.empty()) {
      if (!compare_names.empty()) return UsageError(err, "compare takes two names or --pairs");
      return ComparePairs(pairs_path, schema, compare_output, out, err);
    }
    if (compare_names.size() != 2) return UsageError(err, "compare needs two names or --pairs");
    PrintComparison(out, match::CompareNames(compare_names[0], compare_names[1], schema));
    return 0;
  }

  if (maritime_cmds.parsed()) {
    maritime.db = db;
    return RunMaritime(maritime_cmds, maritime, out, err);
  }

  if (ownership_cmds.explain->parsed() || ownership_cmds.derive->parsed()) {
    ownership.db = db;
    return ownership_cmds.explain->parsed() ? RunOwnershipExplain(ownership, out, err)
                                            : RunOwnershipDerive(ownership, out, err);
  }

  if (serve_cmd->parsed()) return RunServe(db, serve, out, err);
  if (admin_cmds.parsed()) {
    admin.db = db;
    return RunAdmin(admin_cmds, admin, out, err);
  }
  if (screen_cmd->parsed()) {
    screen.db = db;
    return Screen(screen, out, err);
  }

  Result<std::unique_ptr<store::Store>> store = OpenStore(db);
  if (!store.ok()) return Fail(err, store.status());

  if (lists_cmd->parsed()) {
    Result<std::vector<store::SourceInfo>> sources = (*store)->ListSources();
    if (!sources.ok()) return Fail(err, sources.status());
    std::vector<std::pair<store::SourceInfo, std::vector<store::VersionInfo>>> all;
    for (const store::SourceInfo& s : *sources) {
      Result<std::vector<store::VersionInfo>> versions = (*store)->ListVersions(s.name);
      if (!versions.ok()) return Fail(err, versions.status());
      all.emplace_back(s, std::move(versions).value());
    }
    if (json) {
      Json arr = Json::array();
      for (const auto& [source, versions] : all) {
        Json j;
        j["source"] = source.name;
        j["current_version"] = source.current.number;
        j["versions"] = Json::array();
        for (const auto& v : versions) j["versions"].push_back(VersionJson(v));
        arr.push_back(std::move(j));
      }
      fmt::print(out, "{}\n", arr.dump(2));
    } else if (all.empty()) {
      fmt::print(out, "no lists stored in {} yet: run `cordon load` or `cordon ingest FILE`\n", db);
    } else {
      PrintSources(out, all);
    }
    return 0;
  }

  if (diff_cmd->parsed()) {
    if (diff_versions.size() == 1) {
      fmt::print(err, "cordon: error: diff needs two versions (V1 V2) or none\n");
      return 2;
    }
    int64_t from = diff_versions.empty() ? 0 : diff_versions[0];
    int64_t to = diff_versions.empty() ? 0 : diff_versions[1];
    Result<store::Delta> delta = (*store)->GetDelta(diff_source, from, to);
    if (!delta.ok()) return Fail(err, delta.status());
    if (json) {
      Json j;
      j["source"] = delta->source;
      j["from_version"] = delta->from_version;
      j["to_version"] = delta->to_version;
      j["changes"] = Json::array();
      for (const auto& c : delta->changes) {
        Json cj;
        cj["id"] = c.entity_id;
        cj["change"] = c.kind == store::EntityChange::Kind::kAdded     ? "added"
                       : c.kind == store::EntityChange::Kind::kRemoved ? "removed"
                                                                       : "changed";
        cj["caption"] = c.caption;
        if (!c.fields.empty()) cj["fields"] = c.fields;
        j["changes"].push_back(std::move(cj));
      }
      fmt::print(out, "{}\n", j.dump(2));
    } else {
      PrintDelta(out, *delta, diff_limit == 0 ? SIZE_MAX : diff_limit);
    }
    return 0;
  }

  if (show_cmd->parsed()) {
    std::optional<int64_t> version;
    if (show_version > 0) version = show_version;
    Result<model::Entity> entity = (*store)->GetEntity(show_id, version);
    if (!entity.ok()) return Fail(err, entity.status());
    Result<std::vector<std::pair<int64_t, store::EntityChange>>> history =
        (*store)->EntityHistory(show_id);
    if (!history.ok()) return Fail(err, history.status());
    const std::string source = entity->provenance.source;
    Result<std::vector<store::VersionInfo>> versions = (*store)->ListVersions(source);
    if (!versions.ok()) return Fail(err, versions.status());
    const int64_t shown = version ? *version : versions->back().number;
    const store::VersionInfo& v = (*versions)[static_cast<size_t>(shown - 1)];
    if (json) {
      Json j = model::EntityToJsonValue(*entity);
      j["provenance"]["version"] = v.number;
      j["provenance"]["list_date"] = v.published;
      j["provenance"]["retrieved"] = v.retrieved;
      Json h = Json::array();
      for (const auto& [number, change] : *history) {
        Json hj;
        hj["version"] = number;
        hj["change"] = change.kind == store::EntityChange::Kind::kAdded     ? "added"
                       : change.kind == store::EntityChange::Kind::kRemoved ? "removed"
                                                                            : "changed";
        if (!change.fields.empty()) hj["fields"] = change.fields;
        h.push_back(std::move(hj));
      }
      j["history"] = std::move(h);
      fmt::print(out, "{}\n", j.dump(2));
    } else {
      PrintEntity(out, *entity);
      fmt::print(out, "  {:<22} {} version {} (list date {}, retrieved {}, files {})\n", "list",
                 v.source, v.number, v.published.empty() ? "-" : v.published, v.retrieved,
                 Join(v.files, " + "));
      for (const auto& [number, change] : *history) {
        fmt::print(out, "  {:<22} version {}: {}{}\n", "history", number,
                   change.kind == store::EntityChange::Kind::kAdded     ? "added"
                   : change.kind == store::EntityChange::Kind::kRemoved ? "removed"
                                                                        : "changed",
                   change.fields.empty() ? "" : " (" + Join(change.fields, ", ") + ")");
      }
    }
    return 0;
  }
  return 2;
}

}  // namespace cordon::cli
