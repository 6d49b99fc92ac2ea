#include "graph/rules.h"

#include <algorithm>

namespace cordon::graph {
namespace {

using model::Regime;

constexpr uint32_t kHalf = kShareScale / 2;
constexpr uint32_t kQuarter = kShareScale / 4;

// Oldest first within each regime; RuleFor takes the last one in force.
constexpr RegimeRule kRules[] = {
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
};

constexpr Regime kOwnershipRegimes[] = {Regime::kUs, Regime::kEu, Regime::kUk};

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

std::span<const RegimeRule> AllRules() { return kRules; }

const RegimeRule& RuleFor(model::Regime regime, DateKey date) {
  const RegimeRule* found = nullptr;
  for (const RegimeRule& rule : kRules) {
    // The regime's first row also stands for any date before it (only API callers can pass
    // one: parsed dates are never before kNoStart).
    if (rule.regime == regime && (found == nullptr || rule.effective_from <= date)) found = &rule;
  }
  // Other regimes than us, eu, uk have no rows: a caller error, answered with the US rule.
  return found != nullptr ? *found : kRules[0];
}

std::span<const model::Regime> OwnershipRegimes() { return kOwnershipRegimes; }

}  // namespace cordon::graph
