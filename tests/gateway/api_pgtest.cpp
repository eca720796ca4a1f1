// The API against a real database: the router in-process (no sockets), data put there by
// `sluis replay`'s code path. Every route refuses every role it does not list (403) and anyone
// without a session (401); state-changing requests need the CSRF token; every decision and
// every BSN reveal lands in the audit log, which cannot be changed.
#include <cmath>
#include <set>

#include <gtest/gtest.h>

#include "sluis/db/messaging.h"
#include "sluis/db/verzoeken.h"

#include "api_fixture.h"

namespace sluis::gateway::api {
namespace {

std::string Concrete(std::string pattern) {
  for (const auto& [from, to] :
       std::vector<std::pair<std::string, std::string>>{{"{id}", "1"}, {"{agb}", "42420001"}}) {
    const size_t i = pattern.find(from);
    if (i != std::string::npos) pattern.replace(i, from.size(), to);
  }
  return pattern;
}

TEST_F(ApiTest, EveryRouteRefusesEveryRoleItDoesNotListAndAnyoneWithoutSession) {
  std::map<std::string, Login> logins;
  for (const auto& role : kRoles) logins[role] = LogIn(role);
  int checked = 0;
  for (const RouteInfo& route : ApiRouter::Routes()) {
    if (route.roles.empty()) continue;
    const std::string target = Concrete(route.pattern);
    const std::string body = route.method == "POST" ? "{}" : "";
    EXPECT_EQ(Call(route.method, target, body).status, 401) << route.method << " " << target;
    for (const auto& role : kRoles) {
      const bool allowed =
          std::find(route.roles.begin(), route.roles.end(), role) != route.roles.end();
      const HttpResponse r = Call(route.method, target, body, &logins[role]);
      if (allowed) {
        EXPECT_NE(r.status, 403) << role << " " << route.method << " " << target << r.body;
        EXPECT_NE(r.status, 401) << role << " " << route.method << " " << target;
      } else {
        EXPECT_EQ(r.status, 403) << role << " " << route.method << " " << target << r.body;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 50);
  // Nothing was changed by the refused requests: the only audit entries are the accounts.
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM audit_log WHERE action <> 'account.opgeslagen'"),
            "0");
}

TEST_F(ApiTest, TheWebUiIsServedFromTheEmbeddedFilesWithTheirTypes) {
  const HttpResponse page = Call("GET", "/ui/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("src=\"/ui/app.js\""), std::string::npos);
  // app.js imports the screens' modules: each is there, as JavaScript.
  const HttpResponse app = Call("GET", "/ui/app.js");
  ASSERT_EQ(app.status, 200);
  size_t modules = 0;
  for (size_t at = app.body.find("from './"); at != std::string::npos;
       at = app.body.find("from './", at + 1)) {
    const size_t start = at + 8;
    const std::string name = app.body.substr(start, app.body.find('\'', start) - start);
    const HttpResponse m = Call("GET", "/ui/" + name);
    EXPECT_EQ(m.status, 200) << name;
    EXPECT_EQ(m.content_type, "text/javascript; charset=utf-8") << name;
    ++modules;
  }
  EXPECT_GE(modules, 7u);
  EXPECT_EQ(Call("GET", "/ui/app.css").content_type, "text/css; charset=utf-8");
  EXPECT_EQ(Call("GET", "/ui/geen.js").status, 404);
  EXPECT_EQ(Call("GET", "/ui/../ui/app.js").status, 404);
}

TEST_F(ApiTest, LoginSetsAStrictHttpOnlySecureCookieAndTheSessionNamesTheRoles) {
  const HttpResponse r =
      Call("POST", "/api/login", json{{"username", "operations"}, {"password", kPassword}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  std::string cookie;
  for (const auto& [k, v] : r.headers) {
    if (k == "Set-Cookie") cookie = v;
  }
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  // Only a hash of the token is stored.
  const std::string token = cookie.substr(13, cookie.find(';') - 13);
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM account_session WHERE token_sha256::text LIKE '%" +
                          token + "%'"),
            "0");
  Login l{token, json::parse(r.body)["csrf_token"]};
  const HttpResponse s = Call("GET", "/api/sessie", "", &l);
  ASSERT_EQ(s.status, 200);
  EXPECT_EQ(json::parse(s.body)["roles"], json::array({"operations"}));
  EXPECT_EQ(Call("POST", "/api/logout", "{}", &l).status, 200);
  EXPECT_EQ(Call("GET", "/api/sessie", "", &l).status, 401);
}

TEST_F(ApiTest, StateChangingRequestsWithoutTheCsrfTokenAreRefused) {
  const Login l = LogIn("backoffice");
  const std::string hold = json{{"agb", "42420001"}, {"reden", "steekproef"}}.dump();
  EXPECT_EQ(Call("POST", "/api/vasthouden", hold, &l, /*with_csrf=*/false).status, 403);
  Login wrong = l;
  wrong.csrf = "not-the-token";
  const HttpResponse r = Call("POST", "/api/vasthouden", hold, &wrong);
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("CSRF"), std::string::npos);
  // Another session's token does not do either.
  Login other = l;
  other.csrf = LogIn("backoffice").csrf;
  EXPECT_EQ(Call("POST", "/api/vasthouden", hold, &other).status, 403);
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM review_regel"), "0");
  EXPECT_EQ(Call("POST", "/api/vasthouden", hold, &l).status, 201);
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM review_regel"), "1");
}

TEST_F(ApiTest, HoldThenReleaseSendsThe325AndAuditsBothDecisions) {
  const Login l = LogIn("backoffice");
  ASSERT_EQ(Call("POST", "/api/vasthouden",
                 json{{"agb", "42420001"}, {"reden", "formele controle Q1"}}.dump(), &l)
                .status,
            201);
  ReplaySpecExample();
  const std::string id = DeclaratieId();
  EXPECT_EQ(schema_.Query("SELECT status FROM declaratie"), "in_review");
  const json list = json::parse(Call("GET", "/api/declaraties?status=in_review", "", &l).body);
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["review_reden"], "formele controle Q1");

