// ebms_outbox delivery: claim with a lease, record attempts, dead letters, statistics.
#include "sluis/db/messaging.h"

#include "connection_impl.h"
#include "messaging_sql.h"
#include "sql_util.h"

namespace sluis::db {

using internal::EpochMs;
using internal::FromEpochMs;
using internal::Params;

namespace {

constexpr char kLive[] = "state IN ('pending', 'awaiting_ack')";

std::optional<int64_t> OptId(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<int64_t>();
}

std::string IdList(const std::vector<int64_t>& ids) {
  std::string s;
  for (int64_t id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
  return s;
}

// A row that will never be delivered: its bericht (if any) goes dead, and an alert opens.
// Business messages get one critical alert each; signals one warning per CPA.
void GiveUp(pqxx::transaction_base& tx, const std::string& state, const std::string& message_id,
            const std::string& kind, const std::string& cpa_id, const std::string& action,
            const std::optional<int64_t>& bericht_id, const std::string& why, Instant now) {
  if (bericht_id) {
    Params p;
    p.Exec(tx, "UPDATE bericht SET state = 'dead', error = " + p.Text(why) +
                   " WHERE id = " + p.Int(*bericht_id));
  }
  AlertSpec a;
  if (kind == "business") {
    a.condition_key = "outbox." + state + ":" + message_id;
    a.kind = state == "dead" ? "dead_letter" : "delivery_failed";
    a.severity = "critical";
    a.subject = message_id;
    a.message = "ebMS " + action + " " + message_id + " (CPA " + cpa_id + "): " + why;
  } else {
    a.condition_key = "outbox.signal_" + state + ":" + cpa_id;
    a.kind = state == "dead" ? "signal_dead_letter" : "signal_failed";
    a.severity = "warning";
    a.subject = cpa_id;
    a.message = "ebMS " + kind + " " + message_id + " could not be delivered: " + why;
  }
  internal::RaiseAlertIn(tx, a, now);
}

}  // namespace

const char* AttemptOutcomeName(AttemptOutcome o) {
  switch (o) {
    case AttemptOutcome::kDelivered:
      return "delivered";
    case AttemptOutcome::kAwaitingAck:
      return "awaiting_ack";
    case AttemptOutcome::kAcknowledged:
      return "acknowledged";
    case AttemptOutcome::kRetry:
      return "retry";
    case AttemptOutcome::kFailed:
      return "failed";
  }
  return "retry";
}

ClaimResult ClaimOutbox(Connection& conn, const std::string& worker, size_t limit, Instant now,
                        std::chrono::milliseconds lease) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    ClaimResult out;
    // The three statements run for every claim: prepared (internal::ExecPrepared), so they are
    // planned once per connection, not every time. $1 is now.
    const std::string at = internal::FormatTime(now);
    {
      // PersistDuration passed without an Acknowledgment: dead letter.
      static const std::string kDead =
          std::string("UPDATE ebms_outbox SET state = 'dead', done_at = $1::timestamptz") +
          " WHERE id = ANY (ARRAY (SELECT id FROM ebms_outbox WHERE " + kLive +
          " AND expires_at <= $1::timestamptz"
          " ORDER BY expires_at LIMIT 1000 FOR UPDATE SKIP LOCKED))"
          " RETURNING id, message_id, kind, cpa_id, action, attempts, bericht_id,"
          " coalesce(last_error, '')";
      const pqxx::result r = internal::ExecPrepared(tx, kDead, at);
      for (const auto& row : r) {
        DeadLetter d;
        d.id = row[0].as<int64_t>();
        d.message_id = row[1].as<std::string>();
        d.kind = row[2].as<std::string>();
        d.cpa_id = row[3].as<std::string>();
        d.action = row[4].as<std::string>();
        d.attempts = row[5].as<int32_t>();
        d.bericht_id = OptId(row[6]);
        const std::string last = row[7].as<std::string>();
        const std::string why = "no Acknowledgment within PersistDuration after " +
                                std::to_string(d.attempts) + " attempt(s)" +
                                (last.empty() ? "" : "; last error: " + last);
        GiveUp(tx, "dead", d.message_id, d.kind, d.cpa_id, d.action, d.bericht_id, why, now);
        out.dead.push_back(std::move(d));
      }
    }
    {
      // Retries used up: a reliable message waits for its Acknowledgment until it expires;
      // anything else has failed.
      static const std::string kExhausted =
          std::string("UPDATE ebms_outbox SET") +
          " state = CASE WHEN reliable AND expires_at IS NOT NULL THEN state ELSE 'failed' END,"
          " next_attempt_at = CASE WHEN reliable AND expires_at IS NOT NULL THEN expires_at"
          " ELSE next_attempt_at END,"
          " done_at = CASE WHEN reliable AND expires_at IS NOT NULL THEN NULL"
          " ELSE $1::timestamptz END"
          " WHERE id = ANY (ARRAY (SELECT id FROM ebms_outbox WHERE " +
          kLive +
          " AND next_attempt_at <= $1::timestamptz"
          " AND attempts > max_retries ORDER BY next_attempt_at LIMIT 1000"
          " FOR UPDATE SKIP LOCKED))"
          " RETURNING state, message_id, kind, cpa_id, action, bericht_id, attempts,"
          " coalesce(last_error, '')";
      const pqxx::result r = internal::ExecPrepared(tx, kExhausted, at);
      for (const auto& row : r) {
        ++out.exhausted;
        if (row[0].as<std::string>() != "failed") continue;
        const std::string last = row[7].as<std::string>();
        GiveUp(tx, "failed", row[1].as<std::string>(), row[2].as<std::string>(),
               row[3].as<std::string>(), row[4].as<std::string>(), OptId(row[5]),
               "not delivered after " + row[6].as<std::string>() + " attempt(s)" +
                   (last.empty() ? "" : "; last error: " + last),
               now);
      }
    }
    {
      static const std::string kClaim =
          std::string(
              "UPDATE ebms_outbox o SET attempts = o.attempts + 1,"
              " last_attempt_at = $1::timestamptz,"
              " first_attempt_at = coalesce(o.first_attempt_at, $1::timestamptz),"
              " next_attempt_at = $2::timestamptz, claimed_by = $3"
              " FROM (SELECT id FROM ebms_outbox WHERE ") +
          kLive +
          " AND next_attempt_at <= $1::timestamptz"
          " AND attempts <= max_retries ORDER BY next_attempt_at LIMIT $4"
          " FOR UPDATE SKIP LOCKED) c WHERE o.id = c.id"
          " RETURNING o.id, o.message_id, o.ref_to_message_id, o.cpa_id, o.to_party_id,"
          " o.action, o.kind, o.endpoint, o.content_type, o.body, o.reliable, o.state,"
          " o.attempts, o.max_retries, o.retry_interval_ms, o.bericht_id, " +
          EpochMs("o.first_attempt_at") + ", " + EpochMs("o.created_at");
      const pqxx::result r = internal::ExecPrepared(
          tx, kClaim, at, internal::FormatTime(now + lease), worker, static_cast<int64_t>(limit));
      for (const auto& row : r) {
        OutboxItem it;
        it.id = row[0].as<int64_t>();
        it.message_id = row[1].as<std::string>();
        it.ref_to_message_id = internal::OptText(row[2]);
        it.cpa_id = row[3].as<std::string>();
        it.to_party_id = row[4].as<std::string>();
        it.action = row[5].as<std::string>();
        it.kind = row[6].as<std::string>();
        it.endpoint = row[7].as<std::string>();
        it.content_type = row[8].as<std::string>();
        it.body = internal::BytesOf(row[9]);
        it.reliable = row[10].as<bool>();
        it.state = row[11].as<std::string>();
        it.attempts = row[12].as<int32_t>();
        it.max_retries = row[13].as<int32_t>();
        it.retry_interval_ms = row[14].as<int64_t>();
        it.bericht_id = OptId(row[15]);
        it.first_attempt_at = FromEpochMs(row[16].as<int64_t>());
        it.created_at = FromEpochMs(row[17].as<int64_t>());
        out.to_send.push_back(std::move(it));
      }
    }
    tx.commit();
    return out;
  });
}

