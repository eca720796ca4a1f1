// MakeDeclaratie's faults, credits, determinism and speed.
#include <cmath>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "sluis/workflow/synthetic.h"
#include "sluis/workflow/volume.h"

#include "synthetic_test_util.h"

namespace sluis::workflow::synth {
namespace {

using codecs::Domein;
using codecs::Prestatie;
using test_util::D;
using test_util::Problems;

const codecs::XsdVersie kXsd{"1.0.0", "1.0.0"};

const Population& Shared() {
  static const Population p = [] {
    PopulationOptions o;
    o.seed = 42;
    o.clients = 300;
    o.aanbieders = 6;
    o.reference_date = D("2026-02-15");
    return MakePopulation(o);
  }();
  return p;
}

// The Wmo aanbieder and gemeente with the most prestaties in January 2026.
DeclaratieRequest Busiest() {
  const Population& p = Shared();
  DeclaratieRequest best;
  size_t most = 0;
  for (size_t a = 0; a < p.aanbieders.size(); ++a) {
    for (size_t g = 0; g < p.gemeenten.size(); ++g) {
      DeclaratieRequest r;
      r.aanbieder = a;
      r.gemeente = g;
      r.domein = Domein::kWmo;
      r.maand = D("2026-01-01");
      r.id = {"DCL1", D("2026-02-05")};
      r.xsd = kXsd;
      IdGenerator ids;
      const auto out = MakeDeclaratie(p, r, ids);
      if (!out.ok()) continue;
      size_t n = 0;
      for (const auto& c : out->bericht.declaratie.clienten) n += c.prestaties.size();
      if (n > most) {
        most = n;
        best = r;
      }
    }
  }
  EXPECT_GT(most, 60u);
  return best;
}

std::map<std::string, const Prestatie*> ByLocation(const codecs::Bericht323& b) {
  std::map<std::string, const Prestatie*> out;
  const auto& clienten = b.declaratie.clienten;
  for (size_t ci = 0; ci < clienten.size(); ++ci) {
    for (size_t pi = 0; pi < clienten[ci].prestaties.size(); ++pi) {
      out["/Bericht/Declaratie/Clienten/Client[" + std::to_string(ci + 1) +
          "]/Prestaties/Prestatie[" + std::to_string(pi + 1) + "]"] = &clienten[ci].prestaties[pi];
    }
  }
  return out;
}

class SyntheticFaultTest : public ::testing::TestWithParam<FaultKind> {};

TEST_P(SyntheticFaultTest, PrestatieFaultsPassLevel2AndChangeOnlyTheirPrestatie) {
  const Population& p = Shared();
  const FaultKind kind = GetParam();
  DeclaratieRequest r = Busiest();
  // History for 8021: the references of December's declaratie.
  {
    DeclaratieRequest december = r;
    december.maand = D("2025-12-01");
    IdGenerator ids("H");
    const auto earlier = MakeDeclaratie(p, december, ids);
    ASSERT_TRUE(earlier.ok());
    for (const CreditOf& c : DebitsOf(earlier->bericht)) {
      r.faults.used_referenties.push_back(c.debet.product_referentie.referentie_nummer);
    }
  }
  IdGenerator clean_ids("S");
  const auto clean = MakeDeclaratie(p, r, clean_ids);
  r.faults.share = 0.2;
  r.faults.kinds = {kind};
  IdGenerator ids("S");
  const auto faulty = MakeDeclaratie(p, r, ids);
  ASSERT_TRUE(clean.ok() && faulty.ok());
  const auto before = ByLocation(clean->bericht);
  const auto after = ByLocation(faulty->bericht);
  ASSERT_EQ(before.size(), after.size());

  // Level 3/4 faults: the message is still valid in levels 1 and 2.
  EXPECT_EQ(Problems(faulty->bericht), "");
  const std::vector<InjectedFault>& faults = faulty->faults;
  ASSERT_FALSE(faults.empty());
  if (kind == FaultKind::kUnknownToewijzing || kind == FaultKind::kBeforeIngangsdatum ||
      kind == FaultKind::kCreditWithoutDebit || kind == FaultKind::kReferentieReused) {
    // Every prestatie qualifies: exactly the share.
    EXPECT_EQ(faults.size(), static_cast<size_t>(std::llround(0.2 * before.size())));
  }
  std::set<std::string> locations;
  for (const InjectedFault& f : faults) {
    EXPECT_EQ(f.kind, kind);
    EXPECT_TRUE(locations.insert(f.location).second);
    ASSERT_TRUE(after.count(f.location)) << f.location;
    const Prestatie& x = *after.at(f.location);
    const Prestatie& was = *before.at(f.location);
    ASSERT_TRUE(f.referentie.has_value());
    EXPECT_EQ(x.product_referentie.referentie_nummer, *f.referentie);
    const auto ti = p.FindToewijzing(was.toewijzing_nummer);
    ASSERT_TRUE(ti.has_value());
    const codecs::ToegewezenProduct& tp = p.toewijzingen[*ti].product;
    EXPECT_EQ(f.bsn, p.clients[p.toewijzingen[*ti].client].bsn);
    switch (kind) {
      case FaultKind::kVolumeExceeded: {
        EXPECT_EQ(f.expected_retourcode, "9321");
        EXPECT_EQ(f.rule, "TR321");
        const int64_t max = *workflow::MaxVolumeInPeriod(
            *tp.omvang, x.product_periode, x.product_periode.begindatum, std::nullopt);
        EXPECT_GT(x.geleverd_volume, max);
        if (x.product_categorie == "01") {
          EXPECT_GT(x.geleverd_volume, 6 * tp.omvang->volume);
        }
        if (x.product_tarief && x.eenheid != "01") {
          EXPECT_EQ(x.ingediend_bedrag.bedrag.value(),
                    x.geleverd_volume * x.product_tarief->value());
        }
        break;
      }
      case FaultKind::kWrongTariff:
        EXPECT_EQ(f.expected_retourcode, "0611");
        ASSERT_TRUE(x.product_tarief && was.product_tarief);
        EXPECT_NE(*x.product_tarief, *was.product_tarief);
        EXPECT_EQ(x.ingediend_bedrag.bedrag.value(),
                  x.geleverd_volume * x.product_tarief->value());  // TR346 still holds
        break;
      case FaultKind::kUnknownToewijzing:
        EXPECT_EQ(f.expected_retourcode, "9338");
        EXPECT_FALSE(p.FindToewijzing(x.toewijzing_nummer).has_value());
        break;
      case FaultKind::kProductCodeMismatch:
        EXPECT_EQ(f.expected_retourcode, "9340");
        EXPECT_NE(x.product_code, *tp.product->code);
        EXPECT_EQ(x.product_categorie, tp.product->categorie);
        EXPECT_EQ(x.product_code.substr(0, 2), x.product_categorie);
        break;
      case FaultKind::kBeforeIngangsdatum:
        EXPECT_EQ(f.expected_retourcode, "9307");
        EXPECT_LT(x.product_periode.begindatum, tp.ingangsdatum);
        EXPECT_LE(x.product_periode.einddatum, D("2026-01-31"));
        break;
      case FaultKind::kCreditWithoutDebit: {
        EXPECT_EQ(f.expected_retourcode, "8017");
        EXPECT_EQ(x.ingediend_bedrag.debet_credit, codecs::DebetCredit::kCredit);
        ASSERT_TRUE(x.product_referentie.vorig_referentie_nummer.has_value());
        for (const auto& [loc, y] : after) {
          EXPECT_NE(y->product_referentie.referentie_nummer,
                    *x.product_referentie.vorig_referentie_nummer);
        }
        for (const auto& used : r.faults.used_referenties) {
          EXPECT_NE(used, *x.product_referentie.vorig_referentie_nummer);
        }
        break;
      }
      case FaultKind::kReferentieReused:
        EXPECT_EQ(f.expected_retourcode, "8021");
        EXPECT_NE(std::find(r.faults.used_referenties.begin(), r.faults.used_referenties.end(),
                            x.product_referentie.referentie_nummer),
                  r.faults.used_referenties.end());
        break;
      default:
        FAIL();
    }
  }
  // Exactly the listed prestaties differ from the fault-free declaratie.
  for (const auto& [loc, x] : after) {
    EXPECT_EQ(!(*x == *before.at(loc)), locations.count(loc) == 1) << loc;
  }
  EXPECT_EQ(Problems(clean->bericht), "");
}

INSTANTIATE_TEST_SUITE_P(Kinds, SyntheticFaultTest,
                         ::testing::Values(FaultKind::kVolumeExceeded, FaultKind::kWrongTariff,
                                           FaultKind::kUnknownToewijzing,
                                           FaultKind::kProductCodeMismatch,
                                           FaultKind::kBeforeIngangsdatum,
                                           FaultKind::kCreditWithoutDebit,
                                           FaultKind::kReferentieReused),
                         [](const ::testing::TestParamInfo<FaultKind>& i) {
                           return std::string(FaultKindName(i.param));
                         });

TEST(SyntheticMessageFaultTest, BadBsnAndWrongTotalFailLevel2WithTheirRule) {
  const Population& p = Shared();
  DeclaratieRequest r = Busiest();
  r.faults.share = 0.05;
  r.faults.kinds = {FaultKind::kBadBsn};
  IdGenerator a;
  const auto bad_bsn = MakeDeclaratie(p, r, a);
  ASSERT_TRUE(bad_bsn.ok());
  ASSERT_EQ(bad_bsn->faults.size(), 1u);
  const InjectedFault& f = bad_bsn->faults[0];
  EXPECT_EQ(f.rule, "CS002");
  EXPECT_EQ(f.expected_retourcode, "0001");
  EXPECT_FALSE(codecs::PassesElfproef(f.bsn.str()));
  std::vector<codecs::RuleViolation> v = codecs::CheckLevel2(bad_bsn->bericht);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].rule, "CS002");
  EXPECT_EQ(v[0].location, f.location);
  EXPECT_TRUE(test_util::Schemas()
                  .ValidatePayload(Domein::kWmo, codecs::BerichtType::k323,
                                   codecs::EncodeBericht(bad_bsn->bericht))
                  .empty());

