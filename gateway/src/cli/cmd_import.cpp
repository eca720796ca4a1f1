// sluis import gemeenten|aanbieders|productcodes|tarieven|clienten|toewijzingen FILE
// sluis import reference DIR
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sluis/codecs/csv.h"
#include "sluis/db/connection.h"
#include "sluis/db/reference.h"

#include "cli/command.h"

namespace sluis::gateway::cli {
namespace {

namespace fs = std::filesystem;

constexpr char kOptions[] =
    "options:\n"
    "  --db URL        PostgreSQL URL (postgresql://user:pass@host:port/db)\n"
    "  --config FILE   take the URL from sluisd's config file\n"
    "                  (default: the SLUIS_DB_URL environment variable)\n"
    "  --as ACTOR      who imports, recorded with the import (default: $USER)\n\n"
    "Exit status: 0 loaded, 1 data errors (one per line on stderr, as file:line: reason;\n"
    "nothing was loaded), 2 usage, file or database error.\n";

// Reads a whole file; nullopt (and a message) when it cannot.
std::optional<std::string> ReadWholeFile(const std::string& path, const std::string& command) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    std::fprintf(stderr, "sluis %s: cannot read %s: %s\n", command.c_str(), path.c_str(),
                 ec.message().c_str());
    return std::nullopt;
  }
  if (size > codecs::csv::Limits{}.max_bytes) {
    std::fprintf(stderr, "sluis %s: %s is larger than %zu bytes\n", command.c_str(), path.c_str(),
                 codecs::csv::Limits{}.max_bytes);
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  if (!in.good() && !in.eof()) {
    std::fprintf(stderr, "sluis %s: cannot read %s\n", command.c_str(), path.c_str());
    return std::nullopt;
  }
  return out.str();
}

std::string DefaultActor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user && *user ? user : "unknown");
}

// Prints the reports; returns the exit status.
int Report(const db::ImportSetReport& set) {
  for (const db::ImportReport& r : set.files) {
    for (const db::ImportError& e : r.errors) std::fprintf(stderr, "%s\n", e.ToString().c_str());
  }
  for (const db::ImportReport& r : set.files) {
    std::fprintf(set.committed ? stdout : stderr, "%s\n", r.Summary().c_str());
  }
  if (!set.committed) {
    std::fprintf(stderr, "nothing imported\n");
    return 1;
  }
  return 0;
}

int Run(const std::string& command, std::vector<db::ImportFile> files, const std::string& url,
        const std::string& actor) {
  try {
    db::Connection conn(url);
    return Report(db::ImportSet(conn, std::move(files), actor));
  } catch (const db::DbError& e) {
    std::fprintf(stderr, "sluis %s: %s\n", command.c_str(), e.what());
    return 2;
  }
}

struct Invocation {
  std::string path;  // FILE or DIR
  std::string url;
  std::string actor;
};

std::optional<Invocation> ParseArgs(const std::vector<std::string>& argv,
                                    const std::string& command, const char* what) {
  ArgParser args(argv);
  Invocation inv;
  inv.actor = args.Value("--as").value_or(DefaultActor());
  const std::optional<std::string> url = ResolveDbUrl(args, command.c_str());
  if (!url) return std::nullopt;
  if (auto unknown = args.UnknownOption()) {
    std::fprintf(stderr, "sluis %s: unknown option %s\n", command.c_str(), unknown->c_str());
    return std::nullopt;
  }
  const std::vector<std::string> rest = args.Rest();
  if (rest.size() != 1) {
    std::fprintf(stderr, "usage: sluis %s %s [--db URL | --config FILE] [--as ACTOR]\n",
                 command.c_str(), what);
    return std::nullopt;
  }
  inv.url = *url;
  inv.path = rest.front();
  return inv;
}

int ImportOne(db::ImportKind kind, const std::vector<std::string>& argv) {
  const std::string command = "import " + std::string(db::ImportKindName(kind));
  const std::optional<Invocation> inv = ParseArgs(argv, command, "FILE");
  if (!inv) return 2;
  std::optional<std::string> content = ReadWholeFile(inv->path, command);
  if (!content) return 2;
  std::vector<db::ImportFile> files;
  files.push_back({kind, fs::path(inv->path).filename().string(), std::move(*content)});
  return Run(command, std::move(files), inv->url, inv->actor);
}

