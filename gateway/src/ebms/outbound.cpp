#include "ebms/outbound.h"

#include "sluis/codecs/mime.h"

#include "ids.h"

namespace sluis::gateway {

namespace ebms = codecs::ebms;
namespace cpa = codecs::cpa;

codecs::Result<BuiltMessage> BuildBusinessMessage(const CpaEntry& entry, const ActionRoute& route,
                                                  std::string payload_xml, std::string message_id,
                                                  std::string conversation_id,
                                                  codecs::Instant now) {
  const cpa::SendRoute& r = route.route;
  const cpa::MessagingCharacteristics& m = r.sender.channel->messaging;
  ebms::Envelope e;
  ebms::MessageHeader& h = e.header;
  h.from = ebms::Party{{entry.our_party_id}, r.sender.role->role};
  h.to = ebms::Party{r.receiver.party->party_ids, r.receiver.role->role};
  h.cpa_id = entry.cpa.cpa_id;
  h.conversation_id = std::move(conversation_id);
  h.service = entry.service;
  h.action = route.action;
  h.message_data.message_id = message_id;
  h.message_data.timestamp = now;
  h.message_data.time_to_live = cpa::TimeToLive(entry.cpa, *r.sender.channel, now);
  h.duplicate_elimination = m.duplicate_elimination == cpa::PerMessage::kAlways;
  if (m.ack_requested == cpa::PerMessage::kAlways) {
    ebms::AckRequested a;
    a.actor = m.actor.value_or(std::string(ebms::kActorToPartyMsh));
    a.is_signed = false;
    e.ack_requested = a;
  }
  if (m.sync_reply_mode != cpa::SyncReplyMode::kNone) e.sync_reply = ebms::SyncReply{};
  const std::string payload_cid = NewUuid() + "@" + entry.our_host;
  ebms::Manifest manifest;
  manifest.references.push_back(ebms::Reference{"cid:" + payload_cid, "simple", {}, {}});
  e.manifest = std::move(manifest);
  std::vector<codecs::mime::Part> parts;
  parts.push_back(codecs::mime::Part{
      std::string(ebms::kXmlContentType), payload_cid, "", {}, std::move(payload_xml)});
  codecs::Result<codecs::mime::Encoded> encoded =
      ebms::EncodeMessage(e, parts, message_id, codecs::mime::MakeBoundary(NewUuid()));
  if (!encoded.ok()) return encoded.error();
  return BuiltMessage{std::move(e), std::move(encoded->content_type), std::move(encoded->body)};
}

db::OutboxMessage OutboxRow(const CpaEntry& entry, const ActionRoute& route,
                            const BuiltMessage& message, codecs::Instant now) {
  const ebms::MessageHeader& h = message.envelope.header;
  db::OutboxMessage o;
  o.message_id = h.message_data.message_id;
  o.conversation_id = h.conversation_id;
  o.cpa_id = h.cpa_id;
  std::string to;
  for (const cpa::PartyId& id : h.to.party_ids) to += (to.empty() ? "" : ",") + id.value;
  o.to_party_id = to;
  o.service = h.service.value;
  o.action = h.action;
  o.kind = "business";
  o.endpoint = route.route.endpoint_uri;
  o.content_type = message.content_type;
  o.body = message.body;
  o.reliable = route.policy.reliable;
  o.max_retries = route.policy.reliable ? route.policy.retries : 0;
  o.retry_interval_ms = route.policy.retry_interval_ms;
  if (route.policy.persist_ms) {
    o.expires_at = now + std::chrono::milliseconds(*route.policy.persist_ms);
  } else if (h.message_data.time_to_live) {
    o.expires_at = *h.message_data.time_to_live;
  }
  o.created_at = now;
  (void)entry;
  return o;
}

namespace {

std::string Snippet(const std::string& body) {
  std::string s = body.substr(0, 200);
  for (char& c : s) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return s;
}

}  // namespace

AttemptVerdict JudgeAttempt(const db::OutboxItem& item, const ClientResult& r) {
  using O = db::AttemptOutcome;
  if (!r.ok()) return {O::kRetry, std::string(ClientErrorName(r.error)) + ": " + r.detail};
  const int s = r.status;
  if (s >= 200 && s < 300) {
    if (!item.reliable) return {O::kDelivered, ""};
    if (r.body.empty()) return {O::kAwaitingAck, ""};
    // A synchronous signal (mshSignalsOnly).
    codecs::Result<ebms::InboundMessage> in = ebms::DecodeMessage(r.content_type, r.body);
    if (!in.ok()) {
      return {O::kRetry, "unreadable synchronous answer: " + in.error().ToString()};
    }
    const ebms::Envelope& e = in->envelope;
    const auto& ref = e.header.message_data.ref_to_message_id;
    const ebms::MessageKind kind = ebms::KindOf(e.header);
    if (kind == ebms::MessageKind::kAcknowledgment && e.acknowledgment && ref &&
        *ref == item.message_id) {
      return {O::kAcknowledged, ""};
    }
    if (kind == ebms::MessageKind::kMessageError && e.error_list && ref &&
        *ref == item.message_id) {
      std::string why = "MessageError:";
      for (const ebms::EbmsError& err : e.error_list->errors) {
        why += " " + err.error_code + (err.location ? " " + *err.location : "") +
               (err.description ? " (" + err.description->text + ")" : "");
      }
      return {O::kFailed, why};
    }
    return {O::kRetry, std::string("synchronous answer is not our Acknowledgment but ") +
                           ebms::MessageKindName(kind)};
  }
  std::string why = "HTTP " + std::to_string(s);
  if (auto fault = ebms::ParseSoapFault(r.body); fault.ok()) {
    why += ": SOAP Fault " + fault->code + " " + fault->string;
  } else if (!r.body.empty()) {
    why += ": " + Snippet(r.body);
  }
  const bool recoverable = (s >= 500 && s != 501 && s != 505 && s != 510) || s == 408 || s == 429;
  return {recoverable ? O::kRetry : O::kFailed, why};
}

}  // namespace sluis::gateway
