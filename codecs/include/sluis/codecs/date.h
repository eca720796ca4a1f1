// Calendar dates and times of day as the iStandaarden use them: LDT_Datum is an xs:date
// without a time zone, LDT_Tijd an xs:time without one (RS032). Pure value types, no clock.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace sluis::codecs {

// A proleptic Gregorian date, years 1..9999. Stored as days since 1970-01-01 so that
// comparisons and differences are integer operations.
class Date {
 public:
  Date() = default;  // 1970-01-01

  // Valid dates only: Make(2027, 6, 31) is nullopt.
  static std::optional<Date> Make(int year, int month, int day);
  // Strict xs:date lexical form "YYYY-MM-DD", no time zone, no surrounding space.
  static std::optional<Date> Parse(std::string_view text);
  static Date FromDays(int32_t days_since_epoch) { return Date(days_since_epoch); }

  int32_t days() const { return days_; }
  int year() const;
  int month() const;       // 1..12
  int day() const;         // 1..31
  int IsoWeekday() const;  // 1 = Monday .. 7 = Sunday

  // ISO-8601 week: week-numbering year and week 1..53 (week 1 holds 4 January).
  struct IsoWeek {
    int year;
    int week;
    auto operator<=>(const IsoWeek&) const = default;
  };
  IsoWeek iso_week() const;

  Date AddDays(int32_t n) const { return Date(days_ + n); }
  Date FirstOfMonth() const;
  Date LastOfMonth() const;
  // Same day-of-month n months later, clamped to the month's last day.
  Date AddMonths(int n) const;
  static int DaysInMonth(int year, int month);

  std::string ToString() const;  // "YYYY-MM-DD"

  auto operator<=>(const Date&) const = default;
  friend int32_t operator-(Date a, Date b) { return a.days_ - b.days_; }

 private:
  explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// "YYYY-MM-DD" (test failure messages, logs).
std::ostream& operator<<(std::ostream& os, const Date& d);

// A time of day with millisecond precision (LDT_Tijd, e.g. Toewijzingstijd).
class TimeOfDay {
 public:
  TimeOfDay() = default;
  static std::optional<TimeOfDay> Make(int hour, int minute, int second, int millis = 0);
  // xs:time "HH:MM:SS" with optional fraction, no time zone.
  static std::optional<TimeOfDay> Parse(std::string_view text);

  int32_t millis() const { return millis_; }
  // "HH:MM:SS", or "HH:MM:SS.mmm" when there are milliseconds.
  std::string ToString() const;

  auto operator<=>(const TimeOfDay&) const = default;

 private:
  explicit TimeOfDay(int32_t ms) : millis_(ms) {}
  int32_t millis_ = 0;
};

// A point in time (UTC, millisecond precision): ebMS timestamps, StUF tijdstipBericht.
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

// xs:dateTime "2025-01-01T12:00:00.000+01:00" / "...Z" -> UTC. Fractions beyond milliseconds
// are truncated. A value without a time zone is read as UTC (ebMS 2.0 asks for UTC).
std::optional<Instant> ParseXsDateTime(std::string_view text);
// "2025-01-01T11:00:00.000Z"
std::string FormatXsDateTime(Instant t);

// xs:duration as used in CPAs ("PT5M", "PT3H", "P1D", "P1DT12H", "PT0.5S"). Years and months
// are refused (their length depends on the start date). Negative durations are refused.
std::optional<std::chrono::milliseconds> ParseXsDuration(std::string_view text);

}  // namespace sluis::codecs
