// The regie conformance kit through a real database: every scenario in tests/data/replay-regie
// is replayed in a schema of its own; each received 305/307/315/317 must get exactly the retour
// in its expected.json, each decision the 301/319 (or refusal) expected, each 302/320 its match;
// every file written must pass its XSD and level 2.
#include <filesystem>

#include <gtest/gtest.h>

#include "sluis/codecs/payload.h"
#include "sluis/codecs/validate.h"

#include "pg_schema.h"
#include "replay/replay.h"
#include "replay_support.h"
#include "test_env.h"

namespace sluis::gateway {
namespace {

using nlohmann::json;

std::shared_ptr<const codecs::SchemaSet> Schemas() { return testing::ReplaySchemas(); }

std::string Dir() { return testing::SourceDir() + "/tests/data/replay-regie"; }

std::vector<std::string> Scenarios() { return testing::ScenarioNames(Dir()); }

void Add(std::string& out, const codecs::RetourCodes& codes, const char* prefix) {
  for (const auto& c : codes) out += std::string(" ") + prefix + c;
}

// The notation of generate.py: header codes, then "|" and the class codes in document order.
std::string Render(const codecs::Bericht& b) {
  std::string out;
  std::visit(
      [&](const auto& m) {
        if constexpr (requires { m.header.identificatie_retour; }) {
          for (const auto& c : m.header.retour_codes) out += c + " ";
          if constexpr (requires { m.client->verzoek; }) {
            if (!m.client) return;
            out += "|";
            Add(out, m.client->retour_codes, "c");
            Add(out, m.client->verzoek.retour_codes, "v");
            for (const auto& p : m.client->verzoek.ongewijzigde_producten) {
              Add(out, p.retour_codes, "o");
            }
            for (const auto& p : m.client->verzoek.te_wijzigen_producten) {
              Add(out, p.retour_codes, "w");
            }
            for (const auto& p : m.client->verzoek.nieuwe_producten) Add(out, p.retour_codes, "n");
          } else if constexpr (requires { m.client->aangevraagde_producten; }) {
            if (!m.client) return;
            out += "|";
            Add(out, m.client->retour_codes, "c");
            for (const auto& p : m.client->aangevraagde_producten) Add(out, p.retour_codes, "");
          } else if constexpr (requires { m.client->producten; }) {
            if (!m.client) return;
            out += "|";
            for (const auto& p : m.client->producten) Add(out, p.retour_codes, "");
          }
        }
      },
      b);
  return out;
}

class ReplayRegieTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ReplayRegieTest, RetoursAndDecisionsAsExpected) {
  const std::string dir = Dir() + "/" + GetParam();
  const json expected = json::parse(testing::ReadFile(dir + "/expected.json"));
  testing::TestSchema s;
  const std::string out = testing::MakeTempDir("replay-regie-" + GetParam());
  ReplayOptions o;
  o.in_dir = dir;
  o.out_dir = out;
  o.reference_dir = testing::SourceDir() + "/tests/data/replay/reference";
  o.db_url = s.url();
  o.schemas = Schemas();
  const ReplayResult r = Replay(o);
  for (const auto& e : r.errors) ADD_FAILURE() << e;
  ASSERT_TRUE(r.ok);

