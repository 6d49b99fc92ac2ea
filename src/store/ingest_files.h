// store/ingest_files.h: parse list files and store them as new versions, all or nothing.
//
//   std::vector<ingest::InputFile> files = {{"sdn.csv", sdn_bytes}, {"alt.csv", alt_bytes}};
//   ASSIGN_OR_RETURN(IngestReport report, IngestFiles(*store, files, {}));
//   for (const DocumentReport& doc : report.documents) print(doc.version, doc.diagnostics);
//
// The files are grouped into documents (ingest::PlanDocuments), every document is parsed, and
// only when all parsed does one transaction store each as the next version of its source.
// A document that cannot be read fails the whole call and the store is left untouched.
// Defective records inside a readable document are reported, not fatal.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "ingest/diagnostics.h"
#include "ingest/list_parser.h"
#include "store/store.h"

namespace cordon::store {

struct IngestOptions {
  std::string format;     // force a format; "" to detect
  std::string source;     // force a source name; "" for the format's default
  std::string retrieved;  // ISO time the bytes were obtained; "" for now
};

struct DocumentReport {
  std::string source;
  std::string format;
  std::vector<std::string> files;
  AddResult result;
  std::vector<ingest::Diagnostic> diagnostics;
};

struct IngestReport {
  std::vector<DocumentReport> documents;
};

// REQUIRES: files non-empty. Errors name the file (and line) at fault.
Result<IngestReport> IngestFiles(Store& store, std::span<const ingest::InputFile> files,
                                 const IngestOptions& options);

// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string NowIso();

}  // namespace cordon::store
