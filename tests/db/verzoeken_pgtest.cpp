// The decision on a verzoek (sluis/db/verzoeken.h) against a real PostgreSQL: the full-set 301
// with ReferentieAanbieder (TR379), the 319s (TR355/TR359/TR360/TR365 refused), the audit log,
// the deadline sweep (OP274/OP346/OP090), 302/320 received, and the timeliness figures.
#include <algorithm>
#include <functional>

#include "sluis/db/messaging.h"
#include "sluis/db/verzoeken.h"

#include "regie_fixture.h"

namespace sluis::db::regie_test {
namespace {

using codecs::Bericht301;
using codecs::Bericht316;
using codecs::Bericht318;
using codecs::Bericht319;

class VerzoekenTest : public ::testing::Test {
 protected:
  VerzoekenTest() : conn(s.url()) { Seed(s); }

  // A 315 received on Friday 6 March 2026 and accepted; returns the verzoek id of REF-A.
  int64_t Verzoek315() {
    EXPECT_EQ(
        Codes(Answer<Bericht316>(s, conn, Vot("V1", "2026-03-06", "REF-A", "REF-B"), "2026-03-06")),
        "");
    return std::stoll(s.Query("SELECT id FROM verzoek WHERE referentie_aanbieder = 'REF-A'"));
  }
  BesluitConfig Cfg() { return {Schemas(), workflow::WorkingDayCalendar()}; }

  TestSchema s;
  Connection conn;
  workflow::ManualClock clock{At("2026-03-09", 14)};
};

std::string RefusalOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const RefusedError& e) {
    return e.what();
  }
  return "not refused";
}

TEST_F(VerzoekenTest, ToewijzenSendsTheFullSetWithReferentieOnlyOnTheNewToewijzing) {
  const int64_t id = Verzoek315();
  const BesluitUitkomst u = Toewijzen(conn, Cfg(), id, {}, "jan", clock);
  EXPECT_EQ(u.type, codecs::BerichtType::k301);
  ASSERT_EQ(u.toewijzingen.size(), 1u);
  EXPECT_EQ(u.toewijzingen[0], 300203);  // the next free ToewijzingNummer
  const auto b = std::get<Bericht301>(Sent(s, u.bericht_id));
  ASSERT_EQ(b.client.toegewezen_producten.size(), 3u);  // OP087: 300201, 300202 and the new one
  EXPECT_FALSE(b.client.toegewezen_producten[0].referentie_aanbieder);
  EXPECT_FALSE(b.client.toegewezen_producten[1].referentie_aanbieder);
  const auto& nieuw = b.client.toegewezen_producten[2];
  EXPECT_EQ(nieuw.referentie_aanbieder, "REF-A");  // TR379
  EXPECT_EQ(nieuw.product, (codecs::Product{"02", "02A01"}));
  EXPECT_EQ(nieuw.ingangsdatum, D("2026-04-01"));
  EXPECT_EQ(b.header.bericht_identificatie.dagtekening, D("2026-03-09"));
  // A heenbericht (a Di01), not an answer to the 315.
  EXPECT_EQ(s.Query("SELECT coalesce(answers_bericht_id::text, 'none') FROM bericht WHERE id = " +
                    std::to_string(u.bericht_id)),
            "none");
  EXPECT_EQ(s.Query("SELECT status || ' ' || besloten_door FROM verzoek WHERE id = " +
                    std::to_string(id)),
            "toegewezen jan");
  EXPECT_EQ(s.Query("SELECT string_agg(nummer || ':' || levering, ' ' ORDER BY nummer)"
                    " FROM toewijzing"),
            "300201:verzonden 300202:verzonden 300203:verzonden");
  EXPECT_EQ(s.Query("SELECT actor || ' ' || action || ' ' || subject || ' ' ||"
                    " (before->>'status') || ' ' || (after->>'status') FROM audit_log"),
            "jan verzoek.toewijzen verzoek/" + std::to_string(id) + " open toegewezen");
  // TR359: a second answer on a verzoek that was honoured is refused; nothing is sent.
  EXPECT_EQ(RefusalOf([&] { Afwijzen(conn, Cfg(), id, "4", std::nullopt, "jan", clock); }),
            "TR359 (9359): er is al een toewijzing gestuurd op dit verzoek");
  EXPECT_EQ(RefusalOf([&] { Toewijzen(conn, Cfg(), id, {}, "jan", clock); }),
            "TR359 (9359): er is al een toewijzing gestuurd op dit verzoek");
  EXPECT_EQ(s.Query("SELECT count(*) FROM bericht WHERE direction = 'out' AND berichttype IN"
                    " (301, 319)"),
            "1");
}

