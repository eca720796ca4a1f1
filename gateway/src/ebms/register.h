// The berichtenregister's transport side (pure decisions; db/register.h runs them inside its
// transactions):
//   Unpack: a committed ebms_received business message -> the StUF envelope (Di01/Du01/Fo01) ->
//     level 1 (XSD) and level 2 on the payload -> a `bericht` (queued, with level2_violations),
//     or xsd_rejected with a Fo01 StUF055 packed back to the sender; a received Fo01 is
//     registered and linked to the bericht it is about.
//   Pack: a queued outgoing `bericht` -> StUF Di01 (heenbericht: 301, 319, 325) or Du01 (retour:
//     306, 308, 316, 318, crossRefnummer = the heenbericht's referentienummer) -> ebMS, routed by
//     the CPA, MessageId = <referentienummer>@<our host>.
#pragma once

#include <string>

#include "sluis/codecs/xsd.h"
#include "sluis/db/register.h"

#include "config.h"
#include "ebms/cpa_registry.h"

namespace sluis::gateway {

struct RegisterContext {
  const CpaRegistry* cpas = nullptr;
  const codecs::SchemaSet* schemas = nullptr;
  const GemeenteConfig* gemeente = nullptr;
  codecs::Instant now;
};

db::UnpackOutcome Unpack(const db::ReceivedForUnpack& row, const RegisterContext& ctx);
db::PackOutcome Pack(const db::BerichtForPacking& bericht, const RegisterContext& ctx);

// For metrics: "WMO323", or "Fo01".
std::string BerichtLabel(const db::BerichtInsert& b);

}  // namespace sluis::gateway
