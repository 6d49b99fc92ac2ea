// graph/rules.h: each regime's ownership and control test, as dated data.
//
//   const RegimeRule& rule = RuleFor(model::Regime::kEu, 20240703);  // ">= 50 %" from that day
//
// The rules are from the regimes' own guidance (docs/design/ownership.md quotes them):
//   US: OFAC's 50 % rule. Blocked when listed or blocked persons own 50 % or more in the
//       aggregate (since 2014-08-13; per person before). Ownership only; control, voting
//       rights and officers are reasons to review.
//   EU: owned when listed or restricted persons own more than 50 % (50 % or more since
//       2024-07-03) in the aggregate; the board, a majority of voting rights or other
//       control make an entity controlled; both are rebuttable presumptions.
//   UK: owned when one designated person holds more than 50 % of the shares or of the voting
//       rights, directly or through entities it owns or controls; different persons' holdings
//       add up only when they act jointly. The board and control by arrangement make an
//       entity controlled.
//   US export controls (BIS), the Affiliates Rule (15 CFR 744, Supp. No. 8 to part 744): a
//       foreign entity 50 % or more owned, directly or indirectly, individually or in the
//       aggregate, by parties on the Entity List or the Military End-User List or by SDNs of the
//       programmes of EAR 744.8(a)(1), needs a licence as its owner would ("restricted").
//       Ownership only. In force from 2025-09-29 (90 FR 47201), stayed from 2025-11-10 to
//       2026-11-09 (90 FR 50857), in force again from 2026-11-10 by the stay's own terms.
// A holding that reaches `review_above` without meeting the test is a reason to review.
//
// Thread safety: the rules are constants.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "graph/graph.h"
#include "model/entity.h"

namespace cordon::graph {

// The ownership tests cordon derives: each regime's blocking test, and BIS's Affiliates Rule,
// which restricts exports rather than freezing assets.
enum class OwnershipTest : uint8_t { kUs, kEu, kUk, kUsBis };
std::string_view TestName(OwnershipTest test);  // "us", "eu", "uk", "us_bis"
std::optional<OwnershipTest> TestFromName(std::string_view name);
// The regime whose listings and rule a test applies: kUs for us_bis.
model::Regime RegimeOf(OwnershipTest test);
// The blocking test of a regime. REQUIRES: regime is kUs, kEu or kUk.
OwnershipTest BlockingTestOf(model::Regime regime);

// What an edge of a kind from a listed (or derived) holder does under a regime.
enum class Effect : uint8_t {
  kNone,
  kOwnership,  // counts toward the ownership test
  kMajority,   // its own sum over 50 % makes the asset controlled (EU voting rights)
  kControl,    // one such edge makes the asset controlled
  kReview,     // a reason to review, never a finding
};

struct RegimeRule {
  model::Regime regime = model::Regime::kUs;
  OwnershipTest test = OwnershipTest::kUs;
  DateKey effective_from = kNoStart;  // the rule applies from this date until the next one's
  uint32_t threshold = kShareScale / 2;
  bool inclusive = true;  // ">=" the threshold; false: ">"
  // Holdings of different listed persons add up. False: each person's (or joint group's)
  // holdings are summed on their own.
  bool aggregate = true;
  Effect shares = Effect::kOwnership;
  Effect voting = Effect::kReview;  // kOwnership: voting rights are a second, separate sum
  Effect board = Effect::kReview;
  Effect control = Effect::kReview;
  Effect officer = Effect::kReview;
  // A holding above this share that does not meet the test is a reason to review; 0: never.
  uint32_t review_above = 0;
  // UN Security Council listings bind this regime (EU and UK transpose them automatically).
  bool un_listings_bind = false;
  // Which listings the test starts from; 0: the regime's own (and the UN's when they bind).
  RegimeMask listed_by = 0;
  // False for a rule not yet in force or stayed: nothing is derived, listings stay listed.
  bool in_force = true;
  std::string_view owned_status = "blocked";  // "blocked" (US) or "owned" (EU, UK)
  std::string_view basis;                     // the guidance the rule comes from

  bool Meets(uint64_t sum) const { return inclusive ? sum >= threshold : sum > threshold; }
  Effect EffectOf(EdgeKind kind) const;
};

// Every dated rule, grouped by test, oldest first.
std::span<const RegimeRule> AllRules();
// The rule of `test` in force on `date` (for a date before its first row, the first row).
const RegimeRule& RuleFor(OwnershipTest test, DateKey date);
// The blocking rule of `regime` in force on `date`. REQUIRES: regime is kUs, kEu or kUk.
const RegimeRule& RuleFor(model::Regime regime, DateKey date);
// The regimes whose blocking tests are derived: us, eu, uk.
std::span<const model::Regime> OwnershipRegimes();
// Every test derived for screening answers: us, eu, uk, us_bis.
std::span<const OwnershipTest> OwnershipTests();

}  // namespace cordon::graph
