// gpsd-compatible JSON for decoded AIS messages (AppendGpsdJson in maritime/ais.h). Field
// names, order, legends and number formats follow gpsd's json_aivdm_dump (gpsd 3.25), which is
// what gpsd's regression files sample.aivdm.js.chk / .ju.chk hold.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "maritime/ais.h"

namespace cordon::maritime {
namespace {

constexpr const char* kNavLegends[16] = {
    "Under way using engine",
    "At anchor",
    "Not under command",
    "Restricted maneuverability",
    "Constrained by her draught",
    "Moored",
    "Aground",
    "Engaged in fishing",
    "Under way sailing",
    "Reserved for HSC",
    "Reserved for WIG",
    "Power-driven vessel towing astern",
    "Power-driven vessel pushing ahead or towing alongside",
    "Reserved",
    "AIS-SART is active",
    "Not defined",
};

constexpr const char* kEpfdLegends[16] = {
    "Undefined",
    "GPS",
    "GLONASS",
    "Combined GPS/GLONASS",
    "Loran-C",
    "Chayka",
    "Integrated navigation system",
    "Surveyed",
    "Galileo",
    "Reserved (9)",
    "Reserved (10)",
    "Reserved (11)",
    "Reserved (12)",
    "Reserved (13)",
    "Reserved (14)",
    "Internal GNSS",
};

constexpr const char* kNavaidLegends[32] = {
    "Unspecified",
    "Reference point",
    "RACON",
    "Fixed offshore structure",
    "Spare, Reserved for future use.",
    "Light, without sectors",
    "Light, with sectors",
    "Leading Light Front",
    "Leading Light Rear",
    "Beacon, Cardinal N",
    "Beacon, Cardinal E",
    "Beacon, Cardinal S",
    "Beacon, Cardinal W",
    "Beacon, Port hand",
    "Beacon, Starboard hand",
    "Beacon, Preferred Channel port hand",
    "Beacon, Preferred Channel starboard hand",
    "Beacon, Isolated danger",
    "Beacon, Safe water",
    "Beacon, Special mark",
    "Cardinal Mark N",
    "Cardinal Mark E",
    "Cardinal Mark S",
    "Cardinal Mark W",
    "Port hand Mark",
    "Starboard hand Mark",
    "Preferred Channel Port hand",
    "Preferred Channel Starboard hand",
    "Isolated danger",
    "Safe Water",
    "Special Mark",
    "Light Vessel / LANBY / Rigs",
};

// Ship and cargo type legends by tens, as gpsd words them.
std::string_view ShipTypeLegend(unsigned t) {
  static constexpr const char* kSpecial[10] = {
      "Pilot Vessel",
      "Search and Rescue vessel",
      "Tug",
      "Port Tender",
      "Anti-pollution equipment",
      "Law Enforcement",
      "Spare - Local Vessel",
      "Spare - Local Vessel",
      "Medical Transport",
      "Ship according to RR Resolution No. 18",
  };
  static constexpr const char* kThirties[10] = {
      "Fishing",
      "Towing",
      "Towing: length exceeds 200m or breadth exceeds 25m",
      "Dredging or underwater ops",
      "Diving ops",
      "Military ops",
      "Sailing",
      "Pleasure Craft",
      "Reserved",
      "Reserved",
  };
  // Rows 2, 4, 6, 7, 8, 9: "<kind> - <category>".
  static constexpr const char* kCategory[10] = {
      "all ships of this type",    "Hazardous category A",    "Hazardous category B",
      "Hazardous category C",      "Hazardous category D",    "Reserved for future use",
      "Reserved for future use",   "Reserved for future use", "Reserved for future use",
      "No additional information",
  };
  // Legends with a category are built once, so callers get stable views.
  static const auto* kTable = [] {
    static std::string table[100];
    for (unsigned i = 0; i < 100; ++i) {
      const unsigned row = i / 10, col = i % 10;
      const char* kind = nullptr;
      switch (row) {
        case 0:
          table[i] = i == 0 ? "Not available" : "Reserved for future use";
          continue;
        case 1:
          table[i] = "Reserved for future use";
          continue;
        case 2:
          kind = "Wing in ground (WIG)";
          break;
        case 3:
          table[i] = kThirties[col];
          continue;
        case 4:
          kind = "High speed craft (HSC)";
          break;
        case 5:
          table[i] = kSpecial[col];
          continue;
        case 6:
          kind = "Passenger";
          break;
        case 7:
          kind = "Cargo";
          break;
        case 8:
          kind = "Tanker";
          break;
        default:
          kind = "Other Type";
          break;
      }
      table[i] = fmt::format("{} - {}", kind, kCategory[col]);
    }
    // gpsd's own capitalisation and wording where it differs from the pattern.
    table[29] = "Wing in ground (WIG) - Reserved for future use";
    table[99] = "Other Type - no additional information";
    return table;
  }();
  return t < 100 ? std::string_view(kTable[t]) : std::string_view("INVALID SHIP TYPE");
}

// Appends `,"key":value` pieces. Numbers are formatted into a stack buffer and appended in one
// go: a message is printed with no allocation once the output string has grown.
class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void Uint(std::string_view key, uint64_t v) {
    Key(key);
    char buffer[24];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out_->append(buffer, r.ptr);
  }
  void Int(std::string_view key, int64_t v) {
    Key(key);
    char buffer[24];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out_->append(buffer, r.ptr);
  }
  void Bool(std::string_view key, bool v) {
    Key(key);
    out_->append(v ? "true" : "false");
  }
  // printf's "%.<decimals>f".
  void Fixed(std::string_view key, double v, int decimals) {
    Key(key);
    char buffer[48];
    const auto r = fmt::format_to_n(buffer, sizeof buffer, "{:.{}f}", v, decimals);
    out_->append(buffer, r.out);
  }
  void Str(std::string_view key, std::string_view value) {
    Key(key);
    out_->push_back('"');
    for (char c : value) {
      if (c == '"' || c == '\\') out_->push_back('\\');
      out_->push_back(c);
    }
    out_->push_back('"');
  }

