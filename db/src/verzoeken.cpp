// The decision on a verzoek (315/317): a full-set 301 or a 319, checked against the rules on
// what we send (TR355, TR359, TR360, TR365, TR379), queued, the work queue updated and the
// decision written to audit_log — all in one transaction.
#include "sluis/db/verzoeken.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sluis/workflow/regie.h"
#include "sluis/workflow/toewijzing.h"

#include "connection_impl.h"
#include "messaging_sql.h"
#include "outgoing.h"
#include "pg_array.h"
#include "sql_util.h"
#include "toewijzing_store.h"
#include "volledige_set.h"

namespace sluis::db {

namespace {

using codecs::BerichtType;
using codecs::Date;
using workflow::ToewijzingVersie;

std::string Dom(codecs::Domein d) { return std::string(codecs::DomeinName(d)); }

constexpr char kVerzoekColumns[] =
    "id, bericht_id, berichttype, positie, gemeente, domein, agb, bsn, referentie_aanbieder,"
    " dagtekening, status, besluit_uiterlijk, onderzoek_uiterlijk, reden_afwijzing,"
    " besluit_bericht_id, onderzoek_bericht_id, besloten_door";

Verzoek ReadVerzoek(const pqxx::row& r) {
  Verzoek v;
  v.id = r[0].as<int64_t>();
  v.bericht_id = r[1].as<int64_t>();
  v.type = *codecs::FromNummer(r[2].as<int>());
  v.positie = r[3].as<int>();
  v.gemeente = r[4].c_str();
  v.domein = codecs::ParseDomeinName(r[5].c_str()).value_or(codecs::Domein::kWmo);
  v.agb = r[6].c_str();
  v.bsn = r[7].c_str();
  v.referentie_aanbieder = r[8].c_str();
  v.dagtekening = *Date::Parse(r[9].c_str());
  v.status = r[10].c_str();
  v.besluit_uiterlijk = *Date::Parse(r[11].c_str());
  if (!r[12].is_null()) v.onderzoek_uiterlijk = Date::Parse(r[12].c_str());
  v.reden_afwijzing = internal::OptText(r[13]);
  if (!r[14].is_null()) v.besluit_bericht_id = r[14].as<int64_t>();
  if (!r[15].is_null()) v.onderzoek_bericht_id = r[15].as<int64_t>();
  v.besloten_door = internal::OptText(r[16]);
  return v;
}

nlohmann::json ToJson(const Verzoek& v) {
  return {{"status", v.status},
          {"referentie_aanbieder", v.referentie_aanbieder},
          {"besluit_uiterlijk", v.besluit_uiterlijk.ToString()},
          {"onderzoek_uiterlijk",
           v.onderzoek_uiterlijk ? nlohmann::json(v.onderzoek_uiterlijk->ToString()) : nullptr}};
}

// The verzoek to decide on, locked. Unknown: TR355 (we would answer nothing we received).
Verzoek Lock(pqxx::transaction_base& tx, int64_t id) {
  const pqxx::result r = tx.exec_params(
      std::string("SELECT ") + kVerzoekColumns + " FROM verzoek WHERE id = $1 FOR UPDATE", id);
  if (r.empty()) {
    throw RefusedError("TR355 (9355): verzoek " + std::to_string(id) + " bestaat niet");
  }
  return ReadVerzoek(r[0]);
}

workflow::VerzoekStand StandOf(const Verzoek& v) {
  workflow::VerzoekStand s;
  s.toegewezen = v.status == "toegewezen";
  s.afgewezen = v.status == "afgewezen";
  s.in_onderzoek = v.onderzoek_bericht_id.has_value();
  return s;
}

const char* RuleText(const std::string& code) {
  if (code == "9355") return "TR355 (9355): er is geen verzoek met deze ReferentieAanbieder";
  if (code == "9359") return "TR359 (9359): er is al een toewijzing gestuurd op dit verzoek";
  if (code == "9360") return "TR360 (9360): er is al een antwoord 'aanvraag in onderzoek'";
  if (code == "9365") return "TR365 (9365): het verzoek is al afgewezen";
  if (code == "9379") return "TR379 (9379): het verzoek is al beantwoord";
  return "geweigerd";
}

void RefuseOn(const codecs::RetourCodes& codes) {
  if (codes.empty()) return;
  std::string msg;
  for (const auto& c : codes) msg += (msg.empty() ? "" : "; ") + std::string(RuleText(c));
  throw RefusedError(msg);
}

void Audit(pqxx::transaction_base& tx, const std::string& actor, const std::string& action,
           const Verzoek& before, const nlohmann::json& after, workflow::TimePoint now) {
  tx.exec_params(
      "INSERT INTO audit_log (at, actor, action, subject, before, after)"
      " VALUES ($1::timestamptz, $2, $3, $4, $5::jsonb, $6::jsonb)",
      internal::FormatTime(now), actor, action, "verzoek/" + std::to_string(before.id),
      ToJson(before).dump(), after.dump());
}

void ResolveAlerts(pqxx::transaction_base& tx, int64_t verzoek_id, workflow::TimePoint now,
                   bool ook_onderzoek) {
  tx.exec_params(
      "UPDATE alert SET resolved_at = $2::timestamptz WHERE resolved_at IS NULL"
      " AND (condition_key = 'besluit:verzoek/' || $1 OR ($3 AND condition_key ="
      " 'onderzoek:verzoek/' || $1))",
      std::to_string(verzoek_id), internal::FormatTime(now), ook_onderzoek);
}

codecs::Bericht ParseStored(pqxx::transaction_base& tx, int64_t bericht_id) {
  auto parsed = codecs::ParseBericht(internal::BerichtPayload(tx, bericht_id));
  if (!parsed)
    throw std::runtime_error("stored verzoek does not parse: " + parsed.error().ToString());
  return std::move(*parsed);
}

// The new toewijzingen a decision makes, numbered from `next`.
struct Plan {
  std::vector<ToewijzingVersie> versies;
  std::vector<int64_t> nummers;  // honour the verzoek: ReferentieAanbieder in the 301 (TR379)
};

ToewijzingVersie Base(const Verzoek& v, workflow::TimePoint now) {
  ToewijzingVersie t;
  t.gemeente = codecs::GemeenteCode(v.gemeente);
  t.domein = v.domein;
  t.agb = codecs::AgbCode(v.agb);
  t.bsn = codecs::Bsn(v.bsn);
  t.toewijzingsdatum = workflow::DutchDate(now);
  t.toewijzingstijd = workflow::DutchTimeOfDay(now);
  t.referentie_aanbieder = v.referentie_aanbieder;
  return t;
}

Plan Plan315(const Verzoek& v, const codecs::Bericht315& b, const ToewijzenOpties& o, int64_t next,
             workflow::TimePoint now) {
  const codecs::AangevraagdProduct& p = b.client.aangevraagde_producten.at(v.positie);
  ToewijzingVersie t = Base(v, now);
  t.nummer = codecs::ToewijzingNummer(next);
  t.product = p.product;
  t.ingangsdatum = p.toewijzing_ingangsdatum;
  t.einddatum = o.einddatum ? o.einddatum : p.toewijzing_einddatum;
  t.omvang = o.omvang ? o.omvang : p.omvang;
  t.budget = o.budget ? o.budget : p.budget;
  t.commentaar = o.commentaar;
  return {{t}, {next}};
}

// RedenWijziging 12: "geinitieerd door de aanbieder" — a VOW asked for the change.
constexpr char kDoorAanbieder[] = "12";

Plan Plan317(pqxx::transaction_base& tx, const Verzoek& v, const codecs::Bericht317& b,
             const ToewijzenOpties& o, int64_t next, workflow::TimePoint now) {
  Plan plan;
  for (const codecs::TeWijzigenProduct& p : b.client.verzoek.te_wijzigen_producten) {
    const auto cur = internal::LoadActueelByNummerIn(tx, codecs::GemeenteCode(v.gemeente), v.domein,
                                                     p.toewijzing_nummer);
    if (!cur) {
      throw RefusedError("toewijzing " + std::to_string(p.toewijzing_nummer.value()) +
                         " bestaat niet meer");
    }
    ToewijzingVersie changed = cur->versie;
    const ToewijzingVersie base = Base(v, now);
    changed.toewijzingsdatum = base.toewijzingsdatum;
    changed.toewijzingstijd = base.toewijzingstijd;
    changed.referentie_aanbieder = v.referentie_aanbieder;
    changed.reden_wijziging = kDoorAanbieder;
    const bool nieuwe_omvang_later = p.omvang && p.omvang != cur->versie.omvang &&
                                     p.omvang->frequentie != "6" &&
                                     p.gewenste_ingangsdatum > cur->versie.ingangsdatum;
    if (nieuwe_omvang_later) {
      // OP033x1: only a total (Frequentie 6) changes in place; a new weekly/monthly volume from
      // a later date ends the current toewijzing the day before and starts a new one.
      changed.einddatum = p.gewenste_ingangsdatum.AddDays(-1);
      ToewijzingVersie nieuw = base;
      nieuw.nummer = codecs::ToewijzingNummer(next);
      nieuw.product = cur->versie.product;
      nieuw.ingangsdatum = p.gewenste_ingangsdatum;
      nieuw.einddatum = p.einddatum ? p.einddatum : cur->versie.einddatum;
      nieuw.omvang = p.omvang;
      nieuw.budget = p.budget ? p.budget : cur->versie.budget;
      plan.versies.push_back(changed);
      plan.versies.push_back(nieuw);
      plan.nummers.push_back(changed.nummer.value());
      plan.nummers.push_back(next++);
      continue;
    }
    if (p.einddatum) changed.einddatum = p.einddatum;
    if (p.omvang) changed.omvang = p.omvang;
    if (p.budget) changed.budget = p.budget;
    plan.versies.push_back(changed);
    plan.nummers.push_back(changed.nummer.value());
  }
  for (const codecs::NieuwProduct& p : b.client.verzoek.nieuwe_producten) {
    ToewijzingVersie nieuw = Base(v, now);
    nieuw.nummer = codecs::ToewijzingNummer(next);
    nieuw.product = p.product;
    nieuw.ingangsdatum = p.gewenste_ingangsdatum;
    nieuw.einddatum = p.einddatum;
    nieuw.omvang = p.omvang;
    nieuw.budget = p.budget;
    nieuw.commentaar = o.commentaar;
    plan.versies.push_back(nieuw);
    plan.nummers.push_back(next++);
  }
  return plan;
}

// A client the 315 introduces, when the gemeente's records do not have it yet. Without an
// address the 301 will not validate (TR061): the refusal says so.
workflow::ClientGegevens FromVerzoek(const Verzoek& v, const codecs::Bericht& b) {
  workflow::ClientGegevens c;
  c.gemeente = codecs::GemeenteCode(v.gemeente);
  c.domein = v.domein;
  c.bsn = codecs::Bsn(v.bsn);
  if (const auto* b315 = std::get_if<codecs::Bericht315>(&b)) {
    c.geboortedatum = b315->client.geboortedatum.datum;
    c.geslacht = b315->client.geslacht;
    c.achternaam = b315->client.naam.geslachtsnaam.achternaam;
    c.voorvoegsel = b315->client.naam.geslachtsnaam.voorvoegsel;
    c.voorletters = b315->client.naam.voorletters;
  }
  return c;
}

BesluitUitkomst Send319(pqxx::work& tx, const BesluitConfig& config, const Verzoek& v,
                        const std::string& antwoord, const std::optional<std::string>& reden,
                        const std::optional<std::string>& woonplaats, workflow::TimePoint now) {
  const std::string identificatie = internal::NextIdentificatie(tx);
  const codecs::Bericht319 b = workflow::MaakBericht319(
      v.domein, codecs::GemeenteCode(v.gemeente), codecs::AgbCode(v.agb), v.referentie_aanbieder,
      antwoord, reden,
      woonplaats ? std::optional<codecs::GemeenteCode>(codecs::GemeenteCode(*woonplaats))
                 : std::nullopt,
      identificatie, workflow::DutchDate(now),
      internal::OwnXsdVersie(*config.schemas, v.domein, BerichtType::k319));
  const internal::Queued q = internal::QueueOutgoing(tx, *config.schemas, b, std::nullopt);
  if (!q.id) throw RefusedError("de 319 voldoet niet aan de standaard: " + q.error);
  tx.exec_params(
      "INSERT INTO verzoek_antwoord (verzoek_id, bericht_id, verzoek_antwoord, reden_afwijzing,"
      " created_at) VALUES ($1, $2, $3, NULLIF($4, ''), $5::timestamptz)",
      v.id, q.id, antwoord, reden.value_or(""), internal::FormatTime(now));
  return {q.id, BerichtType::k319, identificatie, {}};
}

}  // namespace

std::vector<Verzoek> Werkvoorraad(Connection& conn) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const pqxx::result r =
        tx.exec(std::string("SELECT ") + kVerzoekColumns +
                " FROM verzoek WHERE status IN ('open', 'in_onderzoek') ORDER BY CASE WHEN status ="
                " 'in_onderzoek' THEN onderzoek_uiterlijk ELSE besluit_uiterlijk END, id");
    tx.commit();
    std::vector<Verzoek> out;
    for (const auto& row : r) out.push_back(ReadVerzoek(row));
    return out;
  });
}

