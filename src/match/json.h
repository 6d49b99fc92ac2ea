// match/json.h: screening answers as JSON, the same in `cordon screen` output and the API.
//
//   nlohmann::ordered_json j = MatchJson(match);  // entity_id, source, ..., explanation
#pragma once

#include <nlohmann/json.hpp>

#include "match/query.h"

namespace cordon::match {

// Scores are written with three decimals.
double RoundScore(double score);
// entity_id, source, source_id, caption, schema, score, regimes and the explanation.
// REQUIRES: match.entity is set.
nlohmann::ordered_json MatchJson(const Match& match);
nlohmann::ordered_json ExplanationJson(const Explanation& explanation);

}  // namespace cordon::match
