// The rate table and the payment backlog with its exposure (migration 0013).
#include <algorithm>
#include <map>

#include "sluis/db/betaling.h"
#include "sluis/workflow/clock.h"

#include "betaling_internal.h"
#include "connection_impl.h"
#include "messaging_sql.h"

namespace sluis::db {
namespace {

using namespace betaling_internal;

workflow::RenteTabel ReadTable(pqxx::transaction_base& tx) {
  workflow::RenteTabel t;
  for (const auto& row :
       tx.exec("SELECT to_char(ingangsdatum, 'YYYY-MM-DD'), round(percentage * 100)::integer"
               " FROM handelsrente ORDER BY ingangsdatum")) {
    t.push_back({DbDate(row[0], "handelsrente"), row[1].as<int32_t>()});
  }
  return t;
}

// The table as JSON: [{"ingangsdatum":"2025-01-01","percentage":"11.15"}, ...].
std::string TableJson(const workflow::RenteTabel& t) {
  std::string out = "[";
  for (size_t i = 0; i < t.size(); ++i) {
    if (i) out += ',';
    out += "{\"ingangsdatum\":\"" + t[i].ingangsdatum.ToString() + "\",\"percentage\":\"" +
           workflow::FormatPercentage(t[i].honderdste_procent) + "\"}";
  }
  return out + "]";
}

}  // namespace

workflow::RenteTabel LeesHandelsrente(Connection& conn) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    return ReadTable(tx);
  });
}

codecs::Status LaadHandelsrente(Connection& conn, const workflow::RenteTabel& tabel,
                                const std::string& actor, const std::string& bestand,
                                const std::string& sha256) {
  if (tabel.empty()) return Refused("handelsrente", "geen rentepercentages");
  for (size_t i = 0; i < tabel.size(); ++i) {
    if (tabel[i].honderdste_procent < 0 || tabel[i].honderdste_procent >= 10000 ||
        (i > 0 && !(tabel[i - 1].ingangsdatum < tabel[i].ingangsdatum))) {
      return Refused("handelsrente", "rij " + std::to_string(i + 1) +
                                         ": percentage 0..99.99, ingangsdatum oplopend");
    }
  }
  return MapErrors([&]() -> codecs::Status {
    pqxx::work tx(conn.impl().conn);
    tx.exec("LOCK TABLE handelsrente IN EXCLUSIVE MODE");
    const workflow::RenteTabel oud = ReadTable(tx);
    tx.exec("DELETE FROM handelsrente");
    for (const auto& r : tabel) {
      tx.exec_params(
          "INSERT INTO handelsrente (ingangsdatum, percentage) VALUES ($1::date, $2::numeric)",
          r.ingangsdatum.ToString(), workflow::FormatPercentage(r.honderdste_procent));
    }
    tx.exec_params(
        "INSERT INTO reference_import (kind, file_name, sha256, rows, imported_by)"
        " VALUES ('handelsrente', $1, $2, $3, $4)",
        bestand, sha256, static_cast<int>(tabel.size()), actor);
    Audit(tx, actor, "handelsrente.geladen", "handelsrente", TableJson(oud), TableJson(tabel));
    tx.commit();
    return codecs::Status::Ok();
  });
}

codecs::Status ZetRentevoet(Connection& conn, codecs::Date ingangsdatum,
                            std::optional<int32_t> honderdste_procent, const std::string& actor) {
  if (honderdste_procent && (*honderdste_procent < 0 || *honderdste_procent >= 10000)) {
    return Refused("handelsrente", "percentage: verwacht 0 tot 100 met hooguit 2 decimalen");
  }
  return MapErrors([&]() -> codecs::Status {
    pqxx::work tx(conn.impl().conn);
    tx.exec("LOCK TABLE handelsrente IN EXCLUSIVE MODE");
    const workflow::RenteTabel oud = ReadTable(tx);
    const std::string datum = ingangsdatum.ToString();
    const bool bestaat = std::any_of(oud.begin(), oud.end(), [&](const workflow::Handelsrente& r) {
      return r.ingangsdatum == ingangsdatum;
    });
    if (honderdste_procent) {
      tx.exec_params(
          "INSERT INTO handelsrente (ingangsdatum, percentage) VALUES ($1::date, $2::numeric)"
          " ON CONFLICT (ingangsdatum) DO UPDATE SET percentage = EXCLUDED.percentage",
          datum, workflow::FormatPercentage(*honderdste_procent));
    } else if (!bestaat) {
      return Refused("handelsrente.onbekend", "geen rentepercentage per " + datum);
    } else if (oud.size() == 1) {
      return Refused("handelsrente", "het laatste rentepercentage blijft staan");
    } else if (oud.back().ingangsdatum != ingangsdatum) {
      return Refused("handelsrente",
                     "alleen het nieuwste percentage kan weg; een ouder percentage wordt "
                     "gecorrigeerd, niet verwijderd");
    } else {
      tx.exec_params("DELETE FROM handelsrente WHERE ingangsdatum = $1::date", datum);
    }
    Audit(tx, actor, "handelsrente.gewijzigd", "handelsrente/" + datum, TableJson(oud),
          TableJson(ReadTable(tx)));
    tx.commit();
    return codecs::Status::Ok();
  });
}

