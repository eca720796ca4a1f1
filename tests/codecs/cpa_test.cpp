#include "sluis/codecs/cpa.h"

#include <chrono>
#include <filesystem>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_env.h"

namespace sluis::codecs::cpa {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

std::string CpaDir() { return sluis::testing::SharedDir() + "/ebms/cpa"; }

std::string ReadCpa(const std::string& name) {
  return sluis::testing::ReadFile(CpaDir() + "/" + name);
}

Cpa Load(const std::string& name) {
  Result<Cpa> r = ParseCpa(ReadCpa(name));
  EXPECT_TRUE(r.ok()) << name << ": " << (r.ok() ? "" : r.error().ToString());
  return r.ok() ? std::move(r).value() : Cpa{};
}

Instant At(std::string_view t) { return *ParseXsDateTime(t); }

const PartyId kDigipoort{"urn:osb:oin", "00000000000000000000"};
const PartyId kOverheid{"urn:osb:oin", "00000000000000000001"};
const Service kAfleveren{"urn:osb:services", "osb:afleveren:1.1$1.0"};
const Service kEbmsService{std::nullopt, std::string(kEbmsServiceUri)};

TEST(CpaTest, AllSixteenReferenceCpasParse) {
  std::set<std::string> ids;
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(CpaDir())) {
    if (entry.path().extension() != ".xml") continue;
    ++n;
    const std::string name = entry.path().filename().string();
    Result<Cpa> r = ParseCpa(sluis::testing::ReadFile(entry.path().string()));
    ASSERT_TRUE(r.ok()) << name << ": " << r.error().ToString();
    const Cpa& cpa = r.value();
    // The stubs are named after their cpaid; both Compliance Voorziening CPAs share one.
    if (name.starts_with("cpaStubEBF.")) {
      EXPECT_EQ(cpa.cpa_id + ".xml", name);
    } else {
      EXPECT_EQ(cpa.cpa_id, "CPAID_EchoService-1-0") << name;
    }
    EXPECT_EQ(cpa.status, CpaStatus::kAgreed) << name;
    EXPECT_EQ(FormatXsDateTime(cpa.end), "2031-01-01T00:00:00.000Z") << name;
    ASSERT_EQ(cpa.parties.size(), 2u) << name;
    for (const PartyInfo& p : cpa.parties) {
      ASSERT_NE(DefaultMshChannel(cpa, p, "Acknowledgment"), nullptr) << name;
      for (const DeliveryChannel& c : p.delivery_channels) {
        EXPECT_TRUE(EndpointUri(cpa, c).has_value()) << name << " " << c.channel_id;
      }
    }
    ids.insert(cpa.cpa_id);
  }
  EXPECT_EQ(n, 16);
  EXPECT_EQ(ids.size(), 15u);
}

