// ggk-sim: the GGk simulator (gateway/sim/simulator.h) as a program. Serves an ebMS endpoint
// that acknowledges and keeps what Sluis sends, and optionally sends generated traffic as a
// bounded load. Logs are JSON lines on stdout; the load report is one line with
// "event":"load_report".
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "sluis/workflow/clock.h"

#include "clock.h"
#include "log.h"
#include "simulator.h"
#include "story.h"
#include "synthetic_traffic.h"
#include "traffic.h"
#include <pthread.h>

namespace {

constexpr char kUsage[] =
    "usage: ggk-sim --cpa FILE --party-id OIN --cert PEM --key PEM --ca PEM [options]\n"
    "       ggk-sim --write-reference DIR [population options]\n"
    "\n"
    "Plays the GGk for Sluis: an ebMS2 endpoint (two-way TLS) that acknowledges everything\n"
    "Sluis sends (per the CPA: in the HTTP answer or asynchronously) and keeps it, answers the\n"
    "301s and 319s it receives with an approving 302/320 (as the aanbieder's system would), and\n"
    "sends generated iWmo/iJw traffic: by default from a synthetic population of clients and\n"
    "toewijzingen (305, 307, 315, 317 and monthly 323s), whose reference data --write-reference\n"
    "writes as the CSV files of `sluis import reference DIR`.\n"
    "\n"
    "  --cpa FILE            the CPA (e.g. from `sluis cpa dev`)\n"
    "  --party-id OIN        the simulator's PartyId in it\n"
    "  --cert/--key/--ca     its TLS certificate chain, key, and the CA bundle it trusts\n"
    "  --listen ADDR:PORT    where to listen (default 127.0.0.1:0, the port is logged)\n"
    "  --peer-url URL        Sluis' ebMS endpoint (default: from the CPA)\n"
    "  --store DIR           keep every received message as files in DIR (received.jsonl)\n"
    "  --threads N           I/O threads (default 1)\n"
    "Load (sending starts when one of --count, --duration or --rate is given):\n"
    "  --count N             send N messages\n"
    "  --duration SECONDS    send for this long\n"
    "  --rate PER_SECOND     pace the sending (default: as fast as --concurrency allows)\n"
    "  --concurrency N       messages in flight (default 32)\n"
    "  --traffic KIND        synthetic (default) or examples (the official example messages\n"
    "                        with new identities)\n"
    "  --types 305,323       synthetic: which berichttypes (default 305,307,315,317,323)\n"
    "  --months N            synthetic: declare the N months before the reference date (3)\n"
    "  --id-prefix XYZ       synthetic: in every identity, to keep runs apart (default: from\n"
    "                        the time of day)\n"
    "  --story FILE          synthetic: go on where the last run with this FILE stopped: tell\n"
    "                        nothing twice (one 305/307 per toewijzing, one 323 per month),\n"
    "                        date the messages today, and stop when there is nothing new to\n"
    "                        tell. Without it every round repeats the first (a load test)\n"
    "  --functies A,B        examples: which (default WMO/JW 305,307,315,317,323)\n"
    "  --faults SHARE        share of messages with a fault, 0..1 (default 0): a 323 gets\n"
    "                        prestaties Sluis must refuse, anything else fails its XSD\n"
    "  --seed N              reproducible choices and faults (default 1)\n"
    "Population (synthetic traffic and --write-reference; use the same values for both):\n"
    "  --population-seed N   (default 1)\n"
    "  --clients N           (default 200)\n"
    "  --reference-date D    YYYY-MM-DD, the population's today and (without --story) the\n"
    "                        Dagtekening of everything (default: today)\n"
    "  --shared DIR          the reference material (default: SLUIS_SHARED)\n"
    "  --drain SECONDS       wait this long for outstanding Acknowledgments (default 10)\n"
    "  --wait-answers        and (within --drain) for the 306 to every 305 sent\n"
    "  --exit-after-load     stop after the load instead of serving on\n"
    "SIGTERM/SIGINT stop. Exit status: 0 done, 1 the load had failures, 2 usage.\n";

struct Args {
  std::map<std::string, std::string> values;
  bool exit_after_load = false;
  bool wait_answers = false;
};

bool Parse(int argc, char** argv, Args& a) {
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    if (k == "--help" || k == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    if (k == "--exit-after-load") {
      a.exit_after_load = true;
      continue;
    }
    if (k == "--wait-answers") {
      a.wait_answers = true;
      continue;
    }
    if (k.rfind("--", 0) != 0 || i + 1 >= argc) {
      std::fprintf(stderr, "ggk-sim: unexpected argument '%s'\n%s", k.c_str(), kUsage);
      return false;
    }
    a.values[k.substr(2)] = argv[++i];
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sluis;
  Args args;
  if (!Parse(argc, argv, args)) return 2;
  auto get = [&](const std::string& k, const std::string& def = "") {
    auto it = args.values.find(k);
    return it == args.values.end() ? def : it->second;
  };
  static const char* kKnown[] = {
      "cpa",         "party-id",       "cert",           "key",       "ca",       "listen",
      "peer-url",    "store",          "threads",        "count",     "duration", "rate",
      "concurrency", "functies",       "faults",         "seed",      "shared",   "drain",
      "traffic",     "types",          "months",         "id-prefix", "story",    "population-seed",
      "clients",     "reference-date", "write-reference"};
  for (const auto& [k, v] : args.values) {
    if (std::find(std::begin(kKnown), std::end(kKnown), k) == std::end(kKnown)) {
      std::fprintf(stderr, "ggk-sim: unknown option --%s\n%s", k.c_str(), kUsage);
      return 2;
    }
  }
  // The population: the same options give the same clients and toewijzingen.
  const gateway::SystemClock clock;
  workflow::synth::PopulationOptions population;
  population.seed = std::strtoull(get("population-seed", "1").c_str(), nullptr, 10);
  population.clients = std::strtoull(get("clients", "200").c_str(), nullptr, 10);
  population.reference_date = workflow::DutchDate(clock.Now());
  if (const std::string d = get("reference-date"); !d.empty()) {
    int y = 0, m = 0, day = 0;
    std::optional<codecs::Date> parsed;
    if (std::sscanf(d.c_str(), "%4d-%2d-%2d", &y, &m, &day) == 3) {
      parsed = codecs::Date::Make(y, m, day);
    }
    if (!parsed) {
      std::fprintf(stderr, "ggk-sim: --reference-date: expected YYYY-MM-DD, got '%s'\n", d.c_str());
      return 2;
    }
    population.reference_date = *parsed;
  }
  if (const std::string dir = get("write-reference"); !dir.empty()) {
    std::filesystem::create_directories(dir);
    for (const auto& [name, content] :
         sim::ReferenceCsvs(workflow::synth::MakePopulation(population))) {
      std::ofstream out(dir + "/" + name, std::ios::binary);
      out << content;
      if (!out) {
        std::fprintf(stderr, "ggk-sim: cannot write %s/%s\n", dir.c_str(), name.c_str());
        return 2;
      }
    }
    std::printf("ggk-sim: reference data of %zu clients (reference date %s) in %s\n",
                population.clients, population.reference_date.ToString().c_str(), dir.c_str());
    return 0;
  }

  sim::SimulatorOptions o;
  o.cpa_file = get("cpa");
  o.party_id = get("party-id");
  o.tls = {get("cert"), get("key"), get("ca")};
  if (o.cpa_file.empty() || o.party_id.empty() || o.tls.cert_file.empty() ||
      o.tls.key_file.empty() || o.tls.ca_file.empty()) {
    std::fprintf(stderr, "ggk-sim: --cpa, --party-id, --cert, --key and --ca are required\n");
    return 2;
  }
  const std::string listen = get("listen", "127.0.0.1:0");
  const size_t colon = listen.rfind(':');
  o.listen_address = listen.substr(0, colon);
  o.port =
      colon == std::string::npos ? 0 : static_cast<uint16_t>(std::atoi(listen.c_str() + colon + 1));
  o.peer_url = get("peer-url");
  o.store_dir = get("store");
  o.io_threads = static_cast<uint32_t>(std::atoi(get("threads", "1").c_str()));
  // The aanbieders approve what the gemeente sends them (301 -> 302, 319 -> 320).
  // IdentificatieRetour: 12 characters, counting from the time, unique across runs.
  auto answers = std::make_shared<std::atomic<uint64_t>>(
      static_cast<uint64_t>(
          std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count() %
          100000000) *
      1000);
  o.answer = [answers, &clock](const sim::ReceivedMessage& m) -> std::optional<sim::TrafficItem> {
    char id[16];
    std::snprintf(id, sizeof id, "A%011llu", static_cast<unsigned long long>(++*answers));
    return sim::AnswerTo(m.functie, m.payload, m.referentienummer, workflow::DutchDate(clock.Now()),
                         id);
  };

  // Block the stop signals before any thread starts, then wait for them here.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  std::unique_ptr<sim::Simulator> simulator;
  try {
    simulator = std::make_unique<sim::Simulator>(o);
    simulator->Start();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ggk-sim: %s\n", e.what());
    return 2;
  }
  gateway::LogInfo("sim_ready", {{"url", simulator->url()}, {"party_id", o.party_id}});

  int rc = 0;
  const bool load =
      args.values.count("count") || args.values.count("duration") || args.values.count("rate");
  if (load) {
    sim::ExampleTrafficOptions t;
    t.shared_dir = get("shared", std::getenv("SLUIS_SHARED") ? std::getenv("SLUIS_SHARED") : "");
    if (auto f = get("functies"); !f.empty()) {
      t.functies.clear();
      std::stringstream list(f);
      for (std::string x; std::getline(list, x, ',');) t.functies.push_back(x);
    }
    t.fault_share = std::atof(get("faults", "0").c_str());
    t.seed = std::strtoull(get("seed", "1").c_str(), nullptr, 10);
    sim::LoadOptions l;
    l.count = std::strtoull(get("count", "0").c_str(), nullptr, 10);
    l.duration_seconds = std::atof(get("duration", "0").c_str());
    l.rate = std::atof(get("rate", "0").c_str());
    l.concurrency = static_cast<uint32_t>(std::atoi(get("concurrency", "32").c_str()));
    l.drain_seconds = std::atof(get("drain", "10").c_str());
    l.wait_answers = args.wait_answers;
    if (l.count == 0 && l.duration_seconds <= 0) {
      std::fprintf(stderr, "ggk-sim: a load needs --count or --duration (a bound)\n");
      return 2;
    }
    const std::string traffic = get("traffic", "synthetic");
    try {
      std::unique_ptr<sim::TrafficSource> source;
      if (traffic == "examples") {
        source = sim::MakeExampleTraffic(t);
      } else if (traffic == "synthetic") {
        sim::SyntheticTrafficOptions so;
        so.population = population;
        so.fault_share = t.fault_share;
        so.seed = t.seed;
        so.months = std::atoi(get("months", "3").c_str());
        so.id_prefix = get("id-prefix");
        so.story_file = get("story");
        if (!so.story_file.empty()) so.today = workflow::DutchDate(clock.Now());
        if (so.id_prefix.empty()) {
          // From the clock: separate runs, separate identities.
          so.id_prefix = sim::Base36Prefix(static_cast<uint64_t>(
              std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch())
                  .count()));
        }
        if (auto types = get("types"); !types.empty()) {
          std::stringstream list(types);
          for (std::string x; std::getline(list, x, ',');) so.types.push_back(x);
        }
        source = sim::MakeSyntheticTraffic(so);
      } else {
        std::fprintf(stderr, "ggk-sim: --traffic must be synthetic or examples\n");
        return 2;
      }
      const sim::LoadReport r = simulator->RunLoad(*source, l);
      std::printf("{\"event\":\"load_report\",\"report\":%s}\n", r.ToJson().c_str());
      std::fflush(stdout);
      if (r.failed > 0 || r.acknowledged + r.message_errors < r.sent) rc = 1;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "ggk-sim: %s\n", e.what());
      return 2;
    }
  }
  if (!load || !args.exit_after_load) {
    int sig = 0;
    sigwait(&stop, &sig);
    gateway::LogInfo("stopping", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
  }
  simulator->Stop();
  simulator.reset();
  gateway::LogInfo("stopped");
  return rc;
}
