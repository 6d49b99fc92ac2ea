// ingest/internal/ofac_csv_parser.h: OFAC legacy CSV set (sdn/cons_prim + add + alt + comments).
// Format notes: docs/formats/ofac_csv.md.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewOfacCsvParser();

}  // namespace cordon::ingest::internal
