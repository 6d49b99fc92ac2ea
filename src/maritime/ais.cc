#include "maritime/ais.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <unordered_map>

#include "maritime/ais_payload.h"

namespace cordon::maritime {
namespace {

using internal::AisPayload;
using internal::kMaxPayloadChars;
using internal::kSixBitText;

constexpr int32_t kLonNotAvailable = 181 * 600000;
constexpr int32_t kLatNotAvailable = 91 * 600000;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// XOR of every byte, eight at a time: the checksum is the hot loop of a sentence.
uint8_t XorBytes(const char* p, size_t n) {
  uint64_t acc = 0;
  for (; n >= 8; n -= 8, p += 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    acc ^= v;
  }
  acc ^= acc >> 32;
  acc ^= acc >> 16;
  acc ^= acc >> 8;
  auto x = static_cast<uint8_t>(acc);
  for (; n > 0; --n, ++p) x ^= static_cast<uint8_t>(*p);
  return x;
}

// `text` (the characters between the start character and '*') against the two hex digits at
// `hex`, which must exist.
bool ChecksumMatches(std::string_view text, const char* hex) {
  const int hi = HexValue(hex[0]), lo = HexValue(hex[1]);
  return hi >= 0 && lo >= 0 && XorBytes(text.data(), text.size()) == ((hi << 4) | lo);
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// Parses `n` digits at s[pos..]; false when one is not a digit or the text is short.
bool Digits(std::string_view s, size_t pos, size_t n, int64_t* value) {
  if (pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(s[i])) return false;
    v = v * 10 + (s[i] - '0');
  }
  *value = v;
  return true;
}

// Unix seconds as receivers write them: 9 or 10 digits (1973..2286), an optional fraction.
// 0 when `s` is not that.
int64_t ParseUnixSeconds(std::string_view s) {
  const size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  if (whole.size() < 9 || whole.size() > 10 || whole[0] == '0') return 0;
  int64_t v = 0;
  if (!Digits(whole, 0, whole.size(), &v)) return 0;
  if (dot != std::string_view::npos) {
    for (char c : s.substr(dot + 1)) {
      if (!IsDigit(c)) return 0;
    }
  }
  return v;
}

int64_t CivilSeconds(int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi, int64_t se) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return 0;
  return DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
         mi * 60 + se;
}

// A receiver timestamp in front of the sentence: Unix seconds, or
// "YYYY-MM-DD[T ]hh:mm:ss[.fff][Z]", followed by separators. 0 when it is neither.
int64_t ParsePrefixTime(std::string_view prefix) {
  while (!prefix.empty() && (IsBlank(prefix.back()) || prefix.back() == ',' ||
                             prefix.back() == ';' || prefix.back() == '|')) {
    prefix.remove_suffix(1);
  }
  if (int64_t t = ParseUnixSeconds(prefix); t != 0) return t;
  int64_t y, mo, d, h, mi, se;
  if (prefix.size() < 19 || !Digits(prefix, 0, 4, &y) || prefix[4] != '-' ||
      !Digits(prefix, 5, 2, &mo) || prefix[7] != '-' || !Digits(prefix, 8, 2, &d) ||
      (prefix[10] != 'T' && prefix[10] != ' ') || !Digits(prefix, 11, 2, &h) || prefix[13] != ':' ||
      !Digits(prefix, 14, 2, &mi) || prefix[16] != ':' || !Digits(prefix, 17, 2, &se)) {
    return 0;
  }
  return CivilSeconds(y, mo, d, h, mi, se);
}

// The first field after the checksum that is Unix seconds (",b003669794,1272412827"), 0 if none.
int64_t ParseSuffixTime(std::string_view suffix) {
  while (!suffix.empty()) {
    const size_t comma = suffix.find(',');
    if (comma == std::string_view::npos) return 0;
    suffix.remove_prefix(comma + 1);
    if (int64_t t = ParseUnixSeconds(suffix.substr(0, suffix.find(','))); t != 0) return t;
  }
  return 0;
}

struct TagBlock {
  int64_t time = 0;  // c:
};

// `body` is what stands between the backslashes: "s:r3669961,c:1418169601*3B". False when the
// checksum or a field is bad; the sentence behind it is still decoded.
bool ParseTagBlock(std::string_view body, TagBlock* tag) {
  const size_t star = body.rfind('*');
  if (star == std::string_view::npos || star + 3 != body.size() ||
      !ChecksumMatches(body.substr(0, star), body.data() + star + 1)) {
    return false;
  }
  std::string_view fields = body.substr(0, star);
  TagBlock parsed;
  while (!fields.empty()) {
    const size_t comma = fields.find(',');
    const std::string_view field = fields.substr(0, comma);
    fields.remove_prefix(comma == std::string_view::npos ? fields.size() : comma + 1);
    if (field.size() < 2 || field[1] != ':') return false;
    const std::string_view value = field.substr(2);
    if (field[0] == 'c') {
      // Seconds; some sources write milliseconds.
      int64_t v = 0;
      const std::string_view whole = value.substr(0, value.find('.'));
      if (whole.empty() || whole.size() > 13 || !Digits(whole, 0, whole.size(), &v)) return false;
      parsed.time = v >= 100'000'000'000 ? v / 1000 : v;
    } else if (field[0] == 'g') {
      // "sentence-of-group-id"; the group is assembled by sequence id and channel, so the tag
      // is only checked for shape.
      int dashes = 0;
      for (char c : value) {
        if (c == '-') {
          ++dashes;
        } else if (!IsDigit(c)) {
          return false;
        }
      }
      if (dashes != 2) return false;
    }
  }
  *tag = parsed;
  return true;
}

// gpsd's from_sixbit: up to `count` characters from bit `start`, cut at the first '@', trailing
// blanks removed.
template <size_t N>
void ReadText(const AisPayload& p, size_t start, size_t count, AisText<N>* out) {
  char buffer[64];
  count = std::min(count, std::min(N, sizeof buffer));
  size_t len = 0;
  for (; len < count; ++len) {
    const char c = kSixBitText[p.U(start + 6 * len, 6)];
    if (c == '@') break;
    buffer[len] = c;
  }
  while (len > 0 && buffer[len - 1] == ' ') --len;
  out->assign({buffer, len});
}

bool IsAuxiliaryMmsi(uint32_t mmsi) { return mmsi / 10'000'000 == 98; }

// Decodes the body of a payload whose header (type, repeat, mmsi) is already in *m. Returns
// AisDefect::kCount when the message is good. Bit positions are ITU-R M.1371-5's; the accepted
// lengths are gpsd's (docs/formats/ais_nmea.md).
AisDefect DecodeBody(const AisPayload& p, AisMessage* m) {
  const size_t bits = p.bits();
  auto outside = [bits](size_t min, size_t max) {
    return bits < min   ? AisDefect::kTruncated
           : bits > max ? AisDefect::kTooLong
                        : AisDefect::kCount;
  };
  constexpr size_t kAny = SIZE_MAX;
  switch (m->type) {
    case 1:
    case 2:
    case 3:
      if (AisDefect d = outside(163, 204); d != AisDefect::kCount) return d;
      m->status = static_cast<uint8_t>(p.U(38, 4));
      m->turn = static_cast<int16_t>(p.S(42, 8));
      m->speed = static_cast<uint16_t>(p.U(50, 10));
      m->accuracy = p.B(60);
      m->lon = p.S(61, 28);
      m->lat = p.S(89, 27);
      m->course = static_cast<uint16_t>(p.U(116, 12));
      m->heading = static_cast<uint16_t>(p.U(128, 9));
      m->second = static_cast<uint8_t>(p.U(137, 6));
      m->maneuver = static_cast<uint8_t>(p.U(143, 2));
      m->raim = p.B(148);
      // A payload a few bits short keeps what it has of the radio status, as gpsd does.
      m->radio = bits >= 168 ? p.U(149, 19) : p.U(149, static_cast<unsigned>(bits - 149));
      break;
    case 4:
      if (AisDefect d = outside(168, kAny); d != AisDefect::kCount) return d;
      m->utc.year = static_cast<uint16_t>(p.U(38, 14));
      m->utc.month = static_cast<uint8_t>(p.U(52, 4));
      m->utc.day = static_cast<uint8_t>(p.U(56, 5));
      m->utc.hour = static_cast<uint8_t>(p.U(61, 5));
      m->utc.minute = static_cast<uint8_t>(p.U(66, 6));
      m->utc.second = static_cast<uint8_t>(p.U(72, 6));
      m->accuracy = p.B(78);
      m->lon = p.S(79, 28);
      m->lat = p.S(107, 27);
      m->epfd = static_cast<uint8_t>(p.U(134, 4));
      m->raim = p.B(148);
      m->radio = p.U(149, 19);
      break;
    case 5:
      // 424 bits by the standard; many transmitters send 420 or 422.
      if (AisDefect d = outside(420, kAny); d != AisDefect::kCount) return d;
      m->ais_version = static_cast<uint8_t>(p.U(38, 2));
      m->imo = p.U(40, 30);
      ReadText(p, 70, 7, &m->callsign);
      ReadText(p, 112, 20, &m->name);
      m->shiptype = static_cast<uint8_t>(p.U(232, 8));
      m->to_bow = static_cast<uint16_t>(p.U(240, 9));
      m->to_stern = static_cast<uint16_t>(p.U(249, 9));
      m->to_port = static_cast<uint8_t>(p.U(258, 6));
      m->to_starboard = static_cast<uint8_t>(p.U(264, 6));
      m->epfd = static_cast<uint8_t>(p.U(270, 4));
      m->eta.month = static_cast<uint8_t>(p.U(274, 4));
      m->eta.day = static_cast<uint8_t>(p.U(278, 5));
      m->eta.hour = static_cast<uint8_t>(p.U(283, 5));
      m->eta.minute = static_cast<uint8_t>(p.U(288, 6));
      m->draught = static_cast<uint8_t>(p.U(294, 8));
      ReadText(p, 302, 20, &m->destination);
      m->dte = bits >= 423 && p.B(422);
      break;
    case 9:
      if (AisDefect d = outside(168, kAny); d != AisDefect::kCount) return d;
      m->alt = static_cast<uint16_t>(p.U(38, 12));
      m->speed = static_cast<uint16_t>(p.U(50, 10));
      m->accuracy = p.B(60);
      m->lon = p.S(61, 28);
      m->lat = p.S(89, 27);
      m->course = static_cast<uint16_t>(p.U(116, 12));
      m->second = static_cast<uint8_t>(p.U(128, 6));
      m->regional = static_cast<uint8_t>(p.U(134, 8));
      m->dte = p.B(142);
      m->assigned = p.B(146);
      m->raim = p.B(147);
      m->radio = p.U(148, 20);
      break;
    case 18:
      if (AisDefect d = outside(168, kAny); d != AisDefect::kCount) return d;
      m->reserved = static_cast<uint8_t>(p.U(38, 8));
      m->speed = static_cast<uint16_t>(p.U(46, 10));
      m->accuracy = p.B(56);
      m->lon = p.S(57, 28);
      m->lat = p.S(85, 27);
      m->course = static_cast<uint16_t>(p.U(112, 12));
      m->heading = static_cast<uint16_t>(p.U(124, 9));
      m->second = static_cast<uint8_t>(p.U(133, 6));
      m->regional = static_cast<uint8_t>(p.U(139, 2));
      m->cs = p.B(141);
      m->display = p.B(142);
      m->dsc = p.B(143);
      m->band = p.B(144);
      m->msg22 = p.B(145);
      m->assigned = p.B(146);
      m->raim = p.B(147);
      m->radio = p.U(148, 20);
      break;
    case 19:
      if (AisDefect d = outside(312, kAny); d != AisDefect::kCount) return d;
      m->reserved = static_cast<uint8_t>(p.U(38, 8));
      m->speed = static_cast<uint16_t>(p.U(46, 10));
      m->accuracy = p.B(56);
      m->lon = p.S(57, 28);
      m->lat = p.S(85, 27);
      m->course = static_cast<uint16_t>(p.U(112, 12));
      m->heading = static_cast<uint16_t>(p.U(124, 9));
      m->second = static_cast<uint8_t>(p.U(133, 6));
      m->regional = static_cast<uint8_t>(p.U(139, 4));
      ReadText(p, 143, 20, &m->name);
      m->shiptype = static_cast<uint8_t>(p.U(263, 8));
      m->to_bow = static_cast<uint16_t>(p.U(271, 9));
      m->to_stern = static_cast<uint16_t>(p.U(280, 9));
      m->to_port = static_cast<uint8_t>(p.U(289, 6));
      m->to_starboard = static_cast<uint8_t>(p.U(295, 6));
      m->epfd = static_cast<uint8_t>(p.U(301, 4));
      m->raim = p.B(305);
      m->dte = p.B(306);
      m->assigned = p.B(307);
      break;
    case 21: {
      if (AisDefect d = outside(272, 368); d != AisDefect::kCount) return d;
      m->aid_type = static_cast<uint8_t>(p.U(38, 5));
      m->accuracy = p.B(163);
      m->lon = p.S(164, 28);
      m->lat = p.S(192, 27);
      m->to_bow = static_cast<uint16_t>(p.U(219, 9));
      m->to_stern = static_cast<uint16_t>(p.U(228, 9));
      m->to_port = static_cast<uint8_t>(p.U(237, 6));
      m->to_starboard = static_cast<uint8_t>(p.U(243, 6));
      m->epfd = static_cast<uint8_t>(p.U(249, 4));
      m->second = static_cast<uint8_t>(p.U(253, 6));
      m->off_position = p.B(259);
      m->regional = static_cast<uint8_t>(p.U(260, 8));
      m->raim = p.B(268);
      m->virtual_aid = p.B(269);
      m->assigned = p.B(270);
      // The name is 20 characters, blanks included, continued by the name extension after bit
      // 272 when all 20 are used; trailing blanks go only after both (gpsd's rule).
      char name[34];
      size_t len = 0;
      for (; len < 20; ++len) {
        const char c = kSixBitText[p.U(43 + 6 * len, 6)];
        if (c == '@') break;
        name[len] = c;
      }
      if (len == 20) {
        const size_t extension = std::min<size_t>((bits - 272) / 6, 14);
        for (size_t i = 0; i < extension; ++i) {
          const char c = kSixBitText[p.U(272 + 6 * i, 6)];
          if (c == '@') break;
          name[len++] = c;
        }
      }
      while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '@')) --len;
      m->name.assign({name, len});
      break;
    }
    case 24:
      if (p.bits() < 40) return AisDefect::kTruncated;
      switch (p.U(38, 2)) {
        case 0:
          if (AisDefect d = outside(160, 168); d != AisDefect::kCount) return d;
          m->part = Type24Part::kA;
          ReadText(p, 40, 20, &m->name);
          break;
        case 1:
          if (AisDefect d = outside(168, kAny); d != AisDefect::kCount) return d;
          m->part = Type24Part::kB;
          m->shiptype = static_cast<uint8_t>(p.U(40, 8));
          // ITU-R M.1371-4 carved model and serial out of the vendor id's last four characters;
          // both readings are kept, as gpsd does.
          ReadText(p, 48, 7, &m->vendorid);
          m->model = static_cast<uint8_t>(p.U(66, 4));
          m->serial = p.U(70, 20);
          ReadText(p, 90, 7, &m->callsign);
          if (IsAuxiliaryMmsi(m->mmsi)) {
            m->mothership_mmsi = p.U(132, 30);
          } else {
            m->to_bow = static_cast<uint16_t>(p.U(132, 9));
            m->to_stern = static_cast<uint16_t>(p.U(141, 9));
            m->to_port = static_cast<uint8_t>(p.U(150, 6));
            m->to_starboard = static_cast<uint8_t>(p.U(156, 6));
          }
          break;
        default:
          return AisDefect::kBadPart;
      }
      break;
    case 27:
      // 96 bits by the standard; some transmitters fill a whole 168-bit slot.
      if (AisDefect d = outside(96, 168); d != AisDefect::kCount) return d;
      m->accuracy = p.B(38);
      m->raim = p.B(39);
      m->status = static_cast<uint8_t>(p.U(40, 4));
      m->lon = p.S(44, 18);
      m->lat = p.S(62, 17);
      m->speed = static_cast<uint16_t>(p.U(79, 6));
      m->course = static_cast<uint16_t>(p.U(85, 9));
      m->gnss = p.B(94);
      break;
    default:
      return AisDefect::kCount;  // recognised, not decoded further
  }
  m->decoded = true;
  return AisDefect::kCount;
}

