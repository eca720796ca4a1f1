// MSH signals (§2.3, §3.2; ebms-core EbMSMessageFactory): every answer swaps From and To, drops
// the Roles, keeps CPAId and ConversationId and refers to the answered message.
#include <utility>

#include <algorithm>

#include "sluis/codecs/ebms.h"

namespace sluis::codecs::ebms {

const char* SeverityName(Severity s) { return s == Severity::kWarning ? "Warning" : "Error"; }

const char* MessageStatusName(MessageStatus s) {
  switch (s) {
    case MessageStatus::kUnAuthorized:
      return "UnAuthorized";
    case MessageStatus::kNotRecognized:
      return "NotRecognized";
    case MessageStatus::kReceived:
      return "Received";
    case MessageStatus::kProcessed:
      return "Processed";
    case MessageStatus::kForwarded:
      return "Forwarded";
  }
  return "?";
}

MessageKind KindOf(const MessageHeader& h) {
  if (h.service.value != kEbmsServiceUri || h.service.type) return MessageKind::kBusinessMessage;
  if (h.action == kActionAcknowledgment) return MessageKind::kAcknowledgment;
  if (h.action == kActionMessageError) return MessageKind::kMessageError;
  if (h.action == kActionPing) return MessageKind::kPing;
  if (h.action == kActionPong) return MessageKind::kPong;
  if (h.action == kActionStatusRequest) return MessageKind::kStatusRequest;
  if (h.action == kActionStatusResponse) return MessageKind::kStatusResponse;
  // ebms-core treats an unknown action of the ebMS service as a business message, which the
  // CPA then does not know (ValueNotRecognized).
  return MessageKind::kBusinessMessage;
}

const char* MessageKindName(MessageKind k) {
  switch (k) {
    case MessageKind::kBusinessMessage:
      return "BusinessMessage";
    case MessageKind::kAcknowledgment:
      return "Acknowledgment";
    case MessageKind::kMessageError:
      return "MessageError";
    case MessageKind::kPing:
      return "Ping";
    case MessageKind::kPong:
      return "Pong";
    case MessageKind::kStatusRequest:
      return "StatusRequest";
    case MessageKind::kStatusResponse:
      return "StatusResponse";
  }
  return "?";
}

EbmsError MakeEbmsError(std::string_view error_code, std::optional<std::string> location,
                        std::optional<std::string> description) {
  EbmsError e;
  e.error_code = std::string(error_code);
  e.severity = Severity::kError;  // ebms-core always sends Error (§3.2)
  e.location = std::move(location);
  if (description) e.description = Description{"en-US", std::move(*description)};
  return e;
}

namespace {

Party WithoutRole(const Party& p) { return Party{p.party_ids, std::nullopt}; }

// A header of the ebMS service: sender and receiver of `received` swapped, no Roles.
MessageHeader SignalHeader(const MessageHeader& received, std::string_view action,
                           std::string message_id, Instant now) {
  MessageHeader h;
  h.from = WithoutRole(received.to);
  h.to = WithoutRole(received.from);
  h.cpa_id = received.cpa_id;
  h.conversation_id = received.conversation_id;
  h.service = Service{std::nullopt, std::string(kEbmsServiceUri)};
  h.action = std::string(action);
  h.message_data.message_id = std::move(message_id);
  h.message_data.timestamp = now;
  h.message_data.ref_to_message_id = received.message_data.message_id;
  return h;
}

// A new request of the ebMS service (no RefToMessageId).
MessageHeader RequestHeader(std::string cpa_id, Party from, Party to, std::string conversation_id,
                            std::string_view action, std::string message_id, Instant now) {
  MessageHeader h;
  h.from = WithoutRole(from);
  h.to = WithoutRole(to);
  h.cpa_id = std::move(cpa_id);
  h.conversation_id = std::move(conversation_id);
  h.service = Service{std::nullopt, std::string(kEbmsServiceUri)};
  h.action = std::string(action);
  h.message_data.message_id = std::move(message_id);
  h.message_data.timestamp = now;
  return h;
}

}  // namespace

Envelope MakeAcknowledgment(const Envelope& received, std::string message_id, Instant now) {
  Envelope e;
  e.header = SignalHeader(received.header, kActionAcknowledgment, std::move(message_id), now);
  Acknowledgment a;
  a.timestamp = now;
  a.ref_to_message_id = received.header.message_data.message_id;
  a.from = WithoutRole(received.header.to);
  e.acknowledgment = std::move(a);
  return e;
}

Envelope MakeMessageError(const Envelope& received, std::vector<EbmsError> errors,
                          std::string message_id, Instant now) {
  Envelope e;
  e.header = SignalHeader(received.header, kActionMessageError, std::move(message_id), now);
  if (errors.empty()) {
    errors.push_back(MakeEbmsError(kUnknown, std::nullopt, "An unknown error occurred!"));
  }
  ErrorList l;
  const bool any_error = std::any_of(errors.begin(), errors.end(), [](const EbmsError& x) {
    return x.severity == Severity::kError;
  });
  l.highest_severity = any_error ? Severity::kError : Severity::kWarning;
  l.errors = std::move(errors);
  e.error_list = std::move(l);
  return e;
}

Envelope MakePong(const Envelope& ping, std::string message_id, Instant now) {
  Envelope e;
  e.header = SignalHeader(ping.header, kActionPong, std::move(message_id), now);
  return e;
}

Envelope MakeStatusResponse(const Envelope& request, MessageStatus status,
                            std::optional<Instant> status_time, std::string message_id,
                            Instant now) {
  Envelope e;
  e.header = SignalHeader(request.header, kActionStatusResponse, std::move(message_id), now);
  StatusResponse s;
  s.message_status = status;
  s.ref_to_message_id =
      request.status_request ? request.status_request->ref_to_message_id : std::string();
  s.timestamp = status_time;
  e.status_response = std::move(s);
  return e;
}

Envelope MakePing(std::string cpa_id, Party from, Party to, std::string conversation_id,
                  std::string message_id, Instant now) {
  Envelope e;
  e.header = RequestHeader(std::move(cpa_id), std::move(from), std::move(to),
                           std::move(conversation_id), kActionPing, std::move(message_id), now);
  return e;
}

Envelope MakeStatusRequest(std::string cpa_id, Party from, Party to, std::string conversation_id,
                           std::string ref_to_message_id, std::string message_id, Instant now) {
  Envelope e;
  e.header =
      RequestHeader(std::move(cpa_id), std::move(from), std::move(to), std::move(conversation_id),
                    kActionStatusRequest, std::move(message_id), now);
  e.status_request = StatusRequest{std::string(kVersion), std::move(ref_to_message_id)};
  return e;
}

}  // namespace sluis::codecs::ebms
