// Private to workflow/: one function per rule of the standard that judges a 323 at level 3 or 4
// (istandaarden-spec §6.2). Each returns true when the rule is broken; the caller attaches the
// retourcode. Kept apart from the orchestration so that each rule reads on its own.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "sluis/workflow/declaratie.h"

namespace sluis::workflow::rules323 {

using codecs::Prestatie;

// --- header (the whole 325 is header-only) ---
bool TR056_IdentificatieNietUniek(const DeclaratieFeiten& f);         // 9056
bool TR135_DagtekeningInToekomst(const Bericht323& d, Date vandaag);  // 8848
bool TR378_GemeenteOnbekend(const DeclaratieFeiten& f);               // S300
// --- declaratie class ---
bool TR333_DeclaratieNummerNietUniek(const DeclaratieFeiten& f);                 // 9333
bool TR318_PeriodeNietNaVorige(const Bericht323& d, const DeclaratieFeiten& f);  // 8214
// --- client class ---
bool TR304_PrestatieVanAndereClient(const Bsn& client, const Prestatie& p, const ToewijzingFeit* t,
                                    const AgbCode& agb);  // 8187
// --- prestatie class ---
bool TR314_ReferentieNummerAlGebruikt(const Prestatie& p, const DeclaratieFeiten& f);  // 8021
bool TR338_GeenToewijzing(const ToewijzingFeit* t, const AgbCode& agb);                // 9338
bool TR384_ToewijzingVerwijderd(const ToewijzingFeit& t);                              // 9384
bool TR339_CategorieWijktAf(const Prestatie& p, const ToewijzingFeit& t);              // 9339
bool TR340_CodeWijktAf(const Prestatie& p, const ToewijzingFeit& t);                   // 9340
bool TR381_CodeHoortNietBijCategorie(const Prestatie& p, const DeclaratieFeiten& f);   // S329
bool TR341_EenheidPastNiet(const Prestatie& p, const ToewijzingFeit& t,
                           const DeclaratieFeiten& f);                          // 9341
bool TR307_BeginVoorIngangsdatum(const Prestatie& p, const ToewijzingFeit& t);  // 9307
bool TR308_EindNaEinddatum(const Prestatie& p, const ToewijzingFeit& t);        // 9308
bool TR387_BeginNietEersteDag(const Prestatie& p, const ToewijzingFeit& t);     // 9387
bool TR388_EindNietLaatsteDag(const Prestatie& p, const ToewijzingFeit& t);     // 9388
bool TR319_BuitenDeclaratiePeriode(const Prestatie& p, const Bericht323& d);    // 9319
bool TR418_TariefWijktAf(const Prestatie& p, const DeclaratieFeiten& f);        // 0611
bool TR346_BedragKloptNiet(const Prestatie& p, const DeclaratieFeiten& f);      // 9346
bool TR321_VolumeBovenToegewezen(const Prestatie& p, const ToewijzingFeit& t,
                                 const Beleid& beleid);  // 9321
// `eerder`: approved volume on the toewijzing so far, in comparison units.
bool TR322_TotaalBovenToegewezen(const Prestatie& p, const ToewijzingFeit& t,
                                 int64_t eerder);  // 9322
// `eerder`: approved amount on the toewijzing so far.
bool TR369_BudgetOverschreden(const Prestatie& p, const ToewijzingFeit& t, Cents eerder);  // 9369
// `nog_open`: approved, not credited debits on the toewijzing.
bool TR389_DebetNietGecrediteerd(const Prestatie& p,
                                 const std::vector<const EerderePrestatie*>& nog_open);  // 9389
// --- credits (IV085: only these technical refusals) ---
bool TR323_CreditZonderGoedgekeurdeDebet(const Prestatie& p, const DeclaratieFeiten& f);  // 8017
bool TR390_AlGecrediteerd(const Prestatie& p, const DeclaratieFeiten& f,
                          const std::set<std::string>& in_dit_bericht);  // 9390

// The contract tariff for a prestatie's product and unit on its period; for minutes on an
// hourly contract, the hourly tariff with `per_uur` set.
struct ContractTarief {
  Cents tarief;
  bool per_uur_voor_minuten = false;
};
std::optional<ContractTarief> FindTarief(const Prestatie& p, const DeclaratieFeiten& f);

}  // namespace sluis::workflow::rules323
