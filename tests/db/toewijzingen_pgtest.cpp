// clienten.csv and toewijzingen.csv against a real database: every rule with its exact
// "file:line: reason", nothing loaded on an error, the IV013 current version whatever the order
// of the versions, idempotent re-import, and a 30 000-row import.

#include <gtest/gtest.h>

#include "sluis/codecs/csv.h"
#include "sluis/db/connection.h"
#include "sluis/db/reference.h"
#include "sluis/db/toewijzingen.h"

#include "pg_schema.h"
#include "test_env.h"

namespace sluis::db {
namespace {

using Lines = std::vector<std::string>;

std::string Data(const std::string& name) {
  return testing::ReadFile(testing::SourceDir() + "/tests/data/reference/" + name);
}

Lines ErrorLines(const ImportReport& r) {
  Lines out;
  for (const ImportError& e : r.errors) out.push_back(e.ToString());
  return out;
}

constexpr char kToewijzingenHeader[] =
    "gemeente,domein,toewijzingnummer,agb,bsn,productcategorie,productcode,ingangsdatum,"
    "einddatum,volume,eenheid,frequentie,budget_cent,toewijzingsdatum,toewijzingstijd,"
    "reden_wijziging,referentie_aanbieder,commentaar\n";

// One row of toewijzingen.csv, valid as it stands (3 hours a week of 01A03 for client
// 999990019 at 42420001); tests change what they need.
struct Row {
  std::string gemeente = "0363", domein = "wmo", nummer = "1001", agb = "42420001",
              bsn = "999990019", categorie = "01", code = "01A03", begin = "2025-01-06",
              end = "2025-12-31", volume = "3", eenheid = "04", frequentie = "2", budget,
              datum = "2025-01-02", tijd = "10:00:00", reden, referentie, commentaar;
  std::string Csv() const {
    return codecs::csv::EncodeRecord({gemeente, domein, nummer, agb, bsn, categorie, code, begin,
                                      end, volume, eenheid, frequentie, budget, datum, tijd, reden,
                                      referentie, commentaar});
  }
};

class ToewijzingImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (ImportKind k : {ImportKind::kGemeenten, ImportKind::kAanbieders, ImportKind::kProductcodes,
                         ImportKind::kClienten}) {
      const ImportReport r = Run(k, Data(ImportFileName(k)));
      ASSERT_TRUE(r.ok()) << ::testing::PrintToString(ErrorLines(r));
    }
  }
  ImportReport Run(ImportKind kind, const std::string& content) {
    return Import(conn_, kind, content, ImportFileName(kind), "tester");
  }
  ImportReport Toewijzingen(const std::vector<Row>& rows) {
    std::string csv = kToewijzingenHeader;
    for (const Row& r : rows) csv += r.Csv();
    return Run(ImportKind::kToewijzingen, csv);
  }
  std::string Query(const std::string& sql) { return schema_.Query(sql); }

  testing::TestSchema schema_;
  Connection conn_{schema_.url()};
};

