// regimes/json.h: subjects and divergence as JSON, one shape for the CLI and the API.
//
//   fmt::print("{}\n", DivergenceLineJson(listings).dump());  // one subject, one line
//
// A divergence line is {"subject", "caption", "schema", "entities", "listed": {"us": {"since",
// "programmes", "sources"}, ...}, "not_listed": [...], "delisted": {"uk": "YYYY-MM-DD"}}, keys
// in that order.
#pragma once

#include <nlohmann/json.hpp>

#include "regimes/divergence.h"
#include "regimes/subjects.h"

namespace cordon::regimes {

nlohmann::ordered_json SubjectJson(const Subject& subject);
nlohmann::ordered_json DivergenceLineJson(const SubjectListings& listings);
// {"as_of", "matrix": {"us+eu": n}, "series": [{"date", "matrix"}], "third_country": {"AE": n}}.
nlohmann::ordered_json DivergenceSummaryJson(const DivergenceReport& report);

}  // namespace cordon::regimes
