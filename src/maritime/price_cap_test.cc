#include "maritime/price_cap.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace cordon::maritime {
namespace {

using model::PartialDate;
using model::Regime;

PartialDate D(std::string_view iso) {
  const std::optional<PartialDate> date = PartialDate::FromIso(iso);
  EXPECT_TRUE(date.has_value()) << iso;
  return date.value_or(PartialDate{});
}

class PriceCapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<const PriceCapTable*> table = PriceCapTable::Bundled();
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    table_ = *table;
  }

  CapCheck Check(Regime regime, OilProduct product, double price, std::string_view loaded,
                 std::string_view contracted = "") {
    Result<CapCheck> check =
        table_->Check({.regime = regime,
                       .product = product,
                       .usd_per_barrel = price,
                       .loading_date = D(loaded),
                       .contract_date = contracted.empty() ? PartialDate{} : D(contracted)});
    EXPECT_TRUE(check.ok()) << check.status().ToString();
    return check.ok() ? *check : CapCheck{};
  }

  const PriceCapTable* table_ = nullptr;
};

TEST_F(PriceCapTest, BundledTableHasEveryRegimeAndProduct) {
  EXPECT_EQ(table_->caps().size(), 13u);
  ASSERT_EQ(table_->reviews().size(), 1u);
  EXPECT_EQ(table_->reviews()[0].regime, Regime::kEu);
  EXPECT_EQ(table_->reviews()[0].next_review, D("2026-07-15"));
  // Grouped by regime and product, oldest first.
  for (size_t i = 1; i < table_->caps().size(); ++i) {
    const PriceCap& a = table_->caps()[i - 1];
    const PriceCap& b = table_->caps()[i];
    if (a.regime == b.regime && a.product == b.product) {
      EXPECT_LT(a.from, b.from);
    }
    EXPECT_FALSE(b.source.empty());
  }
}

TEST_F(PriceCapTest, CapsInForceChangeOnTheDay) {
  const auto cap = [&](Regime regime, std::string_view date) {
    const PriceCap* in_force = table_->InForce(regime, OilProduct::kCrude, D(date));
    return in_force == nullptr ? 0.0 : in_force->usd_per_barrel;
  };
  EXPECT_EQ(cap(Regime::kEu, "2022-12-04"), 0.0);
  EXPECT_EQ(cap(Regime::kEu, "2022-12-05"), 60.0);
  EXPECT_EQ(cap(Regime::kEu, "2025-09-02"), 60.0);
  EXPECT_EQ(cap(Regime::kEu, "2025-09-03"), 47.6);
  EXPECT_EQ(cap(Regime::kEu, "2026-01-31"), 47.6);
  EXPECT_EQ(cap(Regime::kEu, "2026-02-01"), 44.1);
  EXPECT_EQ(cap(Regime::kUk, "2025-09-01"), 60.0);
  EXPECT_EQ(cap(Regime::kUk, "2025-09-02"), 47.6);
  EXPECT_EQ(cap(Regime::kUk, "2026-01-31"), 44.1);
  // The United States kept $60.
  EXPECT_EQ(cap(Regime::kUs, "2026-06-01"), 60.0);
}

TEST_F(PriceCapTest, PriceAtTheCapComplies) {
  EXPECT_TRUE(Check(Regime::kUs, OilProduct::kCrude, 60.0, "2024-03-01").compliant);
  EXPECT_FALSE(Check(Regime::kUs, OilProduct::kCrude, 60.01, "2024-03-01").compliant);
  // 47.6 and a cap of 47.60 are the same price, whatever binary floating point makes of them.
  const CapCheck at = Check(Regime::kEu, OilProduct::kCrude, 0.1 + 47.5, "2025-12-01");
  EXPECT_TRUE(at.compliant) << at.explanation;
  ASSERT_NE(at.applied, nullptr);
  EXPECT_EQ(at.applied->usd_per_barrel, 47.6);
  EXPECT_FALSE(at.under_wind_down);
}

TEST_F(PriceCapTest, UsCapStayedAtSixtyWhenEuAndUkCutTheirs) {
  EXPECT_TRUE(Check(Regime::kUs, OilProduct::kCrude, 55, "2026-03-01").compliant);
  EXPECT_FALSE(Check(Regime::kEu, OilProduct::kCrude, 55, "2026-03-01").compliant);
  EXPECT_FALSE(Check(Regime::kUk, OilProduct::kCrude, 55, "2026-03-01").compliant);
}

