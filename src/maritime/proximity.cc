#include "maritime/proximity.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "maritime/geo.h"

namespace cordon::maritime {
namespace {

// Metres per degree of latitude on the mean sphere geo.cc uses (6,371,008.8 m).
constexpr double kMetersPerDegree = 6'371'008.8 * std::numbers::pi / 180.0;
constexpr double kRadians = std::numbers::pi / 180.0;
// Columns stop widening this close to a pole (at most 1,000 cell sizes); FindPairs' query
// widens instead, up to the whole row.
constexpr double kMinCos = 1e-3;

uint64_t Key(int64_t row, int64_t column) {
  return (static_cast<uint64_t>(row + (int64_t{1} << 31)) << 32) |
         static_cast<uint64_t>(static_cast<uint32_t>(column));
}

int64_t FloorDiv(double x, double width) { return static_cast<int64_t>(std::floor(x / width)); }

}  // namespace

ProximityGrid::ProximityGrid(double cell_m, double radius_m)
    : cell_deg_(cell_m / kMetersPerDegree),
      radius_m_(radius_m),
      radius_deg_(radius_m / kMetersPerDegree) {}

int64_t ProximityGrid::RowOf(double lat) const { return FloorDiv(lat + 90.0, cell_deg_); }

double ProximityGrid::ColumnWidth(int64_t row) const {
  // The row's edge nearest the pole is its narrowest parallel: size columns for it.
  const double south = static_cast<double>(row) * cell_deg_ - 90.0;
  const double north = south + cell_deg_;
  const double max_abs_lat = std::min(90.0, std::max(std::fabs(south), std::fabs(north)));
  const double cos_lat = std::max(kMinCos, std::cos(max_abs_lat * kRadians));
  // A whole number of columns per row, so that wrapping at the antimeridian lands on the
  // column a longitude 360 degrees away would have.
  const double columns = std::ceil(360.0 / std::min(360.0, cell_deg_ / cos_lat));
  return 360.0 / columns;
}

void ProximityGrid::FindPairs(std::span<const LatLon> positions, std::vector<ClosePair>* pairs) {
  pairs->clear();
  cells_.clear();
  cells_.reserve(positions.size());
  for (size_t i = 0; i < positions.size(); ++i) {
    const LatLon& p = positions[i];
    const int64_t row = RowOf(p.lat);
    const double width = ColumnWidth(row);
    const int64_t columns = std::llround(360.0 / width);
    const int64_t column = std::clamp<int64_t>(FloorDiv(p.lon + 180.0, width), 0, columns - 1);
    cells_.emplace_back(Key(row, column), static_cast<uint32_t>(i));
  }
  std::sort(cells_.begin(), cells_.end());

  for (size_t i = 0; i < positions.size(); ++i) {
    const LatLon& p = positions[i];
    const int64_t first_row = RowOf(p.lat - radius_deg_);
    const int64_t last_row = RowOf(p.lat + radius_deg_);
    // Two points within radius_m whose latitudes are at most max_abs_lat from the equator
    // differ in longitude by at most 2 asin(sin(radius / 2R) / cos(max_abs_lat)) (from the
    // haversine formula); when that exceeds the half circle, every column qualifies.
    const double max_abs_lat = std::min(90.0, std::fabs(p.lat) + radius_deg_);
    const double cos_lat = std::cos(max_abs_lat * kRadians);
    const double ratio = std::sin(radius_deg_ * kRadians / 2) / std::max(cos_lat, 1e-300);
    const bool all_columns = ratio >= 1.0;
    const double radius_lon = all_columns ? 180.0 : 1.0001 * 2 * std::asin(ratio) / kRadians;
    for (int64_t row = first_row; row <= last_row; ++row) {
      const double width = ColumnWidth(row);
      const int64_t columns = std::llround(360.0 / width);
      int64_t first_column = FloorDiv(p.lon + 180.0 - radius_lon, width);
      int64_t last_column = FloorDiv(p.lon + 180.0 + radius_lon, width);
      // A disc that spans the row, or contains a pole (where every meridian meets), needs
      // every column.
      if (last_column - first_column + 1 >= columns || all_columns) {
        first_column = 0;
        last_column = columns - 1;
      }
      for (int64_t c = first_column; c <= last_column; ++c) {
        const int64_t column = ((c % columns) + columns) % columns;  // wrap at ±180°
        const uint64_t key = Key(row, column);
        auto it = std::lower_bound(cells_.begin(), cells_.end(), std::make_pair(key, uint32_t{0}));
        for (; it != cells_.end() && it->first == key; ++it) {
          const uint32_t j = it->second;
          if (j <= i) continue;  // each pair once, from its lower index
          const double d = DistanceMeters(p, positions[j]);
          if (d <= radius_m_) pairs->push_back({static_cast<uint32_t>(i), j, d});
        }
      }
    }
  }
  std::sort(pairs->begin(), pairs->end(), [](const ClosePair& x, const ClosePair& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
}

size_t ProximityGrid::MemoryBytes() const {
  return sizeof(*this) + cells_.capacity() * sizeof(cells_[0]);
}

}  // namespace cordon::maritime
