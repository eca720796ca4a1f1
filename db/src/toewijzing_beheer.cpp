#include "sluis/db/toewijzing_beheer.h"

#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "connection_impl.h"
#include "import_kinds.h"
#include "import_rows.h"
#include "sql_util.h"
#include "toewijzing_store.h"
#include "volledige_set.h"

namespace sluis::db {

namespace {

// The columns of toewijzingen.csv (README), in its order.
const std::vector<std::string>& Columns() {
  static const std::vector<std::string> kColumns = {"gemeente",
                                                    "domein",
                                                    "toewijzingnummer",
                                                    "agb",
                                                    "bsn",
                                                    "productcategorie",
                                                    "productcode",
                                                    "ingangsdatum",
                                                    "einddatum",
                                                    "volume",
                                                    "eenheid",
                                                    "frequentie",
                                                    "budget_cent",
                                                    "toewijzingsdatum",
                                                    "toewijzingstijd",
                                                    "reden_wijziging",
                                                    "referentie_aanbieder",
                                                    "commentaar"};
  return kColumns;
}

std::string Get(const ToewijzingVelden& v, const std::string& key) {
  const auto it = v.find(key);
  return it == v.end() ? std::string() : it->second;
}

}  // namespace

ToewijzingenOpgeslagen SaveToewijzingen(Connection& conn, const codecs::SchemaSet& schemas,
                                        const std::vector<ToewijzingVelden>& items,
                                        const std::string& actor, const workflow::Clock& clock) {
  ToewijzingenOpgeslagen out;
  const auto refuse = [&](int line, std::string message) {
    out.errors.push_back({"toewijzingen", line, std::move(message)});
  };
  if (items.empty()) {
    refuse(0, "geen toewijzingen");
    return out;
  }
  const std::set<std::string> known(Columns().begin(), Columns().end());
  for (size_t i = 0; i < items.size(); ++i) {
    for (const auto& [key, value] : items[i]) {
      if (!known.count(key)) refuse(static_cast<int>(i + 1), "onbekend veld " + key);
    }
  }
  if (!out.ok()) return out;

  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const workflow::TimePoint now = clock.Now();
    // Under the lock every writer of versions takes, so that two requests never hand out the
    // same number.
    internal::LockToewijzingen(tx);
    std::map<std::pair<std::string, std::string>, int64_t> next;  // (gemeente, domein) -> free
    std::vector<codecs::csv::Record> records;
    for (size_t i = 0; i < items.size(); ++i) {
      ToewijzingVelden v = items[i];
      if (Get(v, "toewijzingnummer").empty()) {
        const auto key = std::make_pair(Get(v, "gemeente"), Get(v, "domein"));
        auto it = next.find(key);
        if (it == next.end()) {
          const int64_t first = tx.exec_params1(
                                      "SELECT coalesce(max(nummer), 0) + 1 FROM toewijzing_versie"
                                      " WHERE gemeente = $1 AND domein = $2",
                                      key.first, key.second)[0]
                                    .as<int64_t>();
          it = next.emplace(key, first).first;
        }
        v["toewijzingnummer"] = std::to_string(it->second++);
      }
      if (Get(v, "toewijzingsdatum").empty() && Get(v, "toewijzingstijd").empty()) {
        v["toewijzingsdatum"] = workflow::DutchDate(now).ToString();
        v["toewijzingstijd"] = workflow::DutchTimeOfDay(now).ToString();
      }
      codecs::csv::Record r;
      r.line = static_cast<int>(i + 1);
      for (const std::string& c : Columns()) r.fields.push_back(Get(v, c));
      records.push_back(std::move(r));
    }
    const codecs::csv::Table table(Columns(), 0, std::move(records));

    internal::ErrorSink errors("toewijzingen");
    ImportReport report;
    report.kind = ImportKind::kToewijzingen;
    internal::LoadToewijzingen(tx, table, errors, report, actor, Bron::kApi,
                               Levering::kTeVerzenden);
    out.errors = errors.Finish();
    if (!out.ok()) return out;

    // One full set per client per aanbieder touched, in the order of the items.
    using Key = std::tuple<std::string, std::string, std::string, std::string>;
    std::vector<Key> order;
    std::map<Key, std::vector<int64_t>> nu;
    for (const codecs::csv::Record& r : table.records()) {
      const Key key{std::string(table.Get(r, "gemeente")), std::string(table.Get(r, "domein")),
                    std::string(table.Get(r, "agb")), std::string(table.Get(r, "bsn"))};
      const int64_t nummer = std::stoll(std::string(table.Get(r, "toewijzingnummer")));
      out.nummers.push_back(nummer);
      if (!nu.count(key)) order.push_back(key);
      nu[key].push_back(nummer);
    }
    nlohmann::json sent = nlohmann::json::array();
    for (const Key& key : order) {
      const auto& [gemeente, domein_name, agb, bsn] = key;
      const codecs::Domein domein = *codecs::ParseDomeinName(domein_name);
      const internal::VolledigeSet set = internal::QueueVolledigeSet(
          tx, schemas, codecs::GemeenteCode(gemeente), domein, codecs::AgbCode(agb),
          codecs::Bsn(bsn), nu[key], std::nullopt, now);
      if (!set.queued.id) {
        refuse(0, "de 301 voor client " + bsn + " bij " + agb + " voldoet niet aan de standaard" +
                      (set.client_known ? "" : " (client onbekend: importeer clienten.csv)") +
                      ": " + set.queued.error);
        return out;  // rolled back
      }
      out.berichten.push_back(
          {set.queued.id, set.identificatie, gemeente, std::string(domein_name), agb, bsn});
      sent.push_back({{"bericht_id", set.queued.id},
                      {"identificatie", set.identificatie},
                      {"agb", agb},
                      {"toewijzingen", nu[key]}});
    }
    tx.exec_params(
        "INSERT INTO audit_log (at, actor, action, subject, before, after)"
        " VALUES ($1::timestamptz, $2, 'toewijzing.opgeslagen', $3, NULL, $4::jsonb)",
        internal::FormatTime(now), actor, "toewijzing/" + std::to_string(out.nummers.front()),
        nlohmann::json{{"toewijzingen", out.nummers}, {"berichten", sent}}.dump());
    tx.commit();
    return out;
  });
}

}  // namespace sluis::db
