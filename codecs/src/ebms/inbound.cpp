// ValidateInbound: the receiver pipeline of docs/ebms2-digikoppeling §6 after parsing. Codes,
// locations and descriptions are ebms-core's (MessageHeaderValidator, CPAValidator,
// ManifestValidator), pinned by the §7 test vectors.
#include <algorithm>
#include <cctype>

#include "sluis/codecs/ebms_inbound.h"

namespace sluis::codecs::ebms {
namespace {

constexpr char kValueNotFound[] = "Value not found.";
constexpr char kInvalidValue[] = "Invalid value.";
constexpr char kWrongValue[] = "Wrong value.";

EbmsError Err(std::string_view code, std::optional<std::string> location,
              std::optional<std::string> text) {
  return MakeEbmsError(code, std::move(location), std::move(text));
}

// java.net.URI's acceptance, roughly: ebms-core accepts a PartyId or Service without a type
// only when its value parses as a URI (MessageHeaderValidator.isValidURI).
bool IsUri(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c <= 0x20 || c == 0x7F ||
        std::string_view("\"<>\\^`{|}").find(static_cast<char>(c)) != std::string_view::npos) {
      return false;
    }
    if (c == '%') {
      const auto hex = [&](size_t k) {
        return k < s.size() && std::isxdigit(static_cast<unsigned char>(s[k]));
      };
      if (!hex(i + 1) || !hex(i + 2)) return false;
    }
  }
  if (std::count(s.begin(), s.end(), '#') > 1) return false;
  const size_t colon = s.find(':');
  if (colon != std::string_view::npos && colon < s.find_first_of("/?#")) {
    // A scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then a non-empty remainder.
    if (colon == 0 || !std::isalpha(static_cast<unsigned char>(s[0])) || colon + 1 == s.size()) {
      return false;
    }
    for (size_t i = 1; i < colon; ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
    }
  }
  return true;
}

bool ValidPartyIds(const Party& p) {
  return std::any_of(p.party_ids.begin(), p.party_ids.end(), [](const PartyId& id) {
    return (id.type && !id.type->empty()) || IsUri(id.value);
  });
}

bool IsEbmsService(const MessageHeader& h) { return h.service.value == kEbmsServiceUri; }

// MessageHeaderValidator.validateMessageHeader: version, From, To, Service, Action.
std::optional<EbmsError> CheckHeader(const cpa::Cpa& cpa, const MessageHeader& h) {
  if (h.version != kVersion) {
    return Err(kInconsistent, "//Header/MessageHeader/@version", kInvalidValue);
  }
  const std::pair<const Party*, std::string> sides[] = {{&h.from, "From"}, {&h.to, "To"}};
  for (const auto& [party, name] : sides) {
    const std::string at = "//Header/MessageHeader/" + name;
    if (!ValidPartyIds(*party)) return Err(kInconsistent, at + "/PartyId", kInvalidValue);
    if (!IsEbmsService(h) && (!party->role || party->role->empty())) {
      return Err(kInconsistent, at + "/Role", kInvalidValue);
    }
    if (cpa::FindParty(cpa, party->party_ids) == nullptr) {
      return Err(kInconsistent, at + "/PartyId", kValueNotFound);
    }
  }
  if ((!h.service.type || h.service.type->empty()) && !IsUri(h.service.value)) {
    return Err(kInconsistent, "//Header/MessageHeader/Service", kInvalidValue);
  }
  if (h.action.empty()) return Err(kInconsistent, "//Header/MessageHeader/Action", kInvalidValue);
  return std::nullopt;
}

// The sender's channel for this message: CanSend, or the default MSH channel for signals.
const cpa::DeliveryChannel* SenderChannel(const cpa::Cpa& cpa, const MessageHeader& h) {
  const cpa::PartyInfo* from = cpa::FindParty(cpa, h.from.party_ids);
  if (from == nullptr) return nullptr;
  std::optional<std::string_view> role;
  if (h.from.role) {
    role = *h.from.role;
  } else if (!IsEbmsService(h)) {
    return nullptr;  // ebms-core: a missing Role matches no CollaborationRole
  }
  return cpa::SendChannel(cpa, *from, role, h.service, h.action);
}

// EbMSMessageValidator.isSyncReply: the sender's channel decides; without one, the presence
// of SyncReply.
bool IsSyncReply(const cpa::Cpa& cpa, const Envelope& e) {
  if (const cpa::DeliveryChannel* c = SenderChannel(cpa, e.header)) {
    return c->messaging.sync_reply_mode != cpa::SyncReplyMode::kNone;
  }
  return e.sync_reply.has_value();
}

bool Known(const InboundContext& ctx, const std::string& id) {
  return ctx.is_known_message_id && ctx.is_known_message_id(id);
}

