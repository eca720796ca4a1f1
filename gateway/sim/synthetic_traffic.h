// The GGk simulator's realistic traffic: the deterministic synthetic population
// (workflow/synthetic.h) of clients and toewijzingen, the messages its aanbieders send about
// them, the answers the simulator gives to what Sluis sends, and the population as the
// reference CSV files Sluis imports (`sluis import reference DIR`), so that Sluis judges the
// 323s against the same toewijzingen.
#pragma once

#include <utility>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluis/workflow/synthetic.h"

#include "traffic.h"

namespace sluis::sim {

struct SyntheticTrafficOptions {
  // The population: seed, clients, reference_date ("today": every Dagtekening). The
  // reference CSVs must come from the same options.
  workflow::synth::PopulationOptions population;
  // The share (0..1) of messages with a fault: a 323 gets prestaties with level-3/4 faults
  // (fault "level3": wrong tariff, volume above the toewijzing, unknown toewijzing, ...), any
  // other message fails its XSD (fault "xsd").
  double fault_share = 0;
  uint64_t seed = 1;   // choices and faults
  uint64_t limit = 0;  // stop after this many messages; 0: endless
  // At most 3 letters or digits in every Identificatie, ReferentieNummer and DeclaratieNummer:
  // keeps the identities of separate runs against one database apart (TR314, TR333).
  std::string id_prefix;
  // How many calendar months before the reference date get declared (a 323 per aanbieder,
  // gemeente and domein each): the newest first, one month per round through the population.
  int months = 3;
  // Which berichttypes to send ("305", "307", "315", "317", "323"); empty: all of them.
  std::vector<std::string> types;
  // A file that keeps what was told (story.h): a run goes on where the last one stopped. Each
  // toewijzing gets one 305 and then one 307, each client one 315 and one 317, and each (aanbieder,
  // gemeente, domein) one 323 per month of the `months` before `today`, in order, each after the
  // last one declared (a declaratie may not go back in time: TR318). A message with an XSD
  // fault tells nothing (the aanbieder sends it again, mended). The
  // source ends when a whole round has nothing new to tell. Empty: no story, every round
  // repeats the first (a load generator).
  std::string story_file;
  // The day the messages are sent (every Dagtekening); not before the reference date. Unset:
  // the reference date.
  std::optional<codecs::Date> today;
};

// Per round through the population, in client order: a 305 for every toewijzing that has
// started, a 307 for every one that has ended, a 315 for every fifth client and a 317 for
// every seventh; spread evenly among them the 323s of one month for every (aanbieder,
// gemeente, domein) with toewijzingen. The next round declares the month before, and so on
// (with a story: what was not told yet, see story_file). Throws std::invalid_argument for
// options it cannot use, std::runtime_error for a story file it cannot read.
std::unique_ptr<TrafficSource> MakeSyntheticTraffic(const SyntheticTrafficOptions& options);

// The answers an aanbieder's system gives: a 302 approving a 301 and a 320 approving a 319
// (Du01, cross_refnummer the heenbericht's StUF referentienummer). nullopt for anything else or
// a payload that does not parse. `dagtekening`: the answer's date.
std::optional<TrafficItem> AnswerTo(const std::string& functie, const std::string& payload,
                                    const std::string& stuf_referentienummer,
                                    const codecs::Date& dagtekening, const std::string& id);

// What an aanbieder's system reports on a toewijzing Sluis sent it: a 305 Start (`stop`
// false) or a 307 Stop (`stop` true, RedenBeeindiging "19" Wmo / "31" Jeugd: volgens plan) for
// the ToegewezenProduct `nummer` of the 301 `toewijzing_301` (its payload), with Begindatum
// `begindatum` and, for a stop, Einddatum `einddatum`. The header is the 301's (same gemeente
// and aanbieder) with `id` as BerichtIdentificatie on `dagtekening`. nullopt when the payload
// is no 301 or does not hold `nummer`.
struct MeldingOptions {
  bool stop = false;
  int64_t nummer = 0;
  codecs::Date begindatum;
  std::optional<codecs::Date> einddatum;  // stop only; default the begindatum
  std::string id;
  codecs::Date dagtekening;
};
std::optional<TrafficItem> MeldingOp(const std::string& toewijzing_301,
                                     const MeldingOptions& options);

// The population as the files of `sluis import reference DIR` (README, "Reference data"):
// gemeenten.csv, aanbieders.csv, productcodes.csv, tarieven.csv, clienten.csv and
// toewijzingen.csv, as (file name, content).
std::vector<std::pair<std::string, std::string>> ReferenceCsvs(
    const workflow::synth::Population& population);

}  // namespace sluis::sim
