#include <chrono>
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

std::string DomeinParamName(const ::testing::TestParamInfo<Domein>& i) {
  return std::string(codecs::DomeinName(i.param));
}

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

DeclaratieRequest Request(size_t aanbieder, size_t gemeente, Domein d, const char* maand) {
  DeclaratieRequest r;
  r.aanbieder = aanbieder;
  r.gemeente = gemeente;
  r.domein = d;
  r.maand = D(maand);
  r.id = {"DCL1", r.maand.LastOfMonth().AddDays(5)};
  r.xsd = kXsd;
  return r;
}

// Independent of the generator: ISO weeks as distinct (year, week) pairs over the days.
int64_t Weeks(codecs::Date b, codecs::Date e) {
  std::set<codecs::Date::IsoWeek> weeks;
  for (codecs::Date d = b; d <= e; d = d.AddDays(1)) weeks.insert(d.iso_week());
  return static_cast<int64_t>(weeks.size());
}

const Tarief* ContractTariff(const Population& p, const codecs::AgbCode& agb, Domein d,
                             const std::string& code, const std::string& eenheid, codecs::Date on) {
  for (const Tarief& t : p.tarieven) {
    if (t.agb == agb && t.domein == d && t.code == code && t.eenheid == eenheid &&
        t.ingangsdatum <= on && (!t.einddatum || on <= *t.einddatum)) {
      return &t;
    }
  }
  return nullptr;
}

bool ActiveIn(const codecs::ToegewezenProduct& t, codecs::Date first, codecs::Date last) {
  return t.ingangsdatum <= last && (!t.einddatum || *t.einddatum >= first);
}

// Checks one prestatie against the population without the generator's helpers.
void CheckPrestatie(const Population& p, const codecs::Bericht323& b, const codecs::Bsn& bsn,
                    const Prestatie& x) {
  const auto ti = p.FindToewijzing(x.toewijzing_nummer);
  ASSERT_TRUE(ti.has_value());
  const Toewijzing& t = p.toewijzingen[*ti];
  const codecs::ToegewezenProduct& tp = t.product;
  ASSERT_EQ(p.clients[t.client].bsn, bsn);
  const codecs::Date first = b.declaratie.declaratie_periode.begindatum;
  const codecs::Date last = b.declaratie.declaratie_periode.einddatum;
  // TR387/TR388: the month clipped to the toewijzing.
  EXPECT_EQ(x.product_periode.begindatum, std::max(first, tp.ingangsdatum));
  EXPECT_EQ(x.product_periode.einddatum, tp.einddatum ? std::min(last, *tp.einddatum) : last);
  if (tp.product) {
    EXPECT_EQ(x.product_categorie, tp.product->categorie);
    if (tp.product->code) {
      EXPECT_EQ(x.product_code, *tp.product->code);
    }
  } else {
    EXPECT_EQ(x.eenheid, "83");  // generiek: declared in euros against the Budget
  }
  EXPECT_GT(x.geleverd_volume, 0);
  if (tp.omvang) {
    const int64_t v = tp.omvang->volume;
    const int64_t days = x.product_periode.einddatum - x.product_periode.begindatum + 1;
    const std::string& f = tp.omvang->frequentie;
    if (f == "1") {
      EXPECT_LE(x.geleverd_volume, v * days);
    }
    if (f == "2") {
      EXPECT_LE(x.geleverd_volume,
                v * Weeks(x.product_periode.begindatum, x.product_periode.einddatum));
    }
    if (f == "4") {
      EXPECT_LE(x.geleverd_volume, v);
    }
    if (f == "6") {
      EXPECT_LE(x.geleverd_volume, v);
    }
    if (tp.omvang->eenheid == "14") {
      EXPECT_LE(x.geleverd_volume, days);
    }
  }
  const ProductCode* pc = p.FindProductCode(b.domein, x.product_code);
  ASSERT_NE(pc, nullptr);
  const Tarief* tarief = ContractTariff(p, b.header.aanbieder, b.domein, x.product_code,
                                        pc->tarief_eenheid, x.product_periode.begindatum);
  ASSERT_NE(tarief, nullptr) << x.product_code;
  const int64_t bedrag = x.ingediend_bedrag.bedrag.value();
  EXPECT_EQ(x.ingediend_bedrag.debet_credit, codecs::DebetCredit::kDebet);
  if (x.eenheid == "83") {
    EXPECT_FALSE(x.product_tarief.has_value());
    EXPECT_EQ(bedrag, x.geleverd_volume);
  } else if (x.eenheid == "01" && tarief->eenheid == "04") {  // IV081
    const int64_t uur = tarief->tarief.value();
    EXPECT_EQ(bedrag, (uur * x.geleverd_volume + 30) / 60);
    EXPECT_EQ(x.product_tarief->value(), (uur + 30) / 60);
  } else {
    EXPECT_EQ(x.product_tarief, tarief->tarief);
    EXPECT_EQ(bedrag, x.geleverd_volume * tarief->tarief.value());  // TR346
  }
}

class SyntheticDeclaratieTest : public ::testing::TestWithParam<Domein> {};

