#include "maritime/ais.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "base/file.h"

namespace cordon::maritime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Helpers

// shared/data/ais/<relative>, or nullopt when the shared data is not beside the checkout.
std::optional<std::string> ReadAisData(const std::string& relative) {
  Result<std::string> bytes = ReadFile(std::string(CORDON_SHARED_DATA) + "/ais/" + relative);
  if (!bytes.ok()) return std::nullopt;
  return std::move(bytes).value();
}

#define READ_AIS_OR_SKIP(var, relative)                                       \
  std::optional<std::string> var##_holder = ReadAisData(relative);            \
  if (!var##_holder) GTEST_SKIP() << "shared AIS data missing: " << relative; \
  const std::string& var = *var##_holder

struct Decoded {
  std::vector<AisMessage> messages;
  AisStats stats;
};

Decoded DecodeText(std::string_view text) {
  AisDecoder decoder;
  Decoded out;
  decoder.DecodeAll(text, [&](const AisMessage& m) { out.messages.push_back(m); });
  decoder.Finish();
  out.stats = decoder.stats();
  EXPECT_EQ(out.stats.CheckConsistency(), "");
  return out;
}

// "!" + body + "*" + checksum: real payloads under another talker or with a changed field.
std::string Sentence(std::string_view body) {
  uint8_t sum = 0;
  for (char c : body) sum ^= static_cast<uint8_t>(c);
  return fmt::format("!{}*{:02X}", body, sum);
}

// `\<body>*<checksum>\`: an NMEA 4 tag block.
std::string TagBlock(std::string_view body) {
  uint8_t sum = 0;
  for (char c : body) sum ^= static_cast<uint8_t>(c);
  return fmt::format("\\{}*{:02X}\\", body, sum);
}

std::vector<Json> JsonLines(std::string_view text) {
  std::vector<Json> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line[0] == '{') out.push_back(Json::parse(line));
  }
  return out;
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line(text.substr(pos, nl - pos));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
    pos = nl + 1;
  }
  return out;
}

bool FullyDecodedType(int type) {
  static const std::set<int> kTypes = {1, 2, 3, 4, 5, 9, 18, 19, 21, 24, 27};
  return kTypes.count(type) > 0;
}

Json MyJson(const AisMessage& m, bool scaled) {
  std::string text;
  AppendGpsdJson(m, &text, {.scaled = scaled});
  return Json::parse(text);
}

// gpsd prints scaled numbers rounded to a fixed number of decimals; half a unit of the last one
// is the most two correct decoders can differ by.
double Tolerance(const std::string& key, int type) {
  if (key == "lat" || key == "lon") return type == 27 ? 0.5e-4 : 0.5e-7;
  return 0.05;
}

// Compares one of our messages with one gpsd record. Returns what differs, "" when nothing.
std::string CompareRecord(const AisMessage& mine, const Json& gpsd, bool scaled) {
  const Json ours = MyJson(mine, scaled);
  std::string diff;
  auto note = [&diff](const std::string& s) { diff += (diff.empty() ? "" : "; ") + s; };
  const int type = gpsd.at("type").get<int>();
  if (!FullyDecodedType(type)) {
    for (const char* key : {"type", "repeat", "mmsi"}) {
      if (ours.at(key) != gpsd.at(key))
        note(fmt::format("{}: {} vs {}", key, ours.at(key).dump(), gpsd.at(key).dump()));
    }
    return diff;
  }
  for (const auto& [key, value] : gpsd.items()) {
    if (key == "class" || key == "device") continue;
    if (!ours.contains(key)) {
      note("missing " + key);
      continue;
    }
    const Json& mine_value = ours.at(key);
    if (value.is_number_float() || mine_value.is_number_float()) {
      if (!value.is_number() || !mine_value.is_number() ||
          std::fabs(value.get<double>() - mine_value.get<double>()) >
              Tolerance(key, type) + 1e-12) {
        note(fmt::format("{}: {} vs gpsd {}", key, mine_value.dump(), value.dump()));
      }
    } else if (mine_value != value) {
      note(fmt::format("{}: {} vs gpsd {}", key, mine_value.dump(), value.dump()));
    }
  }
  for (const auto& [key, value] : ours.items()) {
    if (key != "class" && !gpsd.contains(key)) note("extra " + key);
  }
  return diff;
}

// gpsdecode prints a type 24 only when part B completes a part A it has seen.
bool GpsdWouldPrint(const AisMessage& m) {
  return m.type != 24 || (m.part == Type24Part::kB && m.has_part_a);
}

struct Alignment {
  size_t matched = 0;
  std::vector<std::string> unmatched_gpsd;  // gpsd decoded it, we did not
  std::vector<std::string> differences;     // field by field
  std::map<int, int> extra_by_type;         // we decoded it, gpsd did not print it
};

// Walks gpsd's records in order; each is matched with our next message of the same type and
// MMSI. Ours in between are extras (messages gpsd rejects or does not print).
template <typename Record, typename Key, typename Compare>
Alignment Align(const std::vector<AisMessage>& mine, const std::vector<Record>& gpsd, Key key,
                Compare compare) {
  Alignment a;
  size_t j = 0;
  for (size_t i = 0; i < gpsd.size(); ++i) {
    const auto [type, mmsi] = key(gpsd[i]);
    size_t k = j;
    while (k < mine.size() &&
           !(mine[k].type == type && mine[k].mmsi == mmsi && GpsdWouldPrint(mine[k]))) {
      ++k;
    }
    if (k == mine.size()) {
      a.unmatched_gpsd.push_back(fmt::format("record {} type {} mmsi {}", i, type, mmsi));
      continue;
    }
    for (; j < k; ++j) ++a.extra_by_type[mine[j].type];
    if (std::string d = compare(mine[k], gpsd[i]); !d.empty()) {
      a.differences.push_back(fmt::format("record {} type {} mmsi {}: {}", i, type, mmsi, d));
    }
    ++a.matched;
    j = k + 1;
  }
  for (; j < mine.size(); ++j) ++a.extra_by_type[mine[j].type];
  return a;
}

Alignment AlignJson(const std::vector<AisMessage>& mine, const std::vector<Json>& gpsd,
                    bool scaled) {
  return Align(
      mine, gpsd,
      [](const Json& r) {
        return std::pair{r.at("type").get<int>(), r.at("mmsi").get<uint32_t>()};
      },
      [scaled](const AisMessage& m, const Json& r) { return CompareRecord(m, r, scaled); });
}

