#include "maritime/detector.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "base/strings.h"
#include "maritime/proximity.h"

namespace cordon::maritime {
namespace {

constexpr double kKnotsPerMetrePerSecond = 3600.0 / kMetersPerNauticalMile;
constexpr double kMetersPerDegree = 6'371'008.8 * std::numbers::pi / 180.0;
constexpr double kRadians = std::numbers::pi / 180.0;
constexpr float kUnknownKnots = kNoSpeed;

struct Fix {
  int64_t time = 0;
  LatLon pos;
  float knots = kUnknownKnots;  // speed over ground, or implied from the track when not given
};

bool Known(float knots) { return knots >= 0; }

// Speed needed to go from `a` to `b`, ignoring the first `slack_m` metres (position noise);
// intervals under a second count as a second.
double ImpliedKnots(const Fix& a, const Fix& b, double slack_m) {
  const double metres = std::max(0.0, DistanceMeters(a.pos, b.pos) - slack_m);
  const int64_t seconds = std::max<int64_t>(1, b.time > a.time ? b.time - a.time : a.time - b.time);
  return metres / static_cast<double>(seconds) * kKnotsPerMetrePerSecond;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

double WrapLongitude(double lon) {
  while (lon >= 180.0) lon -= 360.0;
  while (lon < -180.0) lon += 360.0;
  return lon;
}

LatLon Interpolate(LatLon a, LatLon b, double f) {
  const double dlon = WrapLongitude(b.lon - a.lon);
  return {a.lat + f * (b.lat - a.lat), WrapLongitude(a.lon + f * dlon)};
}

double Hours(int64_t seconds) { return static_cast<double>(seconds) / 3600.0; }

// A running mean of positions that survives the antimeridian: longitudes are summed as
// offsets from the first one.
struct MeanPosition {
  double sum_lat = 0;
  double sum_dlon = 0;
  double lon0 = 0;
  uint32_t count = 0;
  void Add(LatLon p) {
    if (count == 0) lon0 = p.lon;
    sum_lat += p.lat;
    sum_dlon += WrapLongitude(p.lon - lon0);
    ++count;
  }
  LatLon Mean() const {
    if (count == 0) return {};
    return {sum_lat / count, WrapLongitude(lon0 + sum_dlon / count)};
  }
};

// Positions that cannot be reached from the track but are consistent with each other.
struct OffTrackGroup {
  bool active = false;
  Fix from;  // the track's last position when the group began
  Fix first;
  Fix last;
  uint32_t count = 0;
  double max_knots = 0;  // implied speed from the track, the largest seen
};

struct Visit {
  uint32_t place = 0;
  int64_t entry = 0;
  int64_t last_inside = 0;
  double closest_m = 0;
  float min_knots = std::numeric_limits<float>::max();
  float draught_in = 0;
};

struct LoiterRun {
  bool active = false;
  Fix first;
  Fix last;
  MeanPosition mean;
  double sum_knots = 0;
};

enum IdentityField : uint8_t { kName, kCallsign, kImo, kShipType, kLength, kBeam, kFieldCount };
constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "name", "callsign", "imo", "ship_type", "length_m", "beam_m"};

struct Identity {
  std::string name;
  std::string callsign;
  uint32_t imo = 0;
  uint32_t ship_type = 0;
  uint32_t length = 0;
  uint32_t beam = 0;
};

struct Vessel {
  uint32_t mmsi = 0;
  bool has_track = false;
  Fix last;                   // the track's last accepted position
  int64_t regular_since = 0;  // start of the current run of regular reporting
  std::unique_ptr<std::array<OffTrackGroup, 2>> off_track;  // allocated while needed
  LoiterRun loiter;
  std::vector<Visit> visits;
  Identity current;    // what the vessel is known as
  Identity candidate;  // a differing value awaiting confirmation, per field
  std::array<uint8_t, kFieldCount> candidate_count{};
  std::array<int64_t, kFieldCount> candidate_since{};
  float draught = 0;
  bool flag_checked = false;
  uint32_t flag_checked_imo = 0;
  uint32_t invalid_imo_reported = 0;
  std::string flag_reported;
};

// Tick samples for the encounter clock.
struct Sample {
  uint32_t vessel = 0;
  float knots = kUnknownKnots;
  LatLon pos;
};
struct TickSlot {
  int64_t tick = -1;
  std::vector<Sample> samples;
};

constexpr int kSpeedBins = 21;  // 0.25-kn bins up to 5 kn, then one for everything faster
constexpr double kSpeedBinKnots = 0.25;

struct PairState {
  int64_t first_tick = 0;
  int64_t last_tick = 0;
  uint32_t samples = 0;
  uint32_t slow = 0;  // ticks at which the faster of the two was under the median threshold
  std::array<uint32_t, kSpeedBins> speed_histogram{};
  MeanPosition mean;
  double min_m = std::numeric_limits<double>::max();
  double sum_m = 0;
};

// Places by 1-degree cell; each place is entered in every cell its reach overlaps.
class PlaceIndex {
 public:
  void Build(const std::vector<Place>& places, double margin_m) {
    for (uint32_t idx = 0; idx < places.size(); ++idx) {
      const Place& place = places[idx];
      const double reach_deg = (place.radius_m + margin_m) / kMetersPerDegree;
      const double max_abs_lat = std::min(89.0, std::fabs(place.center.lat) + reach_deg);
      const double reach_lon = reach_deg / std::max(0.01, std::cos(max_abs_lat * kRadians));
      const int64_t row0 = static_cast<int64_t>(std::floor(place.center.lat - reach_deg));
      const int64_t row1 = static_cast<int64_t>(std::floor(place.center.lat + reach_deg));
      int64_t col0 = static_cast<int64_t>(std::floor(place.center.lon - reach_lon));
      int64_t col1 = static_cast<int64_t>(std::floor(place.center.lon + reach_lon));
      if (col1 - col0 >= 359) col0 = -180, col1 = 179;
      for (int64_t row = row0; row <= row1; ++row) {
        for (int64_t col = col0; col <= col1; ++col) cells_[Key(row, col)].push_back(idx);
      }
    }
  }
  const std::vector<uint32_t>* Near(LatLon p) const {
    auto it = cells_.find(
        Key(static_cast<int64_t>(std::floor(p.lat)), static_cast<int64_t>(std::floor(p.lon))));
    return it == cells_.end() ? nullptr : &it->second;
  }
  size_t MemoryBytes() const {
    size_t bytes = cells_.bucket_count() * sizeof(void*);
    for (const auto& [key, list] : cells_) {
      bytes += sizeof(key) + sizeof(list) + 2 * sizeof(void*) + list.capacity() * sizeof(uint32_t);
    }
    return bytes;
  }

