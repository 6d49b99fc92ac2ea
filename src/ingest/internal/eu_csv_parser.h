// ingest/internal/eu_csv_parser.h: EU Financial Sanctions Files CSV ("eu-fsf-csv").
//
//   std::unique_ptr<ListParser> parser = NewEuCsvParser();
//   Document doc{.main = {"EUSanctionsShort.csv", bytes}};
//   Result<ListMetadata> meta = parser->Parse(doc, "eu_fsf", on_entity, &sink);
//
// Reads both published layouts by column name: FSF CSV 1.1 (UTF-8 with BOM, `fileGenerationDate;
// Entity_LogicalId;...`) and the 2018 1.0 file (Windows-1252, each line one quoted field,
// `Date_file...;Entity_logical_id;...;Naal_wholename;...`). Rows are grouped into one entity per
// entity logical id, emitted in the order of their first row. Format notes: docs/formats/eu_csv.md.
//
// Thread safety: the parser holds no state between calls; use one per thread.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

// A new parser; never null.
std::unique_ptr<ListParser> NewEuCsvParser();

}  // namespace cordon::ingest::internal