TEST_F(ToewijzingImportTest, ClientenEveryReason) {
  const ImportReport r = Run(
      ImportKind::kClienten,
      "gemeente,domein,bsn,geboortedatum,geslacht,achternaam,voorvoegsel,voorletters,straatnaam,"
      "huisnummer,huisletter,huisnummer_toevoeging,postcode,plaatsnaam,telefoon\n"
      "0363,wmo,999990018,1948-03-12,2,Jansen,,AM,,,,,,,\n"                        // 2
      "0363,wmo,99999001,1948-03-12,2,Jansen,,AM,,,,,,,\n"                         // 3
      "0363,wmo,999900055,1948-13-12,V,,,A.M.,,,,,,,\n"                            // 4
      "0363,wmo,999900067,1948-03-12,1,Jansen,van der berg van,AM,,,,,,,\n"        // 5
      "0363,wmo,999900079,1948-03-12,1,Jansen,,,Straat,12a,,,1011AB,Amsterdam,\n"  // 6
      "0363,wmo,999900080,1948-03-12,1,Jansen,,,Straat,12,,,011AB,Amsterdam,\n"    // 7
      "0363,wmo,999900092,1948-03-12,1,Jansen,,,Straat,,,,,Amsterdam,\n"           // 8
      "0363,wmo,999900109,1948-03-12,1,Jansen,,,,,,,,,+31 20 123\n"                // 9
      "0363,wmo,999900110,1948-03-12,1,Jansen,,,Straat,12,ab,12345,1011AB,A,\n"    // 10
      "0999,wmo,999900122,1948-03-12,1,Jansen,,,,,,,,,\n"                          // 11
      "0363,wmo,999900134,1948-03-12,1,Jansen,,,,,,,,,\n"                          // 12 ok
      "0363,wmo,999900134,1950-01-01,1,Jansen,,,,,,,,,\n"                          // 13
      "0363,jeugd,999900134,1950-01-01,1,Jansen,,,,,,,,,\n");                      // 14 ok
  EXPECT_EQ(ErrorLines(r),
            (Lines{
                "clienten.csv:2: bsn 999990018 fails the 11-proef (CS002)",
                "clienten.csv:3: bsn \"99999001\" is not 9 digits",
                "clienten.csv:4: geboortedatum \"1948-13-12\" is not a date (yyyy-mm-dd)",
                "clienten.csv:4: geslacht \"V\" is not 0 (onbekend), 1 (man) or 2 (vrouw)",
                "clienten.csv:4: achternaam is empty",
                "clienten.csv:4: voorletters \"A.M.\" must be 1 to 6 letters without dots or "
                "spaces",
                "clienten.csv:5: voorvoegsel \"van der berg van\" is longer than 10 characters",
                "clienten.csv:6: huisnummer \"12a\" is not a whole number",
                "clienten.csv:6: an address needs both huisnummer and postcode (CD025/CD034)",
                "clienten.csv:7: postcode \"011AB\" is not a Dutch postcode (1234AB)",
                "clienten.csv:8: an address needs both huisnummer and postcode (CD025/CD034)",
                "clienten.csv:9: telefoon \"+31 20 123\" is not 1 to 15 digits",
                "clienten.csv:10: huisletter \"ab\" is longer than 1 characters",
                "clienten.csv:10: huisnummer_toevoeging \"12345\" is longer than 4 characters",
                "clienten.csv:11: gemeente 0999 is not in the gemeenten list",
                "clienten.csv:13: duplicate client 999900134 (0363 wmo, also on line 12)",
            }));
  EXPECT_EQ(Query("SELECT count(*) FROM client"), "5");
}

TEST_F(ToewijzingImportTest, ClientenAreUpsertedAndReadBack) {
  const ImportReport r = Run(
      ImportKind::kClienten,
      "gemeente,domein,bsn,geboortedatum,geslacht,achternaam,voorletters,straatnaam,huisnummer,"
      "postcode,plaatsnaam\n"
      "0363,wmo,999990019,1948-03-12,2,Jansen-de Vries,AM,Voorbeeldstraat,14,1011 ab,Amsterdam\n"
      "0363,wmo,999900006,1955-11-30,1,Berg,P,Teststraat,3,1012CD,Amsterdam\n"
      "0344,wmo,999900146,1970-01-01,,Pietersen,,,,,\n");
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(ErrorLines(r));
  // 999900006 lost its voorvoegsel, huisletter and toevoeging (columns absent: empty).
  EXPECT_EQ(r.Summary(), "clienten.csv: 3 rows: 1 new, 2 updated, 0 unchanged");
  EXPECT_EQ(Query("SELECT count(*) FROM client"), "6");

  const std::optional<workflow::ClientGegevens> c = LoadClient(
      conn_, codecs::GemeenteCode("0363"), codecs::Domein::kWmo, codecs::Bsn("999990019"));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->achternaam, "Jansen-de Vries");
  EXPECT_EQ(c->geboortedatum.ToString(), "1948-03-12");
  EXPECT_EQ(c->geslacht, "2");
  EXPECT_EQ(c->huisnummer, 14);
  EXPECT_EQ(c->postcode, "1011AB");
  EXPECT_EQ(c->telefoon, std::nullopt);
  EXPECT_EQ(LoadClient(conn_, codecs::GemeenteCode("0344"), codecs::Domein::kWmo,
                       codecs::Bsn("999900146"))
                ->geslacht,
            "0");  // empty: onbekend
  EXPECT_FALSE(LoadClient(conn_, codecs::GemeenteCode("0363"), codecs::Domein::kJeugd,
                          codecs::Bsn("999990019"))
                   .has_value());

  // SaveClient round-trips every field.
  workflow::ClientGegevens full = *c;
  full.voorvoegsel = "de";
  full.huisletter = "B";
  full.huisnummer_toevoeging = "2hg";
  full.telefoon = "0201234567";
  full.geboortedatum_gebruik = "2";
  SaveClient(conn_, full);
  EXPECT_EQ(LoadClient(conn_, full.gemeente, full.domein, full.bsn), full);
}

