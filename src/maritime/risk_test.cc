#include "maritime/risk.h"

#include <gtest/gtest.h>

namespace cordon::maritime {
namespace {

Event MakeEvent(EventType type, std::string place_kind = "", std::string place = "") {
  Event e{.type = type, .mmsi = 273123456};
  if (!place_kind.empty()) {
    e.Add("place", place);
    e.Add("place_kind", place_kind);
  }
  return e;
}

TEST(AssessVessel, AListingByImoIsDecisive) {
  const ListingHit hit{.entity_id = "us_ofac_sdn:37933",
                       .caption = "GRACEFUL",
                       .regimes = {model::Regime::kUs, model::Regime::kUk},
                       .matched_by = MatchedBy::kImo};
  VesselRisk risk = AssessVessel({&hit, 1}, {});
  EXPECT_EQ(risk.score, 100);
  EXPECT_EQ(risk.level, "high");
  ASSERT_EQ(risk.reasons.size(), 1u);
  EXPECT_EQ(risk.reasons[0].code, "listed_by_imo");
  EXPECT_NE(risk.reasons[0].text.find("us, uk"), std::string::npos) << risk.reasons[0].text;
}

TEST(AssessVessel, ANameMatchWeighsByItsScore) {
  const ListingHit weak{.caption = "SEA STAR", .matched_by = MatchedBy::kName, .name_score = 0.8};
  EXPECT_DOUBLE_EQ(AssessVessel({&weak, 1}, {}).score, 40);
  const ListingHit mmsi{.caption = "SEA STAR", .matched_by = MatchedBy::kMmsi};
  EXPECT_EQ(AssessVessel({&mmsi, 1}, {}).level, "high");
}

TEST(AssessVessel, ShadowFleetEvidenceAddsUpWithCapsPerKind) {
  std::vector<Event> events;
  for (int i = 0; i < 5; ++i) events.push_back(MakeEvent(EventType::kSuspectedDisabling));
  VesselRisk dark = AssessVessel({}, events);
  EXPECT_EQ(dark.score, 50);  // 5 × 25, capped at 50
  EXPECT_EQ(dark.level, "medium");

  events.push_back(MakeEvent(EventType::kEncounter));
  events.push_back(MakeEvent(EventType::kPortCall, "crude_terminal", "Primorsk"));
  VesselRisk more = AssessVessel({}, events);
  EXPECT_EQ(more.score, 90);  // 50 + 20 + 20
  EXPECT_EQ(more.level, "high");
  EXPECT_EQ(more.reasons.front().code, "suspected_disabling");  // strongest first
  bool terminal = false;
  for (const RiskReason& r : more.reasons) {
    if (r.code == "oil_terminal_call") {
      terminal = true;
      EXPECT_NE(r.text.find("Primorsk"), std::string::npos);
    }
  }
  EXPECT_TRUE(terminal);
}

TEST(AssessVessel, PortCallsCountOnlyAtTerminalsAndTransferAreas) {
  const std::vector<Event> events = {MakeEvent(EventType::kPortCall, "anchorage", "Somewhere"),
                                     MakeEvent(EventType::kPortCall, "sts_area", "Laconian Gulf")};
  VesselRisk risk = AssessVessel({}, events);
  EXPECT_EQ(risk.score, 15);
  EXPECT_EQ(risk.level, "low");
}

TEST(AssessVessel, NothingIsNone) {
  VesselRisk risk = AssessVessel({}, {});
  EXPECT_EQ(risk.score, 0);
  EXPECT_EQ(risk.level, "none");
  EXPECT_TRUE(risk.reasons.empty());
}

}  // namespace
}  // namespace cordon::maritime