  const json detail = json::parse(Call("GET", "/api/declaraties/" + id, "", &l).body);
  ASSERT_EQ(detail["prestaties"].size(), 2u);
  EXPECT_EQ(detail["prestaties"][1]["retourcodes"], json::array({"9321"}));
  EXPECT_EQ(detail["prestaties"][1]["retourcode_teksten"]["9321"],
            "Het ingediende volume overschrijdt het toegewezen volume.");

  const HttpResponse r = Call("POST", "/api/declaraties/" + id + "/besluit",
                              json{{"afkeuren", json::array()}}.dump(), &l);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(schema_.Query("SELECT status FROM declaratie"), "verzonden");
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM bericht WHERE direction = 'out' AND"
                          " berichttype = 325 AND state = 'queued'"),
            "1");
  EXPECT_EQ(schema_.Query("SELECT string_agg(actor || ':' || action, ',' ORDER BY id)"
                          " FROM audit_log WHERE action LIKE 'declaratie.%'"),
            "backoffice:declaratie.vastgehouden,backoffice:declaratie.review_besluit");
  // A second decision is refused: nothing is in review any more.
  EXPECT_EQ(Call("POST", "/api/declaraties/" + id + "/besluit", "{}", &l).status, 409);
}

TEST_F(ApiTest, DeclaratiesSayHowManyDaysAreLeftForEachDeadlineStillOpen) {
  // Received 2026-02-03: the 325 is due 2026-02-17, payment 2026-03-05; today is 2026-02-10.
  ReplaySpecExample();
  const std::string id = DeclaratieId();
  const auto days = [&]() {
    const Login l = LogIn("backoffice");  // a session does not outlive the clock's jumps
    const HttpResponse all = Call("GET", "/api/declaraties", "", &l);
    const HttpResponse detail = Call("GET", "/api/declaraties/" + id, "", &l);
    EXPECT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(detail.status, 200) << detail.body;
    json list = json::parse(all.body);
    json one = json::parse(detail.body)["declaratie"];
    EXPECT_EQ(list["items"][0]["antwoord_dagen_over"], one["antwoord_dagen_over"]);
    EXPECT_EQ(list["items"][0]["betalen_dagen_over"], one["betalen_dagen_over"]);
    return one["antwoord_dagen_over"].dump() + " " + one["betalen_dagen_over"].dump();
  };
  EXPECT_EQ(days(), "7 23");  // the replayed 325 was never acknowledged
  clock_.Set(workflow::DutchMidnight(*codecs::Date::Parse("2026-03-06")) + std::chrono::hours(9));
  EXPECT_EQ(days(), "-17 -1");
  // Met: the aanbieder's MSH acknowledged the 325, then the declaratie was paid.
  schema_.Query("UPDATE bericht SET state = 'acknowledged' WHERE berichttype = 325");
  EXPECT_EQ(days(), "null -1");
  schema_.Query("UPDATE declaratie SET status = 'betaald'");
  EXPECT_EQ(days(), "null null");
}

