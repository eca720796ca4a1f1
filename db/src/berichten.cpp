#include "sluis/db/berichten.h"

#include "connection_impl.h"
#include "pg_array.h"
#include "sql_util.h"

namespace sluis::db {
namespace {

using internal::ParseTextArray;

constexpr const char* kBerichtColumns =
    "id, direction, domein, berichttype, gemeente, agb, identificatie, dagtekening, state, error,"
    " answers_bericht_id";

// The columns of kBerichtColumns: everything but the payload.
OpgeslagenBericht ReadBericht(const pqxx::row& r) {
  OpgeslagenBericht b;
  b.id = r[0].as<int64_t>();
  b.direction = r[1].c_str();
  b.domein = *codecs::ParseDomeinName(r[2].c_str());
  b.type = *codecs::FromNummer(r[3].as<int>());
  b.gemeente = r[4].c_str();
  b.agb = r[5].c_str();
  b.identificatie = r[6].c_str();
  b.dagtekening = *codecs::Date::Parse(r[7].c_str());
  b.state = r[8].c_str();
  if (!r[9].is_null()) b.error = r[9].c_str();
  if (!r[10].is_null()) b.answers_bericht_id = r[10].as<int64_t>();
  return b;
}

}  // namespace

int64_t RegisterBericht(Connection& conn, const NieuwBericht& b) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const std::string created =
        b.created_at ? codecs::FormatXsDateTime(*b.created_at) : std::string();
    const int64_t id =
        tx.exec_params1(
              "INSERT INTO bericht (direction, domein, berichttype, gemeente, agb, identificatie,"
              " dagtekening, payload, state, error, created_at) VALUES ($1, $2, $3, $4, $5, $6,"
              " $7, $8, $9, NULLIF($10, ''), coalesce(NULLIF($11, '')::timestamptz, now()))"
              " RETURNING id",
              b.direction, std::string(codecs::DomeinName(b.domein)), codecs::Nummer(b.type),
              b.gemeente, b.agb, b.identificatie, b.dagtekening.ToString(),
              pqxx::binarystring(b.payload), b.state, b.error.value_or(""), created)[0]
            .as<int64_t>();
    tx.commit();
    return id;
  });
}

std::optional<OpgeslagenBericht> LoadBericht(Connection& conn, int64_t id) {
  return MapErrors([&]() -> std::optional<OpgeslagenBericht> {
    pqxx::read_transaction tx(conn.impl().conn);
    const pqxx::result r = tx.exec_params(
        std::string("SELECT ") + kBerichtColumns + " FROM bericht WHERE id = $1", id);
    if (r.empty()) return std::nullopt;
    OpgeslagenBericht b = ReadBericht(r[0]);
    b.payload = internal::BerichtPayload(tx, id);
    return b;
  });
}

std::vector<OpgeslagenBericht> ListOutgoing(Connection& conn, const std::string& state) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    std::vector<OpgeslagenBericht> out;
    for (const auto& r : tx.exec_params(std::string("SELECT ") + kBerichtColumns +
                                            ", payload FROM bericht WHERE direction = 'out' AND"
                                            " state = $1 ORDER BY id",
                                        state)) {
      OpgeslagenBericht b = ReadBericht(r);
      b.payload = internal::BytesOf(r[11]);
      out.push_back(std::move(b));
    }
    return out;
  });
}

void SetBerichtState(Connection& conn, int64_t id, const std::string& state) {
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    tx.exec_params("UPDATE bericht SET state = $2 WHERE id = $1", id, state);
    tx.commit();
  });
}

std::optional<DeclaratieUitkomst> LoadDeclaratieByBericht(Connection& conn, int64_t bericht_id) {
  return MapErrors([&]() -> std::optional<DeclaratieUitkomst> {
    pqxx::read_transaction tx(conn.impl().conn);
    const pqxx::result r = tx.exec_params(
        "SELECT id, bericht_id, gemeente, domein, agb, identificatie, declaratienummer, status,"
        " afgewezen_codes, ingediend_cent, coalesce(toegekend_cent, 0), aantal_goedgekeurd,"
        " aantal_afgekeurd, aantal_niet_beoordeeld, antwoord_uiterlijk, betalen_uiterlijk,"
        " antwoord_bericht_id FROM declaratie WHERE bericht_id = $1",
        bericht_id);
    if (r.empty()) return std::nullopt;
    const pqxx::row row = r[0];
    DeclaratieUitkomst d;
    d.id = row[0].as<int64_t>();
    d.bericht_id = row[1].as<int64_t>();
    d.gemeente = row[2].c_str();
    d.domein = row[3].c_str();
    d.agb = row[4].c_str();
    d.identificatie = row[5].c_str();
    d.declaratienummer = row[6].c_str();
    d.status = row[7].c_str();
    d.afgewezen_codes = ParseTextArray(row[8].c_str());
    d.ingediend_cent = row[9].as<int64_t>();
    d.toegekend_cent = row[10].as<int64_t>();
    d.aantal_goedgekeurd = row[11].as<int>();
    d.aantal_afgekeurd = row[12].as<int>();
    d.aantal_niet_beoordeeld = row[13].as<int>();
    d.antwoord_uiterlijk = *codecs::Date::Parse(row[14].c_str());
    d.betalen_uiterlijk = *codecs::Date::Parse(row[15].c_str());
    if (!row[16].is_null()) d.antwoord_bericht_id = row[16].as<int64_t>();
    for (const auto& p :
         tx.exec_params("SELECT referentienummer, bsn, status, retourcodes,"
                        " CASE WHEN debet_credit = 'C' THEN -bedrag_cent ELSE bedrag_cent END,"
                        " client_retourcodes"
                        " FROM prestatie WHERE declaratie_id = $1 ORDER BY positie",
                        d.id)) {
      d.prestaties.push_back({p[0].c_str(), p[1].c_str(), p[2].c_str(),
                              ParseTextArray(p[3].c_str()), p[4].as<int64_t>(),
                              ParseTextArray(p[5].c_str())});
    }
    return d;
  });
}

}  // namespace sluis::db
