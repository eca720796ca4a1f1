// Payments (db/betaling.h; workflow/README.md, "Payment"): the backlog per aanbieder and per
// gemeente, and a payment batch's life: made (declaraties made payable, one transfer per AGB)
// and exported to pain.001 in one step, the file downloaded for the bank, then marked paid or
// cancelled. The same steps as `sluis betaal ...`, audited under the logged-in account.
#include <utility>

#include <tuple>

#include "sluis/db/accounts.h"
#include "sluis/db/betaling.h"
#include "sluis/workflow/clock.h"

#include "api/api_internal.h"
#include "debiteur.h"

namespace sluis::gateway::api {

namespace {

// A refusal of db/betaling: an unknown batch 404, a batch in the wrong state 409, anything else
// (a date, a gemeente, no debtor account, a file the XSD refused) 422.
HttpResponse Refusal(const codecs::Error& e) {
  if (e.code == "betaalbatch.onbekend") return JsonError(404, e.message);
  if (e.code == "betaalbatch.status") return JsonError(409, e.message);
  return JsonError(422, e.message);
}

std::optional<db::Debiteur> DebiteurVoor(const Services& s, const std::string& gemeente) {
  return gateway::DebiteurVoor(s.betaling, gemeente);
}

std::string GeenDebiteur(const std::string& gemeente) {
  return "geen rekening voor gemeente " + gemeente +
         ": zet debtor_naam en debtor_iban onder [betaling] in sluisd.toml";
}

template <class T>
nlohmann::json OrNull(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json BatchJson(const db::BetaalbatchInfo& b) {
  nlohmann::json regels = nlohmann::json::array();
  for (const auto& r : b.regels) {
    regels.push_back({{"agb", r.agb},
                      {"naam", r.naam},
                      {"iban", r.iban},
                      {"end_to_end_id", r.end_to_end_id},
                      {"omschrijving", r.omschrijving},
                      {"bedrag_cent", r.bedrag.value()},
                      {"declaratie_ids", r.declaratie_ids}});
  }
  nlohmann::json per_domein = nlohmann::json::object();
  for (const auto& [domein, bedrag] : b.per_domein) per_domein[domein] = bedrag.value();
  return {{"id", b.id},
          {"gemeente", b.gemeente},
          {"msg_id", b.msg_id},
          {"status", b.status},
          {"created_at", b.created_at},
          {"created_by", b.created_by},
          {"uitvoerdatum", b.uitvoerdatum.ToString()},
          {"totaal_cent", b.totaal.value()},
          {"aantal", b.aantal},
          {"aantal_declaraties", b.aantal_declaraties},
          {"geexporteerd_at", OrNull(b.geexporteerd_at)},
          {"geexporteerd_by", OrNull(b.geexporteerd_by)},
          {"debiteur_naam", OrNull(b.debiteur_naam)},
          {"debiteur_iban", OrNull(b.debiteur_iban)},
          {"pain001_bytes", b.pain001_bytes},
          {"betaald_op", b.betaald_op ? nlohmann::json(b.betaald_op->ToString()) : nullptr},
          {"afgesloten_at", OrNull(b.afgesloten_at)},
          {"afgesloten_by", OrNull(b.afgesloten_by)},
          {"annuleer_reden", OrNull(b.annuleer_reden)},
          {"regels", std::move(regels)},
          {"per_domein_cent", std::move(per_domein)}};
}

// One action on batch `id`, on one connection: the batch is read (404 when there is none),
// `act(conn, batch)` runs, and the answer is the batch as it is afterwards (BatchJson). A
// refusal of `act` becomes its Refusal. `act` captures by reference only (see api_internal.h).
template <class Act>
Awaitable ActOnBatch(Services& s, int64_t id, Act act) {
  struct Outcome {
    bool found = false;
    codecs::Status done;
    std::optional<db::BetaalbatchInfo> after;
  };
  const Outcome o = co_await s.db.Run([&](db::Connection& conn) {
    Outcome out;
    const auto before = db::LeesBetaalbatch(conn, id);
    out.found = before.has_value();
    if (!out.found) return out;
    out.done = act(conn, *before);
    if (out.done.ok()) out.after = db::LeesBetaalbatch(conn, id);
    return out;
  });
  if (!o.found || (o.done.ok() && !o.after)) {
    co_return JsonError(404, "geen betaalbatch " + std::to_string(id));
  }
  if (!o.done.ok()) co_return Refusal(o.done.error());
  co_return JsonResponse(200, BatchJson(*o.after));
}

}  // namespace

Awaitable PaymentBacklog(Services& s, Ctx c) {
  const auto d = Peildatum(s, c);
  if (!d) co_return JsonError(422, "peildatum: verwacht JJJJ-MM-DD");
  const codecs::Date day = *d;
  const std::string gemeente = c.Q("gemeente");
  if (!gemeente.empty() && !Digits(gemeente, 4)) {
    co_return JsonError(422, "gemeente: verwacht een gemeentecode van 4 cijfers");
  }
  const db::BetaalBacklog b = co_await s.db.Run(
      [&](db::Connection& conn) { return db::LeesBetaalBacklog(conn, day, gemeente); });
  nlohmann::json items = nlohmann::json::array();
  for (const db::AgbBacklog& a : b.per_agb) {
    items.push_back({{"agb", a.agb},
                     {"naam", a.naam},
                     {"aantal", a.aantal},
                     {"te_laat", a.te_laat},
                     {"open_cent", a.open.value()},
                     {"credit_cent", a.credit.value()},
                     {"blootstelling_cent", a.blootstelling.value()},
                     {"max_dagen_te_laat", a.max_dagen_te_laat}});
  }
  nlohmann::json gemeenten = nlohmann::json::array();
  for (const db::GemeenteBacklog& g : b.per_gemeente) {
    const auto debiteur = DebiteurVoor(s, g.gemeente);
    gemeenten.push_back(
        {{"gemeente", g.gemeente},
         {"klaar", g.klaar},
         {"klaar_netto_cent", g.klaar_netto.value()},
         {"in_batch", g.in_batch},
         {"wacht_op_325", g.wacht_op_325},
         {"te_laat", g.te_laat},
         {"eerste_uiterlijk", g.eerste_uiterlijk.ToString()},
         {"debiteur", debiteur ? nlohmann::json{{"naam", debiteur->naam}, {"iban", debiteur->iban}}
                               : nlohmann::json(nullptr)}});
  }
  co_return JsonResponse(
      200, {{"peildatum", b.peildatum.ToString()},
            {"aantal", b.aantal},
            {"te_laat", b.te_laat},
            {"open_cent", b.open.value()},
            {"blootstelling_cent", b.blootstelling.value()},
            {"rente_onvolledig", b.rente_onvolledig},
            {"rente_ontbreekt", b.rente_ontbreekt ? nlohmann::json(b.rente_ontbreekt->ToString())
                                                  : nlohmann::json(nullptr)},
            {"items", std::move(items)},
            {"per_gemeente", std::move(gemeenten)}});
}

Awaitable ListBatches(Services& s, Ctx c) {
  const db::Paging p = c.Paging();
  const db::Table t =
      co_await s.db.Run([&](db::Connection& conn) { return db::ListBetaalbatches(conn, p); });
  co_return ListResponse(t, c, "betaalbatches");
}

// {gemeente, uitvoerdatum}: what `sluis betaal batch` does. The gemeente's answered declaraties
// become payable, every payable one in no batch goes into a new batch, and its pain.001 is made
// (an export that fails leaves the batch made; POST .../export tries again).
Awaitable MakeBatch(Services& s, Ctx c) {
  const nlohmann::json body = nlohmann::json::parse(c.req.body, nullptr, false);
  const std::string* gemeente = TextField(body, "gemeente");
  const std::string* datum_text = TextField(body, "uitvoerdatum");
  if (gemeente == nullptr || !Digits(*gemeente, 4)) {
    co_return JsonError(422, "gemeente: verwacht een gemeentecode van 4 cijfers");
  }
  const auto datum = datum_text ? codecs::Date::Parse(*datum_text) : std::nullopt;
  if (!datum) co_return JsonError(422, "uitvoerdatum: verwacht JJJJ-MM-DD");
  if (*datum < Vandaag(s)) {
    co_return JsonError(422, "uitvoerdatum " + datum->ToString() + " ligt voor vandaag");
  }
  const auto debiteur = DebiteurVoor(s, *gemeente);
  if (!debiteur) co_return JsonError(422, GeenDebiteur(*gemeente));
  if (!s.schemas) co_return JsonError(503, "schema's niet geladen: exporteren kan nu niet");

  const std::string actor = c.account.username;
  const workflow::TimePoint nu = s.clock.Now();
  struct Outcome {
    db::BetaalbaarGesteld gesteld;
    codecs::Result<db::BatchAangemaakt> made = codecs::Error{};
    std::optional<codecs::Error> export_error;
    std::optional<db::BetaalbatchInfo> batch;
  };
  const Outcome o = co_await s.db.Run([&](db::Connection& conn) {
    Outcome out;
    out.gesteld = db::StelBetaalbaar(conn, *gemeente, actor);
    out.made = db::MaakBetaalbatch(conn, {*gemeente, *datum, actor, nu});
    if (out.made.ok() && out.made->batch_id) {
      const auto xml =
          db::ExporteerBetaalbatch(conn, *out.made->batch_id, *debiteur, *s.schemas, actor, nu);
      if (!xml.ok()) out.export_error = xml.error();
      out.batch = db::LeesBetaalbatch(conn, *out.made->batch_id);
    }
    return out;
  });
  if (!o.made.ok()) co_return Refusal(o.made.error());
  nlohmann::json overgeslagen = nlohmann::json::array();
  for (const auto& a : o.made->voorstel.overgeslagen) {
    overgeslagen.push_back({{"agb", a.agb},
                            {"reden", workflow::OverslagRedenText(a.reden)},
                            {"aantal", a.aantal},
                            {"netto_cent", a.netto.value()}});
  }
  nlohmann::json answer = {
      {"betaalbaar_gesteld",
       {{"betaalbaar", o.gesteld.betaalbaar},
        {"credits", o.gesteld.credits},
        {"afgewezen", o.gesteld.afgewezen}}},
      {"overgeslagen", std::move(overgeslagen)},
      {"export_fout", o.export_error ? nlohmann::json(o.export_error->message) : nullptr},
      {"batch", o.batch ? BatchJson(*o.batch) : nlohmann::json(nullptr)}};
  co_return JsonResponse(o.made->batch_id ? 201 : 200, answer);
}

Awaitable GetBatch(Services& s, Ctx c) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, "geen betaalbatch");
  const auto info =
      co_await s.db.Run([&](db::Connection& conn) { return db::LeesBetaalbatch(conn, id); });
  if (!info) co_return JsonError(404, "geen betaalbatch " + c.params[0]);
  co_return JsonResponse(200, BatchJson(*info));
}

