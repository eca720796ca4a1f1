// The regie flows (istandaarden-spec §3.2–§3.5, §6.4, §7): judging a received 305 Start, 307
// Stop, 315 Verzoek om toewijzing and 317 Verzoek om wijziging at level 3, building their retour
// (306/308/316/318, IV028/OP065), and the checks on the decision the gemeente sends afterwards
// (a 301 with ReferentieAanbieder, TR379; or a 319, TR355/TR359/TR360/TR365).
//
// Pure: the database gathers the facts (RegieFeiten, VerzoekFeiten), the Beoordeel* functions
// judge, MaakRetour writes the answer. Every rule is one named function in namespace `regel`
// that returns true when the rule is broken; the caller attaches the retourcode.
//
// IV032: for 301/305/307/315/317/319 any level-3 fault rejects the whole message; the retour
// lists the client with every class (0200 when fine, the rule's code when not, 0233 below a
// rejected class). Levels 1 and 2 come first (codecs).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sluis/codecs/answer.h"
#include "sluis/codecs/payload.h"
#include "sluis/workflow/declaratie.h"

namespace sluis::workflow {

// --- 305 / 307 ---

// A start the aanbieder sent earlier (accepted, not deleted). Key: Bsn, ToewijzingNummer,
// Begindatum (TR074, TR382).
struct RegieStart {
  int64_t nummer = 0;
  Date begindatum;
  bool operator==(const RegieStart&) const = default;
};

// A stop the aanbieder sent earlier (accepted, not deleted).
struct RegieStop {
  int64_t nummer = 0;
  Date begindatum;
  std::string reden_beeindiging;  // 20 = tijdelijke beeindiging
  Date einddatum;
  bool operator==(const RegieStop&) const = default;
};

// Everything a 305 or 307 is judged against.
struct RegieFeiten {
  bool identificatie_eerder_gebruikt = false;  // TR056 (9056)
  bool gemeente_bekend = true;                 // TR378 (S300)
  // Current versions (IV013) of the toewijzingen the message refers to, by ToewijzingNummer.
  std::map<int64_t, ToewijzingFeit> toewijzingen;
  std::vector<RegieStart> starts;  // on those toewijzingen
  std::vector<RegieStop> stops;
};

// The judgement of a regie message. `producten` holds one entry per product in document order
// (StartProduct, StopProduct, AangevraagdProduct; for a 317: OngewijzigdProduct, then
// TeWijzigenProduct, then NieuwProduct).
struct RegieOordeel {
  codecs::RetourCodes header_codes;   // 9056, 8848, S300: header-only retour
  codecs::RetourCodes client_codes;   // 9374 on a 315's Client
  codecs::RetourCodes verzoek_codes;  // 317: 9347, 9349, 9374 on Verzoek
  std::vector<codecs::RetourCodes> producten;

