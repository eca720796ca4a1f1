// A transport test bed: the GGk simulator in this process, a dev CPA made by `sluis cpa dev`,
// and a real sluisd (its own schema) with a [[ggk]] connection to the simulator.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "simulator.h"
#include "sluisd_process.h"

namespace sluis::testing {

struct TransportOptions {
  std::string sync_reply = "none";  // the CPA's syncReplyMode: none | mshSignalsOnly
  int retries = 3;
  std::string retry_interval = "PT1S";
  std::string persist_duration = "PT30S";
  std::string sim_certificate = "ggk";  // the simulator's certificate in the test PKI
  std::string cpa_ggk_certificate;      // the GGk certificate in the CPA (default: the sim's)
  std::string extra_config;             // more TOML for sluisd
  bool outbox = true;                   // sluisd delivers its outbox
  bool inbox = false;                   // sluisd runs the workflow's inbox (323 -> 325)
  bool start_sluisd = true;
  bool alert_webhook = false;  // sluisd posts its alerts to the simulator's /alerts
  // The simulator's answer to what Sluis sends (sim::SimulatorOptions::answer): e.g. a 302 on
  // every 301 (sim::AnswerTo). Empty: the simulator only acknowledges.
  std::function<std::optional<sim::TrafficItem>(const sim::ReceivedMessage&)> answer;
};

class TransportEnv {
 public:
  explicit TransportEnv(TransportOptions options = {});
  ~TransportEnv();

  sim::Simulator& sim() { return *sim_; }
  SluisdProcess& sluisd() { return *sluisd_; }
  TestSchema& schema() { return sluisd_->schema(); }
  const std::string& cpa_path() const { return cpa_path_; }
  const std::string& cpa_id() const { return cpa_id_; }
  std::map<std::string, std::string> oins() const { return oins_; }

  // Polls `sql` (first column of the first row) until it equals `want` or the timeout passes;
  // returns the last value.
  std::string WaitFor(const std::string& sql, const std::string& want,
                      std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // Polls `sql` until it gives a non-empty value or the timeout passes; returns the last value.
  std::string WaitForValue(const std::string& sql,
                           std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // GET on the admin listener.
  std::string Metrics();

 private:
  TransportOptions options_;
  std::string dir_, cpa_path_, cpa_id_;
  std::map<std::string, std::string> oins_;
  std::unique_ptr<sim::Simulator> sim_;
  std::unique_ptr<SluisdProcess> sluisd_;
};

// A payload from the official examples with new identities (sim::MakeExampleTraffic).
sim::TrafficItem Example(const std::string& functie, const std::string& fault = "");

}  // namespace sluis::testing