TEST_F(PriceCapTest, EuWindDownOf2025KeepsSixtyForOldContracts) {
  // Concluded before 20 July 2025, loaded after the cut: the previous cap applies.
  const CapCheck old = Check(Regime::kEu, OilProduct::kCrude, 58, "2025-09-10", "2025-07-01");
  EXPECT_TRUE(old.compliant) << old.explanation;
  EXPECT_TRUE(old.under_wind_down);
  ASSERT_NE(old.applied, nullptr);
  ASSERT_NE(old.in_force, nullptr);
  EXPECT_EQ(old.applied->usd_per_barrel, 60.0);
  EXPECT_EQ(old.in_force->usd_per_barrel, 47.6);
  EXPECT_NE(old.explanation.find("wind-down"), std::string::npos) << old.explanation;
  // The last day of the wind-down counts; the day after does not.
  EXPECT_TRUE(Check(Regime::kEu, OilProduct::kCrude, 58, "2025-10-18", "2025-07-19").compliant);
  const CapCheck late = Check(Regime::kEu, OilProduct::kCrude, 58, "2025-10-19", "2025-07-19");
  EXPECT_FALSE(late.compliant);
  EXPECT_NE(late.explanation.find("loaded after 2025-10-18"), std::string::npos)
      << late.explanation;
  // Contracts from 20 July on had to meet the new cap from 3 September.
  const CapCheck newer = Check(Regime::kEu, OilProduct::kCrude, 58, "2025-09-10", "2025-07-20");
  EXPECT_FALSE(newer.compliant);
  EXPECT_NE(newer.explanation.find("concluded on 2025-07-20"), std::string::npos)
      << newer.explanation;
  // ...but could still load at up to $60 before it.
  EXPECT_TRUE(Check(Regime::kEu, OilProduct::kCrude, 58, "2025-09-02", "2025-08-01").compliant);
  // The wind-down never allows more than the previous cap.
  const CapCheck above = Check(Regime::kEu, OilProduct::kCrude, 61, "2025-09-10", "2025-07-01");
  EXPECT_FALSE(above.compliant);
  EXPECT_NE(above.explanation.find("previous cap of $60.00/bbl"), std::string::npos)
      << above.explanation;
  // Without a contract date there is no wind-down to claim.
  const CapCheck unknown = Check(Regime::kEu, OilProduct::kCrude, 58, "2025-09-10");
  EXPECT_FALSE(unknown.compliant);
  EXPECT_NE(unknown.explanation.find("contract date is unknown"), std::string::npos);
}

TEST_F(PriceCapTest, EuWindDownOf2026KeepsFortySevenSixty) {
  const CapCheck check = Check(Regime::kEu, OilProduct::kCrude, 46, "2026-03-01", "2026-01-20");
  EXPECT_TRUE(check.compliant) << check.explanation;
  EXPECT_TRUE(check.under_wind_down);
  EXPECT_EQ(check.applied->usd_per_barrel, 47.6);
  EXPECT_TRUE(Check(Regime::kEu, OilProduct::kCrude, 46, "2026-04-16", "2026-01-31").compliant);
  EXPECT_FALSE(Check(Regime::kEu, OilProduct::kCrude, 46, "2026-04-17", "2026-01-20").compliant);
  EXPECT_FALSE(Check(Regime::kEu, OilProduct::kCrude, 46, "2026-03-01", "2026-02-01").compliant);
}

TEST_F(PriceCapTest, UkWindDownsEndADayBeforeTheEus) {
  EXPECT_TRUE(Check(Regime::kUk, OilProduct::kCrude, 55, "2025-10-17", "2025-09-01").compliant);
  EXPECT_FALSE(Check(Regime::kUk, OilProduct::kCrude, 55, "2025-10-18", "2025-09-01").compliant);
  // Unlike the EU's, the UK's 2025 wind-down covers contracts made after 20 July.
  EXPECT_TRUE(Check(Regime::kUk, OilProduct::kCrude, 55, "2025-09-10", "2025-08-15").compliant);
  EXPECT_FALSE(Check(Regime::kEu, OilProduct::kCrude, 55, "2025-09-10", "2025-08-15").compliant);
  EXPECT_TRUE(Check(Regime::kUk, OilProduct::kCrude, 47, "2026-04-16", "2026-01-30").compliant);
  EXPECT_FALSE(Check(Regime::kUk, OilProduct::kCrude, 47, "2026-04-16", "2026-01-31").compliant);
}

