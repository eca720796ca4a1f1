// Payment batches: betaalbaar stellen, batch, export, paid, cancel (migration 0013).
#include "sluis/db/betaling.h"

#include <map>
#include <tuple>

#include "sluis/codecs/pain001.h"

#include "betaling_internal.h"
#include "connection_impl.h"

namespace sluis::db {
namespace {

using namespace betaling_internal;

std::string Subject(int64_t batch_id) { return "betaalbatch/" + std::to_string(batch_id); }

std::string Compact(Date d) {
  std::string s = d.ToString();
  std::erase(s, '-');
  return s;
}

// The Dutch wall-clock date and time of t (CreDtTm is written as local time).
std::pair<Date, codecs::TimeOfDay> DutchLocal(workflow::TimePoint t) {
  const int64_t ms =
      (t.time_since_epoch().count() + workflow::DutchUtcOffsetMillis(t)) % 86'400'000;
  const int64_t of_day = ms < 0 ? ms + 86'400'000 : ms;
  const auto tod = codecs::TimeOfDay::Make(static_cast<int>(of_day / 3'600'000),
                                           static_cast<int>(of_day / 60'000 % 60),
                                           static_cast<int>(of_day / 1000 % 60));
  return {workflow::DutchDate(t), tod.value_or(codecs::TimeOfDay())};
}

std::string SkippedJson(const std::vector<workflow::OvergeslagenAgb>& skipped) {
  std::string out = "[";
  for (size_t i = 0; i < skipped.size(); ++i) {
    const auto& o = skipped[i];
    if (i) out += ',';
    out += "{\"agb\":" + JsonString(o.agb) +
           ",\"reden\":" + JsonString(workflow::OverslagRedenText(o.reden)) +
           ",\"netto_cent\":" + std::to_string(o.netto.value()) +
           ",\"aantal\":" + std::to_string(o.aantal) + "}";
  }
  return out + "]";
}

// Locks the batch row; nullopt when there is none.
std::optional<pqxx::row> LockBatch(pqxx::transaction_base& tx, int64_t batch_id) {
  const pqxx::result r = tx.exec_params(
      "SELECT status, msg_id, to_char(uitvoerdatum, 'YYYY-MM-DD'),"
      " to_char((created_at AT TIME ZONE 'Europe/Amsterdam')::date, 'YYYY-MM-DD'), pain001"
      " FROM betaalbatch WHERE id = $1 FOR UPDATE",
      batch_id);
  if (r.empty()) return std::nullopt;
  return r[0];
}

codecs::Error Unknown(int64_t batch_id) {
  return Refused("betaalbatch.onbekend", "geen betaalbatch " + std::to_string(batch_id),
                 Subject(batch_id));
}

codecs::Error WrongStatus(int64_t batch_id, const std::string& status, const char* wanted) {
  return Refused("betaalbatch.status",
                 "betaalbatch " + std::to_string(batch_id) + " is " + status + " (" + wanted + ")",
                 Subject(batch_id));
}

}  // namespace

BetaalbaarGesteld StelBetaalbaar(Connection& conn, const std::string& gemeente,
                                 const std::string& actor) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const pqxx::result rows = tx.exec_params(
        "SELECT id, toegekend_cent FROM declaratie"
        " WHERE status = 'verzonden' AND toegekend_cent IS NOT NULL"
        " AND ($1 = '' OR gemeente = $1) ORDER BY id FOR UPDATE",
        gemeente);
    BetaalbaarGesteld out;
    std::vector<int64_t> betaalbaar, afgewezen;
    for (const auto& row : rows) {
      const int64_t id = row[0].as<int64_t>();
      switch (workflow::BepaalBetaalbaarheid(Cents(row[1].as<int64_t>()))) {
        case workflow::Betaalbaarheid::kBetaalbaar:
          ++out.betaalbaar;
          betaalbaar.push_back(id);
          break;
        case workflow::Betaalbaarheid::kCredit:
          ++out.credits;
          betaalbaar.push_back(id);
          break;
        case workflow::Betaalbaarheid::kNietsTeBetalen:
          ++out.afgewezen;
          afgewezen.push_back(id);
          break;
      }
      out.ids.push_back(id);
    }
    if (out.ids.empty()) return out;
    tx.exec_params(
        "UPDATE declaratie SET status = 'betaalbaar', betaalbaar_op = now()"
        " WHERE id = ANY($1::bigint[])",
        IdArray(betaalbaar));
    tx.exec_params("UPDATE declaratie SET status = 'afgewezen' WHERE id = ANY($1::bigint[])",
                   IdArray(afgewezen));
    Audit(tx, actor, "betaling.betaalbaar",
          gemeente.empty() ? "gemeente/*" : "gemeente/" + gemeente, "{\"status\":\"verzonden\"}",
          "{\"betaalbaar\":" + JsonIds(betaalbaar) + ",\"afgewezen\":" + JsonIds(afgewezen) + "}");
    tx.commit();
    return out;
  });
}