TEST(CpaTest, RmHttpUnsignedStub) {
  const Cpa cpa = Load("cpaStubEBF.rm.http.unsigned.xml");
  EXPECT_EQ(cpa.cpa_id, "cpaStubEBF.rm.http.unsigned");
  EXPECT_EQ(FormatXsDateTime(cpa.start), "2011-01-01T00:00:00.000Z");
  const PartyInfo* digipoort = FindParty(cpa, kDigipoort);
  const PartyInfo* overheid = FindParty(cpa, kOverheid);
  ASSERT_NE(digipoort, nullptr);
  ASSERT_NE(overheid, nullptr);
  EXPECT_EQ(digipoort->party_name, "Logius");
  EXPECT_EQ(overheid->party_name, "Overheid");
  EXPECT_EQ(OtherParty(cpa, *digipoort), overheid);
  EXPECT_EQ(digipoort->default_msh_channel_id,
            "DIGIPOORT_defaultDeliveryChannel_ProfileBestEffortSigned");
  EXPECT_EQ(digipoort->default_msh_package_id, "MshSignalPackage");
  ASSERT_EQ(digipoort->roles.size(), 2u);
  EXPECT_EQ(digipoort->roles[0].role, "DIGIPOORT");
  EXPECT_EQ(digipoort->roles[0].service, kAfleveren);

  // DIGIPOORT sends afleveren over its RM channel; OVERHEID receives it.
  const auto send = FindCanSend(cpa, *digipoort, "DIGIPOORT", kAfleveren, "afleveren");
  ASSERT_TRUE(send);
  EXPECT_EQ(send->binding->id, "DIGIPOORT_S_Afleveren");
  EXPECT_EQ(send->binding->package_id, "XMLMessagePackage");
  EXPECT_EQ(send->binding->other_party_action_binding, "OVERHEID_R_Afleveren");
  ASSERT_NE(send->channel, nullptr);
  EXPECT_EQ(send->channel->channel_id, "DIGIPOORT_defaultDeliveryChannel_ProfileReliableMessaging");
  const MessagingCharacteristics& m = send->channel->messaging;
  EXPECT_EQ(m.sync_reply_mode, SyncReplyMode::kNone);
  EXPECT_EQ(m.ack_requested, PerMessage::kAlways);
  EXPECT_EQ(m.ack_signature_requested, PerMessage::kNever);
  EXPECT_EQ(m.duplicate_elimination, PerMessage::kAlways);
  EXPECT_EQ(m.actor, "urn:oasis:names:tc:ebxml-msg:actor:toPartyMSH");
  EXPECT_FALSE(FindCanSend(cpa, *digipoort, "OVERHEID", kAfleveren, "afleveren"));
  EXPECT_FALSE(FindCanSend(cpa, *digipoort, "DIGIPOORT", kAfleveren, "bevestigAfleveren"));
  EXPECT_FALSE(FindCanSend(cpa, *overheid, std::nullopt, kAfleveren, "afleveren"));
  EXPECT_TRUE(FindCanReceive(cpa, *overheid, "OVERHEID", kAfleveren, "afleveren"));
  EXPECT_FALSE(
      FindCanSend(cpa, *digipoort, std::nullopt, Service{"x", kAfleveren.value}, "afleveren"));

  // Signals go over the default MSH channel (best effort).
  const DeliveryChannel* ack =
      SendChannel(cpa, *overheid, std::nullopt, kEbmsService, "Acknowledgment");
  ASSERT_NE(ack, nullptr);
  EXPECT_EQ(ack->channel_id, "OVERHEID_defaultDeliveryChannel_ProfileBestEffortSigned");
  EXPECT_EQ(ack->messaging.ack_requested, PerMessage::kNever);
  EXPECT_EQ(SendChannel(cpa, *digipoort, "DIGIPOORT", kAfleveren, "afleveren"), send->channel);
  EXPECT_EQ(ReceiveChannel(cpa, *overheid, "OVERHEID", kAfleveren, "afleveren")->channel_id,
            "OVERHEID_defaultDeliveryChannel_ProfileReliableMessaging");

  // Reliability: 5 × PT5M, PersistDuration PT30M in both bindings; TTL = ts + 5m × 6.
  const EbXmlBinding* sender = SenderBinding(cpa, *send->channel);
  const EbXmlBinding* receiver = ReceiverBinding(cpa, *send->channel);
  ASSERT_NE(sender, nullptr);
  ASSERT_NE(receiver, nullptr);
  ASSERT_TRUE(sender->reliable_messaging);
  EXPECT_EQ(sender->reliable_messaging->retries, 5);
  EXPECT_EQ(sender->reliable_messaging->retry_interval, milliseconds(minutes(5)));
  EXPECT_FALSE(sender->reliable_messaging->guaranteed_order);
  EXPECT_EQ(sender->persist_duration, milliseconds(minutes(30)));
  EXPECT_EQ(receiver->persist_duration, milliseconds(minutes(30)));
  EXPECT_FALSE(sender->non_repudiation);
  EXPECT_EQ(TimeToLive(cpa, *send->channel, At("2025-03-03T09:15:00Z")),
            At("2025-03-03T09:45:00Z"));
  EXPECT_EQ(TimeToLive(cpa, *ack, At("2025-03-03T09:15:00Z")), std::nullopt);  // best effort

  EXPECT_EQ(EndpointUri(cpa, *send->channel), "http://localhost:8888/ebms");
  EXPECT_EQ(ClientCertificate(cpa, *send->channel), nullptr);  // plain HTTP stub
  EXPECT_TRUE(DigikoppelingProblems(cpa).empty());
}

