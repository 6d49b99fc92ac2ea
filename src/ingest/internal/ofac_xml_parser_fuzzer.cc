// Feeds arbitrary bytes to the ofac_xml parser: it must never crash, and every entity it emits
// must keep the parser contract (id "<source>:<record_id>", a non-empty valid UTF-8 name).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "ingest/diagnostics.h"
#include "ingest/internal/ofac_xml_parser.h"
#include "text/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static const std::unique_ptr<ingest::ListParser> parser = ingest::internal::NewOfacXmlParser();
  ingest::Document document;
  document.main = {"sdn.xml", bytes};
  ingest::CollectingDiagnosticSink diagnostics;
  std::set<std::string> ids;
  Result<ingest::ListMetadata> metadata = parser->Parse(
      document, "us_ofac_sdn",
      [&](model::Entity&& entity) {
        if (entity.id.empty() || entity.id != "us_ofac_sdn:" + entity.provenance.record_id) {
          __builtin_trap();
        }
        if (!ids.insert(entity.id).second) __builtin_trap();
        if (entity.names.empty() || entity.names.front().full.empty()) __builtin_trap();
        for (const model::Name& name : entity.names) {
          if (name.full.empty() || !text::IsValidUtf8(name.full)) __builtin_trap();
        }
      },
      &diagnostics);
  if (!metadata.ok() && metadata.status().code() != StatusCode::kCorruption) __builtin_trap();
  for (const ingest::Diagnostic& d : diagnostics.diagnostics()) {
    if (d.file != "sdn.xml") __builtin_trap();
  }
  return 0;
}
