// maritime/coastline.cc: Coastline (geo.h) over the bundled land polygons.
//
// The file, data/maritime/coastline-10m.txt.zst (scripts/build-coastline.py writes it; the
// data README says from which package), keeps every ring of Natural Earth's 1:10m land
// polygons as quantized integers:
//   cordon-coastline 1
//   # comment lines
//   transform SX SY TX TY        lon = x * SX + TX, lat = y * SY + TY
//   rings N
//   COUNT X0 Y0 DX1 DY1 ...      one line per ring: first point, then deltas; closed implicitly
// Land is where a point lies inside an odd number of rings, so holes (the Caspian Sea) need
// no marking of their own.
//
// Both queries use a grid of 0.25-degree cells, each listing the ring edges whose bounding box
// touches it:
// - OnLand counts crossings (the even-odd rule). Each cell knows, from a sweep at load time,
//   whether its south-west corner is on land; a query only counts the edges that its path from
//   that corner (north along the cell's west edge, then east to the point) crosses, and all of
//   them are in the cell's own list. Edges are straight in longitude and latitude here, as the
//   data set draws them.
// - DistanceToShoreNm is the great-circle distance to the nearest edge, treated as a
//   great-circle arc rather than a straight line in longitude and latitude: edges average 2.3 km
//   and the longest coastal ones are 55 km, so the two shapes differ by tens of metres at most. It
//   examines boxes of cells that double in radius, starting at 2 nm, and stops as soon as the
//   nearest edge found lies within the box's radius: no edge outside the box can be nearer. Cells
//   that cannot hold anything nearer than the best edge so far are skipped whole, edges mostly by a
//   chord-length bound before any trigonometry, and empty ocean 16 cells at a time. The search ends
//   at kSearchCapNm, 500 nm: points farther from land than that get exactly 500. Every value below
//   500 is the true distance to the data set's shore. data/maritime/README.md has measured costs (a
//   few microseconds near the coast).
// The cut edges along the antimeridian and the bottom of Antarctica are not coastline, but
// they lie on land, so they never come out nearer than the real shore.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

#include "base/file.h"
#include "maritime/data_dir.h"
#include "maritime/geo.h"