TEST_F(PriceCapTest, RefinedProductsHaveTwoCaps) {
  for (Regime regime : {Regime::kUs, Regime::kEu, Regime::kUk}) {
    EXPECT_TRUE(Check(regime, OilProduct::kPremiumToCrude, 100, "2025-11-01").compliant);
    EXPECT_FALSE(Check(regime, OilProduct::kPremiumToCrude, 100.5, "2025-11-01").compliant);
    EXPECT_TRUE(Check(regime, OilProduct::kDiscountToCrude, 45, "2025-11-01").compliant);
    EXPECT_FALSE(Check(regime, OilProduct::kDiscountToCrude, 46, "2025-11-01").compliant);
  }
}

TEST_F(PriceCapTest, BeforeTheFirstCapThereIsNone) {
  const CapCheck check = Check(Regime::kEu, OilProduct::kPremiumToCrude, 130, "2023-02-04");
  EXPECT_TRUE(check.compliant);
  EXPECT_EQ(check.applied, nullptr);
  EXPECT_EQ(check.in_force, nullptr);
  EXPECT_NE(check.explanation.find("first applies from 2023-02-05"), std::string::npos)
      << check.explanation;
}

TEST_F(PriceCapTest, LoadingsAfterADueReviewWarnThatTheTableMayBeStale) {
  EXPECT_TRUE(Check(Regime::kEu, OilProduct::kCrude, 40, "2026-07-14").warnings.empty());
  const CapCheck later = Check(Regime::kEu, OilProduct::kCrude, 40, "2026-08-01");
  ASSERT_EQ(later.warnings.size(), 1u);
  EXPECT_NE(later.warnings[0].find("2026-07-15"), std::string::npos) << later.warnings[0];
  // The review is the EU's: other regimes and products do not warn.
  EXPECT_TRUE(Check(Regime::kUk, OilProduct::kCrude, 40, "2026-08-01").warnings.empty());
  EXPECT_TRUE(Check(Regime::kEu, OilProduct::kPremiumToCrude, 40, "2026-08-01").warnings.empty());
}

TEST_F(PriceCapTest, MalformedTradesAreInvalidArguments) {
  const auto status = [&](Trade trade) { return table_->Check(trade).status(); };
  Trade trade{.regime = Regime::kEu,
              .product = OilProduct::kCrude,
              .usd_per_barrel = 50,
              .loading_date = D("2025-10-01")};
  EXPECT_TRUE(status(trade).ok());

  Trade un = trade;
  un.regime = Regime::kUn;
  EXPECT_EQ(status(un).code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status(un).message().find("\"un\""), std::string::npos) << status(un).message();

  Trade month_only = trade;
  month_only.loading_date = D("2025-10");
  EXPECT_EQ(status(month_only).code(), StatusCode::kInvalidArgument);
  Trade no_date = trade;
  no_date.loading_date = PartialDate{};
  EXPECT_EQ(status(no_date).code(), StatusCode::kInvalidArgument);
  Trade bad_day = trade;
  bad_day.loading_date = PartialDate{2025, 2, 29};  // not a leap year
  EXPECT_EQ(status(bad_day).code(), StatusCode::kInvalidArgument);
  Trade partial_contract = trade;
  partial_contract.contract_date = D("2025");
  EXPECT_EQ(status(partial_contract).code(), StatusCode::kInvalidArgument);

  Trade negative = trade;
  negative.usd_per_barrel = -1;
  EXPECT_EQ(status(negative).code(), StatusCode::kInvalidArgument);
  Trade nan = trade;
  nan.usd_per_barrel = std::nan("");
  EXPECT_EQ(status(nan).code(), StatusCode::kInvalidArgument);
}

TEST(PriceCapNamesTest, ProductNamesRoundTrip) {
  for (OilProduct product :
       {OilProduct::kCrude, OilProduct::kPremiumToCrude, OilProduct::kDiscountToCrude}) {
    EXPECT_EQ(OilProductFromName(OilProductName(product)), product);
  }
  EXPECT_EQ(OilProductName(OilProduct::kDiscountToCrude), "discount_to_crude");
  EXPECT_FALSE(OilProductFromName("diesel").has_value());
}

TEST(PriceCapFileTest, BundledFileLoadsFromAPath) {
  Result<PriceCapTable> table =
      PriceCapTable::Load(std::string(CORDON_BUNDLED_DATA) + "/maritime/price_caps.json");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->caps().size(), 13u);
  EXPECT_EQ(PriceCapTable::Load("/nonexistent/price_caps.json").status().code(),
            StatusCode::kNotFound);
}

// A one-regime table with the given caps, for the parser's error messages.
std::string Table(const std::string& caps) {
  return R"({"format": "cordon-price-caps-1", "caps": [)" + caps + "]}";
}
constexpr char kCap60[] =
    R"({"regime": "eu", "product": "crude", "from": "2022-12-05", "usd_per_barrel": 60,)"
    R"( "source": "s"})";

