// The transport's tables: the group-commit writer, outbox claims with leases and SKIP LOCKED,
// retries and dead letters with an injected time, alerts, unpack and pack batches.
#include <future>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "sluis/db/connection.h"
#include "sluis/db/group_commit.h"
#include "sluis/db/messaging.h"
#include "sluis/db/register.h"

#include "pg_schema.h"

namespace sluis::db {
namespace {

using std::chrono::milliseconds;
using testing::TestSchema;

const Instant kT0 = *codecs::ParseXsDateTime("2026-03-02T10:00:00Z");

ReceivedMessage Received(const std::string& id, const std::string& kind = "business") {
  ReceivedMessage m;
  m.message_id = id;
  m.conversation_id = "conv-" + id;
  m.cpa_id = "cpa";
  m.from_party_id = "ggk";
  m.to_party_id = "sluis";
  m.service = "svc";
  m.action = kind == "business" ? "ggk_Di01" : "Acknowledgment";
  m.kind = kind;
  m.content_type = "text/xml";
  m.body = "<body id='" + id + "'/>";
  m.body_sha256 = std::string(32, '\x01');
  m.state = kind == "business" ? "received" : "processed";
  m.received_at = kT0;
  return m;
}

OutboxMessage Outgoing(const std::string& id, bool reliable = true) {
  OutboxMessage o;
  o.message_id = id;
  o.conversation_id = "c";
  o.cpa_id = "cpa";
  o.to_party_id = "ggk";
  o.service = "svc";
  o.action = reliable ? "ggk_Di01" : "Acknowledgment";
  o.kind = reliable ? "business" : "acknowledgment";
  o.endpoint = "https://localhost:1/ebms";
  o.content_type = "text/xml";
  o.body = std::string("\0binary\xff", 8);
  o.reliable = reliable;
  o.max_retries = 2;
  o.retry_interval_ms = 1000;
  o.expires_at = kT0 + milliseconds(5000);
  o.created_at = kT0;
  return o;
}

StoreResult StoreSync(GroupCommitWriter& w, StoreRequest r) {
  std::promise<StoreResult> p;
  auto f = p.get_future();
  w.Submit(std::move(r), [&p](StoreResult res) { p.set_value(std::move(res)); });
  return f.get();
}

TEST(GroupCommitWriterTest, StoresAndDetectsDuplicatesInOneBatch) {
  TestSchema schema;
  GroupCommitWriter w({.url = schema.url()});
  std::vector<std::future<StoreResult>> results;
  std::vector<std::promise<StoreResult>> promises(4);
  const char* ids[] = {"a@x", "b@x", "a@x", "c@x"};
  for (int i = 0; i < 4; ++i) {
    results.push_back(promises[i].get_future());
    StoreRequest r{Received(ids[i])};
    r.answer = Outgoing(std::string("ack-") + std::to_string(i), false);
    w.Submit(std::move(r), [&promises, i](StoreResult res) { promises[i].set_value(res); });
  }
  std::vector<StoreResult> got;
  for (auto& f : results) got.push_back(f.get());
  EXPECT_EQ(got[0].outcome, StoreResult::Outcome::kStored);
  EXPECT_EQ(got[1].outcome, StoreResult::Outcome::kStored);
  EXPECT_EQ(got[2].outcome, StoreResult::Outcome::kDuplicate);
  EXPECT_EQ(got[3].outcome, StoreResult::Outcome::kStored);
  EXPECT_GT(got[0].received_id, 0);
  EXPECT_EQ(schema.Query("SELECT count(*) FROM ebms_received"), "3");
  // Only the stored ones queued their answer.
  EXPECT_EQ(schema.Query("SELECT string_agg(message_id, ',' ORDER BY message_id) FROM ebms_outbox"),
            "ack-0,ack-1,ack-3");
  // Stored again later: a duplicate, nothing written.
  EXPECT_EQ(StoreSync(w, StoreRequest{Received("b@x")}).outcome, StoreResult::Outcome::kDuplicate);
  Connection c(schema.url());
  const auto stored = FindReceived(c, "b@x");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->body_sha256, std::string(32, '\x01'));
  EXPECT_EQ(stored->received_at, kT0);
  EXPECT_FALSE(FindReceived(c, "zzz").has_value());
  EXPECT_TRUE(IsKnownMessageId(c, "ack-1"));
  EXPECT_TRUE(IsKnownMessageId(c, "a@x"));
  EXPECT_FALSE(IsKnownMessageId(c, "ack-2"));
}

TEST(GroupCommitWriterTest, AcknowledgmentAndMessageErrorApplyToOurMessages) {
  TestSchema schema;
  schema.Query(
      "INSERT INTO bericht (id, direction, domein, berichttype, gemeente, agb, identificatie, "
      "dagtekening, payload, state) VALUES (7, 'out', 'wmo', 325, '0363', '12345678', 'X1', "
      "'2026-03-01', 'x', 'packed'), (8, 'out', 'wmo', 325, '0363', '12345678', 'X2', "
      "'2026-03-01', 'x', 'packed')");
  Connection c(schema.url());
  OutboxMessage m1 = Outgoing("m1@sluis");
  m1.bericht_id = 7;
  OutboxMessage m2 = Outgoing("m2@sluis");
  m2.bericht_id = 8;
  InsertOutbox(c, m1);
  InsertOutbox(c, m2);
  ASSERT_EQ(ClaimOutbox(c, "w", 10, kT0, milliseconds(60000)).to_send.size(), 2u);

  GroupCommitWriter w({.url = schema.url()});
  StoreRequest ack{Received("ack1@ggk", "acknowledgment")};
  ack.received.ref_to_message_id = "m1@sluis";
  ack.effect = SignalEffect::kAcknowledged;
  const StoreResult r = StoreSync(w, ack);
  ASSERT_EQ(r.outcome, StoreResult::Outcome::kStored);
  ASSERT_TRUE(r.acked_first_attempt.has_value());
  EXPECT_EQ(*r.acked_first_attempt, kT0);
  EXPECT_EQ(schema.Query("SELECT state FROM ebms_outbox WHERE message_id = 'm1@sluis'"),
            "acknowledged");
  EXPECT_EQ(schema.Query("SELECT state FROM bericht WHERE id = 7"), "acknowledged");

  StoreRequest err{Received("err1@ggk", "message_error")};
  err.received.ref_to_message_id = "m2@sluis";
  err.effect = SignalEffect::kMessageError;
  err.effect_detail = "ValueNotRecognized //Header/MessageHeader/Action";
  ASSERT_EQ(StoreSync(w, err).outcome, StoreResult::Outcome::kStored);
  EXPECT_EQ(schema.Query("SELECT state FROM ebms_outbox WHERE message_id = 'm2@sluis'"), "failed");
  EXPECT_EQ(schema.Query("SELECT state FROM bericht WHERE id = 8"), "dead");
  const auto alerts = OpenAlerts(c);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].condition_key, "ebms.message_error:m2@sluis");
  EXPECT_EQ(alerts[0].severity, "critical");

  // A late attempt result does not undo the acknowledgment.
  const int64_t id1 =
      std::stoll(schema.Query("SELECT id FROM ebms_outbox WHERE message_id = 'm1@sluis'"));
  RecordAttempts(c, {{id1, AttemptOutcome::kAwaitingAck, kT0, 204, ""}});
  EXPECT_EQ(schema.Query("SELECT state FROM ebms_outbox WHERE id = " + std::to_string(id1)),
            "acknowledged");
}