namespace {

void RecordAttemptsOnce(Connection& conn, const std::vector<AttemptResult>& results) {
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    Params p;
    std::string values;
    for (const AttemptResult& a : results) {
      values += (values.empty() ? "(" : ",(") + p.Int(a.id) + "," +
                p.Text(AttemptOutcomeName(a.outcome)) + "," + p.Time(a.at) + "," +
                p.Int(a.http_status) + "," + p.Text(a.error) + ")";
    }
    const pqxx::result r = p.Exec(
        tx,
        "UPDATE ebms_outbox o SET"
        " state = CASE WHEN v.outcome = 'delivered' AND o.resend THEN 'pending'"
        "   WHEN v.outcome = 'retry' THEN o.state ELSE v.outcome END,"
        " attempts = CASE WHEN v.outcome = 'delivered' AND o.resend THEN 0 ELSE o.attempts END,"
        " next_attempt_at = CASE WHEN v.outcome = 'delivered' AND o.resend THEN v.at"
        "   WHEN v.outcome IN ('retry', 'awaiting_ack')"
        "   THEN v.at + o.retry_interval_ms * interval '1 millisecond' ELSE o.next_attempt_at END,"
        " done_at = CASE WHEN v.outcome = 'delivered' AND o.resend THEN NULL"
        "   WHEN v.outcome IN ('delivered', 'acknowledged', 'failed') THEN v.at END,"
        " resend = false,"
        " last_error = NULLIF(v.error, ''),"
        " last_http_status = NULLIF(v.status, 0)"
        " FROM (VALUES " +
            values +
            ") AS v(id, outcome, at, status, error)"
            " WHERE o.id = v.id AND o.state IN ('pending', 'awaiting_ack')"
            " RETURNING o.state, o.message_id, o.kind, o.cpa_id, o.action, o.bericht_id,"
            " coalesce(o.last_error, ''), " +
            EpochMs("v.at"));
    std::vector<int64_t> acked;
    for (const auto& row : r) {
      const std::string state = row[0].as<std::string>();
      const std::optional<int64_t> bericht = OptId(row[5]);
      if (state == "acknowledged" && bericht) acked.push_back(*bericht);
      if (state == "failed") {
        GiveUp(tx, "failed", row[1].as<std::string>(), row[2].as<std::string>(),
               row[3].as<std::string>(), row[4].as<std::string>(), bericht,
               row[6].as<std::string>(), FromEpochMs(row[7].as<int64_t>()));
      }
    }
    if (!acked.empty()) {
      tx.exec("UPDATE bericht SET state = 'acknowledged' WHERE state = 'packed' AND id IN (" +
              IdList(acked) + ")");
    }
    tx.commit();
  });
}

}  // namespace

