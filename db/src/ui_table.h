// Private to db/: turning a pqxx result into a db::Table, and the paging clause.
#pragma once

#include <string>

#include <pqxx/pqxx>

#include "sluis/db/ui_views.h"

namespace sluis::db::internal {

// Column kinds from the result's type OIDs. A last column named "_total" (count(*) OVER ())
// becomes Table::total instead of a column.
Table ToTable(const pqxx::result& r);
// " LIMIT n OFFSET m" with the limits clamped to 1..1000 and >= 0.
std::string PagingSql(const Paging& p);

}  // namespace sluis::db::internal
