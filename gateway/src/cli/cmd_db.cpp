// sluis db migrate | sluis db status
#include <cstdio>

#include "sluis/db/connection.h"
#include "sluis/db/migrations.h"

#include "cli/command.h"

namespace sluis::gateway::cli {
namespace {

int Migrate(const std::vector<std::string>& argv) {
  ArgParser args(argv);
  const auto url = ResolveDbUrl(args, "db migrate");
  if (!url) return 2;
  if (auto unknown = args.UnknownOption()) {
    std::fprintf(stderr, "sluis db migrate: unknown option %s\n", unknown->c_str());
    return 2;
  }
  try {
    db::Connection conn(*url);
    const db::MigrationReport r = db::Migrate(conn);
    if (r.applied.empty()) {
      std::printf("schema is current (v%d)\n", r.to_version);
    } else {
      for (const auto& name : r.applied) std::printf("applied %s\n", name.c_str());
      std::printf("schema v%d -> v%d\n", r.from_version, r.to_version);
    }
    return 0;
  } catch (const db::DbError& e) {
    std::fprintf(stderr, "sluis db migrate: %s\n", e.what());
    return 1;
  }
}

int Status(const std::vector<std::string>& argv) {
  ArgParser args(argv);
  const auto url = ResolveDbUrl(args, "db status");
  if (!url) return 2;
  try {
    db::Connection conn(*url);
    const db::SchemaStatus s = db::InspectSchema(conn);
    std::printf("database %s\nschema %s\n", db::RedactUrl(*url).c_str(), s.Describe().c_str());
    return s.current() ? 0 : 1;
  } catch (const db::DbError& e) {
    std::fprintf(stderr, "sluis db status: %s\n", e.what());
    return 1;
  }
}

constexpr char kDbOptions[] =
    "  --db URL        PostgreSQL URL (postgresql://user:pass@host:port/db)\n"
    "  --config FILE   take the URL from sluisd's config file\n"
    "  (default: the SLUIS_DB_URL environment variable)\n";

}  // namespace

std::vector<Command> DbCommands() {
  return {
      {"db migrate", "apply pending database migrations",
       std::string("usage: sluis db migrate [--db URL | --config FILE]\n\n"
                   "Applies every migration this binary carries that the database lacks, each in\n"
                   "its own transaction. Safe to run again, and from several hosts at once.\n"
                   "Refuses a database whose schema is newer than this binary.\n\n") +
           kDbOptions,
       Migrate},
      {"db status", "show the database schema version",
       std::string("usage: sluis db status [--db URL | --config FILE]\n\n"
                   "Prints the schema version; exits 0 when current, 1 when migrations are\n"
                   "pending or the database is ahead of this binary.\n\n") +
           kDbOptions,
       Status},
  };
}

}  // namespace sluis::gateway::cli
