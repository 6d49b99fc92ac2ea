#include "maritime/events.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace cordon::maritime {
namespace {

TEST(EventTest, TypeNamesRoundTrip) {
  for (int k = 0; k < kEventTypeCount; ++k) {
    const auto type = static_cast<EventType>(k);
    EXPECT_EQ(EventTypeFromName(EventTypeName(type)), type);
  }
  EXPECT_EQ(EventTypeName(EventType::kSuspectedDisabling), "suspected_disabling");
  EXPECT_EQ(EventTypeFromName("gap"), std::nullopt);
}

TEST(EventTest, EvidenceLookups) {
  Event e;
  e.Add("gap_h", 14.5);
  e.Add("positions", int64_t{12});
  e.Add("place", std::string("Primorsk"));
  EXPECT_EQ(e.Number("gap_h"), 14.5);
  EXPECT_EQ(e.Number("positions"), 12.0);
  EXPECT_EQ(e.Number("place"), std::nullopt);
  EXPECT_EQ(e.Text("place"), "Primorsk");
  EXPECT_EQ(e.Text("gap_h"), "");
  EXPECT_EQ(e.Find("missing"), nullptr);
}

TEST(EventTest, JsonLine) {
  Event e{.type = EventType::kEncounter,
          .mmsi = 273349210,
          .imo = 9187241,
          .other_mmsi = 636019825,
          .start = 1709287200,
          .end = 1709298000,
          .position = LatLon{55.754051234, 19.011534567}};
  e.Add("name", std::string("SIBIRSKIY VETER"));
  e.Add("duration_h", 3.0);
  e.Add("median_knots", 0.375);
  e.Add("samples", int64_t{19});
  EXPECT_EQ(EventToJson(e),
            R"({"type":"encounter","mmsi":273349210,"imo":9187241,"other_mmsi":636019825,)"
            R"("start":"2024-03-01T10:00:00Z","end":"2024-03-01T13:00:00Z","lat":55.75405,)"
            R"("lon":19.01153,"evidence":{"name":"SIBIRSKIY VETER","duration_h":3.0,)"
            R"("median_knots":0.375,"samples":19}})");
}

TEST(EventTest, JsonWithoutPositionOrImoAndWithOddText) {
  Event e{.type = EventType::kIdentityChange, .mmsi = 1, .start = 0, .end = 0};
  e.Add("new_name", std::string("BAD\xff"
                                "NAME"));
  const std::string line = EventToJson(e);
  const nlohmann::json json = nlohmann::json::parse(line);
  EXPECT_FALSE(json.contains("lat"));
  EXPECT_FALSE(json.contains("imo"));
  EXPECT_FALSE(json.contains("other_mmsi"));
  EXPECT_EQ(json["start"], "1970-01-01T00:00:00Z");
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(EventTest, FormatUtc) {
  EXPECT_EQ(FormatUtc(1418169601), "2014-12-10T00:00:01Z");
  EXPECT_EQ(FormatUtc(951782400), "2000-02-29T00:00:00Z");
}

}  // namespace
}  // namespace cordon::maritime
