// The whole way round: the simulator's population imported as reference data, a synthetic 323
// from the simulator stored and acknowledged, unpacked, judged by the workflow's inbox in
// sluisd, and its 325 packed, delivered to the simulator and acknowledged.
#include <regex>

#include <gtest/gtest.h>

#include "sluis/workflow/clock.h"

#include "clock.h"
#include "process.h"
#include "synthetic_traffic.h"
#include "test_env.h"
#include "transport_env.h"

namespace sluis::testing {
namespace {

using std::chrono::seconds;

TEST(InboxE2eTest, ASimulated323IsJudgedAndItsApproving325ReachesTheSimulator) {
  TransportEnv env({.inbox = true});
  sim::SyntheticTrafficOptions o;
  o.population.clients = 60;
  // The 323's Dagtekening is the day Sluis receives it (TR135): today.
  o.population.reference_date = workflow::DutchDate(gateway::SystemClock().Now());
  o.types = {"323"};
  o.id_prefix = "E2E";
  const std::string dir = MakeTempDir("reference");
  for (const auto& [name, content] :
       sim::ReferenceCsvs(workflow::synth::MakePopulation(o.population))) {
    WriteFile(dir + "/" + name, content);
  }
  const RunResult imported =
      RunCommand({SluisCliPath(), "import", "reference", dir, "--db", env.schema().url()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  // A declaratie to a gemeente this Sluis serves.
  auto source = sim::MakeSyntheticTraffic(o);
  std::optional<sim::TrafficItem> item;
  const std::regex to_0363(":Ontvanger>0363<");
  while ((item = source->Next()) && !std::regex_search(item->payload, to_0363)) {
  }
  ASSERT_TRUE(item.has_value());
  const sim::SendResult sent = env.sim().Send(*item);
  ASSERT_TRUE(env.sim().WaitAcknowledged(sent.message_id, seconds(10))) << sent.error;

  ASSERT_TRUE(env.sim().WaitReceived(1, seconds(20)));
  const auto got = env.sim().Received();
  EXPECT_EQ(got[0].soort, "Di01");
  EXPECT_EQ(got[0].functie, item->functie.substr(0, item->functie.size() - 3) + "325");
  // Every prestatie of a fault-free declaratie is approved: the 325 says 8001.
  EXPECT_NE(got[0].payload.find("RetourCode>8001<"), std::string::npos) << got[0].payload;
  EXPECT_EQ(env.schema().Query("SELECT status FROM declaratie"), "verzonden");
  EXPECT_EQ(env.WaitFor("SELECT state FROM bericht WHERE direction = 'out'", "acknowledged"),
            "acknowledged");
  EXPECT_NE(env.Metrics().find("sluis_inbox_handled_total{"), std::string::npos);
}

}  // namespace
}  // namespace sluis::testing
