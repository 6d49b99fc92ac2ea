#include "update/updater.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/file.h"

namespace cordon::update {
namespace {

bool Selected(const UpdateOptions& options, const std::string& source) {
  return options.only.empty() ||
         std::find(options.only.begin(), options.only.end(), source) != options.only.end();
}

// File name for a downloaded URL: the last path segment, without query.
std::string UrlFileName(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  std::string name(BaseName(path));
  return name.empty() ? "download" : name;
}

SourceOutcome IngestOne(store::Store& store, const SourceSpec& spec,
                        const std::vector<std::string>& names,
                        const std::vector<std::string>& contents,
                        const std::string& retrieved = "") {
  SourceOutcome outcome;
  outcome.source = spec.source;
  std::vector<ingest::InputFile> files;
  for (size_t i = 0; i < names.size(); ++i) files.push_back({names[i], contents[i]});
  store::IngestOptions ingest_options;
  ingest_options.format = spec.format;
  ingest_options.source = spec.source;
  ingest_options.retrieved = retrieved;
  Result<store::IngestReport> report = store::IngestFiles(store, files, ingest_options);
  if (!report.ok()) {
    outcome.status = report.status();
    return outcome;
  }
  outcome.report = std::move(report->documents.front());
  return outcome;
}

}  // namespace

std::vector<SourceOutcome> UpdateFromUrls(store::Store& store, const SourceCatalog& catalog,
                                          const UpdateOptions& options) {
  std::vector<SourceOutcome> outcomes;
  for (const SourceSpec& spec : catalog.sources) {
    if (!Selected(options, spec.source)) continue;
    if (spec.urls.empty()) {
      outcomes.push_back({spec.source, Status::Ok(), {}, true});
      continue;
    }
    std::vector<std::string> names, contents;
    Status failed;
    for (const std::string& url : spec.urls) {
      Result<std::string> bytes = Download(url, options.download);
      if (!bytes.ok()) {
        failed = bytes.status();
        break;
      }
      Result<std::string> plain = MaybeDecompress(std::move(bytes).value(), url);
      if (!plain.ok()) {
        failed = plain.status();
        break;
      }
      names.push_back(UrlFileName(url));
      contents.push_back(std::move(plain).value());
    }
    if (!failed.ok()) {
      outcomes.push_back({spec.source, failed.WithContext(spec.source), {}, false});
      continue;
    }
    outcomes.push_back(IngestOne(store, spec, names, contents));
  }
  return outcomes;
}

std::vector<SourceOutcome> LoadBundled(store::Store& store, const SourceCatalog& catalog,
                                       const UpdateOptions& options) {
  std::vector<SourceOutcome> outcomes;
  for (const SourceSpec& spec : catalog.sources) {
    if (!Selected(options, spec.source)) continue;
    if (spec.bundled.empty()) {
      outcomes.push_back({spec.source, Status::Ok(), {}, true, "no bundled copy"});
      continue;
    }
    Result<std::vector<store::VersionInfo>> stored = store.ListVersions(spec.source);
    if (stored.ok() && !stored->empty()) {
      outcomes.push_back({spec.source,
                          Status::Ok(),
                          {},
                          true,
                          fmt::format("already in the store, {} versions; `cordon update` "
                                      "downloads newer ones",
                                      stored->size())});
      continue;
    }
    for (size_t v = 0; v < spec.bundled.size(); ++v) {
      const std::vector<std::string>& version = spec.bundled[v];
      std::vector<std::string> names, contents;
      Status failed;
      for (const std::string& relative : version) {
        Result<std::string> bytes = ReadFile(catalog.lists_dir + "/" + relative);
        if (!bytes.ok()) {
          failed = bytes.status();
          break;
        }
        names.emplace_back(StripCompressionSuffix(relative));
        contents.push_back(std::move(bytes).value());
      }
      if (!failed.ok()) {
        outcomes.push_back({spec.source, failed.WithContext(spec.source), {}, false});
        break;
      }
      outcomes.push_back(
          IngestOne(store, spec, names, contents,
                    v < spec.bundled_retrieved.size() ? spec.bundled_retrieved[v] : std::string()));
      if (!outcomes.back().status.ok()) break;
    }
  }
  return outcomes;
}

}  // namespace cordon::update
