#include "api/router.h"

#include <fstream>
#include <optional>
#include <sstream>

#include <openssl/crypto.h>

#include "sluis/codecs/retourcodes.h"
#include "sluis/workflow/clock.h"

#include "api/api_internal.h"
#include "api/password.h"
#include "log.h"
#include "ui_assets.h"

namespace sluis::gateway::api {

using boost::asio::awaitable;

namespace {

constexpr char kCookie[] = "sluis_sessie";
std::string ReadBasisschema(const std::string& shared_dir) {
  std::ifstream in(shared_dir + "/istandaarden/iwmo-3.2/Basisschema.xsd", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Splits a target path into segments and matches a pattern; placeholders collect values.
bool Match(std::string_view pattern, std::string_view path, std::vector<std::string>& params) {
  params.clear();
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const size_t pe = pattern.find('/');
    const size_t te = path.find('/');
    const std::string_view ps = pattern.substr(0, pe);
    const std::string_view ts = path.substr(0, te);
    if (!ps.empty() && ps.front() == '{') {
      if (ts.empty()) return false;
      params.push_back(PercentDecode(ts));
    } else if (ps != ts) {
      return false;
    }
    pattern = pe == std::string_view::npos ? std::string_view() : pattern.substr(pe);
    path = te == std::string_view::npos ? std::string_view() : path.substr(te);
  }
  return true;
}

std::map<std::string, std::string> ParseQuery(std::string_view q) {
  std::map<std::string, std::string> out;
  while (!q.empty()) {
    const size_t amp = q.find('&');
    const std::string_view kv = q.substr(0, amp);
    const size_t eq = kv.find('=');
    if (!kv.empty()) {
      out[PercentDecode(kv.substr(0, eq))] =
          eq == std::string_view::npos ? "" : PercentDecode(kv.substr(eq + 1));
    }
    q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
  }
  return out;
}

std::string CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const size_t semi = header.find(';');
    std::string_view part = header.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
  }
  return {};
}

std::string PeerHost(const std::string& address) {
  const size_t colon = address.rfind(':');
  return colon == std::string::npos ? address : address.substr(0, colon);
}

bool SameToken(const std::string& a, std::string_view b) {
  return !a.empty() && a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

void AddSecurityHeaders(HttpResponse& r) {
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; img-src 'self' data:; style-src 'self';"
                         " script-src 'self'; frame-ancestors 'none'; form-action 'self'");
}

// The embedded web UI (gateway/ui/, cmake/EmbedAssets.cmake): /ui/ is index.html.
std::optional<HttpResponse> UiAsset(std::string_view path) {
  if (path == "/ui" || path == "/ui/") path = "/ui/index.html";
  if (path.substr(0, 4) != "/ui/") return std::nullopt;
  const std::string_view name = path.substr(4);
  for (const EmbeddedAsset& a : kUiAssets) {
    if (a.name != name) continue;
    const std::string_view ext = name.substr(name.rfind('.') + 1);
    const char* type = ext == "html"  ? "text/html; charset=utf-8"
                       : ext == "css" ? "text/css; charset=utf-8"
                                      : "text/javascript; charset=utf-8";
    HttpResponse r{200, type, {}, std::string(a.body)};
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
  }
  return std::nullopt;
}

nlohmann::json SessionJson(const db::Account& a, const std::string& csrf) {
  return {{"username", a.username},
          {"display_name", a.display_name},
          {"roles", a.roles},
          {"csrf_token", csrf}};
}

}  // namespace

// ---- public routes ---------------------------------------------------------------------------

