// Toewijzingen created or changed by the back office (sluis/db/toewijzing_beheer.h): the items
// are toewijzingen.csv rows as JSON objects; the full-set 301s go out through the outbox.
#include "sluis/db/toewijzing_beheer.h"

#include "api/api_internal.h"

namespace sluis::gateway::api {

Awaitable SaveToewijzingen(Services& s, Ctx c) {
  if (!s.schemas) co_return JsonError(503, "schema's niet geladen: toewijzen kan nu niet");
  const nlohmann::json body = nlohmann::json::parse(c.req.body, nullptr, false);
  const nlohmann::json* lijst = Field(body, "toewijzingen");
  if (lijst == nullptr || !lijst->is_array() || lijst->empty()) {
    co_return JsonError(422, "toewijzingen: verwacht een lijst met minstens één toewijzing");
  }
  std::vector<db::ToewijzingVelden> items;
  for (const nlohmann::json& item : *lijst) {
    if (!item.is_object()) co_return JsonError(422, "toewijzingen: elk item is een object");
    db::ToewijzingVelden v;
    for (const auto& [key, value] : item.items()) {
      if (value.is_string()) {
        v[key] = value.get<std::string>();
      } else if (value.is_number_integer()) {
        v[key] = std::to_string(value.get<int64_t>());
      } else if (!value.is_null()) {
        co_return JsonError(422, "toewijzingen[" + std::to_string(items.size()) + "]." + key +
                                     ": verwacht tekst of een geheel getal");
      }
    }
    items.push_back(std::move(v));
  }
  const std::string actor = c.account.username;
  const codecs::SchemaSet* schemas = s.schemas.get();
  const workflow::Clock* clock = &s.clock;
  const db::ToewijzingenOpgeslagen r = co_await s.db.Run([&](db::Connection& conn) {
    return db::SaveToewijzingen(conn, *schemas, items, actor, *clock);
  });
  if (!r.ok()) {
    nlohmann::json fouten = nlohmann::json::array();
    for (const db::ImportError& e : r.errors) {
      fouten.push_back({{"item", e.line}, {"melding", e.message}});
    }
    const db::ImportError& first = r.errors.front();
    const std::string waar = first.line > 0 ? "item " + std::to_string(first.line) + ": " : "";
    co_return JsonResponse(422, {{"error", waar + first.message}, {"fouten", fouten}});
  }
  nlohmann::json berichten = nlohmann::json::array();
  for (const db::Verstuurd301& b : r.berichten) {
    berichten.push_back({{"bericht_id", b.bericht_id},
                         {"identificatie", b.identificatie},
                         {"agb", b.agb},
                         {"bsn", MaskBsn(b.bsn)}});
  }
  co_return JsonResponse(201, {{"toewijzingnummers", r.nummers}, {"berichten", berichten}});
}

}  // namespace sluis::gateway::api
