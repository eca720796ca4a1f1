// The §7 conformance suite of docs/ebms2-digikoppeling: every rendered SOAP vector, against
// the ebms-core test CPA (syncReplyMode signalsAndResponse) and against the Digikoppeling shape
// (syncReplyMode none), with the exact outcome the table gives.
#include "sluis/codecs/ebms_inbound.h"

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "sluis/codecs/cpa.h"
#include "sluis/codecs/ebms.h"

#include "test_env.h"

namespace sluis::codecs::ebms {
namespace {

std::string Shared(const std::string& rel) { return sluis::testing::SharedDir() + "/ebms/" + rel; }
std::string Vector(const std::string& name) {
  return sluis::testing::ReadFile(Shared("soap/rendered/" + name));
}
Instant At(std::string_view t) { return *ParseXsDateTime(t); }
const Instant kNow = At("2026-01-01T00:00:00Z");

cpa::Cpa LoadCpa(const std::string& name) {
  Result<cpa::Cpa> r = cpa::ParseCpa(sluis::testing::ReadFile(Shared("cpa/" + name)));
  EXPECT_TRUE(r.ok()) << name;
  return r.ok() ? std::move(r).value() : cpa::Cpa{};
}

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// What the receiver does with a vector.
struct Outcome {
  enum What {
    kParseError,  // DecodeMessage/ParseEnvelope failed: 500, empty body
    kAccept,
    kPong,
    kStatusResponse,
    kMessageError,
    kSoapFault,
  } what;
  std::string code;      // error code (MessageError) or ErrorKind name (parse error)
  std::string location;  // eb:location, or the parse error location
  std::string text;      // description, or the SOAP faultstring
  bool sync = false;     // the answer goes back in the HTTP 200
  int http = 0;
};

Outcome Parse(ErrorKind kind, std::string location) {
  return {Outcome::kParseError, ErrorKindName(kind), std::move(location), "", false, 500};
}
Outcome Error(std::string code, std::string location, std::string text, bool sync) {
  return {Outcome::kMessageError, std::move(code), std::move(location), std::move(text), sync,
          sync ? 200 : 204};
}
Outcome Accept(bool sync) { return {Outcome::kAccept, "", "", "", sync, sync ? 200 : 204}; }
Outcome Reply(Outcome::What what, bool sync) { return {what, "", "", "", sync, sync ? 200 : 204}; }
Outcome Fault(std::string text) {
  return {Outcome::kSoapFault, "", "", std::move(text), false, 500};
}

constexpr char kHeader[] = "//Header/MessageHeader";

// §7, run against cpaStubEBF.rm.http.unsigned.sync (every answer synchronous).
std::map<std::string, Outcome> SyncTable() {
  const std::string h = kHeader;
  return {
      {"EbMSPing.xml", Reply(Outcome::kPong, true)},
      {"EbMSPingXXE.xml", Parse(ErrorKind::kForbidden, "line 1")},
      {"EbMSMessage.xml", Accept(true)},
      {"EbMSMessageStatus.xml", Reply(Outcome::kStatusResponse, true)},
      {"EbMSMessageWithAttachments.xml",
       Error("MimeProblem", "cid:1", "MIME part not found.", true)},
      {"EbMSMessageWithAttachments__UnknownCID.xml",
       Error("MimeProblem", "cid:cid", "MIME part not found.", true)},
      {"EbMSMessageInvalidMessageHeaderVersion.xml",
       Error("Inconsistent", h + "/@version", "Invalid value.", true)},
      {"EbMSMessage__InvalidCPAId.xml", Fault("CPA cpaId not found!")},
      {"EbMSMessage__InvalidFromPartyId.xml",
       Error("Inconsistent", h + "/From/PartyId", "Value not found.", true)},
      {"EbMSMessage__InvalidFromPartyType.xml",
       Error("Inconsistent", h + "/From/PartyId", "Value not found.", true)},
      {"EbMSMessageMissingFromPartyId.xml", Parse(ErrorKind::kSchema, h + "/From/PartyId")},
      {"EbMSMessage__InvalidFromRole.xml",
       Error("ValueNotRecognized", h + "/Action", "Value not found.", true)},
      {"EbMSMessageMissingFromRole.xml",
       Error("Inconsistent", h + "/From/Role", "Invalid value.", true)},
      {"EbMSMessage__InvalidToPartyId.xml",
       Error("Inconsistent", h + "/To/PartyId", "Value not found.", true)},
      {"EbMSMessageInvalidToPartyType.xml",
       Error("Inconsistent", h + "/To/PartyId", "Value not found.", true)},
      {"EbMSMessage__InvalidToRole.xml",
       Error("ValueNotRecognized", h + "/Action", "Value not found.", true)},
      {"EbMSMessage__InvalidService.xml",
       Error("ValueNotRecognized", h + "/Action", "Value not found.", true)},
      {"EbMSMessage__InvalidServiceType.xml",
       Error("ValueNotRecognized", h + "/Action", "Value not found.", true)},
      {"EbMSMessage__InvalidAction.xml",
       Error("ValueNotRecognized", h + "/Action", "Value not found.", true)},
      {"EbMSMessageInvalidRefToMessageId.xml",
       Error("ValueNotRecognized", h + "/MessageData/RefToMessageId", "Value not found.", true)},
      {"EbMSMessage__TimeToLiveExpired.xml",
       Error("TimeToLiveExpired", h + "/MessageData/TimeToLive", "", true)},
      {"EbMSMessageMissingDuplicateElimination.xml",
       Error("Inconsistent", h + "/DuplicateElimination", "Wrong value.", true)},
      {"EbMSMessageMissingAckRequested.xml",
       Error("Inconsistent", "//Header/AckRequested", "Wrong value.", true)},
      {"EbMSMessageInvalidAckRequestedVersion.xml",
       Error("Inconsistent", "//Header/AckRequested/@version", "Invalid value.", true)},
      {"EbMSMessageNextMshAckRequested.xml",
       Error("NotSupported", "//Header/AckRequested/@actor", "NextMSH not supported.", true)},
      {"EbMSMessageInvalidAckRequestedActor.xml",
       Error("Inconsistent", "//Header/AckRequested/@actor", "Invalid value.", true)},
      {"EbMSMessageInvalidAckRequestedSigned.xml",
       Error("Inconsistent", "//Header/AckRequested/@signed", "Wrong value.", true)},
      {"EbMSMessageMissingSyncReply.xml",
       Error("Inconsistent", "//Header/SyncReply", "Wrong value.", true)},
      {"EbMSMessageInvalidSyncReplyVersion.xml",
       Error("Inconsistent", "//Header/SyncReply/@version", "Invalid value.", true)},
      {"EbMSMessageInvalidSyncReplyActor.xml",
       Error("Inconsistent", "//Header/SyncReply/@actor", "Wrong value.", true)},
      {"EbMSMessageMessageOrder.xml",
       Error("NotSupported", "//Header/MessageOrder", "MessageOrder not supported.", true)},
      {"EbMSMessageMissingManifest.xml", Accept(true)},
      {"EbMSMessageInvalidManifestVersion.xml",
       Error("Inconsistent", "//Body/Manifest/@version", "Invalid value.", true)},
      {"EbMSMessageMissingReference.xml", Parse(ErrorKind::kSchema, "//Body/Manifest/Reference")},
  };
}

// The same vectors under cpaStubEBF.rm.http.unsigned (syncReplyMode none, the Digikoppeling
// osb-rm default). Errors found before the SyncReply check stay; a SyncReply on a message that
// gets that far is Inconsistent; the message without SyncReply is the valid one. Ping and
// StatusRequest are answered asynchronously. `sync` follows ebms-core's isSyncReply: the sender's
// CPA channel when From, Role, Service and Action identify one, else the presence of SyncReply.
std::map<std::string, Outcome> NoneTable() {
  std::map<std::string, Outcome> t = SyncTable();
  const Outcome sync_reply_wrong =
      Error("Inconsistent", "//Header/SyncReply", "Wrong value.", false);
  for (const char* name :
       {"EbMSMessage.xml", "EbMSMessageMissingManifest.xml", "EbMSMessageWithAttachments.xml",
        "EbMSMessageWithAttachments__UnknownCID.xml", "EbMSMessageInvalidManifestVersion.xml",
        "EbMSMessageMessageOrder.xml", "EbMSMessageInvalidSyncReplyVersion.xml",
        "EbMSMessageInvalidSyncReplyActor.xml"}) {
    t[name] = sync_reply_wrong;
  }
  t["EbMSMessageMissingSyncReply.xml"] = Accept(false);
  t["EbMSPing.xml"] = Reply(Outcome::kPong, false);
  t["EbMSMessageStatus.xml"] = Reply(Outcome::kStatusResponse, false);
  // The sender's channel is known: the CPA says none.
  for (const char* name :
       {"EbMSMessageInvalidMessageHeaderVersion.xml", "EbMSMessage__InvalidToPartyId.xml",
        "EbMSMessageInvalidToPartyType.xml", "EbMSMessage__InvalidToRole.xml",
        "EbMSMessageInvalidRefToMessageId.xml", "EbMSMessage__TimeToLiveExpired.xml",
        "EbMSMessageMissingDuplicateElimination.xml", "EbMSMessageMissingAckRequested.xml",
        "EbMSMessageInvalidAckRequestedVersion.xml", "EbMSMessageNextMshAckRequested.xml",
        "EbMSMessageInvalidAckRequestedActor.xml", "EbMSMessageInvalidAckRequestedSigned.xml"}) {
    t[name].sync = false;
    t[name].http = 204;
  }
  // From party, Role, Service or Action unknown: no channel, the SyncReply element decides (it
  // is there), exactly as under the sync CPA.
  return t;
}

Outcome Receive(const std::string& soap, const cpa::Cpa& cpa) {
  Result<InboundMessage> in = DecodeMessage("text/xml; charset=UTF-8", soap);
  if (!in.ok()) {
    const InboundVerdict v = RejectUndecodable(in.error());
    EXPECT_EQ(v.disposition, Disposition::kRejectEmpty);
    return {Outcome::kParseError, ErrorKindName(in.error().kind), in.error().location, "", false,
            v.HttpStatus()};
  }
  const InboundVerdict v = ValidateInbound(in->envelope, &cpa, in->ContentIds(), kNow);
  Outcome o{Outcome::kParseError, "", "", "", v.sync_reply, v.HttpStatus()};
  switch (v.disposition) {
    case Disposition::kAccept:
      EXPECT_TRUE(v.acknowledge);  // every accepted vector asks for an Acknowledgment
      o.what = Outcome::kAccept;
      break;
    case Disposition::kReplyPong:
      o.what = Outcome::kPong;
      break;
    case Disposition::kReplyStatusResponse:
      o.what = Outcome::kStatusResponse;
      break;
    case Disposition::kMessageError:
      o.what = Outcome::kMessageError;
      o.code = v.error->error_code;
      o.location = v.error->location.value_or("");
      o.text = v.error->description ? v.error->description->text : "";
      EXPECT_EQ(v.error->severity, Severity::kError);
      break;
    case Disposition::kSoapFault:
      o.what = Outcome::kSoapFault;
      o.text = v.reason;
      o.sync = false;
      break;
    default:
      ADD_FAILURE() << "unexpected disposition " << DispositionName(v.disposition);
  }
  return o;
}

void ExpectOutcome(const std::string& name, const Outcome& want, const Outcome& got) {
  EXPECT_EQ(got.what, want.what) << name;
  EXPECT_EQ(got.code, want.code) << name;
  EXPECT_EQ(got.location, want.location) << name;
  EXPECT_EQ(got.text, want.text) << name;
  EXPECT_EQ(got.sync, want.sync) << name;
  EXPECT_EQ(got.http, want.http) << name;
}

std::set<std::string> RenderedVectors() {
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(Shared("soap/rendered"))) {
    if (e.path().extension() == ".xml") names.insert(e.path().filename().string());
  }
  return names;
}

TEST(EbmsInboundVectorsTest, EveryVectorHasAnExpectedOutcome) {
  const std::set<std::string> names = RenderedVectors();
  EXPECT_EQ(names.size(), 34u);
  const std::map<std::string, Outcome> table = SyncTable();
  for (const std::string& n : names) EXPECT_TRUE(table.count(n)) << n;
  EXPECT_EQ(table.size(), names.size());
}

TEST(EbmsInboundVectorsTest, SignalsAndResponseCpa) {
  const cpa::Cpa cpa = LoadCpa("cpaStubEBF.rm.http.unsigned.sync.xml");
  const std::map<std::string, Outcome> table = SyncTable();
  for (const std::string& name : RenderedVectors()) {
    ExpectOutcome(name, table.at(name), Receive(Vector(name), cpa));
  }
}

TEST(EbmsInboundVectorsTest, SyncReplyModeNoneCpa) {
  const cpa::Cpa cpa = LoadCpa("cpaStubEBF.rm.http.unsigned.xml");
  const std::map<std::string, Outcome> table = NoneTable();
  for (const std::string& name : RenderedVectors()) {
    const std::string soap = ReplaceAll(Vector(name), "<eb:CPAId>cpaStubEBF.rm.http.unsigned.sync<",
                                        "<eb:CPAId>cpaStubEBF.rm.http.unsigned<");
    ExpectOutcome(name, table.at(name), Receive(soap, cpa));
  }
}

TEST(EbmsInboundVectorsTest, KnownRefToMessageIdIsAccepted) {
  const cpa::Cpa cpa = LoadCpa("cpaStubEBF.rm.http.unsigned.sync.xml");
  Result<Envelope> e = ParseEnvelope(Vector("EbMSMessageInvalidRefToMessageId.xml"));
  ASSERT_TRUE(e.ok());
  InboundContext ctx;
  ctx.cpa = &cpa;
  ctx.now = kNow;
  std::vector<std::string> asked;
  ctx.is_known_message_id = [&](std::string_view id) {
    asked.emplace_back(id);
    return id == "@localhost";
  };
  const InboundVerdict v = ValidateInbound(*e, ctx);
  EXPECT_EQ(v.disposition, Disposition::kAccept);
  EXPECT_EQ(asked, std::vector<std::string>{"@localhost"});
}

TEST(EbmsInboundVectorsTest, AttachmentResolvesWhenThePartIsThere) {
  const cpa::Cpa cpa = LoadCpa("cpaStubEBF.rm.http.unsigned.sync.xml");
  Result<Envelope> e = ParseEnvelope(Vector("EbMSMessageWithAttachments.xml"));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(ValidateInbound(*e, &cpa, {"1"}, kNow).disposition, Disposition::kAccept);
  const InboundVerdict other = ValidateInbound(*e, &cpa, {"2"}, kNow);
  ASSERT_EQ(other.disposition, Disposition::kMessageError);
  EXPECT_EQ(other.error->location, "cid:1");
}

TEST(EbmsInboundVectorsTest, CpaOutsideItsValidityIsInconsistent) {
  const cpa::Cpa cpa = LoadCpa("cpaStubEBF.rm.http.unsigned.sync.xml");
  // 2031-01-01T00:00:00Z is the End of the CPA.
  const std::string late = ReplaceAll(Vector("EbMSMessage.xml"), "2025-01-01T12:00:00.000+01:00",
                                      "2031-01-01T00:00:00.001Z");
  Result<Envelope> e = ParseEnvelope(late);
  ASSERT_TRUE(e.ok());
  const InboundVerdict v = ValidateInbound(*e, &cpa, {}, kNow);
  ASSERT_EQ(v.disposition, Disposition::kMessageError);
  EXPECT_EQ(v.error->error_code, "Inconsistent");
  EXPECT_EQ(v.error->location, "//Header/MessageHeader/@cpaid");
  EXPECT_EQ(v.error->description->text, "Invalid CPA.");
}

TEST(EbmsInboundVectorsTest, TimeToLiveBoundary) {
  const cpa::Cpa cpa = LoadCpa("cpaStubEBF.rm.http.unsigned.sync.xml");
  Result<Envelope> e = ParseEnvelope(Vector("EbMSMessage.xml"));
  ASSERT_TRUE(e.ok());
  const Instant ttl = *e->header.message_data.time_to_live;  // 2098-12-31T23:00:00Z
  EXPECT_EQ(ValidateInbound(*e, &cpa, {}, ttl - std::chrono::milliseconds(1)).disposition,
            Disposition::kAccept);
  const InboundVerdict at_ttl = ValidateInbound(*e, &cpa, {}, ttl);  // now >= TTL
  ASSERT_EQ(at_ttl.disposition, Disposition::kMessageError);
  EXPECT_EQ(at_ttl.error->error_code, "TimeToLiveExpired");
  EXPECT_FALSE(at_ttl.error->description.has_value());
}

TEST(EbmsInboundTest, PingFromAnUnknownPartyGetsAMessageError) {
  const cpa::Cpa cpa = LoadCpa("cpaStubEBF.rm.http.unsigned.sync.xml");
  Result<Envelope> e = ParseEnvelope(
      ReplaceAll(Vector("EbMSPing.xml"), ">00000000000000000000<", ">99999999999999999999<"));
  ASSERT_TRUE(e.ok());
  const InboundVerdict v = ValidateInbound(*e, &cpa, {}, kNow);
  ASSERT_EQ(v.disposition, Disposition::kMessageError);
  EXPECT_EQ(v.kind, MessageKind::kPing);
  EXPECT_EQ(v.error->location, "//Header/MessageHeader/From/PartyId");
  EXPECT_TRUE(v.sync_reply);  // no channel: the SyncReply element decides
}

TEST(EbmsInboundTest, ClientCertificateMustMatchTheCpa) {
  const cpa::Cpa cpa = LoadCpa("cpaStubEBF.rm.https.signed.xml");
  std::string soap = ReplaceAll(Vector("EbMSMessageMissingSyncReply.xml"),
                                "cpaStubEBF.rm.http.unsigned.sync", "cpaStubEBF.rm.https.signed");
  Result<Envelope> e = ParseEnvelope(soap);
  ASSERT_TRUE(e.ok());
  const cpa::Certificate* digipoort = cpa::FindCertificate(cpa, "DIGIPOORT_ClientCert");
  ASSERT_NE(digipoort, nullptr);
  InboundContext ctx;
  ctx.cpa = &cpa;
  ctx.now = kNow;
  ctx.client_certificate_der = digipoort->der;
  const InboundVerdict ok = ValidateInbound(*e, ctx);
  EXPECT_EQ(ok.disposition, Disposition::kAccept);
  EXPECT_EQ(ok.HttpStatus(), 204);
  ctx.client_certificate_der = "not the certificate";
  const InboundVerdict bad = ValidateInbound(*e, ctx);
  EXPECT_EQ(bad.disposition, Disposition::kSoapFault);
  EXPECT_EQ(bad.reason, "Invalid SSL Client Certificate!");
  EXPECT_EQ(bad.HttpStatus(), 500);
  // Unauthenticated senders get no MessageError: a fault even when the header is wrong too.
  Result<Envelope> unknown = ParseEnvelope(ReplaceAll(soap, ">00000000000000000000<", ">x<"));
  ASSERT_TRUE(unknown.ok());
  ctx.client_certificate_der = digipoort->der;
  EXPECT_EQ(ValidateInbound(*unknown, ctx).disposition, Disposition::kSoapFault);
}

TEST(EbmsInboundTest, IncomingSignalsMustAnswerOurMessages) {
  const cpa::Cpa cpa = LoadCpa("cpaStubEBF.rm.http.unsigned.xml");
  Result<Envelope> sent =
      ParseEnvelope(ReplaceAll(Vector("EbMSMessageMissingSyncReply.xml"),
                               "cpaStubEBF.rm.http.unsigned.sync", "cpaStubEBF.rm.http.unsigned"));
  ASSERT_TRUE(sent.ok());
  const std::string sent_id = sent->header.message_data.message_id;
  InboundContext ctx;
  ctx.cpa = &cpa;
  ctx.now = kNow;
  ctx.is_known_message_id = [&](std::string_view id) { return id == sent_id; };
  const Envelope signals[] = {
      MakeAcknowledgment(*sent, "ack@localhost", kNow),
      MakeMessageError(*sent, {MakeEbmsError(kDeliveryFailure, std::nullopt, "x")}, "err@localhost",
                       kNow),
      MakePong(*sent, "pong@localhost", kNow),
  };
  const MessageKind kinds[] = {MessageKind::kAcknowledgment, MessageKind::kMessageError,
                               MessageKind::kPong};
  for (size_t i = 0; i < 3; ++i) {
    const InboundVerdict v = ValidateInbound(signals[i], ctx);
    EXPECT_EQ(v.disposition, Disposition::kProcessSignal) << i << " " << v.reason;
    EXPECT_EQ(v.kind, kinds[i]);
    EXPECT_EQ(v.HttpStatus(), 204);
  }
  ctx.is_known_message_id = nullptr;
  for (const Envelope& s : signals) {
    const InboundVerdict v = ValidateInbound(s, ctx);
    EXPECT_EQ(v.disposition, Disposition::kRejectEmpty);
    EXPECT_EQ(v.reason.rfind("no message " + sent_id, 0), 0u) << v.reason;
  }
  // An Acknowledgment action without eb:Acknowledgment.
  Envelope bare = signals[0];
  bare.acknowledgment.reset();
  ctx.is_known_message_id = [&](std::string_view id) { return id == sent_id; };
  EXPECT_EQ(ValidateInbound(bare, ctx).disposition, Disposition::kRejectEmpty);
}

TEST(EbmsInboundTest, HttpLevelChecks) {
  EXPECT_FALSE(CheckHttpRequest("POST", "\"ebXML\"").has_value());
  EXPECT_FALSE(CheckHttpRequest("POST", "ebXML").has_value());
  const std::optional<InboundVerdict> get = CheckHttpRequest("GET", "\"ebXML\"");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->disposition, Disposition::kRejectEmpty);
  EXPECT_EQ(get->HttpStatus(), 500);
  // IT l.124-137: SOAPAction "" -> 500 SOAP Fault Client.
  const std::optional<InboundVerdict> empty = CheckHttpRequest("POST", "\"\"");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->disposition, Disposition::kSoapFault);
  EXPECT_EQ(empty->reason, "Unable to process message! SOAPAction=\"\"");
  EXPECT_EQ(empty->HttpStatus(), 500);
  EXPECT_TRUE(CheckHttpRequest("POST", "\"ebxml\""));
}

