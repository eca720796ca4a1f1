// The inbox against a real PostgreSQL: a 323 in, its declaratie and prestaties stored, its 325
// queued; level-2 failures answered with 0001; review holds; 302s update toewijzingen.
#include <gtest/gtest.h>

#include "sluis/codecs/payload.h"
#include "sluis/db/berichten.h"
#include "sluis/db/connection.h"
#include "sluis/db/inbox.h"

#include "examples.h"
#include "pg_schema.h"
#include "test_env.h"

namespace sluis::db {
namespace {

using testing::D;
using testing::TestSchema;

// Reference data and the two toewijzingen of the spec's example.
void Seed(const TestSchema& s) {
  s.Query(
      "INSERT INTO gemeente VALUES ('0363', 'Amsterdam', '2000-01-01', NULL);"
      "INSERT INTO aanbieder VALUES ('42420001', 'Thuiszorg De Linde', 'NL91ABNA0417164300', 30);"
      "INSERT INTO productcode VALUES ('wmo', '', '01', '01A03', 'Huishoudelijke hulp');"
      "INSERT INTO tarief (agb, domein, categorie, code, eenheid, tarief_cent, ingangsdatum)"
      " VALUES ('42420001', 'wmo', '01', '01A03', '04', 3250, '2025-01-01');"
      "INSERT INTO toewijzing_versie (gemeente, domein, nummer, agb, bsn, categorie, code,"
      " toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, volume, eenheid, frequentie,"
      " bron, created_by) VALUES"
      " ('0363', 'wmo', 100234, '42420001', '999990019', '01', '01A03', '2025-12-15',"
      "  '10:15:00', '2026-01-05', '2026-06-30', 3, '04', '2', 'import', 'test'),"
      " ('0363', 'wmo', 100240, '42420001', '999900006', '01', '01A03', '2025-12-15',"
      "  '10:15:00', '2026-01-01', '2026-06-30', 3, '04', '2', 'import', 'test');"
      "INSERT INTO toewijzing (gemeente, domein, nummer, versie_id, agb, bsn, levering)"
      " SELECT gemeente, domein, nummer, id, agb, bsn, 'extern' FROM toewijzing_versie;");
}

// Registers an incoming message as the transport does, received at `at`.
int64_t Receive(const TestSchema& s, const codecs::Bericht& b, const char* at) {
  const codecs::Header& h = codecs::HeaderOf(b);
  const std::string xml = codecs::EncodeBericht(b);
  std::string hex;
  for (const unsigned char c : xml) {
    static const char* digits = "0123456789abcdef";
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  return std::stoll(
      s.Query("INSERT INTO bericht (direction, domein, berichttype, gemeente, agb, identificatie,"
              " dagtekening, payload, state, created_at) VALUES ('in', '" +
              std::string(codecs::DomeinName(codecs::DomeinOf(b))) + "', " +
              std::to_string(codecs::Nummer(codecs::TypeOf(b))) + ", '" + h.gemeente.str() +
              "', '" + h.aanbieder.str() + "', '" + h.bericht_identificatie.identificatie + "', '" +
              h.bericht_identificatie.dagtekening.ToString() + "', '\\x" + hex + "', 'queued', '" +
              at + "') RETURNING id"));
}

workflow::TimePoint At(const char* date, int hour) {
  return workflow::DutchMidnight(D(date)) + std::chrono::hours(hour);
}

InboxConfig Config() {
  static const auto schemas = *codecs::SchemaSet::Load(testing::SharedDir());
  return {schemas, workflow::WorkingDayCalendar(), {}};
}

codecs::Bericht325 Sent325(const TestSchema& s, int64_t id) {
  const std::string hex =
      s.Query("SELECT encode(payload, 'hex') FROM bericht WHERE id = " + std::to_string(id));
  std::string xml;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    xml += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  const auto b = codecs::ParseBericht(xml);
  EXPECT_TRUE(b) << xml;
  return std::get<codecs::Bericht325>(*b);
}

TEST(InboxTest, SpecExampleIsJudgedStoredAndAnswered) {
  TestSchema s;
  Seed(s);
  const int64_t in = Receive(s, testing::SpecExample323(), "2026-02-04 09:00+01");
  Connection conn(s.url());
  Inbox inbox(Config());
  workflow::ManualClock clock(At("2026-02-04", 9));
  const auto r = inbox.ProcessNext(conn, clock);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, "processed") << r->detail;
  EXPECT_EQ(r->bericht_id, in);
  ASSERT_EQ(r->answers.size(), 1u);
  EXPECT_FALSE(inbox.ProcessNext(conn, clock));  // nothing else queued

  EXPECT_EQ(s.Query("SELECT state FROM bericht WHERE id = " + std::to_string(in)), "processed");
  EXPECT_EQ(s.Query("SELECT status || ' ' || toegekend_cent || ' ' || aantal_goedgekeurd || ' ' ||"
                    " aantal_afgekeurd || ' ' || antwoord_uiterlijk || ' ' || betalen_uiterlijk"
                    " FROM declaratie"),
            // 10 werkdagen after Wednesday 4 February; 30 days after receipt.
            "verzonden 39000 1 1 2026-02-18 2026-03-06");
  EXPECT_EQ(s.Query("SELECT string_agg(referentienummer || ':' || status || ':' ||"
                    " array_to_string(retourcodes, '+'), ' ' ORDER BY positie) FROM prestatie"),
            "P2026000101:goedgekeurd: P2026000102:afgekeurd:9321");

  const codecs::Bericht325 a = Sent325(s, r->answers[0]);
  EXPECT_EQ(a.header.retour_codes, codecs::RetourCodes{"0200"});
  ASSERT_TRUE(a.declaratie_antwoord);
  EXPECT_EQ(a.declaratie_antwoord->totaal_toegekend_bedrag.totaal_bedrag, codecs::Cents(39000));
  ASSERT_EQ(a.declaratie_antwoord->clienten.size(), 1u);
  EXPECT_EQ(a.declaratie_antwoord->clienten[0].prestaties[0].retour_codes,
            codecs::RetourCodes{"9321"});
  EXPECT_EQ(a.header.header.bericht_identificatie.identificatie.substr(0, 2), "SL");
  EXPECT_EQ(a.header.header.bericht_identificatie.dagtekening, D("2026-02-04"));
  EXPECT_EQ(
      s.Query("SELECT answers_bericht_id FROM bericht WHERE id = " + std::to_string(r->answers[0])),
      std::to_string(in));
}

TEST(InboxTest, TheSame323AgainIsTr056AndDoesNotCount) {
  TestSchema s;
  Seed(s);
  Receive(s, testing::SpecExample323(), "2026-02-04 09:00+01");
  const int64_t again = Receive(s, testing::SpecExample323(), "2026-02-05 09:00+01");
  Connection conn(s.url());
  Inbox inbox(Config());
  workflow::ManualClock clock(At("2026-02-05", 9));
  EXPECT_EQ(inbox.ProcessAll(conn, clock), 2);
  EXPECT_EQ(s.Query("SELECT status || ' ' || array_to_string(afgewezen_codes, ',') || ' ' ||"
                    " telt_mee FROM declaratie WHERE bericht_id = " +
                    std::to_string(again)),
            "afgewezen 9056 false");
  // Its prestaties are not stored: the declaratie counts as not sent.
  EXPECT_EQ(s.Query("SELECT count(*) FROM prestatie"), "2");
  const auto a = Sent325(
      s, std::stoll(s.Query("SELECT antwoord_bericht_id FROM declaratie WHERE bericht_id = " +
                            std::to_string(again))));
  EXPECT_EQ(a.header.retour_codes, codecs::RetourCodes{"9056"});
  EXPECT_FALSE(a.declaratie_antwoord);
}

TEST(InboxTest, CreditInALaterDeclaratieMarksTheDebit) {
  TestSchema s;
  Seed(s);
  Receive(s, testing::SpecExample323(), "2026-02-04 09:00+01");
  codecs::Bericht323 credit = testing::SpecExample323();
  credit.header.bericht_identificatie = {"DCL260303A", D("2026-03-03")};
  credit.declaratie.declaratie_nummer = "D202603001";
  credit.declaratie.declaratie_periode = {D("2026-02-01"), D("2026-02-28")};
  credit.declaratie.clienten.resize(1);
  credit.declaratie.clienten[0].prestaties[0] = testing::MakeCredit(
      credit.declaratie.clienten[0].prestaties[0], "P2026000201", "P2026000101");
  // ...and a second credit of a debit that was rejected (8017).
  credit.declaratie.clienten.push_back(credit.declaratie.clienten[0]);
  credit.declaratie.clienten[1].bsn = codecs::Bsn("999900006");
  credit.declaratie.clienten[1].prestaties[0] =
      testing::MakeCredit(testing::MakePrestatie("x", 100240, "2026-01-01", "2026-01-31", 18),
                          "P2026000202", "P2026000102");
  testing::Retotal(credit);
  Receive(s, credit, "2026-03-04 09:00+01");
  Connection conn(s.url());
  Inbox inbox(Config());
  workflow::ManualClock clock(At("2026-03-04", 9));
  EXPECT_EQ(inbox.ProcessAll(conn, clock), 2);
  EXPECT_EQ(
      s.Query(
          "SELECT string_agg(referentienummer || ':' || status || ':' ||"
          " array_to_string(retourcodes, '+'), ' ' ORDER BY declaratie_id, positie) FROM prestatie"
          " WHERE debet_credit = 'C'"),
      "P2026000201:goedgekeurd: P2026000202:afgekeurd:8017");
  EXPECT_EQ(
      s.Query(
          "SELECT c.referentienummer FROM prestatie d JOIN prestatie c"
          " ON c.referentienummer = d.gecrediteerd_door WHERE d.referentienummer = 'P2026000101'"),
      "P2026000201");
  EXPECT_EQ(s.Query("SELECT toegekend_cent FROM declaratie WHERE declaratienummer = 'D202603001'"),
            "-39000");
}

// The refusal's message, or "" when `sql` went through.
std::string Refusal(const TestSchema& s, const std::string& sql) {
  try {
    s.Query(sql);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST(InboxTest, PrestatiesStayWithTheirDeclaratie) {
  // Migration 0017 checks the foreign key per statement instead of per row: no orphans, no
  // moving a prestatie, no deleting a declaratie that has prestaties.
  TestSchema s;
  Seed(s);
  Receive(s, testing::SpecExample323(), "2026-02-04 09:00+01");
  Connection conn(s.url());
  Inbox inbox(Config());
  workflow::ManualClock clock(At("2026-02-04", 9));
  EXPECT_EQ(inbox.ProcessAll(conn, clock), 1);
  ASSERT_EQ(s.Query("SELECT count(*) FROM prestatie"), "2");
  const std::string columns =
      "gemeente, domein, agb, bsn, positie, referentienummer, toewijzing_nummer, categorie,"
      " code, periode_begin, periode_eind, volume, eenheid, bedrag_cent, debet_credit, status";
  // Copies every prestatie, with `declaratie` and `positie` as the copy's values.
  auto copy = [&](const std::string& declaratie, const std::string& positie) {
    std::string values = columns;
    values.replace(values.find("positie"), 7, positie);
    return "INSERT INTO prestatie (declaratie_id, " + columns + ") SELECT " + declaratie + ", " +
           values + " FROM prestatie";
  };
  EXPECT_NE(Refusal(s, copy("declaratie_id + 1000", "positie")).find("which does not exist"),
            std::string::npos);
  EXPECT_NE(Refusal(s, "UPDATE prestatie SET declaratie_id = declaratie_id + 1000")
                .find("stays with its declaratie"),
            std::string::npos);
  EXPECT_NE(Refusal(s, "DELETE FROM betaalregel_declaratie; DELETE FROM declaratie")
                .find("still has prestaties"),
            std::string::npos);
  // A second copy into the same declaratie is refused by the key (declaratie_id, positie); a
  // copy under new positions is a valid insert.
  EXPECT_NE(Refusal(s, copy("declaratie_id", "positie")).find("prestatie_pkey"), std::string::npos);
  EXPECT_EQ(Refusal(s, copy("declaratie_id", "positie + 10")), "");
  EXPECT_EQ(s.Query("SELECT count(*) FROM prestatie"), "4");
}

TEST(InboxTest, StoredMessagesAreReadBackByteForByte) {
  // Migration 0018: payloads that are UTF-8 travel as text, anything else as bytea; either
  // way the bytes that come back are the bytes stored.
  TestSchema s;
  Connection conn(s.url());
  struct Case {
    std::string payload;
    bool als_tekst;
  };
  const std::vector<Case> cases = {
      {"<Naam>Zo\xc3\xabla \xe2\x82\xac \xf0\x9d\x84\x9e</Naam>", true},
      {"<Naam>Zo\xeb"
       "la</Naam>",
       false},                                            // Latin-1
      {std::string("<Naam>") + '\0' + "</Naam>", false},  // a NUL byte
      {"<Naam>\xed\xa0\x80</Naam>", false},               // a UTF-16 surrogate
  };
  int n = 0;
  for (const Case& c : cases) {
    NieuwBericht b;
    b.direction = "in";
    b.gemeente = "0363";
    b.agb = "42420001";
    b.identificatie = "T" + std::to_string(++n);
    b.dagtekening = D("2026-02-04");
    b.payload = c.payload;
    b.state = "xsd_rejected";
    const int64_t id = RegisterBericht(conn, b);
    const auto back = LoadBericht(conn, id);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->payload, c.payload) << n;
    EXPECT_EQ(s.Query("SELECT (bericht_als_tekst(payload) IS NOT NULL)::text FROM bericht"
                      " WHERE id = " +
                      std::to_string(id)),
              c.als_tekst ? "true" : "false")
        << n;
  }
}

TEST(InboxTest, Level2FailureGetsAHeaderOnly0001) {
  TestSchema s;
  Seed(s);
  codecs::Bericht323 d = testing::SpecExample323();
  d.declaratie.totaal_ingediend_bedrag.totaal_bedrag = codecs::Cents(1);  // TR358
  const int64_t in = Receive(s, d, "2026-02-04 09:00+01");
  Connection conn(s.url());
  Inbox inbox(Config());
  workflow::ManualClock clock(At("2026-02-04", 9));
  const auto r = inbox.ProcessNext(conn, clock);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->answers.size(), 1u) << r->detail;
  const auto a = Sent325(s, r->answers[0]);
  EXPECT_EQ(a.header.retour_codes, codecs::RetourCodes{"0001"});
  EXPECT_EQ(a.header.xslt_versie, "1.0.0");
  EXPECT_NE(s.Query("SELECT level2_violations::text FROM bericht WHERE id = " + std::to_string(in))
                .find("TR358"),
            std::string::npos);
  EXPECT_EQ(s.Query("SELECT status || ' ' || telt_mee FROM declaratie"), "afgewezen false");
}

TEST(InboxTest, ReviewHoldsThe325UntilTheDecision) {
  TestSchema s;
  Seed(s);
  s.Query(
      "INSERT INTO review_regel (agb, reden, created_by) VALUES ('42420001',"
      " 'formele controle Q1', 'test')");
  Receive(s, testing::SpecExample323(), "2026-02-04 09:00+01");
  Connection conn(s.url());
  Inbox inbox(Config());
  workflow::ManualClock clock(At("2026-02-04", 9));
  const auto r = inbox.ProcessNext(conn, clock);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, "held");
  EXPECT_TRUE(r->answers.empty());
  EXPECT_EQ(s.Query("SELECT status || ' ' || review_reden FROM declaratie"),
            "in_review formele controle Q1");
  EXPECT_EQ(s.Query("SELECT count(*) FROM bericht WHERE direction = 'out'"), "0");

