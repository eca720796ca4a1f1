// 305/307/315/317 through the inbox against a real PostgreSQL: every level-3 rule with a
// failing and a passing fixture, the retour's shape, and what an accepted message stores.
#include <pqxx/pqxx>

#include "regie_fixture.h"

namespace sluis::db::regie_test {
namespace {

using codecs::Bericht306;
using codecs::Bericht308;
using codecs::Bericht316;
using codecs::Bericht318;

class RegieTest : public ::testing::Test {
 protected:
  RegieTest() : conn(s.url()) { Seed(s); }
  template <class R>
  std::string Run(const codecs::Bericht& b, const char* date) {
    return Codes(Answer<R>(s, conn, b, date));
  }
  // A start and a stop on 300201 from kAgb, then a start from another aanbieder.
  struct StartStopAndOther {
    int64_t start, stop, other;
  };
  StartStopAndOther ReceiveStartStopAndOther() {
    StartStopAndOther ids{};
    ids.start = Receive(s, Start("S1", "2026-03-09", {StartP(300201, "2026-03-02")}),
                        "2026-03-09 09:00+01");
    ids.stop =
        Receive(s, Stop("T1", "2026-03-09", {StopP(300201, "2026-03-02", "31", "2026-03-06")}),
                "2026-03-09 09:01+01");
    auto other = Start("S9", "2026-03-09", {StartP(300201, "2026-03-02")});
    other.header.aanbieder = codecs::AgbCode("12345678");
    ids.other = Receive(s, other, "2026-03-09 09:02+01");
    return ids;
  }
  TestSchema s;
  Connection conn;
};

// --- 305 ---

TEST_F(RegieTest, AcceptedStartIsStoredWithItsTimelinessAndGetsAHeaderOnly306) {
  const auto b =
      Start("S1", "2026-03-09", {StartP(300201, "2026-03-02"), StartP(300202, "2026-02-02")});
  const Bericht306 r = Answer<Bericht306>(s, conn, b, "2026-03-09");
  EXPECT_EQ(Codes(r), "");
  EXPECT_FALSE(r.client);
  EXPECT_EQ(r.header.heen, b.header);  // IV028: the heenbericht's header, Afzender = AGB
  EXPECT_EQ(r.header.identificatie_retour.substr(0, 2), "SL");
  EXPECT_EQ(r.header.dagtekening_retour, D("2026-03-09"));
  // OP271: 5 werkdagen from Monday 2 March to Monday 9 March; 25 from 2 February.
  EXPECT_EQ(s.Query("SELECT string_agg(nummer || ':' || werkdagen_na || ':' || tijdig, ' '"
                    " ORDER BY positie) FROM regie_melding"),
            "300201:5:true 300202:25:false");
  EXPECT_EQ(s.Query("SELECT start_datum FROM toewijzing WHERE nummer = 300201"), "2026-03-02");
  // The retour answers the 305 (the transport sends it as a Du01 referring to the Di01).
  EXPECT_EQ(s.Query("SELECT count(*) FROM bericht b JOIN bericht h ON h.id = b.answers_bericht_id"
                    " WHERE b.direction = 'out' AND b.berichttype = 306 AND h.berichttype = 305"),
            "1");
}

TEST_F(RegieTest, TR019StartWithoutToewijzing) {
  EXPECT_EQ(Run<Bericht306>(Start("S1", "2026-03-09",
                                  {StartP(300201, "2026-03-02"), StartP(999999, "2026-03-02")}),
                            "2026-03-09"),
            "0200 | 0200 9019");
  EXPECT_EQ(s.Query("SELECT count(*) FROM regie_melding"), "0");  // IV032: rejected as a whole
}

TEST_F(RegieTest, TR074SameStartAgainAndTR326NewStartWhileCurrent) {
  EXPECT_EQ(
      Run<Bericht306>(Start("S1", "2026-03-09", {StartP(300201, "2026-03-02")}), "2026-03-09"), "");
  EXPECT_EQ(
      Run<Bericht306>(Start("S2", "2026-03-10", {StartP(300201, "2026-03-02")}), "2026-03-10"),
      "0200 | 9074");
  EXPECT_EQ(
      Run<Bericht306>(Start("S3", "2026-03-10", {StartP(300201, "2026-03-05")}), "2026-03-10"),
      "0200 | 9326");
  // After a stop a new start is allowed (TR326 passes).
  EXPECT_EQ(
      Run<Bericht308>(Stop("T1", "2026-03-20", {StopP(300201, "2026-03-02", "20", "2026-03-19")}),
                      "2026-03-20"),
      "");
  EXPECT_EQ(
      Run<Bericht306>(Start("S4", "2026-04-01", {StartP(300201, "2026-04-01")}), "2026-04-01"), "");
  // Every retour has an IdentificatieRetour of its own (unique per berichtsoort, and wider).
  EXPECT_EQ(s.Query("SELECT count(DISTINCT identificatie) || '/' || count(*) FROM bericht"
                    " WHERE direction = 'out'"),
            "5/5");
}

TEST_F(RegieTest, TR063AndTR071DeletingAStart) {
  EXPECT_EQ(
      Run<Bericht306>(Start("S1", "2026-03-09", {StartP(300201, "2026-03-02", "3")}), "2026-03-09"),
      "0200 | 9063");
  EXPECT_EQ(
      Run<Bericht306>(Start("S2", "2026-03-09", {StartP(300201, "2026-03-02")}), "2026-03-09"), "");
  EXPECT_EQ(
      Run<Bericht306>(Start("S3", "2026-03-10", {StartP(300201, "2026-03-02", "3")}), "2026-03-10"),
      "");
  EXPECT_EQ(s.Query("SELECT count(*) FROM regie_melding WHERE verwijderd_door IS NOT NULL"), "1");
  EXPECT_EQ(
      s.Query("SELECT coalesce(start_datum::text, 'none') FROM toewijzing WHERE nummer = 300201"),
      "none");
  // Started again, stopped: the start can no longer be deleted.
  EXPECT_EQ(
      Run<Bericht306>(Start("S4", "2026-03-11", {StartP(300201, "2026-03-02")}), "2026-03-11"), "");
  EXPECT_EQ(
      Run<Bericht308>(Stop("T1", "2026-03-20", {StopP(300201, "2026-03-02", "31", "2026-03-19")}),
                      "2026-03-20"),
      "");
  EXPECT_EQ(
      Run<Bericht306>(Start("S5", "2026-03-21", {StartP(300201, "2026-03-02", "3")}), "2026-03-23"),
      "0200 | 9071");
}

TEST_F(RegieTest, HeaderRulesGiveAHeaderOnlyRetour) {
  EXPECT_EQ(
      Run<Bericht306>(Start("S1", "2026-03-09", {StartP(300201, "2026-03-02")}), "2026-03-09"), "");
  // TR056: the same Identificatie again; TR135: dated after the day of receipt.
  EXPECT_EQ(
      Run<Bericht306>(Start("S1", "2026-03-12", {StartP(300202, "2026-03-02")}), "2026-03-10"),
      "9056 8848 ");
  // TR378: the Ontvanger is no gemeente in the CBS list.
  auto b = Start("S2", "2026-03-10", {StartP(300202, "2026-03-02")});
  b.header.gemeente = codecs::GemeenteCode("0999");
  EXPECT_EQ(Run<Bericht306>(b, "2026-03-10"), "S300 ");
}

TEST_F(RegieTest, Level2FailureGetsA0001Retour) {
  EXPECT_EQ(
      Run<Bericht306>(Start("S1", "2026-03-09", {StartP(300201, "2026-03-02", "2")}), "2026-03-09"),
      "0001 ");  // OP033x2: StatusAanlevering 2 is not allowed
  // The 305 is processed, with the finding, in the statement that queued its answer.
  EXPECT_EQ(s.Query("SELECT state || ': ' || error FROM bericht WHERE direction = 'in'"),
            "processed: level 2: OP033x2 -> 0001");
}

TEST_F(RegieTest, Level2On307315317) {
  // TR018: Einddatum before Begindatum.
  EXPECT_EQ(
      Run<Bericht308>(Stop("T1", "2026-03-09", {StopP(300201, "2026-03-02", "31", "2026-03-01")}),
                      "2026-03-09"),
      "0001 ");
  // CS002: a BSN failing the 11-proef.
  auto vot = Vot("V1", "2026-03-06", "REF-A", "REF-B");
  vot.client.bsn = codecs::Bsn("123456789");
  EXPECT_EQ(Run<Bericht316>(vot, "2026-03-06"), "0001 ");
  auto vow = Vow("W1", "2026-03-06", "WIJZ-1");
  vow.client.bsn = codecs::Bsn("123456789");
  EXPECT_EQ(Run<Bericht318>(vow, "2026-03-06"), "0001 ");
  EXPECT_EQ(s.Query("SELECT count(*) FROM verzoek"), "0");
}

// --- 307 ---

TEST_F(RegieTest, TR382StopWithoutStartAndTR074SameStopAgain) {
  const auto stop = StopP(300201, "2026-03-02", "31", "2026-03-31");
  EXPECT_EQ(Run<Bericht308>(Stop("T1", "2026-04-01", {stop}), "2026-04-01"), "0200 | 9069");
  EXPECT_EQ(
      Run<Bericht306>(Start("S1", "2026-03-09", {StartP(300201, "2026-03-02")}), "2026-04-01"), "");
  EXPECT_EQ(Run<Bericht308>(Stop("T2", "2026-04-01", {stop}), "2026-04-01"), "");
  EXPECT_EQ(
      s.Query(
          "SELECT stop_datum || ' ' || reden_beeindiging FROM toewijzing WHERE nummer = 300201"),
      "2026-03-31 31");
  EXPECT_EQ(
      s.Query("SELECT werkdagen_na || ' ' || tijdig FROM regie_melding WHERE berichttype = 307"),
      "1 true");
  EXPECT_EQ(Run<Bericht308>(Stop("T3", "2026-04-02", {stop}), "2026-04-02"), "0200 | 9074");
}

TEST_F(RegieTest, TR413TR414TR415TemporaryAndDefinitiveStops) {
  EXPECT_EQ(
      Run<Bericht306>(Start("S1", "2026-03-09", {StartP(300201, "2026-03-02")}), "2026-03-09"), "");
  EXPECT_EQ(
      Run<Bericht308>(Stop("T1", "2026-03-20", {StopP(300201, "2026-03-02", "20", "2026-03-19")}),
                      "2026-03-20"),
      "");
  EXPECT_EQ(
      Run<Bericht308>(Stop("T2", "2026-03-25", {StopP(300201, "2026-03-02", "20", "2026-03-24")}),
                      "2026-03-25"),
      "0200 | 9413");
  EXPECT_EQ(
      Run<Bericht308>(Stop("T3", "2026-03-25", {StopP(300201, "2026-03-02", "31", "2026-03-10")}),
                      "2026-03-25"),
      "0200 | 9414");
  EXPECT_EQ(
      Run<Bericht308>(Stop("T4", "2026-03-25", {StopP(300201, "2026-03-02", "31", "2026-03-24")}),
                      "2026-03-25"),
      "");
  EXPECT_EQ(
      Run<Bericht308>(Stop("T5", "2026-03-26", {StopP(300201, "2026-03-02", "31", "2026-03-25")}),
                      "2026-03-26"),
      "0200 | 9415");
}

TEST_F(RegieTest, TR063DeletingAStop) {
  EXPECT_EQ(
      Run<Bericht306>(Start("S1", "2026-03-09", {StartP(300201, "2026-03-02")}), "2026-03-09"), "");
  const auto del = StopP(300201, "2026-03-02", "31", "2026-03-19", "3");
  EXPECT_EQ(Run<Bericht308>(Stop("T1", "2026-03-20", {del}), "2026-03-20"), "0200 | 9063");
  EXPECT_EQ(
      Run<Bericht308>(Stop("T2", "2026-03-20", {StopP(300201, "2026-03-02", "31", "2026-03-19")}),
                      "2026-03-20"),
      "");
  EXPECT_EQ(Run<Bericht308>(Stop("T3", "2026-03-23", {del}), "2026-03-23"), "");
  EXPECT_EQ(
      s.Query("SELECT coalesce(stop_datum::text, 'none') FROM toewijzing WHERE nummer = 300201"),
      "none");
  // The stop is gone: the start may be deleted again (TR071 passes).
  EXPECT_EQ(
      Run<Bericht306>(Start("S2", "2026-03-23", {StartP(300201, "2026-03-02", "3")}), "2026-03-23"),
      "");
}

// --- 315 ---

TEST_F(RegieTest, AcceptedVerzoekEntersTheWorkQueueWithItsDeadline) {
  EXPECT_EQ(Run<Bericht316>(Vot("V1", "2026-03-06", "REF-A", "REF-B"), "2026-03-06"), "");
  // OP274: 5 werkdagen after Friday 6 March.
  EXPECT_EQ(s.Query("SELECT string_agg(referentie_aanbieder || ':' || status || ':' ||"
                    " besluit_uiterlijk, ' ' ORDER BY positie) FROM verzoek"),
            "REF-A:open:2026-03-13 REF-B:open:2026-03-13");
}

TEST_F(RegieTest, TR374VerzoekOnderhandenAndTR347ReferentieNietUniek) {
  EXPECT_EQ(Run<Bericht316>(Vot("V1", "2026-03-06", "REF-A", "REF-B"), "2026-03-06"), "");
  EXPECT_EQ(Run<Bericht316>(Vot("V2", "2026-03-06", "REF-C", "REF-D"), "2026-03-06"),
            "0200 | c9374 0233 0233");
  s.Query("UPDATE verzoek SET status = 'afgewezen'");
  EXPECT_EQ(Run<Bericht316>(Vot("V3", "2026-03-09", "REF-C", "REF-B"), "2026-03-09"),
            "0200 | c0200 0200 9347");
  EXPECT_EQ(Run<Bericht316>(Vot("V4", "2026-03-09", "REF-C", "REF-D"), "2026-03-09"), "");
}

// --- 317 ---

TEST_F(RegieTest, AcceptedVerzoekOmWijziging) {
  auto b = Vow("W1", "2026-03-06", "WIJZ-1");
  b.client.verzoek.ongewijzigde_producten.pop_back();
  auto w = Wijzig(300202, "2026-04-01");
  w.omvang = codecs::Omvang{3, "04", "2"};
  b.client.verzoek.te_wijzigen_producten = {w};
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "");
  EXPECT_EQ(s.Query("SELECT berichttype || ' ' || status FROM verzoek"), "317 open");
}

TEST_F(RegieTest, TR349NotEveryCurrentToewijzingListed) {
  auto b = Vow("W1", "2026-03-06", "WIJZ-1");
  b.client.verzoek.ongewijzigde_producten.pop_back();
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "0200 | c0200 v9349 o0233 n0233");
  // An ended toewijzing need not be listed.
  s.Query("UPDATE toewijzing_versie SET einddatum = '2026-02-28' WHERE nummer = 300202");
  b.header.bericht_identificatie.identificatie = "W2";
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "");
}

