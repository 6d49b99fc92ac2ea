// ingest/internal/csl_csv_parser.h: US Consolidated Screening List CSV.
// Format notes: docs/formats/csl_csv.md.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewCslCsvParser();

}  // namespace cordon::ingest::internal
