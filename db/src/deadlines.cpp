// The deadline sweep, alert notification and counts, and the reconciliation.
#include "sluis/db/deadlines.h"

#include <nlohmann/json.hpp>

#include "connection_impl.h"
#include "declaratie_termijnen.h"
#include "pg_array.h"
#include "sql_util.h"

namespace sluis::db {
namespace {

using internal::ArrayLiteral;
using internal::EpochMs;
using internal::FormatTime;
using internal::FromEpochMs;
using workflow::DeadlineKind;

// The kinds this sweep owns (and may resolve).
const char* const kOwnKinds = "{antwoord_325,retour,betaling}";

workflow::WatchedDeadline Watch(DeadlineKind kind, std::string subject, std::string label,
                                int64_t start_ms, const char* due) {
  return {kind, std::move(subject), std::move(label),
          workflow::TimePoint(std::chrono::milliseconds(start_ms)), *codecs::Date::Parse(due)};
}

std::vector<workflow::WatchedDeadline> LoadWatched(pqxx::transaction_base& tx,
                                                   const DeadlineSweepConfig& config) {
  std::vector<workflow::WatchedDeadline> out;
  // The 325: met once the aanbieder's MSH acknowledged it.
  for (const auto& r :
       tx.exec("SELECT d.id, d.declaratienummer, d.agb, " + EpochMs("d.ontvangen_op") +
               ", d.antwoord_uiterlijk::text FROM declaratie d WHERE " +
               internal::kAntwoordTermijnLoopt)) {
    out.push_back(Watch(DeadlineKind::kAntwoord325, "declaratie/" + std::string(r[0].c_str()),
                        "declaratie " + std::string(r[1].c_str()) + " van " + r[2].c_str(),
                        r[3].as<int64_t>(), r[4].c_str()));
  }
  // Payment: every approved declaratie not yet paid.
  for (const auto& r :
       tx.exec("SELECT d.id, d.declaratienummer, d.agb, " + EpochMs("d.ontvangen_op") +
               ", d.betalen_uiterlijk::text FROM declaratie d WHERE " +
               internal::kBetaalTermijnLoopt)) {
    out.push_back(Watch(DeadlineKind::kBetaling, "declaratie/" + std::string(r[0].c_str()),
                        "declaratie " + std::string(r[1].c_str()) + " van " + r[2].c_str(),
                        r[3].as<int64_t>(), r[4].c_str()));
  }
  // Our retour on a received heenbericht (not the 323: that is the 325 above). A Fo01 is the
  // answer to a message that failed its schema.
  for (const auto& r :
       tx.exec("SELECT b.id, b.berichttype, b.identificatie, b.agb, " + EpochMs("b.created_at") +
               " FROM bericht b WHERE b.direction = 'in' AND b.berichttype IN (305, 307, 315, 317)"
               " AND b.state <> 'xsd_rejected' AND NOT EXISTS (SELECT 1 FROM bericht r"
               "   WHERE r.answers_bericht_id = b.id AND r.direction = 'out'"
               "   AND r.state = 'acknowledged')")) {
    const auto start = workflow::TimePoint(std::chrono::milliseconds(r[4].as<int64_t>()));
    const codecs::Date due =
        workflow::DueDate(DeadlineKind::kRetour, workflow::DutchDate(start), config.calendar);
    out.push_back({DeadlineKind::kRetour, "bericht/" + std::string(r[0].c_str()),
                   std::string(r[1].c_str()) + " " + r[2].c_str() + " van " + r[3].c_str(), start,
                   due});
  }
  return out;
}

}  // namespace

DeadlineSweepResult SweepDeadlines(Connection& conn, const DeadlineSweepConfig& config,
                                   workflow::TimePoint now) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    DeadlineSweepResult result;
    const auto watched = LoadWatched(tx, config);
    result.watched = static_cast<int>(watched.size());
    ArrayLiteral keys, kinds, severities, subjects, messages, stages;
    for (const auto& w : watched) {
      const auto alert = workflow::EvaluateDeadline(w, now, config.policy);
      if (!alert) continue;
      keys.Add(alert->condition_key);
      kinds.Add(std::string_view(workflow::DeadlineKindName(w.kind)));
      severities.Add(std::string_view(workflow::SeverityName(alert->severity)));
      subjects.Add(w.subject);
      messages.Add(alert->message);
      stages.Add(static_cast<int64_t>(alert->stage));
    }
    result.alerting = static_cast<int>(keys.size());
    const std::string at = FormatTime(now), key_literal = keys.Take();
    // Open new alerts and escalate open ones; an alert already at its stage is left as it is.
    result.escalated = static_cast<int>(
        tx.exec_params(
              "INSERT INTO alert (condition_key, kind, severity, subject, message, stage,"
              " first_seen, last_seen)"
              " SELECT u.k, u.kind, u.sev, u.subj, u.msg, u.stage, $7::timestamptz,"
              " $7::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],"
              " $5::text[], $6::int[]) AS u(k, kind, sev, subj, msg, stage)"
              " ON CONFLICT (condition_key) WHERE resolved_at IS NULL DO UPDATE"
              " SET severity = EXCLUDED.severity, message = EXCLUDED.message,"
              " stage = EXCLUDED.stage, last_seen = EXCLUDED.last_seen,"
              " occurrences = alert.occurrences + 1"
              " WHERE alert.stage IS DISTINCT FROM EXCLUDED.stage",
              key_literal, kinds.Take(), severities.Take(), subjects.Take(), messages.Take(),
              stages.Take(), at)
            .affected_rows());
    // A deadline met (or no longer owed) closes its alert.
    result.resolved = static_cast<int>(
        tx.exec_params("UPDATE alert SET resolved_at = $3::timestamptz WHERE resolved_at IS NULL"
                       " AND kind = ANY ($1::text[]) AND NOT (condition_key = ANY ($2::text[]))",
                       kOwnKinds, key_literal, at)
            .affected_rows());
    tx.commit();
    return result;
  });
}

