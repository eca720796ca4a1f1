// Dutch working days, for the deadlines of the standard (OP090: retour within 3 werkdagen;
// OP090x4: 325 within 10 werkdagen; OP274/OP346: 301 or 319 within 5 werkdagen).
//
// The standard does not define "werkdag" (istandaarden-spec §7). We take Monday to Friday minus
// the general holidays of the Algemene termijnenwet (art. 3): Nieuwjaarsdag, Tweede Paasdag,
// Hemelvaartsdag, Tweede Pinksterdag, Koningsdag, Bevrijdingsdag (5 mei, every year), Eerste en
// Tweede Kerstdag. Goede Vrijdag is not in that act; a gemeente that closes on it (or between
// Christmas and New Year) adds such days as extra closing days.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "sluis/codecs/date.h"

namespace sluis::workflow {

using codecs::Date;

// Easter Sunday (Gregorian, anonymous algorithm).
Date EasterSunday(int year);
// Koningsdag: 27 April, or 26 April when the 27th is a Sunday.
Date Koningsdag(int year);

struct Holiday {
  Date date;
  std::string name;  // "Tweede Paasdag"
};
// The Algemene termijnenwet holidays of a year, in date order.
std::vector<Holiday> NationalHolidays(int year);

class WorkingDayCalendar {
 public:
  // extra_closed: days the gemeente is closed besides weekends and national holidays.
  explicit WorkingDayCalendar(std::set<Date> extra_closed = {});

  bool IsWorkingDay(Date d) const;
  // The n-th working day after `from` (n >= 1); `from` itself never counts. A message received
  // on Friday has its first working day on Monday.
  Date AddWorkingDays(Date from, int n) const;
  // Working days in (from, to]: 0 when to <= from.
  int WorkingDaysBetween(Date from, Date to) const;
  // The holiday's name, or "" when d is not a holiday.
  std::string HolidayName(Date d) const;

 private:
  std::set<Date> extra_closed_;
};

}  // namespace sluis::workflow
