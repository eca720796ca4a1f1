// The admin listener's routes that need no login: liveness, readiness, and (until the web UI
// takes over "/") a status page. Readiness means: the database answers and its schema is the
// one this binary was built for.
#pragma once

#include <utility>  // before Asio 1.18 headers (std::exchange in awaitable.hpp)

#include <functional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "net/http_types.h"

namespace sluis::gateway {

class DbPool;

class AdminRoutes {
 public:
  AdminRoutes(DbPool& db, std::string instance_name);

  // GET /metrics answers with what `render` returns (Prometheus text format); without it, 404.
  using MetricsRenderer = std::function<boost::asio::awaitable<std::string>()>;
  void SetMetrics(MetricsRenderer render) { metrics_ = std::move(render); }

  // Returns 404 for paths it does not own, so that it can be chained.
  // By value: a coroutine must own its arguments (it runs after the caller returns).
  boost::asio::awaitable<HttpResponse> Handle(HttpRequest req);

  struct Readiness {
    bool database_reachable = false;
    bool schema_current = false;
    std::string detail;  // one line: "current (v1)", the connection error, ...
    bool ready() const { return database_reachable && schema_current; }
  };
  boost::asio::awaitable<Readiness> CheckReadiness();

 private:
  DbPool& db_;
  std::string instance_name_;
  MetricsRenderer metrics_;
};

}  // namespace sluis::gateway