// Which part of a multi-sentence message is open for a (sequence id, channel): ten ids plus
// "none", times A, B and "none".
constexpr size_t kSlots = 11 * 3;

struct Slot {
  uint8_t total = 0;  // parts announced; 0: free
  uint8_t next = 0;   // the part expected next
  uint8_t received = 0;
  bool overflow = false;  // more than kMaxPayloadChars: the group ends as kTooLong
  int64_t time = 0;
  uint16_t chars = 0;
  char payload[kMaxPayloadChars];
};

struct Type24Entry {
  bool has_a = false, has_b = false;
  AisText<20> name;
  uint8_t shiptype = 0, model = 0;
  AisText<7> vendorid, callsign;
  uint32_t serial = 0, mothership_mmsi = 0;
  uint16_t to_bow = 0, to_stern = 0;
  uint8_t to_port = 0, to_starboard = 0;
};

constexpr bool IsLineDefect(AisDefect d) { return d <= AisDefect::kFragmentOutOfOrder; }

}  // namespace

std::string_view AisDefectName(AisDefect defect) {
  switch (defect) {
    case AisDefect::kNotNmea:
      return "not-nmea";
    case AisDefect::kChecksum:
      return "checksum";
    case AisDefect::kMalformed:
      return "malformed";
    case AisDefect::kBadChannel:
      return "bad-channel";
    case AisDefect::kBadFillBits:
      return "bad-fill-bits";
    case AisDefect::kBadPayloadChar:
      return "bad-payload-char";
    case AisDefect::kFragmentOutOfOrder:
      return "fragment-out-of-order";
    case AisDefect::kFragmentMissing:
      return "fragment-missing";
    case AisDefect::kTooLong:
      return "too-long";
    case AisDefect::kTruncated:
      return "truncated";
    case AisDefect::kUnknownType:
      return "unknown-type";
    case AisDefect::kBadPart:
      return "bad-part";
    case AisDefect::kCount:
      break;
  }
  return "?";
}

