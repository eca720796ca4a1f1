// Private to gateway/src/api: the router's state, the request context handlers get, the route
// table, and rendering helpers (JSON, CSV, BSN masking).
#pragma once

#include <utility>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "sluis/codecs/xsd.h"
#include "sluis/db/accounts.h"
#include "sluis/db/inbox.h"
#include "sluis/db/ui_views.h"

#include "api/router.h"
#include "db_pool.h"

namespace sluis::gateway::api {

struct ApiRouter::Impl {
  DbPool& db;
  const workflow::Clock& clock;
  std::string shared_dir;
  UiConfig config;
  std::map<std::string, std::string> retourcodes;    // code -> text (Basisschema.xsd)
  std::map<std::string, std::string> redenen;        // LDT_RedenAfwijzingVerzoek -> text
  std::unique_ptr<db::Inbox> inbox;                  // null when the schemas could not be loaded
  std::shared_ptr<const codecs::SchemaSet> schemas;  // null likewise (301/319 decisions)
  std::string openapi;                               // rendered once
  BetalingConfig betaling;                           // the debtor of every payment file
};
using Services = ApiRouter::Impl;

struct Ctx {
  HttpRequest req;
  std::map<std::string, std::string> query;  // decoded
  std::vector<std::string> params;           // the {placeholders} of the pattern, in order
  db::Account account;                       // empty for public routes
  std::string Q(const std::string& name) const;
  db::Paging Paging() const;
  bool Csv() const { return Q("format") == "csv"; }
};

// Database work: `co_await s.db.Run([&](db::Connection& conn) {...})`. Capture by reference:
// the awaiting frame outlives the job, and with GCC 12 a coroutine argument with a
// non-trivially destructible capture (a [=] lambda holding strings) is freed twice.
using Handler = boost::asio::awaitable<HttpResponse> (*)(Services&, Ctx);
struct Route {
  RouteInfo info;
  Handler fn;
};
const std::vector<Route>& RouteTable();

// ---- rendering ---------------------------------------------------------------------------------
HttpResponse JsonResponse(int status, const nlohmann::json& j);
HttpResponse JsonError(int status, const std::string& message);
// Rows as JSON objects (numbers, booleans and JSON columns typed). mask_bsn: every column named
// "bsn" is masked.
nlohmann::json RowsJson(const db::Table& t, bool mask_bsn = true);
// A paged list: {"items", "total", "limit", "offset"} or, with format=csv, the rows as CSV.
HttpResponse ListResponse(const db::Table& t, const Ctx& c, const std::string& csv_name,
                          bool mask_bsn = true);
std::string TableCsv(const db::Table& t, bool mask_bsn = true);
// "999912345" -> "*****2345".
std::string MaskBsn(const std::string& bsn);
// Masks the content of every <Bsn> element (any prefix) of an iWmo/iJw message.
std::string MaskBsnInXml(const std::string& xml);
std::string PercentDecode(std::string_view s);
// A request body's field: null when `body` is no object or lacks `key` (operator[] on a const
// json with a missing key is undefined behaviour, so handlers read fields only through these).
const nlohmann::json* Field(const nlohmann::json& body, const char* key);
// The field's text when it is a JSON string, else null.
const std::string* TextField(const nlohmann::json& body, const char* key);
bool ParseId(const std::string& s, int64_t& out);
// Today in the Netherlands, by the router's (injected) clock.
codecs::Date Vandaag(const Services& s);
// ?peildatum=JJJJ-MM-DD, else today; nullopt when it is no date.
std::optional<codecs::Date> Peildatum(const Services& s, const Ctx& c);
// `n` digits: an AGB-code has 8, a gemeentecode 4.
bool Digits(const std::string& s, size_t n);

// ---- handlers (handlers_*.cpp, router.cpp) ---------------------------------------------------
using Awaitable = boost::asio::awaitable<HttpResponse>;
Awaitable Login(Services& s, Ctx c);
Awaitable OpenApi(Services& s, Ctx c);

Awaitable ListDeclaraties(Services& s, Ctx c);
Awaitable GetDeclaratie(Services& s, Ctx c);
Awaitable BesluitDeclaratie(Services& s, Ctx c);
Awaitable ListHolds(Services& s, Ctx c);
Awaitable CreateHold(Services& s, Ctx c);
Awaitable EndHold(Services& s, Ctx c);
Awaitable ListRetourcodes(Services& s, Ctx c);
Awaitable SaveToewijzingen(Services& s, Ctx c);

Awaitable ListVerzoeken(Services& s, Ctx c);
Awaitable GetVerzoek(Services& s, Ctx c);
Awaitable BesluitVerzoek(Services& s, Ctx c);

Awaitable Backlog(Services& s, Ctx c);
Awaitable Deadlines(Services& s, Ctx c);
Awaitable PaymentBacklog(Services& s, Ctx c);
Awaitable ListBatches(Services& s, Ctx c);
Awaitable MakeBatch(Services& s, Ctx c);
Awaitable GetBatch(Services& s, Ctx c);
Awaitable ListBatchDeclaraties(Services& s, Ctx c);
Awaitable ExportBatch(Services& s, Ctx c);
Awaitable DownloadPain001(Services& s, Ctx c);
Awaitable BatchPaid(Services& s, Ctx c);
Awaitable CancelBatch(Services& s, Ctx c);
Awaitable GetHandelsrente(Services& s, Ctx c);
Awaitable SetHandelsrente(Services& s, Ctx c);
Awaitable Queues(Services& s, Ctx c);
Awaitable Rates(Services& s, Ctx c);
Awaitable ListOutbox(Services& s, Ctx c);
Awaitable RetryOutbox(Services& s, Ctx c);
Awaitable ListAlerts(Services& s, Ctx c);
Awaitable AcknowledgeAlert(Services& s, Ctx c);
Awaitable CloseAlert(Services& s, Ctx c);

Awaitable ListAanbieders(Services& s, Ctx c);
Awaitable AanbiederBerichten(Services& s, Ctx c);
Awaitable AanbiederAfwijzingen(Services& s, Ctx c);
Awaitable AanbiederTijdigheid(Services& s, Ctx c);
Awaitable AanbiederVolume(Services& s, Ctx c);
Awaitable AanbiederOpenstaand(Services& s, Ctx c);
Awaitable GetAanbieder(Services& s, Ctx c);
Awaitable AanbiederBetalingen(Services& s, Ctx c);

Awaitable FindBerichten(Services& s, Ctx c);
Awaitable GetBericht(Services& s, Ctx c);
Awaitable GetBerichtXml(Services& s, Ctx c);

Awaitable ListAudit(Services& s, Ctx c);
Awaitable ListAccounts(Services& s, Ctx c);
Awaitable SaveAccount(Services& s, Ctx c);

}  // namespace sluis::gateway::api