TEST_F(VerzoekenTest, TheFullSetLeavesOutWhatEndedAndWasDelivered) {
  s.Query("UPDATE toewijzing_versie SET einddatum = '2026-01-31' WHERE nummer = 300201");
  const int64_t id = Verzoek315();
  const BesluitUitkomst u = Toewijzen(conn, Cfg(), id, {}, "jan", clock);
  const auto b = std::get<Bericht301>(Sent(s, u.bericht_id));
  ASSERT_EQ(b.client.toegewezen_producten.size(), 2u);  // OP087: 300202 and the new one
  EXPECT_EQ(b.client.toegewezen_producten[0].toewijzing_nummer.value(), 300202);
  EXPECT_EQ(s.Query("SELECT string_agg(nummer || ':' || levering, ' ' ORDER BY nummer)"
                    " FROM toewijzing"),
            "300201:extern 300202:verzonden 300203:verzonden");
}

TEST_F(VerzoekenTest, AfwijzenSendsA319AndTR365RefusesASecond) {
  const int64_t id = Verzoek315();
  const BesluitUitkomst u = Afwijzen(conn, Cfg(), id, "3", std::nullopt, "piet", clock);
  const auto b = std::get<Bericht319>(Sent(s, u.bericht_id));
  EXPECT_EQ(b.antwoord.referentie_aanbieder, "REF-A");
  EXPECT_EQ(b.antwoord.verzoek_antwoord, "1");
  EXPECT_EQ(b.antwoord.reden_afwijzing_verzoek, "3");
  EXPECT_EQ(b.header.aanbieder.str(), kAgb);
  EXPECT_EQ(s.Query("SELECT status || ' ' || reden_afwijzing FROM verzoek WHERE id = " +
                    std::to_string(id)),
            "afgewezen 3");
  EXPECT_EQ(RefusalOf([&] { Afwijzen(conn, Cfg(), id, "3", std::nullopt, "piet", clock); }),
            "TR365 (9365): het verzoek is al afgewezen");
  // TR379: a toewijzing may no longer name this ReferentieAanbieder.
  EXPECT_EQ(RefusalOf([&] { Toewijzen(conn, Cfg(), id, {}, "piet", clock); }),
            "TR379 (9379): het verzoek is al beantwoord");
  EXPECT_EQ(RefusalOf([&] { Afwijzen(conn, Cfg(), 99999, "3", std::nullopt, "piet", clock); }),
            "TR355 (9355): verzoek 99999 bestaat niet");
  EXPECT_EQ(RefusalOf([&] { Afwijzen(conn, Cfg(), id, "0", std::nullopt, "piet", clock); }),
            "reden 0 is geen RedenAfwijzingVerzoek (1..9)");
}

TEST_F(VerzoekenTest, InOnderzoekOnceThenAFinalAnswerWithinEightWeeks) {
  const int64_t id = Verzoek315();
  InOnderzoek(conn, Cfg(), id, "jan", clock);
  EXPECT_EQ(s.Query("SELECT status || ' ' || onderzoek_uiterlijk FROM verzoek WHERE id = " +
                    std::to_string(id)),
            "in_onderzoek 2026-05-01");  // OP346: 8 weeks after the dagtekening 6 March
  EXPECT_EQ(RefusalOf([&] { InOnderzoek(conn, Cfg(), id, "jan", clock); }),
            "TR360 (9360): er is al een antwoord 'aanvraag in onderzoek'");
  const BesluitUitkomst u = Toewijzen(conn, Cfg(), id, {}, "jan", clock);
  EXPECT_EQ(u.type, codecs::BerichtType::k301);
  EXPECT_EQ(s.Query("SELECT count(*) FROM audit_log WHERE subject = 'verzoek/" +
                    std::to_string(id) + "'"),
            "2");
}

