#include "ingest/internal/ownership_dates.h"

#include <algorithm>

namespace cordon::ingest::internal {

int32_t StartDay(const model::PartialDate& date) {
  if (date.empty()) return 0;
  return date.year * 10000 + std::max<int>(date.month, 1) * 100 + std::max<int>(date.day, 1);
}

int32_t EndDay(const model::PartialDate& date) {
  if (date.empty()) return 99991231;
  if (date.day > 0) return date.year * 10000 + date.month * 100 + date.day;
  // The end of December, like that of a year, is 1 January of the next year.
  if (date.month > 0 && date.month < 12) return date.year * 10000 + (date.month + 1) * 100 + 1;
  return (date.year + 1) * 10000 + 101;
}

}  // namespace cordon::ingest::internal
