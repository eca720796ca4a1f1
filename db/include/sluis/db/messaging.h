// The transport's tables (migrations 0002 and 0003): ebms_received, ebms_outbox, ebms_refused,
// stuf_fo01, alert, and the queries the ebMS MSH and its workers make on them. Every function
// takes a Connection owned by the calling thread (docs/conventions §6) and throws DbError.
//
// Time is a parameter (`now`), never the database's clock, so that tests decide what "due"
// and "expired" mean; the gateway passes its injected clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sluis/codecs/date.h"
#include "sluis/db/connection.h"

namespace sluis::db {

using Instant = codecs::Instant;

// --- ebms_received -----------------------------------------------------------------------

// One ebMS message as received: raw bytes, parsed header, peer identity, and the signal we
// answered with (so that a duplicate gets it again byte for byte).
struct ReceivedMessage {
  std::string message_id;
  std::string conversation_id;
  std::optional<std::string> ref_to_message_id;
  std::string cpa_id;
  std::string from_party_id;
  std::string to_party_id;
  std::string service;
  std::string action;
  std::string kind;  // business | acknowledgment | message_error | ping | pong | status_request |
                     // status_response
  std::string peer_address;
  std::string peer_certificate_sha256;
  std::string peer_oin;
  std::string content_type;
  std::string body;
  std::string body_sha256;  // 32 raw bytes
  std::optional<std::string> answer_content_type;
  std::optional<std::string> answer_body;
  std::string state;  // received | rejected | processed (see 0003_transport.sql)
  Instant received_at;
};

// One row for ebms_outbox: a business message or an asynchronous signal. The MessageId and the
// bytes are fixed here and reused on every attempt.
struct OutboxMessage {
  std::string message_id;
  std::string conversation_id;
  std::optional<std::string> ref_to_message_id;
  std::string cpa_id;
  std::string to_party_id;
  std::string service;
  std::string action;
  std::string kind;  // business | acknowledgment | message_error | pong | status_response
  std::string endpoint;
  std::string content_type;
  std::string body;
  bool reliable = false;  // osb-rm business message: wait for an Acknowledgment
  std::optional<int64_t> bericht_id;
  int32_t max_retries = 0;
  int64_t retry_interval_ms = 0;
  std::optional<Instant> expires_at;  // created + PersistDuration: dead letter after this
  Instant created_at;                 // also the first next_attempt_at
};

// What the duplicate check needs of a stored message.
struct StoredMessage {
  int64_t id = 0;
  std::string body_sha256;
  std::optional<std::string> answer_content_type;
  std::optional<std::string> answer_body;
  std::string kind;
  std::string state;
  std::string from_party_id;
  Instant received_at;
};
std::optional<StoredMessage> FindReceived(Connection& conn, const std::string& message_id);

// Whether a MessageId is one this MSH sent or received (RefToMessageId checks).
bool IsKnownMessageId(Connection& conn, const std::string& message_id);

// A duplicate arrived and its answer goes asynchronously: schedule the stored answer to
// `ref_to_message_id` again (when it is not already on its way). True when one was requeued.
bool RequeueAnswer(Connection& conn, const std::string& ref_to_message_id, Instant now);

// StatusRequest: what we know about a message the requester sent us.
struct ReceivedStatus {
  std::string from_party_id;
  Instant received_at;
  bool processed = false;  // its bericht was taken by the workflow
};
std::optional<ReceivedStatus> LookupReceivedStatus(Connection& conn, const std::string& message_id);

// --- ebms_refused ------------------------------------------------------------------------

struct RefusedRequest {
  std::string peer_address;
  std::string peer_certificate_sha256;
  std::string peer_oin;
  std::optional<std::string> message_id;
  std::optional<std::string> cpa_id;
  int http_status = 500;
  std::string reason;
  std::string content_type;
  std::string body;
  std::optional<std::string> answer_body;
  Instant received_at;
};
void InsertRefused(Connection& conn, const RefusedRequest& r);

// --- alert -------------------------------------------------------------------------------

struct AlertSpec {
  std::string condition_key;
  std::string kind;
  std::string severity;  // info | warning | critical
  std::string subject;
  std::string message;
};
// One open alert per condition: an open alert with this key is updated (last_seen,
// occurrences, message), otherwise a new one is opened. Returns the alert id.
int64_t RaiseAlert(Connection& conn, const AlertSpec& alert, Instant at);
// Closes the open alert of a condition, if any.
void ResolveAlert(Connection& conn, const std::string& condition_key, Instant at);

struct Alert {
  int64_t id = 0;
  std::string condition_key, kind, severity, subject, message;
  int32_t occurrences = 0;
  Instant first_seen, last_seen;
};
std::vector<Alert> OpenAlerts(Connection& conn);

// --- ebms_outbox: delivery -------------------------------------------------------------

// Inserts one row (state pending, due at created_at). Returns its id.
int64_t InsertOutbox(Connection& conn, const OutboxMessage& m);

struct OutboxItem {
  int64_t id = 0;
  std::string message_id;
  std::optional<std::string> ref_to_message_id;
  std::string cpa_id;
  std::string to_party_id;
  std::string action;
  std::string kind;
  std::string endpoint;
  std::string content_type;
  std::string body;
  bool reliable = false;
  std::string state;     // pending | awaiting_ack (before this attempt)
  int32_t attempts = 0;  // including this attempt
  int32_t max_retries = 0;
  int64_t retry_interval_ms = 0;
  std::optional<int64_t> bericht_id;
  Instant first_attempt_at;
  Instant created_at;
};

// A row that reached its expires_at without an Acknowledgment: now dead, alert raised.
struct DeadLetter {
  int64_t id = 0;
  std::string message_id;
  std::string kind;
  std::string cpa_id;
  std::string action;
  int32_t attempts = 0;
  std::optional<int64_t> bericht_id;
};

struct ClaimResult {
  std::vector<OutboxItem> to_send;
  std::vector<DeadLetter> dead;  // moved to dead by this call
  int32_t exhausted = 0;         // retries used up: waiting for the ack until expiry, or failed
};

// In one transaction: moves expired rows to dead (and their bericht; a critical alert for
// business messages, a warning per CPA for signals), parks or fails rows whose retries are used
// up, then claims up to `limit` due rows with FOR UPDATE SKIP LOCKED: attempts + 1, a lease
// (next_attempt_at = now + lease) and claimed_by = worker, so that no other process sends them
// before RecordAttempts. Several sluisd processes may call this concurrently.
ClaimResult ClaimOutbox(Connection& conn, const std::string& worker, size_t limit, Instant now,
                        std::chrono::milliseconds lease);

enum class AttemptOutcome {
  kDelivered,     // best effort (not reliable): 2xx
  kAwaitingAck,   // reliable: 2xx without body; the Acknowledgment comes asynchronously
  kAcknowledged,  // reliable: the Acknowledgment came in the HTTP response
  kRetry,         // transport failure, 5xx, 408, 429, no answer: again after the retry interval
  kFailed,        // other 4xx/3xx, or a MessageError in the response: final, alert raised
};
const char* AttemptOutcomeName(AttemptOutcome o);

struct AttemptResult {
  int64_t id = 0;
  AttemptOutcome outcome = AttemptOutcome::kRetry;
  Instant at;           // when the attempt ended
  int http_status = 0;  // 0: no HTTP answer
  std::string error;    // for kRetry / kFailed
};
// Records attempts in one transaction. A row that was acknowledged meanwhile (an asynchronous
// Acknowledgment overtook the HTTP answer) keeps its state.
void RecordAttempts(Connection& conn, const std::vector<AttemptResult>& results);

struct OutboxStats {
  std::map<std::string, int64_t> depth;  // state -> rows (pending, awaiting_ack, failed, dead)
  double oldest_pending_seconds = 0;     // age of the oldest pending/awaiting_ack row
};
OutboxStats ReadOutboxStats(Connection& conn, Instant now);

}  // namespace sluis::db