TEST(CpaTest, ComplianceVoorzieningRmChannel) {
  const Cpa cpa = Load("cpa-cv-https.xml");
  const PartyInfo* cv = FindParty(cpa, PartyId{"urn:cv:oin", "00000000000000000000"});
  ASSERT_NE(cv, nullptr);
  EXPECT_EQ(cv->party_name, "DK Compliancevoorziening ebMS");
  const DeliveryChannel* rm = FindChannel(cpa, "ComplianceVoorziening_RM_Channel");
  ASSERT_NE(rm, nullptr);
  EXPECT_EQ(rm->messaging.ack_requested, PerMessage::kAlways);
  EXPECT_EQ(rm->messaging.duplicate_elimination, PerMessage::kAlways);
  EXPECT_EQ(rm->messaging.sync_reply_mode, SyncReplyMode::kNone);
  const EbXmlBinding* b = SenderBinding(cpa, *rm);
  ASSERT_TRUE(b && b->reliable_messaging);
  EXPECT_EQ(b->reliable_messaging->retries, 5);
  EXPECT_EQ(b->reliable_messaging->retry_interval, milliseconds(minutes(5)));
  EXPECT_EQ(b->persist_duration, milliseconds(minutes(30)));
  EXPECT_FALSE(b->non_repudiation);
  EXPECT_FALSE(FindDocExchange(cpa, rm->doc_exchange_id)->IsSigned());
  EXPECT_EQ(EndpointUri(cpa, *rm), "https://localhost:8888/ebms");
  const Transport* t = FindTransport(cpa, rm->transport_id);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->client_certificate_ref, "ComplianceVoorziening_ClientCertificate");
  EXPECT_EQ(t->server_certificate_ref, "ComplianceVoorziening_ServerCertificate");
  EXPECT_EQ(t->server_security_details_ref, "ComplianceVoorziening_SSL");
  EXPECT_EQ(t->security_protocol, "SSL 3.0");
  const Certificate* client = ClientCertificate(cpa, *rm);
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->cert_id, "ComplianceVoorziening_ClientCertificate");
  // base64 DER of a 919-byte SEQUENCE: 30 82 03 97 ...
  ASSERT_EQ(client->der.size(), 923u);
  EXPECT_EQ(client->der.substr(0, 4), std::string("\x30\x82\x03\x97", 4));
  EXPECT_EQ(ServerCertificate(cpa, *rm)->cert_id, "ComplianceVoorziening_ServerCertificate");

  // The RM service type of the EchoService: the consumer sends EchoRequest.
  const Service echo_rm{"urn:cv:rm:services", "EchoService$1.0"};
  Result<SendRoute> route =
      RouteSend(cpa, PartyId{"urn:cv:oin", "00000000000000000001"}, echo_rm, "EchoRequest");
  ASSERT_TRUE(route.ok()) << route.error().ToString();
  EXPECT_EQ(route->receiver.party, cv);
  EXPECT_EQ(route->receiver.binding->id, "ComplianceVoorziening_RM_R");
  EXPECT_EQ(route->receiver.channel, rm);
  EXPECT_EQ(route->endpoint_uri, "https://localhost:8888/ebms");

  // Six profile variants: the signed and encrypted ones are flagged, the RM one is not.
  std::set<std::string> flagged;
  for (const ProfileProblem& p : DigikoppelingProblems(cpa)) flagged.insert(p.subject);
  EXPECT_TRUE(flagged.count("ComplianceVoorziening_RM_Signed"));
  EXPECT_TRUE(flagged.count("ComplianceVoorziening_BE_Encrypted"));
  EXPECT_FALSE(flagged.count("ComplianceVoorziening_RM"));
  EXPECT_FALSE(flagged.count("ComplianceVoorziening_RM_Channel"));
}

