// The web UI's tables for operations and account managers: backlog ageing, deadlines, outbox,
// alerts, message rates, aanbieders, their timelines and reject rates.
#include <nlohmann/json.hpp>

#include "sluis/db/betaling.h"
#include "sluis/db/ui_views.h"
#include "sluis/workflow/deadlines.h"

#include "connection_impl.h"
#include "declaratie_termijnen.h"
#include "pg_array.h"
#include "sql_util.h"
#include "ui_table.h"

namespace sluis::db {

using internal::PagingSql;
using internal::Params;
using internal::ToTable;

namespace {

// The receipt day in Dutch time: the payment clock counts calendar days from it.
constexpr char kOntvangenDag[] = "(d.ontvangen_op AT TIME ZONE 'Europe/Amsterdam')::date";

}  // namespace

Table BacklogAgeing(Connection& conn, codecs::Date peildatum) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec_params(
        std::string("WITH b(bucket, van, tot, volgorde) AS (VALUES ('0-10', 0, 10, 1),"
                    " ('11-20', 11, 20, 2), ('21-25', 21, 25, 3), ('26-30', 26, 30, 4),"
                    " ('>30', 31, 2147483647, 5)),"
                    " open AS (SELECT greatest(0, $1::date - ") +
            kOntvangenDag +
            ") AS dagen, coalesce(d.toegekend_cent, d.ingediend_cent) AS bedrag"
            " FROM declaratie d WHERE d.status NOT IN ('betaald', 'afgewezen'))"
            " SELECT b.bucket, count(o.dagen) AS aantal, coalesce(sum(o.bedrag), 0) AS bedrag_cent"
            " FROM b LEFT JOIN open o ON o.dagen BETWEEN b.van AND b.tot"
            " GROUP BY b.bucket, b.volgorde ORDER BY b.volgorde",
        peildatum.ToString()));
  });
}

Table DeadlinesAtRisk(Connection& conn, codecs::Date peildatum, int dagen) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    // The deadlines the sweep (db/deadlines.h) watches.
    return ToTable(tx.exec_params(
        std::string("SELECT * FROM ("
                    " SELECT d.id, d.gemeente, d.agb, d.declaratienummer, '325' AS termijn,"
                    " d.status, d.antwoord_uiterlijk::text AS uiterlijk,"
                    " d.antwoord_uiterlijk - $1::date AS dagen_over, d.review_reden"
                    " FROM declaratie d WHERE ") +
            internal::kAntwoordTermijnLoopt +
            " AND d.antwoord_uiterlijk <= $1::date + $2::int"
            " UNION ALL"
            " SELECT d.id, d.gemeente, d.agb, d.declaratienummer, 'betaling', d.status,"
            " d.betalen_uiterlijk::text, d.betalen_uiterlijk - $1::date, d.review_reden"
            " FROM declaratie d WHERE " +
            internal::kBetaalTermijnLoopt +
            " AND d.betalen_uiterlijk <= $1::date + $2::int"
            ") t ORDER BY dagen_over, id, termijn",
        peildatum.ToString(), dagen));
  });
}

Table ListOutbox(Connection& conn, const std::string& state, const Paging& pg) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    Params p;
    std::string where;
    if (!state.empty()) where = " WHERE o.state = " + p.Text(state);
    return ToTable(p.Exec(
        tx,
        "SELECT o.id, o.message_id, o.kind, o.action, o.to_party_id, o.state, o.attempts,"
        " o.max_retries, o.next_attempt_at::text, o.created_at::text, o.last_error, o.bericht_id,"
        " count(*) OVER () AS _total FROM ebms_outbox o" +
            where + " ORDER BY o.id DESC" + PagingSql(pg)));
  });
}

Table ListBetaalbatches(Connection& conn, const Paging& pg) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec(
        "SELECT id, gemeente, created_at::text, created_by, uitvoerdatum::text, msg_id, status,"
        " totaal_cent, aantal, aantal_declaraties, geexporteerd_at::text, betaald_op::text,"
        " annuleer_reden, count(*) OVER () AS _total FROM betaalbatch ORDER BY id DESC" +
        PagingSql(pg)));
  });
}

Table BetaalbatchDeclaraties(Connection& conn, int64_t batch_id, const Paging& pg) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec_params(
        "SELECT d.id, r.agb, r.naam AS aanbieder, d.domein, d.declaratienummer,"
        " d.periode_begin::text, d.periode_eind::text, l.toegekend_cent, r.end_to_end_id,"
        " count(*) OVER () AS _total"
        " FROM betaalregel r JOIN betaalregel_declaratie l ON l.betaalregel_id = r.id"
        " JOIN declaratie d ON d.id = l.declaratie_id WHERE r.batch_id = $1"
        " ORDER BY r.agb, d.declaratienummer, d.id" +
            PagingSql(pg),
        batch_id));
  });
}

