// Arbitrary bytes as an edges.csv: the ownership_csv parser must never crash and must keep the
// ListParser contract (see fuzz_support.h), with the ownership formats' one exception: its
// entities may be nameless.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/internal/fuzz_support.h"
#include "ingest/internal/ownership_csv_parser.h"
#include "ingest/internal/ownership_dates.h"

namespace {

using namespace cordon;

// Every link is one valid row: an interest of the known kinds, a share the graph can read
// ("", "30", "25-50" with numbers in [0, 100]), a target that is not the entity itself, and a
// period that is not empty.
bool LinksAreValidRows(const model::Entity& entity) {
  for (const model::Link& link : entity.links) {
    if (link.target_id.empty() || link.target_id == entity.provenance.record_id) return false;
    const bool owned = link.kind == model::LinkKind::kOwnedBy &&
                       (link.interest == "shares" || link.interest == "voting");
    const bool controlled =
        link.kind == model::LinkKind::kControlledBy &&
        (link.interest == "board" || link.interest == "control" || link.interest == "officer");
    const bool joint = link.kind == model::LinkKind::kAssociate && link.interest == "joint";
    if (!owned && !controlled && !joint) return false;
    for (char c : link.share) {
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
    }
    // The period as graph/ reads it, partial ends included, is not empty.
    if (!link.start.empty() && !link.end.empty() &&
        ingest::internal::StartDay(link.start) >= ingest::internal::EndDay(link.end)) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon::ingest::internal;
  static const std::unique_ptr<ingest::ListParser> parser = NewOwnershipCsvParser();
  FuzzParse(*parser, MainOnly("edges.csv", data, size), "ownership",
            {.entity = LinksAreValidRows, .allow_nameless = true});
  return 0;
}