TEST(GroupCommitWriterTest, ABrokenConnectionFailsTheBatchAndTheNextOneReconnects) {
  TestSchema schema;
  GroupCommitWriter w({.url = schema.url(), .application_name = "writer-" + schema.name()});
  ASSERT_EQ(StoreSync(w, StoreRequest{Received("one@x")}).outcome, StoreResult::Outcome::kStored);
  pqxx::connection admin(schema.url());
  pqxx::work tx(admin);
  tx.exec("LOCK TABLE ebms_received IN ACCESS EXCLUSIVE MODE");
  std::promise<StoreResult> p;
  auto f = p.get_future();
  w.Submit(StoreRequest{Received("two@x")}, [&p](StoreResult r) { p.set_value(r); });
  // Wait until the writer blocks on our lock, then kill its backend: before its commit. (Up
  // to 30 s: under ASan with the e2e tests beside it the writer may take seconds to get there.)
  int killed = 0;
  for (int i = 0; i < 1500 && killed == 0; ++i) {
    pqxx::connection probe(schema.url());
    pqxx::work q(probe);
    const pqxx::result r =
        q.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = " +
               q.quote("writer-" + schema.name()) + " AND wait_event_type = 'Lock'");
    killed = static_cast<int>(r.size());
    q.commit();
    if (!killed) std::this_thread::sleep_for(milliseconds(20));
  }
  ASSERT_EQ(killed, 1);
  const StoreResult r = f.get();
  EXPECT_EQ(r.outcome, StoreResult::Outcome::kFailed);
  EXPECT_FALSE(r.error.empty());
  tx.abort();
  EXPECT_EQ(schema.Query("SELECT count(*) FROM ebms_received WHERE message_id = 'two@x'"), "0");
  EXPECT_EQ(StoreSync(w, StoreRequest{Received("two@x")}).outcome, StoreResult::Outcome::kStored);
}

