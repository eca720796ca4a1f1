// 305 Start and 307 Stop in the inbox: header and level-3 rules (workflow/regie.h), the retour
// (306/308), and — when accepted — every product stored in regie_melding with its timeliness
// (OP271/OP272) and the toewijzing's start/stop dates updated. Never a payment condition
// (OP364).
#include <algorithm>
#include <map>
#include <set>

#include "inbox_internal.h"
#include "outgoing.h"
#include "sql_util.h"

namespace sluis::db::internal {

namespace {

using codecs::BerichtType;

std::string Dom(codecs::Domein d) { return std::string(codecs::DomeinName(d)); }

std::optional<codecs::Date> OptDate(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return codecs::Date::Parse(f.c_str());
}

// `toewijzingsdata` receives the Toewijzingsdatum of each toewijzing found (for OP271).
template <class Product>
workflow::RegieFeiten LoadRegieFeiten(pqxx::transaction_base& tx, const Claimed& m,
                                      const codecs::Header& h,
                                      const std::vector<Product>& producten,
                                      std::map<int64_t, codecs::Date>& toewijzingsdata) {
  workflow::RegieFeiten f;
  const HeaderFeiten hf = LoadHeaderFeiten(tx, m, h);
  f.identificatie_eerder_gebruikt = hf.identificatie_eerder_gebruikt;
  f.gemeente_bekend = hf.gemeente_bekend;
  std::set<int64_t> nummers;
  for (const auto& p : producten) {
    if (p.toewijzing_nummer) nummers.insert(p.toewijzing_nummer->value());
  }
  // One lookup by key per toewijzing (a 305 or 307 names one or a few): its generic plan is
  // the right one, where `nummer = ANY ($3)` would be planned anew for every message. It
  // brings the toewijzing (its columns repeated, or NULL when there is none) with each
  // accepted, not deleted start and stop on it (NULL when there is none): one round trip.
  std::vector<std::pair<int64_t, pqxx::row>> meldingen;  // a row keeps its result
  for (int64_t nummer : nummers) {
    const pqxx::result found = ExecPrepared(
        tx,
        "SELECT t.nummer, t.agb, t.bsn, t.categorie, t.code, t.ingangsdatum, t.einddatum,"
        " t.reden_wijziging, t.toewijzingsdatum,"
        " m.id, m.berichttype, m.nummer, m.begindatum, m.reden_beeindiging, m.einddatum"
        " FROM (SELECT) k"
        " LEFT JOIN toewijzing_actueel t ON t.gemeente = $1 AND t.domein = $2 AND t.nummer = $3"
        " LEFT JOIN regie_melding m ON m.gemeente = $1 AND m.domein = $2 AND m.nummer = $3"
        "   AND m.verwijderd_door IS NULL AND m.status_aanlevering <> '3'",
        h.gemeente.str(), Dom(m.domein), nummer);
    for (const pqxx::row& r : found) {
      if (!r[9].is_null()) meldingen.emplace_back(r[9].as<int64_t>(), r);
    }
    const pqxx::row r = found[0];
    if (r[0].is_null()) continue;
    workflow::ToewijzingFeit t;
    t.nummer = codecs::ToewijzingNummer(r[0].as<int64_t>());
    t.agb = codecs::AgbCode(r[1].c_str());
    t.bsn = codecs::Bsn(r[2].c_str());
    if (!r[3].is_null()) {
      t.product = codecs::Product{r[3].c_str(), std::nullopt};
      if (!r[4].is_null()) t.product->code = r[4].c_str();
    }
    t.ingangsdatum = *codecs::Date::Parse(r[5].c_str());
    t.einddatum = OptDate(r[6]);
    if (!r[7].is_null()) t.reden_wijziging = r[7].c_str();
    toewijzingsdata[nummer] = *codecs::Date::Parse(r[8].c_str());
    f.toewijzingen.emplace(t.nummer.value(), std::move(t));
  }
  // The starts and stops in the order they came.
  std::sort(meldingen.begin(), meldingen.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const std::pair<int64_t, pqxx::row>& entry : meldingen) {
    const pqxx::row& r = entry.second;
    const int64_t nummer = r[11].as<int64_t>();
    const codecs::Date begin = *codecs::Date::Parse(r[12].c_str());
    if (r[10].as<int>() == 305) {
      f.starts.push_back({nummer, begin});
    } else {
      f.stops.push_back({nummer, begin, r[13].c_str(), *codecs::Date::Parse(r[14].c_str())});
    }
  }
  return f;
}

// Stores one accepted product. A deletion (3) marks the row it deletes and undoes its effect
// on the toewijzing.
void StoreMelding(pqxx::transaction_base& tx, const InboxConfig& config, const Claimed& m,
                  const std::map<int64_t, codecs::Date>& toewijzingsdata, const codecs::Header& h,
                  const codecs::Bsn& bsn, int positie, int64_t nummer, codecs::Date begindatum,
                  const std::optional<std::string>& reden,
                  const std::optional<codecs::Date>& einddatum, const std::string& status) {
  const int type = codecs::Nummer(m.type);
  const codecs::Date ontvangen = workflow::DutchDate(m.ontvangen);
  // OP271/OP272: measured from the actual start (305) or the last day of care (307); a start
  // on a toewijzing that was made retroactively, from the day it was made (its
  // Toewijzingsdatum: the aanbieder could not report before).
  codecs::Date feitelijk = type == 305 ? begindatum : *einddatum;
  if (const auto t = toewijzingsdata.find(nummer); type == 305 && t != toewijzingsdata.end()) {
    feitelijk = std::max(feitelijk, t->second);
  }
  const int werkdagen = config.calendar.WorkingDaysBetween(feitelijk, ontvangen);
  const std::string eind = einddatum ? einddatum->ToString() : "";
  const int64_t id =
      ExecPrepared1(
          tx,
          "INSERT INTO regie_melding (bericht_id, berichttype, positie, gemeente, domein, agb,"
          " bsn, nummer, begindatum, reden_beeindiging, einddatum, status_aanlevering,"
          " ontvangen_dag, werkdagen_na, tijdig)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULLIF($10, ''), NULLIF($11, '')::date, "
          "$12, $13,"
          " $14, $15) RETURNING id",
          m.id, type, positie, h.gemeente.str(), Dom(m.domein), h.aanbieder.str(), bsn.str(),
          nummer, begindatum.ToString(), reden.value_or(""), eind, status, ontvangen.ToString(),
          werkdagen, werkdagen <= 5)[0]
          .as<int64_t>();
  if (status == "3") {
    ExecPrepared(
        tx,
        "UPDATE regie_melding SET verwijderd_door = $1 WHERE id = (SELECT id FROM regie_melding"
        " WHERE gemeente = $2 AND domein = $3 AND nummer = $4 AND berichttype = $5"
        " AND begindatum = $6 AND verwijderd_door IS NULL AND status_aanlevering <> '3'"
        " AND id <> $1 AND ($5 = 305 OR (reden_beeindiging = $7 AND einddatum = $8::date))"
        " ORDER BY id DESC LIMIT 1)",
        id, h.gemeente.str(), Dom(m.domein), nummer, type, begindatum.ToString(),
        reden.value_or(""), eind.empty() ? begindatum.ToString() : eind);
  }
  // The toewijzing shows the latest accepted start and stop (the UI, the account managers).
  const std::string g = h.gemeente.str(), d = Dom(m.domein);
  if (type == 305 && status == "3") {
    ExecPrepared(tx,
                 "UPDATE toewijzing SET start_datum = NULL, updated_at = now()"
                 " WHERE gemeente = $1 AND domein = $2 AND nummer = $3 AND start_datum = $4",
                 g, d, nummer, begindatum.ToString());
  } else if (type == 305) {
    ExecPrepared(tx,
                 "UPDATE toewijzing SET start_datum = $4, stop_datum = NULL,"
                 " reden_beeindiging = NULL, updated_at = now()"
                 " WHERE gemeente = $1 AND domein = $2 AND nummer = $3",
                 g, d, nummer, begindatum.ToString());
  } else if (status == "3") {
    ExecPrepared(tx,
                 "UPDATE toewijzing SET stop_datum = NULL, reden_beeindiging = NULL,"
                 " updated_at = now() WHERE gemeente = $1 AND domein = $2 AND nummer = $3"
                 " AND stop_datum = $4",
                 g, d, nummer, eind);
  } else {
    ExecPrepared(tx,
                 "UPDATE toewijzing SET stop_datum = $4, reden_beeindiging = $5,"
                 " updated_at = now() WHERE gemeente = $1 AND domein = $2 AND nummer = $3",
                 g, d, nummer, eind, reden.value_or(""));
  }
}

}  // namespace

InboxResult HandleStartStop(pqxx::transaction_base& tx, const InboxConfig& config, const Claimed& m,
                            const codecs::Bericht& b, workflow::TimePoint now) {
  const codecs::Date vandaag = workflow::DutchDate(m.ontvangen);
  if (m.type == BerichtType::k305) {
    const auto& s = std::get<codecs::Bericht305>(b);
    std::map<int64_t, codecs::Date> toewijzingsdata;
    const auto f = LoadRegieFeiten(tx, m, s.header, s.client.producten, toewijzingsdata);
    const workflow::RegieOordeel o = workflow::BeoordeelStart(s, f, vandaag);
    if (!o.Afgekeurd()) {
      int i = 0;
      for (const auto& p : s.client.producten) {
        StoreMelding(tx, config, m, toewijzingsdata, s.header, s.client.bsn, i++,
                     p.toewijzing_nummer->value(), p.begindatum, std::nullopt, std::nullopt,
                     p.status_aanlevering);
      }
    }
    const std::string detail =
        o.Afgekeurd() ? "305 rejected: " + o.Codes()
                      : "305 accepted: " + std::to_string(s.client.producten.size()) + " start(s)";
    return SendRegieRetour(tx, config, m, b, o, now, detail);
  }
  const auto& s = std::get<codecs::Bericht307>(b);
  std::map<int64_t, codecs::Date> toewijzingsdata;
  const auto f = LoadRegieFeiten(tx, m, s.header, s.client.producten, toewijzingsdata);
  const workflow::RegieOordeel o = workflow::BeoordeelStop(s, f, vandaag);
  if (!o.Afgekeurd()) {
    int i = 0;
    for (const auto& p : s.client.producten) {
      StoreMelding(tx, config, m, toewijzingsdata, s.header, s.client.bsn, i++,
                   p.toewijzing_nummer->value(), p.begindatum, p.reden_beeindiging, p.einddatum,
                   p.status_aanlevering);
    }
  }
  const std::string detail =
      o.Afgekeurd() ? "307 rejected: " + o.Codes()
                    : "307 accepted: " + std::to_string(s.client.producten.size()) + " stop(s)";
  return SendRegieRetour(tx, config, m, b, o, now, detail);
}

HeaderFeiten LoadHeaderFeiten(pqxx::transaction_base& tx, const Claimed& m,
                              const codecs::Header& h) {
  const pqxx::row r = ExecPrepared1(
      tx,
      "SELECT EXISTS (SELECT 1 FROM bericht WHERE direction = 'in' AND berichttype = $1"
      "   AND gemeente = $2 AND domein = $3 AND agb = $4 AND identificatie = $5 AND id < $6"
      "   AND state NOT IN ('xsd_rejected', 'failed')),"
      " EXISTS (SELECT 1 FROM gemeente WHERE code = $2 AND ingangsdatum <= $7::date"
      "   AND (einddatum IS NULL OR einddatum >= $7::date))",
      codecs::Nummer(m.type), h.gemeente.str(), Dom(m.domein), h.aanbieder.str(),
      h.bericht_identificatie.identificatie, m.id, h.bericht_identificatie.dagtekening.ToString());
  return {r[0].as<bool>(), r[1].as<bool>()};
}

InboxResult SendRegieRetour(pqxx::transaction_base& tx, const InboxConfig& config, const Claimed& m,
                            const codecs::Bericht& heen, const workflow::RegieOordeel& o,
                            workflow::TimePoint now, std::string detail) {
  InboxResult r{m.id, m.domein, m.type, "processed", std::move(detail), {}, {}};
  const BerichtType retour_type = *codecs::RetourOf(m.type);
  const codecs::AnswerIdentity id{AntwoordIdentificatie(tx, m), workflow::DutchDate(now),
                                  OwnXsdVersie(*config.schemas, m.domein, retour_type),
                                  std::nullopt};
  const Queued q =
      QueueAnswer(tx, *config.schemas, workflow::MaakRetour(heen, o, id), m.id, std::string());
  if (!q.id) {
    // Our own retour is wrong: a bug. Keep what was received, send nothing, make it visible.
    r.outcome = "failed";
    r.detail = "the retour we built does not pass its checks: " + q.error;
    Finish(tx, m.id, "failed", r.detail);
    return r;
  }
  r.answers.push_back(q.id);
  return r;
}

}  // namespace sluis::db::internal
