// The web UI's tables: werkvoorraad, berichten, beheer, and the generic result conversion.
#include "sluis/db/ui_views.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "connection_impl.h"
#include "declaratie_termijnen.h"
#include "sql_util.h"
#include "ui_table.h"

namespace sluis::db {

using internal::PagingSql;
using internal::Params;
using internal::ToTable;

int Table::Column(const std::string& name) const {
  const auto it = std::find(columns.begin(), columns.end(), name);
  return it == columns.end() ? -1 : static_cast<int>(it - columns.begin());
}

namespace internal {

Table ToTable(const pqxx::result& r) {
  Table t;
  const int n = static_cast<int>(r.columns());
  int total_col = -1;
  for (int i = 0; i < n; ++i) {
    const std::string name = r.column_name(i);
    if (name == "_total") {
      total_col = i;
      continue;
    }
    t.columns.push_back(name);
    switch (r.column_type(i)) {
      case 16:
        t.kinds.push_back(Table::Kind::kBool);
        break;
      case 20:
      case 21:
      case 23:
      case 700:
      case 701:
      case 1700:
        t.kinds.push_back(Table::Kind::kNumber);
        break;
      case 114:
      case 3802:
        t.kinds.push_back(Table::Kind::kJson);
        break;
      default:
        t.kinds.push_back(Table::Kind::kText);
    }
  }
  for (const auto& row : r) {
    std::vector<std::optional<std::string>> out;
    out.reserve(t.columns.size());
    for (int i = 0; i < n; ++i) {
      if (i == total_col) continue;
      if (row[i].is_null()) {
        out.emplace_back();
      } else {
        out.emplace_back(row[i].c_str());
      }
    }
    t.rows.push_back(std::move(out));
  }
  if (total_col >= 0) {
    t.total = r.empty() ? 0 : r[0][total_col].as<int64_t>();
  } else {
    t.total = static_cast<int64_t>(t.rows.size());
  }
  return t;
}

std::string PagingSql(const Paging& p) {
  const int64_t limit = std::clamp<int64_t>(p.limit, 1, 1000);
  const int64_t offset = std::max<int64_t>(p.offset, 0);
  return " LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset);
}

}  // namespace internal

namespace {

// The declaratie's columns, and how many days are left until each deadline still running on
// `peildatum` (negative: overdue; null: met), as the deadline sweep (db/deadlines.h) sees it.
std::string DeclaratieSelect(Params& p, codecs::Date peildatum) {
  const std::string dag = p.Text(peildatum.ToString()) + "::date";
  return std::string(
             "SELECT d.id, d.gemeente, d.domein, d.agb, a.naam AS aanbieder, d.identificatie,"
             " d.declaratienummer, d.periode_begin::text, d.periode_eind::text, d.ingediend_cent,"
             " d.toegekend_cent, d.status, d.ontvangen_op::text, d.antwoord_uiterlijk::text,"
             " d.betalen_uiterlijk::text, d.review_reden, d.review_door, d.aantal_goedgekeurd,"
             " d.aantal_afgekeurd, d.aantal_niet_beoordeeld,"
             " to_json(d.afgewezen_codes) AS afgewezen_codes, d.bericht_id, d.antwoord_bericht_id,"
             " CASE WHEN ") +
         internal::kAntwoordTermijnLoopt + " THEN d.antwoord_uiterlijk - " + dag +
         " END AS antwoord_dagen_over, CASE WHEN " + internal::kBetaalTermijnLoopt +
         " THEN d.betalen_uiterlijk - " + dag +
         " END AS betalen_dagen_over, d.betaalbatch_id, b.status AS betaalbatch_status,"
         " b.uitvoerdatum::text AS betaalbatch_uitvoerdatum,"
         " (d.betaald_op AT TIME ZONE 'Europe/Amsterdam')::date::text AS betaald_op"
         " FROM declaratie d LEFT JOIN aanbieder a ON a.agb = d.agb"
         " LEFT JOIN betaalbatch b ON b.id = d.betaalbatch_id";
}

}  // namespace

Table ListDeclaraties(Connection& conn, const DeclaratieFilter& f, const Paging& pg) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    Params p;
    std::string where = " WHERE true";
    if (f.status == "open") {
      where += " AND d.status NOT IN ('betaald', 'afgewezen')";
    } else if (!f.status.empty()) {
      where += " AND d.status = " + p.Text(f.status);
    }
    if (!f.gemeente.empty()) where += " AND d.gemeente = " + p.Text(f.gemeente);
    if (!f.agb.empty()) where += " AND d.agb = " + p.Text(f.agb);
    if (!f.declaratienummer.empty()) {
      where += " AND d.declaratienummer = " + p.Text(f.declaratienummer);
    }
    if (!f.bsn.empty()) {
      where += " AND EXISTS (SELECT 1 FROM prestatie x WHERE x.declaratie_id = d.id AND x.bsn = " +
               p.Text(f.bsn) + ")";
    }
    if (!f.toewijzingnummer.empty()) {
      where +=
          " AND EXISTS (SELECT 1 FROM prestatie x WHERE x.declaratie_id = d.id AND"
          " x.toewijzing_nummer::text = " +
          p.Text(f.toewijzingnummer) + ")";
    }
    if (f.antwoord_voor) {
      where += " AND d.antwoord_uiterlijk <= " + p.Text(f.antwoord_voor->ToString()) + "::date";
    }
    const std::string select = DeclaratieSelect(p, f.peildatum);
    return ToTable(p.Exec(tx, "SELECT *, count(*) OVER () AS _total FROM (" + select + where +
                                  ") d ORDER BY d.antwoord_uiterlijk, d.id" + PagingSql(pg)));
  });
}

