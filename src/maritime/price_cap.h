// maritime/price_cap.h: the G7/EU/UK price caps on seaborne Russian oil, as a dated table, and
// the check of one trade against them.
//
//   ASSIGN_OR_RETURN(const PriceCapTable* caps, PriceCapTable::Bundled());
//   ASSIGN_OR_RETURN(CapCheck check, caps->Check({.regime = model::Regime::kEu,
//       .product = OilProduct::kCrude, .usd_per_barrel = 55.0,
//       .loading_date = *model::PartialDate::FromIso("2025-10-01"),
//       .contract_date = *model::PartialDate::FromIso("2025-07-01")}));
//   // compliant: the $60 cap applies under the wind-down until 2025-10-18
//
// The table is data (data/maritime/price_caps.json, sources in data/maritime/README.md): for
// each regime (us, eu, uk) and product (crude; refined products that trade at a premium to
// crude, or at a discount) the caps in force from a date until the next row's date, and for a
// lowered cap the wind-down that lets older contracts run on under the previous cap. The EU
// resets its crude cap every six months by a published formula; the table records the date of
// the next review, and a check of a loading on or after that date warns that the table may be
// out of date until someone adds the new row.
//
// A trade complies when its price is at or below the cap in force on the loading date (the day
// the maritime transport, and so the service the cap governs, is provided), or when a wind-down
// of that cap covers it: the contract was concluded before the wind-down's cut-off, the cargo
// loads on or before its last day, and the price meets the previous cap. Loadings before a
// product's first cap are outside the cap's scope (the wind-downs of December 2022 and
// February 2023 also required discharge by a date, which a loading date cannot show).
// Prices are compared in ten-thousandths of a dollar, so 47.6 meets a cap of 47.60 exactly.
//
// Thread safety: a loaded table is immutable; Bundled() loads once, thread-safely.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/entity.h"

namespace cordon::maritime {

enum class OilProduct : uint8_t {
  kCrude,            // CN 2709 00
  kPremiumToCrude,   // CN 2710 products that trade at a premium to crude: diesel, gasoline...
  kDiscountToCrude,  // CN 2710 products that trade at a discount: fuel oil, naphtha...
};
std::string_view OilProductName(OilProduct product);  // "crude", "premium_to_crude", ...
std::optional<OilProduct> OilProductFromName(std::string_view name);

// Contracts concluded before `contracts_before` may still load under the previous cap until
// `last_day` (inclusive).
struct CapWindDown {
  model::PartialDate contracts_before;
  model::PartialDate last_day;
  std::string source;
};

struct PriceCap {
  model::Regime regime = model::Regime::kUs;
  OilProduct product = OilProduct::kCrude;
  model::PartialDate from;  // in force from this day until the next cap's `from`
  double usd_per_barrel = 0;
  std::string source;  // the legal act or guidance
  std::optional<CapWindDown> wind_down;
};

// The EU's periodic reset of its crude cap (Regulation (EU) 833/2014 as amended in July 2025).
struct CapReview {
  model::Regime regime = model::Regime::kEu;
  OilProduct product = OilProduct::kCrude;
  model::PartialDate next_review;  // the table holds no cap decided on or after this day
  int every_months = 6;
  std::string rule;  // the formula, for a person
  std::string source;
};

struct Trade {
  model::Regime regime = model::Regime::kEu;
  OilProduct product = OilProduct::kCrude;
  double usd_per_barrel = 0;
  model::PartialDate loading_date;   // REQUIRES: a full date
  model::PartialDate contract_date;  // a full date, or empty when unknown (no wind-down then)
};

struct CapCheck {
  bool compliant = false;
  // The cap the price was held to: the one in force on the loading date, or the previous one
  // under a wind-down. Null when no cap was in force yet.
  const PriceCap* applied = nullptr;
  const PriceCap* in_force = nullptr;  // the cap in force on the loading date, or null
  bool under_wind_down = false;        // `applied` is the previous cap, by `in_force`'s wind-down
  std::string explanation;             // one or two sentences for a person
  std::vector<std::string> warnings;   // the table may be out of date for this date
};

class PriceCapTable {
 public:
  // The bundled table, loaded on first use from price_caps.json in $CORDON_MARITIME_DATA, or in
  // the data folder compiled in. NotFound / IoError / Corruption naming the file.
  static Result<const PriceCapTable*> Bundled();
  // From a file in the price_caps.json format.
  static Result<PriceCapTable> Load(const std::string& path);
  // From the JSON text; `name` labels errors: "price_caps.json: caps[3].from: ...".
  static Result<PriceCapTable> Parse(std::string_view json, std::string_view name);

  // Caps grouped by regime and product, oldest first.
  std::span<const PriceCap> caps() const { return caps_; }
  std::span<const CapReview> reviews() const { return reviews_; }
  // The cap in force for (regime, product) on `date`; null before the first one.
  const PriceCap* InForce(model::Regime regime, OilProduct product, model::PartialDate date) const;

  // Whether `trade` complies. InvalidArgument for a regime the table has no caps for, a loading
  // date that is not a full date, a contract date that is neither full nor empty, or a price
  // that is negative or not a number. Non-compliance is a result, not an error.
  Result<CapCheck> Check(const Trade& trade) const;

 private:
  std::vector<PriceCap> caps_;
  std::vector<CapReview> reviews_;
};

}  // namespace cordon::maritime