TEST_F(RegieTest, TR350AndTR351ProductsMustBeCurrent) {
  auto b = Vow("W1", "2026-03-06", "WIJZ-1");
  b.client.verzoek.ongewijzigde_producten.push_back({codecs::ToewijzingNummer(777), {}});
  auto w = Wijzig(888, "2026-04-01");
  w.omvang = codecs::Omvang{3, "04", "2"};
  b.client.verzoek.te_wijzigen_producten = {w};
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "0200 | c0200 v0200 o0200 o0200 o9350 w9351 n0200");
}

TEST_F(RegieTest, TR357TR373TR411OnTeWijzigenProduct) {
  auto b = Vow("W1", "2026-03-06", "WIJZ-1");
  b.client.verzoek.ongewijzigde_producten.pop_back();
  auto w = Wijzig(300202, "2026-03-01");         // in the past, not the toewijzing's Ingangsdatum
  w.budget = codecs::Cents(50000);               // a budget change not from the Ingangsdatum
  b.client.verzoek.te_wijzigen_producten = {w};  // no Omvang while 01A12 has a code
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "0200 | c0200 v0200 o0200 w9357 w9373 w9411 n0200");
  w = Wijzig(300202, "2026-01-01");
  w.omvang = codecs::Omvang{3, "04", "2"};
  b.client.verzoek.te_wijzigen_producten = {w};
  b.header.bericht_identificatie.identificatie = "W2";
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "");
}

