// Fuzzes the dpl parser with any bytes as the main file. Traps when a parse breaks the
// promises of ListParser: an entity without id, provenance or name, a duplicate id, a name that
// is not UTF-8, a diagnostic or a corruption message that does not name the file.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "ingest/diagnostics.h"
#include "ingest/internal/dpl_parser.h"
#include "text/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using cordon::ingest::CollectingDiagnosticSink;
  using cordon::ingest::Document;
  constexpr std::string_view kSource = "us_bis_dpl";
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Document document;
  document.main = {"dpl.txt", bytes};
  CollectingDiagnosticSink sink;
  std::set<std::string> ids;
  auto parser = cordon::ingest::internal::NewDplParser();
  auto result = parser->Parse(
      document, kSource,
      [&](cordon::model::Entity&& entity) {
        if (entity.id.empty() ||
            entity.id != std::string(kSource) + ":" + entity.provenance.record_id ||
            entity.provenance.record_id.empty() || entity.provenance.format != parser->format()) {
          __builtin_trap();
        }
        if (!ids.insert(entity.id).second) __builtin_trap();
        if (entity.names.empty() || entity.names.front().full.empty()) __builtin_trap();
        for (const auto& name : entity.names) {
          if (name.full.empty() || !cordon::text::IsValidUtf8(name.full)) __builtin_trap();
        }
      },
      &sink);
  for (const auto& diagnostic : sink.diagnostics()) {
    if (diagnostic.file != "dpl.txt" || diagnostic.message.empty()) __builtin_trap();
  }
  if (!result.ok() && result.status().message().find("dpl.txt") == std::string::npos) {
    __builtin_trap();  // a corruption message must name the file
  }
  return 0;
}
