// Unpack (ebms_received -> bericht) and pack (bericht -> ebms_outbox).
#include "sluis/db/register.h"

#include <map>

#include "connection_impl.h"
#include "messaging_sql.h"
#include "sql_util.h"

namespace sluis::db {

using internal::EpochMs;
using internal::FromEpochMs;
using internal::Params;

namespace {

constexpr char kUnpackColumns[] =
    "id, message_id, conversation_id, cpa_id, from_party_id, to_party_id, action, content_type, "
    "body, (extract(epoch from received_at) * 1000)::bigint";

ReceivedForUnpack ReadReceived(const pqxx::row& row) {
  ReceivedForUnpack r;
  r.id = row[0].as<int64_t>();
  r.message_id = row[1].as<std::string>();
  r.conversation_id = row[2].as<std::string>();
  r.cpa_id = row[3].as<std::string>();
  r.from_party_id = row[4].as<std::string>();
  r.to_party_id = row[5].as<std::string>();
  r.action = row[6].as<std::string>();
  r.content_type = row[7].as<std::string>();
  r.body = internal::BytesOf(row[8]);
  r.received_at = FromEpochMs(row[9].as<int64_t>());
  return r;
}

UnpackOutcome SafeUnpack(const Unpacker& unpack, const ReceivedForUnpack& row) {
  try {
    return unpack(row);
  } catch (const std::exception& e) {
    UnpackOutcome o;
    o.state = "failed";
    o.error = std::string("unpack crashed: ") + e.what();
    return o;
  }
}

std::string HeenLookup(Params& p, const std::string& referentienummer) {
  return "(SELECT h.id FROM bericht h WHERE h.stuf_referentienummer = " + p.Text(referentienummer) +
         " ORDER BY h.id DESC LIMIT 1)";
}

void InsertFo01(pqxx::transaction_base& tx, const Fo01Insert& f, std::optional<int64_t> bericht,
                std::optional<int64_t> received_id, std::optional<int64_t> outbox_id,
                bool link_by_cross_ref) {
  Params p;
  const auto id = [&](const std::optional<int64_t>& v) {
    return v ? p.Int(*v) : std::string("NULL::bigint");
  };
  const std::string bericht_sql =
      link_by_cross_ref ? HeenLookup(p, f.cross_refnummer) : id(bericht);
  const pqxx::result r = p.Exec(
      tx,
      "INSERT INTO stuf_fo01 (direction, referentienummer, cross_refnummer, code, plek, "
      "omschrijving, details, zender, ontvanger, bericht_id, ebms_received_id, "
      "ebms_outbox_id) VALUES (" +
          p.Text(f.direction) + "," + p.Text(f.referentienummer) + "," + p.Text(f.cross_refnummer) +
          "," + p.Text(f.code) + "," + p.Opt(f.plek) + "," + p.Opt(f.omschrijving) + "," +
          p.Opt(f.details) + "," + p.Opt(f.zender) + "," + p.Opt(f.ontvanger) + "," + bericht_sql +
          "," + id(received_id) + "," + id(outbox_id) + ") RETURNING bericht_id");
  if (link_by_cross_ref && !r.empty() && !r[0][0].is_null()) {
    Params u;
    u.Exec(tx, "UPDATE bericht SET error = " + u.Text("Fo01 " + f.code + ": " + f.omschrijving) +
                   " WHERE id = " + u.Int(r[0][0].as<int64_t>()));
  }
}

void WriteUnpacked(pqxx::transaction_base& tx, const std::vector<ReceivedForUnpack>& rows,
                   const std::vector<UnpackOutcome>& outcomes, Instant now) {
  if (rows.empty()) return;
  std::map<int64_t, int64_t> bericht_of;  // ebms_received id -> bericht id
  {
    Params p;
    std::string sql;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (!outcomes[i].bericht) continue;
      const BerichtInsert& b = *outcomes[i].bericht;
      const std::string answers = b.link_heenbericht && b.stuf_cross_refnummer
                                      ? "(SELECT h.id FROM bericht h WHERE h.direction = 'out' AND "
                                        "h.stuf_referentienummer = " +
                                            p.Text(*b.stuf_cross_refnummer) +
                                            " ORDER BY h.id DESC LIMIT 1)"
                                      : std::string("NULL::bigint");
      sql += (sql.empty() ? "(" : ",(") + p.Text(b.direction) + "," + p.Text(b.domein) + "," +
             p.Int(b.berichttype) + "::smallint," + p.Text(b.gemeente) + "," + p.Text(b.agb) + "," +
             p.Text(b.identificatie) + "," + p.Text(b.dagtekening) + "::date," +
             p.Bytes(b.payload) + "," + p.Opt(b.stuf_referentienummer) + "," +
             p.Opt(b.stuf_cross_refnummer) + "," + p.Int(rows[i].id) + "," + p.Opt(b.xsd_errors) +
             "::jsonb," + p.Opt(b.level2_violations) + "::jsonb," + answers + "," +
             p.Text(b.state) + "," + p.Opt(b.error) + "," + p.Time(now) + ")";
    }
    if (!sql.empty()) {
      const pqxx::result r = p.Exec(
          tx,
          "INSERT INTO bericht (direction, domein, berichttype, gemeente, agb, "
          "identificatie, dagtekening, payload, stuf_referentienummer, stuf_cross_refnummer, "
          "ebms_received_id, xsd_errors, level2_violations, answers_bericht_id, state, error, "
          "created_at) VALUES " +
              sql + " RETURNING id, ebms_received_id");
      for (const auto& row : r) bericht_of[row[1].as<int64_t>()] = row[0].as<int64_t>();
    }
  }
  {
    Params p;
    std::string values;
    for (size_t i = 0; i < rows.size(); ++i) {
      values += (values.empty() ? "(" : ",(") + p.Int(rows[i].id) + "," +
                p.Text(outcomes[i].state) + "," + p.Text(outcomes[i].error.value_or("")) + ")";
    }
    p.Exec(tx,
           "UPDATE ebms_received r SET state = v.state, error = NULLIF(v.error, '') FROM (VALUES " +
               values + ") AS v(id, state, error) WHERE r.id = v.id");
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const UnpackOutcome& o = outcomes[i];
    std::optional<int64_t> bericht;
    if (auto it = bericht_of.find(rows[i].id); it != bericht_of.end()) bericht = it->second;
    if (o.fo01_in) InsertFo01(tx, *o.fo01_in, std::nullopt, rows[i].id, std::nullopt, true);
    if (o.reply) {
      const int64_t outbox_id = internal::InsertOutboxRows(tx, {&*o.reply}).at(0);
      if (o.fo01_out) InsertFo01(tx, *o.fo01_out, bericht, rows[i].id, outbox_id, false);
    }
    for (const AlertSpec& a : o.alerts) internal::RaiseAlertIn(tx, a, now);
  }
}

bool IsConnectionProblem(const DbError& e) { return e.error_class() == DbError::Class::kRetryable; }

}  // namespace

