// The receiving side of Sluis' ebMS Message Service Handler (ebms2-digikoppeling §6): one
// HTTP request on the ebMS listener in, one answer out. The order:
//   CheckHttpRequest -> DecodeMessage -> CPA lookup -> client certificate belongs to the sender
//   (else SecurityFailure) -> ValidateInbound -> in ONE transaction (group-commit writer):
//   ebms_received row + the asynchronous answer in ebms_outbox, or the effect of a signal ->
//   only then 204 (async) or 200 with the signal (mshSignalsOnly).
// A commit that fails gets 503 and no Acknowledgment; a MessageId seen before with the same
// bytes gets its stored answer again (never processed twice), with other bytes 500. Every
// refusal is logged with peer and reason and the request is kept in ebms_refused.
//
// The certificate check runs before the duplicate lookup (ebms-core looks duplicates up first):
// a replay by another certificate holder must not make us resend anything.
#pragma once

#include <utility>  // before Asio 1.18 headers

#include <functional>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "clock.h"
#include "ebms/cpa_registry.h"
#include "net/http_types.h"

namespace sluis::db {
class GroupCommitWriter;
}

namespace sluis::gateway {

class DbPool;
class MetricsRegistry;

class Msh {
 public:
  struct Deps {
    std::shared_ptr<const CpaRegistry> cpas;
    DbPool* pool = nullptr;
    db::GroupCommitWriter* writer = nullptr;
    const Clock* clock = nullptr;
    MetricsRegistry* metrics = nullptr;
  };
  explicit Msh(Deps deps);

  // By value: a coroutine owns its arguments.
  boost::asio::awaitable<HttpResponse> Handle(HttpRequest req);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace sluis::gateway
