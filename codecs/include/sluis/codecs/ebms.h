// ebMS 2.0 messages as Digikoppeling osb-rm/osb-be uses them (docs/ebms2-digikoppeling §2-§3):
// the SOAP 1.1 envelope with eb:MessageHeader and the other ebXML header and body elements as
// plain values, the codec between those values and XML, the MSH signal builders (Acknowledgment,
// MessageError, Pong, StatusResponse) and the HTTP-body level reading and writing (SOAP part plus
// MIME payloads). Receiver checks are in ebms_inbound.h.
//
// Pure: no I/O, no clock, no RNG. The caller supplies MessageIds ("uuid@host", §4.6) and `now`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/codecs/cpa.h"
#include "sluis/codecs/date.h"
#include "sluis/codecs/mime.h"
#include "sluis/codecs/result.h"

namespace sluis::codecs::ebms {

inline constexpr std::string_view kSoapNs = "http://schemas.xmlsoap.org/soap/envelope/";
inline constexpr std::string_view kEbNs =
    "http://www.oasis-open.org/committees/ebxml-msg/schema/msg-header-2_0.xsd";
inline constexpr std::string_view kXlinkNs = "http://www.w3.org/1999/xlink";
inline constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";

inline constexpr std::string_view kVersion = "2.0";
using cpa::kEbmsServiceUri;  // urn:oasis:names:tc:ebxml-msg:service
inline constexpr std::string_view kActorToPartyMsh =
    "urn:oasis:names:tc:ebxml-msg:actor:toPartyMSH";
inline constexpr std::string_view kActorNextMsh = "urn:oasis:names:tc:ebxml-msg:actor:nextMSH";
inline constexpr std::string_view kSoapActorNext = "http://schemas.xmlsoap.org/soap/actor/next";
inline constexpr std::string_view kErrorCodeContext = "urn:oasis:names:tc:ebxml-msg:service:errors";

// Actions of the ebMS service (kEbmsServiceUri, no type).
inline constexpr std::string_view kActionAcknowledgment = "Acknowledgment";
inline constexpr std::string_view kActionMessageError = "MessageError";
inline constexpr std::string_view kActionPing = "Ping";
inline constexpr std::string_view kActionPong = "Pong";
inline constexpr std::string_view kActionStatusRequest = "StatusRequest";
inline constexpr std::string_view kActionStatusResponse = "StatusResponse";

// eb:Error/@eb:errorCode values (ebMS 2.0 §4.2.3.4.1, §3.2 of the docs).
inline constexpr std::string_view kValueNotRecognized = "ValueNotRecognized";
inline constexpr std::string_view kNotSupported = "NotSupported";
inline constexpr std::string_view kInconsistent = "Inconsistent";
inline constexpr std::string_view kOtherXml = "OtherXml";
inline constexpr std::string_view kDeliveryFailure = "DeliveryFailure";
inline constexpr std::string_view kTimeToLiveExpired = "TimeToLiveExpired";
inline constexpr std::string_view kSecurityFailure = "SecurityFailure";
inline constexpr std::string_view kMimeProblem = "MimeProblem";
inline constexpr std::string_view kUnknown = "Unknown";

// HTTP: the SOAPAction we send (§2.1 rule 2) and the Content-Type of a message without payload.
inline constexpr std::string_view kSoapActionValue = "\"ebXML\"";
inline constexpr std::string_view kXmlContentType = "text/xml; charset=UTF-8";
// Accepts `"ebXML"` and `ebXML` (§2.1 rule 2 PROPOSAL).
bool IsEbxmlSoapAction(std::string_view header_value);

using PartyId = cpa::PartyId;
using Service = cpa::Service;

// eb:From / eb:To (and eb:Acknowledgment/eb:From).
struct Party {
  std::vector<PartyId> party_ids;  // 1..n
  std::optional<std::string> role;
  bool operator==(const Party&) const = default;
};

// eb:Description (xml:lang is required by the XSD).
struct Description {
  std::string lang = "en-US";
  std::string text;
  bool operator==(const Description&) const = default;
};

struct MessageData {
  std::string message_id;
  Instant timestamp;
  std::optional<std::string> ref_to_message_id;
  std::optional<Instant> time_to_live;
  bool operator==(const MessageData&) const = default;
};

// eb:MessageHeader. `version` and `must_understand` are kept as received so that the receiver
// can report a wrong version (§3.1); the builders set "2.0" and true.
struct MessageHeader {
  std::string version{kVersion};
  bool must_understand = true;
  Party from;
  Party to;
  std::string cpa_id;
  std::string conversation_id;
  Service service;
  std::string action;
  MessageData message_data;
  bool duplicate_elimination = false;  // eb:DuplicateElimination present
  std::vector<Description> descriptions;
  bool operator==(const MessageHeader&) const = default;
};

struct AckRequested {
  std::string version{kVersion};
  bool must_understand = true;
  std::optional<std::string> actor = std::string(kActorToPartyMsh);
  bool is_signed = false;  // eb:signed
  bool operator==(const AckRequested&) const = default;
};

struct SyncReply {
  std::string version{kVersion};
  bool must_understand = true;
  std::string actor{kSoapActorNext};  // required by the XSD
  bool operator==(const SyncReply&) const = default;
};

// Present only to be refused (§3.2: NotSupported).
struct MessageOrder {
  std::string version{kVersion};
  bool must_understand = true;
  std::string sequence_number;  // xs:nonNegativeInteger, as received
  bool operator==(const MessageOrder&) const = default;
};

struct Acknowledgment {
  std::string version{kVersion};
  bool must_understand = true;
  std::optional<std::string> actor = std::string(kActorToPartyMsh);
  Instant timestamp;
  std::string ref_to_message_id;
  std::optional<Party> from;
  bool operator==(const Acknowledgment&) const = default;
};

enum class Severity { kWarning, kError };
const char* SeverityName(Severity s);  // "Warning", "Error"

// eb:Error (named EbmsError: codecs::Error is the parse/validation result type).
struct EbmsError {
  std::string code_context{kErrorCodeContext};
  std::string error_code;
  Severity severity = Severity::kError;
  std::optional<std::string> location;
  std::optional<Description> description;
  bool operator==(const EbmsError&) const = default;
};
// An Error-severity eb:Error with an en-US description (as ebms-core writes them).
EbmsError MakeEbmsError(std::string_view error_code, std::optional<std::string> location,
                        std::optional<std::string> description);

struct ErrorList {
  std::string version{kVersion};
  bool must_understand = true;
  Severity highest_severity = Severity::kError;
  std::vector<EbmsError> errors;  // 1..n
  bool operator==(const ErrorList&) const = default;
};

struct Reference {
  std::string href;                           // "cid:<Content-ID>"
  std::optional<std::string> type{"simple"};  // xlink:type, fixed "simple"
  std::optional<std::string> role;            // xlink:role
  std::vector<Description> descriptions;
  bool operator==(const Reference&) const = default;
};

struct Manifest {
  std::string version{kVersion};
  std::vector<Reference> references;  // 1..n
  bool operator==(const Manifest&) const = default;
};

struct StatusRequest {
  std::string version{kVersion};
  std::string ref_to_message_id;
  bool operator==(const StatusRequest&) const = default;
};

enum class MessageStatus { kUnAuthorized, kNotRecognized, kReceived, kProcessed, kForwarded };
const char* MessageStatusName(MessageStatus s);  // "UnAuthorized", ...

struct StatusResponse {
  std::string version{kVersion};
  MessageStatus message_status = MessageStatus::kNotRecognized;
  std::string ref_to_message_id;
  std::optional<Instant> timestamp;
  bool operator==(const StatusResponse&) const = default;
};

// One SOAP envelope. Header elements other than these, and unknown body elements, are ignored
// on reading (KVS: ignore unknown extensions) and never written.
struct Envelope {
  MessageHeader header;
  std::optional<SyncReply> sync_reply;
  std::optional<AckRequested> ack_requested;
  std::optional<MessageOrder> message_order;
  std::optional<Acknowledgment> acknowledgment;
  std::optional<ErrorList> error_list;
  std::optional<Manifest> manifest;
  std::optional<StatusRequest> status_request;
  std::optional<StatusResponse> status_response;
  bool operator==(const Envelope&) const = default;
};

// What a message is, by Service and Action: an MSH signal when the Service is kEbmsServiceUri
// without a type and the Action is one of the six above; a business message otherwise.
enum class MessageKind {
  kBusinessMessage,
  kAcknowledgment,
  kMessageError,
  kPing,
  kPong,
  kStatusRequest,
  kStatusResponse,
};
MessageKind KindOf(const MessageHeader& header);
const char* MessageKindName(MessageKind kind);

// --- XML ------------------------------------------------------------------------------------

// Parses a SOAP 1.1 envelope (hardened XML input: a DOCTYPE is ErrorKind::kForbidden). Where
// msg-header-2_0.xsd would reject the document (missing or misplaced elements such as a From
// without PartyId or a Manifest without Reference, a required attribute missing, a bad
// xs:dateTime or boolean, an empty non-empty-string) the error is ErrorKind::kSchema, code "XSD",
// with an XPath-like location: the gateway answers HTTP 500 with an empty body (§2.1 rule 13).
Result<Envelope> ParseEnvelope(std::string_view soap_xml);

// Writes the envelope as UTF-8 XML with CRLF line ends and an XML declaration. Prefixes soap, eb
// and xlink; every header extension carries eb:version and soap:mustUnderstand, actors as given.
// Precondition: the value is complete (non-empty ids, at least one PartyId in From and To, one
// Reference per Manifest, one Error per ErrorList); then the output validates against
// msg-header-2_0.xsd and ParseEnvelope(EncodeEnvelope(e)) == e.
std::string EncodeEnvelope(const Envelope& envelope);

// SOAP 1.1 Fault, for HTTP 500 answers (§2.3: wrong SOAPAction, unknown CPA, bad certificate).
struct SoapFault {
  std::string code;  // local name for SOAP-namespace codes ("Client"), else the QName as sent
  std::string string;
  bool operator==(const SoapFault&) const = default;
};
std::string EncodeSoapFault(const SoapFault& fault);
// Reads a Fault envelope (a 500 answer to something we sent).
Result<SoapFault> ParseSoapFault(std::string_view soap_xml);

// --- Signals (§2.3, §3) -----------------------------------------------------------------------
// Every builder swaps From and To of the message it answers and drops the Roles, copies CPAId
// and ConversationId, uses Service kEbmsServiceUri without type, sets RefToMessageId to the
// answered MessageId, and writes no TimeToLive, DuplicateElimination, AckRequested or SyncReply.

// Acknowledgment: eb:Acknowledgment (actor toPartyMSH) with Timestamp = now, RefToMessageId and
// From = the acknowledging party (the received To's PartyIds).
Envelope MakeAcknowledgment(const Envelope& received, std::string message_id, Instant now);
// MessageError: eb:ErrorList with highestSeverity the highest of `errors`. An empty `errors`
// becomes one Unknown error (ebms-core EbMSMessageFactory).
Envelope MakeMessageError(const Envelope& received, std::vector<EbmsError> errors,
                          std::string message_id, Instant now);
Envelope MakePong(const Envelope& ping, std::string message_id, Instant now);
// StatusResponse for request's StatusRequest/RefToMessageId (precondition: request carries an
// eb:StatusRequest, as ValidateInbound's kReplyStatusResponse guarantees). status_time is the
// Timestamp child (ebms-core: when the message was received/processed; only for Received and
// Processed).
Envelope MakeStatusResponse(const Envelope& request, MessageStatus status,
                            std::optional<Instant> status_time, std::string message_id,
                            Instant now);
// Requests we originate (GGk onboarding "Ping Pong test", message status queries).
Envelope MakePing(std::string cpa_id, Party from, Party to, std::string conversation_id,
                  std::string message_id, Instant now);
Envelope MakeStatusRequest(std::string cpa_id, Party from, Party to, std::string conversation_id,
                           std::string ref_to_message_id, std::string message_id, Instant now);

// --- HTTP bodies -----------------------------------------------------------------------------

struct InboundMessage {
  Envelope envelope;
  std::vector<mime::Part> payloads;  // the non-root MIME parts, in order
  std::vector<std::string> ContentIds() const;
};
// The MIME layer and then the SOAP part (§6 step 3): errors from mime::ParseBody or
// ParseEnvelope; a root part with a charset other than UTF-8 is kUnsupported.
Result<InboundMessage> DecodeMessage(std::string_view content_type, std::string_view body);

// The HTTP body for `envelope`: plain text/xml (kXmlContentType) when there are no payloads
// (§2.1 rule 8), else multipart/related with the envelope as root part (Content-ID
// root_content_id, text/xml; charset=UTF-8) followed by the payloads. Every Manifest reference
// must name a payload ("cid:" + Content-ID) and every payload must be referenced (kRule).
Result<mime::Encoded> EncodeMessage(const Envelope& envelope,
                                    const std::vector<mime::Part>& payloads,
                                    std::string_view root_content_id, std::string_view boundary);

}  // namespace sluis::codecs::ebms
