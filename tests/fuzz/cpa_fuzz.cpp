// libFuzzer target for cpa::ParseCpa and the CPA queries. Invariants checked: a parsed CPA has
// two parties, every party's default MSH channel resolves, and every action binding's channel
// resolves (the parser checks the IDREFs the queries follow).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sluis/codecs/cpa.h"

namespace cpa = sluis::codecs::cpa;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const sluis::codecs::Result<cpa::Cpa> r = cpa::ParseCpa(in);
  if (!r.ok()) return 0;
  const cpa::Cpa& c = r.value();
  if (c.parties.size() != 2) __builtin_trap();
  (void)cpa::DigikoppelingProblems(c);
  (void)cpa::CheckValidAt(c, c.start);
  for (const cpa::PartyInfo& p : c.parties) {
    const cpa::DeliveryChannel* msh = cpa::DefaultMshChannel(c, p, "Acknowledgment");
    if (msh == nullptr) __builtin_trap();
    (void)cpa::EndpointUri(c, *msh);
    if (cpa::FindParty(c, p.party_ids.front()) == nullptr) __builtin_trap();
    if (cpa::OtherParty(c, p) == nullptr) __builtin_trap();
    for (const cpa::CollaborationRole& role : p.roles) {
      for (const cpa::ActionBinding& b : role.can_send) {
        const auto send = cpa::FindCanSend(c, p, role.role, role.service, b.action);
        if (!send || send->channel == nullptr) __builtin_trap();
        (void)cpa::TimeToLive(c, *send->channel, c.end);
        (void)cpa::ClientCertificate(c, *send->channel);
        (void)cpa::SenderBinding(c, *send->channel);
        (void)cpa::RouteSend(c, p.party_ids.front(), role.service, b.action);
      }
      for (const cpa::ActionBinding& b : role.can_receive) {
        const auto receive = cpa::FindCanReceive(c, p, role.role, role.service, b.action);
        if (!receive || receive->channel == nullptr) __builtin_trap();
        (void)cpa::ServerCertificate(c, *receive->channel);
        (void)cpa::ReceiverBinding(c, *receive->channel);
      }
    }
  }
  return 0;
}