TEST_F(RegieTest, TR375OmvangOnAGeneriekeToewijzing) {
  // 300201 generiek; 300202 ends before the change (a generieke overlaps everything, TR361).
  s.Query(
      "UPDATE toewijzing_versie SET categorie = NULL, code = NULL, volume = NULL,"
      " eenheid = NULL, frequentie = NULL WHERE nummer = 300201;"
      "UPDATE toewijzing_versie SET einddatum = '2026-03-31' WHERE nummer = 300202");
  auto b = Vow("W1", "2026-03-06", "WIJZ-1");
  b.client.verzoek.ongewijzigde_producten = {{codecs::ToewijzingNummer(300202), {}}};
  b.client.verzoek.nieuwe_producten.clear();
  auto w = Wijzig(300201, "2026-04-01");
  w.omvang = codecs::Omvang{3, "04", "2"};
  b.client.verzoek.te_wijzigen_producten = {w};
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "0200 | c0200 v0200 o0200 w9375");
  w.omvang.reset();
  w.einddatum = D("2026-09-30");
  b.client.verzoek.te_wijzigen_producten = {w};
  b.header.bericht_identificatie.identificatie = "W2";
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "");
}

TEST_F(RegieTest, TR412OmvangOnAnAspecifiekeToewijzing) {
  s.Query("UPDATE toewijzing_versie SET categorie = '02', code = NULL WHERE nummer = 300201");
  auto b = Vow("W1", "2026-03-06", "WIJZ-1");
  b.client.verzoek.ongewijzigde_producten = {{codecs::ToewijzingNummer(300202), {}}};
  b.client.verzoek.nieuwe_producten.clear();
  auto w = Wijzig(300201, "2026-04-01");
  w.omvang = codecs::Omvang{3, "04", "2"};
  b.client.verzoek.te_wijzigen_producten = {w};
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "0200 | c0200 v0200 o0200 w9412");
  w.omvang.reset();
  w.einddatum = D("2026-09-30");
  b.client.verzoek.te_wijzigen_producten = {w};
  b.header.bericht_identificatie.identificatie = "W2";
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "");
}

