#include "maritime/testing/scenario.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <utility>

#include "maritime/testing/ais_encoder.h"

namespace cordon::maritime::testing {
namespace {

constexpr double kEarthRadiusMeters = 6'371'008.8;  // as geo.cc
constexpr double kRadians = std::numbers::pi / 180.0;
constexpr double kMetersPerSecondPerKnot = kMetersPerNauticalMile / 3600.0;

struct Vec3 {
  double x, y, z;
};
Vec3 ToVec(LatLon p) {
  const double lat = p.lat * kRadians, lon = p.lon * kRadians;
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}
LatLon ToLatLon(Vec3 v) {
  return {std::atan2(v.z, std::hypot(v.x, v.y)) / kRadians, std::atan2(v.y, v.x) / kRadians};
}

// The point a fraction f of the way along the great circle from a to b.
LatLon GreatCircle(LatLon a, LatLon b, double f) {
  const Vec3 va = ToVec(a), vb = ToVec(b);
  const Vec3 cross = {va.y * vb.z - va.z * vb.y, va.z * vb.x - va.x * vb.z,
                      va.x * vb.y - va.y * vb.x};
  const double omega =
      std::atan2(std::sqrt(cross.x * cross.x + cross.y * cross.y + cross.z * cross.z),
                 va.x * vb.x + va.y * vb.y + va.z * vb.z);
  if (omega < 1e-12) return a;
  const double sa = std::sin((1 - f) * omega) / std::sin(omega);
  const double sb = std::sin(f * omega) / std::sin(omega);
  return ToLatLon({sa * va.x + sb * vb.x, sa * va.y + sb * vb.y, sa * va.z + sb * vb.z});
}

// The point `metres` from p on the initial bearing `course`.
LatLon Destination(LatLon p, double course, double metres) {
  const double d = metres / kEarthRadiusMeters;
  const double lat1 = p.lat * kRadians, lon1 = p.lon * kRadians, brg = course * kRadians;
  const double lat2 =
      std::asin(std::sin(lat1) * std::cos(d) + std::cos(lat1) * std::sin(d) * std::cos(brg));
  const double lon2 = lon1 + std::atan2(std::sin(brg) * std::sin(d) * std::cos(lat1),
                                        std::cos(d) - std::sin(lat1) * std::sin(lat2));
  return {lat2 / kRadians, std::remainder(lon2 / kRadians, 360.0)};
}

// Deterministic noise from mt19937, whose output the standard fixes (unlike the
// distributions), so a seed gives the same stream everywhere.
class Noise {
 public:
  explicit Noise(uint32_t seed) : rng_(seed) {}
  double Uniform() { return static_cast<double>(rng_()) / 4294967296.0; }
  // Mean 0, standard deviation 1 (Irwin-Hall of four uniforms).
  double Gaussian() {
    return (Uniform() + Uniform() + Uniform() + Uniform() - 2.0) * std::sqrt(3.0);
  }

