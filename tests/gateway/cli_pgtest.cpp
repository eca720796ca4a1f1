// The `sluis` CLI as a process, against a real database.
#include <sstream>

#include <gtest/gtest.h>

#include "sluis/db/migrations.h"

#include "pg_schema.h"
#include "process.h"
#include "test_env.h"

namespace sluis::testing {
namespace {

TEST(SluisCliTest, DbMigrateThenStatus) {
  TestSchema schema(/*migrate=*/false);
  const RunResult before = RunCommand({SluisCliPath(), "db", "status", "--db", schema.url()});
  EXPECT_EQ(before.exit_code, 1);
  EXPECT_NE(before.out.find("pending"), std::string::npos) << before.out;

  const RunResult migrate = RunCommand({SluisCliPath(), "db", "migrate", "--db", schema.url()});
  EXPECT_EQ(migrate.exit_code, 0) << migrate.err;
  EXPECT_NE(migrate.out.find("applied 0001_foundation"), std::string::npos) << migrate.out;

  const RunResult again =
      RunCommand({SluisCliPath(), "db", "migrate"}, {{"SLUIS_DB_URL", schema.url()}});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.out, "schema is current (v" + std::to_string(db::LatestKnownVersion()) + ")\n");

  const RunResult status = RunCommand({SluisCliPath(), "db", "status", "--db", schema.url()});
  EXPECT_EQ(status.exit_code, 0);
  EXPECT_EQ(status.out.find("password"), std::string::npos);
}

TEST(SluisCliTest, AlertAckAndCloseAreAuditedAndADeadlineAlertIsNotClosedByHand) {
  TestSchema schema;
  const std::string fout = schema.Query(
      "SELECT raise_alert('pack.failed:7', 'pack_failed', 'critical', 'bericht 7', 'geen CPA')");
  const std::string termijn = schema.Query(
      "SELECT raise_alert('betaling:declaratie/1', 'betaling', 'critical', 'declaratie/1', 'x')");
  const auto run = [&](const char* action, const std::string& id) {
    return RunCommand(
        {SluisCliPath(), "alert", action, id, "--as", "beheerder", "--db", schema.url()});
  };
  const RunResult ack = run("ack", termijn);
  EXPECT_EQ(ack.exit_code, 0) << ack.err;
  EXPECT_EQ(ack.out, "alert " + termijn + " acknowledged by beheerder\n");
  const RunResult refused = run("close", termijn);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("sluit vanzelf"), std::string::npos) << refused.err;
  const RunResult closed = run("close", fout);
  EXPECT_EQ(closed.exit_code, 0) << closed.err;
  EXPECT_EQ(closed.out, "alert " + fout + " closed by beheerder\n");
  EXPECT_EQ(run("close", fout).exit_code, 1);  // no longer open
  EXPECT_EQ(run("close", "x1").exit_code, 2);
  EXPECT_EQ(schema.Query("SELECT string_agg(kind, ' ') FROM alert WHERE resolved_at IS NULL"),
            "betaling");
  EXPECT_EQ(schema.Query("SELECT string_agg(action || ' ' || subject, ', ' ORDER BY id)"
                         " FROM audit_log WHERE action LIKE 'alert.%'"),
            "alert.bevestigd alert/" + termijn + ", alert.afgesloten alert/" + fout);
}

TEST(SluisCliTest, EveryCommandHasHelp) {
  const RunResult top = RunCommand({SluisCliPath(), "--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("db migrate"), std::string::npos);
  // Every command listed in the overview answers --help with its own usage.
  size_t pos = top.out.find("commands:\n");
  ASSERT_NE(pos, std::string::npos);
  std::istringstream lines(top.out.substr(pos + 10));
  std::string line;
  int checked = 0;
  while (std::getline(lines, line) && line.rfind("  ", 0) == 0) {
    std::istringstream words(line);
    std::vector<std::string> argv{SluisCliPath()};
    std::string w;
    // Command names are the words before the two-space gap.
    const std::string name = line.substr(2, line.find("  ", 2) - 2);
    std::istringstream nw(name);
    while (nw >> w) argv.push_back(w);
    argv.push_back("--help");
    const RunResult help = RunCommand(argv);
    EXPECT_EQ(help.exit_code, 0) << name;
    EXPECT_EQ(help.out.rfind("usage: sluis " + name, 0), 0u) << name << ": " << help.out;
    ++checked;
  }
  EXPECT_GE(checked, 3);
}

TEST(SluisCliTest, UnknownCommandAndMissingDatabase) {
  EXPECT_EQ(RunCommand({SluisCliPath(), "frobnicate"}).exit_code, 2);
  const RunResult nodb = RunCommand({SluisCliPath(), "db", "migrate"}, {{"SLUIS_DB_URL", ""}});
  EXPECT_EQ(nodb.exit_code, 2);
  EXPECT_NE(nodb.err.find("no database"), std::string::npos);
}

}  // namespace
}  // namespace sluis::testing