codecs::Result<BatchAangemaakt> MaakBetaalbatch(Connection& conn, const NieuweBatch& b) {
  if (!codecs::IsGemeenteFormat(b.gemeente)) {
    return Refused("betaalbatch.gemeente", "gemeente moet 4 cijfers zijn: '" + b.gemeente + "'");
  }
  const Date vandaag = workflow::DutchDate(b.nu);
  if (b.uitvoerdatum < vandaag) {
    return Refused("betaalbatch.uitvoerdatum", "uitvoerdatum " + b.uitvoerdatum.ToString() +
                                                   " ligt voor vandaag (" + vandaag.ToString() +
                                                   ")");
  }
  return MapErrors([&]() -> codecs::Result<BatchAangemaakt> {
    pqxx::work tx(conn.impl().conn);
    // One batch at a time per gemeente: the second waits and then finds nothing left.
    tx.exec_params("SELECT pg_advisory_xact_lock(hashtext($1))", "sluis.betaalbatch." + b.gemeente);
    const pqxx::result rows = tx.exec_params(
        "SELECT id, agb, declaratienummer, toegekend_cent FROM declaratie"
        " WHERE gemeente = $1 AND status = 'betaalbaar' AND betaalbatch_id IS NULL"
        " AND toegekend_cent IS NOT NULL AND toegekend_cent <> 0 ORDER BY id FOR UPDATE",
        b.gemeente);
    std::vector<workflow::BetaalbareDeclaratie> decl;
    for (const auto& row : rows) {
      decl.push_back({row[0].as<int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(),
                      Cents(row[3].as<int64_t>())});
    }
    std::map<std::string, workflow::Begunstigde> aanbieders;
    for (const auto& row : tx.exec_params(
             "SELECT agb, naam, iban FROM aanbieder WHERE agb IN (SELECT agb FROM declaratie"
             " WHERE gemeente = $1 AND status = 'betaalbaar' AND betaalbatch_id IS NULL)",
             b.gemeente)) {
      aanbieders[row[0].as<std::string>()] = {row[1].as<std::string>(), row[2].as<std::string>()};
    }
    BatchAangemaakt out;
    out.voorstel = workflow::StelBatchSamen(decl, aanbieders);
    if (out.voorstel.regels.empty()) return out;  // nothing to transfer; nothing changed

    const int64_t id =
        tx.exec("SELECT nextval(pg_get_serial_sequence('betaalbatch', 'id'))")[0][0].as<int64_t>();
    out.batch_id = id;
    out.msg_id = "SLUIS-" + b.gemeente + "-" + Compact(vandaag) + "-" + std::to_string(id);
    std::vector<int64_t> all_ids;
    for (const auto& r : out.voorstel.regels) {
      all_ids.insert(all_ids.end(), r.declaratie_ids.begin(), r.declaratie_ids.end());
    }
    tx.exec_params(
        "INSERT INTO betaalbatch (id, gemeente, created_at, created_by, uitvoerdatum, msg_id,"
        " totaal_cent, aantal, aantal_declaraties)"
        " VALUES ($1, $2, $3::timestamptz, $4, $5::date, $6, $7, $8, $9)",
        id, b.gemeente, codecs::FormatXsDateTime(b.nu), b.actor, b.uitvoerdatum.ToString(),
        out.msg_id, out.voorstel.totaal.value(), static_cast<int>(out.voorstel.regels.size()),
        static_cast<int>(all_ids.size()));
    for (const auto& r : out.voorstel.regels) {
      const int64_t regel_id =
          tx.exec_params1(
                "INSERT INTO betaalregel (batch_id, agb, naam, iban, end_to_end_id, bedrag_cent,"
                " omschrijving) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                id, r.agb, r.naam, r.iban, "SLUIS-" + std::to_string(id) + "-" + r.agb,
                r.bedrag.value(), r.omschrijving)[0]
              .as<int64_t>();
      tx.exec_params(
          "INSERT INTO betaalregel_declaratie (betaalregel_id, declaratie_id, toegekend_cent)"
          " SELECT $1, id, toegekend_cent FROM declaratie WHERE id = ANY($2::bigint[])",
          regel_id, IdArray(r.declaratie_ids));
    }
    tx.exec_params("UPDATE declaratie SET betaalbatch_id = $1 WHERE id = ANY($2::bigint[])", id,
                   IdArray(all_ids));
    Audit(tx, b.actor, "betaalbatch.aangemaakt", Subject(id), "",
          "{\"msg_id\":" + JsonString(out.msg_id) + ",\"gemeente\":" + JsonString(b.gemeente) +
              ",\"uitvoerdatum\":\"" + b.uitvoerdatum.ToString() +
              "\",\"totaal_cent\":" + std::to_string(out.voorstel.totaal.value()) +
              ",\"overboekingen\":" + std::to_string(out.voorstel.regels.size()) +
              ",\"declaraties\":" + std::to_string(all_ids.size()) +
              ",\"overgeslagen\":" + SkippedJson(out.voorstel.overgeslagen) + "}");
    tx.commit();
    return out;
  });
}