int ImportReference(const std::vector<std::string>& argv) {
  const std::string command = "import reference";
  const std::optional<Invocation> inv = ParseArgs(argv, command, "DIR");
  if (!inv) return 2;
  if (!fs::is_directory(inv->path)) {
    std::fprintf(stderr, "sluis %s: %s is not a directory\n", command.c_str(), inv->path.c_str());
    return 2;
  }
  std::vector<db::ImportFile> files;
  for (db::ImportKind kind : db::kImportOrder) {
    const fs::path path = fs::path(inv->path) / db::ImportFileName(kind);
    if (!fs::exists(path)) continue;
    std::optional<std::string> content = ReadWholeFile(path.string(), command);
    if (!content) return 2;
    files.push_back({kind, db::ImportFileName(kind), std::move(*content)});
  }
  if (files.empty()) {
    std::fprintf(stderr,
                 "sluis %s: no reference files in %s (gemeenten.csv, aanbieders.csv, "
                 "productcodes.csv, tarieven.csv, clienten.csv, toewijzingen.csv)\n",
                 command.c_str(), inv->path.c_str());
    return 2;
  }
  return Run(command, std::move(files), inv->url, inv->actor);
}

std::string KindUsage(db::ImportKind kind) {
  const std::string name(db::ImportKindName(kind));
  std::string what;
  switch (kind) {
    case db::ImportKind::kGemeenten:
      what =
          "Replaces the gemeente list (CBS gemeentecodes with their validity).\n"
          "Columns: gemeentecode,naam,ingangsdatum,einddatum\n";
      break;
    case db::ImportKind::kAanbieders:
      what =
          "Adds or updates aanbieders by AGB code (none is removed).\n"
          "Columns: agb,naam,iban[,betaaltermijn_dagen]\n";
      break;
    case db::ImportKind::kProductcodes:
      what =
          "Replaces the productcode list.\n"
          "Columns: domein,productcategorie,productcode,omschrijving[,gemeente]\n";
      break;
    case db::ImportKind::kTarieven:
      what =
          "Replaces the contract tariffs.\n"
          "Columns: agb,domein,productcategorie,productcode,eenheid,tarief_cent,\n"
          "         ingangsdatum,einddatum[,gemeente]\n";
      break;
    case db::ImportKind::kClienten:
      what =
          "Adds or updates clients by gemeente, domein and BSN.\n"
          "Columns: gemeente,domein,bsn,geboortedatum,geslacht,achternaam,voorvoegsel,\n"
          "         voorletters,straatnaam,huisnummer,huisletter,huisnummer_toevoeging,\n"
          "         postcode,plaatsnaam,telefoon\n";
      break;
    case db::ImportKind::kToewijzingen:
      what =
          "Adds toewijzing versions from the gemeente's current system (delivered there:\n"
          "levering 'extern'); a toewijzing's current version is its newest (IV013).\n"
          "Columns: gemeente,domein,toewijzingnummer,agb,bsn,productcategorie,productcode,\n"
          "         ingangsdatum,einddatum,volume,eenheid,frequentie,budget_cent,\n"
          "         toewijzingsdatum,toewijzingstijd,reden_wijziging,referentie_aanbieder,\n"
          "         commentaar\n";
      break;
  }
  return "usage: sluis import " + name + " FILE [--db URL | --config FILE] [--as ACTOR]\n\n" +
         what + "Every row is checked first; any bad row and nothing is loaded. README,\n" +
         "\"Reference data\", documents the formats.\n\n" + kOptions;
}

}  // namespace

std::vector<Command> ImportCommands() {
  std::vector<Command> out;
  out.push_back(
      {"import reference", "load the reference CSVs of a directory",
       std::string("usage: sluis import reference DIR [--db URL | --config FILE] [--as ACTOR]\n\n"
                   "Loads whichever of gemeenten.csv, aanbieders.csv, productcodes.csv,\n"
                   "tarieven.csv, clienten.csv and toewijzingen.csv DIR holds, in that order and\n"
                   "in one transaction: if any file has a bad row, nothing is loaded.\n\n") +
           kOptions,
       ImportReference});
  for (db::ImportKind kind : db::kImportOrder) {
    out.push_back({"import " + std::string(db::ImportKindName(kind)),
                   "load " + db::ImportFileName(kind), KindUsage(kind),
                   [kind](const std::vector<std::string>& args) { return ImportOne(kind, args); }});
  }
  return out;
}

}  // namespace sluis::gateway::cli
