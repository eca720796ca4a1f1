// `sluis import` as a process against a real database: the reference set loads, bad files are
// reported one error per line on stderr with exit 1 and load nothing, usage problems exit 2.
#include <gtest/gtest.h>

#include "pg_schema.h"
#include "process.h"
#include "test_env.h"

namespace sluis::testing {
namespace {

std::string RefDir() { return SourceDir() + "/tests/data/reference"; }

TEST(SluisImportCliTest, ReferenceDirectoryLoadsAndIsRecordedWithTheActor) {
  TestSchema schema;
  const RunResult r = RunCommand(
      {SluisCliPath(), "import", "reference", RefDir(), "--db", schema.url(), "--as", "beheer"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "gemeenten.csv: 6 rows loaded, replacing 0 rows\n"
            "aanbieders.csv: 4 rows: 4 new, 0 updated, 0 unchanged\n"
            "productcodes.csv: 9 rows loaded, replacing 0 rows\n"
            "tarieven.csv: 9 rows loaded, replacing 0 rows\n"
            "clienten.csv: 5 rows: 5 new, 0 updated, 0 unchanged\n"
            "toewijzingen.csv: 8 rows: 8 new versions, 0 already stored; 6 toewijzingen now "
            "current from this file\n");
  EXPECT_EQ(schema.Query("SELECT string_agg(DISTINCT imported_by, ',') FROM reference_import"),
            "beheer");
  EXPECT_EQ(schema.Query("SELECT string_agg(DISTINCT created_by || '/' || levering, ',') FROM "
                         "toewijzing_actueel"),
            "beheer/extern");
}

TEST(SluisImportCliTest, BadFileExitsOneWithEveryErrorAndLoadsNothing) {
  TestSchema schema;
  ASSERT_EQ(
      RunCommand({SluisCliPath(), "import", "reference", RefDir(), "--db", schema.url()}).exit_code,
      0);
  const RunResult r =
      RunCommand({SluisCliPath(), "import", "tarieven", RefDir() + "/bad/tarieven.csv"},
                 {{"SLUIS_DB_URL", schema.url()}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "tarieven.csv:3: tarief_cent \"12,50\" is not a whole number of cents\n"
            "tarieven.csv:4: period 2025-06-01..(open) overlaps line 2 (2025-01-01..(open)) for "
            "tarief 42420001 wmo 01/01A03 eenheid 04\n"
            "tarieven.csv:5: eenheid \"05\" is not in WJ756 (01, 04, 14, 16, 82, 83, 84)\n"
            "tarieven.csv:6: einddatum 2023-12-31 is before ingangsdatum 2024-01-01\n"
            "tarieven.csv:7: agb 12345678 is not a known aanbieder (aanbieders.csv)\n"
            "tarieven.csv: 5 errors, nothing loaded\n"
            "nothing imported\n");
  EXPECT_EQ(schema.Query("SELECT count(*) FROM tarief"), "9");

  // A directory holding bad files: nothing of it is loaded.
  TestSchema empty;
  const RunResult dir =
      RunCommand({SluisCliPath(), "import", "reference", RefDir() + "/bad", "--db", empty.url()});
  EXPECT_EQ(dir.exit_code, 1);
  EXPECT_NE(dir.err.find("gemeenten.csv:1: unknown column \"provincie\"\n"), std::string::npos)
      << dir.err;
  EXPECT_NE(dir.err.find("toewijzingen.csv: not checked: a file it depends on has errors\n"),
            std::string::npos)
      << dir.err;
  EXPECT_EQ(empty.Query("SELECT count(*) FROM reference_import"), "0");
}

TEST(SluisImportCliTest, UsageAndFileProblemsExitTwo) {
  TestSchema schema;
  const std::string db = schema.url();
  RunResult r = RunCommand({SluisCliPath(), "import", "gemeenten", "--db", db});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("usage: sluis import gemeenten FILE"), std::string::npos) << r.err;
  r = RunCommand({SluisCliPath(), "import", "gemeenten", "/nonexistent/g.csv", "--db", db});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot read /nonexistent/g.csv"), std::string::npos) << r.err;
  r = RunCommand(
      {SluisCliPath(), "import", "gemeenten", RefDir() + "/gemeenten.csv", "--db", db, "--force"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown option --force"), std::string::npos) << r.err;
  r = RunCommand({SluisCliPath(), "import", "reference", RefDir() + "/gemeenten.csv", "--db", db});
  EXPECT_EQ(r.exit_code, 2);
  r = RunCommand({SluisCliPath(), "import", "reference", MakeTempDir("import-empty"), "--db", db});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no reference files in"), std::string::npos) << r.err;
  r = RunCommand({SluisCliPath(), "import", "gemeenten", RefDir() + "/gemeenten.csv", "--db",
                  "postgresql://nobody@127.0.0.1:1/none"});
  EXPECT_EQ(r.exit_code, 2);
  r = RunCommand({SluisCliPath(), "import", "gemeenten", RefDir() + "/gemeenten.csv"},
                 {{"SLUIS_DB_URL", ""}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(schema.Query("SELECT count(*) FROM gemeente"), "0");
  // `sluis import` alone lists the subcommands.
  r = RunCommand({SluisCliPath(), "import"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("import toewijzingen"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace sluis::testing
