// The reference data imports (gemeenten, aanbieders, productcodes, tarieven) against a real
// database: every validation reason with its exact "file:line: reason", nothing loaded when a
// file has an error, replace and upsert semantics, the reference_import record.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "sluis/db/connection.h"
#include "sluis/db/reference.h"

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

class ReferenceImportTest : public ::testing::Test {
 protected:
  ImportReport Run(ImportKind kind, const std::string& content, std::string name = "") {
    if (name.empty()) name = ImportFileName(kind);
    return Import(conn_, kind, content, name, "tester");
  }
  // Loads the good file of this kind from tests/data/reference.
  void LoadGood(ImportKind kind) {
    const ImportReport r = Run(kind, Data(ImportFileName(kind)));
    ASSERT_TRUE(r.ok()) << ::testing::PrintToString(ErrorLines(r));
  }
  std::string Count(const std::string& table) {
    return schema_.Query("SELECT count(*) FROM " + table);
  }

  testing::TestSchema schema_;
  Connection conn_{schema_.url()};
};

TEST_F(ReferenceImportTest, TheReferenceSetLoadsInOneGo) {
  std::vector<ImportFile> files;
  // Out of order on purpose: ImportSet sorts by dependency.
  for (ImportKind k : {ImportKind::kToewijzingen, ImportKind::kTarieven, ImportKind::kGemeenten,
                       ImportKind::kClienten, ImportKind::kProductcodes, ImportKind::kAanbieders}) {
    files.push_back({k, ImportFileName(k), Data(ImportFileName(k))});
  }
  const ImportSetReport set = ImportSet(conn_, files, "tester");
  ASSERT_TRUE(set.committed) << ::testing::PrintToString(set.AllErrors().size());
  ASSERT_EQ(set.files.size(), 6u);
  EXPECT_EQ(set.files[0].kind, ImportKind::kGemeenten);
  EXPECT_EQ(set.files[5].kind, ImportKind::kToewijzingen);
  EXPECT_EQ(set.files[3].Summary(), "tarieven.csv: 9 rows loaded, replacing 0 rows");
  EXPECT_EQ(Count("gemeente"), "6");
  EXPECT_EQ(Count("aanbieder"), "4");
  EXPECT_EQ(Count("productcode"), "9");
  EXPECT_EQ(Count("tarief"), "9");
  EXPECT_EQ(Count("client"), "5");
  EXPECT_EQ(Count("toewijzing_versie"), "8");
  EXPECT_EQ(Count("toewijzing"), "6");
  // What the lead's replay scenarios rely on.
  EXPECT_EQ(schema_.Query("SELECT tarief_cent || ' ' || coalesce(einddatum::text, 'open') FROM "
                          "tarief WHERE agb = '42420001' AND domein = 'wmo' AND categorie = '01' "
                          "AND code = '01A03' AND eenheid = '04' AND ingangsdatum = '2025-01-01'"),
            "3250 open");
  EXPECT_EQ(schema_.Query("SELECT einddatum FROM gemeente WHERE code = '0370'"), "2021-12-31");
  EXPECT_EQ(schema_.Query("SELECT iban FROM aanbieder WHERE agb = '42420003'"),
            "NL69TEST0000000001");  // written without the spaces
  EXPECT_EQ(schema_.Query("SELECT betaaltermijn_dagen FROM aanbieder WHERE agb = '42420003'"),
            "30");  // empty: the default
  EXPECT_EQ(schema_.Query("SELECT string_agg(kind || ':' || rows || ':' || imported_by, ' ' "
                          "ORDER BY id) FROM reference_import"),
            "gemeenten:6:tester aanbieders:4:tester productcodes:9:tester tarieven:9:tester "
            "clienten:5:tester toewijzingen:8:tester");
}

