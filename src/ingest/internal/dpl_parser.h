// ingest/internal/dpl_parser.h: BIS Denied Persons List (dpl.txt, tab-separated, quoted).
//
//   std::unique_ptr<ListParser> parser = NewDplParser();
//   Document doc{.main = {"dpl.txt", bytes}};
//   Result<ListMetadata> meta = parser->Parse(doc, "us_bis_dpl", on_entity, &sink);
//
// The list has one row per (person, address). Rows with the same name (ignoring case, spacing
// and punctuation) and the same Effective_Date are one denial and become one entity with several
// addresses; its record id is derived from that name and date ("ZIMO-SHENG-20200316") because
// the list has no id column. The list does not say whether a name is a person or a company:
// names with a company legal form are Company, names with "JR."/"SR."/"III" are Person, the
// rest LegalEntity. metadata.published is the latest plausible Last_Update.
// Format notes: docs/formats/dpl.md.
//
// Thread safety: see ListParser.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

// A parser for format "us-bis-dpl". Never returns nullptr.
std::unique_ptr<ListParser> NewDplParser();

}  // namespace cordon::ingest::internal