  // Any fault: the whole message is rejected (IV032).
  bool Afgekeurd() const;
  // Every code, for summaries ("9019 9074").
  std::string Codes() const;
};

namespace regel {
// Header (every regie message).
bool TR056_IdentificatieNietUniek(bool eerder_gebruikt);                  // 9056
bool TR135_DagtekeningInToekomst(const codecs::Header& h, Date vandaag);  // 8848
bool TR378_GemeenteOnbekend(bool gemeente_bekend);                        // S300
// 305/307: the product must name a toewijzing of this client at this aanbieder.
bool TR019_GeenToewijzing(const std::optional<ToewijzingNummer>& nummer, const Bsn& bsn,
                          const AgbCode& agb, const RegieFeiten& f);  // 9019
// 305
bool TR063_StartNietTeVerwijderen(const codecs::StartProduct& p, const RegieFeiten& f);  // 9063
bool TR071_StartAlGestopt(const codecs::StartProduct& p, const RegieFeiten& f);          // 9071
bool TR074_StartAlOntvangen(const codecs::StartProduct& p, const RegieFeiten& f);        // 9074
bool TR326_StartNogActueel(const codecs::StartProduct& p, const RegieFeiten& f);         // 9326
// 307
bool TR063_StopNietTeVerwijderen(const codecs::StopProduct& p, const RegieFeiten& f);  // 9063
bool TR074_StopAlOntvangen(const codecs::StopProduct& p, const RegieFeiten& f);        // 9074
bool TR382_GeenStartMetSleutel(const codecs::StopProduct& p, const RegieFeiten& f);    // 9069
bool TR413_TweedeTijdelijkeStop(const codecs::StopProduct& p, const RegieFeiten& f);   // 9413
bool TR414_EinddatumVoorEerdereStop(const codecs::StopProduct& p,
                                    const RegieFeiten& f);                           // 9414
bool TR415_AlDefinitiefGestopt(const codecs::StopProduct& p, const RegieFeiten& f);  // 9415
}  // namespace regel

// Judges a 305 / 307 that passed levels 1 and 2. `vandaag`: the Dutch date of receipt.
// Products are judged in order, each against the stored facts plus the products before it.
RegieOordeel BeoordeelStart(const codecs::Bericht305& b, const RegieFeiten& f, Date vandaag);
RegieOordeel BeoordeelStop(const codecs::Bericht307& b, const RegieFeiten& f, Date vandaag);

// --- 315 / 317 ---

// A toewijzing is actueel on `peildatum` when it is not removed (RedenWijziging 13) and has no
// Einddatum before that day (TR349–TR351).
bool IsActueel(const ToewijzingFeit& t, Date peildatum);

// Everything a 315 or 317 is judged against.
struct VerzoekFeiten {
  bool identificatie_eerder_gebruikt = false;  // TR056
  bool gemeente_bekend = true;                 // TR378
  // ReferentieAanbieder values of earlier accepted verzoeken of this aanbieder in this domein.
  std::set<std::string> gebruikte_referenties;  // TR347
  bool verzoek_onderhanden = false;  // TR374: a pending verzoek for this client at this aanbieder
  // Every current version of a toewijzing of this client at this aanbieder (317).
  std::vector<ToewijzingFeit> toewijzingen;
  // TR304 (317): the ToewijzingNummers the message names that belong to a toewijzing of this
  // aanbieder (same gemeente and domein) for another client.
  std::set<int64_t> nummers_andere_client;
};

// A product period as a 317 asks it, for the overlap rule (TR361).
struct GevraagdePeriode {
  std::optional<codecs::Product> product;
  Date begin;
  std::optional<Date> eind;
};

namespace regel {
bool TR347_ReferentieNietUniek(const std::string& referentie, const VerzoekFeiten& f);  // 9347
bool TR374_VerzoekOnderhanden(const VerzoekFeiten& f);                                  // 9374
// 317, Client: an OngewijzigdProduct or TeWijzigenProduct names a toewijzing of another client
// (TR304: the Bsn must be the client's of the toewijzing).
bool TR304_AndereClient(const codecs::Verzoek& v, const VerzoekFeiten& f);  // 8187
// 317, Verzoek: not every actueel toewijzing appears as Ongewijzigd or TeWijzigen.
bool TR349_NietAlleActueleProducten(const codecs::Verzoek& v, const VerzoekFeiten& f,
                                    Date peildatum);  // 9349
bool TR350_OngewijzigdNietActueel(const codecs::OngewijzigdProduct& p, const VerzoekFeiten& f,
                                  Date peildatum);  // 9350
bool TR351_TeWijzigenNietActueel(const codecs::TeWijzigenProduct& p, const VerzoekFeiten& f,
                                 Date peildatum);  // 9351
bool TR357_IngangsdatumInVerleden(const codecs::TeWijzigenProduct& p, const ToewijzingFeit& t,
                                  Date dagtekening);  // 9357
// TR361: two requested periods of the same product overlap (categories 11–14 may).
bool TR361_Overlapt(const GevraagdePeriode& a, const GevraagdePeriode& b);  // 9361
bool TR373_BudgetNietVanafIngang(const codecs::TeWijzigenProduct& p,
                                 const ToewijzingFeit& t);                                  // 9373
bool TR375_OmvangBijGeneriek(const codecs::TeWijzigenProduct& p, const ToewijzingFeit& t);  // 9375
bool TR411_OmvangOntbreekt(const codecs::TeWijzigenProduct& p, const ToewijzingFeit& t);    // 9411
bool TR412_OmvangBijAspecifiek(const codecs::TeWijzigenProduct& p,
                               const ToewijzingFeit& t);  // 9412
}  // namespace regel

RegieOordeel BeoordeelVerzoekToewijzing(const codecs::Bericht315& b, const VerzoekFeiten& f,
                                        Date vandaag);
RegieOordeel BeoordeelVerzoekWijziging(const codecs::Bericht317& b, const VerzoekFeiten& f,
                                       Date vandaag);

// The retour on a judged 305/307/315/317 (IV028, OP065): the heenbericht's header copied
// (Afzender and Ontvanger unchanged) with the retour's own identity; header-only with the codes
// for a header fault, header-only without codes when everything is approved; otherwise header
// 0200 and the client with every class: its code, 0200, or 0233 below a rejected class.
// Precondition: `heen` is a 305, 307, 315 or 317 and `o` was made for it.
codecs::Bericht MaakRetour(const codecs::Bericht& heen, const RegieOordeel& o,
                           const codecs::AnswerIdentity& antwoord);

// --- The decision: what we send (TR379, TR355, TR359, TR360, TR365) ---

// Where an earlier verzoek stands, as far as our answers go.
struct VerzoekStand {
  bool toegewezen = false;    // a 301 with this ReferentieAanbieder was sent
  bool afgewezen = false;     // a 319 with VerzoekAntwoord 1 was sent
  bool in_onderzoek = false;  // a 319 with VerzoekAntwoord 2 was sent
};

namespace regel {
// `stand` null: no verzoek with this ReferentieAanbieder was received (and accepted).
bool TR355_AntwoordZonderVerzoek(const VerzoekStand* stand);                     // 9355
bool TR359_AlToegewezen(const VerzoekStand& stand);                              // 9359
bool TR360_TweedeOnderzoek(const VerzoekStand& stand, const std::string& antw);  // 9360
bool TR365_AlAfgewezen(const VerzoekStand& stand);                               // 9365
// A 301 names a ReferentieAanbieder only to honour an open verzoek, the first time.
bool TR379_ReferentieOnterecht(const VerzoekStand* stand);  // 9379
}  // namespace regel

// The rule codes a 319 with this VerzoekAntwoord ("1" afgewezen, "2" in onderzoek) would break;
// empty when it may be sent.
codecs::RetourCodes ControleerAntwoord(const VerzoekStand* stand, const std::string& antwoord);
// The same for honouring the verzoek with a 301 (TR379, TR359).
codecs::RetourCodes ControleerToewijzing(const VerzoekStand* stand);

// A 319 (Antwoordbericht). `reden` only with antwoord "1" (LDT_RedenAfwijzingVerzoek);
// `woonplaatsbeginsel` (iJw, reden 8) names the responsible gemeente.
codecs::Bericht319 MaakBericht319(codecs::Domein domein, const codecs::GemeenteCode& gemeente,
                                  const AgbCode& agb, std::string referentie_aanbieder,
                                  std::string antwoord, std::optional<std::string> reden,
                                  std::optional<codecs::GemeenteCode> woonplaatsbeginsel,
                                  std::string identificatie, Date dagtekening,
                                  codecs::XsdVersie xsd_versie);

}  // namespace sluis::workflow
