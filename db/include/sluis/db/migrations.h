// Schema migrations: db/migrations/NNNN_name.sql, embedded in the binary at build time, applied
// in order, each inside its own transaction, recorded in schema_migrations. Idempotent and safe
// to run from several processes at once (an advisory lock serialises them).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/db/connection.h"

namespace sluis::db {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// The migrations this binary knows, in version order.
std::span<const Migration> KnownMigrations();
int LatestKnownVersion();

struct SchemaStatus {
  int database_version = 0;  // highest applied version, 0 for an empty database
  int binary_version = 0;    // LatestKnownVersion()
  std::vector<int> pending;  // known but not applied
  bool ahead() const { return database_version > binary_version; }
  bool current() const { return !ahead() && pending.empty(); }
  // One line for logs and /readyz: "current (v3)", "2 pending (v1 -> v3)", "ahead: v5 > v3".
  std::string Describe() const;
};

// Reads the schema state without changing anything. Throws DbError.
SchemaStatus InspectSchema(Connection& conn);

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<std::string> applied;  // "0002_outbox"
};

// Applies every pending migration. Refuses (throws DbError kFatal) when the database is ahead
// of the binary or when an applied migration's text has changed since it was applied.
MigrationReport Migrate(Connection& conn);

}  // namespace sluis::db
