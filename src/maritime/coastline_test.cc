#include <gtest/gtest.h>
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "base/file.h"
#include "maritime/geo.h"

namespace cordon::maritime {
namespace {

constexpr double kCapNm = 500;  // coastline.cc: distances are exact below this, capped at it

const Coastline& Bundled() {
  static const Coastline* coastline = [] {
    Result<const Coastline*> loaded = Coastline::Bundled();
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? *loaded : nullptr;
  }();
  if (coastline == nullptr) std::abort();
  return *coastline;
}

// The nautical miles between two points along the surface, via geo.h.
double Nm(LatLon a, LatLon b) { return DistanceMeters(a, b) / kMetersPerNauticalMile; }

TEST(CoastlineTest, MoscowIsOnLand) {
  EXPECT_TRUE(Bundled().OnLand({55.7558, 37.6173}));
  EXPECT_EQ(Bundled().DistanceToShoreNm({55.7558, 37.6173}), 0);
}

TEST(CoastlineTest, PrimorskOilPortIsNextToTheShore) {
  // The tanker berths south-east of the town, in the water.
  const LatLon berths{60.335, 28.70};
  EXPECT_FALSE(Bundled().OnLand(berths));
  EXPECT_LT(Bundled().DistanceToShoreNm(berths), 2.0);
}

TEST(CoastlineTest, GulfOfFinlandMidChannelIsAFewMilesOut) {
  // Between Helsinki and Tallinn: some 40 nm of water, with islands on either side.
  const double nm = Bundled().DistanceToShoreNm({59.80, 25.00});
  EXPECT_GT(nm, 4.0);
  EXPECT_LT(nm, 20.0);
}

TEST(CoastlineTest, KerchStraitIsNarrow) {
  // The strait between Crimea and the Taman peninsula is a few kilometres wide.
  const LatLon strait{45.20, 36.55};
  EXPECT_FALSE(Bundled().OnLand(strait));
  const double nm = Bundled().DistanceToShoreNm(strait);
  EXPECT_GT(nm, 0.2);
  EXPECT_LT(nm, 4.0);
}

TEST(CoastlineTest, TwoHundredMilesOffPortugal) {
  // Due west of Cabo da Roca, the westernmost point of mainland Europe; nothing else is nearer.
  const LatLon cabo_da_roca{38.7804, -9.4989};
  const LatLon offshore{38.7804,
                        -9.4989 - 200.0 / (60.0 * std::cos(38.7804 * std::numbers::pi / 180))};
  ASSERT_NEAR(Nm(cabo_da_roca, offshore), 200, 1);
  EXPECT_NEAR(Bundled().DistanceToShoreNm(offshore), Nm(cabo_da_roca, offshore), 3);
}

TEST(CoastlineTest, MidAtlanticIsBeyondTheCap) {
  // 700 nm from the Azores and more from anything else: the answer is the cap.
  EXPECT_FALSE(Bundled().OnLand({35.0, -45.0}));
  EXPECT_EQ(Bundled().DistanceToShoreNm({35.0, -45.0}), kCapNm);
}

TEST(CoastlineTest, CaspianSeaIsWater) {
  // The Caspian is a hole in Natural Earth's land polygon, so ships on it are at sea.
  EXPECT_FALSE(Bundled().OnLand({42.0, 50.5}));
  EXPECT_GT(Bundled().DistanceToShoreNm({42.0, 50.5}), 20);
}

TEST(CoastlineTest, LongitudesWrapAndBadInputIsNotANumber) {
  EXPECT_TRUE(Bundled().OnLand({55.7558, 37.6173 + 360}));
  EXPECT_TRUE(std::isnan(Bundled().DistanceToShoreNm({NAN, 10})));
  EXPECT_FALSE(Bundled().OnLand({10, NAN}));
}

// --- The index against brute force over the same file ---------------------------------------

struct Rings {
  std::vector<std::vector<LatLon>> rings;
};

// An independent reader of the bundled format (the format is documented in coastline.cc and in
// scripts/build-coastline.py).
Rings ReadRings(const std::string& text) {
  Rings out;
  std::istringstream in(text);
  std::string line;
  double sx = 0, sy = 0, tx = 0, ty = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.starts_with("cordon-coastline")) continue;
    std::istringstream fields(line);
    if (line.starts_with("transform")) {
      std::string word;
      fields >> word >> sx >> sy >> tx >> ty;
      continue;
    }
    if (line.starts_with("rings")) continue;
    long count = 0, x = 0, y = 0;
    fields >> count >> x >> y;
    std::vector<LatLon> ring;
    for (long i = 0; i < count; ++i) {
      if (i > 0) {
        long dx = 0, dy = 0;
        fields >> dx >> dy;
        x += dx;
        y += dy;
      }
      ring.push_back({y * sy + ty, x * sx + tx});
    }
    out.rings.push_back(std::move(ring));
  }
  return out;
}

