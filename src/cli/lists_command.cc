// `cordon lists [--json]`: sources, their versions, entity counts and list dates.
// `cordon diff SOURCE [V1 V2] [--json] [--limit N]`: what changed between two versions.
// `cordon show ID [--version N] [--json]`: one entity with its provenance and history.
// `cordon formats`: the formats cordon reads.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "base/strings.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "ingest/registry.h"
#include "model/entity_json.h"
#include "store/json.h"

namespace cordon::cli {
namespace {

using Json = nlohmann::ordered_json;

class ListsCommand : public Command {
 public:
  Takes takes() const override { return {.json = true}; }
  CLI::App* Add(CLI::App& app) override {
    return app.add_subcommand("lists", "sources and their versions");
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override {
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForReading(shared.db));
    ASSIGN_OR_RETURN(std::vector<store::SourceInfo> sources, store->ListSources());
    std::vector<std::pair<store::SourceInfo, std::vector<store::VersionInfo>>> all;
    for (const store::SourceInfo& s : sources) {
      ASSIGN_OR_RETURN(std::vector<store::VersionInfo> versions, store->ListVersions(s.name));
      all.emplace_back(s, std::move(versions));
    }
    if (shared.json) {
      // The shape of GET /lists, without the server's index.
      Json j;
      j["sources"] = store::SourcesJson(all);
      fmt::print(io.out, "{}\n", j.dump(2));
    } else if (all.empty()) {
      fmt::print(io.out, "no lists stored in {} yet: run `cordon load` or `cordon ingest FILE`\n",
                 shared.db);
    } else {
      PrintSources(io.out, all);
    }
    return Status::Ok();
  }
};

class DiffCommand : public Command {
 public:
  Takes takes() const override { return {.json = true}; }
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = app.add_subcommand("diff", "what changed between two versions of a source");
    cmd->add_option("source", source_, "source name")->required();
    cmd->add_option("versions", versions_, "V1 V2 (default: latest against previous)")
        ->expected(0, 2);
    cmd->add_option("--limit", limit_, "changes to print (0: all)");
    return cmd;
  }
  Status Check(const SharedOptions&) override {
    if (versions_.size() == 1)
      return InvalidArgumentError("diff needs two versions (V1 V2) or none");
    return Status::Ok();
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override {
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForReading(shared.db));
    const int64_t from = versions_.empty() ? 0 : versions_[0];
    const int64_t to = versions_.empty() ? 0 : versions_[1];
    ASSIGN_OR_RETURN(store::Delta delta, store->GetDelta(source_, from, to));
    if (shared.json) {
      fmt::print(io.out, "{}\n", store::DeltaJson(delta, limit_).dump(2));
    } else {
      PrintDelta(io.out, delta, limit_ == 0 ? SIZE_MAX : limit_);
    }
    return Status::Ok();
  }

 private:
  std::string source_;
  std::vector<int64_t> versions_;
  size_t limit_ = 50;
};

class ShowCommand : public Command {
 public:
  Takes takes() const override { return {.json = true}; }
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd =
        app.add_subcommand("show", "one entity with its names, identifiers, provenance");
    cmd->add_option("id", id_, "entity id, e.g. un_sc:6907993")->required();
    cmd->add_option("--version", version_, "version of its source (default current)");
    return cmd;
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override {
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForReading(shared.db));
    std::optional<int64_t> version;
    if (version_ > 0) version = version_;
    ASSIGN_OR_RETURN(model::Entity entity, store->GetEntity(id_, version));
    ASSIGN_OR_RETURN(auto history, store->EntityHistory(id_));
    ASSIGN_OR_RETURN(std::vector<store::VersionInfo> versions,
                     store->ListVersions(entity.provenance.source));
    const int64_t shown = version ? *version : versions.back().number;
    const store::VersionInfo& v = versions[static_cast<size_t>(shown - 1)];
    if (shared.json) {
      Json j = model::EntityToJsonValue(entity);
      j["provenance"]["version"] = v.number;
      j["provenance"]["list_date"] = v.published;
      j["provenance"]["retrieved"] = v.retrieved;
      Json h = Json::array();
      for (const auto& [number, change] : history) {
        Json hj;
        hj["version"] = number;
        hj["change"] = store::ChangeKindName(change.kind);
        if (!change.fields.empty()) hj["fields"] = change.fields;
        h.push_back(std::move(hj));
      }
      j["history"] = std::move(h);
      fmt::print(io.out, "{}\n", j.dump(2));
      return Status::Ok();
    }
    PrintEntity(io.out, entity);
    fmt::print(io.out, "  {:<22} {} version {} (list date {}, retrieved {}, files {})\n", "list",
               v.source, v.number, v.published.empty() ? "-" : v.published, v.retrieved,
               Join(v.files, " + "));
    for (const auto& [number, change] : history) {
      fmt::print(io.out, "  {:<22} version {}: {}{}\n", "history", number,
                 store::ChangeKindName(change.kind),
                 change.fields.empty() ? "" : " (" + Join(change.fields, ", ") + ")");
    }
    return Status::Ok();
  }

 private:
  std::string id_;
  int64_t version_ = 0;
};

class FormatsCommand : public Command {
 public:
  CLI::App* Add(CLI::App& app) override {
    return app.add_subcommand("formats", "list formats cordon reads");
  }
  Status Run(const SharedOptions&, CommandIo& io) override {
    for (const ingest::FormatInfo& f : ingest::Formats()) {
      fmt::print(io.out, "{:<22} {:<14} {}\n", f.name, f.default_source, f.description);
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Command> MakeListsCommand() { return std::make_unique<ListsCommand>(); }
std::unique_ptr<Command> MakeDiffCommand() { return std::make_unique<DiffCommand>(); }
std::unique_ptr<Command> MakeShowCommand() { return std::make_unique<ShowCommand>(); }
std::unique_ptr<Command> MakeFormatsCommand() { return std::make_unique<FormatsCommand>(); }

}  // namespace cordon::cli
