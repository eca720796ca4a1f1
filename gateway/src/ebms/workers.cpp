#include "ebms/workers.h"
#include <utility>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <set>
#include <vector>

#include <boost/asio.hpp>

#include "sluis/codecs/bericht_type.h"
#include "sluis/db/betaling.h"
#include "sluis/db/deadlines.h"
#include "sluis/db/inbox.h"
#include "sluis/db/messaging.h"
#include "sluis/db/register.h"
#include "sluis/db/verzoeken.h"

#include "db_pool.h"
#include "ebms/outbound.h"
#include "ebms/register.h"
#include "ebms/transport_metrics.h"
#include "log.h"
#include "net/https_client.h"
#include <unistd.h>

namespace sluis::gateway {

namespace net = boost::asio;
using net::awaitable;
using net::use_awaitable;
using std::chrono::milliseconds;

namespace {

using Strand = net::strand<net::io_context::executor_type>;

// A poll timer that can be cut short from any thread. Wait runs on the strand. The state is
// shared with posted cancellations, so a late Poke never touches a destroyed timer.
class Wakeup {
 public:
  explicit Wakeup(net::io_context& ioc) : s_(std::make_shared<State>(ioc)) {}
  Strand& strand() { return s_->strand; }

  awaitable<void> Wait(milliseconds max) {
    std::shared_ptr<State> s = s_;
    if (s->poked.exchange(false)) co_return;
    s->timer.expires_after(max);
    boost::system::error_code ec;
    co_await s->timer.async_wait(net::redirect_error(use_awaitable, ec));
    s->poked.store(false);
  }
  void Poke() {
    s_->poked.store(true);
    net::post(s_->strand, [s = s_] { s->timer.cancel(); });
  }

 private:
  struct State {
    explicit State(net::io_context& ioc) : strand(net::make_strand(ioc)), timer(strand) {}
    Strand strand;
    net::steady_timer timer;
    std::atomic<bool> poked{false};
  };
  std::shared_ptr<State> s_;
};

// The shape shared by the three workers: a loop on the wakeup's strand, kept alive by a
// shared_ptr while it runs.
template <class Impl>
class WorkerHandle final : public Worker {
 public:
  explicit WorkerHandle(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  ~WorkerHandle() override { impl_->stopping = true; }
  void Start() override {
    impl_->running = true;
    net::co_spawn(impl_->wake.strand(), impl_->Loop(impl_), net::detached);
  }
  void Stop() override {
    impl_->stopping = true;
    impl_->wake.Poke();
  }
  void Poke() override { impl_->wake.Poke(); }
  bool idle() const override { return !impl_->running; }

 private:
  std::shared_ptr<Impl> impl_;
};

// Several loops of one kind behind one handle (the inbox's workers).
class WorkerGroup final : public Worker {
 public:
  explicit WorkerGroup(std::vector<std::unique_ptr<Worker>> members)
      : members_(std::move(members)) {}
  void Start() override {
    for (auto& w : members_) w->Start();
  }
  void Stop() override {
    for (auto& w : members_) w->Stop();
  }
  void Poke() override {
    for (auto& w : members_) w->Poke();
  }
  bool idle() const override {
    for (const auto& w : members_) {
      if (!w->idle()) return false;
    }
    return true;
  }

 private:
  std::vector<std::unique_ptr<Worker>> members_;
};

double Seconds(codecs::Instant from, codecs::Instant to) {
  return std::max(0.0, std::chrono::duration<double>(to - from).count());
}

// Logs a database problem of a worker at most once per minute (the loop retries).
class ErrorLog {
 public:
  void Report(const char* worker, const std::string& error, MetricsRegistry& m) {
    tm::WorkerErrors(m, worker).Inc();
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::minutes(1)) return;
    last_ = now;
    LogWarn("worker_database_error", {{"worker", worker}, {"error", error}});
  }