TEST(CpaTest, SignedStubRouteAndCertificates) {
  // §5.1: sending afleveren from DIGIPOORT to OVERHEID.
  const Cpa cpa = Load("cpaStubEBF.rm.https.signed.xml");
  Result<SendRoute> route = RouteSend(cpa, kDigipoort, kAfleveren, "afleveren");
  ASSERT_TRUE(route.ok()) << route.error().ToString();
  EXPECT_EQ(route->sender.role->role, "DIGIPOORT");
  EXPECT_EQ(route->sender.channel->channel_id,
            "DIGIPOORT_defaultDeliveryChannel_ProfileReliableMessagingSigned");
  EXPECT_EQ(route->receiver.party, FindParty(cpa, kOverheid));
  EXPECT_EQ(route->receiver.role->role, "OVERHEID");
  EXPECT_EQ(route->receiver.binding->id, "OVERHEID_R_Afleveren");
  EXPECT_EQ(route->endpoint_uri, "https://localhost:8088/ebms");
  ASSERT_NE(route->client_certificate, nullptr);
  EXPECT_EQ(route->client_certificate->cert_id, "DIGIPOORT_ClientCert");
  EXPECT_EQ(route->client_certificate->der.size(), 923u);
  ASSERT_NE(route->server_certificate, nullptr);
  EXPECT_EQ(route->server_certificate->cert_id, "OVERHEID_ServerCert");
  EXPECT_EQ(TimeToLive(cpa, *route->sender.channel, At("2025-03-03T09:15:00Z")),
            At("2025-03-03T09:45:00Z"));
  const DocExchange* d = FindDocExchange(cpa, route->sender.channel->doc_exchange_id);
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(d->IsSigned());
  EXPECT_FALSE(d->IsEncrypted());
  EXPECT_FALSE(DigikoppelingProblems(cpa).empty());

  Result<SendRoute> none = RouteSend(cpa, kDigipoort, kAfleveren, "aanleveren");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, ErrorKind::kRule);
  EXPECT_EQ(none.error().code, "CPA");
  EXPECT_FALSE(RouteSend(cpa, PartyId{"urn:osb:oin", "9"}, kAfleveren, "afleveren").ok());
}

TEST(CpaTest, EncryptedStubIsFlagged) {
  const Cpa cpa = Load("cpaStubEBF.rm.https.signed.encrypted.xml");
  bool encrypted = false;
  for (const ProfileProblem& p : DigikoppelingProblems(cpa)) {
    encrypted |= p.reason.find("encrypted") != std::string::npos;
  }
  EXPECT_TRUE(encrypted);
}

TEST(CpaTest, SyncStubsUseSignalsAndResponse) {
  for (const char* name :
       {"cpaStubEBF.rm.http.unsigned.sync.xml", "cpaStubEBF.be.http.unsigned.sync.xml",
        "cpaStubEBF.rm.https.signed.sync.xml"}) {
    const Cpa cpa = Load(name);
    for (const PartyInfo& p : cpa.parties) {
      for (const DeliveryChannel& c : p.delivery_channels) {
        EXPECT_EQ(c.messaging.sync_reply_mode, SyncReplyMode::kSignalsAndResponse)
            << name << " " << c.channel_id;
      }
    }
    const std::vector<ProfileProblem> problems = DigikoppelingProblems(cpa);
    ASSERT_FALSE(problems.empty()) << name;
    EXPECT_EQ(problems[0].reason,
              "syncReplyMode signalsAndResponse is not allowed by Digikoppeling");
  }
}