std::vector<Verzoek> AlleVerzoeken(Connection& conn) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const pqxx::result r =
        tx.exec(std::string("SELECT ") + kVerzoekColumns + " FROM verzoek ORDER BY id");
    tx.commit();
    std::vector<Verzoek> out;
    for (const auto& row : r) out.push_back(ReadVerzoek(row));
    return out;
  });
}

std::optional<Verzoek> LoadVerzoek(Connection& conn, int64_t id) {
  return MapErrors([&]() -> std::optional<Verzoek> {
    pqxx::work tx(conn.impl().conn);
    const pqxx::result r = tx.exec_params(
        std::string("SELECT ") + kVerzoekColumns + " FROM verzoek WHERE id = $1", id);
    tx.commit();
    if (r.empty()) return std::nullopt;
    return ReadVerzoek(r[0]);
  });
}

std::optional<Verzoek> FindVerzoek(Connection& conn, const std::string& gemeente,
                                   codecs::Domein domein, const std::string& agb,
                                   const std::string& referentie_aanbieder) {
  return MapErrors([&]() -> std::optional<Verzoek> {
    pqxx::work tx(conn.impl().conn);
    const pqxx::result r =
        tx.exec_params(std::string("SELECT ") + kVerzoekColumns +
                           " FROM verzoek WHERE gemeente = $1 AND domein = $2 AND agb = $3"
                           " AND referentie_aanbieder = $4",
                       gemeente, Dom(domein), agb, referentie_aanbieder);
    tx.commit();
    if (r.empty()) return std::nullopt;
    return ReadVerzoek(r[0]);
  });
}

