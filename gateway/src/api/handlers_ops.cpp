// Operations, Aanbieders, Berichten and Beheer (payments: handlers_betalingen.cpp).
#include <tuple>

#include "sluis/workflow/clock.h"

#include "api/api_internal.h"
#include "api/password.h"

namespace sluis::gateway::api {

namespace {

bool ValidAgb(const std::string& agb) { return Digits(agb, 8); }

// A table as of the peildatum, listed under `name`; 422 when the peildatum is not a date.
template <class Query>
Awaitable DatedList(Services& s, Ctx c, const char* name, Query query) {
  const auto d = Peildatum(s, c);
  if (!d) co_return JsonError(422, "peildatum: verwacht JJJJ-MM-DD");
  const codecs::Date day = *d;
  const db::Table t =
      co_await s.db.Run([&query, &day](db::Connection& conn) { return query(conn, day); });
  co_return ListResponse(t, c, name);
}

// One audited action of the logged-in account on the row named in the path (db::RetryOutbox,
// AcknowledgeAlert, CloseAlert): 404 when the id is no number; a RefusedError becomes a 409.
// Answers {"id": id, key: value}, the value being the actor when none is given.
using AuditedAction = void (*)(db::Connection&, int64_t, const std::string&, codecs::Instant);
Awaitable ActOn(Services& s, Ctx c, const char* not_found, AuditedAction act, const char* key,
                const char* value = nullptr) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, not_found);
  const std::string actor = c.account.username;
  const auto now = s.clock.Now();
  co_await s.db.Run([&](db::Connection& conn) {
    act(conn, id, actor, now);
    return 0;
  });
  co_return JsonResponse(200, {{"id", id}, {key, value ? std::string(value) : actor}});
}

}  // namespace

Awaitable Backlog(Services& s, Ctx c) {
  return DatedList(s, std::move(c), "achterstand", [](db::Connection& conn, codecs::Date day) {
    return db::BacklogAgeing(conn, day);
  });
}

Awaitable Deadlines(Services& s, Ctx c) {
  return DatedList(s, std::move(c), "termijnen", [](db::Connection& conn, codecs::Date day) {
    return db::DeadlinesAtRisk(conn, day, 3);
  });
}

Awaitable Queues(Services& s, Ctx c) {
  const db::Table t = co_await s.db.Run([](db::Connection& conn) { return db::QueueCounts(conn); });
  co_return ListResponse(t, c, "wachtrijen");
}

Awaitable Rates(Services& s, Ctx c) {
  return DatedList(s, std::move(c), "berichtstroom", [](db::Connection& conn, codecs::Date day) {
    return db::MessageRates(conn, day, 14);
  });
}

Awaitable ListOutbox(Services& s, Ctx c) {
  const std::string state = c.Q("state");
  const db::Paging p = c.Paging();
  const db::Table t =
      co_await s.db.Run([&](db::Connection& conn) { return db::ListOutbox(conn, state, p); });
  co_return ListResponse(t, c, "outbox");
}

Awaitable RetryOutbox(Services& s, Ctx c) {
  return ActOn(s, std::move(c), "geen uitgaand bericht", db::RetryOutbox, "state", "pending");
}

Awaitable ListAlerts(Services& s, Ctx c) {
  const db::Table t =
      co_await s.db.Run([](db::Connection& conn) { return db::ListOpenAlerts(conn); });
  co_return ListResponse(t, c, "meldingen");
}

Awaitable AcknowledgeAlert(Services& s, Ctx c) {
  return ActOn(s, std::move(c), "geen melding", db::AcknowledgeAlert, "acknowledged_by");
}

Awaitable CloseAlert(Services& s, Ctx c) {
  return ActOn(s, std::move(c), "geen melding", db::CloseAlert, "resolved_by");
}

Awaitable ListAanbieders(Services& s, Ctx c) {
  const db::Paging p = c.Paging();
  const db::Table t =
      co_await s.db.Run([&](db::Connection& conn) { return db::ListAanbieders(conn, p); });
  co_return ListResponse(t, c, "aanbieders");
}