bool BruteOnLand(const Rings& rings, LatLon p) {
  bool inside = false;
  for (const auto& ring : rings.rings) {
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const LatLon a = ring[j], b = ring[i];
      if ((a.lat > p.lat) != (b.lat > p.lat)) {
        const double x = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
        if (x < p.lon) inside = !inside;
      }
    }
  }
  return inside;
}

struct V {
  double x, y, z;
};
V Unit(LatLon p) {
  const double k = std::numbers::pi / 180;
  return {std::cos(p.lat * k) * std::cos(p.lon * k), std::cos(p.lat * k) * std::sin(p.lon * k),
          std::sin(p.lat * k)};
}
V Cross(V a, V b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
double Dot(V a, V b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
double AngleNm(V a, V b) {
  const V c = Cross(a, b);
  return std::atan2(std::sqrt(Dot(c, c)), Dot(a, b)) * 6'371'008.8 / kMetersPerNauticalMile;
}

// Nautical miles from p to the great-circle arc a-b: the nearer end, or the foot of the
// perpendicular when it splits the arc into two parts that add up to the whole. Returns `best`
// unchanged when the arc's whole great circle is no nearer (a bound that keeps the scan fast).
double BruteArcUnitNm(V p, V a, V b, double best = INFINITY) {
  const V n = Cross(a, b);
  const double len = std::sqrt(Dot(n, n));
  V foot{0, 0, 0};
  bool has_foot = false;
  if (len > 0) {
    const V u{n.x / len, n.y / len, n.z / len};
    const double s = Dot(p, u);
    const double to_circle =
        std::asin(std::min(1.0, std::abs(s))) * 6'371'008.8 / kMetersPerNauticalMile;
    if (to_circle >= best) return best;
    const V f{p.x - s * u.x, p.y - s * u.y, p.z - s * u.z};
    const double fl = std::sqrt(Dot(f, f));
    if (fl > 0) {
      foot = {f.x / fl, f.y / fl, f.z / fl};
      has_foot = std::abs(AngleNm(a, foot) + AngleNm(foot, b) - AngleNm(a, b)) < 1e-9;
    }
  }
  best = std::min({best, AngleNm(p, a), AngleNm(p, b)});
  if (has_foot) best = std::min(best, AngleNm(p, foot));
  return best;
}
double BruteArcNm(LatLon p, LatLon a, LatLon b) {
  return BruteArcUnitNm(Unit(p), Unit(a), Unit(b));
}

double BruteDistanceNm(const Rings& rings, const std::vector<std::vector<V>>& units, LatLon p) {
  if (BruteOnLand(rings, p)) return 0;
  const V q = Unit(p);
  double best = INFINITY;
  const auto chord = [](V a, V b) {
    const V d{a.x - b.x, a.y - b.y, a.z - b.z};
    return std::sqrt(Dot(d, d));
  };
  for (const auto& ring : units) {
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      // Every point of the arc is at least this far (in chord length) from q: skip the arc when
      // that is already farther than the best so far.
      const double best_chord = 2 * std::sin(best * kMetersPerNauticalMile / 6'371'008.8 / 2);
      if (std::isfinite(best) && chord(q, ring[j]) - chord(ring[j], ring[i]) > best_chord) {
        continue;
      }
      best = BruteArcUnitNm(q, ring[j], ring[i], best);
    }
  }
  return std::min(best, kCapNm);
}

TEST(CoastlineDifferentialTest, AgreesWithBruteForceOnTheBundledData) {
  Result<std::string> text =
      ReadFile(std::string(CORDON_BUNDLED_DATA) + "/maritime/coastline-10m.txt.zst");
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  const Rings rings = ReadRings(*text);
  ASSERT_GT(rings.rings.size(), 4000u);
  std::vector<std::vector<V>> units;
  for (const auto& ring : rings.rings) {
    units.emplace_back();
    for (const LatLon& point : ring) units.back().push_back(Unit(point));
  }

  std::mt19937 rng(5);  // fixed seed: a failure must reproduce
  // Mostly where the detectors look (busy coasts and straits), and some anywhere.
  struct Box {
    double lat0, lat1, lon0, lon1;
    int points;
  };
  const Box boxes[] = {{53, 66, 9, 31, 25},     {40, 47.5, 27, 42, 15}, {30, 46, -6, 36, 15},
                       {68, 71, 30, 40, 10},    {-2, 7, 95, 110, 10},   {20, 30, 48, 62, 10},
                       {-80, 85, -180, 180, 40}};
  int checked = 0, on_land = 0, offshore = 0;
  for (const Box& box : boxes) {
    std::uniform_real_distribution<double> lat(box.lat0, box.lat1), lon(box.lon0, box.lon1);
    for (int i = 0; i < box.points; ++i) {
      const LatLon p{lat(rng), lon(rng)};
      const bool brute_land = BruteOnLand(rings, p);
      ASSERT_EQ(Bundled().OnLand(p), brute_land) << p.lat << "," << p.lon;
      const double expected = BruteDistanceNm(rings, units, p);
      ASSERT_NEAR(Bundled().DistanceToShoreNm(p), expected, 1e-6) << p.lat << "," << p.lon;
      ++checked;
      on_land += brute_land;
      offshore += expected > 50;
    }
  }
  // The sample must cover both answers and far-offshore points, or it proves little.
  EXPECT_EQ(checked, 125);
  EXPECT_GT(on_land, 20);
  EXPECT_GT(offshore, 10);
}

// --- Small hand-made coastlines -------------------------------------------------------------

class CoastlineFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cordon_coastline_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  std::filesystem::path dir_;
};