TEST(PriceCapFileTest, DefectsAreCorruptionNamingTheField) {
  const struct {
    std::string json, expected;
  } cases[] = {
      {"[", "caps.json: not valid JSON"},
      {R"({"caps": []})", "cordon-price-caps-1"},
      {R"({"format": 5, "caps": []})", "cordon-price-caps-1"},
      {Table(""), "non-empty \"caps\" array"},
      {Table(R"({"regime": "eu", "product": "crude", "from": "2022-13-05",)"
             R"( "usd_per_barrel": 60, "source": "s"})"),
       "caps[0].from: expected a date YYYY-MM-DD, got \"2022-13-05\""},
      {Table(R"({"regime": "eu", "product": "crude", "from": "2022-12",)"
             R"( "usd_per_barrel": 60, "source": "s"})"),
       "caps[0].from: expected a date"},
      {Table(R"({"regime": "xx", "product": "crude", "from": "2022-12-05",)"
             R"( "usd_per_barrel": 60, "source": "s"})"),
       "caps[0].regime: unknown regime \"xx\""},
      {Table(R"({"regime": "eu", "product": "diesel", "from": "2022-12-05",)"
             R"( "usd_per_barrel": 60, "source": "s"})"),
       "caps[0].product: unknown product \"diesel\""},
      {Table(R"({"regime": "eu", "product": "crude", "from": "2022-12-05",)"
             R"( "usd_per_barrel": -60, "source": "s"})"),
       "caps[0].usd_per_barrel: expected a positive number"},
      {Table(R"({"regime": "eu", "product": "crude", "from": "2022-12-05",)"
             R"( "usd_per_barrel": 60})"),
       "caps[0]: missing \"source\""},
      {Table(std::string(kCap60) + "," + kCap60), "caps[1].from: a second eu crude cap"},
      {Table(R"({"regime": "eu", "product": "crude", "from": "2022-12-05", "usd_per_barrel": 60,)"
             R"( "source": "s", "wind_down": {"contracts_before": "2022-12-01",)"
             R"( "last_day": "2023-01-01", "source": "s"}})"),
       "caps[0].wind_down: the first cap of its regime and product has no previous cap"},
      {Table(
           std::string(kCap60) +
           R"(, {"regime": "eu", "product": "crude", "from": "2025-09-03", "usd_per_barrel": 47.6,)"
           R"( "source": "s", "wind_down": {"contracts_before": "2025-07-20",)"
           R"( "last_day": "2025-09-01", "source": "s"}})"),
       "caps[1].wind_down.last_day: 2025-09-01 is before the cap's start 2025-09-03"},
      {Table(kCap60).substr(0, Table(kCap60).size() - 1) +
           R"(, "reviews": [{"regime": "eu", "product": "crude", "next_review": "2026-07-15",)"
           R"( "every_months": 6.5, "rule": "r", "source": "s"}]})",
       "reviews[0].every_months: expected a whole number"},
  };
  for (const auto& [json, expected] : cases) {
    Result<PriceCapTable> table = PriceCapTable::Parse(json, "caps.json");
    ASSERT_FALSE(table.ok()) << json;
    EXPECT_EQ(table.status().code(), StatusCode::kCorruption) << json;
    EXPECT_NE(table.status().message().find(expected), std::string::npos)
        << table.status().message() << "\nexpected: " << expected;
  }
}

TEST(PriceCapFileTest, ACapAddedAtTheNextReviewIsUsed) {
  // What a person does after the July 2026 review: append a row.
  const std::string json = Table(
      std::string(kCap60) +
      R"(, {"regime": "eu", "product": "crude", "from": "2026-09-01", "usd_per_barrel": 41.5,)"
      R"( "source": "review", "wind_down": {"contracts_before": "2026-07-16",)"
      R"( "last_day": "2026-10-14", "source": "s"}})");
  Result<PriceCapTable> table = PriceCapTable::Parse(json, "caps.json");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  Result<CapCheck> check = table->Check({.regime = Regime::kEu,
                                         .product = OilProduct::kCrude,
                                         .usd_per_barrel = 50,
                                         .loading_date = D("2026-09-15"),
                                         .contract_date = D("2026-07-01")});
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->compliant);
  EXPECT_TRUE(check->under_wind_down);
  EXPECT_EQ(check->applied->usd_per_barrel, 60.0);
}

}  // namespace
}  // namespace cordon::maritime