uint64_t AisStats::rejected_lines() const {
  uint64_t n = 0;
  for (size_t i = 0; i < kAisDefectCount; ++i) {
    if (IsLineDefect(static_cast<AisDefect>(i))) n += defects[i];
  }
  return n;
}

uint64_t AisStats::dropped_payloads() const {
  return defect(AisDefect::kTooLong) + defect(AisDefect::kTruncated) +
         defect(AisDefect::kUnknownType) + defect(AisDefect::kBadPart);
}

std::string AisStats::CheckConsistency(uint64_t open_fragments) const {
  std::string problems;
  auto check = [&problems](bool ok, std::string_view what) {
    if (!ok)
      fmt::format_to(std::back_inserter(problems), "{}{}", problems.empty() ? "" : "; ", what);
  };
  check(lines == blank + comments + other_sentences + sentences + rejected_lines(),
        "lines != blank + comments + other + sentences + rejected");
  check(sentences == payload_sentences + fragments_dropped + open_fragments,
        "sentences != in payloads + dropped fragments + open");
  check(payloads == messages + dropped_payloads(), "payloads != messages + dropped payloads");
  check(messages == decoded + skipped_types, "messages != decoded + skipped types");
  check(timed <= messages, "timed > messages");
  check(payload_sentences >= payloads, "fewer sentences than payloads");
  return problems;
}