Awaitable AanbiederBerichten(Services& s, Ctx c) {
  const std::string agb = c.params[0];
  if (!ValidAgb(agb)) co_return JsonError(404, "AGB-code moet 8 cijfers zijn");
  const db::Paging p = c.Paging();
  const db::Table t =
      co_await s.db.Run([&](db::Connection& conn) { return db::AanbiederTimeline(conn, agb, p); });
  co_return ListResponse(t, c, "berichten-" + agb);
}

Awaitable AanbiederAfwijzingen(Services& s, Ctx c) {
  const std::string agb = c.params[0];
  if (!ValidAgb(agb)) co_return JsonError(404, "AGB-code moet 8 cijfers zijn");
  db::Table t = co_await s.db.Run([&](db::Connection& conn) { return db::RejectRates(conn, agb); });
  if (c.Csv()) co_return ListResponse(t, c, "afwijzingen-" + agb);
  nlohmann::json items = RowsJson(t);
  for (auto& row : items) {
    const auto it = s.retourcodes.find(row["retourcode"].get<std::string>());
    row["tekst"] = it == s.retourcodes.end() ? "" : it->second;
  }
  co_return JsonResponse(200, {{"items", items}, {"total", t.total}});
}

Awaitable AanbiederTijdigheid(Services& s, Ctx c) {
  const std::string agb = c.params[0];
  if (!ValidAgb(agb)) co_return JsonError(404, "AGB-code moet 8 cijfers zijn");
  const db::Table t =
      co_await s.db.Run([&](db::Connection& conn) { return db::TijdigheidPerMaand(conn, agb); });
  co_return ListResponse(t, c, "tijdigheid-" + agb);
}

Awaitable AanbiederVolume(Services& s, Ctx c) {
  const std::string agb = c.params[0];
  if (!ValidAgb(agb)) co_return JsonError(404, "AGB-code moet 8 cijfers zijn");
  const db::Table t =
      co_await s.db.Run([&](db::Connection& conn) { return db::VolumePerProduct(conn, agb); });
  co_return ListResponse(t, c, "volume-" + agb);
}

Awaitable AanbiederOpenstaand(Services& s, Ctx c) {
  const std::string agb = c.params[0];
  if (!ValidAgb(agb)) co_return JsonError(404, "AGB-code moet 8 cijfers zijn");
  const db::Table t = co_await s.db.Run(
      [&](db::Connection& conn) { return db::OpenstaandBijAanbieder(conn, agb); });
  co_return ListResponse(t, c, "openstaand-" + agb);
}

Awaitable GetAanbieder(Services& s, Ctx c) {
  const std::string agb = c.params[0];
  if (!ValidAgb(agb)) co_return JsonError(404, "AGB-code moet 8 cijfers zijn");
  const db::Table t =
      co_await s.db.Run([&](db::Connection& conn) { return db::AanbiederGegevens(conn, agb); });
  if (t.rows.empty()) co_return JsonError(404, "geen aanbieder " + agb + " in de referentiedata");
  co_return JsonResponse(200, RowsJson(t)[0]);
}

Awaitable AanbiederBetalingen(Services& s, Ctx c) {
  const std::string agb = c.params[0];
  if (!ValidAgb(agb)) co_return JsonError(404, "AGB-code moet 8 cijfers zijn");
  const db::Paging p = c.Paging();
  const db::Table t = co_await s.db.Run(
      [&](db::Connection& conn) { return db::BetalingenAanAanbieder(conn, agb, p); });
  co_return ListResponse(t, c, "betalingen-" + agb);
}

Awaitable FindBerichten(Services& s, Ctx c) {
  db::BerichtFilter f;
  f.q = c.Q("q");
  f.direction = c.Q("richting");
  f.state = c.Q("status");
  f.agb = c.Q("agb");
  if (!f.direction.empty() && f.direction != "in" && f.direction != "out") {
    co_return JsonError(422, "richting: verwacht in of out");
  }
  if (const std::string t = c.Q("berichttype"); !t.empty()) {
    int64_t type = 0;
    if (!ParseId(t, type) || type > 999) co_return JsonError(422, "berichttype: verwacht bv. 323");
    f.berichttype = static_cast<int>(type);
  }
  const db::Paging p = c.Paging();
  const db::Table t =
      co_await s.db.Run([&](db::Connection& conn) { return db::FindBerichten(conn, f, p); });
  co_return ListResponse(t, c, "berichten");
}