// Presence of an element against a CPA always/never/perMessage setting.
bool Consistent(cpa::PerMessage setting, bool present) {
  return setting == cpa::PerMessage::kPerMessage ||
         (setting == cpa::PerMessage::kAlways && present) ||
         (setting == cpa::PerMessage::kNever && !present);
}

// §4.7 / ebms-core ClientCertificateValidator: the certificate of the sender's channel, or,
// when the channel cannot be determined from the header, one of the sending party's.
bool CertificateMatches(const cpa::Cpa& cpa, const MessageHeader& h, const std::string& der) {
  const cpa::PartyInfo* from = cpa::FindParty(cpa, h.from.party_ids);
  if (from == nullptr) return false;
  if (const cpa::DeliveryChannel* c = SenderChannel(cpa, h)) {
    const cpa::Certificate* expected = cpa::ClientCertificate(cpa, *c);
    return expected != nullptr && expected->der == der;
  }
  for (const cpa::DeliveryChannel& c : from->delivery_channels) {
    const cpa::Certificate* cert = cpa::ClientCertificate(cpa, c);
    if (cert != nullptr && cert->der == der) return true;
  }
  return false;
}

// MessageHeaderValidator.validateMessage and the extension elements (§3.1, §3.2).
std::optional<EbmsError> CheckBusinessHeader(const cpa::Cpa& cpa, const Envelope& e,
                                             const InboundContext& ctx) {
  const MessageHeader& h = e.header;
  const cpa::PartyInfo* from = cpa::FindParty(cpa, h.from.party_ids);
  const cpa::PartyInfo* to = cpa::FindParty(cpa, h.to.party_ids);
  // CheckHeader found both parties; the roles are missing only on the ebMS service.
  if (!h.from.role || !h.to.role ||
      !cpa::FindCanSend(cpa, *from, *h.from.role, h.service, h.action) ||
      !cpa::FindCanReceive(cpa, *to, *h.to.role, h.service, h.action)) {
    return Err(kValueNotRecognized, "//Header/MessageHeader/Action", kValueNotFound);
  }
  const MessageData& d = h.message_data;
  if (d.ref_to_message_id && !Known(ctx, *d.ref_to_message_id)) {
    return Err(kValueNotRecognized, "//Header/MessageHeader/MessageData/RefToMessageId",
               kValueNotFound);
  }
  if (d.time_to_live && !(ctx.now < *d.time_to_live)) {
    return Err(kTimeToLiveExpired, "//Header/MessageHeader/MessageData/TimeToLive", std::nullopt);
  }
  const cpa::DeliveryChannel* channel = SenderChannel(cpa, h);
  if (channel == nullptr) return Err(kUnknown, std::nullopt, "No DeliveryChannel found.");
  const cpa::MessagingCharacteristics& m = channel->messaging;

  if (!Consistent(m.duplicate_elimination, h.duplicate_elimination)) {
    return Err(kInconsistent, "//Header/MessageHeader/DuplicateElimination", kWrongValue);
  }

  if (!Consistent(m.ack_requested, e.ack_requested.has_value())) {
    return Err(kInconsistent, "//Header/AckRequested", kWrongValue);
  }
  if (e.ack_requested) {
    const AckRequested& a = *e.ack_requested;
    if (a.version != kVersion)
      return Err(kInconsistent, "//Header/AckRequested/@version", kInvalidValue);
    if (a.actor && *a.actor != kActorToPartyMsh) {
      // KVS ch05 l.372-391: no intermediaries, so no nextMSH acknowledgments.
      if (*a.actor == kActorNextMsh) {
        return Err(kNotSupported, "//Header/AckRequested/@actor", "NextMSH not supported.");
      }
      return Err(kInconsistent, "//Header/AckRequested/@actor", kInvalidValue);
    }
    if ((m.ack_signature_requested == cpa::PerMessage::kAlways && !a.is_signed) ||
        (m.ack_signature_requested == cpa::PerMessage::kNever && a.is_signed)) {
      return Err(kInconsistent, "//Header/AckRequested/@signed", kWrongValue);
    }
  }

  const bool sync_mode = m.sync_reply_mode != cpa::SyncReplyMode::kNone;
  if (sync_mode != e.sync_reply.has_value()) {
    return Err(kInconsistent, "//Header/SyncReply", kWrongValue);
  }
  if (e.sync_reply) {
    if (e.sync_reply->version != kVersion) {
      return Err(kInconsistent, "//Header/SyncReply/@version", kInvalidValue);
    }
    if (e.sync_reply->actor != kSoapActorNext) {
      return Err(kInconsistent, "//Header/SyncReply/@actor", kWrongValue);
    }
  }

  // KVS ch03 l.50-54: MessageOrder is strongly discouraged; Sluis does not implement it.
  if (e.message_order) {
    return Err(kNotSupported, "//Header/MessageOrder", "MessageOrder not supported.");
  }
  return std::nullopt;
}

