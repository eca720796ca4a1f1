// ebms_received lookups, ebms_refused, alerts and single outbox inserts.
#include "sluis/db/messaging.h"

#include "connection_impl.h"
#include "messaging_sql.h"
#include "sql_util.h"

namespace sluis::db {

using internal::EpochMs;
using internal::FromEpochMs;
using internal::Params;

std::optional<StoredMessage> FindReceived(Connection& conn, const std::string& message_id) {
  return MapErrors([&]() -> std::optional<StoredMessage> {
    pqxx::read_transaction tx(conn.impl().conn);
    Params p;
    const pqxx::result r =
        p.Exec(tx,
               "SELECT id, body_sha256, answer_content_type, answer_body, kind, state, "
               "from_party_id, " +
                   EpochMs("received_at") +
                   " FROM ebms_received WHERE message_id = " + p.Text(message_id));
    if (r.empty()) return std::nullopt;
    StoredMessage m;
    m.id = r[0][0].as<int64_t>();
    m.body_sha256 = internal::BytesOf(r[0][1]);
    m.answer_content_type = internal::OptText(r[0][2]);
    m.answer_body = internal::OptBytes(r[0][3]);
    m.kind = r[0][4].as<std::string>();
    m.state = r[0][5].as<std::string>();
    m.from_party_id = r[0][6].as<std::string>();
    m.received_at = FromEpochMs(r[0][7].as<int64_t>());
    return m;
  });
}

bool IsKnownMessageId(Connection& conn, const std::string& message_id) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    Params p;
    const std::string id = p.Text(message_id);
    const pqxx::result r =
        p.Exec(tx, "SELECT EXISTS (SELECT 1 FROM ebms_outbox WHERE message_id = " + id +
                       ") OR EXISTS (SELECT 1 FROM ebms_received WHERE message_id = " + id + ")");
    return r[0][0].as<bool>();
  });
}

bool RequeueAnswer(Connection& conn, const std::string& ref_to_message_id, Instant now) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    Params p;
    const std::string at = p.Time(now);
    const std::string live = "state IN ('pending', 'awaiting_ack')";
    // On its way (or waiting for a retry): send it once more after that attempt. Done: again.
    const pqxx::result r = p.Exec(
        tx,
        "UPDATE ebms_outbox SET resend = " + live + ", state = 'pending', attempts = CASE WHEN " +
            live + " THEN attempts ELSE 0 END, next_attempt_at = CASE WHEN " + live +
            " THEN next_attempt_at ELSE " + at + " END, done_at = NULL, expires_at = CASE WHEN " +
            live + " OR expires_at IS NULL THEN expires_at ELSE " + at +
            " + (expires_at - created_at) END WHERE ref_to_message_id = " +
            p.Text(ref_to_message_id) +
            " AND kind IN ('acknowledgment', 'message_error', 'pong', 'status_response')"
            " RETURNING id");
    tx.commit();
    return !r.empty();
  });
}

std::optional<ReceivedStatus> LookupReceivedStatus(Connection& conn,
                                                   const std::string& message_id) {
  return MapErrors([&]() -> std::optional<ReceivedStatus> {
    pqxx::read_transaction tx(conn.impl().conn);
    Params p;
    const pqxx::result r =
        p.Exec(tx, "SELECT r.from_party_id, " + EpochMs("r.received_at") +
                       ", EXISTS (SELECT 1 FROM bericht b WHERE b.ebms_received_id = r.id"
                       " AND b.state <> 'queued')"
                       " FROM ebms_received r WHERE r.message_id = " +
                       p.Text(message_id) + " AND r.kind = 'business'");
    if (r.empty()) return std::nullopt;
    ReceivedStatus s;
    s.from_party_id = r[0][0].as<std::string>();
    s.received_at = FromEpochMs(r[0][1].as<int64_t>());
    s.processed = r[0][2].as<bool>();
    return s;
  });
}

void InsertRefused(Connection& conn, const RefusedRequest& x) {
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    Params p;
    p.Exec(tx,
           "INSERT INTO ebms_refused (received_at, peer_address, peer_certificate_sha256, "
           "peer_oin, message_id, cpa_id, http_status, reason, content_type, body, answer_body) "
           "VALUES (" +
               p.Time(x.received_at) + "," + p.Opt(x.peer_address) + "," +
               p.Opt(x.peer_certificate_sha256) + "," + p.Opt(x.peer_oin) + "," +
               p.Opt(x.message_id) + "," + p.Opt(x.cpa_id) + "," + p.Int(x.http_status) + "," +
               p.Text(x.reason) + "," + p.Opt(x.content_type) + "," + p.Bytes(x.body) + "," +
               p.OptBytes(x.answer_body) + ")");
    tx.commit();
  });
}

