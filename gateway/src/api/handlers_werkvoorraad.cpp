// Werkvoorraad (back office): declaraties, their prestaties, holds and the review decision.
#include "sluis/workflow/clock.h"

#include "api/api_internal.h"

namespace sluis::gateway::api {

namespace {

std::optional<codecs::Date> ParseDate(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return codecs::Date::Parse(s);
}

}  // namespace

Awaitable ListDeclaraties(Services& s, Ctx c) {
  db::DeclaratieFilter f;
  f.status = c.Q("status");
  f.gemeente = c.Q("gemeente");
  f.agb = c.Q("agb");
  f.declaratienummer = c.Q("declaratienummer");
  f.bsn = c.Q("bsn");
  f.toewijzingnummer = c.Q("toewijzingnummer");
  f.peildatum = Vandaag(s);
  f.antwoord_voor = ParseDate(c.Q("antwoord_voor"));
  if (!c.Q("antwoord_voor").empty() && !f.antwoord_voor) {
    co_return JsonError(422, "antwoord_voor: verwacht JJJJ-MM-DD");
  }
  const db::Paging p = c.Paging();
  const db::Table t =
      co_await s.db.Run([&](db::Connection& conn) { return db::ListDeclaraties(conn, f, p); });
  co_return ListResponse(t, c, "declaraties");
}

Awaitable GetDeclaratie(Services& s, Ctx c) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, "geen declaratie");
  const bool toon = c.Q("bsn") == "toon";
  const std::string actor = c.account.username;
  const codecs::Date vandaag = Vandaag(s);
  auto [header, prestaties] = co_await s.db.Run([&](db::Connection& conn) {
    db::Table h = db::LoadDeclaratie(conn, id, vandaag);
    db::Table p = db::LoadPrestaties(conn, id);
    // Looking at the BSNs is itself a decision that is recorded (who, when, which declaratie).
    if (toon && !h.rows.empty()) {
      db::AppendAudit(conn, actor, "bsn.getoond", "declaratie/" + std::to_string(id), "",
                      R"({"scherm":"werkvoorraad"})");
    }
    return std::make_pair(std::move(h), std::move(p));
  });
  if (header.rows.empty()) co_return JsonError(404, "geen declaratie " + c.params[0]);
  nlohmann::json items = RowsJson(prestaties, !toon);
  for (auto& p : items) {
    nlohmann::json texts = nlohmann::json::object();
    for (const char* key : {"retourcodes", "client_retourcodes"}) {
      if (!p[key].is_array()) continue;
      for (const auto& code : p[key]) {
        const auto it = s.retourcodes.find(code.get<std::string>());
        texts[code.get<std::string>()] = it == s.retourcodes.end() ? "" : it->second;
      }
    }
    p["retourcode_teksten"] = texts;
  }
  nlohmann::json d = RowsJson(header)[0];
  nlohmann::json afgewezen = nlohmann::json::object();
  for (const auto& code : d["afgewezen_codes"]) {
    const auto it = s.retourcodes.find(code.get<std::string>());
    afgewezen[code.get<std::string>()] = it == s.retourcodes.end() ? "" : it->second;
  }
  d["afgewezen_teksten"] = afgewezen;
  co_return JsonResponse(200, {{"declaratie", d}, {"prestaties", items}, {"bsn_getoond", toon}});
}

Awaitable BesluitDeclaratie(Services& s, Ctx c) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, "geen declaratie");
  if (!s.inbox) co_return JsonError(503, "schema's niet geladen: besluiten kan nu niet");
  const nlohmann::json body = nlohmann::json::parse(c.req.body, nullptr, false);
  std::vector<std::pair<std::string, std::string>> afkeuren;
  if (!body.is_object()) co_return JsonError(422, "verwacht een JSON-object");
  if (const nlohmann::json* lijst = Field(body, "afkeuren")) {
    if (!lijst->is_array()) co_return JsonError(422, "afkeuren: verwacht een lijst");
    for (const auto& a : *lijst) {
      const std::string* ref = TextField(a, "referentienummer");
      const std::string* code = TextField(a, "retourcode");
      if (ref == nullptr || code == nullptr) {
        co_return JsonError(422, "afkeuren: elk item heeft referentienummer en retourcode");
      }
      afkeuren.emplace_back(*ref, *code);
    }
  }
  const std::string actor = c.account.username;
  db::Inbox* inbox = s.inbox.get();
  const workflow::Clock* clock = &s.clock;
  const int64_t antwoord = co_await s.db.Run([&](db::Connection& conn) {
    return inbox->BesluitReview(conn, id, afkeuren, actor, *clock);
  });
  co_return JsonResponse(200, {{"declaratie_id", id}, {"antwoord_bericht_id", antwoord}});
}

Awaitable ListHolds(Services& s, Ctx c) {
  const db::Table t = co_await s.db.Run([](db::Connection& conn) { return db::ListHolds(conn); });
  co_return ListResponse(t, c, "vasthouden");
}

Awaitable CreateHold(Services& s, Ctx c) {
  const nlohmann::json body = nlohmann::json::parse(c.req.body, nullptr, false);
  const std::string* agb_field = TextField(body, "agb");
  const std::string* reden_field = TextField(body, "reden");
  if (agb_field == nullptr || reden_field == nullptr) {
    co_return JsonError(422, "agb en reden zijn nodig");
  }
  const std::string agb = *agb_field;
  const std::string reden = *reden_field;
  const std::string* gemeente_field = TextField(body, "gemeente");
  const std::string gemeente = gemeente_field != nullptr ? *gemeente_field : std::string();
  const std::string actor = c.account.username;
  const int64_t id = co_await s.db.Run(
      [&](db::Connection& conn) { return db::CreateHold(conn, gemeente, agb, reden, actor); });
  co_return JsonResponse(201, {{"id", id}});
}

Awaitable EndHold(Services& s, Ctx c) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, "geen vasthoudregel");
  const std::string actor = c.account.username;
  co_await s.db.Run([&](db::Connection& conn) {
    db::EndHold(conn, id, actor);
    return 0;
  });
  co_return JsonResponse(200, {{"id", id}, {"actief", false}});
}

Awaitable ListRetourcodes(Services& s, Ctx) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& [code, text] : s.retourcodes) items.push_back({{"code", code}, {"tekst", text}});
  co_return JsonResponse(200, {{"items", items}, {"total", items.size()}});
}

}  // namespace sluis::gateway::api
