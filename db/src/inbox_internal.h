// Private to db/: the pieces of the inbox, one message type per file.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/pqxx>

#include "sluis/db/inbox.h"

namespace sluis::db::internal {

// A claimed incoming message.
// Milliseconds since the last lap (or construction).
class Stopwatch {
 public:
  double Lap() {
    const auto now = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    return ms;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

struct Claimed {
  int64_t id = 0;
  codecs::Domein domein = codecs::Domein::kWmo;
  codecs::BerichtType type = codecs::BerichtType::k323;
  std::string payload;
  std::string ontvangen_op;       // created_at as PostgreSQL prints it
  workflow::TimePoint ontvangen;  // the same instant
};

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

// A retour on something we sent (302): update what it is about.
InboxResult HandleRetour(pqxx::transaction_base& tx, const Claimed& m, const codecs::Bericht& b);

}  // namespace sluis::db::internal