TEST_P(SyntheticDeclaratieTest, FaultFreeDeclaratiesPassAndMatchTheContract) {
  const Population& p = Shared();
  const Domein d = GetParam();
  const codecs::Date first = D("2026-01-01"), last = D("2026-01-31");
  size_t messages = 0, prestaties = 0, minutes_on_hour = 0;
  for (size_t a = 0; a < p.aanbieders.size(); ++a) {
    for (size_t g = 0; g < p.gemeenten.size(); ++g) {
      IdGenerator ids("A");
      const auto r = MakeDeclaratie(p, Request(a, g, d, "2026-01-20"), ids);
      // Exactly the active toewijzingen of the bounded variants are declared (the totals
      // may have nothing left for the month).
      std::set<int64_t> expected, optional;
      for (const Toewijzing& t : p.toewijzingen) {
        const Client& c = p.clients[t.client];
        if (t.aanbieder != a || c.gemeente != g || c.domein != d) continue;
        if (!ActiveIn(t.product, first, last)) continue;
        const bool spread = t.variant == Variant::kTotaal || t.variant == Variant::kGeneriek;
        (spread ? optional : expected).insert(t.product.toewijzing_nummer.value());
      }
      if (!r.ok()) {
        EXPECT_TRUE(expected.empty()) << a << " " << g;
        continue;
      }
      ++messages;
      const codecs::Bericht323& b = r->bericht;
      ASSERT_EQ(Problems(b), "") << codecs::EncodeBericht(b);
      EXPECT_TRUE(r->faults.empty());
      EXPECT_EQ(b.declaratie.declaratie_periode, (codecs::GeslotenPeriode{first, last}));
      EXPECT_EQ(b.header.gemeente, p.gemeenten[g].code);
      codecs::Cents sum;
      std::set<std::string> refs;
      std::set<int64_t> declared;
      for (const auto& c : b.declaratie.clienten) {
        for (const Prestatie& x : c.prestaties) {
          CheckPrestatie(p, b, c.bsn, x);
          sum += x.ingediend_bedrag.Signed();
          EXPECT_TRUE(refs.insert(x.product_referentie.referentie_nummer.str()).second);
          EXPECT_LE(x.product_referentie.referentie_nummer.str().size(), 20u);
          declared.insert(x.toewijzing_nummer.value());
          if (x.eenheid == "01" && x.product_tarief && x.product_tarief->value() < 200) {
            ++minutes_on_hour;
          }
          ++prestaties;
        }
      }
      EXPECT_EQ(b.declaratie.totaal_ingediend_bedrag.Signed(), sum);  // TR358
      for (int64_t n : expected) EXPECT_TRUE(declared.count(n)) << n;
      for (int64_t n : declared) EXPECT_TRUE(expected.count(n) || optional.count(n)) << n;
    }
  }
  EXPECT_GT(messages, 5u);
  EXPECT_GT(prestaties, d == Domein::kWmo ? 200u : 80u);
  EXPECT_GT(minutes_on_hour, 0u);
}

INSTANTIATE_TEST_SUITE_P(Domeinen, SyntheticDeclaratieTest,
                         ::testing::Values(Domein::kWmo, Domein::kJeugd), DomeinParamName);

TEST(SyntheticDeclaratieWeeksTest, WeeklyToewijzingStartingMidMonth) {
  const Population& p = Shared();
  int checked = 0;
  for (const Toewijzing& t : p.toewijzingen) {
    const codecs::ToegewezenProduct& tp = t.product;
    if (t.variant != Variant::kPerWeek || tp.ingangsdatum.day() == 1) continue;
    if (tp.ingangsdatum > D("2026-01-31")) continue;
    const Client& c = p.clients[t.client];
    IdGenerator ids;
    const auto r = MakeDeclaratie(
        p, Request(t.aanbieder, c.gemeente, c.domein, tp.ingangsdatum.ToString().c_str()), ids);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(Problems(r->bericht), "");
    const Prestatie* found = nullptr;
    for (const auto& dc : r->bericht.declaratie.clienten) {
      for (const Prestatie& x : dc.prestaties) {
        if (x.toewijzing_nummer == tp.toewijzing_nummer) found = &x;
      }
    }
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->product_periode.begindatum, tp.ingangsdatum);
    const codecs::Date end = std::min(tp.ingangsdatum.LastOfMonth(), *tp.einddatum);
    EXPECT_EQ(found->product_periode.einddatum, end);
    const int64_t weeks = Weeks(tp.ingangsdatum, end);
    EXPECT_LT(weeks, 6);
    EXPECT_LE(found->geleverd_volume, weeks * tp.omvang->volume);
    EXPECT_EQ(workflow::IsoWeeksTouched(tp.ingangsdatum, end), weeks);
    ++checked;
  }
  EXPECT_GT(checked, 5);
}

TEST(SyntheticDeclaratieWeeksTest, TotalsAndBudgetsAddUpOverTheToewijzing) {
  const Population& p = Shared();
  int totals = 0, budgets = 0;
  for (const Toewijzing& t : p.toewijzingen) {
    if (t.variant != Variant::kTotaal && t.variant != Variant::kGeneriek) continue;
    const Client& c = p.clients[t.client];
    int64_t sum = 0;
    for (codecs::Date m = t.product.ingangsdatum.FirstOfMonth(); m <= *t.product.einddatum;
         m = m.AddMonths(1)) {
      IdGenerator ids;
      const auto r =
          MakeDeclaratie(p, Request(t.aanbieder, c.gemeente, c.domein, m.ToString().c_str()), ids);
      if (!r.ok()) continue;
      for (const auto& dc : r->bericht.declaratie.clienten) {
        for (const Prestatie& x : dc.prestaties) {
          if (x.toewijzing_nummer == t.product.toewijzing_nummer) sum += x.geleverd_volume;
        }
      }
    }
    if (t.variant == Variant::kTotaal) {
      EXPECT_EQ(sum, t.product.omvang->volume);  // TR322: all of it, never more
      ++totals;
    } else {
      EXPECT_LE(sum, t.product.budget->value());  // TR369
      EXPECT_GE(sum, t.product.budget->value() * 6 / 10);
      ++budgets;
    }
  }
  EXPECT_GT(totals, 3);
  EXPECT_GT(budgets, 3);
}

}  // namespace
}  // namespace sluis::workflow::synth
