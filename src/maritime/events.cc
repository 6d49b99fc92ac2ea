#include "maritime/events.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>

namespace cordon::maritime {
namespace {

constexpr std::array<std::string_view, kEventTypeCount> kNames = {
    "possible_spoofing", "ais_gap",         "suspected_disabling", "encounter",   "loitering",
    "port_call",         "identity_change", "flag_mismatch",       "invalid_imo", "shared_imo",
};

double Round5(double x) { return std::round(x * 1e5) / 1e5; }

}  // namespace

std::string_view EventTypeName(EventType type) { return kNames[static_cast<size_t>(type)]; }

std::optional<EventType> EventTypeFromName(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<EventType>(i);
  }
  return std::nullopt;
}

void Event::Add(std::string key, EvidenceValue value) {
  evidence.push_back({std::move(key), std::move(value)});
}

const EvidenceValue* Event::Find(std::string_view key) const {
  for (const Evidence& item : evidence) {
    if (item.key == key) return &item.value;
  }
  return nullptr;
}

std::optional<double> Event::Number(std::string_view key) const {
  const EvidenceValue* value = Find(key);
  if (value == nullptr) return std::nullopt;
  if (const auto* i = std::get_if<int64_t>(value)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(value)) return *d;
  return std::nullopt;
}

std::string Event::Text(std::string_view key) const {
  const EvidenceValue* value = Find(key);
  if (value == nullptr) return "";
  if (const auto* s = std::get_if<std::string>(value)) return *s;
  return "";
}

std::string FormatUtc(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::string EventToJson(const Event& event) {
  // ordered_json keeps the field order stable for diffs and golden files.
  nlohmann::ordered_json json;
  json["type"] = EventTypeName(event.type);
  json["mmsi"] = event.mmsi;
  if (event.imo != 0) json["imo"] = event.imo;
  if (event.other_mmsi != 0) json["other_mmsi"] = event.other_mmsi;
  if (event.other_imo != 0) json["other_imo"] = event.other_imo;
  json["start"] = FormatUtc(event.start);
  json["end"] = FormatUtc(event.end);
  if (event.position) {
    json["lat"] = Round5(event.position->lat);
    json["lon"] = Round5(event.position->lon);
  }
  nlohmann::ordered_json evidence = nlohmann::ordered_json::object();
  for (const Evidence& item : event.evidence) {
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, double>) {
            evidence[item.key] = std::isfinite(v) ? nlohmann::ordered_json(Round5(v))
                                                  : nlohmann::ordered_json(nullptr);
          } else {
            evidence[item.key] = v;
          }
        },
        item.value);
  }
  json["evidence"] = std::move(evidence);
  // Names come from the air: replace invalid UTF-8 rather than throw.
  return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace cordon::maritime
