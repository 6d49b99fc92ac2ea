// Feeds arbitrary bytes to both FCDO UK Sanctions List parsers (XML and CSV): neither may crash,
// and every entity they emit must keep the parser contract (id "<source>:<record_id>", a primary
// name first, non-empty valid UTF-8 names, ids unique in the document).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "ingest/diagnostics.h"
#include "ingest/internal/uk_fcdo_parser.h"
#include "text/encoding.h"

namespace {

void Check(cordon::ingest::ListParser& parser, std::string_view bytes, const char* file) {
  using namespace cordon;
  ingest::Document document;
  document.main = {file, bytes};
  ingest::CollectingDiagnosticSink diagnostics;
  std::set<std::string> ids;
  Result<ingest::ListMetadata> metadata = parser.Parse(
      document, "gb_fcdo",
      [&](model::Entity&& entity) {
        if (entity.id.empty() || entity.id != "gb_fcdo:" + entity.provenance.record_id) {
          __builtin_trap();
        }
        if (!ids.insert(entity.id).second) __builtin_trap();
        if (entity.names.empty() || entity.names.front().full.empty()) __builtin_trap();
        if (entity.names.front().kind != model::NameKind::kPrimary) __builtin_trap();
        for (const model::Name& name : entity.names) {
          if (name.full.empty() || !text::IsValidUtf8(name.full)) __builtin_trap();
        }
        if (entity.sanctions.size() != 1) __builtin_trap();
      },
      &diagnostics);
  if (!metadata.ok() && metadata.status().code() != StatusCode::kCorruption) __builtin_trap();
  for (const ingest::Diagnostic& d : diagnostics.diagnostics()) {
    if (d.file != file) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static const std::unique_ptr<cordon::ingest::ListParser> xml =
      cordon::ingest::internal::NewUkFcdoXmlParser();
  static const std::unique_ptr<cordon::ingest::ListParser> csv =
      cordon::ingest::internal::NewUkFcdoCsvParser();
  Check(*xml, bytes, "UK-Sanctions-List.xml");
  Check(*csv, bytes, "UK-Sanctions-List.csv");
  return 0;
}
