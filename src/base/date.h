// base/date.h: a calendar day, parsed once where it enters the program.
//
//   ASSIGN_OR_RETURN(Date as_of, Date::Parse(flag_text));   // "2024-01-31"
//   store.VersionsAsOf(as_of.ToIso());
//   graph::Derive(graph, regime, as_of.yyyymmdd());
//
// A `--as-of` flag, a query parameter or a request field is read into a Date at the edge;
// everything below takes the Date, so a malformed date is refused once, with the field's name,
// instead of by each module that happens to look at it.
//
// Thread safety: a plain value.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace cordon {

class Date {
 public:
  // A day of the proleptic Gregorian calendar, "YYYY-MM-DD" with a real month and day (no
  // 2024-02-30). InvalidArgument quoting the text otherwise.
  static Result<Date> Parse(std::string_view iso);
  // Today in UTC.
  static Date Today();
  // REQUIRES: a valid day (the caller checked it).
  static constexpr Date FromYmd(int year, int month, int day) {
    return Date(year * 10000 + month * 100 + day);
  }

  int year() const { return yyyymmdd_ / 10000; }
  int month() const { return yyyymmdd_ / 100 % 100; }
  int day() const { return yyyymmdd_ % 100; }
  // 2024-07-03 -> 20240703: the graph's DateKey.
  int32_t yyyymmdd() const { return yyyymmdd_; }
  std::string ToIso() const;  // "2024-07-03"

  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  constexpr explicit Date(int32_t yyyymmdd) : yyyymmdd_(yyyymmdd) {}
  int32_t yyyymmdd_;
};

}  // namespace cordon
