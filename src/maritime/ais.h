// maritime/ais.h: decodes AIS radio messages from NMEA 0183 text (!AIVDM / !AIVDO sentences).
//
//   AisDecoder decoder;
//   AisMessage msg;  // reused: Decode overwrites it, nothing is allocated per sentence
//   for (std::string_view line : lines) {
//     if (!decoder.Decode(line, &msg)) continue;  // fragment, comment or defect (counted)
//     PositionReport p;
//     if (ToPositionReport(msg, &p)) tracker.OnPosition(p);
//   }
//   decoder.Finish();  // multi-sentence groups still open count as dropped
//   fmt::print("{}\n", decoder.stats().Summary());
//
// Input: one sentence per line, any talker (!AIVDM, !BSVDM, !ABVDO, ...), with an optional NMEA 4
// tag block in front (`\s:rORBCOMM,c:1418169601*hh\!AIVDM,...`; `c:` is the message time,
// `g:` groups are accepted), an optional receiver timestamp in front (Unix seconds or an ISO
// date-time followed by a blank) or behind the checksum (the USCG/NAIS style
// `...,0*4A,b003669794,1272412827`), and Gatehouse `$PGHP,1,...` lines that time the sentence
// after them. Comments (`#`), blank lines, CRLF and other NMEA sentences are skipped.
// Multi-sentence messages are assembled per sequence id and channel, so interleaved groups
// work; a part out of order, or a group that never completes, is dropped and counted.
//
// Message types 1/2/3, 4, 5, 9, 18, 19, 21, 24 (parts A and B) and 27 are decoded completely
// (`AisMessage::decoded`); every other type 1..27 is returned with type, repeat and MMSI only.
// Field layouts, the tolerated payload lengths and the mapping onto gpsd's JSON are in
// docs/formats/ais_nmea.md.
//
// Errors: a bad sentence is never fatal. It is counted in AisStats under one AisDefect and
// decoding goes on with the next line.
//
// Thread safety: an AisDecoder is single-threaded (it holds the open groups and the class B
// static data); use one per input stream. AisMessage, AisStats and the free functions are plain
// values / pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "maritime/reports.h"

namespace cordon::maritime {

// Six-bit text as sent (gpsd's rules: cut at the first '@', trailing blanks removed), stored
// inline so that a message holds no heap memory.
template <size_t N>
struct AisText {
  char chars[N] = {};
  uint8_t size = 0;
  std::string_view view() const { return {chars, size}; }
  void assign(std::string_view s) {
    size = static_cast<uint8_t>(s.size() < N ? s.size() : N);
    std::memcpy(chars, s.data(), size);
  }
  friend bool operator==(const AisText& a, const AisText& b) { return a.view() == b.view(); }
};

enum class Type24Part : uint8_t { kNone = 0, kA = 1, kB = 2 };

// One decoded AIS message. Numbers are the transmitted (unscaled) values, named as in gpsd's
// JSON; fields that the message's type does not carry are zero. ToPositionReport /
// ToStaticReport and AppendGpsdJson apply the scaling.
struct AisMessage {
  // Every message.
  uint8_t type = 0;  // 1..27
  uint8_t repeat = 0;
  uint32_t mmsi = 0;
  int64_t time = 0;       // Unix seconds from the tag block, a receiver timestamp or $PGHP; 0: none
  char channel = 0;       // 'A' or 'B' ('1' / '2' are mapped), 0 when the sentence left it empty
  bool own_ship = false;  // from a !xxVDO sentence
  uint16_t bits = 0;      // payload length in bits, fill bits removed
  uint8_t sentences = 0;  // NMEA sentences the payload came in
  bool decoded = false;   // type 1/2/3, 4, 5, 9, 18, 19, 21, 24 or 27: the fields below are set

