// ingest/list_parser.h: one parser per list format; bytes in, entities out.
//
//   std::unique_ptr<ListParser> parser = MakeParser("un-sc-xml");
//   Document doc{.main = {"UN_consolidated.xml", bytes}};
//   Result<ListMetadata> meta = parser->Parse(doc, "un_sc", [&](Entity&& e) { ... }, &sink);
//
// A defect confined to one record is reported to the DiagnosticSink and parsing continues;
// a document that cannot be read at all (not the format, truncated markup, wrong encoding
// beyond repair) ends the parse with a kCorruption Status naming the file and line. Entities
// already handed to the callback before such a failure must be discarded by the caller: the
// store applies a parse only when it succeeded as a whole.
//
// Every entity a parser emits has id "<source>:<record_id>", provenance {source, record_id,
// format} and at least one name, except that the ownership formats (ownership-csv, bods-json)
// may emit nameless entities (parties an edges file names by id only); ids are unique within
// one document.
//
// Thread safety: a parser object holds no state between calls; use one per thread.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "ingest/diagnostics.h"
#include "model/entity.h"

namespace cordon::ingest {

// One input file: its name (for diagnostics and format detection) and its bytes.
struct InputFile {
  std::string name;
  std::string_view bytes;
};

// A list document: the main file plus, for formats that come as a set of files (the OFAC
// legacy CSV set), companion files by role ("add", "alt", "comments").
struct Document {
  InputFile main;
  std::vector<std::pair<std::string, InputFile>> companions;

  // The companion with `role`, or nullptr when it was not given.
  const InputFile* Companion(std::string_view role) const {
    for (const auto& [r, file] : companions) {
      if (r == role) return &file;
    }
    return nullptr;
  }
};

// What a document says about itself.
struct ListMetadata {
  std::string published;        // list date as ISO "YYYY-MM-DD" (or with time), "" if none
  int64_t declared_count = -1;  // record count the document declares, -1 if it does not
  std::string dataset;          // dataset name found in the data (FtM), "" if none
  // A delta document (FtM ADD/MOD/DEL ops): its entities replace or add to the source's
  // previous version, and `deleted` (record ids) leave it; the store applies it.
  bool delta = false;
  std::vector<std::string> deleted;
};

using EntityCallback = std::function<void(model::Entity&&)>;

class ListParser {
 public:
  virtual ~ListParser() = default;
  // Stable format name: "ofac-legacy-csv", "un-sc-xml", ...
  virtual std::string_view format() const = 0;
  // Parses `document`, calling `on_entity` once per entity with provenance.source = `source`.
  // Returns the document's metadata on success, kCorruption when the document is unreadable.
  // REQUIRES: diagnostics != nullptr.
  virtual Result<ListMetadata> Parse(const Document& document, std::string_view source,
                                     const EntityCallback& on_entity,
                                     DiagnosticSink* diagnostics) = 0;
};

// Sets id and provenance of `entity` the way every parser must.
void SetProvenance(model::Entity& entity, std::string_view source, std::string_view record_id,
                   std::string_view format);

}  // namespace cordon::ingest
