// `sluis betaal ...` as a process, against a real database: a batch from answered declaraties
// to a pain.001 file, export again, overview, paid, cancel, the rate table.
#include <chrono>

#include <gtest/gtest.h>

#include "sluis/codecs/xsd.h"
#include "sluis/workflow/clock.h"

#include "pg_schema.h"
#include "process.h"
#include "test_env.h"

namespace sluis::testing {
namespace {

class SluisBetaalCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = MakeTempDir("cli-betaal");
    for (const char* f : {"cert.pem", "key.pem", "ca.pem"}) WriteFile(dir + "/" + f, "unused\n");
    config = dir + "/sluisd.toml";
    WriteFile(config, "shared_dir = \"" + SharedDir() +
                          "\"\n[tls]\ncert_file = \"cert.pem\"\nkey_file = \"key.pem\"\n"
                          "ca_file = \"ca.pem\"\n[database]\nurl = \"" +
                          schema.url() +
                          "\"\n[betaling]\ndebtor_naam = \"Gemeente Teststad\"\n"
                          "debtor_iban = \"NL91ABNA0417164300\"\n");
    schema.Query(
        "INSERT INTO aanbieder (agb, naam, iban) VALUES ('11111111', 'Zorg Een', "
        "'NL02ABNA0123456789'), ('22222222', 'Zonder Rekening', '')");
    Declaratie("11111111", "D1", 150000);
    Declaratie("11111111", "C1", -50000);
    Declaratie("22222222", "D2", 7000);
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    today = workflow::DutchDate(now).ToString();
    overmorgen = workflow::DutchDate(now).AddDays(2).ToString();
  }

  // An answered (325 sent) declaratie received 40 days ago: 10 days overdue.
  void Declaratie(const std::string& agb, const std::string& nummer, int64_t toegekend) {
    static int n = 0;
    const std::string ident = "CLI" + std::to_string(++n);
    schema.Query(
        "WITH b AS (INSERT INTO bericht (direction, domein, berichttype, gemeente, agb,"
        " identificatie, dagtekening, payload, state) VALUES ('in', 'wmo', 323, '0363', '" +
        agb + "', '" + ident +
        "', current_date - 40, convert_to('<x/>', 'UTF8'), 'processed') RETURNING id)"
        " INSERT INTO declaratie (bericht_id, gemeente, domein, agb, identificatie, dagtekening,"
        " declaratienummer, periode_begin, periode_eind, ingediend_cent, toegekend_cent,"
        " ontvangen_op, status, antwoord_uiterlijk, betalen_uiterlijk)"
        " SELECT b.id, '0363', 'wmo', '" +
        agb + "', '" + ident + "', current_date - 40, '" + nummer +
        "', '2026-01-01', '2026-01-31', " + std::to_string(toegekend) + ", " +
        std::to_string(toegekend) +
        ", now() - interval '40 days', 'verzonden', current_date - 26, current_date - 10"
        " FROM b");
  }

  RunResult Sluis(std::vector<std::string> args) {
    args.insert(args.begin(), SluisCliPath());
    return RunCommand(args, {{"SLUIS_DB_URL", ""}});
  }

  TestSchema schema;
  std::string dir, config, today, overmorgen;
};

