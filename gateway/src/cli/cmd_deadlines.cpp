// sluis deadlines | alert ack | alert close | reconciliatie: the deadline sweep once (sluisd
// runs it periodically), acknowledging or closing an alert, and the reconciliation of every 323
// with its 325 and payment.
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "sluis/codecs/types.h"
#include "sluis/db/connection.h"
#include "sluis/db/deadlines.h"
#include "sluis/db/messaging.h"
#include "sluis/db/ui_views.h"

#include "cli/command.h"

namespace sluis::gateway::cli {
namespace {

constexpr char kDbOptions[] =
    "  --db URL        PostgreSQL URL (default: --config FILE's database, or SLUIS_DB_URL)\n"
    "  --config FILE   sluisd's config file\n";

workflow::TimePoint Now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

int Usage(const char* command) {
  std::fprintf(stderr, "sluis %s: bad arguments (see --help)\n", command);
  return 2;
}

std::string Euro(int64_t cent) { return "EUR " + codecs::Cents(cent).ToDecimalString(); }

int Deadlines(const std::vector<std::string>& argv) {
  ArgParser args(argv);
  const auto at = args.Value("--at");
  const auto url = ResolveDbUrl(args, "deadlines");
  if (!url) return 2;
  if (args.UnknownOption() || !args.Rest().empty()) return Usage("deadlines");
  workflow::TimePoint now = Now();
  if (at) {
    const auto day = codecs::Date::Parse(*at);
    if (!day) return Usage("deadlines");
    now = workflow::DutchMidnight(*day) + std::chrono::hours(12);
  }
  try {
    db::Connection conn(*url);
    const auto r = db::SweepDeadlines(conn, {workflow::WorkingDayCalendar(), {}}, now);
    std::printf(
        "%d deadlines open, %d past a threshold, %d alerts opened or escalated, %d "
        "resolved\n",
        r.watched, r.alerting, r.escalated, r.resolved);
    for (const auto& a : db::OpenAlerts(conn)) {
      std::printf("%6lld  %-8s  %-40s  %s\n", static_cast<long long>(a.id), a.severity.c_str(),
                  a.condition_key.c_str(), a.message.c_str());
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sluis deadlines: %s\n", e.what());
    return 1;
  }
}

// `sluis alert ack|close ID`: one audited action on an open alert, by --as ACTOR or the
// user running the command.
int AlertAction(const std::vector<std::string>& argv, const char* name,
                void (*act)(db::Connection&, int64_t, const std::string&, codecs::Instant),
                const char* done) {
  ArgParser args(argv);
  std::string actor = args.Value("--as").value_or("");
  const auto url = ResolveDbUrl(args, name);
  if (!url) return 2;
  const auto rest = args.Rest();
  if (args.UnknownOption() || rest.size() != 1 ||
      rest[0].find_first_not_of("0123456789") != std::string::npos || rest[0].size() > 18) {
    return Usage(name);
  }
  if (actor.empty()) {
    const char* user = std::getenv("SUDO_USER");
    if (!user || !*user) user = std::getenv("USER");
    actor = user && *user ? user : "sluis-cli";
  }
  try {
    db::Connection conn(*url);
    act(conn, std::stoll(rest[0]), actor, Now());
    std::printf("alert %s %s by %s\n", rest[0].c_str(), done, actor.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sluis %s: %s\n", name, e.what());
    return 1;
  }
}

int AlertAck(const std::vector<std::string>& argv) {
  return AlertAction(argv, "alert ack", db::AcknowledgeAlert, "acknowledged");
}

int AlertClose(const std::vector<std::string>& argv) {
  return AlertAction(argv, "alert close", db::CloseAlert, "closed");
}

int Reconciliatie(const std::vector<std::string>& argv) {
  ArgParser args(argv);
  const bool details = args.Flag("--details");
  const auto peil_text = args.Value("--peildatum");
  const std::string gemeente = args.Value("--gemeente").value_or("");
  const auto url = ResolveDbUrl(args, "reconciliatie");
  if (!url) return 2;
  const auto peil =
      peil_text ? codecs::Date::Parse(*peil_text) : std::optional(workflow::DutchDate(Now()));
  if (!peil || args.UnknownOption() || !args.Rest().empty()) return Usage("reconciliatie");
  try {
    db::Connection conn(*url);
    const db::Reconciliatie r = db::LeesReconciliatie(conn, *peil, gemeente);
    std::printf("peildatum %s: %zu declaraties\n", r.peildatum.ToString().c_str(), r.regels.size());
    std::printf("%-8s %14s %12s %16s\n", "dagen", "onbeantwoord", "onbetaald", "bedrag");
    for (const auto& k : r.klassen) {
      std::printf("%-8s %14d %12d %16s\n", k.label.c_str(), k.onbeantwoord, k.onbetaald,
                  Euro(k.onbetaald_cent).c_str());
    }
    if (details) {
      std::printf("\n%-8s %-8s %-14s %-10s %-10s %-14s %-12s %5s %14s\n", "id", "AGB", "nummer",
                  "ontvangen", "status", "325", "325-status", "dagen", "toegekend");
      for (const auto& g : r.regels) {
        std::printf("%-8lld %-8s %-14s %-10s %-10s %-14s %-12s %5d %14s\n",
                    static_cast<long long>(g.id), g.agb.c_str(), g.declaratienummer.c_str(),
                    g.ontvangen.ToString().c_str(), g.status.c_str(),
                    g.antwoord_identificatie.c_str(), g.antwoord_state.c_str(), g.leeftijd_dagen,
                    g.toegekend_cent ? Euro(*g.toegekend_cent).c_str() : "-");
      }
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sluis reconciliatie: %s\n", e.what());
    return 1;
  }
}

}  // namespace

std::vector<Command> DeadlineCommands() {
  return {
      {"deadlines", "check every deadline once and show the open alerts",
       std::string(
           "usage: sluis deadlines [--at YYYY-MM-DD] [--db URL | --config FILE]\n\n"
           "Checks every deadline Sluis owes (325 within 10 werkdagen, a retour within 3,\n"
           "payment within the betaaltermijn) against now (or noon of --at), opens or\n"
           "escalates one alert per deadline at 70%, 90% and overdue, resolves the alerts\n"
           "of deadlines met, and lists the open alerts. sluisd does this periodically.\n\n") +
           kDbOptions,
       Deadlines},
      {"alert ack", "acknowledge an open alert (audited)",
       std::string("usage: sluis alert ack ID [--as ACTOR] [--db URL | --config FILE]\n\n"
                   "Records who saw the alert; it stays open until its condition clears.\n\n") +
           kDbOptions,
       AlertAck},
      {"alert close", "close an open alert that does not close by itself (audited)",
       std::string("usage: sluis alert close ID [--as ACTOR] [--db URL | --config FILE]\n\n"
                   "For an alert whose cause has been dealt with (an unpack, pack or ebMS\n"
                   "message error, a dead letter not sent again). Deadline alerts close\n"
                   "themselves when the deadline is met and are refused here.\n\n") +
           kDbOptions,
       AlertClose},
      {"reconciliatie", "every 323 with its 325 and payment; unanswered and unpaid by age",
       std::string("usage: sluis reconciliatie [--peildatum YYYY-MM-DD] [--gemeente NNNN] "
                   "[--details] [--db URL | --config FILE]\n\n"
                   "Counts the declaraties whose 325 is not yet acknowledged and those approved\n"
                   "but not paid, by days since receipt (0-10, 11-20, 21-25, 26-30, over 30);\n"
                   "--details lists every declaratie.\n\n") +
           kDbOptions,
       Reconciliatie},
  };
}

}  // namespace sluis::gateway::cli