TEST_F(VerzoekenTest, ToewijzenOnAVerzoekOmWijziging) {
  auto b = Vow("W1", "2026-03-06", "WIJZ-1");
  b.client.verzoek.ongewijzigde_producten.pop_back();
  auto w = Wijzig(300202, "2026-04-01");
  w.omvang = codecs::Omvang{3, "04", "2"};  // a new weekly volume from April
  b.client.verzoek.te_wijzigen_producten = {w};
  EXPECT_EQ(Codes(Answer<Bericht318>(s, conn, b, "2026-03-06")), "");
  const int64_t id = std::stoll(s.Query("SELECT id FROM verzoek"));
  const BesluitUitkomst u = Toewijzen(conn, Cfg(), id, {}, "jan", clock);
  const auto t = std::get<Bericht301>(Sent(s, u.bericht_id));
  ASSERT_EQ(t.client.toegewezen_producten.size(), 4u);  // 300201, 300202, 300203 and the new
  EXPECT_EQ(t.client.toegewezen_producten[3].product, (codecs::Product{"03", "03A01"}));
  EXPECT_EQ(u.toewijzingen, (std::vector<int64_t>{300202, 300203, 300204}));
  const auto& ended = t.client.toegewezen_producten[1];
  EXPECT_EQ(ended.toewijzing_nummer.value(), 300202);
  EXPECT_EQ(ended.einddatum, D("2026-03-31"));
  EXPECT_EQ(ended.reden_wijziging, "12");
  EXPECT_EQ(ended.referentie_aanbieder, "WIJZ-1");
  const auto& nieuw = t.client.toegewezen_producten[2];
  EXPECT_EQ(nieuw.toewijzing_nummer.value(), 300203);
  EXPECT_EQ(nieuw.ingangsdatum, D("2026-04-01"));
  EXPECT_EQ(nieuw.omvang->volume, 3);
  EXPECT_FALSE(t.client.toegewezen_producten[0].referentie_aanbieder);
}

TEST_F(VerzoekenTest, SweepWarnsBeforeTheBesluitDeadlineSlipsAndTheDecisionResolvesIt) {
  const int64_t id = Verzoek315();  // due Friday 13 March
  const auto cal = workflow::WorkingDayCalendar();
  const std::string key = "besluit:verzoek/" + std::to_string(id);
  EXPECT_TRUE(SweepRegieTermijnen(conn, At("2026-03-09", 9), cal).raised.empty());
  auto r = SweepRegieTermijnen(conn, At("2026-03-12", 9), cal);
  EXPECT_EQ(r.watched, 2);
  ASSERT_EQ(r.raised.size(), 2u);
  EXPECT_EQ(r.raised[0], key);
  EXPECT_EQ(s.Query("SELECT severity FROM alert WHERE condition_key = '" + key + "'"), "warning");
  SweepRegieTermijnen(conn, At("2026-03-14", 9), cal);
  EXPECT_EQ(s.Query("SELECT severity || ' ' || occurrences FROM alert WHERE condition_key = '" +
                    key + "' AND resolved_at IS NULL"),
            "critical 2");
  workflow::ManualClock later(At("2026-03-16", 10));
  InOnderzoek(conn, Cfg(), id, "jan", later);
  EXPECT_EQ(s.Query("SELECT count(*) FROM alert WHERE condition_key = '" + key +
                    "' AND resolved_at IS NULL"),
            "0");
  // Now the 8-week deadline is watched; and the 319 waits for its 320.
  r = SweepRegieTermijnen(conn, At("2026-04-30", 9), cal);
  EXPECT_NE(std::find(r.raised.begin(), r.raised.end(), "onderzoek:verzoek/" + std::to_string(id)),
            r.raised.end());
}