TEST_F(RegieTest, TR361OverlappingProducts) {
  auto b = Vow("W1", "2026-03-06", "WIJZ-1");
  codecs::NieuwProduct n;
  n.product = codecs::Product{"01", "01A11"};  // the product of 300201, still current
  n.gewenste_ingangsdatum = D("2026-06-01");
  n.omvang = codecs::Omvang{2, "04", "2"};
  b.client.verzoek.nieuwe_producten = {n};
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "0200 | c0200 v0200 o0200 o0200 n9361");
  n.gewenste_ingangsdatum = D("2027-01-01");  // after 300201 ends
  b.client.verzoek.nieuwe_producten = {n};
  b.header.bericht_identificatie.identificatie = "W2";
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "");
}

TEST_F(RegieTest, TR304VerzoekOmWijzigingOnAnotherClientsToewijzing) {
  // 300203: a toewijzing of this aanbieder for another client; 300204: another aanbieder's.
  s.Query(
      "INSERT INTO toewijzing_versie (gemeente, domein, nummer, agb, bsn, categorie, code,"
      " toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, volume, eenheid, frequentie,"
      " bron, created_by) VALUES"
      " ('0363', 'wmo', 300203, '65656055', '999900018', '02', '02A01', '2025-12-15',"
      "  '10:15:00', '2026-01-01', '2026-12-31', 4, '04', '2', 'import', 'test'),"
      " ('0363', 'wmo', 300204, '12345678', '999900006', '02', '02A01', '2025-12-15',"
      "  '10:15:00', '2026-01-01', '2026-12-31', 4, '04', '2', 'import', 'test');"
      "INSERT INTO toewijzing (gemeente, domein, nummer, versie_id, agb, bsn, levering)"
      " SELECT gemeente, domein, nummer, id, agb, bsn, 'extern' FROM toewijzing_versie"
      " WHERE nummer IN (300203, 300204)");
  auto b = Vow("W1", "2026-03-06", "WIJZ-1");
  b.client.verzoek.ongewijzigde_producten.push_back({codecs::ToewijzingNummer(300203), {}});
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "0200 | c8187 v0233 o0233 o0233 o0233 n0233");
  auto w = Wijzig(300203, "2026-04-01");
  w.omvang = codecs::Omvang{3, "04", "2"};
  b.client.verzoek.ongewijzigde_producten.pop_back();
  b.client.verzoek.te_wijzigen_producten = {w};
  b.header.bericht_identificatie.identificatie = "W2";
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "0200 | c8187 v0233 o0233 o0233 w0233 n0233");
  EXPECT_EQ(s.Query("SELECT count(*) FROM verzoek"), "0");
  // Another aanbieder's toewijzing is no TR304 matter (OP095: this aanbieder cannot know it);
  // for this aanbieder it is simply not a current toewijzing (TR350).
  b.client.verzoek.te_wijzigen_producten.clear();
  b.client.verzoek.ongewijzigde_producten.push_back({codecs::ToewijzingNummer(300204), {}});
  b.header.bericht_identificatie.identificatie = "W3";
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "0200 | c0200 v0200 o0200 o0200 o9350 n0200");
  // Only this client's own toewijzingen: accepted.
  b.client.verzoek.ongewijzigde_producten.pop_back();
  b.header.bericht_identificatie.identificatie = "W4";
  EXPECT_EQ(Run<Bericht318>(b, "2026-03-06"), "");
  EXPECT_EQ(s.Query("SELECT count(*) FROM verzoek"), "1");
}