// One-hundredth of a degree per unit: x runs from lon -180, y from lat -90.
constexpr char kHeader[] = "cordon-coastline 1\n# test\ntransform 0.01 0.01 -180 -90\n";

// A 10-degree square island from lon 0 to 10, lat 0 to 10, with a 2-degree lake in its middle;
// a second island split at the antimeridian into two rings (lon 175..180 and -180..-175).
std::string IslandWithLake() {
  return std::string(kHeader) + "rings 4\n" + "4 18000 9000 1000 0 0 1000 -1000 0\n" +  // island
         "4 18400 9400 200 0 0 200 -200 0\n" +                                          // lake
         "4 35500 13000 500 0 0 500 -500 0\n" +  // east part: lon 175..180, lat 40..45
         "4 0 13000 500 0 0 500 -500 0\n";       // west part: lon -180..-175
}

TEST_F(CoastlineFileTest, IslandLakeAndSea) {
  Result<std::unique_ptr<Coastline>> coast = Coastline::Load(Write("island.txt", IslandWithLake()));
  ASSERT_TRUE(coast.ok()) << coast.status().ToString();
  const Coastline& c = **coast;
  EXPECT_TRUE(c.OnLand({1, 1}));
  EXPECT_TRUE(c.OnLand({9.5, 9.5}));
  EXPECT_FALSE(c.OnLand({5, 5}));  // in the lake
  EXPECT_FALSE(c.OnLand({-1, 5}));
  // From the lake's centre the nearest shore is its own: its meridian sides, a little under one
  // degree away (edges are great-circle arcs).
  EXPECT_NEAR(c.DistanceToShoreNm({5, 5}), BruteArcNm({5, 5}, {4, 4}, {6, 4}), 1e-6);
  EXPECT_LT(c.DistanceToShoreNm({5, 5}), Nm({5, 5}, {5, 4}));
  // South of the island the nearest shore is the equator edge: exactly the latitude difference.
  EXPECT_NEAR(c.DistanceToShoreNm({-1, 5}), Nm({-1, 5}, {0, 5}), 1e-6);
  // Off a corner the nearest point is the corner itself.
  EXPECT_NEAR(c.DistanceToShoreNm({-1, -1}), Nm({-1, -1}, {0, 0}), 1e-6);
  EXPECT_EQ(c.DistanceToShoreNm({-60, 100}), kCapNm);
}

