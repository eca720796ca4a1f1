#include "sluis/db/group_commit.h"

#include <map>

#include "connection_impl.h"
#include "messaging_sql.h"
#include "sql_util.h"

namespace sluis::db {

using internal::Params;

GroupCommitWriter::GroupCommitWriter(Options options) : options_(std::move(options)) {
  thread_ = std::thread([this] { Run(); });
}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void GroupCommitWriter::OnCommitted(std::function<void(bool, bool)> hook) {
  on_committed_ = std::move(hook);
}

void GroupCommitWriter::Submit(StoreRequest request, Done done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(Pending{std::move(request), std::move(done)});
  }
  cv_.notify_one();
}

uint64_t GroupCommitWriter::batches() const {
  std::lock_guard<std::mutex> lock(mu_);
  return batches_;
}

void GroupCommitWriter::Run() {
  for (;;) {
    std::deque<Pending> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    Execute(batch);
  }
}

namespace {

std::string SignalRefs(const std::vector<const StoreRequest*>& reqs, Params& p) {
  std::string list;
  for (const StoreRequest* r : reqs)
    list += (list.empty() ? "" : ",") + p.Text(*r->received.ref_to_message_id);
  return list;
}

}  // namespace

void GroupCommitWriter::Execute(std::deque<Pending>& batch) {
  std::vector<StoreResult> results(batch.size());
  bool business = false;
  bool outbox = false;
  try {
    if (!conn_ || !conn_->is_open()) {
      conn_.reset();
      conn_ = std::make_unique<Connection>(options_.url);
      MapErrors([&] {
        pqxx::nontransaction nt(conn_->impl().conn);
        nt.exec("SET application_name = " + nt.quote(options_.application_name));
      });
    }
    MapErrors([&] {
      pqxx::work tx(conn_->impl().conn);
      Params p;
      std::string sql =
          "INSERT INTO ebms_received (message_id, conversation_id, ref_to_message_id, cpa_id, "
          "from_party_id, to_party_id, service, action, kind, peer_address, "
          "peer_certificate_sha256, peer_oin, content_type, body, body_sha256, "
          "answer_content_type, answer_body, state, received_at) VALUES ";
      for (size_t i = 0; i < batch.size(); ++i) {
        const ReceivedMessage& m = batch[i].request.received;
        sql += (i ? ",(" : "(") + p.Text(m.message_id) + "," + p.Text(m.conversation_id) + "," +
               p.Opt(m.ref_to_message_id) + "," + p.Text(m.cpa_id) + "," + p.Text(m.from_party_id) +
               "," + p.Text(m.to_party_id) + "," + p.Text(m.service) + "," + p.Text(m.action) +
               "," + p.Text(m.kind) + "," + p.Opt(m.peer_address) + "," +
               p.Opt(m.peer_certificate_sha256) + "," + p.Opt(m.peer_oin) + "," +
               p.Text(m.content_type) + "," + p.Bytes(m.body) + "," + p.Bytes(m.body_sha256) + "," +
               p.Opt(m.answer_content_type) + "," + p.OptBytes(m.answer_body) + "," +
               p.Text(m.state) + "," + p.Time(m.received_at) + ")";
      }
      sql += " ON CONFLICT (message_id) DO NOTHING RETURNING id, message_id";
      const pqxx::result inserted = p.Exec(tx, sql);

      // The first request with each returned MessageId is the one stored; the others (same id
      // twice in one batch, or already in the table) are duplicates.
      std::map<std::string, int64_t> ids;
      for (const auto& row : inserted) ids[row[1].as<std::string>()] = row[0].as<int64_t>();
      std::vector<const OutboxMessage*> answers;
      std::vector<const StoreRequest*> acks;
      std::vector<size_t> ack_index;
      std::vector<size_t> errors;
      for (size_t i = 0; i < batch.size(); ++i) {
        const StoreRequest& r = batch[i].request;
        auto it = ids.find(r.received.message_id);
        if (it == ids.end()) {
          results[i].outcome = StoreResult::Outcome::kDuplicate;
          continue;
        }
        results[i].outcome = StoreResult::Outcome::kStored;
        results[i].received_id = it->second;
        ids.erase(it);
        if (r.received.kind == "business" && r.received.state == "received") business = true;
        if (r.answer) answers.push_back(&*r.answer);
        if (r.effect == SignalEffect::kAcknowledged && r.received.ref_to_message_id) {
          acks.push_back(&r);
          ack_index.push_back(i);
        }
        if (r.effect == SignalEffect::kMessageError && r.received.ref_to_message_id) {
          errors.push_back(i);
        }
      }
      if (!answers.empty()) {
        internal::InsertOutboxRows(tx, answers);
        outbox = true;
      }
      if (!acks.empty()) {
        Params a;
        const std::string at = a.Time(acks.front()->received.received_at);
        const pqxx::result r = a.Exec(
            tx, "WITH done AS (UPDATE ebms_outbox SET state = 'acknowledged', done_at = " + at +
                    " WHERE message_id IN (" + SignalRefs(acks, a) +
                    ") AND state IN ('pending', 'awaiting_ack')"
                    " RETURNING message_id, bericht_id, first_attempt_at),"
                    " b AS (UPDATE bericht SET state = 'acknowledged' FROM done"
                    " WHERE bericht.id = done.bericht_id AND bericht.state = 'packed')"
                    " SELECT message_id, " +
                    internal::EpochMs("first_attempt_at") + " FROM done");
        std::map<std::string, int64_t> first;
        for (const auto& row : r) {
          if (!row[1].is_null()) first[row[0].as<std::string>()] = row[1].as<int64_t>();
        }
        for (size_t k = 0; k < acks.size(); ++k) {
          auto f = first.find(*acks[k]->received.ref_to_message_id);
          if (f != first.end()) {
            results[ack_index[k]].acked_first_attempt = internal::FromEpochMs(f->second);
          }
        }
      }
      for (size_t i : errors) {
        const StoreRequest& r = batch[i].request;
        Params e;
        const pqxx::result failed = e.Exec(
            tx, "UPDATE ebms_outbox SET state = 'failed', done_at = " +
                    e.Time(r.received.received_at) + ", last_error = " + e.Text(r.effect_detail) +
                    " WHERE message_id = " + e.Text(*r.received.ref_to_message_id) +
                    " AND state IN ('pending', 'awaiting_ack', 'delivered')"
                    " RETURNING bericht_id, kind, action");
        if (failed.empty()) continue;
        if (!failed[0][0].is_null()) {
          Params b;
          b.Exec(tx, "UPDATE bericht SET state = 'dead', error = " +
                         b.Text("MessageError: " + r.effect_detail) +
                         " WHERE id = " + b.Int(failed[0][0].as<int64_t>()));
        }
        internal::RaiseAlertIn(
            tx,
            AlertSpec{"ebms.message_error:" + *r.received.ref_to_message_id, "message_error",
                      "critical", *r.received.ref_to_message_id,
                      "the GGk refused ebMS " + failed[0][2].as<std::string>() + " " +
                          *r.received.ref_to_message_id + ": " + r.effect_detail},
            r.received.received_at);
      }
      tx.commit();
    });
  } catch (const std::exception& e) {
    // Nothing of this batch is committed (or it is in doubt: then the sender's retry is a
    // duplicate that gets the stored answer). Reconnect for the next batch.
    conn_.reset();
    for (StoreResult& r : results) {
      r = StoreResult{};
      r.outcome = StoreResult::Outcome::kFailed;
      r.error = e.what();
    }
    business = outbox = false;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++batches_;
  }
  if (on_committed_ && (business || outbox)) on_committed_(business, outbox);
  for (size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
}

}  // namespace sluis::db