TEST(OutboxTest, RetriesPerTheCpaThenWaitsAndDiesAtExpiry) {
  TestSchema schema;
  schema.Query(
      "INSERT INTO bericht (id, direction, domein, berichttype, gemeente, agb, identificatie, "
      "dagtekening, payload, state) VALUES (5, 'out', 'jeugd', 306, '0363', '12345678', 'R1', "
      "'2026-03-01', 'x', 'packed')");
  Connection c(schema.url());
  OutboxMessage m = Outgoing("m@sluis");
  m.bericht_id = 5;
  const int64_t id = InsertOutbox(c, m);
  const auto at = [](int ms) { return kT0 + milliseconds(ms); };
  const auto claim = [&](int ms) { return ClaimOutbox(c, "w1", 10, at(ms), milliseconds(60000)); };

  ClaimResult r = claim(0);
  ASSERT_EQ(r.to_send.size(), 1u);
  EXPECT_EQ(r.to_send[0].attempts, 1);
  EXPECT_EQ(r.to_send[0].body, std::string("\0binary\xff", 8));
  EXPECT_TRUE(claim(10).to_send.empty());  // leased
  RecordAttempts(c, {{id, AttemptOutcome::kRetry, at(100), 0, "connection refused"}});
  EXPECT_TRUE(claim(1099).to_send.empty());
  r = claim(1100);
  ASSERT_EQ(r.to_send.size(), 1u);
  EXPECT_EQ(r.to_send[0].attempts, 2);
  EXPECT_EQ(r.to_send[0].message_id, "m@sluis");  // the same MessageId on every attempt
  RecordAttempts(c, {{id, AttemptOutcome::kAwaitingAck, at(1200), 204, ""}});
  EXPECT_EQ(schema.Query("SELECT state FROM ebms_outbox"), "awaiting_ack");
  r = claim(2200);  // no Acknowledgment within the retry interval: send again
  ASSERT_EQ(r.to_send.size(), 1u);
  EXPECT_EQ(r.to_send[0].attempts, 3);
  RecordAttempts(c, {{id, AttemptOutcome::kRetry, at(2300), 503, "HTTP 503"}});
  r = claim(3300);  // 1 + Retries attempts made: wait for the ack until PersistDuration
  EXPECT_TRUE(r.to_send.empty());
  EXPECT_EQ(r.exhausted, 1);
  EXPECT_TRUE(claim(4999).to_send.empty());
  EXPECT_TRUE(OpenAlerts(c).empty());
  r = claim(5000);
  ASSERT_EQ(r.dead.size(), 1u);
  EXPECT_EQ(r.dead[0].message_id, "m@sluis");
  EXPECT_EQ(schema.Query("SELECT state FROM ebms_outbox"), "dead");
  EXPECT_EQ(schema.Query("SELECT state FROM bericht WHERE id = 5"), "dead");
  const auto alerts = OpenAlerts(c);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind, "dead_letter");
  EXPECT_NE(alerts[0].message.find("HTTP 503"), std::string::npos) << alerts[0].message;
  const OutboxStats s = ReadOutboxStats(c, at(6000));
  EXPECT_EQ(s.depth.at("dead"), 1);
  EXPECT_EQ(s.depth.at("pending"), 0);
}

