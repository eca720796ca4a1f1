// Every level-2 rule has, for every message type it applies to, a passing and a failing fixture
// in tests/data/level2/<msg>-<rule>/ (made by tests/data/level2/generate.py). The failing one must
// produce exactly that rule.
#include <utility>

#include <algorithm>
#include <charconv>
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
  ASSERT_GE(dirs.size(), 63u);
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

// Coverage per message type: a rule shared by several messages (CS002, TR101, ...) needs a
// fixture for each of them. The directory name "<Nummer>-<rule>" says which message it is for.
TEST(Level2FixturesTest, EveryRuleHasFixturesPerMessageType) {
  std::set<std::pair<int, std::string>> covered;
  for (const fs::path& dir : CaseDirs()) {
    const std::string name = dir.filename().string();
    SCOPED_TRACE(name);
    const size_t dash = name.find('-');
    ASSERT_NE(dash, std::string::npos) << "fixture dir is not named <message>-<rule>";
    int nummer = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + dash, nummer);
    ASSERT_TRUE(ec == std::errc() && end == name.data() + dash) << "no message number";
    ASSERT_TRUE(FromNummer(nummer).has_value()) << "unknown message " << nummer;
    const std::string rule = ReadExpect((dir / "expect").string()).rule;
    EXPECT_EQ(name.substr(dash + 1), rule) << "dir name and expect disagree";
    covered.emplace(nummer, rule);
  }
  for (BerichtType t : kAllBerichtTypes) {
    for (std::string_view rule : Level2Rules(t)) {
      EXPECT_TRUE(covered.count({Nummer(t), std::string(rule)}))
          << "no fixture " << Nummer(t) << "-" << rule;
    }
  }
}

}  // namespace
}  // namespace sluis::codecs