TEST_F(ReferenceImportTest, RecordsTheFilesSha256) {
  const std::string content = Data("gemeenten.csv");
  ASSERT_TRUE(Run(ImportKind::kGemeenten, content, "cbs-2025.csv").ok());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(content.data(), content.size(), digest, &len, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    char b[3];
    std::snprintf(b, sizeof b, "%02x", digest[i]);
    hex += b;
  }
  EXPECT_EQ(schema_.Query("SELECT file_name || ' ' || sha256 FROM reference_import"),
            "cbs-2025.csv " + hex);
}

TEST_F(ReferenceImportTest, GemeentenEveryReasonAndNothingLoaded) {
  LoadGood(ImportKind::kGemeenten);
  const ImportReport r = Run(ImportKind::kGemeenten,
                             "gemeentecode,naam,ingangsdatum,einddatum\n"
                             "0363,Amsterdam,2000-01-01,\n"             // 2 ok
                             "363,Amsterdam,2000-01-01,\n"              // 3
                             "0344,,2000-01-01,\n"                      // 4
                             "0599,Rotterdam,01-01-2000,\n"             // 5
                             "0518,Den Haag,2000-01-01,1999-12-31\n"    // 6
                             "0363,Amsterdam,2000-01-01,\n"             // 7 duplicate of 2
                             "0344,Utrecht,2000-01-01,2009-12-31\n"     // 8 ok
                             "0344,Utrecht,2009-06-01,\n"               // 9 overlaps 8
                             "0439,Purmerend\n"                         // 10
                             "0370,Beemster,2000-01-01,2021-02-30\n");  // 11
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(ErrorLines(r),
            (Lines{
                "gemeenten.csv:3: gemeentecode \"363\" is not 4 digits (CBS gemeentecode)",
                "gemeenten.csv:4: naam is empty",
                "gemeenten.csv:5: ingangsdatum \"01-01-2000\" is not a date (yyyy-mm-dd)",
                "gemeenten.csv:6: einddatum 1999-12-31 is before ingangsdatum 2000-01-01",
                "gemeenten.csv:7: duplicate gemeente 0363 from 2000-01-01 (also on line 2)",
                "gemeenten.csv:9: period 2009-06-01..(open) overlaps line 8 "
                "(2000-01-01..2009-12-31) for gemeente 0344",
                "gemeenten.csv:10: 2 fields, the header has 4",
                "gemeenten.csv:11: einddatum \"2021-02-30\" is not a date (yyyy-mm-dd)",
            }));
  EXPECT_EQ(r.Summary(), "gemeenten.csv: 8 errors, nothing loaded");
  // The earlier list is untouched and the failed import is not recorded.
  EXPECT_EQ(Count("gemeente"), "6");
  EXPECT_EQ(Count("reference_import"), "1");
}

