// Tests of the test tree's AIS encoder and scenario generator (testing/): the encoder must
// reproduce real sentences bit for bit, and the generator must report like a class A
// transponder.
#include "maritime/testing/scenario.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "maritime/ais.h"
#include "maritime/testing/ais_encoder.h"

namespace cordon::maritime::testing {
namespace {

// --- the encoder against real sentences (schwehr/libais test data, /work/shared/data/ais) ---

TEST(AisEncoderTest, ReproducesARealType1Sentence) {
  // libais typeexamples.nmea line 2; raw values as its typeexamples.json decodes them (speed
  // 8.6 kn, course 35.9, lat 42.79855, lon -70.34691, second 56, SOTDMA slot 2118).
  const PositionMessage m{.type = 1,
                          .mmsi = 367033650,
                          .status = 0,
                          .turn = -128,
                          .speed = 86,
                          .lon = -42208143,
                          .lat = 25679130,
                          .course = 359,
                          .heading = 511,
                          .second = 56,
                          .radio = (6u << 14) | 2118u};
  const Payload payload = EncodePosition(m);
  EXPECT_EQ(payload.armoured, "15N1u<PP1FJuvSRHOE6QIwwh0HQ6");
  EXPECT_EQ(payload.fill_bits, 0);
  EXPECT_EQ(ToSentences(payload, {.channel = 'A'}),
            std::vector<std::string>{"!AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*30"});
}

TEST(AisEncoderTest, ReproducesARealTaggedType1Sentence) {
  // libais tagblock.nmea line 2 (an ORBCOMM satellite report, "Engaged in fishing").
  const PositionMessage m{.type = 1,
                          .mmsi = 224651000,
                          .status = 7,
                          .turn = 0,
                          .speed = 12,
                          .lon = -97129590,
                          .lat = -3166750,
                          .course = 2246,
                          .heading = 155,
                          .second = 51,
                          .radio = 49152};
  const Payload payload = EncodePosition(m);
  EXPECT_EQ(payload.armoured, "13F?Vv700<DJuLEtvep`iToV0<00");
  EXPECT_EQ(ToSentences(payload, {.channel = 'B'})[0],
            "!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78");
}

TEST(AisEncoderTest, ReproducesARealType5Message) {
  // libais typeexamples.nmea line 3: text fields padded with blanks by the sender.
  const StaticMessage m{.mmsi = 249190000,
                        .imo = 9383663,
                        .callsign = "9HMQ9  ",
                        .name = "RUTH THERESA        ",
                        .ship_type = 80,
                        .to_bow = 78,
                        .to_stern = 23,
                        .to_port = 1,
                        .to_starboard = 17,
                        .eta_month = 12,
                        .eta_day = 30,
                        .eta_hour = 16,
                        .eta_minute = 30,
                        .draught = 78,
                        .destination = "BOSTON,USA          "};
  const Payload payload = EncodeStatic(m);
  EXPECT_EQ(payload.armoured,
            "53eaFL02?;fwTPm7V219E@R1@PE8E<622222221@9hG1A7?@NCPSlm3kc5DhH8888888880");
  EXPECT_EQ(payload.fill_bits, 2);
  EXPECT_EQ(ToSentences(
                payload,
                {.channel = 'B', .sequence_id = 1, .max_chars = 80, .sequence_id_always = true})[0],
            "!AIVDM,1,1,1,B,53eaFL02?;fwTPm7V219E@R1@PE8E<622222221@9hG1A7?@NCPSlm3kc5DhH888888"
            "8880,2*7F");
}

TEST(AisEncoderTest, ReproducesARealTwoSentenceType5WithTagBlocks) {
  // libais tagblock.nmea lines 1 and 3: '@' padding, 60 + 11 characters.
  const StaticMessage m{.mmsi = 219005012,
                        .callsign = "XPD5019",
                        .name = "ROSINANTE",
                        .to_bow = 9,
                        .to_stern = 3,
                        .to_port = 3,
                        .eta_hour = 0,
                        .eta_minute = 0,
                        .dte = true};
  const std::vector<std::string> sentences =
      ToSentences(EncodeStatic(m), {.channel = 'A', .sequence_id = 6});
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0],
            "!AIVDM,2,1,6,A,53@o0E000001Q0CG37U8u<Tp4q@D00000000000018330400000000000000,0*63");
  EXPECT_EQ(sentences[1], "!AIVDM,2,2,6,A,00000000008,2*2A");
}