Table QueueCounts(Connection& conn) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec(
        "SELECT 'bericht_uit' AS wachtrij, state, count(*) AS aantal,"
        " min(created_at)::text AS oudste FROM bericht WHERE direction = 'out' GROUP BY state"
        " UNION ALL SELECT 'bericht_in', state, count(*), min(created_at)::text FROM bericht"
        " WHERE direction = 'in' GROUP BY state"
        " UNION ALL SELECT 'ebms_outbox', state, count(*), min(created_at)::text FROM ebms_outbox"
        " GROUP BY state ORDER BY 1, 2"));
  });
}

namespace {

// The kinds of alert whose condition Sluis checks itself on every deadline sweep (the deadlines
// it watches, the handelsrente table): they close when the condition is gone, never by hand (a
// hand-closed one would only open again at the next sweep).
std::string SelfClosingKinds() {
  internal::ArrayLiteral a;
  for (workflow::DeadlineKind k : workflow::kAllDeadlineKinds) {
    a.Add(std::string(workflow::DeadlineKindName(k)));
  }
  a.Add(std::string(kHandelsrenteAlertKind));
  return a.Take();
}

}  // namespace

Table ListOpenAlerts(Connection& conn) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec_params(
        "SELECT id, kind, severity, subject, message, occurrences, first_seen::text,"
        " last_seen::text, acknowledged_by, acknowledged_at::text,"
        " NOT (coalesce(kind, '') = ANY ($1::text[])) AS afsluitbaar FROM alert"
        " WHERE resolved_at IS NULL ORDER BY (acknowledged_at IS NOT NULL), last_seen DESC",
        SelfClosingKinds()));
  });
}

void CloseAlert(Connection& conn, int64_t id, const std::string& actor, codecs::Instant at) {
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const pqxx::result open = tx.exec_params(
        "SELECT coalesce(kind, ''), coalesce(subject, ''), coalesce(kind, '') = ANY ($2::text[])"
        " FROM alert WHERE id = $1 AND resolved_at IS NULL FOR UPDATE",
        id, SelfClosingKinds());
    if (open.empty()) throw RefusedError("melding " + std::to_string(id) + " is niet open");
    if (open[0][2].as<bool>()) {
      const std::string kind = open[0][0].c_str();
      throw RefusedError("melding " + std::to_string(id) + " (" + kind + ") sluit vanzelf zodra " +
                         (kind == kHandelsrenteAlertKind ? "het percentage is ingevoerd (Beheer)"
                                                         : "de termijn gehaald is"));
    }
    tx.exec_params("UPDATE alert SET resolved_at = $2::timestamptz WHERE id = $1", id,
                   internal::FormatTime(at));
    const nlohmann::json after = {
        {"resolved_by", actor}, {"kind", open[0][0].c_str()}, {"subject", open[0][1].c_str()}};
    tx.exec_params(
        "INSERT INTO audit_log (actor, action, subject, before, after)"
        " VALUES ($1, 'alert.afgesloten', $2, '{\"resolved_at\":null}', $3::jsonb)",
        actor, "alert/" + std::to_string(id), after.dump());
    tx.commit();
  });
}

void AcknowledgeAlert(Connection& conn, int64_t id, const std::string& actor, codecs::Instant at) {
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const pqxx::result r = tx.exec_params(
        "UPDATE alert SET acknowledged_by = $2, acknowledged_at = $3::timestamptz"
        " WHERE id = $1 AND resolved_at IS NULL AND acknowledged_at IS NULL"
        " RETURNING coalesce(kind, ''), coalesce(subject, '')",
        id, actor, internal::FormatTime(at));
    if (r.empty()) {
      throw RefusedError("melding " + std::to_string(id) + " is niet open of al bevestigd");
    }
    const nlohmann::json after = {
        {"acknowledged_by", actor}, {"kind", r[0][0].c_str()}, {"subject", r[0][1].c_str()}};
    tx.exec_params(
        "INSERT INTO audit_log (actor, action, subject, before, after)"
        " VALUES ($1, 'alert.bevestigd', $2, '{\"acknowledged_by\":null}', $3::jsonb)",
        actor, "alert/" + std::to_string(id), after.dump());
    tx.commit();
  });
}

