#include "sluis/codecs/ebms.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "test_env.h"

namespace sluis::codecs::ebms {
namespace {

std::string Shared(const std::string& rel) { return sluis::testing::SharedDir() + "/ebms/" + rel; }
std::string Vector(const std::string& name) {
  return sluis::testing::ReadFile(Shared("soap/rendered/" + name));
}
Instant At(std::string_view t) { return *ParseXsDateTime(t); }

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  const size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

Envelope Parsed(const std::string& xml) {
  Result<Envelope> e = ParseEnvelope(xml);
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().ToString());
  return e.ok() ? std::move(e).value() : Envelope{};
}

const PartyId kDigipoort{"urn:osb:oin", "00000000000000000000"};
const PartyId kOverheid{"urn:osb:oin", "00000000000000000001"};

TEST(EbmsParseTest, BusinessMessageVector) {
  const Envelope e = Parsed(Vector("EbMSMessage.xml"));
  const MessageHeader& h = e.header;
  EXPECT_EQ(h.version, "2.0");
  EXPECT_TRUE(h.must_understand);
  EXPECT_EQ(h.from, (Party{{kDigipoort}, "DIGIPOORT"}));
  EXPECT_EQ(h.to, (Party{{kOverheid}, "OVERHEID"}));
  EXPECT_EQ(h.cpa_id, "cpaStubEBF.rm.http.unsigned.sync");
  EXPECT_EQ(h.conversation_id, "00000000-0000-4000-8000-000000000001");
  EXPECT_EQ(h.service, (Service{"urn:osb:services", "osb:afleveren:1.1$1.0"}));
  EXPECT_EQ(h.action, "afleveren");
  EXPECT_EQ(h.message_data.message_id, "00000000-0000-4000-8000-000000000001@localhost");
  EXPECT_EQ(FormatXsDateTime(h.message_data.timestamp), "2025-01-01T11:00:00.000Z");
  EXPECT_EQ(h.message_data.ref_to_message_id, std::nullopt);
  EXPECT_EQ(FormatXsDateTime(*h.message_data.time_to_live), "2098-12-31T23:00:00.000Z");
  EXPECT_TRUE(h.duplicate_elimination);
  EXPECT_EQ(KindOf(h), MessageKind::kBusinessMessage);
  ASSERT_TRUE(e.sync_reply);
  EXPECT_EQ(e.sync_reply->actor, "http://schemas.xmlsoap.org/soap/actor/next");
  ASSERT_TRUE(e.ack_requested);
  EXPECT_EQ(e.ack_requested->actor, "urn:oasis:names:tc:ebxml-msg:actor:toPartyMSH");
  EXPECT_FALSE(e.ack_requested->is_signed);
  EXPECT_FALSE(e.message_order || e.acknowledgment || e.error_list || e.manifest ||
               e.status_request || e.status_response);
}

TEST(EbmsParseTest, PingStatusManifestAndMessageOrder) {
  const Envelope ping = Parsed(Vector("EbMSPing.xml"));
  EXPECT_EQ(KindOf(ping.header), MessageKind::kPing);
  EXPECT_EQ(ping.header.service, (Service{std::nullopt, "urn:oasis:names:tc:ebxml-msg:service"}));
  EXPECT_EQ(ping.header.from.role, std::nullopt);

  const Envelope status = Parsed(Vector("EbMSMessageStatus.xml"));
  EXPECT_EQ(KindOf(status.header), MessageKind::kStatusRequest);
  ASSERT_TRUE(status.status_request);
  EXPECT_EQ(status.status_request->ref_to_message_id,
            "00000000-0000-4000-8000-000000000001@localhost");

  const Envelope attach = Parsed(Vector("EbMSMessageInvalidManifestVersion.xml"));
  ASSERT_TRUE(attach.manifest);
  EXPECT_EQ(attach.manifest->version, "1.0");
  ASSERT_EQ(attach.manifest->references.size(), 1u);
  EXPECT_EQ(attach.manifest->references[0].href, "cid:1");
  EXPECT_EQ(attach.manifest->references[0].type, "simple");

  const Envelope order = Parsed(Vector("EbMSMessageMessageOrder.xml"));
  ASSERT_TRUE(order.message_order);
  EXPECT_EQ(order.message_order->sequence_number, "00000001");

  const Envelope version = Parsed(Vector("EbMSMessageInvalidMessageHeaderVersion.xml"));
  EXPECT_EQ(version.header.version, "1.0");
}

TEST(EbmsParseTest, ReconstructedSignals) {
  const Envelope ack =
      Parsed(sluis::testing::ReadFile(Shared("mime/Acknowledgment.async.reconstructed.xml")));
  EXPECT_EQ(KindOf(ack.header), MessageKind::kAcknowledgment);
  ASSERT_TRUE(ack.acknowledgment);
  EXPECT_EQ(ack.acknowledgment->ref_to_message_id,
            "0f6a3c2e-8d4b-4c41-9a55-2b7e1d9c0a11@localhost");
  EXPECT_EQ(ack.acknowledgment->from, (Party{{kOverheid}, std::nullopt}));
  const Envelope err =
      Parsed(sluis::testing::ReadFile(Shared("mime/MessageError.reconstructed.xml")));
  EXPECT_EQ(KindOf(err.header), MessageKind::kMessageError);
  ASSERT_TRUE(err.error_list);
  EXPECT_EQ(err.error_list->highest_severity, Severity::kError);
  ASSERT_EQ(err.error_list->errors.size(), 1u);
  const EbmsError& e = err.error_list->errors[0];
  EXPECT_EQ(e.code_context, "urn:oasis:names:tc:ebxml-msg:service:errors");
  EXPECT_EQ(e.error_code, "ValueNotRecognized");
  EXPECT_EQ(e.location, "//Header/MessageHeader/Action");
  EXPECT_EQ(e.description, (Description{"en-US", "Value not found."}));
}

struct Broken {
  std::string name;
  std::string xml;
  std::string location;
};

std::vector<Broken> BrokenEnvelopes() {
  const std::string m = Vector("EbMSMessage.xml");
  const std::string mh = "//Header/MessageHeader";
  return {
      {"no PartyId", Vector("EbMSMessageMissingFromPartyId.xml"), mh + "/From/PartyId"},
      {"no Reference", Vector("EbMSMessageMissingReference.xml"), "//Body/Manifest/Reference"},
      {"no version", Replace(m, "<eb:MessageHeader eb:version=\"2.0\"", "<eb:MessageHeader"),
       mh + "/@version"},
      {"empty version",
       Replace(m, "<eb:MessageHeader eb:version=\"2.0\"", "<eb:MessageHeader eb:version=\"\""),
       mh + "/@version"},
      {"mustUnderstand true",
       Replace(m, "eb:version=\"2.0\" soap:mustUnderstand=\"1\">",
               "eb:version=\"2.0\" soap:mustUnderstand=\"true\">"),
       mh + "/@mustUnderstand"},
      {"bad Timestamp", Replace(m, "2025-01-01T12:00:00.000+01:00", "1 januari 2025"),
       mh + "/MessageData/Timestamp"},
      {"Timestamp before year 1 UTC",
       Replace(m, "2025-01-01T12:00:00.000+01:00", "0001-01-01T00:00:00+01:00"),
       mh + "/MessageData/Timestamp"},
      {"TimeToLive after year 9999 UTC",
       Replace(m, "2099-01-01T00:00:00.000+01:00", "9999-12-31T23:30:00-01:00"),
       mh + "/MessageData/TimeToLive"},
      {"empty CPAId", Replace(m, "cpaStubEBF.rm.http.unsigned.sync", ""), mh + "/CPAId"},
      {"Action before Service",
       Replace(Replace(m, "<eb:Action>afleveren</eb:Action>", ""), "<eb:Service eb:type",
               "<eb:Action>afleveren</eb:Action><eb:Service eb:type"),
       mh + "/Service"},
      {"unknown eb element in MessageHeader",
       Replace(m, "<eb:DuplicateElimination/>", "<eb:DuplicateElimination/><eb:Surprise/>"),
       mh + "/Surprise"},
      {"two MessageHeaders",
       Replace(m, "<soap:Header>",
               "<soap:Header>" +
                   m.substr(m.find("<eb:MessageHeader"),
                            m.find("</eb:MessageHeader>") + 19 - m.find("<eb:MessageHeader"))),
       "//Header/MessageHeader"},
      {"no MessageHeader",
       m.substr(0, m.find("<eb:MessageHeader")) + m.substr(m.find("</eb:MessageHeader>") + 19),
       "//Header/MessageHeader"},
      {"AckRequested without signed", Replace(m, "eb:signed=\"false\" ", ""),
       "//Header/AckRequested/@signed"},
      {"SyncReply without actor",
       Replace(m, "soap:actor=\"http://schemas.xmlsoap.org/soap/actor/next\" ", ""),
       "//Header/SyncReply/@actor"},
      {"unqualified header entry", Replace(m, "<soap:Header>", "<soap:Header><x/>"), "//Header/x"},
      {"xlink:type not simple",
       Replace(Vector("EbMSMessageWithAttachments.xml"), "xlink:type=\"simple\"",
               "xlink:type=\"extended\""),
       "//Body/Manifest/Reference/@type"},
      {"root is not an Envelope", "<Envelope/>", "/Envelope"},
      {"no Body", Replace(m, "<soap:Body/>", ""), "/Envelope/Body"},
  };
}

TEST(EbmsParseTest, SchemaViolationsAreSchemaErrors) {
  for (const Broken& b : BrokenEnvelopes()) {
    Result<Envelope> e = ParseEnvelope(b.xml);
    ASSERT_FALSE(e.ok()) << b.name;
    EXPECT_EQ(e.error().kind, ErrorKind::kSchema) << b.name << ": " << e.error().ToString();
    EXPECT_EQ(e.error().code, "XSD") << b.name;
    EXPECT_EQ(e.error().location, b.location) << b.name << ": " << e.error().ToString();
  }
}

TEST(EbmsParseTest, HardenedInput) {
  Result<Envelope> xxe = ParseEnvelope(Vector("EbMSPingXXE.xml"));
  ASSERT_FALSE(xxe.ok());
  EXPECT_EQ(xxe.error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(xxe.error().code, "XML");
  EXPECT_EQ(ParseEnvelope("").error().kind, ErrorKind::kMalformed);
  EXPECT_EQ(ParseEnvelope("<soap:Envelope").error().kind, ErrorKind::kMalformed);
  EXPECT_EQ(ParseEnvelope("\xff\xfe").error().kind, ErrorKind::kMalformed);
  // &#0; would cut the CPAId short ("cpaStubEBF...sync" followed by anything).
  const std::string nul = Replace(Vector("EbMSMessage.xml"), "unsigned.sync</eb:CPAId>",
                                  "unsigned.sync&#0;x</eb:CPAId>");
  EXPECT_EQ(ParseEnvelope(nul).error().kind, ErrorKind::kMalformed);
  // Every truncation of a valid envelope is an error, never a crash.
  const std::string m = Vector("EbMSMessage.xml");
  for (size_t n = 0; n < m.size(); ++n) {
    EXPECT_FALSE(ParseEnvelope(std::string_view(m).substr(0, n)).ok()) << n;
  }
}

TEST(EbmsParseTest, UnknownExtensionsAreIgnored) {
  // KVS ch05 "SOAP Extensions": ignore what you do not know, even with mustUnderstand.
  const std::string m = Vector("EbMSMessage.xml");
  const std::string extended = Replace(
      Replace(m, "<soap:Header>",
              "<soap:Header><x:Trace xmlns:x=\"urn:x\" soap:mustUnderstand=\"1\"><x:Hop/></x:Trace>"
              "<eb:Via eb:version=\"2.0\" soap:mustUnderstand=\"1\"/>"),
      "<soap:Body/>", "<soap:Body><x:Payload xmlns:x=\"urn:x\">1</x:Payload></soap:Body>");
  Result<Envelope> e = ParseEnvelope(extended);
  ASSERT_TRUE(e.ok()) << e.error().ToString();
  EXPECT_EQ(*e, Parsed(m));
  // Other prefixes for the same namespaces: namespaces are compared, not prefixes.
  std::string renamed = m;
  for (size_t at = renamed.find("eb:"); at != std::string::npos; at = renamed.find("eb:", at)) {
    renamed.replace(at, 3, "ebxml:");
  }
  renamed = Replace(renamed, "xmlns:eb=", "xmlns:ebxml=");
  Result<Envelope> r = ParseEnvelope(renamed);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(*r, Parsed(m));
}

TEST(EbmsRoundTripTest, EveryParsableVector) {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(Shared("soap/rendered"))) {
    Result<Envelope> e = ParseEnvelope(sluis::testing::ReadFile(entry.path().string()));
    if (!e.ok()) continue;
    ++n;
    const std::string xml = EncodeEnvelope(*e);
    Result<Envelope> back = ParseEnvelope(xml);
    ASSERT_TRUE(back.ok()) << entry.path() << ": " << back.error().ToString() << "\n" << xml;
    EXPECT_EQ(*back, *e) << entry.path();
    EXPECT_EQ(EncodeEnvelope(*back), xml) << entry.path();
  }
  EXPECT_EQ(n, 31);  // 34 minus the DOCTYPE one and the two XSD failures
}

TEST(EbmsRoundTripTest, EveryEnvelopeType) {
  const Envelope msg = Parsed(Vector("EbMSMessage.xml"));
  const Instant now = At("2026-01-01T00:00:00.123Z");
  Envelope rich = msg;
  rich.header.from.party_ids.push_back(PartyId{std::nullopt, "urn:oin:2"});
  rich.header.message_data.ref_to_message_id = "earlier@localhost";
  rich.header.descriptions = {Description{"nl-NL", "Een bericht & <meer>"}};
  rich.message_order = MessageOrder{"2.0", true, "7"};
  rich.manifest =
      Manifest{"2.0",
               {Reference{"cid:a@b", "simple", std::nullopt, {}},
                Reference{"cid:c", std::nullopt, "urn:role", {Description{"en-US", "the \"c\""}}}}};
  Envelope response = MakeStatusResponse(Parsed(Vector("EbMSMessageStatus.xml")),
                                         MessageStatus::kProcessed, now, "sr@localhost", now);
  const Envelope all[] = {
      msg,
      rich,
      MakeAcknowledgment(msg, "ack@localhost", now),
      MakeMessageError(
          msg,
          {MakeEbmsError(kInconsistent, "//Header/SyncReply", "Wrong value."),
           EbmsError{"urn:x", "Other", Severity::kWarning, std::nullopt, std::nullopt}},
          "err@localhost", now),
      MakePong(Parsed(Vector("EbMSPing.xml")), "pong@localhost", now),
      MakePing("cpa", Party{{kDigipoort}, "R"}, Party{{kOverheid}, std::nullopt}, "c", "p@l", now),
      MakeStatusRequest("cpa", Party{{kDigipoort}, {}}, Party{{kOverheid}, {}}, "c", "ref@l", "s@l",
                        now),
      response,
  };
  for (const Envelope& e : all) {
    const std::string xml = EncodeEnvelope(e);
    Result<Envelope> back = ParseEnvelope(xml);
    ASSERT_TRUE(back.ok()) << back.error().ToString() << "\n" << xml;
    EXPECT_EQ(*back, e) << xml;
  }
}

TEST(EbmsSignalTest, AcknowledgmentFollowsSection23) {
  const Envelope msg = Parsed(Vector("EbMSMessage.xml"));
  const Instant now = At("2026-01-01T00:00:00Z");
  const Envelope ack = MakeAcknowledgment(msg, "ack-1@localhost", now);
  const MessageHeader& h = ack.header;
  EXPECT_EQ(h.from, (Party{{kOverheid}, std::nullopt}));  // original To, no Role
  EXPECT_EQ(h.to, (Party{{kDigipoort}, std::nullopt}));   // original From, no Role
  EXPECT_EQ(h.cpa_id, msg.header.cpa_id);
  EXPECT_EQ(h.conversation_id, msg.header.conversation_id);
  EXPECT_EQ(h.service, (Service{std::nullopt, "urn:oasis:names:tc:ebxml-msg:service"}));
  EXPECT_EQ(h.action, "Acknowledgment");
  EXPECT_EQ(h.message_data.message_id, "ack-1@localhost");
  EXPECT_EQ(h.message_data.timestamp, now);
  EXPECT_EQ(h.message_data.ref_to_message_id, "00000000-0000-4000-8000-000000000001@localhost");
  EXPECT_EQ(h.message_data.time_to_live, std::nullopt);
  EXPECT_FALSE(h.duplicate_elimination);
  EXPECT_FALSE(ack.ack_requested || ack.sync_reply || ack.error_list || ack.manifest);
  ASSERT_TRUE(ack.acknowledgment);
  EXPECT_EQ(ack.acknowledgment->actor, "urn:oasis:names:tc:ebxml-msg:actor:toPartyMSH");
  EXPECT_EQ(ack.acknowledgment->timestamp, now);
  EXPECT_EQ(ack.acknowledgment->ref_to_message_id, msg.header.message_data.message_id);
  EXPECT_EQ(ack.acknowledgment->from, (Party{{kOverheid}, std::nullopt}));
  EXPECT_EQ(KindOf(h), MessageKind::kAcknowledgment);
}

// The Acknowledgment and MessageError that §2.3 reconstructs for the multipart example.
TEST(EbmsSignalTest, BuildersReproduceTheReconstructedSignals) {
  const std::string raw =
      sluis::testing::ReadFile(Shared("mime/EbMSMessage.multipart.reconstructed.http"));
  const size_t ct = raw.find("Content-Type: ") + 14;
  Result<InboundMessage> in = DecodeMessage(raw.substr(ct, raw.find("\r\n", ct) - ct),
                                            raw.substr(raw.find("\r\n\r\n") + 4));
  ASSERT_TRUE(in.ok()) << in.error().ToString();
  const Instant now = At("2025-03-03T09:15:01.250Z");
  EXPECT_EQ(
      MakeAcknowledgment(in->envelope, "7c2d9e41-5a6b-4f3c-8d2e-1a0b9c8d7e6f@localhost", now),
      Parsed(sluis::testing::ReadFile(Shared("mime/Acknowledgment.async.reconstructed.xml"))));
  EXPECT_EQ(MakeMessageError(in->envelope,
                             {MakeEbmsError(kValueNotRecognized, "//Header/MessageHeader/Action",
                                            "Value not found.")},
                             "9e8d7c6b-5a49-4382-a716-0f1e2d3c4b5a@localhost", now),
            Parsed(sluis::testing::ReadFile(Shared("mime/MessageError.reconstructed.xml"))));
}

TEST(EbmsSignalTest, EncodedAcknowledgmentText) {
  Envelope msg;
  msg.header.from = Party{{kDigipoort}, "DIGIPOORT"};
  msg.header.to = Party{{kOverheid}, "OVERHEID"};
  msg.header.cpa_id = "cpa";
  msg.header.conversation_id = "conv";
  msg.header.service = Service{"urn:osb:services", "osb:afleveren:1.1$1.0"};
  msg.header.action = "afleveren";
  msg.header.message_data.message_id = "m@h";
  const Instant now = At("2025-03-03T09:15:01.250Z");
  EXPECT_EQ(EncodeEnvelope(MakeAcknowledgment(msg, "a@h", now)),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            "xmlns:eb=\"http://www.oasis-open.org/committees/ebxml-msg/schema/msg-header-2_0.xsd\" "
            "xmlns:xlink=\"http://www.w3.org/1999/xlink\">\r\n"
            "  <soap:Header>\r\n"
            "    <eb:MessageHeader eb:version=\"2.0\" soap:mustUnderstand=\"1\">\r\n"
            "      <eb:From>\r\n"
            "        <eb:PartyId eb:type=\"urn:osb:oin\">00000000000000000001</eb:PartyId>\r\n"
            "      </eb:From>\r\n"
            "      <eb:To>\r\n"
            "        <eb:PartyId eb:type=\"urn:osb:oin\">00000000000000000000</eb:PartyId>\r\n"
            "      </eb:To>\r\n"
            "      <eb:CPAId>cpa</eb:CPAId>\r\n"
            "      <eb:ConversationId>conv</eb:ConversationId>\r\n"
            "      <eb:Service>urn:oasis:names:tc:ebxml-msg:service</eb:Service>\r\n"
            "      <eb:Action>Acknowledgment</eb:Action>\r\n"
            "      <eb:MessageData>\r\n"
            "        <eb:MessageId>a@h</eb:MessageId>\r\n"
            "        <eb:Timestamp>2025-03-03T09:15:01.250Z</eb:Timestamp>\r\n"
            "        <eb:RefToMessageId>m@h</eb:RefToMessageId>\r\n"
            "      </eb:MessageData>\r\n"
            "    </eb:MessageHeader>\r\n"
            "    <eb:Acknowledgment eb:version=\"2.0\" soap:mustUnderstand=\"1\" "
            "soap:actor=\"urn:oasis:names:tc:ebxml-msg:actor:toPartyMSH\">\r\n"
            "      <eb:Timestamp>2025-03-03T09:15:01.250Z</eb:Timestamp>\r\n"
            "      <eb:RefToMessageId>m@h</eb:RefToMessageId>\r\n"
            "      <eb:From>\r\n"
            "        <eb:PartyId eb:type=\"urn:osb:oin\">00000000000000000001</eb:PartyId>\r\n"
            "      </eb:From>\r\n"
            "    </eb:Acknowledgment>\r\n"
            "  </soap:Header>\r\n"
            "  <soap:Body/>\r\n"
            "</soap:Envelope>\r\n");
}

TEST(EbmsSignalTest, HeaderExtensionsCarryVersionMustUnderstandAndActors) {
  Envelope e = Parsed(Vector("EbMSMessage.xml"));
  const std::string xml = EncodeEnvelope(e);
  EXPECT_NE(xml.find("<eb:SyncReply eb:version=\"2.0\" soap:mustUnderstand=\"1\" "
                     "soap:actor=\"http://schemas.xmlsoap.org/soap/actor/next\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<eb:AckRequested eb:version=\"2.0\" soap:mustUnderstand=\"1\" "
                     "soap:actor=\"urn:oasis:names:tc:ebxml-msg:actor:toPartyMSH\" "
                     "eb:signed=\"false\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<eb:DuplicateElimination/>"), std::string::npos);
  const std::string error = EncodeEnvelope(MakeMessageError(
      e,
      {MakeEbmsError(kTimeToLiveExpired, "//Header/MessageHeader/MessageData/TimeToLive",
                     std::nullopt)},
      "e@h", At("2026-01-01T00:00:00Z")));
  EXPECT_NE(error.find("<eb:ErrorList eb:version=\"2.0\" soap:mustUnderstand=\"1\" "
                       "eb:highestSeverity=\"Error\">"),
            std::string::npos);
  EXPECT_NE(error.find("<eb:Error eb:codeContext=\"urn:oasis:names:tc:ebxml-msg:service:errors\" "
                       "eb:errorCode=\"TimeToLiveExpired\" eb:severity=\"Error\" "
                       "eb:location=\"//Header/MessageHeader/MessageData/TimeToLive\"/>"),
            std::string::npos);
  // Every line ends in CRLF.
  for (size_t at = xml.find('\n'); at != std::string::npos; at = xml.find('\n', at + 1)) {
    ASSERT_EQ(xml[at - 1], '\r');
  }
}

TEST(EbmsSignalTest, PongStatusResponseAndMessageErrorDefaults) {
  const Instant now = At("2026-01-01T00:00:00Z");
  const Envelope ping = Parsed(Vector("EbMSPing.xml"));
  const Envelope pong = MakePong(ping, "pong@h", now);
  EXPECT_EQ(pong.header.action, "Pong");
  EXPECT_EQ(pong.header.from, ping.header.to);
  EXPECT_EQ(pong.header.to, ping.header.from);
  EXPECT_EQ(pong.header.conversation_id, ping.header.conversation_id);
  EXPECT_EQ(pong.header.message_data.ref_to_message_id, ping.header.message_data.message_id);

  const Envelope request = Parsed(Vector("EbMSMessageStatus.xml"));
  const Envelope response = MakeStatusResponse(request, MessageStatus::kReceived, now, "sr@h", now);
  EXPECT_EQ(response.header.action, "StatusResponse");
  ASSERT_TRUE(response.status_response);
  EXPECT_EQ(response.status_response->message_status, MessageStatus::kReceived);
  EXPECT_EQ(response.status_response->ref_to_message_id,
            "00000000-0000-4000-8000-000000000001@localhost");
  EXPECT_EQ(response.status_response->timestamp, now);
  EXPECT_NE(EncodeEnvelope(response).find("eb:messageStatus=\"Received\""), std::string::npos);

  const Envelope unknown = MakeMessageError(request, {}, "e@h", now);
  ASSERT_TRUE(unknown.error_list);
  ASSERT_EQ(unknown.error_list->errors.size(), 1u);
  EXPECT_EQ(unknown.error_list->errors[0].error_code, "Unknown");
  const Envelope warning =
      MakeMessageError(request,
                       {EbmsError{std::string(kErrorCodeContext), "DeliveryFailure",
                                  Severity::kWarning, std::nullopt, std::nullopt}},
                       "w@h", now);
  EXPECT_EQ(warning.error_list->highest_severity, Severity::kWarning);
}

TEST(EbmsSoapFaultTest, EncodeAndParse) {
  const std::string xml = EncodeSoapFault({"Client", "CPA cpaId not found!"});
  EXPECT_EQ(xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\r\n"
            "  <soap:Body>\r\n"
            "    <soap:Fault>\r\n"
            "      <faultcode>soap:Client</faultcode>\r\n"
            "      <faultstring>CPA cpaId not found!</faultstring>\r\n"
            "    </soap:Fault>\r\n"
            "  </soap:Body>\r\n"
            "</soap:Envelope>\r\n");
  Result<SoapFault> f = ParseSoapFault(xml);
  ASSERT_TRUE(f.ok()) << f.error().ToString();
  EXPECT_EQ(*f, (SoapFault{"Client", "CPA cpaId not found!"}));
  Result<SoapFault> other = ParseSoapFault(
      "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:x=\"urn:x\">"
      "<S:Body><S:Fault><faultcode>x:Busy</faultcode><faultstring>later</faultstring>"
      "</S:Fault></S:Body></S:Envelope>");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->code, "x:Busy");
  EXPECT_EQ(ParseSoapFault(Vector("EbMSMessage.xml")).error().location, "//Body/Fault");
  // A Fault is not an ebMS message.
  EXPECT_EQ(ParseEnvelope(xml).error().kind, ErrorKind::kSchema);
}

