// docs/ebms2-digikoppeling §7 end to end: every rendered vector in ../shared/ebms/soap/rendered,
// sent by the GGk's certificate to a real sluisd, gets the answer the spec requires, under an
// osb-rm CPA with syncReplyMode none (answers asynchronously, through ebms_outbox) and one with
// mshSignalsOnly (answers in the HTTP response). The vectors are rewritten from the ebms-core
// stub CPA's names (DIGIPOORT -> OVERHEID, afleveren) to the dev CPA's (GGk -> Gemeente,
// ggk_Di01), each with a MessageId of its own.
#include <filesystem>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "sluis/codecs/ebms.h"

#include "test_env.h"
#include "tls_client.h"
#include "transport_env.h"

namespace sluis::testing {
namespace {

namespace ebms = codecs::ebms;

struct Want {
  int http = 0;
  std::string answer;    // "" | Acknowledgment | MessageError | Pong | StatusResponse | Fault
  std::string code;      // MessageError: errorCode
  std::string location;  // MessageError: location
  std::string fault;     // Fault: faultstring
};

Want Sync(std::string answer, std::string code = "", std::string location = "") {
  return {200, std::move(answer), std::move(code), std::move(location), ""};
}
Want Async(std::string answer, std::string code = "", std::string location = "") {
  return {204, std::move(answer), std::move(code), std::move(location), ""};
}
Want Empty500() { return {500, "", "", "", ""}; }

std::map<std::string, Want> Expected(bool none) {
  const std::string h = "//Header/MessageHeader";
  auto err = [&](bool async, std::string code, std::string loc) {
    return async ? Async("MessageError", std::move(code), std::move(loc))
                 : Sync("MessageError", std::move(code), std::move(loc));
  };
  // none: errors found after the sender's channel is known go asynchronously; a SyncReply is
  // Inconsistent there.
  const Want sync_reply = err(true, "Inconsistent", "//Header/SyncReply");
  std::map<std::string, Want> t = {
      {"EbMSPing.xml", none ? Async("Pong") : Sync("Pong")},
      {"EbMSPingXXE.xml", Empty500()},
      {"EbMSMessage.xml", none ? sync_reply : Sync("Acknowledgment")},
      {"EbMSMessageStatus.xml", none ? Async("StatusResponse") : Sync("StatusResponse")},
      {"EbMSMessageWithAttachments.xml", none ? sync_reply : err(false, "MimeProblem", "cid:1")},
      {"EbMSMessageWithAttachments__UnknownCID.xml",
       none ? sync_reply : err(false, "MimeProblem", "cid:cid")},
      {"EbMSMessageInvalidMessageHeaderVersion.xml", err(none, "Inconsistent", h + "/@version")},
      {"EbMSMessage__InvalidCPAId.xml", {500, "Fault", "", "", "CPA cpaId not found!"}},
      {"EbMSMessage__InvalidFromPartyId.xml", err(false, "Inconsistent", h + "/From/PartyId")},
      {"EbMSMessage__InvalidFromPartyType.xml", err(false, "Inconsistent", h + "/From/PartyId")},
      {"EbMSMessageMissingFromPartyId.xml", Empty500()},
      {"EbMSMessage__InvalidFromRole.xml", err(false, "ValueNotRecognized", h + "/Action")},
      {"EbMSMessageMissingFromRole.xml", err(false, "Inconsistent", h + "/From/Role")},
      {"EbMSMessage__InvalidToPartyId.xml", err(none, "Inconsistent", h + "/To/PartyId")},
      {"EbMSMessageInvalidToPartyType.xml", err(none, "Inconsistent", h + "/To/PartyId")},
      {"EbMSMessage__InvalidToRole.xml", err(none, "ValueNotRecognized", h + "/Action")},
      {"EbMSMessage__InvalidService.xml", err(false, "ValueNotRecognized", h + "/Action")},
      {"EbMSMessage__InvalidServiceType.xml", err(false, "ValueNotRecognized", h + "/Action")},
      {"EbMSMessage__InvalidAction.xml", err(false, "ValueNotRecognized", h + "/Action")},
      {"EbMSMessageInvalidRefToMessageId.xml",
       err(none, "ValueNotRecognized", h + "/MessageData/RefToMessageId")},
      {"EbMSMessage__TimeToLiveExpired.xml",
       err(none, "TimeToLiveExpired", h + "/MessageData/TimeToLive")},
      {"EbMSMessageMissingDuplicateElimination.xml",
       err(none, "Inconsistent", h + "/DuplicateElimination")},
      {"EbMSMessageMissingAckRequested.xml", err(none, "Inconsistent", "//Header/AckRequested")},
      {"EbMSMessageInvalidAckRequestedVersion.xml",
       err(none, "Inconsistent", "//Header/AckRequested/@version")},
      {"EbMSMessageNextMshAckRequested.xml",
       err(none, "NotSupported", "//Header/AckRequested/@actor")},
      {"EbMSMessageInvalidAckRequestedActor.xml",
       err(none, "Inconsistent", "//Header/AckRequested/@actor")},
      {"EbMSMessageInvalidAckRequestedSigned.xml",
       err(none, "Inconsistent", "//Header/AckRequested/@signed")},
      {"EbMSMessageMissingSyncReply.xml",
       none ? Async("Acknowledgment") : err(false, "Inconsistent", "//Header/SyncReply")},
      {"EbMSMessageInvalidSyncReplyVersion.xml",
       none ? sync_reply : err(false, "Inconsistent", "//Header/SyncReply/@version")},
      {"EbMSMessageInvalidSyncReplyActor.xml",
       none ? sync_reply : err(false, "Inconsistent", "//Header/SyncReply/@actor")},
      {"EbMSMessageMessageOrder.xml",
       none ? sync_reply : err(false, "NotSupported", "//Header/MessageOrder")},
      {"EbMSMessageMissingManifest.xml", none ? sync_reply : Sync("Acknowledgment")},
      {"EbMSMessageInvalidManifestVersion.xml",
       none ? sync_reply : err(false, "Inconsistent", "//Body/Manifest/@version")},
      {"EbMSMessageMissingReference.xml", Empty500()},
  };
  return t;
}

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// Checks an answer envelope (from the HTTP body or the outbox row) against `want`.
void ExpectAnswer(const std::string& name, const Want& want, const std::string& xml) {
  auto e = ebms::ParseEnvelope(xml);
  ASSERT_TRUE(e.ok()) << name << ": " << xml;
  EXPECT_EQ(e->header.action, want.answer) << name;
  if (want.answer == "MessageError") {
    ASSERT_TRUE(e->error_list.has_value()) << name;
    EXPECT_EQ(e->error_list->errors[0].error_code, want.code) << name;
    EXPECT_EQ(e->error_list->errors[0].location.value_or(""), want.location) << name;
  }
}

class VectorModes : public ::testing::TestWithParam<std::string> {};
INSTANTIATE_TEST_SUITE_P(SyncReply, VectorModes, ::testing::Values("none", "mshSignalsOnly"));

TEST_P(VectorModes, EveryRenderedVectorGetsTheAnswerTheSpecRequires) {
  const bool none = GetParam() == "none";
  // The outbox stays still, so that asynchronous answers can be read from it.
  TransportEnv env({.sync_reply = GetParam(), .outbox = false});
  const std::map<std::string, Want> expected = Expected(none);
  const std::string dir = SharedDir() + "/ebms/soap/rendered";
  std::set<std::string> names;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    if (f.path().extension() == ".xml") names.insert(f.path().filename().string());
  }
  ASSERT_EQ(names.size(), 34u);
  const auto oins = env.oins();
  const std::string pki = TestPkiDir();
  const ClientTls ggk{.ca_file = pki + "/ca-bundle.pem",
                      .cert_file = pki + "/ggk-chain.pem",
                      .key_file = pki + "/ggk.key"};
  int n = 0;
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(expected.count(name));
    const Want& want = expected.at(name);
    std::string soap = ReadFile(dir + "/" + name);
    soap = ReplaceAll(soap, ">cpaStubEBF.rm.http.unsigned.sync<", ">" + env.cpa_id() + "<");
    soap = ReplaceAll(soap, ">00000000000000000000<", ">" + oins.at("GGK_OIN") + "<");
    soap = ReplaceAll(soap, ">00000000000000000001<", ">" + oins.at("SLUIS_OIN") + "<");
    soap = ReplaceAll(soap, ">DIGIPOORT<", ">GGk<");
    soap = ReplaceAll(soap, ">OVERHEID<", ">Gemeente<");
    soap = ReplaceAll(soap, ">osb:afleveren:1.1$1.0<", ">urn:sluis:ggk:berichtenverkeer:1.0<");
    soap = ReplaceAll(soap, ">afleveren<", ">ggk_Di01<");
    const std::string id = "vector-" + std::to_string(++n) + "-" + GetParam() + "@localhost";
    const size_t open = soap.find("<eb:MessageId>");
    if (open != std::string::npos) {
      const size_t start = open + 14;
      soap.replace(start, soap.find('<', start) - start, id);
    }
    const HttpResult r = HttpsRequest(
        env.sluisd().ebms_port(), ggk, "POST", "/ebms", soap,
        {{"Content-Type", "text/xml; charset=UTF-8"}, {"SOAPAction", "\"ebXML\""}}, "localhost");
    ASSERT_TRUE(r.connected) << r.error;
    EXPECT_EQ(r.status, want.http) << r.body;
    if (want.http == 500) {
      if (want.answer == "Fault") {
        auto fault = ebms::ParseSoapFault(r.body);
        ASSERT_TRUE(fault.ok()) << r.body;
        EXPECT_EQ(fault->string, want.fault);
      } else {
        EXPECT_EQ(r.body, "");
      }
      continue;
    }
    if (want.http == 200) {
      ExpectAnswer(name, want, r.body);
      EXPECT_EQ(env.schema().Query("SELECT count(*) FROM ebms_outbox WHERE ref_to_message_id = '" +
                                   id + "'"),
                "0");
      continue;
    }
    // Asynchronous: the answer waits in the outbox, addressed to the GGk's MSH endpoint.
    EXPECT_EQ(r.body, "");
    const std::string row = env.schema().Query(
        "SELECT convert_from(body, 'UTF8') FROM ebms_outbox WHERE ref_to_message_id = '" + id +
        "'");
    ExpectAnswer(name, want, row);
    EXPECT_EQ(env.schema().Query("SELECT endpoint FROM ebms_outbox WHERE ref_to_message_id = '" +
                                 id + "'"),
              env.sim().url());
  }
  // Everything that was read is stored: accepted and answered in ebms_received, refused in
  // ebms_refused.
  EXPECT_EQ(env.schema().Query("SELECT (SELECT count(*) FROM ebms_received) + (SELECT count(*) "
                               "FROM ebms_refused)"),
            "34");
}

}  // namespace
}  // namespace sluis::testing
