// ingest/internal/dpl_parser.h: BIS Denied Persons List.
// Format notes: docs/formats/dpl.md.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewDplParser();

}  // namespace cordon::ingest::internal
