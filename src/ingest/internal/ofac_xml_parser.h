// ingest/internal/ofac_xml_parser.h: OFAC sdnList XML (SDN and consolidated non-SDN).
// Format notes: docs/formats/ofac_xml.md.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewOfacXmlParser();

}  // namespace cordon::ingest::internal