BesluitUitkomst Toewijzen(Connection& conn, const BesluitConfig& config, int64_t verzoek_id,
                          const ToewijzenOpties& opties, const std::string& actor,
                          const workflow::Clock& clock) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const workflow::TimePoint now = clock.Now();
    const Verzoek v = Lock(tx, verzoek_id);
    const workflow::VerzoekStand stand = StandOf(v);
    RefuseOn(workflow::ControleerToewijzing(&stand));
    const codecs::Bericht heen = ParseStored(tx, v.bericht_id);

    internal::LockToewijzingen(tx);
    const int64_t next = opties.eerste_nummer
                             ? *opties.eerste_nummer
                             : tx.exec_params1(
                                     "SELECT coalesce(max(nummer), 0) + 1 FROM toewijzing_versie"
                                     " WHERE gemeente = $1 AND domein = $2",
                                     v.gemeente, Dom(v.domein))[0]
                                   .as<int64_t>();
    const Plan plan = v.type == BerichtType::k315
                          ? Plan315(v, std::get<codecs::Bericht315>(heen), opties, next, now)
                          : Plan317(tx, v, std::get<codecs::Bericht317>(heen), opties, next, now);
    const SaveVersiesResult saved = internal::StoreVersies(
        tx, plan.versies, Bron::kApi, std::nullopt, actor, Levering::kTeVerzenden);
    if (!saved.ok()) {
      std::string msg;
      for (const auto& c : saved.conflicts) msg += c.rule + ": " + c.message + "; ";
      throw RefusedError("toewijzing niet opgeslagen: " + msg);
    }

    // OP087: the full set for this client at this aanbieder; TR379: ReferentieAanbieder only on
    // what honours this verzoek now.
    const internal::VolledigeSet set = internal::QueueVolledigeSet(
        tx, *config.schemas, codecs::GemeenteCode(v.gemeente), v.domein, codecs::AgbCode(v.agb),
        codecs::Bsn(v.bsn), plan.nummers, FromVerzoek(v, heen), now);
    const internal::Queued& q = set.queued;
    const std::string& identificatie = set.identificatie;
    if (!q.id) {
      throw RefusedError(std::string("de 301 voldoet niet aan de standaard") +
                         (set.client_known ? "" : " (client onbekend: importeer clienten.csv)") +
                         ": " + q.error);
    }
    tx.exec_params(
        "UPDATE verzoek SET status = 'toegewezen', besluit_bericht_id = $2, besloten_door = $3,"
        " besloten_op = $4::timestamptz WHERE id = $1",
        v.id, q.id, actor, internal::FormatTime(now));
    ResolveAlerts(tx, v.id, now, true);
    nlohmann::json after = {{"status", "toegewezen"},
                            {"bericht_id", q.id},
                            {"identificatie", identificatie},
                            {"toewijzingen", plan.nummers}};
    Audit(tx, actor, "verzoek.toewijzen", v, after, now);
    tx.commit();
    return BesluitUitkomst{q.id, BerichtType::k301, identificatie, plan.nummers};
  });
}

