#include "declaratie_store.h"

#include <set>

#include "pg_array.h"

namespace sluis::db::internal {

using codecs::Bericht323;
using codecs::Date;
using codecs::DebetCredit;
using codecs::Prestatie;
using workflow::DeclaratieFeiten;
using workflow::EerderePrestatie;
using workflow::Oordeel;

namespace {

std::string Domein(const Bericht323& d) { return std::string(codecs::DomeinName(d.domein)); }

Date AsDate(const pqxx::field& f) { return *Date::Parse(f.c_str()); }
std::optional<Date> AsOptDate(const pqxx::field& f) {
  return f.is_null() ? std::nullopt : Date::Parse(f.c_str());
}
std::optional<std::string> AsOptText(const pqxx::field& f) {
  return f.is_null() ? std::nullopt : std::optional<std::string>(f.c_str());
}

EerderePrestatie ReadEerdere(const pqxx::row& r) {
  // referentienummer, vorig, toewijzing_nummer, categorie, code, begin, eind, volume, eenheid,
  // bedrag_cent, debet_credit, status, gecrediteerd
  EerderePrestatie e;
  e.referentie_nummer = codecs::ReferentieNummer(r[0].c_str());
  if (!r[1].is_null()) e.vorig_referentie_nummer = codecs::ReferentieNummer(r[1].c_str());
  e.toewijzing_nummer = codecs::ToewijzingNummer(r[2].as<int64_t>());
  e.product_categorie = r[3].c_str();
  e.product_code = r[4].c_str();
  e.product_periode = {AsDate(r[5]), AsDate(r[6])};
  e.geleverd_volume = r[7].as<int64_t>();
  e.eenheid = r[8].c_str();
  e.bedrag = codecs::Cents(r[9].as<int64_t>());
  e.debet_credit =
      std::string_view(r[10].c_str()) == "C" ? DebetCredit::kCredit : DebetCredit::kDebet;
  e.goedgekeurd = std::string_view(r[11].c_str()) == "goedgekeurd";
  e.gecrediteerd = r[12].as<bool>();
  return e;
}

constexpr const char* kEerdereColumns =
    "referentienummer, vorig_referentienummer, toewijzing_nummer, categorie, code,"
    " periode_begin, periode_eind, volume, eenheid, bedrag_cent, debet_credit, status,"
    " gecrediteerd_door IS NOT NULL";

}  // namespace

DeclaratieFeiten LoadFeiten(pqxx::transaction_base& tx, const Bericht323& d, int64_t bericht_id) {
  DeclaratieFeiten f;
  const std::string gemeente = d.header.gemeente.str(), domein = Domein(d),
                    agb = d.header.aanbieder.str();
  const std::string begin = d.declaratie.declaratie_periode.begindatum.ToString();

  // Header and declaratie class, in one round trip.
  const pqxx::row h = tx.exec_params1(
      "SELECT"
      " EXISTS (SELECT 1 FROM bericht WHERE direction = 'in' AND berichttype = 323"
      "   AND gemeente = $1 AND domein = $2 AND agb = $3 AND identificatie = $4 AND id < $5"
      "   AND state NOT IN ('xsd_rejected', 'failed')),"
      " EXISTS (SELECT 1 FROM gemeente WHERE code = $1 AND ingangsdatum <= $6::date"
      "   AND (einddatum IS NULL OR einddatum >= $6::date)),"
      " EXISTS (SELECT 1 FROM declaratie WHERE gemeente = $1 AND domein = $2 AND agb = $3"
      "   AND declaratienummer = $7 AND telt_mee AND bericht_id <> $5),"
      " (SELECT periode_begin || ' ' || periode_eind FROM declaratie WHERE gemeente = $1"
      "   AND domein = $2 AND agb = $3 AND telt_mee AND bericht_id <> $5"
      "   ORDER BY periode_begin DESC LIMIT 1)",
      gemeente, domein, agb, d.header.bericht_identificatie.identificatie, bericht_id, begin,
      d.declaratie.declaratie_nummer);
  f.identificatie_eerder_gebruikt = h[0].as<bool>();
  f.gemeente_bekend = h[1].as<bool>();
  f.declaratienummer_eerder_gebruikt = h[2].as<bool>();
  if (!h[3].is_null()) {
    const std::string v = h[3].c_str();
    f.vorige_declaratieperiode =
        codecs::GeslotenPeriode{*Date::Parse(v.substr(0, 10)), *Date::Parse(v.substr(11, 10))};
  }

  // The toewijzingen and earlier prestaties the prestaties refer to.
  std::set<int64_t> nummers;
  std::set<std::string> referenties;
  for (const auto& c : d.declaratie.clienten) {
    for (const Prestatie& p : c.prestaties) {
      nummers.insert(p.toewijzing_nummer.value());
      referenties.insert(p.product_referentie.referentie_nummer.str());
      if (p.product_referentie.vorig_referentie_nummer) {
        referenties.insert(p.product_referentie.vorig_referentie_nummer->str());
      }
    }
  }
  ArrayLiteral nummer_array, referentie_array;
  for (const int64_t n : nummers) nummer_array.Add(n);
  for (const auto& r : referenties) referentie_array.Add(r);
  const std::string nummers_literal = nummer_array.Take();

  for (const auto& r : tx.exec_params(
           "SELECT nummer, agb, bsn, categorie, code, ingangsdatum, einddatum, reden_wijziging,"
           " volume, eenheid, frequentie, budget_cent FROM toewijzing_actueel"
           " WHERE gemeente = $1 AND domein = $2 AND nummer = ANY ($3::bigint[])",
           gemeente, domein, nummers_literal)) {
    workflow::ToewijzingFeit t;
    t.nummer = codecs::ToewijzingNummer(r[0].as<int64_t>());
    t.agb = codecs::AgbCode(r[1].c_str());
    t.bsn = codecs::Bsn(r[2].c_str());
    if (!r[3].is_null()) t.product = codecs::Product{r[3].c_str(), AsOptText(r[4])};
    t.ingangsdatum = AsDate(r[5]);
    t.einddatum = AsOptDate(r[6]);
    t.reden_wijziging = AsOptText(r[7]);
    if (!r[8].is_null()) t.omvang = codecs::Omvang{r[8].as<int64_t>(), r[9].c_str(), r[10].c_str()};
    if (!r[11].is_null()) t.budget = codecs::Cents(r[11].as<int64_t>());
    f.toewijzingen.emplace(t.nummer.value(), std::move(t));
  }

  // Earlier prestaties of this aanbieder by ReferentieNummer (TR314, TR323, TR390). Those of
  // a declaratie rejected as a whole are not stored: it counts as not sent.
  for (const auto& r :
       tx.exec_params(std::string("SELECT ") + kEerdereColumns +
                          " FROM prestatie WHERE gemeente = $1 AND domein = $2 AND agb = $3"
                          " AND referentienummer = ANY ($4::text[])",
                      gemeente, domein, agb, referentie_array.Take())) {
    EerderePrestatie e = ReadEerdere(r);
    if (e.debet_credit == DebetCredit::kDebet && e.gecrediteerd) {
      f.eerder_gecrediteerd.insert(e.referentie_nummer.str());
    }
    f.eerdere_prestaties.emplace(e.referentie_nummer.str(), std::move(e));
  }

  // Approved, not credited debits on the referenced toewijzingen (TR322, TR369, TR389).
  for (const auto& r :
       tx.exec_params(std::string("SELECT ") + kEerdereColumns +
                          " FROM prestatie WHERE gemeente = $1 AND domein = $2"
                          " AND toewijzing_nummer = ANY ($3::bigint[]) AND debet_credit = 'D'"
                          " AND status = 'goedgekeurd' AND gecrediteerd_door IS NULL",
                      gemeente, domein, nummers_literal)) {
    EerderePrestatie e = ReadEerdere(r);
    f.goedgekeurd_per_toewijzing[e.toewijzing_nummer.value()].push_back(std::move(e));
  }

  for (const auto& r : tx.exec_params(
           "SELECT categorie, code, eenheid, tarief_cent, ingangsdatum, einddatum FROM tarief"
           " WHERE agb = $1 AND domein = $2 AND gemeente IN ('', $3)",
           agb, domein, gemeente)) {
    f.tarieven.push_back({r[0].c_str(), r[1].c_str(), r[2].c_str(),
                          codecs::Cents(r[3].as<int64_t>()), AsDate(r[4]), AsOptDate(r[5])});
  }
  for (const auto& r : tx.exec_params(
           "SELECT categorie, code FROM productcode WHERE domein = $1 AND gemeente IN ('', $2)",
           domein, gemeente)) {
    f.productcodes.emplace(r[0].c_str(), r[1].c_str());
  }
  return f;
}

int64_t SaveDeclaratie(pqxx::transaction_base& tx, const Bericht323& d, const Oordeel& o,
                       const DeclaratieRow& row) {
  const std::string gemeente = d.header.gemeente.str(), domein = Domein(d),
                    agb = d.header.aanbieder.str();
  const bool telt_mee = !o.HeaderAfgekeurd() && !o.DeclaratieAfgekeurd();
  ArrayLiteral afgewezen;
  for (const auto& c : o.header_codes) afgewezen.Add(c);
  for (const auto& c : o.declaratie_codes) afgewezen.Add(c);
  const int64_t id =
      tx.exec_params1(
            "INSERT INTO declaratie (bericht_id, gemeente, domein, agb, identificatie,"
            " dagtekening, declaratienummer, periode_begin, periode_eind, ingediend_cent,"
            " toegekend_cent, ontvangen_op, status, afgewezen_codes, telt_mee,"
            " aantal_goedgekeurd, aantal_afgekeurd, aantal_niet_beoordeeld, antwoord_uiterlijk,"
            " betalen_uiterlijk, review_reden, review_sinds, beoordeeld_op)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::timestamptz, $13,"
            " $14::text[], $15, $16, $17, $18, $19, $20, NULLIF($21, ''),"
            " CASE WHEN $21 = '' THEN NULL ELSE now() END, now())"
            " RETURNING id",
            row.bericht_id, gemeente, domein, agb, d.header.bericht_identificatie.identificatie,
            d.header.bericht_identificatie.dagtekening.ToString(), d.declaratie.declaratie_nummer,
            d.declaratie.declaratie_periode.begindatum.ToString(),
            d.declaratie.declaratie_periode.einddatum.ToString(),
            d.declaratie.totaal_ingediend_bedrag.Signed().value(), o.toegekend.value(),
            row.ontvangen_op, row.status, afgewezen.Take(), telt_mee, o.goedgekeurd, o.afgekeurd,
            o.niet_beoordeeld, row.antwoord_uiterlijk.ToString(), row.betalen_uiterlijk.ToString(),
            row.review_reden.value_or(""))[0]
          .as<int64_t>();
  if (!telt_mee) return id;

  ArrayLiteral bsn, positie, ref, vorig, toewijzing, categorie, code, begin, eind, volume, eenheid,
      tarief, bedrag, dc, status, codes, client_codes;
  ArrayLiteral credited_debit;  // VorigReferentieNummer of approved credits
  int64_t pos = 0;
  for (size_t ci = 0; ci < d.declaratie.clienten.size(); ++ci) {
    const auto& c = d.declaratie.clienten[ci];
    ArrayLiteral cc;
    for (const auto& rc : o.clienten[ci].codes) cc.Add(rc);
    const std::string client_literal = cc.Take();
    for (size_t pi = 0; pi < c.prestaties.size(); ++pi, ++pos) {
      const Prestatie& p = c.prestaties[pi];
      const workflow::PrestatieOordeel& po = o.clienten[ci].prestaties[pi];
      bsn.Add(c.bsn.str());
      positie.Add(pos);
      ref.Add(p.product_referentie.referentie_nummer.str());
      if (p.product_referentie.vorig_referentie_nummer) {
        vorig.Add(p.product_referentie.vorig_referentie_nummer->str());
      } else {
        vorig.AddNull();
      }
      toewijzing.Add(p.toewijzing_nummer.value());
      categorie.Add(p.product_categorie);
      code.Add(p.product_code);
      begin.Add(p.product_periode.begindatum.ToString());
      eind.Add(p.product_periode.einddatum.ToString());
      volume.Add(p.geleverd_volume);
      eenheid.Add(p.eenheid);
      if (p.product_tarief) {
        tarief.Add(p.product_tarief->value());
      } else {
        tarief.AddNull();
      }
      bedrag.Add(p.ingediend_bedrag.bedrag.value());
      const bool credit = p.ingediend_bedrag.debet_credit == DebetCredit::kCredit;
      dc.Add(std::string_view(credit ? "C" : "D"));
      status.Add(std::string_view(po.goedgekeurd  ? "goedgekeurd"
                                  : po.beoordeeld ? "afgekeurd"
                                                  : "niet_beoordeeld"));
      ArrayLiteral pc;
      for (const auto& rc : po.codes) pc.Add(rc);
      codes.Add(pc.Take());
      client_codes.Add(client_literal);
      if (credit && po.goedgekeurd) {
        credited_debit.Add(p.product_referentie.vorig_referentie_nummer->str());
      }
    }
  }
  tx.exec_params(
      "INSERT INTO prestatie (declaratie_id, gemeente, domein, agb, bsn, positie,"
      " referentienummer, vorig_referentienummer, toewijzing_nummer, categorie, code,"
      " periode_begin, periode_eind, volume, eenheid, tarief_cent, bedrag_cent, debet_credit,"
      " status, retourcodes, client_retourcodes)"
      " SELECT $1, $2, $3, $4, u.bsn, u.positie, u.ref, u.vorig, u.toewijzing, u.categorie,"
      " u.code, u.begin, u.eind, u.volume, u.eenheid, u.tarief, u.bedrag, u.dc, u.status,"
      " u.codes::text[], u.client_codes::text[]"
      " FROM unnest($5::text[], $6::int[], $7::text[], $8::text[], $9::bigint[], $10::text[],"
      " $11::text[], $12::date[], $13::date[], $14::bigint[], $15::text[], $16::bigint[],"
      " $17::bigint[], $18::text[], $19::text[], $20::text[], $21::text[])"
      " AS u(bsn, positie, ref, vorig, toewijzing, categorie, code, begin, eind, volume,"
      " eenheid, tarief, bedrag, dc, status, codes, client_codes)",
      id, gemeente, domein, agb, bsn.Take(), positie.Take(), ref.Take(), vorig.Take(),
      toewijzing.Take(), categorie.Take(), code.Take(), begin.Take(), eind.Take(), volume.Take(),
      eenheid.Take(), tarief.Take(), bedrag.Take(), dc.Take(), status.Take(), codes.Take(),
      client_codes.Take());
  if (credited_debit.size() > 0) {
    // Each approved credit marks the debit it credits (TR390 refuses a second credit).
    tx.exec_params(
        "UPDATE prestatie debit SET gecrediteerd_door = credit.referentienummer"
        " FROM prestatie credit"
        " WHERE credit.declaratie_id = $1 AND credit.debet_credit = 'C'"
        " AND credit.status = 'goedgekeurd' AND debit.gemeente = $2 AND debit.domein = $3"
        " AND debit.agb = $4 AND debit.referentienummer = credit.vorig_referentienummer"
        " AND debit.debet_credit = 'D' AND debit.gecrediteerd_door IS NULL"
        " AND debit.referentienummer = ANY ($5::text[])",
        id, gemeente, domein, agb, credited_debit.Take());
  }
  return id;
}

int BetaaltermijnDagen(pqxx::transaction_base& tx, const std::string& agb) {
  const pqxx::result r =
      tx.exec_params("SELECT betaaltermijn_dagen FROM aanbieder WHERE agb = $1", agb);
  return r.empty() ? 30 : r[0][0].as<int>();
}

std::optional<std::string> MatchReviewRegel(pqxx::transaction_base& tx, const Bericht323& d) {
  const pqxx::result r = tx.exec_params(
      "SELECT reden FROM review_regel WHERE actief AND gemeente IN ('', $1)"
      " AND domein IN ('', $2) AND agb IN ('', $3) AND (vanaf_cent IS NULL OR vanaf_cent <= $4)"
      " ORDER BY id LIMIT 1",
      d.header.gemeente.str(), Domein(d), d.header.aanbieder.str(),
      d.declaratie.totaal_ingediend_bedrag.Signed().value());
  if (r.empty()) return std::nullopt;
  return std::string(r[0][0].c_str());
}

Oordeel LoadOordeel(pqxx::transaction_base& tx, int64_t declaratie_id, const Bericht323& d) {
  Oordeel o;
  const pqxx::row dr = tx.exec_params1(
      "SELECT afgewezen_codes, telt_mee FROM declaratie WHERE id = $1", declaratie_id);
  if (!dr[1].as<bool>()) {
    // Rejected as a whole: header codes are the ones the 325 header carries.
    for (auto& c : ParseTextArray(dr[0].c_str())) {
      const bool header = c == "9056" || c == "8848" || c == "S300" || c == "0001";
      (header ? o.header_codes : o.declaratie_codes).push_back(std::move(c));
    }
    return o;
  }
  std::vector<workflow::PrestatieOordeel> by_pos;
  for (const auto& r : tx.exec_params(
           "SELECT status, retourcodes FROM prestatie WHERE declaratie_id = $1 ORDER BY positie",
           declaratie_id)) {
    workflow::PrestatieOordeel po;
    const std::string_view status = r[0].c_str();
    po.goedgekeurd = status == "goedgekeurd";
    po.beoordeeld = status != "niet_beoordeeld";
    po.codes = ParseTextArray(r[1].c_str());
    by_pos.push_back(std::move(po));
  }
  size_t pos = 0;
  o.clienten.resize(d.declaratie.clienten.size());
  for (size_t ci = 0; ci < d.declaratie.clienten.size(); ++ci) {
    const auto& c = d.declaratie.clienten[ci];
    for (size_t pi = 0; pi < c.prestaties.size() && pos < by_pos.size(); ++pi, ++pos) {
      const workflow::PrestatieOordeel& po = by_pos[pos];
      o.clienten[ci].prestaties.push_back(po);
      if (!po.beoordeeld && o.clienten[ci].codes.empty()) o.clienten[ci].codes = {"8187"};
      o.Tel(po, c.prestaties[pi].ingediend_bedrag.Signed());
    }
  }
  return o;
}

}  // namespace sluis::db::internal