// Several inbox workers: one aanbieder's berichten are handled one at a time and in order (a
// 307 handled before its 305 would be refused, TR382). A second connection holding the
// aanbieder's inbox lock stands for another worker busy with that aanbieder.
TEST_F(RegieTest, WorkersHandleAnAanbiedersBerichtenOneAtATimeInOrder) {
  const int64_t other_id = ReceiveStartStopAndOther().other;
  Inbox inbox(Config());
  workflow::ManualClock clock(At("2026-03-09"));
  pqxx::connection busy_conn(s.url());
  {
    pqxx::work busy(busy_conn);
    busy.exec1(
        "SELECT pg_advisory_xact_lock(hashtext('sluis.inbox.' || current_schema() || '.' ||"
        " '65656055'))");
    const auto first = inbox.ProcessNext(conn, clock);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->bericht_id, other_id);        // the only aanbieder not busy
    EXPECT_FALSE(inbox.ProcessNext(conn, clock));  // 65656055's two wait
    busy.commit();
  }
  const auto start = inbox.ProcessNext(conn, clock);
  ASSERT_TRUE(start);
  EXPECT_EQ(start->type, codecs::BerichtType::k305);
  const auto stop = inbox.ProcessNext(conn, clock);
  ASSERT_TRUE(stop);
  EXPECT_EQ(stop->type, codecs::BerichtType::k307);
  EXPECT_EQ(stop->detail, "307 accepted: 1 stop(s)");
  EXPECT_FALSE(inbox.ProcessNext(conn, clock));
}

