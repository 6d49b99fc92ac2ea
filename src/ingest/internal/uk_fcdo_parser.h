// ingest/internal/uk_fcdo_parser.h: FCDO UK Sanctions List, XML and CSV.
// Format notes: docs/formats/uk_fcdo.md.
//
//   std::unique_ptr<ListParser> parser = NewUkFcdoXmlParser();
//   Document doc{.main = {"UK-Sanctions-List.xml", bytes}};
//   Result<ListMetadata> meta = parser->Parse(doc, "gb_fcdo", on_entity, &sink);
//
// One entity per designation, record_id = its UniqueID ("RUS0001"). The XML has one
// <Designation> per designation under <Designations>; the CSV has a "Report Date: ..." line, a
// header and one row per name, the rows of a designation sharing its "Unique ID". Both formats
// of one list version give the same entities (see uk_fcdo_designation.h).
// Returns kCorruption for an empty or malformed document, an XML root other than
// <Designations>, a CSV without the Unique ID / Name 6 / designation type columns, and an
// unterminated quote at the end of a CSV.
//
// Thread safety: the parsers hold no state between calls.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewUkFcdoXmlParser();
std::unique_ptr<ListParser> NewUkFcdoCsvParser();

}  // namespace cordon::ingest::internal
