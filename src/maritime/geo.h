// maritime/geo.h: distances on the Earth, the distance to the nearest shore, and the places
// (oil terminals, ship-to-ship transfer areas, anchorages) the detectors watch.
//
//   ASSIGN_OR_RETURN(const Coastline* coast, Coastline::Bundled());
//   double nm = coast->DistanceToShoreNm({59.0, 20.0});
//   for (const Place& p : BundledPlaces()) if (DistanceMeters(pos, p.center) < 3000) ...
//
// The coastline is a public land-polygon data set taken from a Debian or npm package and
// bundled under data/maritime/ (its README.md says which, and how it was converted);
// places are bundled as data with coordinates and a source for each.
//
// Thread safety: Coastline is immutable after loading; Bundled() loads once, thread-safely.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "maritime/reports.h"

namespace cordon::maritime {

inline constexpr double kMetersPerNauticalMile = 1852.0;

// Great-circle distance (haversine, mean Earth radius 6,371,008.8 m).
double DistanceMeters(LatLon a, LatLon b);
// Initial bearing from a to b, degrees true in [0, 360).
double BearingDegrees(LatLon a, LatLon b);

class Coastline {
 public:
  // The bundled coastline, loaded on first use. IoError / Corruption naming the file when it
  // cannot be read.
  static Result<const Coastline*> Bundled();
  // From a file in the bundled format (tests, other data sets).
  static Result<std::unique_ptr<Coastline>> Load(const std::string& path);
  ~Coastline();

  // Nautical miles from `point` to the nearest land; 0 on land. Exact to the data set's
  // resolution (about 1 km: data/maritime/README.md) up to 500 nm; farther points get 500.
  double DistanceToShoreNm(LatLon point) const;
  bool OnLand(LatLon point) const;

 private:
  Coastline();
  struct Index;
  std::unique_ptr<Index> index_;
};

enum class PlaceKind : uint8_t {
  kCrudeTerminal,
  kProductTerminal,
  kStsArea,    // a known ship-to-ship transfer area
  kAnchorage,  // STS encounters this close to an anchorage are not reported
};
std::string_view PlaceKindName(PlaceKind kind);  // "crude_terminal", ...

struct Place {
  std::string name;     // "Primorsk"
  std::string country;  // ISO 3166-1 alpha-2
  PlaceKind kind = PlaceKind::kCrudeTerminal;
  LatLon center;
  double radius_m = 3000;  // the area: entry within this distance of center
  std::string source;      // where the coordinates come from
};

// The bundled places (data/maritime/places.json), loaded on first use; empty on error, which
// BundledPlacesStatus() reports.
std::span<const Place> BundledPlaces();
Status BundledPlacesStatus();

}  // namespace cordon::maritime
