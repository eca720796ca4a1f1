// Does the TLS client certificate belong to the party the message says it comes from?
// (ebms2-digikoppeling §4.7; the issue: compare with the CPA's certificate and the OIN in the
// subject serialNumber with From/PartyId.) Pure: no I/O.
//
// The certificate must be, byte for byte, the ClientCertificateRef of the sender's channel in
// the CPA (or of one of the sending party's transports when the channel cannot be found from
// the header), and its subject serialNumber (the OIN) must equal one of the From PartyIds of type
// urn:osb:oin after removing the non-production suffixes _O, _T, _A. When From names no party of
// the CPA at all, the certificate must be the other party's (never ours), and the header error
// (Inconsistent From/PartyId) is left to ValidateInbound.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sluis/codecs/cpa.h"
#include "sluis/codecs/ebms.h"

#include "net/http_types.h"

namespace sluis::gateway {

struct SenderCheck {
  bool ok = false;
  std::string reason;  // why not, for the log (never sent to the peer)
};

SenderCheck CheckSenderCertificate(const codecs::cpa::Cpa& cpa, const codecs::cpa::PartyInfo& us,
                                   const codecs::ebms::MessageHeader& header,
                                   const std::optional<PeerCertificate>& certificate);

// "00000001003214345000_OTA" -> "00000001003214345000" (BP EB004: suffixes _O, _T, _A).
std::string StripOinSuffix(std::string_view party_id);

}  // namespace sluis::gateway