 private:
  static int64_t Key(int64_t row, int64_t col) {
    const int64_t wrapped = ((col + 180) % 360 + 360) % 360;
    return (row + 90) * 360 + wrapped;
  }
  std::unordered_map<int64_t, std::vector<uint32_t>> cells_;
};

bool IsCallPlace(PlaceKind kind) {
  return kind == PlaceKind::kCrudeTerminal || kind == PlaceKind::kProductTerminal ||
         kind == PlaceKind::kStsArea;
}
// Encounters near these are routine: ships at anchor, tankers at neighbouring berths.
bool IsEncounterExclusion(PlaceKind kind) {
  return kind == PlaceKind::kAnchorage || kind == PlaceKind::kCrudeTerminal ||
         kind == PlaceKind::kProductTerminal;
}

template <typename T>
size_t HashMapBytes(const T& map) {
  return map.bucket_count() * sizeof(void*) +
         map.size() * (sizeof(typename T::value_type) + 2 * sizeof(void*));
}
size_t StringHeapBytes(const std::string& s) {
  return s.capacity() > 15 ? s.capacity() + 1 : 0;  // beyond the small-string buffer
}

}  // namespace

std::vector<TypeSpeedLimit> DefaultTypeSpeedLimits() {
  return {
      {.first_type = 80, .last_type = 89, .knots = 20},  // tankers: 15-17 kn at most
      {.first_type = 40, .last_type = 49, .knots = 45},  // high-speed craft
      {.first_type = 20, .last_type = 29, .knots = 60},  // wing in ground
      {.first_type = 51, .last_type = 51, .knots = 45},  // search and rescue
      {.first_type = 55, .last_type = 55, .knots = 45},  // law enforcement
  };
}

struct Detector::Impl {
  DetectorOptions options;
  DetectorWorld world;
  EventSink sink;
  PlaceIndex place_index;

  std::vector<Vessel> vessels;
  std::unordered_map<uint32_t, uint32_t> vessel_by_mmsi;
  std::unordered_map<uint32_t, std::vector<uint32_t>> vessels_by_imo;
  std::unordered_set<uint64_t> shared_imo_reported;  // vessel pairs already reported

  // The encounter clock.
  bool clock_started = false;
  int64_t clock = 0;      // the latest time seen
  int64_t next_tick = 0;  // the first tick (in resample_s units) not yet processed
  std::vector<TickSlot> ring;
  std::unordered_map<uint64_t, PairState> pairs;  // key: lower vessel index << 32 | higher
  ProximityGrid grid{1000, 500};
  std::vector<LatLon> tick_positions;
  std::vector<ClosePair> close_pairs;

  bool finished = false;
  Stats stats;

  // --- plumbing ---
  uint32_t VesselIndex(uint32_t mmsi) {
    auto [it, inserted] = vessel_by_mmsi.try_emplace(mmsi, static_cast<uint32_t>(vessels.size()));
    if (inserted) {
      vessels.emplace_back();
      vessels.back().mmsi = mmsi;
    }
    return it->second;
  }

