// Payment batches against a real PostgreSQL: betaalbaar stellen, grouping per AGB, netting,
// no transfer <= 0, missing IBANs, the pain.001 export, paid and cancelled batches, audit.
#include <thread>

#include "betaling_fixture.h"

namespace sluis::db {
namespace {

using workflow::OverslagReden;

TEST_F(BetalingPgTest, StelBetaalbaarBySignOfTheGrantedAmount) {
  const int64_t plus = Declaratie("11111111", "D1", 10000, "verzonden");
  const int64_t credit = Declaratie("11111111", "C1", -2500, "verzonden");
  const int64_t nul = Declaratie("11111111", "D0", 0, "verzonden");
  const int64_t nog_niet = Declaratie("11111111", "D2", 500, "beoordeeld");
  const int64_t elders = Declaratie("11111111", "D3", 700, "verzonden", "2026-10-01", "0599");

  const BetaalbaarGesteld r = StelBetaalbaar(conn, "0363", "fin.medewerker");
  EXPECT_EQ(r.betaalbaar, 1);
  EXPECT_EQ(r.credits, 1);
  EXPECT_EQ(r.afgewezen, 1);
  EXPECT_EQ(r.ids, (std::vector<int64_t>{plus, credit, nul}));
  EXPECT_EQ(Status(plus), "betaalbaar");
  EXPECT_EQ(Status(credit), "betaalbaar");
  EXPECT_EQ(Status(nul), "afgewezen");
  EXPECT_EQ(Status(nog_niet), "beoordeeld");
  EXPECT_EQ(Status(elders), "verzonden");
  EXPECT_EQ(Q("SELECT count(*) FROM declaratie WHERE betaalbaar_op IS NOT NULL"), "2");
  EXPECT_EQ(Q("SELECT actor || ' ' || subject || ' ' || (after->'afgewezen')::text FROM audit_log"
              " WHERE action = 'betaling.betaalbaar'"),
            "fin.medewerker gemeente/0363 [" + std::to_string(nul) + "]");

  // Nothing left: no change, no audit entry.
  EXPECT_TRUE(StelBetaalbaar(conn, "0363", "fin.medewerker").ids.empty());
  EXPECT_EQ(AuditCount("betaling.betaalbaar"), 1);
  // "" is every gemeente.
  EXPECT_EQ(StelBetaalbaar(conn, "", "fin.medewerker").ids, (std::vector<int64_t>{elders}));
}

TEST_F(BetalingPgTest, OneTransferPerAgbCreditsNettedNothingAtOrBelowZero) {
  Aanbieder("11111111", "Zorg Een B.V.", kIbanA);
  Aanbieder("22222222", "Zorg Twee", kIbanB);
  Aanbieder("33333333", "Alleen Credit", kIbanB);
  Aanbieder("55555555", "Zonder IBAN", "");
  Aanbieder("66666666", "Foute IBAN", "NL02ABNA0123456788");
  const int64_t a1 = Declaratie("11111111", "D1", 10000, "betaalbaar");
  const int64_t a2 = Declaratie("11111111", "C2", -3000, "betaalbaar");
  const int64_t a3 = Declaratie("11111111", "D3", 5000, "betaalbaar");
  const int64_t b1 = Declaratie("22222222", "D4", 1000, "betaalbaar");
  const int64_t b2 = Declaratie("22222222", "C5", -1000, "betaalbaar");
  const int64_t c1 = Declaratie("33333333", "C6", -500, "betaalbaar");
  const int64_t d1 = Declaratie("44444444", "D7", 800, "betaalbaar");  // no aanbieder row
  const int64_t e1 = Declaratie("55555555", "D8", 900, "betaalbaar");
  const int64_t f1 = Declaratie("66666666", "D9", 950, "betaalbaar");
  const int64_t other_state = Declaratie("11111111", "D10", 7000, "verzonden");
  const int64_t other_gemeente =
      Declaratie("11111111", "D11", 7000, "betaalbaar", "2026-10-01", "0599");

  const auto made = Batch();
  ASSERT_TRUE(made.ok()) << made.error().ToString();
  ASSERT_TRUE(made->batch_id);
  const int64_t id = *made->batch_id;
  EXPECT_EQ(made->msg_id, "SLUIS-0363-20261123-" + std::to_string(id));
  ASSERT_EQ(made->voorstel.regels.size(), 1u);
  EXPECT_EQ(made->voorstel.totaal, Cents(12000));

  const auto info = LeesBetaalbatch(conn, id);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->status, "aangemaakt");
  EXPECT_EQ(info->totaal, Cents(12000));
  EXPECT_EQ(info->aantal, 1);
  EXPECT_EQ(info->uitvoerdatum, D("2026-11-25"));
  ASSERT_EQ(info->regels.size(), 1u);
  const BetaalregelInfo& r = info->regels[0];
  EXPECT_EQ(r.agb, "11111111");
  EXPECT_EQ(r.iban, kIbanA);
  EXPECT_EQ(r.bedrag, Cents(12000));
  EXPECT_EQ(r.end_to_end_id, "SLUIS-" + std::to_string(id) + "-11111111");
  EXPECT_EQ(r.omschrijving, "Declaraties D1 D3 verrekend C2");
  EXPECT_EQ(r.declaratie_ids, (std::vector<int64_t>{a1, a2, a3}));