void RetryOutbox(Connection& conn, int64_t id, const std::string& actor, codecs::Instant at) {
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const pqxx::result r = tx.exec_params(
        "SELECT message_id, bericht_id FROM ebms_outbox WHERE id = $1"
        " AND state IN ('dead', 'failed') FOR UPDATE",
        id);
    if (r.empty()) {
      throw RefusedError("uitgaand bericht " + std::to_string(id) + " is geen dead letter");
    }
    const std::string message_id = r[0][0].c_str();
    if (!r[0][1].is_null()) {
      // A business message: its ebMS message is past its TimeToLive, so the bericht is packed
      // again as a new one (new MessageId and StUF referentienummer); this row stays, as
      // history, in state 'superseded'.
      tx.exec_params(
          "UPDATE ebms_outbox SET state = 'superseded',"
          " done_at = coalesce(done_at, $2::timestamptz) WHERE id = $1",
          id, internal::FormatTime(at));
      tx.exec_params("UPDATE bericht SET state = 'queued', error = NULL WHERE id = $1",
                     r[0][1].as<int64_t>());
    } else {
      tx.exec_params(
          "UPDATE ebms_outbox SET state = 'pending', attempts = 0,"
          " next_attempt_at = $2::timestamptz, expires_at = NULL, done_at = NULL WHERE id = $1",
          id, internal::FormatTime(at));
    }
    // Resolved: should it fail again, a new alert opens.
    tx.exec_params(
        "UPDATE alert SET resolved_at = $2::timestamptz WHERE resolved_at IS NULL"
        " AND condition_key IN ('outbox.dead:' || $1, 'outbox.failed:' || $1)",
        message_id, internal::FormatTime(at));
    tx.exec_params(
        "INSERT INTO audit_log (actor, action, subject, before, after)"
        " VALUES ($1, 'outbox.opnieuw', $2, '{\"state\":\"dead\"}', $3::jsonb)",
        actor, "ebms_outbox/" + message_id,
        r[0][1].is_null()
            ? std::string("{\"state\":\"pending\"}")
            : "{\"bericht\":" + std::string(r[0][1].c_str()) + ",\"state\":\"queued\"}");
    tx.commit();
  });
}

Table MessageRates(Connection& conn, codecs::Date peildatum, int dagen) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec_params(
        "SELECT g.dag::date::text AS dag,"
        " count(b.id) FILTER (WHERE b.direction = 'in') AS ontvangen,"
        " count(b.id) FILTER (WHERE b.direction = 'out') AS verzonden"
        " FROM generate_series($1::date - ($2::int - 1), $1::date, interval '1 day') g(dag)"
        " LEFT JOIN bericht b ON (b.created_at AT TIME ZONE 'Europe/Amsterdam')::date = g.dag"
        " GROUP BY g.dag ORDER BY g.dag",
        peildatum.ToString(), dagen));
  });
}

Table ListAanbieders(Connection& conn, const Paging& pg) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec(
        "WITH agbs AS (SELECT agb FROM aanbieder UNION SELECT DISTINCT agb FROM bericht)"
        " SELECT x.agb, a.naam,"
        " (SELECT count(*) FROM bericht b WHERE b.agb = x.agb) AS berichten,"
        " (SELECT count(*) FROM declaratie d WHERE d.agb = x.agb) AS declaraties,"
        " (SELECT count(*) FROM declaratie d WHERE d.agb = x.agb"
        "   AND d.status NOT IN ('betaald', 'afgewezen')) AS open,"
        " (SELECT max(b.created_at)::text FROM bericht b WHERE b.agb = x.agb) AS laatste_bericht,"
        " count(*) OVER () AS _total"
        " FROM agbs x LEFT JOIN aanbieder a ON a.agb = x.agb ORDER BY x.agb" +
        PagingSql(pg)));
  });
}

Table AanbiederTimeline(Connection& conn, const std::string& agb, const Paging& pg) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec_params(
        "SELECT b.id, b.created_at::text, b.direction, b.domein, b.berichttype, b.gemeente,"
        " b.identificatie, b.dagtekening::text, b.state, b.answers_bericht_id,"
        " count(*) OVER () AS _total FROM bericht b WHERE b.agb = $1"
        " ORDER BY b.created_at DESC, b.id DESC" +
            PagingSql(pg),
        agb));
  });
}

Table RejectRates(Connection& conn, const std::string& agb) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec_params(
        std::string("WITH p AS (SELECT to_char(") + kOntvangenDag +
            ", 'YYYY-MM') AS maand, p.retourcodes FROM prestatie p"
            " JOIN declaratie d ON d.id = p.declaratie_id WHERE d.agb = $1),"
            " totaal AS (SELECT maand, count(*) AS n FROM p GROUP BY maand)"
            " SELECT p.maand, c.code AS retourcode, count(*) AS afgekeurd, t.n AS prestaties,"
            " round(100.0 * count(*) / t.n, 1)::float8 AS percentage"
            " FROM p CROSS JOIN LATERAL unnest(p.retourcodes) c(code)"
            " JOIN totaal t ON t.maand = p.maand WHERE c.code <> '0200'"
            " GROUP BY p.maand, c.code, t.n ORDER BY p.maand, c.code",
        agb));
  });
}

}  // namespace sluis::db