// ManifestValidator (KVS ch05 l.94-114: only cid: references, and they must resolve).
std::optional<EbmsError> CheckManifest(const Envelope& e, const InboundContext& ctx) {
  if (!e.manifest) return std::nullopt;
  if (e.manifest->version != kVersion) {
    return Err(kInconsistent, "//Body/Manifest/@version", kInvalidValue);
  }
  for (const Reference& r : e.manifest->references) {
    if (!r.href.starts_with("cid:")) {
      return Err(kMimeProblem, "//Body/Manifest/Reference[@href='" + r.href + "']",
                 "URI cannot be resolved.");
    }
    const std::string_view cid = std::string_view(r.href).substr(4);
    if (std::find(ctx.mime_content_ids.begin(), ctx.mime_content_ids.end(), cid) ==
        ctx.mime_content_ids.end()) {
      return Err(kMimeProblem, r.href, "MIME part not found.");
    }
  }
  return std::nullopt;
}

InboundVerdict Verdict(Disposition d, MessageKind kind) {
  InboundVerdict v;
  v.disposition = d;
  v.kind = kind;
  return v;
}

InboundVerdict MessageError(const cpa::Cpa& cpa, const Envelope& e, EbmsError error) {
  InboundVerdict v = Verdict(Disposition::kMessageError, KindOf(e.header));
  v.sync_reply = IsSyncReply(cpa, e);
  v.error = std::move(error);
  return v;
}

InboundVerdict RejectEmpty(MessageKind kind, std::string reason) {
  InboundVerdict v = Verdict(Disposition::kRejectEmpty, kind);
  v.reason = std::move(reason);
  return v;
}

InboundVerdict ValidateBusiness(const cpa::Cpa& cpa, const Envelope& e, const InboundContext& ctx) {
  // CPAValidator: the CPA must be valid at the message's Timestamp.
  if (!cpa::CheckValidAt(cpa, e.header.message_data.timestamp).ok()) {
    return MessageError(cpa, e,
                        Err(kInconsistent, "//Header/MessageHeader/@cpaid", "Invalid CPA."));
  }
  std::optional<EbmsError> error = CheckHeader(cpa, e.header);
  if (!error) error = CheckBusinessHeader(cpa, e, ctx);
  if (!error) error = CheckManifest(e, ctx);
  if (error) return MessageError(cpa, e, std::move(*error));
  InboundVerdict v = Verdict(Disposition::kAccept, MessageKind::kBusinessMessage);
  v.acknowledge = e.ack_requested.has_value();
  v.sync_reply = IsSyncReply(cpa, e);
  return v;
}

// Ping and StatusRequest: MessageHeaderValidator.validate(EbMSBaseMessage).
InboundVerdict ValidateRequestSignal(const cpa::Cpa& cpa, const Envelope& e, MessageKind kind) {
  if (std::optional<EbmsError> error = CheckHeader(cpa, e.header)) {
    return MessageError(cpa, e, std::move(*error));
  }
  const cpa::DeliveryChannel* channel = SenderChannel(cpa, e.header);
  if (channel == nullptr) {
    return MessageError(cpa, e, Err(kUnknown, std::nullopt, "No DeliveryChannel found."));
  }
  if (kind == MessageKind::kStatusRequest && !e.status_request) {
    return RejectEmpty(kind, "a StatusRequest message without eb:StatusRequest");
  }
  InboundVerdict v = Verdict(
      kind == MessageKind::kPing ? Disposition::kReplyPong : Disposition::kReplyStatusResponse,
      kind);
  v.sync_reply = channel->messaging.sync_reply_mode != cpa::SyncReplyMode::kNone;
  return v;
}

