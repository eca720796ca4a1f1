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
using test_util::Problems;

std::string DomeinParamName(const ::testing::TestParamInfo<Domein>& i) {
  return std::string(codecs::DomeinName(i.param));
}

const codecs::XsdVersie kXsd{"1.0.0", "1.0.0"};

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
  const auto clienten = ParseCsv(ClientenCsv(p));
  const auto toewijzingen = ParseCsv(ToewijzingenCsv(p));
  using Row = std::vector<std::string>;
  EXPECT_EQ(gemeenten[0], (Row{"gemeentecode", "naam", "ingangsdatum", "einddatum"}));
  EXPECT_EQ(aanbieders[0], (Row{"agb", "naam", "iban"}));
  EXPECT_EQ(productcodes[0], (Row{"domein", "productcategorie", "productcode", "omschrijving"}));
  EXPECT_EQ(tarieven[0], (Row{"agb", "domein", "productcategorie", "productcode", "eenheid",
                              "tarief_cent", "ingangsdatum", "einddatum"}));
  EXPECT_EQ(clienten[0],
            (Row{"gemeente", "domein", "bsn", "geboortedatum", "geslacht", "achternaam",
                 "voorletters", "straatnaam", "huisnummer", "postcode", "plaatsnaam"}));
  EXPECT_EQ(toewijzingen[0],
            (Row{"gemeente", "domein", "toewijzingnummer", "agb", "bsn", "productcategorie",
                 "productcode", "ingangsdatum", "einddatum", "volume", "eenheid", "frequentie",
                 "budget_cent", "toewijzingsdatum", "toewijzingstijd", "reden_wijziging"}));
  ASSERT_EQ(gemeenten.size(), p.gemeenten.size() + 1);
  ASSERT_EQ(aanbieders.size(), p.aanbieders.size() + 1);
  ASSERT_EQ(productcodes.size(), p.productcodes.size() + 1);
  ASSERT_EQ(tarieven.size(), p.tarieven.size() + 1);
  ASSERT_EQ(clienten.size(), p.clients.size() + 1);
  ASSERT_EQ(toewijzingen.size(), p.toewijzingen.size() + 1);
  for (const auto* table :
       {&gemeenten, &aanbieders, &productcodes, &tarieven, &clienten, &toewijzingen}) {
    for (const Row& r : *table) ASSERT_EQ(r.size(), (*table)[0].size());
  }
  EXPECT_EQ(gemeenten[1], (Row{"0363", "Amsterdam", "1900-01-01", ""}));
  EXPECT_EQ(gemeenten.back(), (Row{"0457", "Weesp", "1900-01-01", "2022-03-23"}));
  for (size_t i = 0; i < p.aanbieders.size(); ++i) {
    EXPECT_EQ(aanbieders[i + 1],
              (Row{p.aanbieders[i].agb.str(), p.aanbieders[i].naam, p.aanbieders[i].iban}));
  }
  const std::string raw = ProductcodesCsv(p);
  EXPECT_NE(raw.find("\nwmo,01,01A01,Huishoudelijke hulp\r\n"), std::string::npos);
  EXPECT_NE(raw.find("\njeugd,45,45A01,Jeugdhulp ambulant\r\n"), std::string::npos);
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
    ASSERT_EQ(r[2], std::to_string(t.product.toewijzing_nummer.value()));
    ASSERT_EQ(r[3], p.aanbieders[t.aanbieder].agb.str());
    ASSERT_EQ(r[4], c.bsn.str());
    ASSERT_EQ(r[5].empty(), t.variant == Variant::kGeneriek);
    ASSERT_EQ(r[6].empty(), t.variant == Variant::kGeneriek || t.variant == Variant::kAspecifiek);
    ASSERT_EQ(r[7], t.product.ingangsdatum.ToString());
    ASSERT_EQ(r[9].empty(), !t.product.omvang.has_value());
    ASSERT_EQ(r[12].empty(), t.variant != Variant::kGeneriek);
    ASSERT_EQ(r[14], t.product.toewijzingstijd.ToString());
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

// --- Messages ---

