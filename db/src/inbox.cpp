// The inbox loop: claim, parse, level 2, dispatch by message type. The 323 lives in
// inbox_declaratie.cpp, 305/307 in inbox_start_stop.cpp, 315/317 in inbox_verzoek.cpp, the
// retours on what we sent (302, 320) in inbox_retour.cpp.
#include "sluis/db/inbox.h"

#include <nlohmann/json.hpp>

#include "sluis/codecs/answer.h"
#include "sluis/codecs/rules.h"

#include "connection_impl.h"
#include "inbox_internal.h"
#include "outgoing.h"
#include "sql_util.h"

namespace sluis::db {

using codecs::BerichtType;
using internal::Claimed;
using internal::Finish;

namespace {

// Every type the gemeente receives (GemeenteReceives), and those it answers (heenberichten).
constexpr const char* kHandled = "(302, 305, 307, 315, 317, 320, 323)";
constexpr const char* kAnswered = "(305, 307, 315, 317, 323)";

// A batch stops taking on claimed berichten after this long (large 323s); the rest wait.
constexpr double kBatchBudgetMs = 250;

std::string ViolationsJson(const std::vector<codecs::RuleViolation>& violations) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : violations) {
    out.push_back({{"rule", v.rule},
                   {"retourcode", v.retourcode},
                   {"location", v.location},
                   {"message", v.message}});
  }
  return out.dump();
}

// A heenbericht that breaks a level-2 rule gets a header-only answer with 0001 (IV087 for the
// 323, IV028/IV032 for the rest) and is not processed further.
InboxResult AnswerLevel2(pqxx::transaction_base& tx, const InboxConfig& config, const Claimed& m,
                         const codecs::Bericht& b,
                         const std::vector<codecs::RuleViolation>& violations,
                         workflow::TimePoint now) {
  InboxResult r{m.id, m.domein, m.type, "processed", "", {}, {}};
  const std::string rules = [&] {
    std::string s;
    for (const auto& v : violations) s += (s.empty() ? "" : ", ") + v.rule;
    return s;
  }();
  if (codecs::IsRetour(m.type)) {
    r.detail = "retour breaks level-2 rules (" + rules + "); recorded, not answered";
    Finish(tx, m.id, "processed", r.detail);
    return r;
  }
  const BerichtType answer_type =
      m.type == BerichtType::k323 ? BerichtType::k325 : *codecs::RetourOf(m.type);
  codecs::AnswerIdentity id{internal::AntwoordIdentificatie(tx, m), workflow::DutchDate(now),
                            internal::OwnXsdVersie(*config.schemas, m.domein, answer_type),
                            std::string(codecs::kLevel2RulesVersion)};
  codecs::Bericht answer;
  if (m.type == BerichtType::k323) {
    const auto& d = std::get<codecs::Bericht323>(b);
    answer = codecs::MakeHeaderOnly325(d, id, {"0001"});
    workflow::Oordeel o;
    o.header_codes = {"0001"};
    internal::SaveJudgedDeclaratie(tx, config, m, d, o, std::nullopt);
  } else {
    answer = *codecs::MakeHeaderOnlyRetour(b, id, {"0001"});
  }
  r.detail = "level 2: " + rules + " -> 0001";
  const internal::Queued q = internal::QueueAnswer(tx, *config.schemas, answer, m.id, r.detail);
  if (!q.id) {
    r.outcome = "failed";
    r.detail = "our 0001 answer does not validate: " + q.error;
    Finish(tx, m.id, "failed", r.detail);
    return r;
  }
  if (m.type == BerichtType::k323) internal::LinkAntwoord(tx, m.id, q.id);
  r.answers.push_back(q.id);
  return r;
}

