// The web UI's view of the regie work queue (verzoeken om toewijzing/wijziging, 315/317).
#include <map>

#include <nlohmann/json.hpp>

#include "sluis/codecs/payload.h"
#include "sluis/db/ui_views.h"

#include "connection_impl.h"
#include "pg_array.h"
#include "sql_util.h"
#include "ui_table.h"

namespace sluis::db {

using internal::PagingSql;
using internal::Params;
using internal::ToTable;

namespace {

// The deadline that applies: besluit_uiterlijk while open, onderzoek_uiterlijk in onderzoek.
constexpr char kUiterlijk[] =
    "(CASE WHEN v.status = 'in_onderzoek' THEN v.onderzoek_uiterlijk ELSE v.besluit_uiterlijk"
    " END)";

std::string VerzoekSelect(Params& p, codecs::Date peildatum) {
  return std::string(
             "SELECT v.id, v.gemeente, v.domein, v.agb, a.naam AS aanbieder, v.berichttype,"
             " v.positie, v.referentie_aanbieder, v.bsn, b.identificatie,"
             " v.dagtekening::text AS dagtekening, v.ontvangen_op::text AS ontvangen_op,"
             " v.status, ") +
         kUiterlijk + "::text AS uiterlijk, (" + kUiterlijk + " - " + p.Text(peildatum.ToString()) +
         "::date) AS dagen_over, v.besluit_uiterlijk::text AS besluit_uiterlijk,"
         " v.onderzoek_uiterlijk::text AS onderzoek_uiterlijk, v.reden_afwijzing, v.bericht_id,"
         " v.besluit_bericht_id, bb.berichttype AS besluit_berichttype, v.onderzoek_bericht_id,"
         " v.besloten_door, v.besloten_op::text AS besloten_op"
         " FROM verzoek v JOIN bericht b ON b.id = v.bericht_id"
         " LEFT JOIN aanbieder a ON a.agb = v.agb"
         " LEFT JOIN bericht bb ON bb.id = v.besluit_bericht_id";
}

nlohmann::json OptDate(const std::optional<codecs::Date>& d) {
  return d ? nlohmann::json(d->ToString()) : nlohmann::json(nullptr);
}

void AddOmvang(nlohmann::json& j, const std::optional<codecs::Omvang>& o) {
  j["volume"] = o ? nlohmann::json(o->volume) : nlohmann::json(nullptr);
  j["eenheid"] = o ? nlohmann::json(o->eenheid) : nlohmann::json(nullptr);
  j["frequentie"] = o ? nlohmann::json(o->frequentie) : nlohmann::json(nullptr);
}

void AddProduct(nlohmann::json& j, const std::optional<codecs::Product>& p) {
  j["categorie"] = p ? nlohmann::json(p->categorie) : nlohmann::json(nullptr);
  j["code"] = p && p->code ? nlohmann::json(*p->code) : nlohmann::json(nullptr);
}

nlohmann::json Budget(const std::optional<codecs::Cents>& c) {
  return c ? nlohmann::json(c->value()) : nlohmann::json(nullptr);
}

// What the verzoek at `positie` of this stored 315/317 asks for.
nlohmann::json Producten(const codecs::Bericht& b, int positie) {
  nlohmann::json out = nlohmann::json::array();
  if (const auto* v = std::get_if<codecs::Bericht315>(&b)) {
    const auto& lijst = v->client.aangevraagde_producten;
    if (positie < 0 || static_cast<size_t>(positie) >= lijst.size()) return out;
    const codecs::AangevraagdProduct& p = lijst[static_cast<size_t>(positie)];
    nlohmann::json j = {{"soort", "aangevraagd"},
                        {"toewijzing_nummer", nullptr},
                        {"ingangsdatum", p.toewijzing_ingangsdatum.ToString()},
                        {"einddatum", OptDate(p.toewijzing_einddatum)},
                        {"budget_cent", Budget(p.budget)}};
    AddProduct(j, p.product);
    AddOmvang(j, p.omvang);
    out.push_back(std::move(j));
  } else if (const auto* w = std::get_if<codecs::Bericht317>(&b)) {
    for (const auto& p : w->client.verzoek.te_wijzigen_producten) {
      nlohmann::json j = {{"soort", "te_wijzigen"},
                          {"categorie", nullptr},
                          {"code", nullptr},
                          {"toewijzing_nummer", p.toewijzing_nummer.value()},
                          {"ingangsdatum", p.gewenste_ingangsdatum.ToString()},
                          {"einddatum", OptDate(p.einddatum)},
                          {"budget_cent", Budget(p.budget)}};
      AddOmvang(j, p.omvang);
      out.push_back(std::move(j));
    }
    for (const auto& p : w->client.verzoek.nieuwe_producten) {
      nlohmann::json j = {{"soort", "nieuw"},
                          {"toewijzing_nummer", nullptr},
                          {"ingangsdatum", p.gewenste_ingangsdatum.ToString()},
                          {"einddatum", OptDate(p.einddatum)},
                          {"budget_cent", Budget(p.budget)}};
      AddProduct(j, p.product);
      AddOmvang(j, p.omvang);
      out.push_back(std::move(j));
    }
  }
  return out;
}

// Appends the "producten" column, reading each stored 315/317 once. A payload that no longer
// parses (it did when it was accepted) gives an empty list rather than hiding the verzoek.
void AddProducten(pqxx::transaction_base& tx, Table& t) {
  const int bericht_col = t.Column("bericht_id");
  const int positie_col = t.Column("positie");
  internal::ArrayLiteral ids;
  for (const auto& row : t.rows) ids.Add(*row[static_cast<size_t>(bericht_col)]);
  std::map<std::string, std::optional<codecs::Bericht>> parsed;
  if (ids.size() > 0) {
    const pqxx::result r = tx.exec_params(
        "SELECT id, payload FROM bericht WHERE id IN (SELECT unnest($1::bigint[]))", ids.Take());
    for (const auto& row : r) {
      auto b = codecs::ParseBericht(internal::BytesOf(row[1]));
      parsed[row[0].c_str()] = b ? std::optional<codecs::Bericht>(std::move(*b)) : std::nullopt;
    }
  }
  t.columns.push_back("producten");
  t.kinds.push_back(Table::Kind::kJson);
  for (auto& row : t.rows) {
    const auto it = parsed.find(*row[static_cast<size_t>(bericht_col)]);
    const int positie = std::stoi(*row[static_cast<size_t>(positie_col)]);
    row.emplace_back(it != parsed.end() && it->second ? Producten(*it->second, positie).dump()
                                                      : std::string("[]"));
  }
}

}  // namespace

Table ListVerzoeken(Connection& conn, const VerzoekFilter& f, const Paging& pg) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    Params p;
    std::string sql = VerzoekSelect(p, f.peildatum) + " WHERE true";
    if (f.status == "open") {
      sql += " AND v.status IN ('open', 'in_onderzoek')";
    } else if (!f.status.empty()) {
      sql += " AND v.status = " + p.Text(f.status);
    }
    if (!f.gemeente.empty()) sql += " AND v.gemeente = " + p.Text(f.gemeente);
    if (!f.agb.empty()) sql += " AND v.agb = " + p.Text(f.agb);
    if (!f.bsn.empty()) sql += " AND v.bsn = " + p.Text(f.bsn);
    // count(*) OVER () needs the select list: wrap it.
    Table t = ToTable(p.Exec(
        tx, "SELECT q.*, count(*) OVER () AS _total FROM (" + sql +
                ") q ORDER BY (q.status IN ('open', 'in_onderzoek')) DESC, q.uiterlijk, q.id" +
                PagingSql(pg)));
    AddProducten(tx, t);
    return t;
  });
}

