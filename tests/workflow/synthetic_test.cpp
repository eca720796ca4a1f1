#include "sluis/workflow/synthetic.h"

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "synthetic_test_util.h"

namespace sluis::workflow::synth {
namespace {

using codecs::Domein;
using test_util::D;
using test_util::ParseCsv;

PopulationOptions Options(uint64_t seed, size_t clients = 300) {
  PopulationOptions o;
  o.seed = seed;
  o.clients = clients;
  o.aanbieders = 6;
  o.reference_date = D("2026-02-15");
  o.jeugd_share = 0.3;
  return o;
}

const Population& Shared() {
  static const Population p = MakePopulation(Options(42));
  return p;
}

// --- Identities, BSNs, IBANs ---

TEST(SyntheticIdsTest, FormatsAndCounters) {
  IdGenerator g;
  EXPECT_EQ(g.Identificatie(codecs::BerichtType::k323), "323000000001");
  EXPECT_EQ(g.Identificatie(codecs::BerichtType::k323), "323000000002");
  EXPECT_EQ(g.Identificatie(codecs::BerichtType::k305), "305000000001");
  EXPECT_EQ(g.Referentie().str(), "R000000000001");
  EXPECT_EQ(g.Referentie().str(), "R000000000002");
  EXPECT_EQ(g.DeclaratieNummer(), "D00000000001");
  EXPECT_EQ(g.ReferentieAanbieder(), "V0000000001");

  IdGenerator run(" a-7!xyz", 500);  // letters and digits only, at most 3
  EXPECT_EQ(run.Identificatie(codecs::BerichtType::k301), "a7x301000500");
  EXPECT_EQ(run.DeclaratieNummer(), "a7xD00000500");
  EXPECT_EQ(run.Referentie().str(), "a7xR000000000500");
}

TEST(SyntheticIdsTest, TestBsnsPassTheElfproefInTheTestRange) {
  const std::vector<codecs::Bsn> all = TestBsns();
  ASSERT_EQ(all.size(), kMaxClients);
  EXPECT_EQ(all.front().str(), "999900006");
  EXPECT_EQ(all[1].str(), "999900018");
  EXPECT_EQ(all.back().str(), "999999990");
  for (const codecs::Bsn& b : all) {
    ASSERT_TRUE(codecs::PassesElfproef(b.str())) << b.str();
    ASSERT_EQ(b.str().substr(0, 4), "9999");
  }
}

TEST(SyntheticIdsTest, IbanCheckDigits) {
  EXPECT_EQ(MakeIban("ABNA", "0417164300"), "NL91ABNA0417164300");  // the published example
  EXPECT_EQ(MakeIban("SLUI", "0123456789"), "NL31SLUI0123456789");
  EXPECT_TRUE(IbanIsValid("NL91ABNA0417164300"));
  EXPECT_FALSE(IbanIsValid("NL91ABNA0417164301"));
  EXPECT_FALSE(IbanIsValid("NL19ABNA0417164300"));
}

// --- The population ---

TEST(SyntheticPopulationTest, SameSeedSamePopulationOtherSeedOther) {
  const Population a = MakePopulation(Options(7));
  const Population b = MakePopulation(Options(7));
  const Population c = MakePopulation(Options(8));
  EXPECT_TRUE(a == b);
  EXPECT_EQ(ToewijzingenCsv(a), ToewijzingenCsv(b));
  EXPECT_EQ(TarievenCsv(a), TarievenCsv(b));
  EXPECT_FALSE(a == c);
  EXPECT_NE(ToewijzingenCsv(a), ToewijzingenCsv(c));
  EXPECT_NE(AanbiedersCsv(a), AanbiedersCsv(c));
  EXPECT_NE(a.clients[0].bsn, c.clients[0].bsn);
}

TEST(SyntheticPopulationTest, MoreClientsKeepTheFirstOnes) {
  const Population small = MakePopulation(Options(7, 50));
  const Population big = MakePopulation(Options(7, 80));
  ASSERT_EQ(small.clients.size(), 50u);
  ASSERT_EQ(big.clients.size(), 80u);
  EXPECT_EQ(small.aanbieders, big.aanbieders);
  for (size_t i = 0; i < 50; ++i) EXPECT_EQ(small.clients[i], big.clients[i]) << i;
}

TEST(SyntheticPopulationTest, ClientsAreCappedByTheTestRange) {
  PopulationOptions o = Options(3, 20'000);
  o.max_toewijzingen_per_client = 1;
  const Population p = MakePopulation(o);
  EXPECT_EQ(p.clients.size(), kMaxClients);
  EXPECT_EQ(p.options.clients, kMaxClients);
  std::set<codecs::Bsn> bsns;
  for (const Client& c : p.clients) bsns.insert(c.bsn);
  EXPECT_EQ(bsns.size(), kMaxClients);
}

TEST(SyntheticPopulationTest, ClientsAreFictitiousAndLiveInCurrentGemeenten) {
  const Population& p = Shared();
  ASSERT_EQ(p.clients.size(), 300u);
  const codecs::Date ref = p.options.reference_date;
  size_t jeugd = 0, in_gastheer = 0;
  std::set<codecs::Bsn> bsns;
  for (const Client& c : p.clients) {
    EXPECT_TRUE(codecs::PassesElfproef(c.bsn.str())) << c.bsn.str();
    EXPECT_EQ(c.bsn.str().substr(0, 4), "9999");
    bsns.insert(c.bsn);
    const Gemeente& g = p.gemeenten[c.gemeente];
    EXPECT_NE(g.code.str(), "0457") << "Weesp was merged away in 2022";
    EXPECT_EQ(c.plaatsnaam, g.naam);
    ASSERT_EQ(c.postcode.size(), 6u);
    const int area = std::stoi(c.postcode.substr(0, 4));
    EXPECT_GE(area, g.postcode_van);
    EXPECT_LE(area, g.postcode_tot);
    EXPECT_LE(c.straatnaam.size(), 24u);
    EXPECT_GE(c.voorletters.size(), 1u);
    EXPECT_LE(c.voorletters.size(), 6u);
    EXPECT_TRUE(c.geslacht == "1" || c.geslacht == "2");
    if (c.domein == Domein::kJeugd) {
      ++jeugd;
      // Under 18 on the reference date and a year later.
      EXPECT_GT(c.geboortedatum, ref.AddMonths(12 - 18 * 12)) << c.bsn.str();
    } else {
      EXPECT_LE(c.geboortedatum, ref.AddMonths(-18 * 12)) << c.bsn.str();
    }
    if (g.code.str() == "0363") ++in_gastheer;
    EXPECT_GE(c.toewijzingen.size(), 1u);
    EXPECT_LE(c.toewijzingen.size(), 3u);
  }
  EXPECT_EQ(bsns.size(), p.clients.size());
  EXPECT_GT(jeugd, 60u);  // 30% of 300
  EXPECT_LT(jeugd, 120u);
  EXPECT_GT(in_gastheer, 110u);  // half of them
}

TEST(SyntheticPopulationTest, AanbiedersHaveAgbIbanAndContracts) {
  const Population& p = Shared();
  ASSERT_EQ(p.aanbieders.size(), 6u);
  std::set<codecs::AgbCode> agbs;
  for (size_t a = 0; a < p.aanbieders.size(); ++a) {
    const Aanbieder& x = p.aanbieders[a];
    EXPECT_TRUE(codecs::IsAgbFormat(x.agb.str())) << x.agb.str();
    EXPECT_EQ(x.agb.str().substr(0, 2), "99");
    agbs.insert(x.agb);
    EXPECT_TRUE(IbanIsValid(x.iban)) << x.iban;
    EXPECT_EQ(x.iban.size(), 18u);
    EXPECT_EQ(x.iban.substr(4, 4), "SLUI");
    EXPECT_TRUE(x.wmo || x.jeugd);
    // Every aanbieder contracts the euro category of its domeinen.
    if (x.wmo) {
      EXPECT_TRUE(p.Contracts(a, Domein::kWmo, "10"));
    }
    if (x.jeugd) {
      EXPECT_TRUE(p.Contracts(a, Domein::kJeugd, "50"));
    }
  }
  EXPECT_EQ(agbs.size(), p.aanbieders.size());
  EXPECT_TRUE(p.aanbieders[0].wmo && p.aanbieders[0].jeugd);
}

TEST(SyntheticPopulationTest, TariffsChangeOnTheFirstOfJanuary) {
  const Population& p = Shared();
  std::map<std::tuple<std::string, Domein, std::string, std::string>, std::vector<const Tarief*>>
      rows;
  for (const Tarief& t : p.tarieven) rows[{t.agb.str(), t.domein, t.code, t.eenheid}].push_back(&t);
  ASSERT_GT(rows.size(), 20u);
  for (const auto& [key, list] : rows) {
    const std::string& eenheid = std::get<3>(key);
    if (eenheid == "83") {
      ASSERT_EQ(list.size(), 1u);
      EXPECT_EQ(list[0]->tarief.value(), 1);
      EXPECT_FALSE(list[0]->einddatum.has_value());
      continue;
    }
    ASSERT_EQ(list.size(), 2u) << std::get<2>(key);
    EXPECT_EQ(list[0]->ingangsdatum, D("2024-01-01"));
    EXPECT_EQ(list[0]->einddatum, D("2026-12-31"));
    EXPECT_EQ(list[1]->ingangsdatum, D("2027-01-01"));
    EXPECT_FALSE(list[1]->einddatum.has_value());
    EXPECT_GT(list[1]->tarief, list[0]->tarief);
    const Tarief* before =
        p.FindTarief(list[0]->agb, list[0]->domein, list[0]->code, eenheid, D("2026-12-31"));
    const Tarief* after =
        p.FindTarief(list[0]->agb, list[0]->domein, list[0]->code, eenheid, D("2027-01-01"));
    EXPECT_EQ(before, list[0]);
    EXPECT_EQ(after, list[1]);
  }
  // 02A03 is assigned in minutes but contracted per hour (IV081).
  const ProductCode* pc = p.FindProductCode(Domein::kWmo, "02A03");
  ASSERT_NE(pc, nullptr);
  EXPECT_EQ(pc->eenheid, "01");
  EXPECT_EQ(pc->tarief_eenheid, "04");
}

TEST(SyntheticPopulationTest, ToewijzingenFollowTheVariants) {
  const Population& p = Shared();
  const codecs::Date ref = p.options.reference_date;
  std::map<Variant, int> variants;
  std::set<std::pair<std::string, int64_t>> nummers;  // (gemeente+domein, nummer): TR332
  for (const Toewijzing& t : p.toewijzingen) {
    const codecs::ToegewezenProduct& tp = t.product;
    const Client& c = p.clients[t.client];
    ++variants[t.variant];
    EXPECT_TRUE(
        nummers
            .insert({p.gemeenten[c.gemeente].code.str() + codecs::DomeinName(c.domein).data(),
                     tp.toewijzing_nummer.value()})
            .second);
    EXPECT_LE(tp.toewijzingsdatum, ref);
    EXPECT_GE(tp.ingangsdatum, D("2021-02-01"));
    EXPECT_LE(tp.ingangsdatum, ref.AddDays(30));
    if (tp.einddatum) {
      EXPECT_GE(*tp.einddatum, tp.ingangsdatum);
    }
    EXPECT_FALSE(tp.reden_wijziging.has_value() && *tp.reden_wijziging != "04");
    switch (t.variant) {
      case Variant::kGeneriek:
        EXPECT_FALSE(tp.product.has_value());
        EXPECT_FALSE(tp.omvang.has_value());
        ASSERT_TRUE(tp.budget.has_value());
        EXPECT_GT(tp.budget->value(), 0);
        EXPECT_TRUE(tp.einddatum.has_value());  // CD075
        EXPECT_EQ(p.ToewijzingenOf(t.client, t.aanbieder).size(), 1u);
        break;
      case Variant::kAspecifiek:
        ASSERT_TRUE(tp.product.has_value());
        EXPECT_FALSE(tp.product->code.has_value());
        EXPECT_FALSE(tp.omvang.has_value());
        EXPECT_FALSE(tp.budget.has_value());
        break;
      default: {
        ASSERT_TRUE(tp.product && tp.product->code && tp.omvang);
        const ProductCode* pc = p.FindProductCode(c.domein, *tp.product->code);
        ASSERT_NE(pc, nullptr);
        EXPECT_EQ(tp.omvang->eenheid, pc->eenheid);
        EXPECT_EQ(tp.omvang->frequentie, pc->frequentie);
        EXPECT_GE(tp.omvang->volume, pc->volume_min);
        EXPECT_LE(tp.omvang->volume, pc->volume_max);
        const char* want = t.variant == Variant::kPerDag     ? "1"
                           : t.variant == Variant::kPerWeek  ? "2"
                           : t.variant == Variant::kPerMaand ? "4"
                                                             : "6";
        EXPECT_EQ(tp.omvang->frequentie, want);
        if (t.variant == Variant::kPerWeek) {
          EXPECT_TRUE(tp.einddatum.has_value());  // CD076
        }
      }
    }
    if (tp.product) {
      EXPECT_TRUE(p.Contracts(t.aanbieder, c.domein, tp.product->categorie));
      EXPECT_EQ(tp.product->categorie.size(), 2u);
      const int cat = std::stoi(tp.product->categorie);
      if (c.domein == Domein::kWmo) {
        EXPECT_TRUE(cat >= 1 && cat <= 18) << cat;
      } else {
        EXPECT_TRUE(cat >= 40 && cat <= 55) << cat;
      }
    }
  }
  for (Variant v : {Variant::kPerDag, Variant::kPerWeek, Variant::kPerMaand, Variant::kTotaal,
                    Variant::kAspecifiek, Variant::kGeneriek}) {
    EXPECT_GT(variants[v], 3) << VariantName(v);
  }
  // Specifiek per week is the most common variant.
  EXPECT_GT(variants[Variant::kPerWeek], variants[Variant::kAspecifiek]);
}

// --- CSV ---

TEST(SyntheticCsvTest, HeadersAndRows) {
  const Population& p = Shared();
  const auto gemeenten = ParseCsv(GemeentenCsv(p));
  const auto aanbieders = ParseCsv(AanbiedersCsv(p));
  const auto productcodes = ParseCsv(ProductcodesCsv(p));
  const auto tarieven = ParseCsv(TarievenCsv(p));
  const auto toewijzingen = ParseCsv(ToewijzingenCsv(p));
  using Row = std::vector<std::string>;
  EXPECT_EQ(gemeenten[0], (Row{"gemeentecode", "naam", "ingangsdatum", "einddatum"}));
  EXPECT_EQ(aanbieders[0], (Row{"agb", "naam", "iban"}));
  EXPECT_EQ(productcodes[0], (Row{"domein", "productcategorie", "productcode", "omschrijving"}));
  EXPECT_EQ(tarieven[0], (Row{"agb", "domein", "productcategorie", "productcode", "eenheid",
                              "tarief_cent", "ingangsdatum", "einddatum"}));
  EXPECT_EQ(toewijzingen[0],
            (Row{"gemeente",         "domein",           "agb",         "bsn",
                 "geboortedatum",    "geslacht",         "achternaam",  "voorletters",
                 "postcode",         "huisnummer",       "straatnaam",  "plaatsnaam",
                 "toewijzingnummer", "productcategorie", "productcode", "toewijzingsdatum",
                 "toewijzingstijd",  "ingangsdatum",     "einddatum",   "redenwijziging",
                 "volume",           "eenheid",          "frequentie",  "budget_cent"}));
  ASSERT_EQ(gemeenten.size(), p.gemeenten.size() + 1);
  ASSERT_EQ(aanbieders.size(), p.aanbieders.size() + 1);
  ASSERT_EQ(productcodes.size(), p.productcodes.size() + 1);
  ASSERT_EQ(tarieven.size(), p.tarieven.size() + 1);
  ASSERT_EQ(toewijzingen.size(), p.toewijzingen.size() + 1);
  for (const auto* table : {&gemeenten, &aanbieders, &productcodes, &tarieven, &toewijzingen}) {
    for (const Row& r : *table) ASSERT_EQ(r.size(), (*table)[0].size());
  }
  EXPECT_EQ(gemeenten[1], (Row{"0363", "Amsterdam", "1900-01-01", ""}));
  EXPECT_EQ(gemeenten.back(), (Row{"0457", "Weesp", "1900-01-01", "2022-03-23"}));
  for (size_t i = 0; i < p.aanbieders.size(); ++i) {
    EXPECT_EQ(aanbieders[i + 1],
              (Row{p.aanbieders[i].agb.str(), p.aanbieders[i].naam, p.aanbieders[i].iban}));
  }
  const std::string raw = ProductcodesCsv(p);
  EXPECT_NE(raw.find("\nwmo,01,01A01,Huishoudelijke hulp\n"), std::string::npos);
  EXPECT_NE(raw.find("\njeugd,45,45A01,Jeugdhulp ambulant\n"), std::string::npos);
  for (size_t i = 1; i < tarieven.size(); ++i) {
    const Row& r = tarieven[i];
    EXPECT_TRUE(r[1] == "wmo" || r[1] == "jeugd");
    EXPECT_TRUE(codecs::Date::Parse(r[6]).has_value()) << r[6];
    EXPECT_TRUE(r[7].empty() || codecs::Date::Parse(r[7]).has_value()) << r[7];
    EXPECT_EQ(std::to_string(std::stoll(r[5])), r[5]);  // integer eurocent
  }
  // Row by row the same values as the population.
  for (size_t i = 0; i < p.toewijzingen.size(); ++i) {
    const Row& r = toewijzingen[i + 1];
    const Toewijzing& t = p.toewijzingen[i];
    const Client& c = p.clients[t.client];
    ASSERT_EQ(r[0], p.gemeenten[c.gemeente].code.str());
    ASSERT_EQ(r[2], p.aanbieders[t.aanbieder].agb.str());
    ASSERT_EQ(r[3], c.bsn.str());
    ASSERT_EQ(r[12], std::to_string(t.product.toewijzing_nummer.value()));
    ASSERT_EQ(r[16], t.product.toewijzingstijd.ToString());
    ASSERT_EQ(r[17], t.product.ingangsdatum.ToString());
    ASSERT_EQ(r[13].empty(), t.variant == Variant::kGeneriek);
    ASSERT_EQ(r[14].empty(), t.variant == Variant::kGeneriek || t.variant == Variant::kAspecifiek);
    ASSERT_EQ(r[23].empty(), t.variant != Variant::kGeneriek);
    ASSERT_EQ(r[20].empty(), !t.product.omvang.has_value());
  }
}

TEST(SyntheticCsvTest, QuotesNamesWithCommas) {
  PopulationOptions o = Options(1, 10);
  o.aanbieders = 16;  // every name of the list
  const Population p = MakePopulation(o);
  const std::string csv = AanbiedersCsv(p);
  EXPECT_NE(csv.find(",\"Stichting Wonen, Werken en Welzijn\","), std::string::npos);
  const auto rows = ParseCsv(csv);
  bool found = false;
  for (const auto& r : rows) found = found || r[1] == "Stichting Wonen, Werken en Welzijn";
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace sluis::workflow::synth