Awaitable GetBericht(Services& s, Ctx c) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, "geen bericht");
  auto [row, related, fo01] = co_await s.db.Run([&](db::Connection& conn) {
    return std::make_tuple(db::LoadBerichtRow(conn, id), db::RelatedBerichten(conn, id),
                           db::BerichtFo01s(conn, id));
  });
  if (row.rows.empty()) co_return JsonError(404, "geen bericht " + c.params[0]);
  co_return JsonResponse(
      200,
      {{"bericht", RowsJson(row)[0]}, {"samenhang", RowsJson(related)}, {"fo01", RowsJson(fo01)}});
}

Awaitable GetBerichtXml(Services& s, Ctx c) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, "geen bericht");
  const bool toon = c.Q("bsn") == "toon";
  const std::string actor = c.account.username;
  const std::optional<std::string> xml = co_await s.db.Run([&](db::Connection& conn) {
    auto payload = db::LoadBerichtPayload(conn, id);
    if (payload && toon) {
      db::AppendAudit(conn, actor, "bsn.getoond", "bericht/" + std::to_string(id), "",
                      R"({"scherm":"berichten","weergave":"xml"})");
    }
    return payload;
  });
  if (!xml) co_return JsonError(404, "geen bericht " + c.params[0]);
  HttpResponse r{200, "application/xml; charset=utf-8", {}, toon ? *xml : MaskBsnInXml(*xml)};
  r.headers.emplace_back("Cache-Control", "no-store");
  co_return r;
}

Awaitable ListAudit(Services& s, Ctx c) {
  const std::string actor = c.Q("actor");
  const std::string action = c.Q("action");
  const db::Paging p = c.Paging();
  const db::Table t = co_await s.db.Run(
      [&](db::Connection& conn) { return db::ListAudit(conn, actor, action, p); });
  co_return ListResponse(t, c, "audit");
}

Awaitable ListAccounts(Services& s, Ctx c) {
  const std::vector<db::Account> accounts =
      co_await s.db.Run([](db::Connection& conn) { return db::ListAccounts(conn); });
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : accounts) {
    items.push_back({{"username", a.username},
                     {"display_name", a.display_name},
                     {"roles", a.roles},
                     {"disabled", a.disabled}});
  }
  if (c.Csv()) {
    db::Table t;
    t.columns = {"username", "display_name", "roles", "disabled"};
    t.kinds.assign(4, db::Table::Kind::kText);
    for (const auto& a : accounts) {
      std::string roles;
      for (const auto& r : a.roles) roles += (roles.empty() ? "" : " ") + r;
      t.rows.push_back({a.username, a.display_name, roles, a.disabled ? "true" : "false"});
    }
    co_return ListResponse(t, c, "accounts");
  }
  co_return JsonResponse(200, {{"items", items}, {"total", items.size()}});
}

Awaitable SaveAccount(Services& s, Ctx c) {
  const nlohmann::json body = nlohmann::json::parse(c.req.body, nullptr, false);
  const std::string* username = TextField(body, "username");
  const std::string* password_field = TextField(body, "password");
  const nlohmann::json* roles = Field(body, "roles");
  if (username == nullptr || password_field == nullptr || roles == nullptr || !roles->is_array()) {
    co_return JsonError(422, "username, password en roles zijn nodig");
  }
  db::Account a;
  a.username = *username;
  const std::string* display_name = TextField(body, "display_name");
  a.display_name = display_name != nullptr ? *display_name : a.username;
  for (const auto& r : *roles) {
    if (r.is_string()) a.roles.push_back(r.get<std::string>());
  }
  const std::string password = *password_field;
  if (password.size() < 12) co_return JsonError(422, "wachtwoord: minstens 12 tekens");
  a.password_hash = HashPassword(password);
  const std::string actor = c.account.username;
  const int64_t id =
      co_await s.db.Run([&](db::Connection& conn) { return db::SaveAccount(conn, a, actor); });
  co_return JsonResponse(201, {{"id", id}, {"username", a.username}});
}

}  // namespace sluis::gateway::api
