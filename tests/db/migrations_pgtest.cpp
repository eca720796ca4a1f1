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