TEST_F(ApiTest, ANewToewijzingQueuesTheFullSet301AndBadItemsAreNamed) {
  ReplaySpecExample();  // client 999900006 has toewijzing 100234 at 42420001
  const Login l = LogIn("backoffice");
  const json nieuw = {{"gemeente", "0363"},
                      {"domein", "wmo"},
                      {"agb", "42420001"},
                      {"bsn", "999900006"},
                      {"productcategorie", "02"},
                      {"productcode", "02A01"},
                      {"ingangsdatum", "2026-03-01"},
                      {"einddatum", "2026-08-31"},
                      {"volume", 6},
                      {"eenheid", "04"},
                      {"frequentie", "2"}};
  json fout = nieuw;
  fout["productcode"] = "02Z99";
  const HttpResponse refused =
      Call("POST", "/api/toewijzingen", json{{"toewijzingen", {nieuw, fout}}}.dump(), &l);
  ASSERT_EQ(refused.status, 422) << refused.body;
  const json why = json::parse(refused.body);
  EXPECT_EQ(why["fouten"][0]["item"], 2);
  EXPECT_NE(why["error"].get<std::string>().find("item 2: productcode"), std::string::npos)
      << refused.body;
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM toewijzing_versie WHERE bron = 'api'"), "0");

  const HttpResponse r =
      Call("POST", "/api/toewijzingen", json{{"toewijzingen", {nieuw}}}.dump(), &l);
  ASSERT_EQ(r.status, 201) << r.body;
  const json body = json::parse(r.body);
  ASSERT_EQ(body["berichten"].size(), 1u);
  EXPECT_EQ(body["berichten"][0]["bsn"], "*****0006");
  const std::string id = std::to_string(body["berichten"][0]["bericht_id"].get<int64_t>());
  EXPECT_EQ(schema_.Query("SELECT berichttype || ' ' || state FROM bericht WHERE id = " + id),
            "301 queued");
  // OP087: the 301 carries the imported toewijzing and the new one.
  EXPECT_EQ(schema_.Query("SELECT string_agg(nummer::text, ' ' ORDER BY nummer) FROM toewijzing"
                          " WHERE bsn = '999900006' AND levering_bericht_id = " +
                          id),
            "100234 " + body["toewijzingnummers"][0].dump());
  EXPECT_EQ(schema_.Query("SELECT actor || ':' || action FROM audit_log"
                          " WHERE action = 'toewijzing.opgeslagen'"),
            "backoffice:toewijzing.opgeslagen");
  EXPECT_EQ(Call("POST", "/api/toewijzingen", "{\"toewijzingen\": [42]}", &l).status, 422);
}