TEST_F(ReferenceImportTest, GemeentenReplaceTheList) {
  LoadGood(ImportKind::kGemeenten);
  const ImportReport r = Run(ImportKind::kGemeenten,
                             "gemeentecode,naam,ingangsdatum,einddatum\r\n"
                             "0363,Amsterdam,1900-01-01,\r\n"
                             "0370,Beemster,1900-01-01,2021-12-31\r\n"
                             "0439,Purmerend,1900-01-01,\r\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.Summary(), "gemeenten.csv: 3 rows loaded, replacing 6 rows");
  EXPECT_EQ(schema_.Query("SELECT string_agg(code, ',' ORDER BY code) FROM gemeente"),
            "0363,0370,0439");
}

TEST_F(ReferenceImportTest, AnEmptyReplacingListIsRefused) {
  LoadGood(ImportKind::kGemeenten);
  const ImportReport r = Run(ImportKind::kGemeenten, "gemeentecode,naam,ingangsdatum,einddatum\n");
  EXPECT_EQ(ErrorLines(r),
            Lines{"gemeenten.csv: no rows: the file replaces the whole list and an empty list is "
                  "refused"});
  EXPECT_EQ(Count("gemeente"), "6");
}

TEST_F(ReferenceImportTest, HeaderProblems) {
  EXPECT_EQ(ErrorLines(Run(ImportKind::kGemeenten,
                           "\xEF\xBB\xBFgemeentecode,naam,ingangsdatum,provincie,einde\n"
                           "0363,Amsterdam,1900-01-01,NH,\n")),
            (Lines{"gemeenten.csv:1: unknown column \"provincie\"",
                   "gemeenten.csv:1: unknown column \"einde\"",
                   "gemeenten.csv:1: missing column \"einddatum\""}));
  EXPECT_EQ(ErrorLines(Run(ImportKind::kAanbieders, "agb;naam;iban\n42420001;X;NL91\n")),
            Lines{"aanbieders.csv:1: the columns are separated by ';': save the file as CSV "
                  "with commas"});
  EXPECT_EQ(ErrorLines(Run(ImportKind::kAanbieders, "")),
            Lines{"aanbieders.csv:1: no header line (the first line names the columns)"});
}

TEST_F(ReferenceImportTest, MalformedCsvNamesTheLine) {
  EXPECT_EQ(ErrorLines(Run(ImportKind::kAanbieders,
                           "agb,naam,iban\n42420001,\"Zorg,NL91ABNA0417164300\n42420002,X,Y\n")),
            Lines{"aanbieders.csv:2: quoted field not closed before the end of the file"});
  EXPECT_EQ(
      ErrorLines(Run(ImportKind::kAanbieders, "agb,naam,iban\n42420001,Zorg \xE9,NL\n", "a.csv")),
      Lines{"a.csv:2: invalid UTF-8 (byte 0xE9); save the file as CSV UTF-8"});
  EXPECT_EQ(Count("aanbieder"), "0");
}

TEST_F(ReferenceImportTest, AanbiedersEveryReason) {
  const ImportReport r = Run(ImportKind::kAanbieders,
                             "agb,naam,iban,betaaltermijn_dagen\n"
                             "42420001,Zorg,NL91ABNA0417164301,\n"        // 2 mod-97
                             "4242001,Zorg,NL91ABNA0417164300,\n"         // 3 agb
                             "42420003,,NL91ABNA0417164300,\n"            // 4 naam
                             "42420004,Zorg,NL91ABNA041716430,\n"         // 5 NL length
                             "42420005,Zorg,91ABNA0417164300XX,\n"        // 6 not an IBAN
                             "42420006,Zorg,,\n"                          // 7 empty
                             "42420007,Zorg,NL91ABNA0417164300,90\n"      // 8 BW 6:119b
                             "42420008,Zorg,NL91ABNA0417164300,dertig\n"  // 9
                             "42420009,Zorg,NL91ABNA0417164300,\n"        // 10 ok
                             "42420009,Zorg,NL13TEST0123456789,\n");      // 11 duplicate
  EXPECT_EQ(ErrorLines(r),
            (Lines{
                "aanbieders.csv:2: iban \"NL91ABNA0417164301\" fails the mod-97 check",
                "aanbieders.csv:3: agb \"4242001\" is not 8 digits",
                "aanbieders.csv:4: naam is empty",
                "aanbieders.csv:5: iban \"NL91ABNA041716430\" has 17 characters, an NL IBAN has "
                "18",
                "aanbieders.csv:6: iban \"91ABNA0417164300XX\" is not an IBAN (country code, 2 "
                "check digits, then 11 to 30 letters or digits)",
                "aanbieders.csv:7: iban is empty",
                "aanbieders.csv:8: betaaltermijn_dagen 90 is not between 1 and 60",
                "aanbieders.csv:9: betaaltermijn_dagen \"dertig\" is not a whole number",
                "aanbieders.csv:11: duplicate agb 42420009 (also on line 10)",
            }));
  EXPECT_EQ(Count("aanbieder"), "0");
}

TEST_F(ReferenceImportTest, AanbiedersAreUpsertedNeverRemoved) {
  LoadGood(ImportKind::kAanbieders);
  // No betaaltermijn column: stored terms stay, a new aanbieder gets 30 days.
  const ImportReport r = Run(ImportKind::kAanbieders,
                             "agb,naam,iban\n"
                             "42420001,Zorg Test B.V.,NL91ABNA0417164300\n"       // unchanged
                             "42420002,Thuishulp Nieuw,nl13 test 0123 4567 89\n"  // renamed
                             "42420005,Nieuwe Zorg,NL47TEST9876543210\n");        // new
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(ErrorLines(r));
  EXPECT_EQ(r.Summary(), "aanbieders.csv: 3 rows: 1 new, 1 updated, 1 unchanged");
  EXPECT_EQ(Count("aanbieder"), "5");
  EXPECT_EQ(schema_.Query("SELECT naam || ' ' || iban || ' ' || betaaltermijn_dagen FROM "
                          "aanbieder WHERE agb = '42420002'"),
            "Thuishulp Nieuw NL13TEST0123456789 14");
  EXPECT_EQ(schema_.Query("SELECT betaaltermijn_dagen FROM aanbieder WHERE agb = '42420005'"),
            "30");
  // With the column, the term is written.
  ASSERT_TRUE(Run(ImportKind::kAanbieders,
                  "agb,naam,iban,betaaltermijn_dagen\n42420002,Thuishulp Nieuw,"
                  "NL13TEST0123456789,45\n")
                  .ok());
  EXPECT_EQ(schema_.Query("SELECT betaaltermijn_dagen FROM aanbieder WHERE agb = '42420002'"),
            "45");
}

TEST_F(ReferenceImportTest, ProductcodesEveryReasonAndReplace) {
  LoadGood(ImportKind::kGemeenten);
  LoadGood(ImportKind::kProductcodes);
  const ImportReport r = Run(ImportKind::kProductcodes,
                             "domein,productcategorie,productcode,omschrijving,gemeente\n"
                             "wmo,01,01A01,Hulp,\n"         // 2 ok
                             "wlz,01,01A02,Hulp,\n"         // 3
                             "wmo,1,01A02,Hulp,\n"          // 4
                             "wmo,01,01A003,Hulp,\n"        // 5
                             "wmo,01,,Hulp,\n"              // 6
                             "wmo,01,01A04,,\n"             // 7
                             "wmo,01,01A05,Hulp,363\n"      // 8
                             "wmo,01,01A06,Hulp,0999\n"     // 9
                             "WMO,01,01A01,Dubbel,\n"       // 10 duplicate of 2
                             "wmo,01,01A01,Eigen,0363\n");  // 11 ok: gemeente-specific
  EXPECT_EQ(ErrorLines(r),
            (Lines{
                "productcodes.csv:3: domein \"wlz\" is not wmo or jeugd",
                "productcodes.csv:4: productcategorie \"1\" is not 2 digits",
                "productcodes.csv:5: productcode \"01A003\" is longer than 5 characters",
                "productcodes.csv:6: productcode is empty",
                "productcodes.csv:7: omschrijving is empty",
                "productcodes.csv:8: gemeente \"363\" is not 4 digits (CBS gemeentecode)",
                "productcodes.csv:9: gemeente 0999 is not in the gemeenten list",
                "productcodes.csv:10: duplicate productcode wmo 01/01A01 (also on line 2)",
            }));
  EXPECT_EQ(Count("productcode"), "9");

  const ImportReport ok = Run(ImportKind::kProductcodes,
                              "domein,productcategorie,productcode,omschrijving\n"
                              "jeugd,45,45A48,Jeugdhulp ambulant\n");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.Summary(), "productcodes.csv: 1 row loaded, replacing 9 rows");
  EXPECT_EQ(schema_.Query("SELECT domein || gemeente || categorie || code FROM productcode"),
            "jeugd4545A48");
}

