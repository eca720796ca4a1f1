// sluis besluit lijst | toewijzen | afwijzen | onderzoek
// The back office's decision on a verzoek om toewijzing/wijziging (315/317), through the same
// functions the API calls (sluis/db/verzoeken.h).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>

#include "sluis/db/connection.h"
#include "sluis/db/verzoeken.h"

#include "cli/command.h"

namespace sluis::gateway::cli {
namespace {

constexpr char kOptions[] =
    "  --db URL        PostgreSQL URL (default: --config FILE's database, or SLUIS_DB_URL)\n"
    "  --config FILE   sluisd's config file\n"
    "  --shared DIR    the schemas (istandaarden/); default: --config FILE's, or SLUIS_SHARED\n"
    "  --as ACTOR      who decides, for the audit log (default: $SUDO_USER or $USER)\n";

const std::string kLijstUsage =
    std::string(
        "usage: sluis besluit lijst [--db URL | --config FILE]\n"
        "\n"
        "The work queue: every open verzoek (315/317) and every one in onderzoek, the most urgent\n"
        "first, one per line: id, type, aanbieder, ReferentieAanbieder, status, deadline.\n"
        "\n") +
    kOptions;

const std::string kToewijzenUsage =
    std::string(
        "usage: sluis besluit toewijzen ID [--nummer N] [options]\n"
        "\n"
        "Honours verzoek ID: stores the toewijzing(en) and queues the full-set 301 (OP087) with\n"
        "ReferentieAanbieder on what honours the verzoek (TR379). --nummer N: the first\n"
        "ToewijzingNummer to use (default: the next free one). Recorded in the audit log.\n"
        "\n") +
    kOptions;

const std::string kAfwijzenUsage =
    std::string(
        "usage: sluis besluit afwijzen ID --reden R [--woonplaatsbeginsel GEMEENTE] [options]\n"
        "\n"
        "Refuses verzoek ID with a 319 (VerzoekAntwoord 1, RedenAfwijzingVerzoek R: 1 geen\n"
        "wijziging maar nieuwe aanvraag, 2 budget, 3 geen contract, 4 past niet binnen contract,\n"
        "5 andere gemeente, 6 stapeling, 7 zorginhoudelijk, 8 woonplaatsbeginsel, 9 leeftijd).\n"
        "\n") +
    kOptions;

const std::string kOnderzoekUsage =
    std::string(
        "usage: sluis besluit onderzoek ID [options]\n"
        "\n"
        "Answers verzoek ID with a 319 \"aanvraag in onderzoek\" (VerzoekAntwoord 2): the final\n"
        "answer is then due 8 weeks after the verzoek's dagtekening (OP346). Only once (TR360).\n"
        "\n") +
    kOptions;

std::string Actor(ArgParser& args) {
  if (auto a = args.Value("--as"); a && !a->empty()) return *a;
  for (const char* var : {"SUDO_USER", "USER", "LOGNAME"}) {
    if (const char* v = std::getenv(var); v && *v) return v;
  }
  return "sluis-cli";
}

class SystemClock final : public workflow::Clock {
 public:
  workflow::TimePoint Now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

// Runs one decision: parses the common options and ID, calls `decide`, prints the result.
int Decide(const char* name, const std::vector<std::string>& argv,
           const std::vector<std::string>& own,
           const std::function<db::BesluitUitkomst(db::Connection&, const db::BesluitConfig&,
                                                   int64_t, const std::string&,
                                                   std::map<std::string, std::string>&)>& decide) {
  ArgParser args(argv);
  std::map<std::string, std::string> values;
  for (const auto& flag : own) {
    if (auto v = args.Value(flag)) values[flag] = *v;
  }
  const std::string actor = Actor(args);
  const auto url = ResolveDbUrl(args, name);
  const auto shared = ResolveSharedDir(args, name);
  if (auto unknown = args.UnknownOption()) {
    std::fprintf(stderr, "sluis %s: unknown option %s (see --help)\n", name, unknown->c_str());
    return 2;
  }
  const std::vector<std::string> rest = args.Rest();
  if (!url || rest.size() != 1) {
    std::fprintf(stderr, "sluis %s: give one verzoek id (see --help)\n", name);
    return 2;
  }
  int64_t id = 0;
  try {
    id = std::stoll(rest[0]);
  } catch (const std::exception&) {
    std::fprintf(stderr, "sluis %s: %s is not a verzoek id\n", name, rest[0].c_str());
    return 2;
  }
  const auto schemas = LoadSchemas(shared);
  if (!schemas) return 2;
  try {
    db::Connection conn(*url);
    const db::BesluitUitkomst u =
        decide(conn, {schemas, workflow::WorkingDayCalendar()}, id, actor, values);
    std::printf("%d %s queued (bericht %lld)\n", codecs::Nummer(u.type), u.identificatie.c_str(),
                static_cast<long long>(u.bericht_id));
    return 0;
  } catch (const db::RefusedError& e) {
    std::fprintf(stderr, "sluis %s: %s\n", name, e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sluis %s: %s\n", name, e.what());
    return 2;
  }
}

int Lijst(const std::vector<std::string>& argv) {
  ArgParser args(argv);
  const auto url = ResolveDbUrl(args, "besluit lijst");
  if (auto unknown = args.UnknownOption()) {
    std::fprintf(stderr, "sluis besluit lijst: unknown option %s\n", unknown->c_str());
    return 2;
  }
  if (!url) return 2;
  try {
    db::Connection conn(*url);
    for (const db::Verzoek& v : db::Werkvoorraad(conn)) {
      const codecs::Date due =
          v.status == "in_onderzoek" ? *v.onderzoek_uiterlijk : v.besluit_uiterlijk;
      std::printf("%lld\t%d\t%s\t%s\t%s\tuiterlijk %s\n", static_cast<long long>(v.id),
                  codecs::Nummer(v.type), v.agb.c_str(), v.referentie_aanbieder.c_str(),
                  v.status.c_str(), due.ToString().c_str());
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sluis besluit lijst: %s\n", e.what());
    return 2;
  }
}

}  // namespace

std::vector<Command> BesluitCommands() {
  static const SystemClock clock;
  return {
      {"besluit lijst", "the work queue of verzoeken (315/317) with their deadlines", kLijstUsage,
       Lijst},
      {"besluit toewijzen", "honour a verzoek: the full-set 301", kToewijzenUsage,
       [](const std::vector<std::string>& a) {
         return Decide("besluit toewijzen", a, {"--nummer"},
                       [](db::Connection& c, const db::BesluitConfig& cfg, int64_t id,
                          const std::string& actor, std::map<std::string, std::string>& v) {
                         db::ToewijzenOpties o;
                         if (v.count("--nummer")) o.eerste_nummer = std::stoll(v["--nummer"]);
                         return db::Toewijzen(c, cfg, id, o, actor, clock);
                       });
       }},
      {"besluit afwijzen", "refuse a verzoek: a 319", kAfwijzenUsage,
       [](const std::vector<std::string>& a) {
         return Decide("besluit afwijzen", a, {"--reden", "--woonplaatsbeginsel"},
                       [](db::Connection& c, const db::BesluitConfig& cfg, int64_t id,
                          const std::string& actor, std::map<std::string, std::string>& v) {
                         std::optional<std::string> wpb;
                         if (v.count("--woonplaatsbeginsel")) wpb = v["--woonplaatsbeginsel"];
                         return db::Afwijzen(c, cfg, id, v["--reden"], wpb, actor, clock);
                       });
       }},
      {"besluit onderzoek", "answer a verzoek with \"in onderzoek\": a 319", kOnderzoekUsage,
       [](const std::vector<std::string>& a) {
         return Decide("besluit onderzoek", a, {},
                       [](db::Connection& c, const db::BesluitConfig& cfg, int64_t id,
                          const std::string& actor, std::map<std::string, std::string>&) {
                         return db::InOnderzoek(c, cfg, id, actor, clock);
                       });
       }},
  };
}

}  // namespace sluis::gateway::cli
