#include "admin_routes.h"

#include <nlohmann/json.hpp>

#include "sluis/db/migrations.h"

#include "db_pool.h"
#include "markup.h"
#include "version.h"

namespace sluis::gateway {

using boost::asio::awaitable;

namespace {

// A self-contained status page (Dutch, like the rest of the UI): what runs, and whether it is
// ready. It refreshes its readiness every five seconds from /readyz.
std::string StatusPage(const std::string& instance, const AdminRoutes::Readiness& r) {
  std::string html = R"(<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Sluis – status</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b2733;background:#f6f8fa}
h1{margin:0 0 .2rem}dl{display:grid;grid-template-columns:max-content auto;gap:.4rem 1.2rem}
dt{font-weight:600}.ok{color:#1a7f37}.bad{color:#b42318}
</style></head><body>
<h1>Sluis</h1><p>Berichtenverkeer iWmo/iJw – )";
  html += EscapeMarkup(instance);
  html += R"(</p>
<dl>
<dt>Versie</dt><dd id="versie">)";
  html += kSluisVersion;
  html += R"(</dd>
<dt>Database</dt><dd id="database" class=")";
  html += r.database_reachable ? "ok\">bereikbaar" : "bad\">niet bereikbaar";
  html += R"(</dd>
<dt>Schema</dt><dd id="schema">)";
  html += EscapeMarkup(r.detail);
  html += R"(</dd>
<dt>Gereed</dt><dd id="gereed" class=")";
  html += r.ready() ? "ok\">ja" : "bad\">nee";
  html += R"(</dd>
</dl>
<script>
async function refresh(){
  try{
    const res=await fetch('/readyz',{cache:'no-store'});const j=await res.json();
    const db=document.getElementById('database');
    db.textContent=j.database==='reachable'?'bereikbaar':'niet bereikbaar';
    db.className=j.database==='reachable'?'ok':'bad';
    document.getElementById('schema').textContent=j.schema;
    const g=document.getElementById('gereed');
    g.textContent=j.status==='ready'?'ja':'nee';g.className=j.status==='ready'?'ok':'bad';
  }catch(e){}
}
setInterval(refresh,5000);
</script>
</body></html>
)";
  return html;
}

}  // namespace

AdminRoutes::AdminRoutes(DbPool& db, std::string instance_name)
    : db_(db), instance_name_(std::move(instance_name)) {}

awaitable<AdminRoutes::Readiness> AdminRoutes::CheckReadiness() {
  Readiness r;
  try {
    const db::SchemaStatus s = co_await db_.Run([](db::Connection& c) {
      c.Ping();
      return db::InspectSchema(c);
    });
    r.database_reachable = true;
    r.schema_current = s.current();
    r.detail = s.Describe();
  } catch (const std::exception& e) {
    r.detail = e.what();
    while (!r.detail.empty() && (r.detail.back() == '\n' || r.detail.back() == ' ')) {
      r.detail.pop_back();
    }
  }
  co_return r;
}

awaitable<HttpResponse> AdminRoutes::Handle(HttpRequest req) {
  const std::string_view path = req.Path();
  if (req.method != "GET" && req.method != "HEAD") {
    co_return HttpResponse::Text(404, "not found\n");
  }
  if (path == "/healthz") {
    co_return HttpResponse::Json(200, R"({"status":"ok"})");
  }
  if (path == "/readyz") {
    const Readiness r = co_await CheckReadiness();
    nlohmann::json j = {{"status", r.ready() ? "ready" : "not_ready"},
                        {"database", r.database_reachable ? "reachable" : "unreachable"},
                        {"schema", r.detail}};
    co_return HttpResponse::Json(r.ready() ? 200 : 503, j.dump());
  }
  if (path == "/" || path == "/status") {
    const Readiness r = co_await CheckReadiness();
    co_return HttpResponse::Html(200, StatusPage(instance_name_, r));
  }
  if (path == "/metrics" && metrics_) {
    HttpResponse r;
    r.status = 200;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = co_await metrics_();
    co_return r;
  }
  if (path == "/version") {
    nlohmann::json j = {{"name", "sluisd"}, {"version", kSluisVersion}, {"git", kSluisGitRevision}};
    co_return HttpResponse::Json(200, j.dump());
  }
  co_return HttpResponse::Text(404, "not found\n");
}

}  // namespace sluis::gateway
