// `cordon ingest FILE... [--format F] [--source S]`: parse list files, store a new version.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "base/file.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "ingest/registry.h"
#include "store/ingest_files.h"

namespace cordon::cli {
namespace {

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

class IngestCommand : public Command {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = app.add_subcommand("ingest", "parse list files and store a new version");
    cmd->add_option("files", files_, "list files (.zst read transparently)")->required();
    cmd->add_option("--format", format_, "force a format (see `cordon formats`)");
    cmd->add_option("--source", source_, "store under this source name");
    return cmd;
  }

  Status Run(const SharedOptions& shared, CommandIo& io) override {
    std::vector<std::string> contents;
    contents.reserve(files_.size());
    for (const std::string& path : files_) {
      ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
      contents.push_back(std::move(bytes));
    }
    std::vector<ingest::InputFile> inputs;
    for (size_t file_idx = 0; file_idx < files_.size(); ++file_idx) {
      inputs.push_back({std::string(StripCompressionSuffix(files_[file_idx])), contents[file_idx]});
    }
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForWriting(shared.db));
    Result<store::IngestReport> report = store::IngestFiles(*store, inputs, {format_, source_, ""});
    if (!report.ok()) {
      return Status(report.status().code(),
                    report.status().message() +
                        "\ncordon: nothing was stored; the previous versions stay current");
    }
    bool stored = false;
    for (const store::DocumentReport& doc : report->documents) {
      PrintDocumentReport(io, doc, shared.verbose);
      stored |= !doc.result.unchanged;
    }
    store.reset();
    return stored ? RescreenBooks(shared.db, io) : Status::Ok();
  }

 private:
  std::vector<std::string> files_;
  std::string format_, source_;
};

}  // namespace

void PrintDocumentReport(CommandIo& io, const store::DocumentReport& doc, bool verbose) {
  const store::VersionInfo& v = doc.result.version;
  if (doc.result.unchanged) {
    fmt::print(io.out, "{}: unchanged (identical to version {}, {} entities)\n", doc.source,
               v.number, v.entity_count);
    return;
  }
  fmt::print(io.out,
             "{}: version {} from {} ({}): {} entities, +{} -{} ~{}, list date {}, {} warnings, "
             "{} errors\n",
             doc.source, v.number, Join(doc.files, " + "), doc.format, v.entity_count, v.added,
             v.removed, v.changed, v.published.empty() ? "-" : v.published, v.warnings, v.errors);
  PrintDiagnostics(io.err, doc.diagnostics, verbose ? 0 : 10);
}

std::unique_ptr<Command> MakeIngestCommand() { return std::make_unique<IngestCommand>(); }

}  // namespace cordon::cli