std::vector<AlertNotification> PendingAlertNotifications(Connection& conn, int limit) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    std::vector<AlertNotification> out;
    for (const auto& r : tx.exec_params(
             "SELECT id, revision, condition_key, coalesce(kind, ''), coalesce(severity, ''),"
             " coalesce(subject, ''), coalesce(message, ''), stage, occurrences,"
             " to_char(first_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
             " to_char(last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
             " to_char(resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
             " acknowledged_by FROM alert WHERE notified_revision < revision ORDER BY id"
             " LIMIT $1",
             limit)) {
      nlohmann::json j = {{"id", r[0].as<int64_t>()},   {"condition_key", r[2].c_str()},
                          {"kind", r[3].c_str()},       {"severity", r[4].c_str()},
                          {"subject", r[5].c_str()},    {"message", r[6].c_str()},
                          {"stage", r[7].as<int>()},    {"occurrences", r[8].as<int>()},
                          {"first_seen", r[9].c_str()}, {"last_seen", r[10].c_str()},
                          {"resolved_at", nullptr},     {"acknowledged_by", nullptr}};
      if (!r[11].is_null()) j["resolved_at"] = r[11].c_str();
      if (!r[12].is_null()) j["acknowledged_by"] = r[12].c_str();
      out.push_back({r[0].as<int64_t>(), r[1].as<int>(), j.dump()});
    }
    return out;
  });
}

void MarkAlertNotified(Connection& conn, int64_t id, int revision) {
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    tx.exec_params(
        "UPDATE alert SET notified_revision = greatest(notified_revision, $2) WHERE id = $1", id,
        revision);
    tx.commit();
  });
}

std::vector<AlertCount> CountOpenAlerts(Connection& conn) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    std::vector<AlertCount> out;
    for (const auto& r : tx.exec("SELECT coalesce(kind, ''), coalesce(severity, ''), count(*),"
                                 " count(*) FILTER (WHERE acknowledged_at IS NULL) FROM alert"
                                 " WHERE resolved_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2")) {
      out.push_back({r[0].c_str(), r[1].c_str(), r[2].as<int>(), r[3].as<int>()});
    }
    return out;
  });
}

Reconciliatie LeesReconciliatie(Connection& conn, codecs::Date peildatum,
                                const std::string& gemeente) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    Reconciliatie out;
    out.peildatum = peildatum;
    out.klassen = {{"0-10"}, {"11-20"}, {"21-25"}, {"26-30"}, {">30"}};
    for (const auto& r : tx.exec_params(
             "SELECT id, gemeente, domein, agb, coalesce(aanbieder, ''), identificatie,"
             " declaratienummer, status, (ontvangen_op AT TIME ZONE "
             "'Europe/Amsterdam')::date::text,"
             " antwoord_uiterlijk::text, betalen_uiterlijk::text, ingediend_cent, toegekend_cent,"
             " coalesce(antwoord_identificatie, ''), coalesce(antwoord_state, ''), onbeantwoord,"
             " onbetaald FROM reconciliatie WHERE ($1 = '' OR gemeente = $1)"
             " ORDER BY ontvangen_op DESC, id DESC",
             gemeente)) {
      ReconciliatieRegel g;
      g.id = r[0].as<int64_t>();
      g.gemeente = r[1].c_str();
      g.domein = r[2].c_str();
      g.agb = r[3].c_str();
      g.aanbieder = r[4].c_str();
      g.identificatie = r[5].c_str();
      g.declaratienummer = r[6].c_str();
      g.status = r[7].c_str();
      g.ontvangen = *codecs::Date::Parse(r[8].c_str());
      g.antwoord_uiterlijk = *codecs::Date::Parse(r[9].c_str());
      g.betalen_uiterlijk = *codecs::Date::Parse(r[10].c_str());
      g.ingediend_cent = r[11].as<int64_t>();
      if (!r[12].is_null()) g.toegekend_cent = r[12].as<int64_t>();
      g.antwoord_identificatie = r[13].c_str();
      g.antwoord_state = r[14].c_str();
      g.onbeantwoord = r[15].as<bool>();
      g.onbetaald = r[16].as<bool>();
      g.leeftijd_dagen = peildatum - g.ontvangen;
      const int a = g.leeftijd_dagen;
      Leeftijdsklasse& k = out.klassen[a <= 10 ? 0 : a <= 20 ? 1 : a <= 25 ? 2 : a <= 30 ? 3 : 4];
      if (g.onbeantwoord) ++k.onbeantwoord;
      if (g.onbetaald) {
        ++k.onbetaald;
        k.onbetaald_cent += g.toegekend_cent.value_or(g.ingediend_cent);
      }
      out.regels.push_back(std::move(g));
    }
    return out;
  });
}

}  // namespace sluis::db