// Acknowledgment, MessageError, Pong, StatusResponse: answers to something we sent.
InboundVerdict ValidateResponseSignal(const cpa::Cpa& cpa, const Envelope& e, MessageKind kind,
                                      const InboundContext& ctx) {
  if (std::optional<EbmsError> error = CheckHeader(cpa, e.header)) {
    return RejectEmpty(kind, error->error_code + " " + error->location.value_or("") + " " +
                                 (error->description ? error->description->text : ""));
  }
  if (SenderChannel(cpa, e.header) == nullptr) {
    return RejectEmpty(kind, "No DeliveryChannel found.");
  }
  if ((kind == MessageKind::kAcknowledgment && !e.acknowledgment) ||
      (kind == MessageKind::kMessageError && !e.error_list) ||
      (kind == MessageKind::kStatusResponse && !e.status_response)) {
    return RejectEmpty(
        kind, std::string("a ") + MessageKindName(kind) + " message without its eb: element");
  }
  if (e.acknowledgment) {
    if (e.acknowledgment->version != kVersion) {
      return RejectEmpty(kind, "Acknowledgment version is not 2.0");
    }
    if (e.acknowledgment->actor && *e.acknowledgment->actor == kActorNextMsh) {
      return RejectEmpty(kind, "NextMSH acknowledgments are not supported");
    }
  }
  // EbMSMessageProcessor.getRequestMessage: the answered message must be ours.
  const std::optional<std::string>& ref = e.header.message_data.ref_to_message_id;
  if (!ref || !Known(ctx, *ref)) {
    return RejectEmpty(kind, "no message " + ref.value_or("(no RefToMessageId)") + " for this " +
                                 MessageKindName(kind));
  }
  return Verdict(Disposition::kProcessSignal, kind);
}

}  // namespace

const char* DispositionName(Disposition d) {
  switch (d) {
    case Disposition::kAccept:
      return "Accept";
    case Disposition::kProcessSignal:
      return "ProcessSignal";
    case Disposition::kReplyPong:
      return "ReplyPong";
    case Disposition::kReplyStatusResponse:
      return "ReplyStatusResponse";
    case Disposition::kMessageError:
      return "MessageError";
    case Disposition::kSoapFault:
      return "SoapFault";
    case Disposition::kRejectEmpty:
      return "RejectEmpty";
  }
  return "?";
}

int InboundVerdict::HttpStatus() const {
  switch (disposition) {
    case Disposition::kSoapFault:
    case Disposition::kRejectEmpty:
      return 500;
    case Disposition::kAccept:
      return acknowledge && sync_reply ? 200 : 204;
    case Disposition::kProcessSignal:
      return 204;
    case Disposition::kReplyPong:
    case Disposition::kReplyStatusResponse:
    case Disposition::kMessageError:
      return sync_reply ? 200 : 204;
  }
  return 500;
}

InboundVerdict ValidateInbound(const Envelope& e, const InboundContext& ctx) {
  const MessageKind kind = KindOf(e.header);
  // EbMSMessageProcessor.processRequest: "CPA <id> not found!" -> 500 SOAP Fault.
  if (ctx.cpa == nullptr || ctx.cpa->cpa_id != e.header.cpa_id) {
    InboundVerdict v = Verdict(Disposition::kSoapFault, kind);
    v.reason = "CPA " + e.header.cpa_id + " not found!";
    return v;
  }
  const cpa::Cpa& cpa = *ctx.cpa;
  if (ctx.client_certificate_der &&
      !CertificateMatches(cpa, e.header, *ctx.client_certificate_der)) {
    InboundVerdict v = Verdict(Disposition::kSoapFault, kind);
    v.reason = "Invalid SSL Client Certificate!";
    return v;
  }
  switch (kind) {
    case MessageKind::kBusinessMessage:
      return ValidateBusiness(cpa, e, ctx);
    case MessageKind::kPing:
    case MessageKind::kStatusRequest:
      return ValidateRequestSignal(cpa, e, kind);
    case MessageKind::kAcknowledgment:
    case MessageKind::kMessageError:
    case MessageKind::kPong:
    case MessageKind::kStatusResponse:
      return ValidateResponseSignal(cpa, e, kind, ctx);
  }
  return RejectEmpty(kind, "unknown message kind");
}

InboundVerdict ValidateInbound(const Envelope& envelope, const cpa::Cpa* cpa,
                               const std::vector<std::string>& mime_content_ids, Instant now) {
  InboundContext ctx;
  ctx.cpa = cpa;
  ctx.mime_content_ids = mime_content_ids;
  ctx.now = now;
  return ValidateInbound(envelope, ctx);
}

std::optional<InboundVerdict> CheckHttpRequest(std::string_view method,
                                               std::string_view soap_action) {
  // EbMSInputStreamHandler: POST only; SOAPAction "ebXML".
  if (method != "POST")
    return RejectEmpty(MessageKind::kBusinessMessage, "method " + std::string(method));
  if (!IsEbxmlSoapAction(soap_action)) {
    InboundVerdict v = Verdict(Disposition::kSoapFault, MessageKind::kBusinessMessage);
    v.reason = "Unable to process message! SOAPAction=" + std::string(soap_action);
    return v;
  }
  return std::nullopt;
}

InboundVerdict RejectUndecodable(const Error& error) {
  return RejectEmpty(MessageKind::kBusinessMessage, error.ToString());
}

}  // namespace sluis::codecs::ebms