// gpsdecode -c (aivdm_csv_dump): unscaled fields separated by '|'.
std::string PipeDump(const AisMessage& m) {
  std::string s = fmt::format("{}|{}|{:09}|", m.type, m.repeat, m.mmsi);
  auto out = std::back_inserter(s);
  switch (m.type) {
    case 1:
    case 2:
    case 3:
      fmt::format_to(out, "{}|{}|{}|{}|{}|{}|{}|{}|{}|{:#x}|{}|{:#x}", m.status, m.turn, m.speed,
                     int{m.accuracy}, m.lon, m.lat, m.course, m.heading, m.second, m.maneuver,
                     int{m.raim}, m.radio);
      break;
    case 4:
      fmt::format_to(out, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z|{}|{}|{}|{}|{}|{:#x}", m.utc.year,
                     m.utc.month, m.utc.day, m.utc.hour, m.utc.minute, m.utc.second,
                     int{m.accuracy}, m.lon, m.lat, m.epfd, int{m.raim}, m.radio);
      break;
    case 5:
      fmt::format_to(out, "{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{:02}-{:02}T{:02}:{:02}Z|{}|{}|{}", m.imo,
                     m.ais_version, m.callsign.view(), m.name.view(), m.shiptype, m.to_bow,
                     m.to_stern, m.to_port, m.to_starboard, m.epfd, m.eta.month, m.eta.day,
                     m.eta.hour, m.eta.minute, m.draught, m.destination.view(), int{m.dte});
      break;
    case 9:
      fmt::format_to(out, "{}|{}|{}|{}|{}|{}|{}|{:#x}|{}|{}|{:#x}", m.alt, m.speed, int{m.accuracy},
                     m.lon, m.lat, m.course, m.second, m.regional, int{m.dte}, int{m.raim},
                     m.radio);
      break;
    case 18:
      fmt::format_to(out, "{}|{}|{}|{}|{}|{}|{}|{}|{:#x}|{}|{}|{}|{}|{}|{}|{:#x}", m.reserved,
                     m.speed, int{m.accuracy}, m.lon, m.lat, m.course, m.heading, m.second,
                     m.regional, int{m.cs}, int{m.display}, int{m.dsc}, int{m.band}, int{m.msg22},
                     int{m.raim}, m.radio);
      break;
    case 19:
      fmt::format_to(out, "{}|{}|{}|{}|{}|{}|{}|{}|{:#x}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", m.reserved,
                     m.speed, int{m.accuracy}, m.lon, m.lat, m.course, m.heading, m.second,
                     m.regional, m.name.view(), m.shiptype, m.to_bow, m.to_stern, m.to_port,
                     m.to_starboard, m.epfd, int{m.raim}, int{m.dte}, int{m.assigned});
      break;
    case 21:
      fmt::format_to(out, "{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{:#x}|{}|{}", m.aid_type,
                     m.name.view(), int{m.accuracy}, m.lon, m.lat, m.to_bow, m.to_stern, m.to_port,
                     m.to_starboard, m.epfd, m.second, m.regional, int{m.off_position}, int{m.raim},
                     int{m.virtual_aid});
      break;
    case 24:
      fmt::format_to(out, "{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", m.name.view(), m.shiptype,
                     m.vendorid.view(), m.model, m.serial, m.callsign.view(), m.to_bow, m.to_stern,
                     m.to_port, m.to_starboard);
      break;
    case 27:
      fmt::format_to(out, "{}|{}|{}|{}|{}|{}|{}|{}", m.status, int{m.accuracy}, m.lon, m.lat,
                     m.speed, m.course, int{m.raim}, int{m.gnss});
      break;
  }
  return s;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    const size_t next = s.find(sep, pos);
    out.push_back(s.substr(pos, next - pos));
    if (next == std::string::npos) return out;
    pos = next + 1;
  }
}

std::string ComparePipe(const AisMessage& m, const std::string& gpsd) {
  const std::vector<std::string> theirs = Split(gpsd, '|');
  const std::vector<std::string> ours = Split(PipeDump(m), '|');
  const size_t fields = FullyDecodedType(m.type) ? theirs.size() : 3;
  if (FullyDecodedType(m.type) && ours.size() != theirs.size()) {
    return fmt::format("{} fields vs gpsd {}", ours.size(), theirs.size());
  }
  std::string diff;
  for (size_t f = 0; f < fields; ++f) {
    if (ours[f] != theirs[f])
      diff += fmt::format("field {}: {} vs gpsd {}; ", f, ours[f], theirs[f]);
  }
  return diff;
}

// Our line for `m` against gpsd's line `gpsd`, byte for byte: "" when equal, else both lines.
// For a type we do not decode fully our line is gpsd's up to the MMSI and "scaled".
std::string CompareText(const AisMessage& m, const std::string& gpsd, bool scaled,
                        std::string_view device) {
  std::string ours;
  AppendGpsdJson(m, &ours, {.scaled = scaled, .device = device});
  const bool same = FullyDecodedType(m.type)
                        ? ours == gpsd
                        : gpsd.starts_with(ours.substr(0, ours.size() - 1) + ",");
  return same ? "" : fmt::format("\n  ours {}\n  gpsd {}", ours, gpsd);
}

// gpsd's JSON lines in `text`, kept as text, each aligned with our message of the same type and
// MMSI and compared byte for byte.
Alignment AlignJsonText(const std::vector<AisMessage>& mine, std::string_view text, bool scaled,
                        std::string_view device) {
  std::vector<std::string> gpsd;
  for (std::string& line : Lines(text)) {
    if (!line.empty() && line[0] == '{') gpsd.push_back(std::move(line));
  }
  return Align(
      mine, gpsd,
      [](const std::string& r) {
        const Json j = Json::parse(r);
        return std::pair{j.at("type").get<int>(), j.at("mmsi").get<uint32_t>()};
      },
      [&](const AisMessage& m, const std::string& r) { return CompareText(m, r, scaled, device); });
}

// ---------------------------------------------------------------------------------------------
// Conformance with gpsd's regression files (shared/data/ais/gpsd)

// gpsd's sample.aivdm decoded by gpsdecode into scaled JSON (.js.chk), unscaled JSON
// (.ju.chk) and the pipe dump (.chk): 97 records each.
class GpsdSampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<std::string> sample = ReadAisData("gpsd/sample.aivdm");
    if (!sample) GTEST_SKIP() << "shared AIS data missing";
    decoded_ = DecodeText(*sample);
  }

  // What we return that gpsdecode does not print: five type 24 parts. gpsdecode prints a 24
  // only when a part B completes a part A; we return every part (with the other part's fields
  // when known). Here: three parts A (PROGUY, TRIPPIN, GOZDEM-1), a part B whose A never came
  // (271020195), and PROGUY's part B repeated, which gpsd no longer merges because it forgets
  // a part A once used.
  void ExpectKnownExtras(const Alignment& a) {
    EXPECT_THAT(a.unmatched_gpsd, ElementsAre());
    EXPECT_THAT(a.differences, ElementsAre());
    EXPECT_EQ(a.matched, 97u);
    EXPECT_EQ(a.extra_by_type, (std::map<int, int>{{24, 5}}));
  }

  Decoded decoded_;
};