awaitable<HttpResponse> Login(Services& s, Ctx c) {
  const nlohmann::json body = nlohmann::json::parse(c.req.body, nullptr, false);
  const std::string* username_field = TextField(body, "username");
  const std::string* password_field = TextField(body, "password");
  if (username_field == nullptr || password_field == nullptr) {
    co_return JsonError(400, "gebruikersnaam en wachtwoord zijn nodig");
  }
  // A cross-site form cannot send JSON without a CORS preflight we never allow.
  if (c.req.Header("content-type").substr(0, 16) != "application/json") {
    co_return JsonError(415, "verwacht application/json");
  }
  const std::string username = *username_field;
  const std::string password = *password_field;
  const std::string peer = PeerHost(c.req.peer.address);
  const auto now = s.clock.Now();
  const auto since = now - std::chrono::minutes(s.config.throttle_minutes);
  const db::FailedLogins failed = co_await s.db.Run(
      [&](db::Connection& conn) { return db::CountFailedLogins(conn, username, peer, since); });
  if (failed.by_username >= static_cast<int>(s.config.max_failed_logins) ||
      failed.by_peer >= static_cast<int>(s.config.max_failed_logins_per_address)) {
    co_await s.db.Run([&](db::Connection& conn) {
      db::RecordLoginAttempt(conn, username, peer, now, false);
      return 0;
    });
    LogWarn("login_throttled", {{"username", username}, {"peer", peer}});
    HttpResponse r =
        JsonError(429, "te veel mislukte pogingen; probeer het over " +
                           std::to_string(s.config.throttle_minutes) + " minuten opnieuw");
    r.headers.emplace_back("Retry-After", std::to_string(s.config.throttle_minutes * 60));
    co_return r;
  }
  const std::optional<db::Account> account =
      co_await s.db.Run([&](db::Connection& conn) { return db::FindAccount(conn, username); });
  // Without an account we still hash, so that timing does not tell which usernames exist.
  static const std::string kDummy = HashPassword("sluis-dummy");
  const bool ok = VerifyPassword(password, account ? account->password_hash : kDummy) && account &&
                  !account->disabled;
  if (!ok) {
    co_await s.db.Run([&](db::Connection& conn) {
      db::RecordLoginAttempt(conn, username, peer, now, false);
      return 0;
    });
    LogInfo("login_failed", {{"username", username}, {"peer", peer}});
    co_return JsonError(401, "gebruikersnaam of wachtwoord onjuist");
  }
  const std::string token = RandomToken();
  db::SessionRow row;
  row.token_sha256 = Sha256(token);
  row.account_id = account->id;
  row.csrf_token = RandomToken();
  row.created_at = now;
  row.expires_at = now + std::chrono::minutes(s.config.session_minutes);
  row.peer = peer;
  co_await s.db.Run([&](db::Connection& conn) {
    db::RecordLoginAttempt(conn, username, peer, now, true);
    db::CreateSession(conn, row);
    return 0;
  });
  LogInfo("login", {{"username", username}, {"peer", peer}});
  HttpResponse r = JsonResponse(200, SessionJson(*account, row.csrf_token));
  r.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=" + token +
                                           "; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=" +
                                           std::to_string(s.config.session_minutes * 60));
  co_return r;
}

awaitable<HttpResponse> OpenApi(Services& s, Ctx) { co_return HttpResponse::Json(200, s.openapi); }

