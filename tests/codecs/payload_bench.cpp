// Codec throughput on a generated 323 with 30,000 prestaties (issue: codecs benchmark).
// Reports prestaties/s and MB/s for parse only, parse + level 2, and parse + XSD + level 2,
// plus the process's peak memory. Run with ./ops/bench.
#include <benchmark/benchmark.h>

#include "sluis/codecs/payload.h"
#include "sluis/codecs/rules.h"
#include "sluis/codecs/xsd.h"

#include <malloc.h>
#include <sys/resource.h>

namespace sluis::codecs {
namespace {

constexpr int kPrestaties = 30'000;
// The 9999xxxxx test range holds about 9,000 BSNs that pass the 11-proef: 6,000 clients.
constexpr int kPerClient = 5;

// The n-th test BSN (9999xxxxx) that passes the 11-proef.
std::string TestBsn(int n) {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> v;
    for (int candidate = 999900000; candidate <= 999999999; ++candidate) {
      std::string s = std::to_string(candidate);
      if (PassesElfproef(s)) v.push_back(std::move(s));
    }
    return v;
  }();
  return all.at(static_cast<size_t>(n));
}

Bericht323 Generate() {
  Bericht323 b;
  b.header.gemeente = GemeenteCode("0363");
  b.header.aanbieder = AgbCode("42420001");
  b.header.bericht_identificatie = {"BENCH0001", *Date::Parse("2026-02-03")};
  b.header.xsd_versie = {"1.0.0", "1.0.0"};
  Declaratie& d = b.declaratie;
  d.declaratie_nummer = "D2026BENCH";
  d.declaratie_periode = {*Date::Parse("2026-01-01"), *Date::Parse("2026-01-31")};
  d.declaratie_dagtekening = *Date::Parse("2026-02-03");
  Cents total;
  for (int c = 0; c < kPrestaties / kPerClient; ++c) {
    DeclaratieClient client;
    client.bsn = Bsn(TestBsn(c));
    for (int p = 0; p < kPerClient; ++p) {
      const int n = c * kPerClient + p;
      Prestatie x;
      x.product_referentie.referentie_nummer = ReferentieNummer("P" + std::to_string(1000000 + n));
      x.toewijzing_nummer = ToewijzingNummer(100000 + n);
      x.product_categorie = "01";
      x.product_code = "01A0" + std::to_string(p + 1);  // 01A01..01A05
      x.product_periode = d.declaratie_periode;
      x.geleverd_volume = 10 + n % 7;
      x.eenheid = "04";
      x.product_tarief = Cents(3250);
      x.ingediend_bedrag = {Cents(x.geleverd_volume * 3250), DebetCredit::kDebet};
      total += x.ingediend_bedrag.bedrag;
      client.prestaties.push_back(std::move(x));
    }
    d.clienten.push_back(std::move(client));
  }
  d.totaal_ingediend_bedrag = TotaalBedragMetDC::FromSigned(total);
  return b;
}

const std::string& Document() {
  static const std::string doc = EncodeBericht(Generate());
  return doc;
}

const SchemaSet& Schemas() {
  static auto s = *SchemaSet::Load(SLUIS_BENCH_SHARED_DIR);
  return *s;
}

void Report(benchmark::State& state) {
  state.counters["prestaties/s"] =
      benchmark::Counter(static_cast<double>(kPrestaties) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
  state.counters["MB/s"] = benchmark::Counter(
      static_cast<double>(Document().size()) * static_cast<double>(state.iterations()) / 1e6,
      benchmark::Counter::kIsRate);
  state.counters["doc_MB"] = static_cast<double>(Document().size()) / 1e6;
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  state.counters["peak_RSS_MB"] = static_cast<double>(ru.ru_maxrss) / 1024.0;
}

void BM_Parse(benchmark::State& state) {
  for (auto _ : state) {
    auto b = ParseBericht(Document());
    if (!b) {
      state.SkipWithError(b.error().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(b);
  }
  Report(state);
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ParseLevel2(benchmark::State& state) {
  for (auto _ : state) {
    auto b = ParseBericht(Document());
    if (!b) {
      state.SkipWithError(b.error().ToString().c_str());
      break;
    }
    const auto v = CheckLevel2(*b);
    if (!v.empty()) {
      state.SkipWithError(v[0].message.c_str());
      break;
    }
    benchmark::DoNotOptimize(v);
  }
  Report(state);
}
BENCHMARK(BM_ParseLevel2)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ParseXsdLevel2(benchmark::State& state) {
  Schemas();
  for (auto _ : state) {
    const auto errors = Schemas().ValidatePayload(Domein::kWmo, BerichtType::k323, Document());
    if (!errors.empty()) {
      state.SkipWithError(errors[0].ToString().c_str());
      break;
    }
    auto b = ParseBericht(Document());
    if (!b) {
      state.SkipWithError(b.error().ToString().c_str());
      break;
    }
    const auto v = CheckLevel2(*b);
    benchmark::DoNotOptimize(v);
  }
  Report(state);
}
BENCHMARK(BM_ParseXsdLevel2)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_Encode(benchmark::State& state) {
  const Bericht323 b = Generate();
  const Bericht any = b;
  for (auto _ : state) benchmark::DoNotOptimize(EncodeBericht(any));
  Report(state);
}
BENCHMARK(BM_Encode)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace sluis::codecs

int main(int argc, char** argv) {
  // The same allocator settings as sluisd (gateway/src/process_tuning.cpp): freed memory of
  // one large message is kept for the next instead of being returned to the kernel.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
