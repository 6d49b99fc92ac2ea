// match/json.h: a match's explanation as JSON (screening/render.h writes whole answers).
//
//   nlohmann::ordered_json j = ExplanationJson(match.explanation);  // query_name, pairs, ...
#pragma once

#include <nlohmann/json.hpp>

#include "match/query.h"

namespace cordon::match {

// Scores are written with three decimals.
double RoundScore(double score);
nlohmann::ordered_json ExplanationJson(const Explanation& explanation);

}  // namespace cordon::match