  std::map<std::string, json> got;
  for (const auto& m : r.summary["messages"]) got[m["file"].get<std::string>()] = m;
  for (const auto& want : expected["messages"]) {
    const std::string file = want["file"];
    SCOPED_TRACE(file);
    ASSERT_TRUE(got.count(file)) << r.summary.dump(2);
    const json& m = got[file];
    if (want.contains("answer")) {
      ASSERT_EQ(m["answers"].size(), 1u) << m.dump(2);
      const std::string answer = m["answers"][0];
      EXPECT_NE(answer.find(want["answer"].get<std::string>()), std::string::npos) << answer;
      const auto b = codecs::ParseBericht(testing::ReadFile(out + "/" + answer));
      ASSERT_TRUE(b) << answer;
      EXPECT_EQ(Render(*b), want["codes"].get<std::string>()) << m.dump(2);
      // IV028: the heenbericht's header, copied unchanged.
      const auto heen = codecs::ParseBericht(testing::ReadFile(dir + "/" + file));
      ASSERT_TRUE(heen);
      EXPECT_EQ(codecs::HeaderOf(*b), codecs::HeaderOf(*heen));
    } else {
      const std::string outcome =
          m["outcome"].is_string() ? m["outcome"].get<std::string>() : m["outcome"].dump();
      EXPECT_EQ(outcome.rfind(want["outcome"].get<std::string>(), 0), 0u) << m.dump(2);
    }
  }
  // Every verzoek expected, with its final status (rejected messages make none).
  std::map<std::string, std::string> status;
  for (const auto& v : r.summary["verzoeken"]) status[v["referentie"]] = v["status"];
  for (const auto& want : expected["verzoeken"]) {
    EXPECT_EQ(status[want["referentie"]], want["status"]) << r.summary["verzoeken"].dump(2);
  }
  EXPECT_EQ(status.size(), expected["verzoeken"].size()) << r.summary["verzoeken"].dump(2);
  // Everything Sluis wrote is something it may send.
  for (const std::string& f : r.written) {
    const codecs::ValidationReport v =
        codecs::ValidateDocument(*Schemas(), testing::ReadFile(out + "/" + f));
    for (const auto& finding : v.findings) ADD_FAILURE() << f << ": " << finding.ToString();
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ReplayRegieTest, ::testing::ValuesIn(Scenarios()),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                           std::string name = p.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// The set covers every code the regie rules give, each failing somewhere and passing beside it
// (a message with no codes in the same scenario).
TEST(ReplayRegieCoverageTest, EveryCodeFailsSomewhereAndPassesBeside) {
  const std::set<std::string> codes = {"9019", "9063",  "9069",  "9071",  "9074",  "9326", "9413",
                                       "9414", "9415",  "9347",  "9374",  "9349",  "9350", "9351",
                                       "9357", "9361",  "9373",  "9411",  "9056",  "8848", "0001",
                                       "8187", "TR355", "TR359", "TR360", "TR365", "TR379"};
  std::set<std::string> failing, beside_a_pass;
  for (const std::string& name : Scenarios()) {
    const json e = json::parse(testing::ReadFile(Dir() + "/" + name + "/expected.json"));
    std::set<std::string> here;
    bool some_pass = false;
    for (const auto& m : e["messages"]) {
      std::string text =
          m.contains("codes") ? m["codes"].get<std::string>() : m["outcome"].get<std::string>();
      if (m.contains("codes") && text.empty()) some_pass = true;
      if (m.contains("outcome") && text.rfind("refused", 0) != 0) some_pass = true;
      for (const auto& c : codes) {
        if (text.find(c) != std::string::npos) here.insert(c);
      }
    }
    failing.insert(here.begin(), here.end());
    if (some_pass) beside_a_pass.insert(here.begin(), here.end());
  }
  for (const auto& c : codes) {
    EXPECT_TRUE(failing.count(c)) << c << " has no failing fixture";
    EXPECT_TRUE(beside_a_pass.count(c)) << c << " has no passing fixture beside it";
  }
  EXPECT_GE(Scenarios().size(), 15u);
}

// The Jeugdwet domein is covered too: JW305, JW307, JW315 and JW317 received and answered, a
// JW301 and a JW319 decided, a JW302 and a JW320 matched.
TEST(ReplayRegieCoverageTest, JeugdwetFlowsAreCovered) {
  std::set<std::string> kinds;
  for (const std::string& name : Scenarios()) {
    for (const auto& e : std::filesystem::directory_iterator(Dir() + "/" + name)) {
      const std::string f = e.path().filename().string();
      const size_t jw = f.find("-JW");
      if (jw != std::string::npos) kinds.insert(f.substr(jw + 1, 5));
    }
  }
  for (const char* k : {"JW301", "JW302", "JW305", "JW307", "JW315", "JW317", "JW320"}) {
    EXPECT_TRUE(kinds.count(k)) << k << " has no scenario";
  }
}

}  // namespace
}  // namespace sluis::gateway