TEST_F(ToewijzingImportTest, ToewijzingRowRules) {
  std::vector<Row> rows(22);
  for (size_t i = 0; i < rows.size(); ++i) rows[i].nummer = std::to_string(2000 + i);
  rows[0].frequentie = "3";                                    // line 2
  rows[1].eenheid = "";                                        // 3
  rows[2].categorie = "";                                      // 4
  rows[3].volume = rows[3].eenheid = rows[3].frequentie = "";  // 5 CD041
  rows[4].budget = "10000";                                    // 6 CD077
  rows[5].categorie = rows[5].code = "";                       // 7 CD079
  rows[5].volume = rows[5].eenheid = rows[5].frequentie = "";
  rows[6].end = "";        // 8 CD076
  rows[7].eenheid = "14";  // 9 CS338
  rows[7].frequentie = "1";
  rows[8].reden = "01";            // 10 CS336
  rows[9].reden = "13";            // 11 CS335
  rows[10].reden = "99";           // 12
  rows[11].nummer = "1000000000";  // 13
  rows[12].bsn = "999990018";      // 14
  rows[13].tijd = "10:00";         // 15
  rows[14].volume = "2,5";         // 16
  rows[15].categorie = "02";       // 17 aspecifiek + budget
  rows[15].code = rows[15].volume = rows[15].eenheid = rows[15].frequentie = "";
  rows[15].budget = "12,50";
  rows[16].domein = "wlz";                     // 18
  rows[17].begin = "2026-01-01";               // 19
  rows[18].referentie = std::string(37, 'r');  // 20
  rows[19].datum = "";                         // 21
  rows[20].agb = "4242000";                    // 22
  rows[21].categorie = "1";                    // 23
  const ImportReport r = Toewijzingen(rows);
  EXPECT_EQ(ErrorLines(r),
            (Lines{
                "toewijzingen.csv:2: frequentie \"3\" is not 1 (dag), 2 (week), 4 (maand) or 6 "
                "(totaal)",
                "toewijzingen.csv:3: volume, eenheid and frequentie go together (omvang): give "
                "all three or none",
                "toewijzingen.csv:4: productcode without productcategorie",
                "toewijzingen.csv:5: a productcode needs an omvang (CD041)",
                "toewijzingen.csv:6: budget_cent and omvang exclude each other (CD077/CD078)",
                "toewijzingen.csv:7: a toewijzing without budget_cent needs a productcategorie "
                "(CD079)",
                "toewijzingen.csv:8: einddatum is required with a budget or frequentie 2 "
                "(CD075/CD076)",
                "toewijzingen.csv:9: eenheid 14 needs frequentie 2, 4 or 6 (CS338)",
                "toewijzingen.csv:10: reden_wijziging 01 may no longer be used (CS336)",
                "toewijzingen.csv:11: reden_wijziging 13 (verwijderd) needs einddatum equal to "
                "ingangsdatum (CS335)",
                "toewijzingen.csv:12: reden_wijziging \"99\" is not in WMO002/JZ002 (02 to 14)",
                "toewijzingen.csv:13: toewijzingnummer 1000000000 is not between 0 and "
                "999999999",
                "toewijzingen.csv:14: bsn 999990018 fails the 11-proef (CS002)",
                "toewijzingen.csv:15: toewijzingstijd \"10:00\" is not a time (hh:mm:ss)",
                "toewijzingen.csv:16: volume \"2,5\" is not a whole number",
                "toewijzingen.csv:17: budget_cent \"12,50\" is not a whole number of cents",
                "toewijzingen.csv:18: domein \"wlz\" is not wmo or jeugd",
                "toewijzingen.csv:19: einddatum 2025-12-31 is before ingangsdatum 2026-01-01",
                "toewijzingen.csv:20: referentie_aanbieder \"" + std::string(37, 'r') +
                    "\" is longer than 36 characters",
                "toewijzingen.csv:21: toewijzingsdatum is empty",
                "toewijzingen.csv:22: agb \"4242000\" is not 8 digits",
                "toewijzingen.csv:23: productcategorie \"1\" is not 2 digits",
            }));
  EXPECT_EQ(Query("SELECT count(*) FROM toewijzing_versie"), "0");
}

