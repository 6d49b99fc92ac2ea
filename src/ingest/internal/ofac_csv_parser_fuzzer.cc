// Fuzzes the OFAC legacy CSV parser. The input is the main file, optionally followed by the
// "add", "alt" and "comments" companions, each introduced by a NUL byte:
//   <sdn.csv bytes> \0 <add.csv bytes> \0 <alt.csv bytes> \0 <sdn_comments.csv bytes>
// Traps when a parse breaks the parser contract: an entity without id, provenance or name, a
// duplicate id, a name that is not UTF-8, a failure that is not kCorruption naming a file, or a
// diagnostic without a file.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "ingest/internal/ofac_csv_parser.h"
#include "text/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon;
  using namespace cordon::ingest;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view kRoles[] = {"add", "alt", "comments"};
  constexpr std::string_view kNames[] = {"add.csv", "alt.csv", "sdn_comments.csv"};

  Document doc;
  size_t end = input.find('\0');
  doc.main = {"sdn.csv", input.substr(0, end)};
  for (size_t role_idx = 0; role_idx < 3 && end != std::string_view::npos; ++role_idx) {
    input.remove_prefix(end + 1);
    end = input.find('\0');
    doc.companions.emplace_back(std::string(kRoles[role_idx]),
                                InputFile{std::string(kNames[role_idx]), input.substr(0, end)});
  }

  const std::string source = "us_ofac_sdn";
  std::set<std::string> ids;
  CollectingDiagnosticSink sink;
  std::unique_ptr<ListParser> parser = internal::NewOfacCsvParser();
  Result<ListMetadata> meta = parser->Parse(
      doc, source,
      [&](model::Entity&& e) {
        if (e.id.empty() || e.id != source + ":" + e.provenance.record_id) __builtin_trap();
        if (e.provenance.format != "ofac-legacy-csv") __builtin_trap();
        if (!ids.insert(e.id).second) __builtin_trap();
        if (e.names.empty() || e.names.front().full.empty()) __builtin_trap();
        for (const model::Name& n : e.names) {
          if (n.full.empty() || !text::IsValidUtf8(n.full)) __builtin_trap();
        }
        if (e.sanctions.empty()) __builtin_trap();
      },
      &sink);
  if (!meta.ok()) {
    if (meta.status().code() != StatusCode::kCorruption) __builtin_trap();
    if (meta.status().message().find(".csv:") == std::string::npos) __builtin_trap();
  }
  for (const Diagnostic& d : sink.diagnostics()) {
    if (d.file.empty() || d.line <= 0) __builtin_trap();
  }
  return 0;
}
