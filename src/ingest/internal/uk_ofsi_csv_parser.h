// ingest/internal/uk_ofsi_csv_parser.h: HM Treasury OFSI consolidated list CSV (2018 layout).
// Format notes: docs/formats/uk_ofsi_csv.md.
//
//   std::unique_ptr<ListParser> parser = NewUkOfsiCsvParser();
//   Document doc{.main = {"sanctionsconlist.csv", bytes}};
//   Result<ListMetadata> meta = parser->Parse(doc, "gb_hmt_ofsi", on_entity, &sink);
//
// The file has one row per name variant; rows that share a "Group ID" are one designation and
// become one entity with record_id = the Group ID, in the order their groups first appear.
// Windows-1252 input is converted to UTF-8 (a file that already is valid UTF-8 is read as is).
// Returns kCorruption for an empty document, a first line that is neither "Last Updated,..." nor
// the header, a header without the Name 6 / Group ID / Group Type / Alias Type columns, and an
// unterminated quote at the end; a row with the wrong number of fields is reported and skipped.
//
// Thread safety: the parser holds no state between calls.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewUkOfsiCsvParser();

}  // namespace cordon::ingest::internal
