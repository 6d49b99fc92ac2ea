// gpsd-compatible JSON for decoded AIS messages (AppendGpsdJson in maritime/ais.h). Field
// names, order, legends and number formats follow gpsd's json_aivdm_dump (gpsd 3.25), which is
// what gpsd's regression files sample.aivdm.js.chk / .ju.chk hold.
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstring>
#include <string_view>

#include "maritime/ais.h"

namespace cordon::maritime {
namespace {

constexpr std::string_view kNavLegends[16] = {
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

constexpr std::string_view kEpfdLegends[16] = {
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

constexpr std::string_view kNavaidLegends[32] = {
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

// The longest line AppendGpsdJson writes after the device field: a type 5 or 21 with every text
// field escaped throughout is under 900 bytes (keys and values add up to about 420, the legends
// to at most 100, the texts to at most 2 * 68).
constexpr size_t kMaxJsonBody = 2048;

// Writes `,"key":value` pieces into a caller's buffer of kMaxJsonBody bytes. Keys are literals,
// so each is a fixed-size copy; numbers are written from the integers AIS sends, never through a
// float formatter: gpsdecode spends most of its time in printf, and so did we.
class JsonWriter {
 public:
  explicit JsonWriter(char* p) : p_(p) {}
  char* end() const { return p_; }

  template <size_t N>
  void Uint(const char (&key)[N], uint64_t v) {
    Key(key);
    UintDigits(v);
  }
  template <size_t N>
  void Int(const char (&key)[N], int64_t v) {
    Key(key);
    if (v < 0) *p_++ = '-';
    UintDigits(v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v));
  }
  template <size_t N>
  void Bool(const char (&key)[N], bool v) {
    Key(key);
    if (v) {
      Copy("true", 4);
    } else {
      Copy("false", 5);
    }
  }
  // printf's "%.<decimals>f" of (negative ? -units : units) / 10^decimals, which is exact.
  template <size_t N>
  void Decimal(const char (&key)[N], bool negative, uint64_t units, int decimals) {
    Key(key);
    if (negative) *p_++ = '-';
    const uint64_t scale = kPowersOf10[decimals];
    UintDigits(units / scale);
    *p_++ = '.';
    uint64_t fraction = units % scale;
    for (int digit = decimals - 1; digit >= 0; --digit) {
      p_[digit] = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    p_ += decimals;
  }
  // A string that needs no escaping: our legends and numbers.
  template <size_t N>
  void Raw(const char (&key)[N], std::string_view value) {
    Key(key);
    *p_++ = '"';
    Copy(value.data(), value.size());
    *p_++ = '"';
  }
  // Six-bit text as sent: it can hold '"' and '\', which JSON escapes.
  template <size_t N>
  void Str(const char (&key)[N], std::string_view value) {
    Key(key);
    *p_++ = '"';
    p_ = Escaped(value, p_);
    *p_++ = '"';
  }

  // Writes `value` with '"' and '\' escaped at `p`; returns the end.
  static char* Escaped(std::string_view value, char* p) {
    for (char c : value) {
      if (c == '"' || c == '\\') *p++ = '\\';
      *p++ = c;
    }
    return p;
  }

  // `v` in decimal, zero-padded to `width` digits (printf's "%0<width>u").
  void Padded(unsigned v, int width) {
    char digits[12];
    const auto r = std::to_chars(digits, digits + sizeof digits, v);
    for (auto n = r.ptr - digits; n < width; ++n) *p_++ = '0';
    Copy(digits, static_cast<size_t>(r.ptr - digits));
  }
  void Char(char c) { *p_++ = c; }
  // `"key":"` for a string the caller writes piece by piece and closes with Char('"').
  template <size_t N>
  void OpenString(const char (&key)[N]) {
    Key(key);
    *p_++ = '"';
  }

 private:
  static constexpr uint64_t kPowersOf10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};

  template <size_t N>
  void Key(const char (&key)[N]) {
    *p_++ = ',';
    *p_++ = '"';
    Copy(key, N - 1);
    *p_++ = '"';
    *p_++ = ':';
  }
  void UintDigits(uint64_t v) { p_ = std::to_chars(p_, p_ + 24, v).ptr; }
  void Copy(const char* s, size_t n) {
    std::memcpy(p_, s, n);
    p_ += n;
  }
  char* p_;
};

// Rate of turn as gpsd prints it: degrees per minute, (turn / 4.733)^2 with the sign of turn, to
// two decimals. A genuine float, so the 253 possible texts (turn -126..126) are formatted once.
std::string_view TurnText(int turn) {
  struct Text {
    char chars[16];
    uint8_t size;
  };
  static const auto* kTable = [] {
    static std::array<Text, 253> table;
    for (int t = -126; t <= 126; ++t) {
      double rot = t / 4.733;
      rot *= rot;
      if (t < 0) rot = -rot;
      Text& text = table[static_cast<size_t>(t + 126)];
      const auto r = fmt::format_to_n(text.chars, sizeof text.chars, "{:.2f}", rot);
      text.size = static_cast<uint8_t>(r.size);
    }
    return &table;
  }();
  const Text& text = (*kTable)[static_cast<size_t>(turn + 126)];
  return {text.chars, text.size};
}

// Positions are sent in 1/10000 minute (type 27: 1/10 minute) and printed in degrees with 7
// (type 27: 4) decimals; either way the printed units are raw * 50 / 3. Its remainder is a
// third, never a half, so rounding it is unambiguous, and the double gpsd divides by 600000.0
// is within 1e-13 of it, far closer than the 1/6 unit that separates it from a rounding
// boundary: printf on the double and this rounding agree for every value the field holds.
uint64_t PositionUnits(int32_t raw) {
  const uint64_t magnitude =
      raw < 0 ? 0 - static_cast<uint64_t>(static_cast<int64_t>(raw)) : static_cast<uint64_t>(raw);
  return (magnitude * 50 + 1) / 3;
}

}  // namespace

void AppendGpsdJson(const AisMessage& m, std::string* out, const GpsdJsonOptions& options) {
  const bool scaled = options.scaled;
  // The device name is the caller's and unbounded, so it goes straight to `out`; the rest is
  // bounded (kMaxJsonBody) and is written into a stack buffer, then appended in one go.
  out->append("{\"class\":\"AIS\"");
  if (!options.device.empty()) {
    out->append(",\"device\":\"");
    for (char c : options.device) {
      if (c == '"' || c == '\\') out->push_back('\\');
      out->push_back(c);
    }
    out->push_back('"');
  }
  char buffer[kMaxJsonBody];
  JsonWriter w(buffer);
  w.Uint("type", m.type);
  w.Uint("repeat", m.repeat);
  w.Uint("mmsi", m.mmsi);
  w.Bool("scaled", scaled);
  // decimals: 7 for 1/10000 minute, 4 for type 27's 1/10 minute (see PositionUnits).
  auto position = [&](int decimals) {
    if (scaled) {
      w.Decimal("lon", m.lon < 0, PositionUnits(m.lon), decimals);
      w.Decimal("lat", m.lat < 0, PositionUnits(m.lat), decimals);
    } else {
      w.Int("lon", m.lon);
      w.Int("lat", m.lat);
    }
  };
  auto tenths = [&](const auto& key, unsigned v) {
    if (scaled) {
      w.Decimal(key, false, v, 1);
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
    w.Raw("shiptype_text", ShipTypeLegend(m.shiptype));
  };
  auto epfd = [&] {
    w.Uint("epfd", m.epfd);
    w.Raw("epfd_text", kEpfdLegends[m.epfd & 15]);
  };
  if (m.decoded) {
    switch (m.type) {
      case 1:
      case 2:
      case 3:
        w.Uint("status", m.status);
        w.Raw("status_text", kNavLegends[m.status & 15]);
        if (!scaled) {
          w.Int("turn", m.turn);
        } else if (m.turn <= -128 || m.turn >= 128) {
          w.Raw("turn", "n/a");
        } else if (m.turn == -127) {
          w.Raw("turn", "fastleft");
        } else if (m.turn == 127) {
          w.Raw("turn", "fastright");
        } else {
          w.Raw("turn", TurnText(m.turn));
        }
        if (scaled && m.speed == 1023) {
          w.Raw("speed", "n/a");
        } else if (scaled && m.speed == 1022) {
          w.Raw("speed", "fast");
        } else {
          tenths("speed", m.speed);
        }
        w.Bool("accuracy", m.accuracy);
        position(7);
        tenths("course", m.course);
        w.Uint("heading", m.heading);
        w.Uint("second", m.second);
        w.Uint("maneuver", m.maneuver);
        w.Bool("raim", m.raim);
        w.Uint("radio", m.radio);
        break;
      case 4:
        // "%04u-%02u-%02uT%02u:%02u:%02uZ"
        w.OpenString("timestamp");
        w.Padded(m.utc.year, 4);
        w.Char('-');
        w.Padded(m.utc.month, 2);
        w.Char('-');
        w.Padded(m.utc.day, 2);
        w.Char('T');
        w.Padded(m.utc.hour, 2);
        w.Char(':');
        w.Padded(m.utc.minute, 2);
        w.Char(':');
        w.Padded(m.utc.second, 2);
        w.Char('Z');
        w.Char('"');
        w.Bool("accuracy", m.accuracy);
        position(7);
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
        // "%02u-%02uT%02u:%02uZ"
        w.OpenString("eta");
        w.Padded(m.eta.month, 2);
        w.Char('-');
        w.Padded(m.eta.day, 2);
        w.Char('T');
        w.Padded(m.eta.hour, 2);
        w.Char(':');
        w.Padded(m.eta.minute, 2);
        w.Char('Z');
        w.Char('"');
        tenths("draught", m.draught);
        w.Str("destination", m.destination.view());
        w.Uint("dte", m.dte);
        break;
      case 9:
        if (scaled && m.alt == 4095) {
          w.Raw("alt", "nan");
        } else if (scaled && m.alt == 4094) {
          w.Raw("alt", "high");
        } else {
          w.Uint("alt", m.alt);
        }
        if (scaled && m.speed == 1023) {
          w.Raw("speed", "nan");
        } else if (scaled && m.speed == 1022) {
          w.Raw("speed", "fast");
        } else {
          w.Uint("speed", m.speed);  // SAR aircraft report whole knots
        }
        w.Bool("accuracy", m.accuracy);
        position(7);
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
        position(7);
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
        position(7);
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
        w.Raw("aid_type_text", kNavaidLegends[m.aid_type & 31]);
        w.Str("name", m.name.view());
        if (scaled) {
          position(7);
          w.Bool("accuracy", m.accuracy);
        } else {
          w.Bool("accuracy", m.accuracy);
          position(7);
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
        if (!(with_a && with_b)) w.Raw("part", with_a ? "A" : "B");
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
        if (scaled) w.Raw("status_text", kNavLegends[m.status & 15]);
        w.Bool("accuracy", m.accuracy);
        position(4);
        w.Uint("speed", m.speed);
        w.Uint("course", m.course);
        w.Bool("raim", m.raim);
        w.Bool("gnss", m.gnss);
        break;
      default:
        break;
    }
  }
  w.Char('}');
  out->append(buffer, w.end());
}

}  // namespace cordon::maritime
