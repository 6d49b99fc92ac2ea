// ingest/internal/csl_csv_parser.h: US Consolidated Screening List CSV (trade.gov).
//
//   std::unique_ptr<ListParser> parser = NewCslCsvParser();
//   Document doc{.main = {"csl.csv", bytes}};
//   Result<ListMetadata> meta = parser->Parse(doc, "us_trade_csl", on_entity, &sink);
//
// One entity per row; columns are read by header name, so both the 2023 layout and the current
// one work, and a repeated header line inside the file is skipped. The record id is `_id`
// (`entity_number` when `_id` is empty); an id that appears on rows of several source lists
// (OFAC entities on both SSI and NS-MBS) gets the list code appended ("17014-SSI"). The
// `source` column gives the sanction (authority OFAC / BIS / State, list code "SDN", "EL",
// ...), one Sanction per program. The `ids` column is read into typed identifiers, websites,
// e-mails, gender and so on; its sanction notes go to remarks. The file carries no list date.
// Format notes: docs/formats/csl_csv.md.
//
// The BIS Entity List is published through the CSL only; NewBisEntityListParser reads the same
// file (format "us-bis-el-csv") and keeps the rows of source list "EL", with the same record ids
// and entities as the full parser gives them, so the Entity List can be a source of its own.
//
// Thread safety: see ListParser.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

// A parser for format "us-csl-csv". Never returns nullptr.
std::unique_ptr<ListParser> NewCslCsvParser();
// A parser for format "us-bis-el-csv": the Entity List rows of a CSL file. Never nullptr.
std::unique_ptr<ListParser> NewBisEntityListParser();

}  // namespace cordon::ingest::internal
