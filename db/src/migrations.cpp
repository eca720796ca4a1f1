#include "sluis/db/migrations.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <map>

#include "connection_impl.h"
#include "embedded_migrations.h"

namespace sluis::db {
namespace {

// Any fixed 64-bit key; all Sluis processes migrating one database take the same lock.
constexpr int64_t kMigrationLockKey = 0x51755f6d696772;  // "Qu_migr"

std::string Checksum(std::string_view text) {
  // FNV-1a 64: detects an edited migration file; not a security measure.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, h);
  return buf;
}

void EnsureTable(pqxx::transaction_base& tx) {
  tx.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version integer PRIMARY KEY,"
      " name text NOT NULL,"
      " checksum text NOT NULL,"
      " applied_at timestamptz NOT NULL DEFAULT now())");
}

// version -> checksum of what the database has applied.
std::map<int, std::string> Applied(pqxx::transaction_base& tx) {
  std::map<int, std::string> out;
  const pqxx::result exists = tx.exec(
      "SELECT 1 FROM pg_catalog.pg_tables WHERE tablename = 'schema_migrations'"
      " AND schemaname = ANY (current_schemas(false))");
  if (exists.empty()) return out;
  for (const auto& row : tx.exec("SELECT version, checksum FROM schema_migrations")) {
    out[row[0].as<int>()] = row[1].as<std::string>();
  }
  return out;
}

std::string Label(const Migration& m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d_", m.version);
  return buf + std::string(m.name);
}

}  // namespace

std::span<const Migration> KnownMigrations() { return internal::kEmbeddedMigrations; }

int LatestKnownVersion() {
  const auto all = KnownMigrations();
  return all.empty() ? 0 : all.back().version;
}

std::string SchemaStatus::Describe() const {
  char buf[96];
  if (ahead()) {
    std::snprintf(buf, sizeof buf, "ahead: database v%d > binary v%d", database_version,
                  binary_version);
  } else if (!pending.empty()) {
    std::snprintf(buf, sizeof buf, "%zu pending (v%d -> v%d)", pending.size(), database_version,
                  binary_version);
  } else {
    std::snprintf(buf, sizeof buf, "current (v%d)", database_version);
  }
  return buf;
}

SchemaStatus InspectSchema(Connection& conn) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    const auto applied = Applied(tx);
    SchemaStatus s;
    s.binary_version = LatestKnownVersion();
    s.database_version = applied.empty() ? 0 : applied.rbegin()->first;
    for (const Migration& m : KnownMigrations()) {
      if (!applied.count(m.version)) s.pending.push_back(m.version);
    }
    return s;
  });
}

MigrationReport Migrate(Connection& conn) {
  return MapErrors([&] {
    MigrationReport report;
    for (const Migration& m : KnownMigrations()) {
      pqxx::work tx(conn.impl().conn);
      tx.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLockKey);
      EnsureTable(tx);
      const auto applied = Applied(tx);
      const int db_version = applied.empty() ? 0 : applied.rbegin()->first;
      if (db_version > LatestKnownVersion()) {
        throw DbError(DbError::Class::kFatal, "",
                      "database schema v" + std::to_string(db_version) +
                          " is newer than this binary knows (v" +
                          std::to_string(LatestKnownVersion()) + "): upgrade Sluis");
      }
      if (report.applied.empty() && report.from_version == 0) report.from_version = db_version;
      const auto it = applied.find(m.version);
      if (it != applied.end()) {
        if (it->second != Checksum(m.sql)) {
          throw DbError(DbError::Class::kFatal, "",
                        "migration " + Label(m) +
                            " was changed after it was applied; add a new migration instead");
        }
        continue;  // already applied: nothing to do, the lock is released on commit
      }
      tx.exec(std::string(m.sql));
      tx.exec_params("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1,$2,$3)",
                     m.version, std::string(m.name), Checksum(m.sql));
      tx.commit();
      report.applied.push_back(Label(m));
    }
    report.to_version = InspectSchema(conn).database_version;
    return report;
  });
}

}  // namespace sluis::db
