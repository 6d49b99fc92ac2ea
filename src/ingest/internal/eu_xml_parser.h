// ingest/internal/eu_xml_parser.h: EU Financial Sanctions Files XML 1.1.
// Format notes: docs/formats/eu_xml.md.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewEuXmlParser();

}  // namespace cordon::ingest::internal
