// The receiving MSH's decision about an inbound ebMS message (docs/ebms2-digikoppeling §6, §3,
// §2.3): accept, answer with a signal (Acknowledgment, MessageError, Pong, StatusResponse), or
// refuse at the HTTP level (500 with a SOAP Fault, or 500 with an empty body). The checks and
// their order, error codes, locations and descriptions follow ebms-core, which the §7 test
// vectors pin.
//
// Pure: the duplicate check (§4.2, which needs the message store) is the caller's and runs
// before ValidateInbound; whether a RefToMessageId is known is asked through a callback.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/codecs/cpa.h"
#include "sluis/codecs/date.h"
#include "sluis/codecs/ebms.h"
#include "sluis/codecs/result.h"

namespace sluis::codecs::ebms {

enum class Disposition {
  kAccept,               // valid business message: store it, deliver it, acknowledge if asked
  kProcessSignal,        // valid Acknowledgment, MessageError, Pong or StatusResponse: no answer
  kReplyPong,            // valid Ping: answer with MakePong
  kReplyStatusResponse,  // valid StatusRequest: answer with MakeStatusResponse
  kMessageError,         // answer with MakeMessageError(received, {*error}) (not an HTTP error)
  kSoapFault,            // HTTP 500, body EncodeSoapFault({"Client", reason})
  kRejectEmpty,          // HTTP 500, empty body (unreadable, XSD, DOCTYPE, uncorrelated signal)
};
const char* DispositionName(Disposition d);

struct InboundVerdict {
  Disposition disposition = Disposition::kRejectEmpty;
  MessageKind kind = MessageKind::kBusinessMessage;
  // The answer goes back in the HTTP 200 response (syncReplyMode other than none); otherwise
  // the MSH answers 204 and POSTs the answer to the sender's default MSH channel later.
  bool sync_reply = false;
  bool acknowledge = false;        // kAccept: the message carries AckRequested
  std::optional<EbmsError> error;  // kMessageError
  std::string reason;              // kSoapFault: the faultstring; kRejectEmpty: for the log
  // 500 for kSoapFault and kRejectEmpty; 200 when an answer goes back synchronously; else 204.
  int HttpStatus() const;
};

struct InboundContext {
  // The CPA named by the message's CPAId, or nullptr when the MSH has none by that id.
  const cpa::Cpa* cpa = nullptr;
  // Content-IDs (without <>) of the MIME parts other than the SOAP part.
  std::vector<std::string> mime_content_ids;
  // Time of receipt: TimeToLive is expired when now >= TimeToLive.
  Instant now;
  // Whether a MessageId is one this MSH has stored (sent or received): RefToMessageId of a
  // business message (§3.1), correlation of incoming signals. Unset: no MessageId is known.
  std::function<bool(std::string_view)> is_known_message_id;
  // DER of the TLS client certificate, when the MSH checks it against the CPA (§4.7; ebms-core:
  // off by default). It must equal the ClientCertificateRef of the sender's channel.
  std::optional<std::string> client_certificate_der;
};

// §6 steps 5-7 on a parsed envelope, in ebms-core's order:
//   5. the CPA exists                       -> kSoapFault "CPA <id> not found!"
//   7.2 client certificate (when given)     -> kSoapFault "Invalid SSL Client Certificate!"
//   6. dispatch on Service/Action
//   business message:
//   7.3 CPA valid at eb:Timestamp           -> Inconsistent //Header/MessageHeader/@cpaid
//   7.4 version, From, To, Service/Action, CanSend/CanReceive, RefToMessageId, TimeToLive,
//       DuplicateElimination, AckRequested, SyncReply, MessageOrder   -> MessageError (§7 table)
//   7.6 Manifest version, then every cid: resolves                      -> MessageError
//   Ping / StatusRequest: header and default MSH channel checks -> MessageError, else reply.
//   Acknowledgment / MessageError / Pong / StatusResponse: header checks, the signal element,
//   and RefToMessageId known -> kProcessSignal, else kRejectEmpty (a signal is never answered).
// A SyncReply on a Ping or StatusRequest is not checked against the CPA (ebms-core): the reply
// is synchronous when the sender's default MSH channel says so.
InboundVerdict ValidateInbound(const Envelope& envelope, const InboundContext& context);
// The same with no known MessageIds and no certificate check.
InboundVerdict ValidateInbound(const Envelope& envelope, const cpa::Cpa* cpa,
                               const std::vector<std::string>& mime_content_ids, Instant now);

// §6 steps 1-2: POST only (else 500, empty body); SOAPAction "ebXML" with or without quotes
// (else 500 with SOAP Fault Client "Unable to process message! SOAPAction=<value>"). nullopt
// when the request may go on.
std::optional<InboundVerdict> CheckHttpRequest(std::string_view method,
                                               std::string_view soap_action);
// §6 steps 3-4: the body could not be decoded (DecodeMessage failed): 500 with an empty body.
InboundVerdict RejectUndecodable(const Error& error);

}  // namespace sluis::codecs::ebms
