#include "licences/licences.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace cordon::licences {
namespace {

using ::testing::HasSubstr;

Date D(std::string_view iso) { return *Date::Parse(iso); }

Date Plus(Date d, int days) {
  // Walk a day at a time through ISO text: the test's own arithmetic, not the library's.
  for (; days > 0; --days) {
    int y = d.year(), m = d.month(), dd = d.day() + 1;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (dd > kDays[m - 1] + (m == 2 && leap)) dd = 1, ++m;
    if (m > 12) m = 1, ++y;
    d = Date::FromYmd(y, m, dd);
  }
  for (; days < 0; ++days) {
    int y = d.year(), m = d.month(), dd = d.day() - 1;
    if (dd == 0) {
      if (--m == 0) m = 12, --y;
      static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
      dd = kDays[m - 1] + (m == 2 && leap);
    }
    d = Date::FromYmd(y, m, dd);
  }
  return d;
}

TEST(LicencesTest, InstantsKeepTheirOffset) {
  // 12:01 a.m. eastern daylight time, 12 March 2025 = 04:01 UTC.
  auto edt = ParseInstant("2025-03-12T00:01:00-04:00");
  ASSERT_TRUE(edt.has_value());
  EXPECT_EQ(edt->first, 1741752060);
  EXPECT_EQ(edt->second, -240);
  EXPECT_EQ(ParseInstant("2025-03-12T04:01Z")->first, 1741752060);
  EXPECT_EQ(ParseInstant("2025-11-28T00:00:00+00:00")->second, 0);
  for (const char* bad : {"2025-03-12", "2025-03-12T25:00:00Z", "2025-02-30T00:01:00-05:00",
                          "2025-03-12T00:01:00-0400", "2025-03-12T00:01:00"}) {
    EXPECT_FALSE(ParseInstant(bad).has_value()) << bad;
  }
}

// The rules, on every licence of the bundled table: in force from the day it was issued, not
// the day before; in force the day before its expiry's day and not on it; not in force from the
// day a successor was issued. Each boundary is checked where the other rules leave it standing.
TEST(LicencesTest, EveryLicenceOfTheTableEitherSideOfItsExpiryAndSupersession) {
  const LicenceTable& table = LicenceTable::Bundled();
  ASSERT_GE(table.licences().size(), 40u);
  int boundaries = 0;
  for (const Licence& l : table.licences()) {
    SCOPED_TRACE(l.id);
    const std::string ended = table.EndedOn(l);
    if (l.issued) {
      EXPECT_FALSE(table.InForceOn(l, Plus(*l.issued, -1)));
      if (ended.empty() || ended > l.issued->ToIso()) {
        EXPECT_TRUE(table.InForceOn(l, *l.issued));
        ++boundaries;
      }
    }
    if (l.expires_at) {
      // The expiry's day, read from its text: "2025-03-12T00:01:00-04:00" falls on 12 March.
      const Date day = D(l.expires.substr(0, 10));
      EXPECT_FALSE(table.InForceOn(l, day));
      const Date before = Plus(day, -1);
      const bool superseded_before = !ended.empty() && ended <= before.ToIso();
      if ((!l.issued || *l.issued <= before) && !superseded_before) {
        EXPECT_TRUE(table.InForceOn(l, before));
        ++boundaries;
      }
    }
    for (const std::string& id : l.superseded_by) {
      const Licence* next = table.Find(id);
      ASSERT_NE(next, nullptr);
      if (!next->issued) continue;
      EXPECT_FALSE(table.InForceOn(l, *next->issued)) << "superseded by " << id;
      const Date before = Plus(*next->issued, -1);
      const bool expired = l.expires_at && l.expires.substr(0, 10) <= before.ToIso();
      if ((!l.issued || *l.issued <= before) && !expired) {
        EXPECT_TRUE(table.InForceOn(l, before)) << "the day before " << id;
        ++boundaries;
      }
    }
  }
  EXPECT_GE(boundaries, 60);
}

TEST(LicencesTest, TheEnergyLicenceChainEndedOn12March2025) {
  const LicenceTable& table = LicenceTable::Bundled();
  const Licence* gl8l = table.Find("us-ofac-gl-8l");
  ASSERT_NE(gl8l, nullptr);
  EXPECT_TRUE(table.InForceOn(*gl8l, D("2025-03-11")));
  EXPECT_FALSE(table.InForceOn(*gl8l, D("2025-03-12")));
  // GL 8K stopped when 8L replaced it, before its own expiry of 30 April 2025.
  const Licence* gl8k = table.Find("us-ofac-gl-8k");
  ASSERT_NE(gl8k, nullptr);
  EXPECT_TRUE(table.InForceOn(*gl8k, D("2025-01-09")));
  EXPECT_FALSE(table.InForceOn(*gl8k, D("2025-01-10")));
  EXPECT_EQ(table.EndedOn(*gl8k), "2025-01-10");

  // Sberbank, by its SWIFT code, for energy payments.
  model::Entity sberbank;
  sberbank.id = "us_ofac_sdn:17018";
  sberbank.schema = model::Schema::kCompany;
  sberbank.names.push_back({.full = "PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA"});
  CheckRequest request{.regime = model::Regime::kUs,
                       .entity = &sberbank,
                       .activity = "energy",
                       .date = D("2025-03-11")};
  LicenceCheck on_11 = table.Check(request);
  ASSERT_EQ(on_11.authorising.size(), 1u);
  EXPECT_EQ(on_11.authorising[0]->id, "us-ofac-gl-8l");
  request.date = D("2025-03-12");
  LicenceCheck on_12 = table.Check(request);
  EXPECT_TRUE(on_12.authorising.empty());
  ASSERT_NE(on_12.last, nullptr);
  EXPECT_EQ(on_12.last->id, "us-ofac-gl-8l");
  EXPECT_EQ(on_12.last_ended, "2025-03-12");
  // The same bank by name; and no licence for an activity none names.
  CheckRequest by_name{.regime = model::Regime::kUs,
                       .party_name = "Sberbank of Russia",
                       .activity = "energy",
                       .date = D("2024-06-01")};
  LicenceCheck named = table.Check(by_name);
  ASSERT_EQ(named.authorising.size(), 1u);
  EXPECT_EQ(named.authorising[0]->id, "us-ofac-gl-8i");
  by_name.activity = "retail_stations";
  EXPECT_TRUE(table.Check(by_name).authorising.empty());
  by_name.party_name = "Acme Widgets Ltd";
  by_name.activity = "energy";
  EXPECT_TRUE(table.Check(by_name).authorising.empty());
}

// GL 115C and GL 132 name VEB.RF (SDN 17015) and the entities it owns 50 % or more.
TEST(LicencesTest, APartysOwnedEntitiesAreCoveredWhenTheLicenceIncludesThem) {
  std::vector<model::Entity> entities(3);
  entities[0].id = "us_ofac_sdn:17015";
  entities[0].schema = model::Schema::kCompany;
  entities[0].names.push_back({.full = "STATE CORPORATION BANK FOR DEVELOPMENT AND FOREIGN "
                                       "ECONOMIC AFFAIRS VNESHECONOMBANK"});
  entities[0].sanctions.push_back(
      {.regime = model::Regime::kUs, .authority = "OFAC", .program = "RUSSIA-EO14024"});
  entities[1].id = "register:veb-leasing";  // blocked by ownership, on no list
  entities[1].schema = model::Schema::kCompany;
  entities[1].names.push_back({.full = "VEB LEASING JSC"});
  entities[2].id = "register:unrelated";
  entities[2].schema = model::Schema::kCompany;
  entities[2].names.push_back({.full = "ACME TOOLING GMBH"});
  Result<std::shared_ptr<const match::MatchIndex>> index = match::MatchIndex::Build(entities);
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  std::vector<std::pair<size_t, model::Regime>> asked;
  const LicenceTable::OwnedEntities owned_by = [&](size_t holder, model::Regime regime) {
    asked.emplace_back(holder, regime);
    return holder == 0 && regime == model::Regime::kUs ? std::vector<size_t>{1}
                                                       : std::vector<size_t>{};
  };
  const LicenceTable& table = LicenceTable::Bundled();
  auto ids = [](const std::vector<const Licence*>& ls) {
    std::vector<std::string> out;
    for (const Licence* l : ls) out.push_back(l->id);
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto by_entity = table.LicencesByEntity(**index, D("2026-01-05"), owned_by);
  ASSERT_EQ(by_entity.size(), 3u);
  EXPECT_THAT(ids(by_entity[0]), ::testing::IsSupersetOf({"us-ofac-gl-115c", "us-ofac-gl-132"}));
  EXPECT_THAT(ids(by_entity[1]), ::testing::IsSupersetOf({"us-ofac-gl-115c", "us-ofac-gl-132"}));
  EXPECT_THAT(ids(by_entity[2]), ::testing::IsEmpty());
  EXPECT_FALSE(asked.empty());
  // After GL 115C expired, only GL 132 (no expiry) carries the owned entity.
  const auto later = table.LicencesByEntity(**index, D("2026-07-01"), owned_by);
  EXPECT_THAT(ids(later[1]), ::testing::Contains("us-ofac-gl-132"));
  EXPECT_THAT(ids(later[1]), ::testing::Not(::testing::Contains("us-ofac-gl-115c")));
  // Without ownership data the owned entity is named by no licence.
  EXPECT_THAT(table.LicencesByEntity(**index, D("2026-01-05"))[1], ::testing::IsEmpty());
}

TEST(LicencesTest, ExpiringWithinDaysSoonestFirst) {
  const LicenceTable& table = LicenceTable::Bundled();
  std::vector<const Licence*> soon = table.Expiring(D("2025-03-01"), 30, model::Regime::kUs);
  std::vector<std::string> ids;
  for (const Licence* l : soon) ids.push_back(l->id);
  EXPECT_THAT(ids, ::testing::Contains("us-ofac-gl-8l"));
  for (size_t i = 1; i < soon.size(); ++i)
    EXPECT_LE(*soon[i - 1]->expires_at, *soon[i]->expires_at);
  for (const Licence* l : soon) EXPECT_TRUE(table.InForceOn(*l, D("2025-03-01"))) << l->id;
  EXPECT_TRUE(table.Expiring(D("2025-03-01"), 5, model::Regime::kUs).empty());
}

TEST(LicencesTest, MalformedTablesNameTheLicenceAndField) {
  const auto error = [](std::string_view json) {
    Result<LicenceTable> t = LicenceTable::Parse(json, "l.json");
    return t.ok() ? std::string() : std::string(t.status().message());
  };
  EXPECT_THAT(error(R"({"activities": {"energy": ""}, "licences": [{"id": "a", "regime": "us",
      "activities": ["fishing"]}]})"),
              HasSubstr("l.json: licences[0] (a): activities: 'fishing'"));
  EXPECT_THAT(error(R"({"activities": {}, "licences": [{"id": "a", "regime": "us",
      "expires": "2025-03-12"}]})"),
              HasSubstr("l.json: licences[0] (a): expires"));
  EXPECT_THAT(error(R"({"activities": {}, "licences": [{"id": "a", "regime": "un"}]})"),
              HasSubstr("regime"));
  EXPECT_THAT(error(R"({"licences": []})"), HasSubstr("l.json"));
}

}  // namespace
}  // namespace cordon::licences