TEST_F(ApiTest, BsnsAreMaskedUnlessAskedAndEveryRevealIsAudited) {
  ReplaySpecExample();
  const Login l = LogIn("backoffice");
  const std::string id = DeclaratieId();
  const json masked = json::parse(Call("GET", "/api/declaraties/" + id, "", &l).body);
  EXPECT_EQ(masked["prestaties"][0]["bsn"], "*****0006");
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM audit_log WHERE action = 'bsn.getoond'"), "0");
  const json shown = json::parse(Call("GET", "/api/declaraties/" + id + "?bsn=toon", "", &l).body);
  EXPECT_EQ(shown["prestaties"][0]["bsn"], "999900006");
  EXPECT_EQ(schema_.Query("SELECT actor || ' ' || subject FROM audit_log"
                          " WHERE action = 'bsn.getoond'"),
            "backoffice declaratie/" + id);

  const std::string bericht = schema_.Query("SELECT bericht_id FROM declaratie");
  const HttpResponse xml = Call("GET", "/api/berichten/" + bericht + "/xml", "", &l);
  ASSERT_EQ(xml.status, 200);
  EXPECT_EQ(xml.body.find("999900006"), std::string::npos);
  EXPECT_NE(xml.body.find("Bsn>*****0006</"), std::string::npos);
  const HttpResponse raw = Call("GET", "/api/berichten/" + bericht + "/xml?bsn=toon", "", &l);
  EXPECT_NE(raw.body.find("Bsn>999900006</"), std::string::npos);
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM audit_log WHERE action = 'bsn.getoond'"), "2");
}

TEST_F(ApiTest, AcknowledgingAnAlertIsAuditedOnce) {
  db::Connection conn(schema_.url());
  const int64_t alert = db::RaiseAlert(
      conn, {"outbox.dead:m1", "dead_letter", "critical", "m1", "bericht niet afgeleverd"},
      clock_.Now());
  const Login l = LogIn("operations");
  const std::string path = "/api/meldingen/" + std::to_string(alert) + "/bevestigen";
  ASSERT_EQ(Call("POST", path, "{}", &l).status, 200);
  EXPECT_EQ(Call("POST", path, "{}", &l).status, 409);
  EXPECT_EQ(schema_.Query("SELECT actor || ' ' || action || ' ' || subject FROM audit_log"
                          " WHERE action LIKE 'alert.%'"),
            "operations alert.bevestigd alert/" + std::to_string(alert));
  const json open = json::parse(Call("GET", "/api/meldingen", "", &l).body);
  EXPECT_EQ(open["items"][0]["acknowledged_by"], "operations");
  EXPECT_EQ(open["items"][0]["afsluitbaar"], true);
}