TEST(SyntheticMessagesTest, EveryToewijzingPassesLevels1And2) {
  const Population& p = Shared();
  std::set<std::pair<size_t, size_t>> pairs;
  for (const Toewijzing& t : p.toewijzingen) pairs.insert({t.client, t.aanbieder});
  std::map<Domein, int> per_domein;
  size_t products = 0;
  IdGenerator ids("G");
  for (const auto& [client, aanbieder] : pairs) {
    const auto b = MakeToewijzing(
        p, client, aanbieder,
        {ids.Identificatie(codecs::BerichtType::k301), p.options.reference_date}, kXsd);
    ASSERT_TRUE(b.ok()) << b.error().ToString();
    ASSERT_EQ(Problems(*b), "") << codecs::EncodeBericht(*b);
    ++per_domein[b->domein];
    products += b->client.toegewezen_producten.size();
    EXPECT_EQ(b->header.aanbieder, p.aanbieders[aanbieder].agb);
  }
  EXPECT_EQ(products, p.toewijzingen.size());  // every toewijzing is in exactly one 301
  EXPECT_GT(per_domein[Domein::kWmo], 100);
  EXPECT_GT(per_domein[Domein::kJeugd], 40);
  // A client without toewijzingen at an aanbieder gets no 301.
  const size_t client = 0;
  for (size_t a = 0; a < p.aanbieders.size(); ++a) {
    if (p.ToewijzingenOf(client, a).empty()) {
      EXPECT_FALSE(MakeToewijzing(p, client, a, {"X1", p.options.reference_date}, kXsd).ok());
    }
  }
}

// The first client of the domein with a toewijzing that started before the reference date,
// and that toewijzing.
std::pair<size_t, size_t> ClientWithToewijzing(const Population& p, Domein d) {
  for (size_t t = 0; t < p.toewijzingen.size(); ++t) {
    const Toewijzing& x = p.toewijzingen[t];
    if (p.clients[x.client].domein == d &&
        x.product.ingangsdatum < p.options.reference_date.AddDays(-40) &&
        (!x.product.einddatum || *x.product.einddatum > p.options.reference_date)) {
      return {x.client, t};
    }
  }
  ADD_FAILURE() << "no client";
  return {0, 0};
}

class SyntheticRegieTest : public ::testing::TestWithParam<Domein> {};