std::string AisStats::Summary() const {
  std::string out =
      fmt::format("{} lines, {} AIS sentences, {} messages ({} decoded, {} other types, {} timed)",
                  lines, sentences, messages, decoded, skipped_types, timed);
  fmt::format_to(std::back_inserter(out), "; skipped {} blank, {} comments, {} other sentences",
                 blank, comments, other_sentences);
  if (fragments_dropped > 0) {
    fmt::format_to(std::back_inserter(out), "; {} fragments dropped", fragments_dropped);
  }
  if (bad_tag_blocks > 0) {
    fmt::format_to(std::back_inserter(out), "; {} bad tag blocks ignored", bad_tag_blocks);
  }
  bool first = true;
  for (size_t i = 0; i < kAisDefectCount; ++i) {
    if (defects[i] == 0) continue;
    fmt::format_to(std::back_inserter(out), "{}{} {}", first ? "; dropped: " : ", ",
                   AisDefectName(static_cast<AisDefect>(i)), defects[i]);
    first = false;
  }
  return out;
}

struct AisDecoder::State {
  AisDecoderOptions options;
  AisStats stats;
  AisPayload payload;
  std::array<Slot, kSlots> slots;
  uint64_t open_fragments = 0;
  int64_t pghp_time = 0;  // from a $PGHP line, for the next sentence only
  std::unordered_map<uint32_t, Type24Entry> type24;

