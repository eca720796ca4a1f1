// The transport's Prometheus series, named in one place (gateway/README.md lists them).
#pragma once

#include <string>

#include "metrics.h"

namespace sluis::gateway::tm {

inline Counter& EbmsMessages(MetricsRegistry& m, const std::string& direction,
                             const std::string& kind, const std::string& action,
                             const std::string& outcome) {
  return m.GetCounter(
      "sluis_ebms_messages_total", "ebMS messages by direction (in|out), kind, action and outcome",
      {{"direction", direction}, {"kind", kind}, {"action", action}, {"outcome", outcome}});
}

inline Counter& Berichten(MetricsRegistry& m, const std::string& direction, const std::string& type,
                          const std::string& outcome) {
  return m.GetCounter("sluis_berichten_total",
                      "iWmo/iJw berichten registered (in) or packed (out) by type and outcome",
                      {{"direction", direction}, {"type", type}, {"outcome", outcome}});
}

// The workflow's inbox: incoming berichten handled (processed | held | failed).
inline Counter& InboxHandled(MetricsRegistry& m, const std::string& type,
                             const std::string& outcome) {
  return m.GetCounter("sluis_inbox_handled_total",
                      "Incoming berichten handled by the workflow's inbox by type and outcome",
                      {{"type", type}, {"outcome", outcome}});
}

// Inbound: from the request to its Acknowledgment (sync: the HTTP answer, after the commit;
// async: the Acknowledgment delivered to the sender).
inline Histogram& StoreToAck(MetricsRegistry& m, const std::string& mode) {
  return m.GetHistogram("sluis_ebms_store_to_ack_seconds",
                        "From receiving a message to its Acknowledgment leaving (mode sync|async)",
                        LatencyBuckets(), {{"mode", mode}});
}

// Outbound: from the first attempt to the Acknowledgment of our business message.
inline Histogram& SendToAck(MetricsRegistry& m) {
  return m.GetHistogram("sluis_ebms_send_to_ack_seconds",
                        "From the first send of a business message to its Acknowledgment",
                        LatencyBuckets());
}

inline Histogram& InboundSeconds(MetricsRegistry& m) {
  return m.GetHistogram("sluis_ebms_inbound_request_seconds",
                        "Handling time of a request on the ebMS listener, commit included",
                        LatencyBuckets());
}

inline Counter& OutboxRetries(MetricsRegistry& m) {
  return m.GetCounter("sluis_outbox_retries_total",
                      "Outbox attempts that failed and will be retried");
}

inline Counter& OutboxDeadLetters(MetricsRegistry& m) {
  return m.GetCounter("sluis_outbox_dead_letters_total",
                      "Outbox messages moved to dead (PersistDuration passed without "
                      "Acknowledgment)");
}

inline Counter& OutboxAttempts(MetricsRegistry& m, const std::string& kind,
                               const std::string& outcome) {
  return m.GetCounter("sluis_outbox_attempts_total", "Outbox send attempts by kind and outcome",
                      {{"kind", kind}, {"outcome", outcome}});
}

inline Counter& HttpRefused(MetricsRegistry& m, const std::string& listener,
                            const std::string& reason) {
  return m.GetCounter("sluis_http_refused_total", "Requests refused by a listener, by reason",
                      {{"listener", listener}, {"reason", reason}});
}

inline Counter& TlsHandshakeFailures(MetricsRegistry& m, const std::string& listener,
                                     const std::string& reason) {
  return m.GetCounter("sluis_tls_handshake_failures_total", "Failed TLS handshakes by reason",
                      {{"listener", listener}, {"reason", reason}});
}

inline Counter& WorkerErrors(MetricsRegistry& m, const std::string& worker) {
  return m.GetCounter("sluis_worker_errors_total",
                      "Database errors in the background workers (retried)", {{"worker", worker}});
}

}  // namespace sluis::gateway::tm