TEST_F(ApiTest, AnAlertIsClosedByHandUnlessSluisClosesItItself) {
  db::Connection conn(schema_.url());
  const int64_t fout = db::RaiseAlert(
      conn, {"unpack.failed:m2", "unpack_failed", "critical", "m2", "geen StUF-envelop"},
      clock_.Now());
  const int64_t termijn = db::RaiseAlert(
      conn,
      {"betaling:declaratie/1", "betaling", "critical", "declaratie/1", "betalen voor 5 maart"},
      clock_.Now());
  const int64_t rente = db::RaiseAlert(conn,
                                       {"handelsrente:2026-07-01", "handelsrente", "warning",
                                        "handelsrente", "het percentage per 2026-07-01 ontbreekt"},
                                       clock_.Now());
  const Login l = LogIn("operations");
  const json open = json::parse(Call("GET", "/api/meldingen", "", &l).body);
  ASSERT_EQ(open["items"].size(), 3u);
  for (const json& m : open["items"]) {
    EXPECT_EQ(m["afsluitbaar"], m["kind"] == "unpack_failed") << m.dump();
  }
  const auto close = [&](int64_t id) {
    return Call("POST", "/api/meldingen/" + std::to_string(id) + "/afsluiten", "{}", &l);
  };
  const HttpResponse refused = close(termijn);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("sluit vanzelf"), std::string::npos) << refused.body;
  const HttpResponse rente_refused = close(rente);
  EXPECT_EQ(rente_refused.status, 409) << rente_refused.body;
  EXPECT_NE(rente_refused.body.find("zodra het percentage is ingevoerd"), std::string::npos)
      << rente_refused.body;
  ASSERT_EQ(close(fout).status, 200);
  EXPECT_EQ(close(fout).status, 409);  // no longer open
  const Login bo = LogIn("backoffice");
  EXPECT_EQ(Call("POST", "/api/meldingen/" + std::to_string(fout) + "/afsluiten", "{}", &bo).status,
            403);
  EXPECT_EQ(schema_.Query(
                "SELECT string_agg(kind, ' ' ORDER BY id) FROM alert WHERE resolved_at IS NULL"),
            "betaling handelsrente");
  EXPECT_EQ(schema_.Query("SELECT actor || ' ' || action || ' ' || subject FROM audit_log"
                          " WHERE action LIKE 'alert.%'"),
            "operations alert.afgesloten alert/" + std::to_string(fout));
}

TEST_F(ApiTest, TheAuditLogCannotBeChangedOrEmptied) {
  EXPECT_ANY_THROW(schema_.Query("UPDATE audit_log SET actor = 'x'"));
  EXPECT_ANY_THROW(schema_.Query("DELETE FROM audit_log"));
  EXPECT_ANY_THROW(schema_.Query("TRUNCATE audit_log"));
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM audit_log"), "4");  // the four test accounts
}

TEST_F(ApiTest, RepeatedFailedLoginsAreThrottledEvenWithTheRightPasswordAfterwards) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Call("POST", "/api/login",
                   json{{"username", "beheer"}, {"password", "wrong password"}}.dump())
                  .status,
              401);
  }
  const HttpResponse r =
      Call("POST", "/api/login", json{{"username", "beheer"}, {"password", kPassword}}.dump());
  EXPECT_EQ(r.status, 429);
  // Other users are not locked out by someone guessing at "beheer".
  LogIn("operations");
  // After the window the right password works again.
  clock_.Advance(std::chrono::minutes(16));
  LogIn("beheer");
}

TEST_F(ApiTest, OpenApiDocumentListsEveryRouteWithItsRoles) {
  const HttpResponse r = Call("GET", "/api/openapi.json");
  ASSERT_EQ(r.status, 200);
  const json doc = json::parse(r.body);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  for (const RouteInfo& route : ApiRouter::Routes()) {
    std::string m = route.method == "GET" ? "get" : "post";
    ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
    EXPECT_EQ(doc["paths"][route.pattern][m]["x-roles"], json(route.roles)) << route.pattern;
  }
}

