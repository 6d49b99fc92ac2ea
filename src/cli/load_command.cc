// `cordon load [--sources catalog.json] [--only a,b]`: the lists bundled with cordon.
// `cordon update [--sources catalog.json] [--only a,b] [--timeout S]`: from the official URLs.
// A source that fails keeps its previous version; the others are stored.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cstdlib>

#include "cli/commands.h"
#include "update/updater.h"

#ifndef CORDON_DATA_DIR
#define CORDON_DATA_DIR "data"
#endif

namespace cordon::cli {
namespace {

std::string DefaultCatalog() {
  const char* env = std::getenv("CORDON_DATA");
  return std::string(env && *env ? env : CORDON_DATA_DIR) + "/sources.json";
}

class LoadCommand : public Command {
 public:
  explicit LoadCommand(bool from_urls) : from_urls_(from_urls) {}

  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = from_urls_
                        ? app.add_subcommand("update", "download every list from its official URL")
                        : app.add_subcommand("load", "ingest the lists bundled with cordon");
    cmd->add_option(
        "--sources", catalog_path_,
        from_urls_ ? "source catalog with URLs" : "source catalog (default data/sources.json)");
    cmd->add_option("--only", only_, "only these sources")->delimiter(',');
    if (from_urls_) cmd->add_option("--timeout", timeout_, "seconds per download");
    return cmd;
  }

  Status Check(const SharedOptions&) override {
    if (timeout_ <= 0)
      return InvalidArgumentError("--timeout must be a positive number of seconds");
    return Status::Ok();
  }

  Status Run(const SharedOptions& shared, CommandIo& io) override {
    ASSIGN_OR_RETURN(update::SourceCatalog catalog, update::LoadSourceCatalog(catalog_path_));
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForWriting(shared.db));
    update::UpdateOptions options;
    options.only = only_;
    options.download.total_timeout_seconds = timeout_;
    std::vector<update::SourceOutcome> outcomes =
        from_urls_ ? update::UpdateFromUrls(*store, catalog, options)
                   : update::LoadBundled(*store, catalog, options);
    std::vector<std::string> failed;
    bool stored = false;
    for (const update::SourceOutcome& o : outcomes) {
      if (o.skipped) {
        fmt::print(io.out, "{}: skipped ({})\n", o.source,
                   !o.skip_reason.empty() ? o.skip_reason
                   : from_urls_           ? "no download URL"
                                          : "no bundled copy");
      } else if (!o.status.ok()) {
        failed.push_back(o.source);
        fmt::print(io.err, "cordon: error: {}\n", o.status.ToString());
        fmt::print(io.err, "cordon: {} keeps its previous version\n", o.source);
      } else {
        PrintDocumentReport(io, o.report, shared.verbose);
        stored |= !o.report.result.unchanged;
      }
    }
    // What was stored is screened, also when another source failed.
    store.reset();
    if (stored) RETURN_IF_ERROR(RescreenBooks(shared.db, io));
    if (!failed.empty()) {
      return UnavailableError(fmt::format("{} of {} sources failed: {}", failed.size(),
                                          outcomes.size(), fmt::join(failed, ", ")));
    }
    return Status::Ok();
  }

 private:
  bool from_urls_;
  std::string catalog_path_ = DefaultCatalog();
  std::vector<std::string> only_;
  int64_t timeout_ = 600;
};

}  // namespace

std::unique_ptr<Command> MakeLoadCommand() { return std::make_unique<LoadCommand>(false); }
std::unique_ptr<Command> MakeUpdateCommand() { return std::make_unique<LoadCommand>(true); }

}  // namespace cordon::cli
