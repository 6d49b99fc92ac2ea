// maritime/testing/ais_encoder.h: AIS messages 1/2/3 (class A position) and 5 (static and
// voyage data) encoded bit for bit per ITU-R M.1371-5, and wrapped in NMEA 0183 !AIVDM
// sentences with NMEA 4 tag blocks, for the generated streams of the detector tests.
//
//   PositionMessage m = PositionMessage::From(report);  // scaled values -> raw fields
//   std::vector<std::string> lines = ToSentences(EncodePosition(m), {.time = report.time});
//   // {"\c:1709251200*5C\!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26"}
//
// Fields hold the raw transmitted values (1/10 knot, 1/10000 minute, ...), so a test can
// reproduce a real sentence exactly; From() rounds a PositionReport / StaticReport into them.
// Text is upper-cased and characters outside the six-bit alphabet become '?'; short text is
// padded with '@' as the standard asks.
//
// Thread safety: pure functions and plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "maritime/reports.h"

namespace cordon::maritime::testing {

struct PositionMessage {  // messages 1, 2 and 3: 168 bits
  uint8_t type = 1;
  uint8_t repeat = 0;
  uint32_t mmsi = 0;
  uint8_t status = 15;    // navigational status, 15 = not defined
  int8_t turn = -128;     // rate of turn as sent, -128 = not available
  uint16_t speed = 1023;  // 1/10 knot, 1023 = not available
  bool accuracy = false;
  int32_t lon = 181 * 600000;  // 1/10000 minute, 181 degrees = not available
  int32_t lat = 91 * 600000;   // 1/10000 minute, 91 degrees = not available
  uint16_t course = 3600;      // 1/10 degree, 3600 = not available
  uint16_t heading = 511;      // degrees, 511 = not available
  uint8_t second = 60;         // UTC second, 60 = not available
  uint8_t maneuver = 0;
  bool raim = false;
  uint32_t radio = 0;  // 19-bit communication state

  // Type 1 (or report.message_type when it is 2 or 3), values rounded to the field's unit;
  // the second is the report time's.
  static PositionMessage From(const PositionReport& report);
};

struct StaticMessage {  // message 5: 424 bits
  uint8_t repeat = 0;
  uint32_t mmsi = 0;
  uint8_t ais_version = 0;
  uint32_t imo = 0;
  std::string callsign;  // 7 characters
  std::string name;      // 20 characters
  uint8_t ship_type = 0;
  uint16_t to_bow = 0, to_stern = 0;                                   // 9 bits each
  uint8_t to_port = 0, to_starboard = 0;                               // 6 bits each
  uint8_t epfd = 1;                                                    // GPS
  uint8_t eta_month = 0, eta_day = 0, eta_hour = 24, eta_minute = 60;  // not available
  uint8_t draught = 0;                                                 // 1/10 metre
  std::string destination;                                             // 20 characters
  bool dte = false;

  static StaticMessage From(const StaticReport& report);
};

struct Payload {
  std::string armoured;  // six-bit characters '0'..'W', '`'..'w'
  int fill_bits = 0;
};

Payload EncodePosition(const PositionMessage& message);
Payload EncodeStatic(const StaticMessage& message);

struct SentenceOptions {
  int64_t time = -1;  // tag block c: field (Unix seconds); no tag block when negative
  char channel = 'A';
  int sequence_id = 0;              // 0..9, for multi-sentence messages
  int group_id = 1;                 // tag block g: group for multi-sentence messages
  size_t max_chars = 60;            // payload characters per sentence
  bool sequence_id_always = false;  // also on single sentences, as some receivers write it
};

// The sentences carrying `payload`: one when it fits in max_chars, else several with the
// sequence id, each with a tag block (when options.time >= 0) that has the group and the time.
std::vector<std::string> ToSentences(const Payload& payload, const SentenceOptions& options);

// The two hex digits of the XOR of every character of `body` (between '!' or '\' and '*').
std::string NmeaChecksum(std::string_view body);

}  // namespace cordon::maritime::testing