TEST_F(ApiTest, ListsPageFilterAndExportCsv) {
  ReplaySpecExample();
  const Login l = LogIn("operations");
  const json page = json::parse(Call("GET", "/api/berichten?limit=1&offset=1", "", &l).body);
  EXPECT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["total"], 4);  // two 301s, the 323, its 325
  const json found = json::parse(Call("GET", "/api/berichten?q=DCL260203A", "", &l).body);
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["items"][0]["berichttype"], 323);
  const HttpResponse csv = Call("GET", "/api/berichten?format=csv", "", &l);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, csv.body.find("\r\n")),
            "id,direction,domein,berichttype,gemeente,agb,identificatie,dagtekening,state,error,"
            "stuf_referentienummer,answers_bericht_id,created_at,processed_at,bytes");
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 5);

  // Received 2026-02-03: on 2026-02-17 it is 14 days old and not yet paid.
  const json backlog =
      json::parse(Call("GET", "/api/operations/achterstand?peildatum=2026-02-17", "", &l).body);
  ASSERT_EQ(backlog["items"].size(), 5u);
  EXPECT_EQ(backlog["items"][1]["bucket"], "11-20");
  EXPECT_EQ(backlog["items"][1]["aantal"], 1);
  EXPECT_EQ(backlog["items"][1]["bedrag_cent"], 39000);
  EXPECT_EQ(backlog["items"][0]["aantal"], 0);

  // Deadlines at risk: the 325 (replayed, so never acknowledged) is due on 2026-02-17; three
  // days before it is listed, on 2026-03-03 it is overdue and the payment (2026-03-05) is near.
  const json risk =
      json::parse(Call("GET", "/api/operations/termijnen?peildatum=2026-02-14", "", &l).body);
  ASSERT_EQ(risk["total"], 1) << risk.dump();
  EXPECT_EQ(risk["items"][0]["termijn"], "325");
  EXPECT_EQ(risk["items"][0]["dagen_over"], 3);
  EXPECT_EQ(
      json::parse(
          Call("GET", "/api/operations/termijnen?peildatum=2026-02-13", "", &l).body)["total"],
      0);
  const json later =
      json::parse(Call("GET", "/api/operations/termijnen?peildatum=2026-03-03", "", &l).body);
  ASSERT_EQ(later["total"], 2) << later.dump();
  EXPECT_EQ(later["items"][0]["termijn"], "325");
  EXPECT_EQ(later["items"][0]["dagen_over"], -14);
  EXPECT_EQ(later["items"][1]["termijn"], "betaling");
  EXPECT_EQ(later["items"][1]["uiterlijk"], "2026-03-05");

  // Berichten per day: the 14 days up to the peildatum; a peildatum that is no date is a 422.
  const json flow =
      json::parse(Call("GET", "/api/operations/berichtstroom?peildatum=2026-02-17", "", &l).body);
  ASSERT_EQ(flow["items"].size(), 14u) << flow.dump();
  EXPECT_EQ(flow["items"][0]["dag"], "2026-02-04");
  EXPECT_EQ(flow["items"][13]["dag"], "2026-02-17");
  for (const char* list : {"berichtstroom", "termijnen", "achterstand"}) {
    const HttpResponse bad =
        Call("GET", std::string("/api/operations/") + list + "?peildatum=17-02-2026", "", &l);
    EXPECT_EQ(bad.status, 422) << list;
    EXPECT_NE(bad.body.find("peildatum: verwacht JJJJ-MM-DD"), std::string::npos) << bad.body;
  }

  const Login am = LogIn("accountmanager");
  const json rates = json::parse(Call("GET", "/api/aanbieders/42420001/afwijzingen", "", &am).body);
  ASSERT_EQ(rates["items"].size(), 1u);
  EXPECT_EQ(rates["items"][0]["retourcode"], "9321");
  EXPECT_EQ(rates["items"][0]["percentage"], 50.0);
}

