// cli/render.h: how entities, versions, deltas and screening answers look on a terminal and
// in the JSON and CSV that `cordon` writes.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "match/compare.h"
#include "match/json.h"
#include "match/query.h"
#include "model/entity.h"
#include "store/store.h"

namespace cordon::cli {

using match::ExplanationJson;
using match::RoundScore;

void PrintEntity(std::ostream& out, const model::Entity& entity);
void PrintSources(
    std::ostream& out,
    const std::vector<std::pair<store::SourceInfo, std::vector<store::VersionInfo>>>& sources);
void PrintDelta(std::ostream& out, const store::Delta& delta, size_t limit);

// `cordon compare`: the score on the first line, then Explanation::Summary(), then one line
// per aligned word pair.
void PrintComparison(std::ostream& out, const match::NameComparison& comparison);
// One CSV line (with its line break), fields quoted when they hold a comma, quote, line
// break or leading or trailing space.
std::string CsvLine(const std::vector<std::string_view>& fields);

}  // namespace cordon::cli