TEST(OutboxTest, SignalsFailAfterTheirRetriesAndBadRequestsFailAtOnce) {
  TestSchema schema;
  Connection c(schema.url());
  const int64_t sig = InsertOutbox(c, Outgoing("ack@sluis", /*reliable=*/false));
  const int64_t biz = InsertOutbox(c, Outgoing("biz@sluis"));
  ClaimResult r = ClaimOutbox(c, "w", 10, kT0, milliseconds(1000));
  ASSERT_EQ(r.to_send.size(), 2u);
  RecordAttempts(c, {{sig, AttemptOutcome::kDelivered, kT0, 204, ""},
                     {biz, AttemptOutcome::kFailed, kT0, 400, "HTTP 400"}});
  EXPECT_EQ(schema.Query("SELECT state FROM ebms_outbox WHERE id = " + std::to_string(sig)),
            "delivered");
  EXPECT_EQ(schema.Query("SELECT state FROM ebms_outbox WHERE id = " + std::to_string(biz)),
            "failed");
  EXPECT_EQ(OpenAlerts(c).size(), 1u);
  // A signal whose retries are used up fails (it waits for nothing).
  OutboxMessage s2 = Outgoing("ack2@sluis", false);
  s2.max_retries = 0;
  const int64_t id2 = InsertOutbox(c, s2);
  ASSERT_EQ(ClaimOutbox(c, "w", 10, kT0, milliseconds(10)).to_send.size(), 1u);
  RecordAttempts(c, {{id2, AttemptOutcome::kRetry, kT0, 0, "refused"}});
  r = ClaimOutbox(c, "w", 10, kT0 + milliseconds(1000), milliseconds(10));
  EXPECT_EQ(r.exhausted, 1);
  EXPECT_EQ(schema.Query("SELECT state FROM ebms_outbox WHERE id = " + std::to_string(id2)),
            "failed");
}

// Another transaction holds outbox row b while RecordAttempts holds a and waits for b; then the
// other asks for a. PostgreSQL aborts the transaction that waited first, RecordAttempts's, and
// RecordAttempts runs its batch again once the other has committed: the results are recorded.
TEST(OutboxTest, RecordAttemptsRunsItsBatchAgainAfterADeadlock) {
  TestSchema schema;
  Connection c(schema.url());
  const int64_t a = InsertOutbox(c, Outgoing("a@sluis"));
  const int64_t b = InsertOutbox(c, Outgoing("b@sluis"));
  ASSERT_EQ(ClaimOutbox(c, "w", 10, kT0, milliseconds(60000)).to_send.size(), 2u);
  pqxx::connection other_conn(schema.url());
  pqxx::work other(other_conn);
  const std::string other_pid = other.exec1("SELECT pg_backend_pid()")[0].c_str();
  other.exec0("UPDATE ebms_outbox SET last_error = 'other' WHERE id = " + std::to_string(b));
  std::promise<std::string> recorded;
  std::thread record([&] {
    try {
      Connection c2(schema.url());
      RecordAttempts(c2, {{a, AttemptOutcome::kAcknowledged, kT0, 200, ""},
                          {b, AttemptOutcome::kAcknowledged, kT0, 200, ""}});
      recorded.set_value("");
    } catch (const std::exception& e) {
      recorded.set_value(e.what());
    }
  });
  bool waiting = false;
  for (int i = 0; i < 500 && !waiting; ++i) {
    waiting = schema.Query("SELECT count(*) FROM pg_stat_activity WHERE " + other_pid +
                           " = ANY (pg_blocking_pids(pid))") == "1";
    if (!waiting) std::this_thread::sleep_for(milliseconds(10));
  }
  ASSERT_TRUE(waiting) << "RecordAttempts never waited for row b";
  other.exec0("UPDATE ebms_outbox SET last_error = 'other' WHERE id = " + std::to_string(a));
  other.commit();
  auto result = recorded.get_future();
  record.join();
  EXPECT_EQ(result.get(), "");
  EXPECT_EQ(schema.Query("SELECT string_agg(state, ' ' ORDER BY id) FROM ebms_outbox"),
            "acknowledged acknowledged");
}

