// maritime/reports.h: what the trackers and detectors read from a decoded AIS stream.
//
//   PositionReport p{.time = 1700000000, .mmsi = 273123456, .position = {59.93, 28.99},
//                    .speed_knots = 0.2f};
//   tracker.OnPosition(p);
//
// The AIS decoder (maritime/ais.h) turns messages 1/2/3, 4, 9, 18, 19, 21 and 27 into
// PositionReports and 5, 19 and 24 into StaticReports; generated scenarios in the tests build
// them directly. Times are Unix seconds (UTC). Unavailable values use the AIS "not available"
// conventions below rather than optionals, so that reports stay small and trivially copyable.
//
// Thread safety: plain value types.
#pragma once

#include <cstdint>
#include <string>

namespace cordon::maritime {

struct LatLon {
  double lat = 0;  // degrees, north positive
  double lon = 0;  // degrees, east positive
  friend bool operator==(const LatLon&, const LatLon&) = default;
};

inline constexpr float kNoSpeed = -1.0f;     // speed over ground not available
inline constexpr float kNoCourse = -1.0f;    // course over ground not available
inline constexpr uint16_t kNoHeading = 511;  // AIS "not available"
inline constexpr uint8_t kNoStatus = 15;     // navigational status "not defined"

struct PositionReport {
  int64_t time = 0;
  uint32_t mmsi = 0;
  LatLon position;
  float speed_knots = kNoSpeed;
  float course = kNoCourse;  // degrees true
  uint16_t heading = kNoHeading;
  uint8_t status = kNoStatus;  // navigational status (class A)
  uint8_t message_type = 0;    // the AIS message it came from
};

struct StaticReport {
  int64_t time = 0;
  uint32_t mmsi = 0;
  uint32_t imo = 0;  // 0 when not given
  std::string name;  // trailing '@' and spaces removed
  std::string callsign;
  std::string destination;
  uint8_t ship_type = 0;  // AIS ship and cargo type, 0 when not given
  uint16_t to_bow = 0, to_stern = 0, to_port = 0, to_starboard = 0;  // metres
  float draught = 0;                                                 // metres, 0 when unknown
  uint8_t message_type = 0;
};

}  // namespace cordon::maritime
