// The generator and the judge agree, through PostgreSQL: a synthetic population imported with
// `sluis import`'s code path, its fault-free 323s fully approved, and every injected fault
// rejected with the code the generator expects (and nothing else rejected).
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "sluis/codecs/payload.h"
#include "sluis/db/berichten.h"
#include "sluis/db/inbox.h"
#include "sluis/workflow/synthetic.h"

#include "examples.h"
#include "pg_schema.h"
#include "synthetic_db.h"
#include "test_env.h"

namespace sluis::db {
namespace {

namespace synth = workflow::synth;
using testing::D;

synth::PopulationOptions Options() {
  synth::PopulationOptions o;
  o.seed = 7;
  o.clients = 400;
  o.aanbieders = 3;
  o.reference_date = D("2026-02-15");
  return o;
}

const synth::Population& Population() {
  static const synth::Population p = synth::MakePopulation(Options());
  return p;
}

InboxConfig Config() {
  static const auto schemas = *codecs::SchemaSet::Load(testing::SharedDir());
  return {schemas, workflow::WorkingDayCalendar(), {}};
}

synth::DeclaratieRequest Request(codecs::Domein domein, const char* ident) {
  synth::DeclaratieRequest r;
  r.domein = domein;
  r.maand = D("2026-01-01");
  r.id = {ident, D("2026-02-03")};
  r.xsd = {"1.0.0", "1.0.0"};
  return r;
}

// Receives and judges `b`; returns the retourcodes per ReferentieNummer.
std::map<std::string, std::vector<std::string>> Judge(Connection& conn,
                                                      const codecs::Bericht323& b) {
  const auto at = workflow::DutchMidnight(D("2026-02-03")) + std::chrono::hours(10);
  const int64_t id = testing::Receive323(conn, b, codecs::EncodeBericht(codecs::Bericht(b)), at);
  Inbox inbox(Config());
  workflow::ManualClock clock(at);
  const auto result = inbox.ProcessNext(conn, clock);
  EXPECT_TRUE(result.has_value());
  if (result) {
    EXPECT_EQ(result->outcome, "processed") << result->detail;
  }
  const auto d = LoadDeclaratieByBericht(conn, id);
  EXPECT_TRUE(d.has_value());
  std::map<std::string, std::vector<std::string>> out;
  if (d) {
    EXPECT_TRUE(d->afgewezen_codes.empty());
    for (const auto& p : d->prestaties) out[p.referentienummer] = p.retourcodes;
  }
  return out;
}

TEST(SyntheticInboxTest, PopulationImportsAndFaultFree323sAreFullyApproved) {
  testing::TestSchema s;
  Connection conn(s.url());
  ASSERT_EQ(testing::ImportPopulation(conn, Population()), "");
  EXPECT_EQ(s.Query("SELECT count(*) FROM toewijzing"),
            std::to_string(Population().toewijzingen.size()));

  for (const auto domein : {codecs::Domein::kWmo, codecs::Domein::kJeugd}) {
    synth::IdGenerator ids(domein == codecs::Domein::kWmo ? "W" : "J");
    const auto made = synth::MakeDeclaratie(
        Population(), Request(domein, domein == codecs::Domein::kWmo ? "SW1" : "SJ1"), ids);
    ASSERT_TRUE(made.ok()) << made.error().ToString();
    const auto codes = Judge(conn, made->bericht);
    ASSERT_GT(codes.size(), 20u);
    for (const auto& [ref, c] : codes) EXPECT_TRUE(c.empty()) << ref << ": " << c.front();
  }
}

TEST(SyntheticInboxTest, EveryInjectedFaultGetsItsCodeAndNothingElseIsRejected) {
  testing::TestSchema s;
  Connection conn(s.url());
  ASSERT_EQ(testing::ImportPopulation(conn, Population()), "");
  synth::DeclaratieRequest r = Request(codecs::Domein::kWmo, "SF1");
  r.faults.share = 0.1;
  r.faults.kinds = {synth::FaultKind::kVolumeExceeded,     synth::FaultKind::kWrongTariff,
                    synth::FaultKind::kUnknownToewijzing,  synth::FaultKind::kProductCodeMismatch,
                    synth::FaultKind::kBeforeIngangsdatum, synth::FaultKind::kCreditWithoutDebit};
  synth::IdGenerator ids("F");
  const auto made = synth::MakeDeclaratie(Population(), r, ids);
  ASSERT_TRUE(made.ok()) << made.error().ToString();
  std::set<synth::FaultKind> kinds;
  std::map<std::string, std::string> expected;  // ReferentieNummer -> retourcode
  for (const auto& f : made->faults) {
    kinds.insert(f.kind);
    expected[f.referentie->str()] = f.expected_retourcode;
  }
  EXPECT_EQ(kinds.size(), r.faults.kinds.size());

  const auto codes = Judge(conn, made->bericht);
  for (const auto& [ref, c] : codes) {
    const auto e = expected.find(ref);
    if (e == expected.end()) {
      EXPECT_TRUE(c.empty()) << ref << " rejected without a fault: " << c.front();
    } else {
      EXPECT_NE(std::find(c.begin(), c.end(), e->second), c.end())
          << ref << " should carry " << e->second;
    }
  }
}

}  // namespace
}  // namespace sluis::db
