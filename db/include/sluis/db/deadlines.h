// The deadline sweep: every deadline Sluis owes (the 325 within 10 werkdagen, a retour on a
// received 305/307/315/317 within 3, payment within the betaaltermijn) checked against `now`,
// with one open alert per condition that escalates through the policy's thresholds and is
// resolved once the deadline is met. Run it periodically (sluisd) or once (`sluis deadlines`).
//
// Also: the webhook's queue of alert revisions, open alert counts for the metrics, and the
// reconciliation of every 323 with its 325 and payment. (Acknowledging an alert: ui_views.h.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sluis/codecs/date.h"
#include "sluis/db/connection.h"
#include "sluis/workflow/calendar.h"
#include "sluis/workflow/deadlines.h"

namespace sluis::db {

struct DeadlineSweepConfig {
  workflow::WorkingDayCalendar calendar;
  workflow::AlertPolicy policy;
};

struct DeadlineSweepResult {
  int watched = 0;    // deadlines not yet met
  int alerting = 0;   // of which past a threshold: their alert is open
  int escalated = 0;  // alerts opened or moved to a later stage by this sweep
  int resolved = 0;   // alerts closed because their deadline was met
};

// One transaction. Only the kinds this sweep owns (antwoord_325, retour, betaling) are
// resolved here; alerts of other kinds are left alone.
DeadlineSweepResult SweepDeadlines(Connection& conn, const DeadlineSweepConfig& config,
                                   workflow::TimePoint now);

// What the webhook posts: each alert revision once (opened, escalated, resolved).
struct AlertNotification {
  int64_t id = 0;
  int revision = 0;
  std::string json;  // {"id","condition_key","kind","severity","subject","message","stage",
                     //  "occurrences","first_seen","last_seen","resolved_at","acknowledged_by"}
};
std::vector<AlertNotification> PendingAlertNotifications(Connection& conn, int limit);
void MarkAlertNotified(Connection& conn, int64_t id, int revision);

// Open alerts per kind and severity, for the metrics: all of them, and those nobody has
// acknowledged yet (the ones to page someone for).
struct AlertCount {
  std::string kind, severity;
  int count = 0;
  int unacknowledged = 0;
};
std::vector<AlertCount> CountOpenAlerts(Connection& conn);

// The reconciliation: every 323 with its 325 and payment state, and what is unanswered or
// unpaid by age on `peildatum` (days since receipt: 0-10, 11-20, 21-25, 26-30, over 30).
struct ReconciliatieRegel {
  int64_t id = 0;
  std::string gemeente, domein, agb, aanbieder, identificatie, declaratienummer, status;
  codecs::Date ontvangen, antwoord_uiterlijk, betalen_uiterlijk;
  int64_t ingediend_cent = 0;
  std::optional<int64_t> toegekend_cent;
  std::string antwoord_identificatie, antwoord_state;  // empty: no 325 yet
  bool onbeantwoord = false, onbetaald = false;
  int leeftijd_dagen = 0;
};
struct Leeftijdsklasse {
  std::string label;  // "0-10", "11-20", "21-25", "26-30", ">30"
  int onbeantwoord = 0, onbetaald = 0;
  int64_t onbetaald_cent = 0;
};
struct Reconciliatie {
  codecs::Date peildatum;
  std::vector<ReconciliatieRegel> regels;  // newest receipt first
  std::vector<Leeftijdsklasse> klassen;    // the five classes, in order
};
Reconciliatie LeesReconciliatie(Connection& conn, codecs::Date peildatum,
                                const std::string& gemeente = "");

}  // namespace sluis::db
