// The deadline sweep against a real PostgreSQL, time advanced by hand: alerts open at the
// policy's thresholds, escalate once per stage (updated, not repeated), resolve when the
// deadline is met; acknowledgement is audited; the webhook queue sees every revision once; the
// reconciliation groups by age.
#include <gtest/gtest.h>

#include "sluis/codecs/payload.h"
#include "sluis/db/berichten.h"
#include "sluis/db/connection.h"
#include "sluis/db/deadlines.h"
#include "sluis/db/inbox.h"
#include "sluis/db/ui_views.h"
#include "sluis/workflow/synthetic.h"

#include "examples.h"
#include "pg_schema.h"
#include "synthetic_db.h"
#include "test_env.h"

namespace sluis::db {
namespace {

namespace synth = workflow::synth;
using testing::D;

workflow::TimePoint At(const char* date, int hour) {
  return workflow::DutchMidnight(D(date)) + std::chrono::hours(hour);
}

class DeadlinesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_ = std::make_unique<Connection>(s_.url());
    synth::PopulationOptions o;
    o.seed = 11;
    o.clients = 30;
    o.aanbieders = 1;
    o.jeugd_share = 0;
    o.reference_date = D("2026-02-15");
    population_ = synth::MakePopulation(o);
    ASSERT_EQ(testing::ImportPopulation(*conn_, population_), "");
  }

  // A fault-free 323 received on 2026-02-03 at 10:00 and judged; returns the 325's bericht id.
  int64_t Receive323AndJudge() {
    synth::DeclaratieRequest r;
    r.maand = D("2026-01-01");
    r.id = {"DL1", D("2026-02-03")};
    r.xsd = {"1.0.0", "1.0.0"};
    synth::IdGenerator ids("D");
    const auto made = synth::MakeDeclaratie(population_, r, ids);
    EXPECT_TRUE(made.ok());
    const auto at = At("2026-02-03", 10);
    testing::Receive323(*conn_, made->bericht,
                        codecs::EncodeBericht(codecs::Bericht(made->bericht)), at);
    static const auto schemas = *codecs::SchemaSet::Load(testing::SharedDir());
    Inbox inbox({schemas, workflow::WorkingDayCalendar(), {}});
    workflow::ManualClock clock(at);
    const auto result = inbox.ProcessNext(*conn_, clock);
    EXPECT_TRUE(result && result->answers.size() == 1);
    return result && !result->answers.empty() ? result->answers[0] : 0;
  }

  DeadlineSweepResult Sweep(workflow::TimePoint now) {
    return SweepDeadlines(*conn_, {workflow::WorkingDayCalendar(), {}}, now);
  }

  std::string Q(const std::string& sql) { return s_.Query(sql); }

  testing::TestSchema s_;
  std::unique_ptr<Connection> conn_;
  synth::Population population_;
};

