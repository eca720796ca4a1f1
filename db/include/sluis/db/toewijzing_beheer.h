// Toewijzingen created or changed by the gemeente through the API (README "Toewijzingen",
// second way in): each item has the fields of a toewijzingen.csv row and is checked exactly as
// such a row is (the same reader, the same references, TR332 and IV013). The versions are
// stored with bron 'api', then for every client and aanbieder touched the full-set 301 (OP087)
// is queued for the outbox. All in one transaction, audited; nothing is stored when any item
// or any 301 is refused.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sluis/codecs/xsd.h"
#include "sluis/db/connection.h"
#include "sluis/db/reference.h"
#include "sluis/workflow/clock.h"

namespace sluis::db {

// toewijzingen.csv column -> value. Defaults: `toewijzingnummer` the next free number of the
// gemeente and domein; `toewijzingsdatum` and `toewijzingstijd` now (Dutch time).
using ToewijzingVelden = std::map<std::string, std::string>;

struct Verstuurd301 {
  int64_t bericht_id = 0;
  std::string identificatie;
  std::string gemeente, domein, agb, bsn;
};

struct ToewijzingenOpgeslagen {
  // Why nothing was stored; `line` is the 1-based number of the item (0: the request).
  std::vector<ImportError> errors;
  std::vector<int64_t> nummers;  // per item, its ToewijzingNummer
  std::vector<Verstuurd301> berichten;
  bool ok() const { return errors.empty(); }
};

ToewijzingenOpgeslagen SaveToewijzingen(Connection& conn, const codecs::SchemaSet& schemas,
                                        const std::vector<ToewijzingVelden>& items,
                                        const std::string& actor, const workflow::Clock& clock);

}  // namespace sluis::db