BesluitUitkomst Afwijzen(Connection& conn, const BesluitConfig& config, int64_t verzoek_id,
                         const std::string& reden,
                         const std::optional<std::string>& woonplaatsbeginsel,
                         const std::string& actor, const workflow::Clock& clock) {
  return MapErrors([&] {
    if (reden.size() != 1 || reden[0] < '1' || reden[0] > '9') {
      throw RefusedError("reden " + reden + " is geen RedenAfwijzingVerzoek (1..9)");
    }
    pqxx::work tx(conn.impl().conn);
    const workflow::TimePoint now = clock.Now();
    const Verzoek v = Lock(tx, verzoek_id);
    const workflow::VerzoekStand stand = StandOf(v);
    RefuseOn(workflow::ControleerAntwoord(&stand, "1"));
    BesluitUitkomst out = Send319(tx, config, v, "1", reden, woonplaatsbeginsel, now);
    tx.exec_params(
        "UPDATE verzoek SET status = 'afgewezen', reden_afwijzing = $2, besluit_bericht_id = $3,"
        " besloten_door = $4, besloten_op = $5::timestamptz WHERE id = $1",
        v.id, reden, out.bericht_id, actor, internal::FormatTime(now));
    ResolveAlerts(tx, v.id, now, true);
    Audit(tx, actor, "verzoek.afwijzen", v,
          {{"status", "afgewezen"},
           {"reden", reden},
           {"bericht_id", out.bericht_id},
           {"identificatie", out.identificatie}},
          now);
    tx.commit();
    return out;
  });
}

