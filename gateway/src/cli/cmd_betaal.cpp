// sluis betaal batch | export | betaald | annuleer | overzicht | handelsrente
// Payment batches and the payment backlog (workflow/README.md, "Payment").
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <openssl/evp.h>

#include "sluis/codecs/xsd.h"
#include "sluis/db/betaling.h"
#include "sluis/db/connection.h"
#include "sluis/workflow/betaling.h"

#include "cli/command.h"
#include "config.h"
#include "debiteur.h"

namespace sluis::gateway::cli {
namespace {

namespace fs = std::filesystem;

constexpr char kDbOptions[] =
    "  --db URL        PostgreSQL URL (default: --config FILE's database, or SLUIS_DB_URL)\n"
    "  --config FILE   sluisd's config file\n"
    "  --as ACTOR      who does this, for the audit log (default: $SUDO_USER or $USER)\n";

workflow::TimePoint Now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string Euro(codecs::Cents c) { return "EUR " + c.ToDecimalString(); }

std::string Actor(ArgParser& args) {
  if (auto a = args.Value("--as"); a && !a->empty()) return *a;
  for (const char* var : {"SUDO_USER", "USER", "LOGNAME"}) {
    if (const char* v = std::getenv(var); v && *v) return v;
  }
  return "sluis-cli";
}

// Shared start of every subcommand: the options, the database URL, the actor. The config is
// loaded when given (needed by batch/export); --db overrides its database.
struct Context {
  std::string name;  // "betaal batch"
  std::optional<Config> config;
  std::string url;
  std::string actor;
  std::vector<std::string> rest;

