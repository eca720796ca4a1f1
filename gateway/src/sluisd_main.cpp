// sluisd: the Sluis daemon. Composition root: reads the config, wires listeners, database pool
// and workers, and runs until SIGTERM. Exit codes: 0 clean stop, 1 runtime failure, 2 bad
// configuration or usage.
#include <utility>

#include <cstdio>
#include <cstring>
#include <thread>

#include <boost/asio.hpp>

#include "sluis/codecs/xsd.h"
#include "sluis/db/group_commit.h"
#include "sluis/db/inbox.h"
#include "sluis/db/messaging.h"
#include "sluis/db/migrations.h"

#include "admin_routes.h"
#include "api/router.h"
#include "clock.h"
#include "config.h"
#include "db_pool.h"
#include "ebms/cpa_registry.h"
#include "ebms/msh.h"
#include "ebms/transport_metrics.h"
#include "ebms/workers.h"
#include "log.h"
#include "metrics.h"
#include "net/https_client.h"
#include "net/https_server.h"
#include "net/tls.h"
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

// Refusals and handshake failures of the listeners, counted.
class MetricsObserver final : public ListenerObserver {
 public:
  explicit MetricsObserver(MetricsRegistry& m) : m_(m) {}
  void OnRefused(const std::string& listener, const std::string&,
                 const std::string& reason) override {
    tm::HttpRefused(m_, listener, reason).Inc();
  }
  void OnHandshakeFailed(const std::string& listener, const std::string&, const std::string& reason,
                         const std::string&) override {
    tm::TlsHandshakeFailures(m_, listener, reason).Inc();
  }

 private:
  MetricsRegistry& m_;
};

