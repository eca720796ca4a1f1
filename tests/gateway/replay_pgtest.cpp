// The conformance kit through a real database: every scenario in tests/data/replay is replayed
// in a schema of its own, and each 323 must get exactly the codes in its expected.json; every
// 325 written must pass its XSD and level 2. Together the scenarios give every rule of the judge
// a failing and a passing prestatie.
#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "sluis/codecs/validate.h"

#include "pg_schema.h"
#include "replay/replay.h"
#include "replay_support.h"
#include "test_env.h"

namespace sluis::gateway {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::shared_ptr<const codecs::SchemaSet> Schemas() { return testing::ReplaySchemas(); }

std::string ReplayDir() { return testing::SourceDir() + "/tests/data/replay"; }

std::vector<std::string> Scenarios() { return testing::ScenarioNames(ReplayDir()); }

ReplayResult RunReplay(const std::string& in, const std::string& out, const testing::TestSchema& s,
                       std::optional<std::string> reference = ReplayDir() + "/reference") {
  ReplayOptions o;
  o.in_dir = in;
  o.out_dir = out;
  o.reference_dir = std::move(reference);
  o.db_url = s.url();
  o.schemas = Schemas();
  return Replay(o);
}

// Every file Sluis wrote must be something it may send.
void ExpectSendable(const std::string& out, const ReplayResult& r) {
  for (const std::string& f : r.written) {
    const std::string xml = testing::ReadFile(out + "/" + f);
    const codecs::ValidationReport v = codecs::ValidateDocument(*Schemas(), xml);
    for (const auto& finding : v.findings) ADD_FAILURE() << f << ": " << finding.ToString();
  }
}

class ReplayScenarioTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ReplayScenarioTest, CodesAsExpected) {
  const std::string dir = ReplayDir() + "/" + GetParam();
  const json expected = json::parse(testing::ReadFile(dir + "/expected.json"));
  testing::TestSchema s;
  const std::string out = testing::MakeTempDir("replay-" + GetParam());
  const ReplayResult r = RunReplay(dir, out, s);
  for (const auto& e : r.errors) ADD_FAILURE() << e;
  ASSERT_TRUE(r.ok);
  const json& got = r.summary["declaraties"];
  ASSERT_EQ(got.size(), expected["declaraties"].size()) << r.summary.dump(2);
  for (size_t i = 0; i < got.size(); ++i) {
    const json& want = expected["declaraties"][i];
    SCOPED_TRACE(want["identificatie"].get<std::string>());
    EXPECT_EQ(got[i]["identificatie"], want["identificatie"]);
    std::vector<std::string> whole = want["header_codes"];
    for (const auto& c : want["declaratie_codes"]) whole.push_back(c);
    EXPECT_EQ(got[i]["afgewezen_codes"], json(whole));
    EXPECT_EQ(got[i]["prestaties"], want["prestaties"]) << got[i].dump(2);
    EXPECT_EQ(got[i]["client_codes"], want["client_codes"]) << got[i].dump(2);
    EXPECT_FALSE(got[i]["antwoord"].get<std::string>().empty()) << "no 325 written";
  }
  ExpectSendable(out, r);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ReplayScenarioTest, ::testing::ValuesIn(Scenarios()),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                           std::string name = p.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// The scenarios cover every code of the judge, each with a rejected prestatie (or message)
// and, in the same scenario, an approved one.
TEST(ReplayCoverageTest, EveryCodeFailsSomewhereAndPassesBeside) {
  const std::set<std::string> codes = {"9056", "8848", "S300", "9333", "8214", "8187", "9338",
                                       "9384", "9339", "9340", "S329", "9341", "9307", "9308",
                                       "9387", "9388", "9319", "9321", "9322", "9369", "9346",
                                       "0611", "8021", "9389", "8017", "9390", "0233", "0001"};
  std::set<std::string> failing, beside_a_pass;
  for (const std::string& name : Scenarios()) {
    const json e = json::parse(testing::ReadFile(ReplayDir() + "/" + name + "/expected.json"));
    std::set<std::string> here;
    bool some_pass = false;
    for (const auto& d : e["declaraties"]) {
      for (const auto& c : d["header_codes"]) here.insert(c);
      for (const auto& c : d["declaratie_codes"]) here.insert(c);
      for (const auto& [bsn, cs] : d["client_codes"].items()) {
        for (const auto& c : cs) here.insert(c);
      }
      for (const auto& [ref, cs] : d["prestaties"].items()) {
        if (cs.empty()) some_pass = true;
        for (const auto& c : cs) here.insert(c);
      }
    }
    failing.insert(here.begin(), here.end());
    if (some_pass) beside_a_pass.insert(here.begin(), here.end());
  }
  for (const auto& c : codes) {
    EXPECT_TRUE(failing.count(c)) << c << " has no failing fixture";
    EXPECT_TRUE(beside_a_pass.count(c)) << c << " has no passing fixture beside it";
  }
}

// The official example messages: the 323 (from AGB 65656055) declares on toewijzingen the
// 301 (to AGB 42420001) does not hold, so every prestatie is 9338; the 325 must validate.
TEST(ReplayOfficialTest, Wmo301AndWmo323) {
  const std::string in = testing::MakeTempDir("replay-official-in");
  for (const char* f : {"WMO301.xml", "WMO323.xml"}) {
    fs::copy_file(testing::SharedDir() + "/istandaarden/iwmo-3.2/" + f, in + "/" + f,
                  fs::copy_options::overwrite_existing);
  }
  // The official 323 goes to gemeente 0384 in 2023.
  testing::TestSchema s;
  const std::string out = testing::MakeTempDir("replay-official-out");
  const ReplayResult r = RunReplay(in, out, s);
  for (const auto& e : r.errors) ADD_FAILURE() << e;
  const json& d = r.summary["declaraties"];
  ASSERT_EQ(d.size(), 1u) << r.summary.dump(2);
  EXPECT_EQ(d[0]["afgewezen_codes"], json::array());
  EXPECT_EQ(
      d[0]["prestaties"],
      json({{"RN001", {"9338"}}, {"RN002", {"9338"}}, {"RN003", {"9338"}}, {"RN004", {"9338"}}}));
  EXPECT_EQ(d[0]["toegekend"], "0.00");
  ExpectSendable(out, r);
  EXPECT_TRUE(fs::exists(out + "/summary.json"));
}

// A 323 that fails its XSD gets a Fo01 (StUF055), not a 325.
TEST(ReplayOfficialTest, XsdFailureGetsAFo01) {
  const std::string in = testing::MakeTempDir("replay-xsd-in");
  std::string xml = testing::ReadFile(testing::SharedDir() + "/istandaarden/iwmo-3.2/WMO323.xml");
  // An Eenheid outside its code list: the codec reads it, the XSD refuses it.
  const size_t at = xml.find("<wmo323:Eenheid>04<");
  ASSERT_NE(at, std::string::npos);
  xml.replace(at, 19, "<wmo323:Eenheid>99<");
  testing::WriteFile(in + "/001-WMO323.xml", xml);
  testing::TestSchema s;
  const std::string out = testing::MakeTempDir("replay-xsd-out");
  const ReplayResult r = RunReplay(in, out, s);
  ASSERT_EQ(r.written, std::vector<std::string>{"001-Fo01.xml"});
  EXPECT_NE(testing::ReadFile(out + "/001-Fo01.xml").find("StUF055"), std::string::npos);
  EXPECT_EQ(r.summary["declaraties"].size(), 0u);
  EXPECT_EQ(s.Query("SELECT state FROM bericht"), "xsd_rejected");
}

}  // namespace
}  // namespace sluis::gateway
