#include "sluis/workflow/clock.h"

namespace sluis::workflow {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

constexpr int64_t kDayMs = 86'400'000;

// Last Sunday of a month, as a Date.
codecs::Date LastSunday(int year, int month) {
  const codecs::Date last = codecs::Date::Make(year, month, 1)->LastOfMonth();
  return last.AddDays(-(last.IsoWeekday() % 7));
}

TimePoint AtUtc(codecs::Date d, int hour) {
  return TimePoint(milliseconds(int64_t{d.days()} * kDayMs + int64_t{hour} * 3'600'000));
}

}  // namespace

int64_t DutchUtcOffsetMillis(TimePoint t) {
  const int64_t ms = t.time_since_epoch().count();
  const int64_t day = ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs;
  const int year = codecs::Date::FromDays(static_cast<int32_t>(day)).year();
  // EU rule: summer time from 01:00 UTC on the last Sunday of March until 01:00 UTC on the
  // last Sunday of October.
  const TimePoint start = AtUtc(LastSunday(year, 3), 1);
  const TimePoint end = AtUtc(LastSunday(year, 10), 1);
  return (t >= start && t < end) ? 7'200'000 : 3'600'000;
}

codecs::Date DutchDate(TimePoint t) {
  const int64_t local = t.time_since_epoch().count() + DutchUtcOffsetMillis(t);
  const int64_t day = local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
  return codecs::Date::FromDays(static_cast<int32_t>(day));
}

codecs::TimeOfDay DutchTimeOfDay(TimePoint t) {
  const int64_t local = t.time_since_epoch().count() + DutchUtcOffsetMillis(t);
  const int64_t ms = ((local % kDayMs) + kDayMs) % kDayMs;
  return *codecs::TimeOfDay::Make(static_cast<int>(ms / 3'600'000),
                                  static_cast<int>(ms / 60'000 % 60),
                                  static_cast<int>(ms / 1000 % 60));
}

TimePoint DutchMidnight(codecs::Date d) {
  // Midnight local is 22:00 or 23:00 UTC the day before; the offset at that instant decides.
  const TimePoint guess = AtUtc(d, 0) - hours(1);
  return AtUtc(d, 0) - milliseconds(DutchUtcOffsetMillis(guess));
}

}  // namespace sluis::workflow
