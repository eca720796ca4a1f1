// The ebMS MSH end to end: the GGk simulator (this process) and a real sluisd over two-way TLS
// on 127.0.0.1, with a dev CPA from `sluis cpa dev` in both syncReplyModes.
#include <fstream>
#include <future>
#include <thread>

#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <pqxx/pqxx>

#include "sluis/codecs/ebms.h"

#include "process.h"
#include "test_env.h"
#include "tls_client.h"
#include "transport_env.h"

namespace sluis::testing {
namespace {

using std::chrono::seconds;

class MshModes : public ::testing::TestWithParam<std::string> {};
INSTANTIATE_TEST_SUITE_P(SyncReply, MshModes, ::testing::Values("none", "mshSignalsOnly"));

TEST_P(MshModes, A323FromTheSimulatorIsStoredAcknowledgedAndRegistered) {
  TransportEnv env({.sync_reply = GetParam()});
  const sim::SendResult r = env.sim().Send(Example("WMO323"));
  ASSERT_TRUE(r.error.empty()) << r.error;
  if (GetParam() == "none") {
    EXPECT_EQ(r.http_status, 204);
    EXPECT_TRUE(env.sim().WaitAcknowledged(r.message_id, seconds(10)));
  } else {
    EXPECT_EQ(r.http_status, 200);
    EXPECT_TRUE(r.acknowledged);
  }
  // Stored before the Acknowledgment left: the row is there, and the unpack worker registers it.
  EXPECT_EQ(env.schema().Query("SELECT kind || ' ' || action || ' ' || peer_oin FROM "
                               "ebms_received WHERE message_id = '" +
                               r.message_id + "'"),
            "business ggk_Di01 " + env.oins()["GGK_OIN"]);
  EXPECT_EQ(env.WaitFor("SELECT state FROM ebms_received WHERE message_id = '" + r.message_id + "'",
                        "unpacked"),
            "unpacked");
  EXPECT_EQ(env.schema().Query("SELECT berichttype || ' ' || domein || ' ' || state || ' ' || "
                               "(level2_violations IS NULL) || ' ' || stuf_referentienummer "
                               "FROM bericht WHERE direction = 'in'"),
            "323 wmo queued true " + r.referentienummer);
  const std::string metrics = env.Metrics();
  EXPECT_NE(metrics.find("sluis_ebms_messages_total{direction=\"in\",kind=\"business\","
                         "action=\"ggk_Di01\",outcome=\"accepted\"} 1"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("sluis_berichten_total{direction=\"in\",type=\"WMO323\","
                         "outcome=\"queued\"} 1"),
            std::string::npos);
  // The whole page is what Prometheus can read: promtool's linter accepts it.
  const std::string page = MakeTempDir("metrics") + "/metrics.txt";
  std::ofstream(page) << metrics;
  const std::string promtool = SLUIS_TEST_PROMTOOL;
  ASSERT_EQ(promtool.find("NOTFOUND"), std::string::npos)
      << "promtool not found: run ./ops/test, or configure with -DSLUIS_PROMTOOL=PATH";
  const RunResult lint =
      RunCommand({"/bin/sh", "-c", "\"$0\" check metrics < \"$1\"", promtool, page});
  EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;
}

TEST_P(MshModes, TheSameMessageIdTwiceIsAcknowledgedTwiceAndProcessedOnce) {
  TransportEnv env({.sync_reply = GetParam()});
  const sim::Simulator::Built m = env.sim().Build(Example("JW305"));
  const sim::SendResult first = env.sim().Post(m);
  EXPECT_TRUE(env.sim().WaitAcknowledged(m.message_id, seconds(10)));
  // The sender did not see the Acknowledgment and sends the same bytes again.
  const sim::SendResult second = env.sim().Post(m);
  EXPECT_EQ(first.http_status, second.http_status);
  const auto deadline = std::chrono::steady_clock::now() + seconds(10);
  while (env.sim().AckCount(m.message_id) < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(env.sim().AckCount(m.message_id), 2);
  EXPECT_EQ(env.WaitFor("SELECT count(*) FROM bericht", "1"), "1");
  EXPECT_EQ(env.schema().Query("SELECT count(*) FROM ebms_received"), "1");
  // The stored Acknowledgment went again, byte for byte: one ack row, sent twice.
  EXPECT_EQ(env.schema().Query("SELECT count(*) FROM ebms_outbox"),
            GetParam() == "none" ? "1" : "0");

  // The same MessageId with other content: refused, kept for inspection, not processed.
  sim::Simulator::Built other = m;
  other.body.replace(other.body.find("JW305"), 5, "JW307");
  const sim::SendResult third = env.sim().Post(other);
  EXPECT_EQ(third.http_status, 500);
  EXPECT_EQ(env.schema().Query("SELECT reason FROM ebms_refused"),
            "MessageId " + m.message_id + " already used for another message");
  EXPECT_EQ(env.schema().Query("SELECT count(*) FROM bericht"), "1");
}

TEST(MshTest, ABrokenDatabaseConnectionBeforeTheCommitMeansNoAcknowledgment) {
  TransportEnv env;
  ASSERT_TRUE(env.sim().Send(Example("WMO305")).error.empty());  // the writer is connected
  // Hold the table, so that the writer's INSERT waits; then kill the writer's backend while it
  // waits: its transaction can never commit.
  pqxx::connection locker(env.schema().url());
  pqxx::work tx(locker);
  tx.exec("LOCK TABLE ebms_received IN ACCESS EXCLUSIVE MODE");
  const sim::Simulator::Built m = env.sim().Build(Example("WMO323"));
  auto pending = std::async(std::launch::async, [&] { return env.sim().Post(m); });
  int killed = 0;
  for (int i = 0; i < 200 && killed == 0; ++i) {
    const pqxx::result r = tx.exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
        "'sluisd-writer' AND pg_backend_pid() = ANY (pg_blocking_pids(pid))");
    killed = static_cast<int>(r.size());
    if (!killed) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(killed, 1);
  const sim::SendResult r = pending.get();
  tx.abort();
  EXPECT_EQ(r.http_status, 503);
  EXPECT_FALSE(r.acknowledged);
  EXPECT_FALSE(env.sim().WaitAcknowledged(m.message_id, seconds(3)));
  EXPECT_EQ(env.schema().Query("SELECT count(*) FROM ebms_received WHERE message_id = '" +
                               m.message_id + "'"),
            "0");
  EXPECT_EQ(env.schema().Query("SELECT count(*) FROM ebms_outbox"), "1");  // the first ack only
  EXPECT_NE(env.sluisd().process().Stdout().find("\"event\":\"ebms_store_failed\""),
            std::string::npos);
  // The sender retries (same bytes): now it is stored and acknowledged.
  const sim::SendResult again = env.sim().Post(m);
  EXPECT_EQ(again.http_status, 204);
  EXPECT_TRUE(env.sim().WaitAcknowledged(m.message_id, seconds(10)));
}

ClientTls As(const std::string& name) {
  const std::string pki = TestPkiDir();
  return {.ca_file = pki + "/ca-bundle.pem",
          .cert_file = pki + "/" + name + "-chain.pem",
          .key_file = pki + "/" + name + ".key"};
}

bool Logged(SluisdProcess& d, const std::string& needle) {
  return d.process().WaitForOutput(
      [&](const std::string& out) { return out.find(needle) != std::string::npos; }, seconds(5));
}

HttpResult PostEbms(SluisdProcess& d, const ClientTls& tls, const sim::Simulator::Built& m) {
  return HttpsRequest(d.ebms_port(), tls, "POST", "/ebms", m.body,
                      {{"Content-Type", m.content_type}, {"SOAPAction", "\"ebXML\""}}, "localhost");
}

TEST(MshTest, RefusesCertificatesThatAreNotTheCpaParty) {
  TransportEnv env;
  SluisdProcess& d = env.sluisd();
  const sim::Simulator::Built m = env.sim().Build(Example("WMO305"));

  const HttpResult none = PostEbms(d, {.ca_file = TestPkiDir() + "/ca-bundle.pem"}, m);
  EXPECT_FALSE(none.connected);
  EXPECT_TRUE(Logged(d, "\"reason\":\"no_client_certificate\""));

  EXPECT_FALSE(PostEbms(d, As("bad/otherca"), m).connected);
  EXPECT_TRUE(Logged(d, "\"reason\":\"unknown_ca\""));

  EXPECT_FALSE(PostEbms(d, As("bad/expired"), m).connected);
  EXPECT_TRUE(Logged(d, "\"reason\":\"certificate_expired\""));

  ClientTls old = As("ggk");
  old.max_version = TLS1_1_VERSION;
  old.allow_legacy = true;
  EXPECT_FALSE(PostEbms(d, old, m).connected);
  EXPECT_TRUE(Logged(d, "\"reason\":\"protocol_version\""));

  // A valid certificate of our CA, but not the GGk's in the CPA: ebMS SecurityFailure.
  const HttpResult stranger = PostEbms(d, As("bad/unknownoin"), m);
  ASSERT_TRUE(stranger.connected) << stranger.error;
  EXPECT_EQ(stranger.status, 200);
  auto env_error = codecs::ebms::ParseEnvelope(stranger.body);
  ASSERT_TRUE(env_error.ok()) << stranger.body;
  ASSERT_TRUE(env_error->error_list.has_value());
  EXPECT_EQ(env_error->error_list->errors[0].error_code, "SecurityFailure");
  EXPECT_TRUE(Logged(d, "is not the CPA's client certificate of GGk"));
  EXPECT_EQ(env.schema().Query("SELECT count(*) FROM ebms_received"), "0");
  EXPECT_EQ(env.schema().Query("SELECT http_status || ' ' || peer_oin FROM ebms_refused"),
            "200 " + env.oins()["UNKNOWN_OIN"]);

  const std::string metrics = env.Metrics();
  for (const char* reason :
       {"no_client_certificate", "unknown_ca", "certificate_expired", "protocol_version"}) {
    EXPECT_NE(metrics.find(std::string("sluis_tls_handshake_failures_total{listener=\"ebms\","
                                       "reason=\"") +
                           reason + "\"} 1"),
              std::string::npos)
        << reason << "\n"
        << metrics;
  }
  EXPECT_NE(metrics.find("sluis_http_refused_total{listener=\"ebms\",reason=\"security_failure\"}"
                         " 1"),
            std::string::npos);
}

TEST(MshTest, TheCertificateOinMustBeTheFromPartyId) {
  // The CPA names bad/unknownoin as the GGk's certificate, so the certificate itself matches;
  // its OIN (serialNumber) is not the GGk's PartyId.
  TransportEnv env({.sim_certificate = "bad/unknownoin"});
  const sim::SendResult r = env.sim().Send(Example("WMO305"));
  EXPECT_EQ(r.http_status, 200);
  EXPECT_TRUE(r.message_error);
  EXPECT_TRUE(Logged(env.sluisd(), "certificate OIN " + env.oins()["UNKNOWN_OIN"] +
                                       " does not match From/PartyId " + env.oins()["GGK_OIN"]));
  EXPECT_EQ(env.schema().Query("SELECT count(*) FROM ebms_received"), "0");
}

}  // namespace
}  // namespace sluis::testing
