#include "outgoing.h"

#include <cstdio>

#include "sluis/codecs/rules.h"

#include "sql_util.h"

namespace sluis::db::internal {

std::string NextIdentificatie(pqxx::transaction_base& tx) {
  const int64_t n =
      ExecPrepared1(tx, "SELECT nextval('bericht_identificatie_seq')")[0].as<int64_t>();
  char buf[16];
  std::snprintf(buf, sizeof buf, "SL%010lld", static_cast<long long>(n % 10000000000LL));
  return buf;
}

codecs::XsdVersie OwnXsdVersie(const codecs::SchemaSet& schemas, codecs::Domein domein,
                               codecs::BerichtType type) {
  return {schemas.BasisschemaXsdVersie(domein), schemas.BerichtXsdVersie(domein, type)};
}

Queued QueueOutgoing(pqxx::transaction_base& tx, const codecs::SchemaSet& schemas,
                     const codecs::Bericht& b, std::optional<int64_t> answers) {
  const codecs::Domein domein = codecs::DomeinOf(b);
  const codecs::BerichtType type = codecs::TypeOf(b);
  const std::string xml = codecs::EncodeBericht(b);
  std::string error;
  for (const codecs::Error& e : schemas.ValidatePayload(domein, type, xml, 10)) {
    error += e.ToString() + "\n";
  }
  for (const codecs::RuleViolation& v : codecs::CheckLevel2(b)) {
    error += v.ToError().ToString() + "\n";
  }
  if (!error.empty()) return {0, error};

  // Whose identity names the message: a retour's own IdentificatieRetour, else the header's.
  std::string identificatie;
  codecs::Date dagtekening;
  std::visit(
      [&](const auto& m) {
        if constexpr (requires { m.header.identificatie_retour; }) {
          identificatie = m.header.identificatie_retour;
          dagtekening = m.header.dagtekening_retour;
        } else {
          identificatie = codecs::HeaderOf(b).bericht_identificatie.identificatie;
          dagtekening = codecs::HeaderOf(b).bericht_identificatie.dagtekening;
        }
      },
      b);
  const codecs::Header& h = codecs::HeaderOf(b);
  const int64_t id =
      ExecPrepared1(
          tx,
          "INSERT INTO bericht (direction, domein, berichttype, gemeente, agb, identificatie,"
          " dagtekening, payload, answers_bericht_id, state)"
          " VALUES ('out', $1, $2, $3, $4, $5, $6, $7, $8, 'queued') RETURNING id",
          std::string(codecs::DomeinName(domein)), codecs::Nummer(type), h.gemeente.str(),
          h.aanbieder.str(), identificatie, dagtekening.ToString(), pqxx::binarystring(xml),
          answers)[0]
          .as<int64_t>();
  return {id, ""};
}

}  // namespace sluis::db::internal
