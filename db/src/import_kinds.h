// Private to db/: one loader per CSV kind of sluis/db/reference.h. Each reads and validates
// every record of its table (errors into the sink), checks what it refers to against the
// database, and only when the sink stayed empty writes the rows and fills the report's counts.
#pragma once

#include <set>
#include <string>

#include <pqxx/pqxx>

#include "sluis/codecs/csv.h"
#include "sluis/db/reference.h"
#include "sluis/db/toewijzingen.h"

#include "import_rows.h"

namespace sluis::db::internal {

void LoadGemeenten(pqxx::work& tx, const codecs::csv::Table& t, ErrorSink& errors,
                   ImportReport& report);
void LoadAanbieders(pqxx::work& tx, const codecs::csv::Table& t, ErrorSink& errors,
                    ImportReport& report);
void LoadProductcodes(pqxx::work& tx, const codecs::csv::Table& t, ErrorSink& errors,
                      ImportReport& report);
void LoadTarieven(pqxx::work& tx, const codecs::csv::Table& t, ErrorSink& errors,
                  ImportReport& report);
void LoadClienten(pqxx::work& tx, const codecs::csv::Table& t, ErrorSink& errors,
                  ImportReport& report);
// Imported toewijzingen were delivered by the system they come from (bron 'import', levering
// 'extern'); the API's are Sluis' own to deliver (bron 'api', levering 'te_verzenden').
void LoadToewijzingen(pqxx::work& tx, const codecs::csv::Table& t, ErrorSink& errors,
                      ImportReport& report, const std::string& actor, Bron bron = Bron::kImport,
                      Levering levering = Levering::kExtern);

// The gemeentecodes in the gemeente table (any period).
std::set<std::string> KnownGemeenten(pqxx::work& tx);

}  // namespace sluis::db::internal
