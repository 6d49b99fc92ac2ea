// ingest/internal/ofac_enhanced_xml_parser.h: OFAC Sanctions List Service "enhanced" XML
// (SDN_ENHANCED.XML, CONS_ENHANCED.XML).
//
//   std::unique_ptr<ListParser> parser = NewOfacEnhancedXmlParser();
//   Document doc{.main = {"CONS_ENHANCED.XML", bytes}};
//   Result<ListMetadata> meta = parser->Parse(doc, "us_ofac_cons", on_entity, &sink);
//
// One entity per <entity>, id "<source>:<id attribute>": OFAC's enhanced entity id is the uid of
// sdn.xml and the ent_num of the legacy CSV, so versions read from either diff record by record.
// Individual -> Person, Vessel -> Vessel, Aircraft -> Aircraft, Entity -> Company when a legal
// form or a company identifier shows it, else Organization (as ofac_xml_parser.h).
//
// What the legacy files flatten is read from its own element: every name with its alias type and
// quality (isLowQuality -> weak alias), each translation with its script (a non-Latin one becomes
// a kOriginalScript name); features and identity documents are sorted by their type with the
// legacy idType table (ofac_xml_id_types.h); countries come from the document's referenceValues
// (ISO codes); each sanctionsList membership is a Sanction with its datePublished as listed_on;
// relationships are Links to the other entity's id ("Owned or Controlled By" -> kControlledBy).
// Metadata: publicationInfo/dataAsOf as ISO date; the format declares no record count.
//
// Errors: malformed XML or a root other than sanctionsData -> kCorruption "<file>:<line>: ...";
// an entity without id or name, or a repeated id -> error diagnostic, entity skipped; unreadable
// dates, unknown entity or relationship types, empty features or documents -> warnings.
// Format notes: docs/formats/ofac_enhanced_xml.md.
//
// Thread safety: the parser holds no state between calls; use one per thread.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

// A parser for format "ofac-enhanced-xml". Never returns nullptr.
std::unique_ptr<ListParser> NewOfacEnhancedXmlParser();

}  // namespace cordon::ingest::internal
