#include "maritime/proximity.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "maritime/geo.h"

namespace cordon::maritime {
namespace {

std::vector<ClosePair> BruteForce(const std::vector<LatLon>& points, double radius_m) {
  std::vector<ClosePair> pairs;
  for (uint32_t a = 0; a < points.size(); ++a) {
    for (uint32_t b = a + 1; b < points.size(); ++b) {
      const double d = DistanceMeters(points[a], points[b]);
      if (d <= radius_m) pairs.push_back({a, b, d});
    }
  }
  return pairs;
}

// Points crowded around `center` (within about `spread_m`), so that many pairs are close.
std::vector<LatLon> Cluster(std::mt19937& rng, LatLon center, double spread_m, int count) {
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::vector<LatLon> points;
  const double dlat = spread_m / 111'195.0;
  const double dlon = std::min(180.0, dlat / std::max(1e-3, std::cos(center.lat * 0.01745329)));
  for (int k = 0; k < count; ++k) {
    double lat = std::clamp(center.lat + dlat * unit(rng), -90.0, 90.0);
    double lon = center.lon + dlon * unit(rng);
    if (lon >= 180) lon -= 360;
    if (lon < -180) lon += 360;
    points.push_back({lat, lon});
  }
  return points;
}

// The grid must find exactly what comparing every pair finds.
TEST(ProximityGridTest, AgreesWithBruteForce) {
  std::mt19937 rng(301);  // fixed seed: a failure must reproduce
  const std::vector<LatLon> centers = {
      {55.75, 19.0},    // the Baltic
      {0.0, 0.0},       // the equator and the prime meridian
      {36.0, 179.995},  // across the antimeridian
      {-33.9, 18.4},    // southern hemisphere
      {78.2, 15.6},     // Svalbard: narrow columns
      {89.995, 40.0},   // at the pole every column meets
  };
  ProximityGrid grid(1000, 500);
  std::vector<ClosePair> found;
  for (const LatLon& center : centers) {
    for (double spread : {800.0, 3000.0}) {
      const std::vector<LatLon> points = Cluster(rng, center, spread, 400);
      grid.FindPairs(points, &found);
      const std::vector<ClosePair> expected = BruteForce(points, 500);
      ASSERT_EQ(found.size(), expected.size()) << center.lat << "," << center.lon;
      for (size_t k = 0; k < found.size(); ++k) {
        EXPECT_EQ(found[k].a, expected[k].a);
        EXPECT_EQ(found[k].b, expected[k].b);
        EXPECT_NEAR(found[k].distance_m, expected[k].distance_m, 1e-6);
      }
      EXPECT_GT(expected.size(), 0u);
    }
  }
}

TEST(ProximityGridTest, CellSizeDoesNotChangeTheAnswer) {
  std::mt19937 rng(302);
  const std::vector<LatLon> points = Cluster(rng, {60.3, 28.6}, 5000, 600);
  const std::vector<ClosePair> expected = BruteForce(points, 500);
  std::vector<ClosePair> found;
  for (double cell : {200.0, 1000.0, 5000.0}) {
    ProximityGrid grid(cell, 500);
    grid.FindPairs(points, &found);
    EXPECT_EQ(found.size(), expected.size()) << cell;
  }
}

TEST(ProximityGridTest, EmptyAndSinglePoint) {
  ProximityGrid grid(1000, 500);
  std::vector<ClosePair> found = {{1, 2, 3}};
  grid.FindPairs({}, &found);
  EXPECT_TRUE(found.empty());
  const std::vector<LatLon> one = {{10, 10}};
  grid.FindPairs(one, &found);
  EXPECT_TRUE(found.empty());
  const std::vector<LatLon> same = {{10, 10}, {10, 10}};
  grid.FindPairs(same, &found);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].distance_m, 0);
}

}  // namespace
}  // namespace cordon::maritime
