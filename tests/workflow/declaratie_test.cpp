// Beoordeel, Maak325 and Controleer325 on values built in memory. Every rule also has a passing
// and a failing fixture through the real database (tests/data/replay, label pg); these tests
// pin the shapes and the running sums.
#include "sluis/workflow/declaratie.h"

#include <gtest/gtest.h>

#include "sluis/codecs/rules.h"
#include "sluis/codecs/xsd.h"

#include "examples.h"
#include "test_env.h"

namespace sluis::workflow {
namespace {

using codecs::DeclaratieClient;
using codecs::Prestatie;
using testing::D;
using testing::MakePrestatie;

const codecs::SchemaSet& Schemas() {
  static auto s = *codecs::SchemaSet::Load(testing::SharedDir());
  return *s;
}

ToewijzingFeit Toewijzing(int64_t nummer, const char* bsn, const char* ingang, const char* eind,
                          int64_t uren_per_week = 3) {
  ToewijzingFeit t;
  t.nummer = ToewijzingNummer(nummer);
  t.agb = AgbCode("42420001");
  t.bsn = Bsn(bsn);
  t.product = codecs::Product{"01", "01A03"};
  t.ingangsdatum = D(ingang);
  t.einddatum = D(eind);
  t.omvang = codecs::Omvang{uren_per_week, "04", "2"};
  return t;
}

// The worked example of istandaarden-spec §4.2: two clients, January 2026.
struct Example {
  Bericht323 d;
  DeclaratieFeiten f;

  Example() : d(testing::SpecExample323()) {
    f.toewijzingen[100234] = Toewijzing(100234, "999990019", "2026-01-05", "2026-06-30");
    // "Valid all of January": it runs on, so only TR321 (the period) is broken, not TR322.
    f.toewijzingen[100240] = Toewijzing(100240, "999900006", "2026-01-01", "2026-06-30");
    f.tarieven.push_back({"01", "01A03", "04", Cents(3250), D("2025-01-01"), std::nullopt});
    f.productcodes.insert({"01", "01A03"});
  }

  void Retotal() { testing::Retotal(d); }
  Prestatie& First() { return d.declaratie.clienten[0].prestaties[0]; }

