#include "synthetic_db.h"

#include <vector>

#include "sluis/db/berichten.h"
#include "sluis/db/reference.h"

namespace sluis::testing {

std::string ImportPopulation(db::Connection& conn, const workflow::synth::Population& p) {
  namespace s = workflow::synth;
  std::vector<db::ImportFile> files = {
      {db::ImportKind::kGemeenten, "gemeenten.csv", s::GemeentenCsv(p)},
      {db::ImportKind::kAanbieders, "aanbieders.csv", s::AanbiedersCsv(p)},
      {db::ImportKind::kProductcodes, "productcodes.csv", s::ProductcodesCsv(p)},
      {db::ImportKind::kTarieven, "tarieven.csv", s::TarievenCsv(p)},
      {db::ImportKind::kClienten, "clienten.csv", s::ClientenCsv(p)},
      {db::ImportKind::kToewijzingen, "toewijzingen.csv", s::ToewijzingenCsv(p)},
  };
  const db::ImportSetReport report = db::ImportSet(conn, std::move(files), "synthetic");
  std::string errors;
  for (const auto& e : report.AllErrors()) errors += e.ToString() + "\n";
  if (errors.empty() && !report.committed) errors = "not committed\n";
  return errors;
}

int64_t Receive323(db::Connection& conn, const codecs::Bericht323& b, const std::string& payload,
                   codecs::Instant ontvangen) {
  db::NieuwBericht n;
  n.direction = "in";
  n.domein = b.domein;
  n.type = codecs::BerichtType::k323;
  n.gemeente = b.header.gemeente.str();
  n.agb = b.header.aanbieder.str();
  n.identificatie = b.header.bericht_identificatie.identificatie;
  n.dagtekening = b.header.bericht_identificatie.dagtekening;
  n.payload = payload;
  n.state = "queued";
  n.created_at = ontvangen;
  return db::RegisterBericht(conn, n);
}

}  // namespace sluis::testing
