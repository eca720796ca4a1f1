// Synthetic data at benchmark size (./ops/bench): a population of 7,000 clients with 5
// toewijzingen each, and its 323 of about 30,000 prestaties, fault-free and with 5% faults.
#include <benchmark/benchmark.h>

#include "sluis/codecs/payload.h"
#include "sluis/workflow/synthetic.h"

namespace sluis::workflow::synth {
namespace {

PopulationOptions BenchOptions() {
  PopulationOptions o;
  o.seed = 2026;
  o.clients = 7000;
  o.aanbieders = 1;
  o.gemeenten = {DefaultGemeenten()[0]};
  o.jeugd_share = 0;
  o.min_toewijzingen_per_client = 5;
  o.max_toewijzingen_per_client = 5;
  o.reference_date = *codecs::Date::Make(2026, 2, 15);
  return o;
}

const Population& BenchPopulation() {
  static const Population p = MakePopulation(BenchOptions());
  return p;
}

DeclaratieRequest BenchRequest() {
  DeclaratieRequest r;
  r.maand = *codecs::Date::Make(2026, 1, 1);
  r.id = {"BENCH1", *codecs::Date::Make(2026, 2, 3)};
  r.xsd = {"1.0.0", "1.0.0"};
  return r;
}

size_t Prestaties(const codecs::Bericht323& b) {
  size_t n = 0;
  for (const auto& c : b.declaratie.clienten) n += c.prestaties.size();
  return n;
}

void BM_MakePopulation(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(MakePopulation(BenchOptions()));
  state.counters["toewijzingen"] = static_cast<double>(BenchPopulation().toewijzingen.size());
}
BENCHMARK(BM_MakePopulation)->Unit(benchmark::kMillisecond);

void MakeDeclaratieBench(benchmark::State& state, double share) {
  const Population& p = BenchPopulation();
  DeclaratieRequest r = BenchRequest();
  r.faults.share = share;
  r.faults.kinds = {FaultKind::kVolumeExceeded,     FaultKind::kWrongTariff,
                    FaultKind::kUnknownToewijzing,  FaultKind::kProductCodeMismatch,
                    FaultKind::kBeforeIngangsdatum, FaultKind::kCreditWithoutDebit};
  size_t n = 0;
  for (auto _ : state) {
    IdGenerator ids;
    auto out = MakeDeclaratie(p, r, ids);
    n = Prestaties(out->bericht);
    benchmark::DoNotOptimize(out);
  }
  state.counters["prestaties"] = static_cast<double>(n);
  state.counters["prestaties/s"] =
      benchmark::Counter(static_cast<double>(n) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
void BM_MakeDeclaratie(benchmark::State& state) { MakeDeclaratieBench(state, 0); }
void BM_MakeDeclaratieFaults(benchmark::State& state) { MakeDeclaratieBench(state, 0.05); }
BENCHMARK(BM_MakeDeclaratie)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MakeDeclaratieFaults)->Unit(benchmark::kMillisecond);

void BM_MakeAndEncodeDeclaratie(benchmark::State& state) {
  const Population& p = BenchPopulation();
  size_t bytes = 0;
  for (auto _ : state) {
    IdGenerator ids;
    const auto out = MakeDeclaratie(p, BenchRequest(), ids);
    bytes = codecs::EncodeBericht(out->bericht).size();
  }
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_MakeAndEncodeDeclaratie)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sluis::workflow::synth

BENCHMARK_MAIN();