BesluitUitkomst InOnderzoek(Connection& conn, const BesluitConfig& config, int64_t verzoek_id,
                            const std::string& actor, const workflow::Clock& clock) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const workflow::TimePoint now = clock.Now();
    const Verzoek v = Lock(tx, verzoek_id);
    const workflow::VerzoekStand stand = StandOf(v);
    RefuseOn(workflow::ControleerAntwoord(&stand, "2"));
    BesluitUitkomst out = Send319(tx, config, v, "2", std::nullopt, std::nullopt, now);
    // OP346: the final answer within 8 weeks after the verzoek's dagtekening.
    const Date uiterlijk =
        workflow::DueDate(workflow::DeadlineKind::kOnderzoek, v.dagtekening, config.calendar);
    tx.exec_params(
        "UPDATE verzoek SET status = 'in_onderzoek', onderzoek_bericht_id = $2,"
        " onderzoek_uiterlijk = $3 WHERE id = $1",
        v.id, out.bericht_id, uiterlijk.ToString());
    ResolveAlerts(tx, v.id, now, false);
    Audit(tx, actor, "verzoek.in_onderzoek", v,
          {{"status", "in_onderzoek"},
           {"onderzoek_uiterlijk", uiterlijk.ToString()},
           {"bericht_id", out.bericht_id},
           {"identificatie", out.identificatie}},
          now);
    tx.commit();
    return out;
  });
}