TEST_F(ToewijzingImportTest, LinesArePhysicalLines) {
  Row a, b;
  a.nummer = "5001";
  a.commentaar = "eerste regel\ntweede regel";  // lines 2 and 3
  b.nummer = "5002";
  b.frequentie = "9";  // line 4
  EXPECT_EQ(ErrorLines(Toewijzingen({a, b})),
            Lines{"toewijzingen.csv:4: frequentie \"9\" is not 1 (dag), 2 (week), 4 (maand) or 6 "
                  "(totaal)"});
}

TEST_F(ToewijzingImportTest, ToewijzingReferences) {
  std::vector<Row> rows(7);
  for (size_t i = 0; i < rows.size(); ++i) rows[i].nummer = std::to_string(3000 + i);
  rows[0].agb = "42429999";   // 2
  rows[1].bsn = "999900158";  // 3 valid, but no such client
  rows[2].domein = "jeugd";   // 4 client 999990019 is a wmo client
  rows[2].categorie = "45";
  rows[2].code = "45A48";
  rows[3].code = "01X99";    // 5
  rows[4].categorie = "05";  // 6 aspecifiek, category without codes
  rows[4].code = rows[4].volume = rows[4].eenheid = rows[4].frequentie = "";
  rows[4].budget = "5000";
  rows[5].gemeente = "0370";  // 7 known gemeente (ended), no such client
  rows[6].categorie = "03";   // 8 0363's own productcode: fine
  rows[6].code = "03A01";
  const ImportReport r = Toewijzingen(rows);
  EXPECT_EQ(ErrorLines(r),
            (Lines{
                "toewijzingen.csv:2: agb 42429999 is not a known aanbieder (aanbieders.csv)",
                "toewijzingen.csv:3: no client 999900158 for 0363 wmo (clienten.csv)",
                "toewijzingen.csv:4: no client 999990019 for 0363 jeugd (clienten.csv)",
                "toewijzingen.csv:5: productcode wmo 01/01X99 is not in the productcodes list "
                "(TR381)",
                "toewijzingen.csv:6: productcategorie wmo 05 has no codes in the productcodes "
                "list",
                "toewijzingen.csv:7: no client 999990019 for 0370 wmo (clienten.csv)",
            }));
  EXPECT_EQ(Query("SELECT count(*) FROM toewijzing"), "0");
}