class TarievenTest : public ReferenceImportTest {
 protected:
  void SetUp() override {
    LoadGood(ImportKind::kGemeenten);
    LoadGood(ImportKind::kAanbieders);
    LoadGood(ImportKind::kProductcodes);
    LoadGood(ImportKind::kTarieven);
  }
  static constexpr char kHeader[] =
      "agb,domein,productcategorie,productcode,eenheid,tarief_cent,ingangsdatum,einddatum,"
      "gemeente\n";
};

TEST_F(TarievenTest, EveryReasonWithItsLine) {
  const ImportReport r =
      Run(ImportKind::kTarieven,
          std::string(kHeader) +
              "42420001,wmo,01,01A03,04,3250,2025-01-01,,\n"            // 2 ok
              "42420001,wmo,01,01A03,04,\"12,50\",2025-01-01,,\n"       // 3
              "42420001,wmo,01,01A03,05,3250,2025-01-01,,\n"            // 4
              "42420001,wmo,01,01A03,04,-5,2025-01-01,,\n"              // 5
              "42420001,wmo,01,01A03,04,100000000,2025-01-01,,\n"       // 6
              "42420001,wmo,01,01A03,04,3250,2025-01-01,2024-12-31,\n"  // 7
              "42420001,wmo,01,01A03,04,3300,2025-07-01,,\n"            // 8 overlaps 2
              "42420001,wmo,01,01A03,04,3300,2025-01-01,,\n"            // 9 duplicate of 2
              "42420001,wmo,01,01A03,01,54,2025-01-01,,\n"              // 10 ok: other eenheid
              "42420001,wmo,01,01A03,04,3300,2025-01-01,,0363\n"        // 11 ok: gemeente
              "99999999,wmo,01,01A03,04,3250,2025-01-01,,\n"            // 12
              "42420001,wmo,01,01X99,04,3250,2025-01-01,,\n"            // 13
              "42420001,wmo,03,03A01,04,3250,2025-01-01,,0344\n"        // 14 0363's own code
              "42420001,wmo,03,03A01,04,3250,2025-01-01,,0363\n"        // 15 ok
              "42420001,wmo,01,01A01,04,3250,2025-01-01,,0000\n"        // 16
              "42420001,wmo,,01A01,04,3250,,,\n");                      // 17
  EXPECT_EQ(ErrorLines(r),
            (Lines{
                "tarieven.csv:3: tarief_cent \"12,50\" is not a whole number of cents",
                "tarieven.csv:4: eenheid \"05\" is not in WJ756 (01, 04, 14, 16, 82, 83, 84)",
                "tarieven.csv:5: tarief_cent \"-5\" is not a whole number of cents",
                "tarieven.csv:6: tarief_cent 100000000 is not between 0 and 99999999",
                "tarieven.csv:7: einddatum 2024-12-31 is before ingangsdatum 2025-01-01",
                "tarieven.csv:8: period 2025-07-01..(open) overlaps line 2 (2025-01-01..(open)) "
                "for tarief 42420001 wmo 01/01A03 eenheid 04",
                "tarieven.csv:9: duplicate tarief 42420001 wmo 01/01A03 eenheid 04 from "
                "2025-01-01 (also on line 2)",
                "tarieven.csv:12: agb 99999999 is not a known aanbieder (aanbieders.csv)",
                "tarieven.csv:13: productcode wmo 01/01X99 is not in the productcodes list",
                "tarieven.csv:14: productcode wmo 03/03A01 is not in the productcodes list for "
                "gemeente 0344",
                "tarieven.csv:16: gemeente 0000 is not in the gemeenten list",
                "tarieven.csv:17: productcategorie is empty",
                "tarieven.csv:17: ingangsdatum is empty",
            }));
  // The earlier tariffs are untouched.
  EXPECT_EQ(Count("tarief"), "9");
}

