// maritime/testing/scenario.h: generated AIS traffic with known events, for the detector tests.
//
//   ScenarioBuilder builder(/*seed=*/7);
//   VesselScript& ship = builder.AddVessel(info, /*start=*/{59.9, 26.0}, t0);
//   ship.SailTo({60.33, 28.70}, 12).Moor(24 * 3600).SailTo({59.9, 26.0}, 12);
//   builder.Expect({.type = EventType::kPortCall, .mmsi = info.mmsi, ...});
//   Scenario scenario = builder.Build();
//   scenario.Replay(on_position, on_static);  // or scenario.Nmea(): !AIVDM lines
//
// Each vessel follows a script of legs (great-circle sailing, drifting, lying at anchor or
// moored) and reports like a class A transponder: a position every 10 s under 14 kn, 6 s
// under 23 kn, 2 s above, and every 3 min at anchor or moored; static and voyage data (message
// 5) every 6 min. Reports carry small seeded noise (position ~5 m, speed 0.1 kn, course 1°)
// and a few are lost, as on a real receiver. A script can switch its transponder off
// (GoDark), broadcast a false position (Spoof) or change its name (Rename) while the vessel
// keeps moving. The same stream comes out as reports (Replay) and as NMEA sentences with tag
// blocks carrying the time (Nmea), encoded by testing/ais_encoder.h.
//
// The canned scenarios (AddStsEncounter, ...) place their vessels in real waters (checked
// against the bundled coastline in detector_test.cc) and record the events a detector with
// the default options must report; AddPlainTransits records none.
//
// Thread safety: none; build on one thread. A built Scenario is a plain value.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "maritime/events.h"
#include "maritime/geo.h"
#include "maritime/reports.h"

namespace cordon::maritime::testing {

struct VesselInfo {
  uint32_t mmsi = 0;
  uint32_t imo = 0;
  std::string name;
  std::string callsign;
  uint8_t ship_type = 80;  // tanker
  uint16_t to_bow = 200, to_stern = 44;
  uint16_t to_port = 22, to_starboard = 22;
  float draught = 9.0f;
  std::string destination;
};

// An IMO number with its check digit appended to `six_digits` (100000..999999).
uint32_t MakeImo(uint32_t six_digits);

class VesselScript {
 public:
  // Use ScenarioBuilder::AddVessel.
  VesselScript(VesselInfo info, LatLon start, int64_t start_time);

  // Sails the great circle to `to` at `knots`.
  VesselScript& SailTo(LatLon to, double knots);
  // Sails to `to` at the speed that takes exactly `seconds`.
  VesselScript& SailToIn(LatLon to, int64_t seconds);
  // Sails toward `toward` at `knots` for `seconds` (stopping short of it).
  VesselScript& SailFor(LatLon toward, double knots, int64_t seconds);
  // Drifts on a constant course at a low speed, under way.
  VesselScript& Drift(int64_t seconds, double knots, double course);
  VesselScript& Moor(int64_t seconds);    // status 5, stopped
  VesselScript& Anchor(int64_t seconds);  // status 1, swinging at 0.1 kn
  VesselScript& Wait(int64_t seconds);    // stopped, under way (status 0)
  // From now on: no reports / reports of `shown` instead of the true position / true reports.
  VesselScript& GoDark();
  VesselScript& Spoof(LatLon shown);
  VesselScript& Transmit();
  // Static data from now on.
  VesselScript& Rename(std::string name, std::string callsign);
  VesselScript& SetDraught(float metres);

  int64_t now() const { return time_; }  // end of the script so far
  LatLon position() const { return position_; }
  // The true position at `time` (clamped to the script), and the first time in [from, to]
  // at which it lies within `radius_m` of `center` (-1 if none), scanning every 10 s.
  LatLon PositionAt(int64_t time) const;
  int64_t FirstTimeWithin(LatLon center, double radius_m, int64_t from, int64_t to) const;
  int64_t FirstTimeBeyond(LatLon center, double radius_m, int64_t from, int64_t to) const;
  const VesselInfo& info() const { return info_; }

 private:
  friend class ScenarioBuilder;
  struct Leg {
    enum class Kind : uint8_t { kSail, kDrift, kStay } kind = Kind::kStay;
    int64_t start = 0, end = 0;
    LatLon from, to;
    double knots = 0;
    double course = 0;
    uint8_t status = 0;
  };
  enum class Mode : uint8_t { kTransmit, kDark, kSpoof };
  struct ModeChange {
    int64_t time = 0;
    Mode mode = Mode::kTransmit;
    LatLon shown;
  };
  struct StaticChange {
    int64_t time = 0;
    std::string name, callsign;
    float draught = 0;
  };