TEST_F(SluisBetaalCliTest, BatchExportOverviewPaid) {
  const std::string out = dir + "/batch.xml";
  const RunResult batch = Sluis({"betaal", "batch", "--gemeente", "0363", "--uitvoerdatum",
                                 overmorgen, "--out", out, "--config", config, "--as", "tester"});
  ASSERT_EQ(batch.exit_code, 0) << batch.out << batch.err;
  EXPECT_NE(batch.out.find("betaalbaar gesteld: 2, credits: 1"), std::string::npos) << batch.out;
  EXPECT_NE(batch.out.find("overgeslagen AGB 22222222: aanbieder zonder IBAN"), std::string::npos)
      << batch.out;
  EXPECT_NE(batch.out.find("1 overboekingen, EUR 1000.00"), std::string::npos) << batch.out;
  const std::string id = schema.Query("SELECT id FROM betaalbatch");
  const std::string xml = ReadFile(out);
  auto schemas = codecs::SchemaSet::Load(SharedDir());
  ASSERT_TRUE(schemas.ok());
  EXPECT_TRUE((*schemas)->Validate(codecs::SchemaKind::kPain001, xml).empty());
  EXPECT_NE(xml.find("<InstdAmt Ccy=\"EUR\">1000.00</InstdAmt>"), std::string::npos);
  EXPECT_NE(xml.find("<Ustrd>Declaraties D1 verrekend C1</Ustrd>"), std::string::npos);
  EXPECT_NE(xml.find("<ReqdExctnDt>" + overmorgen + "</ReqdExctnDt>"), std::string::npos);
  EXPECT_EQ(schema.Query("SELECT string_agg(DISTINCT actor, ',') FROM audit_log"), "tester");

  // Never overwrites; nothing left for a second batch.
  const RunResult again = Sluis({"betaal", "batch", "--gemeente", "0363", "--uitvoerdatum",
                                 overmorgen, "--out", out, "--config", config});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("geen betaalbatch"), std::string::npos) << again.out;
  EXPECT_EQ(ReadFile(out), xml);

  // The stored file, again.
  const RunResult exp =
      Sluis({"betaal", "export", id, "--out", dir + "/copy.xml", "--config", config});
  ASSERT_EQ(exp.exit_code, 0) << exp.err;
  EXPECT_EQ(ReadFile(dir + "/copy.xml"), xml);
  EXPECT_EQ(Sluis({"betaal", "export", id, "--out", out, "--config", config}).exit_code, 1);

  // Overview: D2 (no IBAN) 10 days overdue and unpaid; D1/C1 in the batch until it is paid.
  const RunResult view =
      Sluis({"betaal", "overzicht", "--gemeente", "0363", "--db", schema.url(), "--details"});
  ASSERT_EQ(view.exit_code, 0) << view.err;
  EXPECT_NE(view.out.find("3 open declaraties"), std::string::npos) << view.out;
  EXPECT_NE(view.out.find("22222222  Zonder Rekening"), std::string::npos) << view.out;
  EXPECT_NE(view.out.find("batch " + id), std::string::npos) << view.out;

  // Paid: not on the uitvoerdatum (still ahead), but today with --op.
  const RunResult early = Sluis({"betaal", "betaald", id, "--db", schema.url()});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_NE(early.err.find("toekomst"), std::string::npos) << early.err;
  const RunResult paid =
      Sluis({"betaal", "betaald", id, "--op", today, "--db", schema.url(), "--as", "controller"});
  ASSERT_EQ(paid.exit_code, 0) << paid.err;
  EXPECT_EQ(schema.Query("SELECT count(*) FROM declaratie WHERE status = 'betaald'"), "2");
  EXPECT_EQ(schema.Query("SELECT actor FROM audit_log WHERE action = 'betaalbatch.betaald'"),
            "controller");
  const RunResult cancel = Sluis({"betaal", "annuleer", id, "--db", schema.url()});
  EXPECT_EQ(cancel.exit_code, 1);
  EXPECT_NE(cancel.err.find("betaalbatch.status"), std::string::npos) << cancel.err;

  const RunResult after = Sluis({"betaal", "overzicht", "--db", schema.url()});
  EXPECT_NE(after.out.find("1 open declaraties, 1 te laat"), std::string::npos) << after.out;

  // A half year without its rate is said (the rate is set per 1 January and 1 July).
  schema.Query("DELETE FROM handelsrente WHERE ingangsdatum >= '2026-07-01'");
  const auto overzicht = [&](const char* peildatum) {
    return Sluis({"betaal", "overzicht", "--peildatum", peildatum, "--db", schema.url()}).out;
  };
  EXPECT_NE(overzicht("2026-08-01").find("rentepercentage per 2026-07-01 ontbreekt"),
            std::string::npos);
  EXPECT_EQ(overzicht("2026-06-30").find("ontbreekt"), std::string::npos);
}

TEST_F(SluisBetaalCliTest, CancelReturnsDeclaratiesToTheNextBatch) {
  ASSERT_EQ(Sluis({"betaal", "batch", "--gemeente", "0363", "--uitvoerdatum", overmorgen, "--out",
                   dir + "/a.xml", "--config", config})
                .exit_code,
            0);
  const std::string id = schema.Query("SELECT id FROM betaalbatch");
  const RunResult cancel =
      Sluis({"betaal", "annuleer", id, "--reden", "verkeerde datum", "--db", schema.url()});
  ASSERT_EQ(cancel.exit_code, 0) << cancel.err;
  EXPECT_EQ(schema.Query("SELECT annuleer_reden FROM betaalbatch"), "verkeerde datum");
  const RunResult second = Sluis({"betaal", "batch", "--gemeente", "0363", "--uitvoerdatum",
                                  overmorgen, "--out", dir + "/b.xml", "--config", config});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(schema.Query("SELECT count(*) FROM betaalbatch"), "2");
  EXPECT_NE(ReadFile(dir + "/a.xml"), ReadFile(dir + "/b.xml"));  // another MsgId
}

