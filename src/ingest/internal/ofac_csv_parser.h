// ingest/internal/ofac_csv_parser.h: OFAC legacy CSV set (sdn/cons_prim + add + alt + comments).
//
//   std::unique_ptr<ListParser> parser = NewOfacCsvParser();
//   Document doc{.main = {"sdn.csv", sdn}, .companions = {{"add", {"add.csv", add}},
//                                                         {"alt", {"alt.csv", alt}}}};
//   Result<ListMetadata> meta = parser->Parse(doc, "us_ofac_sdn", on_entity, &sink);
//
// The main file (sdn.csv or cons_prim.csv) has one 12-field row per record and no header;
// the optional companions "add" (addresses), "alt" (aliases) and "comments" (the continuation
// of Remarks cut at 1000 characters) attach to it by ent_num. One entity per main row, with
// id "<source>:<ent_num>"; the Remarks field is read clause by clause (ofac_csv_remarks.h).
// Sanctions are OFAC's, list "SDN" for source "us_ofac_sdn" and "Consolidated" otherwise.
//
// Errors: an empty main file, a file cut inside a quoted field, or a file none of whose rows
// has the expected layout returns kCorruption "<file>:<line>: ...". A defective row (wrong field
// count, non-numeric or repeated ent_num, no name) is reported as an error and skipped; a
// companion row whose ent_num has no main record is reported as a warning and ignored.
// The legacy files carry no list date: ListMetadata::published stays "".
// Format notes: docs/formats/ofac_csv.md.
//
// Thread safety: the parser holds no state between calls; use one per thread.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

// A parser for format "ofac-legacy-csv". Never returns nullptr.
std::unique_ptr<ListParser> NewOfacCsvParser();

}  // namespace cordon::ingest::internal