  Event NewEvent(EventType type, const Vessel& v) const {
    Event e{.type = type, .mmsi = v.mmsi, .imo = v.current.imo};
    if (!v.current.name.empty()) e.Add("name", v.current.name);
    return e;
  }

  void Emit(Event&& e) {
    ++stats.events[static_cast<size_t>(e.type)];
    sink(std::move(e));
  }

  double SpeedLimit(const Vessel& v) const {
    for (const TypeSpeedLimit& limit : options.type_speed_limits) {
      if (v.current.ship_type >= limit.first_type && v.current.ship_type <= limit.last_type) {
        return limit.knots;
      }
    }
    return options.max_speed_knots;
  }

  double Shore(LatLon p) const { return world.shore_distance_nm(p); }

  // --- the encounter clock ---
  void AdvanceClock(int64_t time) {
    if (!clock_started) {
      clock_started = true;
      clock = time;
      next_tick = FloorDiv(time, options.resample_s);
      return;
    }
    clock = std::max(clock, time);
    // A tick is complete once no interval short enough to be interpolated can still span it.
    while (next_tick * options.resample_s + options.max_interpolation_s <= clock) {
      ProcessTick(next_tick);
      ++next_tick;
    }
  }

  void AddSample(uint32_t vessel, int64_t time, LatLon pos, float knots) {
    const int64_t tick = time / options.resample_s;
    if (tick < next_tick) {
      ++stats.late_samples;
      return;
    }
    TickSlot& slot = ring[static_cast<size_t>(tick % static_cast<int64_t>(ring.size()))];
    if (slot.tick != tick) {
      slot.tick = tick;
      slot.samples.clear();
    }
    slot.samples.push_back({vessel, knots, pos});
  }

  // Resampled positions at every tick in (prev.time, fix.time], interpolated when the interval
  // is short enough; a position exactly on a tick is always a sample.
  void AddSamples(uint32_t vessel, const Fix* prev, const Fix& fix) {
    const int64_t res = options.resample_s;
    if (prev != nullptr && fix.time - prev->time < options.max_interpolation_s) {
      const double span = static_cast<double>(fix.time - prev->time);
      for (int64_t t = (FloorDiv(prev->time, res) + 1) * res; t <= fix.time; t += res) {
        const double f = static_cast<double>(t - prev->time) / span;
        float knots = fix.knots;
        if (Known(prev->knots) && Known(fix.knots)) {
          knots = static_cast<float>(prev->knots + f * (fix.knots - prev->knots));
        } else if (Known(prev->knots)) {
          knots = prev->knots;
        }
        AddSample(vessel, t, Interpolate(prev->pos, fix.pos, f), knots);
      }
    } else if (fix.time % res == 0) {
      AddSample(vessel, fix.time, fix.pos, fix.knots);
    }
  }

  void ProcessTick(int64_t tick) {
    ++stats.ticks;
    TickSlot& slot = ring[static_cast<size_t>(tick % static_cast<int64_t>(ring.size()))];
    if (slot.tick == tick && slot.samples.size() >= 2) {
      tick_positions.clear();
      for (const Sample& s : slot.samples) tick_positions.push_back(s.pos);
      grid.FindPairs(tick_positions, &close_pairs);
      for (const ClosePair& cp : close_pairs) {
        const Sample& a = slot.samples[cp.a];
        const Sample& b = slot.samples[cp.b];
        const uint64_t key =
            (uint64_t{std::min(a.vessel, b.vessel)} << 32) | std::max(a.vessel, b.vessel);
        auto [it, inserted] = pairs.try_emplace(key);
        PairState& pair = it->second;
        if (inserted) pair.first_tick = tick;
        pair.last_tick = tick;
        ++pair.samples;
        // The faster of the two; an unknown speed counts as fast.
        const double fast =
            std::max(Known(a.knots) ? a.knots : 1e9, Known(b.knots) ? b.knots : 1e9);
        if (fast < options.encounter_max_median_knots) ++pair.slow;
        const int bin = fast >= kSpeedBins * kSpeedBinKnots
                            ? kSpeedBins - 1
                            : static_cast<int>(fast / kSpeedBinKnots);
        ++pair.speed_histogram[static_cast<size_t>(bin)];
        pair.mean.Add(Interpolate(a.pos, b.pos, 0.5));
        pair.min_m = std::min(pair.min_m, cp.distance_m);
        pair.sum_m += cp.distance_m;
      }
    }
    if (slot.tick == tick) {
      slot.samples.clear();
      slot.tick = -1;
    }
    // Pairs not close at this tick (apart, or one of them without a sample) have parted.
    for (auto it = pairs.begin(); it != pairs.end();) {
      if (it->second.last_tick < tick) {
        CloseEncounter(it->first, it->second);
        it = pairs.erase(it);
      } else {
        ++it;
      }
    }
    stats.open_pairs = pairs.size();
  }

