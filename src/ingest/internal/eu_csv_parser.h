// ingest/internal/eu_csv_parser.h: EU Financial Sanctions Files CSV.
// Format notes: docs/formats/eu_csv.md.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewEuCsvParser();

}  // namespace cordon::ingest::internal