TEST_F(ApiTest, DecidingVerzoekenQueuesThe301And319AndAuditsEachDecision) {
  ReplayTwoVerzoeken();
  clock_.Set(workflow::DutchMidnight(*codecs::Date::Parse("2026-03-09")) + std::chrono::hours(10));
  const Login l = LogIn("backoffice");
  json queue = json::parse(Call("GET", "/api/verzoeken?status=open", "", &l).body);
  ASSERT_EQ(queue["total"], 2) << queue.dump(1);
  json a = queue["items"][0];
  EXPECT_EQ(a["referentie_aanbieder"], "REF-A");
  EXPECT_EQ(a["berichttype"], 315);
  EXPECT_EQ(a["bsn"], "*****0225");
  EXPECT_EQ(a["status"], "open");
  EXPECT_EQ(a["uiterlijk"], a["besluit_uiterlijk"]);
  EXPECT_TRUE(a["dagen_over"].is_number()) << a.dump();
  ASSERT_EQ(a["producten"].size(), 1u);
  EXPECT_EQ(a["producten"][0]["code"], "02A02");
  EXPECT_EQ(a["producten"][0]["ingangsdatum"], "2026-04-01");
  EXPECT_EQ(queue["items"][1]["producten"][0]["code"], "03A01");
  const std::string ref_a = std::to_string(a["id"].get<int64_t>());
  const std::string ref_b = std::to_string(queue["items"][1]["id"].get<int64_t>());
  const HttpResponse csv = Call("GET", "/api/verzoeken?status=open&format=csv", "", &l);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 3);
  EXPECT_EQ(csv.body.find("999900225"), std::string::npos);

  // Refused before anything happens: no such decision, afwijzen without a reden.
  EXPECT_EQ(Call("POST", "/api/verzoeken/" + ref_a + "/besluit", R"({"besluit":"ja"})", &l).status,
            422);
  EXPECT_EQ(
      Call("POST", "/api/verzoeken/" + ref_b + "/besluit", R"({"besluit":"afwijzen"})", &l).status,
      422);
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM audit_log WHERE action LIKE 'verzoek.%'"), "0");

  const HttpResponse t =
      Call("POST", "/api/verzoeken/" + ref_a + "/besluit", R"({"besluit":"toewijzen"})", &l);
  ASSERT_EQ(t.status, 200) << t.body;
  json toegewezen = json::parse(t.body);
  EXPECT_EQ(toegewezen["berichttype"], 301);
  const std::string bericht_301 = std::to_string(toegewezen["bericht_id"].get<int64_t>());
  EXPECT_EQ(schema_.Query("SELECT berichttype || ' ' || state FROM bericht WHERE id = " +
                          bericht_301 + " AND direction = 'out'"),
            "301 queued");
  EXPECT_EQ(schema_.Query("SELECT actor || ' ' || subject FROM audit_log"
                          " WHERE action = 'verzoek.toewijzen'"),
            "backoffice verzoek/" + ref_a);

  const HttpResponse w = Call("POST", "/api/verzoeken/" + ref_b + "/besluit",
                              R"({"besluit":"afwijzen","reden":"6"})", &l);
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(json::parse(w.body)["berichttype"], 319);
  EXPECT_EQ(schema_.Query("SELECT actor || ' ' || subject FROM audit_log"
                          " WHERE action = 'verzoek.afwijzen'"),
            "backoffice verzoek/" + ref_b);

  // Decided once: a second decision is refused with the rule, and nothing more is queued.
  const HttpResponse again =
      Call("POST", "/api/verzoeken/" + ref_a + "/besluit", R"({"besluit":"onderzoek"})", &l);
  EXPECT_EQ(again.status, 422);
  EXPECT_NE(again.body.find("TR"), std::string::npos) << again.body;
  EXPECT_EQ(schema_.Query("SELECT count(*) FROM bericht WHERE direction = 'out' AND"
                          " berichttype IN (301, 319) AND state = 'queued'"),
            "2");

  json detail = json::parse(Call("GET", "/api/verzoeken/" + ref_b, "", &l).body);
  EXPECT_EQ(detail["verzoek"]["status"], "afgewezen");
  EXPECT_EQ(detail["verzoek"]["reden_afwijzing"], "6");
  EXPECT_EQ(detail["verzoek"]["reden_tekst"], "Stapeling");
  EXPECT_EQ(detail["verzoek"]["besluit_berichttype"], 319);
  EXPECT_EQ(detail["redenen"].size(), 9u);
  std::set<std::string> relaties;
  for (auto& b : detail["berichten"]) {
    relaties.insert(b["relatie"].get<std::string>() + " " +
                    std::to_string(b["berichttype"].get<int>()));
  }
  EXPECT_EQ(relaties, (std::set<std::string>{"retour 316", "antwoord 319"}));
  json open = json::parse(Call("GET", "/api/verzoeken?status=open", "", &l).body);
  EXPECT_EQ(open["total"], 0);
  json all = json::parse(Call("GET", "/api/verzoeken?agb=42420001", "", &l).body);
  EXPECT_EQ(all["total"], 2);
}

