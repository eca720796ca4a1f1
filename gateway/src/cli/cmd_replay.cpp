// sluis replay --in DIR --out DIR [--reference DIR] [--db URL] [--shared DIR]
#include <cstdio>
#include <filesystem>

#include "sluis/db/connection.h"

#include "cli/command.h"
#include "replay/pg_cluster.h"
#include "replay/replay.h"

namespace sluis::gateway::cli {
namespace {

constexpr char kUsage[] =
    "usage: sluis replay --in DIR --out DIR [--reference DIR] [--db URL] [--shared DIR]\n"
    "                    [--hh-zes-weken]\n"
    "\n"
    "What would Sluis answer? Loads the reference CSVs (gemeenten.csv, aanbieders.csv,\n"
    "productcodes.csv, tarieven.csv, and optionally clienten.csv and toewijzingen.csv), then\n"
    "processes every *.xml and *-besluit.json in --in in filename order:\n"
    "  - a 301 or 319 as sent by the gemeente (a 301's toewijzingen are stored as delivered);\n"
    "  - 302, 305, 307, 315, 317, 320 and 323 as received, each on its Dagtekening (a file\n"
    "    named NNN-WMO305@2026-02-02.xml is received on that date instead);\n"
    "  - NNN-besluit.json: the back office's decision on a received 315/317,\n"
    "    {\"gemeente\": \"0363\", \"agb\": \"42420001\", \"referentie\": \"REF-1\",\n"
    "     \"besluit\": \"toewijzen\" | \"afwijzen\" | \"onderzoek\", \"reden\": \"3\" (afwijzen),\n"
    "     \"op\": \"2026-03-09\", \"nummer\": 500001 (first ToewijzingNummer; optional),\n"
    "     \"domein\": \"wmo\" (default)}; Sluis sends the full-set 301 or the 319.\n"
    "Writes every message Sluis would send (306, 308, 316, 318, 301, 319, 325, Fo01) to --out,\n"
    "one XML file each, and summary.json: per message the outcome and the files answering it;\n"
    "per 323 the approved and rejected counts and amounts and the retourcodes per client and\n"
    "prestatie; per verzoek its status.\n"
    "\n"
    "  --reference DIR  the reference CSVs; default: DIR/reference under --in, if present\n"
    "  --db URL         an empty database to work in; default: a throwaway PostgreSQL cluster\n"
    "                   in a temporary directory, removed afterwards\n"
    "  --shared DIR     the schemas (istandaarden/); default: SLUIS_SHARED\n"
    "  --hh-zes-weken   allow huishoudelijke hulp per week up to six weeks' volume in one\n"
    "                   period (see workflow/README.md, TR321)\n"
    "\n"
    "Exit status: 0 done, 1 reference data or a message could not be used, 2 usage error.\n";

int Replay(const std::vector<std::string>& argv) {
  ArgParser args(argv);
  ReplayOptions o;
  const auto in = args.Value("--in");
  const auto out = args.Value("--out");
  o.reference_dir = args.Value("--reference");
  const auto db = args.Value("--db");
  o.beleid.hh_zes_weken_per_periode = args.Flag("--hh-zes-weken");
  const auto shared = ResolveSharedDir(args, "replay");
  if (auto unknown = args.UnknownOption()) {
    std::fprintf(stderr, "sluis replay: unknown option %s\n%s", unknown->c_str(), kUsage);
    return 2;
  }
  if (!in || !out || !args.Rest().empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (!std::filesystem::is_directory(*in)) {
    std::fprintf(stderr, "sluis replay: %s is not a directory\n", in->c_str());
    return 2;
  }
  o.schemas = LoadSchemas(shared);
  if (!o.schemas) return 2;
  o.in_dir = *in;
  o.out_dir = *out;
  try {
    std::unique_ptr<ThrowawayCluster> cluster;
    if (db) {
      o.db_url = *db;
    } else {
      cluster = std::make_unique<ThrowawayCluster>();
      o.db_url = cluster->url();
    }
    const ReplayResult r = gateway::Replay(o);
    for (const auto& e : r.errors) std::fprintf(stderr, "sluis replay: %s\n", e.c_str());
    const auto& d = r.summary["declaraties"];
    std::printf("%zu messages, %zu declaraties, %zu files written to %s (summary.json)\n",
                r.summary["messages"].size(), d.size(), r.written.size(), out->c_str());
    return r.ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sluis replay: %s\n", e.what());
    return 2;
  }
}

}  // namespace

std::vector<Command> ReplayCommands() {
  return {{"replay", "what Sluis would answer to a directory of messages", kUsage, Replay}};
}

}  // namespace sluis::gateway::cli
