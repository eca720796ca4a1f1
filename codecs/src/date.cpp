#include "sluis/codecs/date.h"

#include <cstdio>
#include <ostream>

namespace sluis::codecs {
namespace {

// Howard Hinnant's civil-date algorithms (public domain), valid far beyond years 1..9999.
constexpr int32_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int y, m, d;
};

constexpr Civil CivilFromDays(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

static_assert(DaysFromCivil(1970, 1, 1) == 0);
static_assert(CivilFromDays(DaysFromCivil(2024, 2, 29)).d == 29);

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Parses exactly n ASCII digits at s[pos..]; -1 if any is not a digit.
int Digits(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

int Date::DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeap(year)) return 29;
  return kDays[month - 1];
}

std::optional<Date> Date::Make(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > DaysInMonth(year, month)) return std::nullopt;
  return Date(DaysFromCivil(year, month, day));
}

std::optional<Date> Date::Parse(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  const int y = Digits(t, 0, 4), m = Digits(t, 5, 2), d = Digits(t, 8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return Make(y, m, d);
}

int Date::year() const { return CivilFromDays(days_).y; }
int Date::month() const { return CivilFromDays(days_).m; }
int Date::day() const { return CivilFromDays(days_).d; }

int Date::IsoWeekday() const {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return ((days_ % 7) + 7 + 3) % 7 + 1;
}

Date::IsoWeek Date::iso_week() const {
  const Date thursday = AddDays(4 - IsoWeekday());
  const int y = thursday.year();
  const int day_of_year = thursday.days_ - DaysFromCivil(y, 1, 1);
  return {y, day_of_year / 7 + 1};
}

Date Date::FirstOfMonth() const {
  const Civil c = CivilFromDays(days_);
  return Date(DaysFromCivil(c.y, c.m, 1));
}

Date Date::LastOfMonth() const {
  const Civil c = CivilFromDays(days_);
  return Date(DaysFromCivil(c.y, c.m, DaysInMonth(c.y, c.m)));
}

Date Date::AddMonths(int n) const {
  const Civil c = CivilFromDays(days_);
  int total = c.y * 12 + (c.m - 1) + n;
  const int y = total / 12, m = total % 12 + 1;
  const int d = c.d < DaysInMonth(y, m) ? c.d : DaysInMonth(y, m);
  return Date(DaysFromCivil(y, m, d));
}

std::string Date::ToString() const {
  const Civil c = CivilFromDays(days_);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
  return buf;
}

std::ostream& operator<<(std::ostream& os, const Date& d) { return os << d.ToString(); }

std::optional<TimeOfDay> TimeOfDay::Make(int hour, int minute, int second, int millis) {
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 ||
      millis < 0 || millis > 999) {
    return std::nullopt;
  }
  return TimeOfDay(((hour * 60 + minute) * 60 + second) * 1000 + millis);
}

std::optional<TimeOfDay> TimeOfDay::Parse(std::string_view t) {
  if (t.size() < 8 || t[2] != ':' || t[5] != ':') return std::nullopt;
  const int h = Digits(t, 0, 2), m = Digits(t, 3, 2), s = Digits(t, 6, 2);
  if (h < 0 || m < 0 || s < 0) return std::nullopt;
  int millis = 0;
  if (t.size() > 8) {
    // xs:time allows any number of fraction digits; we keep milliseconds.
    if (t[8] != '.' || t.size() == 9) return std::nullopt;
    int scale = 100;
    for (size_t i = 9; i < t.size(); ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      millis += (t[i] - '0') * scale;
      scale /= 10;
    }
  }
  return Make(h, m, s, millis);
}

std::string TimeOfDay::ToString() const {
  const int ms = millis_ % 1000, total = millis_ / 1000;
  char buf[64];
  if (ms == 0) {
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%03d", total / 3600, total / 60 % 60, total % 60,
                  ms);
  }
  return buf;
}

