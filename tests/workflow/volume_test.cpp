#include "sluis/workflow/volume.h"

#include <gtest/gtest.h>

namespace sluis::workflow {
namespace {

Date D(const char* s) { return *Date::Parse(s); }
GeslotenPeriode P(const char* b, const char* e) { return {D(b), D(e)}; }
Omvang Uur(int64_t volume, std::string_view frequentie) {
  return {volume, std::string(kUur), std::string(frequentie)};
}

TEST(VolumeTest, IsoWeeksTouchedCountsPartialWeeks) {
  // IV077's example: 7–31 October 2025 is weeks 41 to 44.
  EXPECT_EQ(IsoWeeksTouched(D("2025-10-07"), D("2025-10-31")), 4);
  // January 2026 starts on a Thursday (week 1) and ends on a Saturday (week 5).
  EXPECT_EQ(IsoWeeksTouched(D("2026-01-01"), D("2026-01-31")), 5);
  EXPECT_EQ(IsoWeeksTouched(D("2026-01-05"), D("2026-01-31")), 4);
  // A month can touch six weeks: March 2026 runs Sunday 1 to Tuesday 31.
  EXPECT_EQ(IsoWeeksTouched(D("2026-03-01"), D("2026-03-31")), 6);
  // Across a year boundary: 29 December 2025 is in 2026-W01 with 1–4 January 2026.
  EXPECT_EQ(IsoWeeksTouched(D("2025-12-29"), D("2026-01-04")), 1);
  EXPECT_EQ(IsoWeeksTouched(D("2026-01-05"), D("2026-01-05")), 1);
  EXPECT_EQ(IsoWeeksTouched(D("2026-01-05"), D("2026-01-04")), 0);
}

TEST(VolumeTest, SundaysIn) {
  EXPECT_EQ(SundaysIn(D("2026-03-01"), D("2026-03-31")), 5);  // 1, 8, 15, 22, 29
  EXPECT_EQ(SundaysIn(D("2026-01-05"), D("2026-01-10")), 0);
  EXPECT_EQ(SundaysIn(D("2026-01-11"), D("2026-01-11")), 1);
}

TEST(VolumeTest, Iv076ExampleInspanningsgerichtPerWeek) {
  // IV076: toewijzing 07-07-2025 to 07-09-2025 for 3 hours a week.
  const Omvang o = Uur(3, kPerWeek);
  const Date in = D("2025-07-07"), eind = D("2025-09-07");
  EXPECT_EQ(MaxVolumeInPeriod(o, P("2025-07-07", "2025-07-31"), in, eind), 12);
  EXPECT_EQ(MaxVolumeInPeriod(o, P("2025-08-01", "2025-08-31"), in, eind), 15);
  EXPECT_EQ(MaxVolumeInPeriod(o, P("2025-09-01", "2025-09-07"), in, eind), 3);
  EXPECT_EQ(MaxVolumeTotal(o, in, eind), 27);  // 9 weeks
}

TEST(VolumeTest, SpecWorkedExampleCountsIsoWeeks) {
  // istandaarden-spec §4.2: 3 hours a week, January 2026.
  const Omvang o = Uur(3, kPerWeek);
  EXPECT_EQ(MaxVolumeInPeriod(o, P("2026-01-05", "2026-01-31"), D("2026-01-05"), D("2026-06-30")),
            12);
  EXPECT_EQ(MaxVolumeInPeriod(o, P("2026-01-01", "2026-01-31"), D("2026-01-01"), D("2026-01-31")),
            15);
  // The optional huishoudelijke-hulp reading raises the count to six weeks.
  EXPECT_EQ(
      MaxVolumeInPeriod(o, P("2026-01-01", "2026-01-31"), D("2026-01-01"), D("2026-01-31"), 6), 18);
}

TEST(VolumeTest, OutputgerichtPerWeekCountsSundaysPlusTheLastPartialWeek) {
  const Omvang o{2, std::string(kStuksOutput), std::string(kPerWeek)};
  // Toewijzing 1 March to Wednesday 18 March 2026: Sundays 1, 8, 15 and the partial week ending
  // on the 18th belongs to the period holding the last Sunday (the 15th).
  EXPECT_EQ(MaxVolumeInPeriod(o, P("2026-03-01", "2026-03-18"), D("2026-03-01"), D("2026-03-18")),
            8);
  // Ending on a Sunday: no extra week.
  EXPECT_EQ(MaxVolumeInPeriod(o, P("2026-03-01", "2026-03-15"), D("2026-03-01"), D("2026-03-15")),
            6);
  // Whole toewijzing shorter than a week, without a Sunday: still one week.
  EXPECT_EQ(MaxVolumeInPeriod(o, P("2026-03-02", "2026-03-04"), D("2026-03-02"), D("2026-03-04")),
            2);
  EXPECT_EQ(MaxVolumeTotal(o, D("2026-03-01"), D("2026-03-18")), 8);
}

TEST(VolumeTest, PerDayPerMonthAndTotal) {
  const Omvang dag{1, std::string(kEtmaal), std::string(kPerDag)};
  EXPECT_EQ(MaxVolumeInPeriod(dag, P("2026-02-01", "2026-02-28"), D("2026-01-01"), std::nullopt),
            28);
  EXPECT_EQ(MaxVolumeTotal(dag, D("2026-01-01"), D("2026-01-31")), 31);
  const Omvang maand = Uur(10, kPerMaand);
  EXPECT_EQ(MaxVolumeInPeriod(maand, P("2026-02-10", "2026-02-28"), D("2026-02-10"), std::nullopt),
            10);
  EXPECT_EQ(MaxVolumeTotal(maand, D("2026-01-15"), D("2026-03-10")), 30);  // 3 months touched
  const Omvang totaal = Uur(40, kTotaal);
  EXPECT_EQ(MaxVolumeInPeriod(totaal, P("2026-02-01", "2026-02-28"), D("2026-01-01"), std::nullopt),
            std::nullopt);
  EXPECT_EQ(MaxVolumeTotal(totaal, D("2026-01-01"), std::nullopt), 40);
  // An open-ended toewijzing has no total except for Frequentie 6.
  EXPECT_EQ(MaxVolumeTotal(maand, D("2026-01-01"), std::nullopt), std::nullopt);
}

TEST(VolumeTest, MinutesOnAnHourlyToewijzing) {
  EXPECT_TRUE(EenheidPast(kUur, kMinuut));
  EXPECT_TRUE(EenheidPast(kUur, kUur));
  EXPECT_FALSE(EenheidPast(kMinuut, kUur));
  EXPECT_FALSE(EenheidPast(kDagdeel, kUur));
  EXPECT_EQ(ComparisonFactor(kUur), 60);
  EXPECT_EQ(ComparisonFactor(kDagdeel), 1);
  EXPECT_EQ(InComparisonUnits(kUur, kMinuut, 90), 90);
  EXPECT_EQ(InComparisonUnits(kUur, kUur, 2), 120);
  EXPECT_EQ(InComparisonUnits(kDagdeel, kDagdeel, 3), 3);
}

TEST(VolumeTest, Iv081RoundsHalfUpToWholeCents) {
  EXPECT_EQ(MinutesOnHourlyTariff(Cents(3250), 60), Cents(3250));
  EXPECT_EQ(MinutesOnHourlyTariff(Cents(3250), 50), Cents(2708));  // 2708.33
  EXPECT_EQ(MinutesOnHourlyTariff(Cents(3250), 1), Cents(54));     // 54.17
  EXPECT_EQ(MinutesOnHourlyTariff(Cents(30), 1), Cents(1));        // 0.5 up
  EXPECT_EQ(MinutesOnHourlyTariff(Cents(29), 1), Cents(0));        // 0.48 down
  EXPECT_EQ(MinuteTariff(Cents(3250)), Cents(54));
}

}  // namespace
}  // namespace sluis::workflow
