// match/compare.h: how alike two names are, with the word-by-word reasons.
//
//   NameComparison c = CompareNames("Jon Smith", "John Smith", model::Schema::kPerson);
//   c.score;            // 0.9-ish: a one-letter typo in a given name
//   c.explanation.pairs // jon~john typo, smith=smith exact
//
// This is the scorer's name half (match/index.h adds dates, countries and identifiers), and
// what `cordon compare` prints. The first name is the query, the second the listed name:
// query words the listed name lacks weigh more than listed words the query lacks.
#pragma once

#include <optional>
#include <string_view>

#include "match/query.h"
#include "model/entity.h"

namespace cordon::match {

struct NameComparison {
  double score = 0;  // 0..1, calibrated as in query.h
  Explanation explanation;
};

NameComparison CompareNames(std::string_view query_name, std::string_view listed_name,
                            std::optional<model::Schema> schema = std::nullopt);

}  // namespace cordon::match
