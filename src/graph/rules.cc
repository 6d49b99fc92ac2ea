#include "graph/rules.h"

#include <algorithm>

namespace cordon::graph {
namespace {

using model::Regime;

constexpr uint32_t kHalf = kShareScale / 2;
constexpr uint32_t kQuarter = kShareScale / 4;

// BIS's Affiliates Rule. Ownership only: board seats and other ties are red flags that call
// for diligence (Red Flag 29, supp. no. 3 to part 732), so they are reasons to review.
constexpr RegimeRule kAffiliatesNotInForce = {
    .regime = Regime::kUs,
    .test = OwnershipTest::kUsBis,
    .effective_from = kNoStart,
    .shares = Effect::kNone,
    .voting = Effect::kNone,
    .board = Effect::kNone,
    .control = Effect::kNone,
    .officer = Effect::kNone,
    .listed_by = kEarListedBit,
    .in_force = false,
    .owned_status = "restricted",
    .basis = "BIS Affiliates Rule not yet in force (interim final rule effective 2025-09-29)"};

constexpr RegimeRule kAffiliatesInForce = {
    .regime = Regime::kUs,
    .test = OwnershipTest::kUsBis,
    .effective_from = 20250929,
    .threshold = kHalf,
    .inclusive = true,
    .aggregate = true,
    .listed_by = kEarListedBit,
    .owned_status = "restricted",
    .basis =
        "BIS Affiliates Rule, 90 FR 47201 (FR Doc. 2025-19001), effective 2025-09-29: 50 % "
        "or more owned, directly or indirectly, individually or in the aggregate, by Entity "
        "List, MEU List or EAR 744.8(a)(1) SDN parties; a licence is required as for the "
        "owner (temporary general licence for some A:5/A:6 affiliates and joint ventures "
        "until 2025-11-28)"};

constexpr RegimeRule AffiliatesStayed() {
  RegimeRule rule = kAffiliatesNotInForce;
  rule.effective_from = 20251110;
  rule.basis =
      "BIS Affiliates Rule stayed from 2025-11-10 until 2026-11-09, 90 FR 50857 (FR Doc. "
      "2025-19846)";
  return rule;
}

constexpr RegimeRule AffiliatesReimposed() {
  RegimeRule rule = kAffiliatesInForce;
  rule.effective_from = 20261110;
  rule.basis =
      "BIS Affiliates Rule in force again from 2026-11-10, when the stay of 90 FR 50857 ended "
      "by its own terms (no extension found in sources up to 2026-10-04); 50 % or more owned, "
      "directly or indirectly, individually or in the aggregate, by Entity List, MEU List or "
      "EAR 744.8(a)(1) SDN parties";
  return rule;
}

// Oldest first within each test; RuleFor takes the last one in force.
constexpr RegimeRule kAllRules[] = {
    // OFAC, "Guidance on Entities Owned by Persons Whose Property and Interests in Property
    // Are Blocked" (2008-02-14): 50 % or more owned by one blocked person.
    {.regime = Regime::kUs,
     .effective_from = kNoStart,
     .threshold = kHalf,
     .inclusive = true,
     .aggregate = false,
     .owned_status = "blocked",
     .basis = "OFAC 50 Percent Rule guidance of 2008-02-14 (one blocked person, 50 % or more)"},
    // OFAC, "Revised Guidance on Entities Owned by Persons Whose Property and Interests in
    // Property Are Blocked" (2014-08-13): 50 % or more in the aggregate, directly or
    // indirectly; control alone does not block.
    {.regime = Regime::kUs,
     .effective_from = 20140813,
     .threshold = kHalf,
     .inclusive = true,
     .aggregate = true,
     .owned_status = "blocked",
     .basis = "OFAC revised 50 Percent Rule guidance of 2014-08-13 (50 % or more in the "
              "aggregate; control is not blocking)"},
    // EU Council, Best Practices for the effective implementation of restrictive measures:
    // ownership is more than 50 % of the proprietary rights; control by board appointment,
    // voting majority, dominant influence. Listed persons' holdings are aggregated.
    {.regime = Regime::kEu,
     .test = OwnershipTest::kEu,
     .effective_from = kNoStart,
     .threshold = kHalf,
     .inclusive = false,
     .aggregate = true,
     .voting = Effect::kMajority,
     .board = Effect::kControl,
     .control = Effect::kControl,
     .review_above = kQuarter,
     .un_listings_bind = true,
     .owned_status = "owned",
     .basis = "EU Council Best Practices (ownership: more than 50 %, aggregated; control: board, "
              "voting majority, dominant influence)"},
    // The Best Practices as updated on 2024-07-03: 50 % or more.
    {.regime = Regime::kEu,
     .test = OwnershipTest::kEu,
     .effective_from = 20240703,
     .threshold = kHalf,
     .inclusive = true,
     .aggregate = true,
     .voting = Effect::kMajority,
     .board = Effect::kControl,
     .control = Effect::kControl,
     .review_above = kQuarter,
     .un_listings_bind = true,
     .owned_status = "owned",
     .basis = "EU Council Best Practices of 2024-07-03 (ownership: 50 % or more, aggregated; "
              "control: board, voting majority, dominant influence)"},
    // UK, Sanctions and Anti-Money Laundering Act 2018 regulations (e.g. the Russia
    // (Sanctions) (EU Exit) Regulations 2019, reg. 7) and OFSI's ownership and control
    // guidance: more than 50 % of shares or voting rights, the right to appoint or remove a
    // majority of the board, or control by arrangement; holdings of different designated
    // persons are not aggregated unless held jointly or under an arrangement.
    {.regime = Regime::kUk,
     .test = OwnershipTest::kUk,
     .effective_from = kNoStart,
     .threshold = kHalf,
     .inclusive = false,
     .aggregate = false,
     .voting = Effect::kOwnership,
     .board = Effect::kControl,
     .control = Effect::kControl,
     .review_above = kQuarter,
     .un_listings_bind = true,
     .owned_status = "owned",
     .basis = "UK SAMLA 2018 regulations and OFSI ownership and control guidance (more than "
              "50 % of shares or voting rights per person or joint arrangement; board; control "
              "by arrangement)"},
    kAffiliatesNotInForce,
    kAffiliatesInForce,
    AffiliatesStayed(),
    AffiliatesReimposed(),
};

constexpr Regime kOwnershipRegimes[] = {Regime::kUs, Regime::kEu, Regime::kUk};
constexpr OwnershipTest kOwnershipTests[] = {OwnershipTest::kUs, OwnershipTest::kEu,
                                             OwnershipTest::kUk, OwnershipTest::kUsBis};

}  // namespace

Effect RegimeRule::EffectOf(EdgeKind kind) const {
  switch (kind) {
    case EdgeKind::kShares:
      return shares;
    case EdgeKind::kVoting:
      return voting;
    case EdgeKind::kBoard:
      return board;
    case EdgeKind::kControl:
      return control;
    case EdgeKind::kOfficer:
      return officer;
    case EdgeKind::kJoint:
      return Effect::kNone;
  }
  return Effect::kNone;
}

std::span<const RegimeRule> AllRules() { return kAllRules; }

std::string_view TestName(OwnershipTest test) {
  switch (test) {
    case OwnershipTest::kUs:
      return "us";
    case OwnershipTest::kEu:
      return "eu";
    case OwnershipTest::kUk:
      return "uk";
    case OwnershipTest::kUsBis:
      return "us_bis";
  }
  return "us";
}

std::optional<OwnershipTest> TestFromName(std::string_view name) {
  for (OwnershipTest test : kOwnershipTests) {
    if (TestName(test) == name) return test;
  }
  return std::nullopt;
}

model::Regime RegimeOf(OwnershipTest test) {
  switch (test) {
    case OwnershipTest::kEu:
      return Regime::kEu;
    case OwnershipTest::kUk:
      return Regime::kUk;
    case OwnershipTest::kUs:
    case OwnershipTest::kUsBis:
      return Regime::kUs;
  }
  return Regime::kUs;
}

OwnershipTest BlockingTestOf(model::Regime regime) {
  switch (regime) {
    case Regime::kEu:
      return OwnershipTest::kEu;
    case Regime::kUk:
      return OwnershipTest::kUk;
    default:
      // Other regimes than us, eu, uk have no test: a caller error, answered with the US one.
      return OwnershipTest::kUs;
  }
}

const RegimeRule& RuleFor(OwnershipTest test, DateKey date) {
  const RegimeRule* found = nullptr;
  for (const RegimeRule& rule : kAllRules) {
    // The test's first row also stands for any date before it (only API callers can pass
    // one: parsed dates are never before kNoStart).
    if (rule.test == test && (found == nullptr || rule.effective_from <= date)) found = &rule;
  }
  return found != nullptr ? *found : kAllRules[0];
}

const RegimeRule& RuleFor(model::Regime regime, DateKey date) {
  return RuleFor(BlockingTestOf(regime), date);
}

std::span<const model::Regime> OwnershipRegimes() { return kOwnershipRegimes; }
std::span<const OwnershipTest> OwnershipTests() { return kOwnershipTests; }

}  // namespace cordon::graph
