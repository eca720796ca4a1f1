// The GGk simulator: the other side of Sluis for ./ops/run, the end-to-end tests and the
// benchmarks. It has its own certificate, OIN and the same CPA (seen from the GGk side), and
//   - runs an HTTPS ebMS endpoint (two-way TLS, the gateway's own listener code) that
//     acknowledges, per the CPA (in the HTTP answer or asynchronously), everything Sluis sends,
//     eliminates duplicates, and keeps what it received (in memory and, when asked, as files);
//   - sends business messages (StUF Di01/Du01 around an iWmo/iJw payload from a TrafficSource)
//     over keep-alive two-way TLS, and tracks their Acknowledgments;
//   - runs as a bounded load generator (rate, duration, count) measuring send-to-Acknowledgment
//     latency, and, when Sluis answers a 305 with a 306, 305-to-306 latency.
// It runs its own io_context threads; every public method is thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/tls.h"
#include "traffic.h"

namespace sluis::sim {

// A business message Sluis sent us (duplicates counted, stored once).
struct ReceivedMessage {
  std::string message_id;
  std::string action;
  std::string soort;  // Di01 | Du01 | Fo01 | "" (not StUF)
  std::string functie;
  std::string referentienummer;
  std::string cross_refnummer;
  std::string fo01_code;
  std::string payload;  // the iWmo/iJw XML (Di01/Du01), or the Fo01 document
  int deliveries = 0;   // how often it arrived (1 + duplicates)
  std::chrono::steady_clock::time_point first_seen;
};

struct SimulatorOptions {
  std::string cpa_file;  // the CPA (required)
  std::string party_id;  // our (the GGk's) PartyId in it (required)
  std::string party_id_type = "urn:osb:oin";
  gateway::TlsFiles tls;  // our certificate, key, and the CA bundle
  std::string listen_address = "127.0.0.1";
  uint16_t port = 0;      // 0: any free port
  std::string peer_url;   // Sluis' endpoint; empty: from the CPA
  std::string store_dir;  // keep received messages as files here
  std::string service;    // empty: the CPA's one service
  std::string action_di01 = "ggk_Di01";
  std::string action_du01 = "ggk_Du01";
  std::string action_fo01 = "Fo01";
  std::string gemeente_applicatie = "Sluis";  // StUF ontvanger/applicatie we address
  uint32_t io_threads = 1;
  // Called once for every new business message from Sluis (on an I/O thread, so quick); what
  // it returns is sent back to Sluis (e.g. a 302 on a 301), outside any load's figures.
  std::function<std::optional<TrafficItem>(const ReceivedMessage&)> answer;
};

struct SendResult {
  std::string message_id;
  std::string referentienummer;
  int http_status = 0;
  std::string error;          // transport error, or the refusal
  bool acknowledged = false;  // an Acknowledgment came in the HTTP answer
  bool message_error = false;
};

struct LoadOptions {
  double rate = 0;              // messages per second; 0: as fast as `concurrency` allows
  double duration_seconds = 0;  // stop sending after this long (0: no limit)
  uint64_t count = 0;           // stop after this many messages (0: no limit)
  uint32_t concurrency = 32;    // messages in flight at once
  double drain_seconds = 10;    // after sending, wait this long for Acknowledgments and answers
  bool wait_answers = false;    // also wait (within drain_seconds) for a 306 to every 305 sent
};

struct LoadReport {
  uint64_t sent = 0;          // HTTP exchange completed with 2xx
  uint64_t failed = 0;        // transport error or non-2xx
  uint64_t acknowledged = 0;  // Acknowledgments matched (sync or async)
  uint64_t message_errors = 0;
  double send_seconds = 0;         // from the first send to the last
  double messages_per_second = 0;  // acknowledged / (first send .. last acknowledgment)
  double ack_p50_ms = 0, ack_p99_ms = 0, ack_max_ms = 0;  // send -> Acknowledgment
  uint64_t answered = 0;  // 305s answered with a 306 (Du01 with our referentienummer)
  double answer_p50_ms = 0, answer_p99_ms = 0;
  uint64_t sent_305 = 0;
  double answers_per_second = 0;  // answered / (first send .. last 306 received)
  std::string ToJson() const;
};

class Simulator {
 public:
  // Throws std::runtime_error when the CPA or the certificates cannot be used.
  explicit Simulator(SimulatorOptions options);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  void Start();  // listens and runs the threads; throws when the address cannot be bound
  void Stop();   // closes the listener and connections (a later Start listens again)
  uint16_t port() const;
  std::string url() const;  // https://localhost:<port>/ebms
  void SetPeerUrl(std::string url);

  // A business message built as Send would send it (new referentienummer and MessageId), not
  // sent; Send(item) = Post(Build(item)).
  struct Built {
    std::string message_id;
    std::string referentienummer;
    std::string functie;
    std::string content_type;
    std::string body;
    std::string error;  // could not be built
  };
  Built Build(const TrafficItem& item);
  // Sends one message and waits for the HTTP answer.
  SendResult Send(const TrafficItem& item);
  SendResult Post(const Built& message);
  // Acknowledgments (sync or async) that arrived for one of our MessageIds, duplicates included.
  int AckCount(const std::string& message_id) const;
  // Sends raw bytes to Sluis (tests of the listener).
  struct RawResult {
    int status = 0;
    std::string error, content_type, body;
  };
  RawResult PostRaw(const std::string& content_type, const std::string& body);

  // Sends what `source` gives within the bounds of `options`; blocks until done and drained.
  LoadReport RunLoad(TrafficSource& source, const LoadOptions& options);

  // Waits until an Acknowledgment (sync or async) for message_id has come, or a MessageError.
  bool WaitAcknowledged(const std::string& message_id, std::chrono::milliseconds timeout);
  bool Acknowledged(const std::string& message_id) const;
  // What Sluis sent us, in order of first arrival.
  std::vector<ReceivedMessage> Received() const;
  // The bodies POSTed to /alerts: the simulator doubles as the operations team's alert webhook
  // (sluisd's [deadlines] webhook_url), kept in order and appended to store_dir/alerts.jsonl.
  std::vector<std::string> Alerts() const;
  bool WaitAlerts(size_t n, std::chrono::milliseconds timeout) const;
  // Waits until at least n distinct messages have arrived.
  bool WaitReceived(size_t n, std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace sluis::sim
