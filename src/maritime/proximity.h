// maritime/proximity.h: every pair of positions within a distance of each other, found with a
// grid of cells about as wide as the distance instead of comparing all pairs.
//
//   ProximityGrid grid(/*cell_m=*/1000, /*radius_m=*/500);
//   std::vector<ClosePair> pairs;
//   grid.FindPairs(positions, &pairs);  // each pair once, a < b
//
// Cells are rows of equal latitude height; each row is cut into columns whose width in
// longitude grows towards the poles so that a cell stays at least cell_m wide, and the
// columns wrap at the antimeridian. A query visits every cell that a disc of radius_m around
// the position touches, so no pair within radius_m is missed whatever the cell size; pairs
// are confirmed with the haversine distance (geo.h).
//
// Thread safety: FindPairs reuses internal buffers; one grid per thread.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "maritime/reports.h"

namespace cordon::maritime {

struct ClosePair {
  uint32_t a = 0;  // indices into the positions passed to FindPairs, a < b
  uint32_t b = 0;
  double distance_m = 0;
  friend bool operator==(const ClosePair&, const ClosePair&) = default;
};

class ProximityGrid {
 public:
  // REQUIRES: cell_m > 0, radius_m >= 0.
  ProximityGrid(double cell_m, double radius_m);

  // Replaces *pairs with every pair of `positions` at most radius_m apart, ordered by a then b.
  void FindPairs(std::span<const LatLon> positions, std::vector<ClosePair>* pairs);

  // Bytes held by the reusable buffers.
  size_t MemoryBytes() const;

 private:
  int64_t RowOf(double lat) const;
  double ColumnWidth(int64_t row) const;  // degrees of longitude

  double cell_deg_;  // latitude height of a row
  double radius_m_;
  double radius_deg_;                                 // radius_m in degrees of latitude
  std::vector<std::pair<uint64_t, uint32_t>> cells_;  // (cell key, position index), sorted
};

}  // namespace cordon::maritime