// Several berichten in one transaction: the same outcome, in the same order, as one by one:
// a 307 after its 305 in the same batch sees that start (refused otherwise, TR382).
TEST_F(RegieTest, ABatchHandlesSeveralBerichtenInOrderInOneTransaction) {
  const StartStopAndOther ids = ReceiveStartStopAndOther();
  Inbox inbox(Config());
  workflow::ManualClock clock(At("2026-03-09"));
  const std::vector<InboxResult> done = inbox.ProcessBatch(conn, clock, 16);
  ASSERT_EQ(done.size(), 3u);
  EXPECT_EQ(done[0].bericht_id, ids.start);
  EXPECT_EQ(done[0].detail, "305 accepted: 1 start(s)");
  EXPECT_EQ(done[1].bericht_id, ids.stop);
  EXPECT_EQ(done[1].detail, "307 accepted: 1 stop(s)");
  EXPECT_EQ(done[2].bericht_id, ids.other);
  EXPECT_EQ(s.Query("SELECT count(*) FROM bericht WHERE direction = 'out'"), "3");
  // Each answer has an Identificatie of its own (the claim took them from the sequence).
  EXPECT_EQ(s.Query("SELECT count(DISTINCT identificatie) FROM bericht WHERE direction = 'out'"
                    " AND identificatie LIKE 'SL__________'"),
            "3");
  EXPECT_EQ(s.Query("SELECT string_agg(state, ' ' ORDER BY id) FROM bericht"
                    " WHERE direction = 'in'"),
            "processed processed processed");
  // One transaction: the three berichten were processed at the same now().
  EXPECT_EQ(s.Query("SELECT count(DISTINCT processed_at) FROM bericht WHERE direction = 'in'"),
            "1");
  EXPECT_TRUE(inbox.ProcessBatch(conn, clock, 16).empty());
}