TEST_F(DeadlinesTest, The325AlertEscalatesOncePerStageAndResolvesWhenAcknowledged) {
  const int64_t antwoord = Receive323AndJudge();
  ASSERT_GT(antwoord, 0);
  EXPECT_EQ(Q("SELECT antwoord_uiterlijk::text FROM declaratie"), "2026-02-17");
  const std::string key = "antwoord_325:declaratie/" + Q("SELECT id FROM declaratie");
  const std::string open =
      "SELECT count(*) FROM alert WHERE resolved_at IS NULL AND condition_key = '" + key + "'";

  DeadlineSweepResult r = Sweep(At("2026-02-03", 11));
  EXPECT_EQ(r.watched, 2);  // the 325 and the payment
  EXPECT_EQ(r.alerting, 0);
  EXPECT_EQ(Q("SELECT count(*) FROM alert"), "0");

  // 70% of the time to the end of 17 February: stage 1, a warning.
  r = Sweep(At("2026-02-14", 12));
  EXPECT_EQ(r.escalated, 1);
  EXPECT_EQ(Q(open), "1");
  EXPECT_EQ(Q("SELECT severity || ' ' || stage FROM alert"), "warning 1");
  // The same stage again: left as it is.
  r = Sweep(At("2026-02-14", 14));
  EXPECT_EQ(r.alerting, 1);
  EXPECT_EQ(r.escalated, 0);
  EXPECT_EQ(Q("SELECT occurrences FROM alert"), "1");
  // 90%, then overdue: the one alert escalates.
  Sweep(At("2026-02-17", 12));
  EXPECT_EQ(Q("SELECT severity || ' ' || stage FROM alert"), "critical 2");
  Sweep(At("2026-02-18", 1));
  EXPECT_EQ(Q("SELECT severity || ' ' || stage || ' ' || occurrences FROM alert"), "critical 3 3");
  EXPECT_EQ(Q("SELECT count(*) FROM alert"), "1");
  EXPECT_NE(Q("SELECT message FROM alert").find("325"), std::string::npos);

  // The aanbieder's MSH acknowledges the 325: the deadline is met, the alert closes.
  Q("UPDATE bericht SET state = 'acknowledged' WHERE id = " + std::to_string(antwoord));
  r = Sweep(At("2026-02-18", 2));
  EXPECT_EQ(r.resolved, 1);
  EXPECT_EQ(Q(open), "0");
  EXPECT_EQ(Q("SELECT count(*) FROM alert WHERE resolved_at IS NOT NULL"), "1");
}

TEST_F(DeadlinesTest, PaymentAlertUntilPaidAndAcknowledgementIsAudited) {
  ASSERT_GT(Receive323AndJudge(), 0);
  Q("UPDATE bericht SET state = 'acknowledged' WHERE direction = 'out'");
  EXPECT_EQ(Q("SELECT betalen_uiterlijk::text FROM declaratie"), "2026-03-05");
  Sweep(At("2026-03-06", 9));
  EXPECT_EQ(Q("SELECT kind || ' ' || severity FROM alert WHERE resolved_at IS NULL"),
            "betaling critical");
  const int64_t id = std::stoll(Q("SELECT id FROM alert"));

  AcknowledgeAlert(*conn_, id, "operations@gemeente", At("2026-03-06", 10));
  EXPECT_EQ(Q("SELECT acknowledged_by FROM alert"), "operations@gemeente");
  EXPECT_EQ(Q("SELECT actor || ' ' || action || ' ' || subject FROM audit_log"
              " WHERE action = 'alert.bevestigd'"),
            "operations@gemeente alert.bevestigd alert/" + std::to_string(id));
  // Acknowledged is not resolved: still open until paid.
  Sweep(At("2026-03-07", 9));
  EXPECT_EQ(Q("SELECT count(*) FROM alert WHERE resolved_at IS NULL"), "1");

  Q("UPDATE declaratie SET status = 'betaald'");
  EXPECT_EQ(Sweep(At("2026-03-08", 9)).resolved, 1);
  EXPECT_THROW(AcknowledgeAlert(*conn_, id, "x", At("2026-03-08", 10)), RefusedError);
  EXPECT_EQ(Q("SELECT count(*) FROM audit_log WHERE action = 'alert.bevestigd'"), "1");
  EXPECT_THROW(AcknowledgeAlert(*conn_, id + 1000, "x", At("2026-03-08", 10)), RefusedError);
}

