// ingest/internal/eu_xml_parser.h: EU Financial Sanctions Files XML 1.1 ("eu-fsf-xml").
//
//   std::unique_ptr<ListParser> parser = NewEuXmlParser();
//   Document doc{.main = {"xmlFullSanctionsList_1_1.xml", bytes}};
//   Result<ListMetadata> meta = parser->Parse(doc, "eu_fsf", on_entity, &sink);
//
// One entity per <sanctionEntity> (record id = logicalId), in document order; the namespace
// prefix of the elements is ignored. Format notes: docs/formats/eu_xml.md.
//
// Thread safety: the parser holds no state between calls; use one per thread.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

// A new parser; never null.
std::unique_ptr<ListParser> NewEuXmlParser();

}  // namespace cordon::ingest::internal