  Oordeel Judge(const Beleid& beleid = {}) const {
    return Beoordeel(d, f, D("2026-02-04"), beleid);
  }
};

codecs::AnswerIdentity Id() { return {"A2602040001", D("2026-02-04"), {"1.0.0", "1.0.0"}, {}}; }

// What every 325 we send must satisfy: its XSD, the level-2 rules (TR342 among them) and the
// rules on the answer (TR337, TR366, TR367, TR371, TR376).
void ExpectSendable(const Bericht325& a, const Bericht323& d) {
  EXPECT_EQ(Controleer325(a, d), std::vector<std::string>{});
  const std::string xml = codecs::EncodeBericht(a);
  const auto errors = Schemas().ValidatePayload(a.domein, codecs::BerichtType::k325, xml);
  for (const auto& e : errors) ADD_FAILURE() << e.message << " at " << e.location << "\n" << xml;
}

TEST(DeclaratieTest, SpecWorkedExamplePartiallyApproved) {
  Example ex;
  const Oordeel o = ex.Judge();
  ASSERT_EQ(o.clienten.size(), 2u);
  EXPECT_TRUE(o.clienten[0].prestaties[0].goedgekeurd);
  EXPECT_EQ(o.clienten[1].prestaties[0].codes, RetourCodes{"9321"});
  EXPECT_EQ(o.toegekend, Cents(39000));
  EXPECT_EQ(o.goedgekeurd, 1);
  EXPECT_EQ(o.afgekeurd, 1);

  const Bericht325 a = Maak325(ex.d, o, Id());
  EXPECT_EQ(a.header.retour_codes, RetourCodes{"0200"});
  ASSERT_TRUE(a.declaratie_antwoord);
  const auto& ant = *a.declaratie_antwoord;
  EXPECT_EQ(ant.retour_codes, RetourCodes{"0200"});
  EXPECT_EQ(ant.totaal_toegekend_bedrag.totaal_bedrag, Cents(39000));
  ASSERT_EQ(ant.clienten.size(), 1u);  // OP304: only the rejected client
  EXPECT_EQ(ant.clienten[0].bsn, Bsn("999900006"));
  EXPECT_EQ(ant.clienten[0].retour_codes, RetourCodes{"0200"});
  ASSERT_EQ(ant.clienten[0].prestaties.size(), 1u);
  EXPECT_EQ(ant.clienten[0].prestaties[0].retour_codes, RetourCodes{"9321"});
  ExpectSendable(a, ex.d);
  // Had toewijzing 100240 ended on 31 January, its total (5 weeks, 15 hours) is exceeded too.
  ex.f.toewijzingen[100240].einddatum = D("2026-01-31");
  EXPECT_EQ(ex.Judge().clienten[1].prestaties[0].codes, (RetourCodes{"9321", "9322"}));
}

TEST(DeclaratieTest, HuishoudelijkeHulpSixWeeksPolicyApprovesTheExample) {
  Example ex;
  const Oordeel o = ex.Judge(Beleid{.hh_zes_weken_per_periode = true});
  EXPECT_EQ(o.afgekeurd, 0);
  const Bericht325 a = Maak325(ex.d, o, Id());
  ASSERT_TRUE(a.declaratie_antwoord);
  EXPECT_EQ(a.declaratie_antwoord->retour_codes, RetourCodes{"8001"});
  EXPECT_TRUE(a.declaratie_antwoord->clienten.empty());
  EXPECT_EQ(a.declaratie_antwoord->totaal_toegekend_bedrag.totaal_bedrag, Cents(97500));
  ExpectSendable(a, ex.d);
}

TEST(DeclaratieTest, HeaderCodeGivesAHeaderOnly325) {
  Example ex;
  ex.f.identificatie_eerder_gebruikt = true;
  ex.f.gemeente_bekend = false;
  const Oordeel o = ex.Judge();
  EXPECT_EQ(o.header_codes, (RetourCodes{"9056", "S300"}));
  EXPECT_TRUE(o.clienten.empty());
  const Bericht325 a = Maak325(ex.d, o, Id());
  EXPECT_EQ(a.header.retour_codes, (RetourCodes{"9056", "S300"}));
  EXPECT_FALSE(a.declaratie_antwoord);
  ExpectSendable(a, ex.d);
}

TEST(DeclaratieTest, DagtekeningAfterReceiptIsTr135) {
  Example ex;
  ex.d.header.bericht_identificatie.dagtekening = D("2026-02-05");
  EXPECT_EQ(ex.Judge().header_codes, RetourCodes{"8848"});
  ex.d.header.bericht_identificatie.dagtekening = D("2026-02-04");
  EXPECT_TRUE(ex.Judge().header_codes.empty());
}

TEST(DeclaratieTest, DeclaratieCodeGrantsNothingAndReturnsNoPrestaties) {
  Example ex;
  ex.f.vorige_declaratieperiode = GeslotenPeriode{D("2026-02-01"), D("2026-02-28")};
  const Oordeel o = ex.Judge();
  EXPECT_EQ(o.declaratie_codes, RetourCodes{"8214"});
  const Bericht325 a = Maak325(ex.d, o, Id());
  ASSERT_TRUE(a.declaratie_antwoord);
  EXPECT_EQ(a.declaratie_antwoord->retour_codes, RetourCodes{"8214"});
  EXPECT_EQ(a.declaratie_antwoord->totaal_toegekend_bedrag.totaal_bedrag, Cents(0));
  EXPECT_TRUE(a.declaratie_antwoord->clienten.empty());
  ExpectSendable(a, ex.d);
  // The same period again, or a gap since the last period, is fine (TR318).
  ex.f.vorige_declaratieperiode = GeslotenPeriode{D("2026-01-01"), D("2026-01-31")};
  EXPECT_TRUE(ex.Judge().declaratie_codes.empty());
  ex.f.vorige_declaratieperiode = GeslotenPeriode{D("2025-11-01"), D("2025-11-30")};
  EXPECT_TRUE(ex.Judge().declaratie_codes.empty());
}

TEST(DeclaratieTest, PrestatieOnAnotherClientsToewijzingRejectsTheClientWith0233) {
  Example ex;
  // The first client also declares on the second client's toewijzing.
  ex.d.declaratie.clienten[0].prestaties.push_back(
      MakePrestatie("P2026000103", 100240, "2026-01-01", "2026-01-31", 3));
  ex.Retotal();
  const Oordeel o = ex.Judge();
  EXPECT_EQ(o.clienten[0].codes, RetourCodes{"8187"});
  for (const auto& p : o.clienten[0].prestaties) {
    EXPECT_FALSE(p.beoordeeld);
    EXPECT_EQ(p.codes, RetourCodes{"0233"});
  }
  EXPECT_EQ(o.niet_beoordeeld, 2);
  const Bericht325 a = Maak325(ex.d, o, Id());
  ASSERT_EQ(a.declaratie_antwoord->clienten.size(), 2u);
  EXPECT_EQ(a.declaratie_antwoord->clienten[0].retour_codes, RetourCodes{"8187"});
  EXPECT_EQ(a.declaratie_antwoord->clienten[0].prestaties.size(), 2u);
  EXPECT_EQ(a.declaratie_antwoord->totaal_toegekend_bedrag.totaal_bedrag, Cents(0));
  ExpectSendable(a, ex.d);
}

TEST(DeclaratieTest, UnknownToewijzingStopsFurtherChecksOnThatPrestatie) {
  Example ex;
  ex.First().toewijzing_nummer = ToewijzingNummer(999);
  EXPECT_EQ(ex.Judge().clienten[0].prestaties[0].codes, RetourCodes{"9338"});
  // A toewijzing of another aanbieder is unknown to this one.
  ex.First().toewijzing_nummer = ToewijzingNummer(100234);
  ex.f.toewijzingen[100234].agb = AgbCode("11112222");
  EXPECT_EQ(ex.Judge().clienten[0].prestaties[0].codes, RetourCodes{"9338"});
}

TEST(DeclaratieTest, SeveralCodesOnOnePrestatie) {
  Example ex;
  ex.First().product_periode = {D("2026-01-02"), D("2026-01-30")};  // 9307, 9387, 9388
  ex.First().product_tarief = Cents(3000);                          // 0611, and 9346
  const Oordeel o = ex.Judge();
  EXPECT_EQ(o.clienten[0].prestaties[0].codes,
            (RetourCodes{"9307", "9387", "9388", "0611", "9346"}));
}

TEST(DeclaratieTest, MinutesOnAnHourlyToewijzingUseIv081) {
  Example ex;
  Prestatie& p = ex.First();
  p.eenheid = "01";
  p.geleverd_volume = 50;
  p.product_tarief = Cents(54);             // 3250 / 60 rounded
  p.ingediend_bedrag.bedrag = Cents(2708);  // 3250 × 50 / 60 = 2708.33
  ex.Retotal();
  EXPECT_TRUE(ex.Judge().clienten[0].prestaties[0].goedgekeurd);
  p.ingediend_bedrag.bedrag = Cents(2700);  // 50 × 54
  EXPECT_EQ(ex.Judge().clienten[0].prestaties[0].codes, RetourCodes{"9346"});
  // Hours on a toewijzing in dagdelen do not fit (TR341).
  ex.f.toewijzingen[100234].omvang->eenheid = "16";
  p.ingediend_bedrag.bedrag = Cents(2708);
  EXPECT_EQ(ex.Judge().clienten[0].prestaties[0].codes, RetourCodes{"9341"});
}

TEST(DeclaratieTest, EurosFitABudgetWithoutOmvangOtherUnitsNeedAContractTariff) {
  Example ex;
  ToewijzingFeit& t = ex.f.toewijzingen[100234];
  t.omvang.reset();
  t.budget = Cents(100000);
  Prestatie& p = ex.First();
  p.eenheid = "83";
  p.geleverd_volume = 39000;  // euros, in cents
  p.product_tarief.reset();
  ex.Retotal();
  EXPECT_TRUE(ex.Judge().clienten[0].prestaties[0].goedgekeurd);
  p.eenheid = "14";  // etmaal: no contract tariff for 01A03 in etmalen
  EXPECT_EQ(ex.Judge().clienten[0].prestaties[0].codes[0], "9341");
}

TEST(DeclaratieTest, VolumeAndBudgetSumsRunAcrossTheMessageAndEarlierDeclaraties) {
  Example ex;
  // Toewijzing 100234 ends 2026-02-15: 6 ISO weeks × 3 = 18 hours in total (TR322).
  ex.f.toewijzingen[100234].einddatum = D("2026-02-15");
  EerderePrestatie e;
  e.referentie_nummer = ReferentieNummer("P2025000001");
  e.toewijzing_nummer = ToewijzingNummer(100234);
  e.product_categorie = "01";
  e.product_code = "01A03";
  e.product_periode = {D("2025-12-01"), D("2025-12-31")};  // outside: does not trip TR389
  e.geleverd_volume = 7;
  e.eenheid = "04";
  e.bedrag = Cents(7 * 3250);
  e.goedgekeurd = true;
  ex.f.goedgekeurd_per_toewijzing[100234].push_back(e);
  // 7 earlier + 12 now = 19 > 18.
  EXPECT_EQ(ex.Judge().clienten[0].prestaties[0].codes, RetourCodes{"9322"});
  ex.f.goedgekeurd_per_toewijzing[100234][0].geleverd_volume = 6;
  EXPECT_TRUE(ex.Judge().clienten[0].prestaties[0].goedgekeurd);
  // A budget of €600: 7 × 32.50 earlier + 12 × 32.50 now = €617.50 (TR369).
  ex.f.toewijzingen[100234].budget = Cents(60000);
  EXPECT_EQ(ex.Judge().clienten[0].prestaties[0].codes, RetourCodes{"9369"});
}

TEST(DeclaratieTest, CreditsComeFirstAndFreeTheirDebitForRedeclaration) {
  Example ex;
  EerderePrestatie debit;
  debit.referentie_nummer = ReferentieNummer("P2026000090");
  debit.toewijzing_nummer = ToewijzingNummer(100234);
  debit.product_categorie = "01";
  debit.product_code = "01A03";
  debit.product_periode = {D("2026-01-05"), D("2026-01-31")};
  debit.geleverd_volume = 12;
  debit.eenheid = "04";
  debit.bedrag = Cents(39000);
  debit.goedgekeurd = true;
  ex.f.eerdere_prestaties["P2026000090"] = debit;
  ex.f.goedgekeurd_per_toewijzing[100234].push_back(debit);
  // Without a credit, the same period again is TR389 (and the volume is spent: TR322 does not
  // apply to the open-ended total, but TR321 does per period).
  EXPECT_EQ(ex.Judge().clienten[0].prestaties[0].codes, RetourCodes{"9389"});
  // The credit comes after the debit in the message but is judged first (OP366).
  ex.d.declaratie.clienten[0].prestaties.push_back(
      testing::MakeCredit(ex.First(), "P2026000104", "P2026000090"));
  ex.Retotal();
  Oordeel o = ex.Judge();
  EXPECT_TRUE(o.clienten[0].prestaties[0].goedgekeurd);
  EXPECT_TRUE(o.clienten[0].prestaties[1].goedgekeurd);
  EXPECT_EQ(o.toegekend, Cents(39000 - 39000));  // debit P..101 + credit; P..102 rejected (9321)
  ExpectSendable(Maak325(ex.d, o, Id()), ex.d);
  // Crediting the same debit twice in one message: the second is 9390.
  ex.d.declaratie.clienten[0].prestaties.push_back(
      testing::MakeCredit(ex.First(), "P2026000105", "P2026000090"));
  ex.Retotal();
  o = ex.Judge();
  EXPECT_TRUE(o.clienten[0].prestaties[1].goedgekeurd);
  EXPECT_EQ(o.clienten[0].prestaties[2].codes, RetourCodes{"9390"});
}

TEST(DeclaratieTest, CreditsAreOnlyRefusedOnTechnicalRules) {
  Example ex;
  // A credit for a debit that was never approved (8017), on a toewijzing that no longer
  // exists: only 8017, no 9338 (IV085).
  Prestatie c = testing::MakeCredit(ex.First(), "P2026000106", "P2025999999");
  c.toewijzing_nummer = ToewijzingNummer(424242);
  ex.d.declaratie.clienten[0].prestaties.push_back(c);
  ex.Retotal();
  EXPECT_EQ(ex.Judge().clienten[0].prestaties[1].codes, RetourCodes{"8017"});
  // Reusing a ReferentieNummer within the message (TR314).
  ex.d.declaratie.clienten[0].prestaties[1].product_referentie.referentie_nummer =
      ReferentieNummer("P2026000101");
  EXPECT_EQ(ex.Judge().clienten[0].prestaties[1].codes, (RetourCodes{"8021", "8017"}));
}

TEST(DeclaratieTest, Controleer325CatchesAnAnswerThatDriftedFromThe323) {
  Example ex;
  Bericht325 a = Maak325(ex.d, ex.Judge(), Id());
  a.header.declaratie_identificatie.identificatie = "OTHER";
  a.declaratie_antwoord->declaratie_nummer = "D0";
  a.declaratie_antwoord->clienten[0].prestaties[0].geleverd_volume = 17;
  a.declaratie_antwoord->clienten[0].prestaties.push_back(
      MakePrestatie("PX", 1, "2026-01-01", "2026-01-31", 1));
  const auto v = Controleer325(a, ex.d);
  auto has = [&](const char* rule) {
    return std::any_of(v.begin(), v.end(),
                       [&](const std::string& s) { return s.rfind(rule) == 0; });
  };
  EXPECT_TRUE(has("TR337"));
  EXPECT_TRUE(has("TR376"));
  EXPECT_TRUE(has("TR366"));
  EXPECT_TRUE(has("TR367"));
}

}  // namespace
}  // namespace sluis::workflow
