// The payment backlog with exposure, and the rate table, against a real PostgreSQL. The
// expected figures are computed by hand in the comments (formula: workflow/README.md).
#include "betaling_fixture.h"

namespace sluis::db {
namespace {

TEST_F(BetalingPgTest, MigrationShipsTheDefaultRates) {
  EXPECT_EQ(LeesHandelsrente(conn), workflow::StandaardHandelsrente());
}

// The deadline sweep keeps one warning open while the current half year has no rate, moves it
// on to the next half year, and closes it once the rate is there.
TEST_F(BetalingPgTest, AMissingHalfYearRateIsOneOpenAlertUntilItIsThere) {
  const auto open = [&] {
    return schema.Query(
        "SELECT coalesce(string_agg(condition_key || ' ' || severity || ' ' || occurrences, ','"
        " ORDER BY id), '') FROM alert WHERE kind = 'handelsrente' AND resolved_at IS NULL");
  };
  EXPECT_EQ(SweepHandelsrente(conn, At("2026-03-01T09:00:00Z")),
            std::nullopt);  // 2026-01-01 is there
  EXPECT_EQ(open(), "");
  // From 1 July (Dutch time: 30 June 22:00 UTC is 1 July) the July rate is missing.
  EXPECT_EQ(SweepHandelsrente(conn, At("2026-06-30T21:59:00Z")), std::nullopt);
  EXPECT_EQ(SweepHandelsrente(conn, At("2026-06-30T22:00:00Z")), D("2026-07-01"));
  EXPECT_EQ(SweepHandelsrente(conn, At("2026-07-01T09:00:00Z")), D("2026-07-01"));
  EXPECT_EQ(open(), "handelsrente:2026-07-01 warning 1");  // raised once, not counted up
  EXPECT_NE(
      schema.Query("SELECT message FROM alert WHERE kind = 'handelsrente'").find("2026-07-01"),
      std::string::npos);
  // A new half year without its rate either: the alert moves on.
  EXPECT_EQ(SweepHandelsrente(conn, At("2027-01-04T09:00:00Z")), D("2027-01-01"));
  EXPECT_EQ(open(), "handelsrente:2027-01-01 warning 1");
  ASSERT_TRUE(ZetRentevoet(conn, D("2027-01-01"), 1000, "beheer").ok());
  EXPECT_EQ(SweepHandelsrente(conn, At("2027-01-04T09:05:00Z")), std::nullopt);
  EXPECT_EQ(open(), "");
  EXPECT_EQ(schema.Query("SELECT count(*) FROM alert WHERE kind = 'handelsrente'"), "2");
}

class BacklogPgTest : public BetalingPgTest {
 protected:
  void SetUp() override {
    Aanbieder("11111111", "Zorg Een", kIbanA);
    Aanbieder("22222222", "Zorg Twee", kIbanB);
    Aanbieder("33333333", "Zorg Drie", kIbanB);
    // In a batch executed 15 July 2024; due 12 July (received 12 June).
    b1 = Declaratie("22222222", "B1", 100000, "betaalbaar", "2024-06-12");
    a3 = Declaratie("11111111", "A3", -5000, "betaalbaar", "2024-06-01");  // a lone credit
    const auto batch =
        MaakBetaalbatch(conn, {"0363", D("2024-07-15"), "fin", At("2024-07-08T09:00:00Z")});
    ASSERT_TRUE(batch.ok() && batch->batch_id);
    batch_id = *batch->batch_id;
    a1 = Declaratie("11111111", "A1", 100000, "verzonden", "2024-05-21");  // due 20 June
    a2 = Declaratie("11111111", "A2", 50000, "beoordeeld", "2024-06-20");  // due 20 July
    c1 = Declaratie("33333333", "C1", 20000, "betaalbaar", "2024-05-01", "0363", 60);  // 30 June
    // Not in the backlog: paid, rejected, nothing granted, not judged yet.
    Declaratie("11111111", "X1", 900, "betaald", "2024-05-01");
    Declaratie("11111111", "X2", 900, "afgewezen", "2024-05-01");
    Declaratie("11111111", "X3", 0, "verzonden", "2024-05-01");
    Declaratie("11111111", "X4", 900, "ontvangen", "2024-05-01");
    elders = Declaratie("11111111", "E1", 1000, "verzonden", "2024-07-01", "0599");
  }

