#include "outgoing.h"

#include <cstdio>

#include "sluis/codecs/rules.h"

#include "sql_util.h"

namespace sluis::db::internal {

std::string NextIdentificatie(pqxx::transaction_base& tx) {
  return FormatIdentificatie(
      ExecPrepared1(tx, "SELECT nextval('bericht_identificatie_seq')")[0].as<int64_t>());
}

std::string FormatIdentificatie(int64_t nummer) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "SL%010lld", static_cast<long long>(nummer % 10000000000LL));
  return buf;
}

codecs::XsdVersie OwnXsdVersie(const codecs::SchemaSet& schemas, codecs::Domein domein,
                               codecs::BerichtType type) {
  return {schemas.BasisschemaXsdVersie(domein), schemas.BerichtXsdVersie(domein, type)};
}

namespace {

// `b` encoded and checked, with the identity its row is stored under.
struct Checked {
  std::string xml;
  std::string error;  // XSD or level-2 findings; empty when it may be queued
  std::string identificatie;
  codecs::Date dagtekening;
};

Checked Check(const codecs::SchemaSet& schemas, const codecs::Bericht& b) {
  Checked c;
  c.xml = codecs::EncodeBericht(b);
  for (const codecs::Error& e :
       schemas.ValidatePayload(codecs::DomeinOf(b), codecs::TypeOf(b), c.xml, 10)) {
    c.error += e.ToString() + "\n";
  }
  for (const codecs::RuleViolation& v : codecs::CheckLevel2(b)) {
    c.error += v.ToError().ToString() + "\n";
  }
  // Whose identity names the message: a retour's own IdentificatieRetour, else the header's.
  std::visit(
      [&](const auto& m) {
        if constexpr (requires { m.header.identificatie_retour; }) {
          c.identificatie = m.header.identificatie_retour;
          c.dagtekening = m.header.dagtekening_retour;
        } else {
          c.identificatie = codecs::HeaderOf(b).bericht_identificatie.identificatie;
          c.dagtekening = codecs::HeaderOf(b).bericht_identificatie.dagtekening;
        }
      },
      b);
  return c;
}

constexpr char kInsertOut[] =
    "INSERT INTO bericht (direction, domein, berichttype, gemeente, agb, identificatie,"
    " dagtekening, payload, answers_bericht_id, state)"
    " VALUES ('out', $1, $2, $3, $4, $5, $6, $7, $8, 'queued') RETURNING id";

// `sql` takes kInsertOut's parameters, then `extra`.
template <class... Extra>
Queued Insert(pqxx::transaction_base& tx, const std::string& sql, const codecs::Bericht& b,
              const Checked& c, std::optional<int64_t> answers, const Extra&... extra) {
  const codecs::Header& h = codecs::HeaderOf(b);
  const pqxx::row row =  // not `.as<>` on the call: it depends on Extra
      ExecPrepared1(tx, sql, std::string(codecs::DomeinName(codecs::DomeinOf(b))),
                    codecs::Nummer(codecs::TypeOf(b)), h.gemeente.str(), h.aanbieder.str(),
                    c.identificatie, c.dagtekening.ToString(), pqxx::binarystring(c.xml), answers,
                    extra...);
  return {row[0].as<int64_t>(), ""};
}

}  // namespace

Queued QueueOutgoing(pqxx::transaction_base& tx, const codecs::SchemaSet& schemas,
                     const codecs::Bericht& b, std::optional<int64_t> answers) {
  const Checked c = Check(schemas, b);
  if (!c.error.empty()) return {0, c.error};
  return Insert(tx, kInsertOut, b, c, answers);
}

Queued QueueAnswer(pqxx::transaction_base& tx, const codecs::SchemaSet& schemas,
                   const codecs::Bericht& b, int64_t heen, const std::string& note) {
  const Checked c = Check(schemas, b);
  if (!c.error.empty()) return {0, c.error};
  // The heen's UPDATE is internal::Finish(tx, heen, "processed", note) folded into the INSERT
  // (one round trip): keep the two alike.
  static const std::string kSql =
      std::string(
          "WITH heen AS (UPDATE bericht SET state = 'processed', error = NULLIF($9, ''),"
          " processed_at = now() WHERE id = $8) ") +
      kInsertOut;
  return Insert(tx, kSql, b, c, heen, note);
}

}  // namespace sluis::db::internal