TEST(EbmsInboundTest, ReconstructedMultipartMessageIsAccepted) {
  const cpa::Cpa cpa = LoadCpa("cpaStubEBF.rm.http.unsigned.xml");
  const std::string raw =
      sluis::testing::ReadFile(Shared("mime/EbMSMessage.multipart.reconstructed.http"));
  const size_t split = raw.find("\r\n\r\n");
  const size_t ct = raw.find("Content-Type: ") + 14;
  const std::string content_type = raw.substr(ct, raw.find("\r\n", ct) - ct);
  const std::string body = raw.substr(split + 4);
  Result<InboundMessage> in = DecodeMessage(content_type, body);
  ASSERT_TRUE(in.ok()) << in.error().ToString();
  EXPECT_EQ(in->ContentIds(),
            std::vector<std::string>{"5b1f0e7a-3c2d-4e8f-a1b2-c3d4e5f60718@localhost"});
  // Received within its TimeToLive (09:45).
  const InboundVerdict v =
      ValidateInbound(in->envelope, &cpa, in->ContentIds(), At("2025-03-03T09:15:00.500Z"));
  EXPECT_EQ(v.disposition, Disposition::kAccept);
  EXPECT_TRUE(v.acknowledge);
  EXPECT_FALSE(v.sync_reply);
  EXPECT_EQ(v.HttpStatus(), 204);
  // Without the payload part the cid: reference does not resolve.
  const InboundVerdict missing =
      ValidateInbound(in->envelope, &cpa, {}, At("2025-03-03T09:15:00.500Z"));
  ASSERT_EQ(missing.disposition, Disposition::kMessageError);
  EXPECT_EQ(missing.error->error_code, "MimeProblem");
  EXPECT_EQ(missing.error->location, "cid:5b1f0e7a-3c2d-4e8f-a1b2-c3d4e5f60718@localhost");
  // After its TimeToLive.
  const InboundVerdict late =
      ValidateInbound(in->envelope, &cpa, in->ContentIds(), At("2025-03-03T09:45:00Z"));
  ASSERT_EQ(late.disposition, Disposition::kMessageError);
  EXPECT_EQ(late.error->error_code, "TimeToLiveExpired");
}

}  // namespace
}  // namespace sluis::codecs::ebms