Awaitable ListBatchDeclaraties(Services& s, Ctx c) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, "geen betaalbatch");
  const db::Paging p = c.Paging();
  const auto [found, t] = co_await s.db.Run([&](db::Connection& conn) {
    const bool batch = db::LeesBetaalbatch(conn, id).has_value();
    return std::make_pair(batch, batch ? db::BetaalbatchDeclaraties(conn, id, p) : db::Table{});
  });
  if (!found) co_return JsonError(404, "geen betaalbatch " + c.params[0]);
  co_return ListResponse(t, c, "betaalbatch-" + c.params[0] + "-declaraties");
}

// Makes the pain.001 of a batch whose export failed before; an exported batch keeps its file.
Awaitable ExportBatch(Services& s, Ctx c) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, "geen betaalbatch");
  if (!s.schemas) co_return JsonError(503, "schema's niet geladen: exporteren kan nu niet");
  const std::string actor = c.account.username;
  const workflow::TimePoint nu = s.clock.Now();
  co_return co_await ActOnBatch(
      s, id, [&](db::Connection& conn, const db::BetaalbatchInfo& batch) -> codecs::Status {
        const auto debiteur = DebiteurVoor(s, batch.gemeente);
        if (!debiteur) {
          return codecs::MakeError(codecs::ErrorKind::kRule, "betaalbatch.debiteur",
                                   GeenDebiteur(batch.gemeente));
        }
        const auto xml = db::ExporteerBetaalbatch(conn, id, *debiteur, *s.schemas, actor, nu);
        if (!xml.ok()) return xml.error();
        return codecs::Status::Ok();
      });
}