Table LoadDeclaratie(Connection& conn, int64_t id, codecs::Date peildatum) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    Params p;
    const std::string select = DeclaratieSelect(p, peildatum);
    return ToTable(p.Exec(tx, select + " WHERE d.id = " + p.Int(id)));
  });
}

Table LoadPrestaties(Connection& conn, int64_t declaratie_id) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec_params(
        "SELECT p.positie, p.referentienummer, p.vorig_referentienummer, p.bsn,"
        " p.toewijzing_nummer, p.categorie, p.code, p.periode_begin::text, p.periode_eind::text,"
        " p.volume, p.eenheid, p.tarief_cent, p.bedrag_cent, p.debet_credit, p.status,"
        " to_json(p.retourcodes) AS retourcodes,"
        " to_json(p.client_retourcodes) AS client_retourcodes"
        " FROM prestatie p WHERE p.declaratie_id = $1 ORDER BY p.positie",
        declaratie_id));
  });
}

Table ListHolds(Connection& conn) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(
        tx.exec("SELECT r.id, r.gemeente, r.agb, a.naam AS aanbieder, r.reden, r.created_by,"
                " r.created_at::text FROM review_regel r LEFT JOIN aanbieder a ON a.agb = r.agb"
                " WHERE r.actief ORDER BY r.id"));
  });
}

int64_t CreateHold(Connection& conn, const std::string& gemeente, const std::string& agb,
                   const std::string& reden, const std::string& actor) {
  return MapErrors([&] {
    if (agb.size() != 8 || !std::all_of(agb.begin(), agb.end(), ::isdigit)) {
      throw RefusedError("AGB-code moet 8 cijfers zijn");
    }
    if (reden.empty()) throw RefusedError("geef een reden op");
    pqxx::work tx(conn.impl().conn);
    const int64_t id = tx.exec_params1(
                             "INSERT INTO review_regel (gemeente, agb, reden, created_by)"
                             " VALUES ($1, $2, $3, $4) RETURNING id",
                             gemeente, agb, reden, actor)[0]
                           .as<int64_t>();
    const nlohmann::json after = {
        {"id", id}, {"gemeente", gemeente}, {"agb", agb}, {"reden", reden}};
    tx.exec_params(
        "INSERT INTO audit_log (actor, action, subject, after)"
        " VALUES ($1, 'declaratie.vastgehouden', $2, $3::jsonb)",
        actor, "aanbieder/" + agb, after.dump());
    tx.commit();
    return id;
  });
}

void EndHold(Connection& conn, int64_t id, const std::string& actor) {
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const pqxx::result r = tx.exec_params(
        "UPDATE review_regel SET actief = false WHERE id = $1 AND actief"
        " RETURNING agb, gemeente, reden",
        id);
    if (r.empty()) throw RefusedError("vasthouden " + std::to_string(id) + " is niet actief");
    const nlohmann::json before = {{"id", id},
                                   {"agb", r[0][0].c_str()},
                                   {"gemeente", r[0][1].c_str()},
                                   {"reden", r[0][2].c_str()},
                                   {"actief", true}};
    tx.exec_params(
        "INSERT INTO audit_log (actor, action, subject, before, after)"
        " VALUES ($1, 'declaratie.vasthouden_beeindigd', $2, $3::jsonb, '{\"actief\":false}')",
        actor, "aanbieder/" + std::string(r[0][0].c_str()), before.dump());
    tx.commit();
  });
}

