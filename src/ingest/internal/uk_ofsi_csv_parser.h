// ingest/internal/uk_ofsi_csv_parser.h: HM Treasury OFSI consolidated list CSV (2018 layout).
// Format notes: docs/formats/uk_ofsi_csv.md.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewUkOfsiCsvParser();

}  // namespace cordon::ingest::internal
