// `sluis validate` as the back office and integrators use it: output lines, JSON, exit codes.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "process.h"
#include "test_env.h"

namespace sluis::testing {
namespace {

std::string Iwmo(const std::string& f) { return SharedDir() + "/istandaarden/iwmo-3.2/" + f; }
std::string Ijw(const std::string& f) { return SharedDir() + "/istandaarden/ijw-3.2/" + f; }

RunResult Validate(std::vector<std::string> args) {
  std::vector<std::string> argv{SluisCliPath(), "validate", "--shared", SharedDir()};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv);
}

TEST(SluisValidateTest, ValidFilesPrintOkAndExitZero) {
  const RunResult r = Validate(
      {Iwmo("WMO323.xml"), Iwmo("WMO325.xml"), SharedDir() + "/ebms/cpa/cpa-cv-https.xml"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, Iwmo("WMO323.xml") + ": OK\n" + Iwmo("WMO325.xml") + ": OK\n" + SharedDir() +
                       "/ebms/cpa/cpa-cv-https.xml: OK\n");
}

TEST(SluisValidateTest, EachViolationIsOneLineWithRuleAndLocation) {
  const std::string fixture = SourceDir() + "/tests/data/level2/323-TR358/fail.xml";
  const RunResult r = Validate({fixture, Ijw("JW315.xml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find(fixture + ": TR358 /Bericht/Declaratie/TotaalIngediendBedrag: "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(Ijw("JW315.xml") + ": XSD line 44: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2027-06-31"), std::string::npos);
}

TEST(SluisValidateTest, JsonHasTheSameFindings) {
  const RunResult r = Validate(
      {"--json", SourceDir() + "/tests/data/level2/323-CS002/fail.xml", Iwmo("WMO301.xml")});
  EXPECT_EQ(r.exit_code, 1);
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["valid"], false);
  EXPECT_EQ(j[0]["type"], "WMO323");
  EXPECT_EQ(j[0]["findings"][0]["code"], "CS002");
  EXPECT_EQ(j[0]["findings"][0]["retourcode"], "0001");
  EXPECT_EQ(j[0]["findings"][0]["location"], "/Bericht/Declaratie/Clienten/Client[1]/Bsn");
  EXPECT_EQ(j[1]["valid"], true);
  EXPECT_EQ(j[1]["kind"], "payload");
}

TEST(SluisValidateTest, HostileAndUnknownInputIsAFindingNotACrash) {
  const RunResult xxe = Validate({SharedDir() + "/ebms/soap/rendered/EbMSPingXXE.xml"});
  EXPECT_EQ(xxe.exit_code, 1);
  EXPECT_NE(xxe.out.find("DOCTYPE is not allowed"), std::string::npos) << xxe.out;
  const std::string dir = MakeTempDir("validate");
  WriteFile(dir + "/junk.xml", "\xff\xfe<not xml");
  WriteFile(dir + "/other.xml", "<html/>");
  const RunResult junk = Validate({dir + "/junk.xml", dir + "/other.xml"});
  EXPECT_EQ(junk.exit_code, 1);
  EXPECT_NE(junk.out.find("junk.xml: XML byte 0: invalid UTF-8"), std::string::npos) << junk.out;
  EXPECT_NE(junk.out.find("other.xml: XML: not a document Sluis knows"), std::string::npos);
}

TEST(SluisValidateTest, UsageAndIoErrorsExitTwo) {
  EXPECT_EQ(Validate({}).exit_code, 2);
  const RunResult missing = Validate({"/nonexistent/file.xml"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read /nonexistent/file.xml"), std::string::npos);
  const RunResult no_schemas =
      RunCommand({SluisCliPath(), "validate", Iwmo("WMO323.xml")}, {{"SLUIS_SHARED", ""}});
  EXPECT_EQ(no_schemas.exit_code, 2);
}

}  // namespace
}  // namespace sluis::testing