  const OpenDeclaratie& Find(const BetaalBacklog& b, int64_t id) {
    for (const auto& o : b.declaraties) {
      if (o.id == id) return o;
    }
    ADD_FAILURE() << "declaratie " << id << " not in the backlog";
    static const OpenDeclaratie kNone;
    return kNone;
  }

  int64_t a1 = 0, a2 = 0, a3 = 0, b1 = 0, c1 = 0, elders = 0, batch_id = 0;
};

TEST_F(BacklogPgTest, ExposurePerDeclaratieAndPerAgb) {
  const BetaalBacklog b = LeesBetaalBacklog(conn, D("2024-07-10"), "0363");
  EXPECT_EQ(b.peildatum, D("2024-07-10"));
  ASSERT_EQ(b.aantal, 5);
  // By due date: A1 20 June, C1 30 June, A3 1 July, B1 12 July, A2 20 July.
  std::vector<int64_t> order;
  for (const auto& o : b.declaraties) order.push_back(o.id);
  EXPECT_EQ(order, (std::vector<int64_t>{a1, c1, a3, b1, a2}));

  // A1: EUR 1,000 due 20 June, 20 days late on 10 July: 10 days at 12.50% + 10 at 12.25%
  // = 3.42 + 3.36 = 6.78, plus EUR 40.
  const OpenDeclaratie& o1 = Find(b, a1);
  EXPECT_EQ(o1.betalen_uiterlijk, D("2024-06-20"));
  EXPECT_EQ(o1.ontvangen_op, D("2024-05-21"));
  EXPECT_EQ(o1.dagen_tot_uiterlijk, -20);
  EXPECT_EQ(o1.blootstelling.rente, Cents(678));
  EXPECT_EQ(o1.blootstelling.totaal(), Cents(4678));
  EXPECT_EQ(o1.status, "verzonden");
  EXPECT_EQ(o1.naam, "Zorg Een");
  // A2: due in 10 days.
  EXPECT_EQ(Find(b, a2).dagen_tot_uiterlijk, 10);
  EXPECT_EQ(Find(b, a2).blootstelling.totaal(), Cents(0));
  // A3: an overdue credit costs nothing.
  EXPECT_EQ(Find(b, a3).blootstelling.totaal(), Cents(0));
  // B1: due 12 July, in a batch executed 15 July: 3 days at 12.25% on EUR 1,000 = 1.01,
  // plus EUR 40, though not overdue on the peildatum.
  const OpenDeclaratie& ob = Find(b, b1);
  EXPECT_EQ(ob.dagen_tot_uiterlijk, 2);
  EXPECT_EQ(ob.betaalbatch_id, batch_id);
  EXPECT_EQ(ob.betaaldatum, D("2024-07-15"));
  EXPECT_EQ(ob.blootstelling.dagen_te_laat, 3);
  EXPECT_EQ(ob.blootstelling.totaal(), Cents(4101));
  // C1: a 60-day contract term, due 30 June, 10 days at 12.25% on EUR 200 = 0.67, plus 40.
  EXPECT_EQ(Find(b, c1).betalen_uiterlijk, D("2024-06-30"));
  EXPECT_EQ(Find(b, c1).blootstelling.totaal(), Cents(4067));

  ASSERT_EQ(b.per_agb.size(), 3u);
  const AgbBacklog& een = b.per_agb[0];
  EXPECT_EQ(een.agb, "11111111");
  EXPECT_EQ(een.aantal, 3);
  EXPECT_EQ(een.te_laat, 1);
  EXPECT_EQ(een.open, Cents(150000));
  EXPECT_EQ(een.credit, Cents(-5000));
  EXPECT_EQ(een.blootstelling, Cents(4678));
  EXPECT_EQ(een.max_dagen_te_laat, 20);
  EXPECT_EQ(b.per_agb[1].blootstelling, Cents(4101));
  EXPECT_EQ(b.per_agb[1].te_laat, 0);
  EXPECT_EQ(b.per_agb[2].max_dagen_te_laat, 10);
  EXPECT_EQ(b.te_laat, 2);
  EXPECT_EQ(b.open, Cents(270000));
  EXPECT_EQ(b.blootstelling, Cents(4678 + 4101 + 4067));
  EXPECT_FALSE(b.rente_onvolledig);

  // Every gemeente.
  const BetaalBacklog all = LeesBetaalBacklog(conn, D("2024-07-10"));
  EXPECT_EQ(all.aantal, 6);
  EXPECT_EQ(Find(all, elders).gemeente, "0599");
}

TEST_F(BacklogPgTest, ExposureDisappearsWhenPaid) {
  ASSERT_TRUE(
      ExporteerBetaalbatch(conn, batch_id, Gemeente(), Schemas(), "fin", At("2024-07-08T10:00:00Z"))
          .ok());
  ASSERT_TRUE(MarkeerBetaald(conn, batch_id, D("2024-07-15"), "fin").ok());
  const BetaalBacklog b = LeesBetaalBacklog(conn, D("2024-07-10"), "0363");
  EXPECT_EQ(b.aantal, 4);
  for (const auto& o : b.declaraties) EXPECT_NE(o.id, b1);
  EXPECT_EQ(b.blootstelling, Cents(4678 + 4067));
}

TEST_F(BacklogPgTest, LoadedRatesReplaceTheDefaultAndAreAudited) {
  const workflow::RenteTabel tien = {{D("2020-01-01"), 1000}};
  ASSERT_TRUE(LaadHandelsrente(conn, tien, "fin.beheer", "handelsrente.csv", "abc123").ok());
  EXPECT_EQ(LeesHandelsrente(conn), tien);
  // A1 at a flat 10%: 1000 * 0.10 * 20/365 = 5.48.
  const BetaalBacklog b = LeesBetaalBacklog(conn, D("2024-07-10"), "0363");
  EXPECT_EQ(Find(b, a1).blootstelling.rente, Cents(548));
  EXPECT_EQ(
      Q("SELECT actor || ' ' || jsonb_array_length(before) || ' ' || (after->0->>'percentage')"
        " FROM audit_log WHERE action = 'handelsrente.geladen'"),
      "fin.beheer 13 10.00");
  EXPECT_EQ(Q("SELECT kind || ' ' || file_name || ' ' || sha256 || ' ' || rows || ' ' || "
              "imported_by FROM reference_import"),
            "handelsrente handelsrente.csv abc123 1 fin.beheer");

  EXPECT_FALSE(LaadHandelsrente(conn, {}, "fin", "leeg.csv", "").ok());
  EXPECT_FALSE(
      LaadHandelsrente(conn, {{D("2024-01-01"), 100}, {D("2023-01-01"), 200}}, "fin", "x", "")
          .ok());
  EXPECT_FALSE(LaadHandelsrente(conn, {{D("2024-01-01"), 10000}}, "fin", "x", "").ok());
  EXPECT_EQ(LeesHandelsrente(conn), tien);  // refused loads change nothing
  EXPECT_EQ(AuditCount("handelsrente.geladen"), 1);
}

TEST_F(BacklogPgTest, DaysWithoutARateAreFlagged) {
  Declaratie("11111111", "OUD", 100000, "verzonden", "2019-11-20");  // due 20 December 2019
  const BetaalBacklog b = LeesBetaalBacklog(conn, D("2020-01-10"), "0363");
  EXPECT_TRUE(b.rente_onvolledig);
}

}  // namespace
}  // namespace sluis::db