TEST_F(DeadlinesTest, RetourOnAReceived305WithinThreeWerkdagen) {
  NieuwBericht b;
  b.direction = "in";
  b.type = codecs::BerichtType::k305;
  b.gemeente = "0363";
  b.agb = population_.aanbieders[0].agb.str();
  b.identificatie = "S1";
  b.dagtekening = D("2026-02-02");
  b.payload = "<Bericht/>";
  b.state = "processed";
  b.created_at = At("2026-02-02", 9);  // a Monday: due Thursday 5 February
  const int64_t id = RegisterBericht(*conn_, b);
  Sweep(At("2026-02-06", 9));
  EXPECT_EQ(Q("SELECT condition_key || ' ' || severity FROM alert"),
            "retour:bericht/" + std::to_string(id) + " critical");

  // Our 306, sent but not yet acknowledged: still owed.
  NieuwBericht retour = b;
  retour.direction = "out";
  retour.type = codecs::BerichtType::k306;
  retour.identificatie = "R1";
  retour.state = "packed";
  const int64_t r = RegisterBericht(*conn_, retour);
  Q("UPDATE bericht SET answers_bericht_id = " + std::to_string(id) +
    " WHERE id = " + std::to_string(r));
  EXPECT_EQ(Sweep(At("2026-02-06", 10)).resolved, 0);
  Q("UPDATE bericht SET state = 'acknowledged' WHERE id = " + std::to_string(r));
  EXPECT_EQ(Sweep(At("2026-02-06", 11)).resolved, 1);
}

TEST_F(DeadlinesTest, WebhookSeesEveryRevisionOnce) {
  ASSERT_GT(Receive323AndJudge(), 0);
  Sweep(At("2026-02-14", 12));  // opened
  auto pending = PendingAlertNotifications(*conn_, 10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].revision, 1);
  EXPECT_NE(pending[0].json.find("\"severity\":\"warning\""), std::string::npos);
  MarkAlertNotified(*conn_, pending[0].id, pending[0].revision);
  EXPECT_TRUE(PendingAlertNotifications(*conn_, 10).empty());
  Sweep(At("2026-02-14", 13));  // unchanged: nothing new to post
  EXPECT_TRUE(PendingAlertNotifications(*conn_, 10).empty());
  Sweep(At("2026-02-18", 1));  // escalated
  pending = PendingAlertNotifications(*conn_, 10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].revision, 2);
  EXPECT_NE(pending[0].json.find("\"severity\":\"critical\""), std::string::npos);

  const auto counts = CountOpenAlerts(*conn_);
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0].kind + " " + counts[0].severity + " " + std::to_string(counts[0].count) +
                " " + std::to_string(counts[0].unacknowledged),
            "antwoord_325 critical 1 1");
  // Acknowledged: still open, no longer waiting for someone.
  AcknowledgeAlert(*conn_, pending[0].id, "operations", At("2026-02-18", 2));
  const auto after = CountOpenAlerts(*conn_);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(std::to_string(after[0].count) + " " + std::to_string(after[0].unacknowledged), "1 0");
}

TEST_F(DeadlinesTest, ReconciliationGroupsUnansweredAndUnpaidByAge) {
  ASSERT_GT(Receive323AndJudge(), 0);
  Reconciliatie r = LeesReconciliatie(*conn_, D("2026-02-20"));
  ASSERT_EQ(r.regels.size(), 1u);
  EXPECT_EQ(r.regels[0].leeftijd_dagen, 17);
  EXPECT_TRUE(r.regels[0].onbeantwoord);
  EXPECT_TRUE(r.regels[0].onbetaald);
  EXPECT_EQ(r.regels[0].antwoord_state, "queued");
  EXPECT_EQ(r.klassen[1].label, "11-20");
  EXPECT_EQ(r.klassen[1].onbeantwoord, 1);
  EXPECT_EQ(r.klassen[1].onbetaald, 1);
  EXPECT_EQ(r.klassen[1].onbetaald_cent, *r.regels[0].toegekend_cent);
  EXPECT_GT(r.klassen[1].onbetaald_cent, 0);

  Q("UPDATE bericht SET state = 'acknowledged' WHERE direction = 'out'");
  r = LeesReconciliatie(*conn_, D("2026-03-10"));
  EXPECT_FALSE(r.regels[0].onbeantwoord);
  EXPECT_EQ(r.klassen[4].onbetaald, 1);  // 35 days
  EXPECT_EQ(r.klassen[1].onbetaald, 0);
  EXPECT_TRUE(LeesReconciliatie(*conn_, D("2026-03-10"), "9999").regels.empty());
}

}  // namespace
}  // namespace sluis::db
