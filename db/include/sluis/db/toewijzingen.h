// The toewijzing repository (migration 0011): clients, every version of every toewijzing, and
// the current version per (gemeente, domein, ToewijzingNummer) with its delivery state. Used by
// the 301 intake, the API, the CSV import (sluis/db/reference.h) and the judge.
//
// Every function takes a Connection owned by the calling thread (docs/conventions §6), runs in
// its own transaction and throws DbError. Writes are batched: one statement per table for a
// whole vector, however long. Writers of versions serialise on a transaction-level advisory
// lock, so that TR332 (checked, then written) holds with several writers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/db/connection.h"
#include "sluis/workflow/toewijzing.h"

namespace sluis::db {

// Where a version came from (toewijzing_versie.bron).
enum class Bron { kImport, kApi, k301 };
std::string_view BronName(Bron b);  // "import" | "api" | "301"
std::optional<Bron> ParseBron(std::string_view name);

// Delivery of the current version to the aanbieder (toewijzing.levering).
enum class Levering {
  kTeVerzenden,  // a 301 is due
  kVerzonden,    // 301 queued or sent
  kOntvangen,    // 302 without retourcodes
  kAfgekeurd,    // 302 with retourcodes
  kExtern,       // delivered by another system (imported), or a replayed 301
};
std::string_view LeveringName(Levering l);  // "te_verzenden" | ... | "extern"
std::optional<Levering> ParseLevering(std::string_view name);

// Inserts or overwrites the client (key: gemeente, domein, bsn).
void SaveClient(Connection& conn, const workflow::ClientGegevens& client);
// The same for many; when a key appears more than once the last one wins.
void SaveClients(Connection& conn, const std::vector<workflow::ClientGegevens>& clients);
std::optional<workflow::ClientGegevens> LoadClient(Connection& conn,
                                                   const codecs::GemeenteCode& gemeente,
                                                   codecs::Domein domein, const codecs::Bsn& bsn);

enum class VersieOutcome {
  kCurrent,     // stored, and now the current version of its toewijzing
  kHistorical,  // stored, but a newer version (IV013) is current
  kDuplicate,   // exactly this version was already stored: nothing written
};

// Why a batch was refused.
struct VersieConflict {
  size_t index = 0;  // into the versions passed
  std::string rule;  // "TR332" | "IV013"
  std::string message;
  bool operator==(const VersieConflict&) const = default;
};

struct SaveVersiesResult {
  std::vector<VersieOutcome> outcomes;    // one per version passed (empty when refused)
  std::vector<VersieConflict> conflicts;  // not empty: nothing was stored
  bool ok() const { return conflicts.empty(); }
};

// Stores versions of toewijzingen, all or nothing. Refused (conflicts, nothing stored):
//   TR332  the ToewijzingNummer already belongs to another agb or bsn (stored or in the batch);
//   IV013  a version with the same Toewijzingsdatum + Toewijzingstijd exists with other content
//          (IV013 could not tell which is current).
// A version becomes current when its toewijzing has none yet or it is newer than the current
// one (IV013); the toewijzing's levering is then `initial` and levering_bericht_id `bericht_id`.
// `bericht_id` (the 301 that carried them) and `actor` are recorded with every version.
SaveVersiesResult SaveVersies(Connection& conn, const std::vector<workflow::ToewijzingVersie>& v,
                              Bron bron, std::optional<int64_t> bericht_id,
                              const std::string& actor, Levering initial);

// A client and its versions in one transaction (the 301 intake): SaveClient then SaveVersies;
// when the versions are refused the client is not saved either.
SaveVersiesResult SaveToewijzing301(Connection& conn, const workflow::Toewijzing301& t, Bron bron,
                                    std::optional<int64_t> bericht_id, const std::string& actor,
                                    Levering initial);

// The current version of a toewijzing with its delivery and care state.
struct ActueleToewijzing {
  int64_t versie_id = 0;
  workflow::ToewijzingVersie versie;
  Bron bron = Bron::kImport;
  Levering levering = Levering::kTeVerzenden;
  std::optional<int64_t> levering_bericht_id;
  std::vector<std::string> levering_codes;  // retourcodes of a 302
  std::optional<codecs::Date> start_datum;  // 305
  std::optional<codecs::Date> stop_datum;   // 307
  std::optional<std::string> reden_beeindiging;
};

// Every current toewijzing of one client at one aanbieder, ordered by ToewijzingNummer: the
// content of a full-set 301 (OP087), removed ones (RedenWijziging 13) included.
std::vector<ActueleToewijzing> LoadActueel(Connection& conn, const codecs::GemeenteCode& gemeente,
                                           codecs::Domein domein, const codecs::AgbCode& agb,
                                           const codecs::Bsn& bsn);
std::optional<ActueleToewijzing> LoadActueelByNummer(Connection& conn,
                                                     const codecs::GemeenteCode& gemeente,
                                                     codecs::Domein domein,
                                                     codecs::ToewijzingNummer nummer);
// Every stored version of one toewijzing, oldest first (IV013 order).
std::vector<workflow::ToewijzingVersie> LoadVersies(Connection& conn,
                                                    const codecs::GemeenteCode& gemeente,
                                                    codecs::Domein domein,
                                                    codecs::ToewijzingNummer nummer);

}  // namespace sluis::db
