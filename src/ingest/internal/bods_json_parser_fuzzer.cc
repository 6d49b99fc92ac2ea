// Arbitrary bytes as a statements.json: the bods_json parser must never crash and must keep the
// ListParser contract (see fuzz_support.h), with the ownership formats' one exception: its
// entities may be nameless.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/internal/bods_json_parser.h"
#include "ingest/internal/fuzz_support.h"
#include "ingest/internal/ownership_dates.h"

namespace {

using namespace cordon;

// Ownership and control links carry an interest from the model's list, a share the graph can
// read and a period that is not empty; links never point at their own entity.
bool LinksAreUsable(const model::Entity& entity) {
  for (const model::Link& link : entity.links) {
    if (link.target_id.empty() || link.target_id == entity.provenance.record_id) return false;
    if (link.kind == model::LinkKind::kOwnedBy &&
        !(link.interest == "shares" || link.interest == "voting")) {
      return false;
    }
    if (link.kind == model::LinkKind::kControlledBy &&
        !(link.interest == "board" || link.interest == "control" || link.interest == "officer")) {
      return false;
    }
    for (char c : link.share) {
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
    }
    // The period as graph/ reads it, partial ends included, is not empty.
    if (!link.start.empty() && !link.end.empty() &&
        ingest::internal::StartDay(link.start) >= ingest::internal::EndDay(link.end)) {
      return false;
    }
    if (!text::IsValidUtf8(link.note) || !text::IsValidUtf8(link.target_name)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon::ingest::internal;
  static const std::unique_ptr<ingest::ListParser> parser = NewBodsJsonParser();
  FuzzParse(*parser, MainOnly("statements.json", data, size), "bods",
            {.entity = LinksAreUsable, .allow_nameless = true});
  return 0;
}