std::vector<UnpackOutcome> UnpackBatch(Connection& conn, size_t limit, Instant now,
                                       const Unpacker& unpack) {
  std::vector<int64_t> claimed;
  try {
    return MapErrors([&] {
      pqxx::work tx(conn.impl().conn);
      static const std::string kClaim =
          std::string("SELECT ") + kUnpackColumns +
          " FROM ebms_received WHERE state = 'received' AND kind = 'business'"
          " ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED";
      const pqxx::result r = internal::ExecPrepared(tx, kClaim, static_cast<int64_t>(limit));
      std::vector<ReceivedForUnpack> rows;
      std::vector<UnpackOutcome> outcomes;
      for (const auto& row : r) {
        rows.push_back(ReadReceived(row));
        claimed.push_back(rows.back().id);
        outcomes.push_back(SafeUnpack(unpack, rows.back()));
      }
      WriteUnpacked(tx, rows, outcomes, now);
      tx.commit();
      return outcomes;
    });
  } catch (const DbError& e) {
    if (IsConnectionProblem(e) || claimed.empty()) throw;
  }
  // The batch failed on one of its rows: do them one by one, so that one bad row is marked
  // failed and the others go through.
  std::vector<UnpackOutcome> done;
  for (int64_t id : claimed) {
    try {
      MapErrors([&] {
        pqxx::work tx(conn.impl().conn);
        Params p;
        const pqxx::result r = p.Exec(tx, std::string("SELECT ") + kUnpackColumns +
                                              " FROM ebms_received WHERE id = " + p.Int(id) +
                                              " AND state = 'received' FOR UPDATE SKIP LOCKED");
        if (r.empty()) return;
        const std::vector<ReceivedForUnpack> rows{ReadReceived(r[0])};
        const std::vector<UnpackOutcome> outcomes{SafeUnpack(unpack, rows[0])};
        WriteUnpacked(tx, rows, outcomes, now);
        tx.commit();
        done.push_back(outcomes[0]);
      });
    } catch (const DbError& e) {
      if (IsConnectionProblem(e)) throw;
      MapErrors([&] {
        pqxx::work tx(conn.impl().conn);
        Params p;
        const std::string why = std::string("could not be registered: ") + e.what();
        p.Exec(tx, "UPDATE ebms_received SET state = 'failed', error = " + p.Text(why) +
                       " WHERE id = " + p.Int(id));
        internal::RaiseAlertIn(tx,
                               AlertSpec{"unpack.failed:" + std::to_string(id), "unpack_failed",
                                         "critical", "ebms_received " + std::to_string(id), why},
                               now);
        tx.commit();
      });
      UnpackOutcome o;
      o.state = "failed";
      o.error = e.what();
      done.push_back(std::move(o));
    }
  }
  return done;
}

