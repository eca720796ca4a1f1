// Every level-2 rule has a passing and a failing fixture in tests/data/level2/<msg>-<rule>/
// (made by tests/data/level2/generate.py). The failing one must produce exactly that rule.
#include <filesystem>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "sluis/codecs/rules.h"
#include "sluis/codecs/xsd.h"

#include "test_env.h"

namespace sluis::codecs {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;

struct Expect {
  std::string rule, location;
  bool xsd_valid = true;
};

Expect ReadExpect(const std::string& path) {
  Expect e;
  std::istringstream in(ReadFile(path));
  std::string key, value;
  while (in >> key && std::getline(in >> std::ws, value)) {
    if (key == "rule") e.rule = value;
    if (key == "location") e.location = value;
    if (key == "xsd") e.xsd_valid = value == "valid";
  }
  return e;
}

const SchemaSet& Schemas() {
  static auto s = *SchemaSet::Load(testing::SharedDir());
  return *s;
}

std::vector<fs::path> CaseDirs() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(testing::SourceDir() + "/tests/data/level2")) {
    if (e.is_directory()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Level2FixturesTest, EachFixtureFailsWithExactlyItsRuleAndPassesWithout) {
  const auto dirs = CaseDirs();
  ASSERT_GE(dirs.size(), 49u);
  for (const fs::path& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    const Expect expect = ReadExpect((dir / "expect").string());
    ASSERT_FALSE(expect.rule.empty());

    const std::string pass = ReadFile((dir / "pass.xml").string());
    const auto passed = ParseBericht(pass);
    ASSERT_TRUE(passed) << passed.error().ToString();
    const auto pass_xsd = Schemas().ValidatePayload(DomeinOf(*passed), TypeOf(*passed), pass);
    EXPECT_TRUE(pass_xsd.empty()) << pass_xsd[0].ToString();
    for (const RuleViolation& v : CheckLevel2(*passed)) {
      ADD_FAILURE() << "pass.xml: " << v.rule << " " << v.location << ": " << v.message;
    }

    const std::string fail = ReadFile((dir / "fail.xml").string());
    const auto failed = ParseBericht(fail);
    ASSERT_TRUE(failed) << failed.error().ToString();
    EXPECT_EQ(Schemas().ValidatePayload(DomeinOf(*failed), TypeOf(*failed), fail).empty(),
              expect.xsd_valid);
    const auto violations = CheckLevel2(*failed);
    ASSERT_FALSE(violations.empty()) << "fail.xml passed level 2";
    EXPECT_EQ(violations[0].location, expect.location);
    for (const RuleViolation& v : violations) {
      EXPECT_EQ(v.rule, expect.rule) << v.location << ": " << v.message;
      EXPECT_EQ(v.retourcode, "0001");
    }
  }
}

TEST(Level2FixturesTest, EveryRuleHasFixtures) {
  std::set<std::string> covered;
  for (const fs::path& dir : CaseDirs()) covered.insert(ReadExpect((dir / "expect").string()).rule);
  for (BerichtType t : kAllBerichtTypes) {
    for (std::string_view rule : Level2Rules(t)) {
      EXPECT_TRUE(covered.count(std::string(rule))) << "no fixture for " << rule;
    }
  }
}

}  // namespace
}  // namespace sluis::codecs
