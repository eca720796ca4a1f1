// Sluis sending: the packer (bericht -> StUF -> ebMS -> ebms_outbox), the delivery workers
// (retries per the CPA, dead letters after PersistDuration), the unpack worker's Fo01 StUF055,
// and the ggk-sim program as a bounded load.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "process.h"
#include "test_env.h"
#include "tls_client.h"
#include "transport_env.h"

namespace sluis::testing {
namespace {

using std::chrono::seconds;

// Queues an outgoing bericht the way the workflow does: direction out, state queued.
int64_t QueueBericht(TransportEnv& env, int type, const std::string& payload,
                     const std::string& answers = "NULL") {
  pqxx::connection c(env.schema().url());
  pqxx::work tx(c);
  const pqxx::result r = tx.exec_params(
      "INSERT INTO bericht (direction, domein, berichttype, gemeente, agb, identificatie, "
      "dagtekening, payload, state, answers_bericht_id) VALUES ('out', 'wmo', $1, '0363', "
      "'65656055', 'OUT1', '2026-03-01', $2, 'queued', " +
          answers + ") RETURNING id",
      type, pqxx::binarystring(payload));
  tx.commit();
  return r[0][0].as<int64_t>();
}

TEST(OutboxE2eTest, SimulatorDownForThreeRetryIntervalsThenUpIsDeliveredExactlyOnce) {
  TransportEnv env({.retries = 6, .retry_interval = "PT1S", .persist_duration = "PT30S"});
  const uint16_t port = env.sim().port();
  env.sim().Stop();
  const int64_t id =
      QueueBericht(env, 301, ReadFile(SharedDir() + "/istandaarden/iwmo-3.2/WMO301.xml"));
  EXPECT_EQ(env.WaitFor("SELECT state FROM bericht WHERE id = " + std::to_string(id), "packed"),
            "packed");
  // Three retry intervals of refused connections.
  EXPECT_EQ(
      env.WaitFor("SELECT attempts >= 3 FROM ebms_outbox WHERE bericht_id = " + std::to_string(id),
                  "t", seconds(10)),
      "t");
  const int failed_attempts = std::stoi(env.schema().Query(
      "SELECT attempts FROM ebms_outbox WHERE bericht_id = " + std::to_string(id)));
  EXPECT_EQ(env.sim().port(), port);
  env.sim().Start();  // the same port
  ASSERT_TRUE(env.sim().WaitReceived(1, seconds(10)));
  EXPECT_EQ(
      env.WaitFor("SELECT state FROM bericht WHERE id = " + std::to_string(id), "acknowledged"),
      "acknowledged");
  // Acknowledged is final: no worker claims the row again, so what came is all that comes.
  EXPECT_EQ(env.schema().Query("SELECT attempts > " + std::to_string(failed_attempts) +
                               " FROM ebms_outbox WHERE bericht_id = " + std::to_string(id)),
            "t");
  const auto got = env.sim().Received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].deliveries, 1);
  EXPECT_EQ(got[0].soort, "Di01");
  EXPECT_EQ(got[0].functie, "WMO301");
  EXPECT_EQ(got[0].payload, ReadFile(SharedDir() + "/istandaarden/iwmo-3.2/WMO301.xml"));
  // One MessageId, fixed before the first attempt: <referentienummer>@<our host>.
  EXPECT_EQ(got[0].message_id, got[0].referentienummer + "@localhost");
  EXPECT_EQ(env.schema().Query("SELECT message_id || ' ' || state FROM ebms_outbox WHERE "
                               "bericht_id = " +
                               std::to_string(id)),
            got[0].message_id + " acknowledged");
  EXPECT_EQ(env.schema().Query("SELECT stuf_referentienummer FROM bericht WHERE id = " +
                               std::to_string(id)),
            got[0].referentienummer);
  const std::string metrics = env.Metrics();
  EXPECT_NE(metrics.find("sluis_outbox_retries_total "), std::string::npos);
  EXPECT_EQ(metrics.find("sluis_outbox_retries_total 0\n"), std::string::npos);
  EXPECT_NE(metrics.find("sluis_outbox_depth{state=\"pending\"} 0"), std::string::npos) << metrics;
}

TEST(OutboxE2eTest, DownPastPersistDurationIsADeadLetterWithAnAlert) {
  TransportEnv env({.retries = 2, .retry_interval = "PT1S", .persist_duration = "PT4S"});
  env.sim().Stop();
  const int64_t id =
      QueueBericht(env, 301, ReadFile(SharedDir() + "/istandaarden/iwmo-3.2/WMO301.xml"));
  EXPECT_EQ(env.WaitFor("SELECT state FROM bericht WHERE id = " + std::to_string(id), "dead",
                        seconds(15)),
            "dead");
  // Every attempt within the retries (1 + 2), however the worker's polls fell in the 4 s.
  EXPECT_EQ(
      env.schema().Query("SELECT state || ' ' || (attempts BETWEEN 1 AND 3) FROM ebms_outbox"),
      "dead true");
  EXPECT_EQ(env.sim().Received().size(), 0u);
  EXPECT_EQ(env.schema().Query("SELECT kind || ' ' || severity || ' ' || occurrences FROM alert "
                               "WHERE resolved_at IS NULL"),
            "dead_letter critical 1");
  EXPECT_TRUE(env.sluisd().process().WaitForOutput(
      [](const std::string& out) {
        return out.find("\"event\":\"outbox_dead_letter\"") != std::string::npos;
      },
      seconds(5)));
  EXPECT_NE(env.Metrics().find("sluis_outbox_dead_letters_total 1"), std::string::npos);
}

