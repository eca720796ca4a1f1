// The transport's background work, each a coroutine on its own strand that polls the database
// and can be woken early (Poke) when this process committed something for it:
//   UnpackWorker:   ebms_received -> bericht (ebms/register.h Unpack)
//   InboxWorker:    bericht (in, queued) -> the workflow (db::Inbox): 323s judged, 325s queued
//   PackWorker:     bericht (out, queued) -> ebms_outbox (Pack)
//   DeliveryWorker: ebms_outbox -> HTTPS POST to the CPA endpoint, results recorded in batches;
//                   dead letters and failures raise alerts (db/). Several sluisd processes may
//                   run these on one database: rows are claimed FOR UPDATE SKIP LOCKED with a
//                   lease, so a message is never sent by two processes at once.
#pragma once

#include <utility>  // before Asio 1.18 headers

#include <atomic>
#include <memory>
#include <string>

#include "clock.h"
#include "config.h"
#include "ebms/cpa_registry.h"

namespace boost::asio {
class io_context;
}
namespace sluis::codecs {
class SchemaSet;
}
namespace sluis::db {
class Inbox;
}

namespace sluis::gateway {

class DbPool;
class HttpsClient;
class MetricsRegistry;

struct WorkerDeps {
  boost::asio::io_context* ioc = nullptr;
  DbPool* pool = nullptr;
  const Clock* clock = nullptr;
  MetricsRegistry* metrics = nullptr;
  std::shared_ptr<const CpaRegistry> cpas;
  const codecs::SchemaSet* schemas = nullptr;
  const GemeenteConfig* gemeente = nullptr;
};

class Worker {
 public:
  virtual ~Worker() = default;
  virtual void Start() = 0;
  // Asks the loop to end after its current step; safe from any thread.
  virtual void Stop() = 0;
  // Wakes the loop now instead of at its next poll; safe from any thread.
  virtual void Poke() = 0;
  // The loop has ended (after Stop) and nothing it started is still running.
  virtual bool idle() const = 0;
};

// `inbox` (may be null) is woken when unpacking registered new berichten.
std::unique_ptr<Worker> MakeUnpackWorker(WorkerDeps deps, WorkerConfig config, Worker* delivery,
                                         Worker* inbox = nullptr);
// Runs db::Inbox::ProcessBatch (`config.per_transaction` berichten per transaction) until
// nothing is queued, in `config.workers` loops at once (the claim keeps each aanbieder's
// berichten in order); wakes `pack` when answers were queued.
std::unique_ptr<Worker> MakeInboxWorker(WorkerDeps deps, WorkerConfig config,
                                        std::shared_ptr<db::Inbox> inbox, Worker* pack);
// Sweeps every deadline (db/deadlines.h, db/verzoeken.h) each poll interval and posts new alert
// revisions to `webhook_url` (https; empty: none) with `client`.
std::unique_ptr<Worker> MakeDeadlineWorker(WorkerDeps deps, WorkerConfig config,
                                           HttpsClient* client, std::string webhook_url);
std::unique_ptr<Worker> MakePackWorker(WorkerDeps deps, WorkerConfig config, Worker* delivery);
std::unique_ptr<Worker> MakeDeliveryWorker(WorkerDeps deps, OutboxConfig config,
                                           HttpsClient* client);

// "host:pid", the default outbox worker id.
std::string DefaultWorkerId();

}  // namespace sluis::gateway