  bool NearExclusion(LatLon p) const {
    const std::vector<uint32_t>* near = place_index.Near(p);
    if (near == nullptr) return false;
    for (uint32_t idx : *near) {
      const Place& place = world.places[idx];
      if (IsEncounterExclusion(place.kind) &&
          DistanceMeters(p, place.center) < place.radius_m + options.encounter_min_anchorage_m) {
        return true;
      }
    }
    return false;
  }

  static double HistogramMedian(const PairState& pair) {
    const uint32_t middle = (pair.samples + 1) / 2;
    uint32_t seen = 0;
    for (int bin = 0; bin < kSpeedBins; ++bin) {
      seen += pair.speed_histogram[static_cast<size_t>(bin)];
      if (seen >= middle) return (bin + 0.5) * kSpeedBinKnots;
    }
    return kSpeedBins * kSpeedBinKnots;
  }

  void CloseEncounter(uint64_t key, const PairState& pair) {
    const int64_t start = pair.first_tick * options.resample_s;
    const int64_t end = pair.last_tick * options.resample_s;
    if (end - start < options.encounter_min_s) return;
    if (2 * uint64_t{pair.slow} <= pair.samples) return;  // the median is not below the limit
    const LatLon where = pair.mean.Mean();
    if (NearExclusion(where)) return;
    if (options.encounter_min_shore_nm > 0 && Shore(where) < options.encounter_min_shore_nm) {
      return;
    }
    const Vessel* a = &vessels[key >> 32];
    const Vessel* b = &vessels[key & 0xffffffffu];
    if (b->mmsi < a->mmsi) std::swap(a, b);
    Event e = NewEvent(EventType::kEncounter, *a);
    e.other_mmsi = b->mmsi;
    e.other_imo = b->current.imo;
    if (!b->current.name.empty()) e.Add("other_name", b->current.name);
    e.start = start;
    e.end = end;
    e.position = where;
    e.Add("duration_h", Hours(end - start));
    e.Add("median_knots", HistogramMedian(pair));
    e.Add("min_distance_m", pair.min_m);
    e.Add("mean_distance_m", pair.sum_m / pair.samples);
    e.Add("samples", int64_t{pair.samples});
    Emit(std::move(e));
  }

  // --- tracks ---
  void OnPosition(const PositionReport& report) {
    ++stats.positions;
    const LatLon& p = report.position;
    if (!(p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180) ||
        (p.lat == 0 && p.lon == 0) || report.time < 0) {
      ++stats.invalid;
      return;
    }
    AdvanceClock(report.time);
    const uint32_t idx = VesselIndex(report.mmsi);
    Vessel& v = vessels[idx];
    Fix fix{.time = report.time, .pos = {p.lat, WrapLongitude(p.lon)}};
    // 102.3 kn means "not available"; 102.2 "102.2 or more", useless for a speed.
    if (report.speed_knots >= 0 && report.speed_knots < 102.2f) fix.knots = report.speed_knots;
    if (!v.has_track) {
      Accept(idx, fix);
    } else if (fix.time < v.last.time) {
      ++stats.out_of_order;
    } else if (const double knots = ImpliedKnots(v.last, fix, options.jump_slack_m);
               knots <= SpeedLimit(v)) {
      Accept(idx, fix);
    } else {
      OffTrack(idx, fix, knots);
    }
    CheckFlag(v);
  }

  void Accept(uint32_t idx, Fix fix) {
    Vessel& v = vessels[idx];
    ++stats.accepted;
    const bool first = !v.has_track;
    const int64_t dt = first ? 0 : fix.time - v.last.time;
    if (!Known(fix.knots) && !first) {
      fix.knots = dt >= 60 ? static_cast<float>(ImpliedKnots(v.last, fix, 0)) : v.last.knots;
    }
    if (first) {
      v.regular_since = fix.time;
    } else {
      if (dt >= options.gap_min_s) EmitGap(v, v.last, fix);
      if (dt > options.regular_max_interval_s) v.regular_since = fix.time;
    }
    UpdateLoiter(v, fix, dt);
    UpdateVisits(v, fix);
    AddSamples(idx, first ? nullptr : &v.last, fix);
    v.last = fix;
    v.has_track = true;
    CheckSharedImo(idx);
    CloseQuietOffTrack(v, fix.time);
  }

  void OffTrack(uint32_t idx, const Fix& fix, double knots) {
    Vessel& v = vessels[idx];
    ++stats.off_track;
    if (!v.off_track) v.off_track = std::make_unique<std::array<OffTrackGroup, 2>>();
    auto& groups = *v.off_track;
    const double limit = SpeedLimit(v);
    OffTrackGroup* group = nullptr;
    for (OffTrackGroup& g : groups) {
      if (g.active && fix.time >= g.last.time &&
          ImpliedKnots(g.last, fix, options.jump_slack_m) <= limit) {
        group = &g;
        break;
      }
    }
    if (group != nullptr) {
      group->last = fix;
      ++group->count;
      group->max_knots = std::max(group->max_knots, knots);
    } else {
      // A third place at once: the group heard from least recently gives way.
      group = &groups[0];
      for (OffTrackGroup& g : groups) {
        if (!g.active) {
          group = &g;
          break;
        }
        if (g.last.time < group->last.time) group = &g;
      }
      if (group->active) EmitOffTrack(v, *group, "dropped");
      *group = {.active = true,
                .from = v.last,
                .first = fix,
                .last = fix,
                .count = 1,
                .max_knots = knots};
    }
    // The vessel is now only heard from the new place: that is where the track goes on.
    if (group->count >= static_cast<uint32_t>(options.offtrack_promote_positions) &&
        fix.time - v.last.time >= options.offtrack_promote_s) {
      EmitOffTrack(v, *group, "moved");
      group->active = false;
      Relocate(idx, *group);
    }
  }