TEST_P(SyntheticRegieTest, MessagesPassLevels1And2) {
  const Population& p = Shared();
  const codecs::Date today = p.options.reference_date;
  const auto [client, toewijzing] = ClientWithToewijzing(p, GetParam());
  const size_t aanbieder = p.toewijzingen[toewijzing].aanbieder;
  IdGenerator ids("T");
  const auto id = [&](codecs::BerichtType t) {
    return codecs::BerichtIdentificatie{ids.Identificatie(t), today};
  };
  const codecs::AnswerIdentity answer{"RET000000001", today, kXsd, std::nullopt};

  const auto b301 = MakeToewijzing(p, client, aanbieder, id(codecs::BerichtType::k301), kXsd);
  ASSERT_TRUE(b301.ok());
  const codecs::Bericht302 approve = MakeToewijzingRetour(*b301, answer);
  EXPECT_EQ(Problems(approve), "");
  EXPECT_FALSE(approve.client.has_value());
  EXPECT_TRUE(approve.header.retour_codes.empty());
  const codecs::ToewijzingNummer nummer = p.toewijzingen[toewijzing].product.toewijzing_nummer;
  const codecs::Bericht302 reject = MakeToewijzingRetour(*b301, answer, Afkeuring{"9332", nummer});
  EXPECT_EQ(Problems(reject), "");
  ASSERT_TRUE(reject.client.has_value());
  EXPECT_EQ(reject.header.retour_codes, codecs::RetourCodes{"0200"});
  for (const codecs::ToegewezenProduct& t : reject.client->toegewezen_producten) {
    EXPECT_EQ(t.retour_codes, codecs::RetourCodes{t.toewijzing_nummer == nummer ? "9332" : "0200"});
  }
  const codecs::Bericht302 header = MakeToewijzingRetour(*b301, answer, Afkeuring{"9056", {}});
  EXPECT_EQ(Problems(header), "");
  EXPECT_FALSE(header.client.has_value());
  EXPECT_EQ(header.header.retour_codes, codecs::RetourCodes{"9056"});

  for (bool verwijderen : {false, true}) {
    const codecs::Bericht305 start =
        MakeStart(p, toewijzing, id(codecs::BerichtType::k305), kXsd, {std::nullopt, verwijderen});
    EXPECT_EQ(Problems(start), "");
    EXPECT_EQ(start.client.producten.at(0).status_aanlevering, verwijderen ? "3" : "1");
    EXPECT_EQ(start.client.producten[0].begindatum,
              p.toewijzingen[toewijzing].product.ingangsdatum);
    StopOptions stop_options;
    stop_options.verwijderen = verwijderen;
    const codecs::Bericht307 stop =
        MakeStop(p, toewijzing, id(codecs::BerichtType::k307), kXsd, stop_options);
    EXPECT_EQ(Problems(stop), "");
    EXPECT_EQ(stop.client.producten.at(0).einddatum, today);  // runs past today: stopped today
    EXPECT_EQ(stop.client.producten[0].reden_beeindiging, GetParam() == Domein::kWmo ? "19" : "31");
  }

  for (int n : {1, 2}) {
    const auto vot = MakeVerzoekOmToewijzing(p, client, aanbieder, id(codecs::BerichtType::k315),
                                             kXsd, ids, {n, 5});
    ASSERT_TRUE(vot.ok()) << vot.error().ToString();
    EXPECT_EQ(Problems(*vot), "");
    const auto& producten = vot->client.aangevraagde_producten;
    ASSERT_GE(producten.size(), 1u);
    EXPECT_LE(producten.size(), static_cast<size_t>(n));
    if (producten.size() == 2) {
      EXPECT_NE(producten[0].referentie_aanbieder, producten[1].referentie_aanbieder);
    }
    for (const auto& a : producten) {
      EXPECT_GT(a.toewijzing_ingangsdatum, today);
      EXPECT_TRUE(p.Contracts(aanbieder, GetParam(), a.product->categorie));
    }
    const codecs::Bericht319 antwoord =
        MakeAntwoord(*vot, 0, id(codecs::BerichtType::k319), kXsd, "1", "3");
    EXPECT_EQ(Problems(antwoord), "");
    EXPECT_EQ(antwoord.antwoord.referentie_aanbieder, producten[0].referentie_aanbieder);
    EXPECT_EQ(Problems(MakeAntwoordRetour(antwoord, answer)), "");
    const codecs::Bericht320 rejected = MakeAntwoordRetour(antwoord, answer, "9355");
    EXPECT_EQ(Problems(rejected), "");
    ASSERT_TRUE(rejected.antwoord.has_value());
    EXPECT_EQ(rejected.antwoord->retour_codes, codecs::RetourCodes{"9355"});
  }

  for (bool nieuw : {false, true}) {
    const auto vow = MakeVerzoekOmWijziging(p, client, aanbieder, id(codecs::BerichtType::k317),
                                            kXsd, ids, {nieuw, 9});
    ASSERT_TRUE(vow.ok()) << vow.error().ToString();
    EXPECT_EQ(Problems(*vow), "");
    const codecs::Verzoek& v = vow->client.verzoek;
    EXPECT_EQ(v.te_wijzigen_producten.size(), 1u);
    std::set<int64_t> listed;
    for (const auto& o : v.ongewijzigde_producten) listed.insert(o.toewijzing_nummer.value());
    for (const auto& w : v.te_wijzigen_producten) listed.insert(w.toewijzing_nummer.value());
    for (size_t t : p.ToewijzingenOf(client, aanbieder)) {  // TR349: all current ones
      const auto& tp = p.toewijzingen[t].product;
      if (!tp.einddatum || *tp.einddatum > today) {
        EXPECT_TRUE(listed.count(tp.toewijzing_nummer.value()));
      }
    }
    if (!nieuw) {
      EXPECT_TRUE(v.nieuwe_producten.empty());
    }
    const codecs::Bericht319 antwoord =
        MakeAntwoord(*vow, id(codecs::BerichtType::k319), kXsd, "2");
    EXPECT_EQ(Problems(antwoord), "");
    EXPECT_EQ(Problems(MakeAntwoordRetour(antwoord, answer, "9056")), "");
  }
}

