#include "sluis/workflow/clock.h"

#include <gtest/gtest.h>

namespace sluis::workflow {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

TimePoint Utc(const char* date, int hour) {
  return TimePoint(milliseconds(int64_t{codecs::Date::Parse(date)->days()} * 86'400'000 +
                                int64_t{hour} * 3'600'000));
}

TEST(DutchDateTest, WinterAndSummerOffsets) {
  // 23:30 UTC on 31 Jan is already 1 Feb in Amsterdam (CET, +1).
  EXPECT_EQ(DutchDate(Utc("2026-01-31", 23)).ToString(), "2026-02-01");
  // 22:00 UTC on 30 June is midnight 1 July in summer (CEST, +2).
  EXPECT_EQ(DutchDate(Utc("2026-06-30", 22)).ToString(), "2026-07-01");
  EXPECT_EQ(DutchDate(Utc("2026-06-30", 21)).ToString(), "2026-06-30");
}

TEST(DutchDateTest, SwitchesOnLastSundays) {
  // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
  EXPECT_EQ(DutchUtcOffsetMillis(Utc("2026-03-29", 0)), 3'600'000);
  EXPECT_EQ(DutchUtcOffsetMillis(Utc("2026-03-29", 1)), 7'200'000);
  EXPECT_EQ(DutchUtcOffsetMillis(Utc("2026-10-25", 0)), 7'200'000);
  EXPECT_EQ(DutchUtcOffsetMillis(Utc("2026-10-25", 1)), 3'600'000);
}

TEST(DutchDateTest, MidnightRoundTrips) {
  for (const char* d : {"2026-01-15", "2026-03-29", "2026-07-01", "2026-10-25"}) {
    const codecs::Date date = *codecs::Date::Parse(d);
    EXPECT_EQ(DutchDate(DutchMidnight(date)), date) << d;
    EXPECT_EQ(DutchDate(DutchMidnight(date) - milliseconds(1)), date.AddDays(-1)) << d;
  }
}

TEST(DutchDateTest, TimeOfDayIsLocalWallClockTime) {
  EXPECT_EQ(DutchTimeOfDay(Utc("2026-01-31", 23) + milliseconds(754'000)).ToString(), "00:12:34");
  EXPECT_EQ(DutchTimeOfDay(Utc("2026-06-30", 12)).ToString(), "14:00:00");
  EXPECT_EQ(DutchTimeOfDay(Utc("1969-12-31", 22)).ToString(), "23:00:00");
}

TEST(ManualClockTest, MovesOnlyWhenAdvanced) {
  ManualClock clock(Utc("2026-11-23", 9));
  const TimePoint t0 = clock.Now();
  EXPECT_EQ(clock.Now(), t0);
  clock.Advance(hours(24));
  EXPECT_EQ(DutchDate(clock.Now()).ToString(), "2026-11-24");
}

}  // namespace
}  // namespace sluis::workflow