  int Fail(const std::string& message) const {
    std::fprintf(stderr, "sluis %s: %s\n", name.c_str(), message.c_str());
    return 1;
  }
};

// Parses --db/--config/--as plus the command's own value options (filled into `values`).
// Returns 2 on a usage error (printed), 0 otherwise.
int Prepare(const std::string& name, const std::vector<std::string>& argv,
            std::map<std::string, std::optional<std::string>>& values, Context& ctx,
            bool needs_config) {
  ctx.name = name;
  ArgParser args(argv);
  for (auto& [flag, value] : values) value = args.Value(flag);
  ctx.actor = Actor(args);
  std::optional<std::string> db = args.Value("--db");
  if (auto path = args.Value("--config")) {
    try {
      ctx.config = LoadConfig(*path);
    } catch (const ConfigError& e) {
      std::fprintf(stderr, "sluis %s: %s\n", name.c_str(), e.what());
      return 2;
    }
  }
  if (auto unknown = args.UnknownOption()) {
    std::fprintf(stderr, "sluis %s: unknown option %s (see --help)\n", name.c_str(),
                 unknown->c_str());
    return 2;
  }
  ctx.rest = args.Rest();
  if (needs_config && !ctx.config) {
    std::fprintf(stderr, "sluis %s: needs --config FILE (the [betaling] debtor and shared_dir)\n",
                 name.c_str());
    return 2;
  }
  if (db) {
    ctx.url = *db;
  } else if (ctx.config) {
    try {
      ctx.url = ResolveDatabaseUrl(ctx.config->database);
    } catch (const ConfigError& e) {
      std::fprintf(stderr, "sluis %s: %s\n", name.c_str(), e.what());
      return 2;
    }
  } else if (const char* env = std::getenv("SLUIS_DB_URL"); env && *env) {
    ctx.url = env;
  } else {
    std::fprintf(stderr,
                 "sluis %s: no database: give --db URL, --config FILE or set SLUIS_DB_URL\n",
                 name.c_str());
    return 2;
  }
  return 0;
}

std::optional<int64_t> BatchId(const Context& ctx) {
  if (ctx.rest.size() != 1) return std::nullopt;
  const std::string& s = ctx.rest[0];
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(s);
}

// Writes next to the target and renames, so that a half-written bank file never exists.
bool WriteNew(const std::string& path, const std::string& bytes, std::string& error) {
  std::error_code ec;
  if (fs::exists(path, ec)) {
    error = path + " exists; not overwriting a payment file";
    return false;
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      error = "cannot write " + tmp;
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    error = "cannot rename " + tmp + " to " + path + ": " + ec.message();
    return false;
  }
  return true;
}

std::optional<db::Debiteur> DebiteurVoor(const Context& ctx, const std::string& gemeente) {
  return gateway::DebiteurVoor(ctx.config->betaling, gemeente);
}

// Exports (or re-reads) a batch's file and writes it to `out`.
int Export(const Context& ctx, db::Connection& conn, int64_t id, const std::string& gemeente,
           const std::string& out) {
  const auto debiteur = DebiteurVoor(ctx, gemeente);
  if (!debiteur) {
    return ctx.Fail("no debtor for gemeente " + gemeente +
                    ": set [betaling] debtor_naam/debtor_iban in the config");
  }
  auto schemas = codecs::SchemaSet::Load(ctx.config->shared_dir);
  if (!schemas.ok()) return ctx.Fail(schemas.error().ToString());
  const auto xml = db::ExporteerBetaalbatch(conn, id, *debiteur, **schemas, ctx.actor, Now());
  if (!xml.ok()) {
    return ctx.Fail("betaalbatch " + std::to_string(id) +
                    " not exported: " + xml.error().ToString());
  }
  std::string error;
  if (!WriteNew(out, *xml, error)) return ctx.Fail(error);
  std::printf("pain.001 %s (%zu bytes)\n", out.c_str(), xml->size());
  return 0;
}

int Batch(const std::vector<std::string>& argv) {
  std::map<std::string, std::optional<std::string>> v = {
      {"--gemeente", {}}, {"--uitvoerdatum", {}}, {"--out", {}}};
  Context ctx;
  if (int rc = Prepare("betaal batch", argv, v, ctx, /*needs_config=*/true)) return rc;
  const auto datum = v["--uitvoerdatum"] ? codecs::Date::Parse(*v["--uitvoerdatum"]) : std::nullopt;
  if (!v["--gemeente"] || !datum || !v["--out"] || !ctx.rest.empty()) {
    std::fprintf(stderr,
                 "sluis betaal batch: give --gemeente NNNN --uitvoerdatum YYYY-MM-DD "
                 "--out FILE.xml (see --help)\n");
    return 2;
  }
  const std::string gemeente = *v["--gemeente"];
  // Checked before anything changes (MaakBetaalbatch checks again).
  if (!codecs::IsGemeenteFormat(gemeente)) return ctx.Fail("--gemeente: 4 digits (CBS code)");
  if (*datum < workflow::DutchDate(Now())) {
    return ctx.Fail("--uitvoerdatum " + datum->ToString() + " is in the past");
  }
  if (!DebiteurVoor(ctx, gemeente)) {
    return ctx.Fail("no debtor for gemeente " + gemeente +
                    ": set [betaling] debtor_naam/debtor_iban in the config");
  }
  try {
    db::Connection conn(ctx.url);
    const db::BetaalbaarGesteld b = db::StelBetaalbaar(conn, gemeente, ctx.actor);
    if (!b.ids.empty()) {
      std::printf("betaalbaar gesteld: %d, credits: %d, afgewezen (niets toegekend): %d\n",
                  b.betaalbaar, b.credits, b.afgewezen);
    }
    const auto made = db::MaakBetaalbatch(conn, {gemeente, *datum, ctx.actor, Now()});
    if (!made.ok()) return ctx.Fail(made.error().ToString());
    for (const auto& o : made->voorstel.overgeslagen) {
      std::printf("overgeslagen AGB %s: %s (%d declaraties, netto %s)\n", o.agb.c_str(),
                  workflow::OverslagRedenText(o.reden), o.aantal, Euro(o.netto).c_str());
    }
    if (!made->batch_id) {
      std::printf("geen betaalbatch: niets over te maken voor gemeente %s\n", gemeente.c_str());
      return 0;
    }
    const auto& vs = made->voorstel;
    std::printf("betaalbatch %lld %s: %zu overboekingen, %s, uitvoerdatum %s\n",
                static_cast<long long>(*made->batch_id), made->msg_id.c_str(), vs.regels.size(),
                Euro(vs.totaal).c_str(), datum->ToString().c_str());
    for (const auto& r : vs.regels) {
      std::printf("  AGB %s %-30s %s %14s  %zu declaraties\n", r.agb.c_str(), r.naam.c_str(),
                  r.iban.c_str(), Euro(r.bedrag).c_str(), r.declaratie_ids.size());
    }
    return Export(ctx, conn, *made->batch_id, gemeente, *v["--out"]);
  } catch (const db::DbError& e) {
    return ctx.Fail(e.what());
  }
}

int ExportCmd(const std::vector<std::string>& argv) {
  std::map<std::string, std::optional<std::string>> v = {{"--out", {}}};
  Context ctx;
  if (int rc = Prepare("betaal export", argv, v, ctx, /*needs_config=*/true)) return rc;
  const auto id = BatchId(ctx);
  if (!id || !v["--out"]) {
    std::fprintf(stderr, "sluis betaal export: give BATCH_ID --out FILE.xml\n");
    return 2;
  }
  try {
    db::Connection conn(ctx.url);
    const auto info = db::LeesBetaalbatch(conn, *id);
    if (!info) return ctx.Fail("geen betaalbatch " + std::to_string(*id));
    return Export(ctx, conn, *id, info->gemeente, *v["--out"]);
  } catch (const db::DbError& e) {
    return ctx.Fail(e.what());
  }
}

int Betaald(const std::vector<std::string>& argv) {
  std::map<std::string, std::optional<std::string>> v = {{"--op", {}}};
  Context ctx;
  if (int rc = Prepare("betaal betaald", argv, v, ctx, false)) return rc;
  const auto id = BatchId(ctx);
  const auto op = v["--op"] ? codecs::Date::Parse(*v["--op"]) : std::nullopt;
  if (!id || (v["--op"] && !op)) {
    std::fprintf(stderr, "sluis betaal betaald: give BATCH_ID [--op YYYY-MM-DD]\n");
    return 2;
  }
  try {
    db::Connection conn(ctx.url);
    const auto info = db::LeesBetaalbatch(conn, *id);
    if (!info) return ctx.Fail("geen betaalbatch " + std::to_string(*id));
    const codecs::Date vandaag = workflow::DutchDate(Now());
    const codecs::Date datum = op ? *op : info->uitvoerdatum;
    if (datum > vandaag) {
      return ctx.Fail("betaald op " + datum.ToString() + " ligt in de toekomst (geef --op)");
    }
    const codecs::Status s = db::MarkeerBetaald(conn, *id, datum, ctx.actor);
    if (!s.ok()) return ctx.Fail(s.error().ToString());
    std::printf("betaalbatch %lld betaald op %s: %s\n", static_cast<long long>(*id),
                datum.ToString().c_str(), Euro(info->totaal).c_str());
    return 0;
  } catch (const db::DbError& e) {
    return ctx.Fail(e.what());
  }
}

int Annuleer(const std::vector<std::string>& argv) {
  std::map<std::string, std::optional<std::string>> v = {{"--reden", {}}};
  Context ctx;
  if (int rc = Prepare("betaal annuleer", argv, v, ctx, false)) return rc;
  const auto id = BatchId(ctx);
  if (!id) {
    std::fprintf(stderr, "sluis betaal annuleer: give BATCH_ID [--reden TEXT]\n");
    return 2;
  }
  try {
    db::Connection conn(ctx.url);
    const codecs::Status s =
        db::AnnuleerBetaalbatch(conn, *id, ctx.actor, v["--reden"].value_or(""));
    if (!s.ok()) return ctx.Fail(s.error().ToString());
    std::printf("betaalbatch %lld geannuleerd; de declaraties zijn weer betaalbaar\n",
                static_cast<long long>(*id));
    return 0;
  } catch (const db::DbError& e) {
    return ctx.Fail(e.what());
  }
}

int Overzicht(const std::vector<std::string>& argv) {
  std::map<std::string, std::optional<std::string>> v = {{"--gemeente", {}}, {"--peildatum", {}}};
  ArgParser flags(argv);
  const bool details = flags.Flag("--details");
  std::vector<std::string> rest_argv;
  for (const auto& a : argv) {
    if (a != "--details") rest_argv.push_back(a);
  }
  Context ctx;
  if (int rc = Prepare("betaal overzicht", rest_argv, v, ctx, false)) return rc;
  const auto peil = v["--peildatum"] ? codecs::Date::Parse(*v["--peildatum"])
                                     : std::optional(workflow::DutchDate(Now()));
  if (!peil || !ctx.rest.empty()) {
    std::fprintf(stderr, "sluis betaal overzicht: [--gemeente NNNN] [--peildatum YYYY-MM-DD]\n");
    return 2;
  }
  try {
    db::Connection conn(ctx.url);
    const db::BetaalBacklog b = db::LeesBetaalBacklog(conn, *peil, v["--gemeente"].value_or(""));
    std::printf("peildatum %s: %d open declaraties, %d te laat, open %s, blootstelling %s\n",
                b.peildatum.ToString().c_str(), b.aantal, b.te_laat, Euro(b.open).c_str(),
                Euro(b.blootstelling).c_str());
    if (b.rente_onvolledig) {
      std::printf("let op: dagen zonder rentepercentage in de tabel handelsrente (0%% gerekend)\n");
    }
    if (b.rente_ontbreekt) {
      std::printf("let op: het rentepercentage per %s ontbreekt (het vorige is gerekend)\n",
                  b.rente_ontbreekt->ToString().c_str());
    }
    std::printf("%-8s  %-30s %6s %8s %16s %14s %14s %10s\n", "AGB", "naam", "aantal", "te laat",
                "open", "credit", "blootstelling", "max dagen");
    for (const auto& a : b.per_agb) {
      std::printf("%-8s  %-30.30s %6d %8d %16s %14s %14s %10d\n", a.agb.c_str(), a.naam.c_str(),
                  a.aantal, a.te_laat, Euro(a.open).c_str(), Euro(a.credit).c_str(),
                  Euro(a.blootstelling).c_str(), a.max_dagen_te_laat);
    }
    if (details) {
      std::printf("\n%-10s %-8s %-12s %-10s %14s %-10s %6s %12s\n", "id", "AGB", "nummer", "status",
                  "toegekend", "uiterlijk", "dagen", "blootstelling");
      for (const auto& o : b.declaraties) {
        std::printf(
            "%-10lld %-8s %-12s %-10s %14s %-10s %6d %12s%s\n", static_cast<long long>(o.id),
            o.agb.c_str(), o.declaratienummer.c_str(), o.status.c_str(), Euro(o.toegekend).c_str(),
            o.betalen_uiterlijk.ToString().c_str(), o.dagen_tot_uiterlijk,
            Euro(o.blootstelling.totaal()).c_str(),
            o.betaalbatch_id ? (" batch " + std::to_string(*o.betaalbatch_id)).c_str() : "");
      }
    }
    return 0;
  } catch (const db::DbError& e) {
    return ctx.Fail(e.what());
  }
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

int Handelsrente(const std::vector<std::string>& argv) {
  std::map<std::string, std::optional<std::string>> v;
  Context ctx;
  if (int rc = Prepare("betaal handelsrente", argv, v, ctx, false)) return rc;
  if (ctx.rest.size() > 1) {
    std::fprintf(stderr, "sluis betaal handelsrente: [FILE.csv]\n");
    return 2;
  }
  try {
    db::Connection conn(ctx.url);
    if (ctx.rest.size() == 1) {
      std::ifstream in(ctx.rest[0], std::ios::binary);
      if (!in) return ctx.Fail("cannot read " + ctx.rest[0]);
      std::ostringstream text;
      text << in.rdbuf();
      const auto tabel = workflow::ParseHandelsrenteCsv(text.str());
      if (!tabel.ok()) return ctx.Fail(ctx.rest[0] + ": " + tabel.error().ToString());
      const codecs::Status s =
          db::LaadHandelsrente(conn, *tabel, ctx.actor, fs::path(ctx.rest[0]).filename().string(),
                               Sha256Hex(text.str()));
      if (!s.ok()) return ctx.Fail(s.error().ToString());
      std::printf("handelsrente geladen: %zu percentages\n", tabel->size());
    }
    std::fputs(workflow::HandelsrenteCsv(db::LeesHandelsrente(conn)).c_str(), stdout);
    return 0;
  } catch (const db::DbError& e) {
    return ctx.Fail(e.what());
  }
}

}  // namespace

std::vector<Command> BetaalCommands() {
  return {
      {"betaal batch", "make, export and write a SEPA payment batch",
       std::string(
           "usage: sluis betaal batch --gemeente NNNN --uitvoerdatum YYYY-MM-DD --out FILE.xml\n"
           "                          --config FILE [--db URL] [--as ACTOR]\n\n"
           "Makes the answered declaraties of the gemeente payable (325 sent: granted > 0\n"
           "betaalbaar, < 0 a credit to net, 0 afgewezen), then pays every betaalbare\n"
           "declaratie in no batch: one transfer per AGB of debits minus credits, to the\n"
           "aanbieder's IBAN. An AGB whose credits outweigh its debits, or without a valid\n"
           "IBAN, is reported and carried forward. Writes the pain.001.001.03 file (checked\n"
           "against its XSD) to FILE.xml; never overwrites a file. The debtor comes from\n"
           "the config's [betaling] section.\n\n") +
           kDbOptions,
       Batch},
      {"betaal export", "write a batch's pain.001 file again",
       std::string("usage: sluis betaal export BATCH_ID --out FILE.xml --config FILE [--db URL]\n\n"
                   "Writes the batch's stored pain.001 file (exporting it first when that failed\n"
                   "before). The same file each time: a bank refuses a MsgId it has seen.\n\n") +
           kDbOptions,
       ExportCmd},
      {"betaal betaald", "mark an exported batch paid",
       std::string("usage: sluis betaal betaald BATCH_ID [--op YYYY-MM-DD] [--db URL | --config "
                   "FILE] [--as ACTOR]\n\n"
                   "The bank executed the batch: its declaraties become betaald. --op is the day\n"
                   "the transfers were credited (default: the batch's uitvoerdatum); never a day\n"
                   "in the future.\n\n") +
           kDbOptions,
       Betaald},
      {"betaal annuleer", "cancel a batch that was not paid",
       std::string("usage: sluis betaal annuleer BATCH_ID [--reden TEXT] [--db URL | --config "
                   "FILE] [--as ACTOR]\n\n"
                   "Cancels a batch (made or exported, not paid); its declaraties are betaalbaar\n"
                   "again and go into the next batch. Do not send its file to the bank.\n\n") +
           kDbOptions,
       Annuleer},
      {"betaal overzicht", "unpaid declaraties, due dates and late-payment exposure",
       std::string("usage: sluis betaal overzicht [--gemeente NNNN] [--peildatum YYYY-MM-DD] "
                   "[--details] [--db URL | --config FILE]\n\n"
                   "Per AGB: approved, unpaid declaraties, how many are overdue, the open and\n"
                   "credit amounts and the exposure if paid on the peildatum (default today):\n"
                   "wettelijke handelsrente plus EUR 40 per late declaratie. --details lists\n"
                   "every declaratie with its days to (negative: past) the due date.\n\n") +
           kDbOptions,
       Overzicht},
      {"betaal handelsrente", "show or load the wettelijke handelsrente table",
       std::string("usage: sluis betaal handelsrente [FILE.csv] [--db URL | --config FILE] "
                   "[--as ACTOR]\n\n"
                   "Without FILE prints the rate table as CSV. With FILE (ingangsdatum,percentage\n"
                   "lines, as ops/handelsrente.csv) replaces the table, audited.\n\n") +
           kDbOptions,
       Handelsrente},
  };
}

}  // namespace sluis::gateway::cli