// The file for the bank, byte for byte as exported; who fetched it is audited. A cancelled
// batch's file is not handed out: the bank must never get it.
Awaitable DownloadPain001(Services& s, Ctx c) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, "geen betaalbatch");
  const std::string actor = c.account.username;
  auto [info, file] = co_await s.db.Run([&](db::Connection& conn) {
    auto batch = db::LeesBetaalbatch(conn, id);
    std::optional<std::string> xml;
    if (batch && batch->status != "geannuleerd") xml = db::LeesPain001(conn, id);
    if (xml) {
      db::AppendAudit(conn, actor, "betaalbatch.gedownload", "betaalbatch/" + std::to_string(id),
                      "", nlohmann::json{{"msg_id", batch->msg_id}, {"bytes", xml->size()}}.dump());
    }
    return std::make_tuple(std::move(batch), std::move(xml));
  });
  if (!info) co_return JsonError(404, "geen betaalbatch " + c.params[0]);
  if (info->status == "geannuleerd") {
    co_return JsonError(
        409, "betaalbatch " + c.params[0] + " is geannuleerd: het bestand gaat niet naar de bank");
  }
  if (!file) co_return JsonError(409, "betaalbatch " + c.params[0] + " is nog niet geëxporteerd");
  HttpResponse r{200, "application/xml; charset=utf-8", {}, std::move(*file)};
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + info->msg_id + ".xml\"");
  r.headers.emplace_back("Cache-Control", "no-store");
  co_return r;
}

