#include "sluis/workflow/calendar.h"

#include <map>

#include <gtest/gtest.h>

namespace sluis::workflow {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

TEST(CalendarTest, EasterSundays2025To2030) {
  const std::map<int, const char*> easter = {{2025, "2025-04-20"}, {2026, "2026-04-05"},
                                             {2027, "2027-03-28"}, {2028, "2028-04-16"},
                                             {2029, "2029-04-01"}, {2030, "2030-04-21"}};
  for (const auto& [year, date] : easter) EXPECT_EQ(EasterSunday(year), D(date)) << year;
}

TEST(CalendarTest, KoningsdagMovesToSaturdayWhenThe27thIsASunday) {
  EXPECT_EQ(Koningsdag(2025), D("2025-04-26"));  // 27 April 2025 is a Sunday
  EXPECT_EQ(Koningsdag(2026), D("2026-04-27"));
  EXPECT_EQ(Koningsdag(2030), D("2030-04-27"));  // a Saturday: stays
  EXPECT_EQ(Koningsdag(2031), D("2031-04-26"));  // 27 April 2031 is a Sunday
}

TEST(CalendarTest, HolidaysOf2026) {
  std::vector<std::string> got;
  for (const Holiday& h : NationalHolidays(2026)) got.push_back(h.date.ToString() + " " + h.name);
  EXPECT_EQ(got,
            (std::vector<std::string>{"2026-01-01 Nieuwjaarsdag", "2026-04-06 Tweede Paasdag",
                                      "2026-04-27 Koningsdag", "2026-05-05 Bevrijdingsdag",
                                      "2026-05-14 Hemelvaartsdag", "2026-05-25 Tweede Pinksterdag",
                                      "2026-12-25 Eerste Kerstdag", "2026-12-26 Tweede Kerstdag"}));
}

TEST(CalendarTest, EveryHolidayOf2025To2030IsNoWorkingDay) {
  const WorkingDayCalendar cal;
  for (int y = 2025; y <= 2030; ++y) {
    int weekday_holidays = 0;
    for (const Holiday& h : NationalHolidays(y)) {
      EXPECT_FALSE(cal.IsWorkingDay(h.date)) << h.date.ToString() << " " << h.name;
      if (h.date.IsoWeekday() <= 5) ++weekday_holidays;
    }
    // Working days in the year: weekdays minus the holidays that fall on a weekday.
    int weekdays = 0, working = 0;
    for (Date d = *Date::Make(y, 1, 1); d.year() == y; d = d.AddDays(1)) {
      weekdays += d.IsoWeekday() <= 5;
      working += cal.IsWorkingDay(d);
    }
    EXPECT_EQ(working, weekdays - weekday_holidays) << y;
  }
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-11-28")));  // Saturday
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-04-03")));   // Goede Vrijdag: not a national holiday
}

TEST(CalendarTest, AddingWorkingDays) {
  const WorkingDayCalendar cal;
  // Received Friday 3 April 2026: Easter Monday is off, so 3 werkdagen is Thursday 9 April.
  EXPECT_EQ(cal.AddWorkingDays(D("2026-04-03"), 3), D("2026-04-09"));
  // Received Saturday: the first working day is Monday.
  EXPECT_EQ(cal.AddWorkingDays(D("2026-11-21"), 1), D("2026-11-23"));
  // Over Christmas 2026 (Friday 25 and Saturday 26 December).
  EXPECT_EQ(cal.AddWorkingDays(D("2026-12-23"), 3), D("2026-12-29"));
  EXPECT_EQ(cal.WorkingDaysBetween(D("2026-12-23"), D("2026-12-29")), 3);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2026-12-29"), D("2026-12-23")), 0);
}

TEST(CalendarTest, ExtraClosingDays) {
  const WorkingDayCalendar cal({D("2026-04-03"), D("2026-12-28")});  // Goede Vrijdag, a bridge day
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-04-03")));
  EXPECT_EQ(cal.AddWorkingDays(D("2026-12-23"), 3), D("2026-12-30"));
}

}  // namespace
}  // namespace sluis::workflow