  void Relocate(uint32_t idx, const OffTrackGroup& group) {
    Vessel& v = vessels[idx];
    CloseLoiter(v);
    Fix fix = group.last;
    UpdateVisits(v, fix);  // closes the visits left behind
    v.last = fix;
    v.regular_since = group.first.time;
    ReleaseOffTrackIfIdle(v);
  }

  void CloseQuietOffTrack(Vessel& v, int64_t now) {
    if (!v.off_track) return;
    for (OffTrackGroup& g : *v.off_track) {
      if (g.active && now - g.last.time >= options.offtrack_close_s) {
        EmitOffTrack(v, g, "dropped");
        g.active = false;
      }
    }
    ReleaseOffTrackIfIdle(v);
  }

  static void ReleaseOffTrackIfIdle(Vessel& v) {
    if (!v.off_track) return;
    for (const OffTrackGroup& g : *v.off_track) {
      if (g.active) return;
    }
    v.off_track.reset();
  }

  void EmitOffTrack(const Vessel& v, const OffTrackGroup& g, std::string_view resolution) {
    Event e = NewEvent(EventType::kPossibleSpoofing, v);
    e.start = g.first.time;
    e.end = g.last.time;
    e.position = g.first.pos;
    e.Add("from_lat", g.from.pos.lat);
    e.Add("from_lon", g.from.pos.lon);
    e.Add("from_time", FormatUtc(g.from.time));
    e.Add("distance_nm", DistanceMeters(g.from.pos, g.first.pos) / kMetersPerNauticalMile);
    e.Add("implied_knots", g.max_knots);
    e.Add("speed_limit_knots", SpeedLimit(v));
    e.Add("positions", int64_t{g.count});
    e.Add("resolution", std::string(resolution));
    Emit(std::move(e));
  }

  // --- gaps ---
  void EmitGap(const Vessel& v, const Fix& from, const Fix& to) {
    const int64_t gap = to.time - from.time;
    const int64_t prior = from.time - v.regular_since;
    Event e = NewEvent(EventType::kAisGap, v);
    e.start = from.time;
    e.end = to.time;
    e.position = from.pos;
    e.Add("gap_h", Hours(gap));
    e.Add("to_lat", to.pos.lat);
    e.Add("to_lon", to.pos.lon);
    e.Add("distance_nm", DistanceMeters(from.pos, to.pos) / kMetersPerNauticalMile);
    e.Add("implied_knots", ImpliedKnots(from, to, 0));
    e.Add("prior_regular_h", Hours(prior));
    if (gap >= options.disabling_min_s) {
      const double shore_start = Shore(from.pos);
      const double shore_end = Shore(to.pos);
      e.Add("shore_nm_start", shore_start);
      e.Add("shore_nm_end", shore_end);
      if (shore_start > options.disabling_min_shore_nm &&
          shore_end > options.disabling_min_shore_nm && prior >= options.disabling_prior_s) {
        e.type = EventType::kSuspectedDisabling;
      }
    }
    Emit(std::move(e));
  }

  // --- loitering ---
  void UpdateLoiter(Vessel& v, const Fix& fix, int64_t dt) {
    LoiterRun& run = v.loiter;
    if (run.active && dt > options.loiter_max_interval_s) CloseLoiter(v);
    if (Known(fix.knots) && fix.knots < options.loiter_max_knots) {
      if (!run.active) {
        run = LoiterRun{.active = true, .first = fix};
      }
      run.last = fix;
      run.mean.Add(fix.pos);
      run.sum_knots += fix.knots;
    } else {
      CloseLoiter(v);
    }
  }

  void CloseLoiter(Vessel& v) {
    LoiterRun& run = v.loiter;
    if (!run.active) return;
    run.active = false;
    if (run.last.time - run.first.time < options.loiter_min_s) return;
    const LatLon where = run.mean.Mean();
    const double shore = std::min({Shore(run.first.pos), Shore(where), Shore(run.last.pos)});
    if (shore < options.loiter_min_shore_nm) return;
    Event e = NewEvent(EventType::kLoitering, v);
    e.start = run.first.time;
    e.end = run.last.time;
    e.position = where;
    e.Add("duration_h", Hours(run.last.time - run.first.time));
    e.Add("mean_knots", run.sum_knots / run.mean.count);
    e.Add("shore_nm", shore);
    e.Add("drift_nm", DistanceMeters(run.first.pos, run.last.pos) / kMetersPerNauticalMile);
    e.Add("positions", int64_t{run.mean.count});
    Emit(std::move(e));
  }

