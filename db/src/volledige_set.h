// Private to db/: the full-set 301 (OP087) for one client at one aanbieder, queued after any
// change of that client's toewijzingen there (a decision on a 315/317, or the API).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "sluis/codecs/xsd.h"
#include "sluis/workflow/clock.h"
#include "sluis/workflow/toewijzing.h"

#include "outgoing.h"

namespace sluis::db::internal {

struct VolledigeSet {
  Queued queued;              // id 0 and the findings when the 301 did not pass its checks
  std::string identificatie;  // of the 301
  bool client_known = false;  // the client's data came from the client table
};

// Every current toewijzing of the client at the aanbieder valid on or after today, plus every
// one not yet delivered (levering 'te_verzenden') or listed in `nu`, in one 301; only those in
// `nu` keep their ReferentieAanbieder (TR379). The toewijzingen in it become 'verzonden'.
// `fallback` is the client's data when the client table has none (a 315 carries it).
// Precondition: the versions are stored in `tx`.
VolledigeSet QueueVolledigeSet(pqxx::transaction_base& tx, const codecs::SchemaSet& schemas,
                               const codecs::GemeenteCode& gemeente, codecs::Domein domein,
                               const codecs::AgbCode& agb, const codecs::Bsn& bsn,
                               const std::vector<int64_t>& nu,
                               const std::optional<workflow::ClientGegevens>& fallback,
                               workflow::TimePoint now);

}  // namespace sluis::db::internal
