#include "maritime/risk.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace cordon::maritime {
namespace {

// Points per finding and the most one kind of finding can add.
struct EventWeight {
  EventType type;
  double points;
  double cap;
  std::string_view what;
};

constexpr EventWeight kEventWeights[] = {
    {EventType::kSuspectedDisabling, 25, 50, "AIS off at sea (suspected disabling)"},
    {EventType::kEncounter, 20, 40,
     "meeting with another vessel at sea (possible ship-to-ship "
     "transfer)"},
    {EventType::kSharedImo, 25, 25, "its IMO number broadcast by another vessel far away"},
    {EventType::kPossibleSpoofing, 15, 30,
     "positions it could not have reached (possible "
     "spoofing)"},
    {EventType::kFlagMismatch, 15, 15, "MMSI country differs from the listed flag"},
    {EventType::kInvalidImo, 15, 15, "an IMO number with a wrong check digit"},
    {EventType::kIdentityChange, 8, 24, "a change of name, call sign, IMO, type or size"},
    {EventType::kLoitering, 8, 16, "loitering far from shore"},
    {EventType::kAisGap, 5, 15, "an AIS gap"},
};

// Port calls weigh by the place: Russian oil terminals and known transfer areas.
constexpr double kTerminalCallPoints = 20, kTerminalCallCap = 40;
constexpr double kStsAreaPoints = 15, kStsAreaCap = 30;

std::string RegimeList(const std::vector<model::Regime>& regimes) {
  std::string text;
  for (model::Regime regime : regimes) {
    if (!text.empty()) text += ", ";
    text += model::RegimeName(regime);
  }
  return text.empty() ? "a list" : text;
}

}  // namespace

std::string_view MatchedByName(MatchedBy how) {
  switch (how) {
    case MatchedBy::kImo:
      return "imo";
    case MatchedBy::kMmsi:
      return "mmsi";
    case MatchedBy::kName:
      return "name";
  }
  return "name";
}

VesselRisk AssessVessel(std::span<const ListingHit> listings, std::span<const Event> events) {
  VesselRisk risk;
  double listing_points = 0;
  for (const ListingHit& hit : listings) {
    double points = 0;
    switch (hit.matched_by) {
      case MatchedBy::kImo:
        points = 100;  // the IMO number names the hull: the vessel is listed
        break;
      case MatchedBy::kMmsi:
        points = 80;  // MMSIs are reassigned; strong but not decisive
        break;
      case MatchedBy::kName:
        points = 50 * std::clamp(hit.name_score, 0.0, 1.0);  // names are reused across hulls
        break;
    }
    risk.reasons.push_back(
        {.code = fmt::format("listed_by_{}", MatchedByName(hit.matched_by)),
         .points = points,
         .text = fmt::format("listed under {} as {} ({}), matched by {}{}", RegimeList(hit.regimes),
                             hit.caption, hit.entity_id, MatchedByName(hit.matched_by),
                             hit.matched_by == MatchedBy::kName
                                 ? fmt::format(" with score {:.2f}", hit.name_score)
                                 : "")});
    listing_points = std::max(listing_points, points);
  }

  double event_points = 0;
  for (const EventWeight& weight : kEventWeights) {
    const auto count = static_cast<size_t>(std::count_if(
        events.begin(), events.end(), [&](const Event& e) { return e.type == weight.type; }));
    if (count == 0) continue;
    const double points = std::min(weight.cap, weight.points * static_cast<double>(count));
    risk.reasons.push_back({.code = std::string(EventTypeName(weight.type)),
                            .points = points,
                            .text = fmt::format("{} × {}", count, weight.what)});
    event_points += points;
  }
  size_t terminal_calls = 0, sts_calls = 0;
  std::vector<std::string> terminals, areas;
  for (const Event& e : events) {
    if (e.type != EventType::kPortCall) continue;
    const std::string kind = e.Text("place_kind");
    const std::string place = e.Text("place");
    if (kind == "sts_area") {
      ++sts_calls;
      if (std::find(areas.begin(), areas.end(), place) == areas.end()) areas.push_back(place);
    } else if (kind == "crude_terminal" || kind == "product_terminal") {
      ++terminal_calls;
      if (std::find(terminals.begin(), terminals.end(), place) == terminals.end()) {
        terminals.push_back(place);
      }
    }
  }
  auto join = [](const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& n : names) text += (text.empty() ? "" : ", ") + n;
    return text;
  };
  if (terminal_calls > 0) {
    const double points =
        std::min(kTerminalCallCap, kTerminalCallPoints * static_cast<double>(terminal_calls));
    risk.reasons.push_back({.code = "oil_terminal_call",
                            .points = points,
                            .text = fmt::format("{} × call at a Russian oil terminal ({})",
                                                terminal_calls, join(terminals))});
    event_points += points;
  }
  if (sts_calls > 0) {
    const double points = std::min(kStsAreaCap, kStsAreaPoints * static_cast<double>(sts_calls));
    risk.reasons.push_back({.code = "sts_area_call",
                            .points = points,
                            .text = fmt::format("{} × stop in a known ship-to-ship transfer area "
                                                "({})",
                                                sts_calls, join(areas))});
    event_points += points;
  }

  risk.score = std::min(100.0, listing_points + event_points);
  risk.level = risk.score >= 70   ? "high"
               : risk.score >= 40 ? "medium"
               : risk.score > 0   ? "low"
                                  : "none";
  std::stable_sort(risk.reasons.begin(), risk.reasons.end(),
                   [](const RiskReason& a, const RiskReason& b) { return a.points > b.points; });
  return risk;
}

}  // namespace cordon::maritime