  // --- port calls ---
  void UpdateVisits(Vessel& v, const Fix& fix) {
    for (size_t i = 0; i < v.visits.size();) {
      Visit& visit = v.visits[i];
      const Place& place = world.places[visit.place];
      const double d = DistanceMeters(fix.pos, place.center);
      if (d <= place.radius_m + options.port_exit_margin_m) {
        visit.last_inside = fix.time;
        visit.closest_m = std::min(visit.closest_m, d);
        if (Known(fix.knots)) visit.min_knots = std::min(visit.min_knots, fix.knots);
        ++i;
      } else {
        CloseVisit(v, visit);
        v.visits[i] = v.visits.back();
        v.visits.pop_back();
      }
    }
    const std::vector<uint32_t>* near = place_index.Near(fix.pos);
    if (near == nullptr) return;
    for (uint32_t idx : *near) {
      const Place& place = world.places[idx];
      if (!IsCallPlace(place.kind)) continue;
      if (std::any_of(v.visits.begin(), v.visits.end(),
                      [&](const Visit& visit) { return visit.place == idx; })) {
        continue;
      }
      const double d = DistanceMeters(fix.pos, place.center);
      if (d > place.radius_m) continue;
      Visit visit{.place = idx,
                  .entry = fix.time,
                  .last_inside = fix.time,
                  .closest_m = d,
                  .draught_in = v.draught};
      if (Known(fix.knots)) visit.min_knots = fix.knots;
      v.visits.push_back(visit);
    }
  }

  void CloseVisit(const Vessel& v, const Visit& visit) {
    if (visit.last_inside - visit.entry < options.port_min_s) return;
    if (visit.min_knots > options.port_stop_knots) return;  // passed through without stopping
    const Place& place = world.places[visit.place];
    Event e = NewEvent(EventType::kPortCall, v);
    e.start = visit.entry;
    e.end = visit.last_inside;
    e.position = place.center;
    e.Add("place", place.name);
    e.Add("place_kind", std::string(PlaceKindName(place.kind)));
    e.Add("country", place.country);
    e.Add("duration_h", Hours(visit.last_inside - visit.entry));
    e.Add("closest_m", visit.closest_m);
    if (visit.draught_in > 0) e.Add("draught_in_m", static_cast<double>(visit.draught_in));
    if (v.draught > 0) e.Add("draught_out_m", static_cast<double>(v.draught));
    if (visit.draught_in > 0 && v.draught > 0) {
      e.Add("draught_change_m", static_cast<double>(v.draught - visit.draught_in));
    }
    Emit(std::move(e));
  }

  // --- identity ---
  void OnStatic(const StaticReport& report) {
    ++stats.statics;
    if (report.time >= 0) AdvanceClock(report.time);
    const uint32_t idx = VesselIndex(report.mmsi);
    Vessel& v = vessels[idx];
    if (report.draught > 0) v.draught = report.draught;

    struct Change {
      IdentityField field;
      EvidenceValue old_value;
      EvidenceValue new_value;
    };
    std::vector<Change> changes;
    int64_t since = report.time;
    const uint32_t old_imo = v.current.imo;
    auto observe = [&](IdentityField field, auto& current, auto& candidate, const auto& seen,
                       bool present) {
      if (!present) return;
      uint8_t& count = v.candidate_count[field];
      if (current == std::remove_reference_t<decltype(current)>{}) {  // nothing to compare
        current = seen;
        count = 0;
      } else if (seen == current) {
        count = 0;
      } else {
        if (count > 0 && seen == candidate) {
          ++count;
        } else {
          candidate = seen;
          count = 1;
          v.candidate_since[field] = report.time;
        }
        if (count >= options.identity_confirmations) {
          auto as_value = [](const auto& x) -> EvidenceValue {
            if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::string>) {
              return x;
            } else {
              return static_cast<int64_t>(x);
            }
          };
          changes.push_back({field, as_value(current), as_value(seen)});
          since = std::min(since, v.candidate_since[field]);
          current = seen;
          count = 0;
        }
      }
    };
    const uint32_t length = uint32_t{report.to_bow} + report.to_stern;
    const uint32_t beam = uint32_t{report.to_port} + report.to_starboard;
    observe(kName, v.current.name, v.candidate.name, report.name, !report.name.empty());
    observe(kCallsign, v.current.callsign, v.candidate.callsign, report.callsign,
            !report.callsign.empty());
    observe(kImo, v.current.imo, v.candidate.imo, report.imo, report.imo != 0);
    observe(kShipType, v.current.ship_type, v.candidate.ship_type, uint32_t{report.ship_type},
            report.ship_type != 0);
    observe(kLength, v.current.length, v.candidate.length, length, length != 0);
    observe(kBeam, v.current.beam, v.candidate.beam, beam, beam != 0);