// {betaald_op}: the day the bank credited the transfers (default: the uitvoerdatum, or today
// when that is still to come); never in the future.
Awaitable BatchPaid(Services& s, Ctx c) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, "geen betaalbatch");
  const nlohmann::json body = nlohmann::json::parse(c.req.body, nullptr, false);
  if (!body.is_object()) co_return JsonError(422, "verwacht een JSON-object");
  std::optional<codecs::Date> op;
  if (const nlohmann::json* f = Field(body, "betaald_op"); f != nullptr && !f->is_null()) {
    const std::string* text = TextField(body, "betaald_op");
    op = text ? codecs::Date::Parse(*text) : std::nullopt;
    if (!op) co_return JsonError(422, "betaald_op: verwacht JJJJ-MM-DD");
  }
  const codecs::Date vandaag = Vandaag(s);
  if (op && vandaag < *op) {
    co_return JsonError(422, "betaald op " + op->ToString() + " ligt in de toekomst");
  }
  const std::string actor = c.account.username;
  co_return co_await ActOnBatch(s, id, [&](db::Connection& conn, const db::BetaalbatchInfo& batch) {
    return db::MarkeerBetaald(conn, id, op ? *op : std::min(batch.uitvoerdatum, vandaag), actor);
  });
}

// {reden}: required, for whoever reads the audit log later.
Awaitable CancelBatch(Services& s, Ctx c) {
  int64_t id = 0;
  if (!ParseId(c.params[0], id)) co_return JsonError(404, "geen betaalbatch");
  const nlohmann::json body = nlohmann::json::parse(c.req.body, nullptr, false);
  const std::string* reden = TextField(body, "reden");
  if (reden == nullptr || reden->find_first_not_of(" \t\r\n") == std::string::npos) {
    co_return JsonError(422, "reden: zeg waarom de batch niet betaald wordt");
  }
  const std::string actor = c.account.username;
  co_return co_await ActOnBatch(s, id, [&](db::Connection& conn, const db::BetaalbatchInfo&) {
    return db::AnnuleerBetaalbatch(conn, id, actor, *reden);
  });
}

// The wettelijke handelsrente (art. 6:119a BW) that the late-payment exposure is counted with:
// the rows, and the half year whose rate is missing (set per 1 January and 1 July).
Awaitable GetHandelsrente(Services& s, Ctx c) {
  (void)c;
  const codecs::Date vandaag = Vandaag(s);
  const workflow::RenteTabel t =
      co_await s.db.Run([](db::Connection& conn) { return db::LeesHandelsrente(conn); });
  nlohmann::json rijen = nlohmann::json::array();
  for (const auto& r : t) {
    rijen.push_back({{"ingangsdatum", r.ingangsdatum.ToString()},
                     {"percentage", workflow::FormatPercentage(r.honderdste_procent)}});
  }
  const auto ontbreekt = workflow::OntbrekendeRentevoet(t, vandaag);
  co_return JsonResponse(
      200, {{"rijen", std::move(rijen)},
            {"ontbreekt", ontbreekt ? nlohmann::json(ontbreekt->ToString()) : nullptr}});
}

// {ingangsdatum, percentage}: sets one rate (a new half year, or a correction); with
// "verwijderen": true removes the row. Audited as handelsrente.gewijzigd.
Awaitable SetHandelsrente(Services& s, Ctx c) {
  const nlohmann::json body = nlohmann::json::parse(c.req.body, nullptr, false);
  const std::string* datum_text = TextField(body, "ingangsdatum");
  const auto datum = datum_text ? codecs::Date::Parse(*datum_text) : std::nullopt;
  if (!datum || workflow::RenteHalfjaar(*datum) != *datum) {
    co_return JsonError(422,
                        "ingangsdatum: de rente wordt per 1 januari en 1 juli vastgesteld "
                        "(JJJJ-01-01 of JJJJ-07-01)");
  }
  const bool weg = body.is_object() && body.contains("verwijderen") &&
                   body.at("verwijderen").is_boolean() && body.at("verwijderen").get<bool>();
  std::optional<int32_t> percentage;
  if (!weg) {
    const std::string* text = TextField(body, "percentage");
    percentage = text ? workflow::ParsePercentage(*text) : std::nullopt;
    if (!percentage) {
      co_return JsonError(422, "percentage: verwacht 0 tot 100 met hooguit 2 decimalen (10.15)");
    }
  }
  const codecs::Date d = *datum;
  const std::string actor = c.account.username;
  const codecs::Status done = co_await s.db.Run(
      [&](db::Connection& conn) { return db::ZetRentevoet(conn, d, percentage, actor); });
  if (!done.ok()) {
    co_return JsonError(done.error().code == "handelsrente.onbekend" ? 404 : 422,
                        done.error().message);
  }
  co_return co_await GetHandelsrente(s, c);
}

}  // namespace sluis::gateway::api