TEST(CpaTest, BestEffortStubHasNoReliability) {
  const Cpa cpa = Load("cpaStubEBF.be.http.unsigned.xml");
  const PartyInfo* digipoort = FindParty(cpa, kDigipoort);
  ASSERT_NE(digipoort, nullptr);
  const DeliveryChannel* c = SendChannel(cpa, *digipoort, "DIGIPOORT", kAfleveren, "afleveren");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->messaging.ack_requested, PerMessage::kNever);
  EXPECT_EQ(c->messaging.duplicate_elimination, PerMessage::kNever);
  EXPECT_EQ(TimeToLive(cpa, *c, At("2025-03-03T09:15:00Z")), std::nullopt);
  EXPECT_TRUE(DigikoppelingProblems(cpa).empty());
}

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  const size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(CpaTest, ProposedAndGuaranteedOrderAreFlagged) {
  std::string xml = ReadCpa("cpaStubEBF.rm.http.unsigned.xml");
  xml = Replace(xml, "tns:value=\"agreed\"", "tns:value=\"proposed\"");
  xml = Replace(xml, "<tns:MessageOrderSemantics>NotGuaranteed",
                "<tns:MessageOrderSemantics>Guaranteed");
  Result<Cpa> r = ParseCpa(xml);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->status, CpaStatus::kProposed);
  const std::vector<ProfileProblem> problems = DigikoppelingProblems(*r);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0], (ProfileProblem{"CPA", "CPA Status is proposed"}));
  EXPECT_EQ(problems[1], (ProfileProblem{"DIGIPOORT_ReliableMessaging",
                                         "MessageOrderSemantics Guaranteed is not supported"}));
  const Status valid = CheckValidAt(*r, At("2025-01-01T00:00:00Z"));
  ASSERT_FALSE(valid.ok());
  EXPECT_EQ(valid.error().code, "Inconsistent");
  EXPECT_EQ(valid.error().location, "//Header/MessageHeader/@cpaid");
}

TEST(CpaTest, TimeToLiveSaturates) {
  const Instant t = At("2025-03-03T09:15:00Z");
  EXPECT_EQ(TimeToLive(t, 5, minutes(5)), At("2025-03-03T09:45:00Z"));
  EXPECT_EQ(TimeToLive(t, 0, minutes(5)), At("2025-03-03T09:20:00Z"));
  EXPECT_EQ(TimeToLive(t, -3, minutes(5)), At("2025-03-03T09:20:00Z"));
  EXPECT_EQ(TimeToLive(t, std::numeric_limits<int64_t>::max(), minutes(5)), Instant::max());
  EXPECT_EQ(TimeToLive(t, 1'000'000'000'000, std::chrono::hours(24 * 365)), Instant::max());
  EXPECT_EQ(TimeToLive(t, std::numeric_limits<int64_t>::max(), milliseconds(0)), t);
}

TEST(CpaTest, ValidityWindow) {
  const Cpa cpa = Load("cpaStubEBF.rm.http.unsigned.xml");
  EXPECT_TRUE(CheckValidAt(cpa, At("2011-01-01T00:00:00Z")).ok());
  EXPECT_TRUE(CheckValidAt(cpa, At("2031-01-01T00:00:00Z")).ok());
  EXPECT_FALSE(CheckValidAt(cpa, At("2010-12-31T23:59:59.999Z")).ok());
  EXPECT_FALSE(CheckValidAt(cpa, At("2031-01-01T00:00:00.001Z")).ok());
}

TEST(CpaTest, OverrideMshActionBindingWins) {
  std::string xml = ReadCpa("cpaStubEBF.rm.http.unsigned.xml");
  // OVERHEID sends its acknowledgments over its RM channel instead of the default BE channel.
  xml = Replace(xml, "\t</tns:PartyInfo>\n\t<tns:SimplePart",
                "\t<tns:OverrideMshActionBinding tns:action=\"Acknowledgment\" "
                "tns:channelId=\"OVERHEID_defaultDeliveryChannel_ProfileReliableMessaging\"/>\n"
                "\t</tns:PartyInfo>\n\t<tns:SimplePart");
  Result<Cpa> r = ParseCpa(xml);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const PartyInfo* overheid = FindParty(*r, kOverheid);
  ASSERT_NE(overheid, nullptr);
  ASSERT_EQ(overheid->override_msh_action_bindings.size(), 1u);
  EXPECT_EQ(DefaultMshChannel(*r, *overheid, "Acknowledgment")->channel_id,
            "OVERHEID_defaultDeliveryChannel_ProfileReliableMessaging");
  EXPECT_EQ(DefaultMshChannel(*r, *overheid, "MessageError")->channel_id,
            "OVERHEID_defaultDeliveryChannel_ProfileBestEffortSigned");
}