  bool Reject(AisDefect d) {
    ++stats.defects[static_cast<size_t>(d)];
    return false;
  }

  void Abandon(Slot& slot) {
    ++stats.defects[static_cast<size_t>(AisDefect::kFragmentMissing)];
    stats.fragments_dropped += slot.received;
    open_fragments -= slot.received;
    slot.total = 0;
  }

  void HandleDollar(std::string_view s);
  // `tag_time` from the tag block, `fallback_time` from a prefix or $PGHP; 0 when none. A time
  // after the checksum ranks between them.
  bool HandleSentence(std::string_view s, int64_t tag_time, int64_t fallback_time, AisMessage* out);
  bool DecodePayload(int64_t time, char channel, bool own_ship, uint8_t sentences, AisMessage* out);
  void MergeType24(AisMessage* m);
};

void AisDecoder::State::HandleDollar(std::string_view s) {
  ++stats.other_sentences;
  // Gatehouse: $PGHP,1,<year>,<month>,<day>,<hour>,<minute>,<second>,<ms>,...*hh times the
  // sentence that follows.
  if (s.substr(0, 8) != "$PGHP,1,") return;
  const size_t star = s.rfind('*');
  if (star == std::string_view::npos || star + 3 > s.size() ||
      !ChecksumMatches(s.substr(1, star - 1), s.data() + star + 1)) {
    return;
  }
  int64_t v[6] = {};
  std::string_view rest = s.substr(8, star - 8);
  for (int64_t& field : v) {
    const size_t comma = rest.find(',');
    const std::string_view f = rest.substr(0, comma);
    if (f.empty() || f.size() > 4 || !Digits(f, 0, f.size(), &field)) return;
    if (comma == std::string_view::npos) return;
    rest.remove_prefix(comma + 1);
  }
  pghp_time = CivilSeconds(v[0], v[1], v[2], v[3], v[4], v[5]);
}