INSTANTIATE_TEST_SUITE_P(Domeinen, SyntheticRegieTest,
                         ::testing::Values(Domein::kWmo, Domein::kJeugd), DomeinParamName);

// Every toewijzing (all variants) in a 305 and 307, every pair in a 315 and 317.
TEST(SyntheticMessagesTest, EveryRegieMessageOfThePopulationPasses) {
  const Population& p = Shared();
  const codecs::Date today = p.options.reference_date;
  IdGenerator ids("E");
  std::map<Variant, int> started;
  for (size_t t = 0; t < p.toewijzingen.size(); ++t) {
    if (p.toewijzingen[t].product.ingangsdatum > today) continue;  // TR134: not started yet
    const codecs::Bericht305 start =
        MakeStart(p, t, {ids.Identificatie(codecs::BerichtType::k305), today}, kXsd);
    ASSERT_EQ(Problems(start), "") << codecs::EncodeBericht(start);
    const codecs::Bericht307 stop =
        MakeStop(p, t, {ids.Identificatie(codecs::BerichtType::k307), today}, kXsd);
    ASSERT_EQ(Problems(stop), "") << codecs::EncodeBericht(stop);
    const codecs::StopProduct& s = stop.client.producten.at(0);
    EXPECT_LE(s.einddatum, today);
    EXPECT_GE(s.einddatum, s.begindatum);
    ++started[p.toewijzingen[t].variant];
  }
  EXPECT_EQ(started.size(), 6u);  // every variant
  std::set<std::pair<size_t, size_t>> pairs;
  for (const Toewijzing& t : p.toewijzingen) pairs.insert({t.client, t.aanbieder});
  size_t vots = 0, vows = 0, with_new = 0;
  for (const auto& [client, aanbieder] : pairs) {
    const auto vot = MakeVerzoekOmToewijzing(p, client, aanbieder,
                                             {ids.Identificatie(codecs::BerichtType::k315), today},
                                             kXsd, ids, {2, client});
    ASSERT_TRUE(vot.ok());
    ASSERT_EQ(Problems(*vot), "") << codecs::EncodeBericht(*vot);
    ++vots;
    const auto vow = MakeVerzoekOmWijziging(p, client, aanbieder,
                                            {ids.Identificatie(codecs::BerichtType::k317), today},
                                            kXsd, ids, {client % 2 == 0, client});
    if (!vow.ok()) continue;  // nothing current with this aanbieder
    ASSERT_EQ(Problems(*vow), "") << codecs::EncodeBericht(*vow);
    ++vows;
    if (!vow->client.verzoek.nieuwe_producten.empty()) ++with_new;
  }
  EXPECT_EQ(vots, pairs.size());
  EXPECT_GT(vows, pairs.size() * 8 / 10);
  EXPECT_GT(with_new, vows / 4);  // asked of half of them, when a category is left
}

TEST(SyntheticMessagesTest, SameSeedSameBytes) {
  const Population a = MakePopulation(Options(11, 60));
  const Population b = MakePopulation(Options(11, 60));
  const Population c = MakePopulation(Options(12, 60));
  const codecs::BerichtIdentificatie id{"X1", a.options.reference_date};
  const auto encode = [&](const Population& p) {
    const Toewijzing& t = p.toewijzingen[0];
    IdGenerator ids;
    std::string out = codecs::EncodeBericht(*MakeToewijzing(p, t.client, t.aanbieder, id, kXsd));
    out += codecs::EncodeBericht(*MakeVerzoekOmToewijzing(p, t.client, t.aanbieder, id, kXsd, ids));
    return out;
  };
  EXPECT_EQ(encode(a), encode(b));
  EXPECT_NE(encode(a), encode(c));
}

}  // namespace
}  // namespace sluis::workflow::synth
