// The deadlines Sluis watches, and the alerts it raises before one slips. Pure: "now" is a
// parameter; tests advance a ManualClock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sluis/workflow/calendar.h"
#include "sluis/workflow/clock.h"

namespace sluis::workflow {

enum class DeadlineKind {
  kRetour,           // OP090: a retour on every received heenbericht within 3 werkdagen
  kAntwoord325,      // OP090x4: the 325 within 10 werkdagen after receipt of the 323
  kBesluit,          // OP274/OP346: a 301 or 319 within 5 werkdagen after a 315/317
  kOnderzoek,        // OP346: after "in onderzoek", a final answer within 8 weeks of the request
  kBetaling,         // BW 6:119b: payment within 30 days (a contract may agree up to 60)
  kRetourOntvangen,  // OP090, the other way: the aanbieder's 302/320 on what we sent
};
// Every kind, for code that treats all deadline alerts alike (they close when the deadline is
// met, never by hand). A new kind goes here too.
inline constexpr DeadlineKind kAllDeadlineKinds[] = {
    DeadlineKind::kRetour,    DeadlineKind::kAntwoord325, DeadlineKind::kBesluit,
    DeadlineKind::kOnderzoek, DeadlineKind::kBetaling,    DeadlineKind::kRetourOntvangen};
const char* DeadlineKindName(DeadlineKind k);  // "retour", "antwoord_325", ...
// A Dutch label for people: "325 binnen 10 werkdagen".
const char* DeadlineKindLabel(DeadlineKind k);

// The last day (inclusive) to meet a deadline that starts on `start` (the day of receipt, or
// for kOnderzoek the request's Dagtekening). payment_days is used only for kBetaling.
Date DueDate(DeadlineKind kind, Date start, const WorkingDayCalendar& calendar,
             int payment_days = 30);

// The moment a deadline is over: the end of its due date in the Netherlands.
TimePoint DueMoment(Date due);

// Alert thresholds as a fraction of the time between start and due (e.g. 0.7, 0.9); being
// past due is always an alert.
struct AlertPolicy {
  std::vector<double> thresholds = {0.7, 0.9};
};

enum class Severity { kInfo, kWarning, kCritical };
const char* SeverityName(Severity s);  // "info", "warning", "critical"

// What should be open for one watched deadline at `now`, if anything.
struct DeadlineAlert {
  std::string condition_key;  // "antwoord_325:declaratie/17": one open alert per key
  Severity severity;
  int stage;            // 1.. for each threshold passed, thresholds.size()+1 when overdue
  std::string message;  // Dutch, for the operations screen and the webhook
};

struct WatchedDeadline {
  DeadlineKind kind;
  std::string subject;  // "declaratie/17", "bericht/305/88": what the deadline is about
  std::string label;    // for the message: "declaratie D202602001 van 42420001"
  TimePoint start;      // received (or request dagtekening for kOnderzoek)
  Date due;
};

// nullopt while no threshold is passed (or the deadline was met: the caller stops watching).
std::optional<DeadlineAlert> EvaluateDeadline(const WatchedDeadline& d, TimePoint now,
                                              const AlertPolicy& policy);

}  // namespace sluis::workflow
