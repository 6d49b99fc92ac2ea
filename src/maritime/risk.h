// maritime/risk.h: one vessel's risk, from its list status and what its AIS track shows.
//
//   std::vector<ListingHit> hits = ...;   // from the store: by IMO, then MMSI, then name
//   std::vector<Event> events = ...;      // from the detectors, for this vessel
//   VesselRisk risk = AssessVessel(hits, events);
//   fmt::print("{} {:.0f}\n", risk.level, risk.score);  // "high 85"
//   for (const RiskReason& r : risk.reasons) fmt::print("  +{} {}\n", r.points, r.text);
//
// A listing is decisive: a vessel listed by IMO under any regime scores 100. Without one, the
// score adds the points of the evidence the shadow fleet leaves (dark periods at sea, meetings
// at sea, calls at Russian oil terminals and transfer areas, identity changes, spoofed positions),
// each kind of finding capped so that one noisy detector cannot make a vessel high risk alone.
// The points are judgement, not law: they rank vessels for review. docs/design/maritime.md
// lists them.
//
// Thread safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "maritime/events.h"
#include "model/entity.h"

namespace cordon::maritime {

// How a listed entity was found for the vessel.
enum class MatchedBy : uint8_t { kImo, kMmsi, kName };
std::string_view MatchedByName(MatchedBy how);  // "imo", "mmsi", "name"

struct ListingHit {
  std::string entity_id;  // "us_ofac_sdn:37933"
  std::string caption;
  std::vector<model::Regime> regimes;  // regimes that list it
  MatchedBy matched_by = MatchedBy::kImo;
  double name_score = 1.0;  // for kName: the screening score
};

struct RiskReason {
  std::string code;  // "listed_by_imo", "suspected_disabling", ...
  double points = 0;
  std::string text;  // for a person
};

struct VesselRisk {
  double score = 0;                 // 0..100
  std::string_view level;           // "high" (>= 70), "medium" (>= 40), "low" (> 0), "none"
  std::vector<RiskReason> reasons;  // strongest first
};

VesselRisk AssessVessel(std::span<const ListingHit> listings, std::span<const Event> events);

}  // namespace cordon::maritime
