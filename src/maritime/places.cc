// maritime/places.cc: the bundled places of geo.h, read once from data/maritime/places.json.
//
//   {"format": "cordon-places-1",
//    "places": [{"name": "Primorsk", "country": "RU", "kind": "crude_terminal",
//                "lat": 60.367, "lon": 28.617, "radius_m": 9000, "source": "..."}, ...]}
//
// Every field is required and checked; a bad file leaves no places at all (rather than some of
// them) and BundledPlacesStatus() names the file, the place's index and the field.
// CORDON_MARITIME_DATA in the environment overrides the data folder compiled in.
#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/file.h"
#include "maritime/data_dir.h"
#include "maritime/geo.h"

namespace cordon::maritime {
namespace {

constexpr char kPlacesFile[] = "places.json";
// Far larger than any terminal or transfer area; a bigger radius is a typo (km for m).
constexpr double kMaxRadiusMeters = 100'000;

// nlohmann's value() throws when the member has another type; this does not.
bool HasFormat(const nlohmann::json& root, std::string_view format) {
  const auto it = root.find("format");
  return it != root.end() && it->is_string() && it->get_ref<const std::string&>() == format;
}

std::optional<PlaceKind> PlaceKindFromName(std::string_view name) {
  for (PlaceKind kind : {PlaceKind::kCrudeTerminal, PlaceKind::kProductTerminal,
                         PlaceKind::kStsArea, PlaceKind::kAnchorage}) {
    if (PlaceKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

Result<Place> ParsePlace(const nlohmann::json& item, const std::string& where) {
  if (!item.is_object()) return CorruptionError(where + ": not an object");
  const auto field = [&](const char* key) -> Result<const nlohmann::json*> {
    const auto it = item.find(key);
    if (it == item.end()) return CorruptionError(where + ": missing \"" + key + "\"");
    return &*it;
  };
  const auto text = [&](const char* key) -> Result<std::string> {
    ASSIGN_OR_RETURN(const nlohmann::json* value, field(key));
    if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
      return CorruptionError(where + "." + key + ": expected a non-empty string");
    }
    return value->get<std::string>();
  };
  const auto number = [&](const char* key, double low, double high) -> Result<double> {
    ASSIGN_OR_RETURN(const nlohmann::json* value, field(key));
    if (!value->is_number()) return CorruptionError(where + "." + key + ": expected a number");
    const double x = value->get<double>();
    if (!std::isfinite(x) || x < low || x > high) {
      return CorruptionError(
          fmt::format("{}.{}: {} is outside [{:g}, {:g}]", where, key, value->dump(), low, high));
    }
    return x;
  };

  Place place;
  ASSIGN_OR_RETURN(place.name, text("name"));
  ASSIGN_OR_RETURN(place.country, text("country"));
  if (place.country.size() != 2 || !std::isupper(static_cast<unsigned char>(place.country[0])) ||
      !std::isupper(static_cast<unsigned char>(place.country[1]))) {
    return CorruptionError(where + ".country: \"" + place.country +
                           "\" is not an ISO 3166-1 alpha-2 code");
  }
  ASSIGN_OR_RETURN(std::string kind, text("kind"));
  const std::optional<PlaceKind> parsed_kind = PlaceKindFromName(kind);
  if (!parsed_kind) {
    return CorruptionError(where + ".kind: unknown kind \"" + kind +
                           "\" (crude_terminal, product_terminal, sts_area, anchorage)");
  }
  place.kind = *parsed_kind;
  ASSIGN_OR_RETURN(place.center.lat, number("lat", -90, 90));
  ASSIGN_OR_RETURN(place.center.lon, number("lon", -180, 180));
  ASSIGN_OR_RETURN(place.radius_m, number("radius_m", 1, kMaxRadiusMeters));
  ASSIGN_OR_RETURN(place.source, text("source"));
  return place;
}

Result<std::vector<Place>> ParsePlaces(std::string_view json, const std::string& name) {
  const nlohmann::json root = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return CorruptionError(name + ": not valid JSON");
  if (!root.is_object() || !HasFormat(root, "cordon-places-1")) {
    return CorruptionError(name + ": expected an object with \"format\": \"cordon-places-1\"");
  }
  const auto places_it = root.find("places");
  if (places_it == root.end() || !places_it->is_array()) {
    return CorruptionError(name + ": expected a \"places\" array");
  }
  std::vector<Place> places;
  std::set<std::string> names;
  for (size_t index = 0; index < places_it->size(); ++index) {
    const std::string where = name + ": places[" + std::to_string(index) + "]";
    ASSIGN_OR_RETURN(Place place, ParsePlace((*places_it)[index], where));
    // Detectors report places by name, so a name must say which one.
    if (!names.insert(place.name).second) {
      return CorruptionError(where + ".name: \"" + place.name + "\" appears twice");
    }
    places.push_back(std::move(place));
  }
  return places;
}

struct LoadedPlaces {
  std::vector<Place> places;
  Status status;
};

const LoadedPlaces& Loaded() {
  // Function-local statics are initialised once, even with concurrent callers.
  static const LoadedPlaces loaded = [] {
    const std::string path = MaritimeDataPath(kPlacesFile);
    LoadedPlaces result;
    Result<std::string> text = ReadFile(path);
    if (!text.ok()) {
      result.status = text.status();
      return result;
    }
    Result<std::vector<Place>> places = ParsePlaces(*text, path);
    if (places.ok()) {
      result.places = std::move(places).value();
    } else {
      result.status = places.status();
    }
    return result;
  }();
  return loaded;
}

}  // namespace

std::string_view PlaceKindName(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kCrudeTerminal:
      return "crude_terminal";
    case PlaceKind::kProductTerminal:
      return "product_terminal";
    case PlaceKind::kStsArea:
      return "sts_area";
    case PlaceKind::kAnchorage:
      return "anchorage";
  }
  return "unknown";
}

std::span<const Place> BundledPlaces() { return Loaded().places; }

Status BundledPlacesStatus() { return Loaded().status; }

}  // namespace cordon::maritime