 private:
  std::chrono::steady_clock::time_point last_{};
};

// What every worker loop has: the wakeup it waits on, its error log, and the flags its handle
// (WorkerHandle) sets and reads.
struct LoopState {
  explicit LoopState(net::io_context& ioc) : wake(ioc) {}
  Wakeup wake;
  ErrorLog errors;
  std::atomic<bool> stopping{false};
  std::atomic<bool> running{false};
};

// The loop of a batch worker (unpack, inbox, pack): rounds of Impl::Round, each handling up to
// cfg.batch items; after a short round (or a database error, logged as `name`) it waits for a
// poke or the poll interval.
template <class Impl>
awaitable<void> BatchLoop(std::shared_ptr<Impl> self, const char* name) {
  while (!self->stopping) {
    size_t n = 0;
    try {
      n = co_await Impl::Round(self);
    } catch (const std::exception& e) {
      self->errors.Report(name, e.what(), *self->deps.metrics);
    }
    if (n < self->cfg.batch) co_await self->wake.Wait(milliseconds(self->cfg.poll_interval_ms));
  }
  self->running = false;
}

struct UnpackImpl : LoopState {
  UnpackImpl(WorkerDeps d, WorkerConfig c, Worker* del, Worker* in)
      : LoopState(*d.ioc), deps(std::move(d)), cfg(c), delivery(del), inbox(in) {}
  WorkerDeps deps;
  WorkerConfig cfg;
  Worker* delivery;
  Worker* inbox;

  static awaitable<void> Loop(std::shared_ptr<UnpackImpl> self) {
    return BatchLoop(std::move(self), "unpack");
  }

  static awaitable<size_t> Round(std::shared_ptr<UnpackImpl> self) {
    RegisterContext ctx{self->deps.cpas.get(), self->deps.schemas, self->deps.gemeente,
                        self->deps.clock->Now()};
    const size_t limit = self->cfg.batch;
    auto job = [ctx, limit](db::Connection& c) {
      return db::UnpackBatch(c, limit, ctx.now,
                             [&ctx](const db::ReceivedForUnpack& r) { return Unpack(r, ctx); });
    };
    const std::vector<db::UnpackOutcome> outcomes = co_await self->deps.pool->Run(std::move(job));
    const size_t n = outcomes.size();
    bool replies = false;
    bool queued = false;
    for (const db::UnpackOutcome& o : outcomes) {
      queued = queued || (o.bericht && o.bericht->state == "queued");
      MetricsRegistry& m = *self->deps.metrics;
      if (o.bericht) tm::Berichten(m, "in", BerichtLabel(*o.bericht), o.bericht->state).Inc();
      if (o.fo01_in) tm::Berichten(m, "in", "Fo01", "registered").Inc();
      if (o.state == "failed") {
        tm::Berichten(m, "in", "unknown", "failed").Inc();
        LogWarn("unpack_failed", {{"error", o.error.value_or("")}});
      }
      if (o.bericht && o.bericht->state == "xsd_rejected") {
        LogWarn("bericht_xsd_rejected",
                {{"type", BerichtLabel(*o.bericht)},
                 {"stuf_referentienummer", o.bericht->stuf_referentienummer.value_or("")},
                 {"reply", o.reply ? o.reply->message_id : ""}});
      }
      replies = replies || o.reply.has_value();
    }
    if (replies && self->delivery) self->delivery->Poke();
    if (queued && self->inbox) self->inbox->Poke();
    co_return n;
  }
};

// Every deadline Sluis owes and watches (db::SweepDeadlines: 325, retours, payment;
// db::SweepRegieTermijnen: 301/319 decisions, the aanbieder's 302/320; db::SweepHandelsrente:
// the rate lateness is counted with) once per poll interval, with the injected clock; the open
// alerts per kind and severity go to the metrics.
struct DeadlineImpl : LoopState {
  DeadlineImpl(WorkerDeps d, WorkerConfig c, HttpsClient* cl, std::string url)
      : LoopState(*d.ioc), deps(std::move(d)), cfg(c), client(cl), webhook(std::move(url)) {}
  WorkerDeps deps;
  WorkerConfig cfg;
  HttpsClient* client;
  std::string webhook;                                         // empty: no webhook
  std::set<std::pair<std::string, std::string>> alert_labels;  // (kind, severity) ever counted