TEST_F(ApiTest, AanbiederTimelinessVolumePerProductAndOpenItems) {
  ReplayFiles("replay/17-tr321-volume", {"001-WMO301.xml", "002-WMO323.xml", "003-WMO323.xml"});
  ReplayFiles("replay-regie/20-timeliness",
              {"001-WMO301.xml", "002-WMO305@2026-03-10.xml", "003-WMO307.xml"});
  const Login l = LogIn("accountmanager");
  json tijdig = json::parse(Call("GET", "/api/aanbieders/42420001/tijdigheid", "", &l).body);
  ASSERT_EQ(tijdig["total"], 1) << tijdig.dump(1);
  json maart = tijdig["items"][0];
  EXPECT_EQ(maart["maand"], "2026-03");
  EXPECT_EQ(maart["starts"], 2);
  EXPECT_EQ(maart["stops"], 2);
  // The same count as the regie's own figures.
  db::Connection conn(schema_.url());
  const auto t = db::TijdigheidPerAanbieder(conn, "0363", codecs::Domein::kWmo,
                                            *codecs::Date::Parse("2026-03-01"),
                                            *codecs::Date::Parse("2026-03-31"));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(maart["starts_tijdig"], t[0].starts_tijdig);
  EXPECT_EQ(maart["stops_tijdig"], t[0].stops_tijdig);
  if (t[0].starts > 0) {
    EXPECT_DOUBLE_EQ(maart["starts_pct"].get<double>(),
                     std::round(1000.0 * t[0].starts_tijdig / t[0].starts) / 10);
  }

  // Three prestaties in January and three in February, none far above the month before.
  json volume = json::parse(Call("GET", "/api/aanbieders/42420001/volume", "", &l).body);
  ASSERT_GE(volume["total"].get<int>(), 2) << volume.dump(1);
  int64_t januari = 0;
  for (auto& r : volume["items"]) {
    EXPECT_FALSE(r["stijging"].get<bool>()) << r.dump();
    if (r["maand"] == "2026-01") januari += r["bedrag_cent"].get<int64_t>();
  }
  EXPECT_EQ(januari, 48750 + 71500 + 80600);
  // February's amounts tripled: a sudden rise for each product that had a January.
  schema_.Query(
      "UPDATE prestatie SET bedrag_cent = bedrag_cent * 3 WHERE periode_begin >= '2026-02-01'");
  json hoger = json::parse(Call("GET", "/api/aanbieders/42420001/volume", "", &l).body);
  int stijgingen = 0;
  for (auto& r : hoger["items"]) {
    if (r["maand"] == "2026-02" && !r["gemiddeld_eerder_cent"].is_null()) {
      EXPECT_TRUE(r["stijging"].get<bool>()) << r.dump();
      ++stijgingen;
    }
  }
  EXPECT_GE(stijgingen, 1) << hoger.dump(1);

  json open = json::parse(Call("GET", "/api/aanbieders/42420001/openstaand", "", &l).body);
  ASSERT_EQ(open["items"].size(), 3u);
  EXPECT_EQ(open["items"][0]["soort"], "declaraties");
  EXPECT_EQ(open["items"][0]["aantal"], 2);
  EXPECT_EQ(open["items"][1]["soort"], "verzoeken");
  EXPECT_EQ(open["items"][1]["aantal"], 0);
  const HttpResponse csv = Call("GET", "/api/aanbieders/42420001/volume?format=csv", "", &l);
  EXPECT_EQ(csv.body.substr(0, csv.body.find("\r\n")),
            "maand,categorie,code,volume,eenheid,bedrag_cent,goedgekeurd_cent,prestaties,"
            "gemiddeld_eerder_cent,stijging");
}

}  // namespace
}  // namespace sluis::gateway::api
