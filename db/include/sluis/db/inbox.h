// The workflow's inbox: every incoming iWmo/iJw message (bericht, direction 'in', state
// 'queued') is handled exactly once, in one transaction with everything it causes:
//
//   323  levels 3 and 4 against the toewijzingen (workflow::Beoordeel), declaratie and prestaties
//        stored, the 325 built (IV087), checked (XSD, TR342, TR337/366/367/371/376) and queued
//        — or the declaratie held for manual review, its 325 waiting for the decision;
//   302  the delivery state of the toewijzingen in the 301 it answers;
//   305/307  judged against earlier starts and stops (workflow/regie.h), stored for the
//        timeliness figures when accepted, the 306/308 queued;
//   315/317  judged, entered in the work queue (sluis/db/verzoeken.h) when accepted, the
//        316/318 queued;
//   320  the delivery state of the 319 it answers;
//   any heenbericht breaking a level-2 rule: the header-only 0001 retour or 325.
//
// Several workers (threads or sluisd processes) may run ProcessNext/ProcessBatch at once:
// claims use FOR UPDATE SKIP LOCKED, and one aanbieder's berichten are handled by one worker at
// a time, oldest first (a transaction-level advisory lock per AGB code, taken by the claim), so
// the checks that compare a bericht with the aanbieder's earlier ones see those (committed, or
// earlier in the same batch). Time comes from the
// caller's Clock.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluis/codecs/bericht_type.h"
#include "sluis/codecs/xsd.h"
#include "sluis/db/connection.h"
#include "sluis/workflow/calendar.h"
#include "sluis/workflow/clock.h"
#include "sluis/workflow/declaratie.h"

namespace sluis::db {

struct InboxConfig {
  std::shared_ptr<const codecs::SchemaSet> schemas;  // for what we send (IV034 versions, XSD)
  workflow::WorkingDayCalendar calendar;
  workflow::Beleid beleid;
};

// Where the time of one message went (wall clock, milliseconds), for metrics and benchmarks.
struct InboxPhases {
  double claim_ms = 0;     // claim the row, read and parse the payload, level 2
  double feiten_ms = 0;    // 323: load toewijzingen, earlier prestaties, tariffs (one query each)
  double oordeel_ms = 0;   // 323: levels 3 and 4 (workflow::Beoordeel), in memory
  double opslaan_ms = 0;   // 323: declaratie and prestaties written
  double antwoord_ms = 0;  // the answer built, checked (XSD, level 2, TR checks) and queued
  double commit_ms = 0;
};

// What handling one message did, for logs, metrics and `sluis replay`.
struct InboxResult {
  int64_t bericht_id = 0;
  codecs::Domein domein = codecs::Domein::kWmo;
  codecs::BerichtType type = codecs::BerichtType::k323;
  std::string outcome;           // processed | held | failed
  std::string detail;            // one line for people
  std::vector<int64_t> answers;  // bericht ids queued for sending
  std::optional<int64_t> declaratie_id;
  InboxPhases phases;
};

class Inbox {
 public:
  explicit Inbox(InboxConfig config);

  // Handles the oldest queued incoming message; nullopt when there is none. A message that
  // cannot be handled is marked 'failed' with the reason (and stays stored); only database
  // errors throw (DbError), leaving the message queued.
  std::optional<InboxResult> ProcessNext(Connection& conn, const workflow::Clock& clock);

  // Handles up to `max` of the oldest queued incoming messages in one transaction (fewer when
  // they take long; none when nothing is queued), as ProcessNext would one by one. When one of
  // them fails the transaction, they are handled again one per transaction, so only that one
  // stays queued (and its DbError is thrown).
  std::vector<InboxResult> ProcessBatch(Connection& conn, const workflow::Clock& clock, size_t max);

  // Handles everything queued; returns how many messages were handled.
  int ProcessAll(Connection& conn, const workflow::Clock& clock);

  // The decision on a declaratie held for manual review: `afkeuren` lists prestaties (by
  // ReferentieNummer) the back office rejects, each with its retourcode; the rest stays as
  // judged. Builds and queues the 325. Returns the 325's bericht id; throws RefusedError with a
  // message for people when the declaratie is not in review or a code is not allowed.
  int64_t BesluitReview(Connection& conn, int64_t declaratie_id,
                        const std::vector<std::pair<std::string, std::string>>& afkeuren,
                        const std::string& actor, const workflow::Clock& clock);

 private:
  std::vector<InboxResult> RunBatch(Connection& conn, const workflow::Clock& clock, size_t max);

  InboxConfig config_;
};

}  // namespace sluis::db