void RecordAttempts(Connection& conn, const std::vector<AttemptResult>& results) {
  if (results.empty()) return;
  // The same outbox and bericht rows are also updated by the group-commit writer (an
  // asynchronous Acknowledgment) and by another batch of results, each in its own order, so
  // PostgreSQL may break a deadlock by aborting this transaction. Nothing of it is committed
  // then, and running the batch again is safe: it only moves rows still pending or awaiting an
  // Acknowledgment.
  for (int attempt = 1;; ++attempt) {
    try {
      RecordAttemptsOnce(conn, results);
      return;
    } catch (const DbError& e) {
      if (attempt == 3 || e.sqlstate() != "40P01") throw;
    }
  }
}

OutboxStats ReadOutboxStats(Connection& conn, Instant now) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    OutboxStats s;
    for (const char* state : {"pending", "awaiting_ack", "failed", "dead"}) s.depth[state] = 0;
    for (const auto& row :
         tx.exec("SELECT state, count(*) FROM ebms_outbox WHERE state IN ('pending', "
                 "'awaiting_ack') GROUP BY state UNION ALL SELECT state, count(*) FROM "
                 "ebms_outbox WHERE state IN ('failed', 'dead') GROUP BY state")) {
      s.depth[row[0].as<std::string>()] = row[1].as<int64_t>();
    }
    const pqxx::result r =
        tx.exec("SELECT " + EpochMs("min(created_at)") + " FROM ebms_outbox WHERE " + kLive);
    if (!r.empty() && !r[0][0].is_null()) {
      const auto age = now - FromEpochMs(r[0][0].as<int64_t>());
      s.oldest_pending_seconds = std::max(0.0, std::chrono::duration<double>(age).count());
    }
    return s;
  });
}

}  // namespace sluis::db
