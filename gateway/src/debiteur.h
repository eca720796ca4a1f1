// The debtor of a gemeente's payment files: the config's [betaling] account as db/betaling.h
// takes it. Shared by `sluis betaal` and the API's Betalingen routes.
#pragma once

#include <optional>
#include <string>

#include "sluis/db/betaling.h"

#include "config.h"

namespace sluis::gateway {

// nullopt when neither [betaling.gemeente.NNNN] nor [betaling] names an account.
inline std::optional<db::Debiteur> DebiteurVoor(const BetalingConfig& betaling,
                                                const std::string& gemeente) {
  const DebiteurConfig* d = betaling.DebiteurVoor(gemeente);
  if (d == nullptr) return std::nullopt;
  db::Debiteur out{d->naam, d->iban, std::nullopt};
  if (!d->bic.empty()) out.bic = d->bic;
  return out;
}

}  // namespace sluis::gateway