SweepResult SweepRegieTermijnen(Connection& conn, workflow::TimePoint now,
                                const workflow::WorkingDayCalendar& calendar,
                                const workflow::AlertPolicy& policy) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    std::vector<workflow::WatchedDeadline> watched;
    for (const auto& r :
         tx.exec("SELECT id, status, agb, referentie_aanbieder, besluit_uiterlijk,"
                 " onderzoek_uiterlijk, dagtekening,"
                 " (extract(epoch FROM ontvangen_op) * 1000)::bigint"
                 " FROM verzoek WHERE status IN ('open', 'in_onderzoek') ORDER BY id")) {
      const bool onderzoek = std::string_view(r[1].c_str()) == "in_onderzoek";
      workflow::WatchedDeadline w;
      w.kind = onderzoek ? workflow::DeadlineKind::kOnderzoek : workflow::DeadlineKind::kBesluit;
      w.subject = "verzoek/" + std::string(r[0].c_str());
      w.label = "verzoek " + std::string(r[3].c_str()) + " van " + r[2].c_str();
      w.start = onderzoek ? workflow::DutchMidnight(*Date::Parse(r[6].c_str()))
                          : internal::FromEpochMs(r[7].as<int64_t>());
      w.due = *Date::Parse(onderzoek ? r[5].c_str() : r[4].c_str());
      watched.push_back(std::move(w));
    }
    // OP090: what we sent waits for its retour (302 on a 301, 320 on a 319).
    for (const auto& r : tx.exec_params(
             "SELECT b.id, b.berichttype, b.agb, b.identificatie,"
             " (extract(epoch FROM b.created_at) * 1000)::bigint FROM bericht b"
             " WHERE b.direction = 'out' AND b.berichttype IN (301, 319) AND b.state <> 'dead'"
             " AND b.created_at > $1::timestamptz - interval '60 days'"
             " AND NOT EXISTS (SELECT 1 FROM bericht r WHERE r.answers_bericht_id = b.id"
             "   AND r.direction = 'in') ORDER BY b.id",
             internal::FormatTime(now))) {
      workflow::WatchedDeadline w;
      w.kind = workflow::DeadlineKind::kRetourOntvangen;
      w.subject = "bericht/" + std::string(r[0].c_str());
      w.label = std::string(r[1].c_str()) + " " + r[3].c_str() + " aan " + r[2].c_str();
      w.start = internal::FromEpochMs(r[4].as<int64_t>());
      w.due = workflow::DueDate(w.kind, workflow::DutchDate(w.start), calendar);
      watched.push_back(std::move(w));
    }
    SweepResult out;
    out.watched = static_cast<int>(watched.size());
    for (const auto& w : watched) {
      const auto alert = workflow::EvaluateDeadline(w, now, policy);
      if (!alert) continue;
      internal::RaiseAlertIn(
          tx,
          AlertSpec{alert->condition_key, workflow::DeadlineKindName(w.kind),
                    workflow::SeverityName(alert->severity), w.subject, alert->message},
          now);
      out.raised.push_back(alert->condition_key);
    }
    tx.commit();
    return out;
  });
}

std::vector<Tijdigheid> TijdigheidPerAanbieder(Connection& conn, const std::string& gemeente,
                                               codecs::Domein domein, Date van, Date tot) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const pqxx::result r = tx.exec_params(
        "SELECT agb,"
        " count(*) FILTER (WHERE berichttype = 305),"
        " count(*) FILTER (WHERE berichttype = 305 AND tijdig),"
        " count(*) FILTER (WHERE berichttype = 307),"
        " count(*) FILTER (WHERE berichttype = 307 AND tijdig)"
        " FROM regie_melding WHERE gemeente = $1 AND domein = $2 AND status_aanlevering <> '3'"
        " AND ontvangen_dag BETWEEN $3 AND $4 GROUP BY agb ORDER BY agb",
        gemeente, Dom(domein), van.ToString(), tot.ToString());
    tx.commit();
    std::vector<Tijdigheid> out;
    for (const auto& row : r) {
      out.push_back(
          {row[0].c_str(), row[1].as<int>(), row[2].as<int>(), row[3].as<int>(), row[4].as<int>()});
    }
    return out;
  });
}

}  // namespace sluis::db
