// `sluis besluit ...` as a process, against a real database: the work queue, a refusal with a
// 319, a refusal the standard forbids (TR365), a toewijzing with the full-set 301; the actor
// lands in the audit log.
#include <gtest/gtest.h>

#include "../db/regie_fixture.h"
#include "process.h"

namespace sluis::db::regie_test {
namespace {

class SluisBesluitCliTest : public ::testing::Test {
 protected:
  SluisBesluitCliTest() : conn(s.url()) {
    Seed(s);
    EXPECT_EQ(Codes(Answer<codecs::Bericht316>(s, conn, Vot("V1", "2026-03-06", "REF-A", "REF-B"),
                                               "2026-03-06")),
              "");
  }
  testing::RunResult Sluis(std::vector<std::string> args) {
    args.insert(args.begin(), testing::SluisCliPath());
    const bool lijst = args[2] == "lijst";
    args.insert(args.end(), {"--db", s.url()});
    if (!lijst) args.insert(args.end(), {"--shared", testing::SharedDir()});
    return testing::RunCommand(args, {{"SLUIS_DB_URL", ""}});
  }
  std::string Id(const char* ref) {
    return s.Query(std::string("SELECT id FROM verzoek WHERE referentie_aanbieder = '") + ref +
                   "'");
  }
  TestSchema s;
  Connection conn;
};

TEST_F(SluisBesluitCliTest, LijstAfwijzenToewijzen) {
  testing::RunResult r = Sluis({"besluit", "lijst"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("REF-A\topen\tuiterlijk 2026-03-13"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("REF-B\topen"), std::string::npos) << r.out;

  r = Sluis({"besluit", "afwijzen", Id("REF-A"), "--reden", "3", "--as", "tester"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("319 SL", 0), 0u) << r.out;
  r = Sluis({"besluit", "afwijzen", Id("REF-A"), "--reden", "3", "--as", "tester"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("TR365 (9365)"), std::string::npos) << r.err;

  r = Sluis({"besluit", "toewijzen", Id("REF-B"), "--nummer", "700001", "--as", "tester"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("301 SL", 0), 0u) << r.out;
  EXPECT_EQ(s.Query("SELECT string_agg(nummer::text, ' ' ORDER BY nummer) FROM toewijzing"),
            "300201 300202 700001");
  EXPECT_EQ(s.Query("SELECT string_agg(actor || ':' || action, ' ' ORDER BY id) FROM audit_log"),
            "tester:verzoek.afwijzen tester:verzoek.toewijzen");
  r = Sluis({"besluit", "lijst"});
  EXPECT_EQ(r.out, "");

  EXPECT_EQ(Sluis({"besluit", "onderzoek"}).exit_code, 2);  // no id
}

}  // namespace
}  // namespace sluis::db::regie_test