  void AddLeg(Leg leg);

  VesselInfo info_;
  int64_t start_time_ = 0;
  int64_t time_ = 0;
  LatLon position_;
  std::vector<Leg> legs_;
  std::vector<ModeChange> modes_;
  std::vector<StaticChange> statics_;  // name, call sign and draught from each time on
};

// An event a scenario must produce: same type and vessels (in either order), with start and
// end within the tolerance the tests use (the report times around a scripted moment differ
// by the reporting interval).
struct ExpectedEvent {
  EventType type = EventType::kAisGap;
  uint32_t mmsi = 0;
  uint32_t other_mmsi = 0;
  int64_t start = 0;
  int64_t end = 0;
  int64_t tolerance_s = 900;  // allowed difference of start and of end
  std::string what;           // for failure messages: "STS encounter in the Baltic"
};

struct Scenario {
  using Report = std::variant<PositionReport, StaticReport>;
  std::vector<Report> reports;  // in time order
  std::vector<ExpectedEvent> expected;
  std::map<uint32_t, std::string> listed_flags;  // IMO -> ISO alpha-2 of the listed flag
  int64_t start = 0;
  int64_t end = 0;

  void Replay(const std::function<void(const PositionReport&)>& on_position,
              const std::function<void(const StaticReport&)>& on_static) const;
  // One !AIVDM sentence per line ('\n'), message 5 as two sentences, each with a tag block
  // "\c:<time>*hh\" (and "g:" for the two parts).
  std::string Nmea() const;
  size_t positions() const;
};

class ScenarioBuilder {
 public:
  // `seed` fixes the noise and the lost reports: the same seed gives the same stream.
  explicit ScenarioBuilder(uint32_t seed = 1);
  ~ScenarioBuilder();
  ScenarioBuilder(ScenarioBuilder&&) noexcept;
  ScenarioBuilder& operator=(ScenarioBuilder&&) noexcept;

  // REQUIRES: each MMSI added once. The script stays valid until Build().
  VesselScript& AddVessel(VesselInfo info, LatLon start, int64_t start_time);
  void Expect(ExpectedEvent event);
  void ListFlag(uint32_t imo, std::string flag);
  // Probability that a report is not received (default 0.03).
  void set_loss(double loss) { loss_ = loss; }

  Scenario Build() const;

 private:
  uint32_t seed_;
  double loss_ = 0.03;
  std::vector<std::unique_ptr<VesselScript>> vessels_;
  std::vector<ExpectedEvent> expected_;
  std::map<uint32_t, std::string> listed_flags_;
};

// 2024-03-01T00:00:00Z: the canned scenarios start here.
inline constexpr int64_t kScenarioEpoch = 1709251200;

// The cases, each adding its vessels and expected events to `builder`, starting at
// `t0`:
// Two tankers meet in the open Baltic, drift side by side for 3 h and part (one encounter).
void AddStsEncounter(ScenarioBuilder& builder, int64_t t0);
// A tanker goes dark for 20 h about 200 nm off Portugal and reappears (suspected disabling).
void AddDarkPeriod(ScenarioBuilder& builder, int64_t t0);
// A tanker calls at Primorsk for 24 h and loads (one port call).
void AddPrimorskCall(ScenarioBuilder& builder, int64_t t0);
// A tanker's reports jump to the Mediterranean for 20 min, then come back (possible spoofing).
void AddSpoofedJump(ScenarioBuilder& builder, int64_t t0);
// A tanker changes its name and call sign at sea (one identity change).
void AddRenamedVessel(ScenarioBuilder& builder, int64_t t0);
// An invalid IMO, a Russian MMSI on a ship listed under Panama, one IMO on two ships far
// apart (one event each).
void AddIdentityCases(ScenarioBuilder& builder, int64_t t0);
// Tankers on ordinary routes (Gulf of Finland - Baltic, North Sea - Channel, central
// Mediterranean) at 12-14 kn, meeting and crossing each other, passing terminals and a
// ship-to-ship area without stopping: no events.
void AddPlainTransits(ScenarioBuilder& builder, int64_t t0);

// The places the canned scenarios sail to or past (Primorsk, Ust-Luga, Vysotsk, the Laconian
// Gulf, the Bay of Gibraltar anchorage), with the centres and radii of
// data/maritime/places.json, so that the expected times do not move when that file does.
std::vector<Place> ScenarioPlaces();

// Everything above in one stream, overlapping in time.
Scenario ShadowFleetScenario(uint32_t seed = 1);
Scenario PlainTransitsScenario(uint32_t seed = 1);

}  // namespace cordon::maritime::testing
