// maritime/events.h: what the AIS detectors report, and its JSON-lines form.
//
//   Event e{.type = EventType::kAisGap, .mmsi = 273123456, .start = t0, .end = t1};
//   e.Add("gap_h", 14.5);
//   std::string line = EventToJson(e);  // {"type":"ais_gap","mmsi":273123456,...}
//
// An event covers a period (start..end, equal for instantaneous findings such as an identity
// change), names the vessel by MMSI and, when known, IMO, and carries its evidence as ordered
// key/value pairs so that a reviewer can see why it was raised. Encounters and shared IMOs
// name a second vessel. docs/design/maritime.md defines each type.
//
// Thread safety: plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "maritime/reports.h"

namespace cordon::maritime {

enum class EventType : uint8_t {
  kPossibleSpoofing,    // positions the track could not have reached (an impossible jump)
  kAisGap,              // no position for a long time
  kSuspectedDisabling,  // a gap that looks like a transponder switched off at sea
  kEncounter,           // two vessels side by side at sea, slowly, for hours
  kLoitering,           // slow for hours far from shore
  kPortCall,            // a stop at an oil terminal or a known ship-to-ship area
  kIdentityChange,      // name, call sign, IMO, ship type or dimensions changed
  kFlagMismatch,        // the MMSI's country digits disagree with the listed flag
  kInvalidImo,          // an IMO number whose check digit (or length) is wrong
  kSharedImo,           // one IMO broadcast by two MMSIs too far apart to be one ship
};
inline constexpr int kEventTypeCount = 10;

// "possible_spoofing", "ais_gap", "suspected_disabling", "encounter", "loitering",
// "port_call", "identity_change", "flag_mismatch", "invalid_imo", "shared_imo".
std::string_view EventTypeName(EventType type);
// The inverse of EventTypeName; nullopt for an unknown name.
std::optional<EventType> EventTypeFromName(std::string_view name);

using EvidenceValue = std::variant<int64_t, double, std::string>;
struct Evidence {
  std::string key;
  EvidenceValue value;
};

struct Event {
  EventType type = EventType::kAisGap;
  uint32_t mmsi = 0;
  uint32_t imo = 0;         // 0 when the vessel has not broadcast one
  uint32_t other_mmsi = 0;  // encounters and shared IMOs: the second vessel
  uint32_t other_imo = 0;
  int64_t start = 0;  // Unix seconds, UTC
  int64_t end = 0;
  std::optional<LatLon> position;  // where it happened; absent when no position is known
  std::vector<Evidence> evidence;  // in the order the detector added them

  void Add(std::string key, EvidenceValue value);
  // The value under `key`, or nullptr.
  const EvidenceValue* Find(std::string_view key) const;
  // The value under `key` as a number (int64 or double), or nullopt when absent or a string.
  std::optional<double> Number(std::string_view key) const;
  // The value under `key` as a string, or "" when absent or a number.
  std::string Text(std::string_view key) const;
};

// One JSON object on one line, no trailing newline:
//   {"type":"port_call","mmsi":273123456,"imo":9383663,"start":"2024-03-01T10:00:00Z",
//    "end":"...","lat":60.34,"lon":28.7,"evidence":{"place":"Primorsk",...}}
// imo/other_mmsi/other_imo are omitted when 0, lat/lon when there is no position. Numbers are
// rounded to 5 decimals (about 1 m in latitude).
std::string EventToJson(const Event& event);

// "2024-03-01T00:00:00Z".
std::string FormatUtc(int64_t unix_seconds);

}  // namespace cordon::maritime