TEST_F(VerzoekenTest, MissingRetourRaisesAnAlertAndThe320ClosesIt) {
  const int64_t id = Verzoek315();
  const BesluitUitkomst u = Afwijzen(conn, Cfg(), id, "3", std::nullopt, "jan", clock);
  s.Query("UPDATE bericht SET created_at = '2026-03-09 14:00+01' WHERE id = " +
          std::to_string(u.bericht_id));
  const std::string key = "retour_ontvangen:bericht/" + std::to_string(u.bericht_id);
  const auto cal = workflow::WorkingDayCalendar();
  auto has = [&](const SweepResult& r) {
    return std::find(r.raised.begin(), r.raised.end(), key) != r.raised.end();
  };
  EXPECT_FALSE(has(SweepRegieTermijnen(conn, At("2026-03-10", 9), cal)));
  EXPECT_TRUE(has(SweepRegieTermijnen(conn, At("2026-03-13", 9), cal)));  // after 3 werkdagen
  EXPECT_EQ(s.Query("SELECT severity FROM alert WHERE condition_key = '" + key + "'"), "critical");

  // The aanbieder's 320: header-only, everything accepted.
  const auto sent = std::get<Bericht319>(Sent(s, u.bericht_id));
  codecs::Bericht320 r;
  r.header.heen = sent.header;
  r.header.identificatie_retour = "R320-1";
  r.header.dagtekening_retour = D("2026-03-13");
  r.header.xsd_versie_retour = sent.header.xsd_versie;
  Receive(s, r, "2026-03-13 10:00+01");
  Inbox inbox(Config());
  workflow::ManualClock at(At("2026-03-13", 10));
  const auto result = inbox.ProcessNext(conn, at);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->detail, "320 on 319 #" + std::to_string(u.bericht_id) + ": accepted");
  EXPECT_EQ(s.Query("SELECT levering FROM verzoek_antwoord"), "ontvangen");
  EXPECT_EQ(s.Query("SELECT count(*) FROM alert WHERE condition_key = '" + key +
                    "' AND resolved_at IS NULL"),
            "0");
  EXPECT_FALSE(has(SweepRegieTermijnen(conn, At("2026-03-20", 9), cal)));
}

TEST_F(VerzoekenTest, A320WithACodeMarksThe319Refused) {
  const int64_t id = Verzoek315();
  const BesluitUitkomst u = Afwijzen(conn, Cfg(), id, "3", std::nullopt, "jan", clock);
  const auto sent = std::get<Bericht319>(Sent(s, u.bericht_id));
  codecs::Bericht320 r;
  r.header.heen = sent.header;
  r.header.identificatie_retour = "R320-9";
  r.header.dagtekening_retour = D("2026-03-10");
  r.header.xsd_versie_retour = sent.header.xsd_versie;
  r.header.retour_codes = {"0200"};
  r.antwoord = sent.antwoord;
  r.antwoord->retour_codes = {"9365"};
  Receive(s, r, "2026-03-10 10:00+01");
  Inbox inbox(Config());
  workflow::ManualClock at(At("2026-03-10", 10));
  const auto result = inbox.ProcessNext(conn, at);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->detail, "320 on 319 #" + std::to_string(u.bericht_id) + ": refused (9365)");
  EXPECT_EQ(s.Query("SELECT levering || ' ' || array_to_string(levering_codes, ',')"
                    " FROM verzoek_antwoord"),
            "afgekeurd 9365");
  // A 320 on nothing we sent is recorded and says so.
  r.header.heen.bericht_identificatie.identificatie = "ONBEKEND";
  r.header.identificatie_retour = "R320-10";
  Receive(s, r, "2026-03-10 11:00+01");
  const auto unknown = inbox.ProcessNext(conn, at);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->detail, "320 answers no 319 we sent (ONBEKEND)");
  // Both are done; only the second carries a note, for whoever looks at the bericht.
  const auto stored = [&](int64_t bericht) {
    return s.Query("SELECT state || ': ' || coalesce(error, '-') FROM bericht WHERE id = " +
                   std::to_string(bericht));
  };
  EXPECT_EQ(stored(result->bericht_id), "processed: -");
  EXPECT_EQ(stored(unknown->bericht_id), "processed: 320 answers no 319 we sent (ONBEKEND)");
}

