#include <gtest/gtest.h>

#include "sluis/db/connection.h"
#include "sluis/db/migrations.h"

#include "pg_schema.h"

namespace sluis::db {
namespace {

using testing::TestSchema;

TEST(MigrationsTest, EmptySchemaHasEverythingPending) {
  TestSchema schema(/*migrate=*/false);
  Connection conn(schema.url());
  const SchemaStatus s = InspectSchema(conn);
  EXPECT_EQ(s.database_version, 0);
  EXPECT_EQ(s.binary_version, LatestKnownVersion());
  EXPECT_EQ(s.pending.size(), KnownMigrations().size());
  EXPECT_FALSE(s.current());
}

TEST(MigrationsTest, MigrateAppliesInOrderAndIsIdempotent) {
  TestSchema schema(/*migrate=*/false);
  Connection conn(schema.url());
  const MigrationReport first = Migrate(conn);
  EXPECT_EQ(first.from_version, 0);
  EXPECT_EQ(first.to_version, LatestKnownVersion());
  ASSERT_EQ(first.applied.size(), KnownMigrations().size());
  EXPECT_EQ(first.applied.front(), "0001_foundation");
  EXPECT_TRUE(InspectSchema(conn).current());
  // The tables exist in the test's own schema.
  EXPECT_EQ(schema.Query("SELECT count(*) FROM instance"), "1");

  const MigrationReport again = Migrate(conn);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.to_version, LatestKnownVersion());
  EXPECT_EQ(schema.Query("SELECT count(*) FROM schema_migrations"),
            std::to_string(KnownMigrations().size()));
}

TEST(MigrationsTest, RefusesADatabaseThatIsAhead) {
  TestSchema schema;
  schema.Query("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'x', 'y')");
  Connection conn(schema.url());
  EXPECT_TRUE(InspectSchema(conn).ahead());
  try {
    Migrate(conn);
    FAIL() << "Migrate accepted a newer schema";
  } catch (const DbError& e) {
    EXPECT_EQ(e.error_class(), DbError::Class::kFatal);
    EXPECT_NE(std::string(e.what()).find("newer than this binary"), std::string::npos);
  }
}

TEST(MigrationsTest, DetectsAnEditedMigration) {
  TestSchema schema;
  schema.Query("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
  Connection conn(schema.url());
  EXPECT_THROW(Migrate(conn), DbError);
}

TEST(MigrationsTest, PrestatieBulkKeepsWhichCreditCreditsWhichDebit) {
  // 0017 replaces the prestatie row id by (declaratie_id, positie); a debit's link to its
  // approved credit moves from the credit's id to its ReferentieNummer.
  TestSchema schema(/*migrate=*/false);
  for (const Migration& m : KnownMigrations()) {
    if (m.version < 17) schema.Query(std::string(m.sql));
  }
  schema.Query(
      "SET session_replication_role = replica;"  // no declaratie needed for this test
      "INSERT INTO prestatie (id, declaratie_id, gemeente, domein, agb, bsn, positie,"
      " referentienummer, vorig_referentienummer, toewijzing_nummer, categorie, code,"
      " periode_begin, periode_eind, volume, eenheid, bedrag_cent, debet_credit, status,"
      " gecrediteerd_door) VALUES"
      " (7, 1, '0363', 'wmo', '99000001', '999900006', 0, 'DEB1', NULL, 1, '01', '01A01',"
      "  '2026-01-01', '2026-01-31', 1, '01', 100, 'D', 'goedgekeurd', 8),"
      " (8, 2, '0363', 'wmo', '99000001', '999900006', 0, 'CRED1', 'DEB1', 1, '01', '01A01',"
      "  '2026-01-01', '2026-01-31', 1, '01', 100, 'C', 'goedgekeurd', NULL),"
      " (9, 2, '0363', 'wmo', '99000001', '999900006', 1, 'DEB2', NULL, 1, '01', '01A01',"
      "  '2026-02-01', '2026-02-28', 1, '01', 100, 'D', 'goedgekeurd', NULL);"
      "SET session_replication_role = origin");
  for (const Migration& m : KnownMigrations()) {
    if (m.version == 17) schema.Query(std::string(m.sql));
  }
  EXPECT_EQ(schema.Query("SELECT string_agg(referentienummer || '>' ||"
                         " coalesce(gecrediteerd_door, '-'), ' ' ORDER BY declaratie_id, positie)"
                         " FROM prestatie"),
            "DEB1>CRED1 CRED1>- DEB2>-");
  // The open-debit index covers what is still open.
  EXPECT_EQ(schema.Query("SELECT string_agg(referentienummer, ' ') FROM prestatie"
                         " WHERE debet_credit = 'D' AND status = 'goedgekeurd'"
                         " AND gecrediteerd_door IS NULL"),
            "DEB2");
}

TEST(AuditLogTest, IsAppendOnly) {
  TestSchema schema;
  schema.Query("INSERT INTO audit_log (actor, action, subject) VALUES ('a', 'b', 'c')");
  EXPECT_THROW(schema.Query("UPDATE audit_log SET actor = 'x'"), std::exception);
  EXPECT_THROW(schema.Query("DELETE FROM audit_log"), std::exception);
  EXPECT_EQ(schema.Query("SELECT actor FROM audit_log"), "a");
}

TEST(DbErrorTest, SqlStateClasses) {
  EXPECT_EQ(ClassifySqlState("23505"), DbError::Class::kConflict);
  EXPECT_EQ(ClassifySqlState("40001"), DbError::Class::kRetryable);
  EXPECT_EQ(ClassifySqlState("08006"), DbError::Class::kRetryable);
  EXPECT_EQ(ClassifySqlState("42P01"), DbError::Class::kFatal);
  EXPECT_EQ(RedactUrl("postgresql://sluis:geheim@127.0.0.1:5432/sluis"),
            "postgresql://sluis:***@127.0.0.1:5432/sluis");
}

TEST(ConnectionTest, UnreachableServerIsRetryable) {
  try {
    Connection conn("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
    FAIL() << "connected to port 1";
  } catch (const DbError& e) {
    EXPECT_EQ(e.error_class(), DbError::Class::kRetryable);
  }
}

}  // namespace
}  // namespace sluis::db