    if (!changes.empty()) {
      Event e = NewEvent(EventType::kIdentityChange, v);
      e.start = since;
      e.end = report.time;
      if (v.has_track) e.position = v.last.pos;
      std::vector<std::string> names;
      for (const Change& c : changes) names.emplace_back(kFieldNames[c.field]);
      e.Add("changed", Join(names, ","));
      for (const Change& c : changes) {
        e.Add(fmt::format("old_{}", kFieldNames[c.field]), c.old_value);
        e.Add(fmt::format("new_{}", kFieldNames[c.field]), c.new_value);
      }
      Emit(std::move(e));
    }
    if (v.current.imo != old_imo) OnImoChanged(idx, old_imo, report.time);
    CheckFlag(v);
  }

  void OnImoChanged(uint32_t idx, uint32_t old_imo, int64_t time) {
    Vessel& v = vessels[idx];
    if (old_imo != 0) {
      auto it = vessels_by_imo.find(old_imo);
      if (it != vessels_by_imo.end()) {
        std::erase(it->second, idx);
        if (it->second.empty()) vessels_by_imo.erase(it);
      }
    }
    const uint32_t imo = v.current.imo;
    vessels_by_imo[imo].push_back(idx);
    if (!ImoCheckDigitValid(imo) && v.invalid_imo_reported != imo) {
      v.invalid_imo_reported = imo;
      Event e = NewEvent(EventType::kInvalidImo, v);
      e.start = e.end = time;
      if (v.has_track) e.position = v.last.pos;
      const int expected = ImoExpectedCheckDigit(imo);
      e.Add("reason", std::string(expected < 0 ? "not_7_digits" : "check_digit"));
      if (expected >= 0) e.Add("expected_check_digit", int64_t{expected});
      Emit(std::move(e));
    }
    CheckFlag(v);
  }

  // The flag a list gives the vessel against its MMSI's country digits, once per vessel and
  // again when its IMO becomes known or changes.
  void CheckFlag(Vessel& v) {
    if (world.mids == nullptr || !world.listed_flag) return;
    if (v.flag_checked && v.flag_checked_imo == v.current.imo) return;
    v.flag_checked = true;
    v.flag_checked_imo = v.current.imo;
    const std::string flag = world.listed_flag(v.mmsi, v.current.imo);
    if (flag.empty() || EqualsIgnoreCase(flag, v.flag_reported)) return;
    const MidCountry* country = world.mids->FindForMmsi(v.mmsi);
    if (country != nullptr && FlagAgreesWithMid(*country, flag)) return;
    v.flag_reported = flag;
    Event e = NewEvent(EventType::kFlagMismatch, v);
    e.start = e.end = clock;
    if (v.has_track) e.position = v.last.pos;
    e.Add("listed_flag", AsciiUpper(flag));
    e.Add("mid", int64_t{MmsiMid(v.mmsi)});
    e.Add("mid_country", country != nullptr ? country->code : std::string());
    e.Add("mid_country_name", country != nullptr ? country->name : std::string("unallocated"));
    Emit(std::move(e));
  }

  // One IMO on another MMSI whose last position this one could not have come from in time.
  void CheckSharedImo(uint32_t idx) {
    const Vessel& v = vessels[idx];
    if (v.current.imo == 0) return;
    auto it = vessels_by_imo.find(v.current.imo);
    if (it == vessels_by_imo.end() || it->second.size() < 2) return;
    for (uint32_t other_idx : it->second) {
      if (other_idx == idx) continue;
      const Vessel& o = vessels[other_idx];
      if (!o.has_track) continue;
      const double d = DistanceMeters(v.last.pos, o.last.pos);
      if (d < options.shared_imo_min_distance_m) continue;
      const double knots = ImpliedKnots(o.last, v.last, options.jump_slack_m);
      if (knots <= std::max(SpeedLimit(v), SpeedLimit(o))) continue;
      const uint64_t key = (uint64_t{std::min(idx, other_idx)} << 32) | std::max(idx, other_idx);
      if (!shared_imo_reported.insert(key).second) continue;
      const Vessel* a = &v;
      const Vessel* b = &o;
      if (b->mmsi < a->mmsi) std::swap(a, b);
      Event e = NewEvent(EventType::kSharedImo, *a);
      e.other_mmsi = b->mmsi;
      e.other_imo = b->current.imo;
      if (!b->current.name.empty()) e.Add("other_name", b->current.name);
      e.start = std::min(a->last.time, b->last.time);
      e.end = std::max(a->last.time, b->last.time);
      e.position = a->last.pos;
      e.Add("other_lat", b->last.pos.lat);
      e.Add("other_lon", b->last.pos.lon);
      e.Add("distance_km", d / 1000.0);
      e.Add("time_difference_s", e.end - e.start);
      e.Add("implied_knots", knots);
      Emit(std::move(e));
    }
  }

