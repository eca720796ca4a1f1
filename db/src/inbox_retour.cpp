// Retours on what Sluis sent. A 302 tells whether the aanbieder accepted the toewijzingen of
// our 301: no codes (header-only) = all accepted; header codes = the whole 301 refused;
// otherwise the ToegewezenProducten listed with codes are refused and the rest accepted. A 320
// does the same for our 319 (verzoek_antwoord.levering). Either closes the OP090 alert on the
// heenbericht (SweepRegieTermijnen raises it when the retour is late).
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

std::string Joined(const codecs::RetourCodes& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : " ") + c;
  return out;
}

void ResolveRetourAlert(pqxx::transaction_base& tx, const Claimed& m, int64_t heen) {
  tx.exec_params(
      "UPDATE alert SET resolved_at = to_timestamp($2::bigint / 1000.0)"
      " WHERE condition_key = $1 AND resolved_at IS NULL",
      "retour_ontvangen:bericht/" + std::to_string(heen),
      static_cast<int64_t>(m.ontvangen.time_since_epoch().count()));
}

// Links the retour in `m` to the heenbericht it answers and closes that one's OP090 alert.
// Without a heenbericht the retour is finished with a note in r.detail and nullopt returned.
std::optional<int64_t> LinkHeen(pqxx::transaction_base& tx, const Claimed& m,
                                const codecs::RetourHeader& header, codecs::BerichtType heen_type,
                                InboxResult& r) {
  const std::optional<int64_t> heen = FindHeen(tx, m, header.heen, heen_type);
  if (!heen) {
    r.detail = std::to_string(codecs::Nummer(m.type)) + " answers no " +
               std::to_string(codecs::Nummer(heen_type)) + " we sent (" +
               header.heen.bericht_identificatie.identificatie + ")";
    Finish(tx, m.id, "processed", r.detail);
    return std::nullopt;
  }
  tx.exec_params("UPDATE bericht SET answers_bericht_id = $2 WHERE id = $1", m.id, *heen);
  ResolveRetourAlert(tx, m, *heen);
  return heen;
}

InboxResult Handle320(pqxx::transaction_base& tx, const Claimed& m,
                      const codecs::Bericht320& retour) {
  InboxResult r{m.id, m.domein, m.type, "processed", "", {}, {}};
  const std::optional<int64_t> heen = LinkHeen(tx, m, retour.header, codecs::BerichtType::k319, r);
  if (!heen) return r;
  // 0200 on a class means "no remark"; any other code refuses the 319.
  auto refuses = [](const codecs::RetourCodes& c) {
    return !c.empty() && c != codecs::RetourCodes{"0200"};
  };
  const bool header_refuses = refuses(retour.header.retour_codes);
  const bool afgekeurd =
      header_refuses || (retour.antwoord && refuses(retour.antwoord->retour_codes));
  const codecs::RetourCodes codes = !afgekeurd       ? codecs::RetourCodes{}
                                    : header_refuses ? retour.header.retour_codes
                                                     : retour.antwoord->retour_codes;
  tx.exec_params(
      "UPDATE verzoek_antwoord SET levering = $2, levering_codes = NULLIF($3, '{}')::text[]"
      " WHERE bericht_id = $1",
      *heen, afgekeurd ? "afgekeurd" : "ontvangen",
      Codes(afgekeurd ? codes : codecs::RetourCodes{}));
  r.detail = "320 on 319 #" + std::to_string(*heen) + ": " +
             (afgekeurd ? "refused (" + Joined(codes) + ")" : "accepted");
  Finish(tx, m.id, "processed");
  return r;
}

}  // namespace

InboxResult HandleRetour(pqxx::transaction_base& tx, const Claimed& m, const codecs::Bericht& b) {
  if (m.type == codecs::BerichtType::k320) return Handle320(tx, m, std::get<codecs::Bericht320>(b));
  InboxResult r{m.id, m.domein, m.type, "processed", "", {}, {}};
  const auto& retour = std::get<codecs::Bericht302>(b);
  const std::optional<int64_t> heen = LinkHeen(tx, m, retour.header, codecs::BerichtType::k301, r);
  if (!heen) return r;
  int afgekeurd = 0;
  // Header 0200 means "see the classes"; any other header code refuses the whole 301.
  if (!retour.header.retour_codes.empty() &&
      retour.header.retour_codes != codecs::RetourCodes{"0200"}) {
    afgekeurd = static_cast<int>(tx.exec_params("UPDATE toewijzing SET levering = 'afgekeurd',"
                                                " levering_codes = $2::text[], updated_at = now()"
                                                " WHERE levering_bericht_id = $1",
                                                *heen, Codes(retour.header.retour_codes))
                                     .affected_rows());
  } else if (retour.client) {
    for (const auto& p : retour.client->toegewezen_producten) {
      if (p.retour_codes.empty() || p.retour_codes == codecs::RetourCodes{"0200"}) continue;
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
  Finish(tx, m.id, "processed");
  return r;
}

}  // namespace sluis::db::internal
