// Test fixture for the payment repository: a schema of its own, and declaraties, berichten and
// aanbieders inserted directly with SQL in whatever state a test needs.
#pragma once

#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "sluis/codecs/xsd.h"
#include "sluis/db/betaling.h"
#include "sluis/db/connection.h"

#include "pg_schema.h"
#include "test_env.h"

namespace sluis::db {

// Test IBANs (valid check digits, no real accounts behind them).
inline constexpr char kIbanA[] = "NL02ABNA0123456789";
inline constexpr char kIbanB[] = "NL20INGB0001234567";
inline constexpr char kIbanGemeente[] = "NL91ABNA0417164300";

class BetalingPgTest : public ::testing::Test {
 protected:
  testing::TestSchema schema;
  Connection conn{schema.url()};

  static const codecs::SchemaSet& Schemas() {
    static auto s = *codecs::SchemaSet::Load(testing::SharedDir());
    return *s;
  }

  static workflow::TimePoint At(const std::string& iso) { return *codecs::ParseXsDateTime(iso); }
  static Date D(const char* s) { return *Date::Parse(s); }

  std::string Q(const std::string& sql) const { return schema.Query(sql); }

  void Aanbieder(const std::string& agb, const std::string& naam, const std::string& iban) {
    Q("INSERT INTO aanbieder (agb, naam, iban) VALUES ('" + agb + "', '" + naam + "', '" + iban +
      "')");
  }

  // A 323 bericht and its declaratie; returns the declaratie id. Received at noon (Dutch time)
  // on `ontvangen`, due `termijn` days later.
  int64_t Declaratie(const std::string& agb, const std::string& nummer, int64_t toegekend,
                     const std::string& status, const std::string& ontvangen = "2026-10-01",
                     const std::string& gemeente = "0363", int termijn = 30) {
    static int counter = 0;
    const std::string ident = "I" + std::to_string(++counter);
    return std::stoll(
        Q("WITH b AS (INSERT INTO bericht (direction, domein, berichttype, gemeente, agb,"
          " identificatie, dagtekening, payload, state) VALUES ('in', 'wmo', 323, '" +
          gemeente + "', '" + agb + "', '" + ident + "', '" + ontvangen +
          "', convert_to('<x/>', 'UTF8'), 'processed') RETURNING id)"
          " INSERT INTO declaratie (bericht_id, gemeente, domein, agb, identificatie, dagtekening,"
          " declaratienummer, periode_begin, periode_eind, ingediend_cent, toegekend_cent,"
          " ontvangen_op, status, antwoord_uiterlijk, betalen_uiterlijk)"
          " SELECT b.id, '" +
          gemeente + "', 'wmo', '" + agb + "', '" + ident + "', '" + ontvangen + "', '" + nummer +
          "', '2026-09-01', '2026-09-30', " + std::to_string(toegekend) + ", " +
          std::to_string(toegekend) + ", ('" + ontvangen +
          " 12:00'::timestamp AT TIME ZONE 'Europe/Amsterdam'), '" + status + "', '" + ontvangen +
          "'::date + 14, '" + ontvangen + "'::date + " + std::to_string(termijn) +
          " FROM b RETURNING id"));
  }

  std::string Status(int64_t declaratie) const {
    return Q("SELECT status FROM declaratie WHERE id = " + std::to_string(declaratie));
  }
  std::string BatchOf(int64_t declaratie) const {
    return Q("SELECT betaalbatch_id FROM declaratie WHERE id = " + std::to_string(declaratie));
  }
  int AuditCount(const std::string& action) const {
    return std::stoi(Q("SELECT count(*) FROM audit_log WHERE action = '" + action + "'"));
  }

  Debiteur Gemeente() const { return {"Gemeente Teststad", kIbanGemeente, "ABNANL2A"}; }

  // A batch for 0363 made on 23 November 2026, to be executed on the 25th.
  codecs::Result<BatchAangemaakt> Batch(const std::string& gemeente = "0363",
                                        const std::string& nu = "2026-11-23T09:00:00Z",
                                        const char* uitvoerdatum = "2026-11-25") {
    return MaakBetaalbatch(conn, {gemeente, D(uitvoerdatum), "fin.medewerker", At(nu)});
  }
};

}  // namespace sluis::db
