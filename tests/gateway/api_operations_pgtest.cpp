// Operations through the API: the payment backlog per aanbieder with what paying late costs,
// and the payment batches.
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

}  // namespace
}  // namespace sluis::gateway::api
