#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <set>
#include <string>

#include "maritime/geo.h"

namespace cordon::maritime {
namespace {

constexpr double kRadians = std::numbers::pi / 180;
constexpr double kEarthRadiusMeters = 6'371'008.8;

const Place* Find(std::string_view name) {
  for (const Place& place : BundledPlaces()) {
    if (place.name == name) return &place;
  }
  return nullptr;
}

TEST(PlacesTest, BundledFileLoads) {
  ASSERT_TRUE(BundledPlacesStatus().ok()) << BundledPlacesStatus().ToString();
  EXPECT_EQ(BundledPlaces().size(), 28u);
  for (const Place& place : BundledPlaces()) {
    EXPECT_FALSE(place.source.empty()) << place.name;
    EXPECT_EQ(place.country.size(), 2u) << place.name;
    EXPECT_GT(place.radius_m, 0) << place.name;
  }
}

TEST(PlacesTest, RussianExportTerminalsAreThere) {
  const struct {
    const char* name;
    PlaceKind kind;
  } expected[] = {
      {"Primorsk", PlaceKind::kCrudeTerminal},
      {"Ust-Luga", PlaceKind::kCrudeTerminal},
      {"Novorossiysk (Sheskharis)", PlaceKind::kCrudeTerminal},
      {"Kozmino", PlaceKind::kCrudeTerminal},
      {"Murmansk", PlaceKind::kCrudeTerminal},
      {"De-Kastri", PlaceKind::kCrudeTerminal},
      {"Varandey", PlaceKind::kCrudeTerminal},
      {"Taman", PlaceKind::kProductTerminal},
      {"Vysotsk", PlaceKind::kProductTerminal},
      {"Tuapse", PlaceKind::kProductTerminal},
      {"Vanino", PlaceKind::kProductTerminal},
      {"St Petersburg oil terminal", PlaceKind::kProductTerminal},
      {"Kavkaz", PlaceKind::kProductTerminal},
  };
  for (const auto& [name, kind] : expected) {
    const Place* place = Find(name);
    ASSERT_NE(place, nullptr) << name;
    EXPECT_EQ(place->kind, kind) << name;
    EXPECT_EQ(place->country, "RU") << name;
  }
}

TEST(PlacesTest, KnownTransferAreasAreThere) {
  for (const char* name : {"Laconian Gulf", "Messinian Gulf (Kalamata)", "Off Ceuta", "Off Lome",
                           "Eastern OPL (Tompok Utara)", "Gulf of Oman off Sohar",
                           "Kola Bay storage tankers", "Kerch Strait Taman anchorage"}) {
    const Place* place = Find(name);
    ASSERT_NE(place, nullptr) << name;
    EXPECT_EQ(place->kind, PlaceKind::kStsArea) << name;
  }
  const Place* gibraltar = Find("Bay of Gibraltar anchorage");
  ASSERT_NE(gibraltar, nullptr);
  EXPECT_EQ(gibraltar->kind, PlaceKind::kAnchorage);
}

TEST(PlacesTest, CoordinatesAreWhereTheSourcesSay) {
  // Spot checks against the published coordinates quoted in each place's source.
  const Place* kozmino = Find("Kozmino");
  ASSERT_NE(kozmino, nullptr);
  EXPECT_NEAR(kozmino->center.lat, 42 + 42.0 / 60 + 58.0 / 3600, 1e-3);
  EXPECT_NEAR(kozmino->center.lon, 133 + 1.0 / 60 + 2.0 / 3600, 1e-3);
  const Place* kavkaz = Find("Kavkaz");
  ASSERT_NE(kavkaz, nullptr);
  EXPECT_NEAR(kavkaz->center.lat, 45 + 20.0 / 60 + 30.0 / 3600, 1e-3);
  // The terminals are a world apart: Primorsk to Kozmino is over 3,500 nm.
  const Place* primorsk = Find("Primorsk");
  ASSERT_NE(primorsk, nullptr);
  EXPECT_GT(DistanceMeters(primorsk->center, kozmino->center) / kMetersPerNauticalMile, 3500);
}

TEST(PlacesTest, EveryPlaceReachesTheSea) {
  Result<const Coastline*> coast = Coastline::Bundled();
  ASSERT_TRUE(coast.ok()) << coast.status().ToString();
  for (const Place& place : BundledPlaces()) {
    // A terminal's coordinates may be its town's, on land, but its circle must take in water:
    // probe along 16 bearings out to the radius.
    bool water = !(*coast)->OnLand(place.center);
    const double lat = place.center.lat * kRadians, lon = place.center.lon * kRadians;
    for (int ray = 0; ray < 16 && !water; ++ray) {
      const double bearing = ray * 22.5 * kRadians;
      for (double fraction : {0.25, 0.5, 0.75, 1.0}) {
        const double d = fraction * place.radius_m / kEarthRadiusMeters;
        const double lat2 = std::asin(std::sin(lat) * std::cos(d) +
                                      std::cos(lat) * std::sin(d) * std::cos(bearing));
        const double lon2 = lon + std::atan2(std::sin(bearing) * std::sin(d) * std::cos(lat),
                                             std::cos(d) - std::sin(lat) * std::sin(lat2));
        water = water || !(*coast)->OnLand({lat2 / kRadians, lon2 / kRadians});
      }
    }
    EXPECT_TRUE(water) << place.name << " has no water within " << place.radius_m << " m";
    // Transfer areas are at sea.
    if (place.kind == PlaceKind::kStsArea) {
      EXPECT_FALSE((*coast)->OnLand(place.center)) << place.name;
    }
  }
}

TEST(PlacesTest, KindNames) {
  EXPECT_EQ(PlaceKindName(PlaceKind::kCrudeTerminal), "crude_terminal");
  EXPECT_EQ(PlaceKindName(PlaceKind::kProductTerminal), "product_terminal");
  EXPECT_EQ(PlaceKindName(PlaceKind::kStsArea), "sts_area");
  EXPECT_EQ(PlaceKindName(PlaceKind::kAnchorage), "anchorage");
}

// BundledPlaces() reads its file once per process, so each defective file is tried in a fresh
// child process that points CORDON_MARITIME_DATA at it. The child exits 0 when the loader
// refused the file with the expected Corruption message and no places.
void ExpectRejected(const std::string& json, const std::string& expected) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("cordon_places_test_" + std::to_string(std::rand()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "places.json") << json;
  ::setenv("CORDON_MARITIME_DATA", dir.c_str(), 1);
  const Status status = BundledPlacesStatus();
  const bool rejected = BundledPlaces().empty() && status.code() == StatusCode::kCorruption &&
                        status.message().find(expected) != std::string::npos &&
                        status.message().find("places.json") != std::string::npos;
  std::filesystem::remove_all(dir);
  if (!rejected) std::fprintf(stderr, "got: %s\n", status.ToString().c_str());
  std::exit(rejected ? 0 : 1);
}

constexpr char kGood[] =
    R"({"name": "A", "country": "RU", "kind": "crude_terminal", "lat": 60, "lon": 28,)"
    R"( "radius_m": 3000, "source": "s"})";

std::string File(const std::string& places) {
  return R"({"format": "cordon-places-1", "places": [)" + places + "]}";
}

std::string With(const std::string& from, const std::string& to) {
  std::string place = kGood;
  place.replace(place.find(from), from.size(), to);
  return place;
}

TEST(PlacesDeathTest, DefectiveFilesAreRefusedNamingFileAndField) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");  // a fresh process, not a fork of this one
  const auto exits_ok = ::testing::ExitedWithCode(0);
  EXPECT_EXIT(ExpectRejected("{not json", "not valid JSON"), exits_ok, "");
  EXPECT_EXIT(ExpectRejected(R"({"places": []})", "cordon-places-1"), exits_ok, "");
  EXPECT_EXIT(ExpectRejected(R"({"format": 1, "places": []})", "cordon-places-1"), exits_ok, "");
  EXPECT_EXIT(ExpectRejected(File(With(R"("lat": 60,)", "")), R"(places[0]: missing "lat")"),
              exits_ok, "");
  EXPECT_EXIT(ExpectRejected(File(With(R"("lat": 60)", R"("lat": 91)")),
                             "places[0].lat: 91 is outside [-90, 90]"),
              exits_ok, "");
  EXPECT_EXIT(ExpectRejected(File(With("crude_terminal", "port")),
                             R"(places[0].kind: unknown kind "port")"),
              exits_ok, "");
  EXPECT_EXIT(ExpectRejected(File(With(R"("RU")", R"("Russia")")), "places[0].country"), exits_ok,
              "");
  EXPECT_EXIT(ExpectRejected(File(With(R"("radius_m": 3000)", R"("radius_m": "3 km")")),
                             "places[0].radius_m: expected a number"),
              exits_ok, "");
  EXPECT_EXIT(ExpectRejected(File(std::string(kGood) + "," + kGood),
                             R"(places[1].name: "A" appears twice)"),
              exits_ok, "");
}

}  // namespace
}  // namespace cordon::maritime