bool AisDecoder::State::HandleSentence(std::string_view s, int64_t tag_time, int64_t fallback_time,
                                       AisMessage* out) {
  // "!xxVDM" or "!xxVDO" with any two-letter talker.
  if (s.size() < 6 || s[3] != 'V' || s[4] != 'D' || (s[5] != 'M' && s[5] != 'O') ||
      !IsUpper(s[1]) || !IsUpper(s[2])) {
    ++stats.other_sentences;
    return false;
  }
  const bool own_ship = s[5] == 'O';
  const void* star_ptr = std::memchr(s.data(), '*', s.size());
  if (star_ptr == nullptr) return Reject(AisDefect::kChecksum);
  const size_t star = static_cast<size_t>(static_cast<const char*>(star_ptr) - s.data());
  if (star + 3 > s.size() || !ChecksumMatches(s.substr(1, star - 1), s.data() + star + 1)) {
    return Reject(AisDefect::kChecksum);
  }
  if (star < 7 || s[6] != ',') return Reject(AisDefect::kMalformed);
  int64_t time = tag_time;
  if (time == 0) time = ParseSuffixTime(s.substr(star + 3));
  if (time == 0) time = fallback_time;

  // Six fields: parts, part number, sequence id, channel, payload, fill bits. All but the
  // payload are at most two characters, so they are picked out by hand rather than searched.
  const std::string_view body = s.substr(7, star - 7);
  size_t pos = 0;
  auto short_field = [&body, &pos](std::string_view* field) {
    const size_t start = pos;
    while (pos < body.size() && body[pos] != ',' && pos - start <= 2) ++pos;
    if (pos >= body.size() || body[pos] != ',') return false;
    *field = body.substr(start, pos - start);
    ++pos;
    return true;
  };
  std::string_view total_f, part_f, seq_f, channel_f;
  if (!short_field(&total_f) || !short_field(&part_f) || !short_field(&seq_f) ||
      !short_field(&channel_f)) {
    return Reject(AisDefect::kMalformed);
  }
  const size_t last_comma = body.rfind(',');
  if (last_comma == std::string_view::npos || last_comma < pos) {
    return Reject(AisDefect::kMalformed);
  }
  const std::string_view armour = body.substr(pos, last_comma - pos);
  const std::string_view fill_f = body.substr(last_comma + 1);
  if (total_f.size() != 1 || total_f[0] < '1' || total_f[0] > '9' || part_f.size() != 1 ||
      part_f[0] < '1' || part_f[0] > total_f[0] || seq_f.size() > 1 ||
      (seq_f.size() == 1 && !IsDigit(seq_f[0]))) {
    return Reject(AisDefect::kMalformed);
  }
  const int total = total_f[0] - '0', part = part_f[0] - '0';
  char channel = 0;
  size_t channel_index = 2;
  if (channel_f.size() == 1 && (channel_f[0] == 'A' || channel_f[0] == '1')) {
    channel = 'A';
    channel_index = 0;
  } else if (channel_f.size() == 1 && (channel_f[0] == 'B' || channel_f[0] == '2')) {
    channel = 'B';
    channel_index = 1;
  } else if (!channel_f.empty()) {
    return Reject(AisDefect::kBadChannel);
  }
  // An empty fill field is read as 0, as gpsd does.
  unsigned fill = 0;
  if (fill_f.size() > 1 || (fill_f.size() == 1 && (fill_f[0] < '0' || fill_f[0] > '5'))) {
    return Reject(AisDefect::kBadFillBits);
  }
  if (fill_f.size() == 1) fill = static_cast<unsigned>(fill_f[0] - '0');
  if (fill != 0 && part != total) return Reject(AisDefect::kBadFillBits);

  if (total == 1) {
    if (fill > 6 * armour.size()) return Reject(AisDefect::kBadFillBits);
    payload.Clear();
    const bool too_long = armour.size() > kMaxPayloadChars;
    if (too_long ? !internal::IsArmour(armour) : !payload.Append(armour)) {
      return Reject(AisDefect::kBadPayloadChar);
    }
    ++stats.sentences;
    ++stats.payload_sentences;
    ++stats.payloads;
    if (too_long) return Reject(AisDefect::kTooLong);
    payload.Finish(fill);
    return DecodePayload(time, channel, own_ship, 1, out);
  }

  const size_t seq = seq_f.empty() ? 10 : static_cast<size_t>(seq_f[0] - '0');
  Slot& slot = slots[seq * 3 + channel_index];
  if (part == 1) {
    if (!internal::IsArmour(armour)) return Reject(AisDefect::kBadPayloadChar);
    if (slot.total != 0) Abandon(slot);
    slot.total = static_cast<uint8_t>(total);
    slot.next = 2;
    slot.received = 1;
    slot.time = time;
    slot.overflow = armour.size() > kMaxPayloadChars;
    slot.chars = 0;
    if (!slot.overflow) {
      std::memcpy(slot.payload, armour.data(), armour.size());
      slot.chars = static_cast<uint16_t>(armour.size());
    }
    ++stats.sentences;
    ++open_fragments;
    return false;
  }
  if (slot.total == 0 || slot.next != part || slot.total != total) {
    if (slot.total != 0) Abandon(slot);
    return Reject(AisDefect::kFragmentOutOfOrder);
  }
  if (!internal::IsArmour(armour)) return Reject(AisDefect::kBadPayloadChar);
  if (part == total && fill > 6 * (slot.chars + armour.size())) {
    return Reject(AisDefect::kBadFillBits);
  }
  if (slot.chars + armour.size() > kMaxPayloadChars) slot.overflow = true;
  if (!slot.overflow) {
    std::memcpy(slot.payload + slot.chars, armour.data(), armour.size());
    slot.chars = static_cast<uint16_t>(slot.chars + armour.size());
  }
  ++stats.sentences;
  ++open_fragments;
  ++slot.received;
  if (slot.time == 0) slot.time = time;
  if (part < total) {
    ++slot.next;
    return false;
  }
  // Complete.
  const uint8_t received = slot.received;
  open_fragments -= received;
  stats.payload_sentences += received;
  ++stats.payloads;
  slot.total = 0;
  if (slot.overflow) return Reject(AisDefect::kTooLong);
  payload.Clear();
  payload.Append({slot.payload, slot.chars});
  payload.Finish(fill);
  return DecodePayload(slot.time, channel, own_ship, received, out);
}