  r.faults.kinds = {FaultKind::kWrongTotal};
  IdGenerator b;
  const auto wrong_total = MakeDeclaratie(p, r, b);
  ASSERT_TRUE(wrong_total.ok());
  ASSERT_EQ(wrong_total->faults.size(), 1u);
  v = codecs::CheckLevel2(wrong_total->bericht);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].rule, "TR358");
  EXPECT_EQ(v[0].location, wrong_total->faults[0].location);
  EXPECT_EQ(wrong_total->faults[0].location, "/Bericht/Declaratie/TotaalIngediendBedrag");

  // Mixed: prestatie faults plus both message faults; the level-2 ones are what level 2 sees.
  r.faults.kinds = {FaultKind::kVolumeExceeded, FaultKind::kBadBsn, FaultKind::kWrongTotal};
  IdGenerator c;
  const auto mixed = MakeDeclaratie(p, r, c);
  ASSERT_TRUE(mixed.ok());
  std::multiset<std::string> rules, level2;
  for (const InjectedFault& x : mixed->faults) rules.insert(x.rule);
  for (const auto& x : codecs::CheckLevel2(mixed->bericht)) level2.insert(x.rule);
  EXPECT_EQ(level2, (std::multiset<std::string>{"CS002", "TR358"}));
  EXPECT_EQ(rules.count("CS002"), 1u);
  EXPECT_EQ(rules.count("TR358"), 1u);
  EXPECT_GE(rules.count("TR321"), 1u);
  // No share, no faults, whatever the kinds.
  r.faults.share = 0;
  IdGenerator d;
  const auto none = MakeDeclaratie(p, r, d);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->faults.empty());
  EXPECT_EQ(Problems(none->bericht), "");
}