Table LoadVerzoekRow(Connection& conn, int64_t id, codecs::Date peildatum) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    Params p;
    const std::string sql = VerzoekSelect(p, peildatum) + " WHERE v.id = " + p.Int(id);
    Table t = ToTable(p.Exec(tx, sql));
    AddProducten(tx, t);
    return t;
  });
}

Table VerzoekBerichten(Connection& conn, int64_t id) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    Params p;
    const std::string v = p.Int(id);
    // The 301/319 sent on this verzoek: the decision, the "in onderzoek" 319 and every 319
    // recorded in verzoek_antwoord.
    const std::string antwoorden =
        "SELECT besluit_bericht_id FROM verzoek WHERE id = " + v +
        " UNION SELECT onderzoek_bericht_id FROM verzoek WHERE id = " + v +
        " UNION SELECT bericht_id FROM verzoek_antwoord WHERE verzoek_id = " + v;
    return ToTable(p.Exec(
        tx,
        "SELECT b.id, b.direction, b.domein, b.berichttype, b.identificatie,"
        " b.dagtekening::text AS dagtekening, b.state, b.created_at::text AS created_at,"
        " (CASE WHEN b.id IN (" +
            antwoorden +
            ") THEN 'antwoord' WHEN b.answers_bericht_id IS NOT NULL AND b.direction = 'out'"
            " THEN 'retour' ELSE 'retour_op_antwoord' END) AS relatie,"
            " o.message_id AS ebms_message_id, o.state AS outbox_state"
            " FROM bericht b LEFT JOIN LATERAL (SELECT message_id, state FROM ebms_outbox"
            " WHERE bericht_id = b.id ORDER BY id DESC LIMIT 1) o ON true"
            " WHERE b.id IN (" +
            antwoorden + ") OR b.answers_bericht_id = (SELECT bericht_id FROM verzoek WHERE id = " +
            v + ") OR b.answers_bericht_id IN (" + antwoorden + ") ORDER BY b.id"));
  });
}

}  // namespace sluis::db