  for (int64_t in : {a1, a2, a3}) EXPECT_EQ(BatchOf(in), std::to_string(id));
  for (int64_t out : {b1, b2, c1, d1, e1, f1, other_state, other_gemeente}) {
    EXPECT_EQ(BatchOf(out), "") << out;
  }
  for (int64_t all : {a1, a2, a3, b1, b2, c1, d1, e1, f1}) EXPECT_EQ(Status(all), "betaalbaar");
  EXPECT_EQ(Q("SELECT count(*) FROM betaalregel WHERE bedrag_cent <= 0"), "0");

  // Every AGB left out is reported, and the audit entry names them.
  std::map<std::string, OverslagReden> skipped;
  for (const auto& o : made->voorstel.overgeslagen) skipped[o.agb] = o.reden;
  EXPECT_EQ(skipped,
            (std::map<std::string, OverslagReden>{{"22222222", OverslagReden::kNettoNietPositief},
                                                  {"33333333", OverslagReden::kNettoNietPositief},
                                                  {"44444444", OverslagReden::kGeenAanbieder},
                                                  {"55555555", OverslagReden::kGeenIban},
                                                  {"66666666", OverslagReden::kOngeldigeIban}}));
  EXPECT_EQ(Q("SELECT actor || ' ' || subject || ' ' || jsonb_array_length(after->'overgeslagen')"
              " || ' ' || (after->>'totaal_cent') FROM audit_log"
              " WHERE action = 'betaalbatch.aangemaakt'"),
            "fin.medewerker betaalbatch/" + std::to_string(id) + " 5 12000");

  // A second batch finds nothing new to pay: the carried-forward AGBs stay carried forward.
  const auto again = Batch();
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->batch_id);
  EXPECT_EQ(again->voorstel.overgeslagen.size(), 5u);
  EXPECT_EQ(Q("SELECT count(*) FROM betaalbatch"), "1");
  EXPECT_EQ(AuditCount("betaalbatch.aangemaakt"), 1);

  // A new debit for AGB 2 makes its net positive: now it is paid, credit included.
  const int64_t b3 = Declaratie("22222222", "D12", 400, "betaalbaar");
  const auto third = Batch();
  ASSERT_TRUE(third.ok() && third->batch_id);
  ASSERT_EQ(third->voorstel.regels.size(), 1u);
  EXPECT_EQ(third->voorstel.regels[0].bedrag, Cents(400));
  EXPECT_EQ(third->voorstel.regels[0].declaratie_ids, (std::vector<int64_t>{b1, b2, b3}));
}

