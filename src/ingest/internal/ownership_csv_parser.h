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
// The rows themselves, without entities, for a reader that wants only the holdings (the graph
// from an edges file of ten million rows; graph/load.h):
//
//   Status read = ReadOwnershipRows(InputFile{"edges.csv", bytes},
//                                   [&](const OwnershipRow& row) { use(row.owner, row.share); },
//                                   &sink);
//
// It checks and reports exactly what Parse does (Parse is built on it), and hands over each
// valid row as it is read, as views that are valid during the callback only.
//
// Thread safety: see ListParser; ReadOwnershipRows keeps no state between calls.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "base/status.h"
#include "ingest/list_parser.h"
#include "model/entity.h"

namespace cordon::ingest::internal {

// A parser for format "ownership-csv". Never returns nullptr.
std::unique_ptr<ListParser> NewOwnershipCsvParser();

// One valid row, as Parse reads it into a Link. The views point into the input or into the
// reader's buffers: copy what must outlive the callback.
struct OwnershipRow {
  std::string_view owner;       // as written, trimmed; never empty, never equal to asset
  std::string_view asset;       // as written, trimmed; never empty
  std::string_view owner_name;  // whitespace collapsed; "" when the row names no owner
  std::string_view asset_name;  // whitespace collapsed; "" when the row names no asset
  std::string_view share;       // normalised: "30", "12.50", "25-50"; "" when not known
  std::string_view kind;        // shares | voting | board | control | officer | joint
  model::PartialDate start;     // empty when not given
  model::PartialDate end;       // empty when not given; with start, a period (ownership_dates.h)
  std::string_view note;        // `source` and `note`, whitespace collapsed, joined by "; "
  int64_t line = 0;             // 1-based line where the row starts
};
using OwnershipRowCallback = std::function<void(const OwnershipRow& row)>;

// Reads `file` as an ownership CSV: each valid row goes to `on_row` in file order, each
// defective row to `diagnostics` (the same diagnostics, with `file.name`, as Parse). OK when
// the document was read to its end. kCorruption naming the file when it cannot be read (empty,
// no header line, a header without owner or asset, an unterminated quote): rows handed over
// before an unterminated quote was found are then to be discarded.
// REQUIRES: diagnostics != nullptr.
Status ReadOwnershipRows(const InputFile& file, const OwnershipRowCallback& on_row,
                         DiagnosticSink* diagnostics);

}  // namespace cordon::ingest::internal
