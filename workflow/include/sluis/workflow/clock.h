// Time enters the workflow only through a Clock (docs/conventions §2): production code passes
// the system clock, tests a ManualClock they advance. Nothing in workflow reads the time itself.
#pragma once

#include <chrono>
#include <cstdint>

#include "sluis/codecs/date.h"

namespace sluis::workflow {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// A clock that only moves when told to. Not thread-safe: tests own it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start) {}
  TimePoint Now() const override { return now_; }
  void Advance(std::chrono::milliseconds d) { now_ += d; }
  void Set(TimePoint t) { now_ = t; }

 private:
  TimePoint now_;
};

// The calendar date of a time point in the Netherlands (Europe/Amsterdam: CET/CEST with the EU
// switch on the last Sundays of March and October, 01:00 UTC). Dagtekeningen, deadlines and
// working days are Dutch dates, whatever the server's time zone.
codecs::Date DutchDate(TimePoint t);
// The Dutch wall-clock time of a time point, to the second (Toewijzingstijd and the like).
codecs::TimeOfDay DutchTimeOfDay(TimePoint t);
// Midnight at the start of a Dutch date, as a time point.
TimePoint DutchMidnight(codecs::Date d);
// Milliseconds of UTC offset in the Netherlands at t (3600000 or 7200000).
int64_t DutchUtcOffsetMillis(TimePoint t);

}  // namespace sluis::workflow
