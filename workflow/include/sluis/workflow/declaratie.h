// Judging a declaratie (323) at levels 3 and 4, and building its 325 (istandaarden-spec §3.6–
// §3.8, §6.1, §6.2, IV087). Pure: the database gathers the facts a 323 needs (DeclaratieFeiten),
// Beoordeel judges, Maak325 writes the answer, Controleer325 checks what we are about to send.
//
// Levels 1 and 2 come first (codecs): an XSD failure gets no 325 (a Fo01 StUF055), a level-2
// failure gets a header-only 325 with 0001 (codecs::MakeHeaderOnly325).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "sluis/codecs/answer.h"
#include "sluis/codecs/payload.h"

namespace sluis::workflow {

using codecs::AgbCode;
using codecs::Bericht323;
using codecs::Bericht325;
using codecs::Bsn;
using codecs::Cents;
using codecs::Date;
using codecs::DebetCredit;
using codecs::GeslotenPeriode;
using codecs::ReferentieNummer;
using codecs::RetourCodes;
using codecs::ToewijzingNummer;

// The current version (IV013) of a toewijzing, as the judge needs it.
struct ToewijzingFeit {
  ToewijzingNummer nummer;
  AgbCode agb;
  Bsn bsn;
  std::optional<codecs::Product> product;
  Date ingangsdatum;
  std::optional<Date> einddatum;
  std::optional<std::string> reden_wijziging;
  std::optional<codecs::Omvang> omvang;
  std::optional<Cents> budget;
};

// A prestatie this aanbieder declared before (in this domein).
struct EerderePrestatie {
  ReferentieNummer referentie_nummer;
  std::optional<ReferentieNummer> vorig_referentie_nummer;
  ToewijzingNummer toewijzing_nummer;
  std::string product_categorie, product_code;
  GeslotenPeriode product_periode;
  int64_t geleverd_volume = 0;
  std::string eenheid;
  Cents bedrag;  // unsigned, as declared
  DebetCredit debet_credit = DebetCredit::kDebet;
  bool goedgekeurd = false;   // approved in its 325
  bool gecrediteerd = false;  // a debit credited by an approved credit
};

// A contract tariff (tarieven.csv) valid from ingangsdatum to einddatum (inclusive, open when
// absent).
struct Tarief {
  std::string categorie, code, eenheid;
  Cents tarief;
  Date ingangsdatum;
  std::optional<Date> einddatum;
};

// Everything a 323 is judged against. The database fills it for one message in a few queries.
struct DeclaratieFeiten {
  bool identificatie_eerder_gebruikt = false;     // TR056: (AGB, domein, 323, Identificatie) seen
  bool gemeente_bekend = true;                    // TR378: Ontvanger in the CBS list on the period
  bool declaratienummer_eerder_gebruikt = false;  // TR333
  std::optional<GeslotenPeriode> vorige_declaratieperiode;  // TR318: the latest accepted one
  // Current versions of every toewijzing the 323 refers to (any AGB: TR338 tells them apart).
  std::map<int64_t, ToewijzingFeit> toewijzingen;
  // Earlier prestaties of this AGB/domein whose ReferentieNummer the 323 uses (TR314) or
  // credits (TR323, TR390), keyed by ReferentieNummer.
  std::unordered_map<std::string, EerderePrestatie> eerdere_prestaties;
  // Earlier credits by the debit they credit (VorigReferentieNummer), for TR390.
  std::set<std::string> eerder_gecrediteerd;
  // Approved, not credited earlier debits on the referenced toewijzingen (TR322, TR369, TR389).
  std::map<int64_t, std::vector<EerderePrestatie>> goedgekeurd_per_toewijzing;
  // Contract tariffs of this AGB in this domein (TR418, TR346, TR341 for aspecifiek/generiek).
  std::vector<Tarief> tarieven;
  // The product code list of this domein: (categorie, code) pairs (TR381).
  std::set<std::pair<std::string, std::string>> productcodes;
};

// The judgement of one prestatie.
struct PrestatieOordeel {
  bool goedgekeurd = false;
  bool beoordeeld = true;  // false when its client was rejected (0233)
  RetourCodes codes;       // empty when approved
};

struct ClientOordeel {
  RetourCodes codes;  // e.g. 8187; empty when the client class is fine
  std::vector<PrestatieOordeel> prestaties;
};

struct Oordeel {
  RetourCodes header_codes;      // 9056, 8848, S300: header-only 325
  RetourCodes declaratie_codes;  // 9333, 8214: nothing granted, no prestaties assessed
  std::vector<ClientOordeel> clienten;
  Cents toegekend;  // signed sum of the approved prestaties
  int goedgekeurd = 0, afgekeurd = 0, niet_beoordeeld = 0;

  bool HeaderAfgekeurd() const { return !header_codes.empty(); }
  bool DeclaratieAfgekeurd() const { return !declaratie_codes.empty(); }
  // Codes of every rejected prestatie, by its ReferentieNummer (for summaries and the UI).
  std::map<std::string, RetourCodes> AfgekeurdPerReferentie(const Bericht323& d) const;
  // Counts a judged prestatie of `ingediend` (signed) in the totals above.
  void Tel(const PrestatieOordeel& po, Cents ingediend);
};

// The choices a gemeente makes where the standard lets it (workflow/README.md, "Choices").
struct Beleid {
  // TR321 toelichting (as summarised in istandaarden-spec §6.2): huishoudelijke hulp (category
  // 01) with a per-week Omvang may declare up to six weeks' volume in one ProductPeriode. Off
  // by default: IV077 and the spec's worked example (§4.2, prestatie 2 gets 9321) count the
  // ISO weeks of the period for every category. TR322 bounds the total either way.
  bool hh_zes_weken_per_periode = false;
};

// Judges a 323 that passed levels 1 and 2. `vandaag` is the Dutch date of receipt (TR135).
// Credits are judged before debits (OP366); a credit is only refused on technical grounds
// (IV085: 8017, 9390, 8021).
Oordeel Beoordeel(const Bericht323& declaratie, const DeclaratieFeiten& feiten, Date vandaag,
                  const Beleid& beleid = {});

// The 325 for a judged 323, in the shape IV087 prescribes: header-only for header codes;
// DeclaratieAntwoord with the code and TotaalToegekend 0 for declaratie codes; otherwise only
// the rejected clients (with their code, or 0200) and prestaties (exact copies with their
// codes, 0233 under a rejected client); 8001 when everything is approved.
Bericht325 Maak325(const Bericht323& declaratie, const Oordeel& oordeel,
                   const codecs::AnswerIdentity& antwoord);

// What we check on every 325 before it leaves (besides its XSD and TR342): TR337
// (DeclaratieIdentificatie), TR371 (XsdVersieDeclaratie), TR376 (DeclaratieNummer), TR366
// (every returned prestatie exists in the 323), TR367 (its values equal the 323's), and the
// totals. Returns the violations as "RULE message" lines; empty when the 325 is right.
std::vector<std::string> Controleer325(const Bericht325& antwoord, const Bericht323& declaratie);

}  // namespace sluis::workflow