  static void SetAlertGauges(MetricsRegistry& m, const db::AlertCount& a) {
    const MetricLabels labels{{"kind", a.kind}, {"severity", a.severity}};
    m.GetGauge("sluis_alerts_open", "Open alerts by kind and severity", labels)
        .Set(static_cast<double>(a.count));
    m.GetGauge("sluis_alerts_unacknowledged",
               "Open alerts nobody has acknowledged yet, by kind and severity", labels)
        .Set(static_cast<double>(a.unacknowledged));
  }

  static awaitable<void> Loop(std::shared_ptr<DeadlineImpl> self) {
    while (!self->stopping) {
      try {
        const workflow::TimePoint now = self->deps.clock->Now();
        auto job = [now](db::Connection& c) {
          const workflow::WorkingDayCalendar calendar;
          const db::DeadlineSweepResult own = db::SweepDeadlines(c, {calendar, {}}, now);
          const db::SweepResult regie = db::SweepRegieTermijnen(c, now, calendar);
          db::SweepHandelsrente(c, now);  // the payment deadline's cost needs a current rate
          return std::make_tuple(own, regie, db::CountOpenAlerts(c));
        };
        const auto [own, regie, counts] = co_await self->deps.pool->Run(std::move(job));
        MetricsRegistry& m = *self->deps.metrics;
        // A kind and severity without open alerts is no longer counted: its gauges go to 0.
        std::set<std::pair<std::string, std::string>> now_open;
        for (const db::AlertCount& a : counts) now_open.insert({a.kind, a.severity});
        for (const auto& [kind, severity] : self->alert_labels) {
          if (!now_open.count({kind, severity})) SetAlertGauges(m, {kind, severity, 0, 0});
        }
        for (const db::AlertCount& a : counts) SetAlertGauges(m, a);
        self->alert_labels.insert(now_open.begin(), now_open.end());
        m.GetGauge("sluis_deadlines_watched", "Deadlines not yet met")
            .Set(static_cast<double>(own.watched + regie.watched));
        if (own.escalated > 0 || own.resolved > 0 || !regie.raised.empty()) {
          LogInfo("deadlines_swept", {{"watched", own.watched + regie.watched},
                                      {"escalated", own.escalated},
                                      {"resolved", own.resolved},
                                      {"regie_raised", regie.raised.size()}});
        }
        if (!self->webhook.empty() && self->client) co_await Notify(self);
      } catch (const std::exception& e) {
        self->errors.Report("deadlines", e.what(), *self->deps.metrics);
      }
      co_await self->wake.Wait(milliseconds(self->cfg.poll_interval_ms));
    }
    self->running = false;
  }

  // Posts every alert revision not yet delivered (opened, escalated, resolved) as JSON; a
  // revision counts as delivered on a 2xx answer, otherwise it is tried again next round.
  static awaitable<void> Notify(std::shared_ptr<DeadlineImpl> self) {
    const auto pending = co_await self->deps.pool->Run(
        [](db::Connection& c) { return db::PendingAlertNotifications(c, 100); });
    for (const db::AlertNotification& n : pending) {
      const ClientResult r =
          co_await self->client->Post(self->webhook, "application/json", n.json, {});
      const bool delivered = r.ok() && r.status >= 200 && r.status < 300;
      self->deps.metrics
          ->GetCounter("sluis_alert_webhook_total", "Alert notifications posted to the webhook",
                       {{"outcome", delivered ? "delivered" : "failed"}})
          .Inc();
      if (!delivered) {
        LogWarn("alert_webhook_failed",
                {{"alert_id", n.id}, {"status", r.status}, {"error", r.detail}});
        break;
      }
      const int64_t id = n.id;
      const int revision = n.revision;
      co_await self->deps.pool->Run(
          [&id, &revision](db::Connection& c) { db::MarkAlertNotified(c, id, revision); });
    }
  }
};

struct InboxImpl : LoopState {
  InboxImpl(WorkerDeps d, WorkerConfig c, std::shared_ptr<db::Inbox> i, Worker* p)
      : LoopState(*d.ioc), deps(std::move(d)), cfg(c), inbox(std::move(i)), pack(p) {}
  WorkerDeps deps;
  WorkerConfig cfg;
  std::shared_ptr<db::Inbox> inbox;
  Worker* pack;