  // Position and motion: 1/2/3, 4, 9, 18, 19, 21, 27.
  int32_t lon = 0;       // 1/10000 minute; type 27: 1/10 minute. 181 degrees: not available
  int32_t lat = 0;       // as lon; 91 degrees: not available
  uint16_t speed = 0;    // 1/10 knot (1023 n/a); type 9: knots (1023 n/a); 27: knots (63 n/a)
  uint16_t course = 0;   // 1/10 degree (3600 n/a); type 27: degrees (511 n/a)
  uint16_t heading = 0;  // degrees, 511 n/a (1/2/3, 18, 19)
  int16_t turn = 0;      // rate of turn as sent, -128 n/a (1/2/3)
  uint8_t status = 0;    // navigational status (1/2/3, 27)
  uint8_t second = 0;    // UTC second of the report (1/2/3, 9, 18, 19, 21)
  uint8_t maneuver = 0;  // 1/2/3
  uint8_t regional = 0;  // regional bits (9: 8, 18: 2, 19: 4, 21: 8)
  uint8_t reserved = 0;  // 18, 19
  uint16_t alt = 0;      // 9: metres, 4095 n/a
  uint32_t radio = 0;    // communication state (1/2/3, 4, 9, 18)
  uint8_t epfd = 0;      // position fixing device (4, 5, 19, 21)
  bool accuracy = false, raim = false, assigned = false, dte = false;
  bool cs = false, display = false, dsc = false, band = false, msg22 = false;  // 18
  bool gnss = false;                                                           // 27
  bool off_position = false, virtual_aid = false;                              // 21

  // Type 4: the base station's UTC.
  struct {
    uint16_t year = 0;
    uint8_t month = 0, day = 0, hour = 0, minute = 0, second = 0;
  } utc;

  // Static and voyage data: 5, 19, 21, 24.
  uint32_t imo = 0;  // 5
  uint8_t ais_version = 0;
  uint8_t shiptype = 0;  // 5, 19, 24B
  uint16_t to_bow = 0, to_stern = 0;
  uint8_t to_port = 0, to_starboard = 0;
  struct {
    uint8_t month = 0, day = 0, hour = 0, minute = 0;
  } eta;                    // 5
  uint8_t draught = 0;      // 5: 1/10 metre
  uint8_t aid_type = 0;     // 21
  AisText<34> name;         // 5, 19, 24A: ship name; 21: aid-to-navigation name with extension
  AisText<7> callsign;      // 5, 24B
  AisText<20> destination;  // 5
  // Type 24. A part carries the other part's fields when the decoder has seen them for the same
  // MMSI (has_part_a / has_part_b), so that one message gives the whole class B static report.
  Type24Part part = Type24Part::kNone;
  bool has_part_a = false, has_part_b = false;
  AisText<7> vendorid;
  uint8_t model = 0;
  uint32_t serial = 0;
  uint32_t mothership_mmsi = 0;  // 24B from an auxiliary craft (MMSI 98xxxxxxx)
};

// Why a line or a message was dropped. The first group drops the line; the second drops an
// assembled payload (or, for kFragmentMissing, a group that never completed).
enum class AisDefect : uint8_t {
  kNotNmea = 0,         // neither a sentence, a tag block, a comment nor blank
  kChecksum,            // *hh missing, not hex, or not the XOR of the sentence
  kMalformed,           // fields missing or out of range (count, part number, sequence id)
  kBadChannel,          // channel other than A, B, 1, 2 or empty (gpsd also drops C and 12)
  kBadFillBits,         // fill bits not 0..5, more than the payload, or on a non-final part
  kBadPayloadChar,      // a payload character outside the six-bit armour
  kFragmentOutOfOrder,  // a part that does not continue an open group of its sequence/channel
  kFragmentMissing,     // an open group abandoned: a new first part came, or the input ended
  kTooLong,             // payload longer than 512 characters, or than its type allows
  kTruncated,           // payload shorter than its type needs (or than 38 bits)
  kUnknownType,         // message type 0 or 28..63
  kBadPart,             // type 24 with part number 2 or 3
  kCount,
};
inline constexpr size_t kAisDefectCount = static_cast<size_t>(AisDefect::kCount);
std::string_view AisDefectName(AisDefect defect);  // "checksum", "fragment-missing", ...

// Counts over everything a decoder has seen. Every line lands in exactly one of blank, comments,
// other_sentences, sentences or a line-level defect; every accepted sentence ends up in a
// payload, in fragments_dropped or still open; every payload becomes a message or a
// message-level defect (see CheckConsistency).
struct AisStats {
  uint64_t lines = 0;
  uint64_t blank = 0;
  uint64_t comments = 0;
  uint64_t other_sentences = 0;    // well-formed but not AIS data ($PGHP, $GPRMC, !AIABK, ...)
  uint64_t sentences = 0;          // accepted AIS sentences
  uint64_t payload_sentences = 0;  // ... that went into a complete payload
  uint64_t fragments_dropped = 0;  // ... that were dropped with their incomplete group
  uint64_t payloads = 0;           // complete payloads (single sentences and assembled groups)
  uint64_t messages = 0;           // messages returned
  uint64_t decoded = 0;            // ... of a fully decoded type
  uint64_t skipped_types = 0;      // ... of another type (type, repeat and MMSI only)
  uint64_t bad_tag_blocks = 0;     // tag blocks ignored (checksum, syntax); the sentence is used
  uint64_t timed = 0;              // messages that got a time from the input
  std::array<uint64_t, kAisDefectCount> defects{};

