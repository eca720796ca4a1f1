// The HTTP API (/api/...) and the web UI (/ui/...) on the admin listener. Every /api route has
// a fixed set of roles that may use it; the router checks the session (cookie), the role and,
// for every state-changing request, the CSRF token before a handler runs. The route table is
// also the source of /api/openapi.json, so that the document and the checks cannot disagree.
//
// No Beast here (only the plain HttpRequest/HttpResponse values); thread-safe: handlers run on
// any io_context thread and reach the database through the DbPool.
#pragma once

#include <utility>  // before Asio 1.18 headers (std::exchange in awaitable.hpp)

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "config.h"
#include "net/http_types.h"

namespace sluis::workflow {
class Clock;
}

namespace sluis::gateway {

class DbPool;

using UiConfig = UiSettings;  // [ui] in sluisd.toml (config.h)

namespace api {

// What the route table says about one route (for OpenAPI and the tests).
struct RouteInfo {
  std::string method;              // GET | POST
  std::string pattern;             // "/api/declaraties/{id}"
  std::vector<std::string> roles;  // empty: no login needed
  std::string summary, tag;
  std::vector<std::string> query;  // documented query parameters
  bool list = false;               // paged list: limit, offset, format=csv
};

class ApiRouter {
 public:
  // shared_dir: the reference material (istandaarden/ for schemas and retourcode texts).
  // clock: the time for sessions, throttling and decisions; must outlive the router.
  // betaling: the debtor account(s) of the payment files (none: batches cannot be exported).
  ApiRouter(DbPool& db, const workflow::Clock& clock, std::string shared_dir, UiConfig config,
            BetalingConfig betaling = {});
  ~ApiRouter();
  ApiRouter(const ApiRouter&) = delete;
  ApiRouter& operator=(const ApiRouter&) = delete;

  // Answers /api/... and /ui/...; 404 (empty body) for any other path, so that it can be
  // chained before AdminRoutes. By value: a coroutine must own its arguments.
  boost::asio::awaitable<HttpResponse> Handle(HttpRequest req);
  // True when Handle answers this path (the composition root chains on it).
  static bool Owns(std::string_view path);

  static std::vector<RouteInfo> Routes();
  std::string OpenApiJson() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace api
}  // namespace sluis::gateway