std::optional<Instant> ParseXsDateTime(std::string_view t) {
  // YYYY-MM-DDThh:mm:ss(.fff...)?(Z|[+-]hh:mm)?
  if (t.size() < 19 || t[10] != 'T') return std::nullopt;
  const auto date = Date::Parse(t.substr(0, 10));
  if (!date) return std::nullopt;
  std::string_view rest = t.substr(11);
  if (rest.size() < 8 || rest[2] != ':' || rest[5] != ':') return std::nullopt;
  const int h = Digits(rest, 0, 2), mi = Digits(rest, 3, 2), se = Digits(rest, 6, 2);
  if (h < 0 || mi < 0 || se < 0 || h > 24 || mi > 59 || se > 59) return std::nullopt;
  size_t i = 8;
  int millis = 0;
  if (i < rest.size() && rest[i] == '.') {
    ++i;
    const size_t start = i;
    int scale = 100;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
      millis += (rest[i] - '0') * scale;
      scale /= 10;
      ++i;
    }
    if (i == start) return std::nullopt;
  }
  if (h == 24 && (mi != 0 || se != 0 || millis != 0)) return std::nullopt;
  int64_t offset_minutes = 0;
  if (i < rest.size()) {
    if (rest[i] == 'Z' && i + 1 == rest.size()) {
      // UTC
    } else if ((rest[i] == '+' || rest[i] == '-') && rest.size() - i == 6 && rest[i + 3] == ':') {
      const int oh = Digits(rest, i + 1, 2), om = Digits(rest, i + 4, 2);
      if (oh < 0 || om < 0 || oh > 14 || om > 59) return std::nullopt;
      offset_minutes = (oh * 60 + om) * (rest[i] == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
  }
  const int64_t ms = (int64_t{date->days()} * 86400 + h * 3600 + mi * 60 + se) * 1000 + millis -
                     offset_minutes * 60'000;
  return Instant(std::chrono::milliseconds(ms));
}

std::string FormatXsDateTime(Instant t) {
  const int64_t ms = t.time_since_epoch().count();
  const int64_t day = ms >= 0 ? ms / 86'400'000 : (ms - 86'399'999) / 86'400'000;
  const int64_t rem = ms - day * 86'400'000;
  const Civil c = CivilFromDays(static_cast<int32_t>(day));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.y, c.m, c.d,
                static_cast<int>(rem / 3'600'000), static_cast<int>(rem / 60'000 % 60),
                static_cast<int>(rem / 1000 % 60), static_cast<int>(rem % 1000));
  return buf;
}

std::optional<std::chrono::milliseconds> ParseXsDuration(std::string_view t) {
  if (t.size() < 3 || t[0] != 'P') return std::nullopt;
  size_t i = 1;
  bool in_time = false, any = false;
  int64_t ms = 0;
  while (i < t.size()) {
    if (t[i] == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    const size_t start = i;
    int64_t whole = 0;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
      whole = whole * 10 + (t[i] - '0');
      if (whole > 100'000'000) return std::nullopt;
      ++i;
    }
    int64_t frac_ms = 0;
    if (i < t.size() && t[i] == '.') {
      ++i;
      int scale = 100;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
        frac_ms += (t[i] - '0') * scale;
        scale /= 10;
        ++i;
      }
    }
    if (i == start || i >= t.size()) return std::nullopt;
    const char unit = t[i++];
    any = true;
    if (!in_time && unit == 'D') {
      ms += whole * 86'400'000;
    } else if (!in_time && unit == 'W') {
      ms += whole * 7 * 86'400'000;
    } else if (in_time && unit == 'H') {
      ms += whole * 3'600'000;
    } else if (in_time && unit == 'M') {
      ms += whole * 60'000;
    } else if (in_time && unit == 'S') {
      ms += whole * 1000 + frac_ms;
    } else {
      return std::nullopt;  // years/months (Y, M before T) are refused
    }
    if (frac_ms && unit != 'S') return std::nullopt;
  }
  if (!any) return std::nullopt;
  return std::chrono::milliseconds(ms);
}

}  // namespace sluis::codecs