TEST_F(TarievenTest, OverlapsAreFoundWhateverTheOrderInTheFile) {
  const ImportReport r = Run(ImportKind::kTarieven,
                             std::string(kHeader) +
                                 "42420001,wmo,01,01A03,04,3300,2026-01-01,,\n"            // 2
                                 "42420001,wmo,01,01A03,04,3100,2024-01-01,2024-12-31,\n"  // 3
                                 "42420001,wmo,01,01A03,04,3250,2025-01-01,2026-01-01,\n"  // 4
                                 "42420001,wmo,01,01A03,04,3000,2023-01-01,2023-12-31,\n");
  // 2026-01-01 is in both line 4's and line 2's period: one day is enough.
  EXPECT_EQ(ErrorLines(r),
            Lines{"tarieven.csv:2: period 2026-01-01..(open) overlaps line 4 "
                  "(2025-01-01..2026-01-01) for tarief 42420001 wmo 01/01A03 eenheid 04"});
}

TEST_F(TarievenTest, ReplaceTheList) {
  const ImportReport r = Run(ImportKind::kTarieven,
                             "agb,domein,productcategorie,productcode,eenheid,tarief_cent,"
                             "ingangsdatum,einddatum\n"
                             "42420001,WMO,01,01A03,04,3400,2026-01-01,\n");
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(ErrorLines(r));
  EXPECT_EQ(r.Summary(), "tarieven.csv: 1 row loaded, replacing 9 rows");
  EXPECT_EQ(schema_.Query("SELECT agb || domein || gemeente || code || eenheid || tarief_cent || "
                          "ingangsdatum || coalesce(einddatum::text, '-') FROM tarief"),
            "42420001wmo01A030434002026-01-01-");
}

