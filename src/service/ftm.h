// service/ftm.h: queries in FollowTheMoney terms, as yente's clients send them (entities
// are written as FtM by model/ftm.h).
//
//   ASSIGN_OR_RETURN(match::Query query, QueryFromFtm(body["queries"]["q1"], "queries.q1"));
//
// A query is an FtM-shaped object, {"schema": "Person", "properties": {"name": [...], ...}},
// read with the same rules as the JSON lines of `cordon screen` (match/query_reader.h), so the
// API and the batch command understand a record identically.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "base/status.h"
#include "match/query.h"
#include "model/entity.h"

namespace cordon::service {

// The query `value` (an object); `where` names it in errors and warnings ("queries.q1:
// properties.schema: ..."). A schema of "Thing" (yente's any) matches any kind of entity.
// InvalidArgument for anything that cannot be screened, and for a value nested deeper than
// kMaxQueryDepth.
inline constexpr size_t kMaxQueryDepth = 16;
Result<match::Query> QueryFromFtm(const nlohmann::json& value, std::string_view where);

// Whether `value` has arrays or objects nested more than `max_depth` levels deep (`value`
// itself is level 1). Walks without recursion, so any parsed value can be checked before
// something recursive (serialisation) touches it.
bool NestedDeeperThan(const nlohmann::json& value, size_t max_depth);
// The same for JSON text, before it is parsed: brackets outside strings are counted, so a body
// can be refused before any JSON value (and any recursive copy of one) exists.
bool TextNestedDeeperThan(std::string_view json_text, size_t max_depth);

}  // namespace cordon::service