TEST(SyntheticCreditTest, CreditsOfEarlierDebits) {
  const Population& p = Shared();
  DeclaratieRequest r = Busiest();
  r.maand = D("2025-12-01");
  IdGenerator ids("C");
  const auto december = MakeDeclaratie(p, r, ids);
  ASSERT_TRUE(december.ok());
  const std::vector<CreditOf> all = DebitsOf(december->bericht);
  ASSERT_GE(all.size(), 3u);
  const std::vector<codecs::ReferentieNummer> three = {
      all[0].debet.product_referentie.referentie_nummer,
      all[1].debet.product_referentie.referentie_nummer,
      all[2].debet.product_referentie.referentie_nummer};

  // A pure credit declaratie in January for three of December's debits.
  DeclaratieRequest credit = r;
  credit.maand = D("2026-01-01");
  credit.id = {"DCL2", D("2026-02-05")};
  credit.debits = false;
  credit.credits = DebitsOf(december->bericht, three);
  ASSERT_EQ(credit.credits.size(), 3u);
  const auto out = MakeDeclaratie(p, credit, ids);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(Problems(out->bericht), "");
  codecs::Cents credited;
  std::set<codecs::ReferentieNummer> vorige;
  for (const auto& c : out->bericht.declaratie.clienten) {
    for (const Prestatie& x : c.prestaties) {
      EXPECT_EQ(x.ingediend_bedrag.debet_credit, codecs::DebetCredit::kCredit);
      vorige.insert(*x.product_referentie.vorig_referentie_nummer);
      EXPECT_EQ(x.product_periode.begindatum.month(), 12);
      credited += x.ingediend_bedrag.bedrag;
    }
  }
  EXPECT_EQ(vorige, std::set<codecs::ReferentieNummer>(three.begin(), three.end()));
  EXPECT_EQ(out->bericht.declaratie.totaal_ingediend_bedrag.debet_credit,
            codecs::DebetCredit::kCredit);
  EXPECT_EQ(out->bericht.declaratie.totaal_ingediend_bedrag.Signed(), -credited);
  EXPECT_GT(credited.value(), 0);

  // Credit all of December and declare it again in one message (OP366: credits first).
  DeclaratieRequest again = r;
  again.id = {"DCL3", D("2026-02-06")};
  again.credits = all;
  const auto redo = MakeDeclaratie(p, again, ids);
  ASSERT_TRUE(redo.ok());
  EXPECT_EQ(Problems(redo->bericht), "");
  EXPECT_EQ(redo->bericht.declaratie.totaal_ingediend_bedrag.Signed().value(), 0);
  EXPECT_EQ(
      redo->bericht.declaratie.clienten.front().prestaties.front().ingediend_bedrag.debet_credit,
      codecs::DebetCredit::kCredit);
}