namespace cordon::maritime {
namespace {

constexpr char kBundledFile[] = "coastline-10m.txt.zst";
constexpr double kEarthRadiusMeters = 6'371'008.8;  // the radius DistanceMeters uses
constexpr double kRadians = std::numbers::pi / 180.0;
constexpr double kMetersPerRadian = kEarthRadiusMeters;
constexpr double kSearchCapNm = 500;
constexpr double kFirstSearchNm = 2;
// An edge's arc can bulge poleward out of its endpoints' box, by about 60 m for the longest
// (55 km) coastal edges: searches widen their boxes and bounds by this much to keep it inside.
constexpr double kBulgeMarginDegrees = 0.01;

constexpr int kCellsPerDegree = 4;
constexpr int kRows = 180 * kCellsPerDegree;
constexpr int kCols = 360 * kCellsPerDegree;
constexpr double kCellDegrees = 1.0 / kCellsPerDegree;
constexpr int kBlockCols = 16;
constexpr int kBlocks = kCols / kBlockCols;

// Corner coordinates of the grid; exact in binary floating point.
double RowLat(int row) { return -90.0 + row * kCellDegrees; }
double ColLon(int col) { return -180.0 + col * kCellDegrees; }
int RowOf(double lat) {
  return std::clamp(static_cast<int>(std::floor((lat + 90.0) * kCellsPerDegree)), 0, kRows - 1);
}
int ColOf(double lon) {
  return std::clamp(static_cast<int>(std::floor((lon + 180.0) * kCellsPerDegree)), 0, kCols - 1);
}

struct Vec3 {
  double x = 0, y = 0, z = 0;
};
Vec3 Cross(const Vec3& a, const Vec3& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
double Dot(const Vec3& a, const Vec3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
double Norm(const Vec3& a) { return std::sqrt(Dot(a, a)); }
Vec3 UnitVector(double lat, double lon) {
  const double phi = lat * kRadians, lambda = lon * kRadians;
  return {std::cos(phi) * std::cos(lambda), std::cos(phi) * std::sin(lambda), std::sin(phi)};
}
// Angle between unit vectors; atan2 keeps it accurate for tiny angles.
double Angle(const Vec3& a, const Vec3& b) { return std::atan2(Norm(Cross(a, b)), Dot(a, b)); }

// Angular distance from p to the minor great-circle arc from a to b.
double ArcDistance(const Vec3& p, const Vec3& a, const Vec3& b) {
  const Vec3 normal = Cross(a, b);
  const double length = Norm(normal);
  if (length > 1e-15) {
    const Vec3 n{normal.x / length, normal.y / length, normal.z / length};
    const double off_plane = Dot(p, n);
    // The foot of p on the arc's great circle lies between a and b when it is on the inner
    // side of both ends.
    const Vec3 foot{p.x - off_plane * n.x, p.y - off_plane * n.y, p.z - off_plane * n.z};
    if (Dot(Cross(a, foot), n) >= 0 && Dot(Cross(foot, b), n) >= 0 && Norm(foot) > 1e-15) {
      return std::asin(std::min(1.0, std::abs(off_plane)));
    }
  }
  return std::min(Angle(p, a), Angle(p, b));
}

double Chord(const Vec3& a, const Vec3& b) {
  const Vec3 d{a.x - b.x, a.y - b.y, a.z - b.z};
  return std::sqrt(Dot(d, d));
}

// A lower bound on the angular distance from (qlat, qlon) to any point of the cell: the
// latitude gap, and the distance to the meridian plane of the cell's nearer side, less the
// bulge margin.
double CellLowerBound(double qlat, double qlon, double cos_qlat, int row, int col) {
  const double lat0 = RowLat(row), lat1 = lat0 + kCellDegrees;
  const double lon0 = ColLon(col), lon1 = lon0 + kCellDegrees;
  double bound = qlat < lat0 ? lat0 - qlat : (qlat > lat1 ? qlat - lat1 : 0);  // degrees
  if (qlon < lon0 || qlon > lon1) {
    const double east = std::fmod(lon0 - qlon + 720.0, 360.0);
    const double west = std::fmod(qlon - lon1 + 720.0, 360.0);
    const double gap = std::min(east, west);
    if (gap < 90)
      bound = std::max(bound, std::asin(cos_qlat * std::sin(gap * kRadians)) / kRadians);
  }
  return std::max(0.0, bound - kBulgeMarginDegrees) * kRadians;
}

double RadiansToNm(double radians) { return radians * kMetersPerRadian / kMetersPerNauticalMile; }

// Splits `text` into lines, tracking the 1-based line number for error messages.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  bool Next(std::string_view* line) {
    while (pos_ < text_.size()) {
      const size_t end = std::min(text_.find('\n', pos_), text_.size());
      *line = text_.substr(pos_, end - pos_);
      if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
      pos_ = end + 1;
      ++number_;
      if (!line->empty() && line->front() != '#') return true;
    }
    return false;
  }
  int number() const { return number_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int number_ = 0;
};

// Reads whitespace-separated numbers from one line.
class FieldReader {
 public:
  explicit FieldReader(std::string_view line) : line_(line) {}
  template <typename T>
  bool Read(T* value) {
    while (pos_ < line_.size() && line_[pos_] == ' ') ++pos_;
    const char* begin = line_.data() + pos_;
    const char* end = line_.data() + line_.size();
    const auto [ptr, ec] = std::from_chars(begin, end, *value);
    if (ec != std::errc() || ptr == begin) return false;
    pos_ = static_cast<size_t>(ptr - line_.data());
    return true;
  }
  bool AtEnd() {
    while (pos_ < line_.size() && line_[pos_] == ' ') ++pos_;
    return pos_ == line_.size();
  }

 private:
  std::string_view line_;
  size_t pos_ = 0;
};

}  // namespace

struct Coastline::Index {
  std::vector<double> lon, lat;  // per vertex, degrees
  std::vector<Vec3> unit;        // per vertex, on the unit sphere
  std::vector<std::array<uint32_t, 2>> edges;
  std::vector<double> edge_chord;  // straight-line length through the sphere, unit radius
  // Edges touching each cell (row-major), as offsets into cell_edges.
  std::vector<uint32_t> cell_start;
  std::vector<uint32_t> cell_edges;
  // 1 when the south-west corner of the cell is on land.
  std::vector<uint8_t> corner_on_land;
  // 1 when any of a row's kBlockCols cells starting at a multiple of kBlockCols lists an edge:
  // lets the far-offshore search skip open ocean a block at a time.
  std::vector<uint8_t> block_has_edges;

