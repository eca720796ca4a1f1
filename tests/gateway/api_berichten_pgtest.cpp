// Track & trace through the API: the berichten list filtered the way operations and account
// managers look for a message, and one bericht with why it was refused (its XSD and level-2
// findings) and the Fo01 that went back.
#include <gtest/gtest.h>

#include "sluis/db/messaging.h"

#include "api_fixture.h"

namespace sluis::gateway::api {
namespace {

std::string Ids(const json& list) {
  std::string out;
  for (const auto& item : list["items"]) {
    out += (out.empty() ? "" : " ") + item["direction"].get<std::string>() +
           std::to_string(item["berichttype"].get<int>()) + ":" + item["state"].get<std::string>();
  }
  return out;
}

TEST_F(ApiTest, TheBerichtenListFiltersOnDirectionStatusTypeAndAanbieder) {
  ReplaySpecExample();  // two 301s and the 325 sent (replayed), the 323 received (processed)
  const Login l = LogIn("operations");
  const auto list = [&](const std::string& query) {
    const HttpResponse r = Call("GET", "/api/berichten?" + query, "", &l);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return json::parse(r.body);
  };
  EXPECT_EQ(Ids(list("richting=in")), "in323:processed");
  EXPECT_EQ(Ids(list("richting=out&berichttype=301")), "out301:replayed out301:replayed");
  EXPECT_EQ(Ids(list("berichttype=325")), "out325:replayed");
  EXPECT_EQ(Ids(list("status=processed")), "in323:processed");
  EXPECT_EQ(list("agb=42420001")["total"], 4);
  EXPECT_EQ(list("agb=87870001")["total"], 0);
  // The filters narrow a search too.
  EXPECT_EQ(list("q=DCL260203A")["total"], 1);
  EXPECT_EQ(list("q=DCL260203A&richting=out")["total"], 0);
  // The CSV export follows the filters.
  const HttpResponse csv = Call("GET", "/api/berichten?richting=out&format=csv", "", &l);
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 4) << csv.body;

  for (const char* bad : {"richting=uit", "berichttype=drie", "berichttype=-3"}) {
    const HttpResponse r = Call("GET", std::string("/api/berichten?") + bad, "", &l);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_NE(r.body.find(std::string(bad).substr(0, 8)), std::string::npos) << r.body;
  }
}

TEST_F(ApiTest, ARefusedBerichtShowsItsXsdFindingsAndTheFo01SentBack) {
  // As the unpack worker leaves a received 305 that fails its XSD: the bericht with its
  // findings, and the StUF055 going back in the outbox (register.cpp; the whole path runs in
  // outbox_e2etest's AnXsdInvalidPayloadGetsAFo01Stuf055Back).
  const std::string id = schema_.Query(
      "INSERT INTO bericht (direction, domein, berichttype, gemeente, agb, identificatie,"
      " dagtekening, payload, stuf_referentienummer, xsd_errors, state, error) VALUES"
      " ('in', 'wmo', 305, '0363', '42420001', 'X305', '2026-02-09', 'x', 'ref-305',"
      " '[{\"code\": \"XSD\", \"location\": \"line 10\", \"message\": \"Element "
      "''Identificatie'': too long\"}]', 'xsd_rejected', 'StUF055: line 10: Element "
      "''Identificatie'': too long') RETURNING id");
  db::Connection conn(schema_.url());
  db::OutboxMessage fo01;
  fo01.message_id = "fo01@sluis";
  fo01.conversation_id = "conv";
  fo01.cpa_id = "cpa";
  fo01.to_party_id = "00000001823288444000";
  fo01.service = "urn:osb:services:ggk";
  fo01.action = "Fo01";
  fo01.kind = "business";
  fo01.endpoint = "https://127.0.0.1:9/ebms";
  fo01.content_type = "text/xml";
  fo01.body = "x";
  fo01.reliable = true;
  fo01.created_at = clock_.Now();
  const int64_t outbox = db::InsertOutbox(conn, fo01);
  schema_.Query(
      "INSERT INTO stuf_fo01 (direction, referentienummer, cross_refnummer, code, plek,"
      " omschrijving, bericht_id, ebms_outbox_id) VALUES ('out', 'ref-fo01', 'ref-305',"
      " 'StUF055', 'client', 'Berichtbody is niet conform schema in sectormodel', " +
      id + ", " + std::to_string(outbox) + ")");

  const Login l = LogIn("accountmanager");
  const HttpResponse r = Call("GET", "/api/berichten/" + id, "", &l);
  ASSERT_EQ(r.status, 200) << r.body;
  const json b = json::parse(r.body);
  EXPECT_EQ(b["bericht"]["error"], "StUF055: line 10: Element 'Identificatie': too long");
  ASSERT_TRUE(b["bericht"]["xsd_errors"].is_array()) << b.dump();
  EXPECT_EQ(b["bericht"]["xsd_errors"][0]["location"], "line 10");
  ASSERT_EQ(b["fo01"].size(), 1u) << b.dump();
  EXPECT_EQ(b["fo01"][0]["direction"], "out");
  EXPECT_EQ(b["fo01"][0]["code"], "StUF055");
  EXPECT_EQ(b["fo01"][0]["ebms_message_id"], "fo01@sluis");
  EXPECT_EQ(b["fo01"][0]["verzending"], "pending");
  EXPECT_EQ(Ids(json::parse(Call("GET", "/api/berichten?status=xsd_rejected", "", &l).body)),
            "in305:xsd_rejected");
}

TEST_F(ApiTest, ABerichtWithLevel2FindingsListsThemWithTheirRetourcodes) {
  // 26-level2-0001: the first 323's totals do not add up (TR358), answered with 0001.
  ReplayDir(testing::SourceDir() + "/tests/data/replay/26-level2-0001");
  const std::string id = schema_.Query("SELECT id FROM bericht WHERE identificatie = 'DD26001'");
  const Login l = LogIn("operations");
  const json b = json::parse(Call("GET", "/api/berichten/" + id, "", &l).body);
  const json& found = b["bericht"]["level2_violations"];
  ASSERT_TRUE(found.is_array() && !found.empty()) << b.dump();
  EXPECT_EQ(found[0]["retourcode"], "0001");
  EXPECT_EQ(found[0]["rule"], "TR358") << found.dump();
  EXPECT_TRUE(b["fo01"].empty());
  // The other 323 of the scenario has none.
  const std::string ok = schema_.Query("SELECT id FROM bericht WHERE identificatie = 'D26001B'");
  EXPECT_TRUE(
      json::parse(Call("GET", "/api/berichten/" + ok, "", &l).body)["bericht"]["level2_violations"]
          .is_null());
}

}  // namespace
}  // namespace sluis::gateway::api
