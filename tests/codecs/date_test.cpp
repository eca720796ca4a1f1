#include "sluis/codecs/date.h"

#include <gtest/gtest.h>

namespace sluis::codecs {
namespace {

TEST(DateTest, ParsesStrictXsDate) {
  const auto d = Date::Parse("2026-01-31");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year(), 2026);
  EXPECT_EQ(d->month(), 1);
  EXPECT_EQ(d->day(), 31);
  EXPECT_EQ(d->ToString(), "2026-01-31");
}

TEST(DateTest, RejectsImpossibleDatesAndTimeZones) {
  EXPECT_FALSE(Date::Parse("2027-06-31"));  // the date in the public JW315.xml
  EXPECT_FALSE(Date::Parse("2025-02-29"));
  EXPECT_TRUE(Date::Parse("2024-02-29"));
  EXPECT_FALSE(Date::Parse("2026-01-31Z"));  // RS032: no time zone
  EXPECT_FALSE(Date::Parse("2026-01-31+01:00"));
  EXPECT_FALSE(Date::Parse("2026-1-31"));
  EXPECT_FALSE(Date::Parse(" 2026-01-31"));
  EXPECT_FALSE(Date::Parse("0000-01-01"));
}

TEST(DateTest, DayArithmeticAndMonthEdges) {
  const Date d = *Date::Parse("2024-02-28");
  EXPECT_EQ(d.AddDays(1).ToString(), "2024-02-29");
  EXPECT_EQ(d.AddDays(2).ToString(), "2024-03-01");
  EXPECT_EQ(d.LastOfMonth().ToString(), "2024-02-29");
  EXPECT_EQ(d.FirstOfMonth().ToString(), "2024-02-01");
  EXPECT_EQ(Date::Parse("2026-01-31")->AddMonths(1).ToString(), "2026-02-28");
  EXPECT_EQ(*Date::Parse("2026-03-01") - *Date::Parse("2026-02-01"), 28);
  EXPECT_EQ(Date::FromDays(0).ToString(), "1970-01-01");
}

TEST(DateTest, IsoWeekdayAndWeek) {
  EXPECT_EQ(Date::Parse("2026-11-23")->IsoWeekday(), 1);  // a Monday
  EXPECT_EQ(Date::Parse("2026-11-29")->IsoWeekday(), 7);
  // 2021-01-03 is a Sunday in ISO week 53 of 2020; 2026-01-01 is in week 1 of 2026.
  EXPECT_EQ(Date::Parse("2021-01-03")->iso_week(), (Date::IsoWeek{2020, 53}));
  EXPECT_EQ(Date::Parse("2026-01-01")->iso_week(), (Date::IsoWeek{2026, 1}));
  EXPECT_EQ(Date::Parse("2024-12-30")->iso_week(), (Date::IsoWeek{2025, 1}));
  // IV077's example: 7-31 October 2025 spans weeks 41 to 44.
  EXPECT_EQ(Date::Parse("2025-10-07")->iso_week().week, 41);
  EXPECT_EQ(Date::Parse("2025-10-31")->iso_week().week, 44);
}

TEST(TimeOfDayTest, ParsesAndPrints) {
  EXPECT_EQ(TimeOfDay::Parse("10:15:00")->ToString(), "10:15:00");
  EXPECT_EQ(TimeOfDay::Parse("23:59:59.5")->ToString(), "23:59:59.500");
  EXPECT_FALSE(TimeOfDay::Parse("24:00:00"));
  EXPECT_FALSE(TimeOfDay::Parse("10:15:00Z"));
  EXPECT_FALSE(TimeOfDay::Parse("10:15"));
  EXPECT_LT(*TimeOfDay::Parse("09:00:00"), *TimeOfDay::Parse("10:00:00"));
}

}  // namespace
}  // namespace sluis::codecs

namespace sluis::codecs {
namespace {

TEST(XsDateTimeTest, ParsesOffsetsToUtc) {
  const auto a = ParseXsDateTime("2025-01-01T12:00:00.000+01:00");
  ASSERT_TRUE(a);
  EXPECT_EQ(FormatXsDateTime(*a), "2025-01-01T11:00:00.000Z");
  EXPECT_EQ(FormatXsDateTime(*ParseXsDateTime("2025-03-03T09:15:00.5Z")),
            "2025-03-03T09:15:00.500Z");
  EXPECT_EQ(FormatXsDateTime(*ParseXsDateTime("2099-01-01T00:00:00.000+01:00")),
            "2098-12-31T23:00:00.000Z");
  EXPECT_EQ(*ParseXsDateTime("2025-01-01T00:00:00"), *ParseXsDateTime("2025-01-01T00:00:00Z"));
  EXPECT_FALSE(ParseXsDateTime("2025-01-01 12:00:00Z"));
  EXPECT_FALSE(ParseXsDateTime("2025-02-30T12:00:00Z"));
  EXPECT_FALSE(ParseXsDateTime("[[${timestamp}]]"));
}

TEST(XsDurationTest, CpaValues) {
  using std::chrono::milliseconds;
  EXPECT_EQ(*ParseXsDuration("PT5M"), milliseconds(300'000));
  EXPECT_EQ(*ParseXsDuration("PT3H"), milliseconds(10'800'000));
  EXPECT_EQ(*ParseXsDuration("P1D"), milliseconds(86'400'000));
  EXPECT_EQ(*ParseXsDuration("P1DT12H"), milliseconds(129'600'000));
  EXPECT_EQ(*ParseXsDuration("PT30M"), milliseconds(1'800'000));
  EXPECT_EQ(*ParseXsDuration("PT0.5S"), milliseconds(500));
  EXPECT_FALSE(ParseXsDuration("P1M"));  // months have no fixed length
  EXPECT_FALSE(ParseXsDuration("P"));
  EXPECT_FALSE(ParseXsDuration("-PT5M"));
  EXPECT_FALSE(ParseXsDuration("PT5"));
}

}  // namespace
}  // namespace sluis::codecs
