// 315 Verzoek om toewijzing and 317 Verzoek om wijziging in the inbox: header and level-3 rules
// (workflow/regie.h), the retour (316/318), and — when accepted — the verzoek in the back
// office's work queue with its deadline (OP274/OP346: a 301 or 319 within 5 werkdagen). The
// decision itself is sluis/db/verzoeken.h.
#include "sluis/workflow/deadlines.h"

#include "inbox_internal.h"
#include "pg_array.h"

namespace sluis::db::internal {

namespace {

using codecs::BerichtType;

std::string Dom(codecs::Domein d) { return std::string(codecs::DomeinName(d)); }

workflow::VerzoekFeiten LoadVerzoekFeiten(pqxx::transaction_base& tx, const Claimed& m,
                                          const codecs::Header& h, const codecs::Bsn& bsn,
                                          const std::vector<std::string>& referenties,
                                          const std::vector<int64_t>& genoemd = {}) {
  workflow::VerzoekFeiten f;
  const HeaderFeiten hf = LoadHeaderFeiten(tx, m, h);
  f.identificatie_eerder_gebruikt = hf.identificatie_eerder_gebruikt;
  f.gemeente_bekend = hf.gemeente_bekend;
  ArrayLiteral a;
  for (const auto& r : referenties) a.Add(r);
  for (const auto& r :
       tx.exec_params("SELECT referentie_aanbieder FROM verzoek WHERE gemeente = $1 AND domein = $2"
                      " AND agb = $3 AND referentie_aanbieder = ANY ($4::text[])",
                      h.gemeente.str(), Dom(m.domein), h.aanbieder.str(), a.Take())) {
    f.gebruikte_referenties.insert(r[0].c_str());
  }
  f.verzoek_onderhanden =
      tx.exec_params1(
            "SELECT EXISTS (SELECT 1 FROM verzoek WHERE gemeente = $1 AND domein = $2"
            " AND agb = $3 AND bsn = $4 AND status IN ('open', 'in_onderzoek'))",
            h.gemeente.str(), Dom(m.domein), h.aanbieder.str(), bsn.str())[0]
          .as<bool>();
  if (m.type == BerichtType::k317) {
    for (const auto& r : tx.exec_params(
             "SELECT nummer, categorie, code, ingangsdatum, einddatum, reden_wijziging, volume,"
             " eenheid, frequentie, budget_cent FROM toewijzing_actueel WHERE gemeente = $1"
             " AND domein = $2 AND agb = $3 AND bsn = $4 ORDER BY nummer",
             h.gemeente.str(), Dom(m.domein), h.aanbieder.str(), bsn.str())) {
      workflow::ToewijzingFeit t;
      t.nummer = codecs::ToewijzingNummer(r[0].as<int64_t>());
      t.agb = h.aanbieder;
      t.bsn = bsn;
      if (!r[1].is_null()) {
        t.product = codecs::Product{r[1].c_str(), std::nullopt};
        if (!r[2].is_null()) t.product->code = r[2].c_str();
      }
      t.ingangsdatum = *codecs::Date::Parse(r[3].c_str());
      if (!r[4].is_null()) t.einddatum = codecs::Date::Parse(r[4].c_str());
      if (!r[5].is_null()) t.reden_wijziging = r[5].c_str();
      if (!r[6].is_null())
        t.omvang = codecs::Omvang{r[6].as<int64_t>(), r[7].c_str(), r[8].c_str()};
      if (!r[9].is_null()) t.budget = codecs::Cents(r[9].as<int64_t>());
      f.toewijzingen.push_back(std::move(t));
    }
    // TR304: the named toewijzingen of this aanbieder that belong to another client.
    ArrayLiteral nummers;
    for (int64_t n : genoemd) nummers.Add(n);
    for (const auto& r : tx.exec_params(
             "SELECT nummer FROM toewijzing_actueel WHERE gemeente = $1 AND domein = $2"
             " AND agb = $3 AND bsn <> $4 AND nummer = ANY ($5::bigint[])",
             h.gemeente.str(), Dom(m.domein), h.aanbieder.str(), bsn.str(), nummers.Take())) {
      f.nummers_andere_client.insert(r[0].as<int64_t>());
    }
  }
  return f;
}

void InsertVerzoek(pqxx::transaction_base& tx, const InboxConfig& config, const Claimed& m,
                   const codecs::Header& h, const codecs::Bsn& bsn, int positie,
                   const std::string& referentie) {
  const codecs::Date ontvangen = workflow::DutchDate(m.ontvangen);
  const codecs::Date uiterlijk =
      workflow::DueDate(workflow::DeadlineKind::kBesluit, ontvangen, config.calendar);
  tx.exec_params(
      "INSERT INTO verzoek (bericht_id, berichttype, positie, gemeente, domein, agb, bsn,"
      " referentie_aanbieder, dagtekening, ontvangen_op, besluit_uiterlijk)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz, $11)"
      " ON CONFLICT DO NOTHING",
      m.id, codecs::Nummer(m.type), positie, h.gemeente.str(), Dom(m.domein), h.aanbieder.str(),
      bsn.str(), referentie, h.bericht_identificatie.dagtekening.ToString(), m.ontvangen_op,
      uiterlijk.ToString());
}

}  // namespace

InboxResult HandleVerzoek(pqxx::transaction_base& tx, const InboxConfig& config, const Claimed& m,
                          const codecs::Bericht& b, workflow::TimePoint now) {
  const codecs::Date vandaag = workflow::DutchDate(m.ontvangen);
  if (m.type == BerichtType::k315) {
    const auto& v = std::get<codecs::Bericht315>(b);
    std::vector<std::string> referenties;
    for (const auto& p : v.client.aangevraagde_producten) {
      referenties.push_back(p.referentie_aanbieder);
    }
    const auto f = LoadVerzoekFeiten(tx, m, v.header, v.client.bsn, referenties);
    const workflow::RegieOordeel o = workflow::BeoordeelVerzoekToewijzing(v, f, vandaag);
    if (!o.Afgekeurd()) {
      for (size_t i = 0; i < referenties.size(); ++i) {
        InsertVerzoek(tx, config, m, v.header, v.client.bsn, static_cast<int>(i), referenties[i]);
      }
    }
    return SendRegieRetour(tx, config, m, b, o, now,
                           o.Afgekeurd() ? "315 rejected: " + o.Codes()
                                         : "315 accepted: " + std::to_string(referenties.size()) +
                                               " verzoek(en) in the work queue");
  }
  const auto& v = std::get<codecs::Bericht317>(b);
  const std::string& referentie = v.client.verzoek.referentie_aanbieder;
  std::vector<int64_t> genoemd;  // the ToewijzingNummers the 317 names
  for (const auto& p : v.client.verzoek.ongewijzigde_producten) {
    genoemd.push_back(p.toewijzing_nummer.value());
  }
  for (const auto& p : v.client.verzoek.te_wijzigen_producten) {
    genoemd.push_back(p.toewijzing_nummer.value());
  }
  const auto f = LoadVerzoekFeiten(tx, m, v.header, v.client.bsn, {referentie}, genoemd);
  const workflow::RegieOordeel o = workflow::BeoordeelVerzoekWijziging(v, f, vandaag);
  if (!o.Afgekeurd()) InsertVerzoek(tx, config, m, v.header, v.client.bsn, 0, referentie);
  return SendRegieRetour(tx, config, m, b, o, now,
                         o.Afgekeurd()
                             ? "317 rejected: " + o.Codes()
                             : "317 accepted: verzoek " + referentie + " in the work queue");
}

}  // namespace sluis::db::internal