  uint64_t defect(AisDefect d) const { return defects[static_cast<size_t>(d)]; }
  uint64_t rejected_lines() const;    // line-level defects
  uint64_t dropped_payloads() const;  // kTooLong + kTruncated + kUnknownType + kBadPart
  // "" when the counts add up as described above, else which sum does not (our bug).
  // `open_fragments` is AisDecoder::open_fragments() (0 after Finish()).
  std::string CheckConsistency(uint64_t open_fragments = 0) const;
  // One line for a person: "1000 lines, 990 AIS sentences, 960 messages (950 decoded, ...);
  // dropped: checksum 3, fragment-missing 1".
  std::string Summary() const;
};

struct AisDecoderOptions {
  // Type 24 parts are remembered per MMSI to merge A and B; when this many MMSIs are held the
  // memory is cleared and merging starts over.
  size_t max_type24_vessels = 1'000'000;
};

class AisDecoder {
 public:
  explicit AisDecoder(AisDecoderOptions options = {});
  ~AisDecoder();
  AisDecoder(AisDecoder&&) noexcept;
  AisDecoder& operator=(AisDecoder&&) noexcept;

  // Feeds one line (a trailing "\r\n" or blanks are ignored). Returns true when the line
  // completed a message, which is then in *out (every field overwritten); false for a blank
  // line, comment, other sentence, a part of a message still being assembled, or a defect
  // (counted in stats()). Never fails otherwise.
  // REQUIRES: out != nullptr.
  bool Decode(std::string_view line, AisMessage* out);

  // Decodes every line of `text` ('\n' separated) and calls on_message(const AisMessage&) for
  // each message. Returns the number of messages. Does not call Finish().
  template <typename OnMessage>
  size_t DecodeAll(std::string_view text, OnMessage&& on_message) {
    AisMessage msg;
    size_t count = 0;
    while (!text.empty()) {
      const void* nl = std::memchr(text.data(), '\n', text.size());
      const size_t len =
          nl ? static_cast<size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
      if (Decode(text.substr(0, len), &msg)) {
        ++count;
        on_message(static_cast<const AisMessage&>(msg));
      }
      text.remove_prefix(len < text.size() ? len + 1 : len);
    }
    return count;
  }

  // End of input: every group still waiting for parts is dropped (kFragmentMissing). The
  // decoder can be fed again afterwards.
  void Finish();

  const AisStats& stats() const;
  uint64_t open_fragments() const;  // sentences held in groups not yet complete

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The position in `msg` for the trackers: types 1/2/3, 4, 9, 18, 19, 21 and 27. Returns false
// (and leaves *out untouched) for other types and when the position is not available (lon 181,
// lat 91) or out of range. Speed, course and heading that are not available become kNoSpeed,
// kNoCourse and kNoHeading; status is kNoStatus for types that carry none.
bool ToPositionReport(const AisMessage& msg, PositionReport* out);

// The static data in `msg`: types 5, 19 and 24 (with whatever the decoder merged from the other
// part of a 24). Returns false (and leaves *out untouched) for other types.
bool ToStaticReport(const AisMessage& msg, StaticReport* out);

// gpsd's JSON for `msg` ({"class":"AIS",...} as gpsdecode prints it, without a line end):
// the same field names, order and formats for the fully decoded types, scaled like gpsd 3.25
// (degrees with 7 decimals, knots, "n/a" markers) or unscaled on request; type, repeat and
// MMSI only for other types. A type 24 carrying both parts prints like gpsd's merged report,
// one part alone with "part":"A" / "B" like gpsdecode --split24.
struct GpsdJsonOptions {
  bool scaled = true;
  std::string_view device;  // "device" field when not empty ("stdin" for gpsdecode)
};
void AppendGpsdJson(const AisMessage& msg, std::string* out, const GpsdJsonOptions& options = {});

}  // namespace cordon::maritime
