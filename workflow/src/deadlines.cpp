#include "sluis/workflow/deadlines.h"

#include <cmath>

namespace sluis::workflow {

const char* DeadlineKindName(DeadlineKind k) {
  switch (k) {
    case DeadlineKind::kRetour:
      return "retour";
    case DeadlineKind::kAntwoord325:
      return "antwoord_325";
    case DeadlineKind::kBesluit:
      return "besluit";
    case DeadlineKind::kOnderzoek:
      return "onderzoek";
    case DeadlineKind::kBetaling:
      return "betaling";
    case DeadlineKind::kRetourOntvangen:
      return "retour_ontvangen";
  }
  return "deadline";
}

const char* DeadlineKindLabel(DeadlineKind k) {
  switch (k) {
    case DeadlineKind::kRetour:
      return "retour binnen 3 werkdagen";
    case DeadlineKind::kAntwoord325:
      return "325 binnen 10 werkdagen";
    case DeadlineKind::kBesluit:
      return "301 of 319 binnen 5 werkdagen";
    case DeadlineKind::kOnderzoek:
      return "definitief antwoord binnen 8 weken";
    case DeadlineKind::kBetaling:
      return "betaling binnen de betaaltermijn";
    case DeadlineKind::kRetourOntvangen:
      return "retour van de aanbieder binnen 3 werkdagen";
  }
  return "termijn";
}

Date DueDate(DeadlineKind kind, Date start, const WorkingDayCalendar& cal, int payment_days) {
  switch (kind) {
    case DeadlineKind::kRetour:
    case DeadlineKind::kRetourOntvangen:
      return cal.AddWorkingDays(start, 3);
    case DeadlineKind::kAntwoord325:
      return cal.AddWorkingDays(start, 10);
    case DeadlineKind::kBesluit:
      return cal.AddWorkingDays(start, 5);
    case DeadlineKind::kOnderzoek:
      return start.AddDays(8 * 7);
    case DeadlineKind::kBetaling:
      // BW 6:119b: calendar days, not working days.
      return start.AddDays(payment_days);
  }
  return start;
}

TimePoint DueMoment(Date due) { return DutchMidnight(due.AddDays(1)); }

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kCritical:
      return "critical";
  }
  return "info";
}

std::optional<DeadlineAlert> EvaluateDeadline(const WatchedDeadline& d, TimePoint now,
                                              const AlertPolicy& policy) {
  const TimePoint end = DueMoment(d.due);
  const std::string key = std::string(DeadlineKindName(d.kind)) + ":" + d.subject;
  const std::string what = std::string(DeadlineKindLabel(d.kind)) + " voor " + d.label;
  if (now >= end) {
    return DeadlineAlert{key, Severity::kCritical, static_cast<int>(policy.thresholds.size()) + 1,
                         "Termijn verlopen: " + what + " (uiterlijk " + d.due.ToString() + ")"};
  }
  const double total = static_cast<double>((end - d.start).count());
  const double used = total <= 0 ? 1.0 : static_cast<double>((now - d.start).count()) / total;
  int stage = 0;
  for (size_t i = 0; i < policy.thresholds.size(); ++i) {
    if (used >= policy.thresholds[i]) stage = static_cast<int>(i) + 1;
  }
  if (stage == 0) return std::nullopt;
  const int percent = static_cast<int>(std::floor(policy.thresholds[stage - 1] * 100 + 0.5));
  const Severity sev = stage == static_cast<int>(policy.thresholds.size()) ? Severity::kCritical
                                                                           : Severity::kWarning;
  return DeadlineAlert{key, sev, stage,
                       "Termijn " + std::to_string(percent) + "% verstreken: " + what +
                           " (uiterlijk " + d.due.ToString() + ")"};
}

}  // namespace sluis::workflow
