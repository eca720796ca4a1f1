// Werkvoorraad (back office): the verzoeken om toewijzing/wijziging (315/317) and the decision
// on each: toewijzen (the full-set 301), afwijzen or in onderzoek (a 319). The decisions are
// db/verzoeken.h's, which check the rules on what we send and write the audit entry.
#include "sluis/db/verzoeken.h"
#include "sluis/workflow/clock.h"

#include "api/api_internal.h"

namespace sluis::gateway::api {

namespace {

nlohmann::json RedenenJson(const Services& s) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [code, tekst] : s.redenen) out.push_back({{"code", code}, {"tekst", tekst}});
  return out;
}

}  // namespace

Awaitable ListVerzoeken(Services& s, Ctx c) {
  db::VerzoekFilter f;
  f.status = c.Q("status");
  f.gemeente = c.Q("gemeente");
  f.agb = c.Q("agb");
  f.bsn = c.Q("bsn");
  f.peildatum = Vandaag(s);
  const db::Paging p = c.Paging();
  const db::Table t =
      co_await s.db.Run([&](db::Connection& conn) { return db::ListVerzoeken(conn, f, p); });
  co_return ListResponse(t, c, "verzoeken");
}

Awaitable GetVerzoek(Services& s, Ctx c) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, "geen verzoek");
  const bool toon = c.Q("bsn") == "toon";
  const std::string actor = c.account.username;
  const codecs::Date vandaag = Vandaag(s);
  auto [row, berichten] = co_await s.db.Run([&](db::Connection& conn) {
    db::Table v = db::LoadVerzoekRow(conn, id, vandaag);
    db::Table b = db::VerzoekBerichten(conn, id);
    // Looking at the BSN is itself recorded (who, when, which verzoek).
    if (toon && !v.rows.empty()) {
      db::AppendAudit(conn, actor, "bsn.getoond", "verzoek/" + std::to_string(id), "",
                      R"({"scherm":"werkvoorraad"})");
    }
    return std::make_pair(std::move(v), std::move(b));
  });
  if (row.rows.empty()) co_return JsonError(404, "geen verzoek " + c.params[0]);
  nlohmann::json v = RowsJson(row, !toon)[0];
  if (const std::string* reden = TextField(v, "reden_afwijzing")) {
    const auto it = s.redenen.find(*reden);
    v["reden_tekst"] = it == s.redenen.end() ? "" : it->second;
  }
  co_return JsonResponse(200, {{"verzoek", v},
                               {"berichten", RowsJson(berichten)},
                               {"redenen", RedenenJson(s)},
                               {"bsn_getoond", toon}});
}

Awaitable BesluitVerzoek(Services& s, Ctx c) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, "geen verzoek");
  const nlohmann::json body = nlohmann::json::parse(c.req.body, nullptr, false);
  if (!body.is_object()) co_return JsonError(422, "verwacht een JSON-object");
  const std::string* besluit_field = TextField(body, "besluit");
  const std::string besluit = besluit_field != nullptr ? *besluit_field : std::string();
  if (besluit != "toewijzen" && besluit != "afwijzen" && besluit != "onderzoek") {
    co_return JsonError(422, "besluit: toewijzen, afwijzen of onderzoek");
  }
  std::string reden;
  std::optional<std::string> woonplaatsbeginsel;
  if (besluit == "afwijzen") {
    const std::string* reden_field = TextField(body, "reden");
    if (reden_field == nullptr || reden_field->empty()) {
      co_return JsonError(422, "reden: afwijzen vraagt een reden (RedenAfwijzingVerzoek)");
    }
    reden = *reden_field;
    if (const nlohmann::json* w = Field(body, "woonplaatsbeginsel"); w && !w->is_null()) {
      if (!w->is_string()) co_return JsonError(422, "woonplaatsbeginsel: verwacht tekst");
      woonplaatsbeginsel = w->get<std::string>();
    }
  }
  if (!s.schemas) co_return JsonError(503, "schema's niet geladen: besluiten kan nu niet");
  const db::BesluitConfig config{s.schemas, workflow::WorkingDayCalendar()};
  const std::string actor = c.account.username;
  const workflow::Clock* clock = &s.clock;
  db::BesluitUitkomst u;
  std::string geweigerd;
  try {
    u = co_await s.db.Run([&](db::Connection& conn) {
      if (besluit == "toewijzen") return db::Toewijzen(conn, config, id, {}, actor, *clock);
      if (besluit == "afwijzen") {
        return db::Afwijzen(conn, config, id, reden, woonplaatsbeginsel, actor, *clock);
      }
      return db::InOnderzoek(conn, config, id, actor, *clock);
    });
  } catch (const db::RefusedError& e) {
    geweigerd = e.what();
  }
  // The rules of the standard refuse this decision (TR355/TR359/TR360/TR365/TR379, a 301 that
  // does not validate): nothing was changed or sent.
  if (!geweigerd.empty()) co_return JsonError(422, geweigerd);
  co_return JsonResponse(200, {{"verzoek_id", id},
                               {"besluit", besluit},
                               {"bericht_id", u.bericht_id},
                               {"berichttype", codecs::Nummer(u.type)},
                               {"identificatie", u.identificatie},
                               {"toewijzingen", u.toewijzingen}});
}

}  // namespace sluis::gateway::api
