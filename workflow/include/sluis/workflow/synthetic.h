// Synthetic population and messages: the demo data of ./ops/run, the traffic of the GGk
// simulator, the input of the end-to-end tests and of the benchmarks.
//
// Deterministic: everything follows from PopulationOptions::seed (and the seeds of the
// requests) through a PRNG of our own, so the same inputs give byte-identical output on every
// machine and standard library. Pure: no files, clock, sockets or global state; CSVs come back
// as strings and the caller writes them.
//
// Never real personal data: BSNs only from the test range 999900000..999999999 that pass the
// 11-proef, fictitious names and street names, AGB codes 99xxxxxx, IBANs with bank code SLUI.
//
// Everything generated without faults passes level 1 (the XSD) and level 2 (CheckLevel2 is
// empty), for Wmo and Jeugd (tests/workflow/synthetic_test.cpp checks this).
//
// Thread-safety: the functions are reentrant; a Population is immutable after MakePopulation
// and may be shared between threads. An IdGenerator is not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/codecs/answer.h"
#include "sluis/codecs/bericht_type.h"
#include "sluis/codecs/date.h"
#include "sluis/codecs/payload.h"
#include "sluis/codecs/result.h"
#include "sluis/codecs/types.h"

namespace sluis::workflow::synth {

// --- Reference data ---

struct Gemeente {
  codecs::GemeenteCode code;  // CBS gemeentecode, 4 digits
  std::string naam;
  codecs::Date ingangsdatum;
  std::optional<codecs::Date> einddatum;  // set when merged away: after it TR378 gives S300
  int postcode_van = 1000;                // the 4-digit postcode area of its addresses
  int postcode_tot = 9999;
  bool operator==(const Gemeente&) const = default;
};

// The default region: the gastheergemeente Amsterdam (0363) first, five regio gemeenten, and
// Weesp (0457), merged into Amsterdam on 2022-03-24 (einddatum 2022-03-23) and so without
// clients. Long-standing gemeenten carry ingangsdatum 1900-01-01.
std::vector<Gemeente> DefaultGemeenten();

// One code of a product code list (IV075: gemeenten may agree their own list; these are
// realistic, not the national codes). Fixed, independent of the seed.
struct ProductCode {
  codecs::Domein domein = codecs::Domein::kWmo;
  std::string categorie;     // "01".."18" (Wmo), "40".."55" (Jeugd)
  std::string code;          // "01A01": 5 characters, starting with the categorie
  std::string omschrijving;  // Dutch
  std::string eenheid;       // of a specifiek toewijzing and its prestaties (LDT_Eenheid)
  // The unit of the contract tariff: equal to `eenheid`, or "04" (per uur) for a product
  // assigned and declared in minutes (IV081: round_half_up(uurtarief * minuten / 60)).
  std::string tarief_eenheid;
  std::string frequentie;  // of a specifiek toewijzing: 1 dag, 2 week, 4 maand, 6 totaal
  int64_t volume_min = 1;  // typical Volume per frequentie, in steps of volume_stap
  int64_t volume_max = 1;
  int64_t volume_stap = 1;
  int64_t basis_tarief_cent = 0;  // typical tariff per tarief_eenheid (1 for euro products)
  int gewicht = 1;                // relative frequency among toewijzingen
  bool operator==(const ProductCode&) const = default;
};

// The product code list of both domeinen: every Wmo category 01-18 and Jeugd category 40-55,
// some with several codes. Outputgericht units (82, 83) come only with Frequentie 4 or 6, so
// the per-week maximum is always the ISO-week count of IV077 (never its Sunday count).
const std::vector<ProductCode>& ProductCatalog();

struct Aanbieder {
  codecs::AgbCode agb;  // 99xxxxxx, fictitious
  std::string naam;
  std::string iban;  // NL, valid mod-97 check digits, bank code SLUI
  bool wmo = false;  // the domeinen it has a contract in
  bool jeugd = false;
  bool operator==(const Aanbieder&) const = default;
};

// A contract tariff. Every aanbieder contracts whole categories; each contracted code has a
// tariff from 1 January two years before the reference year until 31 December of the reference
// year, and a raised one from 1 January of the next year (open-ended). Euro products (eenheid
// 83) have one open-ended row with tarief 1: the volume is the amount.
struct Tarief {
  codecs::AgbCode agb;
  codecs::Domein domein = codecs::Domein::kWmo;
  std::string categorie;
  std::string code;
  std::string eenheid;  // the tarief_eenheid of the product
  codecs::Cents tarief;
  codecs::Date ingangsdatum;
  std::optional<codecs::Date> einddatum;
  bool operator==(const Tarief&) const = default;
};

// --- The population ---

struct Client {
  codecs::Bsn bsn;  // 9999xxxxx, passes the 11-proef
  codecs::Date geboortedatum;
  std::string geslacht;     // LDT_Geslacht: 1 man, 2 vrouw
  std::string achternaam;   // without voorvoegsel
  std::string voorletters;  // letters only, at most 6
  std::string straatnaam;   // fictitious, at most 24 characters
  int64_t huisnummer = 0;
  std::string postcode;                          // "1011AB"
  std::string plaatsnaam;                        // the gemeente's name
  size_t gemeente = 0;                           // index into Population::gemeenten
  codecs::Domein domein = codecs::Domein::kWmo;  // Jeugd clients are under 18
  std::vector<size_t> toewijzingen;              // indices into Population::toewijzingen
  bool operator==(const Client&) const = default;
};

// The toewijzingsvarianten (istandaarden-spec §5.2).
enum class Variant : unsigned char {
  kPerDag,      // specifiek, Frequentie 1
  kPerWeek,     // specifiek, Frequentie 2, always with an Einddatum (CD076)
  kPerMaand,    // specifiek, Frequentie 4
  kTotaal,      // specifiek, Frequentie 6 (totaal binnen geldigheidsduur), with an Einddatum
  kAspecifiek,  // Product with Categorie only, no Omvang
  kGeneriek,    // Budget only (eurocent), with an Einddatum; the only toewijzing of its 301
};
std::string_view VariantName(Variant v);  // "per_week", "aspecifiek", ...

struct Toewijzing {
  size_t client = 0;     // index into Population::clients
  size_t aanbieder = 0;  // index into Population::aanbieders
  Variant variant = Variant::kPerWeek;
  // Exactly as the gemeente sends it in a 301 (no ReferentieAanbieder, no RetourCodes).
  // ToewijzingNummer is unique in the population, hence per gemeente per domein (TR332).
  codecs::ToegewezenProduct product;
  bool operator==(const Toewijzing&) const = default;
};

// About 9,000 BSNs in the test range pass the 11-proef: the cap on PopulationOptions::clients.
inline constexpr size_t kMaxClients = 9091;
// Every BSN in 999900000..999999999 that passes the 11-proef, ascending (kMaxClients of them).
std::vector<codecs::Bsn> TestBsns();

struct PopulationOptions {
  uint64_t seed = 1;
  // Clients live in the gemeenten valid on the reference date, half of them in the first
  // (the gastheergemeente). Gemeenten merged away stay in the reference data. At most 98
  // (ToewijzingNummers are numbered in a range per gemeente).
  std::vector<Gemeente> gemeenten = DefaultGemeenten();
  size_t aanbieders = 8;  // at least 1; aanbieder 0 contracts in both domeinen
  size_t clients = 200;   // capped at kMaxClients
  // "Today" of the scenario: every Toewijzingsdatum and Geboortedatum lies on or before it.
  // Toewijzingen start up to 14 months before it (a few up to a month after it) and most run
  // on past it; about one in ten ended in the six weeks before it. Use a date from 2022 on.
  codecs::Date reference_date = *codecs::Date::Make(2026, 2, 15);
  double jeugd_share = 0.3;  // 0..1, the share of Jeugd clients
  // Toewijzingen per client, each in its own category (no stacking, TR302). The standard
  // population has 1-3; the benchmarks ask for 5.
  int min_toewijzingen_per_client = 1;
  int max_toewijzingen_per_client = 3;
  bool operator==(const PopulationOptions&) const = default;
};

struct Population {
  PopulationOptions options;  // as used (clients capped)
  std::vector<Gemeente> gemeenten;
  std::vector<Aanbieder> aanbieders;
  std::vector<ProductCode> productcodes;  // ProductCatalog()
  std::vector<Tarief> tarieven;           // sorted by agb, domein, code, eenheid, ingangsdatum
  std::vector<Client> clients;
  std::vector<Toewijzing> toewijzingen;  // grouped by client, in client order