TEST(AisEncoderTest, TagBlockChecksumsMatchRealOnes) {
  EXPECT_EQ(NmeaChecksum("g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01"), "37");
  EXPECT_EQ(NmeaChecksum("s:rORBCOMM104,q:u,c:1418172113,T:2014-12-10 00.41.53"), "55");
  const std::vector<std::string> tagged =
      ToSentences({.armoured = "1", .fill_bits = 0}, {.time = 1418169601});
  EXPECT_EQ(tagged[0].substr(0, 17), "\\c:1418169601*" + NmeaChecksum("c:1418169601") + "\\");
  const std::vector<std::string> grouped =
      ToSentences({.armoured = std::string(70, '0'), .fill_bits = 2},
                  {.time = 1418169601, .sequence_id = 3, .group_id = 1604});
  ASSERT_EQ(grouped.size(), 2u);
  EXPECT_EQ(grouped[1].substr(0, 29),
            "\\g:2-2-1604,c:1418169601*" + NmeaChecksum("g:2-2-1604,c:1418169601") + "\\!");
}

// --- the encoder against the decoder, field by field ---

TEST(AisEncoderTest, RandomMessagesSurviveTheDecoder) {
  std::mt19937 rng(501);  // fixed seed: a failure must reproduce
  auto uniform = [&](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
  AisDecoder decoder;
  AisMessage msg;
  for (int k = 0; k < 2000; ++k) {
    const PositionMessage p{.type = static_cast<uint8_t>(1 + uniform(3)),
                            .mmsi = 200'000'000 + uniform(500'000'000),
                            .status = static_cast<uint8_t>(uniform(16)),
                            .turn = static_cast<int8_t>(static_cast<int>(uniform(256)) - 128),
                            .speed = static_cast<uint16_t>(uniform(1024)),
                            .accuracy = uniform(2) == 1,
                            .lon = static_cast<int32_t>(uniform(216'000'001)) - 108'000'000,
                            .lat = static_cast<int32_t>(uniform(108'000'001)) - 54'000'000,
                            .course = static_cast<uint16_t>(uniform(3601)),
                            .heading = static_cast<uint16_t>(uniform(360)),
                            .second = static_cast<uint8_t>(uniform(60)),
                            .radio = uniform(1u << 19)};
    const int64_t time = 1'700'000'000 + k;
    const std::vector<std::string> lines = ToSentences(EncodePosition(p), {.time = time});
    ASSERT_TRUE(decoder.Decode(lines[0], &msg)) << lines[0];
    EXPECT_EQ(msg.type, p.type);
    EXPECT_EQ(msg.mmsi, p.mmsi);
    EXPECT_EQ(msg.status, p.status);
    EXPECT_EQ(msg.turn, p.turn);
    EXPECT_EQ(msg.speed, p.speed);
    EXPECT_EQ(msg.accuracy, p.accuracy);
    EXPECT_EQ(msg.lon, p.lon);
    EXPECT_EQ(msg.lat, p.lat);
    EXPECT_EQ(msg.course, p.course);
    EXPECT_EQ(msg.heading, p.heading);
    EXPECT_EQ(msg.second, p.second);
    EXPECT_EQ(msg.radio, p.radio);
    EXPECT_EQ(msg.time, time);
  }
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -.,/";
  auto text = [&](size_t max) {
    std::string s;
    const size_t n = 1 + uniform(static_cast<uint32_t>(max));
    for (size_t c = 0; c < n; ++c) s += alphabet[uniform(static_cast<uint32_t>(alphabet.size()))];
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s.empty() ? std::string("X") : s;
  };
  for (int k = 0; k < 500; ++k) {
    const StaticMessage s{.mmsi = 200'000'000 + uniform(500'000'000),
                          .imo = uniform(1u << 30),
                          .callsign = text(7),
                          .name = text(20),
                          .ship_type = static_cast<uint8_t>(uniform(100)),
                          .to_bow = static_cast<uint16_t>(uniform(512)),
                          .to_stern = static_cast<uint16_t>(uniform(512)),
                          .to_port = static_cast<uint8_t>(uniform(64)),
                          .to_starboard = static_cast<uint8_t>(uniform(64)),
                          .draught = static_cast<uint8_t>(uniform(256)),
                          .destination = text(20)};
    const std::vector<std::string> lines = ToSentences(
        EncodeStatic(s), {.time = 1'700'000'000 + k, .sequence_id = k % 10, .group_id = k + 1});
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_FALSE(decoder.Decode(lines[0], &msg));  // the first part alone completes nothing
    ASSERT_TRUE(decoder.Decode(lines[1], &msg)) << lines[1];
    StaticReport report;
    ASSERT_TRUE(ToStaticReport(msg, &report));
    EXPECT_EQ(report.mmsi, s.mmsi);
    EXPECT_EQ(report.imo, s.imo);
    EXPECT_EQ(report.name, s.name);
    EXPECT_EQ(report.callsign, s.callsign);
    EXPECT_EQ(report.destination, s.destination);
    EXPECT_EQ(report.ship_type, s.ship_type);
    EXPECT_EQ(report.to_bow, s.to_bow);
    EXPECT_EQ(report.to_stern, s.to_stern);
    EXPECT_EQ(report.to_port, s.to_port);
    EXPECT_EQ(report.to_starboard, s.to_starboard);
    EXPECT_FLOAT_EQ(report.draught, s.draught / 10.0f);
  }
  EXPECT_EQ(decoder.stats().rejected_lines(), 0u) << decoder.stats().Summary();
}

// --- the generator ---

TEST(ScenarioTest, MakeImoAppendsTheCheckDigit) {
  EXPECT_EQ(MakeImo(938366), 9383663u);  // RUTH THERESA, a real IMO
  EXPECT_EQ(MakeImo(907472), 9074729u);
}

TEST(ScenarioTest, ReportsLikeAClassATransponder) {
  ScenarioBuilder builder(9);
  builder.set_loss(0);
  const VesselInfo info{
      .mmsi = 352000009, .imo = MakeImo(931245), .name = "PEARL RIVER", .callsign = "3EXK9"};
  const int64_t t0 = kScenarioEpoch;
  builder.AddVessel(info, {59.95, 26.2}, t0)
      .SailTo({59.93, 26.95}, 12)  // 10 s
      .SailTo({59.90, 27.5}, 18)   // 6 s
      .Moor(6 * 3600)              // 3 min
      .GoDark()
      .Moor(3600);
  const Scenario scenario = builder.Build();
  std::map<int64_t, int> intervals;  // seconds between positions -> count
  int64_t last = -1;
  std::vector<int64_t> statics;
  for (const Scenario::Report& report : scenario.reports) {
    if (const auto* p = std::get_if<PositionReport>(&report)) {
      if (last >= 0) ++intervals[p->time - last];
      last = p->time;
      EXPECT_EQ(p->message_type, p->status == 5 ? 3 : 1);
    } else {
      statics.push_back(std::get<StaticReport>(report).time);
    }
  }
  EXPECT_GT(intervals[10], 600);  // 42 km at 12 kn
  EXPECT_GT(intervals[6], 500);   // 30 km at 18 kn
  EXPECT_NEAR(intervals[180], 6 * 20 - 1, 1);
  EXPECT_LE(intervals.size(), 4u);  // and the odd interval at a change of leg
  ASSERT_GT(statics.size(), 10u);
  for (size_t k = 1; k < statics.size(); ++k) EXPECT_EQ(statics[k] - statics[k - 1], 360);
  EXPECT_LE(statics.back(), scenario.end - 3600);  // none while dark
  EXPECT_TRUE(std::is_sorted(scenario.reports.begin(), scenario.reports.end(),
                             [](const Scenario::Report& a, const Scenario::Report& b) {
                               auto time = [](const Scenario::Report& r) {
                                 return std::visit([](const auto& x) { return x.time; }, r);
                               };
                               return time(a) < time(b);
                             }));
}

TEST(ScenarioTest, SameSeedSameStreamOtherSeedOtherNoise) {
  auto build = [](uint32_t seed) {
    ScenarioBuilder builder(seed);
    AddSpoofedJump(builder, kScenarioEpoch);
    AddRenamedVessel(builder, kScenarioEpoch);
    return builder.Build();
  };
  const Scenario a = build(4);
  const Scenario b = build(4);
  const Scenario c = build(5);
  EXPECT_EQ(a.Nmea(), b.Nmea());
  EXPECT_NE(a.Nmea(), c.Nmea());
  EXPECT_EQ(a.expected.size(), c.expected.size());
}

TEST(ScenarioTest, NmeaHasOneLinePerPositionAndTwoPerStatic) {
  const Scenario scenario = PlainTransitsScenario();
  const std::string nmea = scenario.Nmea();
  const size_t lines = static_cast<size_t>(std::count(nmea.begin(), nmea.end(), '\n'));
  const size_t statics = scenario.reports.size() - scenario.positions();
  EXPECT_EQ(lines, scenario.positions() + 2 * statics);
  EXPECT_EQ(nmea.substr(0, 17), "\\c:1709251200*52\\");
}

TEST(ScenarioTest, PositionAtFollowsTheScript) {
  ScenarioBuilder builder;
  VesselScript& ship = builder.AddVessel({.mmsi = 1}, {60.0, 25.0}, kScenarioEpoch);
  ship.SailTo({60.0, 26.0}, 10).Moor(3600);
  const double metres = DistanceMeters({60.0, 25.0}, {60.0, 26.0});
  const int64_t arrive = kScenarioEpoch + static_cast<int64_t>(metres / (10 * 1852.0 / 3600) + 0.5);
  EXPECT_EQ(ship.now(), arrive + 3600);
  EXPECT_LT(DistanceMeters(ship.PositionAt(arrive + 100), {60.0, 26.0}), 1e-3);
  EXPECT_NEAR(DistanceMeters(ship.PositionAt(kScenarioEpoch + 1800), {60.0, 25.0}), 9260, 1);
  const int64_t within = ship.FirstTimeWithin({60.0, 26.0}, 3000, kScenarioEpoch, ship.now());
  EXPECT_NEAR(static_cast<double>(arrive - within), 3000 / (10 * 1852.0 / 3600), 10);
}

}  // namespace
}  // namespace cordon::maritime::testing
