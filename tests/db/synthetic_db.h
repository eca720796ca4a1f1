// A synthetic population in PostgreSQL, and a 323 received: shared by the pg tests and the
// database benchmark (which is built without the test support library).
#pragma once

#include <cstdint>
#include <string>

#include "sluis/codecs/date.h"
#include "sluis/db/connection.h"
#include "sluis/workflow/synthetic.h"

namespace sluis::testing {

// Loads the population's six reference CSVs through `sluis import`'s code path (db::ImportSet).
// Returns "" on success, otherwise every import error, one per line.
std::string ImportPopulation(db::Connection& conn, const workflow::synth::Population& p);

// Registers `payload` (an iWmo/iJw 323 as XML) as received at `ontvangen`, queued for the
// inbox; returns its bericht id.
int64_t Receive323(db::Connection& conn, const codecs::Bericht323& b, const std::string& payload,
                   codecs::Instant ontvangen);

}  // namespace sluis::testing
