// Detector throughput and memory (Google Benchmark). Not built by CMake yet: the maritime
// CMakeLists leaves *_benchmark.cc out of the library and has no benchmark rule. From the
// source root, with the maritime libraries built in build directory $B:
//   g++ -std=c++20 -O2 -DNDEBUG -I src src/maritime/detector_benchmark.cc
//     $B/src/maritime/libcordon_maritime_testing.a $B/src/maritime/libcordon_maritime.a
//     $B/src/text/libcordon_text.a $B/src/model/libcordon_model.a $B/src/base/libcordon_base.a
//     $(pkg-config --libs icu-uc icu-i18n) -lzstd -lcrypto -lfmt -lbenchmark -lpthread
//     -o detector_benchmark
// (one command line).
//
// BM_ShadowFleetScenario replays the tests' generated stream (16 tankers, 42 h, 85,000
// positions at class A rates). BM_ManyVessels packs N ships into a 2 x 2 degree box, a tenth
// of them drifting in pairs 200 m apart, so the encounter grid has neighbours to compare; each
// reports every 60 s for 3 h. Counters: positions per second, the detector's MemoryBytes() at
// the end and per vessel.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "maritime/detector.h"
#include "maritime/testing/scenario.h"

namespace cordon::maritime {
namespace {

DetectorWorld OpenSea() {
  DetectorWorld world;
  world.shore_distance_nm = [](LatLon) { return 100.0; };
  return world;
}

void BM_ShadowFleetScenario(benchmark::State& state) {
  const testing::Scenario scenario = testing::ShadowFleetScenario();
  size_t memory = 0;
  size_t events = 0;
  for (auto _ : state) {
    auto detector = *Detector::Create({}, OpenSea(), [&](Event&&) { ++events; });
    scenario.Replay([&](const PositionReport& p) { detector->OnPosition(p); },
                    [&](const StaticReport& s) { detector->OnStatic(s); });
    detector->Finish();
    memory = detector->MemoryBytes();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(scenario.positions()));
  state.counters["memory_bytes"] = static_cast<double>(memory);
  state.counters["events_per_run"] = static_cast<double>(events) / state.iterations();
}
BENCHMARK(BM_ShadowFleetScenario)->Unit(benchmark::kMillisecond);

std::vector<PositionReport> ManyVessels(int vessels, int64_t seconds, int64_t interval) {
  std::mt19937 rng(77);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  struct Ship {
    LatLon start;
    double dlat_per_s, dlon_per_s;
    float knots;
  };
  std::vector<Ship> ships;
  for (int k = 0; k < vessels; ++k) {
    const bool drifting_pair = k % 20 == 1;  // with the ship before it, 200 m to the north
    Ship ship;
    if (drifting_pair) {
      ship = ships.back();
      ship.start.lat += 200 / 111'195.0;
    } else {
      const double knots = k % 20 == 0 ? 0.5 : 4 + 10 * unit(rng);
      const double course = 2 * 3.14159265 * unit(rng);
      const double mps = knots * 1852 / 3600;
      ship = {{56.0 + 2 * unit(rng), 18.0 + 2 * unit(rng)},
              mps * std::cos(course) / 111'195.0,
              mps * std::sin(course) / (111'195.0 * 0.55),
              static_cast<float>(knots)};
    }
    ships.push_back(ship);
  }
  std::vector<PositionReport> reports;
  reports.reserve(static_cast<size_t>(vessels) * static_cast<size_t>(seconds / interval + 1));
  const int64_t t0 = testing::kScenarioEpoch;
  for (int64_t t = 0; t <= seconds; t += interval) {
    for (int k = 0; k < vessels; ++k) {
      const Ship& s = ships[static_cast<size_t>(k)];
      const int64_t jitter = k % static_cast<int>(interval);  // ships report at their own slots
      const double elapsed = static_cast<double>(t + jitter);
      reports.push_back(
          {.time = t0 + t + jitter,
           .mmsi = 200'000'000 + static_cast<uint32_t>(k),
           .position = {s.start.lat + s.dlat_per_s * elapsed, s.start.lon + s.dlon_per_s * elapsed},
           .speed_knots = s.knots,
           .message_type = 1});
    }
  }
  std::stable_sort(
      reports.begin(), reports.end(),
      [](const PositionReport& a, const PositionReport& b) { return a.time < b.time; });
  return reports;
}

void BM_ManyVessels(benchmark::State& state) {
  const int vessels = static_cast<int>(state.range(0));
  const std::vector<PositionReport> reports = ManyVessels(vessels, 3 * 3600, 60);
  size_t memory = 0;
  size_t events = 0;
  for (auto _ : state) {
    auto detector = *Detector::Create({}, OpenSea(), [&](Event&&) { ++events; });
    for (const PositionReport& p : reports) detector->OnPosition(p);
    memory = detector->MemoryBytes();
    detector->Finish();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(reports.size()));
  state.counters["memory_bytes"] = static_cast<double>(memory);
  state.counters["bytes_per_vessel"] = static_cast<double>(memory) / vessels;
  state.counters["events_per_run"] = static_cast<double>(events) / state.iterations();
}
BENCHMARK(BM_ManyVessels)->Arg(1'000)->Arg(10'000)->Arg(30'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cordon::maritime

BENCHMARK_MAIN();
