// The account managers' figures per aanbieder: start/stop timeliness, declared volume and
// spend per product with a sudden-rise signal, what is still open, and what was paid.
#include "sluis/db/ui_views.h"

#include "connection_impl.h"
#include "ui_table.h"

namespace sluis::db {

using internal::PagingSql;
using internal::ToTable;

Table TijdigheidPerMaand(Connection& conn, const std::string& agb) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    // The filter of TijdigheidPerAanbieder: a deletion (StatusAanlevering 3) is not counted.
    return ToTable(tx.exec_params(
        "SELECT to_char(ontvangen_dag, 'YYYY-MM') AS maand,"
        " count(*) FILTER (WHERE berichttype = 305) AS starts,"
        " count(*) FILTER (WHERE berichttype = 305 AND tijdig) AS starts_tijdig,"
        " count(*) FILTER (WHERE berichttype = 307) AS stops,"
        " count(*) FILTER (WHERE berichttype = 307 AND tijdig) AS stops_tijdig,"
        " round(100.0 * count(*) FILTER (WHERE berichttype = 305 AND tijdig)"
        "   / NULLIF(count(*) FILTER (WHERE berichttype = 305), 0), 1)::float8 AS starts_pct,"
        " round(100.0 * count(*) FILTER (WHERE berichttype = 307 AND tijdig)"
        "   / NULLIF(count(*) FILTER (WHERE berichttype = 307), 0), 1)::float8 AS stops_pct"
        " FROM regie_melding WHERE agb = $1 AND status_aanlevering <> '3'"
        " GROUP BY 1 ORDER BY 1",
        agb));
  });
}

Table VolumePerProduct(Connection& conn, const std::string& agb) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec_params(
        "WITH m AS (SELECT p.categorie, p.code, date_trunc('month', p.periode_begin)::date AS m,"
        "   sum(CASE p.debet_credit WHEN 'C' THEN -p.volume ELSE p.volume END) AS volume,"
        "   min(p.eenheid) AS eenheid,"
        "   sum(CASE p.debet_credit WHEN 'C' THEN -p.bedrag_cent ELSE p.bedrag_cent END)"
        "     AS bedrag_cent,"
        "   sum(CASE WHEN p.status <> 'goedgekeurd' THEN 0 WHEN p.debet_credit = 'C'"
        "     THEN -p.bedrag_cent ELSE p.bedrag_cent END) AS goedgekeurd_cent,"
        "   count(*) AS prestaties"
        "   FROM prestatie p WHERE p.agb = $1 GROUP BY 1, 2, 3),"
        " w AS (SELECT m.*, avg(bedrag_cent) OVER (PARTITION BY categorie, code ORDER BY m"
        "   RANGE BETWEEN '3 months' PRECEDING AND '1 month' PRECEDING) AS eerder_gem FROM m)"
        " SELECT to_char(m, 'YYYY-MM') AS maand, categorie, code, volume, eenheid,"
        " bedrag_cent, goedgekeurd_cent, prestaties,"
        " round(eerder_gem)::bigint AS gemiddeld_eerder_cent,"
        " COALESCE(bedrag_cent > $2::float8 * eerder_gem AND eerder_gem > 0, false) AS stijging"
        " FROM w ORDER BY m, categorie, code",
        agb, kStijgingFactor));
  });
}

Table OpenstaandBijAanbieder(Connection& conn, const std::string& agb) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec_params(
        "SELECT 'declaraties' AS soort, count(*) AS aantal,"
        " sum(COALESCE(toegekend_cent, ingediend_cent))::bigint AS bedrag_cent,"
        " min(ontvangen_op)::text AS oudste"
        " FROM declaratie WHERE agb = $1 AND status NOT IN ('betaald', 'afgewezen')"
        " UNION ALL SELECT 'verzoeken', count(*), NULL, min(ontvangen_op)::text FROM verzoek"
        " WHERE agb = $1 AND status IN ('open', 'in_onderzoek')"
        " UNION ALL SELECT 'wacht_op_retour', count(*), NULL, min(b.created_at)::text"
        " FROM bericht b WHERE b.agb = $1 AND b.direction = 'out' AND b.berichttype IN (301, 319)"
        " AND b.state <> 'dead' AND NOT EXISTS (SELECT 1 FROM bericht r WHERE r.answers_bericht_id "
        "= b.id"
        "   AND r.direction = 'in')",
        agb));
  });
}

Table AanbiederGegevens(Connection& conn, const std::string& agb) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec_params(
        "SELECT agb, naam, iban, betaaltermijn_dagen FROM aanbieder WHERE agb = $1", agb));
  });
}

Table BetalingenAanAanbieder(Connection& conn, const std::string& agb, const Paging& p) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ToTable(tx.exec_params(
        "SELECT b.id AS batch_id, b.gemeente, b.status, b.uitvoerdatum::text, b.betaald_op::text,"
        " r.bedrag_cent, (SELECT count(*) FROM betaalregel_declaratie l"
        "   WHERE l.betaalregel_id = r.id) AS declaraties,"
        " r.omschrijving, r.end_to_end_id, r.iban, count(*) OVER () AS _total"
        " FROM betaalregel r JOIN betaalbatch b ON b.id = r.batch_id WHERE r.agb = $1"
        " ORDER BY b.id DESC" +
            PagingSql(p),
        agb));
  });
}

}  // namespace sluis::db
