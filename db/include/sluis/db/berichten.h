// The berichtenregister (table bericht) as the workflow, `sluis replay`, the API and the UI see
// it: register a message, list and read messages, and the outcome of every declaratie. The
// transport has its own claims on the same table (unpack/pack).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sluis/codecs/bericht_type.h"
#include "sluis/codecs/date.h"
#include "sluis/db/connection.h"

namespace sluis::db {

struct NieuwBericht {
  std::string direction;  // in | out
  codecs::Domein domein = codecs::Domein::kWmo;
  codecs::BerichtType type = codecs::BerichtType::k323;
  std::string gemeente, agb, identificatie;
  codecs::Date dagtekening;
  std::string payload;
  std::string state;  // in: queued | xsd_rejected; out: queued | replayed | ...
  std::optional<std::string> error;
  std::optional<codecs::Instant> created_at;  // default: the database's now()
};
int64_t RegisterBericht(Connection& conn, const NieuwBericht& b);

struct OpgeslagenBericht {
  int64_t id = 0;
  std::string direction;
  codecs::Domein domein = codecs::Domein::kWmo;
  codecs::BerichtType type = codecs::BerichtType::k323;
  std::string gemeente, agb, identificatie;
  codecs::Date dagtekening;
  std::string state;
  std::optional<std::string> error;
  std::optional<int64_t> answers_bericht_id;
  std::string payload;
};
std::optional<OpgeslagenBericht> LoadBericht(Connection& conn, int64_t id);
// Outgoing messages in `state`, oldest first.
std::vector<OpgeslagenBericht> ListOutgoing(Connection& conn, const std::string& state);
void SetBerichtState(Connection& conn, int64_t id, const std::string& state);

// A declaratie and what became of it (the reconciliation view, summary.json, the UI).
struct PrestatieUitkomst {
  std::string referentienummer;
  std::string bsn;
  std::string status;  // goedgekeurd | afgekeurd | niet_beoordeeld
  std::vector<std::string> retourcodes;
  int64_t bedrag_cent = 0;                      // signed
  std::vector<std::string> client_retourcodes;  // on its Client (8187)
};
struct DeclaratieUitkomst {
  int64_t id = 0;
  int64_t bericht_id = 0;
  std::string gemeente, domein, agb, identificatie, declaratienummer, status;
  std::vector<std::string> afgewezen_codes;  // header or declaratie level
  int64_t ingediend_cent = 0, toegekend_cent = 0;
  int aantal_goedgekeurd = 0, aantal_afgekeurd = 0, aantal_niet_beoordeeld = 0;
  codecs::Date antwoord_uiterlijk, betalen_uiterlijk;
  std::optional<int64_t> antwoord_bericht_id;
  std::vector<PrestatieUitkomst> prestaties;  // in message order
};
std::optional<DeclaratieUitkomst> LoadDeclaratieByBericht(Connection& conn, int64_t bericht_id);

}  // namespace sluis::db
