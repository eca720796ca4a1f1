// Private to db/: statements shared by the writer, the outbox and the register code.
#pragma once

#include <cstdint>
#include <vector>

#include <pqxx/pqxx>

#include "sluis/db/messaging.h"

namespace sluis::db::internal {

int64_t RaiseAlertIn(pqxx::transaction_base& tx, const AlertSpec& alert, Instant at);
// One multi-row INSERT; ids in row order.
std::vector<int64_t> InsertOutboxRows(pqxx::transaction_base& tx,
                                      const std::vector<const OutboxMessage*>& rows);

}  // namespace sluis::db::internal
