// ebXML Collaboration Protocol Agreements (CPA 2.0, docs: ebms2-digikoppeling §5): the parts an
// ebMS 2.0 MSH for Digikoppeling osb-rm/osb-be needs, as plain values, plus the queries the MSH
// makes (who may send what, over which channel, to which URL, with which certificate).
//
// Pure: no I/O, no clock. Query results point into the Cpa they were asked of; they stay valid
// while that Cpa lives and is not modified. Thread-safety: const access from many threads is safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/codecs/date.h"
#include "sluis/codecs/result.h"

namespace sluis::codecs::cpa {

inline constexpr std::string_view kCpaNs =
    "http://www.oasis-open.org/committees/ebxml-cppa/schema/cpp-cpa-2_0.xsd";
inline constexpr std::string_view kDsNs = "http://www.w3.org/2000/09/xmldsig#";
// The ebMS service of MSH signals (Acknowledgment, MessageError, Ping, Pong, StatusRequest,
// StatusResponse): their channel is the party's default MSH channel, not a ServiceBinding.
inline constexpr std::string_view kEbmsServiceUri = "urn:oasis:names:tc:ebxml-msg:service";
// A CPA larger than this is refused before parsing (the 16 reference CPAs are < 80 kB).
inline constexpr size_t kMaxCpaBytes = 4u * 1000u * 1000u;

// eb:PartyId / tns:PartyId. Equal when type and value are equal (an absent type only equals an
// absent type).
struct PartyId {
  std::optional<std::string> type;
  std::string value;
  bool operator==(const PartyId&) const = default;
};

// eb:Service / tns:Service with its optional type.
struct Service {
  std::optional<std::string> type;
  std::string value;
  bool operator==(const Service&) const = default;
};

enum class CpaStatus { kAgreed, kSigned, kProposed };
enum class SyncReplyMode {
  kNone,
  kMshSignalsOnly,
  kResponseOnly,
  kSignalsAndResponse,
  kSignalsOnly
};
enum class PerMessage { kAlways, kNever, kPerMessage };

const char* CpaStatusName(CpaStatus s);          // "agreed", ...
const char* SyncReplyModeName(SyncReplyMode m);  // "none", "mshSignalsOnly", ...
const char* PerMessageName(PerMessage p);        // "always", "never", "perMessage"

// DeliveryChannel/MessagingCharacteristics. Absent attributes take their XSD defaults
// (syncReplyMode none, the others perMessage).
struct MessagingCharacteristics {
  SyncReplyMode sync_reply_mode = SyncReplyMode::kNone;
  PerMessage ack_requested = PerMessage::kPerMessage;
  PerMessage ack_signature_requested = PerMessage::kPerMessage;
  PerMessage duplicate_elimination = PerMessage::kPerMessage;
  std::optional<std::string> actor;  // urn:oasis:names:tc:ebxml-msg:actor:{toPartyMSH,nextMSH}
  bool operator==(const MessagingCharacteristics&) const = default;
};

struct DeliveryChannel {
  std::string channel_id;
  std::string transport_id;
  std::string doc_exchange_id;
  MessagingCharacteristics messaging;
  bool operator==(const DeliveryChannel&) const = default;
};

// ebXMLSenderBinding|ebXMLReceiverBinding/ReliableMessaging.
struct ReliableMessaging {
  std::optional<int64_t> retries;
  std::optional<std::chrono::milliseconds> retry_interval;
  bool guaranteed_order = false;  // MessageOrderSemantics = Guaranteed
  bool operator==(const ReliableMessaging&) const = default;
};

// One side of a DocExchange (ebXMLSenderBinding or ebXMLReceiverBinding).
struct EbXmlBinding {
  std::optional<ReliableMessaging> reliable_messaging;
  std::optional<std::chrono::milliseconds> persist_duration;
  // Sender: SenderNonRepudiation; receiver: ReceiverNonRepudiation (signed profiles).
  bool non_repudiation = false;
  // Sender: SenderDigitalEnvelope; receiver: ReceiverDigitalEnvelope (encrypted profiles).
  bool digital_envelope = false;
  bool operator==(const EbXmlBinding&) const = default;
};

struct DocExchange {
  std::string doc_exchange_id;
  std::optional<EbXmlBinding> sender;    // ebXMLSenderBinding
  std::optional<EbXmlBinding> receiver;  // ebXMLReceiverBinding
  // Signed: a SenderNonRepudiation or ReceiverNonRepudiation. Encrypted: a digital envelope.
  bool IsSigned() const;
  bool IsEncrypted() const;
  bool operator==(const DocExchange&) const = default;
};

struct Endpoint {
  std::string uri;
  std::string type = "allPurpose";
  bool operator==(const Endpoint&) const = default;
};

struct Transport {
  std::string transport_id;
  // TransportSender/TransportClientSecurity
  std::optional<std::string> client_certificate_ref;       // ClientCertificateRef/@certId
  std::optional<std::string> server_security_details_ref;  // ServerSecurityDetailsRef/@securityId
  // TransportReceiver
  std::vector<Endpoint> endpoints;
  std::optional<std::string> server_certificate_ref;       // ServerCertificateRef/@certId
  std::optional<std::string> client_security_details_ref;  // ClientSecurityDetailsRef/@securityId
  // TransportSecurityProtocol text and version ("SSL" "3.0"): informational only (§4.8).
  std::optional<std::string> security_protocol;
  bool operator==(const Transport&) const = default;
};

struct Certificate {
  std::string cert_id;
  std::string der;  // ds:KeyInfo/ds:X509Data/ds:X509Certificate, decoded; empty if none
  bool operator==(const Certificate&) const = default;
};

struct SecurityDetails {
  std::string security_id;
  std::vector<std::string> anchor_cert_ids;  // TrustAnchors/AnchorCertificateRef/@certId
  bool operator==(const SecurityDetails&) const = default;
};

// ThisPartyActionBinding with its OtherPartyActionBinding (an IDREF to the peer's binding).
struct ActionBinding {
  std::string id;
  std::string action;
  std::string package_id;
  std::vector<std::string> channel_ids;  // ChannelId+, the first one is used
  std::optional<std::string> other_party_action_binding;
  bool operator==(const ActionBinding&) const = default;
};

struct CollaborationRole {
  std::string role;  // Role/@name
  Service service;   // ServiceBinding/Service
  std::vector<ActionBinding> can_send;
  std::vector<ActionBinding> can_receive;
  bool operator==(const CollaborationRole&) const = default;
};

struct OverrideMshActionBinding {
  std::string action;
  std::string channel_id;
  bool operator==(const OverrideMshActionBinding&) const = default;
};

struct PartyInfo {
  std::string party_name;
  std::string default_msh_channel_id;
  std::string default_msh_package_id;
  std::vector<PartyId> party_ids;
  std::vector<CollaborationRole> roles;
  std::vector<Certificate> certificates;
  std::vector<SecurityDetails> security_details;
  std::vector<DeliveryChannel> delivery_channels;
  std::vector<Transport> transports;
  std::vector<DocExchange> doc_exchanges;
  std::vector<OverrideMshActionBinding> override_msh_action_bindings;
  bool operator==(const PartyInfo&) const = default;
};

struct Cpa {
  std::string cpa_id;
  CpaStatus status = CpaStatus::kProposed;
  Instant start;
  Instant end;
  std::vector<PartyInfo> parties;  // exactly two
  bool operator==(const Cpa&) const = default;
};

// Parses a CPA document (hardened XML input: no DOCTYPE, UTF-8, size and depth limits). Missing
// required elements or attributes, values outside their XSD type, and IDREFs that name nothing
// (ChannelId, transportId, docExchangeId, defaultMshChannelId, certId, securityId) are
// ErrorKind::kSchema with an XPath-like location.
Result<Cpa> ParseCpa(std::string_view xml);

// --- Validity and profile checks -----------------------------------------------------------

// The CPA may be used for a message with this eb:Timestamp: status agreed or signed, and
// start <= timestamp <= end (§5: ebms-core CPAValidator). Error code "Inconsistent" otherwise.
Status CheckValidAt(const Cpa& cpa, Instant timestamp);

// Why (part of) a CPA cannot be used for Digikoppeling osb-rm/osb-be (§4.1, §3.2): status
// proposed, MessageOrderSemantics Guaranteed, signed or encrypted profiles, a syncReplyMode other
// than none/mshSignalsOnly, signed acknowledgments, nextMSH, perMessage reliability.
struct ProfileProblem {
  std::string subject;  // "CPA" or the DeliveryChannel/DocExchange id
  std::string reason;
  bool operator==(const ProfileProblem&) const = default;
};
std::vector<ProfileProblem> DigikoppelingProblems(const Cpa& cpa);

// --- Lookups by id (document-wide: IDs are unique in a CPA) --------------------------------

const DeliveryChannel* FindChannel(const Cpa& cpa, std::string_view channel_id);
const Transport* FindTransport(const Cpa& cpa, std::string_view transport_id);
const DocExchange* FindDocExchange(const Cpa& cpa, std::string_view doc_exchange_id);
const Certificate* FindCertificate(const Cpa& cpa, std::string_view cert_id);

// --- Parties and action bindings -----------------------------------------------------------

// The party with this PartyId (type and value).
const PartyInfo* FindParty(const Cpa& cpa, const PartyId& id);
// The party for the PartyIds of an eb:From or eb:To: non-empty, and every id is one of the
// party's (ebms-core CPAUtils.equals).
const PartyInfo* FindParty(const Cpa& cpa, std::span<const PartyId> ids);
// The other party of a two-party CPA.
const PartyInfo* OtherParty(const Cpa& cpa, const PartyInfo& party);

// A CanSend or CanReceive binding with what it hangs on.
struct BindingRef {
  const PartyInfo* party = nullptr;
  const CollaborationRole* role = nullptr;
  const ActionBinding* binding = nullptr;
  const DeliveryChannel* channel = nullptr;  // the binding's first ChannelId
};
// party's CanSend / CanReceive for (role, service, action). An unset role matches any role.
std::optional<BindingRef> FindCanSend(const Cpa& cpa, const PartyInfo& party,
                                      std::optional<std::string_view> role, const Service& service,
                                      std::string_view action);
std::optional<BindingRef> FindCanReceive(const Cpa& cpa, const PartyInfo& party,
                                         std::optional<std::string_view> role,
                                         const Service& service, std::string_view action);

// A party's channel for MSH signal `action` ("Acknowledgment", "MessageError", "Pong",
// "StatusResponse", ...): its OverrideMshActionBinding for that action, else its
// defaultMshChannelId (§2.3, ebms-core CPAQuery.getDefaultDeliveryChannel).
const DeliveryChannel* DefaultMshChannel(const Cpa& cpa, const PartyInfo& party,
                                         std::string_view action);

// The channel `party` sends (service, action) over: the default MSH channel for the ebMS
// service (kEbmsServiceUri), else the CanSend binding's channel. ReceiveChannel likewise with
// CanReceive.
const DeliveryChannel* SendChannel(const Cpa& cpa, const PartyInfo& party,
                                   std::optional<std::string_view> role, const Service& service,
                                   std::string_view action);
const DeliveryChannel* ReceiveChannel(const Cpa& cpa, const PartyInfo& party,
                                      std::optional<std::string_view> role, const Service& service,
                                      std::string_view action);

// --- Channel properties --------------------------------------------------------------------

// The first TransportReceiver/Endpoint/@uri of the channel's Transport: the URL to POST to.
std::optional<std::string> EndpointUri(const Cpa& cpa, const DeliveryChannel& channel);
// TransportSender/TransportClientSecurity/ClientCertificateRef: the TLS client certificate the
// party sending over this channel presents (§4.7). nullptr when the CPA names none.
const Certificate* ClientCertificate(const Cpa& cpa, const DeliveryChannel& channel);
// TransportReceiver/TransportServerSecurity/ServerCertificateRef.
const Certificate* ServerCertificate(const Cpa& cpa, const DeliveryChannel& channel);
// ebXMLSenderBinding / ebXMLReceiverBinding of the channel's DocExchange.
const EbXmlBinding* SenderBinding(const Cpa& cpa, const DeliveryChannel& channel);
const EbXmlBinding* ReceiverBinding(const Cpa& cpa, const DeliveryChannel& channel);

// TimeToLive = timestamp + RetryInterval × (Retries + 1) (§4.5), from the sending channel's
// ebXMLSenderBinding. nullopt when the channel is not reliable (ackRequested never) or the CPA
// gives no Retries/RetryInterval.
std::optional<Instant> TimeToLive(const Cpa& cpa, const DeliveryChannel& send_channel,
                                  Instant timestamp);
// Saturates at Instant::max() instead of overflowing; negative retries count as none.
Instant TimeToLive(Instant timestamp, int64_t retries, std::chrono::milliseconds retry_interval);

// --- Sending ------------------------------------------------------------------------------

// Everything needed to send (service, action) from the party `from` (§5.1 "How to read this"):
// the sender's CanSend binding and channel, the receiver found through OtherPartyActionBinding
// (or, without one, the other party's CanReceive for the same service and action), the URL and
// the certificates.
struct SendRoute {
  BindingRef sender;
  BindingRef receiver;
  std::string endpoint_uri;                         // receiver channel's endpoint
  const Certificate* client_certificate = nullptr;  // ours, from the sender channel
  const Certificate* server_certificate = nullptr;  // theirs, from the receiver channel
};
// Errors: ErrorKind::kRule, code "CPA", when the CPA has no such binding or it is incomplete.
Result<SendRoute> RouteSend(const Cpa& cpa, const PartyId& from, const Service& service,
                            std::string_view action);

}  // namespace sluis::codecs::cpa