  static awaitable<void> Loop(std::shared_ptr<InboxImpl> self) {
    return BatchLoop(std::move(self), "inbox");
  }

  static awaitable<size_t> Round(std::shared_ptr<InboxImpl> self) {
    // Up to `per_transaction` berichten per transaction (ProcessBatch); up to `batch` of
    // them per round.
    auto job = [inbox = self->inbox, clock = self->deps.clock, limit = self->cfg.batch,
                per_tx = self->cfg.per_transaction](db::Connection& c) {
      std::vector<db::InboxResult> out;
      while (out.size() < limit) {
        const size_t max = std::min<size_t>(per_tx, limit - out.size());
        std::vector<db::InboxResult> done = inbox->ProcessBatch(c, *clock, max);
        if (done.empty()) break;
        for (db::InboxResult& r : done) out.push_back(std::move(r));
      }
      return out;
    };
    const std::vector<db::InboxResult> results = co_await self->deps.pool->Run(std::move(job));
    const size_t n = results.size();
    bool answers = false;
    for (const db::InboxResult& r : results) {
      const std::string type(codecs::Functie(r.domein, r.type));
      tm::InboxHandled(*self->deps.metrics, type, r.outcome).Inc();
      if (r.outcome == "failed") {
        LogWarn("inbox_failed",
                {{"bericht_id", r.bericht_id}, {"type", type}, {"detail", r.detail}});
      } else {
        LogDebug("inbox_handled", {{"bericht_id", r.bericht_id},
                                   {"type", type},
                                   {"outcome", r.outcome},
                                   {"answers", r.answers.size()}});
      }
      answers = answers || !r.answers.empty();
    }
    if (answers && self->pack) self->pack->Poke();
    co_return n;
  }
};

struct PackImpl : LoopState {
  PackImpl(WorkerDeps d, WorkerConfig c, Worker* del)
      : LoopState(*d.ioc), deps(std::move(d)), cfg(c), delivery(del) {}
  WorkerDeps deps;
  WorkerConfig cfg;
  Worker* delivery;

  static awaitable<void> Loop(std::shared_ptr<PackImpl> self) {
    return BatchLoop(std::move(self), "pack");
  }

  static awaitable<size_t> Round(std::shared_ptr<PackImpl> self) {
    RegisterContext ctx{self->deps.cpas.get(), self->deps.schemas, self->deps.gemeente,
                        self->deps.clock->Now()};
    const size_t limit = self->cfg.batch;
    auto job = [ctx, limit](db::Connection& c) {
      return db::PackBatch(c, limit, ctx.now,
                           [&ctx](const db::BerichtForPacking& b) { return Pack(b, ctx); });
    };
    const std::vector<db::PackOutcome> outcomes = co_await self->deps.pool->Run(std::move(job));
    const size_t n = outcomes.size();
    bool packed = false;
    for (const db::PackOutcome& o : outcomes) {
      tm::Berichten(*self->deps.metrics, "out",
                    o.outbox ? o.outbox->action : std::string("unknown"),
                    o.packed ? "packed" : "dead")
          .Inc();
      if (!o.packed) LogError("pack_failed", {{"error", o.error}});
      packed = packed || o.packed;
    }
    if (packed && self->delivery) self->delivery->Poke();
    co_return n;
  }
};

struct DeliveryImpl : LoopState {
  DeliveryImpl(WorkerDeps d, OutboxConfig c, HttpsClient* cl)
      : LoopState(*d.ioc), deps(std::move(d)), cfg(std::move(c)), client(cl) {
    if (cfg.worker_id.empty()) cfg.worker_id = DefaultWorkerId();
  }
  WorkerDeps deps;
  OutboxConfig cfg;
  HttpsClient* client;
  std::atomic<uint32_t> in_flight{0};
  std::mutex mu;
  std::vector<db::AttemptResult> results;

