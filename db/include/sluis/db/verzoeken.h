// The regie side of the back office (migration 0014): the work queue of verzoeken om
// toewijzing/wijziging (315/317) with their deadlines, the decision on each (a full-set 301 or
// a 319), the OP090 watch on retours we wait for, and the start/stop timeliness figures.
//
// This is the header the HTTP API and the UI call. Every function takes a Connection owned by
// the calling thread (docs/conventions §6), runs in one transaction and throws DbError;
// a decision the data refuses (unknown verzoek, already decided, a rule of the standard that
// what we would send breaks) throws RefusedError with a message for people, and changes
// nothing. Every decision is recorded in audit_log (actor, time, verzoek, before and after).
// Time comes from the caller's Clock.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluis/codecs/bericht_type.h"
#include "sluis/codecs/date.h"
#include "sluis/codecs/payload.h"
#include "sluis/codecs/xsd.h"
#include "sluis/db/connection.h"
#include "sluis/workflow/calendar.h"
#include "sluis/workflow/clock.h"
#include "sluis/workflow/deadlines.h"

namespace sluis::db {

// One verzoek: a requested product of a 315 (each has its own ReferentieAanbieder) or a 317.
struct Verzoek {
  int64_t id = 0;
  int64_t bericht_id = 0;  // the 315/317
  codecs::BerichtType type = codecs::BerichtType::k315;
  int positie = 0;  // AangevraagdProduct in the 315; 0 for a 317
  std::string gemeente;
  codecs::Domein domein = codecs::Domein::kWmo;
  std::string agb, bsn, referentie_aanbieder;
  codecs::Date dagtekening;
  std::string status;                               // open | in_onderzoek | toegewezen | afgewezen
  codecs::Date besluit_uiterlijk;                   // OP274/OP346: 5 werkdagen
  std::optional<codecs::Date> onderzoek_uiterlijk;  // 8 weeks after the dagtekening
  std::optional<std::string> reden_afwijzing;
  std::optional<int64_t> besluit_bericht_id;    // the final 301 or 319
  std::optional<int64_t> onderzoek_bericht_id;  // the 319 "in onderzoek"
  std::optional<std::string> besloten_door;
};

// What was asked: LoadBericht(conn, bericht_id) and codecs::ParseBericht give the 315/317; a
// 315's product is client.aangevraagde_producten[positie], a 317's is client.verzoek.
//
// The work queue: open and in-onderzoek verzoeken, the most urgent first (the deadline that
// applies: besluit_uiterlijk while open, onderzoek_uiterlijk once in onderzoek).
std::vector<Verzoek> Werkvoorraad(Connection& conn);
// Every verzoek, decided or not, in order of receipt (summaries, `sluis replay`).
std::vector<Verzoek> AlleVerzoeken(Connection& conn);
std::optional<Verzoek> LoadVerzoek(Connection& conn, int64_t id);
std::optional<Verzoek> FindVerzoek(Connection& conn, const std::string& gemeente,
                                   codecs::Domein domein, const std::string& agb,
                                   const std::string& referentie_aanbieder);

struct BesluitConfig {
  std::shared_ptr<const codecs::SchemaSet> schemas;  // what we send is XSD- and level-2-checked
  workflow::WorkingDayCalendar calendar;
};

// Overrides for a toewijzing; unset fields take what the aanbieder asked for.
struct ToewijzenOpties {
  std::optional<int64_t> eerste_nummer;  // ToewijzingNummer for new toewijzingen; default:
                                         // the next free one in this gemeente and domein
  std::optional<codecs::Date> einddatum;
  std::optional<codecs::Omvang> omvang;
  std::optional<codecs::Cents> budget;
  std::optional<std::string> commentaar;
};

struct BesluitUitkomst {
  int64_t bericht_id = 0;  // the 301 or 319 queued
  codecs::BerichtType type = codecs::BerichtType::k301;
  std::string identificatie;
  std::vector<int64_t> toewijzingen;  // ToewijzingNummers created or changed (301)
};

// Honours the verzoek: a 315 product becomes a new toewijzing; a 317 changes the toewijzingen
// it lists (Einddatum, Omvang, Budget; a change of a weekly Omvang from a later date ends the
// current toewijzing the day before and starts a new one) and adds its NieuweProducten. Then
// the full-set 301 (OP087) for the client at this aanbieder is queued, with ReferentieAanbieder
// only on the toewijzingen made now (TR379). Refused: TR359/TR379 (already answered), or a 301
// that does not validate (e.g. a client without address data: import clienten.csv).
BesluitUitkomst Toewijzen(Connection& conn, const BesluitConfig& config, int64_t verzoek_id,
                          const ToewijzenOpties& opties, const std::string& actor,
                          const workflow::Clock& clock);

// Sends a 319 with VerzoekAntwoord 1 and `reden` (LDT_RedenAfwijzingVerzoek "1".."9"). For
// iJw reden 8 (woonplaatsbeginsel), `woonplaatsbeginsel` names the responsible gemeente.
// Refused: TR355/TR359/TR365, an unknown reden.
BesluitUitkomst Afwijzen(Connection& conn, const BesluitConfig& config, int64_t verzoek_id,
                         const std::string& reden,
                         const std::optional<std::string>& woonplaatsbeginsel,
                         const std::string& actor, const workflow::Clock& clock);

// Sends a 319 with VerzoekAntwoord 2 ("aanvraag in onderzoek"): the final answer is now due
// 8 weeks after the verzoek's dagtekening (OP346). Refused: TR355/TR359/TR360/TR365.
BesluitUitkomst InOnderzoek(Connection& conn, const BesluitConfig& config, int64_t verzoek_id,
                            const std::string& actor, const workflow::Clock& clock);

// The deadline watch, run periodically with the injected time: for every open verzoek the
// OP274/OP346 deadline (alert "besluit:verzoek/<id>" or "onderzoek:verzoek/<id>"), and for every
// 301/319 we sent without a 302/320 the OP090 deadline of 3 werkdagen
// ("retour_ontvangen:bericht/<id>"), each raised per workflow::EvaluateDeadline before it slips
// and critical once overdue. Decisions and received retours resolve their alerts.
struct SweepResult {
  int watched = 0;
  std::vector<std::string> raised;  // condition keys raised or updated
};
SweepResult SweepRegieTermijnen(Connection& conn, workflow::TimePoint now,
                                const workflow::WorkingDayCalendar& calendar,
                                const workflow::AlertPolicy& policy = {});

// OP271/OP272: per aanbieder, how many starts and stops arrived within 5 werkdagen of the
// actual start/stop, for receipts from `van` to `tot` (inclusive). Deletions are not counted.
struct Tijdigheid {
  std::string agb;
  int starts = 0, starts_tijdig = 0;
  int stops = 0, stops_tijdig = 0;
};
std::vector<Tijdigheid> TijdigheidPerAanbieder(Connection& conn, const std::string& gemeente,
                                               codecs::Domein domein, codecs::Date van,
                                               codecs::Date tot);

}  // namespace sluis::db