codecs::Result<std::string> ExporteerBetaalbatch(Connection& conn, int64_t batch_id,
                                                 const Debiteur& debiteur,
                                                 const codecs::SchemaSet& schemas,
                                                 const std::string& actor, workflow::TimePoint nu) {
  return MapErrors([&]() -> codecs::Result<std::string> {
    pqxx::work tx(conn.impl().conn);
    const auto batch = LockBatch(tx, batch_id);
    if (!batch) return Unknown(batch_id);
    const std::string status = (*batch)[0].as<std::string>();
    if (status == "geannuleerd") return WrongStatus(batch_id, status, "niet meer te exporteren");
    if (!(*batch)[4].is_null()) return pqxx::binarystring((*batch)[4]).str();

    codecs::SepaPaymentFile f;
    f.message_id = (*batch)[1].as<std::string>();
    std::tie(f.creation_date, f.creation_time) = DutchLocal(nu);
    f.payment_info_id = f.message_id + "-1";
    f.requested_execution_date = DbDate((*batch)[2], Subject(batch_id));
    f.debtor_name = debiteur.naam;
    f.debtor_iban = debiteur.iban;
    f.debtor_bic = debiteur.bic;
    for (const auto& row : tx.exec_params(
             "SELECT end_to_end_id, bedrag_cent, naam, iban, omschrijving FROM betaalregel"
             " WHERE batch_id = $1 ORDER BY agb",
             batch_id)) {
      f.transfers.push_back({row[0].as<std::string>(), Cents(row[1].as<int64_t>()),
                             row[2].as<std::string>(), row[3].as<std::string>(), std::nullopt,
                             row[4].as<std::string>()});
    }
    auto xml = codecs::EncodePain001(f);
    if (!xml.ok()) return xml.error();
    const std::vector<codecs::Error> xsd = schemas.Validate(codecs::SchemaKind::kPain001, *xml);
    if (!xsd.empty()) {
      return codecs::MakeError(codecs::ErrorKind::kSchema, "XSD",
                               "pain.001 refused by its XSD (" + std::to_string(xsd.size()) +
                                   " errors): " + xsd.front().message,
                               xsd.front().location);
    }
    tx.exec_params(
        "UPDATE betaalbatch SET status = 'geexporteerd', pain001 = $2,"
        " geexporteerd_at = $3::timestamptz, geexporteerd_by = $4, debiteur_naam = $5,"
        " debiteur_iban = $6 WHERE id = $1",
        batch_id, pqxx::binarystring(*xml), codecs::FormatXsDateTime(nu), actor,
        codecs::SepaText(debiteur.naam, codecs::kSepaNameLength),
        codecs::NormalizeIban(debiteur.iban));
    tx.exec_params(
        "INSERT INTO audit_log (actor, action, subject, before, after)"
        " SELECT $2, 'betaalbatch.geexporteerd', $3, jsonb_build_object('status', $4::text),"
        " jsonb_build_object('status', status, 'msg_id', msg_id, 'debiteur_iban', debiteur_iban,"
        " 'sha256', encode(sha256(pain001), 'hex'), 'bytes', length(pain001))"
        " FROM betaalbatch WHERE id = $1",
        batch_id, actor, Subject(batch_id), status);
    tx.commit();
    return std::move(*xml);
  });
}

