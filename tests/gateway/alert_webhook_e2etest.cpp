// The operations webhook ([deadlines] webhook_url): sluisd posts every alert revision (opened,
// escalated, resolved) once, over two-way TLS, and keeps what a webhook that is down did not
// take until it is back. The simulator plays the webhook (its /alerts). Also: retrying a dead
// letter (the operations screen's action) delivers it and resolves its alert.
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "sluis/db/betaling.h"
#include "sluis/db/connection.h"
#include "sluis/db/ui_views.h"

#include "test_env.h"
#include "transport_env.h"

namespace sluis::testing {
namespace {

using nlohmann::json;
using std::chrono::seconds;

int64_t QueueBericht(TransportEnv& env) {
  pqxx::connection c(env.schema().url());
  pqxx::work tx(c);
  const pqxx::result r = tx.exec_params(
      "INSERT INTO bericht (direction, domein, berichttype, gemeente, agb, identificatie, "
      "dagtekening, payload, state) VALUES ('out', 'wmo', 301, '0363', '65656055', 'OUT1', "
      "'2026-03-01', $1, 'queued') RETURNING id",
      pqxx::binarystring(ReadFile(SharedDir() + "/istandaarden/iwmo-3.2/WMO301.xml")));
  tx.commit();
  return r[0][0].as<int64_t>();
}

// Polls the metrics page until it contains `text` (bounded).
bool WaitForMetric(TransportEnv& env, const std::string& text) {
  const auto deadline = std::chrono::steady_clock::now() + seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (env.Metrics().find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

TEST(AlertWebhookE2eTest, AnAlertRaisedWhileTheWebhookIsDownArrivesLaterAndSoDoesItsResolution) {
  TransportEnv env(
      {.retries = 1, .retry_interval = "PT1S", .persist_duration = "PT2S", .alert_webhook = true});
  // The GGk (and with it the webhook) is down: the 301 becomes a dead letter with an alert.
  env.sim().Stop();
  const std::string bericht = std::to_string(QueueBericht(env));
  ASSERT_EQ(env.WaitFor("SELECT state FROM bericht WHERE id = " + bericht, "dead", seconds(20)),
            "dead");
  const std::string alert = env.schema().Query("SELECT id FROM alert WHERE kind = 'dead_letter'");
  ASSERT_FALSE(alert.empty());
  // Not delivered: counted as failed, the revision stays pending.
  EXPECT_TRUE(WaitForMetric(env, "sluis_alert_webhook_total{outcome=\"failed\"}"));
  EXPECT_EQ(env.schema().Query("SELECT notified_revision FROM alert WHERE id = " + alert), "0");
  // Open and not acknowledged (what the Prometheus rules page for); acknowledged, still open.
  const std::string labels = "{kind=\"dead_letter\",severity=\"critical\"} ";
  EXPECT_TRUE(WaitForMetric(env, "sluis_alerts_open" + labels + "1"));
  EXPECT_TRUE(WaitForMetric(env, "sluis_alerts_unacknowledged" + labels + "1"));
  db::Connection conn(env.schema().url());
  const auto now = [] {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  };
  db::AcknowledgeAlert(conn, std::stoll(alert), "operations", now());
  EXPECT_TRUE(WaitForMetric(env, "sluis_alerts_unacknowledged" + labels + "0"));
  EXPECT_NE(env.Metrics().find("sluis_alerts_open" + labels + "1"), std::string::npos);

  env.sim().Start();  // the same port
  ASSERT_TRUE(env.sim().WaitAlerts(1, seconds(20)));
  const json opened = json::parse(env.sim().Alerts().front());
  EXPECT_EQ(opened["id"].dump(), alert);
  EXPECT_EQ(opened["kind"], "dead_letter");
  EXPECT_EQ(opened["severity"], "critical");
  EXPECT_TRUE(opened["resolved_at"].is_null()) << opened.dump();
  EXPECT_EQ(env.WaitFor("SELECT notified_revision = revision FROM alert WHERE id = " + alert, "t"),
            "t");

  // Operations retries the dead letter: packed anew (the old ebMS message is past its
  // TimeToLive), delivered and acknowledged; its alert is resolved and that is posted too.
  db::RetryOutbox(
      conn,
      std::stoll(env.schema().Query("SELECT id FROM ebms_outbox WHERE bericht_id = " + bericht)),
      "operations", now());
  EXPECT_EQ(env.WaitFor("SELECT state FROM bericht WHERE id = " + bericht, "acknowledged"),
            "acknowledged")
      << env.schema().Query(
             "SELECT state || ' ' || attempts || ' ' || coalesce(last_error, '') ||"
             " ' ' || coalesce(last_http_status, 0) FROM ebms_outbox");
  ASSERT_TRUE(env.sim().WaitAlerts(2, seconds(20)));
  const std::vector<std::string> posted = env.sim().Alerts();
  const json resolved = json::parse(posted[1]);
  EXPECT_EQ(resolved["id"].dump(), alert);
  EXPECT_FALSE(resolved["resolved_at"].is_null()) << resolved.dump();
  EXPECT_EQ(env.WaitFor("SELECT notified_revision = revision FROM alert WHERE id = " + alert, "t"),
            "t");
  EXPECT_EQ(env.schema().Query(
                "SELECT string_agg(state, ' ' ORDER BY id) FROM ebms_outbox WHERE bericht_id = " +
                bericht),
            "superseded acknowledged");
  EXPECT_EQ(env.sim().Received().size(), 1u);  // the 301, once
  EXPECT_EQ(posted.size(), 2u);                // each revision once
  // Resolved: no open alert of that kind is left, and the gauges say so.
  EXPECT_TRUE(WaitForMetric(env, "sluis_alerts_open" + labels + "0"));
}

// The deadline sweep also watches the handelsrente table: the half year today is in without a
// rate is one warning (posted once, however often the sweep runs), resolved when beheer adds it.
TEST(AlertWebhookE2eTest, AMissingHandelsrenteIsAWarningUntilBeheerAddsTheRate) {
  TransportEnv env({.alert_webhook = true});
  const std::string halfjaar = env.schema().Query(kHuidigHalfjaarSql);
  env.schema().Query("DELETE FROM handelsrente WHERE ingangsdatum >= '" + halfjaar + "'");
  ASSERT_TRUE(env.sim().WaitAlerts(1, seconds(20)));
  const json opened = json::parse(env.sim().Alerts().front());
  EXPECT_EQ(opened["kind"], "handelsrente");
  EXPECT_EQ(opened["severity"], "warning");
  EXPECT_NE(opened["message"].get<std::string>().find(halfjaar), std::string::npos)
      << opened.dump();
  EXPECT_TRUE(opened["resolved_at"].is_null()) << opened.dump();
  EXPECT_TRUE(
      WaitForMetric(env, "sluis_alerts_open{kind=\"handelsrente\",severity=\"warning\"} 1"));

  db::Connection conn(env.schema().url());
  ASSERT_TRUE(db::ZetRentevoet(conn, codecs::Date::Parse(halfjaar).value(), 1015, "beheer").ok());
  ASSERT_TRUE(env.sim().WaitAlerts(2, seconds(20)));
  const json resolved = json::parse(env.sim().Alerts()[1]);
  EXPECT_EQ(resolved["id"], opened["id"]);
  EXPECT_FALSE(resolved["resolved_at"].is_null()) << resolved.dump();
  EXPECT_EQ(env.schema().Query("SELECT count(*) FROM alert"), "1");
  EXPECT_EQ(env.sim().Alerts().size(), 2u);
}

}  // namespace
}  // namespace sluis::testing