// Expiry dates of the certificates Sluis depends on: ours and those in the CPAs.
std::vector<std::pair<std::string, std::chrono::system_clock::time_point>> CpaCertificates(
    const CpaRegistry& cpas) {
  std::vector<std::pair<std::string, std::chrono::system_clock::time_point>> out;
  for (const auto& e : cpas.entries()) {
    for (const auto& party : e->cpa.parties) {
      for (const auto& cert : party.certificates) {
        if (auto d = DescribeCertificateDer(cert.der)) {
          out.emplace_back("cpa:" + e->cpa.cpa_id + ":" + cert.cert_id, d->not_after);
        }
      }
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (const int rc = ParseArgs(argc, argv, args); rc >= 0) return rc;

  Config cfg;
  std::unique_ptr<TlsReloader> tls;
  std::string db_url;
  std::shared_ptr<const sluis::codecs::SchemaSet> schemas;
  std::shared_ptr<const CpaRegistry> cpas;
  try {
    cfg = LoadConfig(args.config);
    tls = std::make_unique<TlsReloader>(
        TlsFiles{cfg.tls.cert_file, cfg.tls.key_file, cfg.tls.ca_file});
    db_url = ResolveDatabaseUrl(cfg.database);
    auto loaded = sluis::codecs::SchemaSet::Load(cfg.shared_dir);
    if (!loaded.ok()) {
      throw ConfigError("config: shared_dir: " + loaded.error().ToString());
    }
    schemas = std::move(loaded).value();
    cpas = CpaRegistry::Load(cfg, schemas.get());
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

  // The inbox's workers hold a connection for a whole batch: threads of their own on top.
  DbPool pool(db_url, cfg.database.pool_size + (cfg.inbox.enabled ? cfg.inbox.workers : 0));
  if (const int rc = CheckSchema(pool, cfg); rc != 0) return rc;

  net::io_context ioc(static_cast<int>(cfg.io_threads));
  SystemClock clock;
  MetricsRegistry metrics;
  MetricsObserver observer(metrics);
  for (const auto& e : cpas->entries()) {
    LogInfo("cpa_loaded", {{"ggk", e->config.name},
                           {"cpa_id", e->cpa.cpa_id},
                           {"party_id", e->config.party_id},
                           {"service", e->service.value},
                           {"endpoint", e->routes.begin()->second.route.endpoint_uri}});
  }

  HttpsClient client(ioc, [&] { return tls->client(); },
                     {.connect_timeout_ms = cfg.outbox.connect_timeout_ms,
                      .handshake_timeout_ms = cfg.outbox.connect_timeout_ms,
                      .request_timeout_ms = cfg.outbox.request_timeout_ms,
                      .max_idle_per_endpoint = cfg.outbox.max_idle_per_endpoint});
  WorkerDeps deps{&ioc, &pool, &clock, &metrics, cpas, schemas.get(), &cfg.gemeente};
  std::unique_ptr<Worker> delivery = MakeDeliveryWorker(deps, cfg.outbox, &client);
  std::unique_ptr<Worker> pack = MakePackWorker(deps, cfg.pack, delivery.get());
  sluis::workflow::Beleid beleid;
  beleid.hh_zes_weken_per_periode = cfg.hh_zes_weken_per_periode;
  std::unique_ptr<Worker> inbox =
      MakeInboxWorker(deps, cfg.inbox,
                      std::make_shared<sluis::db::Inbox>(sluis::db::InboxConfig{
                          schemas, sluis::workflow::WorkingDayCalendar(), beleid}),
                      pack.get());
  std::unique_ptr<Worker> unpack = MakeUnpackWorker(deps, cfg.unpack, delivery.get(), inbox.get());
  std::vector<Worker*> running;
  // The workflow runs whether or not a GGk is configured (its answers wait in bericht).
  if (cfg.inbox.enabled) running.push_back(inbox.get());
  std::unique_ptr<Worker> deadlines =
      MakeDeadlineWorker(deps, cfg.deadlines, &client, cfg.alert_webhook_url);
  if (cfg.deadlines.enabled) running.push_back(deadlines.get());
  if (!cpas->empty()) {
    if (cfg.outbox.enabled) running.push_back(delivery.get());
    if (cfg.unpack.enabled) running.push_back(unpack.get());
    if (cfg.pack.enabled) running.push_back(pack.get());
  }

  sluis::db::GroupCommitWriter writer({.url = db_url, .max_batch = cfg.store_batch});
  writer.OnCommitted([&](bool business, bool outbox) {
    if (business) unpack->Poke();
    if (outbox) delivery->Poke();
  });
  Msh msh({cpas, &pool, &writer, &clock, &metrics});

  const auto cpa_certificates = CpaCertificates(*cpas);
  AdminRoutes admin_routes(pool, "Sluis");
  api::ApiRouter api_router(pool, clock, cfg.shared_dir, cfg.ui, cfg.betaling);

  admin_routes.SetMetrics([&]() -> net::awaitable<std::string> {
    const auto now = clock.Now();
    try {
      const sluis::db::OutboxStats s = co_await pool.Run(
          [now](sluis::db::Connection& c) { return sluis::db::ReadOutboxStats(c, now); });
      for (const auto& [state, n] : s.depth) {
        metrics.GetGauge("sluis_outbox_depth", "ebms_outbox rows by state", {{"state", state}})
            .Set(static_cast<double>(n));
      }
      metrics
          .GetGauge("sluis_outbox_oldest_seconds",
                    "Age of the oldest pending or unacknowledged outbox message")
          .Set(s.oldest_pending_seconds);
      metrics.GetGauge("sluis_database_up", "1 when the last scrape reached the database").Set(1);
    } catch (const std::exception&) {
      metrics.GetGauge("sluis_database_up", "1 when the last scrape reached the database").Set(0);
    }
    auto expiry = [&](const std::string& name, std::chrono::system_clock::time_point t) {
      metrics
          .GetGauge("sluis_certificate_expiry_seconds",
                    "Seconds until a certificate expires (negative: expired)",
                    {{"certificate", name}})
          .Set(std::chrono::duration<double>(t - std::chrono::system_clock::now()).count());
    };
    if (auto own = tls->own_certificate()) expiry("own", own->not_after);
    for (const auto& [name, t] : cpa_certificates) expiry(name, t);
    co_return metrics.Render();
  });

  HttpsServer admin(
      ioc, {.name = "admin", .listener = cfg.admin}, [&] { return tls->admin_server(); },
      [&](HttpRequest req) {
        // The web UI and its API (/ui, /api) first; health, readiness, status, metrics after.
        if (api::ApiRouter::Owns(req.Path())) return api_router.Handle(std::move(req));
        return admin_routes.Handle(std::move(req));
      },
      &observer);
  HttpsServer ebms(
      ioc, {.name = "ebms", .listener = cfg.ebms}, [&] { return tls->ebms_server(); },
      [&](HttpRequest req) { return msh.Handle(std::move(req)); }, &observer);
  try {
    admin.Start();
    ebms.Start();
    for (Worker* w : running) w->Start();
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
        client.CloseIdle();
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
    for (Worker* w : running) w->Stop();
    signals.cancel();
    // Connections and workers get up to five seconds to finish; then we stop regardless.
    net::co_spawn(
        ioc,
        [&]() -> net::awaitable<void> {
          net::steady_timer t(ioc);
          auto busy = [&] {
            bool workers = false;
            for (Worker* w : running) workers = workers || !w->idle();
            return workers || admin.active_connections() + ebms.active_connections() > 0;
          };
          for (int i = 0; i < 50 && busy(); ++i) {
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