// A payload past 256 KB is not read by the claim but when its turn comes: it is handled the
// same (a comment of 300 KB after the root element makes this 305 that large).
TEST_F(RegieTest, ABatchReadsALargePayloadOnItsOwn) {
  const int64_t id =
      Receive(s, Start("S1", "2026-03-09", {StartP(300201, "2026-03-02")}), "2026-03-09 09:00+01");
  s.Query(
      "UPDATE bericht SET payload = payload || convert_to('<!--' || repeat('x', 300000) ||"
      " '-->', 'UTF8') WHERE id = " +
      std::to_string(id) + " RETURNING octet_length(payload)");
  Inbox inbox(Config());
  workflow::ManualClock clock(At("2026-03-09"));
  const std::vector<InboxResult> done = inbox.ProcessBatch(conn, clock, 16);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].detail, "305 accepted: 1 start(s)");
}

// `max` bounds a batch; what is left stays queued, in order, for the next.
TEST_F(RegieTest, ABatchTakesAtMostMax) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(
        Receive(s, Start("S" + std::to_string(i), "2026-03-09", {StartP(300201, "2026-03-02")}),
                "2026-03-09 09:00+01"));
  }
  Inbox inbox(Config());
  workflow::ManualClock clock(At("2026-03-09"));
  const std::vector<InboxResult> first = inbox.ProcessBatch(conn, clock, 2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].bericht_id, ids[0]);
  EXPECT_EQ(first[1].bericht_id, ids[1]);
  const std::vector<InboxResult> rest = inbox.ProcessBatch(conn, clock, 2);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].bericht_id, ids[2]);
}

// A database error on one bericht fails the batch's transaction: the batch is handled again one
// bericht per transaction, the others are handled, that one stays queued and its error is
// thrown.
TEST_F(RegieTest, ABatchThatFailsIsHandledAgainOneByOne) {
  const int64_t first =
      Receive(s, Start("S1", "2026-03-09", {StartP(300201, "2026-03-02")}), "2026-03-09 09:00+01");
  const int64_t broken =
      Receive(s, Start("S2", "2026-03-09", {StartP(300202, "2026-03-02")}), "2026-03-09 09:01+01");
  const int64_t last =
      Receive(s, Start("S3", "2026-03-09", {StartP(300201, "2026-03-02")}), "2026-03-09 09:02+01");
  s.Query(
      "CREATE FUNCTION weiger() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
      " IF NEW.nummer = 300202 THEN RAISE EXCEPTION 'test: refused'; END IF; RETURN NEW; END $$;"
      " CREATE TRIGGER weiger BEFORE INSERT ON regie_melding FOR EACH ROW EXECUTE FUNCTION "
      "weiger();"
      " SELECT 1");
  Inbox inbox(Config());
  workflow::ManualClock clock(At("2026-03-09"));
  EXPECT_THROW(inbox.ProcessBatch(conn, clock, 16), DbError);
  EXPECT_EQ(s.Query("SELECT string_agg(id || ':' || state, ' ' ORDER BY id) FROM bericht"
                    " WHERE direction = 'in'"),
            std::to_string(first) + ":processed " + std::to_string(broken) + ":queued " +
                std::to_string(last) + ":queued");
  // The one after it waits behind it (same aanbieder, in order), as it would one by one.
  s.Query("DROP TRIGGER weiger ON regie_melding; SELECT 1");
  const std::vector<InboxResult> rest = inbox.ProcessBatch(conn, clock, 16);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].bericht_id, broken);
  EXPECT_EQ(rest[1].bericht_id, last);
}

TEST_F(RegieTest, TR374And347OnAVerzoekOmWijziging) {
  EXPECT_EQ(Run<Bericht318>(Vow("W1", "2026-03-06", "WIJZ-1"), "2026-03-06"), "");
  EXPECT_EQ(Run<Bericht318>(Vow("W2", "2026-03-06", "WIJZ-1"), "2026-03-06"),
            "0200 | c0200 v9347 v9374 o0233 o0233 n0233");
}

}  // namespace
}  // namespace sluis::db::regie_test
