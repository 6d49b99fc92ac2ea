#include "base/date.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace cordon {

Result<Date> Date::Parse(std::string_view iso) {
  auto digits = [&](size_t from, size_t count, int* value) {
    *value = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
      *value = *value * 10 + (iso[i] - '0');
    }
    return true;
  };
  int year = 0, month = 0, day = 0;
  const bool shaped = iso.size() == 10 && iso[4] == '-' && iso[7] == '-' && digits(0, 4, &year) &&
                      digits(5, 2, &month) && digits(8, 2, &day);
  if (shaped && year >= 1 && month >= 1 && month <= 12 && day >= 1) {
    const std::chrono::year_month_day ymd{std::chrono::year{year},
                                          std::chrono::month{static_cast<unsigned>(month)},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    if (ymd.ok()) return FromYmd(year, month, day);
  }
  return InvalidArgumentError("'" + std::string(iso) + "' is not a date (want YYYY-MM-DD)");
}

Date Date::Today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return FromYmd(utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

std::string Date::ToIso() const {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year(), month(), day());
  return text;
}

}  // namespace cordon