TEST(CpaTest, PartyMatchingFollowsEbmsRules) {
  const Cpa cpa = Load("cpaStubEBF.rm.http.unsigned.xml");
  const std::vector<PartyId> one{kDigipoort};
  const std::vector<PartyId> wrong_type{PartyId{"type", kDigipoort.value}};
  const std::vector<PartyId> no_type{PartyId{std::nullopt, kDigipoort.value}};
  const std::vector<PartyId> mixed{kDigipoort, kOverheid};
  EXPECT_EQ(FindParty(cpa, one), FindParty(cpa, kDigipoort));
  EXPECT_EQ(FindParty(cpa, wrong_type), nullptr);
  EXPECT_EQ(FindParty(cpa, no_type), nullptr);
  EXPECT_EQ(FindParty(cpa, mixed), nullptr);
  EXPECT_EQ(FindParty(cpa, std::span<const PartyId>()), nullptr);
}

TEST(CpaTest, StructuralErrors) {
  const std::string good = ReadCpa("cpaStubEBF.rm.http.unsigned.xml");
  struct Case {
    std::string from, to, location;
  };
  const Case cases[] = {
      {"tns:cpaid=\"cpaStubEBF.rm.http.unsigned\"", "", "/CollaborationProtocolAgreement"},
      {"<tns:Start>2011-01-01T00:00:00Z</tns:Start>", "<tns:Start>yesterday</tns:Start>",
       "/CollaborationProtocolAgreement/Start"},
      {"tns:syncReplyMode=\"none\" tns:ackRequested=\"never\"",
       "tns:syncReplyMode=\"sometimes\" tns:ackRequested=\"never\"",
       "/CollaborationProtocolAgreement/PartyInfo[1]/DeliveryChannel/MessagingCharacteristics"},
      {"<tns:RetryInterval>PT5M</tns:RetryInterval>",
       "<tns:RetryInterval>five minutes</tns:RetryInterval>",
       "/CollaborationProtocolAgreement/PartyInfo[1]/DocExchange/ebXMLSenderBinding/"
       "ReliableMessaging/RetryInterval"},
      // A ChannelId that names no DeliveryChannel.
      {"<tns:ChannelId>DIGIPOORT_defaultDeliveryChannel_ProfileReliableMessaging</tns:ChannelId>",
       "<tns:ChannelId>nowhere</tns:ChannelId>", "/CollaborationProtocolAgreement/PartyInfo"},
  };
  for (const Case& c : cases) {
    Result<Cpa> r = ParseCpa(Replace(good, c.from, c.to));
    ASSERT_FALSE(r.ok()) << c.to;
    EXPECT_EQ(r.error().kind, ErrorKind::kSchema) << c.to;
    EXPECT_EQ(r.error().location, c.location) << c.to << ": " << r.error().ToString();
  }
  Result<Cpa> doctype = ParseCpa("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + good);
  ASSERT_FALSE(doctype.ok());
  EXPECT_EQ(doctype.error().kind, ErrorKind::kForbidden);
  Result<Cpa> other = ParseCpa("<a/>");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().kind, ErrorKind::kSchema);
  Result<Cpa> garbage = ParseCpa("\x01\x02garbage");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().kind, ErrorKind::kMalformed);
  Result<Cpa> huge = ParseCpa(std::string(kMaxCpaBytes + 1, ' '));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().kind, ErrorKind::kLimit);
  // One PartyInfo only.
  const size_t second = good.find("<tns:PartyInfo tns:partyName=\"Overheid\"");
  const size_t end = good.find("<tns:SimplePart");
  std::string one_party = good.substr(0, second) + good.substr(end);
  Result<Cpa> r = ParseCpa(one_party);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "expected two PartyInfo, found 1");
}

}  // namespace
}  // namespace sluis::codecs::cpa