  // The tariff of (agb, domein, code, eenheid) valid on `on`; nullptr when not contracted.
  const Tarief* FindTarief(const codecs::AgbCode& agb, codecs::Domein domein, std::string_view code,
                           std::string_view eenheid, codecs::Date on) const;
  const ProductCode* FindProductCode(codecs::Domein domein, std::string_view code) const;
  std::optional<size_t> FindClient(const codecs::Bsn& bsn) const;
  std::optional<size_t> FindAanbieder(const codecs::AgbCode& agb) const;
  std::optional<size_t> FindGemeente(const codecs::GemeenteCode& code) const;
  std::optional<size_t> FindToewijzing(codecs::ToewijzingNummer nummer) const;
  // The client's toewijzingen with one aanbieder (what its 301 carries), in order.
  std::vector<size_t> ToewijzingenOf(size_t client, size_t aanbieder) const;
  // True when the aanbieder has a contract for the category in the domein.
  bool Contracts(size_t aanbieder, codecs::Domein domein, std::string_view categorie) const;

  bool operator==(const Population&) const = default;
};

Population MakePopulation(const PopulationOptions& options);

// --- Reference data as CSV (RFC 4180 quoting when a field needs it; CRLF line ends; a header
// row; domein "wmo" or "jeugd"; dates YYYY-MM-DD, an empty einddatum is open-ended; money in
// integer eurocent). ---

// gemeentecode,naam,ingangsdatum,einddatum
std::string GemeentenCsv(const Population& p);
// agb,naam,iban
std::string AanbiedersCsv(const Population& p);
// domein,productcategorie,productcode,omschrijving
std::string ProductcodesCsv(const Population& p);
// agb,domein,productcategorie,productcode,eenheid,tarief_cent,ingangsdatum,einddatum
std::string TarievenCsv(const Population& p);
// The clients (clienten.csv): gemeente,domein,bsn,geboortedatum,geslacht,achternaam,
// voorletters,straatnaam,huisnummer,postcode,plaatsnaam.
std::string ClientenCsv(const Population& p);
// The toewijzingen (toewijzingen.csv), one row per ToegewezenProduct (its current version):
// gemeente,domein,toewijzingnummer,agb,bsn,productcategorie,productcode (both empty for
// generiek; productcode empty for aspecifiek),ingangsdatum,einddatum,volume,eenheid,frequentie
// (the Omvang; all three empty without one),budget_cent,toewijzingsdatum,toewijzingstijd,
// reden_wijziging (empty on a first issue).
std::string ToewijzingenCsv(const Population& p);

// --- Identities ---

// Deterministic identifiers for one sender (an aanbieder, or the gemeente). Each stream is a
// counter from `first`; two generators for the same sender must differ in `prefix` (e.g. a run
// number) to keep their identifiers apart. Formats, with prefix "" and counter 7:
//   Identificatie(k323)  "323000000007"  12 characters: unique per berichtsoort (TR056)
//   Referentie()         "R000000000007" at most 16: unique per aanbieder (TR314, OP283)
//   DeclaratieNummer()   "D00000000007"  12, alphanumeric (CS319), unique (TR333)
//   ReferentieAanbieder() "V0000000007"  at most 14 (LDT_Referentie, TR347)
class IdGenerator {
 public:
  // `prefix`: at most 3 letters or digits (anything else is dropped, the rest truncated).
  explicit IdGenerator(std::string_view prefix = "", uint64_t first = 1);

