// The 323 in the inbox: levels 3 and 4, the declaratie stored, the 325 queued — or held for
// manual review until the back office decides (Inbox::BesluitReview).
#include <set>

#include <nlohmann/json.hpp>

#include "sluis/workflow/deadlines.h"

#include "connection_impl.h"
#include "declaratie_store.h"
#include "inbox_internal.h"
#include "outgoing.h"

namespace sluis::db {
namespace internal {
namespace {

std::string Summary(const workflow::Oordeel& o) {
  if (o.HeaderAfgekeurd() || o.DeclaratieAfgekeurd()) {
    std::string codes;
    for (const auto& c : o.header_codes) codes += " " + c;
    for (const auto& c : o.declaratie_codes) codes += " " + c;
    return "rejected as a whole:" + codes;
  }
  return std::to_string(o.goedgekeurd) + " approved, " + std::to_string(o.afgekeurd) +
         " rejected, " + std::to_string(o.niet_beoordeeld) + " not assessed; granted " +
         o.toegekend.ToDecimalString();
}

// Builds, checks (Controleer325 + XSD + level 2) and queues the 325 (Identificatie
// `identificatie`); links it to the declaratie. Returns the 325's bericht id, or the reason it
// was refused.
Queued Send325(pqxx::transaction_base& tx, const InboxConfig& config, int64_t bericht_id,
               std::string identificatie, const codecs::Bericht323& d, const workflow::Oordeel& o,
               workflow::TimePoint now) {
  const codecs::AnswerIdentity id{
      std::move(identificatie), workflow::DutchDate(now),
      OwnXsdVersie(*config.schemas, d.domein, codecs::BerichtType::k325), std::nullopt};
  const codecs::Bericht325 answer = workflow::Maak325(d, o, id);
  const std::vector<std::string> findings = workflow::Controleer325(answer, d);
  if (!findings.empty()) {
    std::string error;
    for (const auto& f : findings) error += f + "\n";
    return {0, error};
  }
  Queued q = QueueOutgoing(tx, *config.schemas, answer, bericht_id);
  if (q.id) LinkAntwoord(tx, bericht_id, q.id);
  return q;
}

}  // namespace

int64_t SaveJudgedDeclaratie(pqxx::transaction_base& tx, const InboxConfig& config,
                             const Claimed& m, const codecs::Bericht323& d,
                             const workflow::Oordeel& o, std::optional<std::string> review_reden) {
  const codecs::Date ontvangen = workflow::DutchDate(m.ontvangen);
  DeclaratieRow row;
  row.bericht_id = m.id;
  row.ontvangen_dag = ontvangen;
  row.ontvangen_op = m.ontvangen_op;
  row.antwoord_uiterlijk =
      workflow::DueDate(workflow::DeadlineKind::kAntwoord325, ontvangen, config.calendar);
  row.betalen_uiterlijk =
      workflow::DueDate(workflow::DeadlineKind::kBetaling, ontvangen, config.calendar,
                        BetaaltermijnDagen(tx, d.header.aanbieder.str()));
  row.review_reden = std::move(review_reden);
  row.status = row.review_reden ? "in_review" : o.goedgekeurd > 0 ? "beoordeeld" : "afgewezen";
  return SaveDeclaratie(tx, d, o, row);
}

void LinkAntwoord(pqxx::transaction_base& tx, int64_t bericht_id, int64_t antwoord_id) {
  // 'beoordeeld' becomes 'verzonden' once its 325 is queued; 'afgewezen' stays.
  tx.exec_params(
      "UPDATE declaratie SET antwoord_bericht_id = $2, verzonden_op = now(),"
      " status = CASE WHEN status IN ('beoordeeld', 'in_review') THEN"
      "   CASE WHEN aantal_goedgekeurd > 0 THEN 'verzonden' ELSE 'afgewezen' END"
      "   ELSE status END"
      " WHERE bericht_id = $1",
      bericht_id, antwoord_id);
}

InboxResult HandleDeclaratie(pqxx::transaction_base& tx, const InboxConfig& config,
                             const Claimed& m, const codecs::Bericht323& d,
                             workflow::TimePoint now) {
  InboxResult r{m.id, m.domein, m.type, "processed", "", {}, {}, {}};
  Stopwatch watch;
  const workflow::DeclaratieFeiten feiten = LoadFeiten(tx, d, m.id);
  r.phases.feiten_ms = watch.Lap();
  const workflow::Oordeel o =
      workflow::Beoordeel(d, feiten, workflow::DutchDate(m.ontvangen), config.beleid);
  r.phases.oordeel_ms = watch.Lap();
  const bool as_a_whole = o.HeaderAfgekeurd() || o.DeclaratieAfgekeurd();
  std::optional<std::string> review = as_a_whole ? std::nullopt : MatchReviewRegel(tx, d);
  r.declaratie_id = SaveJudgedDeclaratie(tx, config, m, d, o, review);
  r.phases.opslaan_ms = watch.Lap();
  r.detail = Summary(o);
  if (review) {
    r.outcome = "held";
    r.detail += "; held for review: " + *review;
    Finish(tx, m.id, "processed");
    return r;
  }
  const Queued q = Send325(tx, config, m.id, AntwoordIdentificatie(tx, m), d, o, now);
  r.phases.antwoord_ms = watch.Lap();
  if (!q.id) {
    // Our own answer is wrong: a bug. Keep the judgement, send nothing, make it visible.
    r.outcome = "failed";
    r.detail = "the 325 we built does not pass its checks: " + q.error;
    Finish(tx, m.id, "failed", r.detail);
    return r;
  }
  r.answers.push_back(q.id);
  Finish(tx, m.id, "processed");
  return r;
}

}  // namespace internal

namespace {

// The codes the back office may give a prestatie in a formele controle: those of the standard
// for the prestatie level of a 325 that are about its content (istandaarden-spec §9).
const std::set<std::string> kReviewCodes = {"9307", "9308", "9319", "9321", "9322", "9338",
                                            "9339", "9340", "9341", "9346", "9369", "9384",
                                            "9387", "9388", "9389", "0611", "S329"};

}  // namespace

int64_t Inbox::BesluitReview(Connection& conn, int64_t declaratie_id,
                             const std::vector<std::pair<std::string, std::string>>& afkeuren,
                             const std::string& actor, const workflow::Clock& clock) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const pqxx::result dr = tx.exec_params(
        "SELECT d.status, d.bericht_id, b.payload FROM declaratie d"
        " JOIN bericht b ON b.id = d.bericht_id WHERE d.id = $1 FOR UPDATE OF d",
        declaratie_id);
    if (dr.empty())
      throw RefusedError("declaratie " + std::to_string(declaratie_id) + " bestaat niet");
    if (std::string_view(dr[0][0].c_str()) != "in_review") {
      throw RefusedError("declaratie " + std::to_string(declaratie_id) +
                         " is niet in review (status " + dr[0][0].c_str() + ")");
    }
    const int64_t bericht_id = dr[0][1].as<int64_t>();
    const auto parsed = codecs::ParseBericht(pqxx::binarystring(dr[0][2]).str());
    if (!parsed)
      throw std::runtime_error("stored 323 does not parse: " + parsed.error().ToString());
    const auto& d = std::get<codecs::Bericht323>(*parsed);
    for (const auto& [referentie, code] : afkeuren) {
      if (!kReviewCodes.count(code)) {
        throw RefusedError("retourcode " + code +
                           " kan een prestatie bij formele controle niet krijgen");
      }
      const pqxx::result u = tx.exec_params(
          "UPDATE prestatie SET status = 'afgekeurd', retourcodes = ARRAY[$3]"
          " WHERE declaratie_id = $1 AND referentienummer = $2 AND status = 'goedgekeurd'"
          " RETURNING positie",
          declaratie_id, referentie, code);
      if (u.empty()) {
        throw RefusedError("prestatie " + referentie +
                           " is geen goedgekeurde prestatie van deze declaratie");
      }
    }
    const workflow::Oordeel o = internal::LoadOordeel(tx, declaratie_id, d);
    tx.exec_params(
        "UPDATE declaratie SET toegekend_cent = $2, aantal_goedgekeurd = $3,"
        " aantal_afgekeurd = $4, beoordeeld_op = now(), review_door = $5 WHERE id = $1",
        declaratie_id, o.toegekend.value(), o.goedgekeurd, o.afgekeurd, actor);
    // Credits the back office rejected no longer mark their debits.
    tx.exec_params(
        "UPDATE prestatie debit SET gecrediteerd_door = NULL FROM prestatie credit"
        " WHERE credit.declaratie_id = $1 AND credit.status <> 'goedgekeurd'"
        " AND debit.gemeente = credit.gemeente AND debit.domein = credit.domein"
        " AND debit.agb = credit.agb AND debit.referentienummer = credit.vorig_referentienummer"
        " AND debit.gecrediteerd_door = credit.referentienummer",
        declaratie_id);
    nlohmann::json after = nlohmann::json::array();
    for (const auto& [referentie, code] : afkeuren) after.push_back({referentie, code});
    tx.exec_params(
        "INSERT INTO audit_log (actor, action, subject, after)"
        " VALUES ($1, 'declaratie.review_besluit', $2, $3::jsonb)",
        actor, "declaratie/" + std::to_string(declaratie_id), after.dump());
    const internal::Queued q = internal::Send325(
        tx, config_, bericht_id, internal::NextIdentificatie(tx), d, o, clock.Now());
    if (!q.id) throw std::runtime_error("the 325 does not pass its checks: " + q.error);
    tx.commit();
    return q.id;
  });
}

}  // namespace sluis::db
