// maritime/detector.h: per-vessel tracks and the shadow-fleet detectors over a time-ordered
// AIS stream: impossible jumps (possible spoofing), gaps and suspected transponder disabling,
// ship-to-ship encounters, loitering, port calls at oil terminals and ship-to-ship areas, and
// identity findings (changes, MID versus listed flag, invalid and shared IMO numbers).
//
//   DetectorWorld world{.shore_distance_nm = [&](LatLon p) { return coast->DistanceToShoreNm(p); },
//                       .places = {places.begin(), places.end()}};
//   ASSIGN_OR_RETURN(std::unique_ptr<Detector> detector,
//                    Detector::Create({}, std::move(world), [&](Event&& e) { Print(e); }));
//   for (const PositionReport& p : reports) detector->OnPosition(p);   // and OnStatic(...)
//   detector->Finish();
//
// Input is expected in time order; a vessel's report older than its last accepted one is
// dropped and counted. Events reach the sink when they end (an encounter when the two ships
// part, a port call when the ship leaves) and at Finish() for those still open; instantaneous
// findings (identity) as soon as they are confirmed. docs/design/maritime.md defines every
// detector and parameter.
//
// Memory grows with the number of vessels (a fixed-size state each, plus the places they are
// visiting and their identity strings) and with the pairs of vessels currently within the
// encounter distance, never with the number of positions: encounter positions are resampled
// on a 10-minute clock and only the ticks that may still receive samples are kept.
//
// Thread safety: none; one Detector per stream. The sink is called on the caller's thread,
// from inside OnPosition / OnStatic / Finish, and must not call back into the Detector.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "maritime/events.h"
#include "maritime/geo.h"
#include "maritime/identity.h"
#include "maritime/reports.h"

namespace cordon::maritime {

// AIS ship types [first, last] whose implied speed may reach `knots` (instead of the default).
struct TypeSpeedLimit {
  uint8_t first_type = 0;
  uint8_t last_type = 0;
  double knots = 25;
};
// Tankers (80-89) 20 kn, high-speed craft (40-49) 45 kn, wing-in-ground (20-29) 60 kn,
// search-and-rescue and law-enforcement vessels (51, 55) 45 kn.
std::vector<TypeSpeedLimit> DefaultTypeSpeedLimits();

// The defaults; docs/design/maritime.md explains each.
struct DetectorOptions {
  // Track segmentation.
  double max_speed_knots = 25;  // implied speed beyond which a position is off the track
  std::vector<TypeSpeedLimit> type_speed_limits = DefaultTypeSpeedLimits();
  double jump_slack_m = 500;           // GPS noise allowed before an implied speed counts
  int64_t offtrack_close_s = 3600;     // an off-track group ends after this long unheard
  int64_t offtrack_promote_s = 3600;   // ...or becomes the track when the old one is this quiet
  int offtrack_promote_positions = 3;  // ...and the group has at least this many positions

  // Gaps and suspected disabling.
  int64_t gap_min_s = 6 * 3600;
  int64_t disabling_min_s = 12 * 3600;
  double disabling_min_shore_nm = 50;     // both ends of the gap this far from shore
  int64_t disabling_prior_s = 12 * 3600;  // reporting regularly for this long before
  int64_t regular_max_interval_s = 3600;  // "regularly": no interval longer than this

  // Ship-to-ship encounters.
  double encounter_max_distance_m = 500;
  int64_t encounter_min_s = 2 * 3600;
  double encounter_max_median_knots = 2;
  double encounter_min_anchorage_m = 10'000;  // from an anchorage's or terminal's edge
  double encounter_min_shore_nm = 0;          // 0: no shore condition (the issue has none)
  int64_t resample_s = 600;                   // the encounter clock
  int64_t max_interpolation_s = 3600;         // no resampled position across a longer interval
  double grid_cell_m = 1000;

  // Loitering.
  double loiter_max_knots = 2;
  int64_t loiter_min_s = 4 * 3600;
  double loiter_min_shore_nm = 20;
  int64_t loiter_max_interval_s = 3600;  // a longer silence ends the slow run

  // Port calls (crude and product terminals, ship-to-ship areas).
  double port_exit_margin_m = 1000;  // exit radius = place radius (3 km) + this = 4 km
  int64_t port_min_s = 3600;         // shorter visits are passages, not calls
  double port_stop_knots = 1;        // ...as are visits that never slowed to this

  // Identity.
  int identity_confirmations = 2;  // a changed value must be broadcast this many times in a row
  double shared_imo_min_distance_m = 10'000;
};

// What the detectors know about the world besides the stream.
struct DetectorWorld {
  // Nautical miles from a position to the nearest shore (Coastline::DistanceToShoreNm).
  // Required.
  std::function<double(LatLon)> shore_distance_nm;
  // Terminals and ship-to-ship areas to record calls at; anchorages (and terminals) near which
  // encounters are not reported. Usually BundledPlaces().
  std::vector<Place> places;
  // MID to country; flag checks are skipped when null. Not owned; must outlive the Detector.
  const MidTable* mids = nullptr;
  // The flag (ISO alpha-2) a sanctions or registry list gives the vessel, "" when it is not
  // listed or the list has no flag. Called at most a few times per vessel. Optional.
  std::function<std::string(uint32_t mmsi, uint32_t imo)> listed_flag;
};

class Detector {
 public:
  using EventSink = std::function<void(Event&&)>;

  // InvalidArgument when an option is out of range (non-positive durations or distances,
  // resample_s not dividing max_interpolation_s) or world.shore_distance_nm is missing.
  static Result<std::unique_ptr<Detector>> Create(DetectorOptions options, DetectorWorld world,
                                                  EventSink sink);
  struct Impl;  // private to detector.cc; only Create() can make one
  explicit Detector(std::unique_ptr<Impl> impl);
  ~Detector();
  Detector(const Detector&) = delete;
  Detector& operator=(const Detector&) = delete;

  // Positions with latitude outside ±90, longitude outside ±180, or exactly 0,0 are counted
  // and ignored. REQUIRES: Finish() not yet called.
  void OnPosition(const PositionReport& report);
  void OnStatic(const StaticReport& report);
  // Closes every open episode (encounters, loitering, port calls, off-track groups) at the
  // stream's end and emits those that qualify. Further input is ignored.
  void Finish();

  struct Stats {
    uint64_t positions = 0;     // OnPosition calls
    uint64_t accepted = 0;      // positions that extended a track
    uint64_t off_track = 0;     // positions dropped as unreachable from the track
    uint64_t invalid = 0;       // unusable coordinates
    uint64_t out_of_order = 0;  // older than the vessel's last position
    uint64_t statics = 0;       // OnStatic calls
    uint64_t late_samples = 0;  // encounter samples for ticks already processed
    uint64_t vessels = 0;       // distinct MMSIs seen
    uint64_t open_pairs = 0;    // vessel pairs currently within the encounter distance
    uint64_t ticks = 0;         // encounter ticks processed
    std::array<uint64_t, kEventTypeCount> events{};  // by EventType
  };
  Stats stats() const;
  // Bytes held by the detector's state: vessels, open pairs, pending ticks, indexes.
  size_t MemoryBytes() const;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace cordon::maritime
