// Paying declaraties (workflow/README.md, "Payment"). After its 325 a declaratie is made
// payable, paid in a batch per gemeente with one transfer per AGB (credits netted), and, when
// paid after its due date (BW 6:119b: receipt + the aanbieder's betaaltermijn, 30 days unless
// the contract agrees up to 60), it carries an exposure: wettelijke handelsrente (art. 6:119a
// BW) plus the fixed EUR 40 compensation (art. 6:96 lid 4 BW). Pure: dates are parameters,
// the rate table is a value (the database keeps the configured one, table handelsrente).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/codecs/date.h"
#include "sluis/codecs/result.h"
#include "sluis/codecs/types.h"

namespace sluis::workflow {

using codecs::Cents;
using codecs::Date;

// ---- Wettelijke handelsrente -------------------------------------------------------------

// One row of the rate table: from `ingangsdatum` on (until the next row) the rate is
// `honderdste_procent` hundredths of a percent a year: 1015 = 10,15%.
struct Handelsrente {
  Date ingangsdatum;
  int32_t honderdste_procent = 0;
  bool operator==(const Handelsrente&) const = default;
};
// Strictly ascending by ingangsdatum. The last row holds until a newer row is added.
using RenteTabel = std::vector<Handelsrente>;

// The rates Sluis ships (2020 onward; sources and unconfirmed rows in workflow/README.md).
// Migration 0013 loads the same rows into table handelsrente; ops/handelsrente.csv has them
// as CSV. A gemeente replaces them with `sluis betaal handelsrente FILE`.
const RenteTabel& StandaardHandelsrente();

// Reads "ingangsdatum,percentage" lines ("2025-07-01,10.15"): an optional header line, blank
// lines and '#' comments are skipped; percentage 0..99.99 with at most two decimals (a dot).
// Errors name the line (code "CSV", location "line N"); dates must be strictly ascending.
codecs::Result<RenteTabel> ParseHandelsrenteCsv(std::string_view csv);
// The same format, with a header line; ParseHandelsrenteCsv reads it back unchanged.
std::string HandelsrenteCsv(const RenteTabel& tabel);
// "10.15" for 1015.
std::string FormatPercentage(int32_t honderdste_procent);
// "10.15", "8", "8.5" -> hundredths; nullopt unless 0 <= value < 100 with <= 2 decimals.
std::optional<int32_t> ParsePercentage(std::string_view text);

// The rate in force on d, or nullopt before the table's first row.
std::optional<int32_t> RentevoetOp(const RenteTabel& tabel, Date d);

// The rate is set per 1 January and 1 July (art. 6:120 lid 2 BW): the latest of those dates on
// or before d, the ingangsdatum of the rate in force on d.
Date RenteHalfjaar(Date d);
// RenteHalfjaar(vandaag) when the table has no row for it (the last row then goes on counting
// at an old rate), else nullopt.
std::optional<Date> OntbrekendeRentevoet(const RenteTabel& tabel, Date vandaag);

// ---- Exposure when paying late -----------------------------------------------------------

struct TeLaatBeleid {
  // Art. 6:96 lid 4 BW (Richtlijn 2011/7/EU art. 6): "ten minste een bedrag van 40 euro",
  // owed without a reminder from the day after the last day of payment, per late-paid
  // invoice (here: per declaratie). Actual collection costs can be claimed above it.
  Cents vaste_vergoeding{4000};
};

struct Blootstelling {
  int32_t dagen_te_laat = 0;  // betaaldatum - betalen_uiterlijk; 0 when on time
  Cents rente;                // wettelijke handelsrente, whole cents
  Cents vergoeding;           // the fixed compensation, when late
  // Some late days fall before the table's first row: they were counted at 0%.
  bool rente_onvolledig = false;
  Cents totaal() const { return rente + vergoeding; }
  bool operator==(const Blootstelling&) const = default;
};

// What paying `bedrag` on `betaaldatum` costs beyond the bedrag when it was due on
// `betalen_uiterlijk` (inclusive). Formula (also in workflow/README.md):
//   interest days: every calendar day d with betalen_uiterlijk < d <= betaaldatum (art. 6:119a
//     lid 1: "met ingang van de dag volgend op de ... uiterste dag van betaling tot en met de
//     dag waarop de schuldenaar de geldsom heeft voldaan"; paid = credited, art. 6:114 lid 2);
//   interest years: from the first interest day, each 12 months long; within one year
//     rente_jaar = round_half_up( sum over days d of hoofdsom * rate(d) / 365 )
//     with rate(d) the table's rate on d (a rate change mid-year splits the sum);
//   after each complete year the year's interest is added to the hoofdsom (art. 6:119a lid 3
//     BW: "Telkens na afloop van een jaar wordt het bedrag ... vermeerderd met de over dat jaar
//     verschuldigde rente");
//   rente = the sum of rente_jaar; vergoeding = vaste_vergoeding when at least one day late.
// A bedrag <= 0 (a credit: the aanbieder owes us) has no exposure.
Blootstelling BerekenBlootstelling(Cents bedrag, Date betalen_uiterlijk, Date betaaldatum,
                                   const RenteTabel& tabel, const TeLaatBeleid& beleid = {});

// ---- Betaalbaar stellen and batches ------------------------------------------------------

// What a judged, answered (325 verzonden) declaratie becomes.
enum class Betaalbaarheid {
  kBetaalbaar,      // toegekend > 0: to pay
  kCredit,          // toegekend < 0: a claim on the aanbieder, netted in a later batch
  kNietsTeBetalen,  // toegekend == 0: nothing to pay (status afgewezen)
};
Betaalbaarheid BepaalBetaalbaarheid(Cents toegekend);

// A betaalbare declaratie as the batch sees it (toegekend may be negative: a credit).
struct BetaalbareDeclaratie {
  int64_t id = 0;
  std::string agb;
  std::string declaratienummer;
  Cents toegekend;
};

// The payee of an AGB (reference table aanbieder).
struct Begunstigde {
  std::string naam;
  std::string iban;
};

// One transfer: the net amount for one AGB and the declaraties it settles.
struct BatchRegel {
  std::string agb;
  std::string naam;
  std::string iban;  // normalised
  Cents bedrag;      // > 0: debits minus credits
  std::vector<int64_t> declaratie_ids;
  std::string omschrijving;  // remittance information, at most 140 characters
};

enum class OverslagReden {
  kGeenAanbieder,      // AGB not in the aanbieders data
  kGeenIban,           // aanbieder without IBAN
  kOngeldigeIban,      // IBAN that is not a valid SEPA IBAN
  kNettoNietPositief,  // credits outweigh debits: carried forward, never a transfer <= 0
};
const char* OverslagRedenText(OverslagReden r);  // Dutch, for people

struct OvergeslagenAgb {
  std::string agb;
  OverslagReden reden = OverslagReden::kGeenAanbieder;
  Cents netto;  // the sum that stays open
  int aantal = 0;
};

struct BatchVoorstel {
  std::vector<BatchRegel> regels;  // by AGB
  std::vector<OvergeslagenAgb> overgeslagen;
  Cents totaal;
};

// Groups the betaalbare declaraties per AGB and nets debits against credits. An AGB with a
// positive net sum and a valid IBAN gets one transfer settling all its declaraties; any other
// AGB is reported and all its declaraties stay betaalbaar for a later batch.
BatchVoorstel StelBatchSamen(const std::vector<BetaalbareDeclaratie>& declaraties,
                             const std::map<std::string, Begunstigde>& aanbieders);

// The remittance text of a transfer: "Declaraties D1 D2 verrekend C1", numbers in the order
// given; when they do not all fit in 140 characters, as many as fit and "(+N)".
std::string BetaalOmschrijving(const std::vector<std::string>& debet_nummers,
                               const std::vector<std::string>& credit_nummers);

}  // namespace sluis::workflow