TEST(OutboxTest, ADuplicateGetsItsAnswerAgainEvenWhileItIsOnItsWay) {
  TestSchema schema;
  Connection c(schema.url());
  OutboxMessage ack = Outgoing("ack@sluis", /*reliable=*/false);
  ack.ref_to_message_id = "orig@ggk";
  const int64_t id = InsertOutbox(c, ack);
  ASSERT_EQ(ClaimOutbox(c, "w", 10, kT0, milliseconds(60000)).to_send.size(), 1u);
  EXPECT_TRUE(RequeueAnswer(c, "orig@ggk", kT0));  // while the first send is in flight
  RecordAttempts(c, {{id, AttemptOutcome::kDelivered, kT0, 204, ""}});
  EXPECT_EQ(schema.Query("SELECT state FROM ebms_outbox"), "pending");
  ASSERT_EQ(ClaimOutbox(c, "w", 10, kT0, milliseconds(60000)).to_send.size(), 1u);
  RecordAttempts(c, {{id, AttemptOutcome::kDelivered, kT0, 204, ""}});
  EXPECT_EQ(schema.Query("SELECT state FROM ebms_outbox"), "delivered");
  EXPECT_TRUE(RequeueAnswer(c, "orig@ggk", kT0 + milliseconds(10)));  // after it was delivered
  const ClaimResult again = ClaimOutbox(c, "w", 10, kT0 + milliseconds(10), milliseconds(60000));
  ASSERT_EQ(again.to_send.size(), 1u);
  EXPECT_EQ(again.to_send[0].attempts, 1);
  EXPECT_FALSE(RequeueAnswer(c, "unknown@ggk", kT0));
}

TEST(OutboxTest, ConcurrentClaimsNeverShareARow) {
  TestSchema schema;
  {
    Connection c(schema.url());
    for (int i = 0; i < 300; ++i) InsertOutbox(c, Outgoing("m" + std::to_string(i) + "@s"));
  }
  auto worker = [&](const std::string& name) {
    Connection c(schema.url());
    std::vector<int64_t> ids;
    for (;;) {
      const ClaimResult r = ClaimOutbox(c, name, 7, kT0, milliseconds(60000));
      if (r.to_send.empty()) break;
      for (const auto& it : r.to_send) ids.push_back(it.id);
    }
    return ids;
  };
  auto a = std::async(std::launch::async, worker, "a");
  auto b = std::async(std::launch::async, worker, "b");
  auto c = std::async(std::launch::async, worker, "c");
  std::multiset<int64_t> all;
  for (auto* f : {&a, &b, &c}) {
    for (int64_t id : f->get()) all.insert(id);
  }
  EXPECT_EQ(all.size(), 300u);
  EXPECT_EQ(std::set<int64_t>(all.begin(), all.end()).size(), 300u);
}

TEST(AlertTest, OneOpenAlertPerCondition) {
  TestSchema schema;
  Connection c(schema.url());
  const AlertSpec a{"tls.expiry:ours", "certificate_expiry", "warning", "ours", "expires soon"};
  const int64_t first = RaiseAlert(c, a, kT0);
  AlertSpec again = a;
  again.message = "expires sooner";
  again.severity = "critical";
  EXPECT_EQ(RaiseAlert(c, again, kT0 + milliseconds(1000)), first);
  auto open = OpenAlerts(c);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].occurrences, 2);
  EXPECT_EQ(open[0].message, "expires sooner");
  EXPECT_EQ(open[0].severity, "critical");
  EXPECT_EQ(open[0].first_seen, kT0);
  EXPECT_EQ(open[0].last_seen, kT0 + milliseconds(1000));
  ResolveAlert(c, a.condition_key, kT0 + milliseconds(2000));
  EXPECT_TRUE(OpenAlerts(c).empty());
  EXPECT_NE(RaiseAlert(c, a, kT0 + milliseconds(3000)), first);
  EXPECT_EQ(schema.Query("SELECT count(*) FROM alert"), "2");
}

