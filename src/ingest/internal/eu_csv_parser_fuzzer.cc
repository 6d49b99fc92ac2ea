// Feeds arbitrary bytes to the eu_csv parser: it must never crash, and every entity it emits
// must keep the parser contract (id "<source>:<record_id>", unique, a non-empty valid UTF-8 name
// first, provenance format set) while every diagnostic names the file.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "ingest/diagnostics.h"
#include "ingest/internal/eu_csv_parser.h"
#include "text/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static const std::unique_ptr<ingest::ListParser> parser = ingest::internal::NewEuCsvParser();
  ingest::Document document;
  document.main = {"EUSanctionsShort.csv", bytes};
  ingest::CollectingDiagnosticSink diagnostics;
  std::set<std::string> ids;
  Result<ingest::ListMetadata> metadata = parser->Parse(
      document, "eu_fsf",
      [&](model::Entity&& entity) {
        if (entity.provenance.record_id.empty() ||
            entity.id != "eu_fsf:" + entity.provenance.record_id) {
          __builtin_trap();
        }
        if (entity.provenance.format != parser->format()) __builtin_trap();
        if (!ids.insert(entity.id).second) __builtin_trap();
        if (entity.names.empty() || entity.names.front().full.empty()) __builtin_trap();
        for (const model::Name& name : entity.names) {
          if (name.full.empty() || !text::IsValidUtf8(name.full)) __builtin_trap();
        }
        if (!text::IsValidUtf8(entity.remarks)) __builtin_trap();
      },
      &diagnostics);
  if (!metadata.ok() && metadata.status().code() != StatusCode::kCorruption) __builtin_trap();
  if (!metadata.ok() && metadata.status().message().rfind("EUSanctionsShort.csv:", 0) != 0)
    __builtin_trap();
  for (const ingest::Diagnostic& d : diagnostics.diagnostics()) {
    if (d.file != "EUSanctionsShort.csv") __builtin_trap();
  }
  return 0;
}