  Status Parse(std::string_view text, const std::string& name);
  void Build();
  bool OnLand(double qlat, double qlon) const;
  double DistanceNm(double qlat, double qlon) const;
};

Status Coastline::Index::Parse(std::string_view text, const std::string& name) {
  LineReader lines(text);
  std::string_view line;
  const auto error = [&](std::string_view what) {
    return CorruptionError(name + ":" + std::to_string(lines.number()) + ": " + std::string(what));
  };
  if (!lines.Next(&line) || line != "cordon-coastline 1") {
    return error("expected the header \"cordon-coastline 1\"");
  }
  double scale_x = 0, scale_y = 0, translate_x = 0, translate_y = 0;
  if (!lines.Next(&line) || !line.starts_with("transform ")) {
    return error("expected \"transform SX SY TX TY\"");
  }
  FieldReader transform(line.substr(10));
  if (!transform.Read(&scale_x) || !transform.Read(&scale_y) || !transform.Read(&translate_x) ||
      !transform.Read(&translate_y) || !transform.AtEnd() || !(scale_x > 0) || !(scale_y > 0)) {
    return error("bad transform: " + std::string(line));
  }
  uint32_t ring_count = 0;
  if (!lines.Next(&line) || !line.starts_with("rings ")) return error("expected \"rings N\"");
  FieldReader rings_field(line.substr(6));
  if (!rings_field.Read(&ring_count) || !rings_field.AtEnd()) return error("bad ring count");

  for (uint32_t ring = 0; ring < ring_count; ++ring) {
    if (!lines.Next(&line)) {
      return error("file ends after " + std::to_string(ring) + " of " + std::to_string(ring_count) +
                   " rings");
    }
    FieldReader fields(line);
    uint32_t count = 0;
    int64_t x = 0, y = 0;
    if (!fields.Read(&count) || !fields.Read(&x) || !fields.Read(&y)) {
      return error("ring " + std::to_string(ring) + ": expected COUNT X0 Y0");
    }
    if (count < 3) return error("ring " + std::to_string(ring) + ": fewer than 3 points");
    const size_t first = lon.size();
    for (uint32_t point = 0; point < count; ++point) {
      if (point > 0) {
        int64_t dx = 0, dy = 0;
        if (!fields.Read(&dx) || !fields.Read(&dy)) {
          return error("ring " + std::to_string(ring) + ": expected " + std::to_string(count) +
                       " points, found " + std::to_string(point));
        }
        x += dx;
        y += dy;
      }
      const double point_lon = static_cast<double>(x) * scale_x + translate_x;
      const double point_lat = static_cast<double>(y) * scale_y + translate_y;
      if (!(std::abs(point_lon) <= 180.000001 && std::abs(point_lat) <= 90.000001)) {
        return error("ring " + std::to_string(ring) + ": point " + std::to_string(point) +
                     " outside the globe");
      }
      lon.push_back(std::clamp(point_lon, -180.0, 180.0));
      lat.push_back(std::clamp(point_lat, -90.0, 90.0));
    }
    if (!fields.AtEnd()) {
      return error("ring " + std::to_string(ring) + ": more than " + std::to_string(count) +
                   " points");
    }
    for (size_t i = 0; i < count; ++i) {
      const uint32_t a = static_cast<uint32_t>(first + i);
      const uint32_t b = static_cast<uint32_t>(first + (i + 1) % count);
      if (lon[a] != lon[b] || lat[a] != lat[b]) edges.push_back({a, b});
    }
  }
  if (lines.Next(&line)) return error("unexpected data after the last ring");
  if (edges.empty()) return CorruptionError(name + ": no coastline in the file");
  return Status::Ok();
}

void Coastline::Index::Build() {
  unit.reserve(lon.size());
  for (size_t i = 0; i < lon.size(); ++i) unit.push_back(UnitVector(lat[i], lon[i]));
  edge_chord.reserve(edges.size());
  for (const auto& [a, b] : edges) edge_chord.push_back(Chord(unit[a], unit[b]));

  // Cell lists: count, then fill (counting sort keeps the lists contiguous).
  const auto for_each_cell = [&](const std::array<uint32_t, 2>& edge, auto&& visit) {
    const auto [a, b] = edge;
    const int row0 = RowOf(std::min(lat[a], lat[b])), row1 = RowOf(std::max(lat[a], lat[b]));
    const int col0 = ColOf(std::min(lon[a], lon[b])), col1 = ColOf(std::max(lon[a], lon[b]));
    for (int row = row0; row <= row1; ++row) {
      for (int col = col0; col <= col1; ++col) visit(row * kCols + col);
    }
  };
  cell_start.assign(static_cast<size_t>(kRows) * kCols + 1, 0);
  for (const auto& edge : edges) for_each_cell(edge, [&](int cell) { ++cell_start[cell + 1]; });
  for (size_t cell = 1; cell < cell_start.size(); ++cell) cell_start[cell] += cell_start[cell - 1];
  cell_edges.resize(cell_start.back());
  std::vector<uint32_t> fill(cell_start.begin(), cell_start.end() - 1);
  for (uint32_t edge = 0; edge < edges.size(); ++edge) {
    for_each_cell(edges[edge], [&](int cell) { cell_edges[fill[cell]++] = edge; });
  }

  block_has_edges.assign(static_cast<size_t>(kRows) * kBlocks, 0);
  for (int row = 0; row < kRows; ++row) {
    for (int col = 0; col < kCols; ++col) {
      const size_t cell = static_cast<size_t>(row) * kCols + col;
      if (cell_start[cell] != cell_start[cell + 1]) {
        block_has_edges[static_cast<size_t>(row) * kBlocks + col / kBlockCols] = 1;
      }
    }
  }

  // Corner status, one grid row at a time: where each edge crosses the row's latitude, then the
  // parity of the crossings west of each corner. The half-open test (one end strictly above)
  // counts an edge through a vertex on the line exactly once.
  std::vector<std::vector<double>> crossings(kRows);
  for (const auto& [a, b] : edges) {
    const double low = std::min(lat[a], lat[b]), high = std::max(lat[a], lat[b]);
    int row = std::max(0, static_cast<int>(std::ceil((low + 90.0) * kCellsPerDegree)) - 1);
    while (row < kRows && RowLat(row) < low) ++row;
    for (; row < kRows && RowLat(row) < high; ++row) {
      const double y0 = RowLat(row);
      crossings[row].push_back(lon[a] + (y0 - lat[a]) * (lon[b] - lon[a]) / (lat[b] - lat[a]));
    }
  }
  corner_on_land.assign(static_cast<size_t>(kRows) * kCols, 0);
  for (int row = 0; row < kRows; ++row) {
    std::vector<double>& xs = crossings[row];
    std::sort(xs.begin(), xs.end());
    size_t west = 0;
    for (int col = 0; col < kCols; ++col) {
      while (west < xs.size() && xs[west] < ColLon(col)) ++west;
      corner_on_land[static_cast<size_t>(row) * kCols + col] = west % 2;
    }
  }
}

bool Coastline::Index::OnLand(double qlat, double qlon) const {
  const int row = RowOf(qlat), col = ColOf(qlon);
  const double x0 = ColLon(col), y0 = RowLat(row);
  const size_t cell = static_cast<size_t>(row) * kCols + col;
  bool inside = corner_on_land[cell] != 0;
  for (uint32_t i = cell_start[cell]; i < cell_start[cell + 1]; ++i) {
    const auto [a, b] = edges[cell_edges[i]];
    const double x1 = lon[a], y1 = lat[a], x2 = lon[b], y2 = lat[b];
    // North along the west edge of the cell, from the corner to the point's latitude.
    if ((x1 > x0) != (x2 > x0)) {
      const double y = y1 + (x0 - x1) * (y2 - y1) / (x2 - x1);
      if (y >= y0 && y < qlat) inside = !inside;
    }
    // Then east to the point.
    if ((y1 > qlat) != (y2 > qlat)) {
      const double x = x1 + (qlat - y1) * (x2 - x1) / (y2 - y1);
      if (x >= x0 && x < qlon) inside = !inside;
    }
  }
  return inside;
}

double Coastline::Index::DistanceNm(double qlat, double qlon) const {
  const Vec3 p = UnitVector(qlat, qlon);
  double best = std::numeric_limits<double>::infinity();  // radians
  double best_chord = std::numeric_limits<double>::infinity();
  // The previous box, whose cells were already examined.
  int done_row0 = 0, done_row1 = -1, done_col0 = 0, done_cols = 0;
  const double cos_lat = std::cos(qlat * kRadians);
  for (double radius_nm = kFirstSearchNm;; radius_nm = std::min(2 * radius_nm, kSearchCapNm)) {
    const double radius = radius_nm * kMetersPerNauticalMile / kMetersPerRadian;
    // A box of cells that holds the whole spherical cap of this radius.
    const double dlat = radius / kRadians + kBulgeMarginDegrees;
    int row0 = RowOf(qlat - dlat), row1 = RowOf(qlat + dlat);
    int col0 = 0, cols = kCols;
    if (qlat + dlat < 90 && qlat - dlat > -90 && std::sin(radius) < cos_lat) {
      const double dlon = std::asin(std::sin(radius) / cos_lat) / kRadians + kBulgeMarginDegrees;
      const int first = static_cast<int>(std::floor((qlon - dlon + 180.0) * kCellsPerDegree));
      const int last = static_cast<int>(std::floor((qlon + dlon + 180.0) * kCellsPerDegree));
      cols = std::min(kCols, last - first + 1);
      col0 = ((first % kCols) + kCols) % kCols;
    }
    if (cols == kCols) col0 = 0;
    for (int row = row0; row <= row1; ++row) {
      const bool row_done = row >= done_row0 && row <= done_row1;
      for (int k = 0; k < cols; ++k) {
        const int col = (col0 + k) % kCols;
        if (!block_has_edges[static_cast<size_t>(row) * kBlocks + col / kBlockCols]) {
          k += kBlockCols - 1 - col % kBlockCols;  // on to the next block
          continue;
        }
        if (row_done && ((col - done_col0 + kCols) % kCols) < done_cols) continue;
        const size_t cell = static_cast<size_t>(row) * kCols + col;
        if (cell_start[cell] == cell_start[cell + 1]) continue;
        if (CellLowerBound(qlat, qlon, cos_lat, row, col) >= best) continue;
        for (uint32_t i = cell_start[cell]; i < cell_start[cell + 1]; ++i) {
          const uint32_t edge = cell_edges[i];
          const auto [a, b] = edges[edge];
          // Every point of the arc is at least |pa| - |ab| away in chord length: most edges
          // are ruled out by that, without trigonometry.
          if (Chord(p, unit[a]) - edge_chord[edge] > best_chord) continue;
          const double distance = ArcDistance(p, unit[a], unit[b]);
          if (distance < best) {
            best = distance;
            best_chord = 2 * std::sin(best / 2);
          }
        }
      }
    }
    if (best <= radius) return RadiansToNm(best);
    if (radius_nm >= kSearchCapNm) return kSearchCapNm;
    done_row0 = row0, done_row1 = row1, done_col0 = col0, done_cols = cols;
  }
}

Coastline::Coastline() = default;
Coastline::~Coastline() = default;

Result<std::unique_ptr<Coastline>> Coastline::Load(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  // The constructor is private, so make_unique cannot reach it.
  std::unique_ptr<Coastline> coastline(new Coastline());
  coastline->index_ = std::make_unique<Index>();
  RETURN_IF_ERROR(coastline->index_->Parse(text, std::string(BaseName(path))));
  coastline->index_->Build();
  return coastline;
}

Result<const Coastline*> Coastline::Bundled() {
  // Function-local statics are initialised once, even with concurrent callers.
  static const Result<std::unique_ptr<Coastline>> loaded = Load(MaritimeDataPath(kBundledFile));
  if (!loaded.ok()) return loaded.status();
  return loaded.value().get();
}

bool Coastline::OnLand(LatLon point) const {
  if (!std::isfinite(point.lat) || !std::isfinite(point.lon)) return false;
  const double lon = std::remainder(point.lon, 360.0);  // into [-180, 180]
  return index_->OnLand(std::clamp(point.lat, -90.0, 90.0), lon);
}

double Coastline::DistanceToShoreNm(LatLon point) const {
  if (!std::isfinite(point.lat) || !std::isfinite(point.lon)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  const double lat = std::clamp(point.lat, -90.0, 90.0);
  const double lon = std::remainder(point.lon, 360.0);
  if (index_->OnLand(lat, lon)) return 0;
  return index_->DistanceNm(lat, lon);
}

}  // namespace cordon::maritime
