// The GGk simulator's synthetic traffic: every message without a fault passes levels 1 and 2,
// faults are what they say, identities never repeat, and the answers to Sluis' 301 and 319.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "sluis/codecs/bericht_type.h"
#include "sluis/codecs/payload.h"
#include "sluis/codecs/validate.h"
#include "sluis/codecs/xsd.h"

#include "synthetic_traffic.h"
#include "test_env.h"

namespace sluis::sim {
namespace {

using testing::SharedDir;

const codecs::SchemaSet& Schemas() {
  static const auto schemas = codecs::SchemaSet::Load(SharedDir()).value();
  return *schemas;
}

SyntheticTrafficOptions Options() {
  SyntheticTrafficOptions o;
  o.population.clients = 40;
  o.population.reference_date = *codecs::Date::Make(2026, 11, 20);
  o.id_prefix = "T1";
  return o;
}

TEST(SyntheticTrafficTest, EveryTypeComesAndPassesBothLevels) {
  SyntheticTrafficOptions o = Options();
  o.limit = 400;
  auto source = MakeSyntheticTraffic(o);
  std::map<std::string, int> types;
  std::set<std::string> identities;
  int n = 0;
  while (auto item = source->Next()) {
    ++n;
    EXPECT_TRUE(item->fault.empty());
    const codecs::ValidationReport r = codecs::ValidateDocument(Schemas(), item->payload);
    ASSERT_TRUE(r.valid()) << item->functie << ": " << r.findings[0].ToString();
    const auto b = codecs::ParseBericht(item->payload);
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(codecs::HeaderOf(*b).bericht_identificatie.dagtekening.ToString(), "2026-11-20");
    // Unique per sender and berichtsoort (TR056).
    const codecs::Header& h = codecs::HeaderOf(*b);
    identities.insert(item->functie + "/" + h.aanbieder.str() + "/" +
                      h.bericht_identificatie.identificatie);
    ++types[item->functie.substr(item->functie.size() - 3)];
  }
  EXPECT_EQ(n, 400);
  EXPECT_EQ(identities.size(), 400u);
  for (const char* t : {"305", "307", "315", "317", "323"}) EXPECT_GT(types[t], 0) << t;
}

TEST(SyntheticTrafficTest, FaultsAreWhatTheySayAndTypesCanBeChosen) {
  SyntheticTrafficOptions o = Options();
  o.limit = 200;  // past the round's 305s into its 323s
  o.fault_share = 0.5;
  o.types = {"305", "323"};
  auto source = MakeSyntheticTraffic(o);
  int xsd = 0, level3 = 0;
  while (auto item = source->Next()) {
    const std::string type = item->functie.substr(item->functie.size() - 3);
    EXPECT_TRUE(type == "305" || type == "323") << item->functie;
    const codecs::ValidationReport r = codecs::ValidateDocument(Schemas(), item->payload);
    if (item->fault == "xsd") {
      ++xsd;
      EXPECT_FALSE(r.valid());
      EXPECT_EQ(r.findings[0].level, 1);
    } else {
      // Level-3 faults (tariff, volume, unknown toewijzing) pass levels 1 and 2.
      EXPECT_TRUE(r.valid()) << item->functie << ": " << r.findings[0].ToString();
      if (item->fault == "level3") {
        ++level3;
        EXPECT_EQ(type, "323");
      }
    }
  }
  EXPECT_GT(xsd, 0);
  EXPECT_GT(level3, 0);
  o.types = {"306"};
  EXPECT_THROW(MakeSyntheticTraffic(o), std::invalid_argument);
}

TEST(SyntheticTrafficTest, AnswersA301WithAnApproving302) {
  const std::string heen = testing::ReadFile(SharedDir() + "/istandaarden/iwmo-3.2/WMO301.xml");
  const auto answer =
      AnswerTo("WMO301", heen, "REF-1", *codecs::Date::Make(2026, 11, 20), "A00000000001");
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->functie, "WMO302");
  EXPECT_EQ(answer->cross_refnummer, "REF-1");
  EXPECT_TRUE(codecs::ValidateDocument(Schemas(), answer->payload).valid());
  EXPECT_FALSE(AnswerTo("WMO325", heen, "REF-1", *codecs::Date::Make(2026, 11, 20), "A1"));
  EXPECT_FALSE(AnswerTo("WMO301", "<not/>", "REF-1", *codecs::Date::Make(2026, 11, 20), "A1"));
}

}  // namespace
}  // namespace sluis::sim