  static awaitable<void> Flush(std::shared_ptr<DeliveryImpl> self) {
    std::vector<db::AttemptResult> batch;
    {
      std::lock_guard<std::mutex> lock(self->mu);
      batch.swap(self->results);
    }
    if (batch.empty()) co_return;
    try {
      // Named: GCC 12 relocates closure temporaries in co_await expressions bitwise.
      auto job = [batch](db::Connection& c) { db::RecordAttempts(c, batch); };
      co_await self->deps.pool->Run(std::move(job));
    } catch (const std::exception& e) {
      // The rows stay leased until their lease ends and are then sent again; the receiver
      // eliminates the duplicate.
      LogError("outbox_record_failed", {{"rows", batch.size()}, {"error", e.what()}});
      tm::WorkerErrors(*self->deps.metrics, "delivery").Inc();
    }
  }

  static awaitable<void> Send(std::shared_ptr<DeliveryImpl> self, db::OutboxItem item) {
    ClientResult r;
    // Built outside the co_await: GCC 12 miscompiles braced string literals in coroutines.
    std::vector<std::pair<std::string, std::string>> headers;
    headers.emplace_back("SOAPAction", std::string("\"ebXML\""));
    try {
      auto post =
          self->client->Post(item.endpoint, item.content_type, item.body, std::move(headers));
      r = co_await std::move(post);
    } catch (const std::exception& e) {
      r.error = ClientResult::Error::kIo;
      r.detail = e.what();
    }
    const AttemptVerdict v = JudgeAttempt(item, r);
    const codecs::Instant now = self->deps.clock->Now();
    MetricsRegistry& m = *self->deps.metrics;
    tm::OutboxAttempts(m, item.kind, db::AttemptOutcomeName(v.outcome)).Inc();
    tm::EbmsMessages(m, "out", item.kind, item.action, db::AttemptOutcomeName(v.outcome)).Inc();
    if (v.outcome == db::AttemptOutcome::kRetry) tm::OutboxRetries(m).Inc();
    if (v.outcome == db::AttemptOutcome::kAcknowledged) {
      tm::SendToAck(m).Observe(Seconds(item.first_attempt_at, now));
    }
    if (v.outcome == db::AttemptOutcome::kDelivered && item.kind == "acknowledgment") {
      tm::StoreToAck(m, "async").Observe(Seconds(item.created_at, now));
    }
    if (v.outcome == db::AttemptOutcome::kRetry || v.outcome == db::AttemptOutcome::kFailed) {
      LogWarn("outbox_attempt_failed", {{"message_id", item.message_id},
                                        {"kind", item.kind},
                                        {"endpoint", item.endpoint},
                                        {"attempt", item.attempts},
                                        {"max_retries", item.max_retries},
                                        {"outcome", db::AttemptOutcomeName(v.outcome)},
                                        {"error", v.error}});
    }
    {
      std::lock_guard<std::mutex> lock(self->mu);
      self->results.push_back({item.id, v.outcome, now, r.status, v.error});
    }
    --self->in_flight;
    self->wake.Poke();
  }