namespace {

std::string RenderOpenApi() {
  nlohmann::json paths = nlohmann::json::object();
  for (const RouteInfo& r : ApiRouter::Routes()) {
    nlohmann::json op = {{"summary", r.summary}, {"tags", {r.tag}}, {"x-roles", r.roles}};
    nlohmann::json params = nlohmann::json::array();
    for (size_t i = r.pattern.find('{'); i != std::string::npos; i = r.pattern.find('{', i + 1)) {
      const std::string name = r.pattern.substr(i + 1, r.pattern.find('}', i) - i - 1);
      params.push_back(
          {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    for (const auto& q : r.query) {
      params.push_back({{"name", q}, {"in", "query"}, {"schema", {{"type", "string"}}}});
    }
    if (r.list) {
      params.push_back({{"name", "limit"},
                        {"in", "query"},
                        {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}}}});
      params.push_back(
          {{"name", "offset"}, {"in", "query"}, {"schema", {{"type", "integer"}, {"minimum", 0}}}});
      params.push_back({{"name", "format"},
                        {"in", "query"},
                        {"schema", {{"type", "string"}, {"enum", {"json", "csv"}}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    nlohmann::json responses = {{"200", {{"description", "OK"}}}};
    if (r.list) {
      responses["200"]["content"] = {
          {"application/json", {{"schema", {{"$ref", "#/components/schemas/Lijst"}}}}},
          {"text/csv", {{"schema", {{"type", "string"}}}}}};
    }
    if (!r.roles.empty()) {
      responses["401"] = {{"description", "niet ingelogd"}};
      responses["403"] = {{"description", "rol niet toegestaan, of CSRF-token ontbreekt"}};
      op["security"] = {{{"sessie", nlohmann::json::array()}}};
    }
    if (r.method == "POST") {
      op["requestBody"] = {{"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
      if (!r.roles.empty()) {
        params.push_back({{"name", "X-CSRF-Token"},
                          {"in", "header"},
                          {"required", true},
                          {"schema", {{"type", "string"}}}});
        op["parameters"] = params;
      }
    }
    op["responses"] = responses;
    std::string m = r.method;
    for (auto& ch : m) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    paths[r.pattern][m] = op;
  }
  nlohmann::json doc = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "Sluis API"},
        {"version", "1"},
        {"description",
         "De API achter de webinterface van Sluis. Elke route noemt in x-roles de rollen die "
         "haar mogen gebruiken. Lijsten: limit, offset, format=csv."}}},
      {"paths", paths},
      {"components",
       {{"securitySchemes",
         {{"sessie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", kCookie}}}}},
        {"schemas",
         {{"Lijst",
           {{"type", "object"},
            {"properties",
             {{"items", {{"type", "array"}, {"items", {{"type", "object"}}}}},
              {"total", {{"type", "integer"}}},
              {"limit", {{"type", "integer"}}},
              {"offset", {{"type", "integer"}}}}}}}}}}}};
  return doc.dump(1);
}

}  // namespace

namespace {

struct Authenticated {
  bool ok = false;
  db::ActiveSession session;
  std::string token_sha256;
};

awaitable<Authenticated> Authenticate(Services& s, const HttpRequest& req) {
  Authenticated a;
  const std::string token = CookieValue(req.Header("cookie"), kCookie);
  if (token.empty()) co_return a;
  a.token_sha256 = Sha256(token);
  const auto now = s.clock.Now();
  const std::string hash = a.token_sha256;
  const std::optional<db::ActiveSession> session =
      co_await s.db.Run([&](db::Connection& conn) { return db::LoadSession(conn, hash, now); });
  if (session) {
    a.ok = true;
    a.session = *session;
  }
  co_return a;
}

bool CsrfOk(const HttpRequest& req, const db::ActiveSession& session) {
  return SameToken(session.csrf_token, req.Header("x-csrf-token"));
}

awaitable<HttpResponse> Dispatch(Services& s, HttpRequest req) {
  const std::string path(req.Path());
  Ctx c;
  c.query = ParseQuery(req.Query());
  const Route* route = nullptr;
  bool path_known = false;
  for (const Route& r : RouteTable()) {
    if (!Match(r.info.pattern, path, c.params)) continue;
    path_known = true;
    if (r.info.method == req.method || (r.info.method == "GET" && req.method == "HEAD")) {
      route = &r;
      break;
    }
  }
  const bool sessie = path == "/api/sessie" && req.method == "GET";
  const bool logout = path == "/api/logout" && req.method == "POST";
  if (!route && !sessie && !logout) {
    co_return path_known ? JsonError(405, "methode niet toegestaan")
                         : JsonError(404, "onbekende route");
  }
  if (route && route->info.roles.empty()) {
    c.req = std::move(req);
    co_return co_await route->fn(s, std::move(c));
  }
  const Authenticated auth = co_await Authenticate(s, req);
  if (!auth.ok) co_return JsonError(401, "niet ingelogd");
  const db::Account& account = auth.session.account;
  if (sessie) co_return JsonResponse(200, SessionJson(account, auth.session.csrf_token));
  if (!CsrfOk(req, auth.session) && req.method != "GET" && req.method != "HEAD") {
    LogWarn("csrf_rejected", {{"username", account.username}, {"path", path}});
    co_return JsonError(403, "CSRF-token ontbreekt of klopt niet");
  }
  if (logout) {
    const std::string hash = auth.token_sha256;
    co_await s.db.Run([&](db::Connection& conn) {
      db::DeleteSession(conn, hash);
      return 0;
    });
    HttpResponse r = JsonResponse(200, {{"status", "uitgelogd"}});
    r.headers.emplace_back("Set-Cookie", std::string(kCookie) +
                                             "=; Path=/; HttpOnly; Secure; SameSite=Strict; "
                                             "Max-Age=0");
    co_return r;
  }
  bool allowed = false;
  for (const auto& role : route->info.roles) allowed = allowed || account.HasRole(role);
  if (!allowed) {
    LogInfo("forbidden", {{"username", account.username}, {"path", path}});
    co_return JsonError(403, "geen toegang voor jouw rol");
  }
  c.account = account;
  c.req = std::move(req);
  HttpResponse r;
  std::string refused;
  int refused_status = 0;
  try {
    r = co_await route->fn(s, std::move(c));
  } catch (const db::RefusedError& e) {
    refused = e.what();
    refused_status = 409;
  } catch (const db::DbError& e) {
    LogError("api_db_error", {{"path", path}, {"error", e.what()}});
    switch (e.error_class()) {
      case db::DbError::Class::kRetryable:
        refused = "database niet bereikbaar";
        refused_status = 503;
        break;
      case db::DbError::Class::kConflict:
        refused = "de gegevens staan dit niet toe";
        refused_status = 422;
        break;
      default:
        refused = "databasefout";
        refused_status = 500;
    }
  } catch (const std::exception& e) {
    LogError("api_error", {{"path", path}, {"error", e.what()}});
    refused = "interne fout";
    refused_status = 500;
  }
  if (refused_status) co_return JsonError(refused_status, refused);
  co_return r;
}

}  // namespace

ApiRouter::ApiRouter(DbPool& db, const workflow::Clock& clock, std::string shared_dir,
                     UiConfig config, BetalingConfig betaling)
    : impl_(new Impl{
          db, clock, std::move(shared_dir), config, {}, {}, nullptr, nullptr, RenderOpenApi()}) {
  impl_->betaling = std::move(betaling);
  const std::string basisschema = ReadBasisschema(impl_->shared_dir);
  impl_->retourcodes = codecs::ParseRetourcodeTexts(basisschema);
  impl_->redenen = codecs::ParseEnumerationTexts(basisschema, "LDT_RedenAfwijzingVerzoek");
  auto schemas = codecs::SchemaSet::Load(impl_->shared_dir);
  if (schemas) {
    impl_->schemas = *schemas;
    impl_->inbox = std::make_unique<db::Inbox>(
        db::InboxConfig{*schemas, workflow::WorkingDayCalendar(), workflow::Beleid{}});
  } else {
    LogWarn("ui_schemas_missing", {{"error", schemas.error().message}});
  }
}

ApiRouter::~ApiRouter() = default;

std::string ApiRouter::OpenApiJson() const { return impl_->openapi; }

bool ApiRouter::Owns(std::string_view path) {
  return path == "/api" || path.substr(0, 5) == "/api/" || path == "/ui" ||
         path.substr(0, 4) == "/ui/";
}

awaitable<HttpResponse> ApiRouter::Handle(HttpRequest req) {
  Services& s = *impl_;
  const std::string path(req.Path());
  HttpResponse out;
  if (const std::optional<HttpResponse> asset = UiAsset(path)) {
    out = *asset;
  } else if (!Owns(path)) {
    co_return HttpResponse::Text(404, "");
  } else {
    out = co_await Dispatch(s, std::move(req));
  }
  AddSecurityHeaders(out);
  co_return out;
}

}  // namespace sluis::gateway::api
