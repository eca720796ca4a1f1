#include "sluis/workflow/betaling.h"

#include <limits>

#include <gtest/gtest.h>

#include "test_env.h"

namespace sluis::workflow {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

Blootstelling Bereken(int64_t cents, const char* uiterlijk, const char* betaald,
                      const RenteTabel& tabel = StandaardHandelsrente()) {
  return BerekenBlootstelling(Cents(cents), D(uiterlijk), D(betaald), tabel);
}

TEST(HandelsrenteTest, DefaultTableHasEveryHalfYearFrom2020) {
  const RenteTabel& t = StandaardHandelsrente();
  ASSERT_GE(t.size(), 13u);
  EXPECT_EQ(t.front().ingangsdatum, D("2020-01-01"));
  for (size_t i = 1; i < t.size(); ++i) {
    EXPECT_EQ(t[i].ingangsdatum, t[i - 1].ingangsdatum.AddMonths(6)) << i;
  }
  EXPECT_EQ(RentevoetOp(t, D("2019-12-31")), std::nullopt);
  EXPECT_EQ(RentevoetOp(t, D("2022-12-31")), 800);
  EXPECT_EQ(RentevoetOp(t, D("2023-01-01")), 1050);
  EXPECT_EQ(RentevoetOp(t, D("2023-07-01")), 1200);
  EXPECT_EQ(RentevoetOp(t, D("2024-03-01")), 1250);
  EXPECT_EQ(RentevoetOp(t, D("2024-12-31")), 1225);
  EXPECT_EQ(RentevoetOp(t, D("2025-06-30")), 1115);
  EXPECT_EQ(RentevoetOp(t, D("2099-01-01")), t.back().honderdste_procent);
}

TEST(HandelsrenteTest, TheRateOfADayIsThatOfItsHalfYear) {
  EXPECT_EQ(RenteHalfjaar(D("2026-01-01")), D("2026-01-01"));
  EXPECT_EQ(RenteHalfjaar(D("2026-06-30")), D("2026-01-01"));
  EXPECT_EQ(RenteHalfjaar(D("2026-07-01")), D("2026-07-01"));
  EXPECT_EQ(RenteHalfjaar(D("2026-12-31")), D("2026-07-01"));
}

// Set per 1 January and 1 July: the latest such date without a row is what the table lacks.
TEST(HandelsrenteTest, TheMissingRateIsTheLatestHalfYearWithoutARow) {
  const RenteTabel t = {{D("2025-07-01"), 1015}, {D("2026-01-01"), 1015}};
  EXPECT_EQ(OntbrekendeRentevoet(t, D("2026-01-01")), std::nullopt);
  EXPECT_EQ(OntbrekendeRentevoet(t, D("2026-06-30")), std::nullopt);
  EXPECT_EQ(OntbrekendeRentevoet(t, D("2026-07-01")), D("2026-07-01"));
  EXPECT_EQ(OntbrekendeRentevoet(t, D("2026-12-31")), D("2026-07-01"));
  EXPECT_EQ(OntbrekendeRentevoet(t, D("2027-02-01")), D("2027-01-01"));
  EXPECT_EQ(OntbrekendeRentevoet({}, D("2025-08-01")), D("2025-07-01"));
  // A row set ahead of time does not stand in for the current half year.
  EXPECT_EQ(OntbrekendeRentevoet({{D("2027-01-01"), 900}}, D("2026-08-01")), D("2026-07-01"));
}

TEST(HandelsrenteTest, PercentagesHaveAtMostTwoDecimalsBelowAHundred) {
  EXPECT_EQ(ParsePercentage("10.15"), 1015);
  EXPECT_EQ(ParsePercentage("8"), 800);
  EXPECT_EQ(ParsePercentage("8.5"), 850);
  EXPECT_EQ(ParsePercentage("0"), 0);
  for (const char* bad : {"", "100", "8.", ".5", "8.505", "-1", "8,5", "1e1"}) {
    EXPECT_EQ(ParsePercentage(bad), std::nullopt) << bad;
  }
}

// ops/handelsrente.csv is the same table as the code's default (and as migration 0013's rows:
// tests/db/betaling_pgtest.cpp).
TEST(HandelsrenteTest, ShippedCsvEqualsTheDefault) {
  const std::string csv = testing::ReadFile(testing::SourceDir() + "/ops/handelsrente.csv");
  const auto t = ParseHandelsrenteCsv(csv);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  EXPECT_EQ(*t, StandaardHandelsrente());
  EXPECT_EQ(*ParseHandelsrenteCsv(HandelsrenteCsv(StandaardHandelsrente())),
            StandaardHandelsrente());
}

TEST(HandelsrenteTest, CsvParsing) {
  const auto t = ParseHandelsrenteCsv(
      "\xEF\xBB\xBFingangsdatum,percentage\r\n# comment\r\n\r\n2024-01-01, 12.5\r\n"
      "2024-07-01,12.25\n2025-01-01,8\n");
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ((*t)[0], (Handelsrente{D("2024-01-01"), 1250}));
  EXPECT_EQ((*t)[1].honderdste_procent, 1225);
  EXPECT_EQ((*t)[2].honderdste_procent, 800);
  EXPECT_EQ(FormatPercentage(1015), "10.15");
  EXPECT_EQ(FormatPercentage(800), "8.00");

  struct Bad {
    const char* csv;
    const char* location;
  };
  for (const Bad& b : {Bad{"", "line 0"}, Bad{"ingangsdatum,percentage\n", "line 1"},
                       Bad{"2024-01-01;12.5\n", "line 1"}, Bad{"2024-13-01,12.5\n", "line 1"},
                       Bad{"2024-01-01,12,5\n", "line 1"}, Bad{"2024-01-01,12.555\n", "line 1"},
                       Bad{"2024-01-01,100\n", "line 1"}, Bad{"2024-01-01,-1\n", "line 1"},
                       Bad{"2024-01-01,12.\n", "line 1"}, Bad{"2024-01-01,\n", "line 1"},
                       Bad{"2024-07-01,1\n2024-01-01,2\n", "line 2"},
                       Bad{"2024-01-01,1\n2024-01-01,2\n", "line 2"}}) {
    const auto r = ParseHandelsrenteCsv(b.csv);
    ASSERT_FALSE(r.ok()) << b.csv;
    EXPECT_EQ(r.error().code, "CSV");
    EXPECT_EQ(r.error().location, b.location) << b.csv << ": " << r.error().ToString();
  }
}

TEST(BlootstellingTest, OnTimeCostsNothing) {
  EXPECT_EQ(Bereken(100000, "2024-06-20", "2024-06-20"), Blootstelling{});
  EXPECT_EQ(Bereken(100000, "2024-06-20", "2024-05-01"), Blootstelling{});
}

// Worked example (README): EUR 1,000.00 due 20 June 2024, paid 10 July 2024, 20 days late:
//   21-30 June, 10 days at 12.50%: 1000 * 0.1250 * 10/365 = 3.4247
//   1-10 July,  10 days at 12.25%: 1000 * 0.1225 * 10/365 = 3.3562
//   rente 6.7808 -> EUR 6.78; plus EUR 40.00 = EUR 46.78.
TEST(BlootstellingTest, RateChangeInsideTheLatePeriod) {
  const Blootstelling b = Bereken(100000, "2024-06-20", "2024-07-10");
  EXPECT_EQ(b.dagen_te_laat, 20);
  EXPECT_EQ(b.rente, Cents(678));
  EXPECT_EQ(b.vergoeding, Cents(4000));
  EXPECT_EQ(b.totaal(), Cents(4678));
  EXPECT_FALSE(b.rente_onvolledig);
}

// One day late: 1000 * 0.1115 / 365 = 0.30548 -> EUR 0.31 (half up), and the full EUR 40.
TEST(BlootstellingTest, OneDayLate) {
  const Blootstelling b = Bereken(100000, "2025-01-31", "2025-02-01");
  EXPECT_EQ(b.dagen_te_laat, 1);
  EXPECT_EQ(b.rente, Cents(31));
  EXPECT_EQ(b.totaal(), Cents(4031));
}

// EUR 1,234.56 due 31 May 2023, paid 14 August 2023 (75 days):
//   30 days at 10.50% + 45 days at 12.00%: 1234.56 * (0.105*30 + 0.12*45) / 365 = 28.9187.
TEST(BlootstellingTest, TwoPeriods) {
  const Blootstelling b = Bereken(123456, "2023-05-31", "2023-08-14");
  EXPECT_EQ(b.dagen_te_laat, 75);
  EXPECT_EQ(b.rente, Cents(2892));
}

// After a full year the year's interest joins the hoofdsom (art. 6:119a lid 3 BW).
// EUR 10,000 due 31 December 2022, paid 1 January 2024 (366 days):
//   year 1 (2023): 181 days at 10.50% = 520.68, 184 days at 12.00% = 604.93 -> 1,125.62
//   year 2 (1 Jan 2024): 11,125.62 * 0.125 / 365 = 3.81 (without compounding: 3.42)
//   rente 1,129.43.
TEST(BlootstellingTest, InterestIsAddedAfterEachYear) {
  const Blootstelling b = Bereken(1000000, "2022-12-31", "2024-01-01");
  EXPECT_EQ(b.dagen_te_laat, 366);
  EXPECT_EQ(b.rente, Cents(112943));
}

// A year that starts on 29 February ends on 28 February: 2024-02-29..2025-02-27 is year 1
// (123 days at 12.50%, 184 at 12.25%, 58 at 11.15%: 121.59), then 2 days on 1,121.59 at
// 11.15% (0.69).
TEST(BlootstellingTest, LeapDayStart) {
  EXPECT_EQ(Bereken(100000, "2024-02-28", "2025-03-01").rente, Cents(12228));
}

// Six years late, compounded five times; the figure comes from an independent computation
// (exact fractions, day by day) of the same formula.
TEST(BlootstellingTest, SixYearsLate) {
  const Blootstelling b = Bereken(2500000, "2020-03-15", "2026-03-15");
  EXPECT_EQ(b.rente, Cents(1875497));
  EXPECT_FALSE(b.rente_onvolledig);
}

TEST(BlootstellingTest, RoundsHalfUpOnceAYear) {
  const RenteTabel tien = {{D("2020-01-01"), 1000}};
  // 18.25 * 0.10 / 365 = 0.005 exactly: half a cent rounds up.
  EXPECT_EQ(Bereken(1825, "2024-01-10", "2024-01-11", tien).rente, Cents(1));
  EXPECT_EQ(Bereken(1824, "2024-01-10", "2024-01-11", tien).rente, Cents(0));
  // Rounded once over the year, not per day: 10 days of 0.0049 is 0.05, not 0.
  EXPECT_EQ(Bereken(1790, "2024-01-10", "2024-01-20", tien).rente, Cents(5));
}

TEST(BlootstellingTest, DaysBeforeTheTableAreFlagged) {
  const RenteTabel t = {{D("2024-01-01"), 1250}};
  const Blootstelling b = Bereken(100000, "2023-12-21", "2024-01-10", t);
  EXPECT_TRUE(b.rente_onvolledig);
  EXPECT_EQ(b.rente, Cents(342));  // only the 10 days of 2024: 1000 * 0.125 * 10/365
  EXPECT_TRUE(Bereken(100000, "2023-12-21", "2024-01-10", RenteTabel{}).rente_onvolledig);
}

TEST(BlootstellingTest, CreditsAndHugeAmountsAreSafe) {
  const Blootstelling credit = Bereken(-5000, "2024-01-01", "2024-03-01");
  EXPECT_EQ(credit.dagen_te_laat, 60);
  EXPECT_EQ(credit.totaal(), Cents(0));
  // Absurd input saturates instead of overflowing.
  const Blootstelling huge =
      Bereken(std::numeric_limits<int64_t>::max(), "2020-01-01", "2099-12-31");
  EXPECT_EQ(huge.rente, Cents(std::numeric_limits<int64_t>::max()));
  TeLaatBeleid beleid;
  beleid.vaste_vergoeding = Cents(0);
  EXPECT_EQ(BerekenBlootstelling(Cents(100000), D("2024-06-20"), D("2024-07-10"),
                                 StandaardHandelsrente(), beleid)
                .totaal(),
            Cents(678));
}

TEST(BetaalbaarheidTest, SignDecides) {
  EXPECT_EQ(BepaalBetaalbaarheid(Cents(1)), Betaalbaarheid::kBetaalbaar);
  EXPECT_EQ(BepaalBetaalbaarheid(Cents(-1)), Betaalbaarheid::kCredit);
  EXPECT_EQ(BepaalBetaalbaarheid(Cents(0)), Betaalbaarheid::kNietsTeBetalen);
}

TEST(BatchTest, OneTransferPerAgbWithCreditsNetted) {
  const std::vector<BetaalbareDeclaratie> decl = {
      {3, "11111111", "D3", Cents(5000)},  {1, "11111111", "D1", Cents(10000)},
      {2, "11111111", "C2", Cents(-3000)}, {4, "22222222", "D4", Cents(1000)},
      {5, "22222222", "C5", Cents(-1000)}, {6, "33333333", "D6", Cents(700)},
      {7, "44444444", "D7", Cents(800)},   {8, "55555555", "D8", Cents(900)},
      {9, "66666666", "C9", Cents(-500)},  {10, "77777777", "D10", Cents(1)},
  };
  const std::map<std::string, Begunstigde> aanbieders = {
      {"11111111", {"Zorg Een", "nl02 abna 0123 4567 89"}},
      {"22222222", {"Zorg Twee", "NL20INGB0001234567"}},
      {"44444444", {"Zorg Vier", ""}},
      {"55555555", {"Zorg Vijf", "NL02ABNA0123456788"}},
      {"66666666", {"Zorg Zes", "NL44RABO0123456789"}},
      {"77777777", {"", "NL44RABO0123456789"}},
  };
  const BatchVoorstel v = StelBatchSamen(decl, aanbieders);
  ASSERT_EQ(v.regels.size(), 2u);
  const BatchRegel& een = v.regels[0];
  EXPECT_EQ(een.agb, "11111111");
  EXPECT_EQ(een.iban, "NL02ABNA0123456789");
  EXPECT_EQ(een.bedrag, Cents(12000));
  EXPECT_EQ(een.declaratie_ids, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(een.omschrijving, "Declaraties D1 D3 verrekend C2");
  EXPECT_EQ(v.regels[1].agb, "77777777");
  EXPECT_EQ(v.regels[1].naam, "AGB 77777777");
  EXPECT_EQ(v.totaal, Cents(12001));

  ASSERT_EQ(v.overgeslagen.size(), 5u);
  auto skipped = [&](const std::string& agb) {
    for (const auto& o : v.overgeslagen) {
      if (o.agb == agb) return o;
    }
    ADD_FAILURE() << agb << " not skipped";
    return OvergeslagenAgb{};
  };
  EXPECT_EQ(skipped("22222222").reden, OverslagReden::kNettoNietPositief);  // exactly 0
  EXPECT_EQ(skipped("22222222").aantal, 2);
  EXPECT_EQ(skipped("33333333").reden, OverslagReden::kGeenAanbieder);
  EXPECT_EQ(skipped("44444444").reden, OverslagReden::kGeenIban);
  EXPECT_EQ(skipped("55555555").reden, OverslagReden::kOngeldigeIban);
  EXPECT_EQ(skipped("66666666").reden, OverslagReden::kNettoNietPositief);
  EXPECT_EQ(skipped("66666666").netto, Cents(-500));
  for (const auto& r : v.regels) EXPECT_GT(r.bedrag, Cents(0));
}

TEST(BatchTest, NothingPayable) {
  EXPECT_TRUE(StelBatchSamen({}, {}).regels.empty());
  EXPECT_EQ(StelBatchSamen({}, {}).totaal, Cents(0));
}

TEST(BatchTest, RemittanceListsAsManyNumbersAsFit) {
  std::vector<std::string> nummers;
  for (int n = 1; n <= 30; ++n)
    nummers.push_back("D2026110" + std::string(n < 10 ? "0" : "") + std::to_string(n));
  const std::string s = BetaalOmschrijving(nummers, {});
  EXPECT_EQ(s,
            "Declaraties D202611001 D202611002 D202611003 D202611004 D202611005 D202611006 "
            "D202611007 D202611008 D202611009 D202611010 D202611011 (+19)");
  EXPECT_LE(s.size(), 140u);
  const std::string c = BetaalOmschrijving({"D1"}, nummers);
  EXPECT_LE(c.size(), 140u);
  EXPECT_EQ(c.rfind("Declaraties D1 verrekend D202611001 ", 0), 0u) << c;
  EXPECT_EQ(c.substr(c.size() - 5), "(+20)") << c;
  EXPECT_EQ(BetaalOmschrijving({}, {}), "Declaraties");
}

}  // namespace
}  // namespace sluis::workflow