  static awaitable<void> Loop(std::shared_ptr<DeliveryImpl> self) {
    const milliseconds poll(self->cfg.poll_interval_ms);
    while (!self->stopping) {
      co_await Flush(self);
      bool more = false;
      const uint32_t busy = self->in_flight.load();
      if (busy < self->cfg.max_in_flight) {
        const size_t limit =
            std::min<size_t>(self->cfg.max_in_flight - busy, self->cfg.claim_batch);
        db::ClaimResult claimed;
        bool failed = false;
        try {
          const codecs::Instant now = self->deps.clock->Now();
          const std::string id = self->cfg.worker_id;
          const milliseconds lease(self->cfg.lease_ms);
          auto job = [=](db::Connection& c) { return db::ClaimOutbox(c, id, limit, now, lease); };
          claimed = co_await self->deps.pool->Run(std::move(job));
        } catch (const std::exception& e) {
          self->errors.Report("delivery", e.what(), *self->deps.metrics);
          failed = true;
        }
        if (failed) {
          co_await self->wake.Wait(poll);
          continue;
        }
        for (const db::DeadLetter& d : claimed.dead) {
          tm::OutboxDeadLetters(*self->deps.metrics).Inc();
          LogError("outbox_dead_letter", {{"message_id", d.message_id},
                                          {"kind", d.kind},
                                          {"action", d.action},
                                          {"cpa_id", d.cpa_id},
                                          {"attempts", d.attempts}});
        }
        for (db::OutboxItem& item : claimed.to_send) {
          ++self->in_flight;
          net::co_spawn(net::make_strand(*self->deps.ioc), Send(self, std::move(item)),
                        net::detached);
        }
        more = claimed.to_send.size() == limit;
      }
      if (!more) co_await self->wake.Wait(poll);
    }
    // Let the sends in flight finish (each is bounded by the client's timeouts), record them.
    while (self->in_flight.load() > 0) co_await self->wake.Wait(milliseconds(50));
    co_await Flush(self);
    self->running = false;
  }
};

}  // namespace

std::string DefaultWorkerId() {
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "sluisd");
  return std::string(host) + ":" + std::to_string(getpid());
}

std::unique_ptr<Worker> MakeUnpackWorker(WorkerDeps deps, WorkerConfig config, Worker* delivery,
                                         Worker* inbox) {
  return std::make_unique<WorkerHandle<UnpackImpl>>(
      std::make_shared<UnpackImpl>(std::move(deps), config, delivery, inbox));
}

std::unique_ptr<Worker> MakeInboxWorker(WorkerDeps deps, WorkerConfig config,
                                        std::shared_ptr<db::Inbox> inbox, Worker* pack) {
  std::vector<std::unique_ptr<Worker>> loops;
  for (uint32_t i = 0; i < std::max<uint32_t>(1, config.workers); ++i) {
    loops.push_back(std::make_unique<WorkerHandle<InboxImpl>>(
        std::make_shared<InboxImpl>(deps, config, inbox, pack)));
  }
  return std::make_unique<WorkerGroup>(std::move(loops));
}

std::unique_ptr<Worker> MakeDeadlineWorker(WorkerDeps deps, WorkerConfig config,
                                           HttpsClient* client, std::string webhook_url) {
  return std::make_unique<WorkerHandle<DeadlineImpl>>(
      std::make_shared<DeadlineImpl>(std::move(deps), config, client, std::move(webhook_url)));
}

std::unique_ptr<Worker> MakePackWorker(WorkerDeps deps, WorkerConfig config, Worker* delivery) {
  return std::make_unique<WorkerHandle<PackImpl>>(
      std::make_shared<PackImpl>(std::move(deps), config, delivery));
}

std::unique_ptr<Worker> MakeDeliveryWorker(WorkerDeps deps, OutboxConfig config,
                                           HttpsClient* client) {
  return std::make_unique<WorkerHandle<DeliveryImpl>>(
      std::make_shared<DeliveryImpl>(std::move(deps), std::move(config), client));
}

}  // namespace sluis::gateway
