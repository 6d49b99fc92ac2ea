// ingest/internal/un_xml_parser.h: UN Security Council consolidated list XML.
//
//   std::unique_ptr<ListParser> parser = NewUnXmlParser();
//   Document doc{.main = {"UN_consolidated.xml", bytes}};
//   Result<ListMetadata> meta = parser->Parse(doc, "un_sc", on_entity, &sink);
//
// One entity per INDIVIDUAL (Person) and ENTITY (Company when its name carries a legal form,
// else Organization), id "<source>:<DATAID>"; the UN reference ("CDi.001") is the sanction's
// `reference`. Name parts: given = FIRST_NAME, family = the last non-empty of SECOND..FOURTH,
// middle = those in between (an East Slavic patronymic among them goes to `patronymic`).
// References to other listed records in COMMENTS1 ("(TAi.004)") become Links to their DATAID.
// Metadata: the dateGenerated attribute as written (ISO date-time).
//
// Errors: malformed XML or a root other than CONSOLIDATED_LIST -> kCorruption
// "<file>:<line>: ..."; a record without DATAID or without any name -> error diagnostic, record
// skipped; unreadable dates, a document without a number -> warning diagnostics.
// Format notes: docs/formats/un_xml.md.
//
// Thread safety: the parser holds no state between calls; use one per thread.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewUnXmlParser();

}  // namespace cordon::ingest::internal
