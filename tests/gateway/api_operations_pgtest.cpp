// Operations through the API: the payment backlog per aanbieder with what paying late costs.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace sluis::gateway::api
