#include "cli/cli.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "base/file.h"
#include "base/strings.h"
#include "cli/render.h"
#include "ingest/registry.h"
#include "model/entity_json.h"
#include "store/ingest_files.h"
#include "store/store.h"
#include "update/updater.h"

#ifndef CORDON_DATA_DIR
#define CORDON_DATA_DIR "data"
#endif

namespace cordon::cli {
namespace {

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

Json VersionJson(const store::VersionInfo& v) {
  Json j;
  j["source"] = v.source;
  j["version"] = v.number;
  j["format"] = v.format;
  j["list_date"] = v.published;
  j["retrieved"] = v.retrieved;
  j["sha256"] = v.sha256;
  j["files"] = v.files;
  j["entities"] = v.entity_count;
  j["added"] = v.added;
  j["removed"] = v.removed;
  j["changed"] = v.changed;
  j["warnings"] = v.warnings;
  j["errors"] = v.errors;
  return j;
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
                   load_cmd->parsed() ? "no bundled copy" : "no download URL");
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