TEST(SyntheticDeterminismTest, SameRequestSameBytes) {
  const Population& p = Shared();
  DeclaratieRequest r = Busiest();
  r.faults.share = 0.1;
  r.faults.kinds = {FaultKind::kVolumeExceeded, FaultKind::kWrongTariff};
  IdGenerator a, b, c;
  const auto x = MakeDeclaratie(p, r, a);
  const auto y = MakeDeclaratie(p, r, b);
  r.seed = 99;
  const auto z = MakeDeclaratie(p, r, c);
  ASSERT_TRUE(x.ok() && y.ok() && z.ok());
  EXPECT_EQ(codecs::EncodeBericht(x->bericht), codecs::EncodeBericht(y->bericht));
  EXPECT_EQ(x->faults, y->faults);
  EXPECT_NE(codecs::EncodeBericht(x->bericht), codecs::EncodeBericht(z->bericht));
}

// The benchmark size: 7,000 clients with 5 toewijzingen each, most of them active in the
// month before the reference date.
TEST(SyntheticSizeTest, ThirtyThousandPrestatiesStayValid) {
  PopulationOptions o;
  o.seed = 2026;
  o.clients = 7000;
  o.aanbieders = 1;
  o.gemeenten = {DefaultGemeenten()[0]};
  o.jeugd_share = 0;
  o.min_toewijzingen_per_client = 5;
  o.max_toewijzingen_per_client = 5;
  o.reference_date = D("2026-02-15");
  const Population p = MakePopulation(o);
  ASSERT_EQ(p.toewijzingen.size(), 35'000u);
  DeclaratieRequest r;
  r.maand = D("2026-01-01");
  r.id = {"BENCH1", D("2026-02-03")};
  r.xsd = kXsd;
  IdGenerator ids;
  const auto out = MakeDeclaratie(p, r, ids);
  ASSERT_TRUE(out.ok());
  size_t n = 0;
  for (const auto& c : out->bericht.declaratie.clienten) n += c.prestaties.size();
  EXPECT_GE(n, 30'000u);
  EXPECT_GT(out->bericht.declaratie.clienten.size(), 6'500u);
  EXPECT_TRUE(codecs::CheckLevel2(out->bericht).empty());
}

}  // namespace
}  // namespace sluis::workflow::synth
