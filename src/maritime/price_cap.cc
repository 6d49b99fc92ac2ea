#include "maritime/price_cap.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <tuple>

#include "base/file.h"
#include "maritime/data_dir.h"

namespace cordon::maritime {
namespace {

using model::PartialDate;
using model::Regime;

constexpr char kCapsFile[] = "price_caps.json";

// nlohmann's value() throws when the member has another type; this does not.
bool HasFormat(const nlohmann::json& root, std::string_view format) {
  const auto it = root.find("format");
  return it != root.end() && it->is_string() && it->get_ref<const std::string&>() == format;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool IsFullDate(const PartialDate& date) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (date.year <= 0 || date.month < 1 || date.month > 12 || date.day < 1) return false;
  const int days = kDays[date.month - 1] + (date.month == 2 && IsLeapYear(date.year) ? 1 : 0);
  return date.day <= days;
}

// Prices in ten-thousandths of a dollar: decimal prices compare exactly.
int64_t Ticks(double usd) { return std::llround(usd * 10'000); }

std::string Money(double usd) { return fmt::format("${:.2f}/bbl", usd); }

std::string RegimeLabel(Regime regime) {
  std::string label(model::RegimeName(regime));
  for (char& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return label;
}

std::string ProductLabel(OilProduct product) {
  switch (product) {
    case OilProduct::kCrude:
      return "crude oil";
    case OilProduct::kPremiumToCrude:
      return "premium-to-crude products";
    case OilProduct::kDiscountToCrude:
      return "discount-to-crude products";
  }
  return "oil";
}

auto GroupKey(const PriceCap& cap) { return std::make_tuple(cap.regime, cap.product); }

// Field readers that name the field in their errors.
class JsonFields {
 public:
  JsonFields(const nlohmann::json& object, std::string where)
      : object_(object), where_(std::move(where)) {}

  Result<const nlohmann::json*> Get(const char* key) const {
    const auto it = object_.find(key);
    if (it == object_.end()) return CorruptionError(where_ + ": missing \"" + key + "\"");
    return &*it;
  }
  Result<std::string> Text(const char* key) const {
    ASSIGN_OR_RETURN(const nlohmann::json* value, Get(key));
    if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
      return CorruptionError(At(key) + ": expected a non-empty string");
    }
    return value->get<std::string>();
  }
  Result<PartialDate> Date(const char* key) const {
    ASSIGN_OR_RETURN(std::string text, Text(key));
    const std::optional<PartialDate> date = PartialDate::FromIso(text);
    if (text.size() != 10 || !date || !IsFullDate(*date)) {
      return CorruptionError(At(key) + ": expected a date YYYY-MM-DD, got \"" + text + "\"");
    }
    return *date;
  }
  Result<double> Positive(const char* key) const {
    ASSIGN_OR_RETURN(const nlohmann::json* value, Get(key));
    if (!value->is_number() || !(value->get<double>() > 0) ||
        !std::isfinite(value->get<double>())) {
      return CorruptionError(At(key) + ": expected a positive number, got " + value->dump());
    }
    return value->get<double>();
  }
  Result<Regime> RegimeField(const char* key) const {
    ASSIGN_OR_RETURN(std::string text, Text(key));
    const std::optional<Regime> regime = model::RegimeFromName(text);
    if (!regime) return CorruptionError(At(key) + ": unknown regime \"" + text + "\"");
    return *regime;
  }
  Result<OilProduct> ProductField(const char* key) const {
    ASSIGN_OR_RETURN(std::string text, Text(key));
    const std::optional<OilProduct> product = OilProductFromName(text);
    if (!product) {
      return CorruptionError(At(key) + ": unknown product \"" + text +
                             "\" (crude, premium_to_crude, discount_to_crude)");
    }
    return *product;
  }
  std::string At(const char* key) const { return where_ + "." + key; }

 private:
  const nlohmann::json& object_;
  std::string where_;
};

Result<PriceCap> ParseCap(const nlohmann::json& item, const std::string& where) {
  if (!item.is_object()) return CorruptionError(where + ": not an object");
  const JsonFields fields(item, where);
  PriceCap cap;
  ASSIGN_OR_RETURN(cap.regime, fields.RegimeField("regime"));
  ASSIGN_OR_RETURN(cap.product, fields.ProductField("product"));
  ASSIGN_OR_RETURN(cap.from, fields.Date("from"));
  ASSIGN_OR_RETURN(cap.usd_per_barrel, fields.Positive("usd_per_barrel"));
  ASSIGN_OR_RETURN(cap.source, fields.Text("source"));
  if (const auto it = item.find("wind_down"); it != item.end()) {
    const std::string at = where + ".wind_down";
    if (!it->is_object()) return CorruptionError(at + ": not an object");
    const JsonFields wind_down_fields(*it, at);
    CapWindDown wind_down;
    ASSIGN_OR_RETURN(wind_down.contracts_before, wind_down_fields.Date("contracts_before"));
    ASSIGN_OR_RETURN(wind_down.last_day, wind_down_fields.Date("last_day"));
    ASSIGN_OR_RETURN(wind_down.source, wind_down_fields.Text("source"));
    if (wind_down.last_day < cap.from) {
      return CorruptionError(at + ".last_day: " + wind_down.last_day.ToIso() +
                             " is before the cap's start " + cap.from.ToIso());
    }
    cap.wind_down = std::move(wind_down);
  }
  return cap;
}

Result<CapReview> ParseReview(const nlohmann::json& item, const std::string& where) {
  if (!item.is_object()) return CorruptionError(where + ": not an object");
  const JsonFields fields(item, where);
  CapReview review;
  ASSIGN_OR_RETURN(review.regime, fields.RegimeField("regime"));
  ASSIGN_OR_RETURN(review.product, fields.ProductField("product"));
  ASSIGN_OR_RETURN(review.next_review, fields.Date("next_review"));
  ASSIGN_OR_RETURN(const double months, fields.Positive("every_months"));
  if (months != std::floor(months) || months > 120) {
    return CorruptionError(fields.At("every_months") + ": expected a whole number of months");
  }
  review.every_months = static_cast<int>(months);
  ASSIGN_OR_RETURN(review.rule, fields.Text("rule"));
  ASSIGN_OR_RETURN(review.source, fields.Text("source"));
  return review;
}

}  // namespace

std::string_view OilProductName(OilProduct product) {
  switch (product) {
    case OilProduct::kCrude:
      return "crude";
    case OilProduct::kPremiumToCrude:
      return "premium_to_crude";
    case OilProduct::kDiscountToCrude:
      return "discount_to_crude";
  }
  return "unknown";
}

std::optional<OilProduct> OilProductFromName(std::string_view name) {
  for (OilProduct product :
       {OilProduct::kCrude, OilProduct::kPremiumToCrude, OilProduct::kDiscountToCrude}) {
    if (OilProductName(product) == name) return product;
  }
  return std::nullopt;
}

Result<PriceCapTable> PriceCapTable::Parse(std::string_view json, std::string_view name) {
  const std::string file(name);
  const nlohmann::json root = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return CorruptionError(file + ": not valid JSON");
  if (!root.is_object() || !HasFormat(root, "cordon-price-caps-1")) {
    return CorruptionError(file + ": expected an object with \"format\": \"cordon-price-caps-1\"");
  }
  const auto caps_it = root.find("caps");
  if (caps_it == root.end() || !caps_it->is_array() || caps_it->empty()) {
    return CorruptionError(file + ": expected a non-empty \"caps\" array");
  }
  PriceCapTable table;
  for (size_t index = 0; index < caps_it->size(); ++index) {
    ASSIGN_OR_RETURN(PriceCap cap,
                     ParseCap((*caps_it)[index], file + ": caps[" + std::to_string(index) + "]"));
    table.caps_.push_back(std::move(cap));
  }
  // Sorted by group and date; `order` keeps the file positions for error messages.
  std::vector<size_t> order(table.caps_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::make_tuple(GroupKey(table.caps_[a]), table.caps_[a].from) <
           std::make_tuple(GroupKey(table.caps_[b]), table.caps_[b].from);
  });
  std::vector<PriceCap> sorted;
  for (size_t i = 0; i < order.size(); ++i) {
    PriceCap& cap = table.caps_[order[i]];
    const std::string where = file + ": caps[" + std::to_string(order[i]) + "]";
    const bool first_of_group = sorted.empty() || GroupKey(sorted.back()) != GroupKey(cap);
    if (!first_of_group && sorted.back().from == cap.from) {
      return CorruptionError(
          where + ".from: a second " + std::string(model::RegimeName(cap.regime)) + " " +
          std::string(OilProductName(cap.product)) + " cap from " + cap.from.ToIso());
    }
    // A wind-down keeps the previous cap alive, so there must be one.
    if (first_of_group && cap.wind_down) {
      return CorruptionError(where +
                             ".wind_down: the first cap of its regime and product has "
                             "no previous cap to wind down");
    }
    sorted.push_back(std::move(cap));
  }
  table.caps_ = std::move(sorted);

  if (const auto reviews_it = root.find("reviews"); reviews_it != root.end()) {
    if (!reviews_it->is_array()) return CorruptionError(file + ": \"reviews\" is not an array");
    for (size_t index = 0; index < reviews_it->size(); ++index) {
      ASSIGN_OR_RETURN(
          CapReview review,
          ParseReview((*reviews_it)[index], file + ": reviews[" + std::to_string(index) + "]"));
      table.reviews_.push_back(std::move(review));
    }
  }
  return table;
}

Result<PriceCapTable> PriceCapTable::Load(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return Parse(text, path);
}

Result<const PriceCapTable*> PriceCapTable::Bundled() {
  // Function-local statics are initialised once, even with concurrent callers.
  static const Result<PriceCapTable> loaded = Load(MaritimeDataPath(kCapsFile));
  if (!loaded.ok()) return loaded.status();
  return &loaded.value();
}

const PriceCap* PriceCapTable::InForce(Regime regime, OilProduct product, PartialDate date) const {
  const PriceCap* in_force = nullptr;
  for (const PriceCap& cap : caps_) {
    if (cap.regime == regime && cap.product == product && cap.from <= date) in_force = &cap;
  }
  return in_force;
}

Result<CapCheck> PriceCapTable::Check(const Trade& trade) const {
  const std::string regime = RegimeLabel(trade.regime);
  const std::string product = ProductLabel(trade.product);
  const auto has_group = [&](bool any_product) {
    return std::any_of(caps_.begin(), caps_.end(), [&](const PriceCap& cap) {
      return cap.regime == trade.regime && (any_product || cap.product == trade.product);
    });
  };
  if (!has_group(/*any_product=*/true)) {
    return InvalidArgumentError("no oil price caps for the regime \"" +
                                std::string(model::RegimeName(trade.regime)) + "\"");
  }
  if (!has_group(/*any_product=*/false)) {
    return InvalidArgumentError("no " + regime + " price caps for " + product);
  }
  if (!IsFullDate(trade.loading_date)) {
    return InvalidArgumentError("the loading date must be a full date, got \"" +
                                trade.loading_date.ToIso() + "\"");
  }
  if (!trade.contract_date.empty() && !IsFullDate(trade.contract_date)) {
    return InvalidArgumentError("the contract date must be a full date or empty, got \"" +
                                trade.contract_date.ToIso() + "\"");
  }
  if (!std::isfinite(trade.usd_per_barrel) || trade.usd_per_barrel < 0) {
    return InvalidArgumentError(fmt::format("a price of {} per barrel", trade.usd_per_barrel));
  }

  CapCheck check;
  for (const CapReview& review : reviews_) {
    if (review.regime == trade.regime && review.product == trade.product &&
        review.next_review <= trade.loading_date) {
      check.warnings.push_back(fmt::format(
          "the {} cap on {} was due for review on {}; this table has no cap decided since, so "
          "update data/maritime/price_caps.json",
          regime, product, review.next_review.ToIso()));
    }
  }
  const std::string price = Money(trade.usd_per_barrel);
  const std::string loaded = trade.loading_date.ToIso();
  const PriceCap* cap = InForce(trade.regime, trade.product, trade.loading_date);
  check.in_force = cap;
  if (cap == nullptr) {
    check.compliant = true;
    const PriceCap* first = nullptr;
    for (const PriceCap& c : caps_) {
      if (c.regime == trade.regime && c.product == trade.product) {
        first = &c;
        break;
      }
    }
    check.explanation = fmt::format(
        "No {} price cap on {} was in force on {}; the first applies "
        "from {}.",
        regime, product, loaded, first->from.ToIso());
    return check;
  }
  const std::string cap_text = fmt::format("the {} cap on {} of {} in force from {}", regime,
                                           product, Money(cap->usd_per_barrel), cap->from.ToIso());
  if (Ticks(trade.usd_per_barrel) <= Ticks(cap->usd_per_barrel)) {
    check.compliant = true;
    check.applied = cap;
    check.explanation = fmt::format("{} is at or below {}.", price, cap_text);
    return check;
  }
  check.explanation = fmt::format("{} is above {}", price, cap_text);
  if (!cap->wind_down) {
    check.explanation += ".";
    return check;
  }
  // The previous cap is the one just before `cap` in the sorted table (Parse made sure there
  // is one).
  const PriceCap* previous = cap - 1;
  const CapWindDown& wind_down = *cap->wind_down;
  std::string why_not;
  if (trade.contract_date.empty()) {
    why_not = "the contract date is unknown";
  } else if (!(trade.contract_date < wind_down.contracts_before)) {
    why_not = fmt::format("the contract was concluded on {}", trade.contract_date.ToIso());
  } else if (wind_down.last_day < trade.loading_date) {
    why_not = fmt::format("the cargo loaded after {}", wind_down.last_day.ToIso());
  } else if (Ticks(trade.usd_per_barrel) > Ticks(previous->usd_per_barrel)) {
    why_not = fmt::format("the price is also above the previous cap of {}",
                          Money(previous->usd_per_barrel));
  }
  if (why_not.empty()) {
    check.compliant = true;
    check.applied = previous;
    check.under_wind_down = true;
    check.explanation += fmt::format(
        ", but the contract ({}) predates {} and the cargo loaded by {}, so the previous cap of "
        "{} applies under the wind-down.",
        trade.contract_date.ToIso(), wind_down.contracts_before.ToIso(), wind_down.last_day.ToIso(),
        Money(previous->usd_per_barrel));
  } else {
    check.explanation += fmt::format(
        ". The wind-down for contracts concluded before {} and loaded by {} does not apply: {}.",
        wind_down.contracts_before.ToIso(), wind_down.last_day.ToIso(), why_not);
  }
  return check;
}

}  // namespace cordon::maritime
