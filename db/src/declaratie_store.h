// Private to db/: the declaratie tables (0012) as the inbox uses them. Everything a 323 is
// judged against is read in a fixed number of statements, whatever its size; its outcome is
// written in a fixed number too (arrays through unnest).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "sluis/workflow/declaratie.h"

namespace sluis::db::internal {

// The facts for judging `d` (bericht `bericht_id`, which is itself excluded).
workflow::DeclaratieFeiten LoadFeiten(pqxx::transaction_base& tx, const codecs::Bericht323& d,
                                      int64_t bericht_id);

struct DeclaratieRow {
  int64_t bericht_id = 0;
  codecs::Date ontvangen_dag;       // Dutch date of receipt
  std::string ontvangen_op;         // timestamptz text of receipt
  std::string status;               // beoordeeld | in_review | afgewezen
  codecs::Date antwoord_uiterlijk;  // OP090x4
  codecs::Date betalen_uiterlijk;   // BW 6:119b
  std::optional<std::string> review_reden;
};

// Stores the declaratie and (unless rejected as a whole) every prestatie with its judgement;
// approved credits mark the debits they credit. Returns the declaratie id.
int64_t SaveDeclaratie(pqxx::transaction_base& tx, const codecs::Bericht323& d,
                       const workflow::Oordeel& o, const DeclaratieRow& row);

// The aanbieder's agreed payment term in days (aanbieder.betaaltermijn_dagen, else 30).
int BetaaltermijnDagen(pqxx::transaction_base& tx, const std::string& agb);

// The first active review rule that matches, as its reason.
std::optional<std::string> MatchReviewRegel(pqxx::transaction_base& tx,
                                            const codecs::Bericht323& d);

// The judgement as stored (for the 325 of a declaratie released from review), with the
// back office's rejections applied: prestatie ReferentieNummer -> retourcode.
workflow::Oordeel LoadOordeel(pqxx::transaction_base& tx, int64_t declaratie_id,
                              const codecs::Bericht323& d);

}  // namespace sluis::db::internal
