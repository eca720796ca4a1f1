// ./ops/bench: a 323 of about 31,000 prestaties judged against 35,000 toewijzingen in PostgreSQL
// (the 30,000 x 30,000 case), recorded in workflow/README.md.
//
//   BM_JudgeInDatabase  (a) levels 3 and 4 against the database with the outcome persisted: the
//                       facts loaded (one query per kind), Beoordeel, declaratie and prestaties
//                       written. Manual time = those three phases of Inbox::ProcessNext.
//   BM_BytesTo325       (b) from the 323's bytes to the 325's bytes with every level on: XSD and
//                       level 2 (ValidateDocument), registered, claimed, parsed, judged, stored,
//                       the 325 built, checked (XSD, TR rules) and queued, committed, read back.
//
// Needs SLUIS_BENCH_DB_URL (./ops/bench starts a throwaway cluster); works in a schema of its
// own. peak_rss_MB is this process (the PostgreSQL server's memory is not included).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <benchmark/benchmark.h>
#include <pqxx/pqxx>

#include "sluis/codecs/payload.h"
#include "sluis/codecs/validate.h"
#include "sluis/db/berichten.h"
#include "sluis/db/inbox.h"
#include "sluis/db/migrations.h"
#include "sluis/workflow/synthetic.h"

#include "synthetic_db.h"
#include <sys/resource.h>
#include <unistd.h>

namespace sluis::db {
namespace {

namespace synth = workflow::synth;

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

synth::PopulationOptions BenchOptions() {
  synth::PopulationOptions o;
  o.seed = 2026;
  o.clients = 7000;
  o.aanbieders = 1;
  o.gemeenten = {synth::DefaultGemeenten()[0]};
  o.jeugd_share = 0;
  o.min_toewijzingen_per_client = 5;
  o.max_toewijzingen_per_client = 5;
  o.reference_date = *codecs::Date::Make(2026, 2, 15);
  return o;
}

struct World {
  std::string error;  // set when the world could not be built
  std::string url;
  std::unique_ptr<pqxx::connection> admin;
  std::unique_ptr<Connection> conn;
  std::shared_ptr<const codecs::SchemaSet> schemas;
  synth::Population population;
  codecs::Bericht323 declaratie;
  std::string bytes;
  size_t prestaties = 0;
  double import_s = 0;

