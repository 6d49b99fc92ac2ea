// ingest/internal/test_support.h: helpers for parser tests (test code only).
//
//   ParsedList list = ParseListFile(*NewUnXmlParser(), "un_sc", {"un/UN_consolidated.xml"});
//   EXPECT_EQ(list.entities.size(), 1003u);
//   const model::Entity* e = list.Find("un_sc:6907993");
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "ingest/diagnostics.h"
#include "ingest/list_parser.h"
#include "model/entity.h"

// Readable failure messages: GoogleTest prints model values as their canonical JSON.
namespace cordon::model {
void PrintTo(const PartialDate& value, std::ostream* os);
void PrintTo(const DateSpec& value, std::ostream* os);
void PrintTo(const Name& value, std::ostream* os);
void PrintTo(const Identifier& value, std::ostream* os);
void PrintTo(const CountryRef& value, std::ostream* os);
void PrintTo(const Address& value, std::ostream* os);
void PrintTo(const Sanction& value, std::ostream* os);
void PrintTo(const Link& value, std::ostream* os);
void PrintTo(const Entity& value, std::ostream* os);
}  // namespace cordon::model

namespace cordon::ingest::internal {

// Bytes of a real list file, by path relative to shared/data ("ofac/sdn.csv"): from
// ../shared/data when present, else from the bundled copy data/lists/<path>.zst.
// Fails the calling test (ADD_FAILURE) and returns "" when neither exists.
std::string ReadRealList(const std::string& relative_path);

// Bytes of a fixture under tests/data/.
std::string ReadFixture(const std::string& relative_path);

struct ParsedList {
  Status status;
  ListMetadata metadata;
  std::vector<model::Entity> entities;
  CollectingDiagnosticSink diagnostics;

  // The entity with `id`, or nullptr.
  const model::Entity* Find(const std::string& id) const;
  // All diagnostics, one per line, for failure messages.
  std::string DiagnosticsText(size_t max = 20) const;
  // The first diagnostic on `line` whose message contains `part`, or nullptr.
  const Diagnostic* FindDiagnostic(int64_t line, std::string_view part) const;
  // The entity ids, in the order the parser emitted them.
  std::vector<std::string> Ids() const;
};

// Parses a document made of `main` and optional (role, bytes) companions.
ParsedList ParseDocument(
    ListParser& parser, std::string_view source, const std::string& main_name,
    std::string_view main_bytes,
    const std::vector<std::pair<std::string, std::string_view>>& companions = {});

struct InvariantOptions {
  // Entities may have no name at all (the ownership formats); names that are given must still
  // be non-empty UTF-8.
  bool allow_nameless = false;
};

// Checks the invariants every parser promises (ids unique, "<source>:<record_id>", provenance
// set, at least one name unless `options.allow_nameless`, every name non-empty and valid UTF-8);
// returns a description of the first violation or "".
std::string CheckEntityInvariants(const ParsedList& list, std::string_view source,
                                  const InvariantOptions& options = {});

}  // namespace cordon::ingest::internal