TEST_F(SluisBetaalCliTest, UsageErrors) {
  // batch needs the config (debtor, schemas) and all three options.
  EXPECT_EQ(Sluis({"betaal", "batch", "--gemeente", "0363", "--uitvoerdatum", overmorgen, "--out",
                   dir + "/x.xml", "--db", schema.url()})
                .exit_code,
            2);
  EXPECT_EQ(
      Sluis({"betaal", "batch", "--gemeente", "0363", "--out", dir + "/x.xml", "--config", config})
          .exit_code,
      2);
  EXPECT_EQ(Sluis({"betaal", "batch", "--gemeente", "0363", "--uitvoerdatum", "2026-02-30", "--out",
                   dir + "/x.xml", "--config", config})
                .exit_code,
            2);
  // An uitvoerdatum in the past, a gemeente without a debtor, a bad gemeente: refused before
  // anything changes.
  EXPECT_EQ(Sluis({"betaal", "batch", "--gemeente", "0363", "--uitvoerdatum", "2020-01-01", "--out",
                   dir + "/x.xml", "--config", config})
                .exit_code,
            1);
  WriteFile(dir + "/zonder.toml", ReadFile(config).substr(0, ReadFile(config).find("[betaling]")));
  const RunResult no_debtor =
      Sluis({"betaal", "batch", "--gemeente", "0363", "--uitvoerdatum", overmorgen, "--out",
             dir + "/x.xml", "--config", dir + "/zonder.toml"});
  EXPECT_EQ(no_debtor.exit_code, 1);
  EXPECT_NE(no_debtor.err.find("no debtor for gemeente 0363"), std::string::npos) << no_debtor.err;
  EXPECT_EQ(Sluis({"betaal", "batch", "--gemeente", "363", "--uitvoerdatum", overmorgen, "--out",
                   dir + "/x.xml", "--config", config})
                .exit_code,
            1);
  EXPECT_EQ(schema.Query("SELECT count(*) FROM declaratie WHERE status = 'verzonden'"), "3");
  EXPECT_EQ(Sluis({"betaal", "betaald", "abc", "--db", schema.url()}).exit_code, 2);
  EXPECT_EQ(Sluis({"betaal", "betaald", "77", "--db", schema.url()}).exit_code, 1);
  EXPECT_EQ(Sluis({"betaal", "annuleer", "--db", schema.url()}).exit_code, 2);
  EXPECT_EQ(
      Sluis({"betaal", "overzicht", "--peildatum", "gisteren", "--db", schema.url()}).exit_code, 2);
  EXPECT_EQ(Sluis({"betaal", "overzicht", "--frobnicate", "--db", schema.url()}).exit_code, 2);
  EXPECT_EQ(Sluis({"betaal", "overzicht"}).exit_code, 2);  // no database
  EXPECT_EQ(schema.Query("SELECT count(*) FROM betaalbatch"), "0");
}

TEST_F(SluisBetaalCliTest, RateTableShowAndLoad) {
  const RunResult show = Sluis({"betaal", "handelsrente", "--db", schema.url()});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const std::string shipped = ReadFile(SourceDir() + "/ops/handelsrente.csv");
  EXPECT_EQ(show.out, shipped.substr(shipped.find("ingangsdatum,percentage")));
  WriteFile(dir + "/rente.csv", "ingangsdatum,percentage\n2020-01-01,9.5\n");
  const RunResult load =
      Sluis({"betaal", "handelsrente", dir + "/rente.csv", "--db", schema.url(), "--as", "beheer"});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  EXPECT_EQ(load.out,
            "handelsrente geladen: 1 percentages\ningangsdatum,percentage\n"
            "2020-01-01,9.50\n");
  EXPECT_EQ(schema.Query("SELECT actor FROM audit_log WHERE action = 'handelsrente.geladen'"),
            "beheer");
  EXPECT_EQ(schema.Query("SELECT length(sha256) FROM reference_import"), "64");
  WriteFile(dir + "/bad.csv", "2020-01-01;9.5\n");
  const RunResult bad = Sluis({"betaal", "handelsrente", dir + "/bad.csv", "--db", schema.url()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("CSV line 1"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace sluis::testing
