// Private to db/: the toewijzing repository at transaction level, so that the CSV import and
// the public functions of sluis/db/toewijzingen.h share one implementation and a caller inside
// db/ can combine them with its own statements in one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "sluis/db/toewijzingen.h"

namespace sluis::db::internal {

struct ClientCounts {
  int inserted = 0;
  int updated = 0;  // existing clients whose data changed
};
// Upserts by (gemeente, domein, bsn). Precondition: no key appears twice.
ClientCounts UpsertClients(pqxx::work& tx,
                           const std::vector<const workflow::ClientGegevens*>& clients);

// A problem that makes SaveVersies refuse a batch, before it is turned into words.
struct VersieProblem {
  enum class Kind {
    kNummerInBatch,    // TR332: `other` (earlier in the batch) has this nummer, other agb/bsn
    kNummerStored,     // TR332: stored with agb/bsn `agb`/`bsn`
    kSameTimeInBatch,  // IV013: `other` has the same datum+tijd and other content
    kSameTimeStored,   // IV013: a stored version has the same datum+tijd and other content
  };
  size_t index = 0;
  Kind kind = Kind::kNummerInBatch;
  size_t other = 0;
  std::string agb, bsn;
};

// What CheckVersies found: the problems, and which versions are already stored (or appear
// earlier in the batch) exactly so.
struct VersieCheck {
  std::vector<VersieProblem> problems;
  std::vector<bool> duplicate;
};
// TR332 is checked and then written: two transactions checking at once could both pass. Every
// writer of toewijzing versions takes this transaction-level lock first.
void LockToewijzingen(pqxx::work& tx);

// Precondition: LockToewijzingen(tx) was called.
VersieCheck CheckVersies(pqxx::work& tx, const std::vector<workflow::ToewijzingVersie>& v);

// Writes the versions CheckVersies passed (duplicates skipped) and moves current pointers.
// Returns one outcome per version.
std::vector<VersieOutcome> WriteVersies(pqxx::work& tx,
                                        const std::vector<workflow::ToewijzingVersie>& v,
                                        const std::vector<bool>& duplicate, Bron bron,
                                        std::optional<int64_t> bericht_id, const std::string& actor,
                                        Levering initial);

// CheckVersies, then WriteVersies when there is no problem.
SaveVersiesResult StoreVersies(pqxx::work& tx, const std::vector<workflow::ToewijzingVersie>& v,
                               Bron bron, std::optional<int64_t> bericht_id,
                               const std::string& actor, Levering initial);

// "TR332: toewijzingnummer 1001 (0363 wmo) is already used for agb 42420002, bsn 999990019"
std::string DescribeProblem(const workflow::ToewijzingVersie& v, const VersieProblem& p,
                            const std::string& other_place);

// Transaction-level reads, for callers inside db/ that write in the same transaction.
std::optional<workflow::ClientGegevens> LoadClientIn(pqxx::transaction_base& tx,
                                                     const codecs::GemeenteCode& gemeente,
                                                     codecs::Domein domein, const codecs::Bsn& bsn);
std::vector<ActueleToewijzing> LoadActueelIn(pqxx::transaction_base& tx,
                                             const codecs::GemeenteCode& gemeente,
                                             codecs::Domein domein, const codecs::AgbCode& agb,
                                             const codecs::Bsn& bsn);
std::optional<ActueleToewijzing> LoadActueelByNummerIn(pqxx::transaction_base& tx,
                                                       const codecs::GemeenteCode& gemeente,
                                                       codecs::Domein domein,
                                                       codecs::ToewijzingNummer nummer);

}  // namespace sluis::db::internal