TEST_F(ToewijzingImportTest, Tr332AndIv013InTheFileAndAgainstWhatIsStored) {
  Row stored, stored2;
  stored.nummer = "4000";
  stored2.nummer = "4002";
  ASSERT_TRUE(Toewijzingen({stored, stored2}).ok());

  std::vector<Row> rows(5);
  rows[0].nummer = "4001";  // 2 ok
  rows[1].nummer = "4001";  // 3 other client, same number
  rows[1].bsn = "999900006";
  rows[1].agb = "42420002";
  rows[1].datum = "2025-02-01";
  rows[2].nummer = "4002";  // 4 stored for 999990019
  rows[2].bsn = "999900018";
  rows[3].nummer = "4001";     // 5 same time as line 2, other
  rows[3].volume = "4";        //   content
  rows[4] = stored;            // 6 same time as stored, other
  rows[4].end = "2025-09-30";  //   content
  const ImportReport r = Toewijzingen(rows);
  EXPECT_EQ(ErrorLines(r),
            (Lines{
                "toewijzingen.csv:3: TR332: toewijzingnummer 4001 is used for agb 42420001, "
                "bsn 999990019 on line 2 (one number per gemeente and domein)",
                "toewijzingen.csv:4: TR332: toewijzingnummer 4002 is already used for agb "
                "42420001, bsn 999990019 (one number per gemeente and domein)",
                "toewijzingen.csv:5: IV013: toewijzing 4001 has another version with "
                "toewijzingsdatum/-tijd 2025-01-02 10:00:00 on line 2",
                "toewijzingen.csv:6: IV013: toewijzing 4000 already has a different version "
                "with toewijzingsdatum/-tijd 2025-01-02 10:00:00",
            }));
  EXPECT_EQ(Query("SELECT count(*) FROM toewijzing_versie"), "2");
  // The same number in the other domein, or at another gemeente, is another toewijzing.
  Row jeugd;
  jeugd.nummer = "4000";
  jeugd.domein = "jeugd";
  jeugd.bsn = "999900031";
  jeugd.agb = "42420003";
  jeugd.categorie = "45";
  jeugd.code = "45A48";
  EXPECT_TRUE(Toewijzingen({jeugd}).ok());
}

TEST_F(ToewijzingImportTest, CurrentVersionFollowsIv013WhateverTheOrder) {
  Row v1, v2, v3;
  v1.datum = "2025-01-02";
  v2.datum = "2025-03-01";
  v2.end = "2025-09-30";
  v2.reden = "05";
  v3.datum = "2025-03-01";
  v3.tijd = "10:00:00.001";  // one millisecond after v2: still newer (IV013)
  v3.end = "2026-06-30";
  v3.reden = "04";
  const ImportReport r = Toewijzingen({v3, v1, v2});
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(ErrorLines(r));
  EXPECT_EQ(r.inserted, 3);
  EXPECT_EQ(r.current, 1);
  EXPECT_EQ(Query("SELECT einddatum || ' ' || levering || ' ' || bron FROM toewijzing_actueel "
                  "WHERE nummer = 1001"),
            "2026-06-30 extern import");

  // An older version arriving later is history; a newer one becomes current.
  Row v0 = v1;
  v0.datum = "2024-12-20";
  v0.end = "2025-03-31";
  ImportReport older = Toewijzingen({v0});
  ASSERT_TRUE(older.ok());
  EXPECT_EQ(older.current, 0);
  EXPECT_EQ(Query("SELECT einddatum FROM toewijzing_actueel WHERE nummer = 1001"), "2026-06-30");
  Row v4 = v3;
  v4.datum = "2025-06-01";
  v4.end = "2025-07-31";
  ImportReport newer = Toewijzingen({v4});
  ASSERT_TRUE(newer.ok());
  EXPECT_EQ(newer.current, 1);
  EXPECT_EQ(Query("SELECT einddatum FROM toewijzing_actueel WHERE nummer = 1001"), "2025-07-31");

  const std::vector<workflow::ToewijzingVersie> history = LoadVersies(
      conn_, codecs::GemeenteCode("0363"), codecs::Domein::kWmo, codecs::ToewijzingNummer(1001));
  ASSERT_EQ(history.size(), 5u);
  EXPECT_EQ(history[0].toewijzingsdatum.ToString(), "2024-12-20");
  EXPECT_EQ(history[2].toewijzingstijd.ToString(), "10:00:00");
  EXPECT_EQ(history[3].toewijzingstijd.ToString(), "10:00:00.001");
  EXPECT_EQ(history[4].einddatum->ToString(), "2025-07-31");
}