TEST(EbmsHttpBodyTest, EncodeMessageWithAndWithoutPayloads) {
  const Envelope plain = Parsed(Vector("EbMSMessage.xml"));
  Result<mime::Encoded> signal = EncodeMessage(plain, {}, "root@h", "b");
  ASSERT_TRUE(signal.ok());
  EXPECT_EQ(signal->content_type, "text/xml; charset=UTF-8");
  EXPECT_EQ(signal->body, EncodeEnvelope(plain));

  Envelope with = plain;
  with.manifest = Manifest{"2.0", {Reference{"cid:payload@h", "simple", std::nullopt, {}}}};
  const mime::Part payload{"application/xml", "payload@h", "", {}, "<GGK:bericht/>"};
  Result<mime::Encoded> multi = EncodeMessage(with, {payload}, "root@h", "-=u=-");
  ASSERT_TRUE(multi.ok()) << multi.error().ToString();
  EXPECT_EQ(multi->content_type,
            "multipart/related; boundary=\"-=u=-\"; type=\"text/xml\"; start=\"<root@h>\"; "
            "start-info=\"text/xml\"");
  Result<InboundMessage> back = DecodeMessage(multi->content_type, multi->body);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back->envelope, with);
  ASSERT_EQ(back->payloads.size(), 1u);
  EXPECT_EQ(back->payloads[0], payload);

  EXPECT_FALSE(EncodeMessage(plain, {payload}, "root@h", "b").ok());  // not in the Manifest
  EXPECT_FALSE(EncodeMessage(with, {}, "root@h", "b").ok());          // Manifest without part
  Envelope http = with;
  http.manifest->references[0].href = "http://example.org/x";
  EXPECT_FALSE(EncodeMessage(http, {payload}, "root@h", "b").ok());
}

TEST(EbmsHttpBodyTest, DecodeMessageErrors) {
  EXPECT_EQ(DecodeMessage("text/xml; charset=ISO-8859-1", Vector("EbMSMessage.xml")).error().kind,
            ErrorKind::kUnsupported);
  EXPECT_EQ(DecodeMessage("multipart/related", Vector("EbMSMessage.xml")).error().kind,
            ErrorKind::kMalformed);
  EXPECT_EQ(DecodeMessage("text/xml", Vector("EbMSPingXXE.xml")).error().kind,
            ErrorKind::kForbidden);
  EXPECT_TRUE(IsEbxmlSoapAction("\"ebXML\""));
  EXPECT_TRUE(IsEbxmlSoapAction(" ebXML "));
  EXPECT_FALSE(IsEbxmlSoapAction("\"\""));
  EXPECT_FALSE(IsEbxmlSoapAction("ebxml"));
}

}  // namespace
}  // namespace sluis::codecs::ebms