  // --- the end ---
  void Finish() {
    if (finished) return;
    finished = true;
    if (clock_started) {
      const int64_t last_tick = FloorDiv(clock, options.resample_s);
      for (; next_tick <= last_tick; ++next_tick) ProcessTick(next_tick);
      for (const auto& [key, pair] : pairs) CloseEncounter(key, pair);
      pairs.clear();
      stats.open_pairs = 0;
    }
    for (Vessel& v : vessels) {
      CloseLoiter(v);
      for (const Visit& visit : v.visits) CloseVisit(v, visit);
      v.visits.clear();
      if (v.off_track) {
        for (OffTrackGroup& g : *v.off_track) {
          if (!g.active) continue;
          EmitOffTrack(v, g, v.last.time > g.last.time ? "dropped" : "open");
          g.active = false;
        }
        v.off_track.reset();
      }
    }
  }

  size_t MemoryBytes() const {
    size_t bytes = sizeof(*this);
    bytes += vessels.capacity() * sizeof(Vessel);
    for (const Vessel& v : vessels) {
      bytes += StringHeapBytes(v.current.name) + StringHeapBytes(v.current.callsign) +
               StringHeapBytes(v.candidate.name) + StringHeapBytes(v.candidate.callsign) +
               StringHeapBytes(v.flag_reported);
      bytes += v.visits.capacity() * sizeof(Visit);
      if (v.off_track) bytes += sizeof(*v.off_track);
    }
    bytes += HashMapBytes(vessel_by_mmsi);
    bytes += HashMapBytes(vessels_by_imo);
    for (const auto& [imo, list] : vessels_by_imo) bytes += list.capacity() * sizeof(uint32_t);
    bytes += HashMapBytes(shared_imo_reported);
    bytes += HashMapBytes(pairs);
    for (const TickSlot& slot : ring) bytes += slot.samples.capacity() * sizeof(Sample);
    bytes += ring.capacity() * sizeof(TickSlot);
    bytes += grid.MemoryBytes() + tick_positions.capacity() * sizeof(LatLon) +
             close_pairs.capacity() * sizeof(ClosePair);
    bytes += world.places.capacity() * sizeof(Place) + place_index.MemoryBytes();
    return bytes;
  }
};

Result<std::unique_ptr<Detector>> Detector::Create(DetectorOptions options, DetectorWorld world,
                                                   EventSink sink) {
  if (!world.shore_distance_nm) {
    return InvalidArgumentError("detector: world.shore_distance_nm is required");
  }
  if (!sink) return InvalidArgumentError("detector: an event sink is required");
  const bool positive = options.max_speed_knots > 0 && options.gap_min_s > 0 &&
                        options.disabling_min_s > 0 && options.encounter_max_distance_m > 0 &&
                        options.encounter_min_s > 0 && options.resample_s > 0 &&
                        options.max_interpolation_s > 0 && options.grid_cell_m > 0 &&
                        options.loiter_min_s > 0 && options.identity_confirmations > 0 &&
                        options.offtrack_promote_positions > 0 && options.jump_slack_m >= 0 &&
                        options.port_exit_margin_m >= 0;
  if (!positive) {
    return InvalidArgumentError("detector: durations, distances and speeds must be positive");
  }
  if (options.max_interpolation_s % options.resample_s != 0) {
    return InvalidArgumentError(
        fmt::format("detector: resample_s ({}) must divide max_interpolation_s ({})",
                    options.resample_s, options.max_interpolation_s));
  }
  for (const Place& place : world.places) {
    if (!(place.radius_m > 0)) {
      return InvalidArgumentError(fmt::format("detector: place '{}' has no radius", place.name));
    }
  }
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  impl->world = std::move(world);
  impl->sink = std::move(sink);
  const DetectorOptions& o = impl->options;
  impl->place_index.Build(impl->world.places,
                          std::max(o.port_exit_margin_m, o.encounter_min_anchorage_m));
  impl->ring.resize(static_cast<size_t>(o.max_interpolation_s / o.resample_s + 2));
  impl->grid = ProximityGrid(o.grid_cell_m, o.encounter_max_distance_m);
  return std::make_unique<Detector>(std::move(impl));
}

Detector::Detector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Detector::~Detector() = default;

void Detector::OnPosition(const PositionReport& report) {
  if (!impl_->finished) impl_->OnPosition(report);
}
void Detector::OnStatic(const StaticReport& report) {
  if (!impl_->finished) impl_->OnStatic(report);
}
void Detector::Finish() { impl_->Finish(); }

Detector::Stats Detector::stats() const {
  Stats stats = impl_->stats;
  stats.vessels = impl_->vessels.size();
  stats.open_pairs = impl_->pairs.size();
  return stats;
}

size_t Detector::MemoryBytes() const { return impl_->MemoryBytes(); }

}  // namespace cordon::maritime
