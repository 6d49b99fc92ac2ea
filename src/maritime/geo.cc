#include "maritime/geo.h"

#include <cmath>
#include <numbers>

namespace cordon::maritime {
namespace {

constexpr double kEarthRadiusMeters = 6'371'008.8;  // IUGG mean radius
constexpr double kRadians = std::numbers::pi / 180.0;

}  // namespace

double DistanceMeters(LatLon a, LatLon b) {
  const double lat1 = a.lat * kRadians, lat2 = b.lat * kRadians;
  const double dlat = lat2 - lat1;
  const double dlon = (b.lon - a.lon) * kRadians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusMeters * std::asin(std::min(1.0, std::sqrt(h)));
}

double BearingDegrees(LatLon a, LatLon b) {
  const double lat1 = a.lat * kRadians, lat2 = b.lat * kRadians;
  const double dlon = (b.lon - a.lon) * kRadians;
  const double y = std::sin(dlon) * std::cos(lat2);
  const double x =
      std::cos(lat1) * std::sin(lat2) - std::sin(lat1) * std::cos(lat2) * std::cos(dlon);
  const double degrees = std::atan2(y, x) / kRadians;
  return std::fmod(degrees + 360.0, 360.0);
}

}  // namespace cordon::maritime
