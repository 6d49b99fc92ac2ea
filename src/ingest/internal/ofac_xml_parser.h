// ingest/internal/ofac_xml_parser.h: OFAC sdnList XML (SDN and consolidated non-SDN).
//
//   std::unique_ptr<ListParser> parser = NewOfacXmlParser();
//   Document doc{.main = {"consolidated.xml", bytes}};
//   Result<ListMetadata> meta = parser->Parse(doc, "us_ofac_cons", on_entity, &sink);
//
// One entity per <sdnEntry>, id "<source>:<uid>": Individual -> Person, Vessel -> Vessel,
// Aircraft -> Aircraft, Entity -> Company when a legal form or a company identifier shows it,
// else Organization. idList entries are sorted into identifiers, contact details, countries,
// properties and sanction notes by their idType (ofac_xml_id_types.h); "(Linked To: NAME)" in
// remarks becomes a Link, resolved to the uid of the entry with that primary name when the
// document holds exactly one. Metadata: Publish_Date (MM/DD/YYYY) as ISO, Record_Count.
// The sanctions list is "SDN" for source "us_ofac_sdn", else "Consolidated" (as the CSV parser).
//
// Errors: malformed XML or a root other than sdnList -> kCorruption "<file>:<line>: ...";
// an entry without uid or name -> error diagnostic, entry skipped; unreadable dates, unknown
// sdnType, a Record_Count that differs from the entries read -> warning diagnostics.
// Format notes: docs/formats/ofac_xml.md.
//
// Thread safety: the parser holds no state between calls; use one per thread.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewOfacXmlParser();

}  // namespace cordon::ingest::internal
