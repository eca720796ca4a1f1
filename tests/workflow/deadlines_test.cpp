#include "sluis/workflow/deadlines.h"

#include <gtest/gtest.h>

namespace sluis::workflow {
namespace {

using std::chrono::hours;

Date D(const char* s) { return *Date::Parse(s); }

TEST(DeadlinesTest, DueDatesPerKind) {
  const WorkingDayCalendar cal;
  const Date received = D("2026-02-03");  // a Tuesday
  EXPECT_EQ(DueDate(DeadlineKind::kRetour, received, cal), D("2026-02-06"));
  EXPECT_EQ(DueDate(DeadlineKind::kAntwoord325, received, cal), D("2026-02-17"));
  EXPECT_EQ(DueDate(DeadlineKind::kBesluit, received, cal), D("2026-02-10"));
  EXPECT_EQ(DueDate(DeadlineKind::kOnderzoek, received, cal), D("2026-03-31"));
  EXPECT_EQ(DueDate(DeadlineKind::kBetaling, received, cal), D("2026-03-05"));
  EXPECT_EQ(DueDate(DeadlineKind::kBetaling, received, cal, 60), D("2026-04-04"));
  // 10 werkdagen across Koningsdag and Bevrijdingsdag 2026.
  EXPECT_EQ(DueDate(DeadlineKind::kAntwoord325, D("2026-04-24"), cal), D("2026-05-12"));
}

TEST(DeadlinesTest, AlertsEscalateAsTheClockAdvances) {
  const WorkingDayCalendar cal;
  const Date received = D("2026-02-03");
  ManualClock clock(DutchMidnight(received) + hours(9));  // 09:00 on the day of receipt
  const WatchedDeadline w{DeadlineKind::kAntwoord325, "declaratie/17",
                          "declaratie D202602001 van 42420001", clock.Now(),
                          DueDate(DeadlineKind::kAntwoord325, received, cal)};
  const AlertPolicy policy;  // 70%, 90%
  EXPECT_FALSE(EvaluateDeadline(w, clock.Now(), policy));
  const auto total = DueMoment(w.due) - w.start;
  clock.Set(w.start + total * 69 / 100);
  EXPECT_FALSE(EvaluateDeadline(w, clock.Now(), policy));
  clock.Set(w.start + total * 71 / 100);
  auto a = EvaluateDeadline(w, clock.Now(), policy);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->condition_key, "antwoord_325:declaratie/17");
  EXPECT_EQ(a->stage, 1);
  EXPECT_EQ(a->severity, Severity::kWarning);
  EXPECT_EQ(a->message,
            "Termijn 70% verstreken: 325 binnen 10 werkdagen voor declaratie D202602001 van "
            "42420001 (uiterlijk 2026-02-17)");
  clock.Set(w.start + total * 91 / 100);
  a = EvaluateDeadline(w, clock.Now(), policy);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->stage, 2);
  EXPECT_EQ(a->severity, Severity::kCritical);
  // The last moment of the due date is still in time; one millisecond later it is overdue.
  clock.Set(DueMoment(w.due) - std::chrono::milliseconds(1));
  EXPECT_EQ(EvaluateDeadline(w, clock.Now(), policy)->stage, 2);
  clock.Advance(std::chrono::milliseconds(1));
  a = EvaluateDeadline(w, clock.Now(), policy);
  EXPECT_EQ(a->stage, 3);
  EXPECT_EQ(a->message.rfind("Termijn verlopen: ", 0), 0u);
  EXPECT_EQ(a->condition_key, "antwoord_325:declaratie/17");  // same condition: updated
}

TEST(DeadlinesTest, ConfigurableThresholds) {
  const WatchedDeadline w{DeadlineKind::kRetour, "bericht/5", "305 S1",
                          DutchMidnight(D("2026-02-03")), D("2026-02-06")};
  const AlertPolicy half{{0.5}};
  const auto mid = w.start + (DueMoment(w.due) - w.start) / 2;
  EXPECT_FALSE(EvaluateDeadline(w, mid - hours(1), half));
  const auto a = EvaluateDeadline(w, mid + hours(1), half);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->severity, Severity::kCritical);  // the last threshold is critical
}

}  // namespace
}  // namespace sluis::workflow