std::optional<Date> SweepHandelsrente(Connection& conn, workflow::TimePoint now) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const auto ontbreekt = workflow::OntbrekendeRentevoet(ReadTable(tx), workflow::DutchDate(now));
    const std::string key = ontbreekt ? "handelsrente:" + ontbreekt->ToString() : "";
    tx.exec_params(
        "UPDATE alert SET resolved_at = $1::timestamptz"
        " WHERE kind = $3 AND resolved_at IS NULL AND condition_key <> $2",
        codecs::FormatXsDateTime(now), key, kHandelsrenteAlertKind);
    if (ontbreekt &&
        tx.exec_params("SELECT 1 FROM alert WHERE condition_key = $1 AND resolved_at IS NULL", key)
            .empty()) {
      internal::RaiseAlertIn(
          tx,
          {key, kHandelsrenteAlertKind, "warning", "handelsrente",
           "Het percentage wettelijke handelsrente per " + ontbreekt->ToString() +
               " ontbreekt: te laat betalen wordt met het vorige percentage berekend. Beheer vult"
               " het aan (Beheer, Wettelijke handelsrente)."},
          now);
    }
    tx.commit();
    return ontbreekt;
  });
}

BetaalBacklog LeesBetaalBacklog(Connection& conn, Date peildatum, const std::string& gemeente,
                                const workflow::TeLaatBeleid& beleid) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    const workflow::RenteTabel tabel = ReadTable(tx);
    const pqxx::result rows = tx.exec_params(
        "SELECT d.id, d.gemeente, d.agb, coalesce(a.naam, ''), d.declaratienummer, d.status,"
        " d.toegekend_cent,"
        " to_char((d.ontvangen_op AT TIME ZONE 'Europe/Amsterdam')::date, 'YYYY-MM-DD'),"
        " to_char(d.betalen_uiterlijk, 'YYYY-MM-DD'), d.betaalbatch_id,"
        " to_char(b.uitvoerdatum, 'YYYY-MM-DD')"
        " FROM declaratie d"
        " LEFT JOIN aanbieder a ON a.agb = d.agb"
        " LEFT JOIN betaalbatch b ON b.id = d.betaalbatch_id"
        " WHERE d.status IN ('beoordeeld', 'verzonden', 'betaalbaar')"
        " AND d.toegekend_cent IS NOT NULL AND d.toegekend_cent <> 0"
        " AND ($1 = '' OR d.gemeente = $1)"
        " ORDER BY d.betalen_uiterlijk, d.id",
        gemeente);
    BetaalBacklog out;
    out.peildatum = peildatum;
    out.rente_ontbreekt = workflow::OntbrekendeRentevoet(tabel, peildatum);
    std::map<std::string, AgbBacklog> per_agb;
    std::map<std::string, GemeenteBacklog> per_gemeente;
    for (const auto& row : rows) {
      OpenDeclaratie o;
      o.id = row[0].as<int64_t>();
      const std::string what = "declaratie/" + std::to_string(o.id);
      o.gemeente = row[1].as<std::string>();
      o.agb = row[2].as<std::string>();
      o.naam = row[3].as<std::string>();
      o.declaratienummer = row[4].as<std::string>();
      o.status = row[5].as<std::string>();
      o.toegekend = Cents(row[6].as<int64_t>());
      o.ontvangen_op = DbDate(row[7], what);
      o.betalen_uiterlijk = DbDate(row[8], what);
      o.betaaldatum = peildatum;
      if (!row[9].is_null()) {
        o.betaalbatch_id = row[9].as<int64_t>();
        // In a batch: paid on its uitvoerdatum at the earliest.
        o.betaaldatum = std::max(peildatum, DbDate(row[10], what));
      }
      o.dagen_tot_uiterlijk = o.betalen_uiterlijk - peildatum;
      o.blootstelling = workflow::BerekenBlootstelling(o.toegekend, o.betalen_uiterlijk,
                                                       o.betaaldatum, tabel, beleid);

      AgbBacklog& a = per_agb[o.agb];
      a.agb = o.agb;
      a.naam = o.naam;
      ++a.aantal;
      (o.toegekend.value() > 0 ? a.open : a.credit) += o.toegekend;
      a.blootstelling += o.blootstelling.totaal();
      const bool te_laat = o.toegekend.value() > 0 && o.dagen_tot_uiterlijk < 0;
      if (te_laat) {
        ++a.te_laat;
        ++out.te_laat;
        a.max_dagen_te_laat = std::max(a.max_dagen_te_laat, -o.dagen_tot_uiterlijk);
      }
      GemeenteBacklog& g = per_gemeente[o.gemeente];
      if (g.gemeente.empty()) {
        g.gemeente = o.gemeente;
        g.eerste_uiterlijk = o.betalen_uiterlijk;  // rows come by betalen_uiterlijk
      }
      if (o.betaalbatch_id) {
        ++g.in_batch;
      } else if (o.status == "beoordeeld") {
        ++g.wacht_op_325;
      } else {
        ++g.klaar;
        g.klaar_netto += o.toegekend;
      }
      if (te_laat) ++g.te_laat;

      ++out.aantal;
      if (o.toegekend.value() > 0) out.open += o.toegekend;
      out.blootstelling += o.blootstelling.totaal();
      out.rente_onvolledig = out.rente_onvolledig || o.blootstelling.rente_onvolledig;
      out.declaraties.push_back(std::move(o));
    }
    for (auto& [agb, a] : per_agb) out.per_agb.push_back(std::move(a));
    for (auto& [code, g] : per_gemeente) out.per_gemeente.push_back(std::move(g));
    return out;
  });
}

}  // namespace sluis::db