 private:
  std::mt19937 rng_;
};

double Quantize(double x, double unit) { return std::round(x / unit) * unit; }

// ITU-R M.1371 table 1 (class A), ignoring the faster rates while changing course.
int64_t ReportingInterval(double knots, uint8_t status) {
  if ((status == 1 || status == 5) && knots <= 3) return 180;
  if (knots <= 14) return 10;
  if (knots <= 23) return 6;
  return 2;
}

int64_t ReportTime(const Scenario::Report& report) {
  return std::visit([](const auto& r) { return r.time; }, report);
}

}  // namespace

uint32_t MakeImo(uint32_t six_digits) {
  uint32_t rest = six_digits;
  uint32_t sum = 0;
  for (uint32_t weight = 2; weight <= 7; ++weight) {
    sum += (rest % 10) * weight;
    rest /= 10;
  }
  return six_digits * 10 + sum % 10;
}

// --- VesselScript ---

VesselScript::VesselScript(VesselInfo info, LatLon start, int64_t start_time)
    : info_(std::move(info)), start_time_(start_time), time_(start_time), position_(start) {
  statics_.push_back({start_time, info_.name, info_.callsign, info_.draught});
}

void VesselScript::AddLeg(Leg leg) {
  legs_.push_back(leg);
  time_ = leg.end;
  position_ = leg.kind == Leg::Kind::kDrift
                  ? Destination(leg.from, leg.course,
                                leg.knots * kMetersPerSecondPerKnot *
                                    static_cast<double>(leg.end - leg.start))
                  : leg.to;
}

VesselScript& VesselScript::SailTo(LatLon to, double knots) {
  const double metres = DistanceMeters(position_, to);
  const auto seconds =
      static_cast<int64_t>(std::llround(metres / (knots * kMetersPerSecondPerKnot)));
  AddLeg({.kind = Leg::Kind::kSail,
          .start = time_,
          .end = time_ + std::max<int64_t>(1, seconds),
          .from = position_,
          .to = to,
          .knots = knots,
          .course = BearingDegrees(position_, to)});
  return *this;
}

VesselScript& VesselScript::SailToIn(LatLon to, int64_t seconds) {
  const double knots =
      DistanceMeters(position_, to) / static_cast<double>(seconds) / kMetersPerSecondPerKnot;
  AddLeg({.kind = Leg::Kind::kSail,
          .start = time_,
          .end = time_ + seconds,
          .from = position_,
          .to = to,
          .knots = knots,
          .course = BearingDegrees(position_, to)});
  return *this;
}

VesselScript& VesselScript::SailFor(LatLon toward, double knots, int64_t seconds) {
  const double metres = std::min(DistanceMeters(position_, toward),
                                 knots * kMetersPerSecondPerKnot * static_cast<double>(seconds));
  const LatLon to = Destination(position_, BearingDegrees(position_, toward), metres);
  AddLeg({.kind = Leg::Kind::kSail,
          .start = time_,
          .end = time_ + seconds,
          .from = position_,
          .to = to,
          .knots = knots,
          .course = BearingDegrees(position_, to)});
  return *this;
}

VesselScript& VesselScript::Drift(int64_t seconds, double knots, double course) {
  AddLeg({.kind = Leg::Kind::kDrift,
          .start = time_,
          .end = time_ + seconds,
          .from = position_,
          .to = position_,
          .knots = knots,
          .course = course});
  return *this;
}

VesselScript& VesselScript::Moor(int64_t seconds) {
  const double course = legs_.empty() ? 0 : legs_.back().course;
  AddLeg({.kind = Leg::Kind::kStay,
          .start = time_,
          .end = time_ + seconds,
          .from = position_,
          .to = position_,
          .course = course,
          .status = 5});
  return *this;
}

VesselScript& VesselScript::Anchor(int64_t seconds) {
  const double course = legs_.empty() ? 0 : legs_.back().course;
  AddLeg({.kind = Leg::Kind::kStay,
          .start = time_,
          .end = time_ + seconds,
          .from = position_,
          .to = position_,
          .knots = 0.1,
          .course = course,
          .status = 1});
  return *this;
}

VesselScript& VesselScript::Wait(int64_t seconds) {
  const double course = legs_.empty() ? 0 : legs_.back().course;
  AddLeg({.kind = Leg::Kind::kStay,
          .start = time_,
          .end = time_ + seconds,
          .from = position_,
          .to = position_,
          .course = course,
          .status = 0});
  return *this;
}

VesselScript& VesselScript::GoDark() {
  modes_.push_back({time_, Mode::kDark, {}});
  return *this;
}
VesselScript& VesselScript::Spoof(LatLon shown) {
  modes_.push_back({time_, Mode::kSpoof, shown});
  return *this;
}
VesselScript& VesselScript::Transmit() {
  modes_.push_back({time_, Mode::kTransmit, {}});
  return *this;
}

VesselScript& VesselScript::Rename(std::string name, std::string callsign) {
  StaticChange change = statics_.back();
  change.time = time_;
  change.name = std::move(name);
  change.callsign = std::move(callsign);
  statics_.push_back(std::move(change));
  return *this;
}

VesselScript& VesselScript::SetDraught(float metres) {
  StaticChange change = statics_.back();
  change.time = time_;
  change.draught = metres;
  statics_.push_back(std::move(change));
  return *this;
}

LatLon VesselScript::PositionAt(int64_t time) const {
  if (legs_.empty() || time <= start_time_) return legs_.empty() ? position_ : legs_[0].from;
  for (const Leg& leg : legs_) {
    if (time > leg.end) continue;
    const double span = static_cast<double>(std::max<int64_t>(1, leg.end - leg.start));
    const double f = static_cast<double>(time - leg.start) / span;
    switch (leg.kind) {
      case Leg::Kind::kSail:
        return GreatCircle(leg.from, leg.to, f);
      case Leg::Kind::kDrift:
        return Destination(
            leg.from, leg.course,
            leg.knots * kMetersPerSecondPerKnot * static_cast<double>(time - leg.start));
      case Leg::Kind::kStay:
        return leg.from;
    }
  }
  return position_;
}

int64_t VesselScript::FirstTimeWithin(LatLon center, double radius_m, int64_t from,
                                      int64_t to) const {
  for (int64_t t = from; t <= to; t += 10) {
    if (DistanceMeters(PositionAt(t), center) <= radius_m) return t;
  }
  return -1;
}

int64_t VesselScript::FirstTimeBeyond(LatLon center, double radius_m, int64_t from,
                                      int64_t to) const {
  for (int64_t t = from; t <= to; t += 10) {
    if (DistanceMeters(PositionAt(t), center) > radius_m) return t;
  }
  return -1;
}

// --- Scenario ---

void Scenario::Replay(const std::function<void(const PositionReport&)>& on_position,
                      const std::function<void(const StaticReport&)>& on_static) const {
  for (const Report& report : reports) {
    if (const auto* p = std::get_if<PositionReport>(&report)) {
      on_position(*p);
    } else {
      on_static(std::get<StaticReport>(report));
    }
  }
}

size_t Scenario::positions() const {
  return static_cast<size_t>(std::count_if(reports.begin(), reports.end(), [](const Report& r) {
    return std::holds_alternative<PositionReport>(r);
  }));
}

std::string Scenario::Nmea() const {
  std::string out;
  int sequence_id = 0;
  int group_id = 0;
  size_t count = 0;
  for (const Report& report : reports) {
    const char channel = (count++ % 2) == 0 ? 'A' : 'B';
    std::vector<std::string> lines;
    if (const auto* p = std::get_if<PositionReport>(&report)) {
      lines = ToSentences(EncodePosition(PositionMessage::From(*p)),
                          {.time = p->time, .channel = channel});
    } else {
      const auto& s = std::get<StaticReport>(report);
      sequence_id = (sequence_id + 1) % 10;
      group_id = group_id % 9999 + 1;
      lines = ToSentences(
          EncodeStatic(StaticMessage::From(s)),
          {.time = s.time, .channel = channel, .sequence_id = sequence_id, .group_id = group_id});
    }
    for (const std::string& line : lines) {
      out += line;
      out += '\n';
    }
  }
  return out;
}

// --- ScenarioBuilder ---

ScenarioBuilder::ScenarioBuilder(uint32_t seed) : seed_(seed) {}
ScenarioBuilder::~ScenarioBuilder() = default;
ScenarioBuilder::ScenarioBuilder(ScenarioBuilder&&) noexcept = default;
ScenarioBuilder& ScenarioBuilder::operator=(ScenarioBuilder&&) noexcept = default;

VesselScript& ScenarioBuilder::AddVessel(VesselInfo info, LatLon start, int64_t start_time) {
  vessels_.push_back(std::make_unique<VesselScript>(std::move(info), start, start_time));
  return *vessels_.back();
}

void ScenarioBuilder::Expect(ExpectedEvent event) { expected_.push_back(std::move(event)); }

void ScenarioBuilder::ListFlag(uint32_t imo, std::string flag) {
  listed_flags_[imo] = std::move(flag);
}

Scenario ScenarioBuilder::Build() const {
  using Leg = VesselScript::Leg;
  using Mode = VesselScript::Mode;
  Scenario scenario;
  scenario.expected = expected_;
  scenario.listed_flags = listed_flags_;
  scenario.start = std::numeric_limits<int64_t>::max();
  scenario.end = std::numeric_limits<int64_t>::min();
  for (const auto& script_ptr : vessels_) {
    const VesselScript& script = *script_ptr;
    const VesselInfo& info = script.info_;
    Noise noise(seed_ * 2654435761u ^ info.mmsi);
    scenario.start = std::min(scenario.start, script.start_time_);
    scenario.end = std::max(scenario.end, script.time_);
    auto mode_at = [&](int64_t t) {
      VesselScript::ModeChange mode;
      for (const auto& change : script.modes_) {
        if (change.time <= t) mode = change;
      }
      return mode;
    };

    // Positions.
    size_t leg_idx = 0;
    for (int64_t t = script.start_time_; t <= script.time_;) {
      while (leg_idx + 1 < script.legs_.size() && t > script.legs_[leg_idx].end) ++leg_idx;
      double knots = 0, course = 0;
      uint8_t status = 0;
      if (!script.legs_.empty()) {
        const Leg& leg = script.legs_[leg_idx];
        knots = leg.knots;
        status = leg.status;
        course = leg.kind == Leg::Kind::kSail && t < leg.end
                     ? BearingDegrees(script.PositionAt(t), leg.to)
                     : leg.course;
      }
      const VesselScript::ModeChange mode = mode_at(t);
      double reported_knots = knots;
      if (mode.mode != Mode::kDark) {
        PositionReport r{.time = t, .mmsi = info.mmsi};
        LatLon pos = script.PositionAt(t);
        double noise_m = status == 5 ? 2 : 5;
        double cog = course + noise.Gaussian();
        double heading = course + 2 * noise.Gaussian();
        if (mode.mode == Mode::kSpoof) {
          pos = mode.shown;
          noise_m = 20;
          reported_knots = 0.2 + 0.3 * noise.Uniform();
          cog = 360 * noise.Uniform();
          heading = cog;
          status = 0;
        } else if (status == 5) {
          reported_knots = 0;
        } else {
          reported_knots = std::max(0.0, knots + 0.1 * noise.Gaussian());
        }
        pos = Destination(pos, 360 * noise.Uniform(), noise_m * std::fabs(noise.Gaussian()));
        // Rounded to what the radio sends, so that the NMEA path decodes the same values.
        r.position = {Quantize(pos.lat, 1 / 600000.0), Quantize(pos.lon, 1 / 600000.0)};
        r.speed_knots = static_cast<float>(Quantize(reported_knots, 0.1));
        r.course = static_cast<float>(Quantize(std::fmod(cog + 360.0, 360.0), 0.1));
        if (r.course >= 360.0f) r.course = 0;
        r.heading = static_cast<uint16_t>(std::lround(std::fmod(heading + 360.0, 360.0)) % 360);
        r.status = status;
        r.message_type = status == 1 || status == 5 ? 3 : 1;
        if (noise.Uniform() >= loss_) scenario.reports.emplace_back(r);
      }
      t += ReportingInterval(reported_knots, status);
    }

    // Static and voyage data every 6 minutes while the transponder is on.
    const auto first = static_cast<int64_t>(noise.Uniform() * 360);
    for (int64_t t = script.start_time_ + first; t <= script.time_; t += 360) {
      if (mode_at(t).mode == Mode::kDark) continue;
      const VesselScript::StaticChange* current = &script.statics_.front();
      for (const auto& change : script.statics_) {
        if (change.time <= t) current = &change;
      }
      StaticReport s{.time = t,
                     .mmsi = info.mmsi,
                     .imo = info.imo,
                     .name = current->name,
                     .callsign = current->callsign,
                     .destination = info.destination,
                     .ship_type = info.ship_type,
                     .to_bow = info.to_bow,
                     .to_stern = info.to_stern,
                     .to_port = info.to_port,
                     .to_starboard = info.to_starboard,
                     .draught = static_cast<float>(Quantize(current->draught, 0.1)),
                     .message_type = 5};
      if (noise.Uniform() >= loss_) scenario.reports.emplace_back(std::move(s));
    }
  }
  std::stable_sort(scenario.reports.begin(), scenario.reports.end(),
                   [](const Scenario::Report& a, const Scenario::Report& b) {
                     return ReportTime(a) < ReportTime(b);
                   });
  if (vessels_.empty()) scenario.start = scenario.end = 0;
  return scenario;
}

// --- the canned scenarios ---

std::vector<Place> ScenarioPlaces() {
  const std::string kSource = "data/maritime/places.json (copied for the tests)";
  return {
      {"Primorsk", "RU", PlaceKind::kCrudeTerminal, {60.367, 28.617}, 9000, kSource},
      {"Ust-Luga", "RU", PlaceKind::kCrudeTerminal, {59.66028, 28.27694}, 12000, kSource},
      {"Vysotsk", "RU", PlaceKind::kProductTerminal, {60.6256, 28.5683}, 4000, kSource},
      {"St Petersburg oil terminal",
       "RU",
       PlaceKind::kProductTerminal,
       {59.9025, 30.2369},
       3000,
       kSource},
      {"Laconian Gulf", "GR", PlaceKind::kStsArea, {36.517, 22.717}, 30000, kSource},
      {"Messinian Gulf (Kalamata)", "GR", PlaceKind::kStsArea, {36.8611, 22.0608}, 25000, kSource},
      {"Off Ceuta", "ES", PlaceKind::kStsArea, {35.89, -5.21}, 20000, kSource},
      {"Bay of Gibraltar anchorage", "GI", PlaceKind::kAnchorage, {36.1311, -5.396}, 6000, kSource},
  };
}

void AddStsEncounter(ScenarioBuilder& builder, int64_t t0) {
  const VesselInfo a{.mmsi = 636019825,
                     .imo = MakeImo(927341),
                     .name = "AURORA SPIRIT",
                     .callsign = "D5QX4",
                     .destination = "FOR ORDERS"};
  const VesselInfo b{.mmsi = 273349210,
                     .imo = MakeImo(918724),
                     .name = "SIBIRSKIY VETER",
                     .callsign = "UBXY7",
                     .draught = 14.5f,
                     .destination = "GDANSK"};
  // They meet in the open Baltic between Gotland and Lithuania, about 60 nm from any shore.
  const LatLon meet{55.75, 19.0};
  const LatLon beside = {meet.lat + 0.0006, meet.lon};  // 65 m to the north: alongside
  const int64_t t_meet = t0 + 8 * 3600;
  const LatLon a_start{55.25, 16.9}, b_start{57.0, 20.2};
  const auto sail_seconds = [](LatLon from, LatLon to, double knots) {
    return static_cast<int64_t>(
        std::llround(DistanceMeters(from, to) / (knots * kMetersPerSecondPerKnot)));
  };
  VesselScript& va = builder.AddVessel(a, a_start, t_meet - sail_seconds(a_start, meet, 12));
  VesselScript& vb = builder.AddVessel(b, b_start, t_meet - sail_seconds(b_start, beside, 11));
  va.SailTo(meet, 12).Drift(3 * 3600, 0.3, 60).SailTo({55.4, 17.3}, 12);
  vb.SailTo(beside, 11).Drift(3 * 3600, 0.3, 60).SailTo({56.9, 19.9}, 12);
  builder.ListFlag(a.imo, "LR");
  builder.ListFlag(b.imo, "RU");
  builder.Expect({.type = EventType::kEncounter,
                  .mmsi = a.mmsi,
                  .other_mmsi = b.mmsi,
                  .start = t_meet,
                  .end = t_meet + 3 * 3600,
                  .tolerance_s = 1200,
                  .what = "two tankers alongside for 3 h in the open Baltic"});
}

void AddDarkPeriod(ScenarioBuilder& builder, int64_t t0) {
  const VesselInfo c{.mmsi = 626123000,
                     .imo = MakeImo(923456),
                     .name = "MARLIN",
                     .callsign = "TRAM5",
                     .destination = "PORT SAID"};
  // Bound south far off Iberia, as tankers avoiding attention do; dark between 42N and
  // 38.5N on 14W, each end about 200 nm from Galicia and Portugal.
  VesselScript& v = builder.AddVessel(c, {44.5, -11.5}, t0);
  v.SailTo({42.0, -14.0}, 12);
  const int64_t dark_start = v.now();
  v.GoDark().SailToIn({38.5, -14.0}, 20 * 3600);
  const int64_t dark_end = v.now();
  v.Transmit().SailTo({37.6, -12.8}, 12);
  builder.Expect({.type = EventType::kSuspectedDisabling,
                  .mmsi = c.mmsi,
                  .start = dark_start,
                  .end = dark_end,
                  .tolerance_s = 120,
                  .what = "20 h dark about 200 nm off Portugal"});
}

void AddPrimorskCall(ScenarioBuilder& builder, int64_t t0) {
  const VesselInfo d{.mmsi = 352001234,
                     .imo = MakeImo(931245),
                     .name = "PEARL RIVER",
                     .callsign = "3EXK9",
                     .draught = 8.2f,
                     .destination = "PRIMORSK"};
  const Place primorsk = ScenarioPlaces()[0];
  VesselScript& v = builder.AddVessel(d, {59.95, 26.2}, t0);
  // Up the Gulf of Finland south of Gogland, then round the south of the Berezovye islands
  // and up the sound to the oil piers, 6 km south-east of the town.
  v.SailTo({59.93, 26.95}, 13).SailTo({60.12, 28.05}, 13).SailTo({60.24, 28.45}, 10);
  const int64_t approach = v.now();
  v.SailTo({60.255, 28.78}, 8).SailTo({60.32, 28.76}, 6).SailTo({60.335, 28.70}, 4);
  v.Moor(20 * 3600).SetDraught(14.6f).Moor(4 * 3600);
  v.SailTo({60.32, 28.76}, 4).SailTo({60.255, 28.78}, 6).SailTo({60.24, 28.45}, 8);
  const int64_t departed = v.now();
  v.SailTo({60.12, 28.05}, 12).SailTo({59.93, 26.95}, 13);
  const int64_t entry = v.FirstTimeWithin(primorsk.center, primorsk.radius_m, approach, v.now());
  const int64_t exit =
      v.FirstTimeBeyond(primorsk.center, primorsk.radius_m + 1000, entry, departed + 3600);
  builder.Expect({.type = EventType::kPortCall,
                  .mmsi = d.mmsi,
                  .start = entry,
                  .end = exit,
                  .tolerance_s = 120,
                  .what = "a 24 h call at Primorsk, loading"});
}

void AddSpoofedJump(ScenarioBuilder& builder, int64_t t0) {
  const VesselInfo e{.mmsi = 538009876,
                     .imo = MakeImo(940017),
                     .name = "NORDIC HAWK",
                     .callsign = "V7NH3",
                     .destination = "SKAW"};
  VesselScript& v = builder.AddVessel(e, {56.3, 18.6}, t0);
  const LatLon end{55.45, 15.9};
  v.SailFor(end, 13, 3 * 3600);
  const int64_t spoof_start = v.now();
  // The transponder is fed positions south of Malta while the ship sails on.
  v.Spoof({35.6, 14.6}).SailFor(end, 13, 20 * 60);
  const int64_t spoof_end = v.now();
  v.Transmit().SailTo(end, 13);
  builder.Expect({.type = EventType::kPossibleSpoofing,
                  .mmsi = e.mmsi,
                  .start = spoof_start,
                  .end = spoof_end,
                  .tolerance_s = 120,
                  .what = "20 min of positions off Malta from a ship in the Baltic"});
}

void AddRenamedVessel(ScenarioBuilder& builder, int64_t t0) {
  const VesselInfo f{.mmsi = 312345000,
                     .imo = MakeImo(926789),
                     .name = "ASTRA",
                     .callsign = "V3AS7",
                     .destination = "ROTTERDAM"};
  VesselScript& v = builder.AddVessel(f, {56.0, 4.0}, t0);
  const LatLon end{54.2, 3.4};
  v.SailFor(end, 12, 4 * 3600);
  const int64_t renamed = v.now();
  v.Rename("ZEUS I", "V3ZE2").SailTo(end, 12);
  builder.Expect({.type = EventType::kIdentityChange,
                  .mmsi = f.mmsi,
                  .start = renamed,
                  .end = renamed + 12 * 60,
                  .tolerance_s = 900,
                  .what = "renamed ASTRA -> ZEUS I at sea"});
}

void AddIdentityCases(ScenarioBuilder& builder, int64_t t0) {
  // 9383664: the check digit of 938366 is 3.
  const VesselInfo g{.mmsi = 620765000,
                     .imo = 9383664,
                     .name = "LUCKY SEA",
                     .callsign = "D6LS1",
                     .destination = "BENGHAZI"};
  builder.AddVessel(g, {35.2, 18.0}, t0).SailTo({35.6, 20.0}, 13);
  builder.Expect({.type = EventType::kInvalidImo,
                  .mmsi = g.mmsi,
                  .start = t0,
                  .end = t0,
                  .tolerance_s = 600,
                  .what = "IMO 9383664 fails its check digit"});

  const VesselInfo h{.mmsi = 273456780,
                     .imo = MakeImo(951234),
                     .name = "KAPITAN IVANOV",
                     .callsign = "UBKI4",
                     .destination = "MURMANSK"};
  builder.AddVessel(h, {47.0, -8.5}, t0).SailTo({48.5, -7.0}, 13);
  builder.ListFlag(h.imo, "PA");
  builder.Expect({.type = EventType::kFlagMismatch,
                  .mmsi = h.mmsi,
                  .start = t0,
                  .end = t0,
                  .tolerance_s = 600,
                  .what = "Russian MMSI on a ship listed under Panama"});

  // A clone: the same name and IMO broadcast by a second MMSI in the Aegean.
  const uint32_t imo = MakeImo(924680);
  const VesselInfo i{.mmsi = 667001122,
                     .imo = imo,
                     .name = "OCEAN GRACE",
                     .callsign = "9LOG2",
                     .destination = "ALIAGA"};
  const VesselInfo j{.mmsi = 341223344,
                     .imo = imo,
                     .name = "OCEAN GRACE",
                     .callsign = "V4OG7",
                     .destination = "UST LUGA"};
  builder.AddVessel(i, {37.3, 25.7}, t0).SailTo({38.2, 25.9}, 12);
  builder.AddVessel(j, {57.6, 20.1}, t0).SailTo({58.6, 21.0}, 12);
  builder.Expect({.type = EventType::kSharedImo,
                  .mmsi = j.mmsi,
                  .other_mmsi = i.mmsi,
                  .start = t0,
                  .end = t0,
                  .tolerance_s = 900,
                  .what = "one IMO on two MMSIs 2,300 km apart"});
}

void AddPlainTransits(ScenarioBuilder& builder, int64_t t0) {
  // The Baltic lane from the Gulf of Finland to south of Gotland, both ways; the westbound
  // ship keeps 400 m to the north so that they pass close, head on.
  const std::vector<LatLon> baltic = {{59.95, 27.2}, {59.9, 26.3}, {59.75, 24.5}, {59.45, 22.6},
                                      {58.6, 20.8},  {57.4, 19.9}, {56.5, 19.3}};
  const VesselInfo t1{.mmsi = 257123450,
                      .imo = MakeImo(930011),
                      .name = "NORDIC SOLVEIG",
                      .callsign = "LAXT4",
                      .draught = 13.8f,
                      .destination = "ROTTERDAM"};
  VesselScript& v1 = builder.AddVessel(t1, baltic.front(), t0);
  for (size_t k = 1; k < baltic.size(); ++k) v1.SailTo(baltic[k], 13);
  builder.ListFlag(t1.imo, "NO");

  const VesselInfo t2{.mmsi = 219876540,
                      .imo = MakeImo(929455),
                      .name = "TORM HELENE",
                      .callsign = "OYHT2",
                      .draught = 7.5f,
                      .destination = "PRIMORSK"};
  VesselScript& v2 =
      builder.AddVessel(t2, {baltic.back().lat + 0.0036, baltic.back().lon}, t0 + 1800);
  for (size_t k = baltic.size() - 1; k-- > 0;) {
    v2.SailTo({baltic[k].lat + 0.0036, baltic[k].lon}, 12.5);
  }

  // North Sea to the Dover Strait, crossed at right angles by a ship bound for the Elbe.
  const VesselInfo t3{.mmsi = 244660000,
                      .imo = MakeImo(935520),
                      .name = "STOLT KESTREL",
                      .callsign = "PCKS8",
                      .destination = "ANTWERP"};
  const LatLon crossing{53.6, 3.35};
  VesselScript& v3 = builder.AddVessel(t3, {56.0, 4.6}, t0);
  v3.SailTo(crossing, 14);
  const int64_t t_cross = v3.now();
  v3.SailTo({52.3, 2.75}, 14).SailTo({51.35, 1.95}, 12).SailTo({51.05, 1.55}, 12);
  builder.ListFlag(t3.imo, "NL");

  const VesselInfo t4{.mmsi = 211345670,
                      .imo = MakeImo(928831),
                      .name = "ELBE TRADER",
                      .callsign = "DCET5",
                      .draught = 10.1f,
                      .destination = "HAMBURG"};
  const LatLon t4_start{53.55, 2.3};
  const int64_t t4_seconds =
      static_cast<int64_t>(DistanceMeters(t4_start, crossing) / (12 * kMetersPerSecondPerKnot));
  builder.AddVessel(t4, t4_start, t_cross - t4_seconds + 20)
      .SailTo(crossing, 12)
      .SailTo({53.75, 5.6}, 12);

  // Central Mediterranean to the Aegean, through the Laconian Gulf transfer area at 13 kn.
  const VesselInfo t5{.mmsi = 248112233,
                      .imo = MakeImo(932277),
                      .name = "MARE NOSTRUM",
                      .callsign = "9HMN6",
                      .draught = 12.0f,
                      .destination = "PIRAEUS"};
  builder.AddVessel(t5, {35.8, 14.9}, t0)
      .SailTo({36.3, 21.7}, 13)
      .SailTo({36.33, 22.6}, 13)
      .SailTo({36.0, 23.15}, 13)
      .SailTo({35.9, 24.0}, 13);
  builder.ListFlag(t5.imo, "MT");

  // Bound for Vysotsk west of the Berezovye islands, through the edge of Primorsk's 9 km
  // circle at 12 kn without stopping; the script ends before Vysotsk.
  const VesselInfo t6{.mmsi = 209876000,
                      .imo = MakeImo(927764),
                      .name = "SEAWAYS ELBRUS",
                      .callsign = "5BSE4",
                      .draught = 11.4f,
                      .destination = "VYSOTSK"};
  builder.AddVessel(t6, {60.12, 28.05}, t0 + 3600)
      .SailTo({60.33, 28.36}, 12)
      .SailTo({60.38, 28.40}, 12)
      .SailTo({60.39, 28.47}, 12)
      .SailTo({60.50, 28.40}, 12)
      .SailTo({60.55, 28.35}, 12);
}

Scenario ShadowFleetScenario(uint32_t seed) {
  ScenarioBuilder builder(seed);
  const int64_t t0 = kScenarioEpoch;
  AddPlainTransits(builder, t0);
  AddStsEncounter(builder, t0 + 2 * 3600);
  AddDarkPeriod(builder, t0);
  AddPrimorskCall(builder, t0 + 3600);
  AddSpoofedJump(builder, t0 + 5 * 3600);
  AddRenamedVessel(builder, t0 + 6 * 3600);
  AddIdentityCases(builder, t0 + 600);
  return builder.Build();
}

Scenario PlainTransitsScenario(uint32_t seed) {
  ScenarioBuilder builder(seed);
  AddPlainTransits(builder, kScenarioEpoch);
  return builder.Build();
}

}  // namespace cordon::maritime::testing