TEST_F(VerzoekenTest, A302WithCodesMarksTheRefusedToewijzing) {
  const int64_t id = Verzoek315();
  const BesluitUitkomst u = Toewijzen(conn, Cfg(), id, {}, "jan", clock);
  const auto sent = std::get<Bericht301>(Sent(s, u.bericht_id));
  codecs::Bericht302 r;
  r.header.heen = sent.header;
  r.header.identificatie_retour = "R302-1";
  r.header.dagtekening_retour = D("2026-03-10");
  r.header.xsd_versie_retour = sent.header.xsd_versie;
  r.header.retour_codes = {"0200"};
  r.client = sent.client;
  r.client->retour_codes = {"0200"};
  for (auto& c : r.client->contactgegevens) c.retour_codes = {"0200"};
  for (auto& p : r.client->toegewezen_producten) p.retour_codes = {"0200"};
  r.client->toegewezen_producten[2].retour_codes = {"9379"};
  Receive(s, r, "2026-03-10 10:00+01");
  Inbox inbox(Config());
  workflow::ManualClock at(At("2026-03-10", 10));
  const auto result = inbox.ProcessNext(conn, at);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->detail,
            "302 on 301 #" + std::to_string(u.bericht_id) + ": 2 accepted, 1 refused");
  EXPECT_EQ(s.Query("SELECT string_agg(nummer || ':' || levering, ' ' ORDER BY nummer)"
                    " FROM toewijzing"),
            "300201:ontvangen 300202:ontvangen 300203:afgekeurd");
  // A 302 on nothing we sent changes no toewijzing and says so.
  r.header.heen.bericht_identificatie.identificatie = "ONBEKEND";
  r.header.identificatie_retour = "R302-2";
  r.client->toegewezen_producten[0].retour_codes = {"9379"};
  Receive(s, r, "2026-03-10 11:00+01");
  const auto unknown = inbox.ProcessNext(conn, at);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->detail, "302 answers no 301 we sent (ONBEKEND)");
  EXPECT_EQ(s.Query("SELECT state || ': ' || coalesce(error, '-') || ' ' ||"
                    " coalesce(answers_bericht_id::text, '-') FROM bericht WHERE id = " +
                    std::to_string(unknown->bericht_id)),
            "processed: 302 answers no 301 we sent (ONBEKEND) -");
  EXPECT_EQ(s.Query("SELECT string_agg(nummer || ':' || levering, ' ' ORDER BY nummer)"
                    " FROM toewijzing"),
            "300201:ontvangen 300202:ontvangen 300203:afgekeurd");
}

TEST_F(VerzoekenTest, TimelinessPerAanbieder) {
  Answer<codecs::Bericht306>(
      s, conn,
      Start("S1", "2026-03-09", {StartP(300201, "2026-03-02"), StartP(300202, "2026-02-02")}),
      "2026-03-09");
  Answer<codecs::Bericht308>(
      s, conn, Stop("T1", "2026-03-20", {StopP(300201, "2026-03-02", "31", "2026-03-19")}),
      "2026-03-20");
  const auto t =
      TijdigheidPerAanbieder(conn, "0363", codecs::Domein::kWmo, D("2026-03-01"), D("2026-03-31"));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].agb, kAgb);
  EXPECT_EQ(t[0].starts, 2);
  EXPECT_EQ(t[0].starts_tijdig, 1);
  EXPECT_EQ(t[0].stops, 1);
  EXPECT_EQ(t[0].stops_tijdig, 1);
}

TEST_F(VerzoekenTest, TimelinessAfterARetroactiveToewijzingCountsFromItsDate) {
  // 300202 was made on Wednesday 4 March with an Ingangsdatum in January (OP271).
  s.Query("UPDATE toewijzing_versie SET toewijzingsdatum = '2026-03-04' WHERE nummer = 300202");
  Answer<codecs::Bericht306>(
      s, conn,
      Start("S1", "2026-03-09", {StartP(300201, "2026-02-02"), StartP(300202, "2026-02-02")}),
      "2026-03-09");
  EXPECT_EQ(s.Query("SELECT string_agg(nummer || ':' || werkdagen_na || ':' || tijdig, ' '"
                    " ORDER BY positie) FROM regie_melding"),
            "300201:25:false 300202:3:true");
}

TEST_F(VerzoekenTest, WerkvoorraadMostUrgentFirst) {
  const int64_t id = Verzoek315();
  InOnderzoek(conn, Cfg(), id, "jan", clock);
  const auto w = Werkvoorraad(conn);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].referentie_aanbieder, "REF-B");  // due 13 March; REF-A now due 1 May
  EXPECT_EQ(w[1].status, "in_onderzoek");
  EXPECT_EQ(FindVerzoek(conn, "0363", codecs::Domein::kWmo, kAgb, "REF-A")->id, id);
}

}  // namespace
}  // namespace sluis::db::regie_test
