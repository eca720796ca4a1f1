// The group-commit writer (docs/conventions §6, leveldb's DBImpl::Write): one thread with its
// own connection, a queue of store requests, and one transaction with multi-row statements for
// everything queued while the previous commit ran. One fsync then covers many waiters.
//
// A request stores one received ebMS message and, in the same transaction, what follows from
// it: the asynchronous answer (Acknowledgment, MessageError, Pong, StatusResponse) in
// ebms_outbox, or the effect of a received signal (an Acknowledgment marks our message
// acknowledged; a MessageError marks it failed and raises an alert). The completion runs only
// after the commit, so an Acknowledgment never leaves for a message that is not stored.
//
// A failed batch is not retried: every waiter gets kFailed (the sender retries, ebMS §4.5). A
// broken connection is reopened for the next batch. No Asio here: completions are plain
// callbacks that run on the writer thread; keep them short (post to your own executor).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "sluis/db/messaging.h"

namespace sluis::db {

enum class SignalEffect {
  kNone,
  kAcknowledged,  // received.ref_to_message_id is acknowledged
  kMessageError,  // received.ref_to_message_id failed; effect_detail says why
};

struct StoreRequest {
  ReceivedMessage received;
  std::optional<OutboxMessage> answer;  // queued only if `received` is new (not a duplicate)
  SignalEffect effect = SignalEffect::kNone;
  std::string effect_detail;
};

struct StoreResult {
  enum class Outcome {
    kStored,     // committed
    kDuplicate,  // a message with this MessageId was already stored; nothing written
    kFailed,     // not committed (database error); `error` says why
  };
  Outcome outcome = Outcome::kFailed;
  int64_t received_id = 0;
  std::string error;
  // kAcknowledged that matched one of our messages: when we first sent it (send-to-ack latency).
  std::optional<Instant> acked_first_attempt;
};

class GroupCommitWriter {
 public:
  struct Options {
    std::string url;
    size_t max_batch = 256;
    std::string application_name = "sluisd-writer";
  };
  using Done = std::function<void(StoreResult)>;

  explicit GroupCommitWriter(Options options);
  ~GroupCommitWriter();  // stores what is queued, then joins
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Thread-safe. `done` is called exactly once, on the writer thread.
  void Submit(StoreRequest request, Done done);

  // Called on the writer thread after each committed batch that stored at least one business
  // message or queued an answer (to wake the unpack and delivery workers). Set before Submit.
  void OnCommitted(std::function<void(bool business, bool outbox)> hook);

  uint64_t batches() const;  // committed batches so far (tests, metrics)

 private:
  struct Pending {
    StoreRequest request;
    Done done;
  };
  void Run();
  void Execute(std::deque<Pending>& batch);

  Options options_;
  std::function<void(bool, bool)> on_committed_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  uint64_t batches_ = 0;
  std::unique_ptr<Connection> conn_;
  std::thread thread_;
};

}  // namespace sluis::db
