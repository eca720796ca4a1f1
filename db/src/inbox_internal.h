// Private to db/: the pieces of the inbox, one message type per file.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/pqxx>

#include "sluis/db/inbox.h"
#include "sluis/workflow/regie.h"

namespace sluis::db::internal {

// Milliseconds since the last lap (or construction).
class Stopwatch {
 public:
  double Lap() {
    const auto now = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    return ms;
  }
  // Milliseconds since construction.
  double Total() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
        .count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;
};

// A claimed incoming message.
struct Claimed {
  int64_t id = 0;
  codecs::Domein domein = codecs::Domein::kWmo;
  codecs::BerichtType type = codecs::BerichtType::k323;
  std::string payload;
  std::string ontvangen_op;       // created_at as PostgreSQL prints it
  workflow::TimePoint ontvangen;  // the same instant
  // The Identificatie of its answer (a heenbericht's retour or 325), taken from
  // bericht_identificatie_seq by the claim; empty for a retour, which is not answered.
  std::string antwoord_identificatie;
};

// Marks received bericht `id` done: `state` ("processed" or "failed") with `note` (stored as
// its error; empty for none) and processed_at.
void Finish(pqxx::transaction_base& tx, int64_t id, const std::string& state,
            const std::string& note = "");

// m.antwoord_identificatie, or a new one when the claim took none.
std::string AntwoordIdentificatie(pqxx::transaction_base& tx, const Claimed& m);

// 323: judge, store, answer (or hold for review).
InboxResult HandleDeclaratie(pqxx::transaction_base& tx, const InboxConfig& config,
                             const Claimed& m, const codecs::Bericht323& d,
                             workflow::TimePoint now);

// Stores a judged declaratie with its deadlines; `review_reden` holds it for review.
int64_t SaveJudgedDeclaratie(pqxx::transaction_base& tx, const InboxConfig& config,
                             const Claimed& m, const codecs::Bericht323& d,
                             const workflow::Oordeel& o, std::optional<std::string> review_reden);

// Records the 325 that answers the 323 in bericht `bericht_id`.
void LinkAntwoord(pqxx::transaction_base& tx, int64_t bericht_id, int64_t antwoord_id);

// A retour on something we sent (302, 320): update what it is about.
InboxResult HandleRetour(pqxx::transaction_base& tx, const Claimed& m, const codecs::Bericht& b);

// 305/307: judged against earlier starts and stops, stored when accepted, 306/308 queued.
InboxResult HandleStartStop(pqxx::transaction_base& tx, const InboxConfig& config, const Claimed& m,
                            const codecs::Bericht& b, workflow::TimePoint now);

// 315/317: judged, entered in the work queue when accepted, 316/318 queued.
InboxResult HandleVerzoek(pqxx::transaction_base& tx, const InboxConfig& config, const Claimed& m,
                          const codecs::Bericht& b, workflow::TimePoint now);

// The header facts of every received heenbericht: TR056 (Identificatie used before by this
// sender for this berichtsoort, in a message that was not refused at level 1) and TR378
// (Ontvanger is a known gemeente on the Dagtekening).
struct HeaderFeiten {
  bool identificatie_eerder_gebruikt = false;
  bool gemeente_bekend = true;
};
HeaderFeiten LoadHeaderFeiten(pqxx::transaction_base& tx, const Claimed& m,
                              const codecs::Header& h);

// Builds the retour of a judged regie message, queues it (XSD + level 2 checked) as the answer
// to bericht m.id and marks m processed. On a refusal (a bug) m is marked failed.
InboxResult SendRegieRetour(pqxx::transaction_base& tx, const InboxConfig& config, const Claimed& m,
                            const codecs::Bericht& heen, const workflow::RegieOordeel& o,
                            workflow::TimePoint now, std::string detail);

}  // namespace sluis::db::internal
