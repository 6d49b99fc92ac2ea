// ingest/internal/ownership_csv_parser.h: ownership and control edges as CSV, one holding a row.
//
//   std::unique_ptr<ListParser> parser = NewOwnershipCsvParser();
//   Document doc{.main = {"edges.csv", bytes}};
//   Result<ListMetadata> meta = parser->Parse(doc, "ownership", on_entity, &sink);
//
// Columns are read by header name, in any order: `owner` and `asset` (required), `share`,
// `share_min`, `share_max`, `kind`, `start`, `end`, and optionally `owner_name`, `asset_name`
// and `source` / `note` (kept as the link's note). A row says that `owner` holds an interest of
// `kind` in `asset`:
//   kind    shares | voting | board | control | officer | joint (empty: shares)
//   share   a percentage ("30", "12.5", "30 %"), or a band "25-50"; empty when not known. With
//           share empty, share_min / share_max give the band (a missing end is 0 or 100).
//   start   ISO date the holding began; end: ISO date it ended (divestment), exclusive.
// Each valid row becomes one Link on the ASSET's entity: kOwnedBy for shares and voting,
// kControlledBy for board, control and officer, kAssociate for joint; target_id = the owner as
// written, share normalised ("30", "25-50": trimmed, '%' dropped, decimals as written),
// interest = kind, start / end.
//
// Entities: one per distinct id in the owner or asset column of a valid row, in order of first
// appearance, schema LegalEntity, record id = the id as written (entity id "<source>:<id>").
// An id that contains ':' ("us_ofac_sdn:12345") names an entity of another store source; its
// entity here only carries this file's name for it and, as an asset, the links into it.
// Unlike the sanctions formats, ownership formats may emit NAMELESS entities: the entity has a
// name only when `owner_name` / `asset_name` gives one (the first name seen is primary, other
// names are strong aliases).
//
// A defective row is reported as an error naming the line and the field, and skipped: a share
// that is not a number in [0, 100], a band whose minimum exceeds its maximum, an unknown kind,
// a date that is not ISO, start not before end, owner equal to asset, no owner or no asset, a
// field count that differs from the header's. A header without `owner` or `asset`, an empty
// document or an unterminated quote is kCorruption naming the file. Non-UTF-8 input is read as
// Windows-1252 with a warning. The file carries no list date.
//
// Thread safety: see ListParser.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

// A parser for format "ownership-csv". Never returns nullptr.
std::unique_ptr<ListParser> NewOwnershipCsvParser();

}  // namespace cordon::ingest::internal