TEST_F(CoastlineFileTest, IslandAcrossTheAntimeridian) {
  Result<std::unique_ptr<Coastline>> coast = Coastline::Load(Write("island.txt", IslandWithLake()));
  ASSERT_TRUE(coast.ok()) << coast.status().ToString();
  const Coastline& c = **coast;
  EXPECT_TRUE(c.OnLand({42, 179.9}));
  EXPECT_TRUE(c.OnLand({42, -179.9}));
  EXPECT_FALSE(c.OnLand({42, -174}));
  // East of the island's eastern coast at -175: the search wraps across the antimeridian for
  // nothing, and the cut edges at 180 never beat the real coast.
  EXPECT_NEAR(c.DistanceToShoreNm({42, -174}), BruteArcNm({42, -174}, {40, -175}, {45, -175}),
              1e-6);
  // North of the island, straight over the cut: the north coast, whose arcs bulge a little
  // toward the pole, is just under one degree away.
  const double north = c.DistanceToShoreNm({46, 180});
  EXPECT_NEAR(north, BruteArcNm({46, 180}, {45, 180}, {45, 175}), 1e-6);
  EXPECT_NEAR(north, BruteArcNm({46, -180}, {45, -180}, {45, -175}), 1e-6);
  EXPECT_LT(north, Nm({46, 180}, {45, 180}));
}

TEST_F(CoastlineFileTest, DefectsAreCorruptionNamingFileAndLine) {
  struct Case {
    std::string text, expected;
  };
  const Case cases[] = {
      {"not a coastline\n", "bad.txt:1: expected the header"},
      {std::string(kHeader) + "rings 2\n4 0 0 1 0 0 1 -1 0\n", "bad.txt:5: file ends after 1 of 2"},
      {std::string(kHeader) + "rings 1\n4 0 0 1 0 0 1\n", "bad.txt:5: ring 0: expected 4 points"},
      {std::string(kHeader) + "rings 1\n2 0 0 1 0\n", "ring 0: fewer than 3 points"},
      {std::string(kHeader) + "rings 1\n3 0 0 1 0 0 1 7\n", "ring 0: more than 3 points"},
      {std::string(kHeader) + "rings 1\n3 0 0 99999 0 0 1\n", "outside the globe"},
      {"cordon-coastline 1\ntransform 0 1 0 0\nrings 0\n", "bad.txt:2: bad transform"},
  };
  for (const Case& test : cases) {
    Result<std::unique_ptr<Coastline>> coast = Coastline::Load(Write("bad.txt", test.text));
    ASSERT_FALSE(coast.ok()) << test.text;
    EXPECT_EQ(coast.status().code(), StatusCode::kCorruption) << test.text;
    EXPECT_NE(coast.status().message().find(test.expected), std::string::npos)
        << coast.status().message();
  }
  EXPECT_EQ(Coastline::Load((dir_ / "missing.txt").string()).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace cordon::maritime
