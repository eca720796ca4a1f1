// The transport's pure parts: the dev CPA, the CPA registry, the certificate check, building
// and judging outbound messages, unpack and pack decisions, and the simulator's example traffic.
#include <set>

#include <gtest/gtest.h>

#include "sluis/codecs/cpa.h"
#include "sluis/codecs/ebms_inbound.h"
#include "sluis/codecs/stuf.h"
#include "sluis/codecs/validate.h"
#include "sluis/codecs/xsd.h"

#include "config.h"
#include "ebms/cpa_dev.h"
#include "ebms/cpa_registry.h"
#include "ebms/identity.h"
#include "ebms/outbound.h"
#include "ebms/register.h"
#include "ids.h"
#include "net/tls.h"
#include "test_env.h"
#include "traffic.h"

namespace sluis::gateway {
namespace {

namespace cpa = codecs::cpa;
namespace ebms = codecs::ebms;
using testing::SharedDir;
using testing::TestPkiDir;

const codecs::Instant kNow = *codecs::ParseXsDateTime("2026-03-02T10:00:00Z");

const codecs::SchemaSet& Schemas() {
  static const auto s = std::move(codecs::SchemaSet::Load(SharedDir())).value();
  return *s;
}

std::string Oin(const std::string& key) {
  const std::string env = testing::ReadFile(TestPkiDir() + "/oins.env");
  const size_t at = env.find(key + "=");
  return env.substr(at + key.size() + 1, 20);
}

PeerCertificate Cert(const std::string& name) {
  return *ReadCertificateFile(TestPkiDir() + "/" + name + ".pem");
}

DevCpaOptions DevOptions(const std::string& sync = "none") {
  DevCpaOptions o;
  o.gemeente.party_id = Oin("SLUIS_OIN");
  o.gemeente.endpoint = "https://sluis.example.nl/ebms";
  o.gemeente.certificate_der = Cert("sluisd").der;
  o.ggk.party_id = Oin("GGK_OIN");
  o.ggk.endpoint = "https://ggk.example.nl:8443/ebms";
  o.ggk.certificate_der = Cert("ggk").der;
  o.sync_reply_mode = sync;
  o.retries = 4;
  o.retry_interval = "PT2S";
  o.persist_duration = "PT1M";
  return o;
}

// Both sides of one dev CPA: Sluis' and the GGk simulator's.
struct Sides {
  std::unique_ptr<CpaEntry> sluis, ggk;
};
Sides MakeSides(const std::string& sync = "none") {
  const std::string xml = MakeDevCpa(DevOptions(sync));
  GgkConfig us;
  us.cpa_file = "dev.xml";
  us.party_id = Oin("SLUIS_OIN");
  GgkConfig them = us;
  them.party_id = Oin("GGK_OIN");
  return {MakeCpaEntry(us, *cpa::ParseCpa(xml), OutboxConfig{}),
          MakeCpaEntry(them, *cpa::ParseCpa(xml), OutboxConfig{})};
}

TEST(DevCpaTest, IsXsdValidUsableAndRoutable) {
  for (const std::string sync : {"none", "mshSignalsOnly"}) {
    const std::string xml = MakeDevCpa(DevOptions(sync));
    EXPECT_TRUE(Schemas().Validate(codecs::SchemaKind::kCpa, xml).empty()) << sync;
    auto parsed = cpa::ParseCpa(xml);
    ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
    EXPECT_TRUE(cpa::DigikoppelingProblems(*parsed).empty());
    const Sides s = MakeSides(sync);
    const ActionRoute* di01 = s.sluis->Route("ggk_Di01");
    ASSERT_NE(di01, nullptr);
    EXPECT_EQ(di01->route.endpoint_uri, "https://ggk.example.nl:8443/ebms");
    EXPECT_TRUE(di01->policy.reliable);
    EXPECT_EQ(di01->policy.retries, 4);
    EXPECT_EQ(di01->policy.retry_interval_ms, 2000);
    EXPECT_EQ(di01->policy.persist_ms, 60000);
    EXPECT_EQ(s.sluis->our_host, "sluis.example.nl");
    EXPECT_EQ(s.ggk->our_host, "ggk.example.nl");
    EXPECT_EQ(s.sluis->signal_policy.retries, 4);  // from the business channel: the MSH is BE
    EXPECT_FALSE(s.sluis->signal_policy.reliable);
    EXPECT_EQ(s.sluis->SignalEndpoint(*s.sluis->them, "Acknowledgment"),
              "https://ggk.example.nl:8443/ebms");
  }
  DevCpaOptions bad = DevOptions();
  bad.sync_reply_mode = "signalsAndResponse";
  EXPECT_EQ(ValidateDevCpaOptions(bad),
            "sync reply mode must be none or mshSignalsOnly (Digikoppeling)");
}

TEST(CpaRegistryTest, RefusesWhatItCannotUse) {
  const std::string xml = MakeDevCpa(DevOptions());
  GgkConfig g;
  g.cpa_file = "x.xml";
  g.party_id = "00000000000000000099";
  EXPECT_THROW(MakeCpaEntry(g, *cpa::ParseCpa(xml), OutboxConfig{}), ConfigError);
  g.party_id = Oin("SLUIS_OIN");
  g.action_fo01 = "NoSuchAction";
  try {
    MakeCpaEntry(g, *cpa::ParseCpa(xml), OutboxConfig{});
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot send NoSuchAction"), std::string::npos);
  }
}

ebms::MessageHeader HeaderFromGgk(const Sides& s) {
  auto built = BuildBusinessMessage(*s.ggk, *s.ggk->Route("ggk_Di01"), "<x/>", "m@ggk", "c", kNow);
  return built->envelope.header;
}

TEST(IdentityTest, TheCertificateMustBeTheSendersInTheCpaWithItsOin) {
  const Sides s = MakeSides();
  const ebms::MessageHeader h = HeaderFromGgk(s);
  const cpa::Cpa& c = s.sluis->cpa;
  EXPECT_TRUE(CheckSenderCertificate(c, *s.sluis->us, h, Cert("ggk")).ok);
  SenderCheck none = CheckSenderCertificate(c, *s.sluis->us, h, std::nullopt);
  EXPECT_FALSE(none.ok);
  SenderCheck other = CheckSenderCertificate(c, *s.sluis->us, h, Cert("bad/unknownoin"));
  EXPECT_FALSE(other.ok);
  EXPECT_NE(other.reason.find("is not the CPA's client certificate of GGk (GGk_TlsCert)"),
            std::string::npos)
      << other.reason;
  // Our own certificate (e.g. stolen key) may not send in our name, nor in the GGk's.
  ebms::MessageHeader as_us = h;
  std::swap(as_us.from, as_us.to);
  EXPECT_FALSE(CheckSenderCertificate(c, *s.sluis->us, as_us, Cert("sluisd")).ok);
  EXPECT_FALSE(CheckSenderCertificate(c, *s.sluis->us, h, Cert("sluisd")).ok);
  // The right certificate with another OIN than From/PartyId.
  PeerCertificate wrong_oin = Cert("ggk");
  wrong_oin.serial_number = "00000009999999999000";
  const SenderCheck oin = CheckSenderCertificate(c, *s.sluis->us, h, wrong_oin);
  EXPECT_FALSE(oin.ok);
  EXPECT_EQ(oin.reason,
            "certificate OIN 00000009999999999000 does not match From/PartyId " + Oin("GGK_OIN"));
  // Non-production suffixes are not part of the OIN.
  ebms::MessageHeader suffixed = h;
  EXPECT_EQ(StripOinSuffix(Oin("GGK_OIN") + "_OTA"), Oin("GGK_OIN"));
  EXPECT_EQ(StripOinSuffix("123_X"), "123_X");
  // An unknown From party: the certificate must still be the other party's; the header error
  // is ValidateInbound's.
  suffixed.from.party_ids[0].value = "fromPartyId";
  EXPECT_TRUE(CheckSenderCertificate(c, *s.sluis->us, suffixed, Cert("ggk")).ok);
  EXPECT_FALSE(CheckSenderCertificate(c, *s.sluis->us, suffixed, Cert("bad/unknownoin")).ok);
}

TEST(OutboundTest, ABusinessMessageFromTheCpaIsAcceptedByTheOtherSide) {
  for (const std::string sync : {"none", "mshSignalsOnly"}) {
    const Sides s = MakeSides(sync);
    const ActionRoute& route = *s.sluis->Route("ggk_Du01");
    auto m = BuildBusinessMessage(*s.sluis, route, "<stuf/>", "r1@sluis.example.nl", "conv", kNow);
    ASSERT_TRUE(m.ok()) << m.error().ToString();
    EXPECT_NE(m->content_type.find("multipart/related"), std::string::npos);
    auto in = ebms::DecodeMessage(m->content_type, m->body);
    ASSERT_TRUE(in.ok()) << in.error().ToString();
    EXPECT_TRUE(Schemas()
                    .Validate(codecs::SchemaKind::kEbmsSoap, ebms::EncodeEnvelope(in->envelope))
                    .empty());
    EXPECT_EQ(in->payloads.at(0).body, "<stuf/>");
    EXPECT_EQ(in->envelope.header.action, "ggk_Du01");
    EXPECT_EQ(in->envelope.header.message_data.time_to_live, kNow + std::chrono::seconds(10));
    EXPECT_EQ(in->envelope.sync_reply.has_value(), sync != "none");
    const ebms::InboundVerdict v =
        ebms::ValidateInbound(in->envelope, &s.ggk->cpa, in->ContentIds(), kNow);
    EXPECT_EQ(v.disposition, ebms::Disposition::kAccept) << v.reason;
    EXPECT_TRUE(v.acknowledge);
    EXPECT_EQ(v.sync_reply, sync != "none");
    const db::OutboxMessage row = OutboxRow(*s.sluis, route, *m, kNow);
    EXPECT_EQ(row.message_id, "r1@sluis.example.nl");
    EXPECT_EQ(row.endpoint, "https://ggk.example.nl:8443/ebms");
    EXPECT_EQ(row.max_retries, 4);
    EXPECT_EQ(row.expires_at, kNow + std::chrono::minutes(1));
    EXPECT_TRUE(row.reliable);
  }
}

TEST(OutboundTest, JudgesHttpResultsAsTheProfileSays) {
  const Sides s = MakeSides("mshSignalsOnly");
  db::OutboxItem item;
  item.message_id = "m1@sluis";
  item.reliable = true;
  auto judge = [&](int status, std::string body = "", ClientResult::Error e = {}) {
    ClientResult r;
    r.error = e;
    r.status = status;
    r.body = std::move(body);
    r.content_type = "text/xml; charset=UTF-8";
    return JudgeAttempt(item, r);
  };
  using O = db::AttemptOutcome;
  EXPECT_EQ(judge(204).outcome, O::kAwaitingAck);
  EXPECT_EQ(judge(200).outcome, O::kAwaitingAck);
  EXPECT_EQ(judge(0, "", ClientResult::Error::kConnect).outcome, O::kRetry);
  for (int s5 : {500, 502, 503, 504, 408, 429}) EXPECT_EQ(judge(s5).outcome, O::kRetry) << s5;
  for (int bad : {400, 403, 404, 301, 501, 505, 510}) EXPECT_EQ(judge(bad).outcome, O::kFailed);
  // A synchronous Acknowledgment of our message, or a MessageError.
  auto built =
      BuildBusinessMessage(*s.sluis, *s.sluis->Route("ggk_Di01"), "<x/>", "m1@sluis", "c", kNow);
  const ebms::Envelope& sent = built->envelope;
  EXPECT_EQ(judge(200, ebms::EncodeEnvelope(ebms::MakeAcknowledgment(sent, "a@ggk", kNow))).outcome,
            O::kAcknowledged);
  const AttemptVerdict refused =
      judge(200, ebms::EncodeEnvelope(ebms::MakeMessageError(
                     sent, {ebms::MakeEbmsError("ValueNotRecognized", "//x", "Value not found.")},
                     "e@ggk", kNow)));
  EXPECT_EQ(refused.outcome, O::kFailed);
  EXPECT_EQ(refused.error, "MessageError: ValueNotRecognized //x (Value not found.)");
  item.message_id = "other@sluis";
  EXPECT_EQ(judge(200, ebms::EncodeEnvelope(ebms::MakeAcknowledgment(sent, "a@ggk", kNow))).outcome,
            O::kRetry);
  item.reliable = false;
  EXPECT_EQ(judge(204).outcome, O::kDelivered);
  EXPECT_EQ(judge(500, ebms::EncodeSoapFault({"Client", "CPA x not found!"})).error,
            "HTTP 500: SOAP Fault Client CPA x not found!");
}

// A received ebMS message carrying `item`, as the unpack worker reads it from ebms_received.
db::ReceivedForUnpack Received(const Sides& s, const sim::TrafficItem& item,
                               const std::string& referentienummer) {
  codecs::stuf::Envelope env;
  env.zender = {"65656055", "Zorgsysteem", {}, {}};
  env.ontvanger = {"0363", "Sluis", {}, {}};
  env.referentienummer = referentienummer;
  env.tijdstip_bericht = "20260302100000000";
  env.functie = item.functie;
  env.payload = item.payload;
  auto m = BuildBusinessMessage(*s.ggk, *s.ggk->Route("ggk_Di01"), codecs::stuf::Encode(env),
                                "in-1@ggk", "conv-1", kNow);
  db::ReceivedForUnpack r;
  r.id = 1;
  r.message_id = "in-1@ggk";
  r.conversation_id = "conv-1";
  r.cpa_id = s.sluis->cpa.cpa_id;
  r.content_type = m->content_type;
  r.body = m->body;
  r.received_at = kNow;
  return r;
}

sim::TrafficItem ExampleItem(const std::string& functie, double faults = 0, uint64_t seed = 1) {
  sim::ExampleTrafficOptions o;
  o.shared_dir = SharedDir();
  o.functies = {functie};
  o.fault_share = faults;
  o.seed = seed;
  return *sim::MakeExampleTraffic(o)->Next();
}

TEST(RegisterTest, UnpackRegistersAValidPayloadAndAnswersAnXsdFailureWithStuf055) {
  const Sides s = MakeSides();
  Config cfg;
  GemeenteConfig gemeente;
  gemeente.gemeentecodes = {"0363"};
  // A registry holding Sluis' side of the dev CPA.
  const std::string dir = testing::MakeTempDir("unpack-test");
  testing::WriteFile(dir + "/cpa.xml", MakeDevCpa(DevOptions()));
  cfg.ggk.push_back(s.sluis->config);
  cfg.ggk.back().cpa_file = dir + "/cpa.xml";
  cfg.gemeente = gemeente;
  const auto cpas = CpaRegistry::Load(cfg, &Schemas());
  const RegisterContext ctx{cpas.get(), &Schemas(), &gemeente, kNow};

  const std::string ref = NewUuid();
  db::UnpackOutcome ok = Unpack(Received(s, ExampleItem("WMO305"), ref), ctx);
  EXPECT_EQ(ok.state, "unpacked");
  ASSERT_TRUE(ok.bericht.has_value());
  EXPECT_EQ(ok.bericht->state, "queued");
  EXPECT_EQ(ok.bericht->berichttype, 305);
  EXPECT_EQ(ok.bericht->agb, "65656055");
  EXPECT_EQ(ok.bericht->gemeente, "0363");
  EXPECT_EQ(ok.bericht->stuf_referentienummer, ref);
  EXPECT_FALSE(ok.bericht->xsd_errors.has_value());
  EXPECT_FALSE(ok.reply.has_value());

  db::UnpackOutcome bad = Unpack(Received(s, ExampleItem("WMO305", 1), ref), ctx);
  ASSERT_TRUE(bad.bericht.has_value());
  EXPECT_EQ(bad.bericht->state, "xsd_rejected");
  EXPECT_TRUE(bad.bericht->xsd_errors.has_value());
  ASSERT_TRUE(bad.bericht->error.has_value());
  EXPECT_EQ(bad.bericht->error->rfind("StUF055: ", 0), 0u) << *bad.bericht->error;
  ASSERT_TRUE(bad.reply.has_value());
  EXPECT_EQ(bad.reply->action, "Fo01");
  EXPECT_EQ(bad.reply->endpoint, "https://ggk.example.nl:8443/ebms");
  EXPECT_EQ(bad.reply->conversation_id, "conv-1");
  ASSERT_TRUE(bad.fo01_out.has_value());
  EXPECT_EQ(bad.fo01_out->code, "StUF055");
  EXPECT_EQ(bad.fo01_out->cross_refnummer, ref);
  // The reply is a valid ebMS message with a valid Fo01 inside.
  auto in = ebms::DecodeMessage(bad.reply->content_type, bad.reply->body);
  ASSERT_TRUE(in.ok());
  EXPECT_TRUE(Schemas().Validate(codecs::SchemaKind::kStufGgk, in->payloads[0].body).empty())
      << in->payloads[0].body;

  db::ReceivedForUnpack garbage = Received(s, ExampleItem("WMO305"), ref);
  garbage.body = "not ebMS";
  const db::UnpackOutcome failed = Unpack(garbage, ctx);
  EXPECT_EQ(failed.state, "failed");
  EXPECT_EQ(failed.alerts.size(), 1u);

  // Pack: a 306 answering that 305 goes as Du01 with its referentienummer.
  db::BerichtForPacking b;
  b.id = 9;
  b.domein = "wmo";
  b.berichttype = 306;
  b.gemeente = "0363";
  b.agb = "65656055";
  b.payload = testing::ReadFile(SharedDir() + "/istandaarden/iwmo-3.2/WMO306.xml");
  b.heen_referentienummer = ref;
  b.heen_conversation_id = "conv-1";
  const db::PackOutcome packed = Pack(b, ctx);
  ASSERT_TRUE(packed.packed) << packed.error;
  EXPECT_EQ(packed.stuf_cross_refnummer, ref);
  EXPECT_EQ(packed.outbox->action, "ggk_Du01");
  EXPECT_EQ(packed.outbox->conversation_id, "conv-1");
  EXPECT_EQ(packed.outbox->message_id, packed.stuf_referentienummer + "@sluis.example.nl");
  auto out = ebms::DecodeMessage(packed.outbox->content_type, packed.outbox->body);
  ASSERT_TRUE(out.ok());
  auto stuf = codecs::stuf::Parse(out->payloads[0].body);
  ASSERT_TRUE(stuf.ok());
  const auto& du01 = std::get<codecs::stuf::Envelope>(*stuf);
  EXPECT_EQ(du01.soort, codecs::stuf::Soort::kDu01);
  EXPECT_EQ(du01.functie, "WMO306");
  EXPECT_EQ(du01.zender.organisatie, "0363");
  EXPECT_EQ(du01.ontvanger.applicatie, "GGk");
  EXPECT_TRUE(Schemas().Validate(codecs::SchemaKind::kStufGgk, out->payloads[0].body).empty());
  b.heen_referentienummer.reset();
  EXPECT_FALSE(Pack(b, ctx).packed);
  b.berichttype = 325;
  EXPECT_TRUE(Pack(b, ctx).packed);  // a heenbericht: Di01, no crossRefnummer needed
}

TEST(ExampleTrafficTest, ValidMessagesPassBothLevelsAndFaultsAreWhatTheySay) {
  sim::ExampleTrafficOptions o;
  o.shared_dir = SharedDir();
  o.limit = 30;
  o.fault_share = 0.5;
  o.seed = 7;
  auto source = sim::MakeExampleTraffic(o);
  std::set<std::string> identities;
  int n = 0, xsd = 0, level2 = 0;
  while (auto item = source->Next()) {
    ++n;
    const codecs::ValidationReport r = codecs::ValidateDocument(Schemas(), item->payload);
    bool has_xsd = false, has_level2 = false;
    for (const auto& f : r.findings) (f.level == 1 ? has_xsd : has_level2) = true;
    if (item->fault.empty()) {
      EXPECT_TRUE(r.valid()) << item->functie << ": " << r.findings[0].ToString();
    } else if (item->fault == "xsd") {
      EXPECT_TRUE(has_xsd) << item->functie;
      ++xsd;
    } else {
      EXPECT_FALSE(has_xsd) << item->functie;
      EXPECT_TRUE(has_level2) << item->functie;
      ++level2;
    }
    const size_t at = item->payload.find(":Identificatie>") + 15;
    identities.insert(item->payload.substr(at, item->payload.find('<', at) - at));
  }
  EXPECT_EQ(n, 30);
  EXPECT_GT(xsd, 0);
  EXPECT_GT(level2, 0);
  EXPECT_EQ(identities.size(), 30u);  // every message has an identity of its own
}

TEST(ConfigTest, GgkConnectionsAndWorkers) {
  const std::string pki = TestPkiDir();
  const std::string dir = testing::MakeTempDir("cfg");
  testing::WriteFile(dir + "/cpa.xml", "x");
  const std::string base = "shared_dir = \"" + SharedDir() + "\"\n[tls]\ncert_file = \"" + pki +
                           "/sluisd-chain.pem\"\nkey_file = \"" + pki +
                           "/sluisd.key\"\nca_file = \"" + pki +
                           "/ca-bundle.pem\"\n[database]\nurl = \"postgresql://s@h/db\"\n";
  const Config c = ParseConfig(base +
                                   "[gemeente]\ngemeentecodes = [\"0363\"]\n"
                                   "[[ggk]]\ncpa_file = \"cpa.xml\"\nparty_id = \"1\"\n"
                                   "[outbox]\nmax_in_flight = 8\n[unpack]\nbatch = 10\n",
                               dir);
  ASSERT_EQ(c.ggk.size(), 1u);
  EXPECT_EQ(c.ggk[0].cpa_file, dir + "/cpa.xml");
  EXPECT_EQ(c.ggk[0].action_di01, "ggk_Di01");
  EXPECT_EQ(c.outbox.max_in_flight, 8u);
  EXPECT_EQ(c.outbox.lease_ms, 10'000u + 60'000u + 30'000u);
  EXPECT_EQ(c.unpack.batch, 10u);
  auto error = [&](const std::string& extra) {
    try {
      ParseConfig(base + extra, dir);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(error("[[ggk]]\ncpa_file = \"cpa.xml\"\nparty_id = \"1\"\n"),
            "config: gemeente: gemeentecodes is required when a [[ggk]] connection is configured");
  EXPECT_EQ(error("[gemeente]\ngemeentecodes = [\"363\"]\n"),
            "config: gemeente.gemeentecodes: '363' is not a 4-digit CBS code");
  EXPECT_EQ(error("[gemeente]\ngemeentecodes = [\"0363\"]\n[[ggk]]\ncpa_file = \"cpa.xml\"\n"
                  "party_id = \"1\"\nactoin_di01 = \"x\"\n"),
            "config: unknown key 'ggk[0].actoin_di01' (line 13)");
  EXPECT_EQ(error("[outbox]\nlease_ms = 1000\n"),
            "config: outbox.lease_ms: must be longer than connect_timeout_ms + "
            "request_timeout_ms");
}

}  // namespace
}  // namespace sluis::gateway
