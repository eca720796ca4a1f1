#include "volledige_set.h"

#include <algorithm>

#include "pg_array.h"
#include "toewijzing_store.h"

namespace sluis::db::internal {

VolledigeSet QueueVolledigeSet(pqxx::transaction_base& tx, const codecs::SchemaSet& schemas,
                               const codecs::GemeenteCode& gemeente, codecs::Domein domein,
                               const codecs::AgbCode& agb, const codecs::Bsn& bsn,
                               const std::vector<int64_t>& nu,
                               const std::optional<workflow::ClientGegevens>& fallback,
                               workflow::TimePoint now) {
  VolledigeSet out;
  const auto client = LoadClientIn(tx, gemeente, domein, bsn);
  out.client_known = client.has_value();
  const codecs::Date today = workflow::DutchDate(now);
  std::vector<workflow::ToewijzingVersie> volledig;
  for (const ActueleToewijzing& a : LoadActueelIn(tx, gemeente, domein, agb, bsn)) {
    workflow::ToewijzingVersie t = a.versie;
    const bool in_nu = std::find(nu.begin(), nu.end(), t.nummer.value()) != nu.end();
    const bool geldig = !t.einddatum || *t.einddatum >= today;
    if (!geldig && !in_nu && a.levering != Levering::kTeVerzenden) continue;
    if (!in_nu) t.referentie_aanbieder.reset();
    volledig.push_back(std::move(t));
  }
  out.identificatie = NextIdentificatie(tx);
  workflow::ClientGegevens gegevens;
  if (client) {
    gegevens = *client;
  } else if (fallback) {
    gegevens = *fallback;
  } else {
    gegevens.gemeente = gemeente;
    gegevens.domein = domein;
    gegevens.bsn = bsn;
  }
  const codecs::Bericht301 b =
      workflow::MaakBericht301(gegevens, volledig, out.identificatie, today,
                               OwnXsdVersie(schemas, domein, codecs::BerichtType::k301));
  out.queued = QueueOutgoing(tx, schemas, b, std::nullopt);
  if (!out.queued.id) return out;
  ArrayLiteral in_301;
  for (const workflow::ToewijzingVersie& t : volledig) in_301.Add(t.nummer.value());
  tx.exec_params(
      "UPDATE toewijzing SET levering = 'verzonden', levering_bericht_id = $3,"
      " levering_codes = NULL, updated_at = now()"
      " WHERE gemeente = $1 AND domein = $2 AND nummer = ANY ($4::bigint[])",
      gemeente.str(), std::string(codecs::DomeinName(domein)), out.queued.id, in_301.Take());
  return out;
}

}  // namespace sluis::db::internal
