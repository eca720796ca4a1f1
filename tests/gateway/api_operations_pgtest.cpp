// Payments through the API: the backlog per aanbieder with what paying late costs and per
// gemeente what a batch would pay, and a payment batch made, exported, downloaded, paid or
// cancelled.
#include <gtest/gtest.h>

#include "sluis/db/betaling.h"

#include "api_fixture.h"

namespace sluis::gateway::api {
namespace {

TEST_F(ApiTest, ThePaymentBacklogSaysPerAanbiederWhatIsUnpaidAndWhatLatenessCosts) {
  // 01-spec-example: one declaratie of 42420001 (gemeente 0363), received 2026-02-03, EUR 390
  // approved, to be paid by 2026-03-05.
  ReplaySpecExample();
  const Login l = LogIn("operations");
  const auto backlog = [&](const std::string& query) {
    const HttpResponse r = Call("GET", "/api/operations/betaalachterstand?" + query, "", &l);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return json::parse(r.body);
  };
  const json on_time = backlog("peildatum=2026-03-05");
  EXPECT_EQ(on_time["aantal"], 1);
  EXPECT_EQ(on_time["te_laat"], 0);
  EXPECT_EQ(on_time["open_cent"], 39000);
  EXPECT_EQ(on_time["blootstelling_cent"], 0);
  ASSERT_EQ(on_time["items"].size(), 1u) << on_time.dump();
  EXPECT_EQ(on_time["items"][0]["agb"], "42420001");
  EXPECT_EQ(on_time["items"][0]["naam"], "Thuiszorg De Linde");

  // Ten days late: the fixed EUR 40 and the interest on EUR 390 (unless the rate table lacks
  // those days, which the answer then says).
  const json late = backlog("peildatum=2026-03-15");
  EXPECT_EQ(late["te_laat"], 1);
  EXPECT_EQ(late["items"][0]["max_dagen_te_laat"], 10);
  const int64_t cost = late["blootstelling_cent"];
  EXPECT_EQ(late["items"][0]["blootstelling_cent"], cost);
  EXPECT_GE(cost, 4000);
  EXPECT_TRUE(cost > 4000 || late["rente_onvolledig"] == true) << late.dump();

  EXPECT_EQ(backlog("peildatum=2026-03-15&gemeente=0362")["aantal"], 0);
  EXPECT_EQ(backlog("peildatum=2026-03-15&gemeente=0363")["aantal"], 1);
  EXPECT_EQ(Call("GET", "/api/operations/betaalachterstand?gemeente=Amsterdam", "", &l).status,
            422);
  EXPECT_EQ(Call("GET", "/api/operations/betaalachterstand?peildatum=15-03-2026", "", &l).status,
            422);
}

TEST_F(ApiTest, PaymentBatchesAreListedNewestFirstWithTheirState) {
  ReplaySpecExample();
  const Login l = LogIn("operations");
  EXPECT_EQ(json::parse(Call("GET", "/api/betaalbatches", "", &l).body)["total"], 0);
  db::Connection conn(schema_.url());
  ASSERT_EQ(db::StelBetaalbaar(conn, "0363", "fin").betaalbaar, 1);
  const auto made =
      db::MaakBetaalbatch(conn, {"0363", *codecs::Date::Parse("2026-02-12"), "fin", clock_.Now()});
  ASSERT_TRUE(made.ok() && made->batch_id) << (made.ok() ? "no batch" : made.error().ToString());
  ASSERT_TRUE(db::AnnuleerBetaalbatch(conn, *made->batch_id, "fin", "verkeerde datum").ok());
  ASSERT_TRUE(
      db::MaakBetaalbatch(conn, {"0363", *codecs::Date::Parse("2026-02-13"), "fin", clock_.Now()})
          .ok());

  const json list = json::parse(Call("GET", "/api/betaalbatches", "", &l).body);
  ASSERT_EQ(list["total"], 2) << list.dump();
  EXPECT_EQ(list["items"][0]["status"], "aangemaakt");
  EXPECT_EQ(list["items"][0]["uitvoerdatum"], "2026-02-13");
  EXPECT_EQ(list["items"][0]["totaal_cent"], 39000);
  EXPECT_EQ(list["items"][0]["aantal"], 1);
  EXPECT_EQ(list["items"][0]["aantal_declaraties"], 1);
  EXPECT_EQ(list["items"][0]["created_by"], "fin");
  EXPECT_EQ(list["items"][1]["status"], "geannuleerd");
  EXPECT_EQ(list["items"][1]["annuleer_reden"], "verkeerde datum");
  EXPECT_EQ(list["items"][0].count("pain001"), 0u);  // the file stays in the database
  const Login backoffice = LogIn("backoffice");
  EXPECT_EQ(Call("GET", "/api/betaalbatches", "", &backoffice).status, 403);
}

// The header's value, "" when absent.
std::string Header(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

TEST_F(ApiTest, APaymentBatchIsMadeExportedDownloadedAndPaidThroughTheApi) {
  ReplaySpecExample();  // 42420001, gemeente 0363: EUR 390 approved, its 325 sent
  const Login l = LogIn("operations");
  const auto backlog = [&] {
    return json::parse(Call("GET", "/api/operations/betaalachterstand", "", &l).body);
  };
  const json before = backlog();
  ASSERT_EQ(before["per_gemeente"].size(), 1u) << before.dump();
  EXPECT_EQ(before["per_gemeente"][0]["gemeente"], "0363");
  EXPECT_EQ(before["per_gemeente"][0]["klaar"], 1);
  EXPECT_EQ(before["per_gemeente"][0]["klaar_netto_cent"], 39000);
  EXPECT_EQ(before["per_gemeente"][0]["in_batch"], 0);
  EXPECT_EQ(before["per_gemeente"][0]["debiteur"]["naam"], "Gemeente Testdorp");

  const auto make = [&](const json& body, const Login* who = nullptr) {
    return Call("POST", "/api/betaalbatches", body.dump(), who ? who : &l);
  };
  // Refused before anything changes: no account for the gemeente, a day gone, no date.
  HttpResponse r = make({{"gemeente", "0362"}, {"uitvoerdatum", "2026-02-12"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("geen rekening voor gemeente 0362"), std::string::npos) << r.body;
  EXPECT_EQ(make({{"gemeente", "0363"}, {"uitvoerdatum", "2026-02-09"}}).status, 422);
  EXPECT_EQ(make({{"gemeente", "0363"}}).status, 422);
  EXPECT_EQ(make({{"gemeente", "363"}, {"uitvoerdatum", "2026-02-12"}}).status, 422);
  const Login backoffice = LogIn("backoffice");
  EXPECT_EQ(make({{"gemeente", "0363"}, {"uitvoerdatum", "2026-02-12"}}, &backoffice).status, 403);
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM betaalbatch"), "0");
  EXPECT_EQ(schema_.Query("SELECT status FROM declaratie"), "verzonden");

  r = make({{"gemeente", "0363"}, {"uitvoerdatum", "2026-02-12"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const json made = json::parse(r.body);
  EXPECT_EQ(made["betaalbaar_gesteld"]["betaalbaar"], 1);
  EXPECT_TRUE(made["export_fout"].is_null());
  const json& batch = made["batch"];
  EXPECT_EQ(batch["status"], "geexporteerd");
  EXPECT_EQ(batch["created_by"], "operations");
  EXPECT_EQ(batch["geexporteerd_by"], "operations");
  EXPECT_EQ(batch["debiteur_iban"], "NL91ABNA0417164300");
  EXPECT_EQ(batch["totaal_cent"], 39000);
  ASSERT_EQ(batch["regels"].size(), 1u);
  EXPECT_EQ(batch["regels"][0]["agb"], "42420001");
  EXPECT_EQ(batch["regels"][0]["bedrag_cent"], 39000);
  EXPECT_EQ(batch["regels"][0]["declaratie_ids"], json::array({std::stoll(DeclaratieId())}));
  EXPECT_EQ(batch["per_domein_cent"], json({{"wmo", 39000}}));
  const std::string id = std::to_string(batch["id"].get<int64_t>());
  // What the batch pays, declaratie by declaratie, for the booking (also as CSV).
  const json declaraties =
      json::parse(Call("GET", "/api/betaalbatches/" + id + "/declaraties", "", &l).body);
  ASSERT_EQ(declaraties["total"], 1) << declaraties.dump();
  EXPECT_EQ(declaraties["items"][0]["declaratienummer"], "D202602001");
  EXPECT_EQ(declaraties["items"][0]["domein"], "wmo");
  EXPECT_EQ(declaraties["items"][0]["agb"], "42420001");
  EXPECT_EQ(declaraties["items"][0]["toegekend_cent"], 39000);
  r = Call("GET", "/api/betaalbatches/" + id + "/declaraties?format=csv", "", &l);
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find(",wmo,D202602001,"), std::string::npos) << r.body;
  EXPECT_EQ(Call("GET", "/api/betaalbatches/999/declaraties", "", &l).status, 404);
  EXPECT_EQ(backlog()["per_gemeente"][0]["klaar"], 0);
  EXPECT_EQ(backlog()["per_gemeente"][0]["in_batch"], 1);
  // Nothing left to pay: no second batch.
  r = make({{"gemeente", "0363"}, {"uitvoerdatum", "2026-02-12"}});
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(json::parse(r.body)["batch"].is_null());

  // The file, byte for byte as stored, and who fetched it.
  r = Call("GET", "/api/betaalbatches/" + id + "/pain001", "", &l);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/xml; charset=utf-8");
  EXPECT_EQ(Header(r, "Content-Disposition"),
            "attachment; filename=\"" + batch["msg_id"].get<std::string>() + ".xml\"");
  EXPECT_EQ(r.body.size(), batch["pain001_bytes"].get<size_t>());
  EXPECT_EQ(r.body, schema_.Query("SELECT convert_from(pain001, 'UTF8') FROM betaalbatch"));
  EXPECT_NE(r.body.find("<InstdAmt Ccy=\"EUR\">390.00</InstdAmt>"), std::string::npos);
  EXPECT_EQ(schema_.Query("SELECT actor FROM audit_log WHERE action = 'betaalbatch.gedownload'"
                          " AND subject = 'betaalbatch/" +
                          id + "'"),
            "operations");

  // Paid: not in the future; by default on the uitvoerdatum, or today while that is to come.
  r = Call("POST", "/api/betaalbatches/" + id + "/betaald",
           json{{"betaald_op", "2026-02-11"}}.dump(), &l);
  EXPECT_EQ(r.status, 422) << r.body;
  r = Call("POST", "/api/betaalbatches/" + id + "/betaald", "{}", &l);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "betaald");
  EXPECT_EQ(json::parse(r.body)["betaald_op"], "2026-02-10");
  EXPECT_EQ(json::parse(r.body)["afgesloten_by"], "operations");
  EXPECT_EQ(schema_.Query("SELECT status FROM declaratie"), "betaald");
  EXPECT_EQ(backlog()["aantal"], 0);
  // The back office sees on the declaratie when and in which batch it was paid.
  const json declaratie =
      json::parse(Call("GET", "/api/declaraties/" + DeclaratieId(), "", &backoffice).body);
  EXPECT_EQ(std::to_string(declaratie["declaratie"]["betaalbatch_id"].get<int64_t>()), id);
  EXPECT_EQ(declaratie["declaratie"]["betaalbatch_status"], "betaald");
  EXPECT_EQ(declaratie["declaratie"]["betaald_op"], "2026-02-10");
  // A paid batch cannot be paid or cancelled again.
  EXPECT_EQ(Call("POST", "/api/betaalbatches/" + id + "/betaald", "{}", &l).status, 409);
  EXPECT_EQ(
      Call("POST", "/api/betaalbatches/" + id + "/annuleren", json{{"reden", "dubbel"}}.dump(), &l)
          .status,
      409);
  EXPECT_EQ(Call("GET", "/api/betaalbatches/999", "", &l).status, 404);
  EXPECT_EQ(Call("GET", "/api/betaalbatches/999/pain001", "", &l).status, 404);
  EXPECT_EQ(Call("POST", "/api/betaalbatches/999/betaald", "{}", &l).status, 404);
}

TEST_F(ApiTest, ACancelledBatchGivesItsDeclaratiesToTheNextAndNeverItsFile) {
  ReplaySpecExample();
  const Login l = LogIn("operations");
  // Made without its file (as when the export failed): the file is made on request.
  db::Connection conn(schema_.url());
  ASSERT_EQ(db::StelBetaalbaar(conn, "0363", "fin").betaalbaar, 1);
  const auto made =
      db::MaakBetaalbatch(conn, {"0363", *codecs::Date::Parse("2026-02-12"), "fin", clock_.Now()});
  ASSERT_TRUE(made.ok() && made->batch_id);
  const std::string id = std::to_string(*made->batch_id);
  HttpResponse r = Call("GET", "/api/betaalbatches/" + id + "/pain001", "", &l);
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("nog niet"), std::string::npos) << r.body;
  r = Call("POST", "/api/betaalbatches/" + id + "/export", "{}", &l);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "geexporteerd");
  EXPECT_GT(json::parse(r.body)["pain001_bytes"].get<int64_t>(), 500);
  EXPECT_EQ(Call("GET", "/api/betaalbatches/" + id + "/pain001", "", &l).status, 200);

  // A reason is required.
  EXPECT_EQ(Call("POST", "/api/betaalbatches/" + id + "/annuleren", "{}", &l).status, 422);
  EXPECT_EQ(
      Call("POST", "/api/betaalbatches/" + id + "/annuleren", json{{"reden", "  "}}.dump(), &l)
          .status,
      422);
  r = Call("POST", "/api/betaalbatches/" + id + "/annuleren",
           json{{"reden", "verkeerde uitvoerdatum"}}.dump(), &l);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "geannuleerd");
  EXPECT_EQ(json::parse(r.body)["annuleer_reden"], "verkeerde uitvoerdatum");
  r = Call("GET", "/api/betaalbatches/" + id + "/pain001", "", &l);
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("geannuleerd"), std::string::npos) << r.body;
  EXPECT_EQ(Call("POST", "/api/betaalbatches/" + id + "/export", "{}", &l).status, 409);
  EXPECT_EQ(Call("POST", "/api/betaalbatches/" + id + "/betaald", "{}", &l).status, 409);

  // The declaratie waits for the next batch, which takes it.
  const json backlog = json::parse(Call("GET", "/api/operations/betaalachterstand", "", &l).body);
  EXPECT_EQ(backlog["per_gemeente"][0]["klaar"], 1);
  r = Call("POST", "/api/betaalbatches",
           json{{"gemeente", "0363"}, {"uitvoerdatum", "2026-02-13"}}.dump(), &l);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["batch"]["aantal_declaraties"], 1);
}

TEST_F(ApiTest, AnAccountManagerSeesTheAanbiederWithWhatWasPaidToIt) {
  ReplaySpecExample();
  const Login am = LogIn("accountmanager");
  HttpResponse r = Call("GET", "/api/aanbieders/42420001", "", &am);
  ASSERT_EQ(r.status, 200) << r.body;
  const json a = json::parse(r.body);
  EXPECT_EQ(a["naam"], "Thuiszorg De Linde");
  EXPECT_EQ(a["betaaltermijn_dagen"], 30);
  EXPECT_FALSE(a["iban"].get<std::string>().empty());
  EXPECT_EQ(Call("GET", "/api/aanbieders/12345678", "", &am).status, 404);
  EXPECT_EQ(Call("GET", "/api/aanbieders/4242", "", &am).status, 404);
  EXPECT_EQ(json::parse(Call("GET", "/api/aanbieders/42420001/betalingen", "", &am).body)["total"],
            0);

  // Two batches: one cancelled, one paid; both transfers are listed, the newest first.
  const Login ops = LogIn("operations");
  const auto make = [&](const char* datum) {
    const HttpResponse m = Call("POST", "/api/betaalbatches",
                                json{{"gemeente", "0363"}, {"uitvoerdatum", datum}}.dump(), &ops);
    EXPECT_EQ(m.status, 201) << m.body;
    return std::to_string(json::parse(m.body)["batch"]["id"].get<int64_t>());
  };
  const std::string eerste = make("2026-02-11");
  ASSERT_EQ(Call("POST", "/api/betaalbatches/" + eerste + "/annuleren",
                 json{{"reden", "dubbel"}}.dump(), &ops)
                .status,
            200);
  const std::string tweede = make("2026-02-10");
  ASSERT_EQ(Call("POST", "/api/betaalbatches/" + tweede + "/betaald", "{}", &ops).status, 200);
  EXPECT_EQ(Call("GET", "/api/aanbieders/42420001/betalingen", "", &ops).status, 403);

  const json paid = json::parse(Call("GET", "/api/aanbieders/42420001/betalingen", "", &am).body);
  ASSERT_EQ(paid["total"], 2) << paid.dump();
  EXPECT_EQ(std::to_string(paid["items"][0]["batch_id"].get<int64_t>()), tweede);
  EXPECT_EQ(paid["items"][0]["status"], "betaald");
  EXPECT_EQ(paid["items"][0]["betaald_op"], "2026-02-10");
  EXPECT_EQ(paid["items"][0]["bedrag_cent"], 39000);
  EXPECT_EQ(paid["items"][0]["declaraties"], 1);
  EXPECT_EQ(paid["items"][0]["omschrijving"], "Declaraties D202602001");
  EXPECT_EQ(paid["items"][0]["end_to_end_id"], "SLUIS-" + tweede + "-42420001");
  EXPECT_EQ(paid["items"][1]["status"], "geannuleerd");
  EXPECT_TRUE(paid["items"][1]["betaald_op"].is_null());
  EXPECT_EQ(json::parse(Call("GET", "/api/aanbieders/99999999/betalingen", "", &am).body)["total"],
            0);
}

// The rate table from the Beheer screen: beheer sets, corrects and removes a half year's rate
// (audited), operations only reads it; what paying late costs follows the table, and a missing
// half year is said on both screens.
TEST_F(ApiTest, BeheerKeepsTheHandelsrenteAndLatenessIsCountedWithIt) {
  ReplaySpecExample();  // EUR 390 approved, to be paid by 2026-03-05
  const Login beheer = LogIn("beheer");
  const Login ops = LogIn("operations");
  const auto rente = [&]() {
    const HttpResponse r = Call("GET", "/api/handelsrente", "", &ops);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  };
  const auto zet = [&](const json& body, const Login* who) {
    return Call("POST", "/api/handelsrente", body.dump(), who);
  };
  const auto cost = [&]() {  // 30 days late
    const HttpResponse r =
        Call("GET", "/api/operations/betaalachterstand?peildatum=2026-04-04", "", &ops);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  };
  const json start = rente();
  EXPECT_EQ(start["ontbreekt"], nullptr);  // today 2026-02-10: the 2026-01-01 row is there
  EXPECT_EQ(start["rijen"].back(), (json{{"ingangsdatum", "2026-01-01"}, {"percentage", "10.15"}}));
  const int64_t at_10_15 = cost()["blootstelling_cent"];

  // Twice the rate, twice the interest (EUR 40 fixed besides).
  ASSERT_EQ(zet({{"ingangsdatum", "2026-01-01"}, {"percentage", "20.30"}}, &beheer).status, 200);
  const int64_t at_20_30 = cost()["blootstelling_cent"];
  EXPECT_GT(at_10_15 - 4000, 0);
  EXPECT_NEAR(static_cast<double>(at_20_30 - 4000), 2.0 * static_cast<double>(at_10_15 - 4000),
              1.0);

  // Removed, the half year is missing: said by the table and by the backlog.
  const HttpResponse weg = zet({{"ingangsdatum", "2026-01-01"}, {"verwijderen", true}}, &beheer);
  ASSERT_EQ(weg.status, 200) << weg.body;
  EXPECT_EQ(json::parse(weg.body)["ontbreekt"], "2026-01-01");
  EXPECT_EQ(json::parse(weg.body)["rijen"].back()["ingangsdatum"], "2025-07-01");
  EXPECT_EQ(cost()["rente_ontbreekt"], "2026-01-01");
  ASSERT_EQ(zet({{"ingangsdatum", "2026-01-01"}, {"percentage", "10.15"}}, &beheer).status, 200);
  EXPECT_EQ(rente(), start);
  EXPECT_EQ(cost()["blootstelling_cent"], at_10_15);
  EXPECT_EQ(cost()["rente_ontbreekt"], nullptr);

  // Each change audited with the table before and after.
  EXPECT_EQ(schema_.Query("SELECT count(*) || ' ' || min(actor) FROM audit_log"
                          " WHERE action = 'handelsrente.gewijzigd'"
                          " AND subject = 'handelsrente/2026-01-01'"),
            "3 beheer");
  EXPECT_NE(schema_
                .Query("SELECT after::text FROM audit_log WHERE action ="
                       " 'handelsrente.gewijzigd' ORDER BY id LIMIT 1")
                .find("\"20.30\""),
            std::string::npos);

  // Refusals change nothing.
  const std::vector<std::pair<json, int>> refused = {
      {{{"ingangsdatum", "2026-03-01"}, {"percentage", "9"}}, 422},  // not 1 Jan or 1 Jul
      {{{"ingangsdatum", "2026-07-15"}, {"percentage", "9"}}, 422},
      {{{"ingangsdatum", "2026-7-1"}, {"percentage", "9"}}, 422},      // not a date
      {{{"ingangsdatum", "2026-07-01"}, {"percentage", "100"}}, 422},  // >= 100
      {{{"ingangsdatum", "2026-07-01"}, {"percentage", "9.125"}}, 422},
      {{{"ingangsdatum", "2026-07-01"}, {"percentage", 9}}, 422},      // a number, not text
      {{{"ingangsdatum", "2026-07-01"}, {"verwijderen", true}}, 404},  // no such row
      {{{"ingangsdatum", "2026-07-01"}, {"verwijderen", "ja"}}, 422},  // no percentage either
      {{{"ingangsdatum", "2025-07-01"}, {"verwijderen", true}}, 422},  // not the newest
  };
  for (const auto& [body, status] : refused) {
    const HttpResponse r = zet(body, &beheer);
    EXPECT_EQ(r.status, status) << body.dump() << ": " << r.body;
    EXPECT_NE(json::parse(r.body)["error"], nullptr) << body.dump();
  }
  EXPECT_EQ(rente(), start);
  // Operations reads the table, only beheer changes it; the back office neither.
  EXPECT_EQ(zet({{"ingangsdatum", "2026-07-01"}, {"percentage", "9"}}, &ops).status, 403);
  const Login bo = LogIn("backoffice");
  EXPECT_EQ(Call("GET", "/api/handelsrente", "", &bo).status, 403);
  EXPECT_EQ(Call("GET", "/api/handelsrente", "", &beheer).status, 200);
}

// Only the newest row can be removed, and never the last one: without any rate nothing late
// could be counted.
TEST(HandelsrenteDbTest, OnlyTheNewestRowGoesAndTheLastStays) {
  testing::TestSchema schema;
  db::Connection conn(schema.url());
  const auto d = [](const char* t) { return *codecs::Date::Parse(t); };
  const workflow::RenteTabel shipped = db::LeesHandelsrente(conn);
  const codecs::Status older = db::ZetRentevoet(conn, d("2024-01-01"), std::nullopt, "test");
  ASSERT_FALSE(older.ok());
  EXPECT_EQ(older.error().code, "handelsrente");
  EXPECT_EQ(db::LeesHandelsrente(conn), shipped);
  for (size_t i = shipped.size(); i-- > 1;) {
    ASSERT_TRUE(db::ZetRentevoet(conn, shipped[i].ingangsdatum, std::nullopt, "test").ok()) << i;
  }
  const codecs::Status last = db::ZetRentevoet(conn, shipped[0].ingangsdatum, std::nullopt, "test");
  ASSERT_FALSE(last.ok());
  EXPECT_EQ(last.error().code, "handelsrente");
  EXPECT_EQ(db::LeesHandelsrente(conn).size(), 1u);
  EXPECT_FALSE(db::ZetRentevoet(conn, d("2026-07-01"), 10000, "test").ok());
  EXPECT_TRUE(db::ZetRentevoet(conn, d("2026-07-01"), 9999, "test").ok());
  EXPECT_EQ(db::LeesHandelsrente(conn).back().honderdste_procent, 9999);
}

}  // namespace
}  // namespace sluis::gateway::api