TEST_F(GpsdSampleTest, EveryScaledJsonFieldMatchesGpsd) {
  READ_AIS_OR_SKIP(chk, "gpsd/sample.aivdm.js.chk");
  const std::vector<Json> gpsd = JsonLines(chk);
  ASSERT_EQ(gpsd.size(), 97u);
  ExpectKnownExtras(AlignJson(decoded_.messages, gpsd, /*scaled=*/true));
}

TEST_F(GpsdSampleTest, EveryUnscaledJsonFieldMatchesGpsd) {
  READ_AIS_OR_SKIP(chk, "gpsd/sample.aivdm.ju.chk");
  const std::vector<Json> gpsd = JsonLines(chk);
  ASSERT_EQ(gpsd.size(), 97u);
  ExpectKnownExtras(AlignJson(decoded_.messages, gpsd, /*scaled=*/false));
}

// Not only the same values: the same bytes, as gpsdecode prints them (decimals, "n/a" and the
// rate-of-turn strings, legends, field order).
TEST_F(GpsdSampleTest, ScaledJsonLinesAreGpsdsBytes) {
  READ_AIS_OR_SKIP(chk, "gpsd/sample.aivdm.js.chk");
  ExpectKnownExtras(AlignJsonText(decoded_.messages, chk, /*scaled=*/true, "stdin"));
}

TEST_F(GpsdSampleTest, UnscaledJsonLinesAreGpsdsBytes) {
  READ_AIS_OR_SKIP(chk, "gpsd/sample.aivdm.ju.chk");
  ExpectKnownExtras(AlignJsonText(decoded_.messages, chk, /*scaled=*/false, "stdin"));
}

TEST_F(GpsdSampleTest, EveryPipeDumpFieldMatchesGpsd) {
  READ_AIS_OR_SKIP(chk, "gpsd/sample.aivdm.chk");
  std::vector<std::string> gpsd;
  for (std::string& line : Lines(chk)) {
    if (!line.empty()) gpsd.push_back(std::move(line));
  }
  ASSERT_EQ(gpsd.size(), 97u);
  const Alignment a = Align(
      decoded_.messages, gpsd,
      [](const std::string& r) {
        const std::vector<std::string> f = Split(r, '|');
        return std::pair{std::stoi(f[0]), static_cast<uint32_t>(std::stoul(f[2]))};
      },
      ComparePipe);
  ExpectKnownExtras(a);
}

TEST_F(GpsdSampleTest, CountsEveryLineOnce) {
  const AisStats& s = decoded_.stats;
  EXPECT_EQ(s.messages, 97u + 5);
  EXPECT_EQ(s.defect(AisDefect::kNotNmea), 1u);  // "AIVDM,2,2,1,B,...": no '!'
  EXPECT_EQ(s.rejected_lines(), 1u);
  EXPECT_EQ(s.dropped_payloads(), 0u);
  EXPECT_EQ(s.fragments_dropped, 0u);
}

// The daemon regression logs: sentences interleaved with gpsd's unscaled JSON.
struct DaemonLog {
  const char* log;
  size_t records;
  std::map<int, int> extras;  // by type: what we decode that the .chk does not list
  uint64_t bad_parts;         // type 24 with part number 2 or 3
};

class GpsdDaemonLogTest : public ::testing::TestWithParam<DaemonLog> {};

TEST_P(GpsdDaemonLogTest, EveryJsonFieldMatchesGpsd) {
  const DaemonLog& param = GetParam();
  READ_AIS_OR_SKIP(log, std::string("gpsd/") + param.log);
  READ_AIS_OR_SKIP(chk, std::string("gpsd/") + param.log + ".chk");
  const Decoded decoded = DecodeText(log);
  const std::vector<Json> gpsd = JsonLines(chk);
  ASSERT_EQ(gpsd.size(), param.records);
  const Alignment a = AlignJson(decoded.messages, gpsd, /*scaled=*/false);
  EXPECT_THAT(a.unmatched_gpsd, ElementsAre());
  EXPECT_THAT(a.differences, ElementsAre());
  EXPECT_EQ(a.matched, param.records);
  EXPECT_EQ(a.extra_by_type, param.extras);
  EXPECT_EQ(decoded.stats.rejected_lines(), 0u);
  EXPECT_EQ(decoded.stats.defect(AisDefect::kBadPart), param.bad_parts);
}

TEST_P(GpsdDaemonLogTest, JsonLinesAreGpsdsBytes) {
  const DaemonLog& param = GetParam();
  READ_AIS_OR_SKIP(log, std::string("gpsd/") + param.log);
  READ_AIS_OR_SKIP(chk, std::string("gpsd/") + param.log + ".chk");
  const Alignment a = AlignJsonText(DecodeText(log).messages, chk, /*scaled=*/false, "");
  EXPECT_THAT(a.unmatched_gpsd, ElementsAre());
  EXPECT_THAT(a.differences, ElementsAre());
  EXPECT_EQ(a.matched, param.records);
}

