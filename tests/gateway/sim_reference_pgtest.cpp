// The simulator's population as reference data: `ggk-sim --write-reference DIR` writes the
// files `sluis import reference DIR` loads, so Sluis judges the simulator's 323s against the
// same clients and toewijzingen.
#include <algorithm>

#include <gtest/gtest.h>

#include "pg_schema.h"
#include "process.h"
#include "test_env.h"

namespace sluis::testing {
namespace {

TEST(SimReferenceTest, ThePopulationImportsCleanly) {
  TestSchema schema;
  const std::string dir = MakeTempDir("sim-reference");
  const RunResult w = RunCommand({BinaryDir() + "/gateway/ggk-sim", "--write-reference", dir,
                                  "--clients", "120", "--reference-date", "2026-11-20"});
  ASSERT_EQ(w.exit_code, 0) << w.err;
  const RunResult r =
      RunCommand({SluisCliPath(), "import", "reference", dir, "--db", schema.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_EQ(schema.Query("SELECT count(*) FROM client"), "120");
  // Every toewijzing of the population is current, as delivered by the previous system.
  const std::string csv = ReadFile(dir + "/toewijzingen.csv");
  const std::string rows = std::to_string(std::count(csv.begin(), csv.end(), '\n') - 1);
  EXPECT_EQ(schema.Query("SELECT count(*) FROM toewijzing_actueel WHERE levering = 'extern'"),
            rows);
  // The same options write the same files.
  const std::string again = MakeTempDir("sim-reference2");
  ASSERT_EQ(RunCommand({BinaryDir() + "/gateway/ggk-sim", "--write-reference", again, "--clients",
                        "120", "--reference-date", "2026-11-20"})
                .exit_code,
            0);
  for (const char* f : {"gemeenten.csv", "aanbieders.csv", "productcodes.csv", "tarieven.csv",
                        "clienten.csv", "toewijzingen.csv"}) {
    EXPECT_EQ(ReadFile(dir + "/" + f), ReadFile(again + "/" + f)) << f;
  }
}

}  // namespace
}  // namespace sluis::testing
