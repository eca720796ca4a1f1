// Building what Sluis sends (pure): an ebMS business message around one StUF document, routed
// by the CPA (ebms2-digikoppeling §2.2, §3, §4.5), and judging the HTTP result of an attempt
// (§4.5 "HTTP results while sending").
#pragma once

#include <string>

#include "sluis/codecs/ebms.h"
#include "sluis/codecs/result.h"
#include "sluis/db/messaging.h"

#include "ebms/cpa_registry.h"
#include "net/https_client.h"

namespace sluis::gateway {

struct BuiltMessage {
  codecs::ebms::Envelope envelope;
  std::string content_type;  // multipart/related; ...
  std::string body;
};

// MessageHeader from the CPA (From us with our role, To the receiving party and role, CPAId,
// Service, Action, TimeToLive = now + RetryInterval × (Retries + 1) on a reliable channel,
// DuplicateElimination and AckRequested as the channel says, SyncReply unless
// syncReplyMode none), a Manifest referring to the one payload part (text/xml; charset=UTF-8).
codecs::Result<BuiltMessage> BuildBusinessMessage(const CpaEntry& entry, const ActionRoute& route,
                                                  std::string payload_xml, std::string message_id,
                                                  std::string conversation_id, codecs::Instant now);

// The ebms_outbox row for it: pending, the route's retry policy, expires_at = now +
// PersistDuration (or the TimeToLive when the CPA gives no PersistDuration).
db::OutboxMessage OutboxRow(const CpaEntry& entry, const ActionRoute& route,
                            const BuiltMessage& message, codecs::Instant now);

struct AttemptVerdict {
  db::AttemptOutcome outcome = db::AttemptOutcome::kRetry;
  std::string error;  // for the log and last_error
};
// §4.5: 2xx without body -> awaiting the Acknowledgment (reliable) or delivered; 2xx with a
// body -> a synchronous signal (our Acknowledgment, or a MessageError: failed); 5xx except
// 501/505/510, 408, 429 and transport errors -> retry; other statuses -> failed.
AttemptVerdict JudgeAttempt(const db::OutboxItem& item, const ClientResult& result);

}  // namespace sluis::gateway