  // Back to the imported population: no declaraties, no berichten.
  void Reset() {
    pqxx::work tx(*admin);
    // TRUNCATE: deleting 31,000 prestaties row by row checks their self-reference each time.
    tx.exec("TRUNCATE prestatie, declaratie, betaalregel_declaratie; DELETE FROM bericht;");
    tx.commit();
  }
};

World& TheWorld() {
  static World world = [] {
    World w;
    const char* base = std::getenv("SLUIS_BENCH_DB_URL");
    if (base == nullptr || *base == '\0') {
      w.error = "SLUIS_BENCH_DB_URL is not set (./ops/bench sets it)";
      return w;
    }
    const std::string schema = "bench_" + std::to_string(getpid());
    {
      pqxx::connection c(base);
      pqxx::work tx(c);
      tx.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
      tx.commit();
    }
    const std::string b(base);
    w.url =
        b + (b.find('?') == std::string::npos ? '?' : '&') + "options=-csearch_path%3D" + schema;
    w.admin = std::make_unique<pqxx::connection>(w.url);
    w.conn = std::make_unique<Connection>(w.url);
    Migrate(*w.conn);
    auto schemas = codecs::SchemaSet::Load(SLUIS_BENCH_SHARED_DIR);
    if (!schemas.ok()) {
      w.error = schemas.error().ToString();
      return w;
    }
    w.schemas = *schemas;
    w.population = synth::MakePopulation(BenchOptions());
    const auto start = std::chrono::steady_clock::now();
    w.error = testing::ImportPopulation(*w.conn, w.population);
    w.import_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!w.error.empty()) return w;

    synth::DeclaratieRequest r;
    r.maand = *codecs::Date::Make(2026, 1, 1);
    r.id = {"BENCH1", *codecs::Date::Make(2026, 2, 3)};
    r.xsd = {w.schemas->BerichtXsdVersie(codecs::Domein::kWmo, codecs::BerichtType::k323),
             w.schemas->BasisschemaXsdVersie(codecs::Domein::kWmo)};
    synth::IdGenerator ids("B");
    auto made = synth::MakeDeclaratie(w.population, r, ids);
    if (!made.ok()) {
      w.error = made.error().ToString();
      return w;
    }
    w.declaratie = made->bericht;
    w.bytes = codecs::EncodeBericht(codecs::Bericht(w.declaratie));
    for (const auto& c : w.declaratie.declaratie.clienten) w.prestaties += c.prestaties.size();
    std::printf("population: %zu toewijzingen imported in %.2f s; 323: %zu prestaties, %.1f MB\n",
                w.population.toewijzingen.size(), w.import_s, w.prestaties,
                static_cast<double>(w.bytes.size()) / 1e6);
    return w;
  }();
  return world;
}

const workflow::TimePoint kOntvangen =
    workflow::DutchMidnight(*codecs::Date::Make(2026, 2, 3)) + std::chrono::hours(10);

InboxConfig Config(const World& w) { return {w.schemas, workflow::WorkingDayCalendar(), {}}; }

void BM_JudgeInDatabase(benchmark::State& state) {
  World& w = TheWorld();
  if (!w.error.empty()) return state.SkipWithError(w.error.c_str());
  Inbox inbox(Config(w));
  workflow::ManualClock clock(kOntvangen);
  InboxPhases total;
  for (auto _ : state) {
    w.Reset();
    testing::Receive323(*w.conn, w.declaratie, w.bytes, kOntvangen);
    const auto r = inbox.ProcessNext(*w.conn, clock);
    if (!r || r->outcome != "processed") return state.SkipWithError("not processed");
    const InboxPhases& p = r->phases;
    state.SetIterationTime((p.feiten_ms + p.oordeel_ms + p.opslaan_ms) / 1000.0);
    total.feiten_ms += p.feiten_ms;
    total.oordeel_ms += p.oordeel_ms;
    total.opslaan_ms += p.opslaan_ms;
  }
  const double n = static_cast<double>(state.iterations());
  const double judged_s = (total.feiten_ms + total.oordeel_ms + total.opslaan_ms) / 1000.0;
  state.counters["prestaties"] = static_cast<double>(w.prestaties);
  state.counters["prestaties_per_s"] = static_cast<double>(w.prestaties) * n / judged_s;
  state.counters["feiten_ms"] = total.feiten_ms / n;
  state.counters["oordeel_ms"] = total.oordeel_ms / n;
  state.counters["opslaan_ms"] = total.opslaan_ms / n;
  state.counters["peak_rss_MB"] = PeakRssMb();
}
BENCHMARK(BM_JudgeInDatabase)->UseManualTime()->Unit(benchmark::kMillisecond)->MinTime(5);

void BM_BytesTo325(benchmark::State& state) {
  World& w = TheWorld();
  if (!w.error.empty()) return state.SkipWithError(w.error.c_str());
  Inbox inbox(Config(w));
  workflow::ManualClock clock(kOntvangen);
  size_t answer_bytes = 0;
  InboxPhases total;
  for (auto _ : state) {
    state.PauseTiming();
    w.Reset();
    state.ResumeTiming();
    const codecs::ValidationReport report = codecs::ValidateDocument(*w.schemas, w.bytes);
    if (!report.valid()) return state.SkipWithError("the 323 does not validate");
    const auto parsed = codecs::ParseBericht(w.bytes);
    if (!parsed) return state.SkipWithError("the 323 does not parse");
    testing::Receive323(*w.conn, std::get<codecs::Bericht323>(*parsed), w.bytes, kOntvangen);
    const auto r = inbox.ProcessNext(*w.conn, clock);
    if (!r || r->answers.empty()) return state.SkipWithError("no 325");
    const auto answer = LoadBericht(*w.conn, r->answers.front());
    if (!answer) return state.SkipWithError("325 not stored");
    answer_bytes = answer->payload.size();
    benchmark::DoNotOptimize(answer->payload.data());
    total.claim_ms += r->phases.claim_ms;
    total.antwoord_ms += r->phases.antwoord_ms;
    total.commit_ms += r->phases.commit_ms;
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["prestaties"] = static_cast<double>(w.prestaties);
  state.counters["claim_parse_ms"] = total.claim_ms / n;
  state.counters["antwoord_ms"] = total.antwoord_ms / n;
  state.counters["commit_ms"] = total.commit_ms / n;
  state.counters["325_kB"] = static_cast<double>(answer_bytes) / 1e3;
  state.counters["peak_rss_MB"] = PeakRssMb();
}
BENCHMARK(BM_BytesTo325)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(5);

}  // namespace
}  // namespace sluis::db

BENCHMARK_MAIN();