  const int64_t id = *r->declaratie_id;
  EXPECT_THROW(inbox.BesluitReview(conn, id, {{"P2026000101", "8001"}}, "anna", clock),
               RefusedError);
  EXPECT_THROW(inbox.BesluitReview(conn, id, {{"P2026000102", "9321"}}, "anna", clock),
               RefusedError);  // already rejected
  clock.Advance(std::chrono::hours(24));
  const int64_t answer = inbox.BesluitReview(conn, id, {{"P2026000101", "9307"}}, "anna", clock);
  EXPECT_EQ(s.Query("SELECT status || ' ' || toegekend_cent || ' ' || review_door FROM declaratie"),
            "afgewezen 0 anna");
  const auto a = Sent325(s, answer);
  EXPECT_EQ(a.declaratie_antwoord->clienten.size(), 2u);
  EXPECT_EQ(a.declaratie_antwoord->totaal_toegekend_bedrag.totaal_bedrag, codecs::Cents(0));
  EXPECT_EQ(a.header.header.bericht_identificatie.dagtekening, D("2026-02-05"));
  EXPECT_EQ(s.Query("SELECT action FROM audit_log"), "declaratie.review_besluit");
  // Decided once: a second decision is refused.
  EXPECT_THROW(inbox.BesluitReview(conn, id, {}, "anna", clock), RefusedError);
}

}  // namespace
}  // namespace sluis::db
