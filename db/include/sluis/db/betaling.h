// Paying declaraties (migration 0013; workflow/README.md, "Payment"): making answered
// declaraties payable, payment batches per gemeente with one SEPA transfer per AGB (credits
// netted by workflow::StelBatchSamen), the pain.001 export (validated against its XSD before
// it is stored), marking a batch paid or cancelling it, the rate table for the wettelijke
// handelsrente, and the backlog with each unpaid declaratie's late-payment exposure.
//
// Every call is one transaction on the caller's Connection (one thread). Every change a person
// makes writes audit_log (actor = the person). Domain refusals (unknown batch, wrong status)
// come back as codecs::Status / Result errors; database failures as DbError.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sluis/codecs/date.h"
#include "sluis/codecs/result.h"
#include "sluis/codecs/types.h"
#include "sluis/codecs/xsd.h"
#include "sluis/db/connection.h"
#include "sluis/workflow/betaling.h"
#include "sluis/workflow/clock.h"

namespace sluis::db {

using codecs::Cents;
using codecs::Date;

// The gemeente's own account (configuration [betaling]).
struct Debiteur {
  std::string naam;
  std::string iban;
  std::optional<std::string> bic;  // absent: NOTPROVIDED
};

struct BetaalbaarGesteld {
  int betaalbaar = 0;  // toegekend > 0
  int credits = 0;     // toegekend < 0: betaalbaar, netted in a batch of the same AGB
  int afgewezen = 0;   // toegekend == 0: nothing to pay
  std::vector<int64_t> ids;
};
// Every declaratie of `gemeente` ("" = all) in status verzonden (its 325 went out) becomes
// betaalbaar or afgewezen (workflow::BepaalBetaalbaarheid). Audit "betaling.betaalbaar" when
// anything changed.
BetaalbaarGesteld StelBetaalbaar(Connection& conn, const std::string& gemeente,
                                 const std::string& actor);

struct NieuweBatch {
  std::string gemeente;  // 4 digits
  Date uitvoerdatum;     // ReqdExctnDt: not before the Dutch date of `nu`
  std::string actor;
  workflow::TimePoint nu;  // created_at, and the date in the MsgId
};
struct BatchAangemaakt {
  std::optional<int64_t> batch_id;  // nullopt: no AGB had anything to transfer
  std::string msg_id;
  workflow::BatchVoorstel voorstel;  // transfers and the AGBs skipped, with reasons
};
// Takes every betaalbare declaratie of the gemeente that is in no batch, groups them per AGB
// with the aanbieder's IBAN and nets credits; AGBs without (valid) IBAN or with a net <= 0 are
// reported and stay betaalbaar. Stores batch (status aangemaakt), transfers and the links to
// the declaraties, sets declaratie.betaalbatch_id. Serialised per gemeente. Audit
// "betaalbatch.aangemaakt" (with the skipped AGBs). Errors: bad gemeente, uitvoerdatum in the
// past.
codecs::Result<BatchAangemaakt> MaakBetaalbatch(Connection& conn, const NieuweBatch& batch);

// The batch's pain.001.001.03 file. The first call builds it (CreDtTm = `nu`), validates it
// against the XSD, stores it and moves the batch to geexporteerd (audit
// "betaalbatch.geexporteerd" with the file's SHA-256); later calls return the stored bytes
// unchanged (same MsgId: a bank refuses a file it has seen). Errors: unknown or cancelled
// batch, a debtor the encoder refuses, a file the XSD refuses (nothing is stored then).
codecs::Result<std::string> ExporteerBetaalbatch(Connection& conn, int64_t batch_id,
                                                 const Debiteur& debiteur,
                                                 const codecs::SchemaSet& schemas,
                                                 const std::string& actor, workflow::TimePoint nu);

// The bank executed the batch: geexporteerd -> betaald, its declaraties -> betaald with
// betaald_op = midnight (Dutch) of `betaald_op`, the day the transfers were credited (art.
// 6:114 lid 2 BW). Refused unless geexporteerd, or with a date before the batch was made.
// Audit "betaalbatch.betaald".
codecs::Status MarkeerBetaald(Connection& conn, int64_t batch_id, Date betaald_op,
                              const std::string& actor);

// aangemaakt or geexporteerd -> geannuleerd; its declaraties are betaalbaar again without a
// batch (the links stay, as history). Refused for a paid or already cancelled batch. Audit
// "betaalbatch.geannuleerd" with the reason.
codecs::Status AnnuleerBetaalbatch(Connection& conn, int64_t batch_id, const std::string& actor,
                                   const std::string& reden);

struct BetaalregelInfo {
  std::string agb, naam, iban, end_to_end_id, omschrijving;
  Cents bedrag;
  std::vector<int64_t> declaratie_ids;
};
struct BetaalbatchInfo {
  int64_t id = 0;
  std::string gemeente, msg_id, status, created_by;
  std::string created_at;  // ISO 8601 with offset (PostgreSQL's text), as the lists show it
  Date uitvoerdatum;
  Cents totaal;
  int aantal = 0;  // transfers
  int aantal_declaraties = 0;
  std::optional<Date> betaald_op;
  // Set once exported: who, when, from which account, and the file's size.
  std::optional<std::string> geexporteerd_at, geexporteerd_by, debiteur_naam, debiteur_iban;
  int64_t pain001_bytes = 0;  // 0: no file yet
  // Set once paid or cancelled.
  std::optional<std::string> afgesloten_at, afgesloten_by, annuleer_reden;
  std::vector<BetaalregelInfo> regels;
  // The amounts settled per domein ("wmo", "jeugd": booked on different budgets), credits
  // netted; they add up to totaal.
  std::map<std::string, Cents> per_domein;
};
std::optional<BetaalbatchInfo> LeesBetaalbatch(Connection& conn, int64_t batch_id);

// The stored pain.001 file, byte for byte; nullopt when the batch is unknown or not exported.
// Reading it changes nothing (ExporteerBetaalbatch makes it).
std::optional<std::string> LeesPain001(Connection& conn, int64_t batch_id);

// ---- The rate table -------------------------------------------------------------------------

workflow::RenteTabel LeesHandelsrente(Connection& conn);
// Replaces the whole table (sluis betaal handelsrente FILE). Audit "handelsrente.geladen" with
// the old and new rows; recorded in reference_import (kind handelsrente).
// Refused when the table is empty or not strictly ascending.
codecs::Status LaadHandelsrente(Connection& conn, const workflow::RenteTabel& tabel,
                                const std::string& actor, const std::string& bestand,
                                const std::string& sha256);
// One rate (the web UI's Beheer screen): sets the rate from `ingangsdatum` on (a new row, or a
// new percentage for an existing one), or with nullopt removes that row. Read, changed and
// written in one transaction under the table's lock; audit "handelsrente.gewijzigd" with the
// old and new table. Refused: a percentage outside 0..99.99 (code "handelsrente"), removing a
// row that is not there ("handelsrente.onbekend"), the only row left or any but the newest
// (the older ones are the history lateness was counted with; they can be corrected)
// ("handelsrente").
codecs::Status ZetRentevoet(Connection& conn, codecs::Date ingangsdatum,
                            std::optional<int32_t> honderdste_procent, const std::string& actor);
// Part of sluisd's deadline sweep: while the table lacks the rate of the half year `now` is in
// (workflow::OntbrekendeRentevoet), one open alert says so (kind "handelsrente", warning,
// condition "handelsrente:<ingangsdatum>"; raised once, not counted up every sweep); once the
// rate is there, or a new half year begins, the alert of an older half year closes. Returns the
// missing ingangsdatum.
std::optional<Date> SweepHandelsrente(Connection& conn, workflow::TimePoint now);
inline constexpr const char* kHandelsrenteAlertKind = "handelsrente";

// ---- Backlog and exposure -------------------------------------------------------------------

// An approved declaratie not yet paid (status beoordeeld, verzonden or betaalbaar; toegekend
// not 0). Its exposure is what paying it on `betaaldatum` would cost: the peildatum, or the
// uitvoerdatum of the batch it is in when that is later.
struct OpenDeclaratie {
  int64_t id = 0;
  std::string gemeente, agb, naam, declaratienummer, status;
  Cents toegekend;  // negative: a credit waiting to be netted (no exposure)
  Date ontvangen_op, betalen_uiterlijk, betaaldatum;
  int32_t dagen_tot_uiterlijk = 0;  // from the peildatum; negative: overdue by that many days
  std::optional<int64_t> betaalbatch_id;
  workflow::Blootstelling blootstelling;
};
struct AgbBacklog {
  std::string agb, naam;
  int aantal = 0, te_laat = 0;
  Cents open;    // sum of the positive toegekend amounts
  Cents credit;  // sum of the negative ones (<= 0)
  Cents blootstelling;
  int32_t max_dagen_te_laat = 0;
};
// What a new batch of the gemeente would take now: its 325 went out (verzonden, made payable
// when the batch is made) or already betaalbaar, in no batch.
struct GemeenteBacklog {
  std::string gemeente;
  int klaar = 0;          // declaraties a new batch would take
  Cents klaar_netto;      // their approved amounts, credits netted
  int in_batch = 0;       // in a batch not yet paid
  int wacht_op_325 = 0;   // beoordeeld: their 325 has not gone out yet
  int te_laat = 0;        // of all these, past their payment deadline
  Date eerste_uiterlijk;  // the earliest payment deadline among them
};
struct BetaalBacklog {
  Date peildatum;
  std::vector<OpenDeclaratie> declaraties;    // by betalen_uiterlijk, then id
  std::vector<AgbBacklog> per_agb;            // by AGB
  std::vector<GemeenteBacklog> per_gemeente;  // by gemeentecode
  int aantal = 0, te_laat = 0;
  Cents open, blootstelling;
  bool rente_onvolledig = false;  // some late day had no rate in the table
  // The half year (1 January or 1 July) up to the peildatum whose rate the table lacks
  // (workflow::OntbrekendeRentevoet): the last row goes on counting at an old rate.
  std::optional<Date> rente_ontbreekt;
};
BetaalBacklog LeesBetaalBacklog(Connection& conn, Date peildatum, const std::string& gemeente = "",
                                const workflow::TeLaatBeleid& beleid = {});

}  // namespace sluis::db