TEST(OutboxE2eTest, AnXsdInvalidPayloadGetsAFo01Stuf055Back) {
  TransportEnv env;
  const sim::SendResult r = env.sim().Send(Example("WMO305", "xsd"));
  ASSERT_TRUE(env.sim().WaitAcknowledged(r.message_id, seconds(10)));  // ebMS: received fine
  ASSERT_TRUE(env.sim().WaitReceived(1, seconds(15)));
  const auto got = env.sim().Received();
  EXPECT_EQ(got[0].soort, "Fo01");
  EXPECT_EQ(got[0].fo01_code, "StUF055");
  EXPECT_EQ(got[0].cross_refnummer, r.referentienummer);
  EXPECT_EQ(got[0].action, "Fo01");
  EXPECT_EQ(env.schema().Query("SELECT state || ' ' || (xsd_errors IS NOT NULL) FROM bericht"),
            "xsd_rejected true");
  EXPECT_EQ(env.schema().Query("SELECT direction || ' ' || code || ' ' || cross_refnummer || ' ' "
                               "|| (bericht_id IS NOT NULL) FROM stuf_fo01"),
            "out StUF055 " + r.referentienummer + " true");
  // The Fo01 is an ebMS business message too: acknowledged by the GGk.
  EXPECT_EQ(env.WaitFor("SELECT state FROM ebms_outbox WHERE action = 'Fo01'", "acknowledged"),
            "acknowledged");
}

TEST(OutboxE2eTest, A306AnswersItsHeenberichtAsDu01WithItsReferentienummer) {
  TransportEnv env({.sync_reply = "mshSignalsOnly"});
  const sim::SendResult heen = env.sim().Send(Example("WMO305"));
  ASSERT_TRUE(heen.acknowledged);
  const std::string in_id =
      env.WaitFor("SELECT id FROM bericht WHERE direction = 'in' AND state = 'queued'", "1");
  ASSERT_FALSE(in_id.empty());
  // What the regie workflow will do: answer the 305 with a 306.
  QueueBericht(env, 306, ReadFile(SharedDir() + "/istandaarden/iwmo-3.2/WMO306.xml"), in_id);
  ASSERT_TRUE(env.sim().WaitReceived(1, seconds(15)));
  const auto got = env.sim().Received();
  EXPECT_EQ(got[0].soort, "Du01");
  EXPECT_EQ(got[0].functie, "WMO306");
  EXPECT_EQ(got[0].cross_refnummer, heen.referentienummer);
  // The retour continues the heenbericht's ebMS conversation.
  EXPECT_EQ(env.schema().Query("SELECT conversation_id FROM ebms_outbox WHERE kind = 'business'"),
            env.schema().Query("SELECT conversation_id FROM ebms_received"));
  EXPECT_EQ(env.WaitFor("SELECT state FROM bericht WHERE direction = 'out'", "acknowledged"),
            "acknowledged");
}

TEST(GgkSimProgramTest, RunsABoundedLoadAgainstSluisd) {
  // The program takes the place (and the port in the CPA) of the in-process simulator.
  TransportEnv env;
  env.sim().Stop();
  const std::string pki = TestPkiDir();
  const std::string store = MakeTempDir("ggk-sim-store");
  ChildProcess p({BinaryDir() + "/gateway/ggk-sim",
                  "--cpa",
                  env.cpa_path(),
                  "--party-id",
                  env.oins()["GGK_OIN"],
                  "--cert",
                  pki + "/ggk-chain.pem",
                  "--key",
                  pki + "/ggk.key",
                  "--ca",
                  pki + "/ca-bundle.pem",
                  "--listen",
                  "127.0.0.1:" + std::to_string(env.sim().port()),
                  "--peer-url",
                  "https://localhost:" + std::to_string(env.sluisd().ebms_port()) + "/ebms",
                  "--count",
                  "40",
                  "--concurrency",
                  "8",
                  "--faults",
                  "0.25",
                  "--shared",
                  SharedDir(),
                  "--store",
                  store,
                  "--exit-after-load"},
                 MakeTempDir("ggk-sim"));
  const auto rc = p.Wait(seconds(60));
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(*rc, 0) << p.Stdout() << p.Stderr();
  const std::string out = p.Stdout();
  const size_t at = out.find("{\"event\":\"load_report\"");
  ASSERT_NE(at, std::string::npos) << out;
  const auto report = nlohmann::json::parse(out.substr(at, out.find('\n', at) - at))["report"];
  EXPECT_EQ(report["sent"], 40);
  EXPECT_EQ(report["acknowledged"], 40);
  EXPECT_GT(report["messages_per_second"].get<double>(), 0);
  EXPECT_EQ(env.WaitFor("SELECT count(*) FROM bericht WHERE direction = 'in'", "40"), "40");
}

}  // namespace
}  // namespace sluis::testing