TEST(RegisterTest, UnpackWritesBerichtenAndIsolatesAPoisonRow) {
  TestSchema schema;
  {
    GroupCommitWriter w({.url = schema.url()});
    for (const char* id : {"u1", "u2", "u3"}) StoreSync(w, StoreRequest{Received(id)});
  }
  Connection c(schema.url());
  auto unpack = [](const ReceivedForUnpack& r) {
    UnpackOutcome o;
    BerichtInsert b;
    b.domein = r.message_id == "u2" ? "nonsense" : "wmo";  // u2 breaks a CHECK constraint
    b.berichttype = 305;
    b.gemeente = "0363";
    b.agb = "12345678";
    b.identificatie = "ID-" + r.message_id;
    b.dagtekening = "2026-03-01";
    b.payload = r.body;
    b.stuf_referentienummer = "ref-" + r.message_id;
    b.state = "queued";
    b.level2_violations = R"([{"rule":"TR101"}])";
    o.bericht = b;
    return o;
  };
  const auto outcomes = UnpackBatch(c, 10, kT0, unpack);
  EXPECT_EQ(outcomes.size(), 3u);
  EXPECT_EQ(schema.Query("SELECT string_agg(message_id || '=' || state, ',' ORDER BY id) FROM "
                         "ebms_received"),
            "u1=unpacked,u2=failed,u3=unpacked");
  EXPECT_EQ(schema.Query("SELECT count(*) FROM bericht WHERE direction = 'in' AND state = "
                         "'queued'"),
            "2");
  EXPECT_EQ(schema.Query("SELECT level2_violations->0->>'rule' FROM bericht LIMIT 1"), "TR101");
  EXPECT_EQ(OpenAlerts(c).size(), 1u);
  EXPECT_TRUE(UnpackBatch(c, 10, kT0, unpack).empty());  // nothing left
}

TEST(RegisterTest, PackQueuesOutboxRowsAndMarksBerichtenPacked) {
  TestSchema schema;
  schema.Query(
      "INSERT INTO bericht (id, direction, domein, berichttype, gemeente, agb, identificatie, "
      "dagtekening, payload, state, stuf_referentienummer) VALUES "
      "(1, 'in', 'wmo', 305, '0363', '12345678', 'H1', '2026-03-01', 'heen', 'processed', "
      "'11111111-1111-4111-8111-111111111111'),"
      "(2, 'out', 'wmo', 306, '0363', '12345678', 'R1', '2026-03-02', 'retour', 'queued', NULL),"
      "(3, 'out', 'wmo', 325, '0363', '12345678', 'D1', '2026-03-02', 'antwoord', 'queued', "
      "NULL)");
  schema.Query("UPDATE bericht SET answers_bericht_id = 1 WHERE id = 2");
  Connection c(schema.url());
  std::vector<BerichtForPacking> seen;
  const auto outcomes = PackBatch(c, 10, kT0, [&](const BerichtForPacking& b) {
    seen.push_back(b);
    PackOutcome o;
    if (b.id == 3) {
      o.error = "no route";
      o.alert = AlertSpec{"pack.failed:3", "pack_failed", "critical", "bericht 3", "no route"};
      return o;
    }
    o.packed = true;
    o.stuf_referentienummer = "22222222-2222-4222-8222-222222222222";
    o.stuf_cross_refnummer = b.heen_referentienummer;
    o.outbox = Outgoing(o.stuf_referentienummer + "@sluis");
    return o;
  });
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].heen_referentienummer, "11111111-1111-4111-8111-111111111111");
  EXPECT_EQ(seen[0].payload, "retour");
  EXPECT_EQ(schema.Query("SELECT state || ' ' || stuf_cross_refnummer FROM bericht WHERE id = 2"),
            "packed 11111111-1111-4111-8111-111111111111");
  EXPECT_EQ(schema.Query("SELECT state || ' ' || error FROM bericht WHERE id = 3"),
            "dead no route");
  EXPECT_EQ(schema.Query("SELECT bericht_id FROM ebms_outbox"), "2");
  EXPECT_TRUE(
      PackBatch(c, 10, kT0, [](const BerichtForPacking&) { return PackOutcome{}; }).empty());
}

}  // namespace
}  // namespace sluis::db
