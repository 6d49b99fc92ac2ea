#include "maritime/testing/ais_encoder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cordon::maritime::testing {
namespace {

// Big-endian bit writer; the standard sends fields most significant bit first.
class BitWriter {
 public:
  void Put(uint64_t value, int bits) {
    for (int i = bits - 1; i >= 0; --i) bits_.push_back(((value >> i) & 1) != 0);
  }
  void PutSigned(int64_t value, int bits) {
    Put(static_cast<uint64_t>(value) & ((uint64_t{1} << bits) - 1), bits);
  }
  void PutText(std::string_view text, int chars) {
    for (int i = 0; i < chars; ++i) {
      Put(i < static_cast<int>(text.size()) ? SixBitOf(text[static_cast<size_t>(i)]) : 0, 6);
    }
  }
  Payload Armour() const {
    Payload payload;
    const size_t chars = (bits_.size() + 5) / 6;
    payload.fill_bits = static_cast<int>(chars * 6 - bits_.size());
    for (size_t c = 0; c < chars; ++c) {
      int value = 0;
      for (size_t b = 0; b < 6; ++b) {
        const size_t at = c * 6 + b;
        value = (value << 1) | (at < bits_.size() && bits_[at] ? 1 : 0);
      }
      payload.armoured += static_cast<char>(value < 40 ? value + 48 : value + 56);
    }
    return payload;
  }
  size_t size() const { return bits_.size(); }

 private:
  // ITU-R M.1371 table 47: '@'..'_' are 0..31, ' '..'?' are 32..63.
  static int SixBitOf(char c) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c >= '@' && c <= '_') return c - '@';
    if (c >= ' ' && c <= '?') return c;
    return '?';
  }
  std::vector<bool> bits_;
};

int32_t RawDegrees(double degrees) { return static_cast<int32_t>(std::lround(degrees * 600000.0)); }

}  // namespace

PositionMessage PositionMessage::From(const PositionReport& report) {
  PositionMessage m;
  m.type = report.message_type == 2 || report.message_type == 3 ? report.message_type : 1;
  m.mmsi = report.mmsi;
  m.status = report.status;
  m.turn = 0;
  if (report.speed_knots >= 0) {
    m.speed = static_cast<uint16_t>(std::min(1022L, std::lround(report.speed_knots * 10.0)));
  }
  m.lon = RawDegrees(report.position.lon);
  m.lat = RawDegrees(report.position.lat);
  if (report.course >= 0) {
    m.course = static_cast<uint16_t>(std::lround(report.course * 10.0) % 3600);
  }
  m.heading = report.heading;
  m.second = static_cast<uint8_t>(((report.time % 60) + 60) % 60);
  return m;
}

StaticMessage StaticMessage::From(const StaticReport& report) {
  StaticMessage m;
  m.mmsi = report.mmsi;
  m.imo = report.imo;
  m.callsign = report.callsign;
  m.name = report.name;
  m.ship_type = report.ship_type;
  m.to_bow = report.to_bow;
  m.to_stern = report.to_stern;
  m.to_port = static_cast<uint8_t>(std::min<uint16_t>(report.to_port, 63));
  m.to_starboard = static_cast<uint8_t>(std::min<uint16_t>(report.to_starboard, 63));
  m.draught = static_cast<uint8_t>(std::min(255L, std::lround(report.draught * 10.0)));
  m.destination = report.destination;
  return m;
}

Payload EncodePosition(const PositionMessage& m) {
  BitWriter w;
  w.Put(m.type, 6);
  w.Put(m.repeat, 2);
  w.Put(m.mmsi, 30);
  w.Put(m.status, 4);
  w.PutSigned(m.turn, 8);
  w.Put(m.speed, 10);
  w.Put(m.accuracy, 1);
  w.PutSigned(m.lon, 28);
  w.PutSigned(m.lat, 27);
  w.Put(m.course, 12);
  w.Put(m.heading, 9);
  w.Put(m.second, 6);
  w.Put(m.maneuver, 2);
  w.Put(0, 3);  // spare
  w.Put(m.raim, 1);
  w.Put(m.radio, 19);
  return w.Armour();
}

Payload EncodeStatic(const StaticMessage& m) {
  BitWriter w;
  w.Put(5, 6);
  w.Put(m.repeat, 2);
  w.Put(m.mmsi, 30);
  w.Put(m.ais_version, 2);
  w.Put(m.imo, 30);
  w.PutText(m.callsign, 7);
  w.PutText(m.name, 20);
  w.Put(m.ship_type, 8);
  w.Put(m.to_bow, 9);
  w.Put(m.to_stern, 9);
  w.Put(m.to_port, 6);
  w.Put(m.to_starboard, 6);
  w.Put(m.epfd, 4);
  w.Put(m.eta_month, 4);
  w.Put(m.eta_day, 5);
  w.Put(m.eta_hour, 5);
  w.Put(m.eta_minute, 6);
  w.Put(m.draught, 8);
  w.PutText(m.destination, 20);
  w.Put(m.dte, 1);
  w.Put(0, 1);  // spare
  return w.Armour();
}

std::string NmeaChecksum(std::string_view body) {
  unsigned sum = 0;
  for (char c : body) sum ^= static_cast<unsigned char>(c);
  return fmt::format("{:02X}", sum);
}

std::vector<std::string> ToSentences(const Payload& payload, const SentenceOptions& options) {
  const size_t per = std::max<size_t>(1, options.max_chars);
  const size_t count = std::max<size_t>(1, (payload.armoured.size() + per - 1) / per);
  std::vector<std::string> sentences;
  for (size_t part = 0; part < count; ++part) {
    const bool last = part + 1 == count;
    const std::string body = fmt::format(
        "AIVDM,{},{},{},{},{},{}", count, part + 1,
        count > 1 || options.sequence_id_always ? std::to_string(options.sequence_id)
                                                : std::string(),
        options.channel, payload.armoured.substr(part * per, per), last ? payload.fill_bits : 0);
    std::string sentence;
    if (options.time >= 0) {
      const std::string tag = count > 1 ? fmt::format("g:{}-{}-{},c:{}", part + 1, count,
                                                      options.group_id, options.time)
                                        : fmt::format("c:{}", options.time);
      sentence = fmt::format("\\{}*{}\\", tag, NmeaChecksum(tag));
    }
    sentence += fmt::format("!{}*{}", body, NmeaChecksum(body));
    sentences.push_back(std::move(sentence));
  }
  return sentences;
}

}  // namespace cordon::maritime::testing