// The handler of the bericht's type.
InboxResult Dispatch(pqxx::transaction_base& tx, const InboxConfig& config, const Claimed& m,
                     const codecs::Bericht& b, workflow::TimePoint now) {
  switch (m.type) {
    case BerichtType::k323:
      return internal::HandleDeclaratie(tx, config, m, std::get<codecs::Bericht323>(b), now);
    case BerichtType::k305:
    case BerichtType::k307:
      return internal::HandleStartStop(tx, config, m, b, now);
    case BerichtType::k315:
    case BerichtType::k317:
      return internal::HandleVerzoek(tx, config, m, b, now);
    default:
      return internal::HandleRetour(tx, m, b);
  }
}

// Handles one claimed bericht inside the batch's transaction. `level2_unrecorded`: its
// level-2 violations are not stored yet.
InboxResult Handle(pqxx::transaction_base& tx, const InboxConfig& config, const Claimed& m,
                   bool level2_unrecorded, workflow::TimePoint now) {
  internal::Stopwatch watch;
  const auto parsed = codecs::ParseBericht(m.payload);
  if (!parsed) {
    // The transport validated it; reaching here means the register holds something else.
    InboxResult r{m.id, m.domein, m.type, "failed", "cannot parse: " + parsed.error().ToString(),
                  {},   {}};
    Finish(tx, m.id, "failed", r.detail);
    return r;
  }
  const auto violations = codecs::CheckLevel2(*parsed);
  const double parse_ms = watch.Lap();
  InboxResult r;
  if (violations.empty()) {
    r = Dispatch(tx, config, m, *parsed, now);
  } else {
    if (level2_unrecorded) {
      tx.exec_params("UPDATE bericht SET level2_violations = $2::jsonb WHERE id = $1", m.id,
                     ViolationsJson(violations));
    }
    r = AnswerLevel2(tx, config, m, *parsed, violations, now);
  }
  r.phases.claim_ms += parse_ms;
  return r;
}

}  // namespace

namespace internal {

void Finish(pqxx::transaction_base& tx, int64_t id, const std::string& state,
            const std::string& note) {
  ExecPrepared(
      tx,
      "UPDATE bericht SET state = $2, error = NULLIF($3, ''), processed_at = now() WHERE id = $1",
      id, state, note);
}

std::string AntwoordIdentificatie(pqxx::transaction_base& tx, const Claimed& m) {
  return m.antwoord_identificatie.empty() ? NextIdentificatie(tx) : m.antwoord_identificatie;
}

}  // namespace internal

Inbox::Inbox(InboxConfig config) : config_(std::move(config)) {}

std::vector<InboxResult> Inbox::ProcessBatch(Connection& conn, const workflow::Clock& clock,
                                             size_t max) {
  return MapErrors([&]() -> std::vector<InboxResult> {
    if (max <= 1) return RunBatch(conn, clock, 1);
    try {
      return RunBatch(conn, clock, max);
    } catch (const pqxx::broken_connection&) {
      throw;
    } catch (const std::exception&) {
      // One of them failed the transaction (a database error: it stays queued). Handle them
      // one per transaction, as ProcessNext does, so the others are not held back by it; the
      // failing one throws again on its own.
      std::vector<InboxResult> out;
      while (out.size() < max) {
        std::vector<InboxResult> one = RunBatch(conn, clock, 1);
        if (one.empty()) break;
        out.push_back(std::move(one.front()));
      }
      return out;
    }
  });
}