namespace {

constexpr char kBerichtColumns[] =
    "b.id, b.direction, b.domein, b.berichttype, b.gemeente, b.agb, b.identificatie,"
    " b.dagtekening::text, b.state, b.error, b.stuf_referentienummer, b.answers_bericht_id,"
    " b.created_at::text, b.processed_at::text, octet_length(b.payload) AS bytes";

}  // namespace

Table FindBerichten(Connection& conn, const BerichtFilter& f, const Paging& pg) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    Params p;
    std::string where = " WHERE true";
    if (!f.q.empty()) {
      const std::string v = p.Text(f.q);
      where += " AND (b.identificatie = " + v + " OR b.stuf_referentienummer = " + v +
               " OR b.ebms_received_id IN (SELECT id FROM ebms_received WHERE message_id = " + v +
               ") OR b.id IN (SELECT bericht_id FROM ebms_outbox WHERE message_id = " + v + "))";
    }
    if (!f.direction.empty()) where += " AND b.direction = " + p.Text(f.direction);
    if (!f.state.empty()) where += " AND b.state = " + p.Text(f.state);
    if (f.berichttype) where += " AND b.berichttype = " + p.Int(*f.berichttype) + "::smallint";
    if (!f.agb.empty()) where += " AND b.agb = " + p.Text(f.agb);
    return ToTable(p.Exec(tx, std::string("SELECT ") + kBerichtColumns +
                                  ", count(*) OVER () AS _total FROM bericht b" + where +
                                  " ORDER BY b.id DESC" + PagingSql(pg)));
  });
}

Table LoadBerichtRow(Connection& conn, int64_t id) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec_params(
        std::string("SELECT ") + kBerichtColumns +
            ", r.message_id AS ebms_message_id_in,"
            " (SELECT to_json(array_agg(o.message_id ORDER BY o.id)) FROM ebms_outbox o"
            "   WHERE o.bericht_id = b.id) AS ebms_message_ids_uit,"
            " b.xsd_errors, b.level2_violations"
            " FROM bericht b LEFT JOIN ebms_received r ON r.id = b.ebms_received_id"
            " WHERE b.id = $1",
        id));
  });
}

Table RelatedBerichten(Connection& conn, int64_t id) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec_params(
        std::string("SELECT CASE WHEN b.id = (SELECT answers_bericht_id FROM bericht WHERE id = "
                    "$1) THEN 'beantwoordt' ELSE 'antwoord' END AS relatie, ") +
            kBerichtColumns +
            " FROM bericht b WHERE b.answers_bericht_id = $1"
            " OR b.id = (SELECT answers_bericht_id FROM bericht WHERE id = $1) ORDER BY b.id",
        id));
  });
}

Table BerichtFo01s(Connection& conn, int64_t id) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(
        tx.exec_params("SELECT f.id, f.direction, f.code, f.plek, f.omschrijving, f.details,"
                       " f.created_at::text, o.message_id AS ebms_message_id, o.state AS verzending"
                       " FROM stuf_fo01 f LEFT JOIN ebms_outbox o ON o.id = f.ebms_outbox_id"
                       " WHERE f.bericht_id = $1 ORDER BY f.id",
                       id));
  });
}

std::optional<std::string> LoadBerichtPayload(Connection& conn, int64_t id) {
  return MapErrors([&]() -> std::optional<std::string> {
    pqxx::read_transaction tx(conn.impl().conn);
    const pqxx::result r = tx.exec_params("SELECT payload FROM bericht WHERE id = $1", id);
    if (r.empty()) return std::nullopt;
    return internal::BytesOf(r[0][0]);
  });
}

Table ListAudit(Connection& conn, const std::string& actor, const std::string& action,
                const Paging& pg) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    Params p;
    std::string where = " WHERE true";
    if (!actor.empty()) where += " AND actor = " + p.Text(actor);
    if (!action.empty()) where += " AND action = " + p.Text(action);
    return ToTable(p.Exec(tx,
                          "SELECT id, at::text, actor, action, subject, before, after,"
                          " count(*) OVER () AS _total FROM audit_log" +
                              where + " ORDER BY id DESC" + PagingSql(pg)));
  });
}

}  // namespace sluis::db