bool AisDecoder::State::DecodePayload(int64_t time, char channel, bool own_ship, uint8_t sentences,
                                      AisMessage* out) {
  if (payload.bits() < 38) return Reject(AisDefect::kTruncated);
  const auto type = static_cast<uint8_t>(payload.U(0, 6));
  if (type == 0 || type > 27) return Reject(AisDefect::kUnknownType);
  *out = AisMessage{};
  out->type = type;
  out->repeat = static_cast<uint8_t>(payload.U(6, 2));
  out->mmsi = payload.U(8, 30);
  out->time = time;
  out->channel = channel;
  out->own_ship = own_ship;
  out->bits = static_cast<uint16_t>(payload.bits());
  out->sentences = sentences;
  if (AisDefect d = DecodeBody(payload, out); d != AisDefect::kCount) return Reject(d);
  if (type == 24) MergeType24(out);
  ++stats.messages;
  ++(out->decoded ? stats.decoded : stats.skipped_types);
  if (time != 0) ++stats.timed;
  return true;
}

void AisDecoder::State::MergeType24(AisMessage* m) {
  if (type24.size() >= options.max_type24_vessels && type24.find(m->mmsi) == type24.end()) {
    type24.clear();
  }
  Type24Entry& e = type24[m->mmsi];
  if (m->part == Type24Part::kA) {
    e.has_a = true;
    e.name.assign(m->name.view());
  } else {
    e.has_b = true;
    e.shiptype = m->shiptype;
    e.vendorid = m->vendorid;
    e.model = m->model;
    e.serial = m->serial;
    e.callsign = m->callsign;
    e.mothership_mmsi = m->mothership_mmsi;
    e.to_bow = m->to_bow;
    e.to_stern = m->to_stern;
    e.to_port = m->to_port;
    e.to_starboard = m->to_starboard;
  }
  m->has_part_a = e.has_a;
  m->has_part_b = e.has_b;
  if (m->part == Type24Part::kA && e.has_b) {
    m->shiptype = e.shiptype;
    m->vendorid = e.vendorid;
    m->model = e.model;
    m->serial = e.serial;
    m->callsign = e.callsign;
    m->mothership_mmsi = e.mothership_mmsi;
    m->to_bow = e.to_bow;
    m->to_stern = e.to_stern;
    m->to_port = e.to_port;
    m->to_starboard = e.to_starboard;
  } else if (m->part == Type24Part::kB && e.has_a) {
    m->name.assign(e.name.view());
  }
}

AisDecoder::AisDecoder(AisDecoderOptions options) : state_(std::make_unique<State>()) {
  state_->options = options;
}
AisDecoder::~AisDecoder() = default;
AisDecoder::AisDecoder(AisDecoder&&) noexcept = default;
AisDecoder& AisDecoder::operator=(AisDecoder&&) noexcept = default;