codecs::Status MarkeerBetaald(Connection& conn, int64_t batch_id, Date betaald_op,
                              const std::string& actor) {
  return MapErrors([&]() -> codecs::Status {
    pqxx::work tx(conn.impl().conn);
    const auto batch = LockBatch(tx, batch_id);
    if (!batch) return Unknown(batch_id);
    const std::string status = (*batch)[0].as<std::string>();
    if (status != "geexporteerd") return WrongStatus(batch_id, status, "eerst exporteren");
    const Date aangemaakt = DbDate((*batch)[3], Subject(batch_id));
    if (betaald_op < aangemaakt) {
      return Refused("betaalbatch.datum",
                     "betaald op " + betaald_op.ToString() + " ligt voor het aanmaken (" +
                         aangemaakt.ToString() + ")",
                     Subject(batch_id));
    }
    const pqxx::result upd = tx.exec_params(
        "UPDATE declaratie SET status = 'betaald',"
        " betaald_op = ($2::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'"
        " WHERE betaalbatch_id = $1 AND status = 'betaalbaar'",
        batch_id, betaald_op.ToString());
    tx.exec_params(
        "UPDATE betaalbatch SET status = 'betaald', betaald_op = $2::date, afgesloten_at = now(),"
        " afgesloten_by = $3 WHERE id = $1",
        batch_id, betaald_op.ToString(), actor);
    Audit(tx, actor, "betaalbatch.betaald", Subject(batch_id), "{\"status\":\"geexporteerd\"}",
          "{\"status\":\"betaald\",\"betaald_op\":\"" + betaald_op.ToString() +
              "\",\"declaraties\":" + std::to_string(upd.affected_rows()) + "}");
    tx.commit();
    return codecs::Status::Ok();
  });
}

codecs::Status AnnuleerBetaalbatch(Connection& conn, int64_t batch_id, const std::string& actor,
                                   const std::string& reden) {
  return MapErrors([&]() -> codecs::Status {
    pqxx::work tx(conn.impl().conn);
    const auto batch = LockBatch(tx, batch_id);
    if (!batch) return Unknown(batch_id);
    const std::string status = (*batch)[0].as<std::string>();
    if (status != "aangemaakt" && status != "geexporteerd") {
      return WrongStatus(batch_id, status, "alleen aangemaakt of geexporteerd");
    }
    const pqxx::result upd = tx.exec_params(
        "UPDATE declaratie SET betaalbatch_id = NULL"
        " WHERE betaalbatch_id = $1 AND status = 'betaalbaar'",
        batch_id);
    tx.exec_params(
        "UPDATE betaalbatch SET status = 'geannuleerd', afgesloten_at = now(),"
        " afgesloten_by = $2, annuleer_reden = NULLIF($3, '') WHERE id = $1",
        batch_id, actor, reden);
    Audit(tx, actor, "betaalbatch.geannuleerd", Subject(batch_id),
          "{\"status\":" + JsonString(status) + "}",
          "{\"status\":\"geannuleerd\",\"reden\":" + JsonString(reden) +
              ",\"declaraties\":" + std::to_string(upd.affected_rows()) + "}");
    tx.commit();
    return codecs::Status::Ok();
  });
}

