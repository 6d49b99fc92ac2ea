// ingest/internal/uk_fcdo_parser.h: FCDO UK Sanctions List, XML and CSV.
// Format notes: docs/formats/uk_fcdo.md.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewUkFcdoXmlParser();
std::unique_ptr<ListParser> NewUkFcdoCsvParser();

}  // namespace cordon::ingest::internal
