#include "sluis/workflow/calendar.h"

#include <algorithm>

namespace sluis::workflow {

Date EasterSunday(int y) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return *Date::Make(y, month, day);
}

Date Koningsdag(int y) {
  const Date d = *Date::Make(y, 4, 27);
  return d.IsoWeekday() == 7 ? d.AddDays(-1) : d;
}

std::vector<Holiday> NationalHolidays(int y) {
  const Date easter = EasterSunday(y);
  std::vector<Holiday> out = {
      {*Date::Make(y, 1, 1), "Nieuwjaarsdag"},
      {easter.AddDays(1), "Tweede Paasdag"},
      {Koningsdag(y), "Koningsdag"},
      {*Date::Make(y, 5, 5), "Bevrijdingsdag"},
      {easter.AddDays(39), "Hemelvaartsdag"},
      {easter.AddDays(50), "Tweede Pinksterdag"},
      {*Date::Make(y, 12, 25), "Eerste Kerstdag"},
      {*Date::Make(y, 12, 26), "Tweede Kerstdag"},
  };
  std::sort(out.begin(), out.end(),
            [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return out;
}

WorkingDayCalendar::WorkingDayCalendar(std::set<Date> extra_closed)
    : extra_closed_(std::move(extra_closed)) {}

std::string WorkingDayCalendar::HolidayName(Date d) const {
  for (const Holiday& h : NationalHolidays(d.year())) {
    if (h.date == d) return h.name;
  }
  return {};
}

bool WorkingDayCalendar::IsWorkingDay(Date d) const {
  if (d.IsoWeekday() >= 6) return false;
  if (extra_closed_.count(d)) return false;
  // Holidays fall in a few fixed months; avoid building the list for most days.
  const int m = d.month();
  if (m != 1 && m != 3 && m != 4 && m != 5 && m != 6 && m != 12) return true;
  return HolidayName(d).empty();
}

Date WorkingDayCalendar::AddWorkingDays(Date from, int n) const {
  Date d = from;
  for (int counted = 0; counted < n;) {
    d = d.AddDays(1);
    if (IsWorkingDay(d)) ++counted;
  }
  return d;
}

int WorkingDayCalendar::WorkingDaysBetween(Date from, Date to) const {
  int n = 0;
  for (Date d = from.AddDays(1); d <= to; d = d.AddDays(1)) {
    if (IsWorkingDay(d)) ++n;
  }
  return n;
}

}  // namespace sluis::workflow