std::optional<BetaalbatchInfo> LeesBetaalbatch(Connection& conn, int64_t batch_id) {
  return MapErrors([&]() -> std::optional<BetaalbatchInfo> {
    pqxx::read_transaction tx(conn.impl().conn);
    const pqxx::result r = tx.exec_params(
        "SELECT id, gemeente, msg_id, status, created_by, to_char(uitvoerdatum, 'YYYY-MM-DD'),"
        " totaal_cent, aantal, to_char(betaald_op, 'YYYY-MM-DD'), created_at::text,"
        " aantal_declaraties, geexporteerd_at::text, geexporteerd_by, debiteur_naam,"
        " debiteur_iban, coalesce(length(pain001), 0), afgesloten_at::text, afgesloten_by,"
        " annuleer_reden FROM betaalbatch WHERE id = $1",
        batch_id);
    if (r.empty()) return std::nullopt;
    BetaalbatchInfo info;
    info.id = r[0][0].as<int64_t>();
    info.gemeente = r[0][1].as<std::string>();
    info.msg_id = r[0][2].as<std::string>();
    info.status = r[0][3].as<std::string>();
    info.created_by = r[0][4].as<std::string>();
    info.uitvoerdatum = DbDate(r[0][5], Subject(batch_id));
    info.totaal = Cents(r[0][6].as<int64_t>());
    info.aantal = r[0][7].as<int>();
    if (!r[0][8].is_null()) info.betaald_op = DbDate(r[0][8], Subject(batch_id));
    info.created_at = r[0][9].as<std::string>();
    info.aantal_declaraties = r[0][10].as<int>();
    const auto text = [&](int col) {
      return r[0][col].is_null() ? std::nullopt : std::optional(r[0][col].as<std::string>());
    };
    info.geexporteerd_at = text(11);
    info.geexporteerd_by = text(12);
    info.debiteur_naam = text(13);
    info.debiteur_iban = text(14);
    info.pain001_bytes = r[0][15].as<int64_t>();
    info.afgesloten_at = text(16);
    info.afgesloten_by = text(17);
    info.annuleer_reden = text(18);
    for (const auto& row : tx.exec_params(
             "SELECT r.agb, r.naam, r.iban, r.end_to_end_id, r.omschrijving, r.bedrag_cent,"
             " array_to_string(array_agg(l.declaratie_id ORDER BY l.declaratie_id), ',')"
             " FROM betaalregel r JOIN betaalregel_declaratie l ON l.betaalregel_id = r.id"
             " WHERE r.batch_id = $1 GROUP BY r.id ORDER BY r.agb",
             batch_id)) {
      BetaalregelInfo regel{row[0].as<std::string>(),
                            row[1].as<std::string>(),
                            row[2].as<std::string>(),
                            row[3].as<std::string>(),
                            row[4].as<std::string>(),
                            Cents(row[5].as<int64_t>()),
                            {}};
      const std::string ids = row[6].as<std::string>();
      for (size_t p = 0; p < ids.size();) {
        const size_t q = std::min(ids.find(',', p), ids.size());
        regel.declaratie_ids.push_back(std::stoll(ids.substr(p, q - p)));
        p = q + 1;
      }
      info.regels.push_back(std::move(regel));
    }
    for (const auto& row : tx.exec_params(
             "SELECT d.domein, sum(l.toegekend_cent) FROM betaalregel r"
             " JOIN betaalregel_declaratie l ON l.betaalregel_id = r.id"
             " JOIN declaratie d ON d.id = l.declaratie_id WHERE r.batch_id = $1 GROUP BY 1",
             batch_id)) {
      info.per_domein[row[0].as<std::string>()] = Cents(row[1].as<int64_t>());
    }
    return info;
  });
}

std::optional<std::string> LeesPain001(Connection& conn, int64_t batch_id) {
  return MapErrors([&]() -> std::optional<std::string> {
    pqxx::read_transaction tx(conn.impl().conn);
    const pqxx::result r = tx.exec_params(
        "SELECT pain001 FROM betaalbatch WHERE id = $1 AND pain001 IS NOT NULL", batch_id);
    if (r.empty()) return std::nullopt;
    return pqxx::binarystring(r[0][0]).str();
  });
}

}  // namespace sluis::db
