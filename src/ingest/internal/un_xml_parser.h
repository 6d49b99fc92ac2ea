// ingest/internal/un_xml_parser.h: UN Security Council consolidated list XML.
// Format notes: docs/formats/un_xml.md.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewUnXmlParser();

}  // namespace cordon::ingest::internal