bool AisDecoder::Decode(std::string_view line, AisMessage* out) {
  State& s = *state_;
  ++s.stats.lines;
  while (!line.empty() && IsBlank(line.back())) line.remove_suffix(1);
  size_t pos = 0;
  while (pos < line.size() && IsBlank(line[pos])) ++pos;
  if (pos == line.size()) {
    ++s.stats.blank;
    return false;
  }
  const char first = line[pos];
  if (first == '#') {
    ++s.stats.comments;
    return false;
  }
  int64_t prefix_time = 0, tag_time = 0;
  if (first != '!' && first != '\\' && first != '$') {
    // A receiver timestamp, or noise, in front of the sentence.
    const size_t start = line.find_first_of("!\\", pos);
    if (start == std::string_view::npos) return s.Reject(AisDefect::kNotNmea);
    prefix_time = ParsePrefixTime(line.substr(pos, start - pos));
    pos = start;
  }
  if (line[pos] == '\\') {
    const size_t end = line.find('\\', pos + 1);
    if (end == std::string_view::npos || end + 1 == line.size()) {
      return s.Reject(AisDefect::kMalformed);
    }
    TagBlock tag;
    if (!ParseTagBlock(line.substr(pos + 1, end - pos - 1), &tag)) {
      ++s.stats.bad_tag_blocks;
    } else {
      tag_time = tag.time;
    }
    pos = end + 1;
  }
  const std::string_view sentence = line.substr(pos);
  if (sentence[0] == '$') {
    s.HandleDollar(sentence);
    return false;
  }
  if (sentence[0] != '!') return s.Reject(AisDefect::kNotNmea);
  const int64_t fallback_time = prefix_time != 0 ? prefix_time : s.pghp_time;
  s.pghp_time = 0;
  return s.HandleSentence(sentence, tag_time, fallback_time, out);
}

void AisDecoder::Finish() {
  for (Slot& slot : state_->slots) {
    if (slot.total != 0) state_->Abandon(slot);
  }
}

const AisStats& AisDecoder::stats() const { return state_->stats; }
uint64_t AisDecoder::open_fragments() const { return state_->open_fragments; }

bool ToPositionReport(const AisMessage& msg, PositionReport* out) {
  if (!msg.decoded) return false;
  PositionReport r;
  r.time = msg.time;
  r.mmsi = msg.mmsi;
  r.message_type = msg.type;
  double divisor = 600000.0;
  switch (msg.type) {
    case 1:
    case 2:
    case 3:
    case 18:
    case 19:
      if (msg.speed != 1023) r.speed_knots = static_cast<float>(msg.speed / 10.0);
      if (msg.course < 3600) r.course = static_cast<float>(msg.course / 10.0);
      if (msg.heading < 360) r.heading = msg.heading;
      if (msg.type <= 3) r.status = msg.status;
      break;
    case 9:
      if (msg.speed != 1023) r.speed_knots = static_cast<float>(msg.speed);
      if (msg.course < 3600) r.course = static_cast<float>(msg.course / 10.0);
      break;
    case 4:
    case 21:
      break;
    case 27:
      divisor = 600.0;
      if (msg.speed != 63) r.speed_knots = static_cast<float>(msg.speed);
      if (msg.course < 360) r.course = static_cast<float>(msg.course);
      r.status = msg.status;
      if (msg.lon == 181 * 600 || msg.lat == 91 * 600) return false;
      break;
    default:
      return false;
  }
  if (msg.type != 27 && (msg.lon == kLonNotAvailable || msg.lat == kLatNotAvailable)) {
    return false;
  }
  r.position = {msg.lat / divisor, msg.lon / divisor};
  if (std::fabs(r.position.lat) > 90 || std::fabs(r.position.lon) > 180) return false;
  *out = r;
  return true;
}

bool ToStaticReport(const AisMessage& msg, StaticReport* out) {
  if (!msg.decoded || (msg.type != 5 && msg.type != 19 && msg.type != 24)) return false;
  out->time = msg.time;
  out->mmsi = msg.mmsi;
  out->message_type = msg.type;
  out->imo = msg.type == 5 ? msg.imo : 0;
  const bool has_name = msg.type != 24 || msg.has_part_a;
  const bool has_b = msg.type != 24 || msg.has_part_b;
  out->name.assign(has_name ? msg.name.view() : std::string_view());
  out->callsign.assign(has_b ? msg.callsign.view() : std::string_view());
  out->destination.assign(msg.destination.view());
  out->ship_type = has_b ? msg.shiptype : 0;
  out->to_bow = msg.to_bow;
  out->to_stern = msg.to_stern;
  out->to_port = msg.to_port;
  out->to_starboard = msg.to_starboard;
  out->draught = msg.type == 5 ? static_cast<float>(msg.draught / 10.0) : 0.0f;
  return true;
}

}  // namespace cordon::maritime