TEST_F(ToewijzingImportTest, ReimportIsIdempotent) {
  const std::string csv = Data("toewijzingen.csv");
  const ImportReport first = Run(ImportKind::kToewijzingen, csv);
  ASSERT_TRUE(first.ok()) << ::testing::PrintToString(ErrorLines(first));
  EXPECT_EQ(first.Summary(),
            "toewijzingen.csv: 8 rows: 8 new versions, 0 already stored; 6 toewijzingen now "
            "current from this file");
  const ImportReport again = Run(ImportKind::kToewijzingen, csv);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.unchanged, 8);
  EXPECT_EQ(again.inserted, 0);
  EXPECT_EQ(Query("SELECT count(*) FROM toewijzing_versie"), "8");
  EXPECT_EQ(Query("SELECT count(*) FROM reference_import WHERE kind = 'toewijzingen'"), "2");
  // Generiek (no product), aspecifiek (no code) and a millisecond toewijzingstijd are kept.
  EXPECT_EQ(Query("SELECT coalesce(categorie, '-') || coalesce(code, '-') || budget_cent FROM "
                  "toewijzing_actueel WHERE nummer = 1003"),
            "--50000");
  EXPECT_EQ(Query("SELECT categorie || coalesce(code, '-') FROM toewijzing_actueel "
                  "WHERE nummer = 1002"),
            "02-");
  EXPECT_EQ(Query("SELECT toewijzingstijd || ' ' || reden_wijziging FROM toewijzing_actueel "
                  "WHERE nummer = 1004"),
            "11:00:00.5 05");
}

TEST_F(ToewijzingImportTest, ThirtyThousandToewijzingenImportAndReimportUnchanged) {
  // 7 500 clients with 4 toewijzingen each: BSNs from the test range that pass the 11-proef.
  std::string clienten = "gemeente,domein,bsn,geboortedatum,geslacht,achternaam\n";
  std::vector<std::string> bsns;
  for (int n = 900000; n < 1000000 && bsns.size() < 7500; ++n) {
    const std::string bsn = "999" + std::to_string(n);
    int sum = 0;
    for (int i = 0; i < 8; ++i) sum += (9 - i) * (bsn[i] - '0');
    if ((sum - (bsn[8] - '0')) % 11 != 0) continue;
    bsns.push_back(bsn);
    clienten += "0599,wmo," + bsn + ",1950-01-01,0,Test\n";
  }
  ASSERT_EQ(bsns.size(), 7500u);
  ASSERT_TRUE(Run(ImportKind::kClienten, clienten).ok());

  std::string csv = kToewijzingenHeader;
  int nummer = 100000;
  for (const std::string& bsn : bsns) {
    for (int k = 0; k < 4; ++k) {
      Row r;
      r.gemeente = "0599";
      r.bsn = bsn;
      r.nummer = std::to_string(nummer++);
      r.agb = k % 2 ? "42420001" : "42420002";
      if (k % 2 == 0) r.code = "01A01";
      csv += r.Csv();
    }
  }
  const ImportReport r = Run(ImportKind::kToewijzingen, csv);
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(ErrorLines(r));
  EXPECT_EQ(r.inserted, 30000);
  EXPECT_EQ(r.current, 30000);
  EXPECT_EQ(Query("SELECT count(*) FROM toewijzing WHERE gemeente = '0599'"), "30000");

  const ImportReport again = Run(ImportKind::kToewijzingen, csv);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.unchanged, 30000);
  EXPECT_EQ(again.inserted, 0);
}

}  // namespace
}  // namespace sluis::db