TEST_F(BetalingPgTest, RefusesBadInputAndNothingToPay) {
  EXPECT_EQ(Batch("363").error().code, "betaalbatch.gemeente");
  EXPECT_EQ(Batch("0363", "2026-11-23T09:00:00Z", "2026-11-22").error().code,
            "betaalbatch.uitvoerdatum");
  // 23:30 UTC on the 23rd is already the 24th in the Netherlands.
  EXPECT_EQ(Batch("0363", "2026-11-23T23:30:00Z", "2026-11-23").error().code,
            "betaalbatch.uitvoerdatum");
  const auto empty = Batch();
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->batch_id);
  EXPECT_TRUE(empty->voorstel.regels.empty());
  EXPECT_EQ(Q("SELECT count(*) FROM betaalbatch"), "0");
  EXPECT_EQ(Q("SELECT count(*) FROM audit_log"), "0");
  // The schema itself refuses a declaratie pointing at a batch that does not exist.
  const int64_t d = Declaratie("11111111", "D1", 100, "betaalbaar");
  try {
    Q("UPDATE declaratie SET betaalbatch_id = 424242 WHERE id = " + std::to_string(d));
    FAIL() << "foreign key not enforced";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("declaratie_betaalbatch_fk"), std::string::npos);
  }
}

TEST_F(BetalingPgTest, ExportValidatesStoresAndRepeatsTheSameBytes) {
  Aanbieder("11111111", "Zorg & Welzijn Één", kIbanA);
  Aanbieder("22222222", "Zorg Twee", kIbanB);
  Declaratie("11111111", "D1", 123456, "betaalbaar");
  Declaratie("22222222", "D2", 789, "betaalbaar");
  const int64_t id = *Batch()->batch_id;

  const auto xml = ExporteerBetaalbatch(conn, id, Gemeente(), Schemas(), "fin.medewerker",
                                        At("2026-11-23T09:30:00Z"));
  ASSERT_TRUE(xml.ok()) << xml.error().ToString();
  EXPECT_TRUE(Schemas().Validate(codecs::SchemaKind::kPain001, *xml).empty());
  const std::string msg = "SLUIS-0363-20261123-" + std::to_string(id);
  EXPECT_NE(xml->find("<MsgId>" + msg + "</MsgId>"), std::string::npos);
  EXPECT_NE(xml->find("<PmtInfId>" + msg + "-1</PmtInfId>"), std::string::npos);
  EXPECT_NE(xml->find("<CreDtTm>2026-11-23T10:30:00</CreDtTm>"), std::string::npos);  // CET
  EXPECT_NE(xml->find("<ReqdExctnDt>2026-11-25</ReqdExctnDt>"), std::string::npos);
  EXPECT_NE(xml->find("<CtrlSum>1242.45</CtrlSum>"), std::string::npos);
  EXPECT_NE(xml->find("<NbOfTxs>2</NbOfTxs>"), std::string::npos);
  EXPECT_NE(xml->find("<IBAN>" + std::string(kIbanGemeente) + "</IBAN>"), std::string::npos);
  EXPECT_NE(xml->find("<BIC>ABNANL2A</BIC>"), std::string::npos);
  EXPECT_NE(xml->find("<Nm>Zorg + Welzijn Een</Nm>"), std::string::npos);
  EXPECT_NE(xml->find("<InstdAmt Ccy=\"EUR\">1234.56</InstdAmt>"), std::string::npos);
  EXPECT_NE(xml->find("<InstdAmt Ccy=\"EUR\">7.89</InstdAmt>"), std::string::npos);

  EXPECT_EQ(LeesBetaalbatch(conn, id)->status, "geexporteerd");
  EXPECT_EQ(Q("SELECT convert_from(pain001, 'UTF8') FROM betaalbatch"), *xml);
  EXPECT_EQ(Q("SELECT debiteur_iban FROM betaalbatch"), kIbanGemeente);
  EXPECT_EQ(Q("SELECT length(pain001) FROM betaalbatch"), std::to_string(xml->size()));
  EXPECT_EQ(Q("SELECT (a.after->>'sha256') = encode(sha256(b.pain001), 'hex')"
              " AND a.before->>'status' = 'aangemaakt' FROM audit_log a, betaalbatch b"
              " WHERE a.action = 'betaalbatch.geexporteerd'"),
            "t");

  // Later calls give the stored file, byte for byte, whatever the time.
  const auto again = ExporteerBetaalbatch(conn, id, Gemeente(), Schemas(), "iemand.anders",
                                          At("2026-11-24T15:00:00Z"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *xml);
  EXPECT_EQ(AuditCount("betaalbatch.geexporteerd"), 1);
}

TEST_F(BetalingPgTest, ExportRefusesABadDebtorAndStoresNothing) {
  Aanbieder("11111111", "Zorg Een", kIbanA);
  Declaratie("11111111", "D1", 1000, "betaalbaar");
  const int64_t id = *Batch()->batch_id;
  Debiteur bad = Gemeente();
  bad.iban = "NL91ABNA0417164301";
  const auto xml =
      ExporteerBetaalbatch(conn, id, bad, Schemas(), "fin", At("2026-11-23T10:00:00Z"));
  ASSERT_FALSE(xml.ok());
  EXPECT_EQ(xml.error().code, "SEPA");
  EXPECT_EQ(xml.error().location, "PmtInf/DbtrAcct/Id/IBAN");
  EXPECT_EQ(Q("SELECT status || ' ' || (pain001 IS NULL)::text FROM betaalbatch"),
            "aangemaakt true");
  EXPECT_EQ(AuditCount("betaalbatch.geexporteerd"), 0);
  // Without a BIC the debtor agent is NOTPROVIDED, and the file still validates.
  Debiteur no_bic = Gemeente();
  no_bic.bic.reset();
  const auto ok =
      ExporteerBetaalbatch(conn, id, no_bic, Schemas(), "fin", At("2026-11-23T10:00:00Z"));
  ASSERT_TRUE(ok.ok()) << ok.error().ToString();
  EXPECT_NE(ok->find("<Id>NOTPROVIDED</Id>"), std::string::npos);
  EXPECT_EQ(
      ExporteerBetaalbatch(conn, 999, Gemeente(), Schemas(), "fin", At("2026-11-23T10:00:00Z"))
          .error()
          .code,
      "betaalbatch.onbekend");
}

TEST_F(BetalingPgTest, PaidBatchPaysItsDeclaraties) {
  Aanbieder("11111111", "Zorg Een", kIbanA);
  const int64_t d1 = Declaratie("11111111", "D1", 1000, "betaalbaar");
  const int64_t c1 = Declaratie("11111111", "C1", -300, "betaalbaar");
  const int64_t id = *Batch()->batch_id;

  // Not exported yet: a bank cannot have paid it.
  EXPECT_EQ(MarkeerBetaald(conn, id, D("2026-11-25"), "fin").error().code, "betaalbatch.status");
  ASSERT_TRUE(
      ExporteerBetaalbatch(conn, id, Gemeente(), Schemas(), "fin", At("2026-11-23T10:00:00Z"))
          .ok());
  EXPECT_EQ(MarkeerBetaald(conn, id, D("2026-11-22"), "fin").error().code, "betaalbatch.datum");
  EXPECT_EQ(MarkeerBetaald(conn, 4242, D("2026-11-25"), "fin").error().code,
            "betaalbatch.onbekend");

  const codecs::Status paid = MarkeerBetaald(conn, id, D("2026-11-25"), "fin.controller");
  ASSERT_TRUE(paid.ok()) << paid.error().ToString();
  for (int64_t d : {d1, c1}) {
    EXPECT_EQ(Status(d), "betaald");
    EXPECT_EQ(Q("SELECT to_char(betaald_op AT TIME ZONE 'Europe/Amsterdam',"
                " 'YYYY-MM-DD HH24:MI') FROM declaratie WHERE id = " +
                std::to_string(d)),
              "2026-11-25 00:00");
  }
  const auto info = LeesBetaalbatch(conn, id);
  EXPECT_EQ(info->status, "betaald");
  EXPECT_EQ(info->betaald_op, D("2026-11-25"));
  EXPECT_EQ(Q("SELECT actor || ' ' || (after->>'declaraties') || ' ' || (after->>'betaald_op')"
              " FROM audit_log WHERE action = 'betaalbatch.betaald'"),
            "fin.controller 2 2026-11-25");

  // Paid is final.
  EXPECT_EQ(MarkeerBetaald(conn, id, D("2026-11-26"), "fin").error().code, "betaalbatch.status");
  EXPECT_EQ(AnnuleerBetaalbatch(conn, id, "fin", "te laat").error().code, "betaalbatch.status");
  EXPECT_EQ(AuditCount("betaalbatch.betaald"), 1);
  EXPECT_EQ(AuditCount("betaalbatch.geannuleerd"), 0);
}

TEST_F(BetalingPgTest, CancelledBatchReturnsItsDeclaratiesToTheNextBatch) {
  Aanbieder("11111111", "Zorg Een", kIbanA);
  const int64_t d1 = Declaratie("11111111", "D1", 1000, "betaalbaar");
  const int64_t first = *Batch()->batch_id;
  ASSERT_TRUE(
      ExporteerBetaalbatch(conn, first, Gemeente(), Schemas(), "fin", At("2026-11-23T10:00:00Z"))
          .ok());

  ASSERT_TRUE(AnnuleerBetaalbatch(conn, first, "fin.controller", "verkeerde rekening").ok());
  EXPECT_EQ(Status(d1), "betaalbaar");
  EXPECT_EQ(BatchOf(d1), "");
  EXPECT_EQ(LeesBetaalbatch(conn, first)->status, "geannuleerd");
  // The history stays: the cancelled batch still lists what it held.
  EXPECT_EQ(LeesBetaalbatch(conn, first)->regels.at(0).declaratie_ids, (std::vector<int64_t>{d1}));
  EXPECT_EQ(Q("SELECT actor || ' ' || (before->>'status') || ' ' || (after->>'reden')"
              " FROM audit_log WHERE action = 'betaalbatch.geannuleerd'"),
            "fin.controller geexporteerd verkeerde rekening");
  EXPECT_EQ(AnnuleerBetaalbatch(conn, first, "fin", "").error().code, "betaalbatch.status");
  EXPECT_EQ(
      ExporteerBetaalbatch(conn, first, Gemeente(), Schemas(), "fin", At("2026-11-23T10:00:00Z"))
          .error()
          .code,
      "betaalbatch.status");
  EXPECT_EQ(MarkeerBetaald(conn, first, D("2026-11-25"), "fin").error().code, "betaalbatch.status");

  const auto second = Batch();
  ASSERT_TRUE(second.ok() && second->batch_id);
  EXPECT_NE(*second->batch_id, first);
  EXPECT_NE(second->msg_id, LeesBetaalbatch(conn, first)->msg_id);
  EXPECT_EQ(BatchOf(d1), std::to_string(*second->batch_id));
  // A batch that was never exported can be cancelled too.
  ASSERT_TRUE(AnnuleerBetaalbatch(conn, *second->batch_id, "fin", "").ok());
  EXPECT_EQ(BatchOf(d1), "");
}

// Two clerks pressing the button at once: one batch gets the declaraties, the other nothing.
TEST_F(BetalingPgTest, ConcurrentBatchesNeverPayTwice) {
  Aanbieder("11111111", "Zorg Een", kIbanA);
  for (int n = 0; n < 20; ++n)
    Declaratie("11111111", "D" + std::to_string(n), 100 + n, "betaalbaar");
  std::vector<std::optional<int64_t>> ids(2);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      Connection own(schema.url());
      const auto r = MaakBetaalbatch(
          own, {"0363", D("2026-11-25"), "fin" + std::to_string(t), At("2026-11-23T09:00:00Z")});
      if (r.ok()) ids[static_cast<size_t>(t)] = r->batch_id;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(static_cast<int>(ids[0].has_value()) + static_cast<int>(ids[1].has_value()), 1);
  EXPECT_EQ(Q("SELECT count(*) FROM betaalbatch"), "1");
  EXPECT_EQ(Q("SELECT count(*) FROM betaalregel_declaratie"), "20");
  EXPECT_EQ(Q("SELECT totaal_cent FROM betaalbatch"), std::to_string(20 * 100 + 190));
}

}  // namespace
}  // namespace sluis::db
