// Builders for the answers whose shape the standard fixes without any judgement: the
// header-only retour (IV028, IV032) and the header-only 325 (IV087). A heenbericht that breaks a
// level-2 rule gets one of these with RetourCode 0001 (and XsltVersie); a header-level rule at
// level 3/4 (9056, 8848, S300) gets one with its own code. Fully approved retours are
// header-only too, without RetourCodes.
#pragma once

#include <optional>
#include <string>

#include "sluis/codecs/payload.h"
#include "sluis/codecs/result.h"

namespace sluis::codecs {

// Who the gemeente is in the answer it makes.
struct AnswerIdentity {
  std::string identificatie;  // IdentificatieRetour, or the 325's BerichtIdentificatie (<= 12)
  Date dagtekening;
  XsdVersie xsd_versie;                    // the answer's own schema versions (IV034)
  std::optional<std::string> xslt_versie;  // with 0001: the rule set's version
};

// A retour's header (IV028): the heenbericht's header copied unchanged (Afzender and Ontvanger
// too), the answer's identity and the given header RetourCodes.
RetourHeader MakeRetourHeader(const Header& heen, const AnswerIdentity& answer,
                              RetourCodes header_codes);

// The retour (302/306/308/316/318/320) of a heenbericht, with the heenbericht's header copied
// unchanged (Afzender and Ontvanger too), the answer's identity, the given header RetourCodes
// (empty: fully approved) and no Client/Antwoord. Error when `heen` has no retour (323, 325,
// or a retour itself).
Result<Bericht> MakeHeaderOnlyRetour(const Bericht& heen, const AnswerIdentity& answer,
                                     RetourCodes header_codes);

// A 325 with only its header: DeclaratieIdentificatie and XsdVersieDeclaratie from the 323
// (TR337, TR371), the gemeente as Afzender, and the given header RetourCodes.
Bericht325 MakeHeaderOnly325(const Bericht323& declaratie, const AnswerIdentity& answer,
                             RetourCodes header_codes);

}  // namespace sluis::codecs
