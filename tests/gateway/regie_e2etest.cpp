// One regie conversation over the real transport (ebMS2 over two-way TLS, StUF around the
// iWmo payload) between sluisd and the GGk simulator playing the aanbieder:
//   315 -> 316, the back office decides (db::Toewijzen, as the API does), 301 -> 302,
//   305 -> 306, 307 -> 308.
// Every step is checked on both sides: what Sluis stored and sent (its database) and what the
// simulator received (and that it is XSD-valid). Waits are bounded polls, no fixed sleeps; the
// decision gets its time from an injected clock.
#include <utility>

#include <atomic>
#include <cstdio>
#include <thread>

#include <gtest/gtest.h>

#include "sluis/codecs/payload.h"
#include "sluis/codecs/xsd.h"
#include "sluis/db/connection.h"
#include "sluis/db/verzoeken.h"
#include "sluis/workflow/clock.h"
#include "sluis/workflow/synthetic.h"

#include "clock.h"
#include "process.h"
#include "synthetic_traffic.h"
#include "test_env.h"
#include "transport_env.h"

namespace sluis::testing {
namespace {

namespace synth = workflow::synth;
using codecs::BerichtType;
using std::chrono::seconds;

const codecs::XsdVersie kXsd{"1.0.0", "1.0.0"};

// The first message of this functie the simulator received, waiting (bounded) for it.
std::optional<sim::ReceivedMessage> WaitFunctie(sim::Simulator& sim, const std::string& functie,
                                                std::chrono::milliseconds timeout = seconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    for (const sim::ReceivedMessage& m : sim.Received()) {
      if (m.functie == functie) return m;
    }
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::string XsdErrors(const codecs::SchemaSet& schemas, BerichtType type, const std::string& xml) {
  std::string out;
  for (const auto& e : schemas.ValidatePayload(codecs::Domein::kWmo, type, xml)) {
    out += e.ToString() + "\n";
  }
  return out;
}

template <class B>
B Parsed(const std::string& xml) {
  auto b = codecs::ParseBericht(xml);
  EXPECT_TRUE(b.ok()) << xml;
  if (!b.ok() || !std::holds_alternative<B>(*b)) {
    ADD_FAILURE() << "not the expected berichttype: " << xml;
    return B{};
  }
  return std::get<B>(*b);
}

// A Wmo client of gemeente 0363 with a toewijzing, and a 315 from that aanbieder asking one
// product in a category the client has no toewijzing in there, from today.
struct Keuze {
  codecs::Bericht315 vot;
  std::string bsn, agb;
};

std::optional<Keuze> KiesVerzoek(const synth::Population& p, codecs::Date today) {
  synth::IdGenerator ids("E2E", 1);
  for (size_t c = 0; c < p.clients.size(); ++c) {
    const synth::Client& client = p.clients[c];
    if (p.gemeenten[client.gemeente].code.str() != "0363" ||
        client.domein != codecs::Domein::kWmo || client.toewijzingen.empty()) {
      continue;
    }
    const size_t aanbieder = p.toewijzingen[client.toewijzingen.front()].aanbieder;
    auto vot = synth::MakeVerzoekOmToewijzing(p, c, aanbieder, {"E2E315000001", today}, kXsd, ids,
                                              {.producten = 1, .seed = 7});
    if (!vot.ok()) continue;
    codecs::AangevraagdProduct& a = vot->client.aangevraagde_producten.at(0);
    bool nieuw = a.product.has_value();
    for (size_t t : p.ToewijzingenOf(c, aanbieder)) {
      const auto& product = p.toewijzingen[t].product.product;
      if (!product || (a.product && product->categorie == a.product->categorie)) nieuw = false;
    }
    if (!nieuw) continue;
    // The care starts today, so that its start (TR134: not after the Dagtekening) and stop can
    // be reported today too.
    if (a.beschikking_ingangsdatum) a.beschikking_ingangsdatum = today;
    a.toewijzing_ingangsdatum = today;
    return Keuze{std::move(vot).value(), client.bsn.str(), p.aanbieders[aanbieder].agb.str()};
  }
  return std::nullopt;
}

TEST(RegieE2eTest, VerzoekBesluitToewijzingStartEnStopOverTheTransport) {
  const codecs::Date today = workflow::DutchDate(gateway::SystemClock().Now());
  const auto schemas = *codecs::SchemaSet::Load(SharedDir());

  // The aanbieder's system approves every 301 with a header-only 302.
  auto answered = std::make_shared<std::atomic<int>>(0);
  TransportOptions options;
  options.inbox = true;
  options.answer = [answered, today](const sim::ReceivedMessage& m) {
    char id[24];
    std::snprintf(id, sizeof id, "E2E302%06d", (answered->load() + 1) % 1000000);
    auto answer = sim::AnswerTo(m.functie, m.payload, m.referentienummer, today, id);
    if (answer) ++*answered;  // the 301s: the retours Sluis sends need no answer
    return answer;
  };
  TransportEnv env(std::move(options));
  TestSchema& s = env.schema();

  // Reference data (gemeenten, aanbieders, clients with their addresses, toewijzingen).
  synth::PopulationOptions po;
  po.clients = 60;
  po.reference_date = today;
  const synth::Population population = synth::MakePopulation(po);
  const std::string dir = MakeTempDir("regie-reference");
  for (const auto& [name, content] : sim::ReferenceCsvs(population)) {
    WriteFile(dir + "/" + name, content);
  }
  const RunResult imported =
      RunCommand({SluisCliPath(), "import", "reference", dir, "--db", s.url()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  std::optional<Keuze> keuze = KiesVerzoek(population, today);
  ASSERT_TRUE(keuze.has_value());
  const std::string referentie = keuze->vot.client.aangevraagde_producten[0].referentie_aanbieder;

  // --- 315 -> 316 ---
  sim::TrafficItem vot_item;
  vot_item.functie = "WMO315";
  vot_item.payload = codecs::EncodeBericht(keuze->vot);
  ASSERT_EQ(XsdErrors(*schemas, BerichtType::k315, vot_item.payload), "");
  const sim::SendResult vot = env.sim().Send(vot_item);
  ASSERT_TRUE(env.sim().WaitAcknowledged(vot.message_id, seconds(10))) << vot.error;
  const std::string vot_id = env.WaitForValue(
      "SELECT id FROM bericht WHERE direction = 'in' AND berichttype = 315 AND state ="
      " 'processed' AND xsd_errors IS NULL AND level2_violations IS NULL AND"
      " stuf_referentienummer = '" +
      vot.referentienummer + "'");
  ASSERT_FALSE(vot_id.empty()) << s.Query(
      "SELECT state || ' ' || coalesce(error, '') FROM bericht");
  EXPECT_EQ(s.Query("SELECT agb || ' ' || bsn || ' ' || referentie_aanbieder || ' ' || status"
                    " FROM verzoek WHERE bericht_id = " +
                    vot_id),
            keuze->agb + " " + keuze->bsn + " " + referentie + " open");

  const auto r316 = WaitFunctie(env.sim(), "WMO316");
  ASSERT_TRUE(r316.has_value());
  EXPECT_EQ(r316->soort, "Du01");
  EXPECT_EQ(r316->cross_refnummer, vot.referentienummer);
  EXPECT_EQ(XsdErrors(*schemas, BerichtType::k316, r316->payload), "");
  const auto b316 = Parsed<codecs::Bericht316>(r316->payload);
  EXPECT_EQ(b316.header.heen.bericht_identificatie.identificatie, "E2E315000001");
  EXPECT_FALSE(b316.client.has_value()) << "an accepted 315 gets a header-only 316";
  EXPECT_EQ(env.WaitFor("SELECT state FROM bericht WHERE berichttype = 316 AND direction = 'out'"
                        " AND answers_bericht_id = " +
                            vot_id,
                        "acknowledged"),
            "acknowledged");

  // --- The decision, as the API takes it: honour the verzoek with a full-set 301 ---
  db::Connection conn(s.url());
  const std::vector<db::Verzoek> werk = db::Werkvoorraad(conn);
  ASSERT_EQ(werk.size(), 1u);
  workflow::ManualClock clock(gateway::SystemClock().Now());
  const db::BesluitUitkomst besluit =
      db::Toewijzen(conn, {schemas, workflow::WorkingDayCalendar()}, werk[0].id, {}, "e2e", clock);
  ASSERT_EQ(besluit.type, BerichtType::k301);
  ASSERT_EQ(besluit.toewijzingen.size(), 1u);
  const int64_t nummer = besluit.toewijzingen[0];
  const std::string b301_id = std::to_string(besluit.bericht_id);
  EXPECT_EQ(s.Query("SELECT status || ' ' || besluit_bericht_id FROM verzoek"),
            "toegewezen " + b301_id);
  EXPECT_EQ(s.Query("SELECT count(*) FROM audit_log WHERE actor = 'e2e'"), "1");

  // --- 301 -> 302 ---
  const auto r301 = WaitFunctie(env.sim(), "WMO301");
  ASSERT_TRUE(r301.has_value());
  EXPECT_EQ(r301->soort, "Di01");
  EXPECT_EQ(XsdErrors(*schemas, BerichtType::k301, r301->payload), "");
  const auto b301 = Parsed<codecs::Bericht301>(r301->payload);
  EXPECT_EQ(b301.client.bsn.str(), keuze->bsn);
  bool found = false;
  for (const codecs::ToegewezenProduct& tp : b301.client.toegewezen_producten) {
    if (tp.toewijzing_nummer.value() != nummer) {
      EXPECT_FALSE(tp.referentie_aanbieder) << "TR379: only on the toewijzing made now";
      continue;
    }
    found = true;
    EXPECT_EQ(tp.referentie_aanbieder, referentie);  // TR379
    EXPECT_EQ(tp.ingangsdatum, today);
    EXPECT_EQ(tp.product, keuze->vot.client.aangevraagde_producten[0].product);
  }
  EXPECT_TRUE(found) << r301->payload;
  EXPECT_EQ(s.Query("SELECT stuf_referentienummer FROM bericht WHERE id = " + b301_id),
            r301->referentienummer);
  // The simulator's 302 is received, matched to the 301 and marks its toewijzingen delivered.
  EXPECT_EQ(env.WaitFor("SELECT levering FROM toewijzing WHERE nummer = " + std::to_string(nummer),
                        "ontvangen"),
            "ontvangen");
  EXPECT_EQ(s.Query("SELECT state || ' ' || answers_bericht_id || ' ' || stuf_cross_refnummer ||"
                    " ' ' || (xsd_errors IS NULL) FROM bericht WHERE direction = 'in' AND"
                    " berichttype = 302"),
            "processed " + b301_id + " " + r301->referentienummer + " true");
  EXPECT_EQ(s.Query("SELECT count(*) FROM toewijzing WHERE levering_bericht_id = " + b301_id +
                    " AND levering <> 'ontvangen'"),
            "0");
  EXPECT_EQ(env.WaitFor("SELECT state FROM bericht WHERE id = " + b301_id, "acknowledged"),
            "acknowledged");
  EXPECT_EQ(answered->load(), 1);

  // --- 305 -> 306 and 307 -> 308, on the toewijzing just made ---
  struct Stap {
    bool stop;
    const char* id;
    const char* functie;
    const char* retour;
    BerichtType retour_type;
    const char* kolom;
  };
  for (const Stap& stap :
       {Stap{false, "E2E305000001", "WMO305", "WMO306", BerichtType::k306, "start_datum"},
        Stap{true, "E2E307000001", "WMO307", "WMO308", BerichtType::k308, "stop_datum"}}) {
    SCOPED_TRACE(stap.functie);
    const std::optional<sim::TrafficItem> melding =
        sim::MeldingOp(r301->payload, {.stop = stap.stop,
                                       .nummer = nummer,
                                       .begindatum = today,
                                       .einddatum = today,
                                       .id = stap.id,
                                       .dagtekening = today});
    ASSERT_TRUE(melding.has_value());
    ASSERT_EQ(melding->functie, stap.functie);
    ASSERT_EQ(
        XsdErrors(*schemas, stap.stop ? BerichtType::k307 : BerichtType::k305, melding->payload),
        "");
    const sim::SendResult sent = env.sim().Send(*melding);
    ASSERT_TRUE(env.sim().WaitAcknowledged(sent.message_id, seconds(10))) << sent.error;
    const std::string heen_id = env.WaitForValue(
        "SELECT id FROM bericht WHERE direction = 'in' AND state = 'processed'"
        " AND stuf_referentienummer = '" +
        sent.referentienummer + "'");
    ASSERT_FALSE(heen_id.empty());
    EXPECT_EQ(s.Query("SELECT nummer || ' ' || begindatum || ' ' || status_aanlevering || ' ' ||"
                      " tijdig FROM regie_melding WHERE bericht_id = " +
                      heen_id),
              std::to_string(nummer) + " " + today.ToString() + " 1 true");
    EXPECT_EQ(s.Query(std::string("SELECT ") + stap.kolom +
                      " FROM toewijzing WHERE nummer = " + std::to_string(nummer)),
              today.ToString());

    const auto retour = WaitFunctie(env.sim(), stap.retour);
    ASSERT_TRUE(retour.has_value());
    EXPECT_EQ(retour->soort, "Du01");
    EXPECT_EQ(retour->cross_refnummer, sent.referentienummer);
    EXPECT_EQ(XsdErrors(*schemas, stap.retour_type, retour->payload), "");
    const auto kop = [&]() -> std::pair<std::string, bool> {
      if (stap.stop) {
        const auto b = Parsed<codecs::Bericht308>(retour->payload);
        return {b.header.heen.bericht_identificatie.identificatie, b.client.has_value()};
      }
      const auto b = Parsed<codecs::Bericht306>(retour->payload);
      return {b.header.heen.bericht_identificatie.identificatie, b.client.has_value()};
    }();
    EXPECT_EQ(kop.first, stap.id);
    EXPECT_FALSE(kop.second) << "an accepted melding gets a header-only retour";
    EXPECT_EQ(env.WaitFor("SELECT state FROM bericht WHERE direction = 'out' AND"
                          " answers_bericht_id = " +
                              heen_id,
                          "acknowledged"),
              "acknowledged");
  }

  // The whole conversation, as Sluis stored it.
  EXPECT_EQ(s.Query("SELECT string_agg(direction || berichttype, ' ' ORDER BY id) FROM bericht"),
            "in315 out316 out301 in302 in305 out306 in307 out308");
}

}  // namespace
}  // namespace sluis::testing
