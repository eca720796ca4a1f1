#include "transport_env.h"

#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "process.h"
#include "test_env.h"
#include "tls_client.h"

namespace sluis::testing {

namespace {

std::map<std::string, std::string> ReadOins(const std::string& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const size_t eq = line.find('=');
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

}  // namespace

TransportEnv::TransportEnv(TransportOptions options) : options_(std::move(options)) {
  const std::string pki = TestPkiDir();
  oins_ = ReadOins(pki + "/oins.env");
  dir_ = MakeTempDir("transport");
  sim::SimulatorOptions so;
  so.cpa_file = dir_ + "/cpa.xml";
  so.party_id = oins_["GGK_OIN"];
  so.tls = {pki + "/" + options_.sim_certificate + "-chain.pem",
            pki + "/" + options_.sim_certificate + ".key", pki + "/ca-bundle.pem"};
  so.store_dir = dir_ + "/sim-received";
  so.io_threads = 2;
  so.answer = options_.answer;

  // The simulator's port goes into the CPA, so bind first: a simulator needs the CPA to start,
  // so reserve its port with a first CPA, then write the real one.
  cpa_path_ = so.cpa_file;
  cpa_id_ = "sluis_ggk_test";
  auto write_cpa = [&](uint16_t sim_port) {
    const RunResult r =
        RunCommand({SluisCliPath(),
                    "cpa",
                    "dev",
                    "--pki",
                    pki,
                    "--out",
                    cpa_path_,
                    "--cpa-id",
                    cpa_id_,
                    "--ggk-cert",
                    pki + "/" +
                        (options_.cpa_ggk_certificate.empty() ? options_.sim_certificate
                                                              : options_.cpa_ggk_certificate) +
                        ".pem",
                    "--ggk-url",
                    "https://localhost:" + std::to_string(sim_port) + "/ebms",
                    "--gemeente-url",
                    "https://localhost:8443/ebms",
                    "--sync-reply",
                    options_.sync_reply,
                    "--retries",
                    std::to_string(options_.retries),
                    "--retry-interval",
                    options_.retry_interval,
                    "--persist-duration",
                    options_.persist_duration,
                    "--shared",
                    SharedDir()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  };
  write_cpa(1);
  sim_ = std::make_unique<sim::Simulator>(so);
  sim_->Start();
  write_cpa(sim_->port());

  SluisdOptions d;
  d.extra_config =
      "[gemeente]\ngemeentecodes = [\"0363\", \"0599\", \"0384\"]\n"
      "[[ggk]]\ncpa_file = \"" +
      cpa_path_ + "\"\nparty_id = \"" + oins_["SLUIS_OIN"] +
      "\"\n"
      "[outbox]\npoll_interval_ms = 100\nconnect_timeout_ms = 2000\n"
      "request_timeout_ms = 5000\nenabled = " +
      std::string(options_.outbox ? "true" : "false") +
      "\n"
      "[unpack]\npoll_interval_ms = 100\n[pack]\npoll_interval_ms = 100\n"
      "[inbox]\npoll_interval_ms = 100\nenabled = " +
      std::string(options_.inbox ? "true" : "false") + "\n" +
      (options_.alert_webhook ? "[deadlines]\npoll_interval_ms = 100\nwebhook_url = \"https://"
                                "localhost:" +
                                    std::to_string(sim_->port()) + "/alerts\"\n"
                              : std::string()) +
      options_.extra_config;
  sluisd_ = std::make_unique<SluisdProcess>(d);
  if (options_.start_sluisd) {
    EXPECT_TRUE(sluisd_->Start());
    sim_->SetPeerUrl("https://localhost:" + std::to_string(sluisd_->ebms_port()) + "/ebms");
  }
}

TransportEnv::~TransportEnv() {
  sluisd_.reset();  // stops sluisd (and checks its stderr for sanitizer reports)
  sim_.reset();
}

std::string TransportEnv::WaitFor(const std::string& sql, const std::string& want,
                                  std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string got;
  for (;;) {
    got = schema().Query(sql);
    if (got == want || std::chrono::steady_clock::now() > deadline) return got;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::string TransportEnv::WaitForValue(const std::string& sql, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string got;
  for (;;) {
    got = schema().Query(sql);
    if (!got.empty() || std::chrono::steady_clock::now() > deadline) return got;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::string TransportEnv::Metrics() {
  const HttpResult r = HttpsRequest(
      sluisd_->admin_port(), {.ca_file = TestPkiDir() + "/ca-bundle.pem"}, "GET", "/metrics");
  return r.body;
}

sim::TrafficItem Example(const std::string& functie, const std::string& fault) {
  sim::ExampleTrafficOptions o;
  o.shared_dir = SharedDir();
  o.functies = {functie};
  o.fault_share = fault.empty() ? 0 : 1;
  o.seed = fault == "level2" ? 2 : 1;
  for (uint64_t seed = 1; seed < 64; ++seed) {
    o.seed = seed;
    auto source = sim::MakeExampleTraffic(o);
    sim::TrafficItem item = *source->Next();
    if (item.fault == fault) return item;
  }
  ADD_FAILURE() << "no " << functie << " with fault '" << fault << "'";
  return {};
}

}  // namespace sluis::testing