std::vector<InboxResult> Inbox::RunBatch(Connection& conn, const workflow::Clock& clock,
                                         size_t max) {
  internal::Stopwatch watch;
  pqxx::work tx(conn.impl().conn);
  // The oldest queued berichten of aanbieders no other worker is busy with. Several workers
  // may claim at once, but the checks that read and then write (TR314/TR390 on
  // ReferentieNummers, TR347, 305/307 order per toewijzing, TR374 …) all stay within one
  // aanbieder: the transaction-level advisory lock per AGB code, taken in the claim itself,
  // keeps each aanbieder's berichten with one worker at a time and in order. The scan walks
  // the queue oldest first and tries the lock row by row, so a row whose aanbieder is busy is
  // passed over, and every later row of that aanbieder with it; rows of an aanbieder this
  // claim locked all come to this transaction, in order. (This relies on nothing but this
  // claim locking queued incoming berichten. The key names the schema: advisory locks are
  // database-wide, schemas are not.) ORDER BY id + 0: only the partial index bericht_wachtrij
  // gives that order (migration 0019). A payload past 256 KB is read when its turn comes, so a
  // batch of large 323s is not held in memory at once.
  //
  // Asynchronous commit (set here, in the claim, to save a round trip): nothing leaves Sluis
  // on the strength of this transaction alone. What it queues is sent only after the pack
  // worker's synchronous commit, which flushes the WAL up to and including this one; lost in
  // a crash, it is as if the berichten had not been handled yet: they are still queued and are
  // handled again.
  //
  // The claim also takes the Identificatie of each heenbericht's answer from its sequence (a
  // round trip less per answer; one that is not used, a bericht held for review or left for the
  // next batch, is a gap in the numbering, as a rolled back transaction's always was).
  static const std::string kClaim =
      std::string(
          "SELECT id, domein, berichttype, created_at::text,"
          " (extract(epoch FROM created_at) * 1000)::bigint, level2_violations IS NULL,"
          " CASE WHEN octet_length(payload) <= 262144 THEN bericht_als_tekst(payload) END,"
          " octet_length(payload) <= 262144, set_config('synchronous_commit', 'off', true),"
          " CASE WHEN berichttype IN ") +
      kAnswered +
      " THEN nextval('bericht_identificatie_seq') END"
      " FROM bericht WHERE direction = 'in' AND state = 'queued' AND berichttype IN " +
      kHandled +
      " AND pg_try_advisory_xact_lock(hashtext('sluis.inbox.' || current_schema() || '.' || agb))"
      " ORDER BY id + 0 LIMIT $1 FOR UPDATE SKIP LOCKED";
  const pqxx::result claim = internal::ExecPrepared(tx, kClaim, static_cast<int64_t>(max));
  std::vector<InboxResult> out;
  if (claim.empty()) return out;
  const double claim_ms = watch.Lap() / static_cast<double>(claim.size());
  for (const pqxx::row& row : claim) {
    // A long batch (large 323s) ends early: the rest stays queued, in order, for the next
    // claim; the locks of this one end with its commit.
    if (!out.empty() && watch.Total() > kBatchBudgetMs) break;
    Claimed m;
    m.id = row[0].as<int64_t>();
    m.domein = *codecs::ParseDomeinName(row[1].c_str());
    m.type = *codecs::FromNummer(row[2].as<int>());
    m.ontvangen_op = row[3].c_str();
    m.ontvangen = workflow::TimePoint(std::chrono::milliseconds(row[4].as<int64_t>()));
    if (!row[9].is_null()) {
      m.antwoord_identificatie = internal::FormatIdentificatie(row[9].as<int64_t>());
    }
    m.payload = row[7].as<bool>() ? internal::BerichtPayload(tx, m.id, row[6])
                                  : internal::BerichtPayload(tx, m.id);
    const double read_ms = watch.Lap();
    InboxResult result = Handle(tx, config_, m, row[5].as<bool>(), clock.Now());
    result.phases.claim_ms += claim_ms + read_ms;
    watch.Lap();
    out.push_back(std::move(result));
  }
  tx.commit();
  const double commit_ms = watch.Lap() / static_cast<double>(out.size());
  for (InboxResult& r : out) r.phases.commit_ms = commit_ms;
  return out;
}

std::optional<InboxResult> Inbox::ProcessNext(Connection& conn, const workflow::Clock& clock) {
  std::vector<InboxResult> one = ProcessBatch(conn, clock, 1);
  if (one.empty()) return std::nullopt;
  return std::move(one.front());
}

int Inbox::ProcessAll(Connection& conn, const workflow::Clock& clock) {
  int n = 0;
  while (ProcessNext(conn, clock)) ++n;
  return n;
}

}  // namespace sluis::db