INSTANTIATE_TEST_SUITE_P(
    Logs, GpsdDaemonLogTest,
    ::testing::Values(
        // 69 class B vessels each send a 24A (162 bits) and a 24 with part number 3, which
        // gpsd and we reject; gpsd does not print a part A alone, we return it.
        DaemonLog{"ais-18-27.log", 138, {{24, 69}}, 69},
        // One 24A printed merged with the 24B that follows; the A alone is ours.
        DaemonLog{"ais-raw-messages.log", 108, {{24, 1}}, 0},
        DaemonLog{"ais_unpack_sixbit.log", 12, {{24, 1}}, 0}),
    [](const auto& test_info) {
      std::string name = test_info.param.log;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

// ---------------------------------------------------------------------------------------------
// libais examples (shared/data/ais/libais)

TEST(LibaisExamplesTest, OneMessageOfEveryTypeWithUscgTimestamps) {
  READ_AIS_OR_SKIP(nmea, "libais/typeexamples.nmea");
  READ_AIS_OR_SKIP(json, "libais/typeexamples.json");
  const Decoded decoded = DecodeText(nmea);
  const std::vector<Json> expected = JsonLines(json);
  ASSERT_EQ(decoded.messages.size(), expected.size());
  const std::vector<std::string> lines = Lines(nmea);
  for (size_t i = 0; i < expected.size(); ++i) {
    const AisMessage& m = decoded.messages[i];
    const Json& e = expected[i];
    SCOPED_TRACE(fmt::format("message {} type {}", i, m.type));
    EXPECT_EQ(m.type, e.at("type").get<int>());
    EXPECT_EQ(m.mmsi, e.at("mmsi").get<uint32_t>());
    EXPECT_EQ(m.repeat, e.at("repeat").get<int>());
    // USCG receivers append ",<station>,<unix time>[,<unix time>]": the first one counts.
    const std::vector<std::string> fields = Split(lines[i], ',');
    EXPECT_EQ(m.time, std::stoll(fields[fields.size() - 2]));
    if (!m.decoded) continue;
    // libais stores float32: compare with its precision.
    if (m.type != 5 && m.type != 24 && e.contains("lat")) {
      const double divisor = m.type == 27 ? 600.0 : 600000.0;
      EXPECT_NEAR(m.lat / divisor, e.at("lat").get<double>(), 1e-4);
      EXPECT_NEAR(m.lon / divisor, e.at("lon").get<double>(), 1e-4);
    }
    if (m.type <= 3 || m.type == 18) {
      EXPECT_NEAR(m.speed / 10.0, e.at("speed").get<double>(), 1e-4);
      EXPECT_NEAR(m.course / 10.0, e.at("course").get<double>(), 1e-4);
      EXPECT_EQ(m.heading, e.at("heading").get<int>());
    }
    if (m.type == 27) {
      EXPECT_EQ(m.speed, e.at("speed").get<int>());
      EXPECT_EQ(m.course, e.at("course").get<int>());
    }
    if (m.type == 5) {
      EXPECT_EQ(m.name.view(), e.at("shipname").get<std::string>());
      EXPECT_EQ(m.callsign.view(), e.at("callsign").get<std::string>());
      EXPECT_EQ(m.destination.view(), e.at("destination").get<std::string>());
      EXPECT_EQ(std::to_string(m.imo), e.at("imo").get<std::string>());
      EXPECT_NEAR(m.draught / 10.0, e.at("draught").get<double>(), 1e-4);
    }
    if (m.type == 24) {
      EXPECT_EQ(m.name.view(), e.at("shipname").get<std::string>());
    }
    if (m.type == 21) {
      // libais's six-bit table has '-' and '`' where ITU-R M.1371 (and gpsd) has '_' and '\''.
      std::string name(m.name.view());
      std::replace(name.begin(), name.end(), '_', '-');
      std::replace(name.begin(), name.end(), '\'', '`');
      EXPECT_EQ(name, e.at("name").get<std::string>());
    }
  }
  EXPECT_EQ(decoded.stats.timed, decoded.stats.messages);
}

TEST(LibaisExamplesTest, TagBlockTimesAndGroups) {
  READ_AIS_OR_SKIP(nmea, "libais/tagblock.nmea");
  READ_AIS_OR_SKIP(json, "libais/tagblock.json");
  const Decoded decoded = DecodeText(nmea);
  const std::vector<Json> expected = JsonLines(json);
  ASSERT_EQ(decoded.messages.size(), 4u);
  ASSERT_EQ(expected.size(), 4u);
  // libais's "tagblock_timestamp" is the c: field as ISO time.
  const std::vector<int64_t> c_fields = {1418172113, 1418169601, 1418171722, 1418171561};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(decoded.messages[i].mmsi, expected[i].at("mmsi").get<uint32_t>());
    EXPECT_EQ(decoded.messages[i].time, c_fields[i]);
  }
  // The type 5 came in two sentences of group 1604; only the first tag block has c:.
  EXPECT_EQ(decoded.messages[1].type, 5);
  EXPECT_EQ(decoded.messages[1].sentences, 2);
  EXPECT_EQ(decoded.messages[1].name.view(), "ROSINANTE");
  EXPECT_EQ(decoded.stats.bad_tag_blocks, 0u);
}

// ---------------------------------------------------------------------------------------------
// The other sample files: formats seen in the wild

TEST(AisSampleFilesTest, GatehouseTimestampsCommentsAndBlankLines) {
  READ_AIS_OR_SKIP(text, "pyais/gatehouse.nmea");
  const Decoded decoded = DecodeText(text);
  ASSERT_EQ(decoded.messages.size(), 4u);
  // $PGHP,1,2008,5,9,0,0,0,10,... times the sentence after it; the others have none. The
  // "$PGHP,1,2009,..." line carries the 2008 line's checksum, so its time is not used.
  EXPECT_EQ(decoded.messages[0].time, 1210291200);  // 2008-05-09T00:00:00Z
  EXPECT_EQ(decoded.messages[0].mmsi, 367309370u);
  EXPECT_EQ(decoded.messages[1].time, 0);
  EXPECT_EQ(decoded.messages[2].time, 0);
  EXPECT_EQ(decoded.stats.timed, 1u);
  EXPECT_EQ(decoded.stats.other_sentences, 4u);
  EXPECT_EQ(decoded.stats.comments, 1u);
  EXPECT_EQ(decoded.stats.blank, 2u);
}

TEST(AisSampleFilesTest, PyaisSampleRejectsNoiseAndTheBrokenTagBlockLine) {
  READ_AIS_OR_SKIP(text, "pyais/sample.ais");
  const Decoded decoded = DecodeText(text);
  EXPECT_EQ(decoded.messages.size(), 11u);
  EXPECT_EQ(decoded.stats.defect(AisDefect::kNotNmea), 1u);  // IamNotAnAisMessage1111
  // "\g:1-2-73874,...,c:12415440354*A\!AIVDM,...,013": no sentence checksum.
  EXPECT_EQ(decoded.stats.defect(AisDefect::kChecksum), 1u);
  // "\s:blah,c:1747818025*5A\!AAVDM,0,1,...": a message of zero sentences.
  EXPECT_EQ(decoded.stats.defect(AisDefect::kMalformed), 1u);
  // Three one-digit tag checksums ("*A") and one wrong one ("*5A"): ignored, the sentences
  // behind them used.
  EXPECT_EQ(decoded.stats.bad_tag_blocks, 4u);
  // Only the two-sentence !SAVDM type 5 keeps a time, from its first tag block's c:.
  ASSERT_EQ(decoded.stats.timed, 1u);
  const auto timed = std::find_if(decoded.messages.begin(), decoded.messages.end(),
                                  [](const AisMessage& m) { return m.time != 0; });
  EXPECT_EQ(timed->time, 1428621738);
  EXPECT_EQ(timed->type, 5);
  EXPECT_EQ(timed->sentences, 2);
}

TEST(AisSampleFilesTest, PyaisFilesWithCommentsBlankLinesAndTimestamps) {
  struct Expected {
    const char* file;
    uint64_t messages, comments, blank, other_sentences, timed;
  };
  for (const Expected& e : {Expected{"pyais/messages.ais", 6, 2, 3, 0, 0},
                            Expected{"pyais/timestamped.ais", 4, 1, 2, 4, 1},
                            Expected{"pyais/ais_test_messages", 7, 1, 0, 0, 0}}) {
    SCOPED_TRACE(e.file);
    READ_AIS_OR_SKIP(text, e.file);
    const Decoded decoded = DecodeText(text);
    EXPECT_EQ(decoded.stats.messages, e.messages);
    EXPECT_EQ(decoded.stats.comments, e.comments);
    EXPECT_EQ(decoded.stats.blank, e.blank);
    EXPECT_EQ(decoded.stats.other_sentences, e.other_sentences);
    EXPECT_EQ(decoded.stats.timed, e.timed);
    EXPECT_EQ(decoded.stats.rejected_lines(), 0u);
  }
}

TEST(AisSampleFilesTest, AisdbTagBlocksWithEmptyChannelsAndGroups) {
  READ_AIS_OR_SKIP(text, "aisdb/test_data_20211101.nm4");
  const Decoded decoded = DecodeText(text);
  const AisStats& s = decoded.stats;
  EXPECT_EQ(s.lines, 1000u);
  EXPECT_EQ(s.rejected_lines(), 0u);
  EXPECT_EQ(s.bad_tag_blocks, 0u);
  EXPECT_EQ(s.fragments_dropped, 0u);
  EXPECT_EQ(s.timed, s.messages);  // every message has c:
  // Debian's gpsdecode 3.22 prints 955 messages for this file: ours are the same plus 24
  // type 24 parts it does not print (no part A here has its part B in the file).
  EXPECT_EQ(s.messages, 979u);
  EXPECT_EQ(std::count_if(decoded.messages.begin(), decoded.messages.end(),
                          [](const AisMessage& m) { return m.type == 24; }),
            24);
  for (const AisMessage& m : decoded.messages) {
    EXPECT_GE(m.time, 1635731800);
    EXPECT_LE(m.time, 1635732000);
    EXPECT_EQ(m.channel, 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Behaviour

constexpr std::string_view kType1 = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
constexpr std::string_view kType5Part1 =
    "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C";
constexpr std::string_view kType5Part2 = "!AIVDM,2,2,1,A,88888888880,2*25";

TEST(AisDecoderTest, DecodesAClassAPositionIntoATrackerReport) {
  AisDecoder decoder;
  AisMessage m;
  ASSERT_TRUE(decoder.Decode(kType1, &m));
  EXPECT_EQ(m.type, 1);
  EXPECT_EQ(m.mmsi, 371798000u);
  EXPECT_EQ(m.channel, 'A');
  EXPECT_EQ(m.bits, 168);
  PositionReport p;
  ASSERT_TRUE(ToPositionReport(m, &p));
  EXPECT_NEAR(p.position.lat, 48.381633333, 1e-8);
  EXPECT_NEAR(p.position.lon, -123.395383333, 1e-8);
  EXPECT_FLOAT_EQ(p.speed_knots, 12.3f);
  EXPECT_FLOAT_EQ(p.course, 224.0f);
  EXPECT_EQ(p.heading, 215);
  EXPECT_EQ(p.status, 0);
  EXPECT_EQ(p.message_type, 1);
  StaticReport s;
  EXPECT_FALSE(ToStaticReport(m, &s));
}

TEST(AisDecoderTest, NotAvailableValuesBecomeTheReportMarkers) {
  AisDecoder decoder;
  AisMessage m;
  // Type 1 from ais-raw-messages.log: speed 0, course 360 (n/a), heading 511.
  ASSERT_TRUE(decoder.Decode("!AIVDM,1,1,,A,13U79k?P00Qah;tEdTH>4?vV2<0I,0*33", &m));
  PositionReport p;
  ASSERT_TRUE(ToPositionReport(m, &p));
  EXPECT_EQ(p.course, kNoCourse);
  EXPECT_EQ(p.heading, kNoHeading);
  EXPECT_EQ(p.status, 15);
  // Type 4 with lon 181, lat 91: no position.
  ASSERT_TRUE(decoder.Decode("!AIVDM,1,1,,B,402B4L0000Htt1Lg@6FV5vG01d7R,0*19", &m));
  ASSERT_TRUE(decoder.Decode("!AIVDM,1,1,,A,403Ovl@000Htt<tSF0l4Q@100`Pq,0*28", &m));
  EXPECT_EQ(m.lon, 181 * 600000);
  EXPECT_FALSE(ToPositionReport(m, &p));
}

TEST(AisDecoderTest, AssemblesInterleavedGroupsBySequenceIdAndChannel) {
  // Two type 5s in flight at once (sequence ids 1 and 2), and a single-sentence report between.
  const std::string other1 =
      Sentence("AIVDM,2,1,2,A,53R=aR800001=SC?7@1HE8LTp40000000000000l0`?2453a052Dm23B@@00,0");
  const std::string other2 = Sentence("AIVDM,2,2,2,A,00000000002,2");
  AisDecoder decoder;
  AisMessage m;
  EXPECT_FALSE(decoder.Decode(kType5Part1, &m));
  EXPECT_FALSE(decoder.Decode(other1, &m));
  EXPECT_TRUE(decoder.Decode(kType1, &m));
  ASSERT_TRUE(decoder.Decode(other2, &m));
  EXPECT_EQ(m.name.view(), "VERGINA");
  ASSERT_TRUE(decoder.Decode(kType5Part2, &m));
  EXPECT_EQ(m.name.view(), "EVER DIADEM");
  EXPECT_EQ(m.sentences, 2);
  StaticReport s;
  ASSERT_TRUE(ToStaticReport(m, &s));
  EXPECT_EQ(s.imo, 9134270u);
  EXPECT_EQ(s.callsign, "3FOF8");
  EXPECT_EQ(s.destination, "NEW YORK");
  EXPECT_EQ(s.ship_type, 70);
  EXPECT_EQ(s.to_bow, 225);
  EXPECT_EQ(s.to_starboard, 31);
  EXPECT_FLOAT_EQ(s.draught, 12.2f);
  EXPECT_EQ(decoder.stats().CheckConsistency(), "");
}

TEST(AisDecoderTest, OutOfOrderAndMissingPartsAreDroppedAndCounted) {
  AisDecoder decoder;
  AisMessage m;
  EXPECT_FALSE(decoder.Decode(kType5Part2, &m));  // no open group
  EXPECT_EQ(decoder.stats().defect(AisDefect::kFragmentOutOfOrder), 1u);
  EXPECT_FALSE(decoder.Decode(kType5Part1, &m));
  EXPECT_FALSE(decoder.Decode(kType5Part1, &m));  // restarts: the first copy is abandoned
  EXPECT_EQ(decoder.stats().defect(AisDefect::kFragmentMissing), 1u);
  EXPECT_EQ(decoder.open_fragments(), 1u);
  decoder.Finish();
  EXPECT_EQ(decoder.stats().defect(AisDefect::kFragmentMissing), 2u);
  EXPECT_EQ(decoder.stats().fragments_dropped, 2u);
  EXPECT_EQ(decoder.stats().messages, 0u);
  EXPECT_EQ(decoder.stats().CheckConsistency(), "");
  // After Finish the decoder goes on.
  EXPECT_FALSE(decoder.Decode(kType5Part1, &m));
  EXPECT_TRUE(decoder.Decode(kType5Part2, &m));
}

TEST(AisDecoderTest, BadSentencesAreCountedPerReasonNeverFatal) {
  AisDecoder decoder;
  AisMessage m;
  const std::vector<std::pair<std::string, AisDefect>> cases = {
      {"!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B", AisDefect::kChecksum},
      {"!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g2", AisDefect::kChecksum},  // cut off
      {Sentence("AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,6"), AisDefect::kBadFillBits},
      {Sentence("AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,x"), AisDefect::kBadFillBits},
      {Sentence("AIVDM,2,1,3,A,15RTgt0PAso;90TKcjM8h6g208CQ,2"), AisDefect::kBadFillBits},
      {Sentence("AIVDM,1,1,,A,15RTgt0PAso;90TKc~M8h6g208CQ,0"), AisDefect::kBadPayloadChar},
      {Sentence("AIVDM,1,1,,C,15RTgt0PAso;90TKcjM8h6g208CQ,0"), AisDefect::kBadChannel},
      {Sentence("AIVDM,1,2,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0"), AisDefect::kMalformed},
      {Sentence("AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ"), AisDefect::kMalformed},
      {Sentence("AIVDM"), AisDefect::kMalformed},
      // 96 bits of a type 1: too short for what gpsd accepts (163).
      {Sentence("AIVDM,1,1,,A,15RTgt0PAso;90TK,0"), AisDefect::kTruncated},
      {Sentence("AIVDM,1,1,,A,L5RTgt0PAso;90TKcjM8h6g208CQ,0"), AisDefect::kUnknownType},
      {"AIVDM,2,2,1,B,00000000000,2*26", AisDefect::kNotNmea},
  };
  for (const auto& [line, defect] : cases) {
    SCOPED_TRACE(line);
    const uint64_t before = decoder.stats().defect(defect);
    EXPECT_FALSE(decoder.Decode(line, &m));
    EXPECT_EQ(decoder.stats().defect(defect), before + 1);
  }
  EXPECT_TRUE(decoder.Decode(kType1, &m));  // and decoding goes on
  decoder.Finish();
  EXPECT_EQ(decoder.stats().CheckConsistency(), "");
  EXPECT_THAT(decoder.stats().Summary(),
              HasSubstr("dropped: not-nmea 1, checksum 2, malformed 3, bad-channel 1, "
                        "bad-fill-bits 3, bad-payload-char 1, truncated 1, unknown-type 1"));
}

TEST(AisDecoderTest, AcceptsAnyTalkerAndOwnShipSentences) {
  AisDecoder decoder;
  AisMessage m;
  for (std::string_view talker : {"BSVDM", "ABVDM", "AIVDO", "SAVDM"}) {
    const std::string line =
        Sentence(fmt::format("{},1,1,,B,15RTgt0PAso;90TKcjM8h6g208CQ,0", talker));
    ASSERT_TRUE(decoder.Decode(line, &m)) << line;
    EXPECT_EQ(m.mmsi, 371798000u);
    EXPECT_EQ(m.own_ship, talker == "AIVDO");
  }
  // Other NMEA sentences are skipped, not defects.
  EXPECT_FALSE(decoder.Decode(Sentence("AIABK,,B,8,5,3"), &m));
  EXPECT_FALSE(
      decoder.Decode("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A", &m));
  EXPECT_EQ(decoder.stats().other_sentences, 2u);
  EXPECT_EQ(decoder.stats().rejected_lines(), 0u);
}

TEST(AisDecoderTest, TimestampsFromTagBlockPrefixSuffixInThatOrder) {
  AisDecoder decoder;
  AisMessage m;
  const std::string sentence(kType1);
  ASSERT_TRUE(decoder.Decode(TagBlock("s:r3669961,c:1418169601") + sentence, &m));
  EXPECT_EQ(m.time, 1418169601);
  ASSERT_TRUE(decoder.Decode("1635731889 " + sentence, &m));
  EXPECT_EQ(m.time, 1635731889);
  ASSERT_TRUE(decoder.Decode("2021-11-01T01:58:09.250Z\t" + sentence, &m));
  EXPECT_EQ(m.time, 1635731889);
  ASSERT_TRUE(decoder.Decode(sentence + ",b003669794,1272412827", &m));
  EXPECT_EQ(m.time, 1272412827);
  ASSERT_TRUE(decoder.Decode("1635731889 " + sentence + ",b003669794,1272412827", &m));
  EXPECT_EQ(m.time, 1272412827);
  ASSERT_TRUE(decoder.Decode(TagBlock("c:1418169601") + sentence + ",1272412827", &m));
  EXPECT_EQ(m.time, 1418169601);
  // Milliseconds in c: are read as milliseconds.
  ASSERT_TRUE(decoder.Decode(TagBlock("c:1418169601123") + sentence, &m));
  EXPECT_EQ(m.time, 1418169601);
  // A bad tag block is ignored, the sentence is not.
  ASSERT_TRUE(decoder.Decode("\\c:1418169601*00\\" + sentence + ",x,1272412827", &m));
  EXPECT_EQ(m.time, 1272412827);
  EXPECT_EQ(decoder.stats().bad_tag_blocks, 1u);
  ASSERT_TRUE(decoder.Decode(sentence, &m));
  EXPECT_EQ(m.time, 0);
}

TEST(AisDecoderTest, CrLfTrailingBlanksAndLiteralJunkAfterTheChecksum) {
  const Decoded d = DecodeText(std::string(kType1) + "\r\n\r\n" + std::string(kType1) +
                               "   \n# comment\n" + std::string(kType1) + "\\x0d\\x0a\n");
  EXPECT_EQ(d.messages.size(), 3u);
  EXPECT_EQ(d.stats.blank, 1u);
  EXPECT_EQ(d.stats.comments, 1u);
  EXPECT_EQ(d.stats.lines, 5u);
}

TEST(AisDecoderTest, PayloadsAFewBitsShortAreKeptLikeGpsd) {
  AisDecoder decoder;
  AisMessage m;
  // sample.aivdm's last two lines: the same type 1 with 5 and 0 fill bits (163, 168 bits).
  ASSERT_TRUE(decoder.Decode("!AIVDM,1,1,,A,13aIkM@P00PJ@qPNL=e@0?wJ28JO,5*63", &m));
  EXPECT_EQ(m.bits, 163);
  EXPECT_EQ(m.radio, 0x434u);
  ASSERT_TRUE(decoder.Decode("!AIVDM,1,1,,A,13aIkM@P00PJ@qPNL=e@0?wJ28JO,0*66", &m));
  EXPECT_EQ(m.radio, 0x869fu);
  // A type 5 of 420 bits (two characters short) still decodes.
  ASSERT_TRUE(decoder.Decode(
      Sentence(
          "AIVDM,1,1,,B,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp88888888888,0"),
      &m));
  EXPECT_EQ(m.bits, 420);
  EXPECT_EQ(m.name.view(), "EVER DIADEM");
}

TEST(AisDecoderTest, OtherTypesKeepTypeRepeatAndMmsiOnly) {
  AisDecoder decoder;
  AisMessage m;
  ASSERT_TRUE(decoder.Decode("!AIVDM,1,1,,B,6B?n;be:cbapalgc;i6?Ow4,2*4A", &m));
  EXPECT_EQ(m.type, 6);
  EXPECT_EQ(m.repeat, 1);
  EXPECT_EQ(m.mmsi, 150834090u);
  EXPECT_FALSE(m.decoded);
  PositionReport p;
  EXPECT_FALSE(ToPositionReport(m, &p));
  std::string json;
  AppendGpsdJson(m, &json);
  EXPECT_EQ(json, R"({"class":"AIS","type":6,"repeat":1,"mmsi":150834090,"scaled":true})");
  EXPECT_EQ(decoder.stats().skipped_types, 1u);
}

TEST(AisDecoderTest, MergesType24PartsPerMmsiForTheStaticReport) {
  AisDecoder decoder;
  AisMessage m;
  StaticReport s;
  // ais_unpack_sixbit.log: 24B then 24A of MMSI 525003057 (B first to show both orders).
  ASSERT_TRUE(decoder.Decode("!AIVDM,1,1,,A,H7lca<DlPPPPPPPI4koloP1h>550,0*0E", &m));
  EXPECT_EQ(m.part, Type24Part::kB);
  EXPECT_FALSE(m.has_part_a);
  ASSERT_TRUE(ToStaticReport(m, &s));
  EXPECT_EQ(s.name, "");
  EXPECT_EQ(s.callsign, "YD3747");
  ASSERT_TRUE(decoder.Decode("!AIVDM,1,1,,A,H7lca<@P5<qE9w3F22222222220,2*2F", &m));
  EXPECT_EQ(m.part, Type24Part::kA);
  EXPECT_TRUE(m.has_part_b);
  ASSERT_TRUE(ToStaticReport(m, &s));
  EXPECT_EQ(s.mmsi, 525003057u);
  EXPECT_EQ(s.name, "HASNUR_05");
  EXPECT_EQ(s.callsign, "YD3747");
  EXPECT_EQ(s.ship_type, 52);
  EXPECT_EQ(s.to_bow, 14);
  EXPECT_EQ(s.to_port, 5);
  EXPECT_EQ(s.message_type, 24);
  std::string json;
  AppendGpsdJson(m, &json);
  EXPECT_THAT(json, HasSubstr(R"("shipname":"HASNUR_05","shiptype":52,"shiptype_text":"Tug",)"
                              R"("vendorid":"","model":8,"serial":133152,"callsign":"YD3747")"));
  EXPECT_THAT(json, ::testing::Not(HasSubstr("\"part\"")));
}

TEST(AisDecoderTest, GpsdJsonScaledLikeGpsd) {
  AisDecoder decoder;
  AisMessage m;
  ASSERT_TRUE(decoder.Decode(kType1, &m));
  std::string json;
  AppendGpsdJson(m, &json, {.device = "stdin"});
  EXPECT_EQ(json, R"({"class":"AIS","device":"stdin","type":1,"repeat":0,"mmsi":371798000,)"
                  R"("scaled":true,"status":0,"status_text":"Under way using engine",)"
                  R"("turn":"fastleft","speed":12.3,"accuracy":true,"lon":-123.3953833,)"
                  R"("lat":48.3816333,"course":224.0,"heading":215,"second":33,"maneuver":0,)"
                  R"("raim":false,"radio":34017})");
  // A rate of turn that is neither n/a nor "fast" is degrees per minute, signed.
  m.turn = -20;
  json.clear();
  AppendGpsdJson(m, &json);
  EXPECT_THAT(json, HasSubstr(R"("turn":"-17.86")"));
}

// The writer prints scaled fields from the integers. The reference below is what gpsd does,
// printf on the double (json_aivdm_dump: lon / 600000.0 with "%.7f", speed / 10.0 with "%.1f",
// ...): every value a field holds is compared where that is cheap, a sweep, the extremes and
// random values where it is not.

// The text of `key`'s value in `json`: up to the next ',' or '}'.
std::string FieldText(const std::string& json, std::string_view key) {
  const std::string marker = fmt::format("\"{}\":", key);
  const size_t start = json.find(marker);
  if (start == std::string::npos) return "(missing)";
  const size_t value = start + marker.size();
  return json.substr(value, json.find_first_of(",}", value) - value);
}

AisMessage FullyDecoded(uint8_t type) {
  AisMessage m;
  m.type = type;
  m.decoded = true;
  m.mmsi = 123456789;
  return m;
}

TEST(GpsdJsonTest, PositionsPrintLikePrintfOnTheDouble) {
  std::string json;
  auto expect_position = [&](AisMessage& m, int32_t lon, int32_t lat) {
    m.lon = lon;
    m.lat = lat;
    json.clear();
    AppendGpsdJson(m, &json);
    const bool type27 = m.type == 27;
    const double divisor = type27 ? 600.0 : 600000.0;
    const int decimals = type27 ? 4 : 7;
    ASSERT_EQ(FieldText(json, "lon"), fmt::format("{:.{}f}", lon / divisor, decimals)) << lon;
    ASSERT_EQ(FieldText(json, "lat"), fmt::format("{:.{}f}", lat / divisor, decimals)) << lat;
  };
  // Types 1/2/3, 4, 9, 18, 19, 21: 28-bit longitude, 27-bit latitude, 1/10000 minute.
  AisMessage m = FullyDecoded(18);
  constexpr int32_t kLon28 = (1 << 27) - 1, kLat27 = (1 << 26) - 1;
  for (int32_t v = -50'000; v <= 50'000; ++v) expect_position(m, v, v / 2);
  for (int32_t v : {kLon28, -kLon28 - 1, 181 * 600000, -181 * 600000, 180 * 600000, 91 * 600000,
                    -91 * 600000}) {
    expect_position(m, v, std::clamp(v, -kLat27 - 1, kLat27));
  }
  std::mt19937 rng(12);  // fixed seed: a failure must reproduce
  std::uniform_int_distribution<int32_t> lon28(-kLon28 - 1, kLon28), lat27(-kLat27 - 1, kLat27);
  for (int i = 0; i < 50'000; ++i) expect_position(m, lon28(rng), lat27(rng));
  // Type 27: 18-bit longitude, 17-bit latitude, 1/10 minute; every value.
  m = FullyDecoded(27);
  for (int32_t v = -(1 << 17); v < (1 << 17); ++v) expect_position(m, v, v / 2);
}

TEST(GpsdJsonTest, TenthsRateOfTurnAndDatesPrintLikePrintf) {
  std::string json;
  // Speed and course in tenths (type 18 has no "n/a" words), every 10- and 12-bit value.
  AisMessage m = FullyDecoded(18);
  for (uint16_t v = 0; v < 4096; ++v) {
    m.speed = v;
    m.course = v;
    json.clear();
    AppendGpsdJson(m, &json);
    ASSERT_EQ(FieldText(json, "speed"), fmt::format("{:.1f}", v / 10.0));
    ASSERT_EQ(FieldText(json, "course"), fmt::format("{:.1f}", v / 10.0));
  }
  // Rate of turn: every 8-bit value.
  m = FullyDecoded(1);
  for (int turn = -128; turn <= 127; ++turn) {
    m.turn = static_cast<int16_t>(turn);
    json.clear();
    AppendGpsdJson(m, &json);
    double rot = turn / 4.733;
    rot *= rot;
    if (turn < 0) rot = -rot;
    const std::string expected = turn == -128   ? "n/a"
                                 : turn == -127 ? "fastleft"
                                 : turn == 127  ? "fastright"
                                                : fmt::format("{:.2f}", rot);
    ASSERT_EQ(FieldText(json, "turn"), "\"" + expected + "\"") << turn;
  }
  // Base station time and ETA, down to zero and up to the most their bit fields hold.
  m = FullyDecoded(4);
  for (auto [year, small] : {std::pair{0, 0}, {7, 1}, {2024, 9}, {9999, 10}, {16383, 63}}) {
    m.utc = {.year = static_cast<uint16_t>(year),
             .month = static_cast<uint8_t>(std::min(small, 15)),
             .day = static_cast<uint8_t>(std::min(small, 31)),
             .hour = static_cast<uint8_t>(std::min(small, 31)),
             .minute = static_cast<uint8_t>(small),
             .second = static_cast<uint8_t>(small)};
    json.clear();
    AppendGpsdJson(m, &json);
    EXPECT_EQ(FieldText(json, "timestamp"),
              fmt::format("\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z\"", m.utc.year, m.utc.month,
                          m.utc.day, m.utc.hour, m.utc.minute, m.utc.second));
  }
  m = FullyDecoded(5);
  for (int small : {0, 1, 9, 10, 63}) {
    m.eta = {.month = static_cast<uint8_t>(std::min(small, 15)),
             .day = static_cast<uint8_t>(std::min(small, 31)),
             .hour = static_cast<uint8_t>(std::min(small, 31)),
             .minute = static_cast<uint8_t>(small)};
    m.draught = static_cast<uint8_t>(small * 4);
    json.clear();
    AppendGpsdJson(m, &json);
    EXPECT_EQ(FieldText(json, "eta"), fmt::format("\"{:02}-{:02}T{:02}:{:02}Z\"", m.eta.month,
                                                  m.eta.day, m.eta.hour, m.eta.minute));
    EXPECT_EQ(FieldText(json, "draught"), fmt::format("{:.1f}", m.draught / 10.0));
  }
}

TEST(GpsdJsonTest, QuotesAndBackslashesInTextAndDeviceAreEscaped) {
  AisMessage m = FullyDecoded(21);
  // The longest name a message holds, every character escaped.
  std::string name = R"(A"B\C)" + std::string(29, '"'), escaped = R"(A\"B\\C)";
  for (int quote = 0; quote < 29; ++quote) escaped += R"(\")";
  m.name.assign(name);
  ASSERT_EQ(m.name.view(), name);
  std::string json = "prefix ";  // appended to, not replaced
  AppendGpsdJson(m, &json, {.device = R"(/dev/"x"\)"});
  EXPECT_THAT(json, ::testing::StartsWith(R"(prefix {"class":"AIS","device":"/dev/\"x\"\\",)"));
  EXPECT_THAT(json, HasSubstr(R"("name":")" + escaped + R"(",)"));
  EXPECT_TRUE(Json::accept(json.substr(7)));
}

// Random lines around real sentences: never a crash, the counts always add up.
TEST(AisDecoderTest, RandomNoiseKeepsCountsConsistent) {
  std::mt19937 rng(5);  // fixed seed: a failure must reproduce
  const std::vector<std::string> seeds = {std::string(kType1), std::string(kType5Part1),
                                          std::string(kType5Part2),
                                          "\\g:1-2-3454,s:41925,c:1635731893*0A\\"};
  AisDecoder decoder;
  AisMessage m;
  std::string json;
  for (int i = 0; i < 20000; ++i) {
    std::string line = seeds[rng() % seeds.size()];
    const int edits = static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !line.empty(); ++e) {
      line[rng() % line.size()] = static_cast<char>(rng() % 128);
    }
    if (decoder.Decode(line, &m)) {
      json.clear();
      AppendGpsdJson(m, &json);
      PositionReport p;
      ToPositionReport(m, &p);
    }
  }
  EXPECT_EQ(decoder.stats().CheckConsistency(decoder.open_fragments()), "");
  decoder.Finish();
  EXPECT_EQ(decoder.stats().CheckConsistency(), "");
  EXPECT_GT(decoder.stats().messages, 1000u);
}

}  // namespace
}  // namespace cordon::maritime
