// ingest/internal/ownership_dates.h: a holding's period as graph/ will read it, so that the
// ownership parsers reject at ingest the periods the engine would find empty.
//
//   if (!start.empty() && !end.empty() && StartDay(start) >= EndDay(end)) {
//     Skip("start " + start.ToIso() + " is not before end " + end.ToIso());
//   }
//
// Days are yyyymmdd integers (2024-07-03 -> 20240703), compared as integers. A start counts
// from its first day ("2020-06" -> 20200601); an end is exclusive (divested on that day), and
// an end known only to the month or year ends after its last day ("2020-06" -> 20200701,
// "2020" -> 20210101). These are the values of graph::DateKeyOf (graph/graph.h), which ingest
// cannot link; a change there must be made here too.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>

#include "model/entity.h"

namespace cordon::ingest::internal {

// The first day `date` covers as a start; 0 (before every date) when `date` is empty.
int32_t StartDay(const model::PartialDate& date);

// The day after the last day `date` covers, as an exclusive end; 99991231 (after every date)
// when `date` is empty.
int32_t EndDay(const model::PartialDate& date);

}  // namespace cordon::ingest::internal
