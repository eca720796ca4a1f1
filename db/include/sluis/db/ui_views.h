// What the web UI and the JSON API show, read straight from the register, the declaraties and
// the transport tables, as generic tables (named, typed columns) that the API renders as JSON or
// CSV without knowing each screen. And the few actions people take there, each audited in the
// same transaction as the change. BSNs leave here unmasked: masking is the API's job, which
// knows whether the user asked (and audits that).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sluis/codecs/date.h"
#include "sluis/db/connection.h"

namespace sluis::db {

struct Table {
  enum class Kind { kText, kNumber, kBool, kJson };
  std::vector<std::string> columns;
  std::vector<Kind> kinds;
  std::vector<std::vector<std::optional<std::string>>> rows;  // nullopt = SQL NULL
  int64_t total = 0;  // rows matching the filter, before paging
  // Index of a column by name, or -1.
  int Column(const std::string& name) const;
};

struct Paging {
  int64_t limit = 50;  // 1..1000
  int64_t offset = 0;
};

// ---- Werkvoorraad ------------------------------------------------------------------------------
struct DeclaratieFilter {
  std::string status;  // "" = every state; "open" = not betaald/afgewezen
  std::string gemeente, agb, declaratienummer, bsn, toewijzingnummer;
  std::optional<codecs::Date> antwoord_voor;  // antwoord_uiterlijk on or before
  // antwoord_dagen_over / betalen_dagen_over: the days from here to the 325's and the payment's
  // deadline while that is still open (negative: overdue), null once met.
  codecs::Date peildatum;
};
// By antwoord_uiterlijk (the 325's deadline), then id.
Table ListDeclaraties(Connection& conn, const DeclaratieFilter& f, const Paging& p);
// One row (or none): the declaratie with its aanbieder's name and the 323's identity; the
// columns of ListDeclaraties.
Table LoadDeclaratie(Connection& conn, int64_t id, codecs::Date peildatum);
// Its prestaties in message order; retourcodes as JSON arrays.
Table LoadPrestaties(Connection& conn, int64_t declaratie_id);
// Current holds (formele controle rules, review_regel).
Table ListHolds(Connection& conn);
// A hold: declaraties of this aanbieder (and gemeente, "" = any) received from now on are
// judged and then held for the back office's decision. Audited (declaratie.vastgehouden).
int64_t CreateHold(Connection& conn, const std::string& gemeente, const std::string& agb,
                   const std::string& reden, const std::string& actor);
// Ends a hold (actief = false); throws RefusedError when it is not active. Audited.
void EndHold(Connection& conn, int64_t id, const std::string& actor);

// ---- Verzoeken (315/317) ------------------------------------------------------------------------
// The regie work queue (migration 0014) for people; the decisions themselves are in
// sluis/db/verzoeken.h.
struct VerzoekFilter {
  std::string status;  // "" = every state; "open" = open or in_onderzoek (the work queue)
  std::string gemeente, agb, bsn;
  codecs::Date peildatum;  // "dagen_over" counts the days from here to the deadline that applies
};
// The most urgent first: the deadline that applies ("uiterlijk": besluit_uiterlijk while open,
// onderzoek_uiterlijk once in onderzoek; decided verzoeken after the undecided), then id. Each
// row carries "producten": a JSON array of what was asked, read from the stored 315/317
// ({soort: aangevraagd|te_wijzigen|nieuw, categorie, code, toewijzing_nummer, ingangsdatum,
// einddatum, volume, eenheid, frequentie, budget_cent}).
Table ListVerzoeken(Connection& conn, const VerzoekFilter& f, const Paging& p);
// One row (or none), the columns of ListVerzoeken.
Table LoadVerzoekRow(Connection& conn, int64_t id, codecs::Date peildatum);
// What went out on this verzoek and came back: the 316/318 retour, the 301/319 answers (with
// their ebMS outbox state when packed) and the aanbieder's 302/320 on them; oldest first.
Table VerzoekBerichten(Connection& conn, int64_t id);

// ---- Operations --------------------------------------------------------------------------------
// Open declaraties (not betaald/afgewezen) by age in days since receipt on `peildatum` against
// the 30-day payment clock: one row per bucket 0-10, 11-20, 21-25, 26-30, >30 with count and
// amount (toegekend, else ingediend).
Table BacklogAgeing(Connection& conn, codecs::Date peildatum);
// Deadlines met by nothing yet, due within `dagen` days of `peildatum` or overdue, most urgent
// first: the 325 (until acknowledged) and the payment of approved declaraties (until paid);
// column `termijn` says which ('325' | 'betaling').
Table DeadlinesAtRisk(Connection& conn, codecs::Date peildatum, int dagen);
// ebms_outbox rows, newest first; state "" = all, "dead" = dead letters.
Table ListOutbox(Connection& conn, const std::string& state, const Paging& p);
// Payment batches (sluis/db/betaling.h), newest first, without their pain.001 file.
Table ListBetaalbatches(Connection& conn, const Paging& p);
// The declaraties a batch settles, by AGB and declaratienummer: what each transfer pays, with
// the domein (wmo/jeugd: booked on different budgets), the period and the amount netted (a
// credit negative). Kept for a cancelled batch, as history.
Table BetaalbatchDeclaraties(Connection& conn, int64_t batch_id, const Paging& p);
// Counts per (table, state): outgoing berichten and ebms_outbox.
Table QueueCounts(Connection& conn);
Table ListOpenAlerts(Connection& conn);
// Sets acknowledged_by/at; throws RefusedError when the alert is not open or already
// acknowledged. Audited (alert.bevestigd).
void AcknowledgeAlert(Connection& conn, int64_t id, const std::string& actor, codecs::Instant at);
// Closes an open alert by hand, once its cause has been dealt with (an unpack, pack or ebMS
// message error stays open otherwise). Deadline alerts cannot be closed so: they close when the
// deadline is met. Throws RefusedError for those and for an alert that is not open. Audited
// (alert.afgesloten).
void CloseAlert(Connection& conn, int64_t id, const std::string& actor, codecs::Instant at);
// A dead or failed outbox message is tried again: a business message is packed anew (its
// bericht back to 'queued'; the old ebMS message, past its TimeToLive, becomes 'superseded'), a
// signal is reset (pending, attempts 0). Its dead-letter alert is resolved. Audited.
void RetryOutbox(Connection& conn, int64_t id, const std::string& actor, codecs::Instant at);
// Messages per day and direction over the last `dagen` days up to `peildatum`.
Table MessageRates(Connection& conn, codecs::Date peildatum, int dagen);

// ---- Aanbieders --------------------------------------------------------------------------------
// Every aanbieder known from reference data or messages, with message and declaratie counts.
Table ListAanbieders(Connection& conn, const Paging& p);
// Every bericht to or from this AGB, newest first.
Table AanbiederTimeline(Connection& conn, const std::string& agb, const Paging& p);
// Per month (of receipt) and retourcode: rejected prestaties and the share of all prestaties.
Table RejectRates(Connection& conn, const std::string& agb);
// OP271/OP272 per month of receipt: starts (305) and stops (307) and how many arrived within 5
// werkdagen, counted as TijdigheidPerAanbieder (sluis/db/verzoeken.h) counts them; with the
// share on time in percent (null without any).
Table TijdigheidPerMaand(Connection& conn, const std::string& agb);
// Declared per product (categorie/code) and month of the prestatie's period: volume and amount
// (credits subtract) and the approved amount. "stijging" is true when the amount is more than
// kStijgingFactor times the average of the product's previous three months that have any.
inline constexpr double kStijgingFactor = 1.5;
Table VolumePerProduct(Connection& conn, const std::string& agb);
// What is open at this aanbieder: declaraties not paid or refused, verzoeken to decide, and the
// 301/319 we sent that wait for their 302/320 (OP090); one row each with count, amount (where
// it has one) and the oldest.
Table OpenstaandBijAanbieder(Connection& conn, const std::string& agb);
// The aanbieder's reference row (agb, naam, iban, betaaltermijn_dagen); no rows when unknown.
Table AanbiederGegevens(Connection& conn, const std::string& agb);
// The transfers to this AGB, newest batch first: the batch (id, gemeente, status, uitvoerdatum,
// betaald_op), the amount, the number of declaraties it settles, the remittance text and the
// EndToEndId the aanbieder sees on its statement. A cancelled batch's transfer is listed too.
Table BetalingenAanAanbieder(Connection& conn, const std::string& agb, const Paging& p);

// ---- Berichten ---------------------------------------------------------------------------------
// Track & trace: every field "" (or nullopt) means any.
struct BerichtFilter {
  std::string q;          // Identificatie, StUF referentienummer or ebMS MessageId (in or out)
  std::string direction;  // in | out
  std::string state;      // queued, processed, xsd_rejected, failed, packed, acknowledged, ...
  std::optional<int> berichttype;
  std::string agb;
};
// The berichten that match, newest first.
Table FindBerichten(Connection& conn, const BerichtFilter& f, const Paging& p);
// One bericht's register row (no payload) plus the ebMS MessageIds it travelled under.
Table LoadBerichtRow(Connection& conn, int64_t id);
// Berichten linked to this one (the heenbericht it answers, its answers).
Table RelatedBerichten(Connection& conn, int64_t id);
// The StUF Fo01s about this bericht: the StUF055 we sent back for a received one that failed its
// XSD, or one the GGk sent about ours; with the ebMS delivery state of the one we sent.
Table BerichtFo01s(Connection& conn, int64_t id);
std::optional<std::string> LoadBerichtPayload(Connection& conn, int64_t id);

// ---- Beheer ------------------------------------------------------------------------------------
// Newest first; actor/action "" = any.
Table ListAudit(Connection& conn, const std::string& actor, const std::string& action,
                const Paging& p);

}  // namespace sluis::db
