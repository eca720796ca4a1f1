// The simulator's story (ggk-sim --story): separate runs against one Sluis tell nothing twice,
// what was not delivered (or refused on its XSD) is told again, identities of runs never meet,
// and the story ends when there is nothing new to tell.
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include <gtest/gtest.h>

#include "sluis/codecs/payload.h"

#include "story.h"
#include "synthetic_traffic.h"
#include "test_env.h"

namespace sluis::sim {
namespace {

struct Told {
  std::vector<std::string> keys;   // in the order sent, delivered or not
  std::set<std::string> prefixes;  // the first 2 characters of every Identificatie
  std::set<std::string> dagtekening;
  int xsd = 0;
};

SyntheticTrafficOptions Options(const std::string& story) {
  SyntheticTrafficOptions o;
  o.population.clients = 30;
  o.population.reference_date = *codecs::Date::Make(2026, 11, 20);
  o.today = *codecs::Date::Make(2026, 12, 3);
  o.id_prefix = "S1";
  o.story_file = story;
  return o;
}

// One run: up to `limit` messages (0: until the source ends), each settled as `delivered` says.
Told RunTraffic(const SyntheticTrafficOptions& o, uint64_t limit,
                const std::function<bool(const std::string&)>& delivered = nullptr) {
  auto source = MakeSyntheticTraffic(o);
  Told t;
  for (uint64_t n = 0; limit == 0 || n < limit; ++n) {
    // 30 clients have far fewer things to tell: a story that does not end is a failure.
    if (n == 5000) {
      ADD_FAILURE() << "the traffic did not end";
      break;
    }
    auto item = source->Next();
    if (!item) break;
    if (item->fault == "xsd") {
      ++t.xsd;
      EXPECT_EQ(item->story, "");
      continue;
    }
    if (o.story_file.empty()) {
      EXPECT_EQ(item->story, "") << item->functie;
      continue;
    }
    EXPECT_NE(item->story, "") << item->functie;
    const auto b = codecs::ParseBericht(item->payload);
    EXPECT_TRUE(b.ok());
    if (b.ok()) {
      const auto& id = codecs::HeaderOf(*b).bericht_identificatie;
      t.dagtekening.insert(id.dagtekening.ToString());
      t.prefixes.insert(id.identificatie.substr(0, 2));
    }
    t.keys.push_back(item->story);
    source->Settle(item->story, delivered ? delivered(item->story) : true);
  }
  return t;
}

TEST(SimStoryTest, ASecondRunGoesOnWhereTheFirstStoppedAndTheStoryEnds) {
  const std::string file = testing::MakeTempDir("story") + "/story.json";
  const SyntheticTrafficOptions o = Options(file);

  // The first run: 120 messages, every fifth 305 not acknowledged (the first time).
  int n305 = 0;
  std::set<std::string> lost;
  const Told first = RunTraffic(o, 120, [&](const std::string& key) {
    if (key.rfind("305/", 0) != 0 || lost.count(key) || ++n305 % 5 != 0) return true;
    lost.insert(key);
    return false;
  });
  ASSERT_EQ(first.keys.size(), 120u);
  ASSERT_FALSE(lost.empty());
  EXPECT_EQ(first.dagtekening, std::set<std::string>{"2026-12-03"});  // sent today

  // The second run, to the end: what was delivered never again, what was lost once more
  // (in the first run's next round, or in the second run).
  const Told second = RunTraffic(o, 0);
  ASSERT_FALSE(second.keys.empty());
  std::multiset<std::string> all(first.keys.begin(), first.keys.end());
  all.insert(second.keys.begin(), second.keys.end());
  for (const std::string& k : all) EXPECT_EQ(all.count(k), lost.count(k) ? 2u : 1u) << k;
  // Separate runs, separate identities (TR056, TR314, TR333), though both asked for "S1".
  EXPECT_EQ(first.prefixes, std::set<std::string>{"S1"});
  EXPECT_EQ(second.prefixes, std::set<std::string>{"S2"});

  // Each (aanbieder, gemeente, domein) declared the 3 months before today once each, oldest
  // first (TR318); and every type came.
  std::map<std::string, std::vector<std::string>> months;
  std::map<std::string, int> types;
  for (const auto* run : {&first, &second}) {
    for (const std::string& k : run->keys) {
      ++types[k.substr(0, 3)];
      if (k.rfind("323/", 0) != 0) continue;
      const size_t cut = k.rfind('/');
      months[k.substr(0, cut)].push_back(k.substr(cut + 1));
    }
  }
  ASSERT_FALSE(months.empty());
  for (const auto& [triple, m] : months) {
    // A toewijzing that had not started yet leaves a month out, never one twice.
    EXPECT_LE(m.size(), 3u) << triple;
    EXPECT_TRUE(std::is_sorted(m.begin(), m.end())) << triple;
    EXPECT_EQ(std::set<std::string>(m.begin(), m.end()).size(), m.size()) << triple;
  }
  EXPECT_EQ(months.begin()->second, (std::vector<std::string>{"2026-09", "2026-10", "2026-11"}));
  for (const char* t : {"305", "307", "315", "317", "323"}) EXPECT_GT(types[t], 0) << t;
  // A stop only after its start (TR382).
  for (const auto* run : {&first, &second}) {
    for (const std::string& k : run->keys) {
      if (k.rfind("307/", 0) != 0) continue;
      EXPECT_TRUE(all.count("305/" + k.substr(4))) << k;
    }
  }

  // Nothing new to tell: a third run sends nothing.
  EXPECT_TRUE(RunTraffic(o, 0).keys.empty());
}

TEST(SimStoryTest, AMessageRefusedOnItsXsdIsToldAgainMended) {
  const std::string file = testing::MakeTempDir("story") + "/story.json";
  SyntheticTrafficOptions o = Options(file);
  o.fault_share = 0.3;
  o.types = {"305", "307"};
  const Told first = RunTraffic(o, 0);  // to the end of its rounds: everything told, mended or not
  EXPECT_GT(first.xsd, 0);
  const std::set<std::string> keys(first.keys.begin(), first.keys.end());
  EXPECT_EQ(keys.size(), first.keys.size());  // each once, the mended ones included
  // Every stop after its start, also when the start was refused first.
  for (size_t i = 0; i < first.keys.size(); ++i) {
    const std::string& k = first.keys[i];
    if (k.rfind("307/", 0) != 0) continue;
    const auto start = std::find(first.keys.begin(), first.keys.end(), "305/" + k.substr(4));
    EXPECT_LT(start - first.keys.begin(), static_cast<std::ptrdiff_t>(i)) << k;
  }
  o.fault_share = 0;
  EXPECT_TRUE(RunTraffic(o, 0).keys.empty());
}

TEST(SimStoryTest, WithoutAStoryEveryRoundRepeatsTheFirst) {
  SyntheticTrafficOptions o = Options("");
  o.types = {"305"};
  EXPECT_TRUE(RunTraffic(o, 200).keys.empty());  // no story: nothing to remember
  auto source = MakeSyntheticTraffic(o);
  std::set<std::string> ids;
  std::multiset<int64_t> toewijzingen;
  for (int n = 0; n < 200; ++n) {
    auto item = source->Next();
    ASSERT_TRUE(item.has_value());  // a load generator does not run dry
    const auto b = codecs::ParseBericht(item->payload);
    ASSERT_TRUE(b.ok());
    const auto* start = std::get_if<codecs::Bericht305>(&*b);
    ASSERT_NE(start, nullptr);
    ids.insert(start->header.aanbieder.str() + "/" +
               start->header.bericht_identificatie.identificatie);
    toewijzingen.insert(start->client.producten.at(0).toewijzing_nummer->value());
  }
  EXPECT_EQ(ids.size(), 200u);  // new identities,
  const int64_t first = *toewijzingen.begin();
  EXPECT_GT(toewijzingen.count(first), 1u);  // the same starts again
}

TEST(SimStoryTest, AFileThatIsNotAStoryIsRefused) {
  const std::string file = testing::MakeTempDir("story") + "/story.json";
  testing::WriteFile(file, "{\"version\":1,\"told\":[3]}");
  EXPECT_THROW(Story::Load(file), std::runtime_error);
  testing::WriteFile(file, "not json");
  EXPECT_THROW(Story::Load(file), std::runtime_error);
}

// The default prefix: three base-36 digits of the clock's seconds, least significant first.
TEST(SimStoryTest, TheDefaultPrefixIsThreeBase36Digits) {
  EXPECT_EQ(Base36Prefix(0), "000");
  EXPECT_EQ(Base36Prefix(35), "Z00");
  EXPECT_EQ(Base36Prefix(36 + 2 * 36 * 36), "012");
  EXPECT_EQ(Base36Prefix(36 * 36 * 36 + 1), "100");  // wraps: only three digits
}

TEST(SimStoryTest, PrefixesCountOnInBase36AndAreKept) {
  const std::string file = testing::MakeTempDir("story") + "/story.json";
  {
    Story s = Story::Load(file);
    EXPECT_EQ(s.NewPrefix("a9"), "A9");
    EXPECT_EQ(s.NewPrefix("A9"), "AA");
    EXPECT_EQ(s.NewPrefix("zz"), "ZZ");
    EXPECT_EQ(s.NewPrefix("ZZ"), "00");  // wraps around
  }
  Story again = Story::Load(file);
  EXPECT_EQ(again.NewPrefix("A9"), "AB");
  again.Pending("305/1");
  EXPECT_TRUE(again.Said("305/1"));
  again.Settle("305/1", false);
  EXPECT_FALSE(again.Said("305/1"));
  again.Pending("305/1");
  again.Settle("305/1", true);
  EXPECT_EQ(Story::Load(file).told(), 1u);
}

// With a story, care starts when the aanbieder says so: a toewijzing running on the reference
// date gets a 305 whose Begindatum lies 0-9 days before that date (most in time for OP271, some
// late), never before the toewijzing's Ingangsdatum; its 307 names the same start.
TEST(SimStoryTest, AStartIsReportedDaysAfterCareBeganAndItsStopNamesIt) {
  SyntheticTrafficOptions o = Options(testing::MakeTempDir("story") + "/story.json");
  o.today = *codecs::Date::Make(2027, 6, 1);  // half a year on: toewijzingen ended meanwhile
  const codecs::Date referentie = o.population.reference_date;
  auto source = MakeSyntheticTraffic(o);
  std::map<int64_t, codecs::Date> starts;                          // nummer → begindatum
  std::map<int64_t, std::pair<codecs::Date, codecs::Date>> stops;  // → begindatum, einddatum
  int uitgesteld = 0, te_laat = 0;
  for (int n = 0; n < 5000; ++n) {
    auto item = source->Next();
    if (!item) break;
    if (item->fault != "") continue;
    source->Settle(item->story, true);
    const auto b = codecs::ParseBericht(item->payload);
    ASSERT_TRUE(b.ok()) << item->functie;
    if (const auto* start = std::get_if<codecs::Bericht305>(&*b)) {
      for (const codecs::StartProduct& p : start->client.producten) {
        ASSERT_TRUE(p.toewijzing_nummer && p.toewijzing_ingangsdatum);
        EXPECT_GE(p.begindatum, *p.toewijzing_ingangsdatum);
        EXPECT_LE(p.begindatum, start->header.bericht_identificatie.dagtekening);
        starts.emplace(p.toewijzing_nummer->value(), p.begindatum);
        if (p.begindatum > *p.toewijzing_ingangsdatum) ++uitgesteld;
        if (p.begindatum < referentie.AddDays(-7)) ++te_laat;
      }
    } else if (const auto* stop = std::get_if<codecs::Bericht307>(&*b)) {
      for (const codecs::StopProduct& p : stop->client.producten) {
        ASSERT_TRUE(p.toewijzing_nummer);
        stops.emplace(p.toewijzing_nummer->value(), std::make_pair(p.begindatum, p.einddatum));
      }
    }
  }
  ASSERT_FALSE(starts.empty());
  int gestopt_na_referentie = 0;
  for (const auto& [nummer, stop] : stops) {
    ASSERT_TRUE(starts.contains(nummer)) << nummer;
    EXPECT_EQ(stop.first, starts.at(nummer)) << nummer;
    if (stop.second >= referentie && stop.first > referentie.AddDays(-9)) ++gestopt_na_referentie;
  }
  EXPECT_GT(gestopt_na_referentie, 0);  // stops of starts that were reported days after care began
  for (const auto& [nummer, begindatum] : starts) {
    // Ended before the reference date: history, reported at its Ingangsdatum.
    if (stops.contains(nummer) && stops.at(nummer).second < referentie) continue;
    EXPECT_GE(begindatum, referentie.AddDays(-9)) << nummer;
  }
  EXPECT_GT(uitgesteld, 0);  // care began after the toewijzing did
  EXPECT_GT(te_laat, 0);     // and some starts are reported late
  EXPECT_GT(static_cast<int>(starts.size()) - te_laat, te_laat);  // most in time
}

}  // namespace
}  // namespace sluis::sim