  std::string Identificatie(codecs::BerichtType type);
  codecs::ReferentieNummer Referentie();
  std::string DeclaratieNummer();
  std::string ReferentieAanbieder();

 private:
  std::string prefix_;
  uint64_t identificatie_[14];
  uint64_t referentie_;
  uint64_t declaratie_;
  uint64_t referentie_aanbieder_;
};

// "NL" + check digits + bank + account, check digits per ISO 13616 (mod 97). `bank`: 4
// uppercase letters; `account`: 10 digits.
std::string MakeIban(std::string_view bank, std::string_view account);
bool IbanIsValid(std::string_view iban);  // mod-97 == 1

// --- Messages (the aanbieder's side unless noted). `id` is the message's BerichtIdentificatie
// (Identificatie <= 12, Dagtekening), `xsd` its XsdVersie, e.g. {"1.0.0", "1.0.0"}. ---

// 301 from the gemeente: the full set (OP087) of the client's toewijzingen with this aanbieder.
// The population keeps no history, so every toewijzing counts as new since the previous 301
// and all of them are sent. Error when the pair has no toewijzing. Precondition for level 2:
// id.dagtekening >= every Toewijzingsdatum (they all lie on or before the reference date).
codecs::Result<codecs::Bericht301> MakeToewijzing(const Population& p, size_t client,
                                                  size_t aanbieder,
                                                  const codecs::BerichtIdentificatie& id,
                                                  const codecs::XsdVersie& xsd);

// How an aanbieder rejects a 301 in its 302.
struct Afkeuring {
  // 0001, 8848, 9056, S300: a header-level code, the 302 is header-only. Anything else
  // (9332, 9379, 9385, S329, ...) rejects a ToegewezenProduct: the client is echoed with 0200
  // on every other class (IV028).
  std::string retourcode;
  std::optional<codecs::ToewijzingNummer> toewijzing;  // the rejected one; default the first
};

// 302: header-only approval (no RetourCodes) without `afkeuring`, else the rejection.
codecs::Bericht302 MakeToewijzingRetour(const codecs::Bericht301& heen,
                                        const codecs::AnswerIdentity& retour,
                                        const std::optional<Afkeuring>& afkeuring = {});

struct StartOptions {
  std::optional<codecs::Date> begindatum;  // default: the toewijzing's Ingangsdatum
  bool verwijderen = false;                // StatusAanlevering 3 instead of 1
};
// 305 for one toewijzing. Level 2 needs begindatum <= id.dagtekening (TR134).
codecs::Bericht305 MakeStart(const Population& p, size_t toewijzing,
                             const codecs::BerichtIdentificatie& id, const codecs::XsdVersie& xsd,
                             const StartOptions& options = {});

struct StopOptions {
  std::optional<codecs::Date> begindatum;  // the start's; default the Ingangsdatum
  // Default: the toewijzing's Einddatum when it lies before the Dagtekening, else the
  // Dagtekening (a stop is reported after the fact), never before the begindatum.
  std::optional<codecs::Date> einddatum;
  std::optional<std::string> reden_beeindiging;  // default "19" (Wmo) / "31" (Jeugd): volgens plan
  bool verwijderen = false;                      // StatusAanlevering 3 instead of 1
};
// 307 for one toewijzing. Level 2 needs begindatum <= id.dagtekening and einddatum >= it.
codecs::Bericht307 MakeStop(const Population& p, size_t toewijzing,
                            const codecs::BerichtIdentificatie& id, const codecs::XsdVersie& xsd,
                            const StopOptions& options = {});

struct VerzoekOptions {
  int producten = 1;  // 1 or 2 AangevraagdProducten
  uint64_t seed = 0;
};
// 315: 1-2 specifiek products the aanbieder has a contract for in the client's domein, in
// categories the client has no toewijzing in when possible, starting 1-5 weeks after the
// Dagtekening, each with a ReferentieAanbieder from `ids` and Verwijzer 01 (gemeente). Error
// when the aanbieder has no contract in the client's domein.
codecs::Result<codecs::Bericht315> MakeVerzoekOmToewijzing(
    const Population& p, size_t client, size_t aanbieder, const codecs::BerichtIdentificatie& id,
    const codecs::XsdVersie& xsd, IdGenerator& ids, const VerzoekOptions& options = {});

struct WijzigingOptions {
  bool nieuw_product = false;  // also ask for a NieuwProduct in a category the client lacks
  uint64_t seed = 0;
};
// 317: every current toewijzing of the client with this aanbieder (Einddatum absent or after
// the Dagtekening): one TeWijzigenProduct, the others OngewijzigdProduct. The change keeps the
// Ingangsdatum as GewensteIngangsdatum (TR357, TR373), the Omvang (TR411) and raises a Budget
// by 25%; it extends an Einddatum by three months, or, when open-ended, adds one step of Volume
// (specifiek) or sets an Einddatum in six months (aspecifiek). Error when the pair has no
// current toewijzing.
codecs::Result<codecs::Bericht317> MakeVerzoekOmWijziging(
    const Population& p, size_t client, size_t aanbieder, const codecs::BerichtIdentificatie& id,
    const codecs::XsdVersie& xsd, IdGenerator& ids, const WijzigingOptions& options = {});

// 319 from the gemeente, answering the `product`-th AangevraagdProduct of a 315 or the 317:
// verzoek_antwoord 1 (afgewezen, with reden) or 2 (in onderzoek).
codecs::Bericht319 MakeAntwoord(const codecs::Bericht315& verzoek, size_t product,
                                const codecs::BerichtIdentificatie& id,
                                const codecs::XsdVersie& xsd, std::string_view verzoek_antwoord,
                                std::optional<std::string> reden = {});
codecs::Bericht319 MakeAntwoord(const codecs::Bericht317& verzoek,
                                const codecs::BerichtIdentificatie& id,
                                const codecs::XsdVersie& xsd, std::string_view verzoek_antwoord,
                                std::optional<std::string> reden = {});

// 320 on a 319: header-only approval without `retourcode`; a header-level code (0001, 8848,
// 9056, S300) gives a header-only rejection; any other (9355, 9359, ...) is put on the
// Antwoord with 0200 on the header.
codecs::Bericht320 MakeAntwoordRetour(const codecs::Bericht319& heen,
                                      const codecs::AnswerIdentity& retour,
                                      const std::optional<std::string>& retourcode = {});

// --- The declaratie (323) ---

enum class FaultKind : unsigned char {
  // Prestatie level (level 3/4: the message still passes level 2).
  kVolumeExceeded,       // TR321 9321: GeleverdVolume above IV077's maximum (cat. 01: above 6x)
  kWrongTariff,          // TR418 0611: ProductTarief differs from the contract
  kUnknownToewijzing,    // TR338 9338: ToewijzingNummer never assigned
  kProductCodeMismatch,  // TR340 9340: another code of the same category (contracted)
  kBeforeIngangsdatum,   // TR307 9307: ProductPeriode starts before the Ingangsdatum
  kCreditWithoutDebit,   // TR323 8017: a credit whose VorigReferentieNummer was never declared
  kReferentieReused,     // TR314 8021: a ReferentieNummer from FaultOptions::used_referenties
  // Message level (level 2: the whole message gets 0001).
  kBadBsn,      // CS002: a client's Bsn fails the 11-proef
  kWrongTotal,  // TR358: TotaalIngediendBedrag differs from the sum of the prestaties
};
std::string_view FaultKindName(FaultKind k);  // "volume_exceeded", ...
bool IsMessageLevel(FaultKind k);

struct FaultOptions {
  // The share (0..1) of the generated debit prestaties that get a prestatie-level fault,
  // at least one when > 0; the kinds take turns in the order given. A prestatie gets at most
  // one fault; a kind without a suitable prestatie left is skipped (so fewer may come back).
  // When share > 0 every message-level kind listed is injected once.
  double share = 0;
  std::vector<FaultKind> kinds;
  // ReferentieNummers this aanbieder used before: the source for kReferentieReused.
  std::vector<codecs::ReferentieNummer> used_referenties;
};

struct InjectedFault {
  FaultKind kind = FaultKind::kVolumeExceeded;
  std::string rule;                 // "TR321", ..., "CS002", "TR358"
  std::string expected_retourcode;  // "9321", ..., "0001" for the message-level kinds
  codecs::Bsn bsn;                  // the client (empty for kWrongTotal)
  std::optional<codecs::ReferentieNummer> referentie;  // the prestatie (prestatie level)
  // Where: "/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[1]" (prestatie level),
  // ".../Client[2]/Bsn" (kBadBsn), "/Bericht/Declaratie/TotaalIngediendBedrag" (kWrongTotal):
  // for the level-2 kinds exactly the location CheckLevel2 reports.
  std::string location;
  bool operator==(const InjectedFault&) const = default;
};

// A debit declared before, to be credited.
struct CreditOf {
  codecs::Bsn bsn;
  codecs::Prestatie debet;
};
// The debit prestaties of `earlier` with these ReferentieNummers (every debit when empty).
std::vector<CreditOf> DebitsOf(const codecs::Bericht323& earlier,
                               const std::vector<codecs::ReferentieNummer>& referenties = {});

struct DeclaratieRequest {
  size_t aanbieder = 0;  // indices into the population
  size_t gemeente = 0;
  codecs::Domein domein = codecs::Domein::kWmo;
  codecs::Date maand;  // any day of the month: DeclaratiePeriode is that calendar month
  codecs::BerichtIdentificatie id;  // level 2 needs dagtekening after the month (TR137)
  codecs::XsdVersie xsd;
  std::string declaratie_nummer;  // empty: ids.DeclaratieNummer()
  bool debits = true;             // false: only the credits (a pure credit declaratie)
  // Credited first in the message (OP366), each as a copy of its debit with DebetCredit C,
  // VorigReferentieNummer = its ReferentieNummer and a new ReferentieNummer. Their
  // ProductPeriodes must lie in this month or before (TR319).
  std::vector<CreditOf> credits;
  FaultOptions faults;
  uint64_t seed = 0;  // delivered volumes and fault targets; mixed with the population seed
};

struct GeneratedDeclaratie {
  codecs::Bericht323 bericht;
  std::vector<InjectedFault> faults;  // in the order injected
};

// 323 from one aanbieder to one gemeente for one domein and month: a debit prestatie for every
// toewijzing of the aanbieder with that gemeente and domein that is active in the month
// (except a totaal or generiek one whose share of the month comes to 0), clients in population
// order. Per prestatie:
//   ProductPeriode  the month clipped to Ingangsdatum/Einddatum (TR387, TR388)
//   GeleverdVolume  70-100% of the IV077 maximum: ISO weeks touched x weekly Volume, days x
//                   daily Volume, the monthly Volume (etmalen at most the days); totaal and
//                   Budget spread over the toewijzing's days (TR322, TR369); aspecifiek: as
//                   for the middle of the typical Omvang of the code below
//   ProductCode     the toewijzing's; aspecifiek: the category's first code with Frequentie
//                   1, 2 or 4 (contracts cover whole categories); generiek: the euro product
//                   (10A01 / 50A01)
//   ProductTarief   the contract tariff on the ProductPeriode's Begindatum; minutes on an
//                   hourly tariff: round_half_up(uurtarief / 60), not used in the amount
//   IngediendBedrag volume x tarief (TR346); minutes on an hourly tariff
//                   round_half_up(uurtarief x minuten / 60); euro: the volume (CS339)
// ReferentieNummers come from `ids`; TotaalIngediendBedrag is the signed sum (TR358). Error
// when there is nothing to declare (no active toewijzing and no credit).
codecs::Result<GeneratedDeclaratie> MakeDeclaratie(const Population& p,
                                                   const DeclaratieRequest& request,
                                                   IdGenerator& ids);

}  // namespace sluis::workflow::synth