int64_t RaiseAlert(Connection& conn, const AlertSpec& a, Instant at) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const int64_t id = internal::RaiseAlertIn(tx, a, at);
    tx.commit();
    return id;
  });
}

void ResolveAlert(Connection& conn, const std::string& key, Instant at) {
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    Params p;
    p.Exec(tx, "UPDATE alert SET resolved_at = " + p.Time(at) +
                   " WHERE condition_key = " + p.Text(key) + " AND resolved_at IS NULL");
    tx.commit();
  });
}

std::vector<Alert> OpenAlerts(Connection& conn) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    const pqxx::result r = tx.exec(
        "SELECT id, condition_key, coalesce(kind,''), coalesce(severity,''), "
        "coalesce(subject,''), coalesce(message,''), occurrences, " +
        EpochMs("first_seen") + ", " + EpochMs("last_seen") +
        " FROM alert WHERE resolved_at IS NULL ORDER BY id");
    std::vector<Alert> out;
    for (const auto& row : r) {
      Alert a;
      a.id = row[0].as<int64_t>();
      a.condition_key = row[1].as<std::string>();
      a.kind = row[2].as<std::string>();
      a.severity = row[3].as<std::string>();
      a.subject = row[4].as<std::string>();
      a.message = row[5].as<std::string>();
      a.occurrences = row[6].as<int32_t>();
      a.first_seen = FromEpochMs(row[7].as<int64_t>());
      a.last_seen = FromEpochMs(row[8].as<int64_t>());
      out.push_back(std::move(a));
    }
    return out;
  });
}

int64_t InsertOutbox(Connection& conn, const OutboxMessage& m) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const std::vector<int64_t> ids = internal::InsertOutboxRows(tx, {&m});
    tx.commit();
    return ids.at(0);
  });
}

namespace internal {

int64_t RaiseAlertIn(pqxx::transaction_base& tx, const AlertSpec& a, Instant at) {
  Params p;
  const pqxx::result r =
      p.Exec(tx, "SELECT raise_alert(" + p.Text(a.condition_key) + "," + p.Text(a.kind) + "," +
                     p.Text(a.severity) + "," + p.Text(a.subject) + "," + p.Text(a.message) + "," +
                     p.Time(at) + ")");
  return r[0][0].as<int64_t>();
}

std::vector<int64_t> InsertOutboxRows(pqxx::transaction_base& tx,
                                      const std::vector<const OutboxMessage*>& rows) {
  if (rows.empty()) return {};
  Params p;
  std::string sql =
      "INSERT INTO ebms_outbox (message_id, conversation_id, ref_to_message_id, cpa_id, "
      "to_party_id, service, action, kind, endpoint, content_type, body, reliable, bericht_id, "
      "max_retries, retry_interval_ms, next_attempt_at, expires_at, created_at) VALUES ";
  for (size_t i = 0; i < rows.size(); ++i) {
    const OutboxMessage& m = *rows[i];
    const std::string created = p.Time(m.created_at);
    sql += (i ? ",(" : "(") + p.Text(m.message_id) + "," + p.Text(m.conversation_id) + "," +
           p.Opt(m.ref_to_message_id) + "," + p.Text(m.cpa_id) + "," + p.Text(m.to_party_id) + "," +
           p.Text(m.service) + "," + p.Text(m.action) + "," + p.Text(m.kind) + "," +
           p.Text(m.endpoint) + "," + p.Text(m.content_type) + "," + p.Bytes(m.body) + "," +
           p.Bool(m.reliable) + "," +
           (m.bericht_id ? p.Int(*m.bericht_id) : std::string("NULL::bigint")) + "," +
           p.Int(m.max_retries) + "," + p.Int(m.retry_interval_ms) + "," + created + "," +
           p.OptTime(m.expires_at) + "," + created + ")";
  }
  sql += " RETURNING id";
  const pqxx::result r = p.Exec(tx, sql);
  std::vector<int64_t> ids;
  for (const auto& row : r) ids.push_back(row[0].as<int64_t>());
  return ids;
}

}  // namespace internal
}  // namespace sluis::db
