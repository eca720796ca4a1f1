// sluisd: the Sluis daemon. Composition root: reads the config, wires listeners, database pool
// and workers, and runs until SIGTERM. Exit codes: 0 clean stop, 1 runtime failure, 2 bad
// configuration or usage.
#include <utility>

#include <cstdio>
#include <cstring>
#include <thread>

#include <boost/asio.hpp>

#include "sluis/db/migrations.h"

#include "admin_routes.h"
#include "api/router.h"
#include "api/system_clock.h"
#include "config.h"
#include "db_pool.h"
#include "log.h"
#include "net/https_server.h"
#include "tls_reloader.h"
#include "version.h"

namespace {

namespace net = boost::asio;
using namespace sluis::gateway;

constexpr char kUsage[] =
    "usage: sluisd --config FILE\n"
    "       sluisd --check-config --config FILE\n"
    "       sluisd --version\n"
    "\n"
    "Runs the Sluis gateway: the Digikoppeling ebMS2 endpoint (two-way TLS) and the admin\n"
    "listener (health, metrics, API and web UI). Logs are JSON lines on stdout.\n"
    "Signals: SIGTERM/SIGINT stop cleanly; SIGHUP re-reads the TLS certificates.\n";

struct Args {
  std::string config;
  bool check_only = false;
};

int ParseArgs(int argc, char** argv, Args& out) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a == "--version") {
      std::printf("sluisd %s (%s)\n", kSluisVersion, kSluisGitRevision);
      return 0;
    }
    if (a == "--check-config") {
      out.check_only = true;
    } else if (a == "--config" && i + 1 < argc) {
      out.config = argv[++i];
    } else if (a.rfind("--config=", 0) == 0) {
      out.config = a.substr(9);
    } else {
      std::fprintf(stderr, "sluisd: unknown argument '%s'\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  if (out.config.empty()) {
    std::fprintf(stderr, "sluisd: --config FILE is required\n%s", kUsage);
    return 2;
  }
  return -1;  // continue
}

// Start-up schema check: refuse a database that is newer than this binary; apply or report
// pending migrations. An unreachable database is not fatal: /readyz reports it until it is back.
int CheckSchema(DbPool& pool, const Config& cfg) {
  try {
    const auto status =
        pool.RunSync([](sluis::db::Connection& c) { return sluis::db::InspectSchema(c); });
    if (status.ahead()) {
      LogError("schema_ahead", {{"schema", status.Describe()},
                                {"hint", "this sluisd is older than the database: upgrade it"}});
      return 1;
    }
    if (!status.pending.empty()) {
      if (cfg.database.auto_migrate) {
        const auto report =
            pool.RunSync([](sluis::db::Connection& c) { return sluis::db::Migrate(c); });
        LogInfo("schema_migrated", {{"from", report.from_version},
                                    {"to", report.to_version},
                                    {"applied", report.applied}});
      } else {
        LogWarn("schema_pending", {{"schema", status.Describe()},
                                   {"hint", "run: sluis db migrate --config " + cfg.config_path}});
      }
    } else {
      LogInfo("schema_current", {{"schema", status.Describe()}});
    }
  } catch (const sluis::db::DbError& e) {
    if (e.error_class() != sluis::db::DbError::Class::kRetryable) {
      LogError("database_error",
               {{"error", e.what()}, {"class", DbErrorClassName(e.error_class())}});
      return 1;
    }
    LogWarn("database_unreachable", {{"error", e.what()}});
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (const int rc = ParseArgs(argc, argv, args); rc >= 0) return rc;

  Config cfg;
  std::unique_ptr<TlsReloader> tls;
  std::string db_url;
  try {
    cfg = LoadConfig(args.config);
    tls = std::make_unique<TlsReloader>(
        TlsFiles{cfg.tls.cert_file, cfg.tls.key_file, cfg.tls.ca_file});
    db_url = ResolveDatabaseUrl(cfg.database);
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "sluisd: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sluisd: config: tls: %s\n", e.what());
    return 2;
  }
  if (args.check_only) {
    std::printf("sluisd: %s is valid\n", args.config.c_str());
    return 0;
  }
  SetLogLevel(ParseLogLevel(cfg.log.level));
  LogInfo("starting", {{"version", kSluisVersion},
                       {"config", cfg.config_path},
                       {"database", sluis::db::RedactUrl(db_url)}});

  DbPool pool(db_url, cfg.database.pool_size);
  if (const int rc = CheckSchema(pool, cfg); rc != 0) return rc;

  net::io_context ioc(static_cast<int>(cfg.io_threads));
  AdminRoutes admin_routes(pool, "Sluis");
  api::SystemClock system_clock;
  api::ApiRouter api_router(pool, system_clock, cfg.shared_dir, cfg.ui);

  HttpsServer admin(
      ioc, {.name = "admin", .listener = cfg.admin}, [&] { return tls->admin_server(); },
      [&](HttpRequest req) {
        // The web UI and its API (/ui, /api) first; health, readiness and status after.
        if (api::ApiRouter::Owns(req.Path())) return api_router.Handle(std::move(req));
        return admin_routes.Handle(std::move(req));
      });
  HttpsServer ebms(
      ioc, {.name = "ebms", .listener = cfg.ebms}, [&] { return tls->ebms_server(); },
      [](HttpRequest) -> net::awaitable<HttpResponse> {
        co_return HttpResponse::Text(503, "ebMS endpoint: no CPA configured\n");
      });
  try {
    admin.Start();
    ebms.Start();
  } catch (const std::exception& e) {
    LogError("listen_failed", {{"error", e.what()}});
    return 1;
  }

  net::signal_set signals(ioc, SIGTERM, SIGINT, SIGHUP);
  std::function<void(const boost::system::error_code&, int)> on_signal;
  on_signal = [&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    if (sig == SIGHUP) {
      const std::string error = tls->Reload();
      if (error.empty()) {
        LogInfo("tls_reloaded", {{"certificate", cfg.tls.cert_file}});
      } else {
        LogError("tls_reload_failed", {{"error", error}, {"kept", "previous certificates"}});
      }
      signals.async_wait(on_signal);
      return;
    }
    LogInfo("stopping", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
    admin.Stop();
    ebms.Stop();
    signals.cancel();
    // Connections get up to five seconds to finish their request; then we stop regardless.
    net::co_spawn(
        ioc,
        [&]() -> net::awaitable<void> {
          net::steady_timer t(ioc);
          for (int i = 0; i < 50 && admin.active_connections() + ebms.active_connections() > 0;
               ++i) {
            t.expires_after(std::chrono::milliseconds(100));
            co_await t.async_wait(net::use_awaitable);
          }
          ioc.stop();
        },
        net::detached);
  };
  signals.async_wait(on_signal);

  std::vector<std::thread> threads;
  for (uint32_t i = 1; i < cfg.io_threads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  LogInfo("stopped");
  return 0;
}
