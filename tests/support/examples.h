// Messages and facts built in memory for tests: the worked example of istandaarden-spec §4.2
// (a 323 for January 2026 with two clients on toewijzingen 100234 and 100240 of AGB 42420001,
// gemeente 0363; the second prestatie claims 18 hours where 15 are allowed: 9321).
#pragma once

#include "sluis/codecs/payload.h"

namespace sluis::testing {

codecs::Date D(const char* yyyy_mm_dd);

// One prestatie of 01A03 (huishoudelijke hulp) on a toewijzing, `volume` hours at `tarief`.
codecs::Prestatie MakePrestatie(const char* referentie, int64_t toewijzing, const char* begin,
                                const char* eind, int64_t volume, const char* eenheid = "04",
                                int64_t tarief = 3250);
// A credit of `p` under a new ReferentieNummer, crediting `debit_referentie`.
codecs::Prestatie MakeCredit(codecs::Prestatie p, const char* referentie,
                             const char* debit_referentie);

// The spec's 323; TotaalIngediendBedrag follows the prestaties (Retotal after changing them).
codecs::Bericht323 SpecExample323();
void Retotal(codecs::Bericht323& d);

}  // namespace sluis::testing