 private:
  void Key(std::string_view key) {
    out_->append(",\"");
    out_->append(key);
    out_->append("\":");
  }
  std::string* out_;
};

constexpr double kLatLonDivisor = 600000.0;  // 1/10000 minute -> degrees

// A short text (date-time, rate of turn) formatted into `buffer`.
template <typename... Args>
std::string_view Stamp(char (&buffer)[48], fmt::format_string<Args...> format, Args&&... args) {
  const auto r = fmt::format_to_n(buffer, sizeof buffer, format, std::forward<Args>(args)...);
  return {buffer, std::min<size_t>(r.size, sizeof buffer)};
}

}  // namespace

void AppendGpsdJson(const AisMessage& m, std::string* out, const GpsdJsonOptions& options) {
  const bool scaled = options.scaled;
  out->append("{\"class\":\"AIS\"");
  JsonWriter w(out);
  if (!options.device.empty()) w.Str("device", options.device);
  w.Uint("type", m.type);
  w.Uint("repeat", m.repeat);
  w.Uint("mmsi", m.mmsi);
  w.Bool("scaled", scaled);
  auto position = [&](int decimals, double divisor) {
    if (scaled) {
      w.Fixed("lon", m.lon / divisor, decimals);
      w.Fixed("lat", m.lat / divisor, decimals);
    } else {
      w.Int("lon", m.lon);
      w.Int("lat", m.lat);
    }
  };
  auto tenths = [&](std::string_view key, unsigned v) {
    if (scaled) {
      w.Fixed(key, v / 10.0, 1);
    } else {
      w.Uint(key, v);
    }
  };
  auto dimensions = [&] {
    w.Uint("to_bow", m.to_bow);
    w.Uint("to_stern", m.to_stern);
    w.Uint("to_port", m.to_port);
    w.Uint("to_starboard", m.to_starboard);
  };
  auto shiptype = [&] {
    w.Uint("shiptype", m.shiptype);
    w.Str("shiptype_text", ShipTypeLegend(m.shiptype));
  };
  auto epfd = [&] {
    w.Uint("epfd", m.epfd);
    w.Str("epfd_text", kEpfdLegends[m.epfd & 15]);
  };
  char buffer[48];
  if (m.decoded) {
    switch (m.type) {
      case 1:
      case 2:
      case 3:
        w.Uint("status", m.status);
        w.Str("status_text", kNavLegends[m.status & 15]);
        if (!scaled) {
          w.Int("turn", m.turn);
        } else if (m.turn <= -128 || m.turn >= 128) {
          w.Str("turn", "n/a");
        } else if (m.turn == -127) {
          w.Str("turn", "fastleft");
        } else if (m.turn == 127) {
          w.Str("turn", "fastright");
        } else {
          // Degrees per minute: (turn / 4.733)^2 with the sign of turn, as a string.
          double rot = m.turn / 4.733;
          rot *= rot;
          if (m.turn < 0) rot = -rot;
          w.Str("turn", Stamp(buffer, "{:.2f}", rot));
        }
        if (scaled && m.speed == 1023) {
          w.Str("speed", "n/a");
        } else if (scaled && m.speed == 1022) {
          w.Str("speed", "fast");
        } else {
          tenths("speed", m.speed);
        }
        w.Bool("accuracy", m.accuracy);
        position(7, kLatLonDivisor);
        tenths("course", m.course);
        w.Uint("heading", m.heading);
        w.Uint("second", m.second);
        w.Uint("maneuver", m.maneuver);
        w.Bool("raim", m.raim);
        w.Uint("radio", m.radio);
        break;
      case 4:
        w.Str("timestamp", Stamp(buffer, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", m.utc.year,
                                 m.utc.month, m.utc.day, m.utc.hour, m.utc.minute, m.utc.second));
        w.Bool("accuracy", m.accuracy);
        position(7, kLatLonDivisor);
        epfd();
        w.Bool("raim", m.raim);
        w.Uint("radio", m.radio);
        break;
      case 5:
        w.Uint("imo", m.imo);
        w.Uint("ais_version", m.ais_version);
        w.Str("callsign", m.callsign.view());
        w.Str("shipname", m.name.view());
        shiptype();
        dimensions();
        epfd();
        w.Str("eta", Stamp(buffer, "{:02}-{:02}T{:02}:{:02}Z", m.eta.month, m.eta.day, m.eta.hour,
                           m.eta.minute));
        tenths("draught", m.draught);
        w.Str("destination", m.destination.view());
        w.Uint("dte", m.dte);
        break;
      case 9:
        if (scaled && m.alt == 4095) {
          w.Str("alt", "nan");
        } else if (scaled && m.alt == 4094) {
          w.Str("alt", "high");
        } else {
          w.Uint("alt", m.alt);
        }
        if (scaled && m.speed == 1023) {
          w.Str("speed", "nan");
        } else if (scaled && m.speed == 1022) {
          w.Str("speed", "fast");
        } else {
          w.Uint("speed", m.speed);  // SAR aircraft report whole knots
        }
        w.Bool("accuracy", m.accuracy);
        position(7, kLatLonDivisor);
        tenths("course", m.course);
        w.Uint("second", m.second);
        w.Uint("regional", m.regional);
        w.Uint("dte", m.dte);
        w.Bool("raim", m.raim);
        w.Uint("radio", m.radio);
        break;
      case 18:
        w.Uint("reserved", m.reserved);
        tenths("speed", m.speed);
        w.Bool("accuracy", m.accuracy);
        position(7, kLatLonDivisor);
        tenths("course", m.course);
        w.Uint("heading", m.heading);
        w.Uint("second", m.second);
        w.Uint("regional", m.regional);
        w.Bool("cs", m.cs);
        w.Bool("display", m.display);
        w.Bool("dsc", m.dsc);
        w.Bool("band", m.band);
        w.Bool("msg22", m.msg22);
        w.Bool("raim", m.raim);
        w.Uint("radio", m.radio);
        break;
      case 19:
        w.Uint("reserved", m.reserved);
        tenths("speed", m.speed);
        w.Bool("accuracy", m.accuracy);
        position(7, kLatLonDivisor);
        tenths("course", m.course);
        w.Uint("heading", m.heading);
        w.Uint("second", m.second);
        w.Uint("regional", m.regional);
        w.Str("shipname", m.name.view());
        shiptype();
        dimensions();
        epfd();
        w.Bool("raim", m.raim);
        w.Uint("dte", m.dte);
        w.Bool("assigned", m.assigned);
        break;
      case 21:
        w.Uint("aid_type", m.aid_type);
        w.Str("aid_type_text", kNavaidLegends[m.aid_type & 31]);
        w.Str("name", m.name.view());
        if (scaled) {
          position(7, kLatLonDivisor);
          w.Bool("accuracy", m.accuracy);
        } else {
          w.Bool("accuracy", m.accuracy);
          position(7, kLatLonDivisor);
        }
        dimensions();
        epfd();
        w.Uint("second", m.second);
        w.Uint("regional", m.regional);
        w.Bool("off_position", m.off_position);
        w.Bool("raim", m.raim);
        w.Bool("virtual_aid", m.virtual_aid);
        break;
      case 24: {
        const bool with_a = m.has_part_a, with_b = m.has_part_b;
        if (!(with_a && with_b)) w.Str("part", with_a ? "A" : "B");
        if (with_a) w.Str("shipname", m.name.view());
        if (with_b) {
          shiptype();
          w.Str("vendorid", m.vendorid.view());
          w.Uint("model", m.model);
          w.Uint("serial", m.serial);
          w.Str("callsign", m.callsign.view());
          if (m.mmsi / 10'000'000 == 98) {
            w.Uint("mothership_mmsi", m.mothership_mmsi);
          } else {
            dimensions();
          }
        }
        break;
      }
      case 27:
        w.Uint("status", m.status);
        if (scaled) w.Str("status_text", kNavLegends[m.status & 15]);
        w.Bool("accuracy", m.accuracy);
        position(4, 600.0);
        w.Uint("speed", m.speed);
        w.Uint("course", m.course);
        w.Bool("raim", m.raim);
        w.Bool("gnss", m.gnss);
        break;
      default:
        break;
    }
  }
  out->push_back('}');
}

}  // namespace cordon::maritime
