// libFuzzer target for ebms::ParseEnvelope, the encoder, the signal builders and
// ValidateInbound. Invariants checked: every envelope that parses is written back to XML that
// parses to the same value, and so are the Acknowledgment and MessageError built for it; the
// validator returns a verdict for any envelope (against a small two-party CPA built in code).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sluis/codecs/cpa.h"
#include "sluis/codecs/ebms.h"
#include "sluis/codecs/ebms_inbound.h"

namespace {

using namespace sluis::codecs;  // NOLINT: fuzz target

// An osb-rm CPA in the shape of the Digikoppeling stubs: A sends "send" to B over a reliable
// channel; both use a best-effort default MSH channel.
cpa::Cpa MakeCpa() {
  cpa::Cpa c;
  c.cpa_id = "fuzz";
  c.status = cpa::CpaStatus::kAgreed;
  c.start = *ParseXsDateTime("2000-01-01T00:00:00Z");
  c.end = *ParseXsDateTime("2100-01-01T00:00:00Z");
  for (const char* name : {"A", "B"}) {
    const std::string n = name;
    cpa::PartyInfo p;
    p.party_name = n;
    p.default_msh_channel_id = n + "_be";
    p.default_msh_package_id = "pkg";
    p.party_ids = {cpa::PartyId{"urn:osb:oin", n == "A" ? "0001" : "0002"}};
    cpa::CollaborationRole role;
    role.role = n;
    role.service = cpa::Service{"urn:osb:services", "svc"};
    cpa::ActionBinding b{n + "_binding", "send", "pkg", {n + "_rm"}, std::nullopt};
    (n == "A" ? role.can_send : role.can_receive).push_back(b);
    p.roles = {role};
    cpa::DeliveryChannel be{n + "_be", n + "_t", n + "_dx_be", {}};
    be.messaging.ack_requested = cpa::PerMessage::kNever;
    be.messaging.duplicate_elimination = cpa::PerMessage::kNever;
    cpa::DeliveryChannel rm{n + "_rm", n + "_t", n + "_dx_rm", {}};
    rm.messaging.ack_requested = cpa::PerMessage::kAlways;
    rm.messaging.ack_signature_requested = cpa::PerMessage::kNever;
    rm.messaging.duplicate_elimination = cpa::PerMessage::kAlways;
    p.delivery_channels = {be, rm};
    cpa::Transport t;
    t.transport_id = n + "_t";
    t.endpoints = {cpa::Endpoint{"https://" + n + ".example/ebms", "allPurpose"}};
    p.transports = {t};
    cpa::EbXmlBinding reliable;
    reliable.reliable_messaging = cpa::ReliableMessaging{5, std::chrono::minutes(5), false};
    p.doc_exchanges = {cpa::DocExchange{n + "_dx_be", cpa::EbXmlBinding{}, cpa::EbXmlBinding{}},
                       cpa::DocExchange{n + "_dx_rm", reliable, reliable}};
    c.parties.push_back(std::move(p));
  }
  return c;
}

void CheckRoundTrip(const ebms::Envelope& e) {
  const Result<ebms::Envelope> back = ebms::ParseEnvelope(ebms::EncodeEnvelope(e));
  if (!back.ok() || !(back.value() == e)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const cpa::Cpa kCpa = MakeCpa();
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const Result<ebms::Envelope> e = ebms::ParseEnvelope(in);
  if (!e.ok()) return 0;
  CheckRoundTrip(e.value());
  const Instant now = *ParseXsDateTime("2026-01-01T00:00:00Z");
  CheckRoundTrip(ebms::MakeAcknowledgment(e.value(), "ack@fuzz", now));
  CheckRoundTrip(ebms::MakeMessageError(
      e.value(), {ebms::MakeEbmsError(ebms::kInconsistent, "//Header", "Wrong value.")},
      "error@fuzz", now));

  ebms::InboundContext ctx;
  ctx.cpa = &kCpa;
  ctx.now = now;
  ctx.mime_content_ids = {"1"};
  ctx.is_known_message_id = [](std::string_view id) { return id.size() % 2 == 0; };
  const ebms::InboundVerdict v = ebms::ValidateInbound(e.value(), ctx);
  if (v.disposition == ebms::Disposition::kMessageError) {
    if (!v.error) __builtin_trap();
    CheckRoundTrip(ebms::MakeMessageError(e.value(), {*v.error}, "verdict@fuzz", now));
  }
  // The same message as if it were written for the built-in CPA.
  ebms::Envelope ours = e.value();
  ours.header.cpa_id = "fuzz";
  (void)ebms::ValidateInbound(ours, ctx).HttpStatus();
  return 0;
}
