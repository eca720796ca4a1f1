// Retours on what Sluis sent. A 302 tells whether the aanbieder accepted the toewijzingen of
// our 301: no codes (header-only) = all accepted; header codes = the whole 301 refused;
// otherwise the ToegewezenProducten listed with codes are refused and the rest accepted.
#include "inbox_internal.h"
#include "pg_array.h"

namespace sluis::db::internal {

namespace {

// Our heenbericht this retour answers: linked by the transport (StUF cross-reference), else
// found by the BerichtIdentificatie the retour copies (IV028).
std::optional<int64_t> FindHeen(pqxx::transaction_base& tx, const Claimed& m,
                                const codecs::Header& heen, codecs::BerichtType heen_type) {
  const pqxx::result r = tx.exec_params(
      "SELECT coalesce((SELECT answers_bericht_id FROM bericht WHERE id = $1),"
      " (SELECT id FROM bericht WHERE direction = 'out' AND berichttype = $2 AND domein = $3"
      "  AND gemeente = $4 AND agb = $5 AND identificatie = $6 AND dagtekening = $7"
      "  ORDER BY id DESC LIMIT 1))",
      m.id, codecs::Nummer(heen_type), std::string(codecs::DomeinName(m.domein)),
      heen.gemeente.str(), heen.aanbieder.str(), heen.bericht_identificatie.identificatie,
      heen.bericht_identificatie.dagtekening.ToString());
  if (r.empty() || r[0][0].is_null()) return std::nullopt;
  return r[0][0].as<int64_t>();
}

std::string Codes(const codecs::RetourCodes& codes) {
  ArrayLiteral a;
  for (const auto& c : codes) a.Add(c);
  return a.Take();
}

}  // namespace

InboxResult HandleRetour(pqxx::transaction_base& tx, const Claimed& m, const codecs::Bericht& b) {
  InboxResult r{m.id, m.domein, m.type, "processed", "", {}, {}};
  const auto& retour = std::get<codecs::Bericht302>(b);
  const std::optional<int64_t> heen =
      FindHeen(tx, m, retour.header.heen, codecs::BerichtType::k301);
  if (!heen) {
    r.detail = "302 answers no 301 we sent (" +
               retour.header.heen.bericht_identificatie.identificatie + ")";
    tx.exec_params(
        "UPDATE bericht SET state = 'processed', error = $2, processed_at = now() WHERE id = $1",
        m.id, r.detail);
    return r;
  }
  tx.exec_params("UPDATE bericht SET answers_bericht_id = $2 WHERE id = $1", m.id, *heen);
  int afgekeurd = 0;
  if (!retour.header.retour_codes.empty()) {
    afgekeurd = static_cast<int>(tx.exec_params("UPDATE toewijzing SET levering = 'afgekeurd',"
                                                " levering_codes = $2::text[], updated_at = now()"
                                                " WHERE levering_bericht_id = $1",
                                                *heen, Codes(retour.header.retour_codes))
                                     .affected_rows());
  } else if (retour.client) {
    for (const auto& p : retour.client->toegewezen_producten) {
      if (p.retour_codes.empty()) continue;
      afgekeurd += static_cast<int>(
          tx.exec_params(
                "UPDATE toewijzing SET levering = 'afgekeurd', levering_codes = $3::text[],"
                " updated_at = now() WHERE levering_bericht_id = $1 AND nummer = $2",
                *heen, p.toewijzing_nummer.value(), Codes(p.retour_codes))
              .affected_rows());
    }
  }
  const auto ontvangen = tx.exec_params(
      "UPDATE toewijzing SET levering = 'ontvangen', levering_codes = NULL, updated_at = now()"
      " WHERE levering_bericht_id = $1 AND levering = 'verzonden'",
      *heen);
  r.detail = "302 on 301 #" + std::to_string(*heen) + ": " +
             std::to_string(ontvangen.affected_rows()) + " accepted, " + std::to_string(afgekeurd) +
             " refused";
  tx.exec_params("UPDATE bericht SET state = 'processed', processed_at = now() WHERE id = $1",
                 m.id);
  return r;
}

}  // namespace sluis::db::internal
