// ingest/internal/fuzz_support.h: the ListParser contract, checked on every fuzz input.
//
//   extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
//     static const auto parser = NewUnXmlParser();
//     FuzzParse(*parser, MainOnly("UN_consolidated.xml", data, size), "un_sc");
//     return 0;
//   }
//
// Fuzzer code only: a broken contract ends the process with __builtin_trap() so libFuzzer
// keeps the input. Header-only, so each parser's fuzzer links just its own parser library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>

#include "base/status.h"
#include "ingest/diagnostics.h"
#include "ingest/list_parser.h"
#include "model/entity.h"
#include "text/encoding.h"

namespace cordon::ingest::internal {

struct FuzzExpectations {
  // A parser-specific check on each entity; returning false traps.
  std::function<bool(const model::Entity&)> entity;
  // Every diagnostic names a line (formats whose records all have lines).
  bool diagnostics_have_lines = false;
  // Entities may have no name at all (the ownership formats: a company known only by its id in
  // an edges file, an unknown entity in a BODS chain). Names that are given must still be
  // non-empty UTF-8.
  bool allow_nameless = false;
};

inline Document MainOnly(const char* name, const uint8_t* data, size_t size) {
  Document document;
  document.main = {name, std::string_view(reinterpret_cast<const char*>(data), size)};
  return document;
}

// Parses `document` and traps when the contract in list_parser.h breaks:
//  - an entity whose id is not "<source>:<record_id>", whose record id is empty, whose
//    provenance format is not the parser's, whose id repeats, that has no name (unless
//    `expect.allow_nameless`), an empty name or a name that is not UTF-8, or whose remarks are not
//    UTF-8; or `expect.entity` says no;
//  - a failure that is not kCorruption, or whose message does not start with "<file>:" for one
//    of the document's files;
//  - a diagnostic that names none of the document's files or has no message.
inline void FuzzParse(ListParser& parser, const Document& document, std::string_view source,
                      const FuzzExpectations& expect = {}) {
  auto names_a_file = [&](std::string_view text, bool as_prefix) {
    auto matches = [&](const std::string& file) {
      return as_prefix ? text.starts_with(file + ":") : text == file;
    };
    if (matches(document.main.name)) return true;
    for (const auto& [role, file] : document.companions) {
      if (matches(file.name)) return true;
    }
    return false;
  };
  const std::string prefix = std::string(source) + ":";
  std::set<std::string> ids;
  CollectingDiagnosticSink diagnostics;
  Result<ListMetadata> metadata = parser.Parse(
      document, source,
      [&](model::Entity&& entity) {
        if (entity.provenance.record_id.empty() ||
            entity.id != prefix + entity.provenance.record_id ||
            entity.provenance.format != parser.format()) {
          __builtin_trap();
        }
        if (!ids.insert(entity.id).second) __builtin_trap();
        if (entity.names.empty() && !expect.allow_nameless) __builtin_trap();
        for (const model::Name& name : entity.names) {
          if (name.full.empty() || !text::IsValidUtf8(name.full)) __builtin_trap();
        }
        if (!text::IsValidUtf8(entity.remarks)) __builtin_trap();
        if (expect.entity && !expect.entity(entity)) __builtin_trap();
      },
      &diagnostics);
  if (!metadata.ok()) {
    if (metadata.status().code() != StatusCode::kCorruption) __builtin_trap();
    if (!names_a_file(metadata.status().message(), /*as_prefix=*/true)) __builtin_trap();
  }
  for (const Diagnostic& d : diagnostics.diagnostics()) {
    if (!names_a_file(d.file, /*as_prefix=*/false) || d.message.empty()) __builtin_trap();
    if (expect.diagnostics_have_lines && d.line <= 0) __builtin_trap();
  }
}

}  // namespace cordon::ingest::internal