TEST_F(ReferenceImportTest, ASetWithAnErrorLoadsNothingAndSkipsWhatDependsOnIt) {
  std::vector<ImportFile> files = {
      {ImportKind::kGemeenten, "gemeenten.csv", Data("gemeenten.csv")},
      {ImportKind::kAanbieders, "aanbieders.csv", Data("bad/aanbieders.csv")},
      {ImportKind::kProductcodes, "productcodes.csv", Data("productcodes.csv")},
      {ImportKind::kTarieven, "tarieven.csv", Data("tarieven.csv")},
  };
  const ImportSetReport set = ImportSet(conn_, files, "tester");
  EXPECT_FALSE(set.committed);
  ASSERT_EQ(set.files.size(), 4u);
  EXPECT_TRUE(set.files[0].ok());
  EXPECT_FALSE(set.files[1].ok());
  EXPECT_TRUE(set.files[2].ok());  // checked against the gemeenten of this very set
  EXPECT_FALSE(set.files[3].checked);
  EXPECT_EQ(set.files[3].Summary(), "tarieven.csv: not checked: a file it depends on has errors");
  EXPECT_EQ(set.AllErrors().size(), 3u);
  EXPECT_EQ(Count("gemeente"), "0");
  EXPECT_EQ(Count("productcode"), "0");
  EXPECT_EQ(Count("reference_import"), "0");
}

TEST_F(ReferenceImportTest, ErrorsAreCappedWithACount) {
  std::string csv = "gemeentecode,naam,ingangsdatum,einddatum\n";
  for (int i = 0; i < 12000; ++i) csv += "x,,z,\n";  // three errors per row
  const ImportReport r = Run(ImportKind::kGemeenten, csv);
  ASSERT_EQ(r.errors.size(), kMaxImportErrors);
  EXPECT_EQ(r.error_count, 36000);
  EXPECT_EQ(r.errors.front().ToString(),
            "gemeenten.csv:2: gemeentecode \"x\" is not 4 digits (CBS gemeentecode)");
  EXPECT_EQ(r.errors.back().ToString(),
            "gemeenten.csv: 26001 more errors not listed (36000 in all)");
}

}  // namespace
}  // namespace sluis::db