std::vector<PackOutcome> PackBatch(Connection& conn, size_t limit, Instant now,
                                   const Packer& pack) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const pqxx::result r = internal::ExecPrepared(
        tx,
        "SELECT b.id, b.domein, b.berichttype, b.gemeente, b.agb, b.identificatie, b.payload, "
        "b.answers_bericht_id, h.stuf_referentienummer, r.conversation_id FROM bericht b "
        "LEFT JOIN bericht h ON h.id = b.answers_bericht_id "
        "LEFT JOIN ebms_received r ON r.id = h.ebms_received_id "
        "WHERE b.direction = 'out' AND b.state = 'queued' ORDER BY b.id + 0 LIMIT $1"
        " FOR UPDATE OF b SKIP LOCKED",
        static_cast<int64_t>(limit));
    std::vector<PackOutcome> outcomes;
    std::vector<int64_t> ids;
    for (const auto& row : r) {
      BerichtForPacking b;
      b.id = row[0].as<int64_t>();
      b.domein = row[1].as<std::string>();
      b.berichttype = row[2].as<int>();
      b.gemeente = row[3].as<std::string>();
      b.agb = row[4].as<std::string>();
      b.identificatie = row[5].as<std::string>();
      b.payload = internal::BytesOf(row[6]);
      if (!row[7].is_null()) b.answers_bericht_id = row[7].as<int64_t>();
      b.heen_referentienummer = internal::OptText(row[8]);
      b.heen_conversation_id = internal::OptText(row[9]);
      PackOutcome o;
      try {
        o = pack(b);
      } catch (const std::exception& e) {
        o = PackOutcome{};
        o.error = std::string("pack crashed: ") + e.what();
      }
      if (o.packed && o.outbox) o.outbox->bericht_id = b.id;
      ids.push_back(b.id);
      outcomes.push_back(std::move(o));
    }
    std::vector<const OutboxMessage*> rows;
    for (const PackOutcome& o : outcomes) {
      if (o.packed && o.outbox) rows.push_back(&*o.outbox);
    }
    internal::InsertOutboxRows(tx, rows);
    if (!ids.empty()) {
      Params u;
      std::string values;
      for (size_t i = 0; i < ids.size(); ++i) {
        const PackOutcome& o = outcomes[i];
        const bool ok = o.packed && o.outbox;
        values += (values.empty() ? "(" : ",(") + u.Int(ids[i]) + "," +
                  u.Text(ok ? "packed" : "dead") + "," + u.Text(o.stuf_referentienummer) + "," +
                  u.Text(o.stuf_cross_refnummer.value_or("")) + "," + u.Text(ok ? "" : o.error) +
                  ")";
      }
      u.Exec(tx,
             "UPDATE bericht b SET state = v.state, stuf_referentienummer = "
             "coalesce(NULLIF(v.ref, ''), b.stuf_referentienummer), stuf_cross_refnummer = "
             "coalesce(NULLIF(v.xref, ''), b.stuf_cross_refnummer), error = NULLIF(v.error, '') "
             "FROM (VALUES " +
                 values + ") AS v(id, state, ref, xref, error) WHERE b.id = v.id");
    }
    for (const PackOutcome& o : outcomes) {
      if (o.alert) internal::RaiseAlertIn(tx, *o.alert, now);
    }
    tx.commit();
    return outcomes;
  });
}

}  // namespace sluis::db
