#include "ebms/identity.h"

#include <vector>

namespace sluis::gateway {

namespace cpa = codecs::cpa;

namespace {

constexpr std::string_view kOinType = "urn:osb:oin";

std::vector<const cpa::Certificate*> PartyCertificates(const cpa::Cpa& c,
                                                       const cpa::PartyInfo& party) {
  std::vector<const cpa::Certificate*> out;
  for (const cpa::DeliveryChannel& ch : party.delivery_channels) {
    if (const cpa::Certificate* cert = cpa::ClientCertificate(c, ch)) out.push_back(cert);
  }
  return out;
}

std::string Names(const std::vector<const cpa::Certificate*>& certs) {
  std::string s;
  for (const cpa::Certificate* c : certs) {
    if (s.find(c->cert_id) == std::string::npos) s += (s.empty() ? "" : ", ") + c->cert_id;
  }
  return s.empty() ? "none" : s;
}

}  // namespace

std::string StripOinSuffix(std::string_view id) {
  const size_t us = id.rfind('_');
  if (us == std::string_view::npos || us + 1 == id.size()) return std::string(id);
  for (char c : id.substr(us + 1)) {
    if (c != 'O' && c != 'T' && c != 'A') return std::string(id);
  }
  return std::string(id.substr(0, us));
}

SenderCheck CheckSenderCertificate(const cpa::Cpa& c, const cpa::PartyInfo& us,
                                   const codecs::ebms::MessageHeader& h,
                                   const std::optional<PeerCertificate>& cert) {
  if (!cert) return {false, "no client certificate"};
  const cpa::PartyInfo* from = cpa::FindParty(c, h.from.party_ids);
  if (from == &us) {
    return {false, "From/PartyId is our own party: certificate " + cert->sha256_hex +
                       " (serialNumber " + cert->serial_number + ") may not send as us"};
  }
  const cpa::PartyInfo* claimed = from != nullptr ? from : cpa::OtherParty(c, us);
  if (claimed == nullptr) return {false, "the CPA has no other party"};

  std::vector<const cpa::Certificate*> expected;
  if (from != nullptr) {
    std::optional<std::string_view> role;
    if (h.from.role) role = *h.from.role;
    if (const cpa::DeliveryChannel* ch = cpa::SendChannel(c, *from, role, h.service, h.action)) {
      if (const cpa::Certificate* x = cpa::ClientCertificate(c, *ch)) expected.push_back(x);
    }
  }
  if (expected.empty()) expected = PartyCertificates(c, *claimed);
  bool der_matches = false;
  for (const cpa::Certificate* x : expected) der_matches = der_matches || x->der == cert->der;
  if (!der_matches) {
    return {false, "certificate " + cert->sha256_hex + " (" + cert->subject +
                       ") is not the CPA's client certificate of " + claimed->party_name + " (" +
                       Names(expected) + ")"};
  }

  // The OIN in the certificate must be the PartyId the message claims (or, when the claim names
  // no party, one of the certificate holder's PartyIds).
  if (cert->serial_number.empty()) {
    return {false, "certificate " + cert->sha256_hex + " has no OIN in its subject serialNumber"};
  }
  const std::vector<cpa::PartyId>& ids = from != nullptr ? h.from.party_ids : claimed->party_ids;
  std::string oins;
  for (const cpa::PartyId& id : ids) {
    if (!id.type || *id.type != kOinType) continue;
    if (StripOinSuffix(id.value) == cert->serial_number) return {true, ""};
    oins += (oins.empty() ? "" : ", ") + id.value;
  }
  return {false, "certificate OIN " + cert->serial_number + " does not match From/PartyId " +
                     (oins.empty() ? std::string("(no urn:osb:oin PartyId)") : oins)};
}

}  // namespace sluis::gateway
